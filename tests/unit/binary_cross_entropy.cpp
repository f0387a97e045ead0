// Unit tests of gibbs::binary_cross_entropy and gibbs::binary_cross_entropy_with_logits (the
// generic measures) against the MPFR references of tests/support/reference_bce.hpp (other
// formulas at 4096 bits), their conventions and error paths.
#include <gibbs/measure/binary_cross_entropy.hpp>
#include <gibbs/measure/binary_cross_entropy_with_logits.hpp>
#include <gibbs/number/small_float.hpp>

#include "../support/reference_bce.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <random>
#include <vector>

namespace {

double ulps(double a, double b) {
  if (a == b) return 0;
  return std::fabs(a - b) / (std::nextafter(std::fabs(b), INFINITY) - std::fabs(b));
}

} // namespace

TEST_CASE("binary_cross_entropy in double is within 4 ulps of MPFR", "[binary_cross_entropy]") {
  std::mt19937_64 g(7);
  std::uniform_real_distribution<double> u(0, 1);
  double worst = 0;
  for (int k = 0; k < 2000; ++k) {
    const int n = 1 + k % 5;
    std::vector<double> x(n), y(n), w(n);
    for (int i = 0; i < n; ++i) {
      x[i] = k % 3 == 0 ? 1 - std::ldexp(u(g), -(k % 50)) : u(g); // near 1 too
      y[i] = k % 7 == 0 ? std::round(u(g)) : u(g);
      w[i] = 2 * u(g);
    }
    worst = std::max(worst, ulps(gibbs::binary_cross_entropy(x, y),
                                 gibbs_test::bce::binary_cross_entropy(x, y)));
    worst = std::max(worst, ulps(gibbs::binary_cross_entropy(x, y, w),
                                 gibbs_test::bce::binary_cross_entropy(x, y, w)));
  }
  INFO("worst " << worst << " ulps");
  CHECK(worst <= 4);
}

TEST_CASE("binary_cross_entropy: no clamp, infinities, 0 log 0", "[binary_cross_entropy]") {
  const std::vector<double> x{1e-50}, one{1.0}, zero{0.0};
  // torch returns 100 (log clamped at -100)
  CHECK(gibbs::binary_cross_entropy(x, one) == gibbs_test::bce::binary_cross_entropy(x, one));
  CHECK(gibbs::binary_cross_entropy(zero, one) == std::numeric_limits<double>::infinity());
  CHECK(gibbs::binary_cross_entropy(one, zero) == std::numeric_limits<double>::infinity());
  CHECK(gibbs::binary_cross_entropy(zero, zero) == 0);
  CHECK(gibbs::binary_cross_entropy(one, one) == 0);
  const std::vector<double> w0{0.0};
  CHECK(gibbs::binary_cross_entropy(zero, one, w0) == 0); // a weight 0 drops the element
  // near x -> 1: -log(1 - x) with 1 - x = 2^-40 exact
  const std::vector<double> near{1 - 0x1p-40};
  CHECK(ulps(gibbs::binary_cross_entropy(near, zero),
             gibbs_test::bce::binary_cross_entropy(near, zero))
        <= 1);
}

TEST_CASE("binary_cross_entropy in float, binary16 and bfloat16", "[binary_cross_entropy]") {
  const std::vector<double> xd{0.25, 0.5, 0.875}, yd{0.75, 0.125, 1.0};
  const double ref = gibbs_test::bce::binary_cross_entropy(xd, yd);
  const std::vector<float> xf(xd.begin(), xd.end()), yf(yd.begin(), yd.end());
  CHECK(std::fabs(gibbs::binary_cross_entropy(xf, yf) - ref) <= 8 * 0x1p-24 * ref);
  std::vector<gibbs::binary16> xh, yh;
  std::vector<gibbs::bfloat16> xb, yb;
  for (std::size_t i = 0; i < xd.size(); ++i) {
    xh.emplace_back(xd[i]);
    yh.emplace_back(yd[i]);
    xb.emplace_back(xd[i]);
    yb.emplace_back(yd[i]);
  }
  CHECK(std::fabs(static_cast<double>(gibbs::binary_cross_entropy(xh, yh)) - ref)
        <= 8 * 0x1p-11 * ref);
  CHECK(std::fabs(static_cast<double>(gibbs::binary_cross_entropy(xb, yb)) - ref)
        <= 8 * 0x1p-8 * ref);
}

TEST_CASE("binary_cross_entropy_with_logits in double is within 4 ulps of MPFR",
          "[binary_cross_entropy_with_logits]") {
  std::mt19937_64 g(11);
  std::uniform_real_distribution<double> u(0, 1);
  double worst = 0;
  for (int k = 0; k < 2000; ++k) {
    const int n = 1 + k % 4;
    std::vector<double> z(n), y(n), w(n), pw(n);
    for (int i = 0; i < n; ++i) {
      z[i] = (u(g) - 0.5) * (k % 4 == 0 ? 1500 : 20);
      y[i] = k % 5 == 0 ? std::round(u(g)) : u(g);
      w[i] = 2 * u(g);
      pw[i] = 3 * u(g);
    }
    worst = std::max(worst, ulps(gibbs::binary_cross_entropy_with_logits(z, y),
                                 gibbs_test::bce::binary_cross_entropy_with_logits(z, y)));
    worst = std::max(worst, ulps(gibbs::binary_cross_entropy_with_logits(z, y, w, pw),
                                 gibbs_test::bce::binary_cross_entropy_with_logits(z, y, w, pw)));
  }
  INFO("worst " << worst << " ulps");
  CHECK(worst <= 4);
}

TEST_CASE("binary_cross_entropy_with_logits: large logits", "[binary_cross_entropy_with_logits]") {
  const std::vector<double> z40{40.0}, one{1.0}, zero{0.0};
  // torch returns 0; the value is log1p(e^-40)
  CHECK(gibbs::binary_cross_entropy_with_logits(z40, one)
        == gibbs_test::bce::binary_cross_entropy_with_logits(z40, one));
  // |z| = 1e308: softplus(1e308) = 1e308 + log1p(e^-1e308), which rounds to 1e308; softplus of
  // -1e308 is below the smallest subnormal and rounds to 0
  const std::vector<double> zb{1e308}, zm{-1e308};
  CHECK(gibbs::binary_cross_entropy_with_logits(zb, zero) == 1e308);
  CHECK(gibbs::binary_cross_entropy_with_logits(zb, one) == 0);
  CHECK(gibbs::binary_cross_entropy_with_logits(zm, one) == 1e308);
  CHECK(gibbs::binary_cross_entropy_with_logits(zm, zero) == 0);
  const std::vector<double> half{0.5};
  CHECK(gibbs::binary_cross_entropy_with_logits(zb, half) == 0.5e308);
}

TEST_CASE("binary cross-entropies reject invalid input, naming argument, index and value",
          "[binary_cross_entropy]") {
  using Catch::Matchers::Contains;
  const std::vector<double> ok{0.5, 0.5}, above{0.5, 1.5}, neg{0.5, -0.25}, nan{0.5, NAN},
      three{0.5, 0.5, 0.5};
  CHECK_THROWS_WITH(gibbs::binary_cross_entropy(above, ok),
                    Contains("input[1] = 1.5") && Contains("greater than 1"));
  CHECK_THROWS_WITH(gibbs::binary_cross_entropy(ok, neg), Contains("target[1] = -0.25"));
  CHECK_THROWS_WITH(gibbs::binary_cross_entropy(nan, ok), Contains("input[1] = nan"));
  CHECK_THROWS_WITH(gibbs::binary_cross_entropy(ok, three), Contains("target has length 3"));
  CHECK_THROWS_WITH(gibbs::binary_cross_entropy(ok, ok, neg), Contains("weight[1] = -0.25"));
  CHECK_THROWS_WITH(gibbs::binary_cross_entropy_with_logits(nan, ok), Contains("logits[1] = nan"));
  CHECK_THROWS_WITH(gibbs::binary_cross_entropy_with_logits(ok, above),
                    Contains("target[1] = 1.5"));
  CHECK_THROWS_WITH(gibbs::binary_cross_entropy_with_logits(ok, ok, ok, neg),
                    Contains("pos_weight[1] = -0.25"));
}
