// Property tests in float: every law over the random cases (laws.hpp), inputs drawn in double and
// re-normalised in float, and the error of every measure against MPFR references computed with a
// different formula (accuracy.hpp).
#include "accuracy.hpp"
#include "laws.hpp"

GIBBS_LAW_TEST_CASES("[property][float]", float)

TEST_CASE("float: error of every measure against MPFR, in ulps", "[property][float][accuracy]") {
  // H, H(p,q), KL, JS, TV, NLL. Measured maxima (fixed seed, n ≤ 10^4 for the references):
  // 1.00, 0.63, 1.50, 1.49, 0.66, 1.05 ulp; the bounds are those of double (about twice).
  gibbs_test::check_accuracy<float>("float", {3, 3, 5, 5, 2, 3});
}
