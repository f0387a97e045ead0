// The Catch2 matchers of gibbs/catch2.hpp: they pass on the right value and fail on a wrong one.
// Reference values: the oracle itself (checked against MPFR in reference.cpp); the wrong values
// are the right ones moved by a known number of ulps with std::nextafter.
#include <gibbs/catch2.hpp>

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <vector>

namespace {
double step(double x, int n) {
  for (int i = 0; i < n; ++i)
    x = std::nextafter(x, INFINITY);
  return x;
}
} // namespace

TEST_CASE("WithinUlpsOfOracle: the documented call form", "[oracle][catch2]") {
  const std::vector<double> p{0.5, 0.5}, q{0.7, 0.3};
  const double kl = gibbs::oracle::kl_divergence(p, q).value;
  REQUIRE_THAT(kl, gibbs::WithinUlpsOfOracle(gibbs::kl_divergence, p, q, 4));
  REQUIRE_THAT(step(kl, 4), gibbs::WithinUlpsOfOracle(gibbs::kl_divergence, p, q, 4));
  const auto m = gibbs::WithinUlpsOfOracle(gibbs::kl_divergence, p, q, 4);
  CHECK_FALSE(m.match(step(kl, 5)));
  CHECK_FALSE(m.match(-kl));
  CHECK_FALSE(m.match(std::nan("")));
  CHECK(m.describe().find("within 4 ulps") != std::string::npos);
}

TEST_CASE("IsCorrectlyRounded and WithinRelOfOracle", "[oracle][catch2]") {
  const std::vector<double> p{0.25, 0.25, 0.5}, q{0.2, 0.3, 0.5};
  for (auto* f : {&gibbs::kl_divergence<std::vector<double>, std::vector<double>>,
                  &gibbs::reverse_kl_divergence<std::vector<double>, std::vector<double>>,
                  &gibbs::cross_entropy<std::vector<double>, std::vector<double>>,
                  &gibbs::jensen_shannon<std::vector<double>, std::vector<double>>,
                  &gibbs::generalized_kl_divergence<std::vector<double>, std::vector<double>>}) {
    const auto exact = gibbs::IsCorrectlyRounded(f, p, q);
    const double v = exact.reference().value;
    CHECK(exact.match(v));
    CHECK_FALSE(exact.match(step(v, 1)));
    const auto rel = gibbs::WithinRelOfOracle(f, p, q, 1e-15);
    CHECK(rel.match(step(v, 1)));
    CHECK_FALSE(rel.match(v * (1 + 1e-14)));
  }
  REQUIRE_THAT(gibbs::entropy(p), gibbs::WithinUlpsOfOracle(gibbs::entropy, p, 2));
  const auto h = gibbs::IsCorrectlyRounded(gibbs::entropy, p);
  CHECK(h.match(h.reference().value));
  CHECK_FALSE(h.match(step(h.reference().value, 1)));
}

TEST_CASE("float arguments are judged in binary32", "[oracle][catch2][binary32]") {
  const std::vector<float> p{0.5f, 0.5f}, q{0.75f, 0.25f};
  const auto m = gibbs::IsCorrectlyRounded(gibbs::kl_divergence, p, q);
  const float v = static_cast<float>(m.reference().value);
  CHECK(static_cast<double>(v) == m.reference().value);
  CHECK(m.match(v));
  CHECK_FALSE(m.match(std::nextafter(v, 1.0f)));
  const auto u = gibbs::WithinUlpsOfOracle(gibbs::kl_divergence, p, q, 1);
  CHECK(u.match(std::nextafter(v, 1.0f)));
  CHECK_FALSE(u.match(std::nextafter(std::nextafter(v, 1.0f), 1.0f)));
}

TEST_CASE("nll and perplexity by their gibbs functions", "[oracle][catch2]") {
  const std::vector<double> q{0.25, 0.75};
  const std::vector<int> s{1, 1, 0};
  const auto m = gibbs::IsCorrectlyRounded(gibbs::nll, q, s);
  CHECK(m.match(m.reference().value));
  CHECK(m.reference().value == gibbs::oracle::nll(q, std::vector<std::int64_t>{1, 1, 0}).value);
  const auto pp = gibbs::WithinUlpsOfOracle(gibbs::perplexity, q, s, 0);
  CHECK(pp.match(pp.reference().value));
}

namespace {
double not_a_measure(const std::vector<double>& p, const std::vector<double>&) {
  return p[0];
}
} // namespace

TEST_CASE("a function that is not a measure is rejected", "[oracle][catch2]") {
  const std::vector<double> p{0.5, 0.5}, q{0.7, 0.3};
  CHECK_THROWS_AS(gibbs::IsCorrectlyRounded(not_a_measure, p, q), std::invalid_argument);
  // the distances of the table are measures the matchers know
  const auto tv = gibbs::IsCorrectlyRounded(gibbs::total_variation, p, q);
  CHECK(tv.match(gibbs::oracle::total_variation(p, q).value));
  const auto h = gibbs::WithinUlpsOfOracle(gibbs::hellinger, p, q, 0);
  CHECK(h.match(gibbs::oracle::hellinger(p, q).value));
}

TEST_CASE("matchers on a request: every measure of the table, with parameters",
          "[oracle][catch2]") {
  // Reference: the oracle (checked against MPFR in reference.cpp).
  gibbs::oracle::request r;
  r.what = gibbs::oracle::measure::renyi;
  r.p = {0.5, 0.5};
  r.q = {0.7, 0.3};
  r.parameters["alpha"] = 2;
  const auto m = gibbs::IsCorrectlyRounded(r);
  const double v = m.reference().value;
  CHECK(m.match(v));
  CHECK_FALSE(m.match(step(v, 1)));
  CHECK(gibbs::WithinUlpsOfOracle(r, 1).match(step(v, 1)));
  gibbs::oracle::request z;
  z.what = gibbs::oracle::measure::logits_cross_entropy;
  z.logits = {1.0, 2.0, 3.0};
  z.target_index = 0;
  const auto lz = gibbs::WithinRelOfOracle(z, 1e-15);
  CHECK(lz.match(lz.reference().value));
}

TEST_CASE("describe() shows the observed value and its ulps in full precision",
          "[oracle][catch2]") {
  // KL([0.5, 0.5] || [0.5 + 2^-53, 0.5 - 2^-53]) = 2^-105 (about 2.47e-32): a fixed-point print
  // shows it as 0.0.
  const std::vector<double> p{0.5, 0.5}, q{0.5 + 0x1p-53, 0.5 - 0x1p-53};
  const auto m = gibbs::IsCorrectlyRounded(gibbs::kl_divergence, p, q);
  CHECK_FALSE(m.match(0x1p-104));
  const std::string d = m.describe();
  INFO(d);
  CHECK(d.find("2.4651903288156619e-32") != std::string::npos);
  CHECK(d.find("observed 0x1p-104") != std::string::npos);
  CHECK(d.find("ulps from it") != std::string::npos);
}
