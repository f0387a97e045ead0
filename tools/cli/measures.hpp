// tools/cli/measures.hpp: the measures the gibbs program knows, their inputs, and the options that
// the JSON form and the shell form share (type, variant, base, digits).
#ifndef GIBBS_TOOLS_CLI_MEASURES_HPP
#define GIBBS_TOOLS_CLI_MEASURES_HPP

#include "gibbs/oracle.hpp"
#include "number_text.hpp"

#include <array>
#include <cmath>
#include <string>
#include <string_view>

namespace gibbs::cli {

/// The inputs a measure takes, as a bit set.
enum input : unsigned {
  input_p = 1u,
  input_q = 2u,
  input_samples = 4u,
  input_logits = 8u,
  input_target = 16u,
};

/// The names of the inputs in the order of the bits above.
inline constexpr std::array<std::string_view, 5> input_names{"p", "q", "samples", "logits",
                                                             "target"};

struct measure_info {
  std::string_view name;
  oracle::measure what;
  unsigned inputs;
  std::string_view formula; ///< one line, for --help
};

inline constexpr std::array<measure_info, 9> measures{{
    {"entropy", oracle::measure::entropy, input_p, "H(p) = -sum p_i log p_i"},
    {"cross_entropy", oracle::measure::cross_entropy, input_p | input_q,
     "H(p, q) = -sum p_i log q_i"},
    {"kl", oracle::measure::kl, input_p | input_q, "KL(p || q) = sum p_i log(p_i / q_i)"},
    {"reverse_kl", oracle::measure::reverse_kl, input_p | input_q,
     "KL(q || p) = sum q_i log(q_i / p_i)"},
    {"generalized_kl", oracle::measure::generalized_kl, input_p | input_q,
     "D(p || q) = sum (p_i log(p_i / q_i) - p_i + q_i), for non-negative p, q of any sum"},
    {"js", oracle::measure::js, input_p | input_q,
     "JS(p, q) = KL(p || m)/2 + KL(q || m)/2 with m = (p + q)/2"},
    {"nll", oracle::measure::nll, input_q | input_samples,
     "NLL = -(1/N) sum_k log q[s_k], the mean negative log-likelihood of the samples s under q"},
    {"perplexity", oracle::measure::perplexity, input_q | input_samples,
     "exp(NLL) = exp(-(1/N) sum_k log q[s_k])"},
    {"logits_cross_entropy", oracle::measure::logits_cross_entropy, input_logits | input_target,
     "-log softmax(z)[t] for a class index t, or -sum t_i log softmax(z)_i for a distribution t"},
}};

/// The table entry of a measure name, or nullptr.
[[nodiscard]] inline const measure_info* find_measure(std::string_view name) noexcept {
  for (const auto& m : measures)
    if (m.name == name) return &m;
  return nullptr;
}

/// "entropy, cross_entropy, ..., logits_cross_entropy".
[[nodiscard]] inline std::string measure_names() {
  std::string s;
  for (const auto& m : measures) {
    if (!s.empty()) s += ", ";
    s += m.name;
  }
  return s;
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

/// "binary64" or "binary32" into a format; false for anything else.
[[nodiscard]] inline bool parse_format(std::string_view s, oracle::format& out) noexcept {
  if (s == "binary64")
    out = oracle::format::binary64;
  else if (s == "binary32")
    out = oracle::format::binary32;
  else
    return false;
  return true;
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
[[nodiscard]] inline std::string unit_of(oracle::measure m, double base) {
  if (m == oracle::measure::perplexity) return "";
  if (base == 0) return "nats";
  if (base == 2) return "bits";
  if (base == 10) return "hartleys";
  return "base-" + shortest(base) + " units";
}

} // namespace gibbs::cli

#endif // GIBBS_TOOLS_CLI_MEASURES_HPP
