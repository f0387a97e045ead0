// gibbs/number/log.hpp: correctly rounded constexpr log, log1p and log1pmx = log1p(x) - x.
//
// Pipeline of each function: domain checks -> special values -> (double, float) fast path in
// double-double with a proven bound + rounding test (detail/fast.hpp) -> fallback in fixed point
// at rising precision that decides every remaining case (detail/fallback.hpp).
// double_double results are (RN(f), RN(f - RN(f))), except for the tiny-argument shortcuts noted.
#ifndef GIBBS_NUMBER_LOG_HPP
#define GIBBS_NUMBER_LOG_HPP

#include "gibbs/number/detail/fast.hpp"
#include "gibbs/number/detail/generic.hpp"

#include <limits>
#include <type_traits>

namespace gibbs::detail {

/// log(x): log(+-0) = -inf, log(x < 0) = NaN, log(+inf) = +inf, log(1) = +0 (the only exact case).
template <class T>
[[nodiscard]] constexpr T log_impl(const T& x) {
  using lim = std::numeric_limits<T>;
  if (is_nan(x)) return x;
  if (x < T(0)) return lim::quiet_NaN();
  if (x == T(0)) return -lim::infinity();
  if (x == lim::infinity()) return x;
  if (x == T(1)) return T(0);
  if constexpr (std::is_same_v<T, double> || std::is_same_v<T, float>) {
    T out{};
    if (fast::decide(fast::log_dd(static_cast<double>(x), 0.0), fast::rel_log, 0, out)) return out;
  }
  return correctly_rounded<T>([&]<int N>(prec<N>) { return log_full<N>(to_expansion(x)); });
}

/// log1p(x): log1p(-1) = -inf, log1p(x < -1) = NaN, log1p(+-0) = +-0, log1p(+inf) = +inf.
/// Tiny shortcut: for 0 < |x| <= 2^-(p+3), x^2/2 < |x| 2^-(p+4) is less than a quarter of the
/// spacing of T below |x|, and log1p(x) lies strictly between x and x - x^2/2 (toward -inf):
/// RN(log1p(x)) = x, never a tie. double_double: for |x_hi| <= 2^-540, log1p(x) = x - eps with
/// 0 < eps < 2^-1081 (see dd_tiny).
template <class T>
[[nodiscard]] constexpr T log1p_impl(const T& x) {
  using lim = std::numeric_limits<T>;
  using U = typename primitive<T>::type;
  if (is_nan(x)) return x;
  if (x == T(-1)) return -lim::infinity();
  if (x < T(-1)) return lim::quiet_NaN();
  if (x == T(0) || x == lim::infinity()) return x;
  if constexpr (std::is_same_v<T, double_double>) {
    if (lead_abs(x) <= 0x1p-540) return dd_tiny(x, -1);
  } else {
    if (lead_abs(x) <= pow2<U>(-(lim::digits + 3))) return x;
  }
  if constexpr (std::is_same_v<T, double> || std::is_same_v<T, float>) {
    const dd_pair st = two_sum(1.0, static_cast<double>(x));
    T out{};
    if (fast::decide(fast::log_dd(st.hi, st.lo), fast::rel_log, 0, out)) return out;
  }
  return correctly_rounded<T>([&]<int N>(prec<N>) { return log1p_full<N>(to_expansion(x)); });
}

/// log1pmx(x) = log1p(x) - x <= 0: log1pmx(-1) = -inf, log1pmx(x < -1) = NaN,
/// log1pmx(+-0) = +0, log1pmx(+inf) = -inf. (double_double with x >= 2^800: within 2^-104
/// relative, not certified correctly rounded.)
template <class T>
[[nodiscard]] constexpr T log1pmx_impl(const T& x) {
  using lim = std::numeric_limits<T>;
  if (is_nan(x)) return x;
  if (x == T(-1)) return -lim::infinity();
  if (x < T(-1)) return lim::quiet_NaN();
  if (x == T(0)) return T(0);
  if (x == lim::infinity()) return -lim::infinity();
  if constexpr (std::is_same_v<T, double_double>) {
    // |x| <= 2^-540: -x^2/2 (1 + O(x)) has magnitude below 2^-1081: rounds to -0
    if (lead_abs(x) <= 0x1p-540) return double_double(-0.0, -0.0);
    // x >= 2^800: the fixed-point form cannot resolve the low part; -x + log1p(x) in double-double
    // arithmetic (relative error <= 2^-104, not certified to be the correctly rounded pair).
    if (x.hi >= 0x1p800) return -x + log1p_impl(x);
  }
  if constexpr (std::is_same_v<T, double> || std::is_same_v<T, float>) {
    const double xd = static_cast<double>(x);
    const double ax = fast::fabs_(xd);
    T out{};
    if (ax <= 0x1p-7) {
      // relative form: x^2 B(x) (bound 2^-71.2, see fast.hpp); needs x^2 >= 2^-960 (no underflow)
      if (ax >= 0x1p-480
          && fast::decide(fast::log1p_minus_z(double_double(xd)), fast::rel_log1pmx, 0, out))
        return out;
    } else if (xd < 0x1p1000) {
      // log1p(x) (2^-69) minus x exactly: |log1p x| <= 2^9 |log1p x - x| for |x| >= 2^-7.
      const dd_pair st = two_sum(1.0, xd);
      const double_double l = fast::log_dd(st.hi, st.lo) - double_double(xd);
      if (fast::decide(l, fast::rel_log1pmx, 0, out)) return out;
    }
  }
  return correctly_rounded<T>([&]<int N>(prec<N>) { return log1pmx_full<N>(to_expansion(x)); });
}

} // namespace gibbs::detail

#endif // GIBBS_NUMBER_LOG_HPP
