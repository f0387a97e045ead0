// The oracle in the 16-bit formats binary16 and bfloat16.
// Reference values: MPFR at 1000 bits with the textbook formulas (tests/oracle/reference.hpp),
// rounded to the format by tests/support/small_float.hpp (mpfr_prec_round at the bits the
// format has there: not the oracle's rounding code); and, for the midpoint cases, the exact
// rational value worked out by hand in the comments (the masses are powers of two, so every
// log2 is an integer).
#include "../support/small_float.hpp"
#include "reference.hpp"

#include "gibbs/catch2.hpp"
#include "gibbs/number/small_float.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <random>
#include <span>
#include <string>
#include <tuple>
#include <vector>

using namespace gibbs::oracle;

namespace {

double reference_in(const request& r, format f) {
  ref::mp exact(1000);
  ref::value(r, exact);
  if (f == format::binary16)
    return gibbs_test::round_to_format<gibbs::binary16_format>(exact.get());
  return gibbs_test::round_to_format<gibbs::bfloat16_format>(exact.get());
}

/// value, enclosure and ulps of an answer in format f against the reference.
void check(const request& r, const result& res) {
  ref::mp exact(1000);
  ref::value(r, exact);
  const double rn = reference_in(r, r.fmt);
  INFO(traits(r.fmt).name << " measure " << static_cast<int>(r.what) << " n " << r.p.size()
                          << " value " << res.value << " reference " << rn);
  CHECK(res.fmt == r.fmt);
  CHECK(res.value == rn);
  CHECK(representable(res.lo, r.fmt));
  CHECK(representable(res.hi, r.fmt));
  CHECK(mpfr_cmp_d(exact.get(), res.lo) >= 0);
  CHECK(mpfr_cmp_d(exact.get(), res.hi) <= 0);
  if (!res.exact) CHECK(next_up(res.lo, r.fmt) == res.hi);
}

/// A random distribution of n numbers of format f (weights rounded to f, then the last entry
/// set so that the sum is within the format's tolerance).
std::vector<double> random_distribution(std::mt19937_64& g, std::size_t n, format f) {
  std::uniform_real_distribution<double> u(0.01, 1.0);
  std::vector<double> w(n);
  double s = 0;
  for (double& x : w) {
    x = u(g);
    s += x;
  }
  for (double& x : w)
    x = round_double(x / s, f);
  return w;
}

} // namespace

TEST_CASE("16-bit formats: rounded once, straight from the exact value, at a constructed "
          "midpoint where rounding through binary64 is wrong",
          "[oracle][formats]") {
  // Cross-entropy in bits, p = (1 - 2^-8, 2^-8, 0, 2^-133), q = (1/2, 1/4, 1/8, 1/8): every
  // -log2 q_i is an integer, so H = (1 - 2^-8) 1 + 2^-8 2 + 0 + 2^-133 3 = 1 + 2^-8 + 3 2^-133
  // exactly (sum p = 1 + 2^-133, within bfloat16's tolerance). 1 + 2^-8 is the midpoint between
  // 1 and 0x1.02p0; H lies above it, so RN_bfloat16(H) = 0x1.02p0. Through binary64: RN64(H) =
  // 1 + 2^-8 exactly, the tie, which goes to the even 1.
  request r;
  r.what = measure::cross_entropy;
  r.fmt = format::bfloat16;
  r.base = 2;
  r.p = {1 - 0x1p-8, 0x1p-8, 0, 0x1p-133};
  r.q = {0.5, 0.25, 0.125, 0.125};
  const result up = evaluate(r);
  CHECK(up.value == 0x1.02p0);
  CHECK(up.lo == 1.0);
  CHECK(up.hi == 0x1.02p0);
  CHECK(round_double(1 + 0x1p-8 + 3 * 0x1p-133, format::bfloat16) == 1.0); // via binary64: wrong
  check(r, up);

  // KL in bits, p = (0x1.54p-1, 0x1.54p-2, 2^-11, 2^-133), q = (0x1.54p-2, 0x1.54p-1, 2^-9,
  // 2^-132): log2(p_i/q_i) = 1, -1, -2, -1, so KL = a - b - 2c - 2^-133 with a = 680/1024,
  // b = 340/1024, c = 2^-11: KL = 339/1024 - 2^-133 exactly (sums 0.9966 and 0.9980). 339/1024
  // is the midpoint between 338/1024 = 0x1.52p-2 (odd) and 340/1024 = 0x1.54p-2 (even); KL lies
  // below it, so RN_bfloat16(KL) = 0x1.52p-2, while RN64(KL) = 339/1024 ties to 0x1.54p-2.
  r.what = measure::kl;
  r.p = {0x1.54p-1, 0x1.54p-2, 0x1p-11, 0x1p-133};
  r.q = {0x1.54p-2, 0x1.54p-1, 0x1p-9, 0x1p-132};
  const result down = evaluate(r);
  CHECK(down.value == 0x1.52p-2);
  CHECK(down.lo == 0x1.52p-2);
  CHECK(down.hi == 339.0 / 1024 + 1.0 / 1024);                                 // 340/1024
  CHECK(round_double(339.0 / 1024 - 0x1p-133, format::bfloat16) == 0x1.54p-2); // via binary64
  check(r, down);
  // binary16 has no such case: its inputs are multiples of 2^-24 below 2^16, so any rational
  // combination such as these is exact in binary64, and a transcendental value lands within
  // 2^-53 of one of its midpoints for about one input in 2^42.
}

TEST_CASE("16-bit formats: every measure correctly rounded with its enclosure on random inputs",
          "[oracle][formats]") {
  std::mt19937_64 g(1016);
  std::size_t n_cases = 0, n_fast = 0;
  for (format f : {format::binary16, format::bfloat16}) {
    for (int trial = 0; trial < 60; ++trial) {
      const std::size_t n = 2 + static_cast<std::size_t>(trial % 7) * 3;
      request r;
      r.fmt = f;
      r.p = random_distribution(g, n, f);
      r.q = random_distribution(g, n, f);
      if (trial % 3 == 1) r.base = 2;
      for (measure m : {measure::entropy, measure::cross_entropy, measure::kl, measure::js}) {
        r.what = m;
        const result res = evaluate(r);
        check(r, res);
        // the fast path's rounding test to the format agrees with the interval evaluation
        request slow = r;
        slow.allow_fast_path = false;
        const result s = evaluate(slow);
        CHECK(s.value == res.value);
        ++n_cases;
        if (res.fast_path) ++n_fast;
      }
    }
  }
  WARN(n_cases << " random binary16/bfloat16 requests correctly rounded, " << n_fast
               << " by the fast path");
  CHECK(n_fast > 0);
}

TEST_CASE("16-bit formats: the convenience functions take spans of gibbs::binary16 and bfloat16",
          "[oracle][formats]") {
  const std::vector<gibbs::binary16> p{gibbs::binary16(0.25), gibbs::binary16(0.75)},
      q{gibbs::binary16(0.5), gibbs::binary16(0.5)};
  const result a =
      kl_divergence(std::span<const gibbs::binary16>(p), std::span<const gibbs::binary16>(q));
  request r;
  r.what = measure::kl;
  r.fmt = format::binary16;
  r.p = {0.25, 0.75};
  r.q = {0.5, 0.5};
  CHECK(a.fmt == format::binary16);
  CHECK(a.value == evaluate(r).value);
  check(r, a);
  const std::vector<gibbs::bfloat16> u{gibbs::bfloat16(0.5), gibbs::bfloat16(0.5)};
  const result h = entropy(std::span<const gibbs::bfloat16>(u));
  CHECK(h.fmt == format::bfloat16);
  CHECK(h.value == 0x1.62p-1); // ln 2 = 0x1.62e42fefa39efp-1 rounded to 8 bits
}

TEST_CASE("16-bit formats: inputs must be numbers of the format; tolerance and ulps in the "
          "format",
          "[oracle][formats]") {
  request r;
  r.what = measure::entropy;
  r.fmt = format::binary16;
  r.p = {0.25, 0.1, 0.65};
  try {
    (void)evaluate(r);
    FAIL("0.1 is not a binary16 number");
  } catch (const std::invalid_argument& e) {
    const std::string m = e.what();
    INFO(m);
    CHECK(m.find("p[1] = 0.10000000000000001 is not a binary16 number") != std::string::npos);
  }
  r.p = {0.25, static_cast<double>(gibbs::binary16(0.1)),
         static_cast<double>(gibbs::binary16(0.65))};
  CHECK_NOTHROW(evaluate(r));
  r.fmt = format::bfloat16;
  r.p = {0.5, 0x1.01p-1}; // 9 bits
  CHECK_THROWS_AS(evaluate(r), std::invalid_argument);
  // sum tolerance 4 eps: 2^-5 in bfloat16, 2^-8 in binary16
  r.p = {0.5, 0.5 - 0x1p-6};
  CHECK_NOTHROW(evaluate(r));
  r.p = {0.5, 0.5 - 0x1p-4};
  CHECK_THROWS_AS(evaluate(r), gibbs::invalid_input);
  r.fmt = format::binary16;
  r.p = {0.5, 0.5 - 0x1p-9};
  CHECK_NOTHROW(evaluate(r));
  r.p = {0.5, 0.5 - 0x1p-7};
  CHECK_THROWS_AS(evaluate(r), gibbs::invalid_input);
  // ulps of the format
  CHECK(ulp_distance(1.0, 1.0 + 0x1p-10, format::binary16) == 1);
  CHECK(ulp_distance(1.0, 1.0 + 0x1p-7, format::bfloat16) == 1);
  CHECK(ulp_distance(1.0 + 0x1p-7, 1.0 - 0x1p-8, format::bfloat16) == -2);
  CHECK(ulp_distance(-0x1p-24, 0x1p-24, format::binary16) == 2);
  CHECK(ulp_distance(65504.0, INFINITY, format::binary16) == 1);
  CHECK(next_up(65504.0, format::binary16) == INFINITY);
  CHECK(next_down(0.0, format::bfloat16) == -0x1p-133);
}

TEST_CASE("16-bit formats: the Catch2 matchers judge binary16 and bfloat16 results in their "
          "format",
          "[oracle][formats]") {
  using gibbs::binary16;
  const std::vector<binary16> p{binary16(0.25), binary16(0.75)}, q{binary16(0.5), binary16(0.5)};
  // gibbs::kl_divergence in binary16 arithmetic: a few roundings of 2^-11, within 4 ulps of the
  // oracle's binary16 value (0x1.0cp-3, tests above)
  CHECK_THAT(gibbs::kl_divergence(p, q), gibbs::WithinUlpsOfOracle(gibbs::kl_divergence, p, q, 4));
  // one binary16 ulp above the correctly rounded value is 1 ulp away, and not correctly rounded
  const binary16 off = binary16(0x1.0cp-3 + 0x1p-13);
  CHECK_THAT(off, gibbs::WithinUlpsOfOracle(gibbs::kl_divergence, p, q, 1));
  CHECK_THAT(off, !gibbs::IsCorrectlyRounded(gibbs::kl_divergence, p, q));
  CHECK_THAT(binary16(0x1.0cp-3), gibbs::IsCorrectlyRounded(gibbs::kl_divergence, p, q));
}

// Exact rational values in the 16-bit formats. The entropy in bits of the prefix code with masses
// 2^-1, 2^-2, ..., 2^-m, 2^-m is sum_{j<=m} j 2^-j + m 2^-m = 2 - 2^-(m-1) (the mean code length):
// for m = 12 that is 2 - 2^-11, the midpoint of binary16's 2 - 2^-10 and 2, and for m = 9 it is
// 2 - 2^-8, the midpoint of bfloat16's 2 - 2^-7 and 2. Ties go to even: 2 in both formats (the
// neighbour below has an odd last bit). For m = 10 in binary16 the value 2 - 2^-9 is a number of
// the format: exact, lo == hi.
TEST_CASE(
    "16-bit formats: rational values at a midpoint and representable ones are decided exactly",
    "[oracle][formats][rational]") {
  const auto code = [](int m) {
    std::vector<double> p;
    for (int j = 1; j <= m; ++j)
      p.push_back(std::ldexp(1.0, -j));
    p.push_back(std::ldexp(1.0, -m));
    return p;
  };
  for (auto [fmt, m, below] : {std::tuple{format::binary16, 12, 2 - 0x1p-10},
                               std::tuple{format::bfloat16, 9, 2 - 0x1p-7}}) {
    request r;
    r.what = measure::entropy;
    r.p = code(m);
    r.base = 2;
    r.fmt = fmt;
    for (bool fast : {true, false}) {
      r.allow_fast_path = fast;
      const result res = evaluate(r);
      INFO(traits(fmt).name << " m = " << m << " fast path allowed " << fast);
      CHECK(res.value == 2.0);
      CHECK(res.lo == below);
      CHECK(res.hi == 2.0);
      CHECK_FALSE(res.exact);
    }
  }
  request r;
  r.what = measure::entropy;
  r.p = code(10);
  r.base = 2;
  r.fmt = format::binary16;
  const result res = evaluate(r);
  CHECK(res.value == 2 - 0x1p-9);
  CHECK(res.lo == res.value);
  CHECK(res.hi == res.value);
  CHECK(res.exact);
}
