// tests/number/test_mpfi.cpp: gibbs::log1p, expm1 and log1pmx on Boost's mpfi_float are rigorous
// enclosures: the interval they return contains the true value, and (for point arguments) it is
// only a few ulps wide, also where log1p(x) − x would cancel (tiny x).
//
// Reference values: GNU MPFR (https://www.mpfr.org), independent of the code under test (MPFI's
// mpfi_log1p / mpfi_expm1 and the atanh series of gibbs/number/multiprecision.hpp). Each exact
// value v is bracketed by two 1000-bit numbers: MPFR's correctly rounded mpfr_log1p / mpfr_expm1
// at 1000 bits, rounded down and rounded up; for log1pmx, log1p(x) at 1600 + 2·|exponent of x|
// bits rounded down (up), then minus x rounded down (up) to 1000 bits. A decimal argument is itself
// bracketed by its 1600-bit roundings down and up, and the bracket of v follows from the
// monotonicity of the function on the side of 0 it lies. Since the enclosures under test have at
// most 336 bits, "the 1000-bit bracket lies inside the enclosure" is, short of a tie at 1600 bits,
// the same as "v lies inside the enclosure" — the check cannot pass a wrong enclosure, nor fail a
// right one that touches v within 2^-336.
#include "../support/functions.hpp"
#include "../support/mpfr.hpp"

#include "gibbs/number/multiprecision.hpp"

#include <catch2/catch.hpp>

#include <mpfi.h>
#include <mpfr.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

namespace {

namespace mp = boost::multiprecision;

using gibbs_test::call;
using gibbs_test::fn;
using gibbs_test::name;
using mpfr = gibbs_test::mp;

std::string str(mpfr_srcptr x) {
  char buf[128];
  mpfr_snprintf(buf, sizeof buf, "%.25Rg", x);
  return buf;
}

/// log1p(y) − y rounded in the direction rnd (MPFR_RNDD or MPFR_RNDU) to r's precision, through
/// log1p(y) rounded in the same direction at 1600 + 2·|exponent of y| bits: a bound of the exact
/// value on that side.
void log1pmx_bound(mpfr_ptr r, mpfr_srcptr y, mpfr_rnd_t rnd) {
  if (mpfr_zero_p(y)) {
    mpfr_set_zero(r, 1);
    return;
  }
  if (mpfr_inf_p(y) && mpfr_sgn(y) > 0) {
    mpfr_set_inf(r, -1);
    return;
  }
  const long e = mpfr_regular_p(y) ? mpfr_get_exp(y) : 0;
  mpfr l(1600 + 2 * std::abs(e));
  mpfr_log1p(l.get(), y, rnd);
  mpfr_sub(r, l.get(), y, rnd);
}

/// [lo, hi] (1000 bits each) holds f(x) for every x in [xl, xh] (a single argument, bracketed).
void reference_bracket(fn f, mpfr_srcptr xl, mpfr_srcptr xh, mpfr_ptr lo, mpfr_ptr hi) {
  mpfr_set_prec(lo, 1000);
  mpfr_set_prec(hi, 1000);
  switch (f) {
  case fn::log1p: // increasing
    mpfr_log1p(lo, xl, MPFR_RNDD);
    mpfr_log1p(hi, xh, MPFR_RNDU);
    break;
  case fn::expm1: // increasing
    mpfr_expm1(lo, xl, MPFR_RNDD);
    mpfr_expm1(hi, xh, MPFR_RNDU);
    break;
  case fn::log1pmx: // increasing on [−1, 0], decreasing on [0, ∞)
    if (mpfr_sgn(xh) <= 0) {
      log1pmx_bound(lo, xl, MPFR_RNDD);
      log1pmx_bound(hi, xh, MPFR_RNDU);
    } else {
      REQUIRE(mpfr_sgn(xl) >= 0); // brackets of single arguments never straddle 0
      log1pmx_bound(lo, xh, MPFR_RNDD);
      log1pmx_bound(hi, xl, MPFR_RNDU);
    }
    break;
  case fn::log: // not tested on mpfi_float here
  case fn::exp:
    FAIL("reference_bracket: no bracket for " << name(f));
    break;
  }
}

/// One argument x, held as its bracket [lo, hi] at 1600 bits (lo = hi when x is a double).
struct argument {
  mpfr lo{1600}, hi{1600};
  explicit argument(double d) {
    mpfr_set_d(lo.get(), d, MPFR_RNDN); // exact
    mpfr_set_d(hi.get(), d, MPFR_RNDN);
  }
  explicit argument(const std::string& decimal) {
    mpfr_set_str(lo.get(), decimal.c_str(), 10, MPFR_RNDD);
    mpfr_set_str(hi.get(), decimal.c_str(), 10, MPFR_RNDU);
  }
};

/// Checks that f(X) encloses f(x) for the arguments x named, and, when
/// `tight`, that the enclosure is at most 16 ulps of its precision wide (relative to its
/// magnitude), or exactly a point when the value is 0 or infinite.
template <class T>
void check(fn f, const T& arg, const std::vector<const argument*>& points, bool tight,
           const std::string& what) {
  const T e = call(f, arg);
  mpfi_srcptr E = e.backend().data();
  const mpfr_prec_t prec = mpfi_get_prec(E);
  mpfr lo(prec), hi(prec);
  mpfi_get_left(lo.get(), E);
  mpfi_get_right(hi.get(), E);
  INFO(name(f) << "(" << what << ") at " << prec << " bits = [" << str(lo.get()) << ", "
               << str(hi.get()) << "]");
  REQUIRE(mpfi_get_prec(arg.backend().data()) == prec); // the argument's precision
  REQUIRE(!mpfi_nan_p(E));
  for (const argument* x : points) {
    mpfr rlo(1000), rhi(1000);
    reference_bracket(f, x->lo.get(), x->hi.get(), rlo.get(), rhi.get());
    INFO("exact value in [" << str(rlo.get()) << ", " << str(rhi.get())
                            << "] for x = " << str(x->lo.get()));
    CHECK(mpfr_lessequal_p(lo.get(), rlo.get()));
    CHECK(mpfr_lessequal_p(rhi.get(), hi.get()));
  }
  if (!tight) return;
  if (!mpfr_regular_p(lo.get()) || !mpfr_regular_p(hi.get())) {
    CHECK(mpfr_equal_p(lo.get(), hi.get())); // an exact 0 or ∞: a point
    return;
  }
  // width ≤ 16 ulps: (hi − lo) ≤ 2^(4 − prec)·min(|lo|, |hi|)
  mpfr w(prec + 8), m(prec + 8);
  mpfr_sub(w.get(), hi.get(), lo.get(), MPFR_RNDU);
  mpfi_mig(m.get(), E);
  mpfr_mul_2si(m.get(), m.get(), 4 - prec, MPFR_RNDD);
  INFO("width " << str(w.get()) << ", 16 ulps of the smaller end " << str(m.get()));
  CHECK(mpfr_lessequal_p(w.get(), m.get()));
}

/// Point arguments (exact doubles: the interval is a single point at any precision ≥ 53 bits).
const std::vector<double>& point_arguments(fn f) {
  static const std::vector<double> common{0.0,
                                          0x1p-1074,
                                          -0x1p-1074,
                                          1e-300,
                                          -1e-300,
                                          0x1p-1000,
                                          1e-20,
                                          -3e-17,
                                          1e-8,
                                          -1e-5,
                                          0.01,
                                          0.1,
                                          -0.25,
                                          0.4999999999999999,
                                          0.5,
                                          -0.5,
                                          0.5000000000000001,
                                          -0.5000000000000001,
                                          0.75,
                                          -0.75,
                                          1.0,
                                          3.0};
  static std::vector<double> logs = [] {
    std::vector<double> v = common;
    for (double x :
         {-0.9, -0.999999, -0x1.fffffffffffffp-1, 10.0, 1e5, 1e300, 0x1.fffffffffffffp1023})
      v.push_back(x);
    return v;
  }();
  static std::vector<double> exps = [] {
    std::vector<double> v = common;
    for (double x : {-0.9, -0.999999, -0x1.fffffffffffffp-1, 10.0, 700.0, 1e4, -40.0, -745.0, -1e4})
      v.push_back(x);
    return v;
  }();
  return f == fn::expm1 ? exps : logs;
}

/// Decimal arguments: T("…") is an interval around the decimal number (not a point, except for
/// the dyadic ones), and the enclosure must hold f of the exact decimal.
const std::vector<std::string>& decimal_arguments(fn f) {
  static const std::vector<std::string> common{"1e-300",
                                               "-1e-300",
                                               "1e-100",
                                               "2.5e-30",
                                               "-0.1",
                                               "0.3",
                                               "-0.4999999999999999999999999999999",
                                               "0.49999999999999999999999999",
                                               "0.7",
                                               "-0.7"};
  static std::vector<std::string> logs = [] {
    std::vector<std::string> v = common;
    for (const char* x : {"-0.999999999", "-0.99999999999999999999999", "12345.678", "1e250"})
      v.push_back(x);
    return v;
  }();
  static std::vector<std::string> exps = [] {
    std::vector<std::string> v = common;
    for (const char* x : {"-0.999999999", "12.345", "-123.456", "654.321"})
      v.push_back(x);
    return v;
  }();
  return f == fn::expm1 ? exps : logs;
}

template <class T>
void check_type() {
  for (fn f : {fn::log1p, fn::expm1, fn::log1pmx}) {
    for (double d : point_arguments(f)) {
      argument x(d);
      const T arg(d);
      REQUIRE(mpfr_equal_p(&arg.backend().data()->left, &arg.backend().data()->right)); // a point
      check(f, arg, {&x}, true, str(x.lo.get()));
    }
    for (const std::string& s : decimal_arguments(f)) {
      argument x(s);
      check(f, T(s), {&x}, false, s);
    }
  }
}

using mpfi_57 = mp::number<mp::mpfi_float_backend<16>, mp::et_off>;
using mpfi_116 = mp::number<mp::mpfi_float_backend<34>, mp::et_off>;
using mpfi_336 = mp::number<mp::mpfi_float_backend<100>, mp::et_on>;

} // namespace

TEST_CASE("mpfi_float: log1p, expm1, log1pmx enclose MPFR's 1000-bit values, tightly",
          "[number][mpfi]") {
  SECTION("16 digits") {
    check_type<mpfi_57>();
  }
  SECTION("34 digits") {
    check_type<mpfi_116>();
  }
  SECTION("100 digits, expression templates on") {
    check_type<mpfi_336>();
  }
}

TEST_CASE("mpfi_float: log1pmx of a wide interval encloses its image", "[number][mpfi]") {
  // log1pmx increases on [−1, 0] and decreases on [0, ∞): the image of [a, b] is reached at a, at
  // b, and (when 0 is inside) at 0, where it is 0.
  struct wide {
    const char *a, *b;
  };
  for (const wide& w : {wide{"-0.1", "0.2"}, wide{"1e-300", "0.75"}, wide{"-0.9", "-1e-20"},
                        wide{"-0.5", "0.5"}, wide{"0.25", "1e10"}, wide{"-1", "3"}}) {
    const argument a{std::string(w.a)}, b{std::string(w.b)}, zero{0.0};
    const mpfi_116 x("[" + std::string(w.a) + "," + w.b + "]");
    std::vector<const argument*> points{&b};
    if (mpfr_cmp_si(a.lo.get(), -1) > 0) points.push_back(&a); // log1pmx(−1) = −∞: not a bound
    if (mpfr_sgn(a.lo.get()) <= 0 && mpfr_sgn(b.hi.get()) >= 0) points.push_back(&zero);
    check(fn::log1pmx, x, points, false, std::string("[") + w.a + ", " + w.b + "]");
    // and nothing above the maximum: the upper end is the image's, not more
    const mpfi_116 e = gibbs::log1pmx(x);
    CHECK(mpfr_sgn(&e.backend().data()->right) <= 0);
  }
}

TEST_CASE("mpfi_float: log1pmx of an argument reaching below -1 is NaN, as MPFI's log1p says",
          "[number][mpfi]") {
  const mpfi_116 x("[-2,0.5]");
  CHECK(mpfi_nan_p(gibbs::log1pmx(x).backend().data()));
  CHECK(mpfi_nan_p(gibbs::log1p(x).backend().data()));
}
