// gibbs/oracle/format.hpp: what the oracle and its front ends need to know about a result format
// (binary64, binary32, binary16, bfloat16), in one place: its name, precision and exponent range,
// machine epsilon and sum tolerance, whether a double is one of its numbers, its neighbours, the
// ordinal used to count ulps, and the rounding of an MPFR number straight to it.
//
// Every format's numbers are doubles, so values travel as doubles; a result is rounded once from
// the exact (MPFR) value to the format, never through binary64 first (that would round twice,
// wrongly near the format's midpoints: e.g. 1 + 2^-8 + 3 2^-133 is 0x1.02p0 in bfloat16, but
// rounding it to binary64 first gives the midpoint 1 + 2^-8 and then ties to even give 1).
#ifndef GIBBS_ORACLE_FORMAT_HPP
#define GIBBS_ORACLE_FORMAT_HPP

#include "gibbs/number/small_float.hpp"
#include "gibbs/oracle/api.hpp"

#include <mpfr.h>

#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string_view>

namespace gibbs::oracle {

/// The parameters of a format: p significant bits, normal numbers in [2^emin, 2^(emax+1)).
struct format_traits {
  std::string_view name; ///< "binary64", "binary32", "binary16", "bfloat16"
  int precision;
  int emin;
  int emax;
  double epsilon;     ///< 2^(1-p)
  double max_digits;  ///< correct_digits' cap: decimal digits that identify a number (17, 9, 5, 4)
  int ulp_width_bits; ///< width of the bit pattern (64, 32, 16, 16)
};

/// The traits of f.
[[nodiscard]] constexpr format_traits traits(format f) noexcept {
  switch (f) {
  case format::binary32:
    return {"binary32", 24, -126, 127, 0x1p-23, 9, 32};
  case format::binary16:
    return {"binary16", 11, -14, 15, 0x1p-10, 5, 16};
  case format::bfloat16:
    return {"bfloat16", 8, -126, 127, 0x1p-7, 4, 16};
  case format::binary64:
    break;
  }
  return {"binary64", 53, -1022, 1023, 0x1p-52, 17, 64};
}

/// The format named s ("binary64", "binary32", "binary16", "bfloat16"); false for anything else.
[[nodiscard]] constexpr bool parse_format_name(std::string_view s, format& out) noexcept {
  for (format f : {format::binary64, format::binary32, format::binary16, format::bfloat16})
    if (traits(f).name == s) {
      out = f;
      return true;
    }
  return false;
}

/// The names of the formats for messages: "binary64, binary32, binary16 or bfloat16".
inline constexpr std::string_view format_names = "binary64, binary32, binary16 or bfloat16";

namespace detail {

/// Calls fn with the small_float type of a 16-bit format (binary16, bfloat16).
template <class Fn>
decltype(auto) with_small(format f, Fn fn) {
  if (f == format::binary16) return fn(gibbs::binary16{});
  return fn(gibbs::bfloat16{});
}

[[nodiscard]] constexpr bool is_small(format f) noexcept {
  return f == format::binary16 || f == format::bfloat16;
}

} // namespace detail

/// The number of f nearest x (ties to even; overflow to +-inf), as a double.
[[nodiscard]] inline double round_double(double x, format f) {
  if (f == format::binary64) return x;
  if (f == format::binary32) return static_cast<double>(static_cast<float>(x));
  return detail::with_small(f, [&](auto t) { return static_cast<double>(decltype(t)(x)); });
}

/// Whether x (finite or not) is a number of f.
[[nodiscard]] inline bool representable(double x, format f) {
  if (std::isnan(x)) return true;
  return round_double(x, f) == x;
}

/// The next number of f above x (x a number of f): +inf above the largest finite.
[[nodiscard]] inline double next_up(double x, format f) {
  const double inf = std::numeric_limits<double>::infinity();
  if (f == format::binary64) return std::nextafter(x, inf);
  if (f == format::binary32)
    return static_cast<double>(
        std::nextafter(static_cast<float>(x), std::numeric_limits<float>::infinity()));
  return detail::with_small(f, [&](auto t) {
    using T = decltype(t);
    if (std::isnan(x) || x == inf) return x;
    if (x == 0) return static_cast<double>(std::numeric_limits<T>::denorm_min());
    const std::uint16_t b = T(x).bits();
    const auto n = static_cast<std::uint16_t>(x > 0 ? b + 1 : b - 1);
    return static_cast<double>(T::from_bits(n));
  });
}

/// The next number of f below x (x a number of f).
[[nodiscard]] inline double next_down(double x, format f) {
  return -next_up(-x, f);
}

/// Maps the numbers of f, in order, onto consecutive integers (+0 and -0 to 0, +inf one beyond
/// the largest finite): the difference of two ordinals counts the ulps of f between them.
[[nodiscard]] inline std::int64_t ordinal(double x, format f) {
  if (f == format::binary64) {
    const auto bits = std::bit_cast<std::uint64_t>(x);
    const auto mag = static_cast<std::int64_t>(bits & 0x7fffffffffffffffULL);
    return (bits >> 63) != 0 ? -mag : mag;
  }
  std::uint32_t bits = 0;
  if (f == format::binary32)
    bits = std::bit_cast<std::uint32_t>(static_cast<float>(x)) & 0x7fffffffU;
  else
    bits = detail::with_small(
        f, [&](auto t) { return static_cast<std::uint32_t>(decltype(t)(std::fabs(x)).bits()); });
  const auto mag = static_cast<std::int64_t>(bits);
  return std::signbit(x) ? -mag : mag;
}

namespace detail {

/// x rounded once to the 16-bit format F in direction rnd, subnormals included (MPFR's idiom for
/// IEEE formats: round to p bits, then mpfr_check_range and mpfr_subnormalize in F's exponent
/// range, which use the ternary value so that the result is one rounding of x).
template <class F>
[[nodiscard]] double mpfr_round_small(mpfr_srcptr x, mpfr_rnd_t rnd) {
  if (mpfr_nan_p(x)) return std::numeric_limits<double>::quiet_NaN();
  const mpfr_exp_t emin = mpfr_get_emin(), emax = mpfr_get_emax();
  mpfr_t y;
  mpfr_init2(y, F::precision);
  int t = mpfr_set(y, x, rnd);
  mpfr_set_emin(F::emin - F::precision + 2); // the least subnormal 2^(emin-p+1) = 0.5 2^(that)
  mpfr_set_emax(F::emax + 1);
  t = mpfr_check_range(y, t, rnd);
  t = mpfr_subnormalize(y, t, rnd);
  (void)t;
  const double out = mpfr_get_d(y, MPFR_RNDN); // exact
  mpfr_set_emin(emin);
  mpfr_set_emax(emax);
  mpfr_clear(y);
  return out;
}

} // namespace detail

/// x rounded once to f in direction rnd, as a double.
[[nodiscard]] inline double round_mpfr(mpfr_srcptr x, format f, mpfr_rnd_t rnd) {
  switch (f) {
  case format::binary32:
    return static_cast<double>(mpfr_get_flt(x, rnd));
  case format::binary16:
    return detail::mpfr_round_small<gibbs::binary16_format>(x, rnd);
  case format::bfloat16:
    return detail::mpfr_round_small<gibbs::bfloat16_format>(x, rnd);
  case format::binary64:
    break;
  }
  return mpfr_get_d(x, rnd);
}

/// Calls fn with a value of the number type of format f (float, double, gibbs::binary16,
/// gibbs::bfloat16): laws over answers are checked in that type, with its epsilon.
template <class Fn>
void with_format_type(format f, Fn&& fn) {
  switch (f) {
  case format::binary32:
    return fn(float{});
  case format::binary16:
    return fn(gibbs::binary16{});
  case format::bfloat16:
    return fn(gibbs::bfloat16{});
  case format::binary64:
    break;
  }
  fn(double{});
}

} // namespace gibbs::oracle

#endif // GIBBS_ORACLE_FORMAT_HPP
