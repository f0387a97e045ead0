// gibbs/measure/cross_entropy.hpp: cross-entropy H(p, q).
#ifndef GIBBS_MEASURE_CROSS_ENTROPY_HPP
#define GIBBS_MEASURE_CROSS_ENTROPY_HPP

#include "gibbs/measure/detail/common.hpp"

namespace gibbs {
namespace detail {

/// −Σ p_i·log q_i on masses already checked (p may be any non-negative weights, such as sample
/// counts; the oracle evaluates it on intervals).
template <class T, class P, class Q>
constexpr T cross_entropy_unchecked(const P& p, const Q& q) {
  compensated_sum<T> s;
  for (std::size_t i = 0; i < std::ranges::size(p); ++i) {
    const T pi = at<T>(p, i), qi = at<T>(q, i);
    if (pi == T(0)) continue;
    if (qi == T(0)) return infinity<T>();
    s.add(pi * gibbs::log(qi));
  }
  return T(0) - s.value();
}

} // namespace detail

/// Cross-entropy of q relative to p, in nats: the expected code length when data from p is coded
/// with a code optimal for q.
///
/// H(p, q) = −Σ p_i·log q_i, with 0·log q = 0 (also for q = 0) and +∞ when p_i > 0 = q_i.
/// Laws: H(p, q) = H(p) + KL(p‖q) ≥ H(p) (Gibbs); H(p, p) = H(p); equals the empirical NLL when p
/// is the empirical distribution of a sample. Throws gibbs::invalid_input for invalid p or q (see
/// entropy) or different lengths. Example: cross_entropy({0.5, 0.5}, {0.7, 0.3}) ≈ 0.780 nats.
template <mass_range P, mass_range Q>
[[nodiscard]] constexpr result_t<P, Q> cross_entropy(const P& p, const Q& q) {
  using T = result_t<P, Q>;
  detail::check_same_length(p, q, "cross_entropy");
  detail::check_distribution<T>(p, "cross_entropy", "p");
  detail::check_distribution<T>(q, "cross_entropy", "q");
  return detail::cross_entropy_unchecked<T>(p, q);
}

} // namespace gibbs

#endif // GIBBS_MEASURE_CROSS_ENTROPY_HPP
