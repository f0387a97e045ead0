// Unit tests of gibbs::log_softmax and gibbs::cross_entropy_from_logits.
//
// Reference values: MPFR (C API, 384+ bits, raised until the error bound is negligible) evaluating
// Σ_i t_i·(log Σ_j e^{z_j} − z_i) straight from the definition — no max shift: MPFR's exponent
// range holds e^{10^4} — where the library shifts by max z and uses log1p
// (tests/support/reference.hpp).
#include <gibbs/measure/logits.hpp>

#include "../support/check.hpp"
#include "../support/reference.hpp"

#include <array>
#include <cmath>
#include <limits>
#include <span>
#include <string>
#include <vector>

using gibbs_test::ulp_error;
using V = std::vector<double>;

namespace {
constexpr double max_ulps = 4.0;

V one_hot(std::size_t n, std::size_t k) {
  V t(n, 0.0);
  t[k] = 1.0;
  return t;
}
} // namespace

TEST_CASE("cross_entropy_from_logits agrees with MPFR log Σ e^z − z_k", "[logits]") {
  const std::vector<V> cases = {
      {0.0, 0.0},  {1.0, 2.0, 3.0},       {-1.0, 0.5, 0.25, 8.0}, {1e4, 0.0, -1e4},
      {-1e4, 1e4}, {700.0, 710.0, 720.0}, {1e-8, 0.0, -1e-8},     {50.0, 0.0, 0.0},
  };
  for (const auto& z : cases) {
    for (std::size_t k = 0; k < z.size(); ++k) {
      const double got = gibbs::cross_entropy_from_logits(z, k);
      const auto ref = gibbs_test::reference_logits_ce(z, one_hot(z.size(), k));
      INFO("z[0] = " << z[0] << ", k = " << k << ", got " << got << ", reference "
                     << gibbs_test::to_string(ref));
      CHECK(std::isfinite(got));
      CHECK(ulp_error(got, ref) <= max_ulps);
      // soft target equal to the one-hot gives the same value
      CHECK(gibbs::cross_entropy_from_logits(z, one_hot(z.size(), k))
            == Approx(got).epsilon(1e-15));
    }
  }
}

TEST_CASE("logit spreads of 1e4 neither overflow nor lose the small class", "[logits][overflow]") {
  const V z{1e4, 0.0, -1e4};
  CHECK(gibbs::cross_entropy_from_logits(z, 0) >= 0.0);
  CHECK(gibbs::cross_entropy_from_logits(z, 0) < 1e-300); // e^-1e4 underflows: exactly 0 is right
  CHECK(gibbs::cross_entropy_from_logits(z, 2) == 2e4);
  const auto ls = gibbs::log_softmax(z);
  REQUIRE(ls.size() == 3);
  CHECK(ls[0] == 0.0);
  CHECK(ls[1] == -1e4);
  CHECK(ls[2] == -2e4);
  const V soft{0.25, 0.25, 0.5};
  const double got = gibbs::cross_entropy_from_logits(z, soft);
  CHECK(std::isfinite(got));
  CHECK(ulp_error(got, gibbs_test::reference_logits_ce(z, soft)) <= max_ulps);
}

TEST_CASE("log_softmax: Σ exp = 1 and shift invariance", "[logits]") {
  const V z{1.0, 2.0, 3.0, -4.0};
  const auto a = gibbs::log_softmax(z);
  double s = 0.0;
  for (const double v : a)
    s += std::exp(v);
  CHECK(s == Approx(1.0).epsilon(1e-15));
  V shifted(z);
  for (double& v : shifted)
    v += 1000.0;
  const auto b = gibbs::log_softmax(shifted);
  for (std::size_t i = 0; i < z.size(); ++i)
    CHECK(b[i] == Approx(a[i]).epsilon(1e-12));
  for (std::size_t k = 0; k < z.size(); ++k)
    CHECK(ulp_error(-a[k], gibbs_test::reference_logits_ce(z, one_hot(z.size(), k))) <= max_ulps);
}

TEST_CASE("soft targets against MPFR", "[logits]") {
  const V z{0.5, -1.5, 3.0, 0.0};
  for (const V& t : {V{0.25, 0.25, 0.25, 0.25}, V{0.0, 0.5, 0.0, 0.5}, V{0.1, 0.2, 0.3, 0.4}}) {
    const double got = gibbs::cross_entropy_from_logits(z, t);
    CHECK(ulp_error(got, gibbs_test::reference_logits_ce(z, t)) <= max_ulps);
  }
}

TEST_CASE("input kinds", "[logits][inputs]") {
  const std::array<double, 2> z{0.0, 0.0};
  CHECK(gibbs::cross_entropy_from_logits(z, 1) == Approx(std::log(2.0)).epsilon(1e-16));
  CHECK(gibbs::cross_entropy_from_logits(std::span<const double>(z), 0)
        == Approx(std::log(2.0)).epsilon(1e-16));
  const double c[] = {0.0, 0.0};
  CHECK(gibbs::cross_entropy_from_logits(c, 0) == Approx(std::log(2.0)).epsilon(1e-16));
  const int zi[] = {0, 0};
  STATIC_REQUIRE(std::is_same_v<decltype(gibbs::cross_entropy_from_logits(zi, 0)), double>);
  CHECK(gibbs::cross_entropy_from_logits(zi, 0) == Approx(std::log(2.0)).epsilon(1e-16));
  const std::array<float, 2> zf{0.0f, 0.0f};
  STATIC_REQUIRE(std::is_same_v<decltype(gibbs::cross_entropy_from_logits(zf, 0)), float>);
  const std::array<int, 2> t{0, 1};
  CHECK(gibbs::cross_entropy_from_logits(z, t) == Approx(std::log(2.0)).epsilon(1e-16));
}

TEST_CASE("logit functions reject invalid input, naming index and value", "[logits][errors]") {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  CHECK_INVALID(gibbs::cross_entropy_from_logits(V{}, 0), empty, "cross_entropy_from_logits",
                "logits", 0, 0.0);
  CHECK_INVALID(gibbs::cross_entropy_from_logits(V{0.0, nan}, 0), not_a_number,
                "cross_entropy_from_logits", "logits", 1, nan);
  CHECK_INVALID(gibbs::cross_entropy_from_logits(V{inf, 0.0}, 0), infinite,
                "cross_entropy_from_logits", "logits", 0, inf);
  CHECK_INVALID(gibbs::cross_entropy_from_logits(V{0.0, -inf}, 0), infinite,
                "cross_entropy_from_logits", "logits", 1, -inf);
  CHECK_INVALID(gibbs::cross_entropy_from_logits(V{0.0, 1.0}, 2), index_out_of_range,
                "cross_entropy_from_logits", "target", 2, 2.0);
  CHECK_INVALID(gibbs::cross_entropy_from_logits(V{0.0, 1.0}, V{1.0}), length_mismatch,
                "cross_entropy_from_logits", "q", 1, 2.0);
  CHECK_INVALID(gibbs::cross_entropy_from_logits(V{0.0, 1.0}, V{1.5, -0.5}), negative,
                "cross_entropy_from_logits", "target", 1, -0.5);
  CHECK_INVALID(gibbs::cross_entropy_from_logits(V{0.0, 1.0}, V{0.5, 0.25}), not_normalized,
                "cross_entropy_from_logits", "target", 0, 0.75);
  CHECK_INVALID(gibbs::cross_entropy_from_logits(V{0.0, nan}, V{0.5, 0.5}), not_a_number,
                "cross_entropy_from_logits", "logits", 1, nan);
  CHECK_INVALID(gibbs::log_softmax(V{}), empty, "log_softmax", "logits", 0, 0.0);
  CHECK_INVALID(gibbs::log_softmax(V{1.0, nan}), not_a_number, "log_softmax", "logits", 1, nan);
  CHECK_INVALID(gibbs::log_softmax(V{1.0, inf}), infinite, "log_softmax", "logits", 1, inf);
}

// Label smoothing. Reference: (1 − ε)·R(z, e_t) + (ε/K)·Σ_k R(z, e_k) for a class target and
// Σ_k ((1 − ε) t_k + ε/K)·R(z, e_k) for a distribution, R = reference_logits_ce (MPFR, from the
// definition), combined in MPFR at 200 bits: PyTorch's formula, not the library's sum.
namespace {
double smoothed_reference(const V& z, const V& t, double eps) {
  mpfr_t acc, c, r;
  mpfr_inits2(200, acc, c, r, static_cast<mpfr_ptr>(nullptr));
  mpfr_set_zero(acc, 1);
  for (std::size_t k = 0; k < z.size(); ++k) {
    const auto ref = gibbs_test::reference_logits_ce(z, one_hot(z.size(), k));
    mpfr_set(r, ref.get(), MPFR_RNDN);
    mpfr_set_d(c, eps, MPFR_RNDN);
    mpfr_div_ui(c, c, static_cast<unsigned long>(z.size()), MPFR_RNDN);
    mpfr_t keep;
    mpfr_init2(keep, 200);
    mpfr_set_d(keep, eps, MPFR_RNDN);
    mpfr_ui_sub(keep, 1, keep, MPFR_RNDN);
    mpfr_mul_d(keep, keep, t[k], MPFR_RNDN);
    mpfr_add(c, c, keep, MPFR_RNDN);
    mpfr_clear(keep);
    mpfr_mul(r, r, c, MPFR_RNDN);
    mpfr_add(acc, acc, r, MPFR_RNDN);
  }
  const double out = mpfr_get_d(acc, MPFR_RNDN);
  mpfr_clears(acc, c, r, static_cast<mpfr_ptr>(nullptr));
  return out;
}
} // namespace

TEST_CASE("label smoothing against MPFR, class and distribution targets", "[logits][smoothing]") {
  const std::vector<V> cases = {{0.0, 0.0},
                                {1.0, 2.0, 3.0},
                                {-1.0, 0.5, 0.25, 8.0},
                                {700.0, 710.0, 720.0},
                                {1e-8, 0.0, -1e-8}};
  for (const auto& z : cases)
    for (double eps : {0.0, 0.1, 0.5, 1.0, 0x1p-40})
      for (std::size_t k = 0; k < z.size(); ++k) {
        const double got = gibbs::cross_entropy_from_logits(z, k, eps);
        const double want = smoothed_reference(z, one_hot(z.size(), k), eps);
        INFO("z[0] = " << z[0] << ", k = " << k << ", eps = " << eps << ", got " << got
                       << ", reference " << want);
        // The reference is rounded once: a few ulps of it bound the library's error.
        CHECK(std::fabs(got - want) <= max_ulps * std::fabs(want) * 0x1p-52);
        if (eps == 0.0) CHECK(got == gibbs::cross_entropy_from_logits(z, k));
      }
  const V z{0.5, -1.5, 3.0, 0.0}, t{0.1, 0.2, 0.3, 0.4};
  for (double eps : {0.0, 0.2, 1.0}) {
    const double got = gibbs::cross_entropy_from_logits(z, t, eps);
    const double want = smoothed_reference(z, t, eps);
    CHECK(std::fabs(got - want) <= max_ulps * want * 0x1p-52);
  }
}

TEST_CASE("label smoothing outside [0, 1] is rejected, naming the value", "[logits][errors]") {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const auto rejects = [](auto&& f, double value) {
    bool thrown = false;
    try {
      (void)f();
    } catch (const gibbs::invalid_input& e) {
      thrown = true;
      CHECK(e.kind() == gibbs::error_kind::invalid_parameter);
      CHECK(std::string(e.argument()) == "label_smoothing");
      CHECK((std::isnan(value) ? std::isnan(e.value()) : e.value() == value));
      CHECK_THAT(std::string(e.what()),
                 Catch::Matchers::StartsWith("gibbs::cross_entropy_from_logits: label_smoothing = ")
                     && Catch::Matchers::Contains("label_smoothing must be in [0, 1]"));
    }
    CHECK(thrown);
  };
  rejects([] { return gibbs::cross_entropy_from_logits(V{0.0, 1.0}, 0, 1.5); }, 1.5);
  rejects([] { return gibbs::cross_entropy_from_logits(V{0.0, 1.0}, 0, -0.25); }, -0.25);
  rejects([&] { return gibbs::cross_entropy_from_logits(V{0.0, 1.0}, V{0.5, 0.5}, nan); }, nan);
  CHECK_INVALID(gibbs::cross_entropy_from_logits(V{0.0, nan}, 0, 0.1), not_a_number,
                "cross_entropy_from_logits", "logits", 1, nan);
  CHECK_INVALID(gibbs::cross_entropy_from_logits(V{0.0, 1.0}, 2, 0.1), index_out_of_range,
                "cross_entropy_from_logits", "target", 2, 2.0);
}
