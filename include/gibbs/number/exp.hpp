// gibbs/number/exp.hpp: correctly rounded constexpr exp and expm1.
//
// Pipeline: domain checks -> special values and thresholds -> (double, float) fast path in
// double-double with a proven bound + rounding test (detail/fast.hpp) -> fallback in fixed point
// at rising precision (detail/fallback.hpp).
#ifndef GIBBS_NUMBER_EXP_HPP
#define GIBBS_NUMBER_EXP_HPP

#include "gibbs/number/detail/fast.hpp"
#include "gibbs/number/detail/generic.hpp"

#include <limits>
#include <type_traits>

namespace gibbs::detail {

/// Thresholds, valid for every supported type (|bounds| < 12000 keeps the fallback in range):
///   x > max_exp * 0.6932 (> max_exp ln 2): e^x > 2^max_exp, RN = +inf.
///   x < (min_exp - p - 1) * 0.6932: e^x < 2^(min_exp - p - 1), half the least subnormal: RN = +0.
template <class T>
inline constexpr double exp_overflow = std::numeric_limits<T>::max_exponent * 0.6932;
template <class T>
inline constexpr double exp_underflow = (std::numeric_limits<T>::min_exponent
                                         - std::numeric_limits<T>::digits - 1)
                                        * 0.6932;

/// e^x: exp(+-0) = 1 (the only exact case), exp(+inf) = +inf, exp(-inf) = +0, overflow to +inf,
/// underflow through the subnormals to +0.
/// Tiny shortcut: |x| <= 2^-(p+2) gives e^x strictly inside (1 - 2^-(p+1), 1 + 2^-p), the
/// rounding interval of 1: RN = 1. double_double, |x_hi| <= 2^-540: (1, RN(x + x^2/2 + ...)),
/// where the x^2 term (< 2^-1081) only breaks a tie (dd_tiny).
template <class T>
[[nodiscard]] constexpr T exp_impl(const T& x) {
  using lim = std::numeric_limits<T>;
  using U = typename primitive<T>::type;
  if (is_nan(x)) return x;
  if (x == T(0)) return T(1);
  if (x > T(exp_overflow<T>)) return lim::infinity();
  if (x < T(exp_underflow<T>)) return T(0);
  if constexpr (std::is_same_v<T, double_double>) {
    if (lead_abs(x) <= 0x1p-540) return T(1.0, rn_perturbed(x.hi, x.lo, 1));
  } else {
    if (lead_abs(x) <= pow2<U>(-(lim::digits + 2))) return T(1);
  }
  if constexpr (std::is_same_v<T, double> || std::is_same_v<T, float>) {
    const double xd = static_cast<double>(x);
    if (xd >= -708.39 && xd <= 708.39) {
      const fast::exp_parts e = fast::exp_kernel(xd);
      const double_double v = e.tj + e.tj * e.p; // 2^(j/64) (1 + p), in [1, 2.02)
      T out{};
      if (fast::decide(v, fast::rel_exp, e.q, out)) return out;
    }
  }
  return correctly_rounded<T>([&]<int N>(prec<N>) { return exp_full<N>(to_expansion(x)); });
}

/// e^x - 1: expm1(+-0) = +-0, expm1(+inf) = +inf, expm1(-inf) = -1.
/// Tiny shortcut: 0 < |x| <= 2^-(p+3): expm1(x) lies strictly between x and x + x^2 (toward
/// +inf), within a quarter of the spacing below |x|: RN = x.
/// Large negative: x < -0.7 (p + 2) gives e^x < 2^-(p+1): -1 < expm1(x) < -1 + 2^-(p+1), RN = -1.
template <class T>
[[nodiscard]] constexpr T expm1_impl(const T& x) {
  using lim = std::numeric_limits<T>;
  using U = typename primitive<T>::type;
  if (is_nan(x)) return x;
  if (x == T(0)) return x;
  if (x > T(exp_overflow<T>)) return lim::infinity();
  if constexpr (std::is_same_v<T, double_double>) {
    // x < -38.5: H = RN(e^x - 1) = -1 and L = RN(e^x - 1 - H) = RN(e^x) = exp(x).hi
    if (x < T(-38.5)) return T(-1.0, exp_impl(x).hi);
    if (lead_abs(x) <= 0x1p-540) return dd_tiny(x, 1);
  } else {
    if (x < T(-0.7 * (lim::digits + 2))) return T(-1);
    if (lead_abs(x) <= pow2<U>(-(lim::digits + 3))) return x;
  }
  if constexpr (std::is_same_v<T, double> || std::is_same_v<T, float>) {
    const double xd = static_cast<double>(x);
    if (xd <= 708.39) { // and xd >= -0.7 * 55 > -38.5
      const fast::exp_parts e = fast::exp_kernel(xd);
      double_double w = e.p;
      if (e.k != 0) {
        const double s = fast::pow2_normal(e.q);
        const double_double t{e.tj.hi * s, e.tj.lo * s}; // exact: x >= -38.5 keeps it normal
        w = t * e.p
            + (double_double(two_sum(t.hi, -1.0).hi, two_sum(t.hi, -1.0).lo) + double_double(t.lo));
      }
      T out{};
      if (fast::decide(w, fast::rel_expm1, 0, out)) return out;
    }
  }
  return correctly_rounded<T>([&]<int N>(prec<N>) { return expm1_full<N>(to_expansion(x)); });
}

} // namespace gibbs::detail

#endif // GIBBS_NUMBER_EXP_HPP
