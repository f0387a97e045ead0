// Unit tests of gibbs::renyi_divergence.
//
// Reference values: MPFR (C API, raised in precision until the error bound is negligible)
// evaluating the textbook log(Σ p^α·q^(1−α))/(α − 1) with mpfr_pow on the exact inputs and the
// exact α — a different formula from the library's log1p of S − 1 assembled from non-cancelling
// parts (tests/support/reference.hpp). Closed forms where they exist.
#include <gibbs/measure/kl_divergence.hpp>
#include <gibbs/measure/renyi.hpp>

#include "../support/check.hpp"
#include "../support/reference.hpp"

#include <array>
#include <cmath>
#include <functional>
#include <limits>
#include <span>
#include <string>
#include <vector>

using gibbs_test::ulp_error;
using V = std::vector<double>;

namespace {
// The parts of S − 1 carry ≤ 30ε of their magnitudes (gibbs/measure/renyi.hpp); on the cases
// below the measured maximum is 4 ulp (printed by the first test); 8 leaves margin.
constexpr double max_ulps = 8.0;

const std::vector<double> alphas = {1e-3,     0.1,   0.25, 0.5, 0.75, 0.999, 0.999999,
                                    1.000001, 1.001, 1.5,  2.0, 3.0,  10.0,  100.0};

void check_invalid_parameter(const std::function<double()>& f, const std::string& argument,
                             double value, const std::string& requirement) {
  bool thrown = false;
  try {
    (void)f();
  } catch (const gibbs::invalid_input& e) {
    thrown = true;
    CHECK(e.kind() == gibbs::error_kind::invalid_parameter);
    CHECK(std::string(e.argument()) == argument);
    if (std::isnan(value))
      CHECK(std::isnan(e.value()));
    else
      CHECK(e.value() == value);
    const std::string what = e.what();
    INFO(what);
    CHECK_THAT(what, Catch::Matchers::StartsWith("gibbs::renyi_divergence: " + argument + " = "));
    CHECK_THAT(what, Catch::Matchers::Contains(requirement));
  }
  CHECK(thrown);
}
} // namespace

TEST_CASE("renyi_divergence agrees with an MPFR evaluation of log(Σ p^α q^(1−α))/(α − 1)",
          "[renyi]") {
  const std::vector<std::pair<V, V>> cases = {
      {{0.5, 0.5}, {0.7, 0.3}},
      {{0.1, 0.2, 0.3, 0.4}, {0.25, 0.25, 0.25, 0.25}},
      {{0.25, 0.25, 0.25, 0.25}, {0.1, 0.2, 0.3, 0.4}},
      {{1.0, 0.0}, {0.5, 0.5}},
      {{0.999, 0.001}, {0.001, 0.999}},
      {{0.9, 0.1}, {0.1, 0.9}},
      {{1e-300, 1.0 - 1e-300}, {0.5, 0.5}},
      {{0.5, 0.5}, {1e-300, 1.0}},
      {{0.3, 0.3, 0.4}, {0.3000000001, 0.2999999999, 0.4}},
      {{0.5, 0.5}, {0.5 + 0x1p-53, 0.5 - 0x1p-53}},
      {{0.5, 0.25, 0.25}, {0.25, 0.5, 0.25}},
  };
  double worst = 0.0;
  for (const auto& [p, q] : cases) {
    for (const double alpha : alphas) {
      const double got = gibbs::renyi_divergence(p, q, alpha);
      const auto ref = gibbs_test::reference_renyi(p, q, alpha);
      const double ulps = ulp_error(got, ref);
      worst = std::max(worst, ulps);
      INFO("p[0] = " << p[0] << ", q[0] = " << q[0] << ", alpha = " << alpha << ", got " << got
                     << ", reference " << gibbs_test::to_string(ref) << ", " << ulps << " ulp");
      CHECK(ulps <= max_ulps);
    }
  }
  WARN("largest error of renyi_divergence on these cases: " << worst << " ulp");
}

TEST_CASE("closed forms and the documented examples", "[renyi]") {
  // D_2([½, ½] ‖ [¾, ¼]) = log(¼/¾ + ¼/¼) = log(4/3)
  const double d2 = gibbs::renyi_divergence(V{0.5, 0.5}, V{0.75, 0.25}, 2.0);
  CHECK(d2 == 0.2876820724517809); // the example of the doc comment
  CHECK(ulp_error(d2, gibbs_test::reference_renyi(V{0.5, 0.5}, V{0.75, 0.25}, 2.0)) <= 0.5);
  // D_½([1, 0] ‖ [½, ½]) = −2·log √½ = log 2 nats = 1 bit
  const double bits = gibbs::renyi_divergence(V{1.0, 0.0}, V{0.5, 0.5}, 0.5, 2.0);
  CHECK(bits == 1.0); // the example of the doc comment
  CHECK(ulp_error(gibbs::renyi_divergence(V{1.0, 0.0}, V{0.5, 0.5}, 0.5),
                  gibbs_test::reference_renyi(V{1.0, 0.0}, V{0.5, 0.5}, 0.5))
        <= 1.0);
  // For a one-hot p, D_α(δ_k ‖ q) = −log q_k for every α.
  for (const double alpha : alphas)
    CHECK(gibbs::renyi_divergence(V{0.0, 1.0, 0.0}, V{0.25, 0.5, 0.25}, alpha)
          == Approx(std::log(2.0)).epsilon(1e-13));
  CHECK(gibbs::renyi_divergence(V{0.5, 0.5}, V{0.5, 0.5}, 2.0) == 0.0);
  CHECK(gibbs::renyi_divergence(V{0.25, 0.75}, V{0.25, 0.75}, 0.3) == 0.0);
}

TEST_CASE("bases: bits and bans", "[renyi][base]") {
  const V p{0.5, 0.5}, q{0.7, 0.3};
  for (const double base : {2.0, 10.0, 0.5}) {
    const double got = gibbs::renyi_divergence(p, q, 2.0, base);
    const auto ref = gibbs_test::reference_renyi(p, q, 2.0, base);
    INFO("base " << base << ", got " << got << ", reference " << gibbs_test::to_string(ref));
    CHECK(ulp_error(got, ref) <= 2.0);
  }
}

TEST_CASE("near equality: the textbook formula cancels twice, gibbs does not",
          "[renyi][cancellation]") {
  const V p{0.5, 0.5};
  const V q{0.5 + 0x1p-53, 0.5 - 0x1p-53};
  for (const double alpha : {0.5, 2.0, 1.000001}) {
    const double got = gibbs::renyi_divergence(p, q, alpha);
    const auto ref = gibbs_test::reference_renyi(p, q, alpha);
    INFO("alpha = " << alpha << ": gibbs " << got << ", reference " << gibbs_test::to_string(ref));
    CHECK(got > 0.0);
    CHECK(ulp_error(got, ref) <= max_ulps);
    // The textbook log(Σ p^α·q^(1−α))/(α − 1) in double: each term is ½ to within an ulp, the sum
    // 1 to within an ulp, and its log 0 or ±2^-52 — instead of about α·2^-105.
    double s = 0.0;
    for (std::size_t i = 0; i < 2; ++i)
      s += std::pow(p[i], alpha) * std::pow(q[i], 1.0 - alpha);
    const double textbook = std::log(s) / (alpha - 1.0);
    INFO("textbook = " << textbook);
    CHECK(ulp_error(textbook, ref) > 1e6);
  }
  // The limit α → 1 is KL (2^-105 here) to within |α − 1|·KL.
  CHECK(gibbs::renyi_divergence(p, q, 1.000001) == Approx(0x1p-105).epsilon(2e-6));
  CHECK(gibbs::kl_divergence(p, q) == Approx(0x1p-105).epsilon(1e-15));
}

TEST_CASE("conventions: zero masses, disjoint supports", "[renyi][conventions]") {
  // p_i = 0 contributes 0, for every α
  CHECK(gibbs::renyi_divergence(V{0.0, 1.0}, V{0.5, 0.5}, 2.0) == Approx(std::log(2.0)));
  CHECK(gibbs::renyi_divergence(V{0.0, 1.0}, V{0.0, 1.0}, 0.5) == 0.0);
  // p_i > 0 = q_i: +inf for α > 1, a zero term for α < 1
  CHECK(std::isinf(gibbs::renyi_divergence(V{0.5, 0.5}, V{1.0, 0.0}, 2.0)));
  CHECK(std::isinf(gibbs::renyi_divergence(V{0.5, 0.5}, V{1.0, 0.0}, 1.001)));
  // α = ½: S = √(½·1) = √½, D = −2·log √½ = log 2
  CHECK(gibbs::renyi_divergence(V{0.5, 0.5}, V{1.0, 0.0}, 0.5) == Approx(std::log(2.0)));
  CHECK(ulp_error(gibbs::renyi_divergence(V{0.5, 0.5}, V{1.0, 0.0}, 0.25),
                  gibbs_test::reference_renyi(V{0.5, 0.5}, V{1.0, 0.0}, 0.25))
        <= max_ulps);
  // disjoint supports: S = 0, D = +inf for every α
  CHECK(std::isinf(gibbs::renyi_divergence(V{1.0, 0.0}, V{0.0, 1.0}, 0.5)));
  CHECK(std::isinf(gibbs::renyi_divergence(V{1.0, 0.0}, V{0.0, 1.0}, 3.0)));
}

TEST_CASE("extremes: overflowing terms, nearly disjoint supports", "[renyi][overflow]") {
  // q subnormal, α = 3: the term ½·(½/2^-1074)² overflows double, D does not (log domain)
  const V p{0.5, 0.5}, q{0x1p-1074, 1.0};
  for (const double alpha : {3.0, 50.0}) {
    const double got = gibbs::renyi_divergence(p, q, alpha);
    INFO("alpha = " << alpha << ", got " << got);
    CHECK(std::isfinite(got));
    CHECK(ulp_error(got, gibbs_test::reference_renyi(p, q, alpha)) <= max_ulps);
  }
  // S ≈ 2·10^-150 for α = ½: S − 1 ≈ −1, summed directly instead
  const V a{1.0 - 1e-300, 1e-300}, b{1e-300, 1.0 - 1e-300};
  for (const double alpha : {0.5, 0.01, 0.99}) {
    const double got = gibbs::renyi_divergence(a, b, alpha);
    INFO("alpha = " << alpha << ", got " << got);
    CHECK(ulp_error(got, gibbs_test::reference_renyi(a, b, alpha)) <= max_ulps);
  }
}

TEST_CASE("far terms with a large log ratio: e^(c·ℓ) needs ℓ beyond the working precision",
          "[renyi][far]") {
  // p/q ≈ e^700: the far term's t − q = q·expm1(α·ℓ) takes the absolute error of α·ℓ (|ℓ|·ε/2
  // from rounding ℓ = log(p/q)) as a relative error; at α = 0.999 that part is divided by α − 1
  // and decides D. Exponentiating the rounded ℓ gave 105 and 182 ulp on the two double cases and
  // 279 ulp on the long double one (a Dirichlet(0.1) pair with zeros and tiny masses of the
  // property tests, renormalised in long double).
  for (const double q0 : {1e-303, 1e-305, 1e-315}) {
    const V p{0.5, 0.5}, q{q0, 1.0};
    for (const double alpha : alphas) {
      const double got = gibbs::renyi_divergence(p, q, alpha);
      const double ulps = ulp_error(got, gibbs_test::reference_renyi(p, q, alpha));
      INFO("q0 = " << q0 << ", alpha = " << alpha << ", got " << got << ", " << ulps << " ulp");
      CHECK(ulps <= max_ulps);
    }
  }
  const std::vector<long double> p{0x8.44a460deeb1a967p-7L,   0xa.dc9599a06d521d8p-10L,
                                   0xa.e8e6f099e6179dap-931L, 0xf.067dc8dfd66ca8dp-62L,
                                   0x8.cf49bf6f521497fp-934L, 0.0L,
                                   0x8.5e16c552217a96bp-6L,   0.0L,
                                   0x9.d7f2c7c431a51acp-21L,  0xc.b46e802fb4a6a28p-4L};
  const std::vector<long double> q{0xb.9ab929ffffffdd4p-1048L, 0.0L,
                                   0xc.64ff7853ca08dafp-957L,  0x8.d58f1cb681a4e59p-12L,
                                   0xf.1a6a148bbe01d2dp-4L,    0.0L,
                                   0xd.60fc4819a561d7fp-8L,    0xc.6f7bd1189faa5adp-18L,
                                   0xc.fdb3c09b9a81d92p-13L,   0xc.bded565c3dfc59ep-37L};
  for (const double alpha : {0.1, 0.5, 0.999, 0.999999}) {
    const long double got = gibbs::renyi_divergence(p, q, static_cast<long double>(alpha));
    const double ulps = ulp_error(got, gibbs_test::reference_renyi(p, q, alpha));
    INFO("long double, alpha = " << alpha << ", got " << static_cast<double>(got) << ", " << ulps
                                 << " ulp");
    CHECK(ulps <= max_ulps);
  }
}

TEST_CASE("every number type", "[renyi][types]") {
  const std::vector<float> fp{0.5f, 0.5f}, fq{0.7f, 0.3f};
  const std::vector<long double> lp{0.5L, 0.5L}, lq{0.7L, 0.3L};
  for (const double alpha : {0.25, 0.5, 2.0}) {
    const float df = gibbs::renyi_divergence(fp, fq, static_cast<float>(alpha));
    CHECK(ulp_error(df, gibbs_test::reference_renyi(fp, fq, alpha)) <= max_ulps);
    const long double dl = gibbs::renyi_divergence(lp, lq, static_cast<long double>(alpha));
    CHECK(ulp_error(dl, gibbs_test::reference_renyi(lp, lq, alpha)) <= max_ulps);
  }
}

TEST_CASE("input kinds and constant evaluation", "[renyi][inputs][constexpr]") {
  constexpr std::array<double, 2> a{0.5, 0.5}, b{0.75, 0.25};
  STATIC_REQUIRE(gibbs::renyi_divergence(a, a, 2.0) == 0.0);
  STATIC_REQUIRE(gibbs::renyi_divergence(a, b, 2.0) > 0.0);
  const double expected = gibbs::renyi_divergence(V{0.5, 0.5}, V{0.75, 0.25}, 2.0);
  constexpr double at_compile_time = gibbs::renyi_divergence(a, b, 2.0);
  CHECK(at_compile_time == expected);
  const double ca[] = {0.5, 0.5};
  CHECK(gibbs::renyi_divergence(ca, std::span<const double>(b), 2) == expected); // α as an int
  const std::array<int, 2> one_hot{1, 0};
  STATIC_REQUIRE(std::is_same_v<decltype(gibbs::renyi_divergence(one_hot, a, 2.0)), double>);
  CHECK(gibbs::renyi_divergence(one_hot, a, 2.0) == Approx(std::log(2.0)));
}

TEST_CASE("renyi_divergence rejects invalid input, naming argument, index and value",
          "[renyi][errors]") {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  const V ok{0.5, 0.5};
  CHECK_INVALID(gibbs::renyi_divergence(V{}, V{}, 2.0), empty, "renyi_divergence", "p", 0, 0.0);
  CHECK_INVALID(gibbs::renyi_divergence(ok, V{1.0}, 2.0), length_mismatch, "renyi_divergence", "q",
                1, 2.0);
  CHECK_INVALID(gibbs::renyi_divergence(V{1.5, -0.5}, ok, 2.0), negative, "renyi_divergence", "p",
                1, -0.5);
  CHECK_INVALID(gibbs::renyi_divergence(ok, V{nan, 0.5}, 0.5), not_a_number, "renyi_divergence",
                "q", 0, nan);
  CHECK_INVALID(gibbs::renyi_divergence(V{0.5, inf}, ok, 0.5), infinite, "renyi_divergence", "p", 1,
                inf);
  CHECK_INVALID(gibbs::renyi_divergence(ok, V{0.5, 0.25}, 2.0), not_normalized, "renyi_divergence",
                "q", 0, 0.75);
  CHECK_NOTHROW(gibbs::renyi_divergence(V{0.5, 0.5 + 0x1p-31}, ok, 2.0));

  const std::string alpha_domain = "alpha must be finite, > 0 and != 1";
  for (const double alpha : {1.0, 0.0, -0.5, -inf, inf, nan})
    check_invalid_parameter([&] { return gibbs::renyi_divergence(ok, ok, alpha); }, "alpha", alpha,
                            alpha_domain);
  {
    INFO("the message reads as a sentence");
    try {
      (void)gibbs::renyi_divergence(ok, ok, 1.0);
    } catch (const gibbs::invalid_input& e) {
      CHECK(std::string(e.what())
            == "gibbs::renyi_divergence: alpha = 1 is outside the domain of the parameter; alpha "
               "must be finite, > 0 and != 1");
    }
  }
  const std::string base_domain = "a base of logarithms must be finite, > 0 and != 1";
  for (const double base : {1.0, 0.0, -2.0, inf, nan})
    check_invalid_parameter([&] { return gibbs::renyi_divergence(ok, ok, 2.0, base); }, "base",
                            base, base_domain);
  // the parameters are checked before the distributions
  check_invalid_parameter([&] { return gibbs::renyi_divergence(V{}, V{}, 1.0); }, "alpha", 1.0,
                          alpha_domain);
}
