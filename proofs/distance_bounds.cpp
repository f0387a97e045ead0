// Claim (bounds of the distances): 0 ≤ TV(p, q) ≤ 1 and 0 ≤ H(p, q) ≤ 1
// (gibbs::property::total_variation_bounds and hellinger_bounds: the lower bounds exact, the upper
// ones up to 16·ε(T)), for every pair of the 2-point grid k/16 and of the 3-point grid k/4 in
// float and double and of the 2-point grid k/4 in the slow types (both measures cost no logarithm:
// Hellinger's roots are a few thousand steps); both upper bounds are reached exactly for disjoint
// supports, which is checked in every type with ==.
//
// No reference values: the claims are inequalities and exact values (1 and 0).
#include "distance_cases.hpp"

namespace {

struct bounds_law {
  template <class P, class Q>
  constexpr bool operator()(const P& p, const Q& q) const {
    return static_cast<bool>(gibbs::property::total_variation_bounds(p, q))
           && static_cast<bool>(gibbs::property::hellinger_bounds(p, q));
  }
};

} // namespace

void distance_bounds_proof() {
  using namespace gibbs::proofs;
  hana::for_each(number_types, [](auto t) {
    using T = type_of<decltype(t)>;
    static_assert(holds_for_all_pairs<T, 2, grid2_denominator<T>, bounds_law, 16>,
                  "TV and the Hellinger distance must lie in [0, 1] for every pair of 2-point "
                  "distributions with masses k/D.");
    if constexpr (fast_math<T>) {
      static_assert(holds_for_all_pairs<T, 3, 4, bounds_law, 16>,
                    "TV and the Hellinger distance must lie in [0, 1] for every pair of 3-point "
                    "distributions with masses k/4.");
    }
    constexpr std::array<T, 3> a{T(0.5), T(0.5), T(0)}, b{T(0), T(0), T(1)};
    static_assert(gibbs::total_variation(a, b) == T(1) && gibbs::hellinger(a, b) == T(1),
                  "TV and the Hellinger distance must be exactly 1 for disjoint supports.");
  });
}
