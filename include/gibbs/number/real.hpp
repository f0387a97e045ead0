// gibbs/number/real.hpp: the `real` concept every measure is generic over, and the traits that tell
// the measures what a number type can do (constexpr evaluation, machine epsilon, interval-ness).
#ifndef GIBBS_NUMBER_REAL_HPP
#define GIBBS_NUMBER_REAL_HPP

#include <concepts>
#include <limits>
#include <type_traits>

namespace gibbs {

/// A type the measures can be instantiated with: a field with an order and a `numeric_limits`
/// specialisation. float, double, long double, float128, gibbs::double_double and the
/// Boost.Multiprecision floating and interval types model it.
template <class T>
concept real = std::numeric_limits<T>::is_specialized && requires(const T& a, const T& b) {
  {a + b};
  {a - b};
  {a * b};
  {a / b};
  { a < b } -> std::convertible_to<bool>;
  T(1);
};

/// Traits of a number type. Specialised by the number layer for the types it knows.
template <class T>
struct number_traits {
  /// true when gibbs::log & co. are constexpr for T (the built-in binary types, float128,
  /// double_double)
  static constexpr bool constexpr_math = std::is_floating_point_v<T>;
  /// true for interval types (mpfi_float): the measures then avoid branches that truncate series
  static constexpr bool is_interval = false;
  /// true for the IEEE binary types whose bit pattern the number layer decomposes
  static constexpr bool is_builtin_binary = std::is_floating_point_v<T>;
};

/// Machine epsilon of T as a T (2^(1-digits) for binary types).
template <real T>
[[nodiscard]] constexpr T epsilon_of() {
  return std::numeric_limits<T>::epsilon();
}

} // namespace gibbs

#endif // GIBBS_NUMBER_REAL_HPP
