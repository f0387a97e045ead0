// Unit tests of gibbs::entropy.
//
// Reference values: MPFR (C API, 384+ bits, raised until the error bound is negligible) evaluating
// −Σ p·log p on the exact inputs with MPFR's correctly rounded log and mpfr_sum
// (tests/support/reference.hpp); closed forms (log n for uniform p) where they exist.
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
constexpr double max_ulps = 4.0; // the terms are all ≥ 0: a few roundings each, compensated sum
}

TEST_CASE("entropy agrees with an MPFR evaluation of −Σ p·log p", "[entropy]") {
  const std::vector<V> cases = {
      {0.5, 0.5},    {0.1, 0.2, 0.3, 0.4}, {0.999999, 0.000001},     {1e-300, 1.0 - 1e-300},
      {5e-324, 1.0}, {0.3, 0.3, 0.4},      {0.25, 0.25, 0.25, 0.25}, {1.0 / 3, 1.0 / 3, 1.0 / 3},
  };
  for (const auto& p : cases) {
    const double got = gibbs::entropy(p);
    const auto ref = gibbs_test::reference_entropy(p);
    INFO("p[0] = " << p[0] << ", got " << got << ", reference " << gibbs_test::to_string(ref));
    CHECK(ulp_error(got, ref) <= max_ulps);
  }
}

TEST_CASE("closed forms: uniform gives log n, one-hot gives +0", "[entropy]") {
  for (const std::size_t n : {1u, 2u, 3u, 7u, 10u, 1000u}) {
    const V u(n, 1.0 / static_cast<double>(n));
    const double got = gibbs::entropy(u);
    CHECK(ulp_error(got, gibbs_test::reference_entropy(u)) <= max_ulps);
    CHECK(got == Approx(std::log(static_cast<double>(n))).epsilon(1e-14).margin(1e-300));
  }
  const double h = gibbs::entropy(V{0.0, 1.0, 0.0});
  CHECK(h == 0.0);
  CHECK_FALSE(std::signbit(h)); // +0, not −0
}

TEST_CASE("conventions: 0·log 0 = 0", "[entropy][conventions]") {
  CHECK(gibbs::entropy(V{0.0, 0.5, 0.5}) == gibbs::entropy(V{0.5, 0.5}));
  CHECK(gibbs::entropy(V{0.5, 0.0, 0.5, 0.0}) == Approx(std::log(2.0)).epsilon(1e-16));
}

TEST_CASE("input kinds: array, span, vector, C array, integers, float", "[entropy][inputs]") {
  const std::array<double, 4> a{0.1, 0.2, 0.3, 0.4};
  const double expected = gibbs::entropy(a);
  CHECK(gibbs::entropy(std::span<const double>(a)) == expected);
  CHECK(gibbs::entropy(std::span<const double, 4>(a)) == expected);
  CHECK(gibbs::entropy(V(a.begin(), a.end())) == expected);
  const double c[] = {0.1, 0.2, 0.3, 0.4};
  CHECK(gibbs::entropy(c) == expected);
  const int one_hot[] = {0, 1, 0};
  STATIC_REQUIRE(std::is_same_v<decltype(gibbs::entropy(one_hot)), double>);
  CHECK(gibbs::entropy(one_hot) == 0.0);
  const std::vector<unsigned> u{1u};
  CHECK(gibbs::entropy(u) == 0.0);
  const std::array<float, 2> f{0.5f, 0.5f};
  STATIC_REQUIRE(std::is_same_v<decltype(gibbs::entropy(f)), float>);
  CHECK(ulp_error(gibbs::entropy(f), gibbs_test::reference_entropy(std::vector<float>{0.5f, 0.5f}))
        <= max_ulps);
  const std::array<long double, 2> l{0.5L, 0.5L};
  STATIC_REQUIRE(std::is_same_v<decltype(gibbs::entropy(l)), long double>);
  CHECK(ulp_error(gibbs::entropy(l),
                  gibbs_test::reference_entropy(std::vector<long double>{0.5L, 0.5L}))
        <= max_ulps);
}

TEST_CASE("entropy is usable in constant expressions", "[entropy][constexpr]") {
  constexpr std::array p{1.0, 0.0};
  STATIC_REQUIRE(gibbs::entropy(p) == 0.0);
  constexpr double h = gibbs::entropy(std::array{0.5, 0.5});
  STATIC_REQUIRE(h > 0.69 && h < 0.70);
}

TEST_CASE("entropy rejects invalid input, naming index and value", "[entropy][errors]") {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  CHECK_INVALID(gibbs::entropy(V{}), empty, "entropy", "p", 0, 0.0);
  CHECK_INVALID(gibbs::entropy(V{0.5, 1.0, -0.5}), negative, "entropy", "p", 2, -0.5);
  CHECK_NOTHROW(gibbs::entropy(V{0.5, -0.0, 0.5})); // −0 is not negative
  CHECK_INVALID(gibbs::entropy(V{0.25, nan, 0.75}), not_a_number, "entropy", "p", 1, nan);
  CHECK_INVALID(gibbs::entropy(V{inf, 0.5}), infinite, "entropy", "p", 0, inf);
  CHECK_INVALID(gibbs::entropy(V{0.5, -inf}), infinite, "entropy", "p", 1, -inf);
  // n = 3 in double: tolerance max(12·2^-52, 2^-30) = 2^-30
  CHECK_INVALID(gibbs::entropy(V{0.25, 0.25, 0.5 + 0x1p-29}), not_normalized, "entropy", "p", 0,
                1.0 + 0x1p-29);
  CHECK_NOTHROW(gibbs::entropy(V{0.25, 0.25, 0.5 + 0x1p-31}));
  CHECK_NOTHROW(gibbs::entropy(V{0.25, 0.25, 0.5 - 0x1p-31}));
  CHECK_INVALID(gibbs::entropy(V{0.0, 0.0}), not_normalized, "entropy", "p", 0, 0.0);
  // the cap 2^-10 on the tolerance: 10^6 floats may be off by 2^-10, not by 4·10^6·2^-23 ≈ 0.48
  std::vector<float> big(1u << 20, 1.0f / static_cast<float>(1u << 20));
  CHECK_NOTHROW(gibbs::entropy(big));
  big[0] += 0x1p-9f;
  CHECK_INVALID(gibbs::entropy(big), not_normalized, "entropy", "p", 0, 1.0 + 0x1p-9);
}
