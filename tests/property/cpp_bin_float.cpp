// Property tests in boost::multiprecision::cpp_bin_float_50 (166 bits): every law over the random
// cases (laws.hpp; n up to 10^3 for time) and the error of every measure against MPFR references
// computed at 206+ bits with a different formula (accuracy.hpp).
#if __has_include(<gibbs/number/multiprecision.hpp>)
#include <gibbs/number/multiprecision.hpp>
#endif
#include <boost/multiprecision/cpp_bin_float.hpp>

#include "accuracy.hpp"
#include "laws.hpp"

using cpp_bin_float_50 = boost::multiprecision::cpp_bin_float_50;

GIBBS_LAW_TEST_CASES("[property][cpp_bin_float_50]", cpp_bin_float_50)

TEST_CASE("cpp_bin_float_50: error of H, H(p,q), TV and NLL against MPFR, in ulps",
          "[property][cpp_bin_float_50][accuracy]") {
  using gibbs_test::unchecked;
  // H, H(p,q), KL, JS, TV, NLL. Measured maxima (fixed seed, n ≤ 10^3):
  // H 4.53, H(p,q) 3.15, TV 0.72, NLL 6.26 ulp (Boost's log for
  // cpp_bin_float is not correctly rounded); bounds about 2.5 times those.
  gibbs_test::check_accuracy<cpp_bin_float_50>("cpp_bin_float_50",
                                               {12, 12, unchecked, unchecked, 2, 16});
}

// BUG (reported to the lead and the number layer): for number types without constexpr gibbs math
// (Boost's float128, cpp_bin_float, mpfr_float) gibbs::log1pmx(x) falls back to log1p(x) − x,
// which cancels for small x: its absolute error ε·|x| is relative ε/|x| of the true −x²/2. KL and
// JS evaluate φ(u) = u·log1p(u) + log1pmx(u) with u = (p − q)/q, so near-equal pairs lose
// everything below ε/u. Input: p = [1/2, 1/2], q = [1/2 + 2^-53, 1/2 − 2^-53] converted to T;
// exact KL ≈ 2^-105 (MPFR), and T's KL is off by ~ε(T)·2^-52 absolute, 10^15+ ulps of T.
// Marked [!mayfail] until gibbs/number/multiprecision.hpp gives these types a log1pmx that does
// not cancel (a series for |x| < 1/4, as the constexpr path has).
TEST_CASE("cpp_bin_float_50: error of KL and JS against MPFR, in ulps",
          "[property][cpp_bin_float_50][accuracy][!mayfail]") {
  using gibbs_test::unchecked;
  gibbs_test::check_accuracy<cpp_bin_float_50>("cpp_bin_float_50",
                                               {unchecked, unchecked, 5, 5, unchecked, unchecked});
}
