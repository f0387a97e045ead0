// tests/support/small_float.hpp: RN_F(v) for the 16-bit formats of
// gibbs/number/small_float.hpp, computed with MPFR by hand, independently of the library: the
// overflow threshold (2 - 2^-p) 2^emax, then mpfr_prec_round to the number of bits the format has
// at v's exponent (p for normal numbers, fewer for subnormals), or the comparison with half the
// least subnormal below that. (The oracle rounds with MPFR's mpfr_check_range and
// mpfr_subnormalize instead.)
#ifndef GIBBS_TESTS_SUPPORT_SMALL_FLOAT_HPP
#define GIBBS_TESTS_SUPPORT_SMALL_FLOAT_HPP

#include "mpfr.hpp"

#include <mpfr.h>

#include <cmath>

namespace gibbs_test {

/// RN_F(v) for an MPFR number v in MPFR's default range, by hand: overflow threshold, then
/// mpfr_prec_round to the bits F has at v's exponent, or the comparison with half the least
/// subnormal.
template <class F>
inline double round_to_format(mpfr_srcptr v) {
  constexpr int p = F::precision;
  if (!mpfr_regular_p(v)) return mpfr_get_d(v, MPFR_RNDN); // 0, inf, NaN
  mp t(mpfr_get_prec(v)), lim(64);
  mpfr_set(t, v, MPFR_RNDN);
  mpfr_set_ui_2exp(lim, (1u << (p + 1)) - 1, F::emax - p, MPFR_RNDN);
  // lim = (2^(p+1) - 1) 2^(emax - p) = (2 - 2^-p) 2^emax, the overflow threshold
  if (mpfr_cmpabs(t, lim) >= 0) return mpfr_sgn(v) > 0 ? HUGE_VAL : -HUGE_VAL;
  const long e = mpfr_get_exp(v); // |v| in [2^(e-1), 2^e)
  const long bits = (e - 1 >= F::emin) ? p : p - (F::emin - (e - 1));
  if (bits >= 1) {
    mpfr_prec_round(t, bits, MPFR_RNDN);
    return t.to_double();
  }
  mpfr_set_ui_2exp(lim, 1, F::emin - p, MPFR_RNDN); // half the least subnormal
  const int c = mpfr_cmpabs(t, lim);
  const double least = std::ldexp(1.0, F::emin - p + 1);
  const double mag = c > 0 ? least : 0.0; // a tie at half goes to the even 0
  return mpfr_sgn(v) > 0 ? mag : -mag;
}

} // namespace gibbs_test

#endif // GIBBS_TESTS_SUPPORT_SMALL_FLOAT_HPP
