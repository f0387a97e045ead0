// Unit tests of gibbs::gaussian_kl, gibbs::vae_kl and gibbs::bits_per_dim.
//
// Reference values: MPFR evaluations of the textbook formulas at a precision raised until their
// error bound is below 2^-80 of the value (tests/support/reference_gaussian.hpp), and, for the
// closed form itself, a numerical integral of p·log(p/q) over the real line by Boost.Math's
// sinh-sinh quadrature in 50-digit arithmetic (the test states its tolerance).
#include <gibbs/measure/bits_per_dim.hpp>
#include <gibbs/measure/gaussian.hpp>
#include <gibbs/measure/units.hpp>
#include <gibbs/number/double_double.hpp>

#include "../support/check.hpp"
#include "../support/random.hpp"
#include "../support/reference_gaussian.hpp"

#include <boost/math/quadrature/sinh_sinh.hpp>
#include <boost/multiprecision/cpp_bin_float.hpp>
#include <catch2/catch.hpp>

#include <array>
#include <cmath>
#include <cstdio>
#include <limits>
#include <random>
#include <vector>

namespace ref = gibbs_test::gaussian_reference;
using V = std::vector<double>;

namespace {

// gibbs/measure/gaussian.hpp bounds the relative error by about 7ε (gaussian_kl) and 4ε plus the
// sum (vae_kl); 8 ulp leaves margin for the compensated sum's own ε.
constexpr double max_ulps = 8.0;

struct gaussian_case {
  V mp, sp, mq, sq;
};

std::vector<gaussian_case> gaussian_cases() {
  std::vector<gaussian_case> out = {
      {{0.0}, {1.0}, {1.0}, {1.0}},
      {{0.0, 1.0}, {1.0, 0.5}, {0.5, 1.0}, {1.0, 0.75}},
      {{0.0}, {1.0}, {0.0}, {1.0 + 0x1p-30}}, // sigma ratio 1 - 2^-30
      {{0.0}, {1.0 + 0x1p-45}, {0.0}, {1.0}}, // sigma ratio 1 + 2^-45
      {{1e-10}, {2.0}, {0.0}, {2.0}},         // tiny mean shift only
      {{3.0}, {1e-3}, {-2.0}, {10.0}},        // far ratios
      {{0.0}, {1e100}, {0.0}, {1e-100}},      // huge ratio
      {{0.0}, {1e-150}, {0.0}, {1e150}},      // tiny ratio
      {{1e300}, {1.0}, {-1e300}, {1e290}},    // |mu_p - mu_q| near the overflow
      {{0.25, -0.5, 2.0}, {0.49, 2.01, 1.0}, {0.25, -0.5, 2.0}, {1.0, 1.0, 1.0}},
  };
  std::mt19937_64 gen = gibbs_test::rng_for("gaussian_kl cases");
  std::uniform_real_distribution<double> mean(-3, 3), logsd(-2, 2), tiny(-1e-6, 1e-6);
  for (int k = 0; k < 200; ++k) {
    gaussian_case c;
    const int n = 1 + k % 7;
    for (int i = 0; i < n; ++i) {
      c.mp.push_back(mean(gen));
      c.sp.push_back(std::exp(logsd(gen)));
      if (k % 2 == 0) { // near equality: the textbook form cancels
        c.mq.push_back(c.mp.back() + tiny(gen));
        c.sq.push_back(c.sp.back() * (1 + tiny(gen)));
      } else {
        c.mq.push_back(mean(gen));
        c.sq.push_back(std::exp(logsd(gen)));
      }
    }
    out.push_back(c);
  }
  return out;
}

double textbook_gaussian_kl(const gaussian_case& c) {
  double s = 0;
  for (std::size_t i = 0; i < c.mp.size(); ++i) {
    const double d = c.mp[i] - c.mq[i];
    s += std::log(c.sq[i] / c.sp[i]) + (c.sp[i] * c.sp[i] + d * d) / (2 * c.sq[i] * c.sq[i]) - 0.5;
  }
  return s;
}

} // namespace

TEST_CASE("gaussian_kl in double against MPFR's textbook formula", "[gaussian_kl]") {
  double worst = 0, worst_textbook = 0;
  for (const gaussian_case& c : gaussian_cases()) {
    const ref::number r = ref::gaussian_kl(c.mp, c.sp, c.mq, c.sq);
    const double got = gibbs::gaussian_kl(c.mp, c.sp, c.mq, c.sq);
    const double ulps = ref::ulp_error(got, r);
    INFO("reference " << r.to_double() << ", gibbs " << got << ", " << ulps << " ulp");
    CHECK(ulps <= max_ulps);
    if (ulps > worst) worst = ulps;
    if (std::isfinite(r.to_double())) {
      const double t = ref::ulp_error(textbook_gaussian_kl(c), r);
      if (t > worst_textbook) worst_textbook = t;
    }
  }
  std::printf("gaussian_kl, double: max error %.2f ulp over the cases (textbook double formula: "
              "%.3g ulp)\n",
              worst, worst_textbook);
  CHECK(worst_textbook > 1e6); // the textbook form fails near equality
}

TEST_CASE("gaussian_kl near equal sigmas: the textbook form loses every digit", "[gaussian_kl]") {
  const gaussian_case c{{0.0}, {1.0}, {0.0}, {1.0 + 0x1p-30}};
  const ref::number r = ref::gaussian_kl(c.mp, c.sp, c.mq, c.sq);
  CHECK(ref::ulp_error(gibbs::gaussian_kl(c.mp, c.sp, c.mq, c.sq), r) <= 1.0);
  // The exact value is about 2^-60 (t²/4 with t ≈ −2^-29); the textbook form adds O(1) terms
  // and keeps an absolute error of about 2^-53: a relative error above 10^-3.
  const double textbook = textbook_gaussian_kl(c);
  CHECK(std::fabs(textbook - r.to_double()) > 1e-3 * r.to_double());
}

TEST_CASE("gaussian_kl in float and double_double against MPFR", "[gaussian_kl]") {
  double worst_f = 0, worst_dd = 0;
  for (const gaussian_case& c : gaussian_cases()) {
    const auto in_float_range = [](const V& x, double lo) {
      for (double v : x)
        if (std::fabs(v) > 1e30 || std::fabs(v) < lo) return false;
      return true;
    };
    if (c.mp.size() > 3 || !in_float_range(c.sp, 1e-30) || !in_float_range(c.sq, 1e-30)
        || !in_float_range(c.mp, 0) || !in_float_range(c.mq, 0))
      continue;
    std::vector<float> mp(c.mp.begin(), c.mp.end()), sp(c.sp.begin(), c.sp.end()),
        mq(c.mq.begin(), c.mq.end()), sq(c.sq.begin(), c.sq.end());
    const V dmp(mp.begin(), mp.end()), dsp(sp.begin(), sp.end()), dmq(mq.begin(), mq.end()),
        dsq(sq.begin(), sq.end());
    bool equal = dmp == dmq && dsp == dsq;
    if (equal) continue;
    const ref::number r = ref::gaussian_kl(dmp, dsp, dmq, dsq);
    const double uf = ref::ulp_error(gibbs::gaussian_kl(mp, sp, mq, sq), r);
    CHECK(uf <= max_ulps);
    if (uf > worst_f) worst_f = uf;
    std::vector<gibbs::double_double> a(dmp.begin(), dmp.end()), b(dsp.begin(), dsp.end()),
        cc(dmq.begin(), dmq.end()), d(dsq.begin(), dsq.end());
    const gibbs::double_double v = gibbs::gaussian_kl(a, b, cc, d);
    // |v − ref| in units of 2^-104 of the value (double_double carries about 106 bits).
    ref::number g(256), e(512);
    mpfr_set_d(g.get(), v.hi, MPFR_RNDN);
    mpfr_add_d(g.get(), g.get(), v.lo, MPFR_RNDN);
    mpfr_sub(e.get(), g.get(), r.get(), MPFR_RNDN);
    mpfr_div(e.get(), e.get(), r.get(), MPFR_RNDN);
    const double rel = std::fabs(e.to_double()) * 0x1p104;
    CHECK(rel <= 64.0);
    if (rel > worst_dd) worst_dd = rel;
  }
  std::printf("gaussian_kl: max error %.2f ulp in float, %.2f units of 2^-104 in double_double\n",
              worst_f, worst_dd);
}

TEST_CASE("gaussian_kl's closed form equals the integral of p log(p/q)", "[gaussian_kl]") {
  // sinh-sinh quadrature on (-inf, inf) in 50-digit binary arithmetic of the integrand
  // p(x)·(log p(x) − log q(x)), log p and log q written out from the densities (no closed form
  // of the KL involved). The integrand is analytic and decays like a Gaussian, so the quadrature
  // converges double-exponentially: its own error estimate is far below 10^-30 on these cases.
  // Tolerance: 4 ulp of the double closed form plus 10^-25 (the integrand's cancellation for
  // near-equal Gaussians costs at most log10 of (integrand mass / value) ≈ 12 of the 50 digits).
  using R = boost::multiprecision::cpp_bin_float_50;
  const std::vector<std::array<double, 4>> cases = {
      {0.0, 1.0, 1.0, 1.0},  {0.0, 1.0, 0.0, 2.0},   {1.5, 0.3, -0.5, 1.7},
      {0.0, 2.0, 0.0, 0.5},  {0.0, 1.0, 1e-6, 1.0},  {0.0, 1.0, 0.0, 1.0 + 1e-6},
      {-2.0, 0.8, 2.0, 3.0}, {0.25, 1.25, 0.5, 1.0},
  };
  boost::math::quadrature::sinh_sinh<R> integrator;
  for (const auto& c : cases) {
    const double mp = c[0], sp = c[1], mq = c[2], sq = c[3]; // lambdas capture them
    const R half_log_2pi = log(R(2) * boost::math::constants::pi<R>()) / 2;
    const auto log_density = [&](const R& x, double m, double s) {
      const R z = (x - R(m)) / R(s);
      return R(-z * z / 2 - log(R(s)) - half_log_2pi);
    };
    const auto f = [&](const R& x) {
      const R lp = log_density(x, mp, sp), lq = log_density(x, mq, sq);
      return R(exp(lp) * (lp - lq));
    };
    R error = 0;
    const R integral = integrator.integrate(f, boost::math::tools::root_epsilon<R>(), &error);
    const double closed = gibbs::gaussian_kl(V{mp}, V{sp}, V{mq}, V{sq});
    const double ulp = std::nextafter(closed, 2 * closed + 1) - closed;
    INFO("mu_p " << mp << " sigma_p " << sp << " mu_q " << mq << " sigma_q " << sq << ": closed "
                 << closed << ", integral " << static_cast<double>(integral) << " (estimate "
                 << static_cast<double>(error) << ")");
    CHECK(static_cast<double>(error) < 1e-30);
    CHECK(std::fabs(static_cast<double>(integral - R(closed))) <= 4 * ulp + 1e-25);
  }
}

TEST_CASE("gaussian_kl: exact zero at equality, base, errors", "[gaussian_kl]") {
  const V m{0.5, -1.0}, s{0.25, 3.0};
  CHECK(gibbs::gaussian_kl(m, s, m, s) == 0.0);
  static_assert(
      gibbs::gaussian_kl(std::array{0.0}, std::array{1.0}, std::array{1.0}, std::array{1.0})
      == 0.5);
  const ref::number r = ref::gaussian_kl({0.0}, {1.0}, {1.0}, {2.0});
  const double nats = gibbs::gaussian_kl(V{0.0}, V{1.0}, V{1.0}, V{2.0});
  CHECK(ref::ulp_error(nats, r) <= 1.0);
  CHECK(std::fabs(gibbs::gaussian_kl(V{0.0}, V{1.0}, V{1.0}, V{2.0}, 2.0)
                  - r.to_double() / std::log(2.0))
        <= 4e-16 * r.to_double());
  CHECK_INVALID(gibbs::gaussian_kl(V{0.0}, V{-1.0}, V{0.0}, V{1.0}), not_positive, "gaussian_kl",
                "sigma_p", 0, -1.0);
  CHECK_INVALID(gibbs::gaussian_kl(V{0.0, 1.0}, V{1.0, 1.0}, V{0.0, 0.0}, V{1.0, 0.0}),
                not_positive, "gaussian_kl", "sigma_q", 1, 0.0);
  CHECK_INVALID(gibbs::gaussian_kl(V{0.0, NAN}, V{1.0, 1.0}, V{0.0, 0.0}, V{1.0, 1.0}),
                not_a_number, "gaussian_kl", "mu_p", 1, NAN);
  CHECK_INVALID(gibbs::gaussian_kl(V{0.0}, V{INFINITY}, V{0.0}, V{1.0}), infinite, "gaussian_kl",
                "sigma_p", 0, INFINITY);
  CHECK_INVALID(gibbs::gaussian_kl(V{0.0, 1.0}, V{1.0, 1.0}, V{0.0}, V{1.0, 1.0}), length_mismatch,
                "gaussian_kl", "mu_q", 1, 2.0);
  CHECK_INVALID(gibbs::gaussian_kl(V{}, V{}, V{}, V{}), empty, "gaussian_kl", "mu_p", 0, 0.0);
  CHECK_THROWS_WITH(gibbs::gaussian_kl(V{0.0}, V{1.0}, V{0.0}, V{2.0}, 1.0),
                    Catch::Matchers::StartsWith("gibbs::gaussian_kl: base = 1 is outside"));
}

TEST_CASE("vae_kl against MPFR; the textbook form fails near logvar = 0", "[vae_kl]") {
  std::vector<std::pair<V, V>> cases = {
      {{0.0}, {1e-17}},
      {{0.0}, {1e-9}},
      {{0.0}, {-1e-9}},
      {{1e-9}, {0.0}},
      {{0.5, -2.0}, {1.0, -3.0}},
      {{0.0}, {-50.0}},
      {{0.0}, {-1.0}},
      {{0.0}, {700.0}},
      {{3.0, 0.0, 1e-3}, {-0.999, 1e-5, 0.5}},
  };
  std::mt19937_64 gen = gibbs_test::rng_for("vae_kl cases");
  std::uniform_real_distribution<double> mean(-2, 2), lv(-4, 4), small(-1e-4, 1e-4);
  for (int k = 0; k < 200; ++k) {
    V mu, l;
    for (int i = 0; i < 1 + k % 5; ++i) {
      mu.push_back(k % 2 ? mean(gen) : small(gen));
      l.push_back(k % 2 ? lv(gen) : small(gen));
    }
    cases.emplace_back(mu, l);
  }
  double worst = 0;
  for (const auto& [mu, l] : cases) {
    const ref::number r = ref::vae_kl(mu, l);
    const double got = gibbs::vae_kl(mu, l);
    const double ulps = ref::ulp_error(got, r);
    INFO("reference " << r.to_double() << ", gibbs " << got);
    CHECK(ulps <= max_ulps);
    if (ulps > worst) worst = ulps;
  }
  std::printf("vae_kl, double: max error %.2f ulp over %zu cases\n", worst, cases.size());

  // The textbook double formula near logvar = 0: at 10^-17 exp rounds to 1 and the "KL" is
  // negative; at 10^-9 it keeps no correct digit. gibbs stays within 2 ulp of MPFR (its bound: 4ε).
  const auto textbook = [](double m, double l) { return 0.5 * (m * m + std::exp(l) - 1 - l); };
  CHECK(textbook(0, 1e-17) < 0);
  const ref::number r9 = ref::vae_kl({0.0}, {1e-9});
  CHECK(std::fabs(textbook(0, 1e-9) - r9.to_double()) > 0.1 * r9.to_double());
  CHECK(ref::ulp_error(gibbs::vae_kl(V{0.0}, V{1e-9}), r9) <= 2.0);
  CHECK(ref::ulp_error(gibbs::vae_kl(V{0.0}, V{1e-17}), ref::vae_kl({0.0}, {1e-17})) <= 2.0);
}

TEST_CASE("vae_kl is gaussian_kl against N(0, 1) with sigma = exp(logvar/2)", "[vae_kl]") {
  const V mu{0.3, -1.0, 0.0}, lv{0.7, -2.5, 1e-3};
  V sigma, zero(mu.size(), 0.0), one(mu.size(), 1.0);
  for (double l : lv)
    sigma.push_back(std::exp(l / 2));
  const double a = gibbs::vae_kl(mu, lv), b = gibbs::gaussian_kl(mu, sigma, zero, one);
  // sigma is rounded once: it moves each term by at most ε·|e^lv − 1| (first order).
  double scale = a + b;
  for (double l : lv)
    scale += std::fabs(std::expm1(l));
  CHECK(std::fabs(a - b) <= 16 * 0x1p-52 * scale);
  CHECK(gibbs::vae_kl(V{0.0, 0.0}, V{0.0, 0.0}) == 0.0);
  CHECK_INVALID(gibbs::vae_kl(V{0.0}, V{NAN}), not_a_number, "vae_kl", "logvar", 0, NAN);
  CHECK_INVALID(gibbs::vae_kl(V{0.0, 1.0}, V{0.0}), length_mismatch, "vae_kl", "logvar", 1, 2.0);
}

TEST_CASE("bits_per_dim against MPFR and bits_per_dimension", "[bits_per_dim]") {
  const std::vector<std::pair<V, double>> cases = {
      {{-3072 * std::log(2.0)}, 3072},
      {{-1000.0, -2000.0, -1500.5}, 784},
      {{12.5, -3.25}, 2},
      {{-1e5, -1e5 + 1e-6}, 1},
  };
  for (const auto& [ll, d] : cases) {
    const ref::number r = ref::bits_per_dim(ll, d);
    const double got = gibbs::bits_per_dim(ll, static_cast<std::size_t>(d));
    CHECK(ref::ulp_error(got, r) <= 4.0);
    double mean = 0;
    for (double x : ll)
      mean += x / static_cast<double>(ll.size());
    CHECK(std::fabs(got - gibbs::bits_per_dimension(-mean, static_cast<std::size_t>(d)))
          <= 1e-15 * std::fabs(got));
  }
  CHECK_THROWS_WITH(gibbs::bits_per_dim(V{-1.0}, 0),
                    Catch::Matchers::Contains("bits_per_dim: dims = 0 is outside the domain of the "
                                              "parameter; dims must be a positive integer"));
  CHECK_INVALID(gibbs::bits_per_dim(V{-1.0, INFINITY}, 3), infinite, "bits_per_dim",
                "log_likelihood", 1, INFINITY);
  CHECK_INVALID(gibbs::bits_per_dim(V{}, 3), empty, "bits_per_dim", "log_likelihood", 0, 0.0);
}
