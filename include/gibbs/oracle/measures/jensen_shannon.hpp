// gibbs/oracle/measures/jensen_shannon.hpp: the oracle's descriptor of the Jensen-Shannon
// divergence JS(p, q) = KL(p||m)/2 + KL(q||m)/2, m = (p + q)/2.
#ifndef GIBBS_ORACLE_MEASURES_JENSEN_SHANNON_HPP
#define GIBBS_ORACLE_MEASURES_JENSEN_SHANNON_HPP

#include "gibbs/measure/jensen_shannon.hpp"
#include "gibbs/oracle/descriptor.hpp"
#include "gibbs/oracle/detail/common.hpp"
#include "gibbs/oracle/detail/kernel.hpp"
#include "gibbs/oracle/detail/normalized.hpp"
#include "gibbs/oracle/detail/point_sum.hpp"
#include "gibbs/oracle/detail/rational_measure.hpp"
#include "gibbs/property/divergence.hpp"

#include <algorithm>

#include <vector>

namespace gibbs::oracle::detail::js_measure {

/// Valid p, q; 0 when p == q (JS is finite for any pair).
inline bool prepare(const view& r, prepared& x, result& out) {
  const pair_scan scan = check_pair(r);
  x.p = r.p;
  x.q = r.q;
  if (normalized(r)) x.sums_deferred = true;
  if (scan.equal) return known(0.0, r, out);
  return false;
}

/// Rational iff the log-linear form's exponents are proportional to the base's (rational.hpp).
inline rational::verdict exact(const view& r, const prepared& x) {
  return rational::js(x.p, x.q, r.base, normalized(r));
}

/// The kernel's JS pass; normalized: the double-double pass on p Sq, q Sp (normalized.hpp).
inline certified::sum_result fast_pass(const view& r, const prepared& x) {
  if (normalized(r)) return normalized_pass::jensen_shannon(x.p, x.q);
  return kernel::jensen_shannon(x.p, x.q);
}

/// gibbs::detail::js_unchecked on intervals; normalized: JS(a, b) / (Sp Sq) on a = p Sq, b = q Sp.
inline interval enclose(const view& r, const prepared& x) {
  interval v;
  if (r.digits > 0 && !normalized(r) && point::js(x.p, x.q, v)) return v;
  if (!normalized(r)) return gibbs::detail::js_unchecked<interval>(x.p, x.q);
  std::vector<interval> a, b;
  scaled_pair(x, a, b);
  return gibbs::detail::js_unchecked<interval>(a, b)
         / (interval::from(x.sp.get()) * interval::from(x.sq.get()));
}

/// 0 <= JS <= log 2.
inline void laws(const answer_values& a, std::vector<std::string>& out) {
  in_format(a, [&](const auto& p, const auto& q, auto v, auto nats) {
    if (std::equal(p.begin(), p.end(), q.begin(), q.end())
        && !gibbs::property::values::zero_at_equality(v))
      out.push_back("identity");
    if (!gibbs::property::values::js_bounds(nats)) out.push_back("js_bound");
  });
}

} // namespace gibbs::oracle::detail::js_measure

namespace gibbs::oracle {

inline constexpr descriptor js_descriptor{
    .id = measure::js,
    .name = "js",
    .function = "oracle::jensen_shannon",
    .formula = "JS(p, q) = KL(p || m)/2 + KL(q || m)/2 with m = (p + q)/2",
    .inputs = input_p | input_q,
    .roles = {"the distribution p", "the distribution q"},
    .parameters = {},
    .variants = exact_or_normalized,
    .base = base_rule::logarithm,
    .conformance_default = true,
    .laws_text = "0 <= JS <= log 2; JS(p, p) = 0",
    .prepare = detail::js_measure::prepare,
    .exact = detail::js_measure::exact,
    .fast = detail::js_measure::fast_pass,
    .settle = detail::settle_divergence,
    .enclose = detail::js_measure::enclose,
    .laws = detail::js_measure::laws,
};

} // namespace gibbs::oracle

#endif // GIBBS_ORACLE_MEASURES_JENSEN_SHANNON_HPP
