// Claim: H(p, q)² ≤ TV(p, q) ≤ √2·H(p, q) (gibbs::property::hellinger_total_variation, up to
// 16·ε(T)·(TV + H² + √2·H)) for every pair of the 2-point grid k/16 and of the 3-point grid k/4
// in float and double and of the 2-point grid k/4 in the slow types. The lower bound is an
// equality for disjoint supports (H² = TV = 1), checked with == in every type.
//
// No reference values: the claims are inequalities.
#include "distance_cases.hpp"

namespace {

struct hellinger_tv_law {
  template <class P, class Q>
  constexpr bool operator()(const P& p, const Q& q) const {
    return static_cast<bool>(gibbs::property::hellinger_total_variation(p, q));
  }
};

} // namespace

void hellinger_total_variation_proof() {
  using namespace gibbs::proofs;
  hana::for_each(number_types, [](auto t) {
    using T = type_of<decltype(t)>;
    static_assert(holds_for_all_pairs<T, 2, grid2_denominator<T>, hellinger_tv_law, 8>,
                  "H^2 <= TV <= sqrt(2) H must hold for every pair of 2-point distributions with "
                  "masses k/D.");
    if constexpr (fast_math<T>) {
      static_assert(holds_for_all_pairs<T, 3, 4, hellinger_tv_law, 16>,
                    "H^2 <= TV <= sqrt(2) H must hold for every pair of 3-point distributions "
                    "with masses k/4.");
    }
    constexpr std::array<T, 2> a{T(1), T(0)}, b{T(0), T(1)};
    constexpr T h = gibbs::hellinger(a, b);
    static_assert(h * h == gibbs::total_variation(a, b),
                  "H^2 = TV must hold exactly for disjoint supports (both are 1).");
  });
}
