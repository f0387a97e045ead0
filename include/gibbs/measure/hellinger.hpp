// gibbs/measure/hellinger.hpp: Hellinger distance.
#ifndef GIBBS_MEASURE_HELLINGER_HPP
#define GIBBS_MEASURE_HELLINGER_HPP

#include "gibbs/measure/detail/common.hpp"
#include "gibbs/measure/detail/sqrt.hpp"

#include <limits>

namespace gibbs {
namespace detail {

/// |√p − √q| for p, q ≥ 0, as |p − q|/(√p + √q): no cancellation when p ≈ q (the difference of
/// the roots would lose all its digits when √p and √q agree in most of them). p − q is exact for
/// binary types when p/q is in [1/2, 2] (Sterbenz); elsewhere |p − q| ≥ max(p, q)/2 and its
/// rounding is a relative ε. Branches only on the inputs, so interval enclosures stay rigorous.
template <class T>
[[nodiscard]] constexpr T root_difference(const T& p, const T& q) {
  if (p == T(0)) return square_root(q);
  if (q == T(0)) return square_root(p);
  const T d = p < q ? q - p : p - q;
  return T(d / T(square_root(p) + square_root(q)));
}

/// Types whose exponent range is small enough for squares of representable numbers to underflow
/// (the IEEE types, double_double); Boost's and the interval types have exponents of 30+ bits.
template <class T>
[[nodiscard]] consteval bool narrow_exponent_of() {
  if constexpr (number_traits<T>::is_interval)
    return false;
  else
    return std::numeric_limits<T>::min_exponent > -20000;
}
template <class T>
inline constexpr bool has_narrow_exponent = narrow_exponent_of<T>();

/// Σ w_i², w_i = |√p_i − √q_i| (so 2·H²), each term with a relative error of a few ε and all of
/// them ≥ 0. `scale` multiplies each w_i by 2^scale first (exact), against underflow.
template <class T, class P, class Q>
[[nodiscard]] constexpr T hellinger_squares(const P& p, const Q& q, int scale) {
  compensated_sum<T> s;
  for (std::size_t i = 0; i < std::ranges::size(p); ++i) {
    const T pi = at<T>(p, i), qi = at<T>(q, i);
    if (pi == T(0) && qi == T(0)) continue;
    T w = root_difference(pi, qi);
    if constexpr (has_narrow_exponent<T>)
      if (scale != 0) w = scale2(w, scale);
    s.add(T(w * w));
  }
  return s.value();
}

/// H(p, q) of valid input. The squares w_i² underflow long before H does (w_i ≥ 2^-538 for
/// doubles, w_i² ≥ 2^-1076): when the sum is below min·2^(2·digits) (or 0, which it also is at
/// p = q, where the second pass gives 0 again), the types with a bounded
/// exponent range redo it with w_i scaled by 2^k, k = max_exponent/2, and scale the root back
/// (H = √(S'/2)·2^-k).
template <class T, class P, class Q>
[[nodiscard]] constexpr T hellinger_unchecked(const P& p, const Q& q) {
  const T s = hellinger_squares<T>(p, q, 0);
  if constexpr (has_narrow_exponent<T>) {
    constexpr int digits = std::numeric_limits<T>::digits;
    if (s < scale2(std::numeric_limits<T>::min(), 2 * digits)) {
      constexpr int k = std::numeric_limits<T>::max_exponent / 2;
      return scale2(square_root(T(hellinger_squares<T>(p, q, k) / T(2))), -k);
    }
  }
  return square_root(T(s / T(2)));
}

} // namespace detail

/// Hellinger distance: the Euclidean distance between the square roots of two distributions,
/// scaled into [0, 1].
///
/// H(p, q) = √(½·Σ(√p_i − √q_i)²), each term evaluated as (p_i − q_i)²/(√p_i + √q_i)², which
/// does not cancel when p ≈ q. Laws: 0 ≤ H ≤ 1 (1 iff the supports are disjoint); symmetric; a
/// metric; H² ≤ TV ≤ √2·H; D_½(p‖q) = −2·log(1 − H²) (Rényi); H(p, q) = 0 iff p = q (exactly 0
/// for equal arguments). Conventions: terms with p_i = q_i = 0 contribute 0. Throws
/// gibbs::invalid_input for invalid p or q (see entropy) or different lengths.
/// Example: hellinger({1.0, 0.0}, {0.5, 0.5}) ≈ 0.54119610014619701 (= √(1 − √½)).
template <mass_range P, mass_range Q>
[[nodiscard]] constexpr result_t<P, Q> hellinger(const P& p, const Q& q) {
  using T = result_t<P, Q>;
  detail::check_same_length(p, q, "hellinger");
  detail::check_distribution<T>(p, "hellinger", "p");
  detail::check_distribution<T>(q, "hellinger", "q");
  return detail::hellinger_unchecked<T>(p, q);
}

} // namespace gibbs

#endif // GIBBS_MEASURE_HELLINGER_HPP
