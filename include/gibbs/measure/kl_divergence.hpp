// gibbs/measure/kl_divergence.hpp: Kullback–Leibler divergence (forward, reverse, generalized).
#ifndef GIBBS_MEASURE_KL_DIVERGENCE_HPP
#define GIBBS_MEASURE_KL_DIVERGENCE_HPP

#include "gibbs/measure/detail/common.hpp"

namespace gibbs {
namespace detail {

// Σ_i p_i·log(p_i/q_i), split by the ratio r_i = p_i/q_i:
//  - near (r_i in [1/4, 4]): p·log(p/q) = q·φ(u) + (p − q), u = (p − q)/q. The q·φ(u) ≥ 0 go into
//    one sum (no cancellation); the differences p − q into another, each with its rounding error
//    recovered (TwoSum), so for p ≈ q that sum is exact or nearly so.
//  - far (r_i outside): p·log(p/q) directly, |log(p/q)| > 1.38, no cancellation within the term.
// Keeping the far terms out of the Bregman/linear split matters when a tiny p_i sits against a much
// larger q_i: q_i − p_i would otherwise enter both sums and cancel to nothing (e.g. p_i = 1e-200,
// q_i = 1e-100 next to an equal pair: the exact KL is −2.3e-198, the split would give 0).
// The generalized divergence Σ (p log(p/q) − p + q) has only non-negative terms: one sum.
template <class T, class P, class Q>
constexpr T kl_unchecked(const P& p, const Q& q, bool generalized) {
  compensated_sum<T> bregman, linear, far;
  for (std::size_t i = 0; i < std::ranges::size(p); ++i) {
    const T pi = at<T>(p, i), qi = at<T>(q, i);
    if (qi == T(0)) {
      if (pi == T(0)) continue; // 0·log(0/0) = 0
      return infinity<T>();     // p_i > 0 = q_i
    }
    if (generalized) {
      bregman.add(bregman_term(pi, qi));
      continue;
    }
    if (pi == T(0)) continue; // 0·log(0/q) = 0
    if (ratio_may_overflow(pi, qi)) {
      far.add(T(pi * log_ratio(pi, qi)));
      continue;
    }
    const T r = pi / qi;
    if (!near_ratio(r)) {
      far.add(T(pi * log_ratio(pi, qi, r)));
      continue;
    }
    const T u = (pi - qi) / qi;
    bregman.add(T(qi * phi_small(u)));
    const T d = pi - qi;
    linear.add(d);
    if constexpr (!number_traits<T>::is_interval) {
      // TwoSum error of pi − qi (Knuth): exact for binary floating point in round-to-nearest.
      const T z = d - pi;
      linear.add((pi - (d - z)) + (-qi - z));
    }
  }
  if (generalized) return bregman.value();
  compensated_sum<T> total;
  total.add(bregman.value());
  total.add(linear.value());
  total.add(far.value());
  return total.value();
}

} // namespace detail

/// Kullback–Leibler divergence of q from p (forward KL), in nats.
///
/// KL(p‖q) = Σ p_i·log(p_i/q_i), with 0·log(0/q) = 0 (also for q = 0) and +∞ when p_i > 0 = q_i.
/// Where p_i/q_i is in [1/4, 4] each term is evaluated as q_i·φ(u_i) + (p_i − q_i),
/// φ(u) = (1+u)·log1p(u) − u ≥ 0, u_i = (p_i − q_i)/q_i, which does not cancel when p ≈ q (the
/// textbook formula does, and can even turn negative). Laws: KL ≥ 0 (Gibbs), = 0 iff p = q; KL =
/// H(p, q) − H(p); asymmetric; KL ≥ 2·TV² (Pinsker); log-sum inequality, chain rule, data
/// processing, joint convexity. Throws gibbs::invalid_input for invalid p or q (see entropy) or
/// different lengths. Example: kl_divergence({0.5, 0.5}, {0.7, 0.3}) ≈ 0.0872 nats.
template <mass_range P, mass_range Q>
[[nodiscard]] constexpr result_t<P, Q> kl_divergence(const P& p, const Q& q) {
  using T = result_t<P, Q>;
  detail::check_same_length(p, q, "kl_divergence");
  detail::check_distribution<T>(p, "kl_divergence", "p");
  detail::check_distribution<T>(q, "kl_divergence", "q");
  return detail::kl_unchecked<T>(p, q, false);
}

/// Reverse KL: KL(q‖p) = Σ q_i·log(q_i/p_i) — mode-seeking when minimised over q.
/// Same conventions, laws and errors as kl_divergence with the roles of p and q swapped.
/// Example: reverse_kl_divergence({0.5, 0.5}, {0.7, 0.3}) ≈ 0.0823 nats.
template <mass_range P, mass_range Q>
[[nodiscard]] constexpr result_t<P, Q> reverse_kl_divergence(const P& p, const Q& q) {
  using T = result_t<P, Q>;
  detail::check_same_length(p, q, "reverse_kl_divergence");
  detail::check_distribution<T>(p, "reverse_kl_divergence", "p");
  detail::check_distribution<T>(q, "reverse_kl_divergence", "q");
  return detail::kl_unchecked<T>(q, p, false);
}

/// Generalized KL (I-divergence) of non-negative measures, in nats: no normalisation required.
///
/// D(p‖q) = Σ (p_i·log(p_i/q_i) − p_i + q_i), each term ≥ 0; +∞ when p_i > 0 = q_i.
/// Laws: D ≥ 0, = 0 iff p = q; equals KL(p‖q) when Σp = Σq = 1.
/// Throws gibbs::invalid_input for an empty, negative, NaN or infinite entry, or different lengths.
/// Example: generalized_kl_divergence({1.0, 2.0}, {2.0, 2.0}) = 1 − log 2.
template <mass_range P, mass_range Q>
[[nodiscard]] constexpr result_t<P, Q> generalized_kl_divergence(const P& p, const Q& q) {
  using T = result_t<P, Q>;
  detail::check_same_length(p, q, "generalized_kl_divergence");
  (void)detail::check_masses<T>(p, "generalized_kl_divergence", "p");
  (void)detail::check_masses<T>(q, "generalized_kl_divergence", "q");
  return detail::kl_unchecked<T>(p, q, true);
}

} // namespace gibbs

#endif // GIBBS_MEASURE_KL_DIVERGENCE_HPP
