// The oracle's binary_cross_entropy and binary_cross_entropy_with_logits (through
// oracle::evaluate with request::arrays and reduction sum) against the MPFR references of
// tests/support/reference_bce.hpp (other formulas at 4096 bits, rounded once to double): the
// fast pass and the interval path must both give the correctly rounded value, with an enclosure
// that holds it.
#include <gibbs/conformance/cases.hpp>
#include <gibbs/oracle.hpp>

#include "../support/reference_bce.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

namespace o = gibbs::oracle;

namespace {

o::result bce(const std::vector<double>& x, const std::vector<double>& y,
              const std::vector<double>& w, bool fast, o::format fmt = o::format::binary64) {
  o::request r;
  r.what = o::measure::binary_cross_entropy;
  r.arrays["input"] = x;
  if (!w.empty()) r.arrays["weight"] = w;
  r.target = y;
  r.reduce = o::reduction::sum;
  r.allow_fast_path = fast;
  r.fmt = fmt;
  return o::evaluate(r);
}

o::result bcel(const std::vector<double>& z, const std::vector<double>& y,
               const std::vector<double>& w, const std::vector<double>& pw, bool fast) {
  o::request r;
  r.what = o::measure::binary_cross_entropy_with_logits;
  r.logits = z;
  r.target = y;
  if (!w.empty()) r.arrays["weight"] = w;
  if (!pw.empty()) r.arrays["pos_weight"] = pw;
  r.reduce = o::reduction::sum;
  r.allow_fast_path = fast;
  return o::evaluate(r);
}

void check_against(const o::result& res, double ref) {
  INFO("value " << res.value << " reference " << ref);
  CHECK(res.value == ref);
  CHECK(res.lo <= ref);
  CHECK(ref <= res.hi);
}

} // namespace

TEST_CASE("oracle binary_cross_entropy is correctly rounded", "[oracle][binary_cross_entropy]") {
  std::mt19937_64 g(3);
  std::uniform_real_distribution<double> u(0, 1);
  int fast = 0;
  for (int k = 0; k < 300; ++k) {
    const int n = 1 + k % 6;
    std::vector<double> x(n), y(n), w(k % 2 ? n : 0);
    for (int i = 0; i < n; ++i) {
      x[i] = k % 3 == 0 ? 1 - std::ldexp(u(g), -(k % 60)) : u(g);
      y[i] = k % 5 == 0 ? std::round(u(g)) : u(g);
      if (!w.empty()) w[i] = 4 * u(g);
    }
    const double ref = gibbs_test::bce::binary_cross_entropy(x, y, w);
    const o::result a = bce(x, y, w, true);
    fast += a.fast_path ? 1 : 0;
    check_against(a, ref);
    check_against(bce(x, y, w, false), ref);
  }
  CHECK(fast >= 290); // the fast pass settles ordinary inputs
}

TEST_CASE("oracle binary_cross_entropy: torch's clamp case and the special values",
          "[oracle][binary_cross_entropy]") {
  // torch.nn.functional.binary_cross_entropy(1e-50, 1) returns 100 (log clamped at -100)
  const std::vector<double> x{1e-50}, one{1.0}, zero{0.0};
  const double ref = gibbs_test::bce::binary_cross_entropy(x, one);
  CHECK(ref > 115.129);
  check_against(bce(x, one, {}, true), ref);
  check_against(bce(x, one, {}, false), ref);
  CHECK(bce(zero, one, {}, true).value == INFINITY);
  const o::result z = bce(one, one, {}, true);
  CHECK((z.value == 0 && z.exact));
  // subnormal inputs: the fast pass declines, the interval path decides
  const std::vector<double> tiny{0x1p-1070, 0.5}, yt{0.5, 0x1p-1060};
  check_against(bce(tiny, yt, {}, true), gibbs_test::bce::binary_cross_entropy(tiny, yt));
}

TEST_CASE("oracle binary_cross_entropy rounds straight to binary32, binary16 and bfloat16",
          "[oracle][binary_cross_entropy]") {
  const std::vector<double> x{0.25, 0.5, 0.875}, y{0.75, 0.125, 1.0};
  for (o::format f : {o::format::binary32, o::format::binary16, o::format::bfloat16}) {
    const o::result r = bce(x, y, {}, true, f);
    // reference: the 4096-bit value rounded to double and then to the format; a double
    // rounding can differ only at a midpoint of the format, which the check below excludes
    const double ref = gibbs_test::bce::binary_cross_entropy(x, y);
    CHECK(r.value == o::round_double(ref, f));
    CHECK((r.lo <= ref && ref <= r.hi));
  }
}

TEST_CASE("oracle binary_cross_entropy_with_logits is correctly rounded",
          "[oracle][binary_cross_entropy_with_logits]") {
  std::mt19937_64 g(5);
  std::uniform_real_distribution<double> u(0, 1);
  for (int k = 0; k < 300; ++k) {
    const int n = 1 + k % 5;
    std::vector<double> z(n), y(n), w(k % 2 ? n : 0), pw(k % 3 ? n : 0);
    for (int i = 0; i < n; ++i) {
      z[i] = (u(g) - 0.5) * (k % 4 == 0 ? 1500 : 30);
      y[i] = k % 5 == 0 ? std::round(u(g)) : u(g);
      if (!w.empty()) w[i] = 4 * u(g);
      if (!pw.empty()) pw[i] = 4 * u(g);
    }
    const double ref = gibbs_test::bce::binary_cross_entropy_with_logits(z, y, w, pw);
    check_against(bcel(z, y, w, pw, true), ref);
    check_against(bcel(z, y, w, pw, false), ref);
  }
}

TEST_CASE("oracle binary_cross_entropy_with_logits: torch's zero and |z| = 1e308",
          "[oracle][binary_cross_entropy_with_logits]") {
  // torch.nn.functional.binary_cross_entropy_with_logits(40, 1) returns 0
  const std::vector<double> z40{40.0}, one{1.0}, zero{0.0};
  const o::result a = bcel(z40, one, {}, {}, true);
  check_against(a, gibbs_test::bce::binary_cross_entropy_with_logits(z40, one));
  CHECK(a.fast_path);
  // softplus(1e308) = 1e308 + log1p(e^-1e308): just above 1e308, rounds to it; softplus(-1e308)
  // is in (0, 2^-1074): rounds to 0 with the enclosure [0, 2^-1074]
  const std::vector<double> zb{1e308}, zm{-1e308};
  const o::result b = bcel(zb, zero, {}, {}, true);
  CHECK(b.value == 1e308);
  CHECK((b.lo == 1e308 && b.hi == std::nextafter(1e308, INFINITY)));
  const o::result c = bcel(zb, one, {}, {}, true);
  CHECK((c.value == 0 && c.lo == 0 && c.hi == 0x1p-1074));
  CHECK(bcel(zm, one, {}, {}, true).value == 1e308);
  CHECK_THROWS_WITH(bcel({1.0, NAN}, {0.5, 0.5}, {}, {}, true),
                    Catch::Matchers::Contains("logits[1] = nan"));
  CHECK_THROWS_WITH(bce({0.5, 2.0}, {0.5, 0.5}, {}, true),
                    Catch::Matchers::Contains("input[1] = 2 is greater than 1"));
}

TEST_CASE("the conformance family of the binary losses asks what the oracle answers",
          "[oracle][conformance][binary_cross_entropy]") {
  gibbs::conformance::generate_options g;
  g.families = {"binary"};
  g.measures = {o::measure::binary_cross_entropy, o::measure::binary_cross_entropy_with_logits};
  const auto cases = gibbs::conformance::generate(g);
  REQUIRE(cases.size() == 9);
  for (const auto& c : cases) {
    const std::string json = gibbs::conformance::to_json(c);
    INFO(json);
    CHECK(json.find("\"reduction\":\"sum\"") != std::string::npos);
    if (c.expect_invalid) {
      CHECK_THROWS_AS(o::evaluate(gibbs::conformance::to_request(c)), std::invalid_argument);
      continue;
    }
    const o::result r = o::evaluate(gibbs::conformance::to_request(c));
    const auto w = [&](const char* k) {
      const auto it = c.arrays.find(k);
      return it == c.arrays.end() ? std::vector<double>{} : it->second;
    };
    const double ref =
        c.what == o::measure::binary_cross_entropy
            ? gibbs_test::bce::binary_cross_entropy(w("input"), c.target, w("weight"))
        : c.logits[0] == 1e308 ? 1e308 // 2 (1/2) softplus(1e308) + tiny rounds to 1e308
                               : gibbs_test::bce::binary_cross_entropy_with_logits(
                                   c.logits, c.target, w("weight"), w("pos_weight"));
    CHECK(r.value == ref);
  }
}

namespace {

/// |value - ref| <= error for a certified sum (the fast pass's claim), with ref at 4096 bits.
bool bound_holds(const gibbs::oracle::detail::certified::sum_result& s, mpfr_srcptr ref,
                 double& ratio) {
  gibbs_test::bce::num d;
  mpfr_set_d(d, s.value.hi, MPFR_RNDN);
  mpfr_add_d(d, d, s.value.lo, MPFR_RNDN);
  mpfr_sub(d, d, ref, MPFR_RNDN);
  mpfr_abs(d, d, MPFR_RNDN);
  ratio = std::max(ratio, mpfr_get_d(d, MPFR_RNDU) / s.error);
  return mpfr_cmp_d(d, s.error) <= 0;
}

} // namespace

TEST_CASE("the fast passes' error bounds hold against MPFR",
          "[oracle][binary_cross_entropy][kernel]") {
  namespace k = gibbs::oracle::detail::kernel;
  std::mt19937_64 g(9);
  std::uniform_real_distribution<double> u(0, 1);
  double worst = 0; // the largest |error| / bound, printed
  for (int t = 0; t < 400; ++t) {
    const int n = 1 + t % 7;
    std::vector<double> x(n), y(n), z(n), w(n), pw(n);
    for (int i = 0; i < n; ++i) {
      const double s = std::ldexp(u(g), -(t % 64)); // small, near 0 or near 1
      x[i] = t % 3 == 0 ? 1 - s : t % 3 == 1 ? s : u(g);
      if (x[i] == 0 || x[i] == 1) x[i] = 0.5;
      y[i] = t % 4 == 0 ? std::round(u(g)) : u(g);
      z[i] = (u(g) - 0.5) * (t % 2 ? 80 : 800);
      w[i] = 3 * u(g);
      pw[i] = 3 * u(g);
    }
    gibbs_test::bce::num ref;
    const auto a = k::binary_cross_entropy(x, y, w);
    if (a.ok) {
      gibbs_test::bce::binary_cross_entropy_into(ref, x, y, w);
      CHECK(bound_holds(a, ref, worst));
    }
    const auto b = k::binary_cross_entropy_with_logits(z, y, w, pw);
    if (b.ok) {
      gibbs_test::bce::binary_cross_entropy_with_logits_into(ref, z, y, w, pw);
      CHECK(bound_holds(b, ref, worst));
    }
  }
  WARN("largest error / bound of the fast passes: " << worst);
}
