// Unit tests of gibbs::nll, perplexity, perplexity_from_nll and empirical_distribution.
//
// Reference values: MPFR (C API, 384+ bits) evaluating −(1/N)·Σ log q[x_k] sample by sample
// (tests/support/reference.hpp) — the library's law NLL = H(p̂, q) is checked separately against
// gibbs::cross_entropy.
#include <gibbs/measure/cross_entropy.hpp>
#include <gibbs/measure/nll.hpp>

#include "../support/check.hpp"
#include "../support/reference.hpp"

#include <array>
#include <cmath>
#include <limits>
#include <span>
#include <vector>

using gibbs_test::ulp_error;
using V = std::vector<double>;

TEST_CASE("nll agrees with MPFR −(1/N)·Σ log q[x]", "[nll]") {
  const V q{0.25, 0.75};
  const std::vector<int> s{1, 1, 0};
  const double got = gibbs::nll(q, s);
  CHECK(ulp_error(got, gibbs_test::reference_nll(q, {1, 1, 0})) <= 4.0);
  CHECK(got == Approx(-(2.0 * std::log(0.75) + std::log(0.25)) / 3.0).epsilon(1e-15));

  const V q2{0.1, 0.2, 0.3, 0.4};
  const std::vector<std::size_t> s2{0, 3, 3, 2, 1, 3, 0, 2, 2, 3};
  CHECK(ulp_error(gibbs::nll(q2, s2), gibbs_test::reference_nll(q2, s2)) <= 4.0);
}

TEST_CASE("NLL = H(p̂, q) and perplexity = exp(NLL)", "[nll]") {
  const V q{0.1, 0.2, 0.3, 0.4};
  const std::vector<unsigned> s{0, 3, 3, 2, 1, 3, 0, 2};
  const auto phat = gibbs::empirical_distribution(s, 4);
  REQUIRE(phat == V{0.25, 0.125, 0.25, 0.375});
  CHECK(gibbs::nll(q, s) == Approx(gibbs::cross_entropy(phat, q)).epsilon(1e-15));
  CHECK(gibbs::perplexity(q, s) == Approx(std::exp(gibbs::nll(q, s))).epsilon(1e-15));
  CHECK(gibbs::perplexity_from_nll(std::log(4.0)) == Approx(4.0).epsilon(1e-15));
  CHECK(gibbs::perplexity(V{0.25, 0.25, 0.25, 0.25}, std::vector<int>{0, 3})
        == Approx(4.0).epsilon(1e-15));
}

TEST_CASE("a sample of probability 0 gives +inf", "[nll][conventions]") {
  CHECK(std::isinf(gibbs::nll(V{1.0, 0.0}, std::vector<int>{0, 1})));
  CHECK(std::isinf(gibbs::perplexity(V{1.0, 0.0}, std::vector<int>{1})));
  CHECK(gibbs::nll(V{1.0, 0.0}, std::vector<int>{0, 0}) == 0.0);
}

TEST_CASE("input kinds", "[nll][inputs]") {
  const std::array<double, 2> q{0.25, 0.75};
  const std::array<long, 3> s{1, 1, 0};
  const double expected = gibbs::nll(V{0.25, 0.75}, std::vector<int>{1, 1, 0});
  CHECK(gibbs::nll(q, s) == expected);
  CHECK(gibbs::nll(std::span<const double>(q), std::span<const long>(s)) == expected);
  const int cs[] = {1, 1, 0};
  CHECK(gibbs::nll(q, cs) == expected);
  const std::array<int, 2> qi{0, 1};
  STATIC_REQUIRE(std::is_same_v<decltype(gibbs::nll(qi, cs)), double>);
  const auto pf = gibbs::empirical_distribution<float>(std::vector<int>{0, 1, 1, 1}, 2);
  STATIC_REQUIRE(std::is_same_v<decltype(pf), const std::vector<float>>);
  CHECK(pf == std::vector<float>{0.25f, 0.75f});
}

TEST_CASE("nll and empirical_distribution reject invalid input, naming index and value",
          "[nll][errors]") {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const V ok{0.5, 0.5};
  CHECK_INVALID(gibbs::nll(ok, std::vector<int>{}), no_samples, "nll", "samples", 0, 0.0);
  CHECK_INVALID(gibbs::nll(ok, std::vector<int>{0, 1, 2}), index_out_of_range, "nll", "samples", 2,
                2.0);
  CHECK_INVALID(gibbs::nll(ok, std::vector<int>{0, -1}), index_out_of_range, "nll", "samples", 1,
                -1.0);
  CHECK_INVALID(gibbs::nll(V{}, std::vector<int>{0}), empty, "nll", "q", 0, 0.0);
  CHECK_INVALID(gibbs::nll(V{0.5, nan}, std::vector<int>{0}), not_a_number, "nll", "q", 1, nan);
  CHECK_INVALID(gibbs::nll(V{1.5, -0.5}, std::vector<int>{0}), negative, "nll", "q", 1, -0.5);
  CHECK_INVALID(gibbs::nll(V{0.5, 0.25}, std::vector<int>{0}), not_normalized, "nll", "q", 0, 0.75);
  CHECK_INVALID(gibbs::perplexity(ok, std::vector<int>{5}), index_out_of_range, "nll", "samples", 0,
                5.0);
  CHECK_INVALID(gibbs::empirical_distribution(std::vector<int>{}, 2), no_samples,
                "empirical_distribution", "samples", 0, 0.0);
  CHECK_INVALID(gibbs::empirical_distribution(std::vector<int>{0, 3}, 2), index_out_of_range,
                "empirical_distribution", "samples", 1, 3.0);
}
