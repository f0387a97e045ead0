// gibbs/oracle/detail/normalized.hpp: the fast pass of the normalized variant, from the kernel's
// raw sums and the sums S of the arguments (as double-doubles from the kernel's accumulator, with
// relative error e_S = its bound / S, or exactly when no addition rounded):
//   KL(p/Sp || q/Sq) = KL_raw(p, q) / Sp + log(Sq / Sp),   H(p/Sp) = H_raw(p) / Sp + log Sp,
//   H(p/Sp, q/Sq) = H_raw(p, q) / Sp + log Sq,             NLL(q/Sq) = NLL_raw(q) + log Sq
// (as sum p/Sp = 1). Bounds: the raw bound / Sp; the double-double quotient (2^-101.8) and Sp's
// e_S; log_k of a double-double X (RHO_LOG_K |log X|, plus X's relative error e, which moves
// log X by <= e (1 + e)); the final addition (2^-104.4 of the result). When the sums are exact
// and equal (or S = 1) the log term is exactly 0. An exact value 0 (p/Sp == q/Sq) cannot be
// decided here; the descriptor's settle stage finds it afterwards.
#ifndef GIBBS_ORACLE_DETAIL_NORMALIZED_HPP
#define GIBBS_ORACLE_DETAIL_NORMALIZED_HPP

#include "gibbs/number/double_double.hpp"
#include "gibbs/oracle/detail/certified_dd.hpp"
#include "gibbs/oracle/detail/exact_sum.hpp"
#include "gibbs/oracle/detail/kernel.hpp"

#include <algorithm>
#include <cmath>
#include <span>

namespace gibbs::oracle::detail::normalized_pass {

/// A sum of doubles as a double-double with its relative error bound (0: exact).
struct sum_dd {
  gibbs::double_double v;
  double rel;
};

/// The sum of v from the kernel's accumulator.
inline sum_dd sum_of(std::span<const double> v) {
  kernel::accumulator a;
  for (double t : v)
    a.add(t, 0.0);
  const gibbs::dd_pair S = kernel::two_sum(a.s, a.c); // exact
  const double rel = a.e == 0 ? 0.0 : a.bound(static_cast<double>(v.size())) / S.hi * (1 + 0x1p-50);
  return sum_dd{gibbs::double_double(S.hi, S.lo), rel};
}

/// The sum of v within 2^-105.9 (0x1.1p-106) relative: sum_of when its bound is that small already,
/// else the exact sum (MPFR at the precision that holds every bit, exact_sum.hpp) rounded to the
/// nearest double-double (|x - hi - lo| <= 2^-106 |hi|; 0 when the double-double holds it exactly).
/// For the passes whose inputs are scaled by the sums (normalized JS), where a sum's error moves a
/// near-equal pair's difference.
inline sum_dd precise_sum_of(std::span<const double> v) {
  const sum_dd a = sum_of(v);
  if (a.rel <= 0x1p-106) return a;
  big x(64);
  exact_sum(v, x);
  const gibbs::double_double d = to_double_double(x);
  if (!(std::fabs(d.hi) >= 0x1p-900)) return sum_dd{d, 1.0}; // declined by the callers' checks
  big rest(mpfr_get_prec(x.get()));
  mpfr_sub_d(rest.get(), x.get(), d.hi, MPFR_RNDN);    // exact
  mpfr_sub_d(rest.get(), rest.get(), d.lo, MPFR_RNDN); // exact: the rest is below 2^-106 |hi|
  return sum_dd{d, mpfr_zero_p(rest.get()) ? 0.0 : 0x1.1p-106};
}

/// log(a) or log(a / b), within the absolute bound err (ok = false: out of the pass's range).
struct log_term {
  gibbs::double_double v;
  double err;
  bool ok;
};

inline log_term log_of(const sum_dd& a, const sum_dd* b) {
  using gibbs::double_double;
  if (b && a.rel == 0 && b->rel == 0 && a.v.hi == b->v.hi && a.v.lo == b->v.lo)
    return {double_double(0.0), 0, true};
  if (!b && a.rel == 0 && a.v.hi == 1 && a.v.lo == 0) return {double_double(0.0), 0, true};
  const double_double X = b ? a.v / b->v : a.v;
  if (!(X.hi >= 0x1p-1000 && X.hi <= 0x1p1000)) return {double_double(0.0), 0, false};
  const double e = b ? (a.rel + b->rel) * (1 + 0x1p-40) + 0x1p-101 : a.rel;
  if (!(e <= 0x1p-40)) return {double_double(0.0), 0, false};
  const gibbs::dd_pair L = kernel::log_k(X.hi, X.lo);
  return {double_double(L.hi, L.lo),
          (kernel::RHO_LOG_K * std::fabs(L.hi) + e * (1 + e)) * (1 + 0x1p-50), true};
}

/// raw / Sp + L (divide = false: raw + L), with the bounds above.
inline certified::sum_result combine(const certified::sum_result& raw, const sum_dd* sp,
                                     const log_term& L) {
  if (!raw.ok || !L.ok || (sp && !(sp->v.hi > 0 && sp->rel <= 0x1p-40))) return {};
  certified::sum_result out = raw;
  if (sp && !(sp->rel == 0 && sp->v.hi == 1 && sp->v.lo == 0)) {
    const gibbs::double_double q = raw.value / sp->v;
    out.value = q;
    out.error = raw.error / (sp->v.hi * (1 - 0x1p-50))
                + std::fabs(q.hi) * (sp->rel * (1 + 0x1p-40) + 0x1p-100);
  }
  out.value = out.value + L.v;
  out.error = (out.error + L.err + std::fabs(out.value.hi) * 0x1p-103) * (1 + 0x1p-50);
  out.ok = std::isfinite(out.value.hi) && std::isfinite(out.error);
  return out;
}

/// The sums of the passes on the scaled pair p Sq, q Sp (below) and the relative error eps of
/// each A = p_i Sq, B = q_i Sp (ok = false: a sum not within 2^-40). The normalized measures do
/// not change when p or q is multiplied by a constant, so the passes take p 2^-ep and q 2^-eq
/// (each entry scaled exactly by ldexp, or the pass declines when a scaled entry leaves the
/// kernel's ordinary range), with 2^ep <= Sp < 2^(ep+1): the sums below are Sp 2^-ep and
/// Sq 2^-eq, in [1, 2), whatever the scales of p and q (1e-50, 1e30).
struct scaled_sums {
  sum_dd sp, sq;
  int ep = 0, eq = 0;
  double eps = 0;
  bool ok = false;
};
inline scaled_sums scaled_sums_of(std::span<const double> p, std::span<const double> q) {
  scaled_sums s{precise_sum_of(p), precise_sum_of(q)};
  s.ok = s.sp.v.hi > 0 && s.sq.v.hi > 0 && std::isfinite(s.sp.v.hi) && std::isfinite(s.sq.v.hi)
         && s.sp.rel <= 0x1p-40 && s.sq.rel <= 0x1p-40;
  if (!s.ok) return s;
  const auto scale = [](sum_dd& a, int& e) {
    e = std::ilogb(a.v.hi);
    const double hi = std::ldexp(a.v.hi, -e), lo = std::ldexp(a.v.lo, -e);
    if (std::ldexp(lo, e) != a.v.lo) return false; // a low part scaled into the subnormals
    a.v = gibbs::double_double(hi, lo);
    return true;
  };
  s.ok = scale(s.sp, s.ep) && scale(s.sq, s.eq);
  s.eps = (std::max(s.sp.rel, s.sq.rel) + 0x1p-103) * (1 + 0x1p-40);
  return s;
}

/// p_i 2^-e, exactly, or 0 with ok = false when it leaves the ordinary range (or p_i is 0: ok).
inline double scaled_entry(double v, int e, bool& ok) {
  if (v == 0) return 0;
  const double w = std::ldexp(v, -e);
  ok = ok && kernel::ordinary(w); // both normal: the scaling is exact
  return w;
}

/// factor * sum / (Sp Sq) (factor 1 or 1/2, exact) with its bound: the terms' sum within
/// acc.bound() plus the absolute bounds `extra` (each grown by the n additions), the product and
/// quotient within 2^-100.4 relative with the sums' own e_p + e_q.
inline certified::sum_result scaled_result(const certified::accumulator& acc, double extra,
                                           const scaled_sums& s, double factor) {
  using gibbs::double_double;
  const double grow = 1 + acc.n * 0x1p-52 + 0x1p-40;
  const double E_T = (acc.bound() + extra * grow) * (1 + 0x1p-50);
  const double_double P = s.sp.v * s.sq.v;
  const double_double v = acc.sum / P;
  certified::sum_result out;
  out.value = double_double(v.hi * factor, v.lo * factor);
  out.error = (E_T * factor / (P.hi * (1 - 0x1p-50)) * (1 + 0x1p-40)
               + std::fabs(out.value.hi) * (s.sp.rel + s.sq.rel + 0x1p-100) * (1 + 0x1p-40))
              * (1 + 0x1p-50);
  out.ok = std::isfinite(out.value.hi) && std::isfinite(out.error);
  return out;
}

/// JS(p/Sp, q/Sq) = sum_i J(A_i, B_i) / (2 Sp Sq) with A_i = p_i Sq, B_i = q_i Sp and
/// J(a, b) = a log(2a/(a + b)) + b log(2b/(a + b)), homogeneous of degree 1 (the interval path
/// uses the same identity, common.hpp scaled_pair). Taken: every nonzero mass of p 2^-ep and
/// q 2^-eq (scaled_sums) in the kernel's ordinary range [2^-800, 2^800], the scaled sums in
/// [1, 2) with relative errors <= 2^-40,
/// so that every double-double below stays above 2^-969 (no underflow in a low part), except D
/// in the near case, checked. Operations: gibbs::double_double (+, - 2^-104.4; * 2^-103.1;
/// / 2^-101.8 relative), kernel::log_k (RHO_LOG_K relative) or, outside its range, log_dd
/// (RHO_LOG).
///   Inputs. Sp and Sq within 2^-105.9 relative (precise_sum_of). A = p_i Sq and B = q_i Sp as
///   computed carry relative errors eps_A <= e_q + 2^-103, eps_B <= e_p + 2^-103 (e the sums'
///   bounds); eps = their maximum. On the segment between the
///   exact and the computed (A, B), grad J = (log(2a/s), log(2b/s)) differs from its value at the
///   computed point by <= 2.01 eps, so the inputs move J by <= eps (A |L1| + B |L2|) + 2.1 eps^2 S
///   (S = A + B, L1 = log(2A/S), L2 = log(2B/S)).
///   One mass 0: J = x ln 2 (x = A or B), ln 2 as LN2_HI + LN2_LO (2^-96.5 relative), one
///   product: eval error 2^-96 |J|; the inputs move it by eps |J| (J is linear there).
///   Near, |v| < 2^-5 with v = D/S, D = A - B: J = S v^2 C(v^2) (kernel.hpp js_near's series,
///   C = 1/2 + w/12 + w^2/30 + w^3 R(w), w = v^2 <= 2^-10): v within 2^-101.3 relative, w within
///   2^-99.9, C within 2^-85 (truncation 2^-87.3, w^3 R in double 2^-85.8), two products: eval
///   error 2^-84 |J|. |L1|, |L2| = |log(1 +- v)| <= 1.033 |v|, so A |L1| + B |L2| <= 1.033 S |v|,
///   and with |v| up to |v computed| (1 + 2^-90) + 2.1 eps the inputs move J by
///   <= eps S (1.04 |v| + 2.2 eps) + 2.1 eps^2 S.
///   Far: x1 = 2A/S, x2 = 2B/S (S 2^-104.4, the quotient 2^-101.8: 2^-101.5 relative), L = log(x)
///   within rho_L |L| + 2^-101.4 (x's error moves log x by e (1 + e)), a = A L1, b = B L2
///   (2^-103.1), J = a + b (2^-104.4): eval error (rho_L + 2^-102.5)(|a| + |b|) + 2^-101.4 S. Sum:
///   the terms' double-double sum (certified::accumulator: n additions) plus the absolute bounds
///   above. Result: T / (2 Sp Sq), the product and quotient 2^-100.4 relative with the sums' e_p +
///   e_q: |JS - v| <= E_T / (2 Sp Sq) (1 + 2^-40) + |v| (e_p + e_q + 2^-100) (1 + 2^-40).
/// An exact 0 (p/Sp == q/Sq with p != q) is left undecided here, as by every pass (settle).
[[gnu::noinline, GIBBS_KERNEL_NO_CONTRACT]] inline certified::sum_result
jensen_shannon(std::span<const double> p, std::span<const double> q) {
  using gibbs::double_double;
  const scaled_sums sums = scaled_sums_of(p, q);
  if (!sums.ok) return {};
  const double eps = sums.eps;
  const double_double ln2(kernel::LN2_HI, kernel::LN2_LO);
  constexpr double c12h = 0x1.5555555555555p-4, c12l = 0x1.5555555555555p-58; // 1/12
  constexpr double c30h = 0x1.1111111111111p-5, c30l = 0x1.1111111111111p-61; // 1/30
  const double_double c12(c12h, c12l), c30(c30h, c30l);
  certified::accumulator acc;
  double extra = 0; // the absolute bounds
  const auto log_at = [](const double_double& x, double& rho) {
    if (x.hi >= 0x1p-1000 && x.hi <= 0x1p1000) {
      rho = kernel::RHO_LOG_K;
      const gibbs::dd_pair L = kernel::log_k(x.hi, x.lo);
      return double_double(L.hi, L.lo);
    }
    rho = certified::RHO_LOG;
    return certified::log_of(x);
  };
  for (std::size_t i = 0; i < p.size(); ++i) {
    bool in_range = true;
    const double pi = scaled_entry(p[i], sums.ep, in_range),
                 qi = scaled_entry(q[i], sums.eq, in_range);
    if (!in_range) return {};
    if (pi == 0 && qi == 0) continue;
    const double_double A = double_double(pi) * sums.sq.v, B = double_double(qi) * sums.sp.v;
    if (pi == 0 || qi == 0) {
      const double_double J = (pi == 0 ? B : A) * ln2;
      acc.add({J, 0x1p-96 + eps});
      continue;
    }
    const double_double S = A + B, D = A - B;
    const double aS = S.hi, aD = std::fabs(D.hi);
    if (aD < 0x1p-5 * aS) {
      if (aD != 0 && aD < 0x1p-960) return {};
      const double_double v = D / S;
      const double av = std::fabs(v.hi);
      if (av != 0 && av < 0x1p-450) return {};
      const double_double w = v * v;
      const double wh = w.hi;
      const double R = 1.0 / 56 + wh * (1.0 / 90 + wh * (1.0 / 132 + wh * (1.0 / 182 + wh / 240)));
      const double_double C =
          double_double(0.5) + w * c12 + (w * w) * c30 + double_double((wh * wh * wh) * R);
      const double_double J = (S * w) * C;
      acc.add({J, 0x1p-84});
      extra += eps * aS * (1.04 * av + 2.2 * eps) + 2.1 * eps * eps * aS;
      continue;
    }
    double r1 = 0, r2 = 0;
    const double_double L1 = log_at(double_double(2.0) * A / S, r1);
    const double_double L2 = log_at(double_double(2.0) * B / S, r2);
    const double_double a = A * L1, b = B * L2;
    const double_double J = a + b;
    const double far = std::fabs(a.hi) + std::fabs(b.hi);
    acc.add({J, 0.0});
    extra += (std::max(r1, r2) + 0x1p-102 + eps) * far * (1 + 0x1p-40) + 0x1p-101 * aS
             + 2.1 * eps * eps * aS;
  }
  return scaled_result(acc, extra, sums, 0.5);
}

/// KL(p/Sp || q/Sq) = sum_i T(A_i, B_i) / (Sp Sq) with A_i = p_i Sq, B_i = q_i Sp and the Bregman
/// term T(a, b) = a log(a/b) - a + b >= 0 (sum_i (A_i - B_i) = 0 exactly, so the terms add no
/// constant; the interval path uses the same identity). For near-equal p/Sp and q/Sq, where the
/// form KL_raw / Sp + log(Sq/Sp) of `combine` cancels. Range and operations as jensen_shannon
/// above; a q_i = 0 with p_i > 0 (an infinite KL) declines.
///   Inputs: A, B within eps relative (as there). grad T = (log(a/b), 1 - a/b), which moves by
///   <= 2.01 eps along the segment to the exact inputs; the Hessian's quadratic form on
///   (alpha a, beta b) is a (alpha - beta)^2 / 2 <= 2 eps^2 a: the inputs move T by
///   <= eps (A |L| + |D|) + 2.1 eps^2 A (L = log(A/B), D = A - B).
///   A = 0: T = B (exact given B; the inputs move it by eps B).
///   Near, |u| < 2^-7 with u = D/B: T = (D u) Bser(u), Bser = phi(u)/u^2 = 1/2 - u/6 + u^2/12
///   - u^3/20 + u^4 Q4(u) (kernel.hpp kl_near's series; truncation 2^-83.3 relative, Q4 in double
///   2^-82): u within 2^-101.3 relative, T within 2^-80 relative. |L| = |log1p(u)| <= 1.008 |u|
///   and |D| = B |u|, with |u| up to |u computed| (1 + 2^-90) + 2.1 eps: the inputs move T by
///   <= eps (|u| + 2.1 eps)(1.008 A + B) + 2.1 eps^2 A.
///   Far: L = log(A/B) (the quotient 2^-101.8 relative: L within rho_L |L| + 2^-101.7),
///   T = A L - D (a product 2^-103.1, a subtraction 2^-104.4): eval error
///   (rho_L + 2^-102)(|A L| + |D|) + 2^-101.7 A.
///   Result: the sum over Sp Sq, bounded as in jensen_shannon (without its halving).
[[gnu::noinline, GIBBS_KERNEL_NO_CONTRACT]] inline certified::sum_result
kl_scaled(std::span<const double> p, std::span<const double> q) {
  using gibbs::double_double;
  const scaled_sums sums = scaled_sums_of(p, q);
  if (!sums.ok) return {};
  const double eps = sums.eps;
  const double_double c6(0x1.5555555555555p-3, 0x1.5555555555555p-57);   // 1/6
  const double_double c12(0x1.5555555555555p-4, 0x1.5555555555555p-58);  // 1/12
  const double_double c20(0x1.999999999999ap-5, -0x1.999999999999ap-59); // 1/20
  certified::accumulator acc;
  double extra = 0;
  for (std::size_t i = 0; i < p.size(); ++i) {
    bool in_range = true;
    const double pi = scaled_entry(p[i], sums.ep, in_range),
                 qi = scaled_entry(q[i], sums.eq, in_range);
    if (!in_range) return {};
    if (pi == 0 && qi == 0) continue;
    if (qi == 0) return {};
    const double_double B = double_double(qi) * sums.sp.v;
    if (pi == 0) {
      acc.add({B, eps});
      continue;
    }
    const double_double A = double_double(pi) * sums.sq.v;
    const double_double D = A - B;
    const double aA = A.hi, aB = B.hi, aD = std::fabs(D.hi);
    if (aD < 0x1p-7 * aB) {
      if (aD == 0) {
        extra += 2.1 * eps * eps * (1.008 * aA + aB) + 2.1 * eps * eps * aA;
        continue;
      }
      if (aD < 0x1p-960) return {};
      const double_double u = D / B;
      const double au = std::fabs(u.hi);
      if (au < 0x1p-450) return {};
      const double uh = u.hi;
      const double Q4 =
          1.0 / 30
          + uh
                * (-1.0 / 42
                   + uh
                         * (1.0 / 56
                            + uh * (-1.0 / 72 + uh * (1.0 / 90 + uh * (-1.0 / 110 + uh / 132)))));
      const double_double u2 = u * u;
      const double_double Bs = double_double(0.5) - u * c6 + u2 * c12 - (u2 * u) * c20
                               + double_double((u2.hi * u2.hi) * Q4);
      const double_double T = (D * u) * Bs;
      acc.add({T, 0x1p-80});
      extra += eps * (au * (1 + 0x1p-90) + 2.1 * eps) * (1.008 * aA + aB) + 2.1 * eps * eps * aA;
      continue;
    }
    const double_double X = A / B;
    double rho = 0;
    double_double L;
    if (X.hi >= 0x1p-1000 && X.hi <= 0x1p1000) {
      rho = kernel::RHO_LOG_K;
      const gibbs::dd_pair l = kernel::log_k(X.hi, X.lo);
      L = double_double(l.hi, l.lo);
    } else {
      rho = certified::RHO_LOG;
      L = certified::log_of(X);
    }
    const double_double AL = A * L;
    const double_double T = AL - D;
    const double mag = std::fabs(AL.hi) + aD;
    acc.add({T, 0.0});
    extra += (rho + 0x1p-102 + eps) * mag * (1 + 0x1p-40) + 0x1.4p-102 * aA + 2.1 * eps * eps * aA;
  }
  return scaled_result(acc, extra, sums, 1.0);
}

} // namespace gibbs::oracle::detail::normalized_pass

#endif // GIBBS_ORACLE_DETAIL_NORMALIZED_HPP
