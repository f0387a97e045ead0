// Property tests in Boost.Multiprecision's mpfr_float at 77 decimal digits (MPFR precision
// 256+ bits, expression templates off): every law over the random cases (laws.hpp; n up to 10^4
// for time) and the error of every measure against MPFR references computed at digits + 40 bits
// with a different formula (accuracy.hpp).
#if __has_include(<gibbs/number/multiprecision.hpp>)
#include <gibbs/number/multiprecision.hpp>
#endif
#include <boost/multiprecision/mpfr.hpp>

#include "accuracy.hpp"
#include "laws.hpp"

using mpfr_256 = boost::multiprecision::number<boost::multiprecision::mpfr_float_backend<77>,
                                               boost::multiprecision::et_off>;

GIBBS_LAW_TEST_CASES("[property][mpfr_float]", mpfr_256)

TEST_CASE("mpfr_float (77 digits): error of every measure against MPFR, in ulps",
          "[property][mpfr_float][accuracy]") {
  // Bounds in ulps, in the order H, H(p,q), KL (and reverse KL), JS, TV, NLL. Measured maxima
  // against the MPFR references of accuracy.hpp, over the fixed seed and GIBBS_SEED = 1…30 (about
  // 110 pairs each, n ≤ 10^3): H 1.39, H(p,q) 1.34, KL 3.47, JS 5.48, TV 0.87, NLL 1.48 (fixed
  // seed alone: 0.72, 0.93, 2.22, 1.60, 0.76, 1.12). Each bound is about 1.5 to 2 times the
  // maximum. KL and JS were unchecked ([!mayfail]) while gibbs::log1pmx was log1p(x) − x for
  // these types (10^15+ ulps on near-equal pairs); the atanh series of gibbs/number/math.hpp
  // (4668e6f) fixed that.
  gibbs_test::check_accuracy<mpfr_256>("mpfr_float (77 digits)", {3, 3, 6, 8, 2, 3});
}
