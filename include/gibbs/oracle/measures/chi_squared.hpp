// gibbs/oracle/measures/chi_squared.hpp: the oracle's descriptor of Pearson's chi-squared
// divergence chi^2(p||q) = sum (p_i - q_i)^2 / q_i.
//
// Exact values. chi^2 is a rational number of the inputs: the exact stage forms it as one fraction
// (sum N_i / m_i over the odd significands m_i of q_i, by binary splitting; rational_measure.hpp)
// and rounds it once. It runs when the interval enclosure cannot exclude a representable number or
// a midpoint (for n = 10^5 the fraction costs about 1 s, the interval evaluation far less); other
// values are non-dyadic or not near a rounding point, and Ziv's loop decides them.
#ifndef GIBBS_ORACLE_MEASURES_CHI_SQUARED_HPP
#define GIBBS_ORACLE_MEASURES_CHI_SQUARED_HPP

#include "gibbs/measure/chi_squared.hpp"
#include "gibbs/oracle/descriptor.hpp"
#include "gibbs/oracle/detail/common.hpp"
#include "gibbs/oracle/detail/kernel_distance.hpp"
#include "gibbs/oracle/detail/rational_measure.hpp"
#include "gibbs/property/divergence.hpp"

#include <algorithm>

#include <gmp.h>

#include <cstddef>

namespace gibbs::oracle::detail::chi_squared_measure {

/// Valid p, q; +inf when some p_i > 0 = q_i; 0 when p == q.
inline bool prepare(const view& r, prepared& x, result& out) {
  const pair_scan scan = check_pair(r);
  x.p = r.p;
  x.q = r.q;
  if (scan.p_not_q) return infinite(r, out);
  if (scan.equal) return known(0.0, r, out);
  return false;
}

/// The exact value, always: one rational by binary splitting of the odd denominators.
inline rational::verdict exact(const view&, const prepared& x) {
  return rational::chi_squared(x.p, x.q);
}

/// The double-double pass (detail/kernel_distance.hpp; it declines subnormal or huge masses).
inline certified::sum_result fast_pass(const view&, const prepared& x) {
  return kernel::chi_squared(x.p, x.q);
}

/// gibbs::detail::chi_squared_unchecked on intervals.
inline interval enclose(const view&, const prepared& x) {
  return gibbs::detail::chi_squared_unchecked<interval>(x.p, x.q);
}

/// chi^2 >= 0.
inline void laws(const answer_values& a, std::vector<std::string>& out) {
  in_format(a, [&](const auto& p, const auto& q, auto v, auto) {
    if (std::equal(p.begin(), p.end(), q.begin(), q.end())
        && !gibbs::property::values::zero_at_equality(v))
      out.push_back("identity");
    if (v < decltype(v)(0)) out.push_back("chi_squared_nonnegative");
  });
}

} // namespace gibbs::oracle::detail::chi_squared_measure

namespace gibbs::oracle {

inline constexpr descriptor chi_squared_descriptor{
    .id = measure::chi_squared,
    .name = "chi_squared",
    .function = "oracle::chi_squared",
    .formula = "chi^2(p || q) = sum (p_i - q_i)^2 / q_i (Pearson)",
    .inputs = input_p | input_q,
    .roles = {"the distribution p", "the distribution q"},
    .parameters = {},
    .variants = exact_only,
    .base = base_rule::rejected,
    .conformance_default = false,
    .laws_text = "chi^2 >= 0; chi^2(p||p) = 0; KL <= log(1 + chi^2)",
    .prepare = detail::chi_squared_measure::prepare,
    .exact = detail::chi_squared_measure::exact,
    .fast = detail::chi_squared_measure::fast_pass,
    .settle = nullptr,
    .enclose = detail::chi_squared_measure::enclose,
    .laws = detail::chi_squared_measure::laws,
};

} // namespace gibbs::oracle

#endif // GIBBS_ORACLE_MEASURES_CHI_SQUARED_HPP
