// tests/oracle/batch.cpp: batches (request::rows) and reductions (request::reduce) of the oracle.
//
// Reference values: every row's value (in the request's base) by the textbook formulas on MPFR at
// 300 bits (tests/oracle/reference.hpp: no code shared with gibbs), summed at 300 bits, divided by
// the reduction's divisor, then rounded once by MPFR (mpfr_get_d / mpfr_get_flt). The error of that
// reference is below 2^-280 relative, far below the distance to a rounding midpoint of the random
// inputs here. Rational totals (total variation, KL in base 2 of
// powers of two) are computed exactly with GMP fractions. The mean of the kl family divides by the
// number of elements B*K and batchmean by B: PyTorch's documentation of
// torch.nn.functional.kl_div ("'batchmean': the sum of the output will be divided by the
// batchsize; 'mean': the output will be divided by the number of elements in the output").
#include "reference.hpp"

#include <catch2/catch.hpp>
#include <gibbs/oracle.hpp>
#include <gmp.h>

#include <cmath>
#include <cstdint>
#include <random>
#include <string>
#include <thread>
#include <vector>

namespace {

using gibbs::oracle::evaluate;
using gibbs::oracle::evaluate_all;
using gibbs::oracle::format;
using gibbs::oracle::measure;
using gibbs::oracle::reduction;
using gibbs::oracle::request;
using gibbs::oracle::result;

constexpr mpfr_prec_t PREC = 300;

/// Row i of a batch request as a request of its own (rows = 0).
request row_of(const request& r, std::size_t i) {
  const std::size_t B = static_cast<std::size_t>(r.rows);
  const auto slice = [&](const std::vector<double>& a) {
    const std::size_t K = a.size() / B;
    return std::vector<double>(a.begin() + static_cast<std::ptrdiff_t>(i * K),
                               a.begin() + static_cast<std::ptrdiff_t>((i + 1) * K));
  };
  request row = r;
  row.rows = 0;
  row.reduce = reduction::automatic;
  row.p = slice(r.p);
  row.q = slice(r.q);
  row.logits = slice(r.logits);
  row.target = slice(r.target);
  if (r.what == measure::logits_cross_entropy && r.target.empty()) {
    row.target_index = r.samples[i];
    row.samples.clear();
  } else if (!r.samples.empty()) {
    const std::size_t S = r.samples.size() / B;
    row.samples.assign(r.samples.begin() + static_cast<std::ptrdiff_t>(i * S),
                       r.samples.begin() + static_cast<std::ptrdiff_t>((i + 1) * S));
  }
  return row;
}

/// The reference S / D at 300 bits (S the sum of the rows' values, each in the request's base).
void reference_total(const request& r, double D, mpfr_ptr out) {
  ref::mp v(PREC);
  mpfr_set_zero(out, 1);
  for (std::size_t i = 0; i < static_cast<std::size_t>(r.rows); ++i) {
    ref::value(row_of(r, i), v);
    mpfr_add(out, out, v, MPFR_RNDN);
  }
  mpfr_div_d(out, out, D, MPFR_RNDN);
}

/// value == the reference rounded once, and lo <= reference <= hi.
void check_against(const result& res, mpfr_ptr exact, format f) {
  const double want = f == format::binary32 ? static_cast<double>(mpfr_get_flt(exact, MPFR_RNDN))
                                            : mpfr_get_d(exact, MPFR_RNDN);
  INFO("value " << res.value << " reference " << want);
  CHECK(res.value == want);
  CHECK(mpfr_cmp_d(exact, res.lo) >= 0);
  CHECK(mpfr_cmp_d(exact, res.hi) <= 0);
}

request random_batch(std::mt19937_64& g, measure m, std::size_t B, std::size_t K,
                     double zeros = 0) {
  request r;
  r.what = m;
  r.rows = static_cast<std::int64_t>(B);
  for (std::size_t i = 0; i < B; ++i) {
    const std::vector<double> p = ref::distribution(g, K, zeros), q = ref::distribution(g, K);
    r.p.insert(r.p.end(), p.begin(), p.end());
    r.q.insert(r.q.end(), q.begin(), q.end());
  }
  return r;
}

} // namespace

TEST_CASE("a worker thread's evaluations leave no MPFR cache behind after "
          "release_thread_caches",
          "[oracle][batch]") {
  // MPFR's caches are thread-local and never freed at thread exit: under LeakSanitizer (the
  // clang++ stage) this test fails when the worker's interval evaluations or the one-time table
  // of the log-sum-exp pass (first built here: this is the file's first test) leave them.
  // References: ref::value (MPFR at 300 bits, reference.hpp).
  request r;
  r.what = measure::logits_cross_entropy;
  r.logits = {0.25, -1.5, 3.0};
  r.target_index = 1;
  request k;
  k.what = measure::kl;
  k.p = {0.5, 0.5};
  k.q = {0.7, 0.3};
  k.allow_fast_path = false; // the interval stage
  result lse, kl;
  std::string failure;
  std::thread worker([&] {
    try {
      lse = evaluate(r);
      kl = evaluate(k);
    } catch (const std::exception& e) {
      failure = e.what();
    }
    gibbs::oracle::release_thread_caches();
  });
  worker.join();
  REQUIRE(failure.empty());
  ref::mp v(PREC);
  ref::value(r, v);
  check_against(lse, v, format::binary64);
  ref::value(k, v);
  check_against(kl, v, format::binary64);
}

TEST_CASE("reduction none gives one correctly rounded result per row", "[oracle][batch]") {
  std::mt19937_64 g(101);
  for (measure m : {measure::kl, measure::cross_entropy, measure::js, measure::reverse_kl}) {
    request r = random_batch(g, m, 5, 7);
    const std::vector<result> all = evaluate_all(r);
    REQUIRE(all.size() == 5);
    for (std::size_t i = 0; i < all.size(); ++i) {
      ref::mp v(PREC);
      ref::value(row_of(r, i), v);
      check_against(all[i], v, format::binary64);
    }
  }
}

TEST_CASE("sum, mean and batchmean of a batch are the exact reduction rounded once",
          "[oracle][batch]") {
  std::mt19937_64 g(202);
  for (int trial = 0; trial < 20; ++trial) {
    const std::size_t B = 1 + static_cast<std::size_t>(trial % 6), K = 2 + trial % 5;
    request r = random_batch(g, measure::kl, B, K, 0.1);
    r.base = trial % 3 == 0 ? 2.0 : 0.0;
    for (auto [red, D] :
         {std::pair{reduction::sum, 1.0}, std::pair{reduction::mean, static_cast<double>(B * K)},
          std::pair{reduction::batchmean, static_cast<double>(B)}}) {
      r.reduce = red;
      ref::mp exact(PREC);
      reference_total(r, D, exact);
      r.allow_fast_path = true;
      const result fast = evaluate(r);
      check_against(fast, exact, format::binary64);
      CHECK(fast.fast_path);     // the double-double sum decides these batches
      r.allow_fast_path = false; // Ziv's loop over all rows gives the same rounding
      const result slow = evaluate(r);
      check_against(slow, exact, format::binary64);
      CHECK(slow.precision_bits >= 128);
      CHECK_FALSE(slow.fast_path);
    }
  }
}

TEST_CASE("the mean of a measure outside the kl family divides by the number of rows",
          "[oracle][batch]") {
  std::mt19937_64 g(303);
  request r = random_batch(g, measure::cross_entropy, 4, 6);
  r.reduce = reduction::mean;
  ref::mp exact(PREC);
  reference_total(r, 4, exact);
  check_against(evaluate(r), exact, format::binary64);
}

TEST_CASE("rounding each row and summing in double differs from the exact reduction",
          "[oracle][batch]") {
  // Batches of 8 rows: the double sum of the correctly rounded rows carries up to 8 roundings;
  // among these seeds some give a different number than the correctly rounded exact sum, and the
  // oracle must give the latter every time.
  int differ = 0;
  for (std::uint64_t seed = 1; seed <= 60; ++seed) {
    std::mt19937_64 g(seed);
    request r = random_batch(g, measure::kl, 8, 5);
    r.reduce = reduction::sum;
    ref::mp exact(PREC);
    reference_total(r, 1, exact);
    const result res = evaluate(r);
    check_against(res, exact, format::binary64);
    double naive = 0;
    for (std::size_t i = 0; i < 8; ++i) {
      ref::mp v(PREC);
      ref::value(row_of(r, i), v);
      naive += mpfr_get_d(v, MPFR_RNDN);
    }
    if (naive != res.value) ++differ;
  }
  INFO("batches where the sum of rounded rows is not the correctly rounded sum: " << differ);
  CHECK(differ > 0);
}

TEST_CASE("batches of logits with one class index per row, nll with samples per row, binary32",
          "[oracle][batch]") {
  std::mt19937_64 g(404);
  std::uniform_real_distribution<double> z(-8, 8);
  request r;
  r.what = measure::logits_cross_entropy;
  r.rows = 6;
  for (int i = 0; i < 6 * 9; ++i)
    r.logits.push_back(z(g));
  r.samples = {0, 8, 3, 3, 1, 7};
  r.base = 10;
  r.reduce = reduction::mean;
  ref::mp exact(PREC);
  reference_total(r, 6, exact);
  check_against(evaluate(r), exact, format::binary64);
  r.reduce = reduction::none;
  const std::vector<result> rows = evaluate_all(r);
  REQUIRE(rows.size() == 6);
  for (std::size_t i = 0; i < 6; ++i) {
    ref::mp v(PREC);
    ref::value(row_of(r, i), v);
    check_against(rows[i], v, format::binary64);
  }

  request n;
  n.what = measure::nll;
  n.rows = 3;
  n.q = {0.25, 0.75, 0.5, 0.5, 0.125, 0.875};
  n.samples = {0, 1, 1, 0, 0, 1}; // two samples per row
  n.reduce = reduction::sum;
  ref::mp en(PREC);
  reference_total(n, 1, en);
  check_against(evaluate(n), en, format::binary64);

  request f = random_batch(g, measure::kl, 3, 4);
  f.p = ref::to_float(f.p);
  f.q = ref::to_float(f.q);
  f.fmt = format::binary32;
  f.var = gibbs::oracle::variant::normalized; // the float rows need not sum to 1 exactly
  f.reduce = reduction::batchmean;
  ref::mp ef(PREC);
  reference_total(f, 3, ef);
  check_against(evaluate(f), ef, format::binary32);
}

TEST_CASE("rows with different special cases", "[oracle][batch]") {
  request r;
  r.what = measure::kl;
  r.rows = 3;
  r.p = {0.5, 0.5, /**/ 0.25, 0.75, /**/ 1, 0};
  r.q = {0.5, 0.5, /**/ 0.5, 0.5, /**/ 0.5, 0.5};
  r.reduce = reduction::sum; // 0 (p = q) + an irrational row + log 2
  ref::mp exact(PREC);
  reference_total(r, 1, exact);
  check_against(evaluate(r), exact, format::binary64);

  r.p[4] = 0.5; // row 2: p = (0.5, 0.5) against q = (1, 0): +inf
  r.p[5] = 0.5;
  r.q[4] = 1;
  r.q[5] = 0;
  const result inf = evaluate(r);
  CHECK(std::isinf(inf.value));
  CHECK(inf.exact);
  request each = r;
  each.reduce = reduction::none;
  const std::vector<result> rows = evaluate_all(each);
  REQUIRE(rows.size() == 3);
  CHECK(rows[0].value == 0);
  CHECK(rows[0].exact);
  CHECK(std::isinf(rows[2].value));

  // Every row exactly zero: the sum is exactly 0.
  r.p = {0.5, 0.5, 0.25, 0.75};
  r.q = r.p;
  r.rows = 2;
  const result zero = evaluate(r);
  CHECK(zero.value == 0);
  CHECK(zero.exact);
  CHECK(zero.lo == 0);
  CHECK(zero.hi == 0);
}

TEST_CASE("a rational total is computed exactly", "[oracle][batch]") {
  // KL in base 2: (1, 0) against (1/2, 1/2) is log2 2 = 1; (1, 0) against (1/4, 3/4) is log2 4 =
  // 2. mean = (1 + 2) / (B*K = 4) = 3/4, batchmean = 3/2: representable, exact.
  request r;
  r.what = measure::kl;
  r.rows = 2;
  r.p = {1, 0, 1, 0};
  r.q = {0.5, 0.5, 0.25, 0.75};
  r.base = 2;
  r.reduce = reduction::mean;
  result m = evaluate(r);
  CHECK(m.value == 0.75);
  CHECK(m.exact);
  r.reduce = reduction::batchmean;
  m = evaluate(r);
  CHECK(m.value == 1.5);
  CHECK(m.exact);

  // Total variation is always rational: the mean of 3 rows is sum |p - q| / 2 / 3 exactly,
  // compared with the GMP fraction rounded by MPFR.
  request t;
  t.what = measure::total_variation;
  t.rows = 3;
  t.p = {0.5, 0.5, 0.125, 0.875, 0.3, 0.7};
  t.q = {0.25, 0.75, 0.5, 0.5, 0.6, 0.4};
  t.reduce = reduction::mean;
  mpq_t S, x, y;
  mpq_init(S);
  mpq_init(x);
  mpq_init(y);
  for (std::size_t i = 0; i < t.p.size(); ++i) {
    mpq_set_d(x, t.p[i]);
    mpq_set_d(y, t.q[i]);
    mpq_sub(x, x, y);
    mpq_abs(x, x);
    mpq_add(S, S, x);
  }
  mpq_set_ui(x, 6, 1); // / 2 / 3
  mpq_div(S, S, x);
  ref::mp e(PREC);
  mpfr_set_q(e, S, MPFR_RNDN);
  const result tv = evaluate(t);
  CHECK(tv.value == mpfr_get_d(e, MPFR_RNDN));
  CHECK_FALSE(tv.exact); // a third of a dyadic number is not a double
  mpq_clear(S);
  mpq_clear(x);
  mpq_clear(y);
}

TEST_CASE("digits and the base apply to the reduced value", "[oracle][batch]") {
  std::mt19937_64 g(505);
  request r = random_batch(g, measure::kl, 3, 4);
  r.reduce = reduction::sum;
  r.base = 2;
  r.digits = 25;
  ref::mp exact(PREC);
  reference_total(r, 1, exact);
  const result res = evaluate(r);
  check_against(res, exact, format::binary64);
  mpfr_exp_t e10 = 0;
  char* s = mpfr_get_str(nullptr, &e10, 10, 25, exact, MPFR_RNDN);
  const std::string digits(s);
  mpfr_free_str(s);
  // "d.ddd...e-XX": the same 25 significant digits
  std::string got = res.digits.substr(0, res.digits.find('e'));
  got.erase(1, 1);
  CHECK(got == digits);
}

TEST_CASE("errors name the row; reductions a measure does not take are errors", "[oracle][batch]") {
  request r;
  r.what = measure::kl;
  r.rows = 3;
  r.p = {0.5, 0.5, 0.5, 0.5, 0.5, 0.5};
  r.q = {0.5, 0.5, 0.5, 0.5, 1.1, -0.1};
  r.reduce = reduction::sum;
  try {
    (void)evaluate(r);
    FAIL("no error");
  } catch (const gibbs::invalid_input& e) {
    CHECK(std::string(e.what()).find("row 2: q[1] = -0.10000000000000001 is negative")
          != std::string::npos);
    CHECK(e.index() == 1);
    CHECK(e.kind() == gibbs::error_kind::negative);
  }
  r.reduce = reduction::none;
  CHECK_THROWS_WITH(evaluate_all(r), Catch::Contains("row 2: q[1] = -0.1"));
  CHECK_THROWS_WITH(evaluate(r), Catch::Contains("evaluate_all"));

  r.q = {0.5, 0.5, 0.5, 0.5, 0.5};
  CHECK_THROWS_WITH(evaluate_all(r),
                    Catch::Contains("q has 5 entries, not a multiple of rows = 3"));

  request h;
  h.what = measure::entropy;
  h.rows = 2;
  h.p = {0.5, 0.5, 1, 0};
  h.reduce = reduction::batchmean;
  CHECK_THROWS_WITH(evaluate(h), Catch::Contains("batchmean") && Catch::Contains("entropy")
                                     && Catch::Contains("kl, reverse_kl, generalized_kl"));
  h.rows = 0;
  h.p = {0.5, 0.5};
  h.reduce = reduction::sum;
  CHECK_THROWS_WITH(evaluate(h), Catch::Contains("combines the rows of a batch"));

  request l;
  l.what = measure::logits_cross_entropy;
  l.rows = 2;
  l.logits = {1, 2, 3, 4, 5, 6};
  l.samples = {0, 3};
  l.reduce = reduction::sum;
  CHECK_THROWS_WITH(evaluate(l), Catch::Contains("row 1: target = 3 is out of range"));
  l.target_index = 1;
  CHECK_THROWS_WITH(evaluate(l), Catch::Contains("not both"));
  l.target_index = -1;
  l.samples = {0, 1, 2};
  CHECK_THROWS_WITH(evaluate(l), Catch::Contains("one class index per row (rows = 2)"));
  l.rows = -1;
  CHECK_THROWS_WITH(evaluate(l), Catch::Contains("rows = -1 is negative"));
}

TEST_CASE("an elementwise measure: one result per element, mean over the elements",
          "[oracle][batch]") {
  // generalized KL's value is the sum of one term per element, p log(p/q) - p + q: as an
  // elementwise descriptor it exercises the core's element path (reference: the terms by MPFR).
  gibbs::oracle::descriptor d = gibbs::oracle::generalized_kl_descriptor;
  d.elementwise = true;
  const std::vector<double> p{0.5, 0.25, 1.5, 0, 3, 0.125}, q{0.25, 0.25, 0.5, 2, 1, 0.75};
  gibbs::oracle::detail::view v;
  v.what = measure::generalized_kl;
  v.var = gibbs::oracle::variant::generalized;
  v.p = p;
  v.q = q;
  const auto term = [&](std::size_t j, mpfr_ptr out) {
    request e;
    e.what = measure::generalized_kl;
    e.var = gibbs::oracle::variant::generalized;
    e.p = {p[j]};
    e.q = {q[j]};
    ref::value(e, out);
  };
  v.reduce = reduction::none;
  const std::vector<result> all = gibbs::oracle::detail::evaluate_all_view(v, d);
  REQUIRE(all.size() == 6);
  ref::mp S(PREC);
  for (std::size_t j = 0; j < 6; ++j) {
    ref::mp t(PREC);
    term(j, t);
    check_against(all[j], t, format::binary64);
    mpfr_add(S, S, t, MPFR_RNDN);
  }
  v.reduce = reduction::automatic; // the default of an elementwise measure: mean
  ref::mp mean(PREC);
  mpfr_div_ui(mean, S, 6, MPFR_RNDN);
  check_against(gibbs::oracle::detail::evaluate_view(v, d), mean, format::binary64);
  v.reduce = reduction::sum;
  check_against(gibbs::oracle::detail::evaluate_view(v, d), S, format::binary64);

  // As a batch of 2 rows of 3: the same mean (over 6 elements); an error names the row.
  v.rows = 2;
  v.reduce = reduction::mean;
  check_against(gibbs::oracle::detail::evaluate_view(v, d), mean, format::binary64);
  v.reduce = reduction::none;
  CHECK(gibbs::oracle::detail::evaluate_all_view(v, d).size() == 6);
  const std::vector<double> bad{0.5, 0.25, 1.5, 0, -3, 0.125};
  v.p = bad;
  CHECK_THROWS_WITH(gibbs::oracle::detail::evaluate_all_view(v, d),
                    Catch::Contains("row 1: p[1] = -3 is negative"));
}

TEST_CASE("normalized rows settle one by one; rows == 0 is one case", "[oracle][batch]") {
  // Row 0 is proportional (p / sum p == q / sum q: exactly 0 by the settle stage), row 1 not.
  request r;
  r.what = measure::kl;
  r.var = gibbs::oracle::variant::normalized;
  r.rows = 2;
  r.p = {0.2, 0.4, /**/ 3, 1};
  r.q = {0.1, 0.2, /**/ 1, 1};
  r.reduce = reduction::mean;
  ref::mp exact(PREC);
  reference_total(r, 4, exact);
  check_against(evaluate(r), exact, format::binary64);
  r.allow_fast_path = false;
  check_against(evaluate(r), exact, format::binary64);
  r.reduce = reduction::none;
  const std::vector<result> rows = evaluate_all(r);
  REQUIRE(rows.size() == 2);
  CHECK(rows[0].value == 0);
  CHECK(rows[0].exact);

  request one;
  one.what = measure::entropy;
  one.p = {0.25, 0.75};
  const std::vector<result> single = evaluate_all(one);
  REQUIRE(single.size() == 1);
  CHECK(single[0].value == evaluate(one).value);
}
