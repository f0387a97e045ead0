// Claim (zero exactly at equality, positive off it): TV, H and χ² are == 0 for p = q and > 0 for p
// ≠ q (gibbs::property::distances_zero_iff_equal, no tolerance) for every pair of the 2-point grid
// k/8 and of the 3-point grid k/4 in float and double, and of the 2-point grid k/4 in the slow
// types; D_α(p‖p) == 0 and D_α(p‖q) > 0 for p ≠ q (these masses sum to exactly 1) at α = ¼ and 2
// (forms A and B of renyi.hpp), for every pair of the 2-point grid k/8 in float and double, and at
// α = ½ for a pair p ≠ q and for p = q of distance_cases.hpp in the slow types. At p = q every term
// of every measure is an exact zero (p − q = 0, log1p(0) = expm1(0) = log1pmx(0) = 0, and Σp − 1 is
// summed exactly), so anything but == 0 is a defect.
//
// No reference values: the claims are exact.
#include "distance_cases.hpp"

namespace {

using namespace gibbs::proofs;

struct zero_law {
  template <class P, class Q>
  constexpr bool operator()(const P& p, const Q& q) const {
    return static_cast<bool>(gibbs::property::distances_zero_iff_equal(p, q));
  }
};

struct renyi_zero_law {
  template <class P, class Q>
  constexpr bool operator()(const P& p, const Q& q) const {
    using T = gibbs::result_t<P, Q>;
    return static_cast<bool>(gibbs::property::renyi_zero_iff_equal(p, q, alpha_1::value<T>()))
           && static_cast<bool>(gibbs::property::renyi_zero_iff_equal(p, q, alpha_5::value<T>()));
  }
};

template <class T, std::size_t K>
struct slow_renyi_zero {
  static constexpr bool holds = static_cast<bool>(gibbs::property::values::renyi_zero_iff_equal(
      slow_p<T, K>, slow_q<T, K>, alpha_2::value<T>(), renyi_value<T, K, alpha_2>));
};

} // namespace

void distances_zero_at_equality_proof() {
  hana::for_each(number_types, [](auto t) {
    using T = type_of<decltype(t)>;
    static_assert(holds_for_all_pairs<T, 2, (fast_math<T> ? 8 : 4), zero_law, 16>,
                  "TV, H and chi^2 must be exactly 0 at p = q and positive elsewhere, for every "
                  "pair of 2-point distributions with masses k/8 (k/4 in the slow types).");
    if constexpr (fast_math<T>) {
      static_assert(holds_for_all_pairs<T, 3, 4, zero_law, 32>,
                    "TV, H and chi^2 must be exactly 0 at p = q and positive elsewhere, for every "
                    "pair of 3-point distributions with masses k/4.");
      static_assert(holds_for_all_pairs<T, 2, 8, renyi_zero_law, 8>,
                    "D_alpha must be exactly 0 at p = q and positive elsewhere, for every pair of "
                    "2-point distributions with masses k/8.");
    } else {
      static_assert(holds_for_slow_cases<T, slow_renyi_zero, std::index_sequence<1, 3>>,
                    "D_alpha must be exactly 0 at p = q and positive elsewhere, for the 2-point "
                    "pairs of distance_cases.hpp.");
    }
  });
}
