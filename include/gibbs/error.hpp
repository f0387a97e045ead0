// gibbs/error.hpp: what gibbs says about bad input.
//
// At run time every measure throws gibbs::invalid_input, whose what() names the function, the
// argument, the index and the value. In constant evaluation the same check calls a non-constexpr
// function whose *name* is the sentence (e.g. `a_probability_is_negative`), so the compiler's error
// message reads as the diagnosis, with the call chain (and the index) in the notes below it.
#ifndef GIBBS_ERROR_HPP
#define GIBBS_ERROR_HPP

#include <cstddef>
#include <cstdio>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

namespace gibbs {

/// The kinds of invalid input gibbs rejects.
enum class error_kind {
  empty,              ///< a distribution with no entries
  length_mismatch,    ///< p and q (or logits and target) have different lengths
  negative,           ///< an entry below zero
  not_a_number,       ///< a NaN entry
  infinite,           ///< a ±inf entry
  not_normalized,     ///< the entries do not sum to 1 within the documented tolerance
  zero_sum,           ///< all entries are zero where a positive total is needed
  index_out_of_range, ///< a sample or class index outside the support
  no_samples,         ///< an empty sample
  invalid_parameter,  ///< a parameter (Rényi's alpha, a base of logarithms) outside its domain
  not_positive,       ///< an entry that must be > 0 (a standard deviation) is 0 or negative
  above_one,          ///< a probability above 1 (binary_cross_entropy's input and target)
  not_in_format,      ///< an entry that is not a number of the requested format (binary32, …)
  invalid_request,    ///< a request the measure cannot take: an unknown key, a variant, a
                      ///< reduction or a base it does not take, a shape that does not fit
};

/// Short English name of an error kind ("is negative", …), used in messages.
[[nodiscard]] constexpr const char* describe(error_kind k) noexcept {
  switch (k) {
  case error_kind::empty:
    return "is empty";
  case error_kind::length_mismatch:
    return "has a different length";
  case error_kind::negative:
    return "is negative; probabilities must be >= 0";
  case error_kind::not_a_number:
    return "is NaN";
  case error_kind::infinite:
    return "is infinite; entries must be finite";
  case error_kind::not_normalized:
    return "is the sum of the entries, which is not 1 within the tolerance";
  case error_kind::zero_sum:
    return "is the sum of the entries, which must be positive";
  case error_kind::index_out_of_range:
    return "is out of range";
  case error_kind::no_samples:
    return "is empty: there are no samples";
  case error_kind::invalid_parameter:
    return "is outside the domain of the parameter";
  case error_kind::not_positive:
    return "is not positive; it must be > 0";
  case error_kind::above_one:
    return "is greater than 1; probabilities must be <= 1";
  case error_kind::not_in_format:
    return "is not a number of the requested format";
  case error_kind::invalid_request:
    return "is not valid for this measure";
  }
  return "is invalid";
}

/// Thrown by every gibbs measure on invalid input. what() reads like
/// "gibbs::kl_divergence: q[3] = -0.25 is negative; probabilities must be >= 0".
class invalid_input : public std::invalid_argument {
public:
  invalid_input(error_kind kind, const char* function, const char* argument, std::size_t index,
                double value, bool has_index = true)
      : std::invalid_argument(make_message(kind, function, argument, index, value, has_index)),
        kind_(kind), argument_(argument), index_(index), value_(value),
        has_index_(has_index && kind != error_kind::length_mismatch && kind != error_kind::empty
                   && kind != error_kind::no_samples && kind != error_kind::not_normalized
                   && kind != error_kind::zero_sum) {}

  /// A parameter outside its domain: what() reads like "gibbs::renyi_divergence: alpha = 1 is
  /// outside the domain of the parameter; alpha must be finite, > 0 and != 1".
  invalid_input(const char* function, const char* argument, double value, const char* requirement)
      : std::invalid_argument(make_parameter_message(function, argument, value, requirement)),
        kind_(error_kind::invalid_parameter), argument_(argument), index_(0), value_(value),
        has_index_(false) {}

  /// The same fields with a message composed by the caller (the oracle names the tolerance, the
  /// valid range and the advice that fits the measure).
  invalid_input(error_kind kind, const char* argument, std::size_t index, double value,
                const std::string& message)
      : std::invalid_argument(message), kind_(kind), argument_(argument), index_(index),
        value_(value),
        has_index_(std::string_view(message).find(argument_ + '[' + std::to_string(index) + "] = ")
                   != std::string_view::npos) {}
  /// A message composed by the caller about an argument with a value but no index ("base = 7
  /// has no meaning for this measure", "rows = -2 is negative").
  invalid_input(error_kind kind, std::string argument, double value, const std::string& message)
      : std::invalid_argument(message), kind_(kind), argument_(std::move(argument)), index_(0),
        value_(value), has_index_(false) {}
  /// A message composed by the caller about an argument that has no single value (an unknown
  /// key, a reduction the measure does not take, an array of the wrong shape).
  invalid_input(error_kind kind, std::string argument, const std::string& message)
      : std::invalid_argument(message), kind_(kind), argument_(std::move(argument)), index_(0),
        value_(0), has_index_(false), has_value_(false) {}

  /// The same error with another message (the oracle adds the row of a batch).
  invalid_input(const invalid_input& e, const std::string& message)
      : std::invalid_argument(message), kind_(e.kind_), argument_(e.argument_), index_(e.index_),
        value_(e.value_), has_index_(e.has_index_), has_value_(e.has_value_) {}

  [[nodiscard]] error_kind kind() const noexcept { return kind_; }
  /// "p", "q", "logits", "samples", …
  [[nodiscard]] const char* argument() const noexcept { return argument_.c_str(); }
  /// The offending index (for sums and lengths: the length).
  [[nodiscard]] std::size_t index() const noexcept { return index_; }
  /// The offending value converted to double (for sums: the sum; for lengths: the other length).
  [[nodiscard]] double value() const noexcept { return value_; }
  /// Whether index() names an element of the argument (false for a parameter, a length, a sum,
  /// a request's key).
  [[nodiscard]] bool has_index() const noexcept { return has_index_; }
  /// Whether value() is a value the request gave (false for an unknown key, a shape).
  [[nodiscard]] bool has_value() const noexcept { return has_value_; }

private:
  static std::string make_message(error_kind kind, const char* function, const char* argument,
                                  std::size_t index, double value, bool has_index) {
    char buf[512];
    switch (kind) {
    case error_kind::empty:
    case error_kind::no_samples:
      std::snprintf(buf, sizeof buf, "gibbs::%s: %s %s", function, argument, describe(kind));
      break;
    case error_kind::length_mismatch:
      std::snprintf(buf, sizeof buf, "gibbs::%s: %s has length %zu but the other argument has %.0f",
                    function, argument, index, value);
      break;
    case error_kind::not_normalized:
    case error_kind::zero_sum:
      std::snprintf(buf, sizeof buf, "gibbs::%s: sum(%s) = %.17g %s", function, argument, value,
                    describe(kind));
      break;
    default:
      if (has_index)
        std::snprintf(buf, sizeof buf, "gibbs::%s: %s[%zu] = %.17g %s", function, argument, index,
                      value, describe(kind));
      else
        std::snprintf(buf, sizeof buf, "gibbs::%s: %s = %.17g %s", function, argument, value,
                      describe(kind));
    }
    return buf;
  }

  static std::string make_parameter_message(const char* function, const char* argument,
                                            double value, const char* requirement) {
    char buf[512];
    std::snprintf(buf, sizeof buf, "gibbs::%s: %s = %.17g %s; %s", function, argument, value,
                  describe(error_kind::invalid_parameter), requirement);
    return buf;
  }

  error_kind kind_;
  std::string argument_;
  std::size_t index_;
  double value_;
  bool has_index_ = true;
  bool has_value_ = true;
};

namespace detail {

// Reached only in constant evaluation. They are deliberately not constexpr: the compiler then
// reports "call to non-constexpr function '…a_probability_is_negative(…)'" — the name is the
// message.
inline void the_distribution_is_empty() {}
inline void the_two_arguments_have_different_lengths(std::size_t, std::size_t) {}
inline void a_probability_is_negative(std::size_t /*index*/) {}
inline void an_entry_is_NaN(std::size_t /*index*/) {}
inline void an_entry_is_infinite(std::size_t /*index*/) {}
inline void the_distribution_does_not_sum_to_one_within_tolerance() {}
inline void the_distribution_sums_to_zero() {}
inline void an_index_is_out_of_range(std::size_t /*index*/) {}
inline void there_are_no_samples() {}
inline void an_entry_is_not_positive(std::size_t /*index*/) {}
inline void a_probability_is_greater_than_one(std::size_t /*index*/) {}

/// Throws gibbs::invalid_input for a parameter outside its domain (callers in constant
/// evaluation first call a non-constexpr function whose name states the requirement).
[[noreturn]] inline void throw_invalid_parameter(const char* function, const char* argument,
                                                 double value, const char* requirement) {
  throw invalid_input(function, argument, value, requirement);
}

[[noreturn]] inline void throw_invalid(error_kind kind, const char* function, const char* argument,
                                       std::size_t index, double value, bool has_index = true) {
  throw invalid_input(kind, function, argument, index, value, has_index);
}

/// Report invalid input: a compile error in constant evaluation, gibbs::invalid_input at run time.
/// The kind is a template argument so that the named function below is called unconditionally:
/// it is the first non-constexpr call the compiler meets, so g++ and clang++ both cite its name
/// (g++ would otherwise cite throw_invalid). At run time the named functions do nothing.
template <error_kind K, class V>
constexpr void fail(const char* function, const char* argument, std::size_t index, const V& value) {
  if constexpr (K == error_kind::empty)
    the_distribution_is_empty();
  else if constexpr (K == error_kind::length_mismatch)
    the_two_arguments_have_different_lengths(index, 0);
  else if constexpr (K == error_kind::negative)
    a_probability_is_negative(index);
  else if constexpr (K == error_kind::not_a_number)
    an_entry_is_NaN(index);
  else if constexpr (K == error_kind::infinite)
    an_entry_is_infinite(index);
  else if constexpr (K == error_kind::not_normalized)
    the_distribution_does_not_sum_to_one_within_tolerance();
  else if constexpr (K == error_kind::zero_sum)
    the_distribution_sums_to_zero();
  else if constexpr (K == error_kind::index_out_of_range)
    an_index_is_out_of_range(index);
  else if constexpr (K == error_kind::no_samples)
    there_are_no_samples();
  else if constexpr (K == error_kind::not_positive)
    an_entry_is_not_positive(index);
  else if constexpr (K == error_kind::above_one)
    a_probability_is_greater_than_one(index);
  throw_invalid(K, function, argument, index, static_cast<double>(value));
}

} // namespace detail
} // namespace gibbs

#endif // GIBBS_ERROR_HPP
