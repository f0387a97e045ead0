// Unit tests of gibbs::binary_cross_entropy, gibbs::binary_cross_entropy_with_logits and its
// gradient (the generic measures) against the MPFR references of tests/support/reference_bce.hpp
// and grad_reference below (other formulas at 4096 bits), their conventions and error paths.
#include <gibbs/measure/binary_cross_entropy.hpp>
#include <gibbs/measure/binary_cross_entropy_with_logits.hpp>
#include <gibbs/number/small_float.hpp>

#include "../support/reference_bce.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <random>
#include <span>
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

namespace {

/// The gradient of binary cross-entropy with logits in MPFR at 4096 bits from the identity
/// g = w (σ(z) (1 − y + pw y) − pw y), σ(z) = 1/(1 + e^−z) (gibbs: ((1 − y) a − pw y b)/(1 + e)
/// with e = e^−|z|), and the magnitude w ((1 − y) σ(z) + pw y σ(−z)) of its two parts, both
/// rounded to double. |z| ≤ 700 here keeps e^−z in MPFR's range; σ(z) errs by 2^-4090 relative,
/// so the difference keeps ≥ 3000 bits unless the parts cancel to 2^-1000 of each other.
struct grad_ref {
  double value, magnitude;
};
grad_ref grad_reference(double z, double y, double w, double pw) {
  using gibbs_test::mp;
  mp s(4096), c(4096), t(4096), m(4096);
  mpfr_set_d(s, -z, MPFR_RNDN);
  mpfr_exp(s, s, MPFR_RNDN);
  mpfr_add_ui(s, s, 1, MPFR_RNDN);
  mpfr_ui_div(s, 1, s, MPFR_RNDN); // σ(z)
  mpfr_set_d(t, pw, MPFR_RNDN);
  mpfr_mul_d(t, t, y, MPFR_RNDN); // pw y
  mpfr_set_d(c, y, MPFR_RNDN);
  mpfr_ui_sub(c, 1, c, MPFR_RNDN);
  mpfr_add(c, c, t, MPFR_RNDN); // 1 − y + pw y
  mpfr_mul(c, c, s, MPFR_RNDN);
  mpfr_sub(c, c, t, MPFR_RNDN);
  mpfr_mul_d(c, c, w, MPFR_RNDN);
  mpfr_ui_sub(m, 1, s, MPFR_RNDN); // σ(−z)
  mpfr_mul(m, m, t, MPFR_RNDN);
  mpfr_set_d(t, y, MPFR_RNDN);
  mpfr_ui_sub(t, 1, t, MPFR_RNDN);
  mpfr_mul(t, t, s, MPFR_RNDN);
  mpfr_add(m, m, t, MPFR_RNDN);
  mpfr_mul_d(m, m, w, MPFR_RNDN);
  return {c.to_double(), m.to_double()};
}

} // namespace

TEST_CASE("binary_cross_entropy_with_logits_grad in double against MPFR",
          "[binary_cross_entropy_with_logits_grad]") {
  std::mt19937_64 g(13);
  std::uniform_real_distribution<double> u(0, 1);
  double worst_ulps = 0, worst_rel = 0;
  for (int k = 0; k < 2000; ++k) {
    const int n = 1 + k % 4;
    std::vector<double> z(n), y(n), w(n), pw(n), out(n), plain(n);
    for (int i = 0; i < n; ++i) {
      z[i] = (u(g) - 0.5) * (k % 4 == 0 ? 1400 : 20);
      y[i] = k % 2 == 0 ? std::round(u(g)) : u(g);
      w[i] = 2 * u(g);
      pw[i] = 3 * u(g);
    }
    gibbs::binary_cross_entropy_with_logits_grad(z, y, w, pw, std::span<double>(out));
    gibbs::binary_cross_entropy_with_logits_grad(z, y, std::span<double>(plain));
    for (int i = 0; i < n; ++i) {
      // Weighted: within 8 ε of the magnitude of the two parts (they may cancel).
      const grad_ref r = grad_reference(z[i], y[i], w[i], pw[i]);
      worst_rel = std::max(worst_rel, std::fabs(out[i] - r.value) / r.magnitude);
      // pw = w = 1 and y ∈ {0, 1}: one part only, within 4 ulps of the value itself.
      if (k % 2 == 0)
        worst_ulps = std::max(worst_ulps, ulps(plain[i], grad_reference(z[i], y[i], 1, 1).value));
    }
  }
  INFO("worst " << worst_ulps << " ulps, " << worst_rel / 0x1p-53 << " eps of the parts");
  CHECK(worst_ulps <= 4);
  CHECK(worst_rel <= 8 * 0x1p-53);
}

TEST_CASE("binary_cross_entropy_with_logits_grad at the extremes of the logits",
          "[binary_cross_entropy_with_logits_grad]") {
  const auto grad = [](double z, double y) {
    const std::vector<double> zv{z}, yv{y};
    std::vector<double> out(1);
    gibbs::binary_cross_entropy_with_logits_grad(zv, yv, std::span<double>(out));
    return out[0];
  };
  // σ(40) − 1 = −σ(−40): 1 − σ(40) in double would be 0.
  CHECK(ulps(grad(40, 1), grad_reference(40, 1, 1, 1).value) <= 2);
  CHECK(ulps(grad(40, 1), -4.248354255291589e-18) <= 2);
  CHECK(grad(-800, 1) == -1);
  CHECK(grad(-800, 0) == 0); // e^-800 is below the smallest subnormal
  CHECK(grad(800, 0) == 1);
  // Subnormal results: e^-730, e^-744.
  CHECK(ulps(grad(-730, 0), grad_reference(-730, 0, 1, 1).value) <= 2);
  CHECK(grad(-730, 0) < std::numeric_limits<double>::min());
  CHECK(std::fabs(grad(-744, 0) - grad_reference(-744, 0, 1, 1).value) <= 0x1p-1074);
  // |z| = 1e308 and the largest double: no overflow.
  const double big = std::numeric_limits<double>::max();
  CHECK(grad(1e308, 0) == 1);
  CHECK(grad(-1e308, 1) == -1);
  CHECK(grad(big, 1) == 0);
  CHECK(grad(-big, 0) == 0);
  CHECK(grad(big, 0.25) == 0.75);
  CHECK(grad(0, 0.5) == 0);
  CHECK(grad(0, 1) == -0.5); // the example of the header's documentation
}

TEST_CASE("binary_cross_entropy_with_logits_grad in float and binary16",
          "[binary_cross_entropy_with_logits_grad]") {
  const std::vector<float> z{40.0f, -3.0f, 0.5f, 1e30f}, y{1.0f, 0.25f, 0.0f, 1.0f};
  std::vector<float> out(4);
  gibbs::binary_cross_entropy_with_logits_grad(z, y, std::span<float>(out));
  for (int i = 0; i < 4; ++i) {
    const double ref = grad_reference(z[i], y[i], 1, 1).value;
    INFO("element " << i);
    CHECK(std::fabs(out[i] - ref) <= 4 * 0x1p-24 * std::fabs(ref));
  }
  using gibbs::binary16;
  const std::vector<binary16> zh{binary16(2.0), binary16(-1.5)}, yh{binary16(0.0), binary16(1.0)};
  std::vector<binary16> oh(2, binary16(0.0));
  gibbs::binary_cross_entropy_with_logits_grad(zh, yh, std::span<binary16>(oh));
  for (int i = 0; i < 2; ++i) {
    const double ref =
        grad_reference(static_cast<double>(zh[i]), static_cast<double>(yh[i]), 1, 1).value;
    CHECK(std::fabs(static_cast<double>(oh[i]) - ref) <= 4 * 0x1p-11 * std::fabs(ref));
  }
}

TEST_CASE("binary_cross_entropy_with_logits_grad rejects invalid input, naming it",
          "[binary_cross_entropy_with_logits_grad]") {
  using Catch::Matchers::Contains;
  const std::vector<double> ok{0.5, 0.5}, above{0.5, 1.5}, neg{0.5, -0.25}, nan{0.5, NAN};
  std::vector<double> out(2), three(3);
  CHECK_THROWS_WITH(gibbs::binary_cross_entropy_with_logits_grad(nan, ok, std::span<double>(out)),
                    Contains("binary_cross_entropy_with_logits_grad")
                        && Contains("logits[1] = nan"));
  CHECK_THROWS_WITH(gibbs::binary_cross_entropy_with_logits_grad(ok, above, std::span<double>(out)),
                    Contains("target[1] = 1.5"));
  CHECK_THROWS_WITH(
      gibbs::binary_cross_entropy_with_logits_grad(ok, ok, neg, ok, std::span<double>(out)),
      Contains("weight[1] = -0.25"));
  CHECK_THROWS_WITH(
      gibbs::binary_cross_entropy_with_logits_grad(ok, ok, ok, neg, std::span<double>(out)),
      Contains("pos_weight[1] = -0.25"));
  CHECK_THROWS_WITH(gibbs::binary_cross_entropy_with_logits_grad(ok, ok, std::span<double>(three)),
                    Contains("out"));
}
