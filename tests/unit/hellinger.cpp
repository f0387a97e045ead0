// Unit tests of gibbs::hellinger.
//
// Reference values: MPFR (C API, raised in precision until the error bound is negligible)
// evaluating the textbook √(½·Σ(√p − √q)²) on the exact inputs, the roots subtracted directly —
// a different formula from the library's Σ(p − q)²/(√p + √q)² (tests/support/reference.hpp).
// Closed forms are checked where they exist.
#include <gibbs/measure/hellinger.hpp>

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
// Each term has a relative error of a few ε, the sum is compensated and the root halves the
// relative error: measured at most 1 ulp on the cases below; 2 leaves margin.
constexpr double max_ulps = 2.0;
} // namespace

TEST_CASE("hellinger agrees with an MPFR evaluation of √(½·Σ(√p − √q)²)", "[hellinger]") {
  const std::vector<std::pair<V, V>> cases = {
      {{0.5, 0.5}, {0.7, 0.3}},
      {{0.1, 0.2, 0.3, 0.4}, {0.25, 0.25, 0.25, 0.25}},
      {{1.0, 0.0}, {0.5, 0.5}},
      {{1.0, 0.0}, {0.0, 1.0}},
      {{0.999, 0.001}, {0.001, 0.999}},
      {{1e-300, 1.0 - 1e-300}, {0.5, 0.5}},
      {{0.5, 0.5}, {5e-324, 1.0}},
      {{0.3, 0.3, 0.4}, {0.3000000001, 0.2999999999, 0.4}},
      {{0.5, 0.5}, {0.5 + 0x1p-53, 0.5 - 0x1p-53}},
      {{0x1p-1073, 1.0}, {0x1p-1074, 1.0}}, // the squares underflow: the rescaled sum
  };
  for (const auto& [p, q] : cases) {
    const double got = gibbs::hellinger(p, q);
    const auto ref = gibbs_test::reference_hellinger(p, q);
    INFO("p[0] = " << p[0] << ", q[0] = " << q[0] << ", got " << got << ", reference "
                   << gibbs_test::to_string(ref));
    CHECK(ulp_error(got, ref) <= max_ulps);
    CHECK(got == gibbs::hellinger(q, p)); // symmetric
  }
}

TEST_CASE("closed forms and the documented example", "[hellinger]") {
  // H([1, 0], [½, ½])² = ½·((1 − √½)² + ½) = 1 − √½
  const double got = gibbs::hellinger(V{1.0, 0.0}, V{0.5, 0.5});
  CHECK(got == 0.54119610014619701); // the example of the doc comment
  CHECK(ulp_error(got, gibbs_test::reference_hellinger(V{1.0, 0.0}, V{0.5, 0.5})) <= 0.5);
  CHECK(gibbs::hellinger(V{1.0, 0.0}, V{0.0, 1.0}) == 1.0); // disjoint supports
  CHECK(gibbs::hellinger(V{0.5, 0.5}, V{0.5, 0.5}) == 0.0);
  CHECK(gibbs::hellinger(V{0.25, 0.75}, V{0.25, 0.75}) == 0.0);
}

TEST_CASE("near equality: H([¼, ¾], [¼ + 2^-54, ¾ − 2^-54]) ≈ 3.9e-17, the textbook form gives 0",
          "[hellinger][cancellation]") {
  const V p{0.25, 0.75};
  const V q{0.25 + 0x1p-54, 0.75 - 0x1p-54}; // one ulp up, and the nearest double below ¾
  REQUIRE(q[0] != p[0]);
  const double got = gibbs::hellinger(p, q);
  const auto ref = gibbs_test::reference_hellinger(p, q);
  INFO("gibbs::hellinger = " << got << ", reference " << gibbs_test::to_string(ref));
  CHECK(got > 0.0);
  CHECK(ulp_error(got, ref) <= max_ulps);

  // The textbook √(½·Σ(√p − √q)²) in double: √(¼ + 2^-54) = ½ + 2^-54 − …, which rounds to ½ (the
  // ulp of ½ is 2^-53), and √q₁ rounds to √p₁ likewise: every difference of roots is 0.
  double textbook = 0.0;
  for (std::size_t i = 0; i < 2; ++i) {
    const double d = std::sqrt(p[i]) - std::sqrt(q[i]);
    textbook += d * d;
  }
  textbook = std::sqrt(textbook / 2);
  INFO("textbook = " << textbook);
  CHECK(textbook == 0.0);
}

TEST_CASE("conventions: zero masses", "[hellinger][conventions]") {
  CHECK(gibbs::hellinger(V{0.0, 1.0}, V{0.0, 1.0}) == 0.0); // p_i = q_i = 0 contributes 0
  // p = (0, 1), q = (½, ½): ½·(½ + (1 − √½)²) = 1 − √½
  CHECK(gibbs::hellinger(V{0.0, 1.0}, V{0.5, 0.5}) == gibbs::hellinger(V{1.0, 0.0}, V{0.5, 0.5}));
}

TEST_CASE("every number type", "[hellinger][types]") {
  const std::array<float, 2> fp{1.0f, 0.0f}, fq{0.5f, 0.5f};
  STATIC_REQUIRE(std::is_same_v<decltype(gibbs::hellinger(fp, fq)), float>);
  const float hf = gibbs::hellinger(fp, fq);
  CHECK(ulp_error(hf, gibbs_test::reference_hellinger(std::vector<float>{1.0f, 0.0f},
                                                      std::vector<float>{0.5f, 0.5f}))
        <= max_ulps);
  const std::vector<long double> lp{0.5L, 0.5L}, lq{0.7L, 0.3L};
  const long double hl = gibbs::hellinger(lp, lq);
  CHECK(ulp_error(hl, gibbs_test::reference_hellinger(lp, lq)) <= max_ulps);
}

TEST_CASE("input kinds and constant evaluation", "[hellinger][inputs][constexpr]") {
  constexpr std::array<double, 2> a{1.0, 0.0}, b{0.0, 1.0};
  STATIC_REQUIRE(gibbs::hellinger(a, b) == 1.0);
  STATIC_REQUIRE(gibbs::hellinger(a, a) == 0.0);
  const double expected = gibbs::hellinger(V{0.5, 0.5}, V{0.7, 0.3});
  const std::array<double, 2> p{0.5, 0.5}, q{0.7, 0.3};
  CHECK(gibbs::hellinger(std::span<const double>(p), q) == expected);
  const double cp[] = {0.5, 0.5};
  CHECK(gibbs::hellinger(cp, V{0.7, 0.3}) == expected);
  const std::array<int, 2> i1{1, 0}, i2{0, 1};
  STATIC_REQUIRE(std::is_same_v<decltype(gibbs::hellinger(i1, i2)), double>);
  CHECK(gibbs::hellinger(i1, i2) == 1.0);
}

TEST_CASE("hellinger rejects invalid input, naming index and value", "[hellinger][errors]") {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  const V ok{0.5, 0.5};
  CHECK_INVALID(gibbs::hellinger(V{}, V{}), empty, "hellinger", "p", 0, 0.0);
  CHECK_INVALID(gibbs::hellinger(ok, V{}), length_mismatch, "hellinger", "q", 0, 2.0);
  CHECK_INVALID(gibbs::hellinger(ok, V{0.5, 0.25, 0.25}), length_mismatch, "hellinger", "q", 3,
                2.0);
  CHECK_INVALID(gibbs::hellinger(V{1.5, -0.5}, ok), negative, "hellinger", "p", 1, -0.5);
  CHECK_INVALID(gibbs::hellinger(ok, V{1.5, -0.5}), negative, "hellinger", "q", 1, -0.5);
  CHECK_INVALID(gibbs::hellinger(V{nan, 0.5}, ok), not_a_number, "hellinger", "p", 0, nan);
  CHECK_INVALID(gibbs::hellinger(ok, V{0.5, nan}), not_a_number, "hellinger", "q", 1, nan);
  CHECK_INVALID(gibbs::hellinger(V{0.5, inf}, ok), infinite, "hellinger", "p", 1, inf);
  CHECK_INVALID(gibbs::hellinger(ok, V{-inf, 0.5}), infinite, "hellinger", "q", 0, -inf);
  CHECK_INVALID(gibbs::hellinger(V{0.5, 0.5 + 0x1p-29}, ok), not_normalized, "hellinger", "p", 0,
                1.0 + 0x1p-29);
  CHECK_INVALID(gibbs::hellinger(ok, V{0.25, 0.25}), not_normalized, "hellinger", "q", 0, 0.5);
  CHECK_NOTHROW(gibbs::hellinger(V{0.5, 0.5 + 0x1p-31}, ok));
}
