// The fast path's building blocks against MPFR: every double-double term is within the relative
// bound its comment claims (oracle/detail/certified_dd.hpp), and so are the number layer's log_dd
// and log1p_minus_z at the margins the oracle assumes (RHO_LOG = 2^-67, 2^-69). Reference values:
// MPFR at 400 bits, textbook formulas, computed here for pseudo-random and edge-case inputs (fixed
// seeds).
#include "reference.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <random>

namespace fp = gibbs::oracle::detail::certified;

namespace {

/// |computed - exact| / |exact| (or absolute if exact is 0), computed at 400 bits.
double error_of(const gibbs::double_double& v, mpfr_srcptr exact, bool relative = true) {
  ref::mp c(400), d(400);
  mpfr_set_d(c, v.hi, MPFR_RNDN);
  mpfr_add_d(c, c, v.lo, MPFR_RNDN);
  mpfr_sub(d, c, exact, MPFR_RNDN);
  mpfr_abs(d, d, MPFR_RNDN);
  if (relative && !mpfr_zero_p(exact)) mpfr_div(d, d, exact, MPFR_RNDN);
  return std::fabs(mpfr_get_d(d, MPFR_RNDU));
}

/// p log(p/q) - p + q at 400 bits.
void bregman_exact(double p, double q, mpfr_ptr out) {
  ref::mp a(400), b(400);
  mpfr_set_d(out, q, MPFR_RNDN);
  mpfr_sub_d(out, out, p, MPFR_RNDN);
  if (p == 0) return;
  mpfr_set_d(a, p, MPFR_RNDN);
  mpfr_set_d(b, q, MPFR_RNDN);
  mpfr_div(b, a, b, MPFR_RNDN);
  mpfr_log(b, b, MPFR_RNDN);
  mpfr_mul(b, b, a, MPFR_RNDN);
  mpfr_add(out, out, b, MPFR_RNDN);
}

void check_term(double p, double q) {
  const fp::term t = fp::bregman(p, q);
  ref::mp exact(400);
  bregman_exact(p, q, exact);
  const double abs_err = error_of(t.value, exact, false);
  INFO("p = " << p << " q = " << q << " T = " << t.value.hi << " rho = " << t.rho);
  CHECK(abs_err <= t.rho * std::fabs(t.value.hi) * (1 + 0x1p-40) + fp::SLACK);
}

} // namespace

TEST_CASE("log_dd is within RHO_LOG = 2^-67 of log", "[oracle][fast]") {
  std::mt19937_64 g(67);
  std::uniform_real_distribution<double> u(-1.0, 1.0);
  ref::mp exact(400);
  double worst = 0;
  for (int i = 0; i < 20000; ++i) {
    double x;
    switch (i % 4) {
    case 0:
      x = std::ldexp(1 + std::fabs(u(g)), static_cast<int>(u(g) * 1020));
      break;
    case 1:
      x = 1 + u(g) * 0x1p-6;
      break; // near 1
    case 2:
      x = 1 + u(g) * std::ldexp(1.0, -20 - i % 30);
      break; // very near 1
    default:
      x = std::fabs(u(g)) * 0x1p-1030;
      break; // subnormal
    }
    if (!(x > 0) || x == 1) continue;
    ref::log_d(exact, x);
    const double e = error_of(fp::log_of(x), exact);
    worst = std::max(worst, e);
    REQUIRE(e <= fp::RHO_LOG);
  }
  WARN("worst relative error of log_dd: 2^" << std::log2(worst));
}

TEST_CASE("Bregman terms are within their stated bounds", "[oracle][fast]") {
  std::mt19937_64 g(1968);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  const double tiny = std::numeric_limits<double>::denorm_min();
  // edge cases: each regime and its borders
  const double cases[][2] = {
      {0.5, 0.5},
      {0.5, 0.25},
      {0.25, 0.5},
      {1.0, 0.5 + 0x1p-53},
      {0.3, 0.3 + 0x1p-54},
      {0.3, 0.3 * (1 + 0x1p-7)},
      {0.3, 0.3 * (1 - 0x1p-7)},
      {0.3, 0.3 * (1 + 0x1p-8)},
      {1.0, tiny},
      {tiny, 1.0},
      {tiny, 2 * tiny},
      {3e-320, 7e-320},
      {1e-300, 1e-310},
      {1e-310, 1e-300},
      {1e300, 1e-300},
      {0.0, 0.7},
      {0.7, 2.1},
      {2.1, 0.7},
      {0x1p-961, 0x1p-800},
  };
  for (const auto& c : cases)
    check_term(c[0], c[1]);
  for (int i = 0; i < 20000; ++i) {
    const double q = std::ldexp(u(g) + 0.5, -static_cast<int>(u(g) * 60));
    double p;
    switch (i % 5) {
    case 0:
      p = q * (1 + (u(g) - 0.5) * std::ldexp(1.0, -static_cast<int>(u(g) * 50)));
      break;
    case 1:
      p = q * (0.5 + 1.5 * u(g));
      break;
    case 2:
      p = q * std::ldexp(u(g) + 0.5, static_cast<int>((u(g) - 0.5) * 200));
      break;
    case 3:
      p = std::ldexp(u(g), -1074 + static_cast<int>(u(g) * 300));
      break;
    default:
      p = std::nextafter(q, i % 2 ? 0.0 : 1.0);
      break;
    }
    check_term(p, q);
  }
}

TEST_CASE("log1p_minus_z: the bound the oracle assumes, not the documented 2^-71.2",
          "[oracle][fast]") {
  // m = log1p(z) - z; the number layer's series for m / z^2 stops at z^8/10, so its relative
  // error grows like 0.185 |z|^9 (2^-65.4 at |z| = 2^-7). The oracle uses
  // rel(m) <= 0.185 |z|^9 + 2^-71.2 (oracle/detail/certified_dd.hpp, regime (a)).
  std::mt19937_64 g(9);
  std::uniform_real_distribution<double> u(-1.0, 1.0);
  ref::mp exact(400);
  double worst = 0;
  for (int i = 0; i < 20000; ++i) {
    const double z = u(g) * std::ldexp(1.0, -7 - i % 20);
    if (z == 0) continue;
    mpfr_set_d(exact, z, MPFR_RNDN);
    mpfr_log1p(exact, exact, MPFR_RNDN);
    mpfr_sub_d(exact, exact, z, MPFR_RNDN);
    const double e = error_of(gibbs::detail::fast::log1p_minus_z(gibbs::double_double(z)), exact);
    REQUIRE(e <= 0.185 * std::pow(std::fabs(z), 9) + std::ldexp(1.0, -71));
    worst = std::max(worst, e);
  }
  WARN("worst relative error of log1p_minus_z for |z| <= 2^-7: 2^" << std::log2(worst));
}
