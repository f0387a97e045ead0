// tests/support/reference_gaussian.hpp: independent reference values of gaussian_kl, vae_kl and
// bits_per_dim from the MPFR C API.
//
// The references evaluate the *textbook* formulas, which gibbs does not use:
//   gaussian_kl  = Σ [log σq − log σp + (σp² + (μp − μq)²)/(2σq²) − ½]
//                  (gibbs: −log1pmx(t)/2 + ((μp − μq)/σq)²/2, t = (σp/σq)² − 1)
//   vae_kl       = ½·Σ (μ² + exp(lv) − 1 − lv)          (gibbs: μ²/2 − log1pmx(expm1(lv))/2)
//   bits_per_dim = −Σ ll / (N·D·log 2)
// on the exact inputs (doubles converted to MPFR without rounding). Each evaluation at P bits
// performs at most 12 roundings per dimension, each of relative size 2^-P of an intermediate
// bounded by M = Σ (|log σq| + |log σp| + (σp² + d²)/(2σq²) + ½) (resp. Σ (μ² + e^lv + 1 + |lv|),
// Σ|ll|), so its absolute error is below 16·n·M·2^-P; the precision is doubled (from 256 bits)
// until that bound is below 2^-80 of the value, so the cancellation of the textbook forms near
// equality (where the value is tiny against M) cannot fool the reference.
#ifndef GIBBS_TESTS_SUPPORT_REFERENCE_GAUSSIAN_HPP
#define GIBBS_TESTS_SUPPORT_REFERENCE_GAUSSIAN_HPP

#include "mpfr.hpp"

#include <mpfr.h>

#include <cmath>
#include <cstddef>
#include <functional>
#include <limits>
#include <stdexcept>
#include <vector>

namespace gibbs_test::gaussian_reference {

/// The tests' owning mpfr_t (+0 until set).
using number = gibbs_test::mp;

/// Raises the precision of `evaluate(prec, value, magnitude)` until 16·n·M·2^-P < 2^-80·|value|
/// (or the value is exactly 0 with M = 0).
inline number refine(std::size_t n, const std::function<void(mpfr_prec_t, number&, double&)>& f) {
  for (mpfr_prec_t prec = 256; prec <= (1 << 16); prec *= 2) {
    number v(prec);
    double magnitude = 0;
    f(prec, v, magnitude);
    if (magnitude == 0) return v;
    const double bound = 16.0 * static_cast<double>(n) * magnitude * std::ldexp(1.0, -prec);
    const double value = std::fabs(v.to_double());
    if (std::isinf(value)) return v; // beyond binary64: only its overflow is compared
    if (value > 0 && bound < std::ldexp(value, -80)) return v;
  }
  throw std::runtime_error("gaussian_reference: no precision up to 2^16 bits bounds the error");
}

inline number gaussian_kl(const std::vector<double>& mp, const std::vector<double>& sp,
                          const std::vector<double>& mq, const std::vector<double>& sq) {
  return refine(mp.size(), [&](mpfr_prec_t prec, number& v, double& magnitude) {
    number a(prec), b(prec), t(prec);
    mpfr_set_zero(v.get(), 1);
    for (std::size_t i = 0; i < mp.size(); ++i) {
      mpfr_set_d(a.get(), sq[i], MPFR_RNDN);
      mpfr_log(a.get(), a.get(), MPFR_RNDN); // log sq
      magnitude += std::fabs(a.to_double());
      mpfr_add(v.get(), v.get(), a.get(), MPFR_RNDN);
      mpfr_set_d(a.get(), sp[i], MPFR_RNDN);
      mpfr_log(a.get(), a.get(), MPFR_RNDN); // log sp
      magnitude += std::fabs(a.to_double());
      mpfr_sub(v.get(), v.get(), a.get(), MPFR_RNDN);
      mpfr_set_d(a.get(), mp[i], MPFR_RNDN);
      mpfr_sub_d(a.get(), a.get(), mq[i], MPFR_RNDN); // d
      mpfr_sqr(a.get(), a.get(), MPFR_RNDN);
      mpfr_set_d(t.get(), sp[i], MPFR_RNDN);
      mpfr_sqr(t.get(), t.get(), MPFR_RNDN);
      mpfr_add(a.get(), a.get(), t.get(), MPFR_RNDN); // sp^2 + d^2
      mpfr_set_d(b.get(), sq[i], MPFR_RNDN);
      mpfr_sqr(b.get(), b.get(), MPFR_RNDN);
      mpfr_mul_2ui(b.get(), b.get(), 1, MPFR_RNDN);
      mpfr_div(a.get(), a.get(), b.get(), MPFR_RNDN);
      magnitude += std::fabs(a.to_double()) + 0.5;
      mpfr_add(v.get(), v.get(), a.get(), MPFR_RNDN);
      mpfr_sub_d(v.get(), v.get(), 0.5, MPFR_RNDN);
    }
  });
}

inline number vae_kl(const std::vector<double>& mu, const std::vector<double>& lv) {
  return refine(mu.size(), [&](mpfr_prec_t prec, number& v, double& magnitude) {
    number a(prec);
    mpfr_set_zero(v.get(), 1);
    for (std::size_t i = 0; i < mu.size(); ++i) {
      mpfr_set_d(a.get(), mu[i], MPFR_RNDN);
      mpfr_sqr(a.get(), a.get(), MPFR_RNDN);
      mpfr_add(v.get(), v.get(), a.get(), MPFR_RNDN);
      magnitude += a.to_double();
      mpfr_set_d(a.get(), lv[i], MPFR_RNDN);
      mpfr_exp(a.get(), a.get(), MPFR_RNDN);
      mpfr_add(v.get(), v.get(), a.get(), MPFR_RNDN);
      magnitude += a.to_double() + 1 + std::fabs(lv[i]);
      mpfr_sub_ui(v.get(), v.get(), 1, MPFR_RNDN);
      mpfr_sub_d(v.get(), v.get(), lv[i], MPFR_RNDN);
    }
    mpfr_div_2ui(v.get(), v.get(), 1, MPFR_RNDN);
  });
}

inline number bits_per_dim(const std::vector<double>& ll, double dims) {
  return refine(ll.size(), [&](mpfr_prec_t prec, number& v, double& magnitude) {
    number a(prec);
    mpfr_set_zero(v.get(), 1);
    for (double x : ll) {
      mpfr_sub_d(v.get(), v.get(), x, MPFR_RNDN);
      magnitude += std::fabs(x);
    }
    mpfr_div_d(v.get(), v.get(), static_cast<double>(ll.size()) * dims, MPFR_RNDN);
    mpfr_const_log2(a.get(), MPFR_RNDN);
    mpfr_div(v.get(), v.get(), a.get(), MPFR_RNDN);
    magnitude /= static_cast<double>(ll.size()) * dims; // the divisions keep the relative error
  });
}

/// |got − ref| in units of the last place of T at ref (normal range; subnormal ulps below it).
template <class T>
double ulp_error(T got, const number& ref) {
  const int digits = std::numeric_limits<T>::digits;
  number g(digits + 8), d(mpfr_get_prec(ref.get()) + digits + 8);
  if constexpr (sizeof(T) == sizeof(float))
    mpfr_set_flt(g.get(), got, MPFR_RNDN);
  else if constexpr (sizeof(T) == sizeof(double))
    mpfr_set_d(g.get(), static_cast<double>(got), MPFR_RNDN);
  else
    mpfr_set_ld(g.get(), static_cast<long double>(got), MPFR_RNDN);
  if (!mpfr_number_p(g.get())) // +inf is right (0 ulp) for a value beyond T's largest number
    return mpfr_inf_p(g.get()) && mpfr_sgn(g.get()) > 0
                   && mpfr_cmp_ld(ref.get(),
                                  static_cast<long double>(std::numeric_limits<T>::max()))
                          > 0
               ? 0.0
               : std::numeric_limits<double>::infinity();
  mpfr_sub(d.get(), g.get(), ref.get(), MPFR_RNDN);
  mpfr_abs(d.get(), d.get(), MPFR_RNDN);
  long e = mpfr_zero_p(ref.get()) ? std::numeric_limits<T>::min_exponent
                                  : static_cast<long>(mpfr_get_exp(ref.get()));
  if (e < std::numeric_limits<T>::min_exponent) e = std::numeric_limits<T>::min_exponent;
  mpfr_mul_2si(d.get(), d.get(), digits - e, MPFR_RNDN);
  return mpfr_get_d(d.get(), MPFR_RNDN);
}

} // namespace gibbs_test::gaussian_reference

#endif // GIBBS_TESTS_SUPPORT_REFERENCE_GAUSSIAN_HPP
