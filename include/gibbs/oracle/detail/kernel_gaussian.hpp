// gibbs/oracle/detail/kernel_gaussian.hpp: the fast passes of the Gaussian KL divergences — one
// pass over the dimensions computing each term in double-double with a certified relative
// bound, summed by kernel::accumulator and handed to the rounding test (detail/certified_dd.hpp).
//
// Both measures are sums of non-negative terms, each written so that nothing cancels badly:
//   vae_kl:      T = (mu^2 + f(t)) / 2,         f(t) = e^t - 1 - t >= 0, t = logvar;
//   gaussian_kl: T = g(u) / 2 + d^2 / (2 sq^2),  g(u) = u - log1p(u) >= 0,
//                u = sp^2/sq^2 - 1 = (sp - sq)(sp + sq)/sq^2, d = mu_p - mu_q
// (log(sq/sp) = -log1p(u)/2 and (sp^2 + d^2)/(2 sq^2) - 1/2 = u/2 + d^2/(2 sq^2)). A relative
// bound rho_i per part is a bound rho_i T_i on the term, and the bounds add.
// Elements outside the ranges stated below make the pass decline (ok = false): the oracle then
// runs the interval evaluation, which handles every finite input.
//
// Operations: gibbs::double_double's + (relative 2^-104.4), * (2^-103.1), / (DWDivDW2,
// 15u^2 + 56u^3 < 2^-102.1) without underflow; TwoSum and TwoProduct exact; the number layer's
// exp kernel (number/detail/fast.hpp) and the kernels' log_k (detail/kernel.hpp).
#ifndef GIBBS_ORACLE_DETAIL_KERNEL_GAUSSIAN_HPP
#define GIBBS_ORACLE_DETAIL_KERNEL_GAUSSIAN_HPP

#include "gibbs/number/detail/fast.hpp"
#include "gibbs/oracle/detail/certified_dd.hpp"
#include "gibbs/oracle/detail/kernel.hpp"

#include <cmath>
#include <cstddef>
#include <span>

namespace gibbs::oracle::detail::kernel {

/// A part of a term: value hi + lo and a bound on its relative error (ok = false: declined). A
/// default part is the exact zero (ok), which the kernels below return for a zero term.
struct bounded_part {
  gibbs::double_double v{0.0};
  double rho = 0;
  bool ok = true;
};

/// f(t) = e^t - 1 - t for 2^-470 <= |t| <= 700 (t = 0 gives 0; otherwise declined).
///  - |t| < 2^-8: f = t^2 B(t), B = 1/2 + t/6 + t^2 Q(t), Q = 1/24 + t/120 + t^2/720 + t^3/5040 +
///    t^4/40320: the expm1 kernel's polynomial (number/detail/fast.hpp) without its leading t.
///    t^2 is exact (TwoProduct; >= 2^-940, no underflow). Truncation: the first omitted term of
///    B is t^7/9! <= 2^-74.4. Q by Horner in double (|Q| <= 0.0419, ~10 roundings with the
///    rounded coefficients: <= 2^-54.2 absolute), times t^2 <= 2^-16 and rounded: <= 2^-70.1
///    absolute in B; t/6 and the two additions in double-double: <= 2^-101. B >= 1/2 - 2^-8/6,
///    so B is within 2^-68.9 relative, and f (one more product, 2^-103.1) within 2^-68.8. We use
///    2^-66.
///  - 2^-8 <= |t| <= 700, t >= -38: expm1(t) as the number layer's expm1 computes it from the
///    same kernel, within gibbs::detail::fast::rel_expm1 = 2^-71 (at least twice its proven
///    bound 2^-74), then f = expm1(t) - t (one addition, 2^-104.4 of f). The subtraction
///    magnifies expm1's error by |expm1(t)| / f(t), which is <= 2/|t| for t < 0
///    (s - 2 + (2 + s) e^-s >= 0 for s = -t > 0) and <= 2/(t (1 - t/6)) <= 2.4/t for 0 < t < 1
///    (t/expm1(t) <= 1 - t/2 + t^2/12), and decreases from 2.4 at t = 1 on: <= 2.5/|t| + 2.
///  - t < -38: f = (-t - 1) + e^t, -t - 1 = TwoSum (exact), e^t <= 2^-54.8 added as a double
///    within 2^-50 relative (2^q T_j (1 + p) rounded; t >= -708) or left out (t < -708:
///    e^t < 2^-1021): relative <= 2^-100 of f >= 37.
inline bounded_part vae_f(double t) {
  namespace nf = gibbs::detail::fast;
  using gibbs::double_double;
  bounded_part out;
  const double a = std::fabs(t);
  if (t == 0) return out;
  if (!(a >= 0x1p-470) || !(t <= 700)) {
    out.ok = false;
    return out;
  }
  if (a < 0x1p-8) {
    const double qq = 1.0 / 24 + t * (1.0 / 120 + t * (1.0 / 720 + t * (1.0 / 5040 + t / 40320)));
    const dd_pair t2 = two_prod(t, t);
    const double_double b =
        double_double(0.5)
        + double_double(t)
              * double_double(gibbs::detail::tables::inv6_hi, gibbs::detail::tables::inv6_lo)
        + double_double(t2.hi * qq);
    out.v = double_double(t2.hi, t2.lo) * b;
    out.rho = 0x1p-66;
    return out;
  }
  if (t < -38) {
    const dd_pair m = two_sum(-t, -1.0);
    double e = 0;
    if (t >= -708) {
      const nf::exp_parts x = nf::exp_kernel(t);
      e = x.tj.hi * (1 + x.p.hi) * nf::pow2_normal(x.q);
    }
    out.v = double_double(m.hi, m.lo) + double_double(e);
    out.rho = 0x1p-100;
    return out;
  }
  const nf::exp_parts x = nf::exp_kernel(t);
  double_double w = x.p;
  if (x.k != 0) {
    const double s = nf::pow2_normal(x.q);
    const double_double ts{x.tj.hi * s, x.tj.lo * s}; // exact: t >= -38 keeps it normal
    const dd_pair c = two_sum(ts.hi, -1.0);
    w = ts * x.p + (double_double(c.hi, c.lo) + double_double(ts.lo));
  }
  out.v = w - double_double(t);
  out.rho = nf::rel_expm1 * (2.5 / a + 2) * (1 + 0x1p-50) + 0x1p-104;
  return out;
}

/// g(u) = u - log1p(u) for u = sp^2/sq^2 - 1, 2^-250 <= sp, sq <= 2^250 (else declined):
///   u = (sp - sq)(sp + sq) / sq^2 from TwoSums (exact), one product and one quotient of
///   double-doubles: relative 2^-101.4. R = 1 + u = sp^2 / sq^2 (exact squares, one quotient:
///   2^-102.1), in [2^-1000, 2^1000].
///  - |u| <= 2^-7: g = -(log1p(u) - u) by the number layer's log1p_minus_z, proven within 2^-65.3
///    for an exact argument; u's own error moves g by g'(u) du = u^2/(1 + u) 2^-101.4, i.e.
///    <= 2^-99.9 of g (g >= u^2/2 (1 - 2^-6)). We use 2^-63.
///  - |u| > 2^-7: g = u - L, L = log_k(R) within RHO_LOG_K = 2^-76 (plus R's error, 2^-102.1
///    absolute, <= 2^-95 of |L| >= 2^-7.01). The subtraction magnifies the errors of L and u by
///    at most |L|/g, |u|/g <= 2^8.01 (largest at |u| = 2^-7): <= 2^8.01 (2^-76 + 2^-95 + 2^-101.4)
///    + 2^-104.4 <= 2^-67.98. We use 2^-67.
inline bounded_part gaussian_g(double sp, double sq) {
  using gibbs::double_double;
  bounded_part out;
  if (sp == sq) return out;
  if (!(sp >= 0x1p-250 && sp <= 0x1p250 && sq >= 0x1p-250 && sq <= 0x1p250)) {
    out.ok = false;
    return out;
  }
  const dd_pair dm = two_sum(sp, -sq), ds = two_sum(sp, sq), p2 = two_prod(sp, sp),
                q2 = two_prod(sq, sq);
  const double_double Q2(q2.hi, q2.lo);
  const double_double u = (double_double(dm.hi, dm.lo) * double_double(ds.hi, ds.lo)) / Q2;
  if (std::fabs(u.hi) <= 0x1p-7) {
    out.v = -gibbs::detail::fast::log1p_minus_z(u);
    out.rho = 0x1p-63;
    return out;
  }
  const double_double R = double_double(p2.hi, p2.lo) / Q2;
  const dd_pair L = log_k(R.hi, R.lo);
  out.v = u - double_double(L.hi, L.lo);
  out.rho = 0x1p-67;
  return out;
}

/// d^2 / sq^2 for d = mu_p - mu_q (TwoSum: exact for |mu| <= 2^400), 2^-250 <= sq <= 2^250:
/// one double-double product and one quotient, 2^-101.4; declined below 2^-900 (no part
/// underflows above it). d = 0 gives 0.
inline bounded_part gaussian_shift(double mp, double mq, double sq) {
  using gibbs::double_double;
  bounded_part out;
  if (mp == mq) return out;
  if (!(std::fabs(mp) <= 0x1p400 && std::fabs(mq) <= 0x1p400)) {
    out.ok = false;
    return out;
  }
  const dd_pair d = two_sum(mp, -mq), q2 = two_prod(sq, sq);
  const double_double D(d.hi, d.lo);
  out.v = (D * D) / double_double(q2.hi, q2.lo);
  out.rho = 0x1p-101; // 2^-101.4, rounded up
  out.ok = out.v.hi >= 0x1p-900 && std::isfinite(out.v.hi);
  return out;
}

/// The certified sum of the halves of bounded parts. Each part is added as hi/2 + lo/2: exact
/// but where lo/2 is subnormal (<= 2^-1075 lost, n 2^-1074 in all). The bound
/// sum_k rho_k |hi_k| (1 + 2^-50) (|part| <= |hi| (1 + 2^-52)) is accumulated in double with
/// relative error <= n u (the factor grow), halved, and added to the accumulator's.
struct half_sum {
  accumulator acc;
  double err = 0, n = 0;
  bool ok = true;
  void add(const bounded_part& b) {
    if (!b.ok) {
      ok = false;
      return;
    }
    if (b.v.hi == 0) return;
    acc.add(0.5 * b.v.hi, 0.5 * b.v.lo);
    err += b.rho * std::fabs(b.v.hi) * (1 + 0x1p-50);
    n += 1;
  }
  [[nodiscard]] certified::sum_result result() const {
    certified::sum_result s;
    if (!ok) return s;
    const dd_pair v = two_sum(acc.s, acc.c);
    const double grow = 1 + n * 0x1p-51;
    s.value = gibbs::double_double(v.hi, v.lo);
    s.error = (acc.bound(n) + 0.5 * err * grow + n * 0x1p-1074) * (1 + 0x1p-50);
    s.ok = std::isfinite(v.hi) && std::isfinite(s.error);
    return s;
  }
};

/// vae_kl = sum_i (mu_i^2 + f(logvar_i)) / 2; mu_i^2 exact (TwoProduct) for mu_i = 0 or
/// 2^-470 <= |mu_i| <= 2^500.
inline certified::sum_result vae_kl(std::span<const double> mu, std::span<const double> lv) {
  half_sum s;
  for (std::size_t i = 0; i < mu.size() && s.ok; ++i) {
    const double m = mu[i], a = std::fabs(m);
    if (m != 0) {
      if (!(a >= 0x1p-470 && a <= 0x1p500)) return certified::sum_result{}; // ok = false: declined
      const dd_pair m2 = two_prod(m, m);
      s.add({gibbs::double_double(m2.hi, m2.lo), 0, true});
    }
    s.add(vae_f(lv[i]));
  }
  return s.result();
}

/// gaussian_kl = sum_i g(u_i)/2 + d_i^2 / (2 sq_i^2).
inline certified::sum_result gaussian_kl(std::span<const double> mp, std::span<const double> sp,
                                         std::span<const double> mq, std::span<const double> sq) {
  half_sum s;
  for (std::size_t i = 0; i < mp.size() && s.ok; ++i) {
    s.add(gaussian_g(sp[i], sq[i]));
    if (s.ok) s.add(gaussian_shift(mp[i], mq[i], sq[i]));
  }
  return s.result();
}

} // namespace gibbs::oracle::detail::kernel

#endif // GIBBS_ORACLE_DETAIL_KERNEL_GAUSSIAN_HPP
