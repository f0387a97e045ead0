// gibbs/oracle/measures/cross_entropy.hpp: the oracle's descriptor of cross-entropy H(p, q).
#ifndef GIBBS_ORACLE_MEASURES_CROSS_ENTROPY_HPP
#define GIBBS_ORACLE_MEASURES_CROSS_ENTROPY_HPP

#include "gibbs/measure/cross_entropy.hpp"
#include "gibbs/oracle/descriptor.hpp"
#include "gibbs/oracle/detail/common.hpp"
#include "gibbs/oracle/detail/kernel.hpp"
#include "gibbs/oracle/detail/normalized.hpp"
#include "gibbs/oracle/detail/point_sum.hpp"
#include "gibbs/oracle/detail/rational_measure.hpp"

namespace gibbs::oracle::detail::cross_entropy_measure {

/// Valid p, q; +inf when some p_i > 0 = q_i; 0 when q_i = 1 wherever p_i > 0 (exact variant).
inline bool prepare(const view& r, prepared& x, result& out) {
  const pair_scan scan = check_pair(r);
  x.p = r.p;
  x.q = r.q;
  if (scan.p_not_q) return infinite(r, out);
  if (normalized(r)) {
    x.sums_deferred = true;
    return false;
  }
  if (scan.q_one) return known(0.0, r, out);
  return false;
}

/// Rational iff the log-linear form's exponents are proportional to the base's (rational.hpp).
inline rational::verdict exact(const view& r, const prepared& x) {
  return rational::cross_entropy(x.p, x.q, r.base, normalized(r));
}

inline certified::sum_result fast_pass(const view& r, const prepared& x) {
  if (!normalized(r)) return kernel::entropy(x.p, x.q);
  const normalized_pass::sum_dd sp = normalized_pass::sum_of(x.p);
  const normalized_pass::sum_dd sq = normalized_pass::sum_of(x.q);
  return normalized_pass::combine(kernel::entropy(x.p, x.q), &sp,
                                  normalized_pass::log_of(sq, nullptr));
}

inline bool settle(const view&, prepared& x, result&) {
  if (x.sums_deferred) pair_sums(x);
  return false;
}

/// gibbs::cross_entropy on intervals; normalized: H(p/Sp, q/Sq) = log Sq + H(p, q)/Sp.
inline interval enclose(const view& r, const prepared& x) {
  interval v;
  if (r.digits > 0 && !normalized(r) && point::minus_p_log(x.p, x.q, v)) return v;
  const interval h = gibbs::detail::cross_entropy_unchecked<interval>(x.p, x.q);
  if (!normalized(r)) return h;
  return gibbs::log(interval::from(x.sq.get())) + h / interval::from(x.sp.get());
}

} // namespace gibbs::oracle::detail::cross_entropy_measure

namespace gibbs::oracle {

inline constexpr descriptor cross_entropy_descriptor{
    .id = measure::cross_entropy,
    .name = "cross_entropy",
    .function = "oracle::cross_entropy",
    .formula = "H(p, q) = -sum p_i log q_i",
    .inputs = input_p | input_q,
    .roles = {"the distribution p", "the distribution q"},
    .parameters = {},
    .variants = exact_or_normalized,
    .base = base_rule::logarithm,
    .conformance_default = true,
    .laws_text = "H(p, q) = H(p) + KL(p||q), on the implementation's own answers",
    .prepare = detail::cross_entropy_measure::prepare,
    .exact = detail::cross_entropy_measure::exact,
    .fast = detail::cross_entropy_measure::fast_pass,
    .settle = detail::cross_entropy_measure::settle,
    .enclose = detail::cross_entropy_measure::enclose,
    .laws = nullptr,
};

} // namespace gibbs::oracle

#endif // GIBBS_ORACLE_MEASURES_CROSS_ENTROPY_HPP
