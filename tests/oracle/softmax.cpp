// tests/oracle/softmax.cpp: the vector-valued measures softmax and log_softmax of the oracle —
// every output correctly rounded with its own enclosure, at a cost of one log-sum-exp per row and
// precision step.
//
// Reference values: computed here on MPFR with the textbook formulas, without the max shift of
// gibbs (log_softmax_i = z_i - log(sum_j exp(z_j)), softmax_i = exp(z_i) / sum_j exp(z_j)), in
// MPFR's default exponent range (|z| <= 1e6 here keeps exp finite there), as lower and upper
// bounds by directed roundings at 400 bits, then 800, ... until both bounds of every output round
// (mpfr_get_d / mpfr_get_flt, to nearest) to the same number. The doubling matters: with logits of
// size 1e5, z_i - max z is often a midpoint of binary64 numbers (54 bits), and the exact
// log_softmax lies beyond it by log1p(sum exp(z_j - max z)) ~ exp(-10^4); a reference at a fixed
// 400 bits rounds the midpoint to even, the wrong way. The outputs of huge logits
// (+-1e308, where exp overflows MPFR's range) come from the exact analysis written at that test:
// softmax of m equal maxima is 1/m minus less than exp(-1e308), which rounds to 1/m.
// Rounding to binary16 and bfloat16: tests/support/small_float.hpp (MPFR by hand).
//
// The certified double-double pass over a row (the descriptors' fast_elements stage) is checked
// twice: against these references on rows built to be hard for it (outputs that underflow, logits
// one ulp apart, log_softmax ~ 0, outputs within far less than an ulp of binary64 from a rounding
// boundary of the format), and against the answers with the pass turned off
// (request::allow_fast_path = false: Ziv's loop on MPFI enclosures for every output) on random
// rows, counting the outputs it decided (result::fast_path).
#include "../support/small_float.hpp"

#include <catch2/catch.hpp>
#include <gibbs/oracle.hpp>
#include <mpfr.h>

#include <bit>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <iomanip>
#include <limits>
#include <random>
#include <span>
#include <vector>

namespace {

using gibbs::oracle::evaluate;
using gibbs::oracle::evaluate_all;
using gibbs::oracle::format;
using gibbs::oracle::measure;
using gibbs::oracle::reduction;
using gibbs::oracle::request;
using gibbs::oracle::result;

constexpr mpfr_prec_t PREC = 400;

/// The reference outputs of one row, rounded to fmt (see the top of this file): lower and upper
/// bounds by MPFR's directed roundings, at 400 bits and then twice as many until both bounds of
/// every output round to the same number.
/// With `target` (a gradient's t): (softmax_i - t_i) / D instead of softmax_i.
std::vector<double> reference(std::span<const double> z, bool log_form, format fmt,
                              const std::vector<double>* target = nullptr, double D = 1) {
  const auto round = [&](mpfr_srcptr x) {
    switch (fmt) {
    case format::binary32:
      return static_cast<double>(mpfr_get_flt(x, MPFR_RNDN));
    case format::binary16:
      return gibbs_test::round_to_format<gibbs::binary16_format>(x);
    case format::bfloat16:
      return gibbs_test::round_to_format<gibbs::bfloat16_format>(x);
    default:
      return mpfr_get_d(x, MPFR_RNDN);
    }
  };
  for (mpfr_prec_t prec = PREC;; prec *= 2) {
    mpfr_t slo, shi, t, u, llo, lhi;
    mpfr_inits2(prec, slo, shi, t, u, llo, lhi, static_cast<mpfr_ptr>(nullptr));
    mpfr_set_ui(slo, 0, MPFR_RNDN);
    mpfr_set_ui(shi, 0, MPFR_RNDN);
    for (const double v : z) { // S = sum_j exp(z_j), without a shift
      mpfr_set_d(t, v, MPFR_RNDN);
      mpfr_exp(u, t, MPFR_RNDD);
      mpfr_add(slo, slo, u, MPFR_RNDD);
      mpfr_exp(u, t, MPFR_RNDU);
      mpfr_add(shi, shi, u, MPFR_RNDU);
    }
    mpfr_log(llo, slo, MPFR_RNDD);
    mpfr_log(lhi, shi, MPFR_RNDU);
    std::vector<double> out;
    bool decided = true;
    for (const double v : z) {
      mpfr_set_d(t, v, MPFR_RNDN);
      if (log_form) { // z_i - log S
        mpfr_sub(u, t, lhi, MPFR_RNDD);
        mpfr_sub(t, t, llo, MPFR_RNDU);
      } else { // exp(z_i) / S
        mpfr_exp(u, t, MPFR_RNDD);
        mpfr_div(u, u, shi, MPFR_RNDD);
        mpfr_exp(t, t, MPFR_RNDU);
        mpfr_div(t, t, slo, MPFR_RNDU);
        if (target) { // (softmax_i - t_i) / D, D > 0
          const double ti = (*target)[out.size()];
          mpfr_sub_d(u, u, ti, MPFR_RNDD);
          mpfr_sub_d(t, t, ti, MPFR_RNDU);
          mpfr_div_d(u, u, D, MPFR_RNDD);
          mpfr_div_d(t, t, D, MPFR_RNDU);
        }
      }
      const double a = round(u), b = round(t);
      decided = decided && a == b;
      out.push_back(a);
    }
    mpfr_clears(slo, shi, t, u, llo, lhi, static_cast<mpfr_ptr>(nullptr));
    if (decided) return out;
  }
}

/// Every output of r (rows B >= 0) against the reference, with its enclosure around it.
void check_against_reference(const request& r) {
  const std::vector<result> got = evaluate_all(r);
  const std::size_t B = r.rows == 0 ? 1 : static_cast<std::size_t>(r.rows);
  const std::size_t K = r.logits.size() / B;
  REQUIRE(got.size() == r.logits.size());
  std::size_t wrong = 0;
  for (std::size_t i = 0; i < B; ++i) {
    const std::span<const double> row(r.logits.data() + i * K, K);
    const std::vector<double> want = reference(row, r.what == measure::log_softmax, r.fmt);
    for (std::size_t k = 0; k < K; ++k) {
      const result& g = got[i * K + k];
      const bool ok = g.value == want[k] && g.lo <= g.value && g.value <= g.hi && !g.exact;
      if (!ok && wrong++ < 5) {
        INFO(std::hexfloat << "row " << i << ", output " << k << ": got " << g.value << " in ["
                           << g.lo << ", " << g.hi << "], exact " << g.exact << ", want "
                           << want[k]);
        CHECK(ok);
      }
    }
  }
  CHECK(wrong == 0);
}

std::vector<double> random_logits(std::size_t n, double scale, unsigned seed) {
  std::mt19937_64 gen(seed);
  std::normal_distribution<double> d(0.0, scale);
  std::vector<double> z(n);
  for (double& v : z)
    v = d(gen);
  return z;
}

} // namespace

TEST_CASE("softmax and log_softmax: every output is the MPFR value rounded once",
          "[oracle][softmax]") {
  for (const measure m : {measure::softmax, measure::log_softmax})
    for (const double scale : {1.0, 10.0, 300.0, 1e5}) {
      request r;
      r.what = m;
      r.logits = random_logits(257, scale, static_cast<unsigned>(scale) + 7);
      check_against_reference(r);
    }
}

TEST_CASE("softmax and log_softmax in binary32 round once, straight to binary32",
          "[oracle][softmax]") {
  for (const measure m : {measure::softmax, measure::log_softmax}) {
    request r;
    r.what = m;
    r.fmt = format::binary32;
    for (const double v : random_logits(100, 5.0, 11))
      r.logits.push_back(static_cast<float>(v));
    check_against_reference(r);
  }
}

TEST_CASE("a batch gives rows x K outputs, each row with its own log-sum-exp",
          "[oracle][softmax]") {
  for (const measure m : {measure::softmax, measure::log_softmax}) {
    request r;
    r.what = m;
    r.rows = 3;
    r.logits = random_logits(3 * 17, 4.0, 3);
    r.logits[17] += 1000; // a row far from the others: its own shift
    check_against_reference(r);
  }
}

namespace {
/// The enclosure stage of softmax, counted: each call is one log-sum-exp over its row.
std::size_t lse_calls = 0, enclosed = 0;
void counted_softmax(const gibbs::oracle::detail::view& r, const gibbs::oracle::detail::prepared& x,
                     std::span<gibbs::oracle::detail::interval> out) {
  ++lse_calls;
  enclosed += out.size();
  gibbs::oracle::softmax_descriptor.enclose_elements(r, x, out);
}
/// The enclosure of some outputs only: one log-sum-exp over the row too.
void counted_selected(const gibbs::oracle::detail::view& r,
                      const gibbs::oracle::detail::prepared& x, std::span<const std::size_t> which,
                      std::span<gibbs::oracle::detail::interval> out) {
  ++lse_calls;
  enclosed += out.size();
  gibbs::oracle::softmax_descriptor.enclose_selected(r, x, which, out);
}
} // namespace

TEST_CASE("131072 logits: every output correctly rounded, one log-sum-exp per precision step",
          "[oracle][softmax]") {
  const std::vector<double> z = random_logits(131072, 8.0, 2026);
  gibbs::oracle::descriptor counted = gibbs::oracle::softmax_descriptor;
  counted.enclose_elements = counted_softmax;
  counted.enclose_selected = counted_selected;
  request r;
  r.what = measure::softmax;
  r.logits = z;
  r.allow_fast_path = false; // the enclosures' path (the double-double pass needs none)
  lse_calls = enclosed = 0;
  const std::vector<result> got =
      gibbs::oracle::detail::evaluate_all_view(gibbs::oracle::detail::view_of(r), counted);
  REQUIRE(got.size() == z.size());
  // O(n): the row is enclosed once per precision step (one log-sum-exp each), not once per output.
  INFO("log-sum-exp evaluations: " << lse_calls << ", outputs enclosed: " << enclosed);
  // Every output enclosed at the first step, then only those still undecided.
  CHECK(lse_calls >= 1);
  CHECK(lse_calls <= 3);
  CHECK(enclosed >= z.size());
  CHECK(enclosed <= z.size() + z.size() / 100);
  const std::vector<double> want = reference(z, false, format::binary64);
  std::size_t wrong = 0;
  for (std::size_t i = 0; i < z.size(); ++i)
    wrong += got[i].value != want[i] || !(got[i].lo <= got[i].value && got[i].value <= got[i].hi);
  CHECK(wrong == 0);
  // The same row through the double-double pass: the same answers, (almost) all decided by it.
  r.allow_fast_path = true;
  lse_calls = enclosed = 0;
  const std::vector<result> fast =
      gibbs::oracle::detail::evaluate_all_view(gibbs::oracle::detail::view_of(r), counted);
  REQUIRE(fast.size() == z.size());
  std::size_t wrong_fast = 0, decided = 0;
  for (std::size_t i = 0; i < z.size(); ++i) {
    wrong_fast +=
        fast[i].value != want[i] || !(fast[i].lo <= fast[i].value && fast[i].value <= fast[i].hi);
    decided += fast[i].fast_path ? 1 : 0;
  }
  INFO("decided by the double-double pass: " << decided << " of " << z.size()
                                             << "; log-sum-exp enclosures: " << lse_calls);
  CHECK(wrong_fast == 0);
  CHECK(decided >= z.size() - z.size() / 1000);
  CHECK(lse_calls <= 3); // the outputs it left: one log-sum-exp enclosure per precision step
  CHECK(enclosed == z.size() - decided); // and those outputs' own enclosures only
}

TEST_CASE("huge logits: +-1e308 mixed, no overflow in the evaluation", "[oracle][softmax]") {
  request r;
  r.what = measure::log_softmax;
  r.logits = {1e308, -1e308, 1e308, 0.0};
  const std::vector<result> ls = evaluate_all(r);
  REQUIRE(ls.size() == 4);
  // The exact values: -log 2 - d (0 < d < exp(-1e308)) for the two maxima; -2e308 - log 2 - d
  // (below -DBL_MAX by more than half an ulp: -inf); -1e308 - log 2 - d (log 2 is far below half
  // an ulp of 1e308: -1e308).
  mpfr_t l2;
  mpfr_init2(l2, 200);
  mpfr_const_log2(l2, MPFR_RNDN);
  const double minus_log2 = -mpfr_get_d(l2, MPFR_RNDN);
  mpfr_clear(l2);
  CHECK(ls[0].value == minus_log2);
  CHECK(ls[2].value == minus_log2);
  CHECK(ls[1].value == -std::numeric_limits<double>::infinity());
  CHECK(ls[3].value == -1e308);
  for (const result& x : ls)
    CHECK((x.lo <= x.value && x.value <= x.hi));

  r.what = measure::softmax;
  const std::vector<result> s = evaluate_all(r);
  REQUIRE(s.size() == 4);
  CHECK(s[0].value == 0.5);
  CHECK(s[2].value == 0.5);
  CHECK_FALSE(s[0].exact); // 1/2 minus a positive amount: not exactly 0.5
  // Its enclosure holds 0.5 and numbers below it (the distance to 0.5 is below exp(-1e308)).
  CHECK(s[0].lo < 0.5);
  CHECK(s[0].hi >= 0.5);
  CHECK(s[1].value == 0.0);
  CHECK(s[3].value == 0.0);
  CHECK(s[1].lo == 0.0);
  CHECK(s[1].hi == std::numeric_limits<double>::denorm_min());
}

TEST_CASE("ties: equal logits give the exact 1/K, or 1/K rounded once", "[oracle][softmax]") {
  request r;
  r.what = measure::softmax;
  r.logits = {3, 3, 3, 3};
  for (const result& x : evaluate_all(r)) {
    CHECK(x.value == 0.25);
    CHECK(x.exact);
  }
  r.logits = {-7, -7, -7};
  for (const result& x : evaluate_all(r)) {
    CHECK(x.value == 1.0 / 3.0); // 1/3 rounded once (the division is correctly rounded)
    CHECK_FALSE(x.exact);
    CHECK(std::nextafter(x.lo, 1.0) == x.hi);
  }
  r.what = measure::log_softmax;
  r.logits = {5};
  const std::vector<result> one = evaluate_all(r);
  REQUIRE(one.size() == 1);
  CHECK(one[0].value == 0.0);
  CHECK(one[0].exact);
  r.logits = {2, 2, 1, 2}; // tied maxima and a smaller logit
  check_against_reference(r);
}

TEST_CASE("softmax and log_softmax: errors name the argument, index, value and row",
          "[oracle][softmax]") {
  request r;
  r.what = measure::softmax;
  r.logits = {1, std::nan(""), 2};
  CHECK_THROWS_WITH(evaluate_all(r), Catch::Contains("logits[1]") && Catch::Contains("NaN"));
  r.logits = {1, 2, -std::numeric_limits<double>::infinity()};
  CHECK_THROWS_WITH(evaluate_all(r), Catch::Contains("logits[2]"));
  r.logits = {};
  CHECK_THROWS_WITH(evaluate_all(r), Catch::Contains("logits") && Catch::Contains("empty"));
  r.logits = {1, 2, 3, 4, 5, std::nan("")};
  r.rows = 2;
  CHECK_THROWS_WITH(evaluate_all(r), Catch::Contains("row 1") && Catch::Contains("logits[2]"));
  r.logits = {1, 2, 3};
  r.rows = 0;
  CHECK_THROWS_WITH(evaluate(r), Catch::Contains("evaluate_all"));
  r.reduce = reduction::sum;
  CHECK_THROWS_WITH(evaluate_all(r), Catch::Contains("takes no reduction"));
  r.reduce = reduction::automatic;
  r.base = 2;
  CHECK_THROWS_WITH(evaluate_all(r), Catch::Contains("no logarithm"));
  r.what = measure::log_softmax;
  CHECK_THROWS_WITH(evaluate_all(r), Catch::Contains("nats"));
  r.base = 0;
  r.fmt = format::binary32;
  r.logits = {0.1, 1};
  CHECK_THROWS_WITH(evaluate_all(r), Catch::Contains("logits[0]") && Catch::Contains("binary32"));
}

TEST_CASE("the convenience entry points and digits", "[oracle][softmax]") {
  const std::vector<double> z{0.0, 0.0};
  const std::vector<result> s = gibbs::oracle::softmax(z);
  REQUIRE(s.size() == 2);
  CHECK(s[0].value == 0.5);
  CHECK(s[0].exact);
  gibbs::oracle::options o;
  o.digits = 25;
  const std::vector<result> ls = gibbs::oracle::log_softmax(z, o);
  REQUIRE(ls.size() == 2);
  // -log 2 to 25 digits: MPFR at 200 bits.
  mpfr_t l2;
  mpfr_init2(l2, 200);
  mpfr_const_log2(l2, MPFR_RNDN);
  mpfr_neg(l2, l2, MPFR_RNDN);
  char buf[64];
  mpfr_sprintf(buf, "%.24Re", l2);
  mpfr_clear(l2);
  CHECK(ls[1].digits == buf);
}

namespace {
/// The gradient outputs of r (rows B >= 0, a class per row in samples or target_index, or a
/// target distribution per row) against the reference, with the divisor D of its reduction.
void check_grad(const request& r, double D) {
  const std::vector<result> got = evaluate_all(r);
  const std::size_t B = r.rows == 0 ? 1 : static_cast<std::size_t>(r.rows);
  const std::size_t K = r.logits.size() / B;
  REQUIRE(got.size() == r.logits.size());
  std::size_t wrong = 0;
  for (std::size_t i = 0; i < B; ++i) {
    const std::span<const double> row(r.logits.data() + i * K, K);
    std::vector<double> t(K, 0.0);
    if (!r.target.empty())
      t.assign(r.target.begin() + static_cast<std::ptrdiff_t>(i * K),
               r.target.begin() + static_cast<std::ptrdiff_t>((i + 1) * K));
    else
      t[static_cast<std::size_t>(r.samples.empty() ? r.target_index : r.samples[i])] = 1;
    const std::vector<double> want = reference(row, false, r.fmt, &t, D);
    for (std::size_t k = 0; k < K; ++k) {
      const result& g = got[i * K + k];
      const bool ok = g.value == want[k] && g.lo <= g.value && g.value <= g.hi;
      if (!ok && wrong++ < 5) {
        INFO(std::hexfloat << "row " << i << ", output " << k << ": got " << g.value << ", want "
                           << want[k]);
        CHECK(ok);
      }
    }
  }
  CHECK(wrong == 0);
}
} // namespace

TEST_CASE("logits_cross_entropy_grad: softmax - target, divided by B for mean",
          "[oracle][softmax][grad]") {
  request r;
  r.what = measure::logits_cross_entropy_grad;
  r.logits = random_logits(33, 3.0, 5);
  r.target_index = 5;
  check_grad(r, 1); // one case: mean over one row divides by 1
  // A probability target.
  r.target_index = -1;
  r.logits = {0.5, -1.0, 2.0, 0.0};
  r.target = {0.5, 0.25, 0.125, 0.125};
  check_grad(r, 1);
  // A batch of 3 rows with a class per row: mean (the default) divides by 3, sum and none not.
  r.target.clear();
  r.rows = 3;
  r.logits = random_logits(3 * 7, 2.0, 9);
  r.samples = {0, 6, 3};
  check_grad(r, 3);
  r.reduce = reduction::sum;
  check_grad(r, 1);
  r.reduce = reduction::none;
  check_grad(r, 1);
  // A batch with target distributions.
  r.reduce = reduction::mean;
  r.samples.clear();
  r.rows = 2;
  r.logits = {1, 2, 3, -3, 0, 3};
  r.target = {0.25, 0.25, 0.5, 1, 0, 0};
  check_grad(r, 2);
}

TEST_CASE("logits_cross_entropy_grad: the target's tiny gradient, exact ties, errors",
          "[oracle][softmax][grad]") {
  request r;
  r.what = measure::logits_cross_entropy_grad;
  // softmax_0 - 1 = -1 / (1 + e^40) ~ -4.25e-18: no cancellation (expm1 of the log-softmax).
  r.logits = {40, 0};
  r.target_index = 0;
  check_grad(r, 1);
  const std::vector<result> g = evaluate_all(r);
  CHECK(g[0].value < -4.2e-18);
  CHECK(g[0].value > -4.3e-18);
  // Equal logits: (1/4 - [i = 2]) exactly.
  r.logits = {1, 1, 1, 1};
  r.target_index = 2;
  const std::vector<result> e = evaluate_all(r);
  REQUIRE(e.size() == 4);
  CHECK(e[0].value == 0.25);
  CHECK(e[2].value == -0.75);
  CHECK(e[2].exact);
  r.target_index = 4;
  CHECK_THROWS_WITH(evaluate_all(r), Catch::Contains("target"));
  r.target_index = 1;
  r.reduce = reduction::batchmean;
  CHECK_THROWS_WITH(evaluate_all(r), Catch::Contains("batchmean"));
  r.reduce = reduction::automatic;
  r.target_index = -1;
  r.target = {0.5, 0.5, 0.5, 0.5};
  CHECK_THROWS_WITH(evaluate_all(r), Catch::Contains("target"));
}

namespace {
/// Logits rounded to the format (the oracle takes only numbers of the format).
std::vector<double> in_format(std::vector<double> z, format f) {
  for (double& v : z)
    v = gibbs::oracle::round_double(v, f);
  return z;
}

/// The answers of r through the double-double pass and with it turned off (Ziv's loop on MPFI
/// enclosures for every output): the same value (and sign of zero) everywhere, and where the pass
/// decided, the same enclosure [lo, hi] as the loop's whenever that one is two adjacent numbers.
/// Returns the fraction of the outputs the pass decided.
double fast_matches_slow(const request& r) {
  const std::vector<result> fast = evaluate_all(r);
  request s = r;
  s.allow_fast_path = false;
  const std::vector<result> slow = evaluate_all(s);
  REQUIRE(fast.size() == slow.size());
  std::size_t wrong = 0, decided = 0;
  for (std::size_t i = 0; i < fast.size(); ++i) {
    const result &a = fast[i], &b = slow[i];
    decided += a.fast_path ? 1 : 0;
    bool ok = !b.fast_path && a.value == b.value && std::signbit(a.value) == std::signbit(b.value)
              && a.lo <= a.value && a.value <= a.hi && a.exact == b.exact;
    if (a.fast_path && gibbs::oracle::next_up(b.lo, r.fmt) == b.hi)
      ok = ok && a.lo == b.lo && a.hi == b.hi;
    if (!ok && wrong++ < 5) {
      INFO(std::hexfloat << "output " << i << ": fast " << a.value << " in [" << a.lo << ", "
                         << a.hi << "] (fast_path " << a.fast_path << "), slow " << b.value
                         << " in [" << b.lo << ", " << b.hi << "]");
      CHECK(ok);
    }
  }
  CHECK(wrong == 0);
  return fast.empty() ? 1.0 : static_cast<double>(decided) / static_cast<double>(fast.size());
}

constexpr format all_formats[] = {format::binary64, format::binary32, format::binary16,
                                  format::bfloat16};
} // namespace

TEST_CASE("the double-double pass: the answers of Ziv's loop, almost all decided by the pass",
          "[oracle][softmax][fast]") {
  unsigned seed = 100;
  for (const format f : all_formats)
    for (const double scale : {1.0, 8.0, 100.0}) {
      for (const measure m : {measure::softmax, measure::log_softmax}) {
        request r;
        r.what = m;
        r.fmt = f;
        r.rows = 2;
        r.logits = in_format(random_logits(2 * 300, scale, ++seed), f);
        const double share = fast_matches_slow(r);
        INFO(gibbs::oracle::traits(f).name << ", scale " << scale << ", measure "
                                           << static_cast<int>(m) << ": " << share);
        CHECK(share >= 0.98);
      }
      // The gradient: a class per row (mean over the 2 rows), and target distributions (sum).
      request g;
      g.what = measure::logits_cross_entropy_grad;
      g.fmt = f;
      g.rows = 2;
      g.logits = in_format(random_logits(2 * 300, scale, ++seed), f);
      g.samples = {7, 0};
      double share = fast_matches_slow(g);
      CHECK(share >= 0.98);
      g.samples.clear();
      g.target.assign(600, 0.0);
      g.target[0] = g.target[3] = 0.5; // row 0
      g.target[300] = 0.25;            // row 1
      g.target[301] = g.target[599] = 0.375;
      g.reduce = reduction::sum;
      share = fast_matches_slow(g);
      INFO(gibbs::oracle::traits(f).name << ", scale " << scale << ": " << share);
      CHECK(share >= 0.98);
    }
}

TEST_CASE("the double-double pass on rows built against it, in every format",
          "[oracle][softmax][fast]") {
  for (const format f : all_formats) {
    INFO(gibbs::oracle::traits(f).name);
    // A huge spread: softmax outputs subnormal in binary64 (exp(-745) ~ 2^-1074.8) or far below
    // every format (exp(-1100)); log_softmax of the maximum ~ -exp(-3), of 0 ~ -3.
    request r;
    r.fmt = f;
    r.logits = in_format({0, -700, -744, -745.25, -746, -800, -1000, -1100, 3, -0.5}, f);
    for (const measure m : {measure::softmax, measure::log_softmax}) {
      r.what = m;
      check_against_reference(r);
      (void)fast_matches_slow(r);
    }
    // log_softmax of the maximum ~ -exp(-745): a subnormal (or 0) that no relative bound of
    // the pass reaches: Ziv's loop decides it.
    r.logits = in_format({0, -745, -800}, f);
    check_against_reference(r);
    (void)fast_matches_slow(r);
    // Logits one ulp apart (of the format): softmax_i = (1/K)(1 + (i - mean) ulp + O(ulp^2)),
    // in binary64 within 2^-100 of a number of the format for the middle ones: the pass leaves
    // those to the loop.
    r.logits.clear();
    double v = 1.0;
    for (int i = 0; i < 256; ++i, v = gibbs::oracle::next_up(v, f))
      r.logits.push_back(v);
    r.what = measure::softmax;
    check_against_reference(r);
    (void)fast_matches_slow(r);
    r.what = measure::log_softmax;
    check_against_reference(r);
    (void)fast_matches_slow(r);
  }
}

TEST_CASE("the double-double pass near rounding boundaries: log_softmax ~ a midpoint, ~ 0",
          "[oracle][softmax][fast]") {
  // z_i - M = -(40 + h), h half an ulp of 40 in the format (M = h, z_i = -40: both numbers of
  // the format), is a midpoint of the format; log_softmax_i lies beyond it by L = log1p(S') ~
  // exp(-40) (about 2^-63 of |v|, far less than an ulp of binary64), so it rounds away from the
  // midpoint, to -(40 + 2h), where rounding z_i - M first would tie to the even -40. The maximum's
  // log_softmax is -L ~ -5.9e-18 (z_i ~ lse).
  const double half_ulp_40[] = {0x1p-48, 0x1p-19, 0x1p-6, 0x1p-3}; // binary64, 32, 16, bfloat16
  for (std::size_t k = 0; k < 4; ++k) {
    const format f = all_formats[k];
    const double h = half_ulp_40[k];
    INFO(gibbs::oracle::traits(f).name);
    request r;
    r.what = measure::log_softmax;
    r.fmt = f;
    r.logits = {h, -40, -41, -44};
    REQUIRE(in_format(r.logits, f) == r.logits);
    check_against_reference(r);
    const std::vector<result> got = evaluate_all(r);
    CHECK(got[1].value == -(40 + 2 * h));
    CHECK(got[1].fast_path);
    CHECK(got[0].fast_path);
    CHECK(std::signbit(got[0].value));
    CHECK(got[0].value > -1e-17); // -L ~ -5.9e-18 (-0 in binary16: below its subnormals)

    CHECK(fast_matches_slow(r) == 1.0);
  }
}

TEST_CASE("the double-double pass near rounding boundaries: softmax and the gradient ~ a number "
          "of the format",
          "[oracle][softmax][fast][grad]") {
  // softmax_i = 1/(4 + e^-40) = 1/4 - e^-40/16 (1 + ...): within 2^-58 |v| below 1/4, a number of
  // every format; the gradient at the class (index 0, the maximum, and index 1, another of the
  // tied maxima) is -(3 + e^-40)/(4 + e^-40) = -3/4 + ..., computed without cancellation either
  // way (-S'/Q and -(Q - e_t)/Q). With the target distribution (1/4, 1/4, 1/4, 1/4, 0) the
  // outputs cancel to -e^-40/16 (1 + ...): the pass declines them (its absolute bound is
  // 2^-74), Ziv's loop decides.
  for (const format f : all_formats) {
    INFO(gibbs::oracle::traits(f).name);
    request r;
    r.fmt = f;
    r.what = measure::softmax;
    r.logits = {0, 0, 0, 0, -40};
    check_against_reference(r);
    const std::vector<result> s = evaluate_all(r);
    CHECK(s[0].value == 0.25);
    CHECK(s[0].hi == 0.25);
    CHECK(s[0].lo < 0.25);
    CHECK(s[0].fast_path);
    CHECK(fast_matches_slow(r) == 1.0);
    r.what = measure::logits_cross_entropy_grad;
    for (const std::int64_t t : {0, 1, 4}) {
      r.target_index = t;
      check_grad(r, 1);
      CHECK(fast_matches_slow(r) == 1.0);
      const std::vector<result> g = evaluate_all(r);
      if (t < 4) CHECK(g[static_cast<std::size_t>(t)].value == -0.75);
    }
    r.target_index = -1;
    r.target = {0.25, 0.25, 0.25, 0.25, 0};
    check_grad(r, 1);
    const double share = fast_matches_slow(r);
    CHECK(share == 0.2); // the four cancelling outputs go to the loop
    r.target.clear();
  }
}

TEST_CASE("the log-sum-exp's terms exp(z_i - M) against MPFR: their bounds hold with room",
          "[oracle][softmax][fast]") {
  // Reference: MPFR's exp at 200 bits of z - M (exact at 200 bits: two doubles within 2^100 of
  // each other). The terms are those kernel::log_sum_exp stores for the row {M, z}, z < M:
  // random z - M in [-700, 0], near the exp kernel's reduction boundaries (multiples of ln2/64),
  // tiny ones, and M with bits below z's (a nonzero low part of z - M).
  std::mt19937_64 g(77);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  mpfr_t a, b;
  mpfr_inits2(200, a, b, static_cast<mpfr_ptr>(nullptr));
  double worst = 0, worst_ord = 0; // all terms; terms of at least 2^-969
  gibbs::oracle::detail::kernel::dd_pair e[2];
  for (int i = 0; i < 300000; ++i) {
    double M = 0, z = 0;
    switch (i % 4) {
    case 0:
      z = -700 * u(g);
      break;
    case 1:
      z = -std::ldexp(1.0, -static_cast<int>(60 * u(g))) * u(g);
      break;
    case 2: // near (k + 1/2) ln2/64 and k ln2/64
      z = -(std::floor(u(g) * 64000) + (i % 8 == 2 ? 0.5 : 0.0)) * 0.010830424696249145
          + (u(g) - 0.5) * 1e-9;
      break;
    default:
      M = u(g) * 40;
      z = M - 600 * u(g);
      break;
    }
    if (!(z < M)) continue;
    const std::vector<double> row{M, z};
    const auto P = gibbs::oracle::detail::kernel::log_sum_exp(row, e);
    if (e[1].hi == 0) continue; // not kept (below 2^-1000)
    REQUIRE(P.im == 0);
    mpfr_set_d(a, z, MPFR_RNDN);
    mpfr_sub_d(a, a, M, MPFR_RNDN); // exact
    mpfr_exp(a, a, MPFR_RNDN);
    mpfr_set_d(b, e[1].hi, MPFR_RNDN);
    mpfr_add_d(b, b, e[1].lo, MPFR_RNDN);
    mpfr_sub(b, b, a, MPFR_RNDN);
    mpfr_div(b, b, a, MPFR_RNDN);
    const double err = std::fabs(mpfr_get_d(b, MPFR_RNDU));
    worst = std::max(worst, err);
    if (e[1].hi >= 0x1p-969) worst_ord = std::max(worst_ord, err);
  }
  mpfr_clears(a, b, static_cast<mpfr_ptr>(nullptr));
  INFO("worst relative error of a term: 2^" << std::log2(worst) << ", of a term >= 2^-969: 2^"
                                            << std::log2(worst_ord));
  // The bounds of kernel::rho_term hold with a factor 4 to spare: RHO_EXP (2^-72) for every
  // term (measured 2^-75.1, near 2^-1000 where the low part is subnormal), RHO_EXP_ORD (2^-79)
  // from 2^-969 on (measured 2^-87.9; kernel::exp_term's proven bound is 2^-85.8).
  CHECK(worst * 4 <= gibbs::oracle::detail::kernel::RHO_EXP);
  CHECK(worst_ord * 4 <= gibbs::oracle::detail::kernel::RHO_EXP_ORD);
  CHECK(worst_ord > 0);
}

#if GIBBS_KERNEL_DISPATCH
TEST_CASE("the log-sum-exp loop computes the same numbers in its FMA and portable builds",
          "[oracle][softmax][fast]") {
  // Both builds run kernel::exp_term without contraction and with explicit FMAs (a library call
  // in the portable one), so every stored term and every sum must agree bit for bit; a compiler
  // that fused a product into an addition in one build would show here. Rows of random logits
  // over many scales (spreads up to 400, subnormal logits, ties with the maximum).
  namespace k = gibbs::oracle::detail::kernel;
  if (!k::have_fma()) {
    WARN("this CPU has no FMA: only the portable build runs, nothing to compare");
    return;
  }
  std::mt19937_64 g(2026);
  std::normal_distribution<double> nd(0, 1);
  std::size_t terms = 0;
  for (int row = 0; row < 200; ++row) {
    const std::size_t n = 1 + g() % 3000;
    const double scale =
        std::ldexp(1.0, static_cast<int>(g() % 20) - 10) * (row % 7 == 0 ? 100 : 1);
    std::vector<double> z(n);
    for (double& x : z)
      x = nd(g) * scale;
    if (row % 5 == 0)
      for (double& x : z)
        x = std::ldexp(x, -1070);
    if (row % 9 == 0) z[n / 2] = z[0];
    std::size_t im = 0;
    for (std::size_t i = 1; i < n; ++i)
      if (z[i] > z[im]) im = i;
    std::vector<k::dd_pair> e1(n), e2(n);
    k::lse_sums a, b;
    k::lse_fma(z, im, e1, a);
    k::lse_portable(z, im, e2, b);
    for (std::size_t i = 0; i < n; ++i, ++terms) {
      INFO("row " << row << " term " << i << " z = " << z[i] << " M = " << z[im]);
      REQUIRE(std::bit_cast<std::uint64_t>(e1[i].hi) == std::bit_cast<std::uint64_t>(e2[i].hi));
      REQUIRE(std::bit_cast<std::uint64_t>(e1[i].lo) == std::bit_cast<std::uint64_t>(e2[i].lo));
    }
    CHECK(a.acc.s == b.acc.s);
    CHECK(a.acc.c == b.acc.c);
    CHECK(a.acc.e == b.acc.e);
    CHECK(a.mag == b.mag);
    CHECK(a.mag_small == b.mag_small);
    CHECK(a.lost == b.lost);
  }
  CHECK(terms > 100000);
}
#endif

TEST_CASE("an output a hair from a representable number gets adjacent bounds",
          "[oracle][softmax]") {
  // softmax(0, d) = (1/(1 + e^d), 1/(1 + e^-d)): for 0 < d the first is below 1/2 and the second
  // above, by 2^-1076 for d = 2^-1074 and 2.5e-301 for d = 1e-300. Both round to 1/2, and the
  // enclosures must be [pred(1/2), 1/2] and [1/2, succ(1/2)] (the loop refines past 1000 bits).
  for (const double d : {1e-300, 0x1p-1074}) {
    gibbs::oracle::request r;
    r.what = gibbs::oracle::measure::softmax;
    r.logits = {0.0, d};
    const auto out = gibbs::oracle::evaluate_all(r);
    REQUIRE(out.size() == 2);
    INFO("d = " << d);
    CHECK(out[0].value == 0.5);
    CHECK(out[0].lo == std::nextafter(0.5, 0.0));
    CHECK(out[0].hi == 0.5);
    CHECK(out[1].value == 0.5);
    CHECK(out[1].lo == 0.5);
    CHECK(out[1].hi == std::nextafter(0.5, 1.0));
  }
}
