// gibbs/measure/jensen_shannon.hpp: Jensen–Shannon divergence.
#ifndef GIBBS_MEASURE_JENSEN_SHANNON_HPP
#define GIBBS_MEASURE_JENSEN_SHANNON_HPP

#include "gibbs/measure/detail/common.hpp"

namespace gibbs {
namespace detail {

// p·log(2p/(p+q)) + q·log(2q/(p+q)) ≥ 0, the i-th term of 2·JS, without cancellation:
// with m = (p+q)/2 and v = (p − q)/(p + q) it equals m·(φ(v) + φ(−v)); for |v| > 1/2 the direct
// form cancels by at most a factor 2.3.
template <class T>
constexpr T js_term(const T& p, const T& q, const T& ln2) {
  if (p == T(0)) return q * ln2;
  if (q == T(0)) return p * ln2;
  const T s = p + q;
  const T v = (p - q) / s;
  if (!(v < T(-0.5)) && !(v > T(0.5))) return (s / T(2)) * (phi_small(v) + phi_small(T(0) - v));
  return p * gibbs::log(T(2) * p / s) + q * gibbs::log(T(2) * q / s);
}

/// ½·Σ_i js_term(p_i, q_i) on masses already checked (the oracle evaluates it on intervals).
template <class T, class P, class Q>
constexpr T js_unchecked(const P& p, const Q& q) {
  const T ln2 = gibbs::log(T(2));
  compensated_sum<T> s;
  for (std::size_t i = 0; i < std::ranges::size(p); ++i) {
    const T pi = at<T>(p, i), qi = at<T>(q, i);
    if (pi == T(0) && qi == T(0)) continue;
    s.add(js_term(pi, qi, ln2));
  }
  return s.value() / T(2);
}

} // namespace detail

/// Jensen–Shannon divergence, in nats: the mean KL of p and q from their midpoint.
///
/// JS(p, q) = ½·KL(p‖m) + ½·KL(q‖m), m = (p + q)/2.
/// Laws: 0 ≤ JS ≤ log 2; symmetric; JS = 0 iff p = q; √JS is a metric.
/// Throws gibbs::invalid_input for invalid p or q (see entropy) or different lengths.
/// Example: jensen_shannon({1.0, 0.0}, {0.0, 1.0}) = log 2.
template <mass_range P, mass_range Q>
[[nodiscard]] constexpr result_t<P, Q> jensen_shannon(const P& p, const Q& q) {
  using T = result_t<P, Q>;
  detail::check_same_length(p, q, "jensen_shannon");
  detail::check_distribution<T>(p, "jensen_shannon", "p");
  detail::check_distribution<T>(q, "jensen_shannon", "q");
  return detail::js_unchecked<T>(p, q);
}

} // namespace gibbs

#endif // GIBBS_MEASURE_JENSEN_SHANNON_HPP
