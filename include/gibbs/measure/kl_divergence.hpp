// gibbs/measure/kl_divergence.hpp: Kullback–Leibler divergence (forward, reverse, generalized).
#ifndef GIBBS_MEASURE_KL_DIVERGENCE_HPP
#define GIBBS_MEASURE_KL_DIVERGENCE_HPP

#include "gibbs/measure/detail/common.hpp"

namespace gibbs {
namespace detail {

// Σ_i q_i·φ((p_i − q_i)/q_i) + Σ_i (p_i − q_i)  =  Σ_i p_i·log(p_i/q_i).
// The first sum has non-negative terms (no cancellation); the second is summed with the rounding
// error of each difference recovered (TwoSum), so for p ≈ q it is exact or nearly so.
template <class T, class P, class Q>
constexpr T kl_unchecked(const P& p, const Q& q, bool generalized) {
  compensated_sum<T> bregman, linear;
  for (std::size_t i = 0; i < std::ranges::size(p); ++i) {
    const T pi = at<T>(p, i), qi = at<T>(q, i);
    if (qi == T(0)) {
      if (pi == T(0)) continue; // 0·log(0/0) = 0
      return infinity<T>();     // p_i > 0 = q_i
    }
    bregman.add(bregman_term(pi, qi));
    if (!generalized) {
      const T d = pi - qi;
      linear.add(d);
      if constexpr (!number_traits<T>::is_interval) {
        // TwoSum error of pi − qi (Knuth): exact for binary floating point in round-to-nearest.
        const T z = d - pi;
        linear.add((pi - (d - z)) + (-qi - z));
      }
    }
  }
  if (generalized) return bregman.value();
  return bregman.value() + linear.value();
}

} // namespace detail

/// Kullback–Leibler divergence of q from p (forward KL), in nats.
///
/// KL(p‖q) = Σ p_i·log(p_i/q_i), with 0·log(0/q) = 0 (also for q = 0) and +∞ when p_i > 0 = q_i.
/// Evaluated as Σ q_i·φ(u_i) + Σ(p_i − q_i), φ(u) = (1+u)·log1p(u) − u, u_i = (p_i − q_i)/q_i,
/// which does not cancel when p ≈ q (the textbook formula does, and can even turn negative).
/// Laws: KL ≥ 0 (Gibbs), = 0 iff p = q; KL = H(p, q) − H(p); asymmetric; KL ≥ 2·TV² (Pinsker);
/// log-sum inequality, chain rule, data processing, joint convexity.
/// Throws gibbs::invalid_input for invalid p or q (see entropy) or different lengths.
/// Example: kl_divergence({0.5, 0.5}, {0.7, 0.3}) ≈ 0.0872 nats.
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
