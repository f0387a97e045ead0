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

TEST_CASE("mpfr_float (77 digits): error of H, H(p,q), TV and NLL against MPFR, in ulps",
          "[property][mpfr_float][accuracy]") {
  using gibbs_test::unchecked;
  // H, H(p,q), KL, JS, TV, NLL. Measured maxima (fixed seed, n ≤ 10^3):
  // H 0.72, H(p,q) 0.93, TV 0.76, NLL 1.12 ulp; the bounds of double.
  gibbs_test::check_accuracy<mpfr_256>("mpfr_float (77 digits)",
                                       {3, 3, unchecked, unchecked, 2, 3});
}

// BUG (reported to the lead and the number layer): for number types without constexpr gibbs math
// (Boost's float128, cpp_bin_float, mpfr_float) gibbs::log1pmx(x) falls back to log1p(x) − x,
// which cancels for small x: its absolute error ε·|x| is relative ε/|x| of the true −x²/2. KL and
// JS evaluate φ(u) = u·log1p(u) + log1pmx(u) with u = (p − q)/q, so near-equal pairs lose
// everything below ε/u. Input: p = [1/2, 1/2], q = [1/2 + 2^-53, 1/2 − 2^-53] converted to T;
// exact KL ≈ 2^-105 (MPFR), and T's KL is off by ~ε(T)·2^-52 absolute, 10^15+ ulps of T.
// Marked [!mayfail] until gibbs/number/multiprecision.hpp gives these types a log1pmx that does
// not cancel (a series for |x| < 1/4, as the constexpr path has).
TEST_CASE("mpfr_float (77 digits): error of KL and JS against MPFR, in ulps",
          "[property][mpfr_float][accuracy][!mayfail]") {
  using gibbs_test::unchecked;
  gibbs_test::check_accuracy<mpfr_256>("mpfr_float (77 digits)",
                                       {unchecked, unchecked, 5, 5, unchecked, unchecked});
}
