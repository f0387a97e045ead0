// Property tests in long double (x87 80-bit, 64-bit significand): every law over the random cases
// (laws.hpp, n ≤ 10^3: the library's long double path is a slower software one) and the error of
// every measure against MPFR references computed with a different formula (accuracy.hpp).
#include "accuracy.hpp"
#include "laws.hpp"

GIBBS_LAW_TEST_CASES("[property][long double]", long double)

TEST_CASE("long double: error of every measure against MPFR, in ulps",
          "[property][long double][accuracy]") {
  // H, H(p,q), KL, JS, TV, NLL. Measured maxima (fixed seed): 0.99, 1.02, 1.79, 1.64, 0.66, 1.11
  // ulp; the bounds are those of double (about twice). p ≪ q KL cancellations: see double.cpp.
  gibbs_test::check_accuracy<long double>("long double", {3, 3, 5, 5, 2, 3});
}
