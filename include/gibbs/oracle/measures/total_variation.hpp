// gibbs/oracle/measures/total_variation.hpp: the oracle's descriptor of the total variation
// distance TV(p, q) = sum |p_i - q_i| / 2. A rational function of the inputs, so it is computed
// exactly: TV = (1/2) sum_i s_i (p_i - q_i) with s_i the sign of p_i - q_i (decided on the
// doubles), one exact MPFR sum of the 2n doubles +-p_i, -+q_i, rounded once.
#ifndef GIBBS_ORACLE_MEASURES_TOTAL_VARIATION_HPP
#define GIBBS_ORACLE_MEASURES_TOTAL_VARIATION_HPP

#include "gibbs/measure/total_variation.hpp"
#include "gibbs/oracle/descriptor.hpp"
#include "gibbs/oracle/detail/common.hpp"
#include "gibbs/oracle/detail/rational_measure.hpp"
#include "gibbs/property/distance.hpp"
#include "gibbs/property/divergence.hpp"

#include <algorithm>

#include <vector>

namespace gibbs::oracle::detail::total_variation_measure {

/// Valid p, q; 0 when p == q.
inline bool prepare(const view& r, prepared& x, result& out) {
  const pair_scan scan = check_pair(r);
  x.p = r.p;
  x.q = r.q;
  if (scan.equal) return known(0.0, r, out);
  return false;
}

/// The exact value, always: (1/2) sum |p_i - q_i| as one dyadic integer sum.
inline rational::verdict exact(const view&, const prepared& x) {
  return rational::total_variation(x.p, x.q);
}

/// gibbs::detail::total_variation_unchecked on intervals (the exact stage always decides first).
inline interval enclose(const view&, const prepared& x) {
  return gibbs::detail::total_variation_unchecked<interval>(x.p, x.q);
}

/// 0 <= TV <= 1 (masses off 1 allowed for).
inline void laws(const answer_values& a, std::vector<std::string>& out) {
  in_format(a, [&](const auto& p, const auto& q, auto v, auto) {
    if (std::equal(p.begin(), p.end(), q.begin(), q.end())
        && !gibbs::property::values::zero_at_equality(v))
      out.push_back("identity");
    if (p.size() == q.size() && !p.empty()
        && !gibbs::property::values::total_variation_bounds(p, q, v))
      out.push_back("tv_bounds");
  });
}

} // namespace gibbs::oracle::detail::total_variation_measure

namespace gibbs::oracle {

inline constexpr descriptor total_variation_descriptor{
    .id = measure::total_variation,
    .name = "total_variation",
    .function = "oracle::total_variation",
    .formula = "TV(p, q) = sum |p_i - q_i| / 2",
    .inputs = input_p | input_q,
    .roles = {"the distribution p", "the distribution q"},
    .parameters = {},
    .variants = exact_only,
    .base = base_rule::rejected,
    .conformance_default = false,
    .laws_text = "0 <= TV <= 1; TV(p, p) = 0; KL >= 2 TV^2 (Pinsker)",
    .prepare = detail::total_variation_measure::prepare,
    .exact = detail::total_variation_measure::exact,
    .fast = nullptr,
    .settle = nullptr,
    .enclose = detail::total_variation_measure::enclose,
    .exact_first = true,
    .laws = detail::total_variation_measure::laws,
};

} // namespace gibbs::oracle

#endif // GIBBS_ORACLE_MEASURES_TOTAL_VARIATION_HPP
