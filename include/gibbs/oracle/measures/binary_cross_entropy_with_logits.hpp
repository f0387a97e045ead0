// gibbs/oracle/measures/binary_cross_entropy_with_logits.hpp: the oracle's descriptor of binary
// cross-entropy with logits sum_i w_i [pw_i y_i softplus(-z_i) + (1 - y_i) softplus(z_i)]
// (PyTorch's binary_cross_entropy_with_logits; the value is the sum of the element terms).
//
// Exact values. The value is 0 when every term is (w_i = 0, or y_i = 1 with pw_i = 0); prepare
// returns it. Otherwise V = sum_i c_i log(1 + e^(s_i z_i)) with dyadic c_i > 0 and z_i, and V is
// irrational: with D a common denominator of the z_i and t = e^(1/D) (transcendental, Lindemann),
// V = a/b rational would give prod_i (1 + t^(k_i))^(b D c_i) = t^m (times a power of t for the
// negative k_i) as an identity of Laurent polynomials in t; the left side vanishes at a root of
// -1 whenever some k_i != 0, the right side never, and if every k_i = 0 then V = (sum c_i) log 2.
// Ziv's loop decides every such value; no exact stage.
#ifndef GIBBS_ORACLE_MEASURES_BINARY_CROSS_ENTROPY_WITH_LOGITS_HPP
#define GIBBS_ORACLE_MEASURES_BINARY_CROSS_ENTROPY_WITH_LOGITS_HPP

#include "gibbs/measure/binary_cross_entropy_with_logits.hpp"
#include "gibbs/oracle/descriptor.hpp"
#include "gibbs/oracle/detail/common.hpp"
#include "gibbs/oracle/detail/kernel_binary.hpp"
#include "gibbs/oracle/measures/binary_cross_entropy.hpp"

#include <array>
#include <span>
#include <string>
#include <vector>

namespace gibbs::oracle::detail::bce_logits_measure {

/// Finite logits, target in [0, 1] of the same length, weight and pos_weight (optional) finite
/// >= 0; 0 when every term is.
inline bool prepare(const view& r, prepared&, result& out) {
  const std::span<const double> z = r.logits, w = named_array(r, "weight"),
                                pw = named_array(r, "pos_weight");
  check_entries(z, r.function, "logits", r.fmt, true);
  binary_measure::check_target(r, z.size(), "logits");
  binary_measure::check_optional(w, z.size(), r, "weight", "logits");
  binary_measure::check_optional(pw, z.size(), r, "pos_weight", "logits");
  for (std::size_t i = 0; i < z.size(); ++i) {
    if (!w.empty() && w[i] == 0) continue;
    if (r.target[i] < 1 || (pw.empty() || pw[i] > 0)) return false;
  }
  return known(0.0, r, out);
}

inline certified::sum_result fast_pass(const view& r, const prepared&) {
  return kernel::binary_cross_entropy_with_logits(r.logits, r.target, named_array(r, "weight"),
                                                  named_array(r, "pos_weight"));
}

/// gibbs::detail::binary_cross_entropy_with_logits_sum on intervals.
inline interval enclose(const view& r, const prepared&) {
  return gibbs::detail::binary_cross_entropy_with_logits_sum<interval>(
      r.logits, r.target, named_array(r, "weight"), named_array(r, "pos_weight"));
}

/// The value >= 0 (every term is).
inline void laws(const answer_values& a, std::vector<std::string>& out) {
  if (a.value < 0) out.push_back("binary_cross_entropy_with_logits_nonnegative");
}

inline constexpr std::array<array_input, 2> arrays{{
    {"weight", "a weight w >= 0 per element (default 1; 0 drops the element)", false},
    {"pos_weight",
     "the weight pw >= 0 of the positive part per element (default 1; PyTorch's per-class "
     "pos_weight over 1-D input)",
     false},
}};

} // namespace gibbs::oracle::detail::bce_logits_measure

namespace gibbs::oracle {

inline constexpr descriptor binary_cross_entropy_with_logits_descriptor{
    .id = measure::binary_cross_entropy_with_logits,
    .name = "binary_cross_entropy_with_logits",
    .function = "oracle::binary_cross_entropy_with_logits",
    .formula = "sum_i w_i [pw_i y_i softplus(-z_i) + (1 - y_i) softplus(z_i)], softplus(z) = "
               "log(1 + e^z), z = logits, y = target",
    .inputs = input_logits | input_target,
    .roles = {"", "", "", "the logits z, one per element",
              "the target probabilities y in [0, 1], one per element"},
    .parameters = {},
    .variants = exact_only,
    .base = base_rule::logarithm,
    .conformance_default = false,
    .laws_text = "BCE >= 0; equals binary_cross_entropy(sigmoid(z), y)",
    .prepare = detail::bce_logits_measure::prepare,
    .exact = nullptr,
    .fast = detail::bce_logits_measure::fast_pass,
    .settle = nullptr,
    .enclose = detail::bce_logits_measure::enclose,
    .laws = detail::bce_logits_measure::laws,
    .arrays = detail::bce_logits_measure::arrays,
    .elementwise = true,
};

} // namespace gibbs::oracle

#endif // GIBBS_ORACLE_MEASURES_BINARY_CROSS_ENTROPY_WITH_LOGITS_HPP
