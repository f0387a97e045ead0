// tests/cli/eval_line_test.cpp: one line of `gibbs eval`, valid and invalid.
//
// Reference values: tests/support/reference.hpp's evaluators (MPFR, straight from the definitions
// — Σ p·(log p − log q), −Σ p·log q, −Σ p·log p, the JS sum over m = (p + q)/2, −(1/N)·Σ log q[x],
// log Σ e^z − z_k — independent of gibbs's own code) on the same binary inputs, with their rigorous
// error bounds raised in precision until below 2^-320 relative (reference_with); a base divides by
// log(base) at 64 more bits, perplexity is exp of the NLL. Each is then rounded once with
// mpfr_get_d / mpfr_get_flt, which rounds like the exact value unless that lies within about
// 2^-318 of a rounding tie, which none of these inputs do.
#include "../support/mpfr.hpp"
#include "../support/reference.hpp"
#include "eval_line.hpp"

#include <catch2/catch.hpp>
#include <mpfr.h>
#include <nlohmann/json.hpp>

#include <bit>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

namespace {

using nlohmann::json;
using vec = std::vector<double>;
using namespace std::literals;

using gibbs_test::mp;

/// The relative error bound of the references, in bits.
constexpr long reference_bits = 320;

/// An evaluator of tests/support/reference.hpp (precision -> value and error bound), raised in
/// precision until its bound is below 2^-reference_bits relative.
template <class Evaluation>
mp reference(Evaluation at) {
  return gibbs_test::reference_with(at, reference_bits);
}

/// The inputs exactly (binary64 into 64 bits).
gibbs_test::mp_vector exact(const vec& x) {
  return gibbs_test::to_mp(x, 64);
}

mp ref_kl(const vec& p, const vec& q) {
  const auto P = exact(p), Q = exact(q);
  return reference([&](mpfr_prec_t prec) { return gibbs_test::kl_at(P, Q, prec); });
}

mp ref_cross_entropy(const vec& p, const vec& q) {
  const auto P = exact(p), Q = exact(q);
  return reference([&](mpfr_prec_t prec) { return gibbs_test::cross_entropy_at(P, Q, prec); });
}

mp ref_entropy(const vec& p) {
  const auto P = exact(p);
  return reference([&](mpfr_prec_t prec) { return gibbs_test::entropy_at(P, prec); });
}

mp ref_js(const vec& p, const vec& q) {
  const auto P = exact(p), Q = exact(q);
  return reference([&](mpfr_prec_t prec) { return gibbs_test::js_at(P, Q, prec); });
}

mp ref_nll(const vec& q, const std::vector<std::size_t>& samples) {
  const auto Q = exact(q);
  return reference([&](mpfr_prec_t prec) { return gibbs_test::nll_at(Q, samples, prec); });
}

/// The logits cross-entropy with a class index: the target is the one-hot vector of k.
mp ref_logits_index(const vec& z, std::size_t k) {
  vec t(z.size(), 0.0);
  t.at(k) = 1;
  const auto Z = exact(z), T = exact(t);
  return reference([&](mpfr_prec_t prec) { return gibbs_test::logits_ce_at(Z, T, prec); });
}

/// r / log(base), log(base) at 64 bits more than r; base 0 means e (nothing to do).
void to_base(mp& r, double base) {
  if (base == 0) return;
  mp l(mpfr_get_prec(r.get()) + 64);
  mpfr_set_d(l.get(), base, MPFR_RNDN);
  mpfr_log(l.get(), l.get(), MPFR_RNDN);
  mpfr_div(r.get(), r.get(), l.get(), MPFR_RNDN);
}

/// The last answer as text: a binary32 value must be read from its text with strtof, since
/// reading the shortest binary32 decimal as a double gives another number.
std::string last_answer;

json answer(const std::string& line, std::size_t line_no = 1) {
  const std::string out = gibbs::cli::eval_line(line, line_no);
  last_answer = out;
  INFO(out);
  REQUIRE(out.find('\n') == std::string::npos);
  return json::parse(out);
}

/// Checks a result object against the MPFR reference: value correctly rounded, hex the same
/// number, lo <= exact <= hi.
void check_result(const json& j, const mp& ref, bool f32 = false) {
  INFO(j.dump());
  REQUIRE(j.contains("value"));
  const double expected = f32 ? static_cast<double>(mpfr_get_flt(ref.get(), MPFR_RNDN))
                              : mpfr_get_d(ref.get(), MPFR_RNDN);
  const double hex = std::strtod(j["hex"].get<std::string>().c_str(), nullptr);
  CHECK(hex == expected);
  const auto start = last_answer.find("\"value\":");
  REQUIRE(start != std::string::npos);
  const char* text = last_answer.c_str() + start + 8;
  if (f32)
    CHECK(static_cast<double>(std::strtof(text, nullptr)) == expected);
  else
    CHECK(std::strtod(text, nullptr) == expected);
  const double lo = std::strtod(j["lo"].get<std::string>().c_str(), nullptr);
  const double hi = std::strtod(j["hi"].get<std::string>().c_str(), nullptr);
  CHECK(mpfr_cmp_d(ref.get(), lo) >= 0);
  CHECK(mpfr_cmp_d(ref.get(), hi) <= 0);
  CHECK(j["exact"] == false);
}

std::string error_of(const std::string& line, std::size_t line_no = 1) {
  const json j = answer(line, line_no);
  INFO(j.dump());
  REQUIRE(j.contains("error"));
  CHECK(j.size() == 1);
  return j["error"].get<std::string>();
}

} // namespace

TEST_CASE("the example of the help text: kl with a hex string and 40 digits") {
  const json j = answer(
      R"({"measure": "kl", "p": [0.5, 0.5], "q": ["0x1.6666666666666p-1", 0.3], "digits": 40})");
  const mp ref = ref_kl({0.5, 0.5}, {0x1.6666666666666p-1, 0.3});
  check_result(j, ref);
  // The digits hold the reference's first 30 significant digits, whatever their layout.
  REQUIRE(j.contains("digits"));
  std::string got;
  for (char c : j["digits"].get<std::string>())
    if (c >= '0' && c <= '9') got += c;
  got.erase(0, got.find_first_not_of('0'));
  char buf[64];
  mpfr_exp_t e;
  mpfr_get_str(buf, &e, 10, 30, ref.get(), MPFR_RNDZ);
  CHECK(got.substr(0, 29) == std::string(buf).substr(0, 29));
}

TEST_CASE("every measure against MPFR, binary64 and binary32") {
  const vec p{0.5, 0.25, 0.25}, q{0.7, 0.2, 0.1};
  const std::string pq = R"("p": [0.5, 0.25, 0.25], "q": [0.7, 0.2, 0.1])";
  SECTION("kl") {
    check_result(answer(R"({"measure": "kl", )" + pq + "}"), ref_kl(p, q));
  }
  SECTION("kl in bits") {
    mp r = ref_kl(p, q);
    to_base(r, 2);
    check_result(answer(R"({"measure": "kl", "base": 2, )" + pq + "}"), r);
  }
  SECTION("reverse kl") {
    check_result(answer(R"({"measure": "reverse_kl", )" + pq + "}"), ref_kl(q, p));
  }
  SECTION("cross entropy in base 10") {
    mp r = ref_cross_entropy(p, q);
    to_base(r, 10);
    check_result(answer(R"({"measure": "cross_entropy", "base": 10, )" + pq + "}"), r);
  }
  SECTION("entropy") {
    check_result(answer(R"({"measure": "entropy", "p": [0.5, 0.25, 0.25]})"), ref_entropy(p));
  }
  SECTION("js") {
    const vec a{0.5, 0.5, 0}, b{0.25, 0.25, 0.5};
    check_result(answer(R"({"measure": "js", "p": [0.5, 0.5, 0], "q": [0.25, 0.25, 0.5]})"),
                 ref_js(a, b));
  }
  SECTION("nll and perplexity") {
    mp r = ref_nll({0.25, 0.75}, {1, 1, 0});
    check_result(answer(R"({"measure": "nll", "q": [0.25, 0.75], "samples": [1, 1, 0]})"), r);
    mpfr_exp(r.get(), r.get(), MPFR_RNDN);
    check_result(answer(R"({"measure": "perplexity", "q": [0.25, 0.75], "samples": [1, 1, 0]})"),
                 r);
  }
  SECTION("logits, class index") {
    check_result(answer(R"({"measure": "logits_cross_entropy", "logits": [-1.5, 2, "0x1p-3"],
                            "target": 0})"),
                 ref_logits_index({-1.5, 2, 0.125}, 0));
  }
  SECTION("binary32: inputs and result rounded to binary32") {
    // 0.7f, 0.2f, 0.1f are the binary32 roundings of the decimals.
    check_result(answer(R"({"measure": "kl", "type": "binary32", )" + pq + "}"),
                 ref_kl({0.5, 0.25, 0.25}, {double(0.7f), double(0.2f), double(0.1f)}), true);
  }
}

TEST_CASE("special results: +inf as a string, an exact zero") {
  const json inf = answer(R"({"measure": "kl", "p": [0.5, 0.5], "q": [1, 0]})");
  CHECK(inf["value"] == "inf"); // p_1 > 0 = q_1
  const json zero = answer(R"({"measure": "kl", "p": [0.5, 0.5], "q": [0.5, 0.5]})");
  CHECK(zero["value"] == 0); // KL(p || p) = 0 exactly (Gibbs)
  CHECK(zero["exact"] == true);
  CHECK(!zero.contains("digits"));
}

TEST_CASE("numbers reach the request rounded once, in the requested format") {
  gibbs::oracle::request req;
  bool digits = false;
  REQUIRE(gibbs::cli::parse_request(
              R"({"measure": "kl", "type": "binary32", "variant": "normalized", "base": "e",
                  "p": ["1.00000005960464477539063", 1.00000005960464477539063, 3],
                  "q": ["0x1.fffffep-1", 0.1, 18446744073709551615]})",
              req, digits)
          == "");
  CHECK(req.what == gibbs::oracle::measure::kl);
  CHECK(req.fmt == gibbs::oracle::format::binary32);
  CHECK(req.var == gibbs::oracle::variant::normalized);
  CHECK(req.base == 0);
  CHECK(!digits);
  // Straight to binary32: 1 + 2^-23. Through binary64 first it would have been 1.
  CHECK(req.p == vec{0x1.000002p+0, 0x1.000002p+0, 3});
  CHECK(req.q == vec{0x1.fffffep-1, double(0.1f), double(0x1p64f)});

  REQUIRE(gibbs::cli::parse_request(R"({"measure": "logits_cross_entropy", "logits": [1, 2],
                                        "target": [0.5, "0.5"], "digits": 12, "base": 10})",
                                    req, digits)
          == "");
  CHECK(req.fmt == gibbs::oracle::format::binary64);
  CHECK(req.logits == vec{1, 2});
  CHECK(req.target == vec{0.5, 0.5});
  CHECK(req.target_index == -1);
  CHECK(req.digits == 12);
  CHECK(req.base == 10);
  CHECK(digits);

  REQUIRE(gibbs::cli::parse_request(
              R"({"measure": "nll", "q": [1e-310, 1], "samples": [0, 1, 9223372036854775807]})",
              req, digits)
          == "");
  CHECK(req.q == vec{1e-310, 1});
  CHECK(req.samples == std::vector<std::int64_t>{0, 1, 9223372036854775807});
}

TEST_CASE("invalid lines: the error names the line, key, index and value") {
  struct bad {
    std::string_view line;
    std::vector<const char*> says;
  };
  const bad cases[] = {
      {R"({"measure": "kl", "p": [0.5, 0.5], "q": [1e400, 0.3]})",
       {"line 7:", "q[0] = 1e400", "too large for binary64"}},
      {R"({"measure": "kl", "p": [0.5, 0.5], "q": [0.7, 1e39], "type": "binary32"})",
       {"q[1] = 1e39", "too large for binary32"}},
      {R"({"measure": "kl", "p": [0.5, 0.5], "q": [0.7, "1e-400"]})",
       {"q[1] = \"1e-400\"", "too small for binary64"}},
      {R"({"measure": "kl", "p": ["nan", 0.5], "q": [0.7, 0.3]})",
       {"p[0] = \"nan\"", "not finite"}},
      {R"({"measure": "kl", "p": ["-inf", 0.5], "q": [0.7, 0.3]})", {"p[0]", "not finite"}},
      {R"({"measure": "kl", "p": [0.5, "half"], "q": [0.7, 0.3]})",
       {"p[1] = \"half\"", "not a number"}},
      {R"({"measure": "kl", "p": [0.5, true], "q": [0.7, 0.3]})", {"p[1] is true"}},
      {R"({"measure": "kl", "p": [0.5, 0.5], "q": [0.7, 0.3], "digts": 3})",
       {"unknown key \"digts\""}},
      {R"({"measure": "kl", "p": [0.5, 0.5], "p": [0.7, 0.3]})", {"key \"p\" appears twice"}},
      {R"({"measure": "kl", "p": [0.5, 0.5]})", {"measure kl needs key \"q\""}},
      {R"({"measure": "entropy", "p": [1], "q": [1]})", {"\"q\" is not used by measure entropy"}},
      {R"({"measure": "kll", "p": [1]})", {"measure \"kll\" is unknown", "reverse_kl"}},
      {R"({"p": [1]})", {"missing key \"measure\""}},
      {R"({"measure": "entropy", "p": [1], "type": "float"})", {"type = \"float\" is unknown"}},
      {R"({"measure": "entropy", "p": [1], "variant": "renormalized"})", {"variant"}},
      {R"({"measure": "entropy", "p": [1], "base": 1})", {"base = 1", "not a valid"}},
      {R"({"measure": "entropy", "p": [1], "base": -2})", {"base = -2"}},
      {R"({"measure": "entropy", "p": [1], "base": "two"})", {"base = \"two\""}},
      {R"({"measure": "entropy", "p": [1], "digits": 10001})", {"digits = 10001", "out of range"}},
      {R"({"measure": "entropy", "p": [1], "digits": -1})", {"digits = -1"}},
      {R"({"measure": "entropy", "p": [1], "digits": 2.5})", {"digits = 2.5"}},
      {R"({"measure": "entropy", "p": 1})", {"\"p\" is a number", "array"}},
      {R"({"measure": "entropy", "p": [[[1]]]})", {"p[0][0] is an array", "two dimensions"}},
      {R"({"measure": "entropy", "p": [{"a": 1}]})", {"p[0] is an object"}},
      {R"({"measure": ["entropy"], "p": [1]})", {"\"measure\" is an array"}},
      {R"({"measure": "nll", "q": [1], "samples": [0, 1.5]})",
       {"samples[1] = 1.5", "not an integer"}},
      {R"({"measure": "nll", "q": [1], "samples": [0, -1]})", {"samples[1] = -1", "negative"}},
      {R"({"measure": "nll", "q": [1], "samples": [99999999999999999999]})",
       {"samples[0]", "too large"}},
      {R"({"measure": "nll", "q": [1], "samples": ["0"]})", {"samples[0] = \"0\"", "string"}},
      {R"({"measure": "logits_cross_entropy", "logits": [1], "target": 0.5})", {"target = 0.5"}},
      {R"({"measure": "logits_cross_entropy", "logits": [1], "target": -1})", {"target = -1"}},
      {R"([1, 2])", {"one JSON object"}},
      {R"("kl")", {"one JSON object"}},
      {R"({"measure": "entropy", "p": [0.5, 0.5]} {})", {"invalid JSON"}},
      {R"({"measure": "entropy", "p": [0.5, 0.5)", {"invalid JSON"}},
      {R"({"measure": "entropy", "p": [0.5, 0.5], })", {"invalid JSON"}},
      {"{\"measure\": \"entropy\", \"p\": [0.5, 0.5]}\0{"sv, {"NUL byte", "at column 40"}},
      // The oracle's own checks come through with its message.
      {R"({"measure": "kl", "p": [-0.5, 1.5], "q": [0.7, 0.3]})", {"p[0]", "negative"}},
      {R"({"measure": "kl", "p": [0.5, 0.5], "q": [0.7, 0.3, 0]})", {"length"}},
      {R"({"measure": "kl", "p": [0.5, 0.6], "q": [0.5, 0.5]})", {"sum(p)"}},
      {R"({"measure": "nll", "q": [0.5, 0.5], "samples": [2]})", {"out of range"}},
  };
  for (const auto& c : cases) {
    const std::string e = error_of(std::string(c.line), 7);
    INFO(c.line << "\n  -> " << e);
    CHECK(e.rfind("line 7: ", 0) == 0);
    for (const char* s : c.says)
      CHECK(e.find(s) != std::string::npos);
  }
}

TEST_CASE("hostile lines get an error, never a crash or an exception") {
  CHECK_NOTHROW(error_of(std::string(100000, '[')));
  CHECK(error_of(R"({"measure": "entropy", "p": )" + std::string(100000, '['))
            .find("p[0][0] is an array")
        != std::string::npos);
  CHECK(error_of(std::string("{\"measure\": \"k\xff\"}")).find("invalid JSON")
        != std::string::npos);
  // An error that echoes bytes which are not UTF-8 is still valid JSON.
  CHECK(!error_of("{\"measure\": \"entropy\", \"p\": [1], \"\xc3\": 1}").empty());
  CHECK(error_of("\xef\xbb\xbf{}").size() > 0);
  CHECK(
      error_of("{\"measure\": \"entropy\", \"p\": [\"" + std::string(1 << 20, '1') + "x\"]}").size()
      < 400); // long values are cut short in messages
  const std::string huge(gibbs::cli::max_line_bytes + 1, ' ');
  CHECK(error_of(huge).find("more than the limit") != std::string::npos);
}

TEST_CASE("an id is echoed first, in answers and in errors") {
  bool failed = true;
  const std::string ok =
      gibbs::cli::eval_line(R"({"id": 17, "measure": "entropy", "p": [1]})", 1, &failed);
  CHECK(!failed);
  CHECK(ok.rfind(R"({"id":17,"value":0,)", 0) == 0); // H(one-hot) = 0 exactly
  const std::string err =
      gibbs::cli::eval_line(R"({"measure": "entropy", "id": "a\"b", "p": [2]})", 3, &failed);
  CHECK(failed);
  CHECK(err.rfind(R"({"id":"a\"b","error":"line 3: )", 0) == 0);
  CHECK(error_of(R"({"id": 1.5, "measure": "entropy", "p": [1]})").find("\"id\" is a number")
        != std::string::npos);
  CHECK(error_of(R"({"id": [1], "measure": "entropy", "p": [1]})").find("\"id\" is an array")
        != std::string::npos);
  CHECK(error_of(R"({"id": ")" + std::string(2000, 'x') + R"(", "measure": "entropy", "p": [1]})")
            .find("limit")
        != std::string::npos);
}

TEST_CASE("the simdjson reader and the SAX reader read every line alike") {
  // Valid lines are read by simdjson (numbers kept as text, rounded once afterwards); the SAX
  // reader is the reference here: two independent parsers must give the same request, bit for
  // bit, including -0 written as an integer (0) or as a float (-0.0), exponents, hex strings,
  // escapes, and integers beyond 2^64.
  const char* lines[] = {
      R"({"measure": "kl", "p": [0.5, 0.5], "q": ["0x1.6666666666666p-1", 0.3], "digits": 40})",
      R"( {"type": "binary32", "measure": "kl", "p": [1e-1, 9E-1], "q": [0.5, 5e-1]} )",
      R"({"measure": "generalized_kl", "p": [-0, 0, 18446744073709551617, 1], "q": [1, 2, 3, 4]})",
      R"({"measure": "entropy", "p": [-0.0, 1], "base": 2, "id": "a\"b\u00e9"})",
      R"({"measure": "nll", "q": [0.25, 0.75], "samples": [0, 1, 1], "id": -7, "base": 10.0})",
      R"({"measure": "logits_cross_entropy", "logits": [1000, -1000.5, 3], "target": 1})",
      R"({"measure": "logits_cross_entropy", "logits": [1, 2], "target": [0.25, "0.75"]})",
      R"({"measure": "js", "variant": "normalized", "p": [1, 2, 3], "q": [3, 2, 1], "base": "e"})",
      R"({"me\u0061sure": "entropy", "p": [0.125, 0.875]})",
      R"({"measure": "kl", "type": "binary64", "p": [0.1, 0.9, -0, 0e5], "q": [0.5, 0.5, 0, 0]})",
      R"({"measure": "kl", "p": [2.4703282292062328e-324, 1, 0.0e-999], "q": ["5e-324", 1, 1]})",
      R"({"measure": "kl", "p": [0.30000000000000004441, 0.7], "q": [1e0, 0.1E+1]})",
      R"({"measure": "kl", "p": [0.000012345678901234567, 0.0000123456789012345678], "q": [1, 1]})",
      R"({"measure": "kl", "p": [0.99999999999999999999999, 1234567890123456789012e-22], "q": [1, 1]})",
  };
  for (const char* line : lines) {
    INFO(line);
    gibbs::cli::line_request fast, sax;
    REQUIRE(gibbs::cli::parse_request(line, fast).empty());
    REQUIRE(gibbs::cli::parse_request(line, sax, true).empty());
    const auto bits = [](const std::vector<double>& v) {
      std::vector<std::uint64_t> b;
      for (double x : v)
        b.push_back(std::bit_cast<std::uint64_t>(x));
      return b;
    };
    CHECK(fast.id_json == sax.id_json);
    CHECK(fast.with_digits == sax.with_digits);
    CHECK(fast.req.what == sax.req.what);
    CHECK(fast.req.fmt == sax.req.fmt);
    CHECK(fast.req.var == sax.req.var);
    CHECK(std::bit_cast<std::uint64_t>(fast.req.base)
          == std::bit_cast<std::uint64_t>(sax.req.base));
    CHECK(fast.req.digits == sax.req.digits);
    CHECK(bits(fast.req.p) == bits(sax.req.p));
    CHECK(bits(fast.req.q) == bits(sax.req.q));
    CHECK(bits(fast.req.logits) == bits(sax.req.logits));
    CHECK(bits(fast.req.target) == bits(sax.req.target));
    CHECK(fast.req.target_index == sax.req.target_index);
    CHECK(fast.req.samples == sax.req.samples);
  }
  // The simdjson reader takes the plain lines and declines the rest (the SAX reader then says
  // what is wrong), so an invalid line never gets through it.
  gibbs::cli::detail::fast_fields f;
  CHECK(gibbs::cli::detail::fast_read(lines[0], f));
  for (const char* bad :
       {R"({"measure": "entropy", "p": [0.5, 0.5]} {})",
        R"({"measure": "entropy", "p": [0.5, 0.5], })", R"({"measure": "entropy", "p": [01, 0.5]})",
        R"({"measure": "entropy", "p": [1., 0.5]})",
        R"({"measure": "entropy", "p": [0.5, 0.5], "p": [1]})",
        R"({"measure": "entropy", "p": [[0.5]]})", R"({"measure": "entropy", "p": [true]})",
        R"([1])", R"({"measure": "entropy", "p": [1e-400, 1]})",
        R"({"measure": "entropy", "p": [1e400, 1]})",
        R"({"measure": "entropy", "p": [1], "t\u0079pe": "binary32"})"}) {
    gibbs::cli::detail::fast_fields g;
    CHECK_FALSE(gibbs::cli::detail::fast_read(bad, g));
  }
}

TEST_CASE("the distances and Renyi through gibbs eval, against MPFR") {
  // References: tests/support/reference.hpp's textbook formulas (|p - q|, differences of roots,
  // the expanded square, mpfr_pow) to 2^-320 relative, independent of gibbs.
  const std::string pq = R"("p": [0.5, 0.25, 0.25], "q": [0.7, 0.2, 0.1])";
  const vec p{0.5, 0.25, 0.25}, q{0.7, 0.2, 0.1};
  const auto P = exact(p), Q = exact(q);
  SECTION("total_variation, exact") {
    const mp r = reference([&](mpfr_prec_t prec) { return gibbs_test::tv_at(P, Q, prec); });
    const json j = answer(R"({"measure": "total_variation", )" + pq + "}");
    check_result(j, r);
    // exact: the reference (at least 384 bits, mpfr_sum correctly rounded) holds the sum of these
    // differences of binary64 numbers exactly; flagged iff it is a binary64 number
    CHECK(j["exact"] == (mpfr_cmp_d(r.get(), mpfr_get_d(r.get(), MPFR_RNDN)) == 0));
  }
  SECTION("hellinger") {
    check_result(answer(R"({"measure": "hellinger", )" + pq + "}"),
                 reference([&](mpfr_prec_t prec) { return gibbs_test::hellinger_at(P, Q, prec); }));
  }
  SECTION("chi_squared") {
    check_result(
        answer(R"({"measure": "chi_squared", )" + pq + "}"),
        reference([&](mpfr_prec_t prec) { return gibbs_test::chi_squared_at(P, Q, prec); }));
  }
  SECTION("renyi, alpha = 3 in bits") {
    const mp r =
        reference([&](mpfr_prec_t prec) { return gibbs_test::renyi_at(P, Q, 3.0, 2.0, prec); });
    check_result(answer(R"({"measure": "renyi", "alpha": 3, "base": 2, )" + pq + "}"), r);
    check_result(answer(R"({"measure": "renyi", "alpha": "0x1.8p+1", "base": 2, )" + pq + "}"), r);
  }
}

TEST_CASE("the parameters of a measure: missing, invalid, stray") {
  const std::string pq = R"("p": [0.5, 0.5], "q": [0.7, 0.3])";
  CHECK(error_of(R"({"measure": "renyi", )" + pq + "}")
        == "line 1: measure renyi needs key \"alpha\" (alpha finite, > 0 and != 1)");
  CHECK(error_of(R"({"measure": "renyi", "alpha": 1, )" + pq + "}")
        == "line 1: alpha = 1 is not allowed; it must satisfy alpha finite, > 0 and != 1");
  CHECK(error_of(R"({"measure": "renyi", "alpha": -0.5, )" + pq + "}").find("alpha = -0.5")
        != std::string::npos);
  CHECK(error_of(R"({"measure": "kl", "alpha": 2, )" + pq + "}")
        == "line 1: key \"alpha\" is not used by measure kl (it takes no parameter)");
  CHECK(error_of(R"({"measure": "renyi", "alpha": 2, "alpha": 3, )" + pq + "}")
        == "line 1: key \"alpha\" appears twice");
  CHECK(error_of(R"({"measure": "renyi", "alpha": [2], )" + pq + "}").find("must be a number")
        != std::string::npos);
  CHECK(error_of(R"({"measure": "total_variation", "base": 2, )" + pq + "}")
        == "line 1: base = 2 has no meaning for measure total_variation, which has no logarithm");
  CHECK(error_of(R"({"measure": "hellinger", "variant": "normalized", )" + pq + "}")
        == "line 1: variant = \"normalized\" is not offered by measure hellinger");
}

TEST_CASE("a 1-D target of B rows: JSON integers are classes, reals a shared distribution") {
  // Rows z = (1, 2) and (3, 4); reference: MPFR at 200 bits, -log softmax(z)_0 = log1p(e^1) and
  // -log softmax(z)_1 = log1p(e^-1) for both rows (the logits differ by 1 in each).
  mp a(200), b(200);
  mpfr_set_si(a.get(), 1, MPFR_RNDN);
  mpfr_exp(a.get(), a.get(), MPFR_RNDN);
  mpfr_log1p(a.get(), a.get(), MPFR_RNDN); // class 0
  mpfr_set_si(b.get(), -1, MPFR_RNDN);
  mpfr_exp(b.get(), b.get(), MPFR_RNDN);
  mpfr_log1p(b.get(), b.get(), MPFR_RNDN); // class 1
  const std::string z = R"("measure": "logits_cross_entropy", "logits": [[1, 2], [3, 4]], )";
  const json classes = answer("{" + z + R"("target": [0, 1], "reduction": "none"})");
  REQUIRE(classes.contains("value"));
  CHECK(classes["value"][0].get<double>() == a.to_double());
  CHECK(classes["value"][1].get<double>() == b.to_double());
  for (const char* t : {R"([0.0, 1.0])", R"(["0x0p0", "0x1p0"])"}) {
    const json shared = answer("{" + z + R"("target": )" + t + R"(, "reduction": "none"})");
    REQUIRE(shared.contains("value"));
    CHECK(shared["value"][0].get<double>() == b.to_double());
    CHECK(shared["value"][1].get<double>() == b.to_double());
  }
}

TEST_CASE("integers a format cannot hold are errors, not rounded values") {
  CHECK(error_of(R"({"measure": "bits_per_dim", "log_likelihood": [-1], "dims": 9007199254740993})")
        == "line 1: dims = 9007199254740993 is not a binary64 number (integers beyond 2^53 "
           "round); give an integer of at most 2^53 in magnitude");
  CHECK(error_of(R"({"measure": "vae_kl", "mu": [70000], "logvar": [0], "type": "binary16"})")
        == "line 1: mu[0] = 70000 is too large for binary16 (it would round to infinity)");
}
