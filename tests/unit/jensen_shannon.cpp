// Unit tests of gibbs::jensen_shannon.
//
// Reference values: MPFR (C API, 384+ bits, raised until the error bound is negligible) evaluating
// ½·Σ [p·(log p − log m) + q·(log q − log m)], m = (p + q)/2, on the exact inputs — the library
// instead sums m·(φ(v) + φ(−v)) with v = (p − q)/(p + q) (tests/support/reference.hpp).
#include <gibbs/measure/jensen_shannon.hpp>

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
constexpr double max_ulps = 4.0;
}

TEST_CASE("jensen_shannon agrees with an MPFR evaluation of the definition", "[js]") {
  const std::vector<std::pair<V, V>> cases = {
      {{0.5, 0.5}, {0.7, 0.3}},
      {{0.1, 0.2, 0.3, 0.4}, {0.25, 0.25, 0.25, 0.25}},
      {{1.0, 0.0}, {0.0, 1.0}},
      {{1.0, 0.0}, {0.5, 0.5}},
      {{0.999, 0.001}, {0.001, 0.999}},
      {{0.5, 0.5}, {5e-324, 1.0}},
      {{0.5, 0.5}, {0.5 + 0x1p-53, 0.5 - 0x1p-53}},
      {{0.3, 0.3, 0.4}, {0.3000000001, 0.2999999999, 0.4}},
  };
  for (const auto& [p, q] : cases) {
    const double got = gibbs::jensen_shannon(p, q);
    const auto ref = gibbs_test::reference_js(p, q);
    INFO("p[0] = " << p[0] << ", q[0] = " << q[0] << ", got " << got << ", reference "
                   << gibbs_test::to_string(ref));
    CHECK(ulp_error(got, ref) <= max_ulps);
    CHECK(got == gibbs::jensen_shannon(q, p)); // symmetric, bit for bit
  }
}

TEST_CASE("closed forms and bounds", "[js]") {
  CHECK(gibbs::jensen_shannon(V{1.0, 0.0}, V{0.0, 1.0}) == Approx(std::log(2.0)).epsilon(1e-16));
  CHECK(gibbs::jensen_shannon(V{0.2, 0.8}, V{0.2, 0.8}) == 0.0);
  // near equality stays positive (textbook forms go to 0 or below)
  CHECK(gibbs::jensen_shannon(V{0.5, 0.5}, V{0.5 + 0x1p-53, 0.5 - 0x1p-53}) > 0.0);
}

TEST_CASE("conventions: zero masses on one or both sides", "[js][conventions]") {
  CHECK(gibbs::jensen_shannon(V{0.0, 1.0}, V{0.0, 1.0}) == 0.0);
  // p = [1, 0], q = [½, ½]: ½·log(4/3) + ½·(½·log(2/3) + ½·log 2)
  const double expected =
      0.5 * std::log(4.0 / 3.0) + 0.25 * std::log(2.0 / 3.0) + 0.25 * std::log(2.0);
  CHECK(gibbs::jensen_shannon(V{1.0, 0.0}, V{0.5, 0.5}) == Approx(expected).epsilon(1e-15));
  CHECK(std::isfinite(gibbs::jensen_shannon(V{1.0, 0.0}, V{0.0, 1.0}))); // never +inf
}

TEST_CASE("input kinds", "[js][inputs]") {
  const std::array<double, 2> p{0.5, 0.5}, q{0.75, 0.25};
  const double expected = gibbs::jensen_shannon(p, q);
  CHECK(gibbs::jensen_shannon(std::span<const double>(p), q) == expected);
  CHECK(gibbs::jensen_shannon(V{0.5, 0.5}, V{0.75, 0.25}) == expected);
  const double cp[] = {0.5, 0.5}, cq[] = {0.75, 0.25};
  CHECK(gibbs::jensen_shannon(cp, cq) == expected);
  const int a[] = {1, 0}, b[] = {0, 1};
  STATIC_REQUIRE(std::is_same_v<decltype(gibbs::jensen_shannon(a, b)), double>);
  CHECK(gibbs::jensen_shannon(a, b) == Approx(std::log(2.0)));
  constexpr double js = gibbs::jensen_shannon(std::array{1.0, 0.0}, std::array{1.0, 0.0});
  STATIC_REQUIRE(js == 0.0);
}

TEST_CASE("jensen_shannon rejects invalid input, naming index and value", "[js][errors]") {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  const V ok{0.5, 0.5};
  CHECK_INVALID(gibbs::jensen_shannon(V{}, V{}), empty, "jensen_shannon", "p", 0, 0.0);
  CHECK_INVALID(gibbs::jensen_shannon(ok, V{1.0}), length_mismatch, "jensen_shannon", "q", 1, 2.0);
  CHECK_INVALID(gibbs::jensen_shannon(V{-1.0, 2.0}, ok), negative, "jensen_shannon", "p", 0, -1.0);
  CHECK_INVALID(gibbs::jensen_shannon(ok, V{0.5, nan}), not_a_number, "jensen_shannon", "q", 1,
                nan);
  CHECK_INVALID(gibbs::jensen_shannon(ok, V{-inf, 0.5}), infinite, "jensen_shannon", "q", 0, -inf);
  CHECK_INVALID(gibbs::jensen_shannon(V{0.5, 0.5 - 0x1p-29}, ok), not_normalized, "jensen_shannon",
                "p", 0, 1.0 - 0x1p-29);
  CHECK_NOTHROW(gibbs::jensen_shannon(V{0.5, 0.5 - 0x1p-31}, ok));
}
