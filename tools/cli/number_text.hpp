// tools/cli/number_text.hpp: numbers as text, in and out, for the gibbs command-line program.
//
// In: a decimal ("0.1", "-2.5e-3") or hexadecimal ("0x1.999999999999ap-4") literal is rounded
// *once*, to nearest-even, straight from its text to the requested format (binary64 or binary32):
// never through double on the way to float, which would round twice. A literal that overflows the
// format, or that is not zero but rounds to zero, is an error rather than ±inf or a silent 0.
// Out: the shortest decimal that reads back as the same number, and the exact hexadecimal form.
#ifndef GIBBS_TOOLS_CLI_NUMBER_TEXT_HPP
#define GIBBS_TOOLS_CLI_NUMBER_TEXT_HPP

#include <charconv>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <system_error>
#include <type_traits>

namespace gibbs::cli {

/// What can be wrong with a numeric literal.
enum class number_problem {
  none,
  syntax,    ///< not a decimal or hexadecimal literal
  infinite,  ///< "inf", "nan", "infinity" and friends
  too_large, ///< beyond the largest finite number of the format
  too_small, ///< not zero, but closer to zero than half the smallest subnormal: it would read as 0
  not_integer,
};

/// The name of a floating format as the user writes it ("binary64", "binary32").
template <class T>
[[nodiscard]] constexpr const char* format_name() noexcept {
  return std::is_same_v<T, float> ? "binary32" : "binary64";
}

/// A sentence fragment that explains a problem, e.g. "is too large for binary32".
template <class T>
[[nodiscard]] std::string explain(number_problem p) {
  const std::string fmt = format_name<T>();
  switch (p) {
  case number_problem::none:
    return "is fine";
  case number_problem::syntax:
    return "is not a number (write a decimal such as 0.25 or a hexadecimal float such as 0x1p-2)";
  case number_problem::infinite:
    return "is not finite; entries must be finite numbers";
  case number_problem::too_large:
    return "is too large for " + fmt + " (it would round to infinity)";
  case number_problem::too_small:
    return "is too small for " + fmt
           + ": it is not zero but would round to 0; write 0 if zero is meant";
  case number_problem::not_integer:
    return "is not an integer";
  }
  return "is invalid";
}

namespace detail {

[[nodiscard]] constexpr bool is_digit(char c, bool hex) noexcept {
  return (c >= '0' && c <= '9') || (hex && ((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')));
}

/// For a literal that std::from_chars reported out of range: is it huge (true) or tiny (false)?
/// Its order of magnitude is the exponent plus the position of the first significant digit.
[[nodiscard]] inline bool magnitude_is_large(std::string_view s, bool hex) noexcept {
  const char exp_char = hex ? 'p' : 'e';
  long long lead =
      0; // digits before the point, or minus the zeros after it before a significant one
  bool seen_point = false, seen_significant = false;
  std::size_t i = 0;
  for (; i < s.size() && s[i] != exp_char && s[i] != exp_char - 32; ++i) {
    const char c = s[i];
    if (c == '.') {
      seen_point = true;
    } else if (!seen_point) {
      if (seen_significant || c != '0') {
        seen_significant = true;
        if (lead < 1'000'000'000) ++lead;
      }
    } else if (!seen_significant) {
      if (c != '0')
        seen_significant = true;
      else if (lead > -1'000'000'000)
        --lead;
    }
  }
  long long e = 0;
  bool negative = false;
  if (i < s.size()) {
    ++i;
    if (i < s.size() && (s[i] == '-' || s[i] == '+')) negative = s[i++] == '-';
    for (; i < s.size(); ++i)
      if (e < 1'000'000'000'000LL) e = e * 10 + (s[i] - '0');
  }
  const long long scale = hex ? 4 : 1; // a hex digit is four binary places
  return (negative ? -e : e) + scale * lead > 0;
}

} // namespace detail

/// Reads a real literal: optional sign, then a decimal literal or (with 0x/0X) a hexadecimal one.
/// The whole text must be the literal. T is float or double; the result is correctly rounded.
template <class T>
[[nodiscard]] number_problem parse_real(std::string_view text, T& out) noexcept {
  static_assert(std::is_same_v<T, float> || std::is_same_v<T, double>);
  std::string_view s = text;
  bool negative = false;
  if (!s.empty() && (s.front() == '-' || s.front() == '+')) {
    negative = s.front() == '-';
    s.remove_prefix(1);
  }
  bool hex = false;
  if (s.size() >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
    hex = true;
    s.remove_prefix(2);
  }
  if (s.empty()) return number_problem::syntax;
  // from_chars also takes "inf", "nan" and a sign of its own: catch those here.
  {
    const char c = s.front();
    if (c == 'i' || c == 'I' || c == 'n' || c == 'N') {
      T probe{};
      const auto r = std::from_chars(s.data(), s.data() + s.size(), probe);
      if (r.ec == std::errc{} && r.ptr == s.data() + s.size()) return number_problem::infinite;
      return number_problem::syntax;
    }
    if (!detail::is_digit(c, hex) && c != '.') return number_problem::syntax;
  }
  T value{};
  const auto fmt = hex ? std::chars_format::hex : std::chars_format::general;
  const auto r = std::from_chars(s.data(), s.data() + s.size(), value, fmt);
  if (r.ptr != s.data() + s.size()) return number_problem::syntax;
  if (r.ec == std::errc::result_out_of_range)
    return detail::magnitude_is_large(s, hex) ? number_problem::too_large
                                              : number_problem::too_small;
  if (r.ec != std::errc{}) return number_problem::syntax;
  if (!std::isfinite(value)) return number_problem::infinite;
  out = negative ? -value : value;
  return number_problem::none;
}

/// Reads a decimal integer literal (optional sign, digits only) into an int64.
[[nodiscard]] inline number_problem parse_int(std::string_view s, std::int64_t& out) noexcept {
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  if (s.empty() || s.front() == '+') return number_problem::syntax;
  std::int64_t v = 0;
  const auto r = std::from_chars(s.data(), s.data() + s.size(), v);
  if (r.ec == std::errc::result_out_of_range) return number_problem::too_large;
  if (r.ec != std::errc{} || r.ptr != s.data() + s.size()) return number_problem::not_integer;
  out = v;
  return number_problem::none;
}

/// The shortest decimal that reads back as x (std::to_chars without a precision); "inf", "-inf" or
/// "nan" for the special values.
template <class T>
[[nodiscard]] std::string shortest(T x) {
  if (std::isnan(x)) return "nan";
  if (std::isinf(x)) return x > 0 ? "inf" : "-inf";
  char buf[64];
  const auto r = std::to_chars(buf, buf + sizeof buf, x);
  return std::string(buf, r.ptr);
}

/// The exact hexadecimal form of x with the 0x prefix: "0x1.999999999999ap-4", "-0x1p+0", "0x0p+0".
template <class T>
[[nodiscard]] std::string hex(T x) {
  if (std::isnan(x)) return "nan";
  if (std::isinf(x)) return x > 0 ? "inf" : "-inf";
  char buf[64];
  const auto r = std::to_chars(buf, buf + sizeof buf, std::fabs(x), std::chars_format::hex);
  return (std::signbit(x) ? "-0x" : "0x") + std::string(buf, r.ptr);
}

/// Cuts a piece of user text for an error message: at most `limit` bytes, with "..." when cut.
[[nodiscard]] inline std::string excerpt(std::string_view text, std::size_t limit = 40) {
  if (text.size() <= limit) return std::string(text);
  return std::string(text.substr(0, limit)) + "...";
}

} // namespace gibbs::cli

#endif // GIBBS_TOOLS_CLI_NUMBER_TEXT_HPP
