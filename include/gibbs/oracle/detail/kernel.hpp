// gibbs/oracle/detail/kernel.hpp: the oracle's bulk fast path. One pass over the input computes
// every term in double-double with FMA-based error-free transformations, a running certified
// bound on the error of each term and of the summation, and hands the sum and its bound to the
// rounding test (detail/certified_dd.hpp: decide). Elements outside the "ordinary" range
// [2^-800, 2^800] (subnormals, huge generalized masses) go through the slower double-double
// terms of detail/certified_dd.hpp, whose bounds are proven there; the bounds of the two are added.
//
// Notation: u = 2^-53; fl(.) one rounding to nearest; every FMA error term
// e = fma(a, b, -fl(a b)) is exact because, in the ordinary range, no product or sum here comes
// within 2^53 of the subnormal range (the smallest is about 2^-800 * 2^-110) or overflows.
// Contraction: GCC fuses a * b + c into an FMA across statements by default in C++ (in ISO
// modes too: -std=c++20 keeps -ffp-contract=fast), wherever FMA instructions are available, i.e.
// in the gnu::target("fma") build below and everywhere under -mfma. That is not harmless: an
// error-free transformation needs the rounded product. In Dekker's TwoProduct (the number
// layer's two_prod and two_prod_k, used by the double-double terms of detail/certified_dd.hpp,
// which GCC inlines here when its budget allows) the products and their corrections are fused
// into FMAs, and the "exact" error term is then off by up to the product's rounding error: a
// term of 270 came out wrong by 2^-45.5 against a bound of 2^-58. So those terms run out of
// line in functions compiled with contraction off (slow_log_term, slow_bregman, js_slow:
// GIBBS_KERNEL_NO_CONTRACT applies to all that GCC inlines into them). The kernel's own code may
// be contracted: there a product whose error is taken as fma(a, b, -p) has that FMA among its
// uses, which stops GCC from fusing p into anything else; the other products are exact (by powers
// of two, e' LN2_HI) or only lose a rounding, which every bound below allows; Sterbenz
// subtractions and TwoSums contain no product.
// Clang contracts only within one expression (-ffp-contract=on), where the kernels' and the
// number layer's products that matter are never the operand of an addition. The log-sum-exp
// loop (exp_term) is stricter: it runs without contraction in both compilers, so that its FMA
// and portable builds give the same bits (tested).
//
// Run-time only (not constexpr): it is what the oracle runs on n = 10^6..10^8 elements. On x86-64
// it is compiled twice, once for CPUs with FMA (gnu::target("fma"), chosen at run time by
// __builtin_cpu_supports) and once portable, where std::fma is a library call; both compute the
// same numbers (an FMA is one correctly rounded operation either way).
#ifndef GIBBS_ORACLE_DETAIL_KERNEL_HPP
#define GIBBS_ORACLE_DETAIL_KERNEL_HPP

#include "gibbs/oracle/detail/certified_dd.hpp"
#include "gibbs/oracle/detail/log_table.hpp"

#include <mpfr.h>

#include <array>
#include <bit>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <span>

#if defined(__GNUC__) || defined(__clang__)
#define GIBBS_KERNEL_INLINE [[gnu::always_inline]] inline
#else
#define GIBBS_KERNEL_INLINE inline
#endif
#if defined(__GNUC__) && !defined(__clang__)
#define GIBBS_KERNEL_NO_CONTRACT gnu::optimize("fp-contract=off")
#else
#define GIBBS_KERNEL_NO_CONTRACT
#endif
#if (defined(__GNUC__) || defined(__clang__)) && defined(__x86_64__) && !defined(__FMA__)
#define GIBBS_KERNEL_DISPATCH 1
#else
#define GIBBS_KERNEL_DISPATCH 0
#endif

namespace gibbs::oracle::detail::kernel {

/// The double-double terms of detail/certified_dd.hpp for the elements outside the ordinary
/// range, out of line and compiled without contraction (see the header): -p log x within 2^-66
/// (log_of within RHO_LOG = 2^-67, one product 2^-103.1), and the Bregman term.
[[gnu::noinline, GIBBS_KERNEL_NO_CONTRACT]] inline certified::term slow_log_term(double p,
                                                                                 double x) {
  return {gibbs::double_double(-p) * certified::log_of(x), 0x1p-66};
}
[[gnu::noinline, GIBBS_KERNEL_NO_CONTRACT]] inline certified::term slow_bregman(double p,
                                                                                double q) {
  return certified::bregman(p, q);
}

/// An unevaluated sum hi + lo (|lo| <= 2^-52 |hi| unless said otherwise), with the error-free
/// sums of number/double_double.hpp (TwoSum; FastTwoSum, exact when |a| >= |b| or a == 0).
using dd_pair = gibbs::dd_pair;
using gibbs::fast_two_sum;
using gibbs::two_sum;

/// TwoProduct by FMA (the number layer's two_prod uses Dekker's split, for constant evaluation).
GIBBS_KERNEL_INLINE dd_pair two_prod(double a, double b) {
  const double p = a * b;
  return {p, std::fma(a, b, -p)};
}

/// The relative error bound of log_k, proven <= 2^-78.5 below; tests/oracle/kernel.cpp measures
/// it against MPFR. The sums use RHO_LOG_K = 2^-76 (a factor 5 of margin).
inline constexpr double RHO_LOG_K = 0x1p-76;
/// ln 2 = LN2_HI + LN2_LO + O(2^-97): LN2_HI has 42 significant bits, so e * LN2_HI is exact for
/// |e| < 2^11.
inline constexpr double LN2_HI = 0x1.62e42fefa3800p-1;
inline constexpr double LN2_LO = 0x1.ef35793c7673p-45;

/// log1p(z) = hi + lo (|lo| <= 2^-51 |hi|, not normalised) for a double-double z = zh + zl,
/// |z| <= 2^-9 (|zl| <= 2^-52 |zh|): relative error <= 2^-78.8 (the analysis is under log_k).
GIBBS_KERNEL_INLINE dd_pair log1p_k(double zh, double zl) {
  const double sh = zh * zh, se = std::fma(zh, zh, -sh);
  const double th = zh * sh, te = std::fma(zh, sh, -th);
  constexpr double c3h = 0x1.5555555555555p-2, c3l = 0x1.5555555555555p-56; // 1/3
  const double yh = th * c3h, ye = std::fma(th, c3h, -yh);
  // z^3/3 - yh = ye + th c3l + (te + zh se + 3 sh zl) c3h
  const double ylo = ye + (th * c3l + (te + (zh * se + 3.0 * sh * zl)) * c3h);
  const double p4 =
      -0.25
      + zh * (0.2 + zh * (-1.0 / 6 + zh * (1.0 / 7 + zh * (-0.125 + zh * (1.0 / 9 + zh * -0.1)))));
  const double tail = (sh * sh) * p4;
  const dd_pair a = fast_two_sum(zh, -0.5 * sh);
  const dd_pair c = fast_two_sum(a.hi, yh);
  // -z^2/2 - (-sh/2) = -(se/2 + zh zl); -z^4/4 correction for zl: -th zl
  return {c.hi, (((a.lo + c.lo) + zl) - ((0.5 * se + zh * zl) - ylo + th * zl)) + tail};
}

/// log(xh + xl) for 2^-1000 <= xh <= 2^1000 and |xl| <= 2^-52 xh, as a double-double.
///   Range reduction: xh = 2^e m, m in [1, 2); entry i = 9 leading fraction bits of m (table
///   log_table.hpp): c ~ 1/m, |m c - 1| <= 2^-9 (2^-10 except for entry 0, where c = 1).
///   z = (m + xl 2^-e) c - 1: m c = P + Pe exactly (two_prod), P - 1 exact (Sterbenz: P is in
///   [1 - 2^-9, 1 + 2^-9]); w = fl(Pe + (xl 2^-e) c) (one FMA) errs by <= 2^-105 absolute, and is
///   exact when c = 1 (entries 0 and 511: then Pe = 0 and xl 2^-e c = xl exactly); z = TwoSum.
///   log x = e' ln2 + t + log1p(z), e' = e (+1 for i >= log_upper), t = -log(c) or -log(2c).
///   For entries 0 and 511 (c = 1 or 1/2) with e' = 0, t = 0 and log x = log1p(z): relative error
///   is that of log1p(z). Elsewhere |log x| >= 0.0019 >= 1.9 |z| (|t| >= 2^-8.4 and |z| <= 2^-10,
///   or |e' ln2| - 0.35 >= 0.34), so the 2^-105 of w adds < 2^-95.9 relative.
///   log1p(z) = z - z^2/2 + z^3/3 + z^4 P4(z), P4 = -1/4 + z/5 - ... + z^6/10 (truncation
///   <= |z|^11/11 (1 + 2^-8) <= 2^-93.4 |z|). z^2 and z^3 are formed exactly on zh with FMA
///   (zh^2 = sh + se, zh sh = th + te) plus their zl and cross corrections (relative 2^-104);
///   z^3/3 as th c3h + exact error + small terms. The tail z^4 P4: |tail| <= 1.01 |z|^4/4
///   <= 2^-28.98 |z|; computed from zh (and the 4 zh^3 zl correction) with sh*sh (2 roundings incl.
///   sh vs zh^2), P4 by Horner (3 u incl. rounded coefficients), one product: <= 7 u relative,
///   i.e. <= 2^-79.2 |z|. The low-order sum rounds at most 2^-104 |z| and then adds the tail with
///   one rounding (<= u 2^-28.9 |z| = 2^-81.9 |z|). So log1p(z) errs by <= 2^-78.9 |z|, i.e.
///   <= 2^-78.8 |log1p z|.
///   Assembly: e' LN2_HI exact; fast_two_sum(e' LN2_HI, t_hi) exact (|t| <= 0.35 < ln2); one
///   TwoSum with the log1p part; the low parts (t_lo: 2^-106 |t|, e' LN2_LO: 2^-96 |e'| with the
///   omitted ln2 tail, each <= 2^-95 |log x| as |log x| >= 0.34 |e'|) summed with 3 roundings
///   of terms <= 2^-51 |log x|. With |z| <= 0.53 |log x| when t or e' is non-zero:
///   total <= 2^-78.8 * 0.53 + 2^-94 < 2^-78.5 relative (and 2^-78.8 for log1p alone).
GIBBS_KERNEL_INLINE dd_pair log_k(double xh, double xl) {
  const std::uint64_t b = std::bit_cast<std::uint64_t>(xh);
  const int e = static_cast<int>(b >> 52) - 1023;
  const std::size_t i = static_cast<std::size_t>((b >> 43) & 511);
  const log_entry& ent = log_table[i];
  const double m = std::bit_cast<double>((b & 0x000fffffffffffffULL) | 0x3ff0000000000000ULL);
  const double scale = std::bit_cast<double>(static_cast<std::uint64_t>(1023 - e) << 52); // 2^-e
  const double P = m * ent.c;
  const double Pe = std::fma(m, ent.c, -P);
  const double w = std::fma(xl * scale, ent.c, Pe);
  const dd_pair z = two_sum(P - 1.0, w);
  const dd_pair l1 = log1p_k(z.hi, z.lo);
  // assembly
  const double ed = static_cast<double>(e + (i >= static_cast<std::size_t>(log_upper) ? 1 : 0));
  const dd_pair g = fast_two_sum(ed * LN2_HI, ent.t_hi);
  const dd_pair h = two_sum(g.hi, l1.hi);
  const double low = ((g.lo + h.lo) + (ed * LN2_LO + ent.t_lo)) + l1.lo;
  return fast_two_sum(h.hi, low);
}

/// True when x is in the range where every operation of the kernels is exact or error-bounded
/// as stated (no underflow, no overflow).
GIBBS_KERNEL_INLINE bool ordinary(double x) {
  return x >= 0x1p-800 && x <= 0x1p800;
}

/// A TwoSum accumulator of double-double terms with a running certified bound:
/// after each add, s + c + (the rounding errors of c) equals the exact sum of the terms added.
/// c = fl(c + fl(err + lo)) rounds twice; |err + lo| <= |c_new| + |c_old| (up to one rounding),
/// so the total error is <= u (1 + u) sum_k (2 |c_k| + |c_(k-1)|) <= 3.01 u sum_k |c_k|; e holds
/// that sum of non-negative numbers, computed with relative error <= n u: 2^-51 e is valid for
/// n < 2^49 adds. Underflow in c (terms below 2^-1022) adds <= 2^-1074 per add: + n 2^-1073.
/// Each term's lo part was itself formed with a few roundings before it got here; the callers
/// count those in their own bounds (RHO_FAR, RHO_NEAR, the slow terms' rho).
struct accumulator {
  double s = 0, c = 0, e = 0;
  GIBBS_KERNEL_INLINE void add(double hi, double lo) {
    const dd_pair t = two_sum(s, hi);
    s = t.hi;
    c += t.lo + lo;
    e += std::fabs(c);
  }
  /// The bound after at most n adds.
  [[nodiscard]] double bound(double n) const { return e * 0x1p-51 + n * 0x1p-1073; }
};

/// What one pass produces: the sum, and the sums the error bound is made of.
struct pass {
  accumulator sum;
  double far = 0;  ///< sum |p L| over log terms (bound: RHO_FAR * far)
  double near = 0; ///< sum T over series terms (bound: RHO_NEAR * near)
  double slow =
      0;        ///< sum rho |T| + SLACK over terms from detail/certified_dd.hpp (already a bound)
  double n = 0; ///< elements (each makes at most 2 adds)
};

/// A log term p L (L = log of something) errs by <= RHO_LOG_K |p L| from L, plus 2^-104 |p L|
/// from its product and low parts. The generalized KL's far terms T = p L - D (D = p - q by
/// TwoSum, exact) round their low parts by <= 2^-104 (2|T| + 3|p L|) <= 2^-101 (|p L| + |D|):
/// there `far` counts |p L| + |D|.
inline constexpr double RHO_FAR = RHO_LOG_K + 0x1p-100;
/// Series terms: B within 2^-81 relative (kl_near), the products 2^-102: RHO_NEAR = 2^-80.
inline constexpr double RHO_NEAR = 0x1p-80;

/// The Bregman term T = p log(p/q) - p + q = d u B(u) for |u| = |d|/q < 2^-7 (d = p - q exact):
///   B(u) = phi(u)/u^2 = sum_k (-u)^k / ((k+1)(k+2)) = 1/2 - u/6 + u^2/12 - u^3/20 + u^4 Q4(u),
///   Q4 = 1/30 - u/42 + ... + u^6/132 (Horner in double; truncation |u|^11/156 <= 2^-84.3,
///   i.e. 2^-83.3 relative to B >= 0.494). u = uh + ul: uh = fl(d/q), the remainder
///   fma(-uh, q, d) is exact, ul = fl(rem/q): |u - uh - ul| <= 2^-106 |u|.
///   The first four terms are formed as hi + exact error + small corrections (each correct to
///   <= 2^-100 absolute); the tail |u^4 Q4| <= 2^-32.9 is computed with <= 8 u relative error
///   (2^-82 absolute); three fast_two_sums (exact) and a low-order sum of terms <= 2^-32.8 with
///   6 roundings (2^-83.2). B errs by <= 2^-81.5 absolute, <= 2^-80.5 relative.
///   T = (d u) B: d u = two_prod(d, uh) + d ul (2^-104), times B (2^-103): RHO_NEAR = 2^-80.
GIBBS_KERNEL_INLINE dd_pair kl_near(double d, double q) {
  const double uh = d / q;
  const double ul = std::fma(-uh, q, d) / q;
  constexpr double c6h = 0x1.5555555555555p-3, c6l = 0x1.5555555555555p-57;    // 1/6
  constexpr double c12h = 0x1.5555555555555p-4, c12l = 0x1.5555555555555p-58;  // 1/12
  constexpr double c20h = 0x1.999999999999ap-5, c20l = -0x1.999999999999ap-59; // 1/20
  // -u/6
  const double h1 = uh * -c6h, e1 = std::fma(uh, -c6h, -h1);
  const double l1 = e1 - (uh * c6l + ul * c6h);
  // u^2/12
  const double vh = uh * uh, ve = std::fma(uh, uh, -vh);
  const double v_lo = ve + 2.0 * uh * ul; // u^2 = vh + v_lo (2^-104)
  const double h2 = vh * c12h, e2 = std::fma(vh, c12h, -h2);
  const double l2 = e2 + (vh * c12l + v_lo * c12h);
  // -u^3/20
  const double th = vh * uh, te = std::fma(vh, uh, -th);
  const double t_lo = te + (ve * uh + 3.0 * vh * ul);
  const double h3 = th * -c20h, e3 = std::fma(th, -c20h, -h3);
  const double l3 = e3 - (th * c20l + t_lo * c20h);
  // u^4 Q4(u)
  const double q4 =
      1.0 / 30
      + uh
            * (-1.0 / 42
               + uh
                     * (1.0 / 56
                        + uh * (-1.0 / 72 + uh * (1.0 / 90 + uh * (-1.0 / 110 + uh / 132)))));
  const double a4 = (vh * vh) * q4;
  const dd_pair s1 = fast_two_sum(0.5, h1);
  const dd_pair s2 = fast_two_sum(s1.hi, h2);
  const dd_pair s3 = fast_two_sum(s2.hi, h3);
  const double bh = s3.hi;
  const double bl = ((s1.lo + s2.lo + s3.lo) + (l1 + l2 + l3)) + a4;
  // T = (d u) B
  const dd_pair du = two_prod(d, uh);
  const double du_lo = du.lo + d * ul;
  const dd_pair t = two_prod(du.hi, bh);
  return {t.hi, t.lo + (du.hi * bl + du_lo * bh)};
}

/// KL terms over p, q (already swapped for reverse KL; validated; no p_i > 0 = q_i).
/// KL term = p log(p/q): near (|p - q| < 2^-7 q) as T + d with T = kl_near; else p L with
/// L = log_k(p/q as a double-double: rh = fl(p/q), rl = fl(fma(-rh, q, p)/q), the remainder exact,
/// |p/q - rh - rl| <= 2^-106 rh; log_k(rh, rl) is then log(p/q) within RHO_LOG_K + 2^-99 relative,
/// as |log(p/q)| >= log(1 + 2^-7) > 2^-7.01). Generalized: minus D = p - q (TwoSum, exact).
GIBBS_KERNEL_INLINE void kl_body(std::span<const double> p, std::span<const double> q,
                                 bool generalized, pass& out) {
  accumulator acc;
  double far = 0, near = 0;
  certified::accumulator slow;
  const std::size_t n = p.size();
  // Blocks of B elements: first every element is classified (and the rare kinds finished),
  // the log terms' arguments are queued; then the queue runs through log_k in a loop without
  // branches, where the processor overlaps the long dependency chains of successive elements.
  constexpr std::size_t B = 256;
  double xh[B], xl[B], pp[B], qq[B];
  for (std::size_t start = 0; start < n; start += B) {
    const std::size_t end = start + B < n ? start + B : n;
    std::size_t m = 0;
    for (std::size_t k = start; k < end; ++k) {
      const double pi = p[k], qi = q[k];
      if (pi == qi) continue; // term 0 (also 0 log(0/0))
      if (pi == 0) {          // 0 log(0/q) = 0; the generalized term is q
        if (generalized) acc.add(qi, 0.0);
        continue;
      }
      if (ordinary(pi) && ordinary(qi)) {
        const double d = pi - qi;
        if (std::fabs(d) < 0x1p-7 * qi) { // then q/2 <= p <= 2q: d is exact (Sterbenz)
          const dd_pair t = kl_near(d, qi);
          near += t.hi;
          acc.add(t.hi, t.lo);
          if (!generalized) acc.add(d, 0.0);
          continue;
        }
        const double rh = pi / qi;
        if (rh >= 0x1p-1000 && rh <= 0x1p1000) {
          xh[m] = rh;
          xl[m] = std::fma(-rh, qi, pi) / qi;
          pp[m] = pi;
          qq[m] = qi;
          ++m;
          continue;
        }
      }
      // Anything else (a subnormal or extreme mass): the proven terms of detail/certified_dd.hpp.
      const certified::term t = slow_bregman(pi, qi);
      slow.add(t);
      acc.add(t.value.hi, t.value.lo);
      if (!generalized) {
        const dd_pair D = two_sum(pi, -qi);
        acc.add(D.hi, D.lo);
      }
    }
    if (!generalized) {
      for (std::size_t j = 0; j < m; ++j) {
        const dd_pair L = log_k(xh[j], xl[j]);
        const dd_pair pl = two_prod(pp[j], L.hi);
        far += std::fabs(pl.hi);
        acc.add(pl.hi, pl.lo + pp[j] * L.lo);
      }
    } else {
      for (std::size_t j = 0; j < m; ++j) {
        const dd_pair L = log_k(xh[j], xl[j]);
        const dd_pair pl = two_prod(pp[j], L.hi);
        const dd_pair D = two_sum(pp[j], -qq[j]);
        far += std::fabs(pl.hi) + std::fabs(D.hi);
        const dd_pair t = two_sum(pl.hi, -D.hi);
        acc.add(t.hi, t.lo + ((pl.lo + pp[j] * L.lo) - D.lo));
      }
    }
  }
  out.sum = acc;
  out.far = far;
  out.near = near;
  out.slow = slow.bound();
  out.n = static_cast<double>(n);
}

/// Entropy (x = p) or cross-entropy (x = q) terms -p log x.
GIBBS_KERNEL_INLINE void entropy_body(std::span<const double> p, std::span<const double> x,
                                      pass& out) {
  accumulator acc;
  double far = 0;
  certified::accumulator slow;
  const std::size_t n = p.size();
  constexpr std::size_t B = 256; // blocks as in kl_body
  double xs[B], ps[B];
  for (std::size_t start = 0; start < n; start += B) {
    const std::size_t end = start + B < n ? start + B : n;
    std::size_t m = 0;
    for (std::size_t k = start; k < end; ++k) {
      const double pi = p[k], xi = x[k];
      if (pi == 0 || xi == 1) continue; // 0 log x = 0, p log 1 = 0
      if (ordinary(pi) && ordinary(xi)) {
        xs[m] = xi;
        ps[m] = pi;
        ++m;
        continue;
      }
      // log_of within RHO_LOG = 2^-67 (detail/certified_dd.hpp), one product (2^-103.1): 2^-66
      const certified::term t = slow_log_term(pi, xi);
      slow.add(t);
      acc.add(t.value.hi, t.value.lo);
    }
    for (std::size_t j = 0; j < m; ++j) {
      const dd_pair L = log_k(xs[j], 0.0);
      const dd_pair pl = two_prod(-ps[j], L.hi);
      far += std::fabs(pl.hi);
      acc.add(pl.hi, pl.lo - ps[j] * L.lo);
    }
  }
  out.sum = acc;
  out.far = far;
  out.slow = slow.bound();
  out.n = static_cast<double>(n);
}

/// The Jensen-Shannon term J = p log(2p/s) + q log(2q/s) = s v^2 C(v^2), s = p + q,
/// v = (p - q)/s, for |v| < 2^-5 (then p, q are within a factor 1.07: d = p - q is exact):
///   J/s = sum_(k even >= 2) v^k / (k (k - 1)) (from (1+v) log(1+v) + (1-v) log(1-v)), so with
///   w = v^2 <= 2^-10: C = 1/2 + w/12 + w^2/30 + w^3 R(w), R = 1/56 + w/90 + w^2/132 + w^3/182
///   + w^4/240 (truncation w^8/272 <= 2^-88). w/12 and w^2/30 as hi + exact error + corrections
///   (2^-100 absolute); |w^3 R| <= 2^-35.8 with <= 8u relative error (2^-86.8); C within 2^-85
///   absolute (2^-84 relative). s = sh + sl exactly (TwoSum); v = vh + vl with vh = fl(d/sh),
///   the remainder fma(-vh, sh, d) exact, vl = fl((rem - vh sl)/sh): |v - vh - vl| <= 2^-104 |v|.
///   J = (s w) C: three products (2^-103 each) and w's own 2^-103: RHO_NEAR = 2^-80 holds.
GIBBS_KERNEL_INLINE dd_pair js_near(double d, double sh, double sl) {
  const double vh = d / sh;
  const double vl = (std::fma(-vh, sh, d) - vh * sl) / sh;
  constexpr double c12h = 0x1.5555555555555p-4, c12l = 0x1.5555555555555p-58; // 1/12
  constexpr double c30h = 0x1.1111111111111p-5, c30l = 0x1.1111111111111p-61; // 1/30
  const double wh = vh * vh;
  const double we = std::fma(vh, vh, -wh) + 2.0 * vh * vl; // w = wh + we (2^-104)
  const double h1 = wh * c12h, e1 = std::fma(wh, c12h, -h1);
  const double l1 = e1 + (wh * c12l + we * c12h);
  const double w2h = wh * wh;
  const double w2e = std::fma(wh, wh, -w2h) + 2.0 * wh * we;
  const double h2 = w2h * c30h, e2 = std::fma(w2h, c30h, -h2);
  const double l2 = e2 + (w2h * c30l + w2e * c30h);
  const double R = 1.0 / 56 + wh * (1.0 / 90 + wh * (1.0 / 132 + wh * (1.0 / 182 + wh / 240)));
  const double a3 = (w2h * wh) * R;
  const dd_pair s1 = fast_two_sum(0.5, h1);
  const dd_pair s2 = fast_two_sum(s1.hi, h2);
  const double ch = s2.hi;
  const double cl = ((s1.lo + s2.lo) + (l1 + l2)) + a3;
  const dd_pair sw = two_prod(sh, wh);
  const double sw_lo = sw.lo + (sh * we + sl * wh);
  const dd_pair t = two_prod(sw.hi, ch);
  return {t.hi, t.lo + (sw.hi * cl + sw_lo * ch)};
}

/// A Jensen-Shannon term for masses p, q > 0 outside the kernel's range (subnormal, tiny or huge,
/// or a ratio beyond 2^1000), with the double-double logs of detail/certified_dd.hpp (log_dd, any
/// positive double-double, relative error <= RHO_LOG = 2^-67 there):
///   L1 = (log p + ln 2) - log s, L2 = (log q + ln 2) - log s, s = p + q (TwoSum, exact),
///   J = p L1 + q L2. Each log errs by <= 2^-67 |log|, ln 2 by 2^-97, the double-double
///   additions by 2^-104 of their operands: |L1 - L1*| <= 2^-66.9 (|log p| + ln 2 + |log s|);
///   the products and the final sum add 2^-100 (|p L1| + |q L2|), and underflow in them at most
///   4 * 2^-1074. The bound is added to `slow`. A non-finite value (p + q overflows) makes the
///   pass's result non-finite, and the interval path takes over.
[[gnu::noinline, GIBBS_KERNEL_NO_CONTRACT]] inline void js_slow(double p, double q,
                                                                accumulator& acc, double& slow) {
  using gibbs::double_double;
  const dd_pair S = two_sum(p, q);
  const double_double ls = gibbs::detail::fast::log_dd(S.hi, S.lo);
  const double_double ln2(LN2_HI, LN2_LO);
  const double_double lp = certified::log_of(p), lq = certified::log_of(q);
  const double_double L1 = (lp + ln2) - ls, L2 = (lq + ln2) - ls;
  const double_double a = double_double(p) * L1, b = double_double(q) * L2;
  const double_double J = a + b;
  const double spread = std::fabs(ls.hi) + 0.7;
  slow += 0x1p-66 * (p * (std::fabs(lp.hi) + spread) + q * (std::fabs(lq.hi) + spread))
          + 0x1p-99 * (std::fabs(a.hi) + std::fabs(b.hi)) + 0x1p-1071;
  acc.add(J.hi, J.lo);
}

/// Jensen-Shannon terms J_i >= 0 (JS = sum J_i / 2; the halving is left to the caller).
/// Far (|v| >= 2^-5): J = p L1 + q L2, L1 = log_k(2p/s), L2 = log_k(2q/s), each quotient as a
/// double-double: xh = fl(2p/sh), remainder fma(-xh, sh, 2p) exact, xl = fl((rem - xh sl)/sh)
/// (relative 2^-104). Error <= RHO_FAR (|p L1| + |q L2|) + the sum's roundings (2^-104 of the
/// same). p = 0 or q = 0: J = x ln 2 (x the other mass), error 2^-96 |J| (+2^-1073 if x is
/// below 2^-960). Pairs outside the ordinary range: js_slow.
GIBBS_KERNEL_INLINE void js_body(std::span<const double> p, std::span<const double> q, pass& out) {
  accumulator acc;
  double far = 0, near = 0, tiny = 0, slow = 0;
  const std::size_t n = p.size();
  for (std::size_t k = 0; k < n; ++k) {
    const double pi = p[k], qi = q[k];
    if (pi == qi) continue; // 2p/s = 1: J = 0 (also 0, 0)
    if (pi == 0 || qi == 0) {
      const double x = pi + qi; // exact: one of them is 0
      const dd_pair h = two_prod(x, LN2_HI);
      far += std::fabs(h.hi);
      if (x < 0x1p-960) tiny += 1;
      acc.add(h.hi, h.lo + x * LN2_LO);
      continue;
    }
    if (!ordinary(pi) || !ordinary(qi)) {
      js_slow(pi, qi, acc, slow);
      continue;
    }
    const dd_pair S = two_sum(pi, qi);
    const double d = pi - qi;
    if (std::fabs(d) < 0x1p-5 * S.hi) {
      const dd_pair t = js_near(d, S.hi, S.lo);
      near += t.hi;
      acc.add(t.hi, t.lo);
      continue;
    }
    const double x1 = 2 * pi / S.hi, x2 = 2 * qi / S.hi;
    if (!(x1 >= 0x1p-1000 && x2 >= 0x1p-1000)) {
      js_slow(pi, qi, acc, slow);
      continue;
    }
    const double x1l = (std::fma(-x1, S.hi, 2 * pi) - x1 * S.lo) / S.hi;
    const double x2l = (std::fma(-x2, S.hi, 2 * qi) - x2 * S.lo) / S.hi;
    const dd_pair L1 = log_k(x1, x1l), L2 = log_k(x2, x2l);
    const dd_pair a = two_prod(pi, L1.hi), b = two_prod(qi, L2.hi);
    far += std::fabs(a.hi) + std::fabs(b.hi);
    const dd_pair t = two_sum(a.hi, b.hi);
    acc.add(t.hi, t.lo + ((a.lo + pi * L1.lo) + (b.lo + qi * L2.lo)));
  }
  out.sum = acc;
  out.far = far;
  out.near = near;
  out.n = static_cast<double>(n);
  out.slow = (slow + tiny * 0x1p-1073) * (1 + out.n * 0x1p-51);
}

/// sum_i c_i (-log q_i) over the classes with a count c_i > 0 (exact integers < 2^53).
GIBBS_KERNEL_INLINE void nll_body(std::span<const double> q, std::span<const std::int64_t> counts,
                                  pass& out) {
  accumulator acc;
  double far = 0;
  certified::accumulator slow;
  const std::size_t n = q.size();
  for (std::size_t k = 0; k < n; ++k) {
    const double c = static_cast<double>(counts[k]), qi = q[k];
    if (c == 0 || qi == 1) continue;
    if (ordinary(qi)) {
      const dd_pair L = log_k(qi, 0.0);
      const dd_pair t = two_prod(-c, L.hi);
      far += std::fabs(t.hi);
      acc.add(t.hi, t.lo - c * L.lo);
      continue;
    }
    // log_of within 2^-67 (detail/certified_dd.hpp), one product: 2^-66
    const certified::term t = slow_log_term(c, qi);
    slow.add(t);
    acc.add(t.value.hi, t.value.lo);
  }
  out.sum = acc;
  out.far = far;
  out.slow = slow.bound();
  out.n = static_cast<double>(n);
}

#if GIBBS_KERNEL_DISPATCH
[[gnu::target("fma")]] inline void kl_fma(std::span<const double> p, std::span<const double> q,
                                          bool generalized, pass& out) {
  kl_body(p, q, generalized, out);
}
[[gnu::target("fma")]] inline void entropy_fma(std::span<const double> p, std::span<const double> x,
                                               pass& out) {
  entropy_body(p, x, out);
}
[[gnu::target("fma")]] inline void js_fma(std::span<const double> p, std::span<const double> q,
                                          pass& out) {
  js_body(p, q, out);
}
[[gnu::target("fma")]] inline void nll_fma(std::span<const double> q,
                                           std::span<const std::int64_t> counts, pass& out) {
  nll_body(q, counts, out);
}
inline bool have_fma() {
  static const bool yes = __builtin_cpu_supports("fma") != 0;
  return yes;
}
#endif
[[gnu::noinline]] inline void kl_portable(std::span<const double> p, std::span<const double> q,
                                          bool generalized, pass& out) {
  kl_body(p, q, generalized, out);
}
[[gnu::noinline]] inline void entropy_portable(std::span<const double> p, std::span<const double> x,
                                               pass& out) {
  entropy_body(p, x, out);
}

[[gnu::noinline]] inline void js_portable(std::span<const double> p, std::span<const double> q,
                                          pass& out) {
  js_body(p, q, out);
}
[[gnu::noinline]] inline void nll_portable(std::span<const double> q,
                                           std::span<const std::int64_t> counts, pass& out) {
  nll_body(q, counts, out);
}

/// Runs one pass with the FMA build of its loop when the CPU has FMA, else the portable one.
#if GIBBS_KERNEL_DISPATCH
#define GIBBS_KERNEL_PASS(name) name##_fma, name##_portable
#else
#define GIBBS_KERNEL_PASS(name) name##_portable, name##_portable
#endif
template <class F, class G, class... A>
inline pass run([[maybe_unused]] F with_fma, G portable, const A&... args) {
  pass r;
#if GIBBS_KERNEL_DISPATCH
  if (have_fma()) {
    with_fma(args..., r);
    return r;
  }
#endif
  portable(args..., r);
  return r;
}

/// The certified sum of a pass: value s + c (TwoSum: exact), error = the accumulator's bound +
/// RHO_FAR far + RHO_NEAR near (sums of n non-negative numbers computed with relative error
/// <= n u, hence the factor 1 + n 2^-51) + the bound of the slow terms.
inline certified::sum_result certify(const pass& r) {
  certified::sum_result out;
  const dd_pair v = two_sum(r.sum.s, r.sum.c);
  const double grow = 1 + r.n * 0x1p-51;
  out.value = gibbs::double_double(v.hi, v.lo);
  out.error = (r.sum.bound(2 * r.n) + RHO_FAR * r.far * grow + RHO_NEAR * r.near * grow + r.slow)
              * (1 + 0x1p-50);
  out.ok = std::isfinite(v.hi) && std::isfinite(out.error);
  return out;
}

/// KL (forward; the caller swaps for reverse) or generalized KL, in nats.
inline certified::sum_result kl(std::span<const double> p, std::span<const double> q,
                                bool generalized) {
  return certify(run(GIBBS_KERNEL_PASS(kl), p, q, generalized));
}

/// Entropy (x = p) or cross-entropy (x = q), in nats.
inline certified::sum_result entropy(std::span<const double> p, std::span<const double> x) {
  return certify(run(GIBBS_KERNEL_PASS(entropy), p, x));
}

/// Jensen-Shannon divergence sum J_i / 2.
inline certified::sum_result jensen_shannon(std::span<const double> p, std::span<const double> q) {
  certified::sum_result s = certify(run(GIBBS_KERNEL_PASS(js), p, q));
  // halving is exact unless a part is subnormal (then <= 2^-1075 each)
  s.value = gibbs::double_double(s.value.hi * 0.5, s.value.lo * 0.5);
  s.error = s.error * 0.5 + 0x1p-1073;
  return s;
}

/// -(1/N) sum_k log q[samples_k] = -(1/N) sum_i c_i log q_i, N = sum c_i < 2^53.
/// Division of the double-double sum S = h + l by N: h' = fl(h/N), the remainder fma(-h', N, h)
/// is exact for |h| >= 2^-900 (else no fast path), l' = fl((rem + l)/N): relative 2^-103.
inline certified::sum_result nll(std::span<const double> q, std::span<const std::int64_t> counts,
                                 std::int64_t samples) {
  certified::sum_result s = certify(run(GIBBS_KERNEL_PASS(nll), q, counts));
  const double N = static_cast<double>(samples);
  if (!s.ok || !(N >= 1 && N < 0x1p53) || !(std::fabs(s.value.hi) >= 0x1p-900)) return {};
  const double h = s.value.hi / N;
  const double l = (std::fma(-h, N, s.value.hi) + s.value.lo) / N;
  const dd_pair v = fast_two_sum(h, l);
  s.value = gibbs::double_double(v.hi, v.lo);
  s.error = s.error / N * (1 + 0x1p-50) + std::fabs(v.hi) * 0x1p-103;
  return s;
}

/// exp(V) for a certified V = h + l (error E <= 2^-40), -650 <= h <= 700:
/// exp(h) = 2^k M with M = T_j (1 + p) from the number layer's exp kernel within
/// gibbs::detail::fast::rel_exp (2^-72, at least twice its proven bound, the two double-double
/// operations forming M included); times (1 + l) (|l| <= 2^-43: truncation l^2 <= 2^-86, one
/// product and one sum 2^-102); exp(V +- E) adds E (1 + E) relative. 2^k scales exactly
/// (the low part stays above 2^-1000).
inline certified::sum_result exponentiate(const certified::sum_result& s) {
  if (!s.ok || !(s.value.hi >= -650 && s.value.hi <= 700) || !(s.error <= 0x1p-40)) return {};
  namespace nf = gibbs::detail::fast;
  const nf::exp_parts e = nf::exp_kernel(s.value.hi);
  const gibbs::double_double m = e.tj + e.tj * e.p;
  const gibbs::double_double r = m + m * gibbs::double_double(s.value.lo);
  const double scale = nf::pow2_normal(e.q);
  certified::sum_result out;
  out.value = gibbs::double_double(r.hi * scale, r.lo * scale);
  const double rel = nf::rel_exp + 0x1p-85 + s.error * (1 + 0x1p-39);
  out.error = std::fabs(out.value.hi) * rel * (1 + 0x1p-50);
  out.ok = std::isfinite(out.value.hi);
  return out;
}

/// The log-sum-exp of logits z (at least one, finite) as M + L: M = max z (first at index im),
/// L = log1p(S') with S' = sum_(i != im) exp(z_i - M) >= 0, so that nothing cancels.
///   z_i - M = dh + dl exactly (TwoSum); exp(dh + dl) = 2^q (hi + lo) by exp_term below, within
///   2^-85.8 relative before the scaling by 2^q. Terms of at least 2^-969 scale exactly but for
///   a low part below 2^-1022 (2^-1075 <= 2^-106 of the term): RHO_EXP_ORD = 2^-79 (a factor 100;
///   measured worst in tests/oracle/softmax.cpp: 2^-88). Below 2^-969 the scaling may make the
///   low part subnormal (up to 2^-1075 absolute, 2^-75 relative at 2^-1000): RHO_EXP = 2^-72
///   (measured 2^-75.1 in the same test). Terms with dh < -700 (each < 2^-1009)
///   are left out and counted, as are terms whose scaled parts may have lost bits below 2^-1000:
///   2^-1009 each. S' = y (TwoSum accumulator) within E_S.
///   log1p(y): y <= 2^-9: log1p_k (2^-78.8); else log_k(1 + y) with 1 + y = xh + xl by TwoSum
///   and one rounding of xl (2^-105 x, i.e. 2^-95 relative to log x >= 2^-9.01): RHO_LOG_K +
///   2^-94. log1p is 1-Lipschitz on y >= 0: E_S adds at most E_S, so |L - log1p(S')| <= errL.
/// With `e` (n entries) each term exp(z_i - M) is stored there too, within RHO_EXP relative
/// (rho_term: RHO_EXP_ORD from 2^-969 on; im: exactly 1); {0, 0} for the terms left out or below
/// 2^-1000 (known only to be below 2^-1000 (1 + 2^-50)). ok is false when E_S > 2^-40 or a part is
/// not finite.
struct lse_parts {
  double M = 0;
  std::size_t im = 0;
  dd_pair y{0.0, 0.0}; ///< S'
  double E_S = 0;      ///< |y - S'| <= E_S
  dd_pair L{0.0, 0.0}; ///< log1p(S'), normalized
  double errL = 0;     ///< |L - log1p(S')| <= errL
  bool ok = false;
};
inline constexpr double RHO_EXP = 0x1p-72;
inline constexpr double RHO_EXP_ORD = 0x1p-79;
/// The relative error bound of a term h + l of log_sum_exp (h >= 2^-1000).
[[nodiscard]] inline double rho_term(double h) {
  return h >= 0x1p-969 ? RHO_EXP_ORD : RHO_EXP;
}

/// The constants of exp_term, computed once with MPFR (at 256 bits, then rounded to nearest):
/// T_j = 2^(j/1024) = t[j].hi + t[j].lo for j = 0..1023 (|T_j - hi - lo| <= 2^-106 T_j), and
/// ln2/1024 = c_hi + c_lo + c_lo2 + d with c_hi rounded to 33 significant bits (its last bit is
/// 2^-43), c_lo and c_lo2 to 53 (|c_lo| <= 2^-44, |c_lo2| <= 2^-97, |d| <= 2^-150), and
/// inv ~ 1024/ln2 (it only chooses k). tests/oracle/softmax.cpp checks the terms against MPFR.
struct exp_constants {
  double c_hi, c_lo, c_lo2, inv;
  std::array<dd_pair, 1024> t;
};
inline const exp_constants& exp_table() {
  static const exp_constants k = [] {
    exp_constants c{};
    mpfr_t x, y;
    mpfr_init2(x, 256);
    mpfr_init2(y, 256);
    const auto take = [&](mpfr_t v, mpfr_prec_t bits) { // v -= RN_bits(v), returned as double
      mpfr_t r;
      mpfr_init2(r, bits);
      mpfr_set(r, v, MPFR_RNDN);
      mpfr_sub(v, v, r, MPFR_RNDN); // exact at 256 bits
      const double out = mpfr_get_d(r, MPFR_RNDN);
      mpfr_clear(r);
      return out;
    };
    mpfr_const_log2(x, MPFR_RNDN);
    mpfr_div_2ui(x, x, 10, MPFR_RNDN);
    mpfr_ui_div(y, 1, x, MPFR_RNDN);
    c.inv = mpfr_get_d(y, MPFR_RNDN);
    c.c_hi = take(x, 33);
    c.c_lo = take(x, 53);
    c.c_lo2 = take(x, 53);
    for (unsigned j = 0; j < 1024; ++j) {
      mpfr_set_ui(x, j, MPFR_RNDN);
      mpfr_div_2ui(x, x, 10, MPFR_RNDN);
      mpfr_exp2(x, x, MPFR_RNDN);
      c.t[j].hi = take(x, 53);
      c.t[j].lo = take(x, 53);
    }
    mpfr_clear(x);
    mpfr_clear(y);
    // mpfr_const_log2 cached log 2 in this thread, which may be a user's worker: free it here so
    // that the one-time table leaves nothing behind in the thread that happened to build it.
    mpfr_free_cache2(MPFR_FREE_LOCAL_CACHE);
    return c;
  }();
  return k;
}

#if defined(__clang__)
#define GIBBS_KERNEL_EXACT_ROUNDINGS _Pragma("clang fp contract(off)")
#else
#define GIBBS_KERNEL_EXACT_ROUNDINGS
#endif
/// A term exp(dh + dl) = 2^q (hi + lo) of log_sum_exp, for dh + dl = z_i - M exactly (TwoSum),
/// -700 <= dh <= 0, |dl| <= 2^-44: within 2^-85.8 relative of hi + lo before its scaling by 2^q.
/// Every rounding below is one IEEE operation: the function runs without contraction
/// (GIBBS_KERNEL_NO_CONTRACT on the loops for GCC, the pragma for clang) and its FMAs are
/// explicit, so the FMA build and the portable one (where std::fma is a library call) compute
/// the same numbers (tests/oracle/softmax.cpp checks them bit for bit). u = 2^-53; the
/// constants are exp_table()'s.
///   k = nearest(dh 1024/ln2) (|k| <= 1034126 < 2^20), j = k mod 1024, q = (k - j)/1024.
///   rh = dh - k c_hi is exact: k c_hi is exact (33 + 20 bits); k = 0, or |dh| >= ln2/2048 >
///     2^-12 and then dh and k c_hi are multiples of 2^(e-52) (e = exponent of dh, -12 <= e <= 9)
///     with |rh| <= ln2/2048 + 2^-23 < 2^(e+1). k c_lo = pk.hi + pk.lo (TwoProduct, exact),
///     (r1, e1) = TwoSum(rh, -pk.hi) (exact), r2 = e1 + ((dl - pk.lo) - k c_lo2): three roundings
///     of numbers below 2^-43.9 (2^-95.5); with k |d| < 2^-129, r1 + r2 is within 2^-95 of
///     r = dh + dl - k ln2/1024. |r1| <= ln2/2048 + 2^-43 < 2^-11.52, |r2| <= 2^-43.9.
///   exp(r1 + r2) = (1 + r1 + r1^2/2 + r1^3 C*)(1 + r2) + O(r2^2) (r2^2 <= 2^-87.8), with
///     C = 1/6 + r1/24 + r1^2/120 + r1^3/720 by Horner in double: truncation |r1|^7/7! <=
///     2^-92.9; |C| <= 0.1671 within 2^-54.5; s = r1^2 exactly (TwoProduct); r1 C (<= 2^-14.1)
///     within 2^-65.4; w = s.hi (r1 C) (<= 2^-37.1) within 2^-87.9; u1 = r1 + s.hi/2;
///     r2 (1 + (u1 + w)) misses r2 r1^4/24 (< 2^-94); small = s.lo/2 + w + r2 (1 + (u1 + w))
///     (<= 2^-37.08; two additions, 2^-89.1). So 1 + r1 + s.hi/2 + small is within 2^-86.5 of
///     exp(r1 + r2) >= 1 - 2^-11.5.
///   T_j times it: t.hi r1 = p1 and t.hi s.hi/2 = p2 by TwoProduct (exact), t.hi small (2^-90.1
///     of T_j), t.lo (1 + u1 + small) (2^-110); low = p1.lo + p2.lo + (t.hi small + (t.lo +
///     t.lo (u1 + small))) (<= 2^-37.07 T_j, four additions: 2^-88.1); FastTwoSum(t.hi, p1.hi) and
///     FastTwoSum(a.hi, p2.hi) are exact (|t.hi| >= 1 dominates), FastTwoSum(b.hi, b.lo + (a.lo +
///     low)) rounds twice (2^-89); T_j itself 2^-106.
///   Total: 2^-86.5 + 2^-88.1 + 2^-89 + 2^-90.1 + 2^-95 <= 2^-85.8.
/// Underflow (r1 below 2^-500, a product's low part subnormal) changes a term of at least 1/2
/// by less than 2^-1070 before its scaling.
struct lse_term {
  double hi, lo;
  int q;
};
GIBBS_KERNEL_INLINE lse_term exp_term(double dh, double dl, const exp_constants& T) {
  GIBBS_KERNEL_EXACT_ROUNDINGS
  const double kf = dh * T.inv;
  const int k = static_cast<int>(kf < 0 ? kf - 0.5 : kf + 0.5);
  const double kd = static_cast<double>(k);
  const double rh = dh - kd * T.c_hi;
  const dd_pair pk = two_prod(kd, T.c_lo);
  const dd_pair r = two_sum(rh, -pk.hi);
  const double r1 = r.hi;
  const double r2 = r.lo + ((dl - pk.lo) - kd * T.c_lo2);
  const double C = 1.0 / 6 + r1 * (1.0 / 24 + r1 * (1.0 / 120 + r1 * (1.0 / 720)));
  const dd_pair sq = two_prod(r1, r1);
  const double u1 = r1 + 0.5 * sq.hi;
  const double w = sq.hi * (r1 * C);
  const double small = 0.5 * sq.lo + w + r2 * (1 + (u1 + w));
  const int j = k & 1023;
  const dd_pair t = T.t[static_cast<std::size_t>(j)];
  const dd_pair p1 = two_prod(t.hi, r1);
  const dd_pair p2 = two_prod(t.hi, 0.5 * sq.hi);
  const double low = p1.lo + p2.lo + (t.hi * small + (t.lo + t.lo * (u1 + small)));
  const dd_pair a = fast_two_sum(t.hi, p1.hi);
  const dd_pair b = fast_two_sum(a.hi, p2.hi);
  const dd_pair c = fast_two_sum(b.hi, b.lo + (a.lo + low));
  return {c.hi, c.lo, (k - j) / 1024};
}

/// The sums of log_sum_exp's loop: S' (TwoSum accumulator), the magnitudes its bound is made of
/// and the count of terms left out.
struct lse_sums {
  accumulator acc;
  double mag = 0, mag_small = 0, lost = 0;
};
GIBBS_KERNEL_INLINE void lse_body(std::span<const double> z, std::size_t im, std::span<dd_pair> e,
                                  lse_sums& s) {
  namespace nf = gibbs::detail::fast;
  const std::size_t n = z.size();
  const bool store = e.size() == n;
  const double M = z[im];
  const exp_constants& T = exp_table();
  for (std::size_t i = 0; i < n; ++i) {
    if (i == im) {
      if (store) e[i] = {1.0, 0.0};
      continue;
    }
    const dd_pair D = two_sum(z[i], -M);
    if (!(D.hi >= -700)) { // also -inf (z_i - M overflowed)
      s.lost += 1;
      if (store) e[i] = {0.0, 0.0};
      continue;
    }
    const lse_term r = exp_term(D.hi, D.lo, T);
    const double sc = nf::pow2_normal(r.q);
    const double h = r.hi * sc, l = r.lo * sc;
    const bool small = h < 0x1p-1000;
    if (small) s.lost += 1;
    if (store) e[i] = small ? dd_pair{0.0, 0.0} : dd_pair{h, l};
    if (h >= 0x1p-969)
      s.mag += h;
    else
      s.mag_small += h;
    s.acc.add(h, l);
  }
}
#if GIBBS_KERNEL_DISPATCH
[[gnu::target("fma"), GIBBS_KERNEL_NO_CONTRACT]] inline void
lse_fma(std::span<const double> z, std::size_t im, std::span<dd_pair> e, lse_sums& s) {
  lse_body(z, im, e, s);
}
[[gnu::noinline, GIBBS_KERNEL_NO_CONTRACT]] inline void
lse_portable(std::span<const double> z, std::size_t im, std::span<dd_pair> e, lse_sums& s) {
  lse_body(z, im, e, s);
}
#else
[[gnu::noinline, GIBBS_KERNEL_NO_CONTRACT]] inline void
lse_portable(std::span<const double> z, std::size_t im, std::span<dd_pair> e, lse_sums& s) {
  lse_body(z, im, e, s);
}
#endif

inline lse_parts log_sum_exp(std::span<const double> z, std::span<dd_pair> e = {}) {
  const std::size_t n = z.size();
  lse_parts out;
  std::size_t im = 0;
  for (std::size_t i = 1; i < n; ++i)
    if (z[i] > z[im]) im = i;
  out.M = z[im];
  out.im = im;
  lse_sums s;
#if GIBBS_KERNEL_DISPATCH
  if (have_fma())
    lse_fma(z, im, e, s);
  else
#endif
    lse_portable(z, im, e, s);
  const accumulator& acc = s.acc;
  const double nd = static_cast<double>(n), grow = 1 + nd * 0x1p-51;
  const dd_pair y = two_sum(acc.s, acc.c);
  const double E_S =
      (acc.bound(nd) + (RHO_EXP_ORD * s.mag + RHO_EXP * s.mag_small) * grow + s.lost * 0x1p-1009)
      * (1 + 0x1p-50);
  if (!(E_S <= 0x1p-40) || !std::isfinite(y.hi)) return out;
  dd_pair L;
  double rho;
  if (y.hi <= 0x1p-9) {
    const dd_pair l = log1p_k(y.hi, y.lo);
    L = fast_two_sum(l.hi, l.lo);
    rho = RHO_LOG_K;
  } else {
    const dd_pair x = two_sum(1.0, y.hi);
    L = log_k(x.hi, x.lo + y.lo);
    rho = RHO_LOG_K + 0x1p-94;
  }
  out.y = y;
  out.E_S = E_S;
  out.L = L;
  out.errL = (rho * L.hi + E_S) * (1 + 0x1p-50);
  out.ok = std::isfinite(L.hi);
  return out;
}

/// Cross-entropy from logits z: -log softmax(z)_t = (M - z_t) + log1p(S'), or with a target
/// distribution w: sum_i w_i (M - z_i) + (sum_i w_i) log1p(S'), with M, S' and the bound errL of
/// L = log1p(S') from log_sum_exp. Every part is non-negative, so nothing cancels.
inline certified::sum_result logits_cross_entropy(const lse_parts& P, std::span<const double> z,
                                                  std::int64_t target, std::span<const double> w) {
  const std::size_t n = z.size();
  certified::sum_result out;
  if (!P.ok) return out;
  const double M = P.M, nd = static_cast<double>(n), grow = 1 + nd * 0x1p-51;
  const dd_pair L = P.L;
  const double errL = P.errL;
  if (w.empty()) {
    const dd_pair T = two_sum(M, -z[static_cast<std::size_t>(target)]); // exact, >= 0
    const dd_pair v = two_sum(T.hi, L.hi);
    const dd_pair V = fast_two_sum(v.hi, v.lo + (T.lo + L.lo));
    out.value = gibbs::double_double(V.hi, V.lo);
    out.error = errL + std::fabs(V.hi) * 0x1p-100;
  } else {
    accumulator terms, W;
    double far = 0;
    for (std::size_t i = 0; i < n; ++i) {
      const double wi = w[i];
      if (wi == 0) continue;
      W.add(wi, 0.0);
      const dd_pair D = two_sum(M, -z[i]); // exact, >= 0
      const dd_pair t = two_prod(wi, D.hi);
      far += t.hi;
      terms.add(t.hi, t.lo + wi * D.lo);
    }
    const dd_pair Wd = two_sum(W.s, W.c);
    const dd_pair WL = two_prod(Wd.hi, L.hi);
    terms.add(WL.hi, WL.lo + (Wd.hi * L.lo + Wd.lo * L.hi));
    const dd_pair V = two_sum(terms.s, terms.c);
    out.value = gibbs::double_double(V.hi, V.lo);
    out.error = (terms.bound(nd + 1) + 0x1p-100 * (far * grow + WL.hi) + std::fabs(Wd.hi) * errL
                 + L.hi * W.bound(nd))
                * (1 + 0x1p-50);
  }
  out.ok = std::isfinite(out.value.hi) && std::isfinite(out.error);
  return out;
}

inline certified::sum_result logits_cross_entropy(std::span<const double> z, std::int64_t target,
                                                  std::span<const double> w) {
  return logits_cross_entropy(log_sum_exp(z), z, target, w);
}

/// With label smoothing eps (PyTorch's; no class weights): the loss (1 - eps) C + (eps / K) U of
/// C, the cross-entropy of the class target or distribution (logits_cross_entropy above, within
/// E_C), and U = sum_k A_k = sum_k (M - z_k) + K L, A_k = -log softmax(z)_k, from one
/// log_sum_exp. U: every M - z_k >= 0 exactly by TwoSum into the accumulator (its bound), K L as
/// TwoProduct(K, L.hi) + K L.lo (2^-104 K L) within K errL; the sum of the two (non-negative)
/// 2^-104.4. 1 - eps = TwoSum(1, -eps) exactly, eps / K in double-double (2^-101.8); the two
/// products (2^-103.1 each) and their sum (2^-104.4) of non-negative parts: at most 2^-100 of the
/// value together. Error: (1 - eps) E_C + (eps / K) E_U + 2^-100 |v|, rounded up.
inline certified::sum_result logits_cross_entropy_smoothed(std::span<const double> z,
                                                           std::int64_t target,
                                                           std::span<const double> w, double eps) {
  const std::size_t n = z.size();
  const lse_parts P = log_sum_exp(z);
  const certified::sum_result C = logits_cross_entropy(P, z, target, w);
  if (!C.ok) return {};
  accumulator acc;
  for (std::size_t k = 0; k < n; ++k) {
    const dd_pair D = two_sum(P.M, -z[k]); // exact, >= 0
    acc.add(D.hi, D.lo);
  }
  const double K = static_cast<double>(n);
  const dd_pair KL = two_prod(K, P.L.hi);
  const dd_pair a = two_sum(acc.s, acc.c);
  const gibbs::double_double U =
      gibbs::double_double(a.hi, a.lo) + gibbs::double_double(KL.hi, KL.lo + K * P.L.lo);
  const double E_U = (acc.bound(K) + K * P.errL + std::fabs(U.hi) * 0x1p-103) * (1 + 0x1p-50);
  const dd_pair keep = two_sum(1.0, -eps); // exact: 0 <= eps <= 1
  const gibbs::double_double spread = gibbs::double_double(eps) / gibbs::double_double(K);
  const gibbs::double_double v = gibbs::double_double(keep.hi, keep.lo) * C.value + spread * U;
  certified::sum_result out;
  out.value = v;
  out.error = (keep.hi * C.error + spread.hi * E_U) * (1 + 0x1p-48) + std::fabs(v.hi) * 0x1p-100;
  out.ok = std::isfinite(v.hi) && std::isfinite(out.error);
  return out;
}

/// The loss sum_k c_k A_k of any non-negative coefficients c_k (label smoothing with class
/// weights, weights with a distribution target, a normalized target: measures/logits.hpp builds
/// them), A_k = -log softmax(z)_k = D_k + L with D_k = M - z_k >= 0 exactly by TwoSum and L =
/// log1p(S') from one log_sum_exp (within errL). coef(k) gives c_k as a double-double within
/// RHO_COEF relative, or hi < 0 to decline. Then
///   sum_k c_k A_k = sum_k c_k D_k + C L,  C = sum_k c_k,
/// every part non-negative. Each c_k D_k is a DWTimesDW product (7u^2 < 2^-103.1) of a
/// coefficient within RHO_COEF: within (RHO_COEF + 2^-103) (1 + 2^-50) of c_k D_k; their
/// magnitudes add up to `far` (n u relative: grow). C accumulates the c_k (its TwoSum bound,
/// plus RHO_COEF C); C L is within C errL + L (error of C) + 2^-103 C L. The accumulator of the
/// n + 1 parts adds its bound. A nonzero coefficient or product below 2^-900 declines (their low
/// parts would underflow), as does a result that is not finite.
inline constexpr double RHO_COEF = 0x1p-99;
template <class Coef>
[[GIBBS_KERNEL_NO_CONTRACT]] inline certified::sum_result
logits_cross_entropy_combination(std::span<const double> z, Coef coef) {
  const std::size_t n = z.size();
  certified::sum_result out;
  const lse_parts P = log_sum_exp(z);
  if (!P.ok) return out;
  accumulator terms, C;
  double far = 0, csum = 0;
  for (std::size_t k = 0; k < n; ++k) {
    const dd_pair c = coef(k);
    if (c.hi == 0) continue;
    if (!(c.hi >= 0x1p-900)) return out; // declined, tiny, or NaN
    C.add(c.hi, c.lo);
    csum += c.hi;
    const dd_pair D = two_sum(P.M, -z[k]); // exact, >= 0
    if (D.hi == 0) continue;
    const dd_pair t = two_prod(c.hi, D.hi);
    if (!(t.hi >= 0x1p-900)) return out;
    far += t.hi;
    terms.add(t.hi, t.lo + (c.hi * D.lo + c.lo * D.hi));
  }
  const double nd = static_cast<double>(n), grow = 1 + nd * 0x1p-51;
  const dd_pair Cd = two_sum(C.s, C.c);
  const double E_C = C.bound(nd) + RHO_COEF * csum * grow;
  const dd_pair CL = two_prod(Cd.hi, P.L.hi);
  terms.add(CL.hi, CL.lo + (Cd.hi * P.L.lo + Cd.lo * P.L.hi));
  const dd_pair V = two_sum(terms.s, terms.c);
  out.value = gibbs::double_double(V.hi, V.lo);
  out.error = (terms.bound(nd + 1) + (RHO_COEF + 0x1p-103) * far * grow * (1 + 0x1p-50)
               + 0x1p-103 * CL.hi + Cd.hi * P.errL + (P.L.hi + std::fabs(P.L.lo)) * E_C)
              * (1 + 0x1p-48);
  out.ok = std::isfinite(out.value.hi) && std::isfinite(out.error);
  return out;
}

#undef GIBBS_KERNEL_PASS

} // namespace gibbs::oracle::detail::kernel

#endif // GIBBS_ORACLE_DETAIL_KERNEL_HPP
