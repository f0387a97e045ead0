// tests/support/functions.hpp: the elementary functions of gibbs/number/math.hpp by name, for the
// tests and tools that run one check over each of them (gibbs::log, log1p, exp, expm1, log1pmx on
// any number type the functions accept: the built-in floats, double_double, float128, binary16,
// bfloat16, Boost's mpfr_float and mpfi_float).
#ifndef GIBBS_TESTS_SUPPORT_FUNCTIONS_HPP
#define GIBBS_TESTS_SUPPORT_FUNCTIONS_HPP

#include "gibbs/number/math.hpp"

#include <array>
#include <cstddef>

namespace gibbs_test {

/// The elementary functions of gibbs/number/math.hpp.
enum class fn { log, log1p, exp, expm1, log1pmx };

/// Every fn, in declaration order, and their names (indexed by the enum's value).
inline constexpr std::array<fn, 5> all_fns{fn::log, fn::log1p, fn::exp, fn::expm1, fn::log1pmx};
inline constexpr std::array<const char*, 5> fn_names{"log", "log1p", "exp", "expm1", "log1pmx"};

/// The name of f ("log1pmx").
[[nodiscard]] constexpr const char* name(fn f) {
  return fn_names[static_cast<std::size_t>(f)];
}

/// gibbs::f(x): f chosen at run time (or in a constant expression for the constexpr types).
template <class T>
[[nodiscard]] constexpr T call(fn f, const T& x) {
  switch (f) {
  case fn::log:
    return gibbs::log(x);
  case fn::log1p:
    return gibbs::log1p(x);
  case fn::exp:
    return gibbs::exp(x);
  case fn::expm1:
    return gibbs::expm1(x);
  case fn::log1pmx:
    return gibbs::log1pmx(x);
  }
  return x;
}

} // namespace gibbs_test

#endif // GIBBS_TESTS_SUPPORT_FUNCTIONS_HPP
