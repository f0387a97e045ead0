// Unit tests of gibbs::total_variation.
//
// Reference values: MPFR (C API, 384+ bits) evaluating ½·Σ|p − q| on the exact inputs with
// mpfr_sum (tests/support/reference.hpp); the closed forms below are exact in binary.
#include <gibbs/measure/total_variation.hpp>

#include "../support/check.hpp"
#include "../support/reference.hpp"

#include <array>
#include <cmath>
#include <limits>
#include <span>
#include <vector>

using gibbs_test::ulp_error;
using V = std::vector<double>;

TEST_CASE("total_variation agrees with an MPFR evaluation of ½·Σ|p − q|", "[tv]") {
  const std::vector<std::pair<V, V>> cases = {
      {{0.5, 0.5}, {0.7, 0.3}},
      {{0.1, 0.2, 0.3, 0.4}, {0.25, 0.25, 0.25, 0.25}},
      {{1.0, 0.0}, {0.0, 1.0}},
      {{0.5, 0.5}, {5e-324, 1.0}},
      {{0.5, 0.5}, {0.5 + 0x1p-53, 0.5 - 0x1p-53}},
      {{0.3, 0.3, 0.4}, {0.3000000001, 0.2999999999, 0.4}},
  };
  for (const auto& [p, q] : cases) {
    const double got = gibbs::total_variation(p, q);
    const auto ref = gibbs_test::reference_tv(p, q);
    INFO("p[0] = " << p[0] << ", q[0] = " << q[0] << ", got " << got << ", reference "
                   << gibbs_test::to_string(ref));
    CHECK(ulp_error(got, ref) <= 2.0);
    CHECK(got == gibbs::total_variation(q, p));
  }
}

TEST_CASE("closed forms", "[tv]") {
  CHECK(gibbs::total_variation(V{1.0, 0.0}, V{0.0, 1.0}) == 1.0);
  CHECK(gibbs::total_variation(V{0.5, 0.5}, V{0.75, 0.25}) == 0.25);
  CHECK(gibbs::total_variation(V{0.5, 0.5}, V{0.5, 0.5}) == 0.0);
  CHECK(gibbs::total_variation(V{0.5, 0.5}, V{0.5 + 0x1p-53, 0.5 - 0x1p-53}) == 0x1p-53);
}

TEST_CASE("input kinds", "[tv][inputs]") {
  const std::array<double, 2> p{0.5, 0.5}, q{0.75, 0.25};
  CHECK(gibbs::total_variation(std::span<const double>(p), q) == 0.25);
  const double cp[] = {0.5, 0.5};
  CHECK(gibbs::total_variation(cp, V{0.75, 0.25}) == 0.25);
  const std::array<int, 2> a{1, 0}, b{0, 1};
  STATIC_REQUIRE(std::is_same_v<decltype(gibbs::total_variation(a, b)), double>);
  CHECK(gibbs::total_variation(a, b) == 1.0);
  STATIC_REQUIRE(gibbs::total_variation(std::array{1.0, 0.0}, std::array{0.0, 1.0}) == 1.0);
}

TEST_CASE("total_variation rejects invalid input, naming index and value", "[tv][errors]") {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  const V ok{0.5, 0.5};
  CHECK_INVALID(gibbs::total_variation(V{}, V{}), empty, "total_variation", "p", 0, 0.0);
  CHECK_INVALID(gibbs::total_variation(ok, V{0.5, 0.25, 0.25}), length_mismatch, "total_variation",
                "q", 3, 2.0);
  CHECK_INVALID(gibbs::total_variation(ok, V{1.5, -0.5}), negative, "total_variation", "q", 1,
                -0.5);
  CHECK_INVALID(gibbs::total_variation(V{nan, 0.5}, ok), not_a_number, "total_variation", "p", 0,
                nan);
  CHECK_INVALID(gibbs::total_variation(V{0.5, inf}, ok), infinite, "total_variation", "p", 1, inf);
  CHECK_INVALID(gibbs::total_variation(V{0.5, 0.625}, ok), not_normalized, "total_variation", "p",
                0, 1.125);
  CHECK_NOTHROW(gibbs::total_variation(V{0.5, 0.5 + 0x1p-31}, ok));
}
