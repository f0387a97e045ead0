// Claim: D_½(p‖q) = −2·log(1 − H(p, q)²) (gibbs::property::values::renyi_half_is_hellinger, up to
// 16·ε(T) of the values; for nearly disjoint supports the Bhattacharyya coefficients e^(−D_½/2) and
// 1 − H² are compared instead) for every pair of the 2-point grid k/8 in float and double, and for
// the 2-point pairs of distance_cases.hpp in the slow types. Two independent computations meet: D_½
// from log1p of the Rényi sum, H from the roots.
//
// No reference values: the claim is an identity between two computed values.
#include "distance_cases.hpp"

namespace {

using namespace gibbs::proofs;

struct half_law {
  template <class P, class Q>
  constexpr bool operator()(const P& p, const Q& q) const {
    return static_cast<bool>(gibbs::property::renyi_half_is_hellinger(p, q));
  }
};

template <class T, std::size_t K>
struct slow_half {
  static constexpr bool holds = static_cast<bool>(gibbs::property::values::renyi_half_is_hellinger(
      slow_p<T, K>, slow_q<T, K>, renyi_value<T, K, alpha_2>, hellinger_value<T, K>));
};

} // namespace

void renyi_half_is_hellinger_proof() {
  hana::for_each(number_types, [](auto t) {
    using T = type_of<decltype(t)>;
    if constexpr (fast_math<T>) {
      static_assert(holds_for_all_pairs<T, 2, 8, half_law, 16>,
                    "D_1/2 = -2 log(1 - H^2) must hold for every pair of 2-point distributions "
                    "with masses k/8.");
    } else {
      static_assert(holds_for_slow_cases<T, slow_half, slow_renyi_cases>,
                    "D_1/2 = -2 log(1 - H^2) must hold for the 2-point pairs of "
                    "distance_cases.hpp.");
    }
  });
}
