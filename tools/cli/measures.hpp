// tools/cli/measures.hpp: the measures the gibbs program knows (the oracle's table), and the
// options that the JSON form and the shell form share (type, variant, base, digits).
#ifndef GIBBS_TOOLS_CLI_MEASURES_HPP
#define GIBBS_TOOLS_CLI_MEASURES_HPP

#include "gibbs/oracle.hpp"
#include "gibbs/oracle/table.hpp"
#include "number_text.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace gibbs::cli {

// The measures themselves, their inputs, parameters and formulas come from the oracle's table
// (gibbs/oracle/table.hpp); nothing here lists them.
using oracle::input_logits;
using oracle::input_names;
using oracle::input_p;
using oracle::input_q;
using oracle::input_samples;
using oracle::input_target;
using measure_info = oracle::descriptor;

/// A table of measures the readers of the front ends know: the oracle's own table by default;
/// the readers take it as data, so that they read the keys and options of any descriptor.
using measure_table = std::span<const measure_info* const>;

/// The table entry of a measure name, or nullptr.
[[nodiscard]] inline const measure_info* find_measure(std::string_view name,
                                                      measure_table table = oracle::measures()) {
  for (const measure_info* m : table)
    if (m->name == name) return m;
  return nullptr;
}

/// "entropy, cross_entropy, ..., chi_squared".
[[nodiscard]] inline std::string measure_names(measure_table table = oracle::measures()) {
  std::string s;
  for (const measure_info* m : table)
    s += (s.empty() ? "" : ", ") + std::string(m->name);
  return s;
}

/// The names of every parameter of the table's measures, without repetition ("alpha").
[[nodiscard]] inline std::vector<std::string_view>
parameter_names(measure_table table = oracle::measures()) {
  std::vector<std::string_view> out;
  for (const measure_info* m : table)
    for (const oracle::parameter& p : m->parameters)
      if (std::find(out.begin(), out.end(), p.name) == out.end()) out.push_back(p.name);
  return out;
}

/// The names of every named array of the table's measures, without repetition ("input").
[[nodiscard]] inline std::vector<std::string_view>
array_names(measure_table table = oracle::measures()) {
  std::vector<std::string_view> out;
  for (const measure_info* m : table)
    for (const oracle::array_input& a : m->arrays)
      if (std::find(out.begin(), out.end(), a.name) == out.end()) out.push_back(a.name);
  return out;
}

/// The named array `name` of a measure, or nullptr.
[[nodiscard]] inline const oracle::array_input* find_array(const measure_info& m,
                                                           std::string_view name) {
  for (const oracle::array_input& a : m.arrays)
    if (a.name == name) return &a;
  return nullptr;
}

/// "input, target, pos_weight": a measure's named arrays for messages ("" when it has none).
[[nodiscard]] inline std::string describe_arrays(const measure_info& m) {
  std::string s;
  for (const oracle::array_input& a : m.arrays)
    s += (s.empty() ? "" : ", ") + std::string(a.name);
  return s;
}

/// "none", "sum", "mean" or "batchmean" (PyTorch's reduction) into a reduction; false for
/// anything else. Without one a request has the measure's default (oracle::reduction::automatic:
/// mean for elementwise losses, none otherwise).
[[nodiscard]] inline bool parse_reduction(std::string_view s, oracle::reduction& out) noexcept {
  if (s == "none")
    out = oracle::reduction::none;
  else if (s == "sum")
    out = oracle::reduction::sum;
  else if (s == "mean")
    out = oracle::reduction::mean;
  else if (s == "batchmean")
    out = oracle::reduction::batchmean;
  else
    return false;
  return true;
}

/// Whether a request of measure m with reduction `reduce` is answered by one value (a reduction)
/// rather than by one value per row or per element: sum, mean and batchmean, and the default
/// (automatic) of an elementwise measure, which is mean.
[[nodiscard]] inline bool reduces(const measure_info& m, oracle::reduction reduce) noexcept {
  return reduce == oracle::reduction::sum || reduce == oracle::reduction::mean
         || reduce == oracle::reduction::batchmean
         || (reduce == oracle::reduction::automatic && m.elementwise);
}

/// Whether reduction none of measure m answers one value per element (shaped like the input): an
/// elementwise measure (one term per element) or a vector-valued one (softmax, log_softmax).
[[nodiscard]] inline bool per_element(const measure_info& m) noexcept {
  return m.elementwise || m.vector_valued;
}

/// "p and q", "q and samples", "p": the inputs of a measure for messages.
[[nodiscard]] inline std::string describe_inputs(unsigned inputs) {
  std::string s;
  unsigned left = inputs;
  for (std::size_t i = 0; i < input_names.size(); ++i) {
    if (!(left & (1u << i))) continue;
    left &= ~(1u << i);
    if (!s.empty()) s += left ? ", " : " and ";
    s += input_names[i];
  }
  return s;
}

/// "binary64", "binary32", "binary16" or "bfloat16" into a format; false for anything else.
[[nodiscard]] inline bool parse_format(std::string_view s, oracle::format& out) noexcept {
  return oracle::parse_format_name(s, out);
}

/// "exact", "normalized" or "generalized" into a variant; false for anything else.
[[nodiscard]] inline bool parse_variant(std::string_view s, oracle::variant& out) noexcept {
  if (s == "exact")
    out = oracle::variant::exact;
  else if (s == "normalized")
    out = oracle::variant::normalized;
  else if (s == "generalized")
    out = oracle::variant::generalized;
  else
    return false;
  return true;
}

/// The largest number of decimal digits a user may ask for.
inline constexpr int max_digits = 10000;

/// Checks a logarithm base: finite, > 0 and != 1. Returns the problem as a sentence, or "".
[[nodiscard]] inline std::string check_base(double b) {
  if (!(b > 0) || !std::isfinite(b) || b == 1)
    return "base = " + shortest(b)
           + " is not a valid logarithm base (use e, 2, 10 or any b > 0, b != 1)";
  return {};
}

/// The unit of a result in a base: "nats", "bits", "hartleys", or "" when the measure has none.
[[nodiscard]] inline std::string unit_of(const measure_info& m, double base) {
  if (m.base != oracle::base_rule::logarithm) return "";
  if (base == 0) return "nats";
  if (base == 2) return "bits";
  if (base == 10) return "hartleys";
  return "base-" + shortest(base) + " units";
}

} // namespace gibbs::cli

#endif // GIBBS_TOOLS_CLI_MEASURES_HPP
