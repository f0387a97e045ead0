// gibbs/oracle/measures/gaussian.hpp: the oracle's descriptors of the KL divergences of diagonal
// Gaussians: gaussian_kl (named arrays "mu_p", "sigma_p", "mu_q", "sigma_q") and vae_kl ("mu",
// "logvar"). One value per case: the sum over the dimensions.
//
// Fast pass: a certified double-double sum of the terms written without cancellation
// (detail/kernel_gaussian.hpp); it declines where its ranges end.
// Interval evaluation: gibbs::detail::gaussian_kl_unchecked and vae_kl_unchecked of
// gibbs/measure/gaussian.hpp on intervals (log1pmx, expm1, log1p, exp of MPFI).
//
// Exact values.
//  - gaussian_kl: value·log b = Σ_i log(σq_i/σp_i) + Q with Q = Σ_i [(σp_i² + d_i²)/(2σq_i²) − ½]
//    rational, a log-linear form: rational.hpp part 1 decides it in every base (rational iff
//    Π σq_i = Π σp_i in nats, e.g. σp = σq, and then the value is Q).
//  - vae_kl: value = ½·Σ (μ_i² − 1 − lv_i) + ½·Σ e^(lv_i). If every lv_i = 0 it is ½·Σ μ_i², a
//    rational in nats (and in base b ≠ e irrational unless 0, since log b is). Otherwise it is
//    irrational in nats: grouping the distinct non-zero lv_i = a_k with multiplicities c_k ≥ 1,
//    value = V rational would give ½·Σ c_k e^(a_k) + (R − V)·e^0 = 0 with R rational, against
//    Lindemann–Weierstrass (e^(a_k), e^0 are linearly independent over the algebraic numbers). In
//    a base b ≠ e with some lv_i ≠ 0 rationality is not decided (it would need e^a and log b
//    algebraically independent: Schanuel's conjecture); a rational value there would end in
//    gibbs::oracle::undecided at the precision cap.
#ifndef GIBBS_ORACLE_MEASURES_GAUSSIAN_HPP
#define GIBBS_ORACLE_MEASURES_GAUSSIAN_HPP

#include "gibbs/error.hpp"
#include "gibbs/measure/gaussian.hpp"
#include "gibbs/oracle/descriptor.hpp"
#include "gibbs/oracle/detail/common.hpp"
#include "gibbs/oracle/detail/kernel_gaussian.hpp"
#include "gibbs/oracle/detail/rational_measure.hpp"

#include <gmp.h>

#include <array>
#include <cmath>
#include <cstddef>
#include <span>

namespace gibbs::oracle::detail::gaussian_measure {

/// Entries finite numbers of the format (any sign); non-empty.
inline void check_means(std::span<const double> x, const view& r, const char* arg) {
  check_entries(x, r.function, arg, r.fmt, true);
}

/// Entries finite numbers of the format and > 0.
inline void check_sigmas(std::span<const double> x, const view& r, const char* arg) {
  check_entries(x, r.function, arg, r.fmt, true);
  for (std::size_t i = 0; i < x.size(); ++i)
    if (!(x[i] > 0))
      gibbs::detail::throw_invalid(error_kind::not_positive, r.function, arg, i, x[i]);
}

struct gaussians {
  std::span<const double> mu_p, sigma_p, mu_q, sigma_q;
};

inline gaussians arrays_of(const view& r) {
  return {named_array(r, "mu_p"), named_array(r, "sigma_p"), named_array(r, "mu_q"),
          named_array(r, "sigma_q")};
}

/// Valid arrays of equal lengths; 0 when the two Gaussians are equal.
inline bool prepare(const view& r, prepared&, result& out) {
  const gaussians g = arrays_of(r);
  check_same_length(g.mu_p.size(), g.sigma_p.size(), r.function, "sigma_p", "mu_p");
  check_same_length(g.mu_p.size(), g.mu_q.size(), r.function, "mu_q", "mu_p");
  check_same_length(g.mu_p.size(), g.sigma_q.size(), r.function, "sigma_q", "mu_p");
  check_means(g.mu_p, r, "mu_p");
  check_sigmas(g.sigma_p, r, "sigma_p");
  check_means(g.mu_q, r, "mu_q");
  check_sigmas(g.sigma_q, r, "sigma_q");
  bool equal = true;
  for (std::size_t i = 0; i < g.mu_p.size() && equal; ++i)
    equal = g.mu_p[i] == g.mu_q[i] && g.sigma_p[i] == g.sigma_q[i];
  if (equal) return known(0.0, r, out);
  return false;
}

/// The log-linear form Σ log(σq_i/σp_i) + Q (rational.hpp part 1).
inline rational::verdict exact(const view& r, const prepared&) {
  const gaussians g = arrays_of(r);
  rational::log_form L(1);
  const rational::integer one(1);
  rational::fraction Q, a, b, t;
  mpq_t half;
  mpq_init(half);
  mpq_set_ui(half, 1, 2);
  for (std::size_t i = 0; i < g.mu_p.size(); ++i) {
    if (g.sigma_p[i] != g.sigma_q[i]) L.add_ratio(0, one.get(), g.sigma_q[i], g.sigma_p[i]);
    mpq_set_d(a.get(), g.mu_p[i]); // exact: every double is a dyadic rational
    mpq_set_d(t.get(), g.mu_q[i]);
    mpq_sub(a.get(), a.get(), t.get()); // d
    mpq_mul(a.get(), a.get(), a.get()); // d^2
    mpq_set_d(t.get(), g.sigma_p[i]);   //
    mpq_mul(t.get(), t.get(), t.get()); // sp^2
    mpq_add(a.get(), a.get(), t.get()); // sp^2 + d^2
    mpq_set_d(b.get(), g.sigma_q[i]);   //
    mpq_mul(b.get(), b.get(), b.get()); // sq^2
    mpq_mul_2exp(b.get(), b.get(), 1);  // 2 sq^2
    mpq_div(a.get(), a.get(), b.get()); //
    mpq_sub(a.get(), a.get(), half);    // (sp^2 + d^2)/(2 sq^2) - 1/2
    mpq_add(Q.get(), Q.get(), a.get());
  }
  mpq_clear(half);
  return rational::decide_log(L, r.base, &Q);
}

/// The certified double-double sum (kernel::gaussian_kl).
inline certified::sum_result fast_pass(const view& r, const prepared&) {
  const gaussians g = arrays_of(r);
  return kernel::gaussian_kl(g.mu_p, g.sigma_p, g.mu_q, g.sigma_q);
}

/// gibbs::detail::gaussian_kl_unchecked on intervals.
inline interval enclose(const view& r, const prepared&) {
  const gaussians g = arrays_of(r);
  return gibbs::detail::gaussian_kl_unchecked<interval>(g.mu_p, g.sigma_p, g.mu_q, g.sigma_q);
}

inline constexpr std::array<array_input, 4> arrays{{
    {"mu_p", "the means of p, one per dimension", true},
    {"sigma_p", "the standard deviations of p (> 0)", true},
    {"mu_q", "the means of q", true},
    {"sigma_q", "the standard deviations of q (> 0)", true},
}};

} // namespace gibbs::oracle::detail::gaussian_measure

namespace gibbs::oracle::detail::vae_measure {

/// Valid arrays of equal lengths; 0 when mu = 0 and logvar = 0.
inline bool prepare(const view& r, prepared&, result& out) {
  const std::span<const double> mu = named_array(r, "mu"), lv = named_array(r, "logvar");
  check_same_length(mu.size(), lv.size(), r.function, "logvar", "mu");
  check_entries(mu, r.function, "mu", r.fmt, true);
  check_entries(lv, r.function, "logvar", r.fmt, true);
  bool zero = true;
  for (std::size_t i = 0; i < mu.size() && zero; ++i)
    zero = mu[i] == 0 && lv[i] == 0;
  if (zero) return known(0.0, r, out);
  return false;
}

/// ½·Σ μ² when every lv = 0 (in nats); irrational otherwise in nats and, with every lv = 0 and
/// Σ μ² > 0, in any base; not decided in a base b ≠ e with some lv ≠ 0 (see the top of this file).
inline rational::verdict exact(const view& r, const prepared&) {
  const std::span<const double> mu = named_array(r, "mu"), lv = named_array(r, "logvar");
  rational::verdict v;
  bool lv_zero = true;
  for (double x : lv)
    lv_zero = lv_zero && x == 0;
  if (!lv_zero) {
    v.what = r.base == 0 ? rational::status::irrational : rational::status::unknown;
    return v;
  }
  if (r.base != 0) { // Σ μ² > 0 here (prepare answered the zero case)
    v.what = rational::status::irrational;
    return v;
  }
  rational::fraction t;
  for (double m : mu) {
    mpq_set_d(t.get(), m);
    mpq_mul(t.get(), t.get(), t.get());
    mpq_add(v.value.get(), v.value.get(), t.get());
  }
  mpq_div_2exp(v.value.get(), v.value.get(), 1);
  v.what = rational::status::rational;
  return v;
}

/// The certified double-double sum (kernel::vae_kl).
inline certified::sum_result fast_pass(const view& r, const prepared&) {
  return kernel::vae_kl(named_array(r, "mu"), named_array(r, "logvar"));
}

/// gibbs::detail::vae_kl_unchecked on intervals.
inline interval enclose(const view& r, const prepared&) {
  return gibbs::detail::vae_kl_unchecked<interval>(named_array(r, "mu"), named_array(r, "logvar"));
}

inline constexpr std::array<array_input, 2> arrays{{
    {"mu", "the means the encoder outputs, one per latent dimension", true},
    {"logvar", "the log-variances log sigma^2 the encoder outputs", true},
}};

} // namespace gibbs::oracle::detail::vae_measure

namespace gibbs::oracle {

inline constexpr descriptor gaussian_kl_descriptor{
    .id = measure::gaussian_kl,
    .name = "gaussian_kl",
    .function = "oracle::gaussian_kl",
    .formula = "KL(N(mu_p, sigma_p^2) || N(mu_q, sigma_q^2)) = sum log(sigma_q/sigma_p) + "
               "(sigma_p^2 + (mu_p - mu_q)^2)/(2 sigma_q^2) - 1/2",
    .inputs = 0,
    .roles = {},
    .parameters = {},
    .variants = exact_only,
    .base = base_rule::logarithm,
    .conformance_default = false,
    .laws_text = "gaussian_kl >= 0; 0 iff the Gaussians are equal",
    .prepare = detail::gaussian_measure::prepare,
    .exact = detail::gaussian_measure::exact,
    .fast = detail::gaussian_measure::fast_pass,
    .settle = nullptr,
    .enclose = detail::gaussian_measure::enclose,
    .laws = nullptr,
    .arrays = detail::gaussian_measure::arrays,
};

inline constexpr descriptor vae_kl_descriptor{
    .id = measure::vae_kl,
    .name = "vae_kl",
    .function = "oracle::vae_kl",
    .formula = "KL(N(mu, diag e^logvar) || N(0, I)) = 1/2 sum (mu^2 + e^logvar - 1 - logvar)",
    .inputs = 0,
    .roles = {},
    .parameters = {},
    .variants = exact_only,
    .base = base_rule::logarithm,
    .conformance_default = false,
    .laws_text = "vae_kl >= 0; 0 iff mu = 0 and logvar = 0",
    .prepare = detail::vae_measure::prepare,
    .exact = detail::vae_measure::exact,
    .fast = detail::vae_measure::fast_pass,
    .settle = nullptr,
    .enclose = detail::vae_measure::enclose,
    .laws = nullptr,
    .arrays = detail::vae_measure::arrays,
};

} // namespace gibbs::oracle

#endif // GIBBS_ORACLE_MEASURES_GAUSSIAN_HPP
