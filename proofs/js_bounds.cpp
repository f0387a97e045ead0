// Claim: 0 ≤ JS(p, q) ≤ ln 2 (gibbs::property::js_bounds: the lower bound exact, the upper one up
// to 16·ε(T)·ln 2) for every pair of the 2-point grid k/16 and of the 3-point grid k/4 in float
// and double; the upper bound is reached for disjoint supports, the lower one (exactly 0) for
// p = q, which are checked in every type. (In the slow types one JS of 2 points with masses
// strictly inside (0, 1) evaluates 8 logarithms through the multiprecision fallback, more than
// clang's default 1048576 steps for one constant evaluation; see proof.hpp.)
//
// Reference value: ln 2 = 0.693147180559945309417232121458176568… (Python:
//   python3 -c "from decimal import *; getcontext().prec=40; print(Decimal(2).ln())"),
// split into three doubles as in worked_example.cpp.
#include "proof.hpp"

#include "gibbs/measure/jensen_shannon.hpp"
#include "gibbs/property/divergence.hpp"

namespace {

struct js_law {
  template <class P, class Q>
  constexpr bool operator()(const P& p, const Q& q) const {
    return static_cast<bool>(gibbs::property::js_bounds(p, q));
  }
};

} // namespace

void js_bounds_proof() {
  using namespace gibbs::proofs;
  hana::for_each(number_types, [](auto t) {
    using T = type_of<decltype(t)>;
    if constexpr (fast_math<T>) {
      static_assert(holds_for_all_pairs<T, 2, 16, js_law, pairs_per_chunk<T>>,
                    "Jensen-Shannon must stay in [0, ln 2] for every pair of 2-point "
                    "distributions with masses k/16.");
      static_assert(holds_for_all_pairs<T, 3, 4, js_law, pairs_per_chunk<T>>,
                    "Jensen-Shannon must stay in [0, ln 2] for every pair of 3-point "
                    "distributions with masses k/4.");
    }
    constexpr std::array<T, 2> left{T(1), T(0)}, right{T(0), T(1)};
    constexpr T disjoint = gibbs::jensen_shannon(left, right);
    // ln 2 as hi + mid + lo doubles (≈ 160 bits), summed in T
    constexpr T ln2 =
        T(0x1.62e42fefa39efp-1) + T(0x1.abc9e3b39803fp-56) + T(0x1.7b57a079a1934p-111);
    constexpr T ln2_lo = ln2 - T(16) * std::numeric_limits<T>::epsilon();
    constexpr T ln2_hi = ln2 + T(16) * std::numeric_limits<T>::epsilon();
    static_assert(ln2_lo <= disjoint && disjoint <= ln2_hi,
                  "JS of two distributions with disjoint supports must be ln 2 = 0.693147...");
    static_assert(gibbs::jensen_shannon(left, left) == T(0), "JS(p, p) must be exactly 0.");
  });
}
