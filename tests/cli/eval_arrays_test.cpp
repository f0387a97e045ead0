// tests/cli/eval_arrays_test.cpp: what `gibbs eval` reads beyond p, q, samples, logits and
// target — the named arrays a descriptor declares, 2-D inputs (batches of rows) and "reduction"
// — and the shape of answers with one result per row or per element.
//
// The reader takes its table of measures as data: the descriptors below exist only in this file
// (nothing evaluates them), so the reading of named arrays and elementwise measures is tested
// whatever the oracle's own table holds. Reference values of the evaluated batch: each formula
// evaluated here with MPFR at 320 bits on the same binary inputs (independent of gibbs's code),
// rounded once with mpfr_get_d.
#include "eval_line.hpp"

#include <catch2/catch.hpp>
#include <mpfr.h>
#include <nlohmann/json.hpp>

#include <array>
#include <cstdlib>
#include <string>
#include <vector>

namespace {

using nlohmann::json;
using vec = std::vector<double>;
namespace oracle = gibbs::oracle;
namespace cli = gibbs::cli;

constexpr std::array<oracle::array_input, 2> loss_arrays{{
    {"input", "probabilities x in [0, 1]", true},
    {"pos_weight", "the weight of the positive class", false},
}};
/// An elementwise measure of two named arrays (one optional), like binary_cross_entropy.
constexpr oracle::descriptor test_loss{
    .id = static_cast<oracle::measure>(1000),
    .name = "test_loss",
    .function = "oracle::test_loss",
    .formula = "a test loss",
    .inputs = oracle::input_target,
    .roles = {"", "", "", "", "y in [0, 1]"},
    .parameters = {},
    .variants = oracle::exact_only,
    .base = oracle::base_rule::logarithm,
    .conformance_default = false,
    .laws_text = "",
    .prepare = nullptr,
    .exact = nullptr,
    .fast = nullptr,
    .settle = nullptr,
    .enclose = nullptr,
    .exact_first = false,
    .laws = nullptr,
    .arrays = loss_arrays,
    .elementwise = true,
};
constexpr std::array<oracle::array_input, 2> gauss_arrays{{
    {"mu_p", "the means of p", true},
    {"sigma_p", "the standard deviations of p", true},
}};
/// A row measure of named arrays only, like gaussian_kl.
constexpr oracle::descriptor test_gauss{
    .id = static_cast<oracle::measure>(1001),
    .name = "test_gauss",
    .function = "oracle::test_gauss",
    .formula = "a test divergence",
    .inputs = 0,
    .roles = {},
    .parameters = {},
    .variants = oracle::exact_only,
    .base = oracle::base_rule::logarithm,
    .conformance_default = false,
    .laws_text = "",
    .prepare = nullptr,
    .exact = nullptr,
    .fast = nullptr,
    .settle = nullptr,
    .enclose = nullptr,
    .exact_first = false,
    .laws = nullptr,
    .arrays = gauss_arrays,
    .elementwise = false,
};
const std::array<const oracle::descriptor*, 3> test_table{
    &test_loss, &test_gauss, oracle::find_descriptor(oracle::measure::kl)};

/// The request of a line read with the test table by both readers (the SAX reader, and the fast
/// reader when it takes the line), which must agree; fails the test on an error.
oracle::request read(const std::string& line) {
  INFO(line);
  cli::line_request fast, sax;
  const std::string e1 = cli::parse_request(line, fast, false, test_table);
  const std::string e2 = cli::parse_request(line, sax, true, test_table);
  INFO(e1 + " / " + e2);
  REQUIRE(e1.empty());
  REQUIRE(e2.empty());
  CHECK(fast.req.p == sax.req.p);
  CHECK(fast.req.q == sax.req.q);
  CHECK(fast.req.arrays == sax.req.arrays);
  CHECK(fast.req.rows == sax.req.rows);
  CHECK(fast.req.reduce == sax.req.reduce);
  return sax.req;
}

/// The error of a line read with the test table (the same from both readers).
std::string error_of(const std::string& line) {
  INFO(line);
  cli::line_request a, b;
  const std::string e1 = cli::parse_request(line, a, false, test_table);
  const std::string e2 = cli::parse_request(line, b, true, test_table);
  CHECK(e1 == e2);
  return e2;
}

/// KL(p||q) with MPFR at 320 bits, rounded once to binary64 (0 log 0 = 0).
double ref_kl(const vec& p, const vec& q) {
  mpfr_t s, t;
  mpfr_init2(s, 320);
  mpfr_init2(t, 320);
  mpfr_set_zero(s, 1);
  for (std::size_t i = 0; i < p.size(); ++i) {
    if (p[i] == 0) continue;
    mpfr_set_d(t, p[i], MPFR_RNDN);
    mpfr_div_d(t, t, q[i], MPFR_RNDN);
    mpfr_log(t, t, MPFR_RNDN);
    mpfr_mul_d(t, t, p[i], MPFR_RNDN);
    mpfr_add(s, s, t, MPFR_RNDN);
  }
  const double d = mpfr_get_d(s, MPFR_RNDN);
  mpfr_clear(s);
  mpfr_clear(t);
  return d;
}

} // namespace

TEST_CASE("named arrays are JSON keys, rounded once to the request's type") {
  oracle::request r =
      read(R"({"measure": "test_loss", "input": [0.25, "0x1p-3", 1], "target": [1, 0, 0]})");
  CHECK(r.arrays.size() == 1);
  CHECK(r.arrays.at("input") == vec{0.25, 0.125, 1});
  CHECK(r.target == vec{1, 0, 0});
  CHECK(r.rows == 0);
  CHECK(r.reduce == oracle::reduction::automatic);

  r = read(
      R"({"measure": "test_loss", "type": "binary32", "input": [0.1], "pos_weight": ["0.3"], "target": [1]})");
  CHECK(r.arrays.at("input") == vec{static_cast<double>(0.1f)});
  CHECK(r.arrays.at("pos_weight") == vec{static_cast<double>(0.3f)});
  CHECK(r.fmt == oracle::format::binary32);
}

TEST_CASE("named arrays: missing, stray, unknown, repeated, not numbers") {
  CHECK(error_of(R"({"measure": "test_loss", "target": [1]})")
        == "measure test_loss needs key \"input\" (probabilities x in [0, 1])");
  CHECK(error_of(R"({"measure": "test_loss", "input": [0.5], "target": [1], "mu_p": [0]})")
        == "key \"mu_p\" is not used by measure test_loss (it takes target; its arrays: input, "
           "pos_weight)");
  CHECK(error_of(R"({"measure": "kl", "p": [1], "q": [1], "input": [0.5]})")
        == "key \"input\" is not used by measure kl (it takes p and q)");
  CHECK(error_of(R"({"measure": "test_gauss", "mu_p": [0]})")
        == "measure test_gauss needs key \"sigma_p\" (the standard deviations of p)");
  CHECK(error_of(R"({"measure": "test_gauss", "mu_p": [0], "sigma_p": [1], "p": [1]})")
        == "key \"p\" is not used by measure test_gauss (its arrays: mu_p, sigma_p)");
  const std::string unknown = error_of(R"({"measure": "test_loss", "inptu": [0.5]})");
  CHECK(unknown.rfind("unknown key \"inptu\" (the keys are measure, p, q,", 0) == 0);
  CHECK(unknown.find(", reduction, input, pos_weight, mu_p, sigma_p)") != std::string::npos);
  CHECK(error_of(R"({"measure": "test_loss", "input": [0.5], "input": [0.5]})")
        == "key \"input\" appears twice");
  CHECK(error_of(R"({"measure": "test_loss", "input": 0.5, "target": [1]})")
        == "the value of \"input\" is a number; it must be an array of numbers");
  CHECK(error_of(R"({"measure": "test_loss", "input": [0.5, true], "target": [1, 1]})")
        == "input[1] is true, not a number");
  CHECK(error_of(R"({"measure": "test_loss", "input": [0.5, "1e999"], "target": [1, 1]})")
            .rfind("input[1] = \"1e999\" ", 0)
        == 0);
}

TEST_CASE("2-D inputs are a batch: rows, row-major storage, 1-D inputs repeated per row") {
  oracle::request r =
      read(R"({"measure": "test_gauss", "mu_p": [[0, 1], [2, 3], [4, 5]], "sigma_p": [1, 2]})");
  CHECK(r.rows == 3);
  CHECK(r.arrays.at("mu_p") == vec{0, 1, 2, 3, 4, 5});
  CHECK(r.arrays.at("sigma_p") == vec{1, 2, 1, 2, 1, 2});
  r = read(R"({"measure": "kl", "p": [[0.5, 0.5]], "q": [[0.25, 0.75]]})");
  CHECK(r.rows == 1);
  CHECK(r.p == vec{0.5, 0.5});
  CHECK(r.q == vec{0.25, 0.75});
  // A type applies to every row.
  r = read(
      R"({"measure": "kl", "type": "binary32", "p": [[0.5, 0.5], ["0.1", 0.9]], "q": [0.5, 0.5]})");
  CHECK(r.p == vec{0.5, 0.5, static_cast<double>(0.1f), static_cast<double>(0.9f)});
  CHECK(r.q == vec{0.5, 0.5, 0.5, 0.5});
}

TEST_CASE("2-D inputs: every row as long as the first, every input with as many rows") {
  CHECK(error_of(R"({"measure": "test_gauss", "mu_p": [[0, 1], [2, 3], [4]], "sigma_p": [1, 2]})")
        == "mu_p[2] has 1 entries but mu_p[0] has 2; every row of a 2-D input has the same "
           "length");
  CHECK(error_of(R"({"measure": "test_gauss", "mu_p": [[0], [1]], "sigma_p": [[1], [2], [3]]})")
        == "sigma_p has 3 rows but mu_p has 2; every 2-D input of a batch has the same number of "
           "rows");
  CHECK(error_of(R"({"measure": "kl", "p": [[0.5, 0.5], 1], "q": [0.5, 0.5]})")
        == "p[1] is a number, but p[0] is an array; a 2-D input is an array of rows, each an "
           "array of numbers");
  CHECK(error_of(R"({"measure": "kl", "p": [1, [0.5]], "q": [0.5, 0.5]})")
        == "p[1] is an array, but p[0] is a number; a 2-D input is an array of rows, each an "
           "array of numbers");
  CHECK(error_of(R"({"measure": "kl", "p": [[[1]]], "q": [1]})")
        == "p[0][0] is an array; an input has at most two dimensions (an array of rows)");
  CHECK(error_of(R"({"measure": "kl", "p": [[0.5, -0]], "q": [[1, "x"]]})")
            .rfind("q[0][1] = \"x\" ", 0)
        == 0);
  CHECK(
      error_of(R"({"measure": "kl", "p": [[0.5, {}]], "q": [1]})").rfind("p[0][1] is an object", 0)
      == 0);
}

TEST_CASE("reduction: none, sum, mean, batchmean, else an error") {
  const std::string pq = R"("p": [[0.5, 0.5], [1, 0]], "q": [[0.25, 0.75], [0.5, 0.5]])";
  const std::pair<const char*, oracle::reduction> cases[] = {
      {"none", oracle::reduction::none},
      {"sum", oracle::reduction::sum},
      {"mean", oracle::reduction::mean},
      {"batchmean", oracle::reduction::batchmean}};
  for (const auto& [text, value] : cases) {
    const oracle::request r =
        read(R"({"measure": "kl", "reduction": ")" + std::string(text) + "\", " + pq + "}");
    CHECK(r.reduce == value);
    CHECK(r.rows == 2);
    CHECK(r.p == vec{0.5, 0.5, 1, 0});
  }
  // The fast reader takes a plain line with a reduction (and agrees with the SAX reader).
  const oracle::request flat =
      read(R"({"measure": "kl", "reduction": "sum", "p": [0.5, 0.5], "q": [0.25, 0.75]})");
  CHECK(flat.reduce == oracle::reduction::sum);
  CHECK(flat.rows == 0);
  CHECK(error_of(R"({"measure": "kl", "reduction": "max", )" + pq + "}")
        == "reduction = \"max\" is unknown; use \"none\", \"sum\", \"mean\" or \"batchmean\"");
  CHECK(error_of(R"({"measure": "kl", "reduction": 1, )" + pq + "}")
        == "the value of \"reduction\" is a number; it must be \"none\", \"sum\", \"mean\" or "
           "\"batchmean\"");
}

TEST_CASE("every measure of the oracle's table reads 2-D inputs, its named arrays included") {
  for (const oracle::descriptor* d : oracle::measures()) {
    std::string line = R"({"measure": ")" + std::string(d->name) + '"';
    for (std::size_t i = 0; i < oracle::input_names.size(); ++i) {
      if (!d->takes(1u << i)) continue;
      const std::string n(oracle::input_names[i]);
      line += ", \"" + n + "\": "
              + (n == "samples"  ? "[[0], [1]]"
                 : n == "target" ? "0"
                                 : "[[0.5, 0.5], [0.25, 0.75]]");
    }
    for (const oracle::parameter& p : d->parameters)
      line += ", \"" + std::string(p.name) + "\": " + cli::shortest(p.demo[0]);
    for (const oracle::array_input& a : d->arrays)
      line += ", \"" + std::string(a.name) + "\": [[0.5, 0.5], [0.25, 0.75]]";
    line += '}';
    cli::line_request l;
    INFO(line);
    REQUIRE(cli::parse_request(line, l).empty());
    CHECK(l.req.rows == 2);
    for (const oracle::array_input& a : d->arrays)
      CHECK(l.req.arrays.at(std::string(a.name)) == vec{0.5, 0.5, 0.25, 0.75});
    if (d->takes(oracle::input_p)) CHECK(l.req.p == vec{0.5, 0.5, 0.25, 0.75});
    if (d->takes(oracle::input_samples)) CHECK(l.req.samples == std::vector<std::int64_t>{0, 1});
  }
}

TEST_CASE("a batch with reduction none answers one result per row, against MPFR") {
  const std::string line = R"({"id": 5, "measure": "kl", "p": [[0.5, 0.25, 0.25], [0.5, 0.5, 0]], )"
                           R"("q": [[0.7, 0.2, 0.1], [0.25, 0.25, 0.5]]})";
  for (const std::string& l :
       {line, line.substr(0, line.size() - 1) + R"(, "reduction": "none"})"}) {
    bool failed = true;
    const std::string out = cli::eval_line(l, 1, &failed);
    INFO(out);
    CHECK_FALSE(failed);
    const json j = json::parse(out);
    CHECK(j["id"] == 5);
    REQUIRE(j["value"].is_array());
    REQUIRE(j["value"].size() == 2);
    const double want[] = {ref_kl({0.5, 0.25, 0.25}, {0.7, 0.2, 0.1}),
                           ref_kl({0.5, 0.5, 0}, {0.25, 0.25, 0.5})};
    for (std::size_t r = 0; r < 2; ++r) {
      CHECK(j["value"][r].get<double>() == want[r]);
      CHECK(std::strtod(j["hex"][r].get<std::string>().c_str(), nullptr) == want[r]);
      const double lo = std::strtod(j["lo"][r].get<std::string>().c_str(), nullptr);
      const double hi = std::strtod(j["hi"][r].get<std::string>().c_str(), nullptr);
      CHECK(lo <= want[r]);
      CHECK(want[r] <= hi);
      CHECK(j["exact"][r] == false);
    }
  }
  // An invalid row is named by the oracle's message, for the whole line.
  bool failed = false;
  const std::string bad = cli::eval_line(
      R"({"measure": "kl", "p": [[0.5, 0.5], [0.5, -0.5]], "q": [0.5, 0.5]})", 3, &failed);
  CHECK(failed);
  CHECK(bad.find("\"error\":\"line 3: ") != std::string::npos);
  CHECK(bad.find("p[1] = -0.5 is negative") != std::string::npos);
}

TEST_CASE("answers of many results: arrays of the input's shape") {
  cli::answer a;
  a.many = true;
  oracle::result r0, r1, r2, r3;
  r0.value = r0.lo = r0.hi = 0.5;
  r0.exact = true;
  r1.value = 0.1;
  r1.lo = 0.1;
  r1.hi = 0x1.999999999999bp-4;
  r2.value = r2.lo = r2.hi = HUGE_VAL;
  r2.exact = true;
  r3.value = r3.lo = r3.hi = 0;
  r3.exact = true;
  a.each = {r0, r1, r2, r3};
  a.rows = 2;
  a.cols = 2;
  const json j = json::parse(cli::answer_json(a, oracle::format::binary64, false, "\"x\""));
  CHECK(j.dump()
        == R"({"exact":[[true,false],[true,true]],"hex":[["0x1p-1","0x1.999999999999ap-4"],)"
           R"(["inf","0x0p+0"]],"hi":[["0x1p-1","0x1.999999999999bp-4"],["inf","0x0p+0"]],)"
           R"("id":"x","lo":[["0x1p-1","0x1.999999999999ap-4"],["inf","0x0p+0"]],)"
           R"("value":[[0.5,0.1],["inf",0]]})");
  a.rows = 0;
  a.cols = 4;
  const json flat = json::parse(cli::answer_json(a, oracle::format::binary64, false));
  CHECK(flat["value"].dump() == R"([0.5,0.1,"inf",0])");
  CHECK(flat.size() == 5);
}
