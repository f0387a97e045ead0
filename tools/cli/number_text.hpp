// tools/cli/number_text.hpp: numbers as text, in and out, for the gibbs command-line program.
//
// In: a decimal ("0.1", "-2.5e-3") or hexadecimal ("0x1.999999999999ap-4") literal is rounded
// *once*, to nearest-even, straight from its text to the requested format (binary64, binary32,
// binary16 or bfloat16): never through double on the way to a narrower format, which would round
// twice. A literal that overflows the
// format, or that is not zero but rounds to zero, is an error rather than ±inf or a silent 0.
// Out: the shortest decimal that reads back as the same number, and the exact hexadecimal form.
#ifndef GIBBS_TOOLS_CLI_NUMBER_TEXT_HPP
#define GIBBS_TOOLS_CLI_NUMBER_TEXT_HPP

#include "gibbs/oracle/format.hpp"

#include <mpfr.h>

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
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

/// A sentence fragment that explains a problem for the format named fmt, e.g. "is too large for
/// binary32".
[[nodiscard]] inline std::string explain(number_problem p, const std::string& fmt) {
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

/// The same for the binary type T (float: binary32, double: binary64).
template <class T>
[[nodiscard]] std::string explain(number_problem p) {
  return explain(p, format_name<T>());
}

/// The same for a format of the oracle.
[[nodiscard]] inline std::string explain(number_problem p, oracle::format f) {
  return explain(p, std::string(oracle::traits(f).name));
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

/// Reads a real literal rounded once, straight from its text, to format f (as a double). binary16
/// and bfloat16: h = RN64(text) by std::from_chars decides RN_f(text) unless h is a rounding
/// boundary of f (every boundary is a double, so no boundary lies strictly between h and the
/// text's value: gibbs/number/small_float.hpp); then MPFR's mpfr_strtofr gives the side of the
/// exact value (its ternary value at 53 bits).
[[nodiscard]] inline number_problem parse_real(std::string_view text, oracle::format f,
                                               double& out) noexcept {
  if (f == oracle::format::binary32) {
    float x = 0;
    const number_problem p = parse_real(text, x);
    if (p == number_problem::none) out = x;
    return p;
  }
  double h = 0;
  const number_problem p = parse_real(text, h);
  if (p != number_problem::none || f == oracle::format::binary64) {
    if (p == number_problem::none) out = h;
    return p;
  }
  return oracle::detail::with_small(f, [&](auto t) {
    using T = decltype(t);
    using F = typename T::format;
    int d = 0;
    if (gibbs::detail::small::is_boundary<F>(h)) {
      const std::string s(text);
      mpfr_t v;
      mpfr_init2(v, 53);
      const int ternary = mpfr_strtofr(v, s.c_str(), nullptr, 0, MPFR_RNDN);
      mpfr_clear(v);
      d = ternary > 0 ? -1 : (ternary < 0 ? 1 : 0); // the sign of (text - h)
    }
    const double r =
        static_cast<double>(T::from_bits(gibbs::detail::small::round_to_bits<F>(h, d)));
    if (std::isinf(r)) return number_problem::too_large;
    if (r == 0 && h != 0) return number_problem::too_small;
    out = r;
    return number_problem::none;
  });
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

/// The shortest decimal that reads back (parse_real above) as the number x of format f.
[[nodiscard]] inline std::string shortest(double x, oracle::format f) {
  if (f == oracle::format::binary64) return shortest(x);
  if (f == oracle::format::binary32) return shortest(static_cast<float>(x));
  if (!std::isfinite(x) || x == 0) return shortest(x);
  char buf[64];
  for (int k = 1; k < 17; ++k) {
    std::snprintf(buf, sizeof buf, "%.*g", k, x);
    double y = 0;
    if (parse_real(buf, f, y) == number_problem::none && y == x) return buf;
  }
  return shortest(x);
}

/// The exact hexadecimal form of the number x of format f.
[[nodiscard]] inline std::string hex(double x, oracle::format f) {
  if (f == oracle::format::binary32) return hex(static_cast<float>(x));
  return hex(x);
}

/// Cuts a piece of user text for an error message: at most `limit` bytes, with "..." when cut.
[[nodiscard]] inline std::string excerpt(std::string_view text, std::size_t limit = 40) {
  if (text.size() <= limit) return std::string(text);
  return std::string(text.substr(0, limit)) + "...";
}

} // namespace gibbs::cli

#endif // GIBBS_TOOLS_CLI_NUMBER_TEXT_HPP
