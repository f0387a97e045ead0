// gibbs/oracle/descriptor.hpp: what the oracle knows about one measure, stated once — its name,
// inputs and their roles, parameters, formula, variants, and the four stages of its evaluation
// (validation and special cases, exact rational values, the double-double fast pass, the
// interval evaluation). One descriptor per measure lives in oracle/measures/; oracle/table.hpp
// registers them, and every front end (oracle::evaluate, the gibbs program's subcommands, --help
// and JSON keys, the conformance families and grading, the Catch2 matchers, the benchmark) reads
// the table instead of listing measures itself.
#ifndef GIBBS_ORACLE_DESCRIPTOR_HPP
#define GIBBS_ORACLE_DESCRIPTOR_HPP

#include "gibbs/oracle/api.hpp"
#include "gibbs/oracle/detail/certified_dd.hpp"
#include "gibbs/oracle/detail/exact_sum.hpp"
#include "gibbs/oracle/detail/mpfi.hpp"
#include "gibbs/oracle/detail/rational.hpp"
#include "gibbs/oracle/detail/view.hpp"
#include "gibbs/oracle/format.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace gibbs::oracle {

/// The inputs a measure can take, as bits of descriptor::inputs (in this order everywhere: CLI
/// options, JSON keys, messages).
enum input : unsigned {
  input_p = 1u,
  input_q = 2u,
  input_samples = 4u,
  input_logits = 8u,
  input_target = 16u,
};

/// The names of the inputs, in the order of their bits.
inline constexpr std::array<std::string_view, 5> input_names{"p", "q", "samples", "logits",
                                                             "target"};

/// The variants a measure accepts, as bits of descriptor::variants.
[[nodiscard]] constexpr unsigned variant_bit(variant v) {
  return 1u << static_cast<unsigned>(v);
}
inline constexpr unsigned exact_only = 1u << static_cast<unsigned>(variant::exact);
inline constexpr unsigned exact_or_normalized =
    exact_only | (1u << static_cast<unsigned>(variant::normalized));
inline constexpr unsigned any_variant =
    exact_or_normalized | (1u << static_cast<unsigned>(variant::generalized));

/// A real parameter of a measure (renyi's alpha, logits_cross_entropy's label_smoothing).
struct parameter {
  std::string_view name; ///< the key in request::parameters, JSON and the CLI (--name)
  std::string_view help; ///< one line for --help
  std::string_view rule; ///< the condition it must meet, for messages ("alpha > 0, alpha != 1")
  bool (*valid)(double); ///< whether a value meets the rule
  std::array<double, 2> demo; ///< values the conformance families ask about
  bool required = true;       ///< false: an absent parameter takes the value `fallback`
  double fallback = 0;        ///< the value of an absent optional parameter (PyTorch's default)
};

/// A named array a measure takes besides p, q, samples, logits and target (request::arrays; the
/// JSON key of `gibbs eval`, the CLI option --name, the Python keyword).
struct array_input {
  std::string_view name; ///< "input", "mu_p", "pos_weight"
  std::string_view help; ///< what it is, for --help
  bool required = true;  ///< false: the measure has a default when it is absent
  /// One entry per class, the same for every row of a batch (PyTorch's per-class `weight` of
  /// cross_entropy): never split into rows.
  bool per_class = false;
};

/// How a measure treats request::base.
enum class base_rule {
  logarithm, ///< the value is divided by log(base) (nats for base e)
  ignored,   ///< a number independent of the base (perplexity)
  rejected   ///< no logarithm in the formula: a base other than e is an error
};

namespace detail {

/// What the evaluation of a request carries from one stage to the next.
struct prepared {
  std::span<const double> p, q; ///< the distributions (reverse KL: already swapped)
  std::vector<std::int64_t> counts;
  std::int64_t samples = 0;
  big sp{64}, sq{64}, st{64};         ///< exact sums of p, q, target (normalized variant)
  long min_bits = 0;                  ///< least interval precision (normalized sums; Renyi's alpha)
  bool sums_deferred = false;         ///< normalized: sp, sq not yet computed (the fast pass first)
  std::array<double, 2> parameters{}; ///< the measure's parameters, in its descriptor's order
  /// A gradient of a loss (descriptor::gradient_reduction): the outputs are divided by this (B
  /// for reduction mean over a batch of B rows, else 1).
  double divisor = 1;
};

} // namespace detail

/// An answer to grade by the measure's laws over values: the inputs and the value an
/// implementation returned (value in the case's base; nats: in natural units).
struct answer_values {
  std::span<const double> p, q;
  double value = 0, nats = 0;
  format fmt = format::binary64; ///< the case's format: the laws are checked in its number type
  std::array<double, 2> parameters{};
};

/// Calls f(p, q, value, nats) with p, q as vectors of the answer's format (float, double,
/// gibbs::binary16, gibbs::bfloat16) and the values in it: the laws of gibbs/property/ then use
/// that format's ε.
template <class F>
void in_format(const answer_values& a, F&& f) {
  with_format_type(a.fmt, [&](auto zero) {
    using T = decltype(zero);
    const std::vector<T> p(a.p.begin(), a.p.end()), q(a.q.begin(), a.q.end());
    f(p, q, static_cast<T>(a.value), static_cast<T>(a.nats));
  });
}

/// One measure, as the oracle and every front end know it.
struct descriptor {
  measure id;
  std::string_view name;     ///< CLI subcommand and JSON "measure" ("kl")
  std::string_view function; ///< the C++ entry point, for messages ("oracle::kl_divergence")
  std::string_view formula;  ///< one line for --help
  unsigned inputs;           ///< bits of `input`
  /// What each input is, for --help (indexed like input_names; empty for unused inputs).
  std::array<std::string_view, 5> roles;
  std::span<const parameter> parameters;
  unsigned variants;          ///< bits of variant_bit(); others are an error
  base_rule base;             ///< what request::base does
  bool conformance_default;   ///< asked by the conformance runner when no measure is selected
  std::string_view laws_text; ///< the laws grading checks on foreign answers, for --help

  /// Validates the request (throws gibbs::invalid_input naming argument, index and value), fills
  /// `x`, and returns true with `out` set when the value is known at once (+inf, 0, ...).
  bool (*prepare)(const detail::view&, detail::prepared&, result&);
  /// Decides whether the exact value (in the requested base) is a rational number and if so
  /// computes it (oracle/detail/rational*.hpp: the theorems, and what is not decided). Run only
  /// when an enclosure cannot exclude a representable number or a rounding midpoint (or first,
  /// with exact_first); nullptr: the value is never rational.
  detail::rational::verdict (*exact)(const detail::view&, const detail::prepared&);
  /// The certified double-double value in nats (ok = false: declined; nullptr: no fast pass).
  detail::certified::sum_result (*fast)(const detail::view&, const detail::prepared&);
  /// After a declined fast pass, before the interval path: work the fast pass deferred (exact
  /// sums of the normalized variant); returns true with `out` set when that decides the value.
  bool (*settle)(const detail::view&, detail::prepared&, result&);
  /// The measure on intervals at the current working precision: an enclosure of the exact value
  /// in nats (the generic measure of gibbs/measure/ instantiated on detail::interval).
  detail::interval (*enclose)(const detail::view&, const detail::prepared&);
  /// The value is always rational and the exact stage is cheap: it runs before everything else.
  bool exact_first = false;
  /// Appends the names of the laws (over values, gibbs/property/) that a foreign answer of the
  /// exact variant breaks (nullptr: none beyond finiteness).
  void (*laws)(const answer_values&, std::vector<std::string>&);
  /// The named arrays it takes (request::arrays), in the order of --help.
  std::span<const array_input> arrays = {};
  /// The value is the sum of one term per element (binary_cross_entropy): reduction none
  /// answers one value per element, mean (the default) divides the sum by the number of
  /// elements. Otherwise the value is one per case (row), and the default reduction is none.
  bool elementwise = false;
  /// The reductions of torch.nn.functional.kl_div (the kl family): mean divides the sum over a
  /// batch by its number of elements B*K, and batchmean (taken only by these measures) by B.
  bool kl_reduction = false;
  /// The value is a vector, one output per element of a row (softmax, log_softmax): every output
  /// depends on the whole row, so the outputs are not sums of element terms (elementwise) but are
  /// enclosed together by enclose_elements, and oracle::evaluate_all answers one correctly rounded
  /// result per output (rows x outputs for a batch); oracle::evaluate of such a measure is an
  /// error. The stages prepare (validation; its result is ignored), outputs, exact_elements and
  /// enclose_elements are used; exact, fast, settle and enclose are not.
  bool vector_valued = false;
  /// Vector-valued gradients of a loss (logits_cross_entropy_grad): request::reduce is the loss's
  /// reduction, none and sum giving each row's own gradient, mean (the default) dividing it by
  /// the number of rows B (prepared::divisor). Other vector-valued measures take no reduction.
  bool gradient_reduction = false;
  /// Vector-valued measures: the number of outputs of one row (case).
  std::size_t (*outputs)(const detail::view&) = nullptr;
  /// Vector-valued measures: when the exact outputs are rational, sets every one (rounded once,
  /// rational::result_of) and returns true; nullptr or false: every output is irrational (the
  /// stage's documentation says why), so Ziv's loop on the enclosures decides each.
  bool (*exact_elements)(const detail::view&, const detail::prepared&, std::span<result>) = nullptr;
  /// Vector-valued measures: an enclosure of every output of the row at the working precision,
  /// into `out` (outputs(row) entries), in one pass whose cost is O(row length) — the generic
  /// measure of gibbs/measure/ on detail::interval (softmax: one enclosure of the log-sum-exp
  /// reused by every output).
  void (*enclose_elements)(const detail::view&, const detail::prepared&,
                           std::span<detail::interval>) = nullptr;
  /// The weight of a row in the divisor of reduction mean, after its prepare stage (nullptr: 1
  /// per row). With it, mean is sum_rows value / sum_rows weight, the sum of the weights taken
  /// exactly (logits_cross_entropy with class weights or ignore_index: PyTorch's weighted mean
  /// over the rows that are not ignored).
  double (*row_weight)(const detail::view&, const detail::prepared&) = nullptr;
  /// Vector-valued gradients of an elementwise loss (binary_cross_entropy_with_logits_grad):
  /// reduction mean divides every output by the element count N = B*K of the request (PyTorch's
  /// mean over all elements) instead of the number of rows B.
  bool element_mean = false;
  /// Vector-valued measures whose outputs are independent of each other: sets output i of the
  /// row and returns true when it is decided alone — rational (rounded once,
  /// rational::result_of), or settled by a certified pass of the measure's own (double-double,
  /// certified::decide); false: Ziv's loop on its enclosure decides it. nullptr: exact_elements
  /// decides for the whole row.
  bool (*decide_element)(const detail::view&, const detail::prepared&, std::size_t,
                         result&) = nullptr;
  /// Vector-valued measures whose outputs share one pass over the row (softmax: one log-sum-exp):
  /// a certified double-double pass over the whole row, run when request::allow_fast_path and no
  /// digits are asked for. It sets the outputs it decides (result::fast_path) and marks them in
  /// `done` (one entry per output); Ziv's loop decides the others. nullptr: no such pass.
  void (*fast_elements)(const detail::view&, const detail::prepared&, std::span<result>,
                        std::span<char>) = nullptr;
  /// Vector-valued measures whose outputs may lie a hair from a rational (softmax: a row
  /// dominated by one logit, the others e^-(2^53) below it): sets the outputs not yet `done` that
  /// it proves to be X + side t with X rational and t below every rounding boundary's distance
  /// from X (rational::result_near), and marks them; run after fast_elements, before Ziv's loop,
  /// with or without digits. nullptr: no such stage.
  void (*near_elements)(const detail::view&, const detail::prepared&, std::span<result>,
                        std::span<char>) = nullptr;
  /// Vector-valued measures: enclosures of the outputs `which` only (ascending indices), into
  /// `out` (one per index), each the same enclosure enclose_elements gives it, at the cost of the
  /// shared part (softmax: one log-sum-exp) plus O(1) per output; Ziv's loop uses it for the few
  /// outputs fast_elements leaves. nullptr: enclose_elements encloses the whole row.
  void (*enclose_selected)(const detail::view&, const detail::prepared&,
                           std::span<const std::size_t>, std::span<detail::interval>) = nullptr;
  /// The target may be a class index (request::target_index; in a batch, one per row in
  /// request::samples) as well as a distribution: logits_cross_entropy and its gradient. The
  /// front ends read integer targets as class indices only for these; for the others (the binary
  /// losses) an integer target is a number like any other.
  bool class_targets = false;

  [[nodiscard]] constexpr bool takes(unsigned in) const { return (inputs & in) != 0; }
  /// Whether request::reduce may be r (automatic, none, sum and mean always; batchmean for the
  /// kl family).
  [[nodiscard]] constexpr bool accepts(reduction r) const {
    return r != reduction::batchmean || kl_reduction;
  }
  [[nodiscard]] constexpr bool accepts(variant v) const { return (variants & variant_bit(v)) != 0; }
};

} // namespace gibbs::oracle

#endif // GIBBS_ORACLE_DESCRIPTOR_HPP
