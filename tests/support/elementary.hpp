// tests/support/elementary.hpp: correctly rounded reference values from MPFR (the GNU MPFR library,
// https://www.mpfr.org), computed in the tests themselves: MPFR's own log, log1p, exp, expm1 at
// 600 bits (log1pmx: log1p - x at 600 + 2 |exponent of x| bits, or its series for tiny x), then
// one rounding to the target type with MPFR's correctly rounded conversions.
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

/// f(x) at high precision into r (r's precision is chosen here).
template <class T>
void exact(fn f, const T& x, mpfr_ptr r) {
  mp mx(1200);
  set(mx.get(), x);
  const long ex = mpfr_regular_p(mx.get()) ? mpfr_get_exp(mx.get()) : 0;
  mpfr_set_prec(r, 600);
  switch (f) {
  case fn::log:
    mpfr_log(r, mx.get(), MPFR_RNDN);
    break;
  case fn::log1p:
    mpfr_log1p(r, mx.get(), MPFR_RNDN);
    break;
  case fn::exp:
    mpfr_exp(r, mx.get(), MPFR_RNDN);
    break;
  case fn::expm1:
    mpfr_expm1(r, mx.get(), MPFR_RNDN);
    break;
  case fn::log1pmx:
    if (mpfr_zero_p(mx.get())) {
      mpfr_set_zero(r, 1);
    } else if (mpfr_inf_p(mx.get()) && mpfr_sgn(mx.get()) > 0) {
      mpfr_set_inf(r, -1);
    } else if (ex < -250) { // -x^2/2 + x^3/3: the next term is 2^-750 relative
      mp t(1200);
      mpfr_sqr(t.get(), mx.get(), MPFR_RNDN);
      mpfr_mul(r, t.get(), mx.get(), MPFR_RNDN);
      mpfr_div_ui(r, r, 3, MPFR_RNDN);
      mpfr_div_2ui(t.get(), t.get(), 1, MPFR_RNDN);
      mpfr_sub(r, r, t.get(), MPFR_RNDN);
    } else {
      mp t(600 + 2 * std::max(0L, -ex) + std::max(0L, ex));
      mpfr_log1p(t.get(), mx.get(), MPFR_RNDN);
      mpfr_sub(r, t.get(), mx.get(), MPFR_RNDN);
    }
    break;
  }
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
      mp r2(need);
      // recompute at the precision the low part needs
      mp mx(1200);
      set(mx.get(), x);
      mpfr_set_prec(r2.get(), need);
      switch (f) {
      case fn::log:
        mpfr_log(r2.get(), mx.get(), MPFR_RNDN);
        break;
      case fn::log1p:
        mpfr_log1p(r2.get(), mx.get(), MPFR_RNDN);
        break;
      case fn::exp:
        mpfr_exp(r2.get(), mx.get(), MPFR_RNDN);
        break;
      case fn::expm1:
        mpfr_expm1(r2.get(), mx.get(), MPFR_RNDN);
        break;
      case fn::log1pmx: {
        mp t(need + 2400);
        mpfr_log1p(t.get(), mx.get(), MPFR_RNDN);
        mpfr_sub(r2.get(), t.get(), mx.get(), MPFR_RNDN);
        break;
      }
      }
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
