// gibbs/number/float128.hpp: boost::multiprecision::float128 (GCC's __float128) as a constexpr
// number type of gibbs: correctly rounded constexpr log, log1p, exp, expm1, log1pmx through the
// fixed-point path (detail/fallback.hpp), as for long double.
//
// __float128 is a GCC extension, so this header is only active when GIBBS_HAS_FLOAT128 is 1,
// which it is by default on g++ (not on clang++). Link with -lquadmath; Boost's header may need
// -fext-numeric-literals for its own literals.
#ifndef GIBBS_NUMBER_FLOAT128_HPP
#define GIBBS_NUMBER_FLOAT128_HPP

#ifndef GIBBS_HAS_FLOAT128
#if defined(__GNUC__) && !defined(__clang__)
#define GIBBS_HAS_FLOAT128 1
#else
#define GIBBS_HAS_FLOAT128 0
#endif
#endif

#if GIBBS_HAS_FLOAT128

#include "gibbs/number/math.hpp"
#include "gibbs/number/real.hpp"

#include <boost/multiprecision/float128.hpp>

namespace gibbs {

template <>
struct number_traits<boost::multiprecision::float128> {
  static constexpr bool constexpr_math = true;
  static constexpr bool is_interval = false;
  static constexpr bool is_builtin_binary = false;
};

} // namespace gibbs

#endif // GIBBS_HAS_FLOAT128

#endif // GIBBS_NUMBER_FLOAT128_HPP
