// proofs/number/log.cpp: compile-time facts about gibbs::log, log1p, log1pmx. Compiling this file
// is the proof. Reference constants are from MPFR 4.2 (mpfr_log etc. rounded to nearest); the
// values in hexadecimal are exact binary64 numbers.
#include "gibbs/number/math.hpp"

#include <limits>

namespace {

constexpr double inf = std::numeric_limits<double>::infinity();

// The exact case and the special values.
static_assert(gibbs::log(1.0) == 0.0, "log 1 = 0 exactly");
static_assert(gibbs::log(1.0f) == 0.0f, "log 1 = 0 exactly in float");
static_assert(gibbs::log(0.0) == -inf, "log 0 = -inf");
static_assert(gibbs::log(inf) == inf, "log inf = inf");
static_assert(gibbs::log(-1.0) != gibbs::log(-1.0), "log of a negative number is NaN");
static_assert(gibbs::log1p(-1.0) == -inf, "log1p(-1) = -inf");
static_assert(gibbs::log1pmx(0.0) == 0.0, "log1pmx(0) = 0");

// Correctly rounded values (MPFR): ln 2, ln 10, ln 3 in binary64; ln 2 in binary32.
static_assert(gibbs::log(2.0) == 0x1.62e42fefa39efp-1, "ln 2 rounded to nearest (MPFR)");
static_assert(gibbs::log(10.0) == 0x1.26bb1bbb55516p+1, "ln 10 rounded to nearest (MPFR)");
static_assert(gibbs::log(3.0) == 0x1.193ea7aad030bp+0, "ln 3 rounded to nearest (MPFR)");
static_assert(gibbs::log(2.0f) == 0x1.62e43p-1f, "ln 2 in float (MPFR)");
static_assert(gibbs::log(0x1p-1074) == -0x1.74385446d71c3p+9, "log of the least subnormal (MPFR)");
static_assert(gibbs::log1p(0x1p-60) == 0x1p-60, "log1p(x) rounds to x for tiny x");
static_assert(gibbs::log1pmx(0x1p-30) == -0x1.fffffffaaaaabp-62, "-x^2/2 + x^3/3 (MPFR)");

// log(x) brackets: exp(log x) comes back within one ulp, and log is increasing on a grid.
constexpr bool round_trips() {
  for (int i = 1; i <= 200; ++i) {
    const double x = 0.37 * i * i;
    const double l = gibbs::log(x);
    // log x is within ulp/2 <= |l| 2^-53, so exp(l) is within (|l| 2^-53 + 2^-53) relative of x
    const double tol = ((l < 0 ? -l : l) + 2.0) * 0x1p-53;
    const double y = gibbs::exp(l);
    if (!(y >= x * (1 - tol) && y <= x * (1 + tol))) return false;
  }
  return true;
}
static_assert(round_trips(), "exp(log x) is x up to the rounding of log x");

constexpr bool increasing() {
  double prev = -inf;
  for (int i = 1; i <= 300; ++i) {
    const double y = gibbs::log(i * 0.013);
    if (!(y > prev)) return false;
    prev = y;
  }
  return true;
}
static_assert(increasing(), "log is increasing on a grid");

// log1pmx is log1p - x without the cancellation: for moderate x both agree to rounding.
static_assert(gibbs::log1pmx(0.5) == -0x1.833704d019edp-4, "log(1.5) - 0.5 (MPFR)");

// Long double and double_double are constexpr too (the fixed-point path).
static_assert(gibbs::log(2.0L) == 0xb.17217f7d1cf79acp-4L, "ln 2 in x87 extended (MPFR)");
static_assert(gibbs::log(gibbs::double_double(2.0))
                  == gibbs::double_double(0x1.62e42fefa39efp-1, 0x1.abc9e3b39803fp-56),
              "ln 2 as the nearest double-double (MPFR)");

} // namespace
