// gibbs/oracle/detail/kernel_distance.hpp: the fast passes of Pearson's chi-squared and of the
// Hellinger distance — one pass over the elements computing each (non-negative) term in
// double-double with a certified relative bound, summed by kernel::accumulator (detail/kernel.hpp:
// notation u = 2^-53, the error-free transformations and the FMA dispatch are as described there;
// these loops run without contraction).
//
// Both sums have non-negative terms only, so a relative bound per term is a relative bound on
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

} // namespace gibbs::oracle::detail::kernel

#endif // GIBBS_ORACLE_DETAIL_KERNEL_DISTANCE_HPP
