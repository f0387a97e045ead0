// gibbs/oracle/detail/kernel_binary.hpp: the fast passes of the binary cross-entropies — one
// pass over the elements computing each term in double-double with a certified relative bound,
// summed by kernel::accumulator and certified by kernel::certify (detail/kernel.hpp: notation,
// the error-free transformations, contraction and the FMA dispatch are as described there).
//
// Both losses are sums of non-negative products (coefficient) x (non-negative log part), so a
// relative error bound per part is a relative bound on the term, and the term bounds add.
// Elements outside the ranges stated below make the pass decline (ok = false): the oracle then
// runs the interval evaluation, which handles every finite input.
#ifndef GIBBS_ORACLE_DETAIL_KERNEL_BINARY_HPP
#define GIBBS_ORACLE_DETAIL_KERNEL_BINARY_HPP

#include "gibbs/number/detail/fast.hpp"
#include "gibbs/oracle/detail/certified_dd.hpp"
#include "gibbs/oracle/detail/kernel.hpp"

#include <cmath>
#include <cstddef>
#include <span>

namespace gibbs::oracle::detail::kernel {

/// A coefficient c (a weight, pos_weight or target) the products below take without underflow
/// or overflow: 0, or in [2^-100, 2^100].
GIBBS_KERNEL_INLINE bool tame(double c) {
  return c == 0 || (c >= 0x1p-100 && c <= 0x1p100);
}

/// The weight of element i (1 when absent).
GIBBS_KERNEL_INLINE double weight(std::span<const double> w, std::size_t i) {
  return w.empty() ? 1.0 : w[i];
}

/// c (hi + lo) for a double c and a double-double part: TwoProduct plus c lo, relative
/// error <= 2^-104 (one rounding of a low-order product and one addition).
GIBBS_KERNEL_INLINE dd_pair scale(double c, dd_pair v) {
  const dd_pair t = two_prod(c, v.hi);
  return {t.hi, t.lo + c * v.lo};
}

/// (ch + cl)(hi + lo), ch + cl = 1 - y exact (TwoSum): relative error <= 2^-102 (the omitted
/// cl lo <= 2^-104 of the product, and three roundings of low-order parts).
GIBBS_KERNEL_INLINE dd_pair scale2(dd_pair c, dd_pair v) {
  const dd_pair t = two_prod(c.hi, v.hi);
  return {t.hi, t.lo + (c.hi * v.lo + c.lo * v.hi)};
}

/// The relative bound of one binary cross-entropy term (the sum of both parts, times the
/// weight): a log within RHO_LOG_K, products and sums within 2^-100 in all.
inline constexpr double RHO_BCE = RHO_LOG_K + 0x1p-99;

/// Binary cross-entropy terms w [-y log x - (1 - y) log(1 - x)] of validated input without
/// infinite terms. Taken here: x in {0, 1} or [2^-800, 1), y in {0, 1} or [2^-100, 1), w tame;
/// any other element sets `declined`.
///   -log x = -log_k(x) (RHO_LOG_K); |log x| >= 2^-53 for x < 1, so y |log x| >= 2^-153.
///   log(1 - x): x >= 1/2: log_k(1 - x) (1 - x exact, Sterbenz; >= 2^-53); 2^-60 <= x < 1/2:
///     log_k(TwoSum(1, -x)) (an exact double-double argument in (1/2, 1]); x < 2^-60:
///     -x - x^2/2 (truncation x^2/3 <= 2^-121 relative; x^2/2 underflows only where it is
///     below 2^-1074 <= 2^-274 |x|). |log(1 - x)| >= x >= 2^-800, (1 - y) |log(1 - x)| >= 2^-853.
///   Times w >= 2^-100: every product and low part stays above 2^-1010 (normal), and below
///   2^110 (|log x| <= 555).
///   The parts are >= 0, added by TwoSum with their low parts: 2^-104.
GIBBS_KERNEL_INLINE void bce_body(std::span<const double> x, std::span<const double> y,
                                  std::span<const double> w, pass& out, bool& declined) {
  accumulator acc;
  double far = 0;
  const std::size_t n = x.size();
  for (std::size_t i = 0; i < n; ++i) {
    const double xi = x[i], yi = y[i], wi = weight(w, i);
    if (wi == 0) continue;
    if (!(xi == 0 || xi >= 0x1p-800) || !(yi == 0 || yi == 1 || yi >= 0x1p-100) || !tame(wi)) {
      declined = true;
      return;
    }
    dd_pair t{0.0, 0.0};
    if (yi > 0 && xi < 1) {
      const dd_pair L = log_k(xi, 0.0);
      const dd_pair a = scale(-yi, L);
      t = a;
    }
    if (yi < 1 && xi > 0) {
      dd_pair L;
      if (xi >= 0.5) {
        L = log_k(1.0 - xi, 0.0);
      } else if (xi >= 0x1p-60) {
        const dd_pair d = two_sum(1.0, -xi);
        L = log_k(d.hi, d.lo);
      } else {
        L = {-xi, -0.5 * (xi * xi)};
      }
      const dd_pair b = scale2(two_sum(1.0, -yi), L);
      const dd_pair s = two_sum(t.hi, -b.hi);
      t = {s.hi, s.lo + (t.lo - b.lo)};
    }
    if (!w.empty()) t = scale(wi, t);
    far += std::fabs(t.hi);
    acc.add(t.hi, t.lo);
  }
  out.sum = acc;
  out.far = far;
  out.n = static_cast<double>(n);
}

/// exp(-a) for 0 <= a <= 300 as a double-double: kernel::exp_term (within 2^-85.8 relative) and
/// its scaling by 2^q, exact here (q >= -434: both parts stay normal), so the pair stays
/// normalised as exp_term left it. RHO_EXP_ORD (2^-79) is the bound the callers use.
GIBBS_KERNEL_INLINE dd_pair exp_minus(double a, const exp_constants& T) {
  const lse_term t = exp_term(-a, 0.0, T);
  const double sc = gibbs::detail::fast::pow2_normal(t.q);
  return {t.hi * sc, t.lo * sc};
}

/// The relative bound of a term of binary cross-entropy with logits, per element:
/// e = log1p(E) errs by RHO_LOG_K (the log) plus E's relative error RHO_EXP_ORD (which moves
/// log1p(E) by at most as much, since E/(1 + E) <= log1p(E)), plus 2^-89 for the argument of the
/// log; the sums and products add 2^-98. Applied to the whole term (the e part is at most the
/// term).
inline constexpr double RHO_LOGITS = RHO_LOG_K * (1 + 0x1p-40) + RHO_EXP_ORD + 0x1p-88;

/// Terms w [c y softplus(-z) + (1 - y) softplus(z)], softplus(+-|z|) = max(+-z, 0) + e,
/// e = log1p(exp(-|z|)), of validated input. Taken here: |z| <= 2^600, y in {0, 1} or
/// [2^-100, 1), w, c tame (else `declined`).
///   |z| <= 300: E = exp_minus(|z|) (RHO_EXP_ORD); e = log_k(TwoSum(1, E_hi) + E_lo) for E > 2^-9,
///     log1p_k(E) for 2^-60 <= E <= 2^-9, E - E^2/2 below (truncation 2^-121 relative; E^2 >=
///     2^-880 does not underflow). With c y >= 2^-200 and w >= 2^-100 every product and low part
///     stays above 2^-840, and below 2^810 (|z| <= 2^600). The bound RHO_LOGITS |T| is summed in
///     `err`.
///   |z| > 300: e < exp(-300) < 2^-432 is dropped: an absolute error <= 2^-432 (c y + 1 - y) w
///     per element, summed in `tail` (at most 4 roundings per element: the factor 1 + 2^-49).
///   |z| + e by TwoSum (exact) and the low parts (2^-104); the coefficient c y by TwoProduct
///   (exact: both tame), 1 - y by TwoSum (exact).
GIBBS_KERNEL_INLINE void bcel_body(std::span<const double> z, std::span<const double> y,
                                   std::span<const double> w, std::span<const double> pw, pass& out,
                                   double& tail, bool& declined) {
  accumulator acc;
  double err = 0, lost = 0;
  const std::size_t n = z.size();
  const exp_constants& T = exp_table();
  for (std::size_t i = 0; i < n; ++i) {
    const double zi = z[i], yi = y[i], wi = weight(w, i), ci = weight(pw, i);
    if (wi == 0) continue;
    const double az = std::fabs(zi);
    if (!(az <= 0x1p600) || !(yi == 0 || yi == 1 || yi >= 0x1p-100) || !tame(wi) || !tame(ci)) {
      declined = true;
      return;
    }
    dd_pair e{0.0, 0.0};
    if (az <= 300) {
      const dd_pair E = exp_minus(az, T);
      if (E.hi > 0x1p-9) {
        const dd_pair s = two_sum(1.0, E.hi);
        e = log_k(s.hi, s.lo + E.lo);
      } else if (E.hi >= 0x1p-60) {
        e = log1p_k(E.hi, E.lo);
      } else {
        e = {E.hi, E.lo - 0.5 * (E.hi * E.hi)};
      }
    } else {
      lost += (ci * yi + (1 - yi)) * wi;
    }
    const dd_pair sb = two_sum(az, e.hi);
    const dd_pair big{sb.hi, sb.lo + e.lo}; // softplus(|z|)
    const dd_pair up = zi < 0 ? big : e, down = zi < 0 ? e : big;
    dd_pair t{0.0, 0.0};
    if (yi > 0 && ci > 0) t = scale2(two_prod(ci, yi), up);
    if (yi < 1) {
      const dd_pair b = scale2(two_sum(1.0, -yi), down);
      const dd_pair s = two_sum(t.hi, b.hi);
      t = {s.hi, s.lo + (t.lo + b.lo)};
    }
    if (!w.empty()) t = scale(wi, t);
    err += std::fabs(t.hi);
    acc.add(t.hi, t.lo);
  }
  out.sum = acc;
  out.far = 0;
  out.n = static_cast<double>(n);
  tail = lost * 0x1p-432 * (1 + 0x1p-49) + RHO_LOGITS * err * (1 + 0x1p-49);
}

#if GIBBS_KERNEL_DISPATCH
[[gnu::target("fma")]] inline void bce_fma(std::span<const double> x, std::span<const double> y,
                                           std::span<const double> w, pass& out, bool& d) {
  bce_body(x, y, w, out, d);
}
// the BCE-with-logits loops run without contraction, as kernel::exp_term needs (kernel.hpp)
[[gnu::target("fma"), GIBBS_KERNEL_NO_CONTRACT]] inline void
bcel_fma(std::span<const double> z, std::span<const double> y, std::span<const double> w,
         std::span<const double> pw, pass& out, double& tail, bool& d) {
  bcel_body(z, y, w, pw, out, tail, d);
}
#endif
[[gnu::noinline]] inline void bce_portable(std::span<const double> x, std::span<const double> y,
                                           std::span<const double> w, pass& out, bool& d) {
  bce_body(x, y, w, out, d);
}
[[gnu::noinline, GIBBS_KERNEL_NO_CONTRACT]] inline void
bcel_portable(std::span<const double> z, std::span<const double> y, std::span<const double> w,
              std::span<const double> pw, pass& out, double& tail, bool& d) {
  bcel_body(z, y, w, pw, out, tail, d);
}

/// The certified sum of binary cross-entropy terms (ok = false: declined). The term bounds:
/// RHO_BCE |T| each, added to the accumulator's bound.
inline certified::sum_result binary_cross_entropy(std::span<const double> x,
                                                  std::span<const double> y,
                                                  std::span<const double> w) {
  pass r;
  bool declined = false;
#if GIBBS_KERNEL_DISPATCH
  if (have_fma())
    bce_fma(x, y, w, r, declined);
  else
#endif
    bce_portable(x, y, w, r, declined);
  if (declined) return {};
  certified::sum_result s = certify(r); // counts RHO_FAR far; the rest of RHO_BCE far added here
  const double grow = 1 + r.n * 0x1p-51;
  s.error = (s.error + (RHO_BCE - RHO_FAR) * r.far * grow) * (1 + 0x1p-50);
  s.ok = s.ok && std::isfinite(s.error);
  return s;
}

/// The certified sum of binary cross-entropy with logits terms (ok = false: declined).
inline certified::sum_result binary_cross_entropy_with_logits(std::span<const double> z,
                                                              std::span<const double> y,
                                                              std::span<const double> w,
                                                              std::span<const double> pw) {
  pass r;
  double tail = 0;
  bool declined = false;
#if GIBBS_KERNEL_DISPATCH
  if (have_fma())
    bcel_fma(z, y, w, pw, r, tail, declined);
  else
#endif
    bcel_portable(z, y, w, pw, r, tail, declined);
  if (declined) return {};
  certified::sum_result s = certify(r); // the accumulator's bound (far = 0)
  const double grow = 1 + r.n * 0x1p-51;
  s.error = (s.error + (tail + 0x1p-98 * std::fabs(s.value.hi)) * grow) * (1 + 0x1p-50);
  s.ok = s.ok && std::isfinite(s.error);
  return s;
}

} // namespace gibbs::oracle::detail::kernel

#endif // GIBBS_ORACLE_DETAIL_KERNEL_BINARY_HPP
