// tests/conformance/runner.cpp: the conformance runner survives implementations that crash, hang,
// flood or print garbage, and its grading tells a correct implementation (gibbs itself) from a
// naive one. The fake implementations are shell scripts in fakes/ (test doubles); the reference
// values are the oracle's (gibbs/oracle.hpp).
#include "gibbs/conformance.hpp"
#include "gibbs/gibbs.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <csignal>
#include <limits>
#include <span>
#include <string>
#include <vector>

#ifndef GIBBS_CONFORMANCE_FAKES
#error "GIBBS_CONFORMANCE_FAKES must name the directory of the fake implementations"
#endif

namespace conf = gibbs::conformance;
using gibbs::oracle::measure;

namespace {

std::string fake(const char* name) {
  return std::string("exec /bin/sh ") + GIBBS_CONFORMANCE_FAKES + "/" + name;
}

conf::options small(double timeout = 20) {
  conf::options o;
  o.families = {"worked_example", "invalid"};
  o.timeout_seconds = timeout;
  return o;
}

// The textbook formulas, as people write them.
double naive_kl(std::span<const double> p, std::span<const double> q) {
  if (p.size() != q.size()) throw std::invalid_argument("length");
  double s = 0;
  for (std::size_t i = 0; i < p.size(); ++i)
    if (p[i] > 0) s += p[i] * std::log(p[i] / q[i]);
  return s;
}

} // namespace

TEST_CASE("answers are read leniently but never mistaken", "[conformance][answer]") {
  std::int64_t id = -2;
  auto a = conf::parse_answer(R"({"id": 4, "value": 0.25})", &id);
  CHECK(a.what == conf::answer::kind::value);
  CHECK(a.value == 0.25);
  CHECK(id == 4);
  CHECK(conf::parse_answer(R"({"value":"0x1.8p-3"})").value == 0.1875);
  CHECK(std::isinf(conf::parse_answer(R"({"value":"inf"})").value));
  CHECK(std::isnan(conf::parse_answer(R"({"value":NaN})").value));
  CHECK(conf::parse_answer(R"({"id":1,"error":"p[0] is negative"})").what
        == conf::answer::kind::rejected);
  CHECK(conf::parse_answer(R"({"unsupported":"js"})").what == conf::answer::kind::unsupported);
  for (const char* bad : {"", "0.5", "{", R"({"value": "half"})", R"({"value": 1} trailing)",
                          R"({"result": 1})", R"(["value", 1])"})
    CHECK(conf::parse_answer(bad).what == conf::answer::kind::garbage);
}

TEST_CASE("array answers are read row-major and graded element by element",
          "[conformance][answer][array]") {
  const double inf = std::numeric_limits<double>::infinity();
  auto a = conf::parse_answer(R"({"id":2,"value":[[0.25,"0x1p-2"],[0.5, "inf"]]})");
  REQUIRE(a.what == conf::answer::kind::value);
  CHECK(a.array);
  CHECK(a.values == std::vector<double>{0.25, 0.25, 0.5, inf});
  CHECK(conf::parse_answer(R"({"value":[]})").values.empty());
  CHECK(conf::parse_answer(R"({"value":[1,]})").what == conf::answer::kind::garbage);
  CHECK(conf::parse_answer(R"({"value":[1,"x"]})").what == conf::answer::kind::garbage);
  CHECK(conf::parse_answer(R"({"value":[1 2]})").what == conf::answer::kind::garbage);
  CHECK(conf::parse_answer(R"({"value":[[1],2]]})").what == conf::answer::kind::garbage);
  CHECK_FALSE(conf::parse_answer(R"({"value":0.5})").array);

  // softmax(0, 0, 0, 0) = (1/4, 1/4, 1/4, 1/4) exactly
  conf::test_case c;
  c.family = "user";
  c.what = measure::softmax;
  c.logits = {0, 0, 0, 0};
  REQUIRE(conf::answers_array(c));
  const auto grade_one = [](const conf::test_case& t, const char* line) {
    return conf::grade({t}, conf::references({t}), {conf::parse_answer(line)});
  };
  const auto ok = grade_one(c, R"({"value":[0.25,0.25,0.25,0.25]})");
  CHECK(ok.passed());
  CHECK(ok.grades[0].elements == 4);
  CHECK(ok.grades[0].ulps == 0);
  const auto one_ulp = grade_one(c, R"({"value":[0.25,0.25,"0x1.0000000000001p-2",0.25]})");
  CHECK(one_ulp.passed()); // within the default 8 ulps
  CHECK(one_ulp.grades[0].ulps == 1);
  CHECK(one_ulp.grades[0].worst_element == 2);
  CHECK(one_ulp.grades[0].a.value == 0x1.0000000000001p-2);
  CHECK(one_ulp.grades[0].ref.result.value == 0.25);
  const auto nan = grade_one(c, R"({"value":[0.25,"nan",0.25,0.25]})");
  CHECK_FALSE(nan.passed());
  CHECK(nan.grades[0].laws == std::vector<std::string>{"finite"});
  CHECK(nan.grades[0].worst_element == 1);
  const auto infinite = grade_one(c, R"({"value":[0.25,0.25,0.25,"inf"]})");
  CHECK_FALSE(infinite.passed());
  CHECK(infinite.grades[0].worst_element == 3);
  const auto short_answer = grade_one(c, R"({"value":[0.25,0.25,0.25]})");
  CHECK_FALSE(short_answer.passed());
  CHECK(short_answer.grades[0].shape_error == "answered 3 value(s) for 4 element(s)");
  CHECK(
      std::find(short_answer.failures.begin(), short_answer.failures.end(),
                "1 array answer(s) of the wrong length (#0: answered 3 value(s) for 4 element(s))")
      != short_answer.failures.end());
  const auto number = grade_one(c, R"({"value":0.25})");
  CHECK_FALSE(number.passed());
  CHECK(number.grades[0].shape_error == "answered one number for 4 element(s)");

  // a one-number case answered with an array
  conf::test_case h;
  h.what = measure::entropy;
  h.p = {0.5, 0.5};
  REQUIRE_FALSE(conf::answers_array(h));
  const auto array_for_number = grade_one(h, R"({"value":[0.5]})");
  CHECK_FALSE(array_for_number.passed());
  CHECK(array_for_number.grades[0].laws == std::vector<std::string>{"length"});

  // kl, a batch with reduction none: one value per row, KL((1,0)||(1/2,1/2)) = ln 2 and 0;
  // 0x1.62e42fefa39efp-1 is the binary64 number nearest to ln 2 (ln 2 = 0.693147180559945309...)
  conf::test_case k;
  k.what = measure::kl;
  k.rows = 2;
  k.reduce = gibbs::oracle::reduction::none;
  k.p = {1, 0, 0.5, 0.5};
  k.q = {0.5, 0.5, 0.5, 0.5};
  REQUIRE(conf::answers_array(k));
  CHECK(conf::to_json(k).find(R"("reduction":"none")") != std::string::npos);
  const auto rows = grade_one(k, R"({"value":["0x1.62e42fefa39efp-1",0]})");
  CHECK(rows.passed());
  CHECK(rows.grades[0].ulps == 0);
  const auto swapped = grade_one(k, R"({"value":[0,"0x1.62e42fefa39efp-1"]})");
  CHECK_FALSE(swapped.passed());
  CHECK(swapped.grades[0].worst_element == 0);

  // a class per row of a batch is sent as a 1-D list of integers
  conf::test_case g;
  g.what = measure::logits_cross_entropy_grad;
  g.rows = 2;
  g.logits = {1, 2, 3, 0, 0, 1};
  g.samples = {2, 0};
  CHECK(conf::to_json(g).find(R"("target":[2,0])") != std::string::npos);
  CHECK(conf::answers_array(g));
}

TEST_CASE("cases are deterministic and carry the oracle's verdict", "[conformance][cases]") {
  conf::generate_options g;
  g.seed = 42;
  g.families = {"near_equal", "invalid"};
  const auto a = conf::generate(g), b = conf::generate(g);
  REQUIRE(a.size() == b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    CHECK(conf::to_json(a[i]) == conf::to_json(b[i]));
  }
  g.seed = 43;
  CHECK(conf::to_json(conf::generate(g)[0]) != conf::to_json(a[0]));
  for (const auto& c : a)
    if (c.expect_invalid) CHECK_FALSE(conf::reference_for(c).valid);
  // near-equal pairs are exactly normalised: the Gibbs law applies to them
  CHECK(conf::detail::exactly_one(a[0].p));
  conf::generate_options unknown;
  unknown.families = {"no_such_family"};
  CHECK_THROWS_AS(conf::generate(unknown), std::invalid_argument);
}

TEST_CASE("a batch case is sent as 2-D arrays with its reduction and asked of the oracle as one",
          "[conformance][cases]") {
  conf::test_case c;
  c.what = measure::kl;
  c.p = {0.5, 0.5, 0.5, 0.5};
  c.q = {0.75, 0.25, 0.75, 0.25};
  c.rows = 2;
  c.reduce = gibbs::oracle::reduction::batchmean;
  CHECK(conf::to_json(c, {.with_id = false})
        == R"({"measure":"kl","type":"binary64","p":[[0.5,0.5],[0.5,0.5]],)"
           R"("q":[[0.75,0.25],[0.75,0.25]],"reduction":"batchmean"})");
  conf::test_case one = c;
  one.rows = 0;
  one.reduce = gibbs::oracle::reduction::automatic;
  one.p.resize(2);
  one.q.resize(2);
  const auto row = conf::reference_for(one), mean = conf::reference_for(c);
  REQUIRE(row.valid);
  REQUIRE(mean.valid);
  // two equal rows: their batchmean is the row's value, their sum twice it (both exact scalings)
  CHECK(mean.result.value == row.result.value);
  c.reduce = gibbs::oracle::reduction::sum;
  CHECK(conf::reference_for(c).result.value == 2 * row.result.value);
  // an elementwise measure's named arrays in rows, with the reduction asked
  conf::test_case b;
  b.what = measure::binary_cross_entropy;
  b.arrays["input"] = {0.25, 0.5};
  b.target = {1.0, 0.0};
  b.rows = 2;
  b.reduce = gibbs::oracle::reduction::mean;
  CHECK(conf::to_json(b, {.with_id = false})
        == R"({"measure":"binary_cross_entropy","type":"binary64","input":[[0.25],[0.5]],)"
           R"("reduction":"mean","target":[[1],[0]]})");
  // mean of -log(1/4) and -log(1/2) = (3/2) ln 2 = 1.5 x 0.693147180559945309417232121458
  // (ln 2 to 30 digits), whose nearest double the compiler gives
  CHECK(conf::reference_for(b).result.value == 1.039720770839917964125848182187);
}

namespace {

template <class T>
double gibbs_answer(const conf::test_case& c) {
  const std::vector<T> p(c.p.begin(), c.p.end()), q(c.q.begin(), c.q.end());
  double v = 0;
  switch (c.what) {
  case measure::entropy:
    v = static_cast<double>(gibbs::entropy(p));
    break;
  case measure::cross_entropy:
    v = static_cast<double>(gibbs::cross_entropy(p, q));
    break;
  case measure::kl:
    v = static_cast<double>(gibbs::kl_divergence(p, q));
    break;
  case measure::js:
    v = static_cast<double>(gibbs::jensen_shannon(p, q));
    break;
  default:
    throw std::invalid_argument("unsupported");
  }
  return c.base == 0 ? v : v / std::log(c.base);
}

double gibbs_answer(const conf::test_case& c) {
  switch (c.fmt) {
  case gibbs::oracle::format::binary32:
    return gibbs_answer<float>(c);
  case gibbs::oracle::format::binary16:
    return gibbs_answer<gibbs::binary16>(c);
  case gibbs::oracle::format::bfloat16:
    return gibbs_answer<gibbs::bfloat16>(c);
  case gibbs::oracle::format::binary64:
    break;
  }
  return gibbs_answer<double>(c);
}

} // namespace

TEST_CASE("gibbs itself passes, through the C++ API", "[conformance][check]") {
  conf::options o;
  o.families = {"worked_example", "near_equal", "zeros",    "tiny",
                "skewed",         "one_hot",    "binary32", "invalid"};
  const auto rep = conf::check([](const conf::test_case& c) { return gibbs_answer(c); }, o);
  INFO(conf::format_table(rep));
  for (const auto& g : rep.grades) {
    INFO(g.c->family << " " << conf::measure_name(g.c->what) << " " << g.c->note);
    if (g.graded) {
      CHECK(g.ulps <= o.max_ulps);
      CHECK(g.laws.empty());
    }
    CHECK_FALSE(g.wrong_on_invalid);
    CHECK_FALSE(g.rejected_valid);
  }
}

TEST_CASE("gibbs's generic measures in binary16 and bfloat16 pass, graded in ulps of the format",
          "[conformance][check][formats]") {
  conf::options o;
  o.families = {"binary16", "bfloat16"};
  const auto rep = conf::check([](const conf::test_case& c) { return gibbs_answer(c); }, o);
  INFO(conf::format_table(rep));
  std::size_t graded = 0;
  std::int64_t worst = 0;
  for (const auto& g : rep.grades) {
    INFO(g.c->family << " " << conf::measure_name(g.c->what) << " " << g.c->note << ": " << g.ulps
                     << " ulps");
    if (g.graded) {
      ++graded;
      worst = std::max(worst, g.ulps);
      // Below the format's least normal number (binary16: 2^-14; a near-equal KL of n = 300 is
      // about 1e-6) each of the n terms underflows to the subnormal grid with an absolute error of
      // up to half its spacing: n/2 ulps more are allowed there.
      const gibbs::oracle::format_traits t = gibbs::oracle::traits(g.c->fmt);
      const bool subnormal = std::fabs(g.ref.result.value) < std::ldexp(1.0, t.emin);
      const auto allowed =
          o.max_ulps + (subnormal ? static_cast<std::int64_t>(g.c->p.size() / 2) : 0);
      CHECK(g.ulps <= allowed);
      CHECK(g.laws.empty());
    }
    CHECK_FALSE(g.rejected_valid);
  }
  CHECK(graded > 0);
  WARN(graded << " binary16/bfloat16 cases graded; worst " << worst << " ulps of the format");
}

TEST_CASE("regression: gibbs::kl_divergence when sum(p) - sum(q) dwarfs the exact value",
          "[conformance][check]") {
  // Found by the conformance run (tiny family): p = (1e-200, 1), q = (1e-100, 1). The exact KL
  // is 1e-200 log(1e-100) = -2.3e-198 (the sums differ by 1e-100, within the tolerance); the
  // Bregman form Σq·φ(u) + Σ(p - q) once cancelled to 0.
  const std::vector<double> p{1e-200, 1.0}, q{1e-100, 1.0};
  const auto ref = gibbs::oracle::kl_divergence(p, q);
  CHECK(gibbs::oracle::ulp_distance(gibbs::kl_divergence(p, q), ref.value) == 0);
}

TEST_CASE("gibbs's kl_divergence passes; the textbook formula fails on near-equal pairs",
          "[conformance][check]") {
  conf::options o;
  o.families = {"worked_example", "near_equal", "zeros", "tiny", "one_hot", "invalid"};
  o.measures = {measure::kl};
  const auto good =
      conf::check([](std::span<const double> p,
                     std::span<const double> q) { return gibbs::kl_divergence(p, q); },
                  o);
  INFO(conf::format_table(good));
  CHECK(good.passed());

  const auto bad = conf::check(naive_kl, o);
  INFO(conf::format_table(bad));
  CHECK_FALSE(bad.passed());
  bool near_equal_fails = false;
  for (const auto& row : bad.rows)
    if (row.family == "near_equal")
      near_equal_fails = row.max_ulps > 1000 && row.law_violations > 0;
  CHECK(near_equal_fails);
  CHECK(bad.total.wrong_on_invalid > 0); // it does not validate
}

TEST_CASE("a crashing implementation is reported, with the answers it gave",
          "[conformance][process]") {
  const auto rep = conf::run_command(fake("crash.sh"), small());
  CHECK_FALSE(rep.passed());
  CHECK(rep.run.signal == SIGSEGV);
  CHECK(rep.run.lines == 1);
  CHECK(rep.grades[0].a.what == conf::answer::kind::value);
  CHECK(rep.total.missing == rep.cases.size() - 1);
}

TEST_CASE("a hanging implementation is killed at the timeout", "[conformance][process]") {
  const auto t0 = std::chrono::steady_clock::now();
  const auto rep = conf::run_command(fake("hang.sh"), small(2));
  const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  CHECK(s < 30); // 2 s of timeout plus the oracle's references
  CHECK(rep.run.timed_out);
  CHECK(rep.run.signal == SIGKILL);
  CHECK_FALSE(rep.passed());
  CHECK(rep.total.missing == rep.cases.size());
}

TEST_CASE("an implementation that never reads is killed at the timeout, the pipe full",
          "[conformance][process]") {
  conf::options o = small(2);
  o.families = {"near_equal", "uniform"}; // megabytes of input: more than a pipe holds
  const auto rep = conf::run_command(fake("never_reads.sh"), o);
  CHECK(rep.run.timed_out);
  CHECK(rep.total.missing == rep.cases.size());
}

TEST_CASE("garbage, too few lines and a closed input are reported", "[conformance][process]") {
  const auto g = conf::run_command(fake("garbage.sh"), small());
  CHECK_FALSE(g.passed());
  CHECK(g.run.garbage_lines == g.cases.size() + 1);
  CHECK(g.run.exited);
  CHECK(g.run.exit_code == 0);

  const auto f = conf::run_command(fake("too_few.sh"), small());
  CHECK_FALSE(f.passed());
  CHECK(f.run.exit_code == 3);
  CHECK(f.run.lines == 2);
  CHECK(f.grades[0].a.value == 0.5); // matched by id, not by position
  CHECK(f.grades[1].a.what == conf::answer::kind::rejected);
  CHECK(f.total.missing == f.cases.size() - 2);

  const auto c = conf::run_command(fake("closes_stdin.sh"), small());
  CHECK_FALSE(c.passed());
  CHECK(c.total.missing == c.cases.size());

  const auto n = conf::run_command("/nonexistent/program", small());
  CHECK_FALSE(n.passed());
  CHECK(n.run.exit_code == 127); // the shell's "not found"
}

TEST_CASE("a flooding implementation is killed", "[conformance][process]") {
  conf::process_options po;
  po.max_output_bytes = 1 << 20;
  po.timeout_seconds = 20;
  const auto r = conf::run_process(fake("flood.sh"), {"{}"}, po);
  CHECK(r.flooded);
  CHECK(r.signal == SIGKILL);
}

TEST_CASE("the report is JSON with the summary and the failing cases", "[conformance][report]") {
  conf::options o;
  o.families = {"near_equal"};
  o.measures = {measure::kl};
  const auto rep = conf::check(naive_kl, o);
  const std::string j = conf::to_json(rep);
  CHECK(j.find("\"passed\": false") != std::string::npos);
  CHECK(j.find("\"family\": \"near_equal\"") != std::string::npos);
  CHECK(j.find("\"laws\": [\"gibbs\"") != std::string::npos);
  const std::string t = conf::format_table(rep);
  CHECK(t.find("FAIL") != std::string::npos);
}
