// gibbs/measure/gaussian.hpp: KL divergences of diagonal Gaussians — gaussian_kl between two of
// them and vae_kl, the KL term of a variational auto-encoder against the standard normal.
//
// Per dimension, with d = μp − μq, ρ = σp/σq and t = ρ² − 1,
//   KL(N(μp, σp²) ‖ N(μq, σq²)) = log(σq/σp) + (σp² + d²)/(2σq²) − ½
//                               = (t − log1p(t))/2 + (d/σq)²/2,
// two non-negative parts: the textbook form subtracts ½ from quantities near ½ and adds log ρ ≈ 0,
// losing every digit as σp → σq. Evaluation of the variance part:
//  - ρ in [½, 2]: t = ((σp − σq)/σq)·((σp + σq)/σq) (σp − σq exact by Sterbenz, a relative error
//    ≤ 2ε in t) and the part is −log1pmx(t)/2 (correctly rounded log1pmx, condition number ≤ 2):
//    a relative error ≤ 5ε;
//  - ρ < ½: (−log ρ − ½) + ρ²/2 (−log ρ − ½ ≥ 0.19, both summands ≥ 0); ρ > 2: ρ·(ρ/2) − (½ +
//    log ρ) (a cancellation factor ≤ 4); log ρ without overflow of σp/σq (detail::log_ratio).
// The mean part (d/σq)²/2 has a relative error ≤ 3.5ε (d is exact when μp/μq is in [½, 2]); an
// overflowing d (|μp − μq| > the largest finite number) is recomputed from the halves. The parts
// and dimensions are summed with Neumaier's compensation: every term is ≥ 0, so the result has a
// relative error of about 7ε.
//
// vae_kl = ½·Σ (μ² + e^lv − 1 − lv) = KL(N(μ, diag e^lv) ‖ N(0, I)), evaluated per dimension as
// μ²/2 + expm1mx(lv)/2 with expm1mx(x) = e^x − 1 − x ≥ 0 computed without cancellation:
//   x ≥ −1: expm1mx(x) = v − log1p(v) = −log1pmx(v), v = expm1(x) (an identity: log1p(v) = x);
//           the rounding of v moves the result by v²·δ/(1 + v), a relative 2δ near 0 (3δ at
//           x = −1), so the result has a relative error ≤ 4ε;
//   x < −1: expm1(x) − x = (−1 − x) + e^x, at most a factor-4.4 cancellation of its two roundings.
// The textbook ½·(μ² + exp(lv) − 1 − lv) cancels to nothing near lv = 0: at lv = 10^-17,
// exp(lv) rounds to 1 and it returns −5·10^-18, a negative KL (tests/unit/gaussian.cpp).
//
// For interval types every branch above is an exact identity and the branch conditions compare
// the inputs (point intervals) with exact multiples of each other, so the enclosure is rigorous
// and no comparison is ambiguous.
#ifndef GIBBS_MEASURE_GAUSSIAN_HPP
#define GIBBS_MEASURE_GAUSSIAN_HPP

#include "gibbs/measure/detail/common.hpp"

#include <cstddef>
#include <ranges>
#include <type_traits>

namespace gibbs {
namespace detail {

// Reached only in constant evaluation (see error.hpp): the name is the compile error.
inline void the_arrays_of_a_gaussian_have_different_lengths(std::size_t, std::size_t) {}

/// Entries finite (any sign); non-empty.
template <class T, class R>
constexpr void check_finite_entries(const R& r, const char* function, const char* argument) {
  const std::size_t n = std::ranges::size(r);
  if (n == 0) fail<error_kind::empty>(function, argument, 0, 0.0);
  for (std::size_t i = 0; i < n; ++i) {
    const T x = at<T>(r, i);
    if (is_nan(x)) fail<error_kind::not_a_number>(function, argument, i, x);
    if (is_inf(x)) fail<error_kind::infinite>(function, argument, i, x);
  }
}

/// Entries finite and > 0 (standard deviations); non-empty.
template <class T, class R>
constexpr void check_positive_entries(const R& r, const char* function, const char* argument) {
  check_finite_entries<T>(r, function, argument);
  for (std::size_t i = 0; i < std::ranges::size(r); ++i) {
    const T x = at<T>(r, i);
    if (!(x > T(0))) fail<error_kind::not_positive>(function, argument, i, x);
  }
}

/// `argument` must have the length n of the first array.
template <class R>
constexpr void check_length(std::size_t n, const R& r, const char* function, const char* argument) {
  const std::size_t m = std::ranges::size(r);
  if (m != n) {
    if (std::is_constant_evaluated()) the_arrays_of_a_gaussian_have_different_lengths(n, m);
    throw_invalid(error_kind::length_mismatch, function, argument, m, static_cast<double>(n));
  }
}

/// e^x − 1 − x ≥ 0 without cancellation (the formulas and error bounds are at the top of this
/// file). expm1mx(0) = 0, expm1mx(−∞) = +∞; overflows where e^x does.
template <class T>
[[nodiscard]] constexpr T expm1mx(const T& x) {
  if (x < T(-1)) return T(gibbs::expm1(x) - x);
  return T(T(0) - gibbs::log1pmx(T(gibbs::expm1(x))));
}

/// x²/2 without overflow of x² where x²/2 is finite, and without the inexact halving of a
/// subnormal x.
/// (Intervals have no overflow to avoid, and x is a computed enclosure: no comparison.)
template <class T>
[[nodiscard]] constexpr T half_square(const T& x) {
  if constexpr (number_traits<T>::is_interval) return T(T(x * x) / T(2));
  if (x > T(1) || x < T(-1)) return T(x * T(x / T(2)));
  return T(T(x * x) / T(2));
}

/// KL(N(mp, sp²) ‖ N(mq, sq²)) of one dimension (sp, sq > 0 finite), as the two non-negative
/// parts of the top of this file.
template <class T>
[[nodiscard]] constexpr T gaussian_kl_term(const T& mp, const T& sp, const T& mq, const T& sq) {
  T d = T(mp - mq);
  if constexpr (!number_traits<T>::is_interval)
    if (is_inf(d)) { // |mp − mq| > max: the halves are exact (both are far from the subnormals)
      const T z = T(T(T(mp / T(2)) - T(mq / T(2))) / sq);
      return T(T(T(2) * z) * z) + gaussian_kl_term(T(0), sp, T(0), sq);
    }
  const T mean_part = half_square(T(d / sq));
  T variance_part;
  if (!(T(2) * sp < sq) && !(sp > T(2) * sq)) { // sp/sq in [1/2, 2]
    const T t = T(T(T(sp - sq) / sq) * T(T(sp + sq) / sq));
    variance_part = T(T(0) - gibbs::log1pmx(t)) / T(2);
  } else {
    const T r = T(sp / sq), l = log_ratio(sp, sq);
    if (sp < sq)
      variance_part = T(T(T(0) - l) - T(0.5)) + T(T(r * r) / T(2));
    else
      variance_part = T(r * T(r / T(2))) - T(T(0.5) + l);
  }
  return T(mean_part + variance_part);
}

/// Σ_i gaussian_kl_term of valid input (equal lengths, finite means, positive finite sigmas).
template <class T, class MP, class SP, class MQ, class SQ>
[[nodiscard]] constexpr T gaussian_kl_unchecked(const MP& mu_p, const SP& sigma_p, const MQ& mu_q,
                                                const SQ& sigma_q) {
  compensated_sum<T> s;
  for (std::size_t i = 0; i < std::ranges::size(mu_p); ++i)
    s.add(gaussian_kl_term(at<T>(mu_p, i), at<T>(sigma_p, i), at<T>(mu_q, i), at<T>(sigma_q, i)));
  return s.value();
}

/// ½·Σ (μ_i² + expm1mx(lv_i)) of valid input.
template <class T, class M, class L>
[[nodiscard]] constexpr T vae_kl_unchecked(const M& mu, const L& logvar) {
  compensated_sum<T> s;
  for (std::size_t i = 0; i < std::ranges::size(mu); ++i) {
    const T m = at<T>(mu, i), lv = at<T>(logvar, i);
    s.add(T(half_square(m) + T(expm1mx(lv) / T(2))));
  }
  return s.value();
}

} // namespace detail

/// KL divergence between two diagonal Gaussians, in nats: the information lost when
/// N(μq, diag σq²) is used for data from N(μp, diag σp²).
///
/// KL = Σ_i [log(σq_i/σp_i) + (σp_i² + (μp_i − μq_i)²)/(2σq_i²) − ½], evaluated per dimension as
/// (t − log1p t)/2 + ((μp − μq)/σq)²/2 with t = (σp/σq)² − 1 — non-negative parts, no
/// cancellation as σp → σq (the error bound, about 7ε relative, is at the top of
/// gibbs/measure/gaussian.hpp). Laws: KL ≥ 0; KL = 0 iff the means and the sigmas are equal
/// (exactly 0 for equal arguments); vae_kl(μ, lv) = gaussian_kl(μ, e^(lv/2), 0, 1); asymmetric.
/// Throws gibbs::invalid_input naming argument, index and value for an empty array, arrays of
/// different lengths, a NaN or infinite entry, a sigma that is 0 or negative
/// (error_kind::not_positive).
/// Example: gaussian_kl({0.0}, {1.0}, {1.0}, {1.0}) == 0.5 (one unit of mean shift: d²/2).
template <mass_range MP, mass_range SP, mass_range MQ, mass_range SQ>
[[nodiscard]] constexpr result_t<MP, SP, MQ, SQ> gaussian_kl(const MP& mu_p, const SP& sigma_p,
                                                             const MQ& mu_q, const SQ& sigma_q) {
  using T = result_t<MP, SP, MQ, SQ>;
  constexpr const char* fn = "gaussian_kl";
  const std::size_t n = std::ranges::size(mu_p);
  detail::check_length(n, sigma_p, fn, "sigma_p");
  detail::check_length(n, mu_q, fn, "mu_q");
  detail::check_length(n, sigma_q, fn, "sigma_q");
  detail::check_finite_entries<T>(mu_p, fn, "mu_p");
  detail::check_positive_entries<T>(sigma_p, fn, "sigma_p");
  detail::check_finite_entries<T>(mu_q, fn, "mu_q");
  detail::check_positive_entries<T>(sigma_q, fn, "sigma_q");
  return detail::gaussian_kl_unchecked<T>(mu_p, sigma_p, mu_q, sigma_q);
}

/// gaussian_kl in base-b units: KL/log b (b = 2: bits). Same laws, conventions and errors; also
/// throws gibbs::invalid_input for a base that is not finite, > 0 and != 1.
/// Example: gaussian_kl({0.0}, {1.0}, {1.0}, {1.0}, 2.0) ≈ 0.7213475204444817 (= ½/ln 2).
template <mass_range MP, mass_range SP, mass_range MQ, mass_range SQ>
[[nodiscard]] constexpr result_t<MP, SP, MQ, SQ> gaussian_kl(const MP& mu_p, const SP& sigma_p,
                                                             const MQ& mu_q, const SQ& sigma_q,
                                                             const result_t<MP, SP, MQ, SQ>& base) {
  using T = result_t<MP, SP, MQ, SQ>;
  detail::check_base(base, "gaussian_kl");
  return T(gaussian_kl(mu_p, sigma_p, mu_q, sigma_q) / gibbs::log(base));
}

/// The KL term of a variational auto-encoder, in nats: KL(N(μ, diag e^lv) ‖ N(0, I)) of an
/// encoder that outputs means μ and log-variances lv.
///
/// vae_kl = ½·Σ_i (μ_i² + e^(lv_i) − 1 − lv_i), evaluated as ½·Σ (μ_i² + expm1mx(lv_i)) with
/// e^x − 1 − x computed without cancellation (gibbs/measure/gaussian.hpp; the textbook form
/// returns a negative number at lv = 10^-17). Laws: vae_kl ≥ 0, = 0 iff μ = 0 and lv = 0;
/// vae_kl(μ, lv) = gaussian_kl(μ, e^(lv/2), 0, 1). Throws gibbs::invalid_input for an empty
/// array, arrays of different lengths, or a NaN or infinite entry.
/// Example: vae_kl({1.0}, {0.0}) == 0.5.
template <mass_range M, mass_range L>
[[nodiscard]] constexpr result_t<M, L> vae_kl(const M& mu, const L& logvar) {
  using T = result_t<M, L>;
  constexpr const char* fn = "vae_kl";
  detail::check_length(std::ranges::size(mu), logvar, fn, "logvar");
  detail::check_finite_entries<T>(mu, fn, "mu");
  detail::check_finite_entries<T>(logvar, fn, "logvar");
  return detail::vae_kl_unchecked<T>(mu, logvar);
}

/// vae_kl in base-b units: vae_kl/log b. Same laws and errors, and an invalid base is an error.
template <mass_range M, mass_range L>
[[nodiscard]] constexpr result_t<M, L> vae_kl(const M& mu, const L& logvar,
                                              const result_t<M, L>& base) {
  using T = result_t<M, L>;
  detail::check_base(base, "vae_kl");
  return T(vae_kl(mu, logvar) / gibbs::log(base));
}

} // namespace gibbs

#endif // GIBBS_MEASURE_GAUSSIAN_HPP
