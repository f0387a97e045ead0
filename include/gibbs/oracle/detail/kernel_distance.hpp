// gibbs/oracle/detail/kernel_distance.hpp: the fast passes of Pearson's chi-squared, of the
// Hellinger distance and of the Renyi divergence — passes over the elements computing each
// (non-negative) term in double-double with a certified relative bound, summed by
// kernel::accumulator (detail/kernel.hpp: notation u = 2^-53, the error-free transformations and
// the FMA dispatch are as described there; these loops run without contraction).
//
// The three sums have non-negative terms only, so a relative bound per term is a relative bound on
// the sum. Elements outside the ranges stated below make the pass decline (ok = false): the oracle
// then runs the interval evaluation (and, for these rational or algebraic values, its exact
// stage), which handles every finite input. The rounding test declines whenever the enclosure
// cannot tell on which side of a representable number the value lies, so a value that is exactly
// representable still goes to the exact stage and comes back flagged exact.
#ifndef GIBBS_ORACLE_DETAIL_KERNEL_DISTANCE_HPP
#define GIBBS_ORACLE_DETAIL_KERNEL_DISTANCE_HPP

#include "gibbs/oracle/detail/certified_dd.hpp"
#include "gibbs/oracle/detail/kernel.hpp"

#include <cmath>
#include <cstddef>
#include <span>
#include <vector>

namespace gibbs::oracle::detail::kernel {

/// The relative bound of one term of either sum (each is formed below within 2^-100.6).
inline constexpr double RHO_DISTANCE = 0x1p-99;

/// a / b for a double-double a = ah + al (|al| <= 2^-52 |ah|) and a double b > 0, all normal and
/// far from the ends of the range: t = RN(ah / b), the remainder ah - t b exactly by FMA, then
/// (remainder + al) / b in double: relative error <= 2^-104.
GIBBS_KERNEL_INLINE dd_pair div_dd_d(const dd_pair& a, double b) {
  const double t = a.hi / b;
  const double r = std::fma(-t, b, a.hi);
  return fast_two_sum(t, (r + a.lo) / b);
}

/// (hi + lo)^2 of a double-double (|lo| <= 2^-52 |hi|), hi^2 >= 2^-900: TwoProduct(hi, hi) plus
/// 2 hi lo (its sum with the product's error term rounds by <= 2^-103.4 hi^2) and the neglected
/// lo^2 (<= 2^-104 hi^2): relative error <= 2^-102.7.
GIBBS_KERNEL_INLINE dd_pair square_dd(const dd_pair& a) {
  const dd_pair s = two_prod(a.hi, a.hi);
  return fast_two_sum(s.hi, s.lo + 2 * a.hi * a.lo);
}

/// sqrt(x) of a double x >= 2^-960 as hi + lo: hi = RN(sqrt x), x - hi^2 exactly by FMA,
/// lo = (x - hi^2) / (2 hi): relative error <= 2^-105 (the Newton correction's own error is
/// (lo/hi)^2 / 2 <= 2^-107, its two roundings 2^-53 |lo|).
GIBBS_KERNEL_INLINE dd_pair sqrt_dd(double x) {
  const double h = std::sqrt(x);
  const double r = std::fma(-h, h, x);
  return {h, r / (2 * h)};
}

/// chi^2 terms (p - q)^2 / q: d = p - q by TwoSum (exact), d^2 (square_dd, 2^-102.7) over q
/// (div_dd_d, 2^-104): within 2^-102.2 each. Taken: every q > 0 with p != q in [2^-960, 2^960] and
/// |p - q| >= 2^-450 (so d^2 >= 2^-900 and every part stays normal); q = 0 = p and p == q add 0.
GIBBS_KERNEL_INLINE void chi_squared_body(std::span<const double> p, std::span<const double> q,
                                          pass& out, bool& declined) {
  accumulator acc;
  double mag = 0;
  for (std::size_t i = 0; i < p.size(); ++i) {
    const double pi = p[i], qi = q[i];
    if (pi == qi) continue;
    const dd_pair d = two_sum(pi, -qi);
    if (!(qi >= 0x1p-960 && qi <= 0x1p960 && std::fabs(d.hi) >= 0x1p-450)) {
      declined = true;
      return;
    }
    const dd_pair t = div_dd_d(square_dd(d), qi);
    mag += t.hi;
    acc.add(t.hi, t.lo);
  }
  out.sum = acc;
  out.slow = RHO_DISTANCE * mag * (1 + static_cast<double>(p.size()) * 0x1p-51);
  out.n = static_cast<double>(p.size());
}

/// Hellinger terms (p - q)^2 / (sqrt p + sqrt q)^2 = (sqrt p - sqrt q)^2, without cancellation:
/// d = p - q exactly, square_dd (2^-102.7); s = sqrt p + sqrt q (sqrt_dd 2^-105 each, one
/// double-double addition of non-negative parts 2^-104.4: 2^-104 together) squared (2 * 2^-104 +
/// 2^-102.7), then the quotient in double-double (2^-101.8): within 2^-100.6 each. Taken: every
/// nonzero p, q in [2^-960, 1.5] and |p - q| >= 2^-450 where p != q.
GIBBS_KERNEL_INLINE void hellinger_body(std::span<const double> p, std::span<const double> q,
                                        pass& out, bool& declined) {
  accumulator acc;
  double mag = 0;
  const auto tame = [](double x) { return x == 0 || (x >= 0x1p-960 && x <= 1.5); };
  for (std::size_t i = 0; i < p.size(); ++i) {
    const double pi = p[i], qi = q[i];
    if (pi == qi) continue;
    const dd_pair d = two_sum(pi, -qi);
    if (!tame(pi) || !tame(qi) || !(std::fabs(d.hi) >= 0x1p-450)) {
      declined = true;
      return;
    }
    const dd_pair a = pi == 0 ? dd_pair{0.0, 0.0} : sqrt_dd(pi);
    const dd_pair b = qi == 0 ? dd_pair{0.0, 0.0} : sqrt_dd(qi);
    const gibbs::double_double s =
        gibbs::double_double(a.hi, a.lo) + gibbs::double_double(b.hi, b.lo);
    const dd_pair s2 = square_dd({s.hi, s.lo});
    const dd_pair n2 = square_dd(d);
    const gibbs::double_double t =
        gibbs::double_double(n2.hi, n2.lo) / gibbs::double_double(s2.hi, s2.lo);
    mag += t.hi;
    acc.add(t.hi, t.lo);
  }
  out.sum = acc;
  out.slow = RHO_DISTANCE * mag * (1 + static_cast<double>(p.size()) * 0x1p-51);
  out.n = static_cast<double>(p.size());
}

#if GIBBS_KERNEL_DISPATCH
[[gnu::target("fma"), GIBBS_KERNEL_NO_CONTRACT]] inline void
chi_squared_fma(std::span<const double> p, std::span<const double> q, pass& out, bool& d) {
  chi_squared_body(p, q, out, d);
}
[[gnu::target("fma"), GIBBS_KERNEL_NO_CONTRACT]] inline void
hellinger_fma(std::span<const double> p, std::span<const double> q, pass& out, bool& d) {
  hellinger_body(p, q, out, d);
}
#endif
[[gnu::noinline, GIBBS_KERNEL_NO_CONTRACT]] inline void
chi_squared_portable(std::span<const double> p, std::span<const double> q, pass& out, bool& d) {
  chi_squared_body(p, q, out, d);
}
[[gnu::noinline, GIBBS_KERNEL_NO_CONTRACT]] inline void
hellinger_portable(std::span<const double> p, std::span<const double> q, pass& out, bool& d) {
  hellinger_body(p, q, out, d);
}

/// The certified chi^2 (ok = false: declined): the terms' bounds (pass::slow) plus the
/// accumulator's, by certify.
inline certified::sum_result chi_squared(std::span<const double> p, std::span<const double> q) {
  pass r;
  bool declined = false;
#if GIBBS_KERNEL_DISPATCH
  if (have_fma())
    chi_squared_fma(p, q, r, declined);
  else
#endif
    chi_squared_portable(p, q, r, declined);
  if (declined) return {};
  return certify(r);
}

/// The certified Hellinger distance H = sqrt(S / 2) from the certified sum S of the terms
/// (value v within E): S / 2 exactly, then sqrt in double-double, h = RN(sqrt(v.hi / 2)) and the
/// Newton correction (relative error <= 2^-104). sqrt moves a relative error e of S to at most
/// e / (2 (1 - e)) of H, so |H - h| <= (E / (2 v (1 - 2^-40)) + 2^-103) h. Declines when S is 0
/// or tiny (p == q is decided before) or E > 2^-40 v.
inline certified::sum_result hellinger(std::span<const double> p, std::span<const double> q) {
  pass r;
  bool declined = false;
#if GIBBS_KERNEL_DISPATCH
  if (have_fma())
    hellinger_fma(p, q, r, declined);
  else
#endif
    hellinger_portable(p, q, r, declined);
  if (declined) return {};
  const certified::sum_result S = certify(r);
  if (!S.ok || !(S.value.hi >= 0x1p-900) || !(S.error <= S.value.hi * 0x1p-40)) return {};
  const double half_hi = S.value.hi * 0.5, half_lo = S.value.lo * 0.5; // exact: normal
  const double h = std::sqrt(half_hi);
  const double res = std::fma(-h, h, half_hi) + half_lo; // (x - h^2) exact, then one rounding
  const dd_pair H = fast_two_sum(h, res / (2 * h));
  certified::sum_result out;
  out.value = gibbs::double_double(H.hi, H.lo);
  out.error = (S.error / (2 * S.value.hi * (1 - 0x1p-40)) + 0x1p-103) * H.hi * (1 + 0x1p-50);
  out.ok = std::isfinite(H.hi) && std::isfinite(out.error);
  return out;
}

/// Renyi's sum in log form. With E_i = alpha log p_i + (1 - alpha) log q_i over the terms that
/// count (p_i > 0 and q_i > 0; q_i = 0 adds 0 for alpha < 1 and is +inf for alpha > 1, decided
/// before), and M = max_i E'_i (a double-double, below):
///   (alpha - 1) D = log sum_i e^(E_i) = M + log S,  S = sum_i e^(E_i - M) >= 1,
/// so no term overflows and the largest is 1.
/// Exponents (renyi_exponents): log p_i, log q_i by log_k (RHO_LOG_K relative each); a = alpha
///   log p (TwoProduct on the high part, the low part in double: 2^-104.9 relative), b = beta
///   log q with beta = 1 - alpha as an exact TwoSum pair (2^-104.9), E = a + b by TwoSum of the
///   high parts and two roundings of the low ones (<= 2^-104 (|a| + |b|)): E within
///   delta_i = RHO_LOG_K (|alpha lp| + |beta lq|) (1 + 2^-40) + 2^-100 (|a| + |b|) absolute.
///   Masses outside [2^-1000, 2^1000] (log_k's range) decline.
/// The computed exponents E'_i (below) are the exact ones moved by at most delta = max_i
///   delta_i, and log sum e^(x_i) moves by at most max |dx_i| (it is 1-Lipschitz in the largest
///   coordinate), so the rest of the pass works on E'_i and adds delta to its bound at the end:
///   no delta needs to be small relative to 1, only relative to T.
/// Terms (renyi_terms): M = M.hi + M.lo is the largest E'_i as a double-double (for |E| beyond
///   2^53 its low part is far from negligible); E'_i - M = TwoSum(E.hi, -M.hi) plus E.lo - M.lo,
///   renormalised by TwoSum (the two roundings add 2^-52 (|t| + |E.lo - M.lo|) to delta_i), then
///   exp_term (RHO_EXP_ORD / RHO_EXP as in log_sum_exp); a difference of exactly 0 (the largest
///   term) is 1 exactly, so a sum of one term carries no exp or log error at all. Terms below
///   2^-1000 (E'_i - M < -700 or a scaled result below it) are left out, each below 2^-1000:
///   2^-1009 absolute with margin.
/// Assembly (renyi): S = s + c within E_S (the accumulator's bound, sum_i h_i rho_i, the lost
///   terms), declined when E_S > 2^-40; the exact S and S.hi + S.lo are both at least
///   S.hi - |S.lo| - E_S (>= 1/2 - 2^-40: the largest term is e^(E.lo) of E.hi = M), so
///   log moves E_S by at most E_S / (S.hi - |S.lo| - E_S): log S by log_k within RHO_LOG_K
///   |log S| + that (rounded up); T = M + log S by DWPlusDW (2^-104.4 of |T|), within that plus
///   delta of the exact (alpha - 1) D; D = T / (alpha - 1) with alpha - 1 an exact TwoSum pair and
///   DWDivDW (2^-102.1): error E_T / |alpha - 1| (1 + 2^-50) + 2^-101 |D|. Near p = q the two
///   parts of T cancel and the bound, relative to a small T, no longer decides: the interval
///   evaluation takes those.
struct renyi_exponent {
  double hi, lo, delta;
};
struct renyi_sums {
  accumulator acc;
  double M = 0, M_lo = 0, rho = 0, lost = 0; ///< M + M_lo: the largest E'_i (renyi_exponents)
  double delta = 0;                          ///< max_i delta_i
  bool declined = false;
};
GIBBS_KERNEL_INLINE void renyi_exponents(std::span<const double> p, std::span<const double> q,
                                         double alpha, std::vector<renyi_exponent>& E,
                                         renyi_sums& s) {
  const dd_pair beta = two_sum(1.0, -alpha);
  const double abs_alpha = std::fabs(alpha), abs_beta = std::fabs(beta.hi);
  bool first = true;
  for (std::size_t i = 0; i < p.size(); ++i) {
    const double pi = p[i], qi = q[i];
    if (pi == 0 || qi == 0) continue;
    if (!(pi >= 0x1p-1000 && pi <= 0x1p1000 && qi >= 0x1p-1000 && qi <= 0x1p1000)) {
      s.declined = true;
      return;
    }
    const dd_pair lp = log_k(pi, 0.0), lq = log_k(qi, 0.0);
    const dd_pair pa = two_prod(alpha, lp.hi);
    const dd_pair a = fast_two_sum(pa.hi, pa.lo + alpha * lp.lo);
    const dd_pair pb = two_prod(beta.hi, lq.hi);
    const dd_pair b = fast_two_sum(pb.hi, pb.lo + (beta.hi * lq.lo + beta.lo * lq.hi));
    const dd_pair h = two_sum(a.hi, b.hi);
    const dd_pair e = two_sum(h.hi, h.lo + (a.lo + b.lo));
    const double delta =
        RHO_LOG_K * (abs_alpha * std::fabs(lp.hi) + abs_beta * std::fabs(lq.hi)) * (1 + 0x1p-40)
        + 0x1p-100 * (std::fabs(a.hi) + std::fabs(b.hi));
    if (!std::isfinite(e.hi) || !std::isfinite(delta)) {
      s.declined = true;
      return;
    }
    E.push_back({e.hi, e.lo, delta});
    if (first || e.hi > s.M || (e.hi == s.M && e.lo > s.M_lo)) {
      s.M = e.hi;
      s.M_lo = e.lo;
    }
    first = false;
  }
  if (first) s.declined = true; // no term (decided before the pass)
}
GIBBS_KERNEL_INLINE void renyi_terms(std::span<const renyi_exponent> E, renyi_sums& s) {
  const exp_constants& T = exp_table();
  const double M = s.M, M_lo = s.M_lo;
  for (const renyi_exponent& x : E) {
    const dd_pair d0 = two_sum(x.hi, -M);
    const double low = x.lo - M_lo;
    const dd_pair d = two_sum(d0.hi, d0.lo + low);
    const double delta = x.delta + 0x1p-52 * (std::fabs(d0.lo) + std::fabs(low));
    if (delta > s.delta) s.delta = delta;
    if (d.hi == 0 && d.lo == 0) { // the largest exponent (or an equal one): e^0 = 1 exactly
      s.acc.add(1.0, 0.0);
      continue;
    }
    if (!(d.hi >= -700)) {
      s.lost += 1;
      continue;
    }
    const lse_term r = exp_term(d.hi, d.lo, T);
    const double sc = gibbs::detail::fast::pow2_normal(r.q);
    const double h = r.hi * sc, l = r.lo * sc;
    if (h < 0x1p-1000) {
      s.lost += 1;
      continue;
    }
    s.rho += h * rho_term(h);
    s.acc.add(h, l);
  }
}
GIBBS_KERNEL_INLINE void renyi_body(std::span<const double> p, std::span<const double> q,
                                    double alpha, std::vector<renyi_exponent>& E, renyi_sums& s) {
  renyi_exponents(p, q, alpha, E, s);
  if (!s.declined) renyi_terms(E, s);
}
#if GIBBS_KERNEL_DISPATCH
[[gnu::target("fma"), GIBBS_KERNEL_NO_CONTRACT]] inline void
renyi_fma(std::span<const double> p, std::span<const double> q, double alpha,
          std::vector<renyi_exponent>& E, renyi_sums& s) {
  renyi_body(p, q, alpha, E, s);
}
#endif
[[gnu::noinline, GIBBS_KERNEL_NO_CONTRACT]] inline void
renyi_portable(std::span<const double> p, std::span<const double> q, double alpha,
               std::vector<renyi_exponent>& E, renyi_sums& s) {
  renyi_body(p, q, alpha, E, s);
}

/// The certified Renyi divergence of order alpha (> 0, != 1) in nats (assembly above).
inline certified::sum_result renyi(std::span<const double> p, std::span<const double> q,
                                   double alpha) {
  std::vector<renyi_exponent> E;
  E.reserve(p.size());
  renyi_sums s;
#if GIBBS_KERNEL_DISPATCH
  if (have_fma())
    renyi_fma(p, q, alpha, E, s);
  else
#endif
    renyi_portable(p, q, alpha, E, s);
  if (s.declined) return {};
  const double n = static_cast<double>(E.size());
  const dd_pair S = two_sum(s.acc.s, s.acc.c);
  const double E_S =
      (s.acc.bound(n) + s.rho * (1 + n * 0x1p-51) + s.lost * 0x1p-1009) * (1 + 0x1p-50);
  if (!(E_S <= 0x1p-40) || !(S.hi >= 0.5) || !std::isfinite(S.hi)) return {};
  const dd_pair L = log_k(S.hi, S.lo);
  const double E_L =
      RHO_LOG_K * std::fabs(L.hi) + E_S / (S.hi - std::fabs(S.lo) - E_S) * (1 + 0x1p-50);
  const gibbs::double_double Tv =
      gibbs::double_double(s.M, s.M_lo) + gibbs::double_double(L.hi, L.lo);
  const double E_T = (E_L + s.delta) * (1 + 0x1p-50) + 0x1p-104 * std::fabs(Tv.hi);
  const dd_pair am1 = two_sum(alpha, -1.0);
  const gibbs::double_double D = Tv / gibbs::double_double(am1.hi, am1.lo);
  certified::sum_result out;
  out.value = D;
  out.error =
      (E_T / std::fabs(am1.hi) * (1 + 0x1p-50) + 0x1p-101 * std::fabs(D.hi)) * (1 + 0x1p-50);
  out.ok = std::isfinite(D.hi) && std::isfinite(out.error);
  return out;
}

} // namespace gibbs::oracle::detail::kernel

#endif // GIBBS_ORACLE_DETAIL_KERNEL_DISTANCE_HPP
