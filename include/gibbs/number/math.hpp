// gibbs/number/math.hpp: the elementary functions the measures call: gibbs::log, log1p, exp,
// expm1, log1pmx.
//
// For float, double, long double, gibbs::double_double (and boost float128 with
// gibbs/number/float128.hpp) they are constexpr and correctly rounded (round to nearest, ties to
// even; for double_double the pair (RN(f), RN(f - RN(f)))): a double-double fast path with a
// proven error bound and a rounding test, then a fixed-point evaluation at rising precision whose
// error bound is rigorous (see detail/fast.hpp and detail/fallback.hpp). The compile-time value
// equals the run-time value bit for bit (both are the correctly rounded result).
// A type whose number_traits supply a static function of the same name uses it (mpfi_float, in
// multiprecision.hpp: MPFI's rigorous mpfi_log1p, mpfi_expm1 and an enclosure of log1pmx;
// binary16 and bfloat16, in small_float.hpp: correctly rounded to the format, constexpr). Other
// types (Boost.Multiprecision) forward to the type's own functions found by ADL; log1pmx(x) is
// then an atanh series for |x| <= 1/2 (no cancellation) and log1p(x) - x elsewhere (and always
// for other interval types, where the identity keeps the enclosure rigorous).
#ifndef GIBBS_NUMBER_MATH_HPP
#define GIBBS_NUMBER_MATH_HPP

#include "gibbs/number/double_double.hpp"
#include "gibbs/number/exp.hpp"
#include "gibbs/number/log.hpp"
#include "gibbs/number/real.hpp"

#include <cmath>
#include <limits>

namespace gibbs {

#define GIBBS_DETAIL_MATH_FN(name)                                                                 \
  template <real T>                                                                                \
  [[nodiscard]] constexpr T name(const T& x) {                                                     \
    if constexpr (requires { number_traits<T>::name(x); }) {                                       \
      return T(number_traits<T>::name(x));                                                         \
    } else if constexpr (number_traits<T>::constexpr_math) {                                       \
      return detail::name##_impl(x);                                                               \
    } else {                                                                                       \
      using std::name;                                                                             \
      return T(name(x));                                                                           \
    }                                                                                              \
  }

/// Natural logarithm, correctly rounded: log(x) = ln x. Laws: log(1) = 0, log is increasing.
/// log(+-0) = -inf, log(x < 0) = NaN, log(+inf) = +inf. Example: log(2.0) == 0x1.62e42fefa39efp-1.
GIBBS_DETAIL_MATH_FN(log)
/// log(1 + x) without forming 1 + x, correctly rounded. log1p(-1) = -inf, log1p(x < -1) = NaN,
/// log1p(+-0) = +-0. Example: log1p(0x1p-60) == 0x1p-60.
GIBBS_DETAIL_MATH_FN(log1p)
/// e^x, correctly rounded; overflows to +inf, underflows through the subnormals to +0.
/// Example: exp(0.0) == 1.0, exp(1.0) == 0x1.5bf0a8b145769p+1.
GIBBS_DETAIL_MATH_FN(exp)
/// e^x - 1 without cancellation, correctly rounded. expm1(+-0) = +-0, expm1(-inf) = -1.
GIBBS_DETAIL_MATH_FN(expm1)
#undef GIBBS_DETAIL_MATH_FN

/// log1p(x) - x <= 0 without cancellation (the kernel of the non-cancelling KL form), correctly
/// rounded for the constexpr types. log1pmx(x) = -x^2/2 + x^3/3 - ... for small x;
/// log1pmx(+-0) = +0, log1pmx(-1) = -inf, log1pmx(x < -1) = NaN, log1pmx(+inf) = -inf.
template <real T>
[[nodiscard]] constexpr T log1pmx(const T& x) {
  if constexpr (requires { number_traits<T>::log1pmx(x); }) {
    return T(number_traits<T>::log1pmx(x)); // mpfi_float, binary16, bfloat16
  } else if constexpr (number_traits<T>::constexpr_math) {
    return detail::log1pmx_impl(x);
  } else if constexpr (number_traits<T>::is_interval) {
    using std::log1p;
    return T(log1p(x) - x); // an identity: the enclosure stays rigorous, Ziv's loop adds bits
  } else {
    // log1p(x) − x cancels for small x (absolute error ε|x| against a value ≈ −x²/2). With
    // s = x/(2 + x), log1p(x) = 2·atanh(s), so
    //   log1pmx(x) = 2·(atanh(s) − s) − x²/(2 + x) = 2·Σ_{k≥1} s^(2k+1)/(2k+1) − x²/(2 + x),
    // two parts of sizes x³/12 and x²/2: no cancellation. |x| ≤ 1/2 gives s² ≤ 1/9, so the
    // series gains > 3 bits a term (about 80 terms for 256 bits).
    using std::log1p;
    const T half(0.5);
    if (x < -half || x > half) return T(log1p(x) - x);
    const T s = x / (T(2) + x);
    const T s2 = s * s;
    T power = s * s2, sum(0);
    for (int k = 3; k < 4000; k += 2) {
      const T term = power / T(k);
      sum = sum + term;
      const T a = term < T(0) ? T(0) - term : term, b = sum < T(0) ? T(0) - sum : sum;
      if (!(a > b * std::numeric_limits<T>::epsilon())) break;
      power = power * s2;
    }
    return T(T(2) * sum - x * x / (T(2) + x));
  }
}

} // namespace gibbs

#endif // GIBBS_NUMBER_MATH_HPP
