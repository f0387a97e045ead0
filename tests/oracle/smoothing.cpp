// tests/oracle/smoothing.cpp: logits_cross_entropy with label_smoothing, class weights,
// ignore_index, batches and reductions, as torch.nn.functional.cross_entropy defines them.
//
// Reference values: MPFR at 600 bits, textbook formulas sharing no code with gibbs:
//   A_k = log(sum_j exp(z_j)) - z_k (no max shift, no log1p, no intervals),
//   class target t:  (1 - eps) w_t A_t + (eps / K) sum_k w_k A_k  (PyTorch's
//   cross_entropy_loss_label_smoothing in aten/src/ATen/native/LossNLL.cpp, torch 1.13),
//   distribution t:  sum_k w_k ((1 - eps) t_k + eps / K) A_k  (cross_entropy_loss_prob_target),
//   the normalized variant: t_k / sum_j t_j in place of t_k (MPFR divides by the row's sum);
//   an ignored row 0; sum = sum of the rows; mean = sum / sum of w_t over the rows that are not
//   ignored (class target; PyTorch divides the smoothing part by the same sum), sum / B for a
//   distribution target. Each is rounded once by MPFR. Its error is below 2^-550 relative, far
//   from the rounding midpoints of the random inputs used here.
#include "../support/mpfr.hpp"

#include <catch2/catch.hpp>
#include <gibbs/oracle.hpp>
#include <mpfr.h>

#include <cmath>
#include <cstdint>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

using gibbs::oracle::evaluate;
using gibbs::oracle::evaluate_all;
using gibbs::oracle::measure;
using gibbs::oracle::reduction;
using gibbs::oracle::request;

constexpr mpfr_prec_t PREC = 600;

struct spec {
  std::size_t B = 0, K = 0;
  std::vector<double> z, target, weight;
  std::vector<std::int64_t> cls;
  double eps = 0;
  std::int64_t ignore = -100;
  bool normalized = false;
};

/// out = the loss of row b (reference formulas at the top of this file).
void row_loss(const spec& s, std::size_t b, mpfr_ptr out) {
  gibbs_test::mp lse(PREC), t(PREC), A(PREC), c(PREC), sum(PREC);
  for (std::size_t k = 0; k < s.K; ++k) {
    mpfr_set_d(t, s.z[b * s.K + k], MPFR_RNDN);
    mpfr_exp(t, t, MPFR_RNDN);
    mpfr_add(lse, lse, t, MPFR_RNDN);
  }
  mpfr_log(lse, lse, MPFR_RNDN);
  const auto w = [&](std::size_t k) { return s.weight.empty() ? 1.0 : s.weight[k]; };
  mpfr_set_zero(out, 1);
  if (s.target.empty()) {
    if (s.cls[b] == s.ignore) return;
    const std::size_t tk = static_cast<std::size_t>(s.cls[b]);
    mpfr_sub_d(A, lse, s.z[b * s.K + tk], MPFR_RNDN);
    mpfr_set_d(c, 1.0, MPFR_RNDN);
    mpfr_sub_d(c, c, s.eps, MPFR_RNDN);
    mpfr_mul_d(c, c, w(tk), MPFR_RNDN);
    mpfr_mul(out, c, A, MPFR_RNDN);
    for (std::size_t k = 0; k < s.K; ++k) {
      mpfr_sub_d(A, lse, s.z[b * s.K + k], MPFR_RNDN);
      mpfr_mul_d(A, A, w(k), MPFR_RNDN);
      mpfr_add(sum, sum, A, MPFR_RNDN);
    }
    mpfr_mul_d(sum, sum, s.eps, MPFR_RNDN);
    mpfr_div_ui(sum, sum, static_cast<unsigned long>(s.K), MPFR_RNDN);
    mpfr_add(out, out, sum, MPFR_RNDN);
    return;
  }
  gibbs_test::mp total(PREC);
  mpfr_set_d(total, 1.0, MPFR_RNDN);
  if (s.normalized) {
    mpfr_set_zero(total, 1);
    for (std::size_t k = 0; k < s.K; ++k)
      mpfr_add_d(total, total, s.target[b * s.K + k], MPFR_RNDN);
  }
  for (std::size_t k = 0; k < s.K; ++k) {
    mpfr_sub_d(A, lse, s.z[b * s.K + k], MPFR_RNDN);
    mpfr_set_d(c, 1.0, MPFR_RNDN);
    mpfr_sub_d(c, c, s.eps, MPFR_RNDN);
    mpfr_mul_d(c, c, s.target[b * s.K + k], MPFR_RNDN);
    mpfr_div(c, c, total, MPFR_RNDN);
    mpfr_set_d(t, s.eps, MPFR_RNDN);
    mpfr_div_ui(t, t, static_cast<unsigned long>(s.K), MPFR_RNDN);
    mpfr_add(c, c, t, MPFR_RNDN);
    mpfr_mul_d(c, c, w(k), MPFR_RNDN);
    mpfr_mul(A, A, c, MPFR_RNDN);
    mpfr_add(out, out, A, MPFR_RNDN);
  }
}

/// The reference reduction of the batch, rounded once to binary64.
double reference(const spec& s, reduction red) {
  gibbs_test::mp total(PREC), row(PREC), den(PREC);
  for (std::size_t b = 0; b < s.B; ++b) {
    row_loss(s, b, row);
    mpfr_add(total, total, row, MPFR_RNDN);
    if (!s.target.empty())
      mpfr_add_ui(den, den, 1, MPFR_RNDN);
    else if (s.cls[b] != s.ignore)
      mpfr_add_d(den, den, s.weight.empty() ? 1.0 : s.weight[static_cast<std::size_t>(s.cls[b])],
                 MPFR_RNDN);
  }
  if (red == reduction::mean) mpfr_div(total, total, den, MPFR_RNDN);
  return mpfr_get_d(total, MPFR_RNDN);
}

double row_reference(const spec& s, std::size_t b) {
  gibbs_test::mp row(PREC);
  row_loss(s, b, row);
  return mpfr_get_d(row, MPFR_RNDN);
}

request request_of(const spec& s, reduction red) {
  request r;
  r.what = measure::logits_cross_entropy;
  r.rows = static_cast<std::int64_t>(s.B);
  r.logits = s.z;
  r.target = s.target;
  r.samples = s.target.empty() ? s.cls : std::vector<std::int64_t>{};
  if (s.eps != 0) r.parameters["label_smoothing"] = s.eps;
  if (s.ignore != -100) r.parameters["ignore_index"] = static_cast<double>(s.ignore);
  if (!s.weight.empty()) r.arrays["weight"] = s.weight;
  if (s.normalized) r.var = gibbs::oracle::variant::normalized;
  r.reduce = red;
  return r;
}

spec random_spec(std::mt19937_64& g, bool distribution, bool weighted, double eps,
                 std::int64_t ignore) {
  spec s;
  s.B = 1 + g() % 6;
  s.K = 2 + g() % 7;
  std::normal_distribution<double> N(0.0, 3.0);
  std::uniform_real_distribution<double> U(0.0, 2.0);
  for (std::size_t i = 0; i < s.B * s.K; ++i)
    s.z.push_back(N(g));
  if (weighted)
    for (std::size_t k = 0; k < s.K; ++k)
      s.weight.push_back(k == 1 ? 0.0 : U(g));
  if (distribution) {
    for (std::size_t b = 0; b < s.B; ++b) {
      double sum = 0;
      std::vector<double> row;
      for (std::size_t k = 0; k < s.K; ++k)
        sum += row.emplace_back(std::ldexp(static_cast<double>(1 + g() % 8), -3));
      // Dyadic masses over a power of two: make the row sum exactly 1 by putting the rest last.
      double head = 0;
      for (std::size_t k = 0; k + 1 < s.K; ++k)
        head += row[k] = std::ldexp(std::floor(row[k] / sum * 64), -6);
      row.back() = 1 - head;
      s.target.insert(s.target.end(), row.begin(), row.end());
    }
  } else {
    for (std::size_t b = 0; b < s.B; ++b)
      s.cls.push_back(static_cast<std::int64_t>(g() % s.K));
    if (ignore >= 0) s.cls[0] = ignore; // at least one ignored row
  }
  s.eps = eps;
  s.ignore = ignore;
  return s;
}

} // namespace

TEST_CASE("smoothed, weighted, ignored rows and their reductions against MPFR", "[smoothing]") {
  std::mt19937_64 g(20261201);
  const double epsilons[] = {0.0, 0.1, 0.25, 1.0, 0x1p-30};
  int checked = 0;
  for (int round = 0; round < 40; ++round) {
    for (double eps : epsilons) {
      for (int kind = 0; kind < 4; ++kind) {
        const bool distribution = kind == 3;
        const bool weighted = kind == 1 || kind == 2;
        const std::int64_t ignore = kind == 2 || (kind == 0 && round % 2) ? 0 : -100;
        const spec s = random_spec(g, distribution, weighted, eps, ignore);
        for (reduction red : {reduction::sum, reduction::mean}) {
          request r = request_of(s, red);
          double den = 0;
          for (std::size_t b = 0; b < s.B && !distribution; ++b)
            if (s.cls[b] != ignore)
              den += weighted ? s.weight[static_cast<std::size_t>(s.cls[b])] : 1.0;
          if (red == reduction::mean && !distribution && den == 0) {
            CHECK_THROWS_WITH(evaluate(r), Catch::Contains("PyTorch returns nan"));
            continue;
          }
          const double want = reference(s, red);
          for (bool fast : {true, false}) {
            r.allow_fast_path = fast;
            const auto res = evaluate(r);
            INFO("round " << round << " eps " << eps << " kind " << kind << " reduction "
                          << static_cast<int>(red) << " fast " << fast);
            CHECK(res.value == want);
            CHECK(res.lo <= want);
            CHECK(want <= res.hi);
            ++checked;
          }
        }
        request r = request_of(s, reduction::none);
        const auto rows = evaluate_all(r);
        REQUIRE(rows.size() == s.B);
        for (std::size_t b = 0; b < s.B; ++b)
          CHECK(rows[b].value == row_reference(s, b));
      }
    }
  }
  CHECK(checked > 1000);
}

TEST_CASE("the defaults are PyTorch's: no smoothing, ignore_index -100, weight 1", "[smoothing]") {
  request r;
  r.what = measure::logits_cross_entropy;
  r.logits = {1.0, 2.0, 3.0};
  r.target_index = 0;
  const double plain = evaluate(r).value;
  r.parameters["label_smoothing"] = 0.0;
  r.parameters["ignore_index"] = -100;
  r.arrays["weight"] = {1.0, 1.0, 1.0};
  CHECK(evaluate(r).value == plain);
  // An ignored single case is 0, exactly.
  r.parameters["ignore_index"] = 0;
  const auto ignored = evaluate(r);
  CHECK(ignored.value == 0.0);
  CHECK(ignored.exact);
}

TEST_CASE("a weighted mean whose divisor is not an integer: the exact quotient", "[smoothing]") {
  // Two rows with equal logits: each row is w_t log 3 (no smoothing), so the mean is
  // (0.1 log 3 + 0.2 log 3) / (0.1 + 0.2) = log 3 exactly, although 0.1 + 0.2 rounds in double.
  request r;
  r.what = measure::logits_cross_entropy;
  r.rows = 2;
  r.logits = {0.5, 0.5, 0.5, 0.5, 0.5, 0.5};
  r.samples = {0, 1};
  r.arrays["weight"] = {0.1, 0.2, 0.7};
  r.reduce = reduction::mean;
  mpfr_t l3;
  mpfr_init2(l3, 200);
  mpfr_set_ui(l3, 3, MPFR_RNDN);
  mpfr_log(l3, l3, MPFR_RNDN);
  const double log3 = mpfr_get_d(l3, MPFR_RNDN);
  mpfr_clear(l3);
  for (bool fast : {true, false}) {
    r.allow_fast_path = fast;
    CHECK(evaluate(r).value == log3);
  }
}

TEST_CASE("class weights without smoothing are decided by the fast pass", "[smoothing]") {
  std::mt19937_64 g(7);
  int fast = 0;
  for (int round = 0; round < 50; ++round) {
    spec s = random_spec(g, false, true, 0.0, round % 2 ? 0 : -100);
    for (reduction red : {reduction::sum, reduction::mean}) {
      request r = request_of(s, red);
      double den = 0;
      for (std::size_t b = 0; b < s.B; ++b)
        if (s.cls[b] != s.ignore) den += s.weight[static_cast<std::size_t>(s.cls[b])];
      if (red == reduction::mean && den == 0) continue;
      const auto res = evaluate(r);
      CHECK(res.value == reference(s, red));
      fast += res.fast_path ? 1 : 0;
    }
  }
  CHECK(fast > 50);
}

TEST_CASE("label smoothing without class weights is decided by the fast pass", "[smoothing]") {
  // kernel::logits_cross_entropy_smoothed: (1 - eps) C + (eps / K) sum_k A_k from one
  // log-sum-exp, for class and (unnormalised) distribution targets; against the MPFR reference
  // above, and the pass must decide (not leave the rows to the interval loop).
  std::mt19937_64 g(11);
  int fast = 0, total = 0;
  for (int round = 0; round < 30; ++round)
    for (double eps : {0.1, 1.0, 0x1p-40, 0.75})
      for (bool distribution : {false, true}) {
        const spec s =
            random_spec(g, distribution, false, eps, round % 2 && !distribution ? 0 : -100);
        for (reduction red : {reduction::sum, reduction::mean}) {
          request r = request_of(s, red);
          double den = 0;
          for (std::size_t b = 0; b < s.B && !distribution; ++b)
            den += s.cls[b] != s.ignore ? 1.0 : 0.0;
          if (red == reduction::mean && !distribution && den == 0) continue;
          const auto res = evaluate(r);
          const double want = reference(s, red);
          INFO("round " << round << " eps " << eps << " distribution " << distribution);
          CHECK(res.value == want);
          CHECK(res.lo <= want);
          CHECK(want <= res.hi);
          if (res.precision_bits == 0) continue; // every row ignored: 0 exactly, no pass
          fast += res.fast_path ? 1 : 0;
          ++total;
        }
      }
  CHECK(fast == total);
  CHECK(total > 400);
}

TEST_CASE("smoothing with weights, weights with a distribution, normalized targets: the "
          "combination pass decides",
          "[smoothing]") {
  // kernel::logits_cross_entropy_combination with measures/logits.hpp's coefficients: the
  // cases the two passes above do not take. Targets of the normalized variant are random
  // doubles that do not sum to 1 (with zeros); against the MPFR reference above, and the pass
  // must decide every row.
  std::mt19937_64 g(13);
  std::uniform_real_distribution<double> U(0.0, 3.0);
  int fast = 0, total = 0;
  for (int round = 0; round < 30; ++round)
    for (double eps : {0.0, 0.1, 1.0, 0x1p-40})
      for (int kind = 0; kind < 4; ++kind) {
        // 0: class target, weights; 1: distribution, weights; 2: normalized distribution;
        // 3: normalized distribution with weights
        const bool distribution = kind != 0;
        if (kind == 0 && eps == 0) continue; // the weighted pass of the test above
        spec s = random_spec(g, distribution, kind == 0 || kind == 1 || kind == 3, eps, -100);
        if (kind >= 2) {
          s.normalized = true;
          for (double& t : s.target)
            t = g() % 5 == 0 ? 0.0 : U(g);
          s.target[0] = 0.5; // no row of zeros only
          for (std::size_t b = 1; b < s.B; ++b)
            s.target[b * s.K] += 0.25;
        }
        double den = 0;
        for (std::size_t b = 0; b < s.B && !distribution; ++b)
          den += s.weight[static_cast<std::size_t>(s.cls[b])];
        for (reduction red : {reduction::sum, reduction::mean}) {
          if (red == reduction::mean && !distribution && den == 0) continue; // 0 / 0
          request r = request_of(s, red);
          const auto res = evaluate(r);
          const double want = reference(s, red);
          INFO("round " << round << " eps " << eps << " kind " << kind);
          CHECK(res.value == want);
          CHECK(res.lo <= want);
          CHECK(want <= res.hi);
          fast += res.fast_path ? 1 : 0;
          ++total;
        }
      }
  CHECK(fast == total);
  CHECK(total > 400);
}

TEST_CASE("a subnormal class weight is not taken for 0", "[smoothing]") {
  // eps / K times w_k = 2^-1074 underflows in double-double, but the term (eps / K) w_k A_k is
  // about 2^-51.6 here (A_k = 2^1023 + log(1 + e)): the pass must decline rather than drop it.
  // Against the MPFR reference above.
  for (int kind = 0; kind < 2; ++kind) {
    spec s;
    s.B = 1;
    s.K = 3;
    s.z = {0.0, 1.0, -0x1p1023};
    s.weight = {1.0, 1.0, 0x1p-1074};
    if (kind == 0) {
      s.cls = {0};
      s.eps = 1;
    } else {
      s.target = {0.5, 0.25, 0.25};
    }
    const request r = request_of(s, reduction::sum);
    const auto res = evaluate(r);
    const double want = reference(s, reduction::sum);
    INFO("kind " << kind);
    CHECK(res.value == want);
    CHECK(res.lo <= want);
    CHECK(want <= res.hi);
  }
}

TEST_CASE("invalid smoothing, logits, classes and weights name argument, index and value",
          "[smoothing]") {
  request r;
  r.what = measure::logits_cross_entropy;
  r.rows = 2;
  r.logits = {1.0, 2.0, 3.0, 0.0, 0.0, 1.0};
  r.samples = {0, 2};
  r.reduce = reduction::mean;
  r.parameters["label_smoothing"] = 1.5;
  CHECK_THROWS_WITH(evaluate(r), Catch::Contains("label_smoothing = 1.5 is not allowed")
                                     && Catch::Contains("0 <= label_smoothing <= 1"));
  r.parameters["label_smoothing"] = std::nan("");
  CHECK_THROWS_WITH(evaluate(r), Catch::Contains("label_smoothing = nan is not allowed"));
  r.parameters["label_smoothing"] = 0.1;
  r.parameters["ignore_index"] = 0.5;
  CHECK_THROWS_WITH(evaluate(r), Catch::Contains("ignore_index = 0.5 is not allowed"));
  r.parameters["ignore_index"] = 0;
  r.logits[4] = std::nan("");
  CHECK_THROWS_WITH(evaluate(r), Catch::Contains("row 1: logits[1] = nan"));
  r.logits[4] = 0;
  r.samples = {0, 3};
  CHECK_THROWS_WITH(evaluate(r), Catch::Contains("row 1: target = 3 is out of range"));
  r.samples = {-1, 2};
  CHECK_THROWS_WITH(evaluate(r), Catch::Contains("row 0: target = -1 is out of range"));
  r.samples = {0, 2};
  r.arrays["weight"] = {1.0, -0.5, 1.0};
  CHECK_THROWS_WITH(evaluate(r), Catch::Contains("weight[1] = -0.5 is negative"));
  r.arrays["weight"] = {1.0, 1.0};
  CHECK_THROWS_WITH(evaluate(r), Catch::Contains("weight has length 2 but logits has length 3"));
  r.arrays["weight"] = {1.0, 1.0, 1.0};
  r.samples = {0, 0};
  CHECK_THROWS_WITH(evaluate(r), Catch::Contains("every row's class is ignore_index"));
  r.reduce = reduction::sum;
  CHECK(evaluate(r).value == 0.0);
  r.target = {0.5, 0.25, 0.25, 0.0, 0.0, 1.0};
  r.samples.clear();
  CHECK_THROWS_WITH(evaluate(r), Catch::Contains("ignore_index = 0 is for class targets"));
}
