// gibbs/measure/detail/sqrt.hpp: the square root the measures use (Hellinger distance), constexpr
// and correctly rounded for the IEEE binary types, accurate for double_double, and the type's own
// (rigorous for intervals) elsewhere.
//
// Binary types (float, double, long double, float128): x = m·2^e with m in [1/2, 2) and e even
// (exact scaling), Newton's iteration y ← (y + m/y)/2 from y0 = (1 + m)/2 ≥ √m (relative error
// ≤ 6.1%, squared by each step: 6 steps reach 2^-160, more than the 113 bits of float128), then a
// rounding test that makes the result exact: y = RN(√m) iff y⁻·y < m ≤ y·y⁺, y⁻ and y⁺ the
// neighbours of y (Tuckerman's test: m and the products lie on the grid of 2^-2p, and the squares
// of the midpoints y ± ulp/2 are the products plus ulp²/4, less than one grid step, so comparing m
// with the products decides on which side of the midpoint √m lies; √m is never a midpoint). The
// products are exact (Dekker's TwoProduct with Veltkamp's split, valid for every precision in
// radix 2) and m − y·y⁺ is compared exactly as (m − hi) against lo, m − hi being exact (Sterbenz).
// double_double: s = √hi correctly rounded in double, then one Newton correction
// s + (x − s²)/(2s) with s² exact: relative error below 2^-104.
// Other types (Boost.Multiprecision, intervals): number_traits<T>::sqrt if the number layer
// supplies one, else the type's sqrt found by ADL (Boost's mpfi_float: mpfi_sqrt, an enclosure).
#ifndef GIBBS_MEASURE_DETAIL_SQRT_HPP
#define GIBBS_MEASURE_DETAIL_SQRT_HPP

#include "gibbs/number/detail/bits.hpp"
#include "gibbs/number/double_double.hpp"
#include "gibbs/number/real.hpp"

#include <cmath>
#include <limits>
#include <type_traits>

namespace gibbs::detail {

/// Exact product a·b = hi + lo (Dekker) for a binary type of p digits, |a|, |b| near 1.
template <class T>
struct exact_product {
  T hi;
  T lo;
};

template <class T>
[[nodiscard]] constexpr exact_product<T> dekker_product(const T& a, const T& b) {
  constexpr int s = (std::numeric_limits<T>::digits + 1) / 2;
  const T c = pow2<T>(s) + T(1);
  const T ca = c * a, cb = c * b;
  const T ah = ca - (ca - a), al = a - ah;
  const T bh = cb - (cb - b), bl = b - bh;
  const T h = a * b;
  return {h, ((ah * bh - h) + ah * bl + al * bh) + al * bl};
}

/// Sign of m − a·b (−1, 0, +1), exactly, for a·b within a factor 2 of m.
template <class T>
[[nodiscard]] constexpr int compare_with_product(const T& m, const T& a, const T& b) {
  const exact_product<T> ab = dekker_product(a, b);
  const T d = m - ab.hi; // exact: ab.hi is within a factor 2 of m (Sterbenz)
  if (d > ab.lo) return 1;
  if (d < ab.lo) return -1;
  return 0;
}

/// RN(√x) for a finite x > 0 of an IEEE binary type.
template <class T>
[[nodiscard]] constexpr T sqrt_binary(const T& x) {
  constexpr int p = std::numeric_limits<T>::digits;
  T m = x;
  int e = exponent_by_search(m); // x = m·2^e, m in [1/2, 1), exact
  if (e % 2 != 0) {
    m = m * T(2);
    e -= 1;
  }
  T y = (T(1) + m) * T(0.5);
  for (int k = 0; k < 6; ++k)
    y = (y + m / y) * T(0.5);
  const T below_one = pow2<T>(-p), above_one = pow2<T>(1 - p); // ulp in [1/2, 1) and [1, 2)
  for (int k = 0; k < 4; ++k) {
    const T up = y < T(1) ? y + below_one : y + above_one;
    const T down = y > T(1) ? y - above_one : y - below_one;
    if (compare_with_product(m, down, y) <= 0) {
      y = down;
    } else if (compare_with_product(m, y, up) > 0) {
      y = up;
    } else {
      break;
    }
  }
  return scale2(y, e / 2);
}

/// √x: correctly rounded for float, double, long double and float128 (constexpr); relative error
/// below 2^-104 for double_double (constexpr); the type's own sqrt otherwise. √(±0) = ±0,
/// √(+∞) = +∞; x < 0 and NaN give NaN.
template <real T>
[[nodiscard]] constexpr T square_root(const T& x) {
  if constexpr (std::is_same_v<T, double_double>) {
    if (!(x.hi > 0.0) || is_inf(x.hi)) return double_double(square_root(x.hi));
    const double s = sqrt_binary(x.hi);
    const dd_pair sq = two_prod(s, s);
    const double r = ((x.hi - sq.hi) - sq.lo) + x.lo; // x.hi − sq.hi is exact (Sterbenz)
    return double_double::normalise(s, r / (2.0 * s));
  } else if constexpr (number_traits<T>::constexpr_math && std::numeric_limits<T>::is_iec559
                       && std::numeric_limits<T>::radix == 2) {
    if (is_nan(x) || x < T(0)) return std::numeric_limits<T>::quiet_NaN();
    if (x == T(0) || is_inf(x)) return x;
    return sqrt_binary(x);
  } else if constexpr (requires { number_traits<T>::sqrt(x); }) {
    return T(number_traits<T>::sqrt(x));
  } else {
    using std::sqrt;
    return T(sqrt(x));
  }
}

} // namespace gibbs::detail

#endif // GIBBS_MEASURE_DETAIL_SQRT_HPP
