// The oracle's gaussian_kl, vae_kl and bits_per_dim through oracle::evaluate with named arrays and
// parameters: correctly rounded in binary64, binary32, binary16 and bfloat16, enclosures that hold
// the exact value, exact rational cases, decimal digits, and the errors.
//
// Reference values: MPFR evaluations of the textbook formulas with a rigorous error bound below
// 2^-80 of the value (tests/support/reference_gaussian.hpp), rounded here once to each format by
// MPFR (mpfr_get_d, mpfr_get_flt; binary16 and bfloat16 by mpfr_prec_round to 11 and 8 bits, and
// to multiples of 2^-24 and 2^-133 in their subnormal ranges). Exact rational values are worked out
// in the comments.
#include <gibbs/oracle.hpp>

#include "../support/reference_gaussian.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <iterator>
#include <limits>
#include <map>
#include <random>
#include <string>
#include <vector>

namespace ref = gibbs_test::gaussian_reference;
namespace oracle = gibbs::oracle;
using V = std::vector<double>;

namespace {

const oracle::format all_formats[] = {oracle::format::binary64, oracle::format::binary32,
                                      oracle::format::binary16, oracle::format::bfloat16};

/// x rounded to nearest-even in the format (x below the format's largest number).
double round_to(const ref::number& x, oracle::format f) {
  switch (f) {
  case oracle::format::binary64:
    return x.to_double();
  case oracle::format::binary32:
    return static_cast<double>(x.to_float());
  default: {
    // Normal range: round to 11 (8) significant bits. Subnormal range (below 2^-14, 2^-126):
    // round to an integer multiple of the quantum 2^-24 (2^-133), ties to even (mpfr_rint).
    const bool half = f == oracle::format::binary16;
    const long quantum = half ? -24 : -133;
    const double min_normal = half ? 0x1p-14 : 0x1p-126;
    ref::number y = x;
    if (std::fabs(x.to_double()) < min_normal) {
      mpfr_mul_2si(y.get(), y.get(), -quantum, MPFR_RNDN);
      mpfr_rint(y.get(), y.get(), MPFR_RNDN);
      mpfr_mul_2si(y.get(), y.get(), quantum, MPFR_RNDN);
    } else {
      mpfr_prec_round(y.get(), half ? 11 : 8, MPFR_RNDN);
    }
    const double v = y.to_double();
    REQUIRE(std::fabs(v) <= (half ? 65504.0 : 0x1p127));
    return v;
  }
  }
}

/// The reference is far enough from every rounding boundary: x·(1 ± 2^-76) round alike.
bool decided(const ref::number& x, oracle::format f) {
  ref::number lo = x, hi = x;
  mpfr_mul_d(lo.get(), x.get(), 1 - 0x1p-76, MPFR_RNDN);
  mpfr_mul_d(hi.get(), x.get(), 1 + 0x1p-76, MPFR_RNDN);
  return round_to(lo, f) == round_to(hi, f);
}

void check_against(const oracle::request& r, const ref::number& exact) {
  const oracle::result res = oracle::evaluate(r);
  INFO("format " << static_cast<int>(r.fmt) << ", reference " << exact.to_double() << ", value "
                 << res.value << " [" << res.lo << ", " << res.hi << "]");
  REQUIRE(decided(exact, r.fmt));
  CHECK(res.value == round_to(exact, r.fmt));
  CHECK(mpfr_cmp_d(exact.get(), res.lo) >= 0);
  CHECK(mpfr_cmp_d(exact.get(), res.hi) <= 0);
  CHECK(res.fmt == r.fmt);
}

oracle::request gaussian_request(const V& mp, const V& sp, const V& mq, const V& sq,
                                 oracle::format f = oracle::format::binary64) {
  oracle::request r;
  r.what = oracle::measure::gaussian_kl;
  r.fmt = f;
  r.arrays = {{"mu_p", mp}, {"sigma_p", sp}, {"mu_q", mq}, {"sigma_q", sq}};
  return r;
}

std::string message_of(const oracle::request& r) {
  try {
    (void)oracle::evaluate(r);
  } catch (const std::exception& e) {
    return e.what();
  }
  return "(no exception)";
}

} // namespace

TEST_CASE("gaussian_kl is correctly rounded in every format", "[oracle][gaussian_kl]") {
  // Inputs with at most 8 significant bits: numbers of every format.
  const std::vector<std::array<V, 4>> cases = {
      {V{0.5}, V{0.75}, V{-1.25}, V{1.5}},
      {V{0.0, 2.0}, V{1.0, 0.625}, V{3.5, 2.0}, V{2.0, 1.25}},
      {V{1.0, -1.0, 0.25}, V{0.5, 0.5, 0.5}, V{1.0, -1.0, 0.25}, V{0.5, 0.5, 0.625}},
      {V{0.0}, V{1.0}, V{0.0}, V{1.0078125}}, // sigma ratio 1 - 2^-7 + ...
  };
  for (const auto& [mp, sp, mq, sq] : cases) {
    const ref::number exact = ref::gaussian_kl(mp, sp, mq, sq);
    for (oracle::format f : all_formats)
      check_against(gaussian_request(mp, sp, mq, sq, f), exact);
  }
}

TEST_CASE("gaussian_kl near equality in binary64, and in bits", "[oracle][gaussian_kl]") {
  const std::vector<std::array<V, 4>> cases = {
      {V{0.0}, V{1.0}, V{0.0}, V{1.0 + 0x1p-40}},
      {V{1e-12}, V{0.3}, V{0.0}, V{0.3}},
      {V{0.1, 0.2}, V{0.7, 1.3}, V{0.1 + 1e-9, 0.2}, V{0.7 * (1 + 1e-12), 1.3}},
      {V{1e300}, V{1.0}, V{-1e300}, V{1e290}},
  };
  for (const auto& [mp, sp, mq, sq] : cases)
    check_against(gaussian_request(mp, sp, mq, sq), ref::gaussian_kl(mp, sp, mq, sq));
  oracle::request r = gaussian_request(V{0.0}, V{1.0}, V{1.0}, V{2.0});
  r.base = 2;
  ref::number bits = ref::gaussian_kl({0.0}, {1.0}, {1.0}, {2.0}), ln2(512);
  mpfr_const_log2(ln2.get(), MPFR_RNDN);
  mpfr_div(bits.get(), bits.get(), ln2.get(), MPFR_RNDN);
  check_against(r, bits);
}

TEST_CASE("gaussian_kl: rational values are exact", "[oracle][gaussian_kl]") {
  // Equal Gaussians: 0.
  const oracle::result zero = oracle::evaluate(gaussian_request(V{1.0}, V{2.0}, V{1.0}, V{2.0}));
  CHECK(zero.value == 0.0);
  CHECK(zero.exact);
  // Equal sigmas, mean shift 1 and sigma 1: d²/(2σ²) = 1/2, representable.
  const oracle::result half = oracle::evaluate(gaussian_request(V{0.0}, V{1.0}, V{1.0}, V{1.0}));
  CHECK(half.value == 0.5);
  CHECK(half.exact);
  // sigma_p = (2, 1), sigma_q = (1, 2), means 0: the logs cancel (log 1/2 + log 2), and the value
  // is (4/2 − 1/2) + (1/8 − 1/2) = 9/8, representable.
  const oracle::result nine_eighths =
      oracle::evaluate(gaussian_request(V{0.0, 0.0}, V{2.0, 1.0}, V{0.0, 0.0}, V{1.0, 2.0}));
  CHECK(nine_eighths.value == 1.125);
  CHECK(nine_eighths.exact);
  // Equal sigmas 3, mean shift 1: 1/18, not representable: rounded, lo < 1/18 < hi.
  oracle::request r = gaussian_request(V{0.0}, V{3.0}, V{1.0}, V{3.0});
  r.digits = 25;
  const oracle::result eighteenth = oracle::evaluate(r);
  CHECK(eighteenth.value == 1.0 / 18.0);
  CHECK_FALSE(eighteenth.exact);
  CHECK(eighteenth.digits == "5.555555555555555555555556e-02");
}

TEST_CASE("gaussian_kl: invalid input names argument, index and value", "[oracle][gaussian_kl]") {
  CHECK(message_of(gaussian_request(V{0.0, 1.0}, V{1.0, -0.5}, V{0.0, 0.0}, V{1.0, 1.0}))
        == "gibbs::oracle::gaussian_kl: sigma_p[1] = -0.5 is not positive; it must be > 0");
  CHECK(message_of(gaussian_request(V{0.0}, V{1.0}, V{0.0}, V{0.0}))
        == "gibbs::oracle::gaussian_kl: sigma_q[0] = 0 is not positive; it must be > 0");
  CHECK_THAT(message_of(gaussian_request(V{0.0, NAN}, V{1.0, 1.0}, V{0.0, 0.0}, V{1.0, 1.0})),
             Catch::Matchers::Contains("mu_p[1] = nan is NaN"));
  CHECK(message_of(gaussian_request(V{0.0, 1.0}, V{1.0, 1.0}, V{0.0}, V{1.0, 1.0}))
        == "gibbs::oracle::gaussian_kl: mu_q has length 1 but mu_p has length 2");
  CHECK_THAT(message_of(gaussian_request(V{0.1}, V{1.0}, V{0.0}, V{1.0}, oracle::format::binary16)),
             Catch::Matchers::Contains("mu_p[0] = 0.10000000000000001 is not a binary16 number"));
  oracle::request r = gaussian_request(V{0.0}, V{1.0}, V{0.0}, V{2.0});
  r.arrays.erase("sigma_q");
  CHECK_THAT(message_of(r), Catch::Matchers::Contains("the array sigma_q is missing"));
  r = gaussian_request(V{0.0}, V{1.0}, V{0.0}, V{2.0});
  r.arrays["logvar"] = {0.0};
  CHECK_THAT(message_of(r), Catch::Matchers::Contains("unknown array \"logvar\""));
  try {
    (void)oracle::evaluate(gaussian_request(V{0.0}, V{-2.0}, V{0.0}, V{1.0}));
    FAIL("no exception");
  } catch (const gibbs::invalid_input& e) {
    CHECK(e.kind() == gibbs::error_kind::not_positive);
    CHECK(std::string(e.argument()) == "sigma_p");
    CHECK(e.index() == 0);
    CHECK(e.value() == -2.0);
  }
}

TEST_CASE("vae_kl is correctly rounded in every format; exact when logvar = 0",
          "[oracle][vae_kl]") {
  const std::vector<std::pair<V, V>> cases = {
      {V{0.5, -1.25}, V{0.75, -2.0}},
      {V{0.0}, V{0x1p-20}},
      {V{1.0, 0.0, -0.5}, V{0.0, 0.0, 3.0}},
  };
  for (const auto& [mu, lv] : cases) {
    const ref::number exact = ref::vae_kl(mu, lv);
    for (oracle::format f : all_formats) {
      oracle::request r;
      r.what = oracle::measure::vae_kl;
      r.fmt = f;
      r.arrays = {{"mu", mu}, {"logvar", lv}};
      check_against(r, exact);
    }
  }
  // Near logvar = 0 in binary64: e^lv − 1 − lv ≈ lv²/2.
  const oracle::result tiny = oracle::vae_kl(V{0.0}, V{1e-17});
  CHECK(tiny.value == ref::vae_kl({0.0}, {1e-17}).to_double());
  // logvar = 0: ½·Σ μ² = (1 + 1/4)/2 = 5/8, exact.
  const oracle::result exact = oracle::vae_kl(V{1.0, 0.5}, V{0.0, 0.0});
  CHECK(exact.value == 0.625);
  CHECK(exact.exact);
  const oracle::result zero = oracle::vae_kl(V{0.0, 0.0}, V{0.0, 0.0});
  CHECK(zero.value == 0.0);
  CHECK(zero.exact);
  oracle::request r;
  r.what = oracle::measure::vae_kl;
  r.arrays = {{"mu", V{0.0, 1.0}}, {"logvar", V{INFINITY, 0.0}}};
  CHECK_THAT(message_of(r), Catch::Matchers::Contains("logvar[0] = inf is infinite"));
}

TEST_CASE("bits_per_dim: correctly rounded, the dims parameter, errors", "[oracle][bits_per_dim]") {
  const V ll{-1000.0, -2000.0, -1500.5};
  const ref::number exact = ref::bits_per_dim(ll, 784);
  for (oracle::format f : {oracle::format::binary64, oracle::format::binary32}) {
    oracle::request r;
    r.what = oracle::measure::bits_per_dim;
    r.fmt = f;
    r.arrays = {{"log_likelihood", ll}};
    r.parameters = {{"dims", 784}};
    check_against(r, exact);
  }
  const V small{-12.5, 3.25};
  for (oracle::format f : all_formats) {
    oracle::request r;
    r.what = oracle::measure::bits_per_dim;
    r.fmt = f;
    r.arrays = {{"log_likelihood", small}};
    r.parameters = {{"dims", 3}};
    check_against(r, ref::bits_per_dim(small, 3));
  }
  const oracle::result zero = oracle::bits_per_dim(V{-2.5, 2.5}, 10);
  CHECK(zero.value == 0.0);
  CHECK(zero.exact);
  oracle::request r;
  r.what = oracle::measure::bits_per_dim;
  r.arrays = {{"log_likelihood", V{-1.0}}};
  CHECK_THAT(message_of(r), Catch::Matchers::Contains("the parameter dims is missing"));
  r.parameters = {{"dims", 1.5}};
  CHECK_THAT(message_of(r), Catch::Matchers::Contains("dims = 1.5 is not allowed"));
  r.parameters = {{"dims", 0}};
  CHECK_THAT(message_of(r), Catch::Matchers::Contains("dims = 0 is not allowed"));
  r.parameters = {{"dims", 2}};
  r.base = 2;
  CHECK_THAT(message_of(r), Catch::Matchers::Contains("base = 2 has no meaning"));
}

namespace {

namespace kernel = gibbs::oracle::detail::kernel;

/// |exact − (hi + lo)| <= error + 2^-80·|exact| (the reference's own bound), computed in MPFR with
/// 128 bits beyond the reference's precision; `worst` keeps the largest error / |exact| seen.
bool bound_holds(const gibbs::oracle::detail::certified::sum_result& s, const ref::number& exact,
                 double& worst) {
  ref::number d(mpfr_get_prec(exact.get()) + 128);
  mpfr_set_d(d.get(), s.value.hi, MPFR_RNDN);
  mpfr_add_d(d.get(), d.get(), s.value.lo, MPFR_RNDN);
  mpfr_sub(d.get(), d.get(), exact.get(), MPFR_RNDN);
  const double err = std::fabs(d.to_double()), value = std::fabs(exact.to_double());
  INFO("fast pass " << s.value.hi << " + " << s.value.lo << ", error bound " << s.error
                    << ", actual error " << err << ", reference " << exact.to_double());
  if (value > 0) worst = std::max(worst, err / value);
  return err <= s.error + std::ldexp(value, -80);
}

/// Logvars around the branch points of kernel::vae_f (2^-8, -38, -708) and across its range.
const double special_logvar[] = {0x1p-8,
                                 -0x1p-8,
                                 0x1.fffffffffffffp-9,
                                 -0x1.fffffffffffffp-9,
                                 0x1p-20,
                                 -0x1p-20,
                                 1e-9,
                                 -38.0,
                                 -38.5,
                                 -37.9,
                                 -707.5,
                                 -708.5,
                                 -1000.0,
                                 0.0054,
                                 -0.0054,
                                 1.0,
                                 -1.0,
                                 45.0,
                                 699.0,
                                 0x1p-400};

} // namespace

TEST_CASE("vae_kl's double-double pass: its bound holds against MPFR and it decides",
          "[oracle][vae_kl]") {
  // Reference: tests/support/reference_gaussian.hpp (the textbook formula in MPFR, error below
  // 2^-80 of the value); the pass computes the cancellation-free form of kernel_gaussian.hpp.
  std::mt19937_64 g(20261201);
  std::normal_distribution<double> normal(0.0, 1.0);
  std::uniform_int_distribution<int> pick(0, std::size(special_logvar) - 1);
  double worst = 0;
  int decided_fast = 0, cases = 0;
  for (int k = 0; k < 400; ++k) {
    const std::size_t n = 1 + static_cast<std::size_t>(k % 5);
    V mu(n), lv(n);
    for (std::size_t i = 0; i < n; ++i) {
      mu[i] = k % 3 == 0 ? 0.0 : normal(g) * (k % 7 == 0 ? 1e-6 : 1.0);
      lv[i] = k % 2 == 0 ? special_logvar[pick(g)] * (1 + 0x1p-30 * normal(g)) : 2 * normal(g);
    }
    const ref::number exact = ref::vae_kl(mu, lv);
    const auto s = kernel::vae_kl(mu, lv);
    if (!s.ok) continue; // declined (|logvar| below 2^-470 or above 700): the interval path
    INFO("case " << k);
    CHECK(bound_holds(s, exact, worst));
    oracle::request r;
    r.what = oracle::measure::vae_kl;
    r.arrays = {{"mu", mu}, {"logvar", lv}};
    const oracle::result res = oracle::evaluate(r);
    ++cases;
    decided_fast += res.fast_path ? 1 : 0;
    if (decided(exact, r.fmt)) CHECK(res.value == round_to(exact, r.fmt));
  }
  // The pass decides almost every case (its bound is below 2^-61 of the value).
  CHECK(cases >= 300);
  CHECK(decided_fast >= cases * 95 / 100);
  WARN("vae_kl pass: worst relative error " << worst << " over " << cases << " cases");
}

TEST_CASE("gaussian_kl's double-double pass: its bound holds against MPFR and it decides",
          "[oracle][gaussian_kl]") {
  // Reference as above. Sigma ratios 1 + k 2^-52 (near equality), 1 ± 2^-7 (the branch point of
  // kernel::gaussian_g), 2^±200, and random; mean shifts 0, tiny, ordinary, huge.
  std::mt19937_64 g(7);
  std::normal_distribution<double> normal(0.0, 1.0);
  std::uniform_int_distribution<int> kind(0, 5);
  double worst = 0;
  int decided_fast = 0, cases = 0;
  for (int k = 0; k < 400; ++k) {
    const std::size_t n = 1 + static_cast<std::size_t>(k % 4);
    V mp(n), sp(n), mq(n), sq(n);
    for (std::size_t i = 0; i < n; ++i) {
      sp[i] = std::exp(normal(g));
      switch (kind(g)) {
      case 0:
        sq[i] = sp[i] * (1 + static_cast<double>(1 + k % 9) * 0x1p-52);
        break;
      case 1:
        sq[i] = sp[i] * (1 + 0x1p-8 * (1 + 0x1p-20 * normal(g)));
        break;
      case 2:
        sq[i] = sp[i] / std::sqrt(1 + 0x1p-7 * (1 + 0x1p-30 * normal(g)));
        break;
      case 3:
        sq[i] = sp[i] * std::ldexp(1.0 + std::fabs(normal(g)), k % 2 ? 200 : -200);
        break;
      default:
        sq[i] = std::exp(normal(g));
        break;
      }
      mp[i] = normal(g);
      const int shift = k % 4;
      mq[i] = shift == 0 ? mp[i] : mp[i] + (shift == 1 ? 1e-12 : shift == 2 ? normal(g) : 1e30);
    }
    const ref::number exact = ref::gaussian_kl(mp, sp, mq, sq);
    const auto s = kernel::gaussian_kl(mp, sp, mq, sq);
    if (!s.ok) continue; // declined: the interval path
    INFO("case " << k);
    CHECK(bound_holds(s, exact, worst));
    const oracle::result res = oracle::evaluate(gaussian_request(mp, sp, mq, sq));
    ++cases;
    decided_fast += res.fast_path ? 1 : 0;
    if (decided(exact, oracle::format::binary64))
      CHECK(res.value == round_to(exact, oracle::format::binary64));
  }
  CHECK(cases >= 300);
  CHECK(decided_fast >= cases * 95 / 100);
  WARN("gaussian_kl pass: worst relative error " << worst << " over " << cases << " cases");
}
