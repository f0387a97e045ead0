// gibbs/verify/decimal.hpp: numbers spelled as template arguments, so that a compile error can
// show them. g++ 12 and clang++ 14 print integer template arguments in their diagnostics, but
// clang++ 14 has no floating-point template arguments (and prints a character array as its
// codes), so a number x is shown as decimal<M, E>, x = M·10^E, M an integer of at most 17
// significant digits (9 for float): enough to give back the same double (float) when read.
#ifndef GIBBS_VERIFY_DECIMAL_HPP
#define GIBBS_VERIFY_DECIMAL_HPP

#include "gibbs/number/detail/bits.hpp"
#include "gibbs/number/double_double.hpp"

#include <cstddef>
#include <limits>
#include <type_traits>

namespace gibbs::verify {

/// M·10^E. Example: 0.125 is decimal<125, -3>, -0.1 is decimal<-10000000000000001, -17>.
template <long long M, int E>
struct decimal {};
/// +∞ (Sign = 1) or −∞ (Sign = -1).
template <int Sign>
struct infinity {};
/// Not a number.
struct not_a_number {};
/// −0 (decimal<0, 0> is +0).
struct negative_zero {};

namespace detail {

/// x as (kind, M, E): kind 0 finite (x = M·10^E), 1 ±∞ (M = the sign), 2 NaN, 3 −0.
struct decimal_parts {
  int kind = 0;
  long long m = 0;
  int e = 0;
};

[[nodiscard]] constexpr double_double pow10_dd(int n) {
  double_double r(1.0), b(10.0);
  for (; n > 0; n >>= 1) {
    if ((n & 1) != 0) r = r * b;
    if (n > 1) b = b * b; // not past the last use: 10^512 would overflow
  }
  return r;
}

/// x rounded to `digits` significant decimal digits (17 for double, 9 for float), trailing zeros
/// removed. The scaling by a power of ten is done in double-double (relative error below 2^-95),
/// so the digits are those of x except when x lies within 2^-95 of a rounding boundary of them.
template <class T>
[[nodiscard]] constexpr decimal_parts to_decimal(const T& value) {
  const double x = static_cast<double>(value);
  if (gibbs::detail::is_nan(x)) return {2, 0, 0};
  if (gibbs::detail::is_inf(x)) return {1, x > 0 ? 1 : -1, 0};
  if (x == 0) return {gibbs::detail::sign_bit(x) ? 3 : 0, 0, 0};
  const int digits = std::is_same_v<T, float> ? 9 : 17;
  const bool neg = x < 0;
  double a = neg ? -x : x;
  int e10 = 0;
  // bring a into [10^(digits-1), 10^digits)
  double_double v(a);
  if (a < 1e-250) { // subnormal or nearly: scale up exactly first
    v = v * pow10_dd(300);
    e10 -= 300;
  }
  const double_double lo = pow10_dd(digits - 1), hi = pow10_dd(digits);
  // decimal exponent estimate from the value (an estimate; corrected below)
  int k = 0;
  for (double t = v.hi; t >= 10.0; t /= 10.0)
    ++k;
  for (double t = v.hi; t < 1.0; t *= 10.0)
    --k;
  const int shift = digits - 1 - k;
  v = shift >= 0 ? v * pow10_dd(shift) : v / pow10_dd(-shift);
  e10 -= shift;
  while (v < lo) {
    v = v * double_double(10.0);
    --e10;
  }
  while (!(v < hi)) {
    v = v / double_double(10.0);
    ++e10;
  }
  // nearest integer to v = hi + lo (v < 10^17 < 2^57): integer and fractional parts of each
  // component are exact; their fractions add up to less than 2 in magnitude
  const auto ih = static_cast<long long>(v.hi), il = static_cast<long long>(v.lo);
  const double frac = (v.hi - static_cast<double>(ih)) + (v.lo - static_cast<double>(il));
  long long m = ih + il;
  while (frac - static_cast<double>(m - ih - il) > 0.5
         || (frac - static_cast<double>(m - ih - il) == 0.5 && (m & 1) != 0))
    ++m;
  while (frac - static_cast<double>(m - ih - il) < -0.5
         || (frac - static_cast<double>(m - ih - il) == -0.5 && (m & 1) != 0))
    --m;
  if (m == (digits == 9 ? 1000000000LL : 100000000000000000LL)) {
    m /= 10;
    ++e10;
  }
  while (m != 0 && m % 10 == 0) {
    m /= 10;
    ++e10;
  }
  return {0, neg ? -m : m, e10};
}

template <int Kind, long long M, int E>
struct decimal_type {
  using type = decimal<M, E>;
};
template <long long M, int E>
struct decimal_type<1, M, E> {
  using type = infinity<static_cast<int>(M)>;
};
template <long long M, int E>
struct decimal_type<2, M, E> {
  using type = not_a_number;
};
template <long long M, int E>
struct decimal_type<3, M, E> {
  using type = negative_zero;
};

} // namespace detail

/// The type spelling the number A[I], A an array of detail::decimal_parts with static storage.
template <const auto& A, std::size_t I>
using spelled_at = typename detail::decimal_type<A[I].kind, A[I].m, A[I].e>::type;

} // namespace gibbs::verify

#endif // GIBBS_VERIFY_DECIMAL_HPP
