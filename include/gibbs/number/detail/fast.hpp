// gibbs/number/detail/fast.hpp: the double-double fast paths for double (and float, through
// double) with proven relative error bounds, and the rounding test that decides from them.
//
// Notation: u = 2^-53. The double-double operations have relative errors (double_double.hpp):
// + <= 3u^2 + 13u^3 < 2^-104.4, * <= 7u^2 < 2^-103.1 (no underflow), / not used here.
// Every bound below is an upper bound of the relative error |computed - exact| / |exact|.
#ifndef GIBBS_NUMBER_DETAIL_FAST_HPP
#define GIBBS_NUMBER_DETAIL_FAST_HPP

#include "gibbs/number/detail/bits.hpp"
#include "gibbs/number/detail/tables.hpp"
#include "gibbs/number/double_double.hpp"

#include <bit>
#include <cstdint>
#include <limits>

namespace gibbs::detail::fast {

using dd = double_double;

/// 2^q for q in [-1022, 1023], by its bit pattern.
[[nodiscard]] constexpr double pow2_normal(int q) {
  return std::bit_cast<double>(static_cast<std::uint64_t>(q + 1023) << 52);
}

[[nodiscard]] constexpr dd dd_from(const dd_pair& p) {
  return {p.hi, p.lo};
}
[[nodiscard]] constexpr double fabs_(double x) {
  return x < 0 ? -x : x;
}

// Lean versions of the double-double operations for the kernels, written with as few statements
// as possible (clang counts evaluation steps per statement). They compute exactly what the
// operators of double_double compute (same formulas, same error bounds) for finite operands
// without overflow or underflow, which the kernels guarantee; they skip the special-value checks.

/// TwoProduct (Dekker), |a|, |b| < 2^995, no underflow: p + e == a * b exactly.
[[nodiscard]] constexpr dd two_prod_k(double a, double b) {
  const double ca = 134217729.0 * a, ah = ca - (ca - a), al = a - ah, cb = 134217729.0 * b,
               bh = cb - (cb - b), bl = b - bh, p = a * b;
  return {p, ((ah * bh - p) + ah * bl + al * bh) + al * bl};
}
/// AccurateDWPlusDW, as double_double::operator+.
[[nodiscard]] constexpr dd add_k(const dd& a, const dd& b) {
  const double s = a.hi + b.hi, sb = s - a.hi, se = (a.hi - (s - sb)) + (b.hi - sb),
               t = a.lo + b.lo, tb = t - a.lo, te = (a.lo - (t - tb)) + (b.lo - tb), c = se + t,
               vh = s + c, vl = c - (vh - s), w = te + vl, rh = vh + w;
  return {rh, w - (rh - vh)};
}
/// DWTimesDW, as double_double::operator*.
[[nodiscard]] constexpr dd mul_k(const dd& a, const dd& b) {
  const dd c = two_prod_k(a.hi, b.hi);
  const double t = c.lo + (a.hi * b.lo + a.lo * b.hi), rh = c.hi + t;
  return {rh, t - (rh - c.hi)};
}

/// Bounds used by the rounding test: each is at least twice the proven bound (see the kernels).
inline constexpr double rel_log = 0x1p-67;     // proven: 2^-69
inline constexpr double rel_log1pmx = 0x1p-59; // proven: 2^-69 * 2^9 (x - log1p x cancellation)
inline constexpr double rel_exp = 0x1p-72;     // proven: 2^-75
inline constexpr double rel_expm1 = 0x1p-71;   // proven: 2^-74

/// log1p(z) for |z| <= 2^-7 (exact double-double z), and log1p(z) - z:
///   log1p(z) = z + z^2 B(z),  B = -1/2 + z/3 - z^2/4 + z^3 Q3(z),
///   Q3(z) = 1/5 - z/6 + z^2/7 - z^3/8 + z^4/9 - z^5/10 (Horner in double, on z_hi).
/// Truncation: the first neglected term of log1p(z) is z^11/11, i.e. z^9/11 in B: <= 2^-66.5
/// absolute, 2^-65.5 relative to B (|B| >= 0.496) at |z| = 2^-7 (measured against MPFR: 2^-65.46).
/// Relative to log1p(z) >= |z|(1-2^-8) the same tail is only <= 2^-73.4.
/// Q3 in double: |Q3| <= 0.2016, Horner error <= 12u * sum|c_i z^i| <= 2^-49.2 (absolute, incl.
/// using z_hi for z: |z_lo| <= u|z|); the term z^3 Q3 is formed in double (2 more roundings):
/// absolute error in B <= 2^-21 * (0.2017 * 2^-49.2 + 0.2017 * 2^-51) <= 2^-72.4.
/// The double-double part of B (-1/2 + z/3 - z^2/4) errs by < 4 * 2^-103 * 0.51.
/// So B is within 2^-66.4 absolute of B(z) (truncation dominates), relative <= 2^-65.4.
/// log1p(z) - z = z^2 B: relative <= 2^-65.4 + 2 * 2^-103 <= 2^-65.3 — below rel_log1pmx = 2^-59,
/// which the rounding test of log1pmx uses for this branch too.
/// log1p(z) = z + z^2 B: |z^2 B| <= 2^-7.9 |z|, so the error of z^2 B contributes
/// <= 2^-65.3 * 2^-7.9 = 2^-73.2 and the final addition 2^-104.4: with the other roundings and the
/// truncation above, <= 2^-72.9 relative to log1p(z).
[[nodiscard]] constexpr dd log1p_minus_z(const dd& z) {
  const double zh = z.hi;
  const double q3 =
      0.2 + zh * (-1.0 / 6 + zh * (1.0 / 7 + zh * (-0.125 + zh * (1.0 / 9 + zh * -0.1))));
  const dd z2 = mul_k(z, z);
  const dd b = add_k(add_k(add_k(dd(-0.5), mul_k(z, dd(tables::inv3_hi, tables::inv3_lo))),
                           dd(z2.hi * -0.25, z2.lo * -0.25)),
                     dd(z2.hi * zh * q3));
  return mul_k(z2, b);
}

/// log(s + t) for a finite s > 0 and |t| <= ulp(s)/2 given exactly, where t * 2^-e (e the
/// exponent of s) does not underflow (t = 0 for log; t = the TwoSum error of 1 + x for log1p).
///   range reduction: s + t = 2^e (m + t'), m = M 2^-52 in [1, 2), t' = t 2^-e (exact);
///     i = 7 leading fraction bits of m, rho = R_i 2^-11 (table), z = (m + t') rho - 1:
///     M R - 2^63 is an exact integer (< 2^64 unsigned), |.| < 2^57: an exact double-double;
///     t' rho is an exact TwoProduct; z = their sum, relative error <= 2^-104.4.
///     |z| <= 2^-7 for every i (checked by the table test against MPFR).
///   log(s+t) = e' ln2 + T_i + log1p(z), e' = e + [i >= 53], T_i = -log(rho) or -log(2 rho),
///     stored as the nearest double-double (error <= 2^-106 |T_i|), ln2 likewise (2^-107.5).
///   assembly error: if e' = 0 and T_i = 0 (i in {0, 127}), the result is log1p(z): 2^-72.9
///     (+ 2^-104.4 from z's own error, amplified by at most 1.01). Otherwise |log(s+t)| >= 2^-8.1
///     (x in [1 + 2^-7, ...) or x <= 1 - 2^-8 * 0.99), |log1p(z)| <= 2^-7 <= 2^1.1 |log(s+t)|,
///     |T_i| <= 0.36, |e' ln2| <= |log(s+t)| + 0.36 + 2^-7: relative error <=
///     2^1.1 * 2^-72.9 + (0.36 * 2^-106 + 2 * 2^-104.4 * 1.1 + e'-term 2^-104) / 2^-8.1
///     <= 2^-71.8 + 2^-93 < 2^-71.7. We state the bound 2^-69 (a factor 6 of margin) and the
///     rounding test uses 2^-67.
[[nodiscard]] constexpr dd log_dd(double s, double t) {
  const std::uint64_t b0 = std::bit_cast<std::uint64_t>(s);
  const bool sub = (b0 >> 52) == 0; // subnormal s: scale by 2^54 (exact)
  const std::uint64_t b = sub ? std::bit_cast<std::uint64_t>(s * 0x1p54) : b0;
  const int e = static_cast<int>(b >> 52) - 1023 - (sub ? 54 : 0);
  const std::uint64_t M = (b & ((std::uint64_t(1) << 52) - 1)) | (std::uint64_t(1) << 52);
  const int i = static_cast<int>((M >> 45) & 127);
  const tables::log_entry& ent = tables::log_table[static_cast<std::size_t>(i)];
  const std::uint64_t mr = M * ent.r, two63 = std::uint64_t(1) << 63;
  const bool zneg = mr < two63;
  const std::uint64_t zi = zneg ? two63 - mr : mr - two63;
  const double zh = static_cast<double>(zi),
               zl =
                   static_cast<double>(static_cast<std::int64_t>(zi)
                                       - static_cast<std::int64_t>(static_cast<std::uint64_t>(zh)));
  const dd zint{(zneg ? -zh : zh) * 0x1p-63, (zneg ? -zl : zl) * 0x1p-63};
  const dd z = t == 0.0
                   ? zint
                   : add_k(zint, two_prod_k(t * pow2_normal(-(e / 2)) * pow2_normal(-(e - e / 2)),
                                            static_cast<double>(ent.r) * 0x1p-11));
  const int e1 = e + (i >= tables::log_upper ? 1 : 0);
  const dd p = add_k(z, log1p_minus_z(z));
  if (e1 == 0 && ent.t_hi == 0.0) return p;
  const double ed = static_cast<double>(e1);
  return add_k(
      add_k(add_k(two_prod_k(ed, tables::ln2_hi), dd(ed * tables::ln2_lo)), dd(ent.t_hi, ent.t_lo)),
      p);
}

/// exp and expm1 kernel for |x| <= 708.39.
///   k = nearest(x * 64/ln2) (any integer near it works), j = k mod 64, q = (k - j)/64.
///   r = x - k c_hi - k c_lo: k c_hi exact (c_hi has 36 bits, |k| < 2^16), x - k c_hi by TwoSum,
///     k c_lo by TwoProduct, one double-double addition (2^-104.4 |r|); |ln2/64 - c_hi - c_lo|
///     <= 2^-99 gives |k| 2^-99 <= 2^-83 absolute. |r| <= ln2/128 + 2^-40 < 2^-7.49.
///   expm1(r) = r + r^2 B, B = 1/2 + r/6 + r^2 Q, Q = 1/24 + r/120 + r^2/720 + r^3/5040 + r^4/40320
///     (Horner in double on r_hi): truncation r^9/9! <= 2^-78.5 |r|; Q's error (|Q| <= 0.0417,
///     ~10u) times r^2 <= 2^-15: <= 2^-71.2 absolute in B (|B| >= 0.499), r^2 B error relative
///     to expm1(r) (>= |r| (1 - 2^-8.5)) <= 2^-7.4 * (2^-71.2 / 0.499 + 2^-102) <= 2^-77.6.
///     So p = expm1(r) within 2^-77.5 relative (with the truncation and the adds).
///   exp(x) = 2^q T_j (1 + p): r's absolute error 2^-83 + 2^-104.4 * 2^-7.5 -> relative 2^-82.9;
///     p's error relative to 1+p: 2^-77.5 * 2^-7.4; T_j (2^-106) and two dd operations (2^-103.1,
///     2^-104.4): total <= 2^-82 < 2^-75 (stated; the test uses 2^-72).
///   expm1(x): k = 0 gives p itself (2^-77.5). Otherwise |x| >= ln2/128 - 2^-40 and
///     expm1(x) = (2^q T_j) p + (2^q T_j - 1), the second part exact-ish: TwoSum(2^q T_hi, -1) plus
///     2^q T_lo (no underflow for x >= -38): its error <= 2^-104.4 |2^q T_j - 1| + 2^-106 2^q T_j;
///     with e^x / |e^x - 1| <= 186 and |p| <= 0.0055: relative error <= 1.02 * 2^-77.5 +
///     186 * (2^-106 + 2^-103.1 + 2 * 2^-104.4) <= 2^-77 + 2^-94 < 2^-74 (the test uses 2^-71).
struct exp_parts {
  dd p;  // expm1(r)
  dd tj; // 2^(j/64)
  int q;
  int k;
};

[[nodiscard]] constexpr exp_parts exp_kernel(double x) {
  const double kf = x * tables::inv_ln2_64;
  const int k = static_cast<int>(kf < 0 ? kf - 0.5 : kf + 0.5);
  const double kd = static_cast<double>(k);
  const dd a = dd_from(two_sum(x, -(kd * tables::ln2_64_hi)));
  const dd r = add_k(a, -two_prod_k(kd, tables::ln2_64_lo));
  const double rh = r.hi;
  const double qq =
      1.0 / 24 + rh * (1.0 / 120 + rh * (1.0 / 720 + rh * (1.0 / 5040 + rh * (1.0 / 40320))));
  const dd r2 = mul_k(r, r);
  const dd b =
      add_k(add_k(dd(0.5), mul_k(r, dd(tables::inv6_hi, tables::inv6_lo))), dd(r2.hi * qq));
  const dd p = add_k(r, mul_k(r2, b));
  const int j = k & 63;
  const int q = (k - j) / 64;
  const tables::dd_entry& t = tables::exp2_table[static_cast<std::size_t>(j)];
  return {p, dd(t.hi, t.lo), q, k};
}

/// RN_float of the real number A when A is a double that is not a midpoint between floats (or
/// the overflow threshold 2^128 - 2^103): then RN_float(y) = float(RN_double(y)) for every y with
/// RN_double(y) = A (no float midpoint lies strictly between y and A, which are on the same side).
[[nodiscard]] constexpr bool float_midpoint(double A) {
  const double a = fabs_(A);
  const float f = static_cast<float>(a);
  if (f == std::numeric_limits<float>::infinity()) return a == 0x1.ffffffp127;
  const double fd = static_cast<double>(f);
  if (fd == a) return false;
  const std::uint32_t bits = std::bit_cast<std::uint32_t>(f);
  const float nb = std::bit_cast<float>(a > fd ? bits + 1 : bits - 1);
  return fd + static_cast<double>(nb) == 2.0 * a;
}

/// The rounding test. The exact result is f = 2^q F with |F - (h + l)| <= eps |h + l|, and
/// rel >= 2 eps + 2^-100 (all our eps are >= 2^-75, so rel = 2 * bound is enough).
/// a = fl(h + fl(l - rel|h|)) <= RN(f) and b = fl(h + fl(l + rel|h|)) >= RN(f) as the inner
/// roundings move by at most u |l - rel|h|| <= 2^-104 |h| < (rel - eps)|h|/2 and fl(h + .) = RN.
/// If a == b, RN(F) = a. The caller guarantees 2^q a is normal for double (then scaling commutes
/// with rounding); for float the decision is taken on 2^q a, 2^q b (exact in double) with the
/// midpoint check above.
template <class T>
[[nodiscard]] constexpr bool decide(const dd& v, double rel, int q, T& out) {
  const double d = fabs_(v.hi) * rel;
  const double a = v.hi + (v.lo - d);
  const double b = v.hi + (v.lo + d);
  if constexpr (std::is_same_v<T, double>) {
    if (a != b) return false;
    out = q == 0 ? a : a * pow2_normal(q);
    return true;
  } else {
    const double A = q == 0 ? a : a * pow2_normal(q);
    const double B = q == 0 ? b : b * pow2_normal(q);
    const float fa = static_cast<float>(A);
    const float fb = static_cast<float>(B);
    if (fa != fb || float_midpoint(A) || float_midpoint(B)) return false;
    out = fa;
    return true;
  }
}

} // namespace gibbs::detail::fast

#endif // GIBBS_NUMBER_DETAIL_FAST_HPP
