// Unit tests of gibbs::chi_squared.
//
// Reference values: MPFR (C API, raised in precision until the error bound is negligible)
// evaluating the expanded Σ p²/q − 2·Σp + Σq on the exact inputs — a different formula from the
// library's Σ ((p − q)/q)·(p − q) (tests/support/reference.hpp). Closed forms where they exist.
#include <gibbs/measure/chi_squared.hpp>

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
// Each term ≤ 2.5ε relative, all ≥ 0, compensated sum: measured at most 1 ulp below; 2 of margin.
constexpr double max_ulps = 2.0;
} // namespace

TEST_CASE("chi_squared agrees with an MPFR evaluation of Σ p²/q − 2·Σp + Σq", "[chi2]") {
  const std::vector<std::pair<V, V>> cases = {
      {{0.5, 0.5}, {0.7, 0.3}},
      {{0.1, 0.2, 0.3, 0.4}, {0.25, 0.25, 0.25, 0.25}},
      {{0.25, 0.25, 0.25, 0.25}, {0.1, 0.2, 0.3, 0.4}},
      {{1.0, 0.0}, {0.5, 0.5}},
      {{0.999, 0.001}, {0.001, 0.999}},
      {{1e-300, 1.0 - 1e-300}, {0.5, 0.5}},
      {{0.5, 0.5}, {1e-300, 1.0}},
      {{0.3, 0.3, 0.4}, {0.3000000001, 0.2999999999, 0.4}},
      {{0.5, 0.5}, {0.5 + 0x1p-53, 0.5 - 0x1p-53}},
      {{0x1p-600 + 0x1p-500, 1.0}, {0x1p-500, 1.0}}, // (p − q)² underflows, the term does not
      {{0x1p-40, 1.0}, {0x1p-1074, 1.0}},            // q subnormal: (p − q)/q overflows alone
  };
  for (const auto& [p, q] : cases) {
    const double got = gibbs::chi_squared(p, q);
    const auto ref = gibbs_test::reference_chi_squared(p, q);
    INFO("p[0] = " << p[0] << ", q[0] = " << q[0] << ", got " << got << ", reference "
                   << gibbs_test::to_string(ref));
    CHECK(ulp_error(got, ref) <= max_ulps);
    CHECK(got >= 0.0);
  }
}

TEST_CASE("closed forms and the documented example", "[chi2]") {
  // χ²([½, ½] ‖ [¾, ¼]) = (¼)²/¾ + (¼)²/¼ = 1/12 + 1/4 = 1/3
  const double got = gibbs::chi_squared(V{0.5, 0.5}, V{0.75, 0.25});
  CHECK(got == 1.0 / 3.0); // the example of the doc comment: correctly rounded
  CHECK(ulp_error(got, gibbs_test::reference_chi_squared(V{0.5, 0.5}, V{0.75, 0.25})) <= 0.5);
  CHECK(gibbs::chi_squared(V{1.0, 0.0}, V{0.5, 0.5}) == 1.0); // ¼/½ + ¼/½
  CHECK(gibbs::chi_squared(V{0.5, 0.5}, V{0.5, 0.5}) == 0.0);
  CHECK(gibbs::chi_squared(V{0.5, 0.5}, V{0.75, 0.25})
        != gibbs::chi_squared(V{0.75, 0.25}, V{0.5, 0.5}));
}

TEST_CASE("near equality: χ² = 2^-104 exactly-ish, the textbook Σp²/q − 1 fails",
          "[chi2][cancellation]") {
  const V p{0.5, 0.5};
  const V q{0.5 + 0x1p-53, 0.5 - 0x1p-53};
  // exact: 2^-106·(1/(½ + 2^-53) + 1/(½ − 2^-53)) = 2^-104/(1 − 2^-104)
  const double got = gibbs::chi_squared(p, q);
  const auto ref = gibbs_test::reference_chi_squared(p, q);
  INFO("gibbs::chi_squared = " << got << ", reference " << gibbs_test::to_string(ref));
  CHECK(got > 0.0);
  CHECK(ulp_error(got, ref) <= max_ulps);
  CHECK(std::abs(got - 0x1p-104) <= 2.0 * 0x1p-104 * std::numeric_limits<double>::epsilon());

  // The textbook Σ p²/q − 1: the sum is 1 to within an ulp, so the difference is 0 or ±2^-52,
  // a hundred thousand billion times too large or of the wrong sign.
  double textbook = -1.0;
  for (std::size_t i = 0; i < 2; ++i)
    textbook += p[i] * p[i] / q[i];
  INFO("textbook Σ p²/q − 1 = " << textbook);
  CHECK(ulp_error(textbook, ref) > 1e6);
}

TEST_CASE("conventions: 0 where p = q = 0, +inf where p > 0 = q", "[chi2][conventions]") {
  CHECK(gibbs::chi_squared(V{0.0, 1.0}, V{0.0, 1.0}) == 0.0);
  CHECK(gibbs::chi_squared(V{0.0, 1.0}, V{0.5, 0.5}) == 1.0); // ½ + ¼/½
  const double inf = gibbs::chi_squared(V{0.5, 0.5}, V{1.0, 0.0});
  CHECK(std::isinf(inf));
  CHECK(inf > 0.0);
  // a term that overflows double is +inf, not NaN: (½)²/2^-1074 = 2^1072
  CHECK(std::isinf(gibbs::chi_squared(V{0.5, 0.5}, V{0x1p-1074, 1.0})));
}

TEST_CASE("every number type", "[chi2][types]") {
  const std::vector<float> fp{0.5f, 0.5f}, fq{0.7f, 0.3f};
  const float cf = gibbs::chi_squared(fp, fq);
  CHECK(ulp_error(cf, gibbs_test::reference_chi_squared(fp, fq)) <= max_ulps);
  const std::vector<long double> lp{0.5L, 0.5L}, lq{0.7L, 0.3L};
  const long double cl = gibbs::chi_squared(lp, lq);
  CHECK(ulp_error(cl, gibbs_test::reference_chi_squared(lp, lq)) <= max_ulps);
}

TEST_CASE("input kinds and constant evaluation", "[chi2][inputs][constexpr]") {
  constexpr std::array<double, 2> a{1.0, 0.0}, b{0.5, 0.5};
  STATIC_REQUIRE(gibbs::chi_squared(a, b) == 1.0);
  STATIC_REQUIRE(gibbs::chi_squared(b, b) == 0.0);
  const double cp[] = {1.0, 0.0};
  CHECK(gibbs::chi_squared(cp, std::span<const double>(b)) == 1.0);
  const std::array<int, 2> i1{1, 0};
  STATIC_REQUIRE(std::is_same_v<decltype(gibbs::chi_squared(i1, b)), double>);
  CHECK(gibbs::chi_squared(i1, V{0.5, 0.5}) == 1.0);
}

TEST_CASE("chi_squared rejects invalid input, naming index and value", "[chi2][errors]") {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  const V ok{0.5, 0.5};
  CHECK_INVALID(gibbs::chi_squared(V{}, V{}), empty, "chi_squared", "p", 0, 0.0);
  CHECK_INVALID(gibbs::chi_squared(ok, V{1.0}), length_mismatch, "chi_squared", "q", 1, 2.0);
  CHECK_INVALID(gibbs::chi_squared(V{1.25, -0.25}, ok), negative, "chi_squared", "p", 1, -0.25);
  CHECK_INVALID(gibbs::chi_squared(ok, V{-0.25, 1.25}), negative, "chi_squared", "q", 0, -0.25);
  CHECK_INVALID(gibbs::chi_squared(V{nan, 0.5}, ok), not_a_number, "chi_squared", "p", 0, nan);
  CHECK_INVALID(gibbs::chi_squared(ok, V{0.5, nan}), not_a_number, "chi_squared", "q", 1, nan);
  CHECK_INVALID(gibbs::chi_squared(V{inf, 0.5}, ok), infinite, "chi_squared", "p", 0, inf);
  CHECK_INVALID(gibbs::chi_squared(ok, V{0.5, inf}), infinite, "chi_squared", "q", 1, inf);
  CHECK_INVALID(gibbs::chi_squared(V{0.5, 0.75}, ok), not_normalized, "chi_squared", "p", 0, 1.25);
  CHECK_INVALID(gibbs::chi_squared(ok, V{0.5, 0.5 - 0x1p-29}), not_normalized, "chi_squared", "q",
                0, 1.0 - 0x1p-29);
  CHECK_NOTHROW(gibbs::chi_squared(ok, V{0.5, 0.5 - 0x1p-31}));
}
