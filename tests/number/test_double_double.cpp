// tests/number/test_double_double.cpp: the error-free transformations are exact and the
// double-double operations meet their stated relative error bounds, checked with MPFR
// (https://www.mpfr.org) at 300 bits on random operands; numeric_limits and comparisons.
#include "../support/mpfr.hpp"

#include "gibbs/number/double_double.hpp"

#include <catch2/catch.hpp>
#include <mpfr.h>

#include <cmath>
#include <limits>
#include <random>

using gibbs::double_double;

namespace {

/// 300-bit MPFR numbers.
struct mp : gibbs_test::mp {
  mp() : gibbs_test::mp(300) {}
};

void set(mpfr_t r, const double_double& x) {
  mpfr_set_d(r, x.hi, MPFR_RNDN);
  mpfr_add_d(r, r, x.lo, MPFR_RNDN);
}

/// |got - want| / |want| as a double.
double rel_err(const double_double& got, mpfr_t want) {
  mp g;
  set(g.get(), got);
  mpfr_sub(g.get(), g.get(), want, MPFR_RNDN);
  mpfr_div(g.get(), g.get(), want, MPFR_RNDN);
  return std::fabs(mpfr_get_d(g.get(), MPFR_RNDN));
}

double_double random_dd(std::mt19937_64& g) {
  std::uniform_real_distribution<double> u(-1.0, 1.0);
  const double h = std::ldexp(u(g), static_cast<int>(g() % 200) - 100);
  return double_double::normalise(h, std::ldexp(u(g), std::ilogb(h) - 53));
}

} // namespace

static_assert(gibbs::real<double_double>, "double_double models gibbs::real");
static_assert(std::numeric_limits<double_double>::digits == 106);
static_assert(double_double(1.0) + double_double(0x1p-80) > double_double(1.0),
              "a double-double keeps bits below the double precision");
static_assert((double_double(1.0) / double_double(3.0)) * double_double(3.0) != double_double(2.0));

TEST_CASE("two_sum and two_prod are exact", "[number][double_double]") {
  std::mt19937_64 g(42);
  std::uniform_real_distribution<double> u(-1.0, 1.0);
  mp a, b;
  for (int i = 0; i < 20000; ++i) {
    const double x = std::ldexp(u(g), static_cast<int>(g() % 120) - 60);
    const double y = std::ldexp(u(g), static_cast<int>(g() % 120) - 60);
    const gibbs::dd_pair s = gibbs::two_sum(x, y);
    mpfr_set_d(a.get(), x, MPFR_RNDN);
    mpfr_add_d(a.get(), a.get(), y, MPFR_RNDN);
    mpfr_set_d(b.get(), s.hi, MPFR_RNDN);
    mpfr_add_d(b.get(), b.get(), s.lo, MPFR_RNDN);
    REQUIRE(mpfr_equal_p(a.get(), b.get()));
    CHECK(s.hi == x + y);
    const gibbs::dd_pair p = gibbs::two_prod(x, y);
    mpfr_set_d(a.get(), x, MPFR_RNDN);
    mpfr_mul_d(a.get(), a.get(), y, MPFR_RNDN);
    mpfr_set_d(b.get(), p.hi, MPFR_RNDN);
    mpfr_add_d(b.get(), b.get(), p.lo, MPFR_RNDN);
    REQUIRE(mpfr_equal_p(a.get(), b.get()));
  }
  // huge operands are pre-scaled
  const gibbs::dd_pair big = gibbs::two_prod(0x1.fffffffffffffp1000, 0x1.0000000000001p10);
  mpfr_set_d(a.get(), 0x1.fffffffffffffp1000, MPFR_RNDN);
  mpfr_mul_d(a.get(), a.get(), 0x1.0000000000001p10, MPFR_RNDN);
  mpfr_set_d(b.get(), big.hi, MPFR_RNDN);
  mpfr_add_d(b.get(), b.get(), big.lo, MPFR_RNDN);
  CHECK(mpfr_equal_p(a.get(), b.get()));
}

TEST_CASE("+, -, *, / meet their relative error bounds", "[number][double_double]") {
  std::mt19937_64 g(7);
  mp a, b, r;
  double worst_add = 0, worst_mul = 0, worst_div = 0;
  for (int i = 0; i < 20000; ++i) {
    const double_double x = random_dd(g), y = random_dd(g);
    set(a.get(), x);
    set(b.get(), y);
    mpfr_add(r.get(), a.get(), b.get(), MPFR_RNDN);
    if (!mpfr_zero_p(r.get())) worst_add = std::max(worst_add, rel_err(x + y, r.get()));
    mpfr_mul(r.get(), a.get(), b.get(), MPFR_RNDN);
    worst_mul = std::max(worst_mul, rel_err(x * y, r.get()));
    mpfr_div(r.get(), a.get(), b.get(), MPFR_RNDN);
    worst_div = std::max(worst_div, rel_err(x / y, r.get()));
    const double_double s = x + y;
    CHECK(s.hi == s.hi + s.lo); // normalised
  }
  CHECK(worst_add <= 3 * 0x1p-106 + 13 * 0x1p-159);
  CHECK(worst_mul <= 7 * 0x1p-106);
  CHECK(worst_div <= 16 * 0x1p-106);
}

TEST_CASE("special values and comparisons", "[number][double_double]") {
  constexpr double inf = std::numeric_limits<double>::infinity();
  CHECK((double_double(inf) + double_double(1.0)).hi == inf);
  CHECK(std::isnan((double_double(inf) - double_double(inf)).hi));
  CHECK((double_double(1e300) * double_double(1e300)).hi == inf);
  CHECK(double_double(1.0, 0x1p-60) > double_double(1.0));
  CHECK(double_double(1.0, -0x1p-60) < double_double(1.0));
  CHECK(std::numeric_limits<double_double>::epsilon().hi == 0x1p-105);
  CHECK(std::numeric_limits<double_double>::max().hi == std::numeric_limits<double>::max());
  CHECK(static_cast<double>(double_double(2.5, 0x1p-60)) == 2.5);
}
