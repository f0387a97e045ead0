// gibbs/oracle/measures/entropy.hpp: the oracle's descriptor of Shannon entropy H(p).
#ifndef GIBBS_ORACLE_MEASURES_ENTROPY_HPP
#define GIBBS_ORACLE_MEASURES_ENTROPY_HPP

#include "gibbs/measure/entropy.hpp"
#include "gibbs/oracle/descriptor.hpp"
#include "gibbs/oracle/detail/common.hpp"
#include "gibbs/oracle/detail/kernel.hpp"
#include "gibbs/oracle/detail/normalized.hpp"
#include "gibbs/oracle/detail/point_sum.hpp"
#include "gibbs/oracle/detail/rational_measure.hpp"
#include "gibbs/property/structure.hpp"

namespace gibbs::oracle::detail::entropy_measure {

/// Valid p; 0 at once when every term is 0 log 0 or 1 log 1 (normalized: one non-zero mass).
inline bool prepare(const view& r, prepared& x, result& out) {
  const bool norm = normalized(r);
  if (!(scan_can_validate(r, norm) && scan_validates(scan_pair(r.p, r.p), r.p.size(), true)))
    check_distribution(r.p, r, "p");
  x.p = r.p;
  if (norm) x.sums_deferred = true; // exact sums: settle(), if needed
  bool all_trivial = true;
  std::size_t nonzero = 0;
  for (double v : r.p) {
    if (v != 0) ++nonzero;
    if (v != 0 && v != 1) all_trivial = false;
  }
  if ((!norm && all_trivial) || (norm && nonzero == 1)) return known(0.0, r, out);
  return false;
}

/// Rational iff the log-linear form's exponents are proportional to the base's (rational.hpp).
inline rational::verdict exact(const view& r, const prepared& x) {
  return rational::entropy(x.p, r.base, normalized(r));
}

inline certified::sum_result fast_pass(const view& r, const prepared& x) {
  if (!normalized(r)) return kernel::entropy(x.p, x.p);
  const normalized_pass::sum_dd sp = normalized_pass::sum_of(x.p);
  return normalized_pass::combine(kernel::entropy(x.p, x.p), &sp,
                                  normalized_pass::log_of(sp, nullptr));
}

inline bool settle(const view&, prepared& x, result&) {
  if (x.sums_deferred) exact_sum(x.p, x.sp);
  x.sums_deferred = false;
  return false;
}

/// gibbs::entropy on intervals; normalized: H(p/S) = log S + H(p)/S.
inline interval enclose(const view& r, const prepared& x) {
  interval v;
  if (r.digits > 0 && !normalized(r) && point::minus_p_log(x.p, x.p, v)) return v;
  const interval h = gibbs::detail::entropy_unchecked<interval>(x.p);
  if (!normalized(r)) return h;
  const interval S = interval::from(x.sp.get());
  return gibbs::log(S) + h / S;
}

/// 0 <= H(p) <= log n.
inline void laws(const answer_values& a, std::vector<std::string>& out) {
  in_format(a, [&](const auto& p, const auto&, auto, auto nats) {
    if (!p.empty() && !gibbs::property::values::entropy_bounds(p, nats))
      out.push_back("entropy_bound");
  });
}

} // namespace gibbs::oracle::detail::entropy_measure

namespace gibbs::oracle {

inline constexpr descriptor entropy_descriptor{
    .id = measure::entropy,
    .name = "entropy",
    .function = "oracle::entropy",
    .formula = "H(p) = -sum p_i log p_i",
    .inputs = input_p,
    .roles = {"the distribution p"},
    .parameters = {},
    .variants = exact_or_normalized,
    .base = base_rule::logarithm,
    .conformance_default = true,
    .laws_text = "0 <= H(p) <= log n; H(p, q) = H(p) + KL(p||q)",
    .prepare = detail::entropy_measure::prepare,
    .exact = detail::entropy_measure::exact,
    .fast = detail::entropy_measure::fast_pass,
    .settle = detail::entropy_measure::settle,
    .enclose = detail::entropy_measure::enclose,
    .laws = detail::entropy_measure::laws,
};

} // namespace gibbs::oracle

#endif // GIBBS_ORACLE_MEASURES_ENTROPY_HPP
