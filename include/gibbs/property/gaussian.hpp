// gibbs/property/gaussian.hpp: the laws of the KL divergence of diagonal Gaussians (gaussian_kl,
// vae_kl) and of bits per dimension, as named constexpr predicates.
//
// As in distance.hpp each law has two forms: gibbs::property::values::NAME(inputs…, values…, c),
// a predicate over the values an implementation returned (gibbs' own, a foreign program's, a
// user's callable), which only reads the inputs for the law's own bounds; and
// gibbs::property::NAME(inputs…, c), the same law applied to gibbs' measures.
//
// Tolerances (law.hpp): gaussian_kl and vae_kl are sums of non-negative parts with a relative
// error of a few ε each (gibbs/measure/gaussian.hpp), so laws comparing two of them allow
// c·ε·(the sum of the values involved), plus what the rounding of a derived input moves the exact
// value by (stated with each law).
#ifndef GIBBS_PROPERTY_GAUSSIAN_HPP
#define GIBBS_PROPERTY_GAUSSIAN_HPP

#include "gibbs/measure/bits_per_dim.hpp"
#include "gibbs/measure/gaussian.hpp"
#include "gibbs/measure/units.hpp"
#include "gibbs/property/law.hpp"

#include <cstddef>
#include <limits>
#include <ranges>
#include <vector>

namespace gibbs::property {

namespace values {

/// Gibbs' inequality for Gaussians: KL(N_p ‖ N_q) ≥ 0 (every dimension's term is ≥ 0, so there
/// is no slack). lhs = kl, rhs = 0.
template <class T>
[[nodiscard]] constexpr law_check<T> gaussian_kl_nonnegative(const T& kl) {
  return {T(0) <= kl, kl, T(0), T(0)};
}

/// Zero iff equal: KL = 0 exactly when μp = μq and σp = σq; otherwise KL > 0 — unless the exact
/// value is so small that it may round to 0 in T: the law then also accepts 0. The exact value is
/// at least L = Σ ((d/σq)² + min(t², |t|)/4)/2 with d = μp − μq, t = (σp/σq)² − 1 (since
/// t − log1p t ≥ t²/(2(1 + |t|))); positivity is required when L/2 exceeds the smallest normal
/// number of T (the factor ½ covers the rounding of L). lhs = kl, rhs = L/2 (0 for equal inputs).
template <mass_range MP, mass_range SP, mass_range MQ, mass_range SQ>
[[nodiscard]] constexpr law_check<result_t<MP, SP, MQ, SQ>>
gaussian_kl_zero_iff_equal(const MP& mu_p, const SP& sigma_p, const MQ& mu_q, const SQ& sigma_q,
                           const result_t<MP, SP, MQ, SQ>& kl) {
  using T = result_t<MP, SP, MQ, SQ>;
  bool equal = true;
  T lower(0);
  for (std::size_t i = 0; i < std::ranges::size(mu_p); ++i) {
    const T mp = gibbs::detail::at<T>(mu_p, i), sp = gibbs::detail::at<T>(sigma_p, i),
            mq = gibbs::detail::at<T>(mu_q, i), sq = gibbs::detail::at<T>(sigma_q, i);
    equal = equal && mp == mq && sp == sq;
    const T z = T(T(mp - mq) / sq), r = T(sp / sq), t = T(T(r * r) - T(1)), a = detail::abs(t);
    const T t2 = T(t * t);
    lower = lower + T(T(z * z) + T((t2 < a ? t2 : a) / T(4))) / T(2);
  }
  if (equal) return {kl == T(0), kl, T(0), T(0)};
  const T half = T(lower / T(2));
  if (half > std::numeric_limits<T>::min()) return {kl > T(0), kl, half, T(0)};
  return {kl >= T(0), kl, T(0), T(0)};
}

/// The VAE term is a Gaussian KL: vae_kl(μ, lv) = gaussian_kl(μ, σ, 0, 1) with σ_i = e^(lv_i/2)
/// as the caller computed it. A correctly rounded σ moves the exact Gaussian KL of a dimension by
/// at most ε·|e^lv − 1| (first order: ∂/∂σ of the term is (σ² − 1)/σ), so the tolerance is
/// c·ε·(vae + gauss + Σ|expm1(lv_i)|). lhs = vae, rhs = gauss.
template <mass_range L>
[[nodiscard]] constexpr law_check<element_t<L>>
vae_kl_is_gaussian_kl(const L& logvar, const element_t<L>& vae, const element_t<L>& gauss,
                      double c = default_slack) {
  using T = element_t<L>;
  if (detail::any_infinite(vae, gauss)) return {vae == gauss, vae, gauss, T(0)};
  T scale = T(vae + gauss);
  for (std::size_t i = 0; i < std::ranges::size(logvar); ++i)
    scale = scale + detail::abs(T(gibbs::expm1(gibbs::detail::at<T>(logvar, i))));
  const T tol = detail::slack(c, scale);
  return {detail::close(vae, gauss, tol), vae, gauss, tol};
}

/// An asymmetry witness: KL(N_p ‖ N_q) ≠ KL(N_q ‖ N_p) beyond rounding, |forward − reverse| >
/// c·ε·(forward + reverse). True for most unequal pairs (equal sigmas make the two equal: only
/// the mean part remains and it is symmetric). lhs = forward, rhs = reverse.
template <class T>
[[nodiscard]] constexpr law_check<T> gaussian_kl_asymmetric(const T& forward, const T& reverse,
                                                            double c = default_slack) {
  const T tol = detail::slack(c, T(forward + reverse));
  return {!detail::close(forward, reverse, tol), forward, reverse, tol};
}

/// Bits per dimension of a sample is the bits per dimension of its mean NLL:
/// bpd(ll, D) = bits_per_dimension(−mean(ll), D), up to c·ε·(mean|ll|)/(D ln 2) (the two sides
/// round the sum differently). lhs = bpd, rhs = bits_per_dimension(−mean ll, D).
template <mass_range L>
[[nodiscard]] constexpr law_check<element_t<L>>
bits_per_dim_is_mean_nll_in_bits(const L& log_likelihood, std::size_t dims, const element_t<L>& bpd,
                                 double c = default_slack) {
  using T = element_t<L>;
  const std::size_t n = std::ranges::size(log_likelihood);
  T mean(0), magnitude(0);
  for (std::size_t i = 0; i < n; ++i) {
    const T x = gibbs::detail::at<T>(log_likelihood, i);
    mean = mean + x;
    magnitude = magnitude + detail::abs(x);
  }
  const T count = T(static_cast<double>(n));
  const T rhs = gibbs::bits_per_dimension(T(T(0) - T(mean / count)), dims);
  const T tol = detail::slack(
      c, T(T(T(magnitude / count) / T(static_cast<double>(dims))) / gibbs::log(T(2))));
  return {detail::close(bpd, rhs, tol), bpd, rhs, tol};
}

} // namespace values

/// values::gaussian_kl_nonnegative on gibbs::gaussian_kl.
template <mass_range MP, mass_range SP, mass_range MQ, mass_range SQ>
[[nodiscard]] constexpr auto gaussian_kl_nonnegative(const MP& mu_p, const SP& sigma_p,
                                                     const MQ& mu_q, const SQ& sigma_q) {
  return values::gaussian_kl_nonnegative(gibbs::gaussian_kl(mu_p, sigma_p, mu_q, sigma_q));
}

/// values::gaussian_kl_zero_iff_equal on gibbs::gaussian_kl.
template <mass_range MP, mass_range SP, mass_range MQ, mass_range SQ>
[[nodiscard]] constexpr auto gaussian_kl_zero_iff_equal(const MP& mu_p, const SP& sigma_p,
                                                        const MQ& mu_q, const SQ& sigma_q) {
  return values::gaussian_kl_zero_iff_equal(mu_p, sigma_p, mu_q, sigma_q,
                                            gibbs::gaussian_kl(mu_p, sigma_p, mu_q, sigma_q));
}

/// values::vae_kl_is_gaussian_kl on gibbs::vae_kl(μ, lv) and gibbs::gaussian_kl(μ, e^(lv/2), 0,
/// 1), the sigmas computed by gibbs::exp.
template <mass_range M, mass_range L>
[[nodiscard]] constexpr auto vae_kl_is_gaussian_kl(const M& mu, const L& logvar,
                                                   double c = default_slack) {
  using T = result_t<M, L>;
  const std::size_t n = std::ranges::size(mu);
  std::vector<T> sigma, zero, one; // constexpr: transient allocations
  for (std::size_t i = 0; i < n && i < std::ranges::size(logvar); ++i) {
    sigma.push_back(T(gibbs::exp(T(gibbs::detail::at<T>(logvar, i) / T(2)))));
    zero.push_back(T(0));
    one.push_back(T(1));
  }
  return values::vae_kl_is_gaussian_kl(logvar, T(gibbs::vae_kl(mu, logvar)),
                                       T(gibbs::gaussian_kl(mu, sigma, zero, one)), c);
}

/// values::gaussian_kl_asymmetric on gibbs::gaussian_kl in both directions.
template <mass_range MP, mass_range SP, mass_range MQ, mass_range SQ>
[[nodiscard]] constexpr auto gaussian_kl_asymmetric(const MP& mu_p, const SP& sigma_p,
                                                    const MQ& mu_q, const SQ& sigma_q,
                                                    double c = default_slack) {
  return values::gaussian_kl_asymmetric(gibbs::gaussian_kl(mu_p, sigma_p, mu_q, sigma_q),
                                        gibbs::gaussian_kl(mu_q, sigma_q, mu_p, sigma_p), c);
}

/// values::bits_per_dim_is_mean_nll_in_bits on gibbs::bits_per_dim.
template <mass_range L>
[[nodiscard]] constexpr auto bits_per_dim_is_mean_nll_in_bits(const L& log_likelihood,
                                                              std::size_t dims,
                                                              double c = default_slack) {
  return values::bits_per_dim_is_mean_nll_in_bits(log_likelihood, dims,
                                                  gibbs::bits_per_dim(log_likelihood, dims), c);
}

} // namespace gibbs::property

#endif // GIBBS_PROPERTY_GAUSSIAN_HPP
