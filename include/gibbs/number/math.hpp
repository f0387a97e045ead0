// gibbs/number/math.hpp: the elementary functions the measures call: gibbs::log, log1p, exp, expm1,
// log1pmx. PROVISIONAL implementation (faithful, not yet correctly rounded) that the number layer
// replaces; the names and signatures here are the contract the measures rely on.
#ifndef GIBBS_NUMBER_MATH_HPP
#define GIBBS_NUMBER_MATH_HPP

#include "gibbs/number/real.hpp"

#include <cmath>
#include <limits>
#include <type_traits>

namespace gibbs {
namespace detail::provisional {

template <class T>
constexpr T ln2 = T(0.693147180559945309417232121458176568L);

// x = m * 2^e with m in [sqrt(1/2), sqrt(2)), x finite and > 0.
template <class T>
constexpr T reduce(T x, int& e) {
  e = 0;
  while (x >= T(1) * 1.4142135623730950488L) {
    T s = 2;
    int k = 1;
    while (x >= s * s && k < 8192) {
      s *= s;
      k *= 2;
    }
    x /= s;
    e += k;
  }
  while (x < T(0.70710678118654752440L)) {
    T s = 2;
    int k = 1;
    while (x * s * s < T(1) && k < 8192) {
      s *= s;
      k *= 2;
    }
    x *= s;
    e -= k;
  }
  return x;
}

template <class T>
constexpr T log(T x) {
  if (x != x) return x;
  if (x < 0) return std::numeric_limits<T>::quiet_NaN();
  if (x == 0) return -std::numeric_limits<T>::infinity();
  if (x == std::numeric_limits<T>::infinity()) return x;
  int e = 0;
  const T m = reduce(x, e);
  const T s = (m - 1) / (m + 1);
  const T s2 = s * s;
  T term = s, sum = 0;
  for (int k = 1; k < 200; k += 2) {
    const T next = sum + term / k;
    if (next == sum) break;
    sum = next;
    term *= s2;
  }
  return 2 * sum + T(e) * ln2<T>;
}

template <class T>
constexpr T log1p(T x) {
  if (x != x) return x;
  const T u = T(1) + x;
  if (u == T(1)) return x;
  if (u == std::numeric_limits<T>::infinity()) return u;
  return log(u) * (x / (u - T(1)));
}

template <class T>
constexpr T log1pmx(T x) {
  if (x > T(-0.25) && x < T(0.25)) {
    T p = x * x, sum = 0;
    for (int k = 2; k < 400; ++k) {
      const T next = sum + ((k % 2 == 0) ? -p : p) / k;
      if (next == sum) break;
      sum = next;
      p *= x;
    }
    return sum;
  }
  return log1p(x) - x;
}

template <class T>
constexpr T expm1_small(T r) { // |r| <= ln2/2
  T term = r, sum = 0;
  for (int k = 2; k < 200; ++k) {
    const T next = sum + term;
    if (next == sum) break;
    sum = next;
    term *= r / k;
  }
  return sum;
}

template <class T>
constexpr T exp(T x) {
  if (x != x) return x;
  if (x > T(11356.6)) return std::numeric_limits<T>::infinity();
  if (x < T(-11400)) return T(0);
  const long k = static_cast<long>(x / ln2<T> + (x < 0 ? T(-0.5) : T(0.5)));
  const T r = x - T(k) * ln2<T>;
  T y = T(1) + expm1_small(r);
  long kk = k;
  while (kk > 0) {
    y *= 2;
    --kk;
  }
  while (kk < 0) {
    y /= 2;
    ++kk;
  }
  return y;
}

template <class T>
constexpr T expm1(T x) {
  if (x > T(-0.34) && x < T(0.34)) return expm1_small(x);
  return exp(x) - T(1);
}

} // namespace detail::provisional

#define GIBBS_DETAIL_MATH_FN(name)                                                                 \
  template <real T>                                                                                \
  [[nodiscard]] constexpr T name(const T& x) {                                                     \
    if constexpr (number_traits<T>::constexpr_math) {                                              \
      return detail::provisional::name(x);                                                         \
    } else {                                                                                       \
      using std::name;                                                                             \
      return T(name(x));                                                                           \
    }                                                                                              \
  }

/// Natural logarithm. log(0) = -inf, log(x<0) = NaN.
GIBBS_DETAIL_MATH_FN(log)
/// log(1 + x), accurate for small x.
GIBBS_DETAIL_MATH_FN(log1p)
/// e^x.
GIBBS_DETAIL_MATH_FN(exp)
/// e^x - 1, accurate for small x.
GIBBS_DETAIL_MATH_FN(expm1)
#undef GIBBS_DETAIL_MATH_FN

/// log1p(x) - x without cancellation for small x (the kernel of the non-cancelling KL form).
template <real T>
[[nodiscard]] constexpr T log1pmx(const T& x) {
  if constexpr (number_traits<T>::constexpr_math) {
    return detail::provisional::log1pmx(x);
  } else {
    using std::log1p;
    return T(log1p(x) - x);
  }
}

} // namespace gibbs

#endif // GIBBS_NUMBER_MATH_HPP
