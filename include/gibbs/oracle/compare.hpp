// gibbs/oracle/compare.hpp: how far a computed value is from the oracle's: ulps, relative error,
// correct digits.
#ifndef GIBBS_ORACLE_COMPARE_HPP
#define GIBBS_ORACLE_COMPARE_HPP

#include "gibbs/oracle/api.hpp"
#include "gibbs/oracle/format.hpp"

#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>

namespace gibbs::oracle {
namespace detail {
// Maps the binary64 values, in order, onto consecutive integers: +0 and -0 to 0, the positive
// values (up to +inf) to 1, 2, ..., the negative ones symmetrically. Subtracting two images
// counts the values in between.
[[nodiscard]] inline std::int64_t ordinal(double x) {
  const auto bits = std::bit_cast<std::uint64_t>(x);
  const auto mag = static_cast<std::int64_t>(bits & 0x7fffffffffffffffULL);
  return (bits >> 63) != 0 ? -mag : mag;
}
[[nodiscard]] inline std::int64_t ordinal(float x) {
  const auto bits = std::bit_cast<std::uint32_t>(x);
  const auto mag = static_cast<std::int64_t>(bits & 0x7fffffffU);
  return (bits >> 31) != 0 ? -mag : mag;
}
} // namespace detail

/// Signed number of binary64 values from a to b (positive when b > a), +0 and -0 being one value;
/// +-inf are one step beyond +-max. A NaN argument gives INT64_MIN. The count saturates at
/// +-INT64_MAX, reached only between numbers of opposite signs whose bit patterns sum past 2^63
/// (e.g. both of magnitude >= 2): ulp_distance(-inf, inf) == INT64_MAX.
/// Laws: ulp_distance(a, b) = -ulp_distance(b, a); ulp_distance(a, nextafter(a, +inf)) = 1.
/// Example: ulp_distance(-0x1p-1074, 0x1p-1074) == 2.
[[nodiscard]] inline std::int64_t ulp_distance(double a, double b) {
  if (std::isnan(a) || std::isnan(b)) return std::numeric_limits<std::int64_t>::min();
  std::int64_t d = 0;
  if (__builtin_sub_overflow(detail::ordinal(b), detail::ordinal(a), &d))
    return b > a ? std::numeric_limits<std::int64_t>::max()
                 : -std::numeric_limits<std::int64_t>::max();
  return d;
}

/// The same in binary32. Example: ulp_distance(1.0f, std::nextafter(1.0f, 2.0f)) == 1.
[[nodiscard]] inline std::int64_t ulp_distance(float a, float b) {
  if (std::isnan(a) || std::isnan(b)) return std::numeric_limits<std::int64_t>::min();
  return detail::ordinal(b) - detail::ordinal(a);
}

/// Signed number of numbers of format f from a to b, both numbers of f (as for binary64 above;
/// a value that is not a number of f counts as the number of f nearest it). The ulps of binary16
/// and bfloat16 results are counted with this. Example:
/// ulp_distance(1.0, 1.0 + 0x1p-10, format::binary16) == 1.
[[nodiscard]] inline std::int64_t ulp_distance(double a, double b, format f) {
  if (std::isnan(a) || std::isnan(b)) return std::numeric_limits<std::int64_t>::min();
  if (f == format::binary64) return ulp_distance(a, b);
  return ordinal(b, f) - ordinal(a, f);
}

/// Relative error of a computed value with respect to the oracle's exact value, of which the
/// reference holds the enclosure [lo, hi]: min over x in [lo, hi] of |computed - x| / |x|
/// (0 if computed lies in the enclosure). +inf if computed is NaN or the exact value is 0 (or an
/// infinity) and computed differs. Example: relative_error(1.0 + 0x1p-52, oracle(1.0)) == 0x1p-52.
[[nodiscard]] inline double relative_error(double computed, const result& reference) {
  const double inf = std::numeric_limits<double>::infinity();
  if (std::isnan(computed)) return inf;
  if (reference.exact || reference.lo == reference.hi) {
    const double x = reference.value;
    if (computed == x) return 0.0;
    if (x == 0.0 || std::isinf(x)) return inf;
    return static_cast<double>(std::fabs((static_cast<long double>(computed) - x) / x));
  }
  if (computed >= reference.lo && computed <= reference.hi) return 0.0;
  // The nearer end of the enclosure; the exact value lies beyond it, so this is a lower bound of
  // the true relative error that differs from it by at most one ulp of the reference.
  const double x = computed < reference.lo ? reference.lo : reference.hi;
  if (x == 0.0 || std::isinf(x)) return inf;
  return static_cast<double>(std::fabs((static_cast<long double>(computed) - x) / x));
}

/// Number of correct significant decimal digits: -log10(relative_error), capped at the digits that
/// identify a number of the reference's format (17 binary64, 9 binary32, 5 binary16, 4 bfloat16). 0
/// for a NaN, or a value of the other sign. Example: correct_digits(0.1, oracle(0.1)) == 17.
[[nodiscard]] inline double correct_digits(double computed, const result& reference) {
  const double cap = traits(reference.fmt).max_digits;
  if (std::isnan(computed)) return 0.0;
  if ((computed < 0 && reference.lo > 0) || (computed > 0 && reference.hi < 0)) return 0.0;
  const double e = relative_error(computed, reference);
  if (e == 0.0) return cap;
  const double d = -std::log10(e);
  if (!(d > 0)) return 0.0;
  return d < cap ? d : cap;
}

} // namespace gibbs::oracle

#endif // GIBBS_ORACLE_COMPARE_HPP
