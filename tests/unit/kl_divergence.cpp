// Unit tests of gibbs::kl_divergence, reverse_kl_divergence and generalized_kl_divergence.
//
// Reference values: MPFR (C API, 384+ bits, raised until the error bound is negligible) evaluating
// the *textbook* formula Σ p·(log p − log q) on the exact inputs — a different formula from the
// library's Σ q·φ((p − q)/q) + Σ(p − q) (tests/support/reference.hpp). Closed forms are checked
// where they exist (e.g. 2^-105 below).
#include <gibbs/measure/kl_divergence.hpp>

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
// The library promises a few ulps; measured maximum on these inputs: see the report in
// tests/property/README (0 to 1 ulp). 4 leaves margin for the provisional elementary functions.
constexpr double max_ulps = 4.0;

double ulps_kl(const V& p, const V& q, double got) {
  return ulp_error(got, gibbs_test::reference_kl(p, q));
}
} // namespace

TEST_CASE("kl_divergence agrees with an MPFR evaluation of Σ p·(log p − log q)", "[kl]") {
  const std::vector<std::pair<V, V>> cases = {
      {{0.5, 0.5}, {0.7, 0.3}},
      {{0.1, 0.2, 0.3, 0.4}, {0.25, 0.25, 0.25, 0.25}},
      {{0.25, 0.25, 0.25, 0.25}, {0.1, 0.2, 0.3, 0.4}},
      {{1.0, 0.0}, {0.5, 0.5}},
      {{0.999, 0.001}, {0.001, 0.999}},
      {{1e-300, 1.0 - 1e-300}, {0.5, 0.5}},
      {{0.5, 0.5}, {1e-300, 1.0}},
      {{0.3, 0.3, 0.4}, {0.3000000001, 0.2999999999, 0.4}},
  };
  for (const auto& [p, q] : cases) {
    const double got = gibbs::kl_divergence(p, q);
    INFO("p[0] = " << p[0] << ", q[0] = " << q[0] << ", got " << got << ", reference "
                   << gibbs_test::to_string(gibbs_test::reference_kl(p, q)));
    CHECK(ulps_kl(p, q, got) <= max_ulps);
    CHECK(got >= 0.0);
  }
}

TEST_CASE("closed forms", "[kl]") {
  // KL([1/2, 1/2] ‖ [3/4, 1/4]) = ½·log(2/3) + ½·log 2 = ½·log(4/3)
  const double got = gibbs::kl_divergence(V{0.5, 0.5}, V{0.75, 0.25});
  CHECK(ulps_kl({0.5, 0.5}, {0.75, 0.25}, got) <= max_ulps);
  CHECK(got == Approx(0.5 * std::log(4.0 / 3.0)).epsilon(1e-15));
  CHECK(gibbs::kl_divergence(V{0.5, 0.5}, V{0.5, 0.5}) == 0.0);
  CHECK(gibbs::kl_divergence(V{1.0}, V{1.0}) == 0.0);
}

TEST_CASE("near equality: KL([½,½] ‖ [½+2^-53, ½−2^-53]) ≈ 2^-105, the textbook formula fails",
          "[kl][cancellation]") {
  const V p{0.5, 0.5};
  const V q{0.5 + 0x1p-53, 0.5 - 0x1p-53};
  REQUIRE(q[0] != 0.5);
  REQUIRE(q[1] != 0.5);
  // Exact: −½·log(1 − 2^-104) = 2^-105 + 2^-209 + …
  const double got = gibbs::kl_divergence(p, q);
  INFO("gibbs::kl_divergence = " << got << " (2^-105 = " << 0x1p-105 << ")");
  CHECK(got > 0.0);
  CHECK(ulps_kl(p, q, got) <= max_ulps);
  CHECK(std::abs(got - 0x1p-105) <= 4.0 * 0x1p-105 * std::numeric_limits<double>::epsilon());

  // The textbook Σ p·log(p/q) in double: the two logs are ±2^-52 to within an ulp and their
  // rounding errors (≈ 2^-105 each) are as large as the answer — it comes out ≤ 0.
  double textbook = 0.0;
  for (std::size_t i = 0; i < 2; ++i)
    textbook += p[i] * std::log(p[i] / q[i]);
  INFO("textbook Σ p·log(p/q) = " << textbook);
  CHECK(textbook <= 0.0);
}

TEST_CASE("q = 5e-324: p/q overflows, KL stays finite and correct", "[kl][overflow]") {
  const V p{0.5, 0.5};
  const V q{5e-324, 1.0}; // sums to 1 + 2^-1074, inside the tolerance
  REQUIRE(std::isinf(p[0] / q[0]));
  const double got = gibbs::kl_divergence(p, q);
  INFO("got " << got);
  CHECK(std::isfinite(got));
  // ½·log(½ / 2^-1074) + ½·log ½ = ½·1073·log 2 − ½·log 2 = 536·log 2
  CHECK(got == Approx(536.0 * std::log(2.0)).epsilon(1e-15));
  CHECK(ulps_kl(p, q, got) <= max_ulps);

  // reverse: q/p underflows to 0 in double
  const double rev = gibbs::reverse_kl_divergence(p, q);
  CHECK(ulp_error(rev, gibbs_test::reference_kl(q, p)) <= max_ulps);
}

TEST_CASE("conventions: 0·log 0 = 0, 0·log(0/q) = 0, p > 0 = q gives +inf", "[kl][conventions]") {
  CHECK(gibbs::kl_divergence(V{0.0, 1.0}, V{0.0, 1.0}) == 0.0);                   // 0·log(0/0)
  CHECK(gibbs::kl_divergence(V{0.0, 1.0}, V{0.5, 0.5}) == Approx(std::log(2.0))); // 0·log(0/q)
  CHECK(std::isinf(gibbs::kl_divergence(V{0.5, 0.5}, V{1.0, 0.0})));
  CHECK(gibbs::kl_divergence(V{0.5, 0.5}, V{1.0, 0.0}) > 0.0);
  CHECK(std::isinf(gibbs::reverse_kl_divergence(V{1.0, 0.0}, V{0.5, 0.5})));
  CHECK(std::isinf(gibbs::generalized_kl_divergence(V{1.0, 2.0}, V{1.0, 0.0})));
  CHECK(gibbs::generalized_kl_divergence(V{0.0, 2.0}, V{3.0, 2.0}) == 3.0); // 0·log 0 − 0 + 3
}

TEST_CASE("reverse KL swaps the arguments", "[kl][reverse]") {
  const V p{0.5, 0.5}, q{0.7, 0.3};
  const double rev = gibbs::reverse_kl_divergence(p, q);
  CHECK(rev == gibbs::kl_divergence(q, p));
  CHECK(ulp_error(rev, gibbs_test::reference_kl(q, p)) <= max_ulps);
  CHECK(rev != gibbs::kl_divergence(p, q)); // asymmetry witness
}

TEST_CASE("generalized KL: Σ p·log(p/q) − p + q on unnormalised measures", "[kl][generalized]") {
  // D([1, 2] ‖ [2, 2]) = 1·log ½ − 1 + 2 = 1 − log 2
  const double got = gibbs::generalized_kl_divergence(V{1.0, 2.0}, V{2.0, 2.0});
  CHECK(got == Approx(1.0 - std::log(2.0)).epsilon(1e-15));
  // equals KL when both sum to 1
  const V p{0.2, 0.8}, q{0.6, 0.4};
  CHECK(gibbs::generalized_kl_divergence(p, q)
        == Approx(gibbs::kl_divergence(p, q)).epsilon(1e-15));
  // no cancellation near equality: D(x ‖ x(1+δ)) = x·(δ − log(1+δ)) ≈ x·δ²/2
  const double d = gibbs::generalized_kl_divergence(V{3.0}, V{3.0 * (1.0 + 0x1p-40)});
  CHECK(d > 0.0);
  CHECK(d == Approx(3.0 * 0x1p-80 / 2.0).epsilon(1e-10));
}

TEST_CASE("input kinds: array, span, vector, C array, integers", "[kl][inputs]") {
  const std::array<double, 2> a{0.5, 0.5};
  const std::array<double, 2> b{0.75, 0.25};
  const double expected = gibbs::kl_divergence(a, b);
  CHECK(gibbs::kl_divergence(std::span<const double>(a), std::span<const double>(b)) == expected);
  CHECK(gibbs::kl_divergence(V{0.5, 0.5}, V{0.75, 0.25}) == expected);
  const double ca[] = {0.5, 0.5};
  const double cb[] = {0.75, 0.25};
  CHECK(gibbs::kl_divergence(ca, cb) == expected);
  CHECK(gibbs::kl_divergence(a, V{0.75, 0.25}) == expected); // mixed containers

  const std::array<int, 2> one_hot{1, 0};
  STATIC_REQUIRE(std::is_same_v<decltype(gibbs::kl_divergence(one_hot, one_hot)), double>);
  CHECK(gibbs::kl_divergence(one_hot, a) == Approx(std::log(2.0)));
  CHECK(gibbs::kl_divergence(one_hot, one_hot) == 0.0);

  const std::array<float, 2> fa{0.5f, 0.5f}, fb{0.75f, 0.25f};
  STATIC_REQUIRE(std::is_same_v<decltype(gibbs::kl_divergence(fa, fb)), float>);
  STATIC_REQUIRE(std::is_same_v<decltype(gibbs::kl_divergence(fa, b)), double>);
  CHECK(gibbs::kl_divergence(fa, fb) == Approx(expected).epsilon(1e-6));
}

TEST_CASE("kl_divergence is usable in constant expressions", "[kl][constexpr]") {
  constexpr std::array p{0.5, 0.5}, q{0.5, 0.5};
  constexpr double kl = gibbs::kl_divergence(p, q);
  STATIC_REQUIRE(kl == 0.0);
}

TEST_CASE("kl_divergence rejects invalid input, naming index and value", "[kl][errors]") {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  const V ok{0.5, 0.5};
  CHECK_INVALID(gibbs::kl_divergence(V{}, V{}), empty, "kl_divergence", "p", 0, 0.0);
  CHECK_INVALID(gibbs::kl_divergence(ok, V{0.2, 0.3, 0.5}), length_mismatch, "kl_divergence", "q",
                3, 2.0);
  CHECK_INVALID(gibbs::kl_divergence(V{0.5, 0.75, -0.25}, V{0.2, 0.3, 0.5}), negative,
                "kl_divergence", "p", 2, -0.25);
  CHECK_INVALID(gibbs::kl_divergence(ok, V{1.25, -0.25}), negative, "kl_divergence", "q", 1, -0.25);
  CHECK_INVALID(gibbs::kl_divergence(V{nan, 0.5}, ok), not_a_number, "kl_divergence", "p", 0, nan);
  CHECK_INVALID(gibbs::kl_divergence(ok, V{0.5, nan}), not_a_number, "kl_divergence", "q", 1, nan);
  CHECK_INVALID(gibbs::kl_divergence(V{inf, 0.5}, ok), infinite, "kl_divergence", "p", 0, inf);
  CHECK_INVALID(gibbs::kl_divergence(ok, V{0.5, -inf}), infinite, "kl_divergence", "q", 1, -inf);
  // tolerance for n = 2 in double: max(4·2·2^-52, 2^-30) = 2^-30
  CHECK_INVALID(gibbs::kl_divergence(V{0.5, 0.5 + 0x1p-29}, ok), not_normalized, "kl_divergence",
                "p", 0, 1.0 + 0x1p-29);
  CHECK_INVALID(gibbs::kl_divergence(ok, V{0.5, 0.5 - 0x1p-29}), not_normalized, "kl_divergence",
                "q", 0, 1.0 - 0x1p-29);
  CHECK_NOTHROW(gibbs::kl_divergence(V{0.5, 0.5 + 0x1p-31}, ok));
  CHECK_NOTHROW(gibbs::kl_divergence(ok, V{0.5, 0.5 - 0x1p-31}));
  CHECK_INVALID(gibbs::kl_divergence(V{0.2, 0.2}, ok), not_normalized, "kl_divergence", "p", 0,
                0.4);

  CHECK_INVALID(gibbs::reverse_kl_divergence(V{0.5, -0.5, 1.0}, V{0.2, 0.3, 0.5}), negative,
                "reverse_kl_divergence", "p", 1, -0.5);
  CHECK_INVALID(gibbs::reverse_kl_divergence(ok, V{0.5}), length_mismatch, "reverse_kl_divergence",
                "q", 1, 2.0);
  CHECK_INVALID(gibbs::reverse_kl_divergence(ok, V{0.5, 0.25}), not_normalized,
                "reverse_kl_divergence", "q", 0, 0.75);

  // generalized: no sum check, but every other check
  CHECK_NOTHROW(gibbs::generalized_kl_divergence(V{3.0, 4.0}, V{1.0, 1.0}));
  CHECK_INVALID(gibbs::generalized_kl_divergence(V{}, V{}), empty, "generalized_kl_divergence", "p",
                0, 0.0);
  CHECK_INVALID(gibbs::generalized_kl_divergence(V{1.0, -2.0}, V{1.0, 1.0}), negative,
                "generalized_kl_divergence", "p", 1, -2.0);
  CHECK_INVALID(gibbs::generalized_kl_divergence(V{1.0, 2.0}, V{inf, 1.0}), infinite,
                "generalized_kl_divergence", "q", 0, inf);
  CHECK_INVALID(gibbs::generalized_kl_divergence(V{1.0, 2.0}, V{1.0, nan}), not_a_number,
                "generalized_kl_divergence", "q", 1, nan);
  CHECK_INVALID(gibbs::generalized_kl_divergence(V{1.0}, V{1.0, 2.0}), length_mismatch,
                "generalized_kl_divergence", "q", 2, 1.0);
}

TEST_CASE("float inputs use the float tolerance 4·n·ε(float)", "[kl][errors]") {
  using F = std::vector<float>;
  const F ok{0.5f, 0.5f};
  // n = 2: 8·2^-23 = 2^-20
  CHECK_NOTHROW(gibbs::kl_divergence(F{0.5f, 0.5f + 0x1p-21f}, ok));
  CHECK_INVALID(gibbs::kl_divergence(F{0.5f, 0.5f + 0x1p-19f}, ok), not_normalized, "kl_divergence",
                "p", 0, 1.0 + 0x1p-19);
}

// BUG (reported to the lead): gibbs::detail::compensated_sum turns an infinite term into NaN (its
// compensation computes (sum − t) + x = ∞ − ∞). generalized_kl_divergence({1e308}, {1e-300})
// has the exact value 1e308·log(1e608) − 1e308 ≈ 1.4e311, which rounds to +inf in double; gibbs
// returns NaN. Fixed on main; this test was [!mayfail] until compensated_sum passes infinities through.
TEST_CASE("generalized KL that overflows is +inf, not NaN", "[kl][generalized]") {
  const double d = gibbs::generalized_kl_divergence(V{1e308}, V{1e-300});
  INFO("got " << d);
  CHECK(std::isinf(d));
  CHECK(d > 0.0);
  CHECK(std::isinf(gibbs::generalized_kl_divergence(V{1.0, 1e308}, V{1.0, 1e-300})));
}
