// Property tests in binary128 (GCC's __float128, g++ only): every law over the random cases
// (laws.hpp) and the error of every measure against MPFR references (accuracy.hpp).
// The type is boost::multiprecision::float128 made a constexpr gibbs number type by
// gibbs/number/float128.hpp (correctly rounded log & co.).
#if defined(GIBBS_HAS_FLOAT128) && GIBBS_HAS_FLOAT128
#include <gibbs/number/float128.hpp>
using float128 = boost::multiprecision::float128;

#include "accuracy.hpp"
#include "laws.hpp"

GIBBS_LAW_TEST_CASES("[property][float128]", float128)

TEST_CASE("float128: error of every measure against MPFR, in ulps",
          "[property][float128][accuracy]") {
  // H, H(p,q), KL, JS, TV, NLL. Measured maxima (fixed seed, n ≤ 10^3): 0.71, 1.19, 1.71, 2.20,
  // 0.54, 0.98 ulp; the bounds are those of double (about twice).
  gibbs_test::check_accuracy<float128>("float128", {3, 3, 5, 5, 2, 3});
}
#else
#include <catch2/catch.hpp>
TEST_CASE("float128 is not available with this compiler", "[property][float128]") {
  WARN("GIBBS_HAS_FLOAT128 is not defined: no float128 property tests");
}
#endif
