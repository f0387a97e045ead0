// Claim: H(p, q) ≥ H(p) — no code built for q is shorter on average than the one built for p —
// up to 16·ε(T)·(H(p, q) + H(p) + 1) (gibbs::property::cross_entropy_bounds_entropy; Σp = Σq = 1
// exactly on these grids, so no mass defect), for every pair of the 2-point grid k/16 and of the
// 3-point grid k/4 in float and double, and of the 2-point grid k/4 in the slow types (proof.hpp).
// Also H(p, p) == H(p) exactly: both are the same sum of the same terms.
//
// No reference values: the claim is an inequality.
#include "proof.hpp"

#include "gibbs/measure/cross_entropy.hpp"
#include "gibbs/measure/entropy.hpp"
#include "gibbs/property/divergence.hpp"

namespace {

struct bound_law {
  template <class P, class Q>
  constexpr bool operator()(const P& p, const Q& q) const {
    return static_cast<bool>(gibbs::property::cross_entropy_bounds_entropy(p, q));
  }
};

} // namespace

void cross_entropy_bounds_entropy_proof() {
  using namespace gibbs::proofs;
  hana::for_each(number_types, [](auto t) {
    using T = type_of<decltype(t)>;
    static_assert(
        holds_for_all_pairs<T, 2, grid2_denominator<T>, bound_law, pairs_per_chunk<T> / 2 + 1>,
        "Cross-entropy must bound entropy: H(p, q) >= H(p) for every pair of 2-point "
        "distributions with masses k/D.");
    if constexpr (fast_math<T>) {
      static_assert(holds_for_all_pairs<T, 3, 4, bound_law, pairs_per_chunk<T> / 2>,
                    "Cross-entropy must bound entropy: H(p, q) >= H(p) for every pair of 3-point "
                    "distributions with masses k/4.");
    }
    constexpr std::array<T, 3> p{T(0.125), T(0.375), T(0.5)};
    static_assert(gibbs::cross_entropy(p, p) == gibbs::entropy(p),
                  "H(p, p) must be exactly H(p): both are the same sum of the same terms.");
  });
}
