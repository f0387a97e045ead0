// gibbs/oracle/measures/logits.hpp: the oracle's descriptor of cross-entropy from logits,
// -log softmax(z)[t] for a class index t, or -sum t_i log softmax(z)_i for a distribution t.
#ifndef GIBBS_ORACLE_MEASURES_LOGITS_HPP
#define GIBBS_ORACLE_MEASURES_LOGITS_HPP

#include "gibbs/error.hpp"
#include "gibbs/measure/logits.hpp"
#include "gibbs/oracle/descriptor.hpp"
#include "gibbs/oracle/detail/common.hpp"
#include "gibbs/oracle/detail/kernel.hpp"
#include "gibbs/oracle/detail/rational_measure.hpp"

#include <cstdint>
#include <span>

namespace gibbs::oracle::detail::logits_measure {

/// Finite logits (of any sign); a class index in range or a valid target distribution of the
/// same length; 0 at once for a single logit.
inline bool prepare(const view& r, prepared& x, result& out) {
  check_entries(r.logits, r.function, "logits", r.fmt, true);
  if (r.target.empty()) {
    if (r.target_index < 0 || static_cast<std::uint64_t>(r.target_index) >= r.logits.size())
      throw_index_out_of_range(r.function, "target", 0, false, r.target_index, r.logits.size(),
                               "logits");
  } else {
    check_same_length(r.logits.size(), r.target.size(), r.function, "target", "logits");
    check_distribution(r.target, r, "target");
    if (normalized(r)) exact_sum(r.target, x.st);
  }
  if (r.logits.size() == 1) return known(0.0, r, out);
  return false;
}

/// Irrational unless all logits are equal; then T log_b K (rational.hpp, part 3).
inline rational::verdict exact(const view& r, const prepared&) {
  return rational::logits(r.logits, r.target, r.base, normalized(r));
}

/// The kernel's pass (none for a normalized distribution target).
inline certified::sum_result fast_pass(const view& r, const prepared&) {
  if (normalized(r)) return {};
  return kernel::logits_cross_entropy(r.logits, r.target_index, r.target);
}

/// gibbs::detail::log_sum_exp_parts on intervals: (max z - z_t) + log(1 + sum_{j != argmax}
/// exp(z_j - max z)), or its mean under the target (normalized: over sum(target)).
inline interval enclose(const view& r, const prepared& x) {
  const std::span<const double> z(r.logits);
  const auto parts = gibbs::detail::log_sum_exp_parts<interval>(z, "cross_entropy_from_logits");
  if (r.target.empty())
    return (parts.max - interval(z[static_cast<std::size_t>(r.target_index)])) + parts.log1p_rest;
  interval s(0);
  for (std::size_t i = 0; i < z.size(); ++i)
    if (r.target[i] > 0)
      s += interval(r.target[i]) * ((parts.max - interval(z[i])) + parts.log1p_rest);
  return normalized(r) ? interval(s / interval::from(x.st.get())) : s;
}

} // namespace gibbs::oracle::detail::logits_measure

namespace gibbs::oracle {

inline constexpr descriptor logits_cross_entropy_descriptor{
    .id = measure::logits_cross_entropy,
    .name = "logits_cross_entropy",
    .function = "oracle::cross_entropy_from_logits",
    .formula =
        "-log softmax(z)[t] for a class index t, or -sum t_i log softmax(z)_i for a distribution t",
    .inputs = input_logits | input_target,
    .roles = {"", "", "", "the logits z",
              "the target: one integer class index, or a distribution t"},
    .parameters = {},
    .variants = exact_or_normalized,
    .base = base_rule::logarithm,
    .conformance_default = false,
    .laws_text = "finite where the exact value is",
    .prepare = detail::logits_measure::prepare,
    .exact = detail::logits_measure::exact,
    .fast = detail::logits_measure::fast_pass,
    .settle = nullptr,
    .enclose = detail::logits_measure::enclose,
};

} // namespace gibbs::oracle

#endif // GIBBS_ORACLE_MEASURES_LOGITS_HPP
