// proofs/number/exp.cpp: compile-time facts about gibbs::exp and expm1. Compiling this file is
// the proof. Reference constants are from MPFR 4.2 (mpfr_exp, mpfr_expm1 rounded to nearest).
#include "gibbs/number/math.hpp"

#include <bit>
#include <limits>

namespace {

constexpr double inf = std::numeric_limits<double>::infinity();

static_assert(gibbs::exp(0.0) == 1.0, "exp 0 = 1 exactly");
static_assert(gibbs::exp(-inf) == 0.0, "exp(-inf) = 0");
static_assert(gibbs::exp(710.0) == inf, "exp overflows to +inf");
static_assert(gibbs::exp(-746.0) == 0.0, "exp underflows to +0");
static_assert(gibbs::expm1(-inf) == -1.0, "expm1(-inf) = -1");
static_assert(std::bit_cast<unsigned long long>(gibbs::expm1(-0.0)) == 0x8000000000000000ull,
              "expm1(-0) = -0");

static_assert(gibbs::exp(1.0) == 0x1.5bf0a8b145769p+1, "e rounded to nearest (MPFR)");
static_assert(gibbs::exp(1.0f) == 0x1.5bf0a8p+1f, "e in float (MPFR)");
static_assert(gibbs::exp(1.0L) == 0xa.df85458a2bb4a9bp-2L, "e in x87 extended (MPFR)");
static_assert(gibbs::exp(700.0) == 0x1.d945df4f8ec8ep+1009, "exp(700) (MPFR)");
static_assert(gibbs::exp(-740.0) == 0x0.0000000000055p-1022, "exp(-740), a subnormal (MPFR)");
static_assert(gibbs::expm1(-1.0) == -0x1.43a54e4e98864p-1, "1/e - 1 (MPFR)");
static_assert(gibbs::expm1(1e-10) == 0x1.b7cdfd9dda4e3p-34, "expm1 keeps tiny arguments (MPFR)");

// Laws on a grid: exp is increasing, exp(x) > 0, expm1(x) > x for x != 0 (convexity).
constexpr bool laws() {
  double prev = 0.0;
  for (int i = 0; i < 300; ++i) {
    const double x = -30.0 + 0.2 * i;
    const double y = gibbs::exp(x);
    if (!(y > prev) || !(y > 0)) return false;
    if (x != 0.0 && !(gibbs::expm1(x) >= x)) return false;
    prev = y;
  }
  return true;
}
static_assert(laws(), "exp increasing and positive, expm1(x) >= x on a grid");

// log(exp(x)) comes back to x within an ulp or two for moderate x.
constexpr bool round_trips() {
  for (int i = 1; i <= 100; ++i) {
    const double x = 0.731 * i;
    const double y = gibbs::log(gibbs::exp(x));
    if (!(y >= x * (1 - 0x1p-51) && y <= x * (1 + 0x1p-51))) return false;
  }
  return true;
}
static_assert(round_trips(), "log(exp x) is within a few ulps of x");

} // namespace
