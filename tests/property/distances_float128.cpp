// Property tests of total variation, Hellinger, χ² and the Rényi divergences in float128 (GCC's
// __float128 through Boost.Multiprecision): the laws of gibbs/property/distance.hpp over the
// random pairs (distances.hpp) and the error against MPFR references computed with the textbook
// formulas (tests/support/reference.hpp).
#include <gibbs/number/float128.hpp>

#include "distances.hpp"

TEST_CASE("distances: laws in float128", "[property][distances][float128]") {
  gibbs_test::distances::check_laws<boost::multiprecision::float128>("float128", 1000);
}

// Measured maxima over the fixed seed: hellinger 1.14, chi_squared 0.84, renyi 75 ulp (at
// α = 0.999, where the parts of S − 1 are divided by α − 1); the bounds leave margin.
TEST_CASE("distances: float128 error against MPFR, in ulps",
          "[property][distances][float128][accuracy]") {
  gibbs_test::distances::check_accuracy<boost::multiprecision::float128>("float128", 100,
                                                                         {3, 3, 128});
}
