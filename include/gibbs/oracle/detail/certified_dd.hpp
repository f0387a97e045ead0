// gibbs/oracle/detail/certified_dd.hpp: certified double-double values and the rounding test of
// the fast passes — sum_result (a double-double with a proven absolute error bound), the
// conversion to a base, the rounding test `decide` that either settles the correctly rounded
// result or hands over to the interval path, and the double-double KL terms with proven relative
// error bounds that the kernel (detail/kernel.hpp) uses for masses outside its ordinary range.
//
// Building blocks (bounds as stated next to their code):
//  * gibbs::double_double (number/double_double.hpp): + and - (AccurateDWPlusDW) relative error
//    <= 2^-104.4 of the exact result, * <= 2^-103.1, / <= 2^-101.8, without underflow.
//  * gibbs::detail::fast::log_dd(s, t) (number/detail/fast.hpp): log(s + t) for s > 0 normal or
//    subnormal and |t| <= ulp(s)/2, relative error proven <= 2^-72, stated 2^-69. We use
//    RHO_LOG = 2^-67 (a further factor 4).
//  * gibbs::detail::fast::log1p_minus_z(z): log1p(z) - z for |z| <= 2^-7, relative error proven
//    <= 2^-71.2; we use 2^-69.
// Underflow: every double-double operation whose result (or a partial product) falls below
// 2^-969 loses at most 2^-1075 absolute per component; no such loss is later multiplied by more
// than 1 (see the term analysis), so 2^-1068 absolute per term covers all of them (SLACK).
#ifndef GIBBS_ORACLE_DETAIL_CERTIFIED_DD_HPP
#define GIBBS_ORACLE_DETAIL_CERTIFIED_DD_HPP

#include "gibbs/number/detail/fast.hpp"
#include "gibbs/number/double_double.hpp"
#include "gibbs/oracle/api.hpp"
#include "gibbs/oracle/detail/exact_sum.hpp"
#include "gibbs/oracle/format.hpp"

#include <bit>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>

namespace gibbs::oracle::detail::certified {

using gibbs::double_double;

inline constexpr double RHO_LOG = 0x1p-67;
inline constexpr double SLACK = 0x1p-1068;

/// A term and the bound rho with |computed - exact| <= rho |computed.hi| (+ SLACK).
struct term {
  double_double value;
  double rho;
};

[[nodiscard]] inline double_double log_of(const double_double& x) {
  return gibbs::detail::fast::log_dd(x.hi, x.lo);
}
[[nodiscard]] inline double_double log_of(double x) {
  return gibbs::detail::fast::log_dd(x, 0.0);
}

/// The Bregman term T = p log(p/q) - p + q >= 0 for p >= 0, q > 0 (finite doubles).
///
/// Scaling: if p, q < 2^-800 both are multiplied by 2^900 (exact; T scales alike, log(p/q) does
/// not change) and T by 2^-900 at the end (exact unless T lands below 2^-969: SLACK).
///
/// (a) q/2 <= p <= 2q, |u| < 2^-7 with u = (p - q)/q: d = p - q is exact (Sterbenz), u = d / q in
///     double-double (2^-101.8). phi(u) = (1+u) log1p(u) - u = u^2 + (1+u) m, m = log1p(u) - u
///     = log1p_minus_z(u) = u^2 B(u). The number layer documents 2^-71.2 for m, but its B drops
///     the series from u^9/11 on: relative to |B| >= 0.496 that truncation is
///     <= 2.02 |u|^9 / 11 / (1 - |u|) <= 0.185 |u|^9 (2^-65.4 at |u| = 2^-7; measured worst
///     2^-65.46 against MPFR in tests/oracle/fast_kernels.cpp), so we take
///     rel(m) <= 0.185 |u|^9 + 2^-71.2. (1+u)|m| / phi <= 1.03, the final addition cancels by a
///     factor <= 3, so phi errs by <= 1.03 rel(m) + 3 * 2^-103 + the error of u (phi'(u) =
///     log1p u ~ u: 2^-101.8 u^2, relative 2^-100.8), and T = q phi adds 2^-103.1:
///     rho = 0.2 |u|^9 + 2^-70 (|u|^9 formed in double from |u.hi|, 4 roundings: covered).
///     For |u| < 2^-300, u^2 could underflow: T = d u / 2 instead, whose truncation is
///     phi = u^2/2 (1 - u/3 + ...) i.e. relative |u|/3 < 2^-301, plus 2 products: rho = 2^-100.
/// (b) q/2 <= p <= 2q, |u| >= 2^-7: r = 1 + u formed from u (TwoSum and one addition: absolute
///     error <= 2^-101.2 including u's own), L = log_dd(r) within RHO_LOG (plus r's error, i.e.
///     2^-100.2 absolute in L); phi = r L - u. r |L| / phi(u) is at most 2^8.02 at |u| = 2^-7
///     and decreases with |u| (2.26 at u = -1/2), so phi errs by
///     <= 2^8.02 (2^-67 + 2^-103 + 2^-104.4) + 2^-84 (from r and u): rho = 2^-58 (rounded up).
/// (c) p < q/2 or p > 2q: L = log(p/q): from r = p/q in double-double when 2^-900 < r < 2^900
///     and p, q >= 2^-960 (no underflow in the division; |L| > 0.69 here, so r's error adds
///     2^-101.3 relative to L): L within 2^-66.9; else log_dd(p) - log_dd(q), whose relative
///     error is computed per term (below). T = p L - (p - q) with p - q exact (TwoSum), one
///     product and one difference (2^-103.1, 2^-104.4). |p L| / T = r|L| / (r log r - r + 1)
///     <= 3.6 for r >= 2 and <= 2.4 for r <= 1/2: rho = 3.6 * 2^-66.9 + 2^-103 < 2^-65; we use
///     2^-63.
[[nodiscard]] inline term bregman(double p, double q) {
  if (p == 0) return {double_double(q), 0.0};
  bool scaled = false;
  if (p < 0x1p-800 && q < 0x1p-800) {
    p *= 0x1p900;
    q *= 0x1p900;
    scaled = true;
  }
  term t;
  if (2 * p >= q && p <= 2 * q) {
    const double d = p - q; // exact (Sterbenz)
    const double_double u = double_double(d) / double_double(q);
    const double au = std::fabs(u.hi);
    if (au < 0x1p-300) {
      const double_double du = double_double(d) * u;
      t = {double_double(du.hi * 0.5, du.lo * 0.5), 0x1p-100};
    } else if (au < 0x1p-7 * (1 - 0x1p-50)) {
      const double_double m = gibbs::detail::fast::log1p_minus_z(u);
      const double_double phi = u * u + (double_double(1.0) + u) * m;
      const double u2 = au * au, u4 = u2 * u2, u9 = u4 * u4 * au;
      t = {double_double(q) * phi, 0.2 * u9 + 0x1p-70};
    } else {
      // r = 1 + u, both as double-doubles: r.hi + r.lo = 1 + (u.hi + u.lo) exactly when formed
      // by TwoSum(1, u.hi) and one more addition of u.lo (|u| >= 2^-7: no lo part is lost).
      const gibbs::dd_pair r1 = gibbs::two_sum(1.0, u.hi);
      const double_double r = double_double(r1.hi) + double_double(r1.lo + u.lo);
      const double_double phi = r * log_of(r) - u;
      t = {double_double(q) * phi, 0x1p-58};
    }
  } else {
    const double rr = p / q;
    if (rr > 0x1p-900 && rr < 0x1p900 && p >= 0x1p-960 && q >= 0x1p-960) {
      const double_double L = log_of(
          double_double(p) / double_double(q)); // no underflow inside the division: both >= 2^-960
      const gibbs::dd_pair d = gibbs::two_sum(p, -q);
      t = {double_double(p) * L - double_double(d.hi, d.lo), 0x1p-63};
    } else {
      // |L| > 110 here (one of p, q is below 2^-960 and the other above 2^-800, or r is out of
      // range): L's relative error is RHO_LOG (|log p| + |log q|) / |L| (+ 2^-104.4), times the
      // factor 3.6 of |p L| / T: rho = 4 RHO_LOG (|log p| + |log q|) / |L|, rounded up.
      const double_double lp = log_of(p), lq = log_of(q);
      const double_double L = lp - lq;
      const gibbs::dd_pair d = gibbs::two_sum(p, -q);
      const double rho =
          4 * RHO_LOG * (std::fabs(lp.hi) + std::fabs(lq.hi)) / std::fabs(L.hi) * (1 + 0x1p-40);
      t = {double_double(p) * L - double_double(d.hi, d.lo), rho + 0x1p-100};
    }
  }
  if (scaled) t.value = double_double(t.value.hi * 0x1p-900, t.value.lo * 0x1p-900);
  return t;
}

/// The sum of the terms and its certified absolute error bound.
struct sum_result {
  double_double value;
  double error = 0;
  bool ok = false;
};

/// Accumulates terms: double_double sum, sum of rho|T|, sum of |T|.
struct accumulator {
  double_double sum{0.0};
  double err = 0; // sum of rho_i |T_i.hi|
  double mag = 0; // sum of |T_i.hi|
  double n = 0;
  void add(const term& t) {
    sum += t.value;
    const double a = std::fabs(t.value.hi);
    err += t.rho * a;
    mag += a;
    n += 1;
  }
  /// |exact - sum| <= bound(): the terms' own errors (sums of non-negative doubles computed with
  /// n roundings: exact <= computed (1 + n 2^-52)), the n double-double additions (each
  /// <= 2^-104.4 of a partial sum, every partial sum <= sum |T| (1 + 2^-51)), SLACK per term.
  [[nodiscard]] double bound() const {
    const double grow = 1 + n * 0x1p-52 + 0x1p-40;
    return (err * (1 + 0x1p-50) + n * 0x1p-104 * mag) * grow + n * SLACK;
  }
};

/// Converts a certified nats value to base b: v / log b, with log b by log_dd (RHO_LOG) and one
/// division (2^-101.8): |x/l - V/Lb| <= err/|l| + |V/Lb| (RHO_LOG + 2^-101.8) (1 + 2^-60).
inline void to_base(sum_result& s, double base) {
  if (base == 0 || !s.ok) return;
  const double_double lb = log_of(base);
  const double_double v = s.value / lb;
  const double alb = std::fabs(lb.hi) * (1 - 0x1p-60);
  s.error = s.error / alb * (1 + 0x1p-50) + std::fabs(v.hi) * (RHO_LOG + 0x1p-101) * (1 + 0x1p-40);
  s.value = v;
  if (!std::isfinite(s.value.hi) || !std::isfinite(s.error)) s.ok = false;
}

/// The rounding test: sets res (value, lo, hi) and returns true when every real in
/// [h + l - E, h + l + E] rounds to the same number of the format and lies strictly on one side
/// of it. Each comparison adds the rounding errors of its own few double operations (at most
/// 2^-53 relative each) as an explicit margin of 2^-51 (or 2^-50) of the operands' magnitudes.
/// Whether the bound is tight enough for decide(): then decide() fails only when the enclosure
/// holds a number of the format or a rounding midpoint (the case for the rational decision).
[[nodiscard]] inline bool tight(const sum_result& s) {
  return s.ok && std::fabs(s.value.hi) >= 0x1p-960 && s.error < std::fabs(s.value.hi) * 0x1p-40;
}

[[nodiscard]] inline bool decide(const sum_result& s, format fmt, result& res) {
  if (!s.ok) return false;
  const double h = s.value.hi, l = s.value.lo, E = s.error;
  if (!(std::fabs(h) >= 0x1p-960) || !(E < std::fabs(h) * 0x1p-40)) return false;
  if (fmt == format::binary64) {
    // the neighbours of the normal h from its bit pattern (as std::nextafter, without the call)
    const std::uint64_t bits = std::bit_cast<std::uint64_t>(h);
    const double above = std::bit_cast<double>(h > 0 ? bits + 1 : bits - 1);
    const double below = std::bit_cast<double>(h > 0 ? bits - 1 : bits + 1);
    const double up = above - h;   // exact for normal h (inf above the largest finite number)
    const double down = h - below; // exact
    if (!std::isfinite(up)) return false;
    const double t1 = l + E, t2 = l - E;
    if (!(t1 + std::fabs(t1) * 0x1p-50 < up / 2)) return false;
    if (!(t2 - std::fabs(t2) * 0x1p-50 > -down / 2)) return false;
    res.value = h;
    if (t2 - std::fabs(t2) * 0x1p-50 > 0) {
      res.lo = h;
      res.hi = h + up;
    } else if (t1 + std::fabs(t1) * 0x1p-50 < 0) {
      res.lo = h - down;
      res.hi = h;
    } else {
      return false; // cannot tell on which side of h the exact value lies
    }
    return true;
  }
  // A narrower format (binary32, binary16, bfloat16): its numbers and midpoints are doubles.
  // The candidate is RN(h); when h is itself a midpoint, the neighbour on the side of l instead
  // (RN(h) ties to even, which the exact value h + l +- E need not do). The tests below certify
  // whichever candidate is taken.
  double Fd = round_double(h, fmt);
  if (std::isinf(Fd)) return false;
  double Fu = oracle::next_up(Fd, fmt), Fl = oracle::next_down(Fd, fmt);
  if (std::isinf(Fu) || std::isinf(Fl)) return false;
  if (l > 0 && h == (Fd + Fu) / 2) {
    Fl = Fd;
    Fd = Fu;
    Fu = oracle::next_up(Fd, fmt);
  } else if (l < 0 && h == (Fd + Fl) / 2) {
    Fu = Fd;
    Fd = Fl;
    Fl = oracle::next_down(Fd, fmt);
  }
  if (std::isinf(Fu) || std::isinf(Fl)) return false;
  const double mu = (Fd + Fu) / 2, ml = (Fd + Fl) / 2; // exact: at most 25 bits
  // exact by Sterbenz when the midpoints are within a factor 2 of h; otherwise (h in the
  // format's subnormal range) each rounds once, within the margin below
  const double a = h - mu, b = h - ml, c = h - Fd;
  const double margin = 0x1p-51;
  if (!((a + l) + E + margin * (std::fabs(a) + std::fabs(l) + E) < 0)) return false;
  if (!((b + l) - E - margin * (std::fabs(b) + std::fabs(l) + E) > 0)) return false;
  const double side = c + l, side_margin = E + margin * (std::fabs(c) + std::fabs(l) + E);
  res.value = Fd;
  if (side > side_margin) {
    res.lo = Fd;
    res.hi = Fu;
  } else if (side < -side_margin) {
    res.lo = Fl;
    res.hi = Fd;
  } else {
    return false;
  }
  return true;
}

/// The output of a certified double-double pass: `out` is set (value and enclosure in format fmt,
/// 106-bit working precision, fast path, not flagged exact) when decide() settles v = hi + lo
/// within `error`; false otherwise, `out` untouched.
[[nodiscard]] inline bool settle(const gibbs::double_double& v, double error, format fmt,
                                 result& out) {
  sum_result s;
  s.value = v;
  s.error = error;
  s.ok = std::isfinite(v.hi) && std::isfinite(error);
  result res;
  if (!decide(s, fmt, res)) return false;
  out.value = res.value; // field by field: no copy of the (empty) digits string
  out.lo = res.lo;
  out.hi = res.hi;
  out.digits.clear();
  out.fmt = fmt;
  out.precision_bits = 106;
  out.fast_path = true;
  out.exact = false;
  return true;
}

} // namespace gibbs::oracle::detail::certified

#endif // GIBBS_ORACLE_DETAIL_CERTIFIED_DD_HPP
