// Unit tests of gibbs::cross_entropy.
//
// Reference values: MPFR (C API, 384+ bits, raised until the error bound is negligible) evaluating
// −Σ p·log q on the exact inputs with MPFR's correctly rounded log and mpfr_sum
// (tests/support/reference.hpp).
#include <gibbs/measure/cross_entropy.hpp>
#include <gibbs/measure/entropy.hpp>

#include "../support/check.hpp"
#include "../support/reference.hpp"

#include <array>
#include <cmath>
#include <limits>
#include <span>
#include <vector>

using gibbs_test::ulp_error;
using V = std::vector<double>;

namespace {
constexpr double max_ulps = 4.0; // every term −p·log q is ≥ 0: no cancellation
}

TEST_CASE("cross_entropy agrees with an MPFR evaluation of −Σ p·log q", "[cross_entropy]") {
  const std::vector<std::pair<V, V>> cases = {
      {{0.5, 0.5}, {0.7, 0.3}},    {{0.1, 0.2, 0.3, 0.4}, {0.25, 0.25, 0.25, 0.25}},
      {{1.0, 0.0}, {0.5, 0.5}},    {{0.999, 0.001}, {0.001, 0.999}},
      {{0.5, 0.5}, {5e-324, 1.0}}, {{1e-300, 1.0 - 1e-300}, {1e-300, 1.0 - 1e-300}},
      {{0.0, 1.0}, {0.0, 1.0}},
  };
  for (const auto& [p, q] : cases) {
    const double got = gibbs::cross_entropy(p, q);
    const auto ref = gibbs_test::reference_cross_entropy(p, q);
    INFO("p[0] = " << p[0] << ", q[0] = " << q[0] << ", got " << got << ", reference "
                   << gibbs_test::to_string(ref));
    CHECK(ulp_error(got, ref) <= max_ulps);
  }
}

TEST_CASE("H(p, p) = H(p) and H(p, uniform) = log n", "[cross_entropy]") {
  const V p{0.1, 0.2, 0.3, 0.4};
  CHECK(gibbs::cross_entropy(p, p) == Approx(gibbs::entropy(p)).epsilon(1e-15));
  CHECK(gibbs::cross_entropy(p, V(4, 0.25)) == Approx(std::log(4.0)).epsilon(1e-15));
}

TEST_CASE("conventions: 0·log q = 0 (also q = 0), p > 0 = q gives +inf",
          "[cross_entropy][conventions]") {
  CHECK(gibbs::cross_entropy(V{0.0, 1.0}, V{0.0, 1.0}) == 0.0);
  CHECK(gibbs::cross_entropy(V{0.0, 1.0}, V{0.5, 0.5}) == Approx(std::log(2.0)));
  const double h = gibbs::cross_entropy(V{0.5, 0.5}, V{1.0, 0.0});
  CHECK(std::isinf(h));
  CHECK(h > 0.0);
}

TEST_CASE("input kinds", "[cross_entropy][inputs]") {
  const std::array<double, 2> p{0.5, 0.5}, q{0.75, 0.25};
  const double expected = gibbs::cross_entropy(p, q);
  CHECK(gibbs::cross_entropy(std::span<const double>(p), std::span<const double>(q)) == expected);
  CHECK(gibbs::cross_entropy(V{0.5, 0.5}, V{0.75, 0.25}) == expected);
  const double cp[] = {0.5, 0.5}, cq[] = {0.75, 0.25};
  CHECK(gibbs::cross_entropy(cp, cq) == expected);
  const std::array<int, 2> one_hot{0, 1};
  STATIC_REQUIRE(std::is_same_v<decltype(gibbs::cross_entropy(one_hot, q)), double>);
  CHECK(gibbs::cross_entropy(one_hot, q) == Approx(-std::log(0.25)));
  constexpr double c = gibbs::cross_entropy(std::array{1.0, 0.0}, std::array{1.0, 0.0});
  STATIC_REQUIRE(c == 0.0);
}

TEST_CASE("cross_entropy rejects invalid input, naming index and value",
          "[cross_entropy][errors]") {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  const V ok{0.5, 0.5};
  CHECK_INVALID(gibbs::cross_entropy(V{}, V{}), empty, "cross_entropy", "p", 0, 0.0);
  CHECK_INVALID(gibbs::cross_entropy(V{1.0}, ok), length_mismatch, "cross_entropy", "q", 2, 1.0);
  CHECK_INVALID(gibbs::cross_entropy(V{1.5, -0.5}, ok), negative, "cross_entropy", "p", 1, -0.5);
  CHECK_INVALID(gibbs::cross_entropy(ok, V{-0.5, 1.5}), negative, "cross_entropy", "q", 0, -0.5);
  CHECK_INVALID(gibbs::cross_entropy(ok, V{nan, 0.5}), not_a_number, "cross_entropy", "q", 0, nan);
  CHECK_INVALID(gibbs::cross_entropy(V{0.5, inf}, ok), infinite, "cross_entropy", "p", 1, inf);
  CHECK_INVALID(gibbs::cross_entropy(ok, V{0.5, 0.5 + 0x1p-29}), not_normalized, "cross_entropy",
                "q", 0, 1.0 + 0x1p-29);
  CHECK_NOTHROW(gibbs::cross_entropy(ok, V{0.5, 0.5 + 0x1p-31}));
}
