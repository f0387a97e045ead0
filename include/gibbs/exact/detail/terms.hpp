// gibbs/exact/detail/terms.hpp: the terms of entropy, cross-entropy and KL divergence in
// double-double with a proven relative error bound each, a certified bound on their sum, an
// exact sum of doubles (for Σp − Σq), and the rounding test — all constexpr, so that the
// correctly rounded value can be decided in constant evaluation.
//
// Building blocks and their bounds (u = 2^-53):
//  * gibbs::double_double (number/double_double.hpp): + relative error <= 2^-104.4, * <= 2^-103.1,
//    / <= 2^-101.8 of the exact result, without underflow.
//  * gibbs::detail::fast::log_dd(s, t) (number/detail/fast.hpp): log(s + t), relative error proven
//    <= 2^-71.7 and stated 2^-69; the terms below use RHO_LOG = 2^-69.
// Underflow: a double-double product or sum whose parts fall below 2^-969 loses at most 2^-1075
// per part; SLACK = 2^-1068 absolute per term covers every such loss.
#ifndef GIBBS_EXACT_DETAIL_TERMS_HPP
#define GIBBS_EXACT_DETAIL_TERMS_HPP

#include "gibbs/number/detail/fast.hpp"
#include "gibbs/number/double_double.hpp"

#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <limits>

namespace gibbs::exact::detail {

using dd = gibbs::double_double;

inline constexpr double RHO_LOG = 0x1p-69;
inline constexpr double SLACK = 0x1p-1068;

[[nodiscard]] constexpr double fabs_(double x) {
  return x < 0 ? -x : x;
}

/// The next double above (below) a finite x, by its bit pattern; +0 and −0 both step to ±2^-1074.
[[nodiscard]] constexpr double next_up(double x) {
  if (x == 0) return 0x1p-1074;
  const auto b = std::bit_cast<std::uint64_t>(x);
  return std::bit_cast<double>(x > 0 ? b + 1 : b - 1);
}
[[nodiscard]] constexpr double next_down(double x) {
  return -next_up(-x);
}

/// The exponent e of a positive normal x, x in [2^e, 2^(e+1)) (subnormals: −1023).
[[nodiscard]] constexpr int binary_exponent(double x) {
  return static_cast<int>((std::bit_cast<std::uint64_t>(x) >> 52) & 0x7ff) - 1023;
}

[[nodiscard]] constexpr dd log_of(double x) {
  return gibbs::detail::fast::log_dd(x, 0.0);
}

/// A term and the bound rho: |computed − exact| <= rho |computed.hi| + SLACK.
struct term {
  dd value;
  double rho;
};

/// −p log x for p > 0 and x > 0 (entropy: x = p; cross-entropy: x = q). L = log x within RHO_LOG
/// (relative), one product (2^-103.1): rho = RHO_LOG + 2^-102; log 1 = 0 exactly gives the exact 0.
[[nodiscard]] constexpr term log_term(double p, double x) {
  if (x == 1.0) return {dd(0.0), 0.0};
  const dd L = log_of(x);
  return {-(dd(p) * L), RHO_LOG + 0x1p-102};
}

/// B(u) = φ(u)/u² = Σ_{k>=0} (−u)^k / ((k + 1)(k + 2)) = 1/2 − u/6 + u²/12 − … for |u| < 1/4, in
/// double-double by Horner's rule over k = 0 … K, K = 16 for |u| < 2^-7 and 60 otherwise.
/// Truncation: the tail is below |u|^(K+1) / ((K + 2)(K + 3)(1 − |u|)): < 2^-127 (K = 16,
/// |u| < 2^-7) and < 2^-132 (K = 60, |u| < 1/4), relative to B >= 0.46 (B(1/4) = 0.463). Each
/// coefficient is the double-double quotient 1/((k + 1)(k + 2)) (2^-101.8); each Horner step one
/// product (2^-103.1) and one sum (2^-104.4); the partial sums are within 0.67 and are multiplied
/// by |u|^k afterwards (Σ|u|^k <= 4/3), so B errs by at most
/// (2^-101.8 + 2^-103.1 + 2^-104.4)·(0.67/0.46)·(4/3) < 2^-100.1 relative.
[[nodiscard]] constexpr dd bregman_series(const dd& u) {
  const int K = fabs_(u.hi) < 0x1p-7 ? 16 : 60;
  const dd minus_u = -u;
  dd b = dd(1.0) / dd(static_cast<double>((K + 1) * (K + 2)));
  for (int k = K - 1; k >= 0; --k)
    b = b * minus_u + dd(1.0) / dd(static_cast<double>((k + 1) * (k + 2)));
  return b;
}

/// The Bregman term T = p log(p/q) − p + q >= 0 for p >= 0, q > 0.
///
/// Scaling: if p, q < 2^-800 both are multiplied by 2^900 (exact; T scales alike, log(p/q) does
/// not change) and T by 2^-900 at the end (exact unless T lands below 2^-969: SLACK).
/// (a) q/2 <= p <= 2q and |u| < 1/4, u = (p − q)/q: d = p − q exact (Sterbenz), u = d/q in
///     double-double (2^-101.8), T = q φ(u) = (d u) B(u) with B by its series (bregman_series,
///     2^-100.1): d u adds 2^-103.1 and u's own error, the last product 2^-103.1, and B's change
///     with u's error is below 2^-103: rho = 2^-101.8 + 2^-100.1 + 3·2^-103.1 < 2^-99.1 (2^-98
///     used). This precision matters near equality, where the KL can lie within a relative u² of a
///     representable number (q and δ = p − q powers of two).
///     For |u| < 2^-300 (u² could underflow) T = d u / 2, truncation |u|/3 < 2^-301: rho = 2^-100.
/// (b) q/2 <= p <= 2q and |u| >= 1/4: r = 1 + u exactly as a double-double from u (TwoSum and
///     one addition; absolute error <= 2^-101.2 including u's), L = log r within RHO_LOG, and
///     φ = r L − u. The error of φ is at most |r L| (RHO_LOG + 2^-102) + 2^-100 (|L| + 1) from L,
///     r and the product, plus the final subtraction's 2^-104.4 |φ|: relative to φ, computed per
///     term from |r.hi L.hi| / |φ.hi| (this factor is at most 9.6, at |u| = 1/4, and 2.26 at
///     u = −1/2), with a margin (1 + 2^-40) for the rounding of the bound itself.
/// (c) p < q/2 or p > 2q: L = log(p/q), from the double-double quotient when the exponents of p
///     and q differ by less than 899 (so 2^-900 < p/q < 2^900) and p, q >= 2^-960 (|L| > 0.69, the
///     quotient's 2^-101.8 adds 2^-101.3 relative to L: L within 2^-68.9); else log p − log q with
///     relative error RHO_LOG (|log p| + |log q|)/|L|. T = p L − (p − q) (TwoSum, exact), one
///     product and one difference; |p L|/T <= 3.6: rho = 3.6 · 2^-68.9 + 2^-103 < 2^-66.9 (2^-66 is
///     used), or 4 RHO_LOG (|log p| + |log q|)/|L|.
[[nodiscard]] constexpr term bregman(double p, double q) {
  if (p == 0) return {dd(q), 0.0};
  bool scaled = false;
  if (p < 0x1p-800 && q < 0x1p-800) {
    p *= 0x1p900;
    q *= 0x1p900;
    scaled = true;
  }
  term t{};
  if (2 * p >= q && p <= 2 * q) {
    const double d = p - q; // exact (Sterbenz)
    const dd u = dd(d) / dd(q);
    const double au = fabs_(u.hi);
    if (au < 0x1p-300) {
      const dd du = dd(d) * u;
      t = {dd(du.hi * 0.5, du.lo * 0.5), 0x1p-100};
    } else if (au < 0.25 * (1 - 0x1p-50)) {
      t = {(dd(d) * u) * bregman_series(u), 0x1p-98};
    } else {
      const gibbs::dd_pair r1 = gibbs::two_sum(1.0, u.hi);
      const dd r = dd(r1.hi) + dd(r1.lo + u.lo);
      const dd L = gibbs::detail::fast::log_dd(r.hi, r.lo);
      const dd phi = r * L - u;
      const double amp = (fabs_(r.hi * L.hi) * (RHO_LOG + 0x1p-102) + 0x1p-100 * (fabs_(L.hi) + 1))
                         / fabs_(phi.hi) * (1 + 0x1p-40);
      t = {dd(q) * phi, amp + 0x1p-102};
    }
  } else {
    // p/q is formed only when it cannot overflow (an infinite quotient is not a constant
    // expression): the binary exponents of p and q differ by less than 899.
    const int ep = binary_exponent(p), eq = binary_exponent(q);
    const gibbs::dd_pair d = gibbs::two_sum(p, -q);
    if (ep - eq > -899 && ep - eq < 899 && p >= 0x1p-960 && q >= 0x1p-960) {
      const dd x = dd(p) / dd(q);
      const dd L = gibbs::detail::fast::log_dd(x.hi, x.lo);
      t = {dd(p) * L - dd(d.hi, d.lo), 0x1p-66};
    } else {
      const dd lp = log_of(p), lq = log_of(q);
      const dd L = lp - lq;
      const double rho = 4 * RHO_LOG * (fabs_(lp.hi) + fabs_(lq.hi)) / fabs_(L.hi) * (1 + 0x1p-40);
      t = {dd(p) * L - dd(d.hi, d.lo), rho + 0x1p-100};
    }
  }
  if (scaled) t.value = dd(t.value.hi * 0x1p-900, t.value.lo * 0x1p-900);
  return t;
}

/// Sums terms: a double-double sum, Σ rho_i |T_i|, Σ |T_i|.
struct accumulator {
  dd sum{0.0};
  double err = 0;
  double mag = 0;
  double n = 0;
  constexpr void add(const term& t) {
    sum = sum + t.value;
    const double a = fabs_(t.value.hi);
    err += t.rho * a;
    mag += a;
    n += 1;
  }
  /// |exact − sum| <= bound(): the terms' own errors (Σ rho|T| computed with n roundings up:
  /// factor 1 + n 2^-52), the n double-double additions (each <= 2^-104.4 of a partial sum, every
  /// partial sum <= Σ|T| (1 + 2^-51)), SLACK per term.
  [[nodiscard]] constexpr double bound() const {
    const double grow = 1 + n * 0x1p-52 + 0x1p-40;
    return (err * (1 + 0x1p-50) + n * 0x1p-104 * mag) * grow + n * SLACK;
  }
};

/// An exact sum of doubles as a non-overlapping expansion (Shewchuk's Grow-Expansion with zero
/// elimination). Non-overlapping components of doubles with exponents in [-1074, 1024) number at
/// most 41, so 48 places always suffice.
struct expansion {
  std::array<double, 48> c{};
  int n = 0;
  constexpr void add(double x) {
    int k = 0;
    double q = x;
    for (int i = 0; i < n; ++i) {
      const gibbs::dd_pair s = gibbs::two_sum(q, c[static_cast<std::size_t>(i)]);
      q = s.hi;
      if (s.lo != 0) c[static_cast<std::size_t>(k++)] = s.lo;
    }
    if (q != 0) c[static_cast<std::size_t>(k++)] = q;
    n = k;
  }
  [[nodiscard]] constexpr bool is_zero() const { return n == 0; }
  /// The sum as a double-double and a bound on what it leaves out: the components below the
  /// largest are added smallest first with TwoSum, their rounding errors summed as the bound (0
  /// when the additions are exact, as they are when the sum has at most 106 significant bits),
  /// then the largest joins by FastTwoSum (exact: it dominates the rest).
  [[nodiscard]] constexpr dd leading(double& error) const {
    error = 0;
    if (n == 0) return dd(0.0);
    double s = 0, err = 0;
    for (int i = 0; i + 1 < n; ++i) {
      const gibbs::dd_pair t = gibbs::two_sum(s, c[static_cast<std::size_t>(i)]);
      s = t.hi;
      err += fabs_(t.lo);
    }
    const gibbs::dd_pair top = gibbs::fast_two_sum(c[static_cast<std::size_t>(n - 1)], s);
    // the low part may hold more than half an ulp of the high one only by a rounding of s:
    // renormalise
    const gibbs::dd_pair r = gibbs::fast_two_sum(top.hi, top.lo);
    error = err * (1 + 0x1p-50);
    return dd(r.hi, r.lo);
  }
};

/// A decided result in the format of T (float or double), widened to double for the checks.
struct decision {
  double value = 0, lo = 0, hi = 0;
  bool ok = false;
};

/// The rounding test: decides when every real in [h + l − E, h + l + E] rounds to the same number
/// of the format and lies strictly on one side of it; then lo and hi are the two neighbours of the
/// exact value in the format. Each comparison adds a margin of 2^-50 (2^-51) of its operands for
/// the rounding of its own few double operations.
template <class T>
[[nodiscard]] constexpr decision decide(const dd& v, double E) {
  decision res;
  const double h = v.hi, l = v.lo;
  if (!(fabs_(h) >= 0x1p-960) || !(E < fabs_(h) * 0x1p-40)) return res;
  if constexpr (std::is_same_v<T, double>) {
    const double up = next_up(h) - h;
    const double down = h - next_down(h);
    if (!(up < std::numeric_limits<double>::infinity())) return res;
    const double t1 = l + E, t2 = l - E;
    if (!(t1 + fabs_(t1) * 0x1p-50 < up / 2)) return res;
    if (!(t2 - fabs_(t2) * 0x1p-50 > -down / 2)) return res;
    res.value = h;
    if (t2 - fabs_(t2) * 0x1p-50 > 0) {
      res.lo = h;
      res.hi = h + up;
    } else if (t1 + fabs_(t1) * 0x1p-50 < 0) {
      res.lo = h - down;
      res.hi = h;
    } else {
      return res;
    }
    res.ok = true;
    return res;
  } else {
    const float F = static_cast<float>(h);
    const float finf = std::numeric_limits<float>::infinity();
    if (F == finf || F == -finf) return res;
    const auto fb = std::bit_cast<std::uint32_t>(F);
    const auto f_next = [&](bool upward) {
      if (F == 0.0f) return upward ? 0x1p-149f : -0x1p-149f;
      return std::bit_cast<float>((F > 0) == upward ? fb + 1 : fb - 1);
    };
    const double Fd = F, Fu = f_next(true), Fl = f_next(false);
    if (Fu == static_cast<double>(finf) || Fl == -static_cast<double>(finf)) return res;
    const double mu = (Fd + Fu) / 2, ml = (Fd + Fl) / 2;
    const double a = h - mu, b = h - ml, c = h - Fd;
    const double margin = 0x1p-51;
    if (!((a + l) + E + margin * (fabs_(a) + fabs_(l) + E) < 0)) return res;
    if (!((b + l) - E - margin * (fabs_(b) + fabs_(l) + E) > 0)) return res;
    const double side = c + l, side_margin = E + margin * (fabs_(c) + fabs_(l) + E);
    res.value = Fd;
    if (side > side_margin) {
      res.lo = Fd;
      res.hi = Fu;
    } else if (side < -side_margin) {
      res.lo = Fl;
      res.hi = Fd;
    } else {
      return res;
    }
    res.ok = true;
    return res;
  }
}

} // namespace gibbs::exact::detail

#endif // GIBBS_EXACT_DETAIL_TERMS_HPP
