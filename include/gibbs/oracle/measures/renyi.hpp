// gibbs/oracle/measures/renyi.hpp: the oracle's descriptor of the Renyi divergence of order alpha,
// D_alpha(p||q) = log(sum p_i^alpha q_i^(1-alpha)) / (alpha - 1), alpha > 0, alpha != 1 (the
// parameter "alpha", a binary64 number).
//
// Conventions: terms with p_i = 0 contribute 0; p_i > 0 = q_i gives +inf for alpha > 1 and
// contributes 0 for alpha < 1 (disjoint supports: S = 0, D = +inf).
// Exact values: S = sum p_i^alpha q_i^(1-alpha) is algebraic (alpha is a dyadic rational), so in
// nats D is rational only when S = 1 (Lindemann). Decided (rational_measure.hpp): p proportional
// to q where both are > 0 (p = q, or one common index: S = c^alpha sum q_i there, any alpha and
// base), alpha = 2..64 (S rational, any base: rational iff S is a rational power of the base),
// and alpha = 1/2 (S = 1 - H^2 rational iff every p_i q_i is a rational square; otherwise S is
// irrational and in nats D is irrational too). Not decided: other alpha with two or more
// non-proportional common terms (S = 1 or S a rational power of the base would need an identity
// between algebraic numbers of high degree); a rational value there that sits on a rounding
// midpoint would end in gibbs::oracle::undecided at the precision cap.
#ifndef GIBBS_ORACLE_MEASURES_RENYI_HPP
#define GIBBS_ORACLE_MEASURES_RENYI_HPP

#include "gibbs/measure/renyi.hpp"
#include "gibbs/oracle/descriptor.hpp"
#include "gibbs/oracle/detail/common.hpp"
#include "gibbs/oracle/detail/kernel_distance.hpp"
#include "gibbs/oracle/detail/rational_measure.hpp"

#include <array>
#include <cmath>

namespace gibbs::oracle::detail::renyi_measure {

inline bool valid_alpha(double a) {
  return std::isfinite(a) && a > 0 && a != 1;
}

/// Valid p, q; +inf when some p_i > 0 = q_i and alpha > 1, or when the supports are disjoint and
/// alpha < 1.
inline bool prepare(const view& r, prepared& x, result& out) {
  const pair_scan scan = check_pair(r);
  x.p = r.p;
  x.q = r.q;
  const double alpha = x.parameters[0];
  if (alpha > 1 && scan.p_not_q) return infinite(r, out);
  // (alpha - 1) log(p_i/q_i) has an absolute error of about alpha |log(p_i/q_i)| 2^-bits (|log| <
  // 1454 < 2^11 for binary64 masses), which e^(...) turns into a relative error of S: the interval
  // evaluation starts with those bits on top of 128 (at alpha = 1e300 an enclosure at 128 bits
  // would be [0, +inf] and its log NaN).
  if (alpha > 1) x.min_bits = 128 + 11 + std::ilogb(alpha);
  if (alpha < 1) {
    bool overlap = false;
    for (std::size_t i = 0; i < r.p.size() && !overlap; ++i)
      overlap = r.p[i] > 0 && r.q[i] > 0;
    if (!overlap) return infinite(r, out);
  }
  return false;
}

/// Decided for alpha = 2..64 and for alpha = 1/2 with square products (rational_measure.hpp).
inline rational::verdict exact(const view& r, const prepared& x) {
  return rational::renyi(x.p, x.q, x.parameters[0], r.base);
}

/// The double-double pass in log form (detail/kernel_distance.hpp); it declines masses outside
/// [2^-800, 2^800], and its bound does not decide near p = q (the interval evaluation then runs).
inline certified::sum_result fast_pass(const view&, const prepared& x) {
  return kernel::renyi(x.p, x.q, x.parameters[0]);
}

/// gibbs::detail::renyi_unchecked on intervals.
inline interval enclose(const view&, const prepared& x) {
  return gibbs::detail::renyi_unchecked<interval>(x.p, x.q, interval(x.parameters[0]));
}

inline constexpr std::array<parameter, 1> parameters{{
    {"alpha",
     "the order alpha of the divergence",
     "alpha finite, > 0 and != 1",
     valid_alpha,
     {0.5, 2.0}},
}};

} // namespace gibbs::oracle::detail::renyi_measure

namespace gibbs::oracle {

inline constexpr descriptor renyi_descriptor{
    .id = measure::renyi,
    .name = "renyi",
    .function = "oracle::renyi_divergence",
    .formula = "D_alpha(p || q) = log(sum p_i^alpha q_i^(1 - alpha)) / (alpha - 1)",
    .inputs = input_p | input_q,
    .roles = {"the distribution p", "the distribution q"},
    .parameters = detail::renyi_measure::parameters,
    .variants = exact_only,
    .base = base_rule::logarithm,
    .conformance_default = false,
    .laws_text = "finite where the exact value is",
    .prepare = detail::renyi_measure::prepare,
    .exact = detail::renyi_measure::exact,
    .fast = detail::renyi_measure::fast_pass,
    .settle = nullptr,
    .enclose = detail::renyi_measure::enclose,
    .laws = nullptr,
};

} // namespace gibbs::oracle

#endif // GIBBS_ORACLE_MEASURES_RENYI_HPP
