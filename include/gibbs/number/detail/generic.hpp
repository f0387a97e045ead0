// gibbs/number/detail/generic.hpp: glue shared by log.hpp and exp.hpp: the primitive type an
// argument decomposes into, its exact expansion, and the Ziv driver for every target type.
#ifndef GIBBS_NUMBER_DETAIL_GENERIC_HPP
#define GIBBS_NUMBER_DETAIL_GENERIC_HPP

#include "gibbs/number/detail/fallback.hpp"
#include "gibbs/number/double_double.hpp"

#include <limits>
#include <type_traits>

namespace gibbs::detail {

/// The binary type whose numbers make up a T: T itself, double for double_double.
template <class T>
struct primitive {
  using type = T;
};
template <>
struct primitive<double_double> {
  using type = double;
};

template <class T>
[[nodiscard]] constexpr expansion<typename primitive<T>::type> to_expansion(const T& x) {
  expansion<typename primitive<T>::type> e;
  if constexpr (std::is_same_v<T, double_double>) {
    e.c[0] = x.hi;
    e.c[1] = x.lo;
    e.n = 2;
  } else {
    e.c[0] = x;
    e.n = 1;
  }
  return e;
}

/// Runs Ziv's loop of the fallback for target T.
template <class T, class Fn>
[[nodiscard]] constexpr T correctly_rounded(Fn fn) {
  if constexpr (std::is_same_v<T, double_double>) {
    const auto r = ziv_dd(fn);
    return double_double(r[0], r[1]);
  } else {
    return ziv<T>(fn);
  }
}

/// The magnitude of the leading part (hi for double_double), as its primitive type.
template <class T>
[[nodiscard]] constexpr typename primitive<T>::type lead_abs(const T& x) {
  if constexpr (std::is_same_v<T, double_double>) {
    return x.hi < 0 ? -x.hi : x.hi;
  } else {
    return x < T(0) ? T(-x) : x;
  }
}

/// Precision p of T for the tiny-argument shortcuts (106 for double_double, see log.hpp).
template <class T>
inline constexpr int digits_of = std::numeric_limits<T>::digits;

} // namespace gibbs::detail

#endif // GIBBS_NUMBER_DETAIL_GENERIC_HPP
