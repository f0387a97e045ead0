// gibbs/oracle/measures/hellinger.hpp: the oracle's descriptor of the Hellinger distance
// H(p, q) = sqrt(sum (sqrt p_i - sqrt q_i)^2 / 2).
//
// Exact values. H^2 = (Sp + Sq)/2 - sum sqrt(p_i q_i). When every p_i q_i is the square of a
// dyadic rational, H^2 is a dyadic and H is rational iff that dyadic is a square. Otherwise some
// sqrt(p_i q_i) is irrational, and a sum of positive multiples of square roots of rationals with an
// irrational one among them is irrational (the square roots of distinct square-free integers are
// linearly independent over Q, Besicovitch): H^2 and H are irrational, never a rounding midpoint,
// and Ziv's loop decides them (rational_measure.hpp).
#ifndef GIBBS_ORACLE_MEASURES_HELLINGER_HPP
#define GIBBS_ORACLE_MEASURES_HELLINGER_HPP

#include "gibbs/measure/hellinger.hpp"
#include "gibbs/oracle/descriptor.hpp"
#include "gibbs/oracle/detail/common.hpp"
#include "gibbs/oracle/detail/kernel_distance.hpp"
#include "gibbs/oracle/detail/rational_measure.hpp"
#include "gibbs/property/distance.hpp"
#include "gibbs/property/divergence.hpp"

#include <algorithm>

#include <vector>

namespace gibbs::oracle::detail::hellinger_measure {

/// Valid p, q; 0 when p == q.
inline bool prepare(const view& r, prepared& x, result& out) {
  const pair_scan scan = check_pair(r);
  x.p = r.p;
  x.q = r.q;
  if (scan.equal) return known(0.0, r, out);
  return false;
}

/// Rational iff every p_i q_i and then H^2 are rational squares (rational_measure.hpp).
inline rational::verdict exact(const view&, const prepared& x) {
  return rational::hellinger(x.p, x.q, true);
}

/// The double-double pass (detail/kernel_distance.hpp; it declines subnormal or huge masses).
inline certified::sum_result fast_pass(const view&, const prepared& x) {
  return kernel::hellinger(x.p, x.q);
}

/// gibbs::detail::hellinger_unchecked on intervals.
inline interval enclose(const view&, const prepared& x) {
  return gibbs::detail::hellinger_unchecked<interval>(x.p, x.q);
}

/// 0 <= H <= 1 (masses off 1 allowed for).
inline void laws(const answer_values& a, std::vector<std::string>& out) {
  in_format(a, [&](const auto& p, const auto& q, auto v, auto) {
    if (std::equal(p.begin(), p.end(), q.begin(), q.end())
        && !gibbs::property::values::zero_at_equality(v))
      out.push_back("identity");
    if (p.size() == q.size() && !p.empty() && !gibbs::property::values::hellinger_bounds(p, q, v))
      out.push_back("hellinger_bounds");
  });
}

} // namespace gibbs::oracle::detail::hellinger_measure

namespace gibbs::oracle {

inline constexpr descriptor hellinger_descriptor{
    .id = measure::hellinger,
    .name = "hellinger",
    .function = "oracle::hellinger",
    .formula = "H(p, q) = sqrt(sum (sqrt p_i - sqrt q_i)^2 / 2)",
    .inputs = input_p | input_q,
    .roles = {"the distribution p", "the distribution q"},
    .parameters = {},
    .variants = exact_only,
    .base = base_rule::rejected,
    .conformance_default = false,
    .laws_text = "0 <= H <= 1; H(p, p) = 0; H^2 <= TV <= sqrt(2) H",
    .prepare = detail::hellinger_measure::prepare,
    .exact = detail::hellinger_measure::exact,
    .fast = detail::hellinger_measure::fast_pass,
    .settle = nullptr,
    .enclose = detail::hellinger_measure::enclose,
    .laws = detail::hellinger_measure::laws,
};

} // namespace gibbs::oracle

#endif // GIBBS_ORACLE_MEASURES_HELLINGER_HPP
