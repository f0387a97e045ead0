// tests/support/elementary.hpp: correctly rounded reference values from MPFR (the GNU MPFR library,
// https://www.mpfr.org), computed in the tests themselves: MPFR's own log, log1p, exp, expm1 at
// 600 bits (log1pmx = log1p(x) - x with log1p at 2 |exponent of x| + 64 more bits, where the
// subtraction cancels, or its series for |x| < 2^-200), then one rounding to the target type
// with MPFR's correctly rounded conversions. elementary_value is the same evaluation at a
// precision the caller chooses (tools/accuracy uses it too).
#ifndef GIBBS_TESTS_SUPPORT_ELEMENTARY_HPP
#define GIBBS_TESTS_SUPPORT_ELEMENTARY_HPP

#include "gibbs/number/double_double.hpp"

// mpfr_get_float128 is declared only when MPFR_WANT_FLOAT128 is defined before mpfr.h is first
// included: include this header before any other that includes mpfr.h.
#if defined(GIBBS_HAS_FLOAT128) && GIBBS_HAS_FLOAT128
#define MPFR_WANT_FLOAT128 1
#endif
#include <mpfr.h>

#include "functions.hpp"
#include "mpfr.hpp"

#include <algorithm>
#include <cmath>
#include <string>

namespace gibbs_test {

inline void set(mpfr_ptr r, double x) {
  mpfr_set_d(r, x, MPFR_RNDN);
}
inline void set(mpfr_ptr r, float x) {
  mpfr_set_flt(r, x, MPFR_RNDN);
}
inline void set(mpfr_ptr r, long double x) {
  mpfr_set_ld(r, x, MPFR_RNDN);
}
inline void set(mpfr_ptr r, const gibbs::double_double& x) {
  mpfr_set_d(r, x.hi, MPFR_RNDN);
  if (x.lo != 0.0) mpfr_add_d(r, r, x.lo, MPFR_RNDN);
}

/// f(x) into r at r's precision: log, log1p, exp, expm1 correctly rounded by MPFR; log1pmx within
/// 2^-(prec(r) - 1) relative. log1pmx(x) = log1p(x) - x loses about -exponent(x) bits to
/// cancellation for |x| < 1 (and at most 3 for x >= 1/2, none near -1), so log1p is evaluated at
/// prec(r) + 2 max(0, -exponent(x)) + 64 bits; for |x| < 2^-200 the series
/// -x^2/2 + x^3/3 - ... + (-1)^(K+1) x^K/K instead, with K such that the truncation, below
/// 2 |x|^(K-1) relative, is under 2^-(prec(r) + 16), each term at prec(r) + 16 bits (the terms
/// shrink by 2^-200 each: no cancellation).
inline void elementary_value(fn f, mpfr_ptr r, mpfr_srcptr x) {
  const long prec = static_cast<long>(mpfr_get_prec(r));
  switch (f) {
  case fn::log:
    mpfr_log(r, x, MPFR_RNDN);
    return;
  case fn::log1p:
    mpfr_log1p(r, x, MPFR_RNDN);
    return;
  case fn::exp:
    mpfr_exp(r, x, MPFR_RNDN);
    return;
  case fn::expm1:
    mpfr_expm1(r, x, MPFR_RNDN);
    return;
  case fn::log1pmx:
    break;
  }
  if (mpfr_zero_p(x)) {
    mpfr_set_zero(r, 1);
    return;
  }
  if (mpfr_inf_p(x) && mpfr_sgn(x) > 0) {
    mpfr_set_inf(r, -1);
    return;
  }
  const long ex = mpfr_regular_p(x) ? static_cast<long>(mpfr_get_exp(x)) : 0; // |x| < 2^ex
  if (ex < -200) {
    const long terms = 1 + (prec + 17 - ex - 1) / (-ex); // K = 1 + ceil((prec + 17)/(-ex))
    mp power(prec + 16), term(prec + 16), sum(prec + 16);
    mpfr_sqr(power, x, MPFR_RNDN);
    mpfr_div_si(sum, power, -2, MPFR_RNDN);
    for (long k = 3; k <= terms; ++k) {
      mpfr_mul(power, power, x, MPFR_RNDN);
      mpfr_div_si(term, power, k % 2 == 1 ? k : -k, MPFR_RNDN);
      mpfr_add(sum, sum, term, MPFR_RNDN);
    }
    mpfr_set(r, sum, MPFR_RNDN);
    return;
  }
  mp t(prec + 2 * std::max(0L, -ex) + 64);
  mpfr_log1p(t, x, MPFR_RNDN);
  mpfr_sub(r, t, x, MPFR_RNDN);
}

/// f(x) at 600 bits into r (r's precision is set here).
template <class T>
void exact(fn f, const T& x, mpfr_ptr r) {
  mp mx(1200);
  set(mx.get(), x);
  mpfr_set_prec(r, 600);
  elementary_value(f, r, mx.get());
}

template <class T>
T round_to(mpfr_ptr v);
template <>
inline float round_to<float>(mpfr_ptr v) {
  return mpfr_get_flt(v, MPFR_RNDN);
}
template <>
inline double round_to<double>(mpfr_ptr v) {
  return mpfr_get_d(v, MPFR_RNDN);
}
template <>
inline long double round_to<long double>(mpfr_ptr v) {
  return mpfr_get_ld(v, MPFR_RNDN);
}

/// The correctly rounded f(x) in T (double_double: (RN(f), RN(f - RN(f))), with enough bits for
/// the low part).
template <class T>
T correctly_rounded(fn f, const T& x) {
  mp r(600);
  exact(f, x, r.get());
  if constexpr (std::is_same_v<T, gibbs::double_double>) {
    if (mpfr_regular_p(r.get()) && mpfr_get_exp(r.get()) <= 1025) {
      mpfr_prec_t need = std::max<long>(600, mpfr_get_exp(r.get()) + 1075 + 1200);
      mp r2(need), mx(1200); // recomputed at the precision the low part needs
      set(mx.get(), x);
      elementary_value(f, r2.get(), mx.get());
      const double h = mpfr_get_d(r2.get(), MPFR_RNDN);
      mpfr_sub_d(r2.get(), r2.get(), h, MPFR_RNDN);
      return {h, mpfr_get_d(r2.get(), MPFR_RNDN)};
    }
    const double h = mpfr_get_d(r.get(), MPFR_RNDN);
    return {h, 0.0};
  } else {
    return round_to<T>(r.get());
  }
}

template <class T>
bool same(const T& a, const T& b) {
  if constexpr (std::is_same_v<T, gibbs::double_double>) {
    return same(a.hi, b.hi) && (a.lo == b.lo || (a.lo != a.lo && b.lo != b.lo));
  } else {
    if (a != a || b != b) return a != a && b != b;
    return a == b && std::signbit(a) == std::signbit(b);
  }
}

template <class T>
std::string show(const T& x) {
  char buf[128];
  if constexpr (std::is_same_v<T, gibbs::double_double>) {
    std::snprintf(buf, sizeof buf, "(%a, %a)", x.hi, x.lo);
  } else if constexpr (std::is_same_v<T, long double>) {
    std::snprintf(buf, sizeof buf, "%La", x);
  } else {
    std::snprintf(buf, sizeof buf, "%a", static_cast<double>(x));
  }
  return buf;
}

} // namespace gibbs_test

#endif // GIBBS_TESTS_SUPPORT_ELEMENTARY_HPP
