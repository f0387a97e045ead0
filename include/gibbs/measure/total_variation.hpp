// gibbs/measure/total_variation.hpp: total variation distance.
#ifndef GIBBS_MEASURE_TOTAL_VARIATION_HPP
#define GIBBS_MEASURE_TOTAL_VARIATION_HPP

#include "gibbs/measure/detail/common.hpp"

namespace gibbs {
namespace detail {

/// ½·Σ|p_i − q_i| on masses already checked (the oracle evaluates it on intervals).
template <class T, class P, class Q>
constexpr T total_variation_unchecked(const P& p, const Q& q) {
  compensated_sum<T> s;
  for (std::size_t i = 0; i < std::ranges::size(p); ++i) {
    const T d = at<T>(p, i) - at<T>(q, i);
    s.add(d < T(0) ? T(0) - d : d);
  }
  return s.value() / T(2);
}

} // namespace detail

/// Total variation distance: the largest difference in probability two distributions give an event.
///
/// TV(p, q) = ½·Σ|p_i − q_i|, a compensated sum of exact (or once-rounded) differences, so it does
/// not cancel when p ≈ q. Laws: 0 ≤ TV ≤ 1 (1 iff the supports are disjoint); symmetric; a
/// metric; TV = 0 iff p = q (exactly 0 for equal arguments); Pinsker: KL(p‖q) ≥ 2·TV(p, q)²;
/// H² ≤ TV ≤ √2·H (Hellinger). Throws gibbs::invalid_input for invalid p or q (see entropy) or
/// different lengths.
/// Example: total_variation({0.5, 0.5}, {0.7, 0.3}) = 0.2.
template <mass_range P, mass_range Q>
[[nodiscard]] constexpr result_t<P, Q> total_variation(const P& p, const Q& q) {
  using T = result_t<P, Q>;
  detail::check_same_length(p, q, "total_variation");
  detail::check_distribution<T>(p, "total_variation", "p");
  detail::check_distribution<T>(q, "total_variation", "q");
  return detail::total_variation_unchecked<T>(p, q);
}

} // namespace gibbs

#endif // GIBBS_MEASURE_TOTAL_VARIATION_HPP
