// gibbs/number/detail/generic.hpp: glue shared by log.hpp and exp.hpp: the primitive type an
// argument decomposes into, its exact expansion, and the Ziv driver for every target type.
#ifndef GIBBS_NUMBER_DETAIL_GENERIC_HPP
#define GIBBS_NUMBER_DETAIL_GENERIC_HPP

#include "gibbs/number/detail/fallback.hpp"
#include "gibbs/number/double_double.hpp"

#include <bit>
#include <cstdint>
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

/// |x| as its primitive type; for double_double |hi|, the magnitude of its larger part.
template <class T>
[[nodiscard]] constexpr typename primitive<T>::type lead_abs(const T& x) {
  if constexpr (std::is_same_v<T, double_double>) {
    return x.hi < 0 ? -x.hi : x.hi;
  } else {
    return x < T(0) ? T(-x) : x;
  }
}

/// RN(hi + lo + dir * eps) for a normalised pair (hi = RN(hi + lo)), dir = +-1 and an eps > 0
/// below 2^-1081 |hi|... of no other effect than breaking a tie: the sum differs from hi + lo by
/// less than any spacing, so the result is hi unless hi + lo is exactly the midpoint between hi
/// and its neighbour hi + 2 lo, in which case the side is given by dir.
[[nodiscard]] constexpr double rn_perturbed(double hi, double lo, int dir) {
  if (lo == 0.0 || !is_finite(hi) || hi == 0.0) return hi;
  const std::uint64_t b = std::bit_cast<std::uint64_t>(hi);
  const bool away = (lo > 0) == (hi > 0); // neighbour farther from zero
  const double nb = std::bit_cast<double>(away ? b + 1 : b - 1);
  if (nb - hi != 2.0 * lo) return hi; // not a tie
  return (dir > 0) == (lo > 0) ? nb : hi;
}

/// The double-double (RN(f), RN(f - RN(f))) of f = x + dir * eps, 0 < eps < 2^-1081, for x with
/// |x_hi| <= 2^-540: the perturbation is below half the least subnormal, so it only breaks ties.
[[nodiscard]] constexpr double_double dd_tiny(const double_double& x, int dir) {
  const double h = rn_perturbed(x.hi, x.lo, dir);
  if (h != x.hi) return double_double(h, -x.lo);  // f - h = -lo + dir * eps
  if (x.lo != 0.0) return double_double(h, x.lo); // lo is on the subnormal grid
  return double_double(h, dir < 0 ? -0.0 : 0.0);
}

/// Precision p of T for the tiny-argument shortcuts (106 for double_double, see log.hpp).
template <class T>
inline constexpr int digits_of = std::numeric_limits<T>::digits;

} // namespace gibbs::detail

#endif // GIBBS_NUMBER_DETAIL_GENERIC_HPP
