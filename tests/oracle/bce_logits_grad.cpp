// tests/oracle/bce_logits_grad.cpp: the oracle's binary_cross_entropy_with_logits_grad — one
// correctly rounded result per logit, each with its own enclosure, the reductions of the loss.
//
// Reference values: computed here on MPFR from another formula than gibbs's, the identity
//   g_i = w_i (sigma(z_i) (1 - y_i + pw_i y_i) - pw_i y_i),  sigma(z) = 1 / (1 + exp(-z)),
// (gibbs: ((1 - y) a - pw y b) / (1 + e) with e = exp(-|z|)), as lower and upper bounds by
// directed roundings (every factor's bounds taken in the direction that keeps the result's bound:
// sigma is increasing in z, c = 1 - y + pw y >= 0, w >= 0) at 320 bits and then twice as many
// until both bounds round (to nearest) to the same number of the format. For |z| >= 4096, where
// exp(-|z|) lies below every resolution of the rounding (and below MPFR's exponent range from
// |z| ~ 7.4e8 on), exp(-|z|) is replaced by 2^-20000 (see reference()), which rounds the same.
#include <gibbs/oracle.hpp>

#include "../support/mpfr.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstddef>
#include <limits>
#include <random>
#include <string>
#include <vector>

namespace o = gibbs::oracle;
using gibbs_test::mp;

namespace {

/// The reference output of one element, rounded to fmt (see the top of this file); w, pw: 1 when
/// negative (absent).
double reference(double z, double y, double w, double pw, double D, o::format fmt) {
  const auto round = [&](const mp& x) {
    return fmt == o::format::binary32 ? static_cast<double>(x.to_float()) : x.to_double();
  };
  const bool huge = std::fabs(z) >= 4096;
  for (mpfr_prec_t prec = huge ? 45000 : 320;; prec *= 2) {
    mp slo(prec), shi(prec), t(prec), clo(prec), chi(prec), py(prec), lo(prec), hi(prec);
    if (huge) {
      // sigma(z) = 1 / (1 + e^-z) with e^-|z| < 2^-5900 replaced by 2^-20000: a value on the
      // same side of every number of the format, midpoint and tie, which is all the rounding
      // sees (g is monotone in e^-|z| and its change below 2^-5000 relative moves it across
      // none of them: they lie at least 2^-300 relative from the e = 0 value).
      mpfr_set_ui_2exp(t, 1, -20000, MPFR_RNDN);
      if (z < 0) mpfr_ui_div(t, 1, t, MPFR_RNDN); // e^-z = 2^20000
      mpfr_add_ui(slo, t, 1, MPFR_RNDU);
      mpfr_ui_div(slo, 1, slo, MPFR_RNDD);
      mpfr_add_ui(shi, t, 1, MPFR_RNDD);
      mpfr_ui_div(shi, 1, shi, MPFR_RNDU);
    } else { // sigma(z) from below: exp(-z) rounded up; from above: rounded down.
      mpfr_set_d(t, -z, MPFR_RNDN);
      mpfr_exp(slo, t, MPFR_RNDU);
      mpfr_add_ui(slo, slo, 1, MPFR_RNDU);
      mpfr_ui_div(slo, 1, slo, MPFR_RNDD);
      mpfr_exp(shi, t, MPFR_RNDD);
      mpfr_add_ui(shi, shi, 1, MPFR_RNDD);
      mpfr_ui_div(shi, 1, shi, MPFR_RNDU);
    }
    // pw y exactly (106 bits suffice), c = 1 - y + pw y by directed roundings.
    mpfr_set_d(py, pw, MPFR_RNDN);
    mpfr_mul_d(py, py, y, MPFR_RNDN);
    mpfr_set_d(t, y, MPFR_RNDN);
    mpfr_ui_sub(clo, 1, t, MPFR_RNDD);
    mpfr_ui_sub(chi, 1, t, MPFR_RNDU);
    mpfr_add(clo, clo, py, MPFR_RNDD);
    mpfr_add(chi, chi, py, MPFR_RNDU);
    // w (sigma c - pw y) / D
    mpfr_mul(lo, slo, clo, MPFR_RNDD);
    mpfr_sub(lo, lo, py, MPFR_RNDD);
    mpfr_mul(hi, shi, chi, MPFR_RNDU);
    mpfr_sub(hi, hi, py, MPFR_RNDU);
    mpfr_mul_d(lo, lo, w, MPFR_RNDD);
    mpfr_mul_d(hi, hi, w, MPFR_RNDU);
    mpfr_div_d(lo, lo, D, MPFR_RNDD);
    mpfr_div_d(hi, hi, D, MPFR_RNDU);
    const double a = round(lo), b = round(hi);
    if (a == b) return a;
    if (prec > 100000)
      FAIL("the reference is undecided at " << prec << " bits: z = " << z << ", y = " << y
                                            << ", w = " << w << ", pw = " << pw);
  }
}

struct gcase {
  std::vector<double> z, y, w, pw;
  long rows = 0;
  o::reduction reduce = o::reduction::automatic;
  o::format fmt = o::format::binary64;
};

o::request request_of(const gcase& c) {
  o::request r;
  r.what = o::measure::binary_cross_entropy_with_logits_grad;
  r.logits = c.z;
  r.target = c.y;
  if (!c.w.empty()) r.arrays["weight"] = c.w;
  if (!c.pw.empty()) r.arrays["pos_weight"] = c.pw;
  r.rows = c.rows;
  r.reduce = c.reduce;
  r.fmt = c.fmt;
  return r;
}

/// Every output equals the reference and its enclosure [lo, hi] holds it.
void check_outputs(const gcase& c, const std::vector<o::result>& out) {
  REQUIRE(out.size() == c.z.size());
  const double D =
      c.reduce == o::reduction::automatic || c.reduce == o::reduction::mean ? c.z.size() : 1;
  for (std::size_t i = 0; i < c.z.size(); ++i) {
    const double w = c.w.empty() ? 1 : c.w[i], pw = c.pw.empty() ? 1 : c.pw[i];
    const double want = reference(c.z[i], c.y[i], w, pw, D, c.fmt);
    INFO("element " << i << ": z = " << c.z[i] << ", y = " << c.y[i] << ", w = " << w
                    << ", pw = " << pw << ", D = " << D << ", fast path " << out[i].fast_path);
    CHECK(out[i].value == want);
    CHECK(out[i].lo <= want);
    CHECK(want <= out[i].hi);
  }
}

/// Every output equals the reference and its enclosure [lo, hi] holds it, through the
/// double-double pass (where it decides) and through the interval path alone.
void check_against_reference(const gcase& c) {
  for (const bool fast : {true, false}) {
    o::request r = request_of(c);
    r.allow_fast_path = fast;
    check_outputs(c, o::evaluate_all(r));
  }
}

double value_of(double z, double y) {
  gcase c;
  c.z = {z};
  c.y = {y};
  c.reduce = o::reduction::sum;
  return o::evaluate_all(request_of(c)).front().value;
}

} // namespace

TEST_CASE("bce_logits_grad: sigma(z) - y without cancellation at the extremes of the logits") {
  // z = 40, y = 1: -sigma(-40) = -e^-40 / (1 + e^-40) (torch's naive 1 - sigma(40) loses it all).
  CHECK(value_of(40, 1) == reference(40, 1, 1, 1, 1, o::format::binary64));
  CHECK(value_of(40, 1) == -4.248354255291589e-18);
  CHECK(value_of(-40, 0) == 4.248354255291589e-18);
  // z = -800, y = 0: e^-800 ~ 3.7e-348 is below the smallest subnormal: +0; y = 1: -1 rounded.
  CHECK(value_of(-800, 0) == 0.0);
  CHECK(!std::signbit(value_of(-800, 0)));
  CHECK(value_of(-800, 1) == -1.0);
  CHECK(value_of(800, 0) == 1.0);
  // Subnormal results: e^-730 ~ 1.0e-317 and e^-744 ~ 1.0e-323.
  for (const double z : {-730.0, -744.0, -708.5}) {
    CHECK(value_of(z, 0) == reference(z, 0, 1, 1, 1, o::format::binary64));
    CHECK(value_of(-z, 1) == -value_of(z, 0));
  }
  CHECK(value_of(-730, 0) > 0);
  CHECK(value_of(-730, 0) < std::numeric_limits<double>::min());
  // The largest logits: exp(-1e308) is far below every number.
  const double big = std::numeric_limits<double>::max();
  for (const double z : {1e308, -1e308, big, -big}) {
    for (const double y : {0.0, 1.0, 0.25}) {
      INFO("z = " << z << ", y = " << y);
      CHECK(value_of(z, y) == reference(z, y, 1, 1, 1, o::format::binary64));
    }
  }
  // 1 - y a midpoint of binary64 (y = 1/8 + 2^-54): the exact value (1 - y) - delta, delta ~
  // e^-z > 0, rounds down to 7/8 - 2^-53, not to the even 7/8 that rounding 1 - y would give. The
  // reference decides it by the same rounding argument; the oracle by Ziv's loop at z = 5000
  // (7300 bits) and beyond enclosures at z = 1e300.
  const double y = 0.125 + std::ldexp(1.0, -54);
  for (const double z : {100.0, 5000.0, 1e300}) {
    INFO("z = " << z);
    CHECK(value_of(z, y) == 0.875 - std::ldexp(1.0, -53));
    CHECK(value_of(z, y) == reference(z, y, 1, 1, 1, o::format::binary64));
  }
  gcase f; // the same in binary32: y = 1/8 + 2^-25
  f.z = {1e30f, 1e30f};
  f.y = {0.125 + std::ldexp(1.0, -25), 0.125 + std::ldexp(1.0, -25)};
  f.w = {1.0, 0.5};
  f.fmt = o::format::binary32;
  f.reduce = o::reduction::none;
  const auto fo = o::evaluate_all(request_of(f));
  CHECK(fo[0].value == static_cast<double>(0.875f - std::ldexp(1.0f, -24)));
  CHECK(fo[1].value == static_cast<double>(0.4375f - std::ldexp(1.0f, -25)));
  CHECK(fo[0].lo == fo[0].value);
  CHECK(fo[0].hi == 0.875);
  check_against_reference(f);
  CHECK(value_of(1e308, 1) == 0.0);
  CHECK(std::signbit(value_of(1e308, 1))); // -sigma(-1e308), a negative number rounded to -0
}

TEST_CASE("bce_logits_grad: rational outputs are exact (z = 0, weight 0, y = 1 with pw = 0)") {
  gcase c;
  c.z = {0.0, 0.0, 0.0, 3.0, -2.0, 0.0};
  c.y = {0.5, 0.25, 1.0, 0.5, 1.0, 0.75};
  c.w = {1.0, 3.0, 1.0, 0.0, 2.0, 1.0};
  c.pw = {1.0, 1.0, 4.0, 1.0, 0.0, 3.0};
  c.reduce = o::reduction::none;
  const std::vector<o::result> out = o::evaluate_all(request_of(c));
  // w ((1 - y) - pw y) / 2: 0, 3 (0.75 - 0.25) / 2, (0 - 4) / 2, w = 0, pw y = 0 and c = 0,
  // (0.25 - 2.25) / 2.
  const double want[] = {0.0, 0.75, -2.0, 0.0, 0.0, -1.0};
  for (std::size_t i = 0; i < out.size(); ++i) {
    INFO("element " << i);
    CHECK(out[i].value == want[i]);
    CHECK(out[i].exact);
    CHECK(out[i].lo == want[i]);
    CHECK(out[i].hi == want[i]);
  }
  // Mean over N = 6: a rational that is not a number of the format, rounded once.
  c.reduce = o::reduction::mean;
  const std::vector<o::result> mean = o::evaluate_all(request_of(c));
  CHECK(mean[1].value == 0.75 / 6);
  CHECK(mean[2].value == -2.0 / 6);
  CHECK(mean[1].exact);  // 1/8
  CHECK(!mean[2].exact); // -1/3
  check_against_reference(c);
}

TEST_CASE("bce_logits_grad: random cases with weights and pos_weight against MPFR") {
  std::mt19937_64 rng(20261201);
  std::uniform_real_distribution<double> u(0, 1), wide(-60, 60);
  std::size_t fast = 0, total = 0;
  for (int k = 0; k < 200; ++k) {
    gcase c;
    const std::size_t n = 1 + rng() % 7;
    for (std::size_t i = 0; i < n; ++i) {
      const int kind = static_cast<int>(rng() % 6);
      c.z.push_back(kind == 0   ? std::ldexp(wide(rng), -static_cast<int>(rng() % 1000))
                    : kind == 1 ? std::ldexp(wide(rng), static_cast<int>(rng() % 1000))
                                : wide(rng));
      c.y.push_back(kind == 2 ? 0.0 : kind == 3 ? 1.0 : u(rng));
      c.w.push_back(std::ldexp(u(rng), static_cast<int>(rng() % 8) - 4));
      c.pw.push_back(k % 3 == 0 ? 1.0 : std::ldexp(u(rng), static_cast<int>(rng() % 12) - 6));
    }
    if (k % 4 == 0) c.w.clear();
    if (k % 5 == 0) c.pw.clear();
    c.reduce = k % 3 == 0   ? o::reduction::none
               : k % 3 == 1 ? o::reduction::sum
                            : o::reduction::automatic;
    c.fmt = k % 7 == 0 ? o::format::binary32 : o::format::binary64;
    if (c.fmt == o::format::binary32) {
      for (auto* a : {&c.z, &c.y, &c.w, &c.pw})
        for (double& v : *a)
          v = static_cast<float>(v);
      for (double& v : c.z)
        if (std::isinf(v)) v = static_cast<float>(1e30);
    }
    INFO("case " << k);
    check_against_reference(c);
    for (const o::result& x : o::evaluate_all(request_of(c)))
      fast += x.fast_path ? 1 : 0;
    total += c.z.size();
  }
  // The double-double pass decides most outputs (not those of huge or tiny logits).
  CHECK(fast * 2 > total);
}

TEST_CASE("bce_logits_grad: near-balanced parts (pw y sigma(-z) ~ (1 - y) sigma(z))") {
  // y = 1 / (1 + pw e^-z) makes the gradient 0; y a double near it leaves a tiny remainder, the
  // two parts cancelling in ~50 bits: Ziv's loop must still decide it.
  gcase c;
  for (const double z : {0.5, -3.0, 17.0, 1e-9}) {
    for (const double pw : {1.0, 2.5}) {
      c.z.push_back(z);
      c.y.push_back(1 / (1 + pw * std::exp(-z)));
      c.pw.push_back(pw);
    }
  }
  c.reduce = o::reduction::sum;
  check_against_reference(c);
}

TEST_CASE("bce_logits_grad: reductions — mean divides by N = B K, sum and none are the same") {
  gcase c;
  c.z = {0.5, -1.0, 2.0, 40.0, -3.0, 7.0};
  c.y = {1.0, 0.0, 0.25, 1.0, 0.5, 0.0};
  c.pw = {2.0, 1.0, 3.0, 1.0, 0.5, 1.0};
  c.rows = 2;
  for (const o::reduction red :
       {o::reduction::none, o::reduction::sum, o::reduction::mean, o::reduction::automatic}) {
    c.reduce = red;
    check_against_reference(c);
  }
  c.reduce = o::reduction::none;
  const auto none = o::evaluate_all(request_of(c));
  c.reduce = o::reduction::sum;
  const auto sum = o::evaluate_all(request_of(c));
  for (std::size_t i = 0; i < none.size(); ++i)
    CHECK(none[i].value == sum[i].value);
  c.reduce = o::reduction::batchmean;
  CHECK_THROWS_WITH(o::evaluate_all(request_of(c)), Catch::Contains("not batchmean"));
  CHECK_THROWS_WITH(o::evaluate(request_of(c)), Catch::Contains("evaluate_all"));
}

TEST_CASE("bce_logits_grad: invalid input is named (argument, index, value)") {
  const auto message = [](gcase c) {
    try {
      (void)o::evaluate_all(request_of(c));
    } catch (const std::exception& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  gcase c;
  c.z = {0.5, std::nan(""), 1.0};
  c.y = {0.0, 1.0, 0.5};
  CHECK_THAT(message(c), Catch::Contains("logits") && Catch::Contains("1"));
  c.z = {0.5, 1.0, 1.0};
  c.y = {0.0, 1.5, 0.5};
  CHECK_THAT(message(c), Catch::Contains("target") && Catch::Contains("1.5"));
  c.y = {0.0, 1.0, 0.5};
  c.w = {1.0, 1.0, -2.0};
  CHECK_THAT(message(c), Catch::Contains("weight") && Catch::Contains("-2"));
  c.w = {};
  c.pw = {-0.5, 1.0, 1.0};
  CHECK_THAT(message(c), Catch::Contains("pos_weight") && Catch::Contains("-0.5"));
  c.pw = {1.0, 1.0};
  CHECK_THAT(message(c), Catch::Contains("pos_weight") && Catch::Contains("2"));
  c.pw = {};
  c.z = {1e308, 0.5, 1.0};
  c.z[0] = std::numeric_limits<double>::infinity();
  CHECK_THAT(message(c), Catch::Contains("logits"));
  c.z = {1.0, 2.0, 3.0};
  c.rows = 2;
  CHECK_THAT(message(c), Catch::Contains("multiple of rows"));
  c.rows = 0;
  o::request r = request_of(c);
  r.base = 2;
  CHECK_THROWS_WITH(o::evaluate_all(r), Catch::Contains("base"));
}
