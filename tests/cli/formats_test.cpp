// tests/cli/formats_test.cpp: numbers read straight into binary16 and bfloat16, and `gibbs eval`
// lines in those types.
//
// Reference values: MPFR emulating each format the way its manual prescribes for IEEE formats
// (mpfr_strtofr at precision p in the format's exponent range, then mpfr_subnormalize with the
// ternary value: one rounding from the decimal text), independent of the reader under test (which
// rounds std::from_chars' binary64 value and asks MPFR only for the side of a tie). The eval
// answers are checked against values worked out by hand in the comments.
#include "eval_line.hpp"
#include "vector_file.hpp"

#include <catch2/catch.hpp>
#include <mpfr.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

namespace {

using gibbs::oracle::format;

template <class F>
double mpfr_read(const std::string& text) {
  const mpfr_exp_t emin = mpfr_get_emin(), emax = mpfr_get_emax();
  mpfr_set_emin(F::emin - F::precision + 2);
  mpfr_set_emax(F::emax + 1);
  mpfr_t r;
  mpfr_init2(r, F::precision);
  int t = mpfr_strtofr(r, text.c_str(), nullptr, 0, MPFR_RNDN);
  t = mpfr_subnormalize(r, t, MPFR_RNDN);
  (void)t;
  const double out = mpfr_get_d(r, MPFR_RNDN);
  mpfr_clear(r);
  mpfr_set_emin(emin);
  mpfr_set_emax(emax);
  return out;
}

double read(const std::string& text, format f) {
  double x = 0;
  const auto p = gibbs::cli::parse_real(text, f, x);
  REQUIRE(p == gibbs::cli::number_problem::none);
  return x;
}

} // namespace

TEST_CASE("decimal text is rounded once, straight to binary16 and bfloat16", "[cli][formats]") {
  // 1 + 2^-11 is the binary16 midpoint between 1 and 1 + 2^-10: exactly it ties to even (1);
  // a hair above (below binary64's resolution, so RN64 of the text is the midpoint) it is
  // 1 + 2^-10: through binary64 it would be 1.
  CHECK(read("1.00048828125", format::binary16) == 1.0);
  CHECK(read("1.000488281250000000000001", format::binary16) == 1.0 + 0x1p-10);
  CHECK(read("1.000488281249999999999999", format::binary16) == 1.0);
  CHECK(read("-1.000488281250000000000001", format::binary16) == -1.0 - 0x1p-10);
  // bfloat16: 1 + 2^-8 is the midpoint between 1 and 0x1.02p0
  CHECK(read("1.00390625", format::bfloat16) == 1.0);
  CHECK(read("1.00390625000000000000001", format::bfloat16) == 0x1.02p0);
  CHECK(read("0x1.01000000000000000001p0", format::bfloat16) == 0x1.02p0);
  // range: the largest binary16 is 65504, 65520 rounds to infinity; 2^-25 (half the least
  // subnormal) ties to 0, which is an error for a non-zero literal
  CHECK(read("65519.99", format::binary16) == 65504.0);
  double x = 0;
  CHECK(gibbs::cli::parse_real("65520", format::binary16, x)
        == gibbs::cli::number_problem::too_large);
  CHECK(gibbs::cli::parse_real("2.98023223876953125e-8", format::binary16, x)
        == gibbs::cli::number_problem::too_small);
  CHECK(read("2.98023223876953126e-8", format::binary16) == 0x1p-24);
  // 1e-40 = 1.089 2^-133: on bfloat16's subnormal grid of spacing 2^-133 it rounds to 2^-133
  CHECK(read("1e-40", format::bfloat16) == 0x1p-133);

  std::mt19937_64 g(42);
  std::uniform_int_distribution<int> digit(0, 9), expo(-12, 5), len(1, 25);
  int n = 0;
  for (int i = 0; i < 20000; ++i) {
    std::string s = std::to_string(digit(g)) + ".";
    for (int k = len(g); k > 0; --k)
      s += static_cast<char>('0' + digit(g));
    s += "e" + std::to_string(expo(g));
    const double want16 = mpfr_read<gibbs::binary16_format>(s);
    const double want_bf = mpfr_read<gibbs::bfloat16_format>(s);
    double got = 0;
    INFO(s);
    if (want16 != 0 && std::isfinite(want16)) {
      REQUIRE(gibbs::cli::parse_real(s, format::binary16, got) == gibbs::cli::number_problem::none);
      CHECK(got == want16);
      ++n;
    }
    if (want_bf != 0 && std::isfinite(want_bf)) {
      REQUIRE(gibbs::cli::parse_real(s, format::bfloat16, got) == gibbs::cli::number_problem::none);
      CHECK(got == want_bf);
      ++n;
    }
  }
  // midpoints written out in decimal with a tail on either side
  for (unsigned b = 0x3c00; b < 0x3c40; ++b) {
    const double lo =
        static_cast<double>(gibbs::binary16::from_bits(static_cast<std::uint16_t>(b)));
    const double hi =
        static_cast<double>(gibbs::binary16::from_bits(static_cast<std::uint16_t>(b + 1)));
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.20f", (lo + hi) / 2);
    for (const std::string tail : {"", "0000001", "99999"}) {
      const std::string s = std::string(buf) + tail;
      CHECK(read(s, format::binary16) == mpfr_read<gibbs::binary16_format>(s));
      ++n;
    }
  }
  WARN(n << " decimal literals read into binary16 / bfloat16 as MPFR rounds them");
}

TEST_CASE("gibbs eval answers in binary16 and bfloat16", "[cli][formats]") {
  bool failed = true;
  // H(p, q) in bits = 1 + 2^-8 + 3 2^-133 (tests/oracle/formats.cpp): 0x1.02p0, not the 1 that
  // rounding through binary64 gives
  const std::string a = gibbs::cli::eval_line(
      R"({"measure":"cross_entropy","type":"bfloat16","base":2,"p":["0x1.fep-1","0x1p-8",0,"0x1p-133"],"q":[0.5,0.25,0.125,0.125]})",
      1, &failed);
  CHECK(!failed);
  const auto j = nlohmann::json::parse(a);
  CHECK(j["hex"] == "0x1.02p+0");
  CHECK(j["lo"] == "0x1p+0");
  CHECK(j["hi"] == "0x1.02p+0");
  CHECK(j["value"].get<double>() == 1.01); // the shortest decimal that reads back as 0x1.02p0
  // KL in binary16 of (1/4, 3/4) against (1/2, 1/2): 3/4 log 3/2 + 1/4 log 1/2 = 0.1308...
  const std::string b = gibbs::cli::eval_line(
      R"({"measure":"kl","type":"binary16","p":[0.25,0.75],"q":[0.5,0.5]})", 2, &failed);
  CHECK(!failed);
  const auto k = nlohmann::json::parse(b);
  const double exact = 0.75 * std::log(1.5) + 0.25 * std::log(0.5);    // within 1e-16
  const double v = std::ldexp(std::round(std::ldexp(exact, 13)), -13); // spacing 2^-13 there
  CHECK(std::strtod(k["hex"].get<std::string>().c_str(), nullptr) == v);
  // input checks name the type
  const std::string c = gibbs::cli::eval_line(
      R"({"measure":"entropy","type":"binary16","p":[0.5,"1e-9",0.5]})", 3, &failed);
  CHECK(failed);
  CHECK(c.find("too small for binary16") != std::string::npos);
  const std::string d =
      gibbs::cli::eval_line(R"({"measure":"entropy","type":"float16","p":[0.5,0.5]})", 4, &failed);
  CHECK(failed);
  CHECK(nlohmann::json::parse(d)["error"].get<std::string>().find("\"binary16\" or \"bfloat16\"")
        != std::string::npos);
}

namespace {

/// A version 1.0 .npy file of little-endian binary16 numbers ('<f2'), written byte by byte as
/// NumPy's format specification describes it.
std::string npy_f2(const std::vector<std::uint16_t>& bits) {
  std::string header =
      "{'descr': '<f2', 'fortran_order': False, 'shape': (" + std::to_string(bits.size()) + ",), }";
  while ((10 + header.size() + 1) % 64 != 0)
    header += ' ';
  header += '\n';
  std::string out = "\x93NUMPY";
  out += '\x01';
  out += '\x00';
  out += static_cast<char>(header.size() & 0xff);
  out += static_cast<char>(header.size() >> 8);
  out += header;
  for (std::uint16_t b : bits) {
    out += static_cast<char>(b & 0xff);
    out += static_cast<char>(b >> 8);
  }
  return out;
}

std::string write_temp(const std::string& name, const std::string& data) {
  const std::string path = "formats_test_" + name + ".npy";
  std::FILE* f = std::fopen(path.c_str(), "wb");
  REQUIRE(f != nullptr);
  std::fwrite(data.data(), 1, data.size(), f);
  std::fclose(f);
  return path;
}

} // namespace

TEST_CASE(".npy float16 ('<f2') files are read as binary16 numbers", "[cli][formats]") {
  // 0x3400 = 0.25, 0x3a00 = 0.75, 0x0001 = 2^-24 (the least subnormal), 0x3c01 = 1 + 2^-10
  const std::string path = write_temp("a", npy_f2({0x3400, 0x3a00, 0x0001, 0x3c01}));
  const auto v = gibbs::cli::read_real_file(path, format::binary16).values;
  CHECK(v == std::vector<double>{0.25, 0.75, 0x1p-24, 1 + 0x1p-10});
  // read as bfloat16, 1 + 2^-10 and 2^-24 are bfloat16 numbers too; read as binary32 they all are
  CHECK(gibbs::cli::read_real_file(path, format::binary32).values == v);
  const std::string path2 = write_temp("b", npy_f2({0x3400, 0x3c01}));
  CHECK_THROWS_WITH(gibbs::cli::read_real_file(path2, format::bfloat16),
                    Catch::Contains("[1] = 1.0009765625 (float16) is not a bfloat16 number"));
  const std::string path3 = write_temp("c", npy_f2({0x3400, 0x7c00}));
  CHECK_THROWS_WITH(gibbs::cli::read_real_file(path3, format::binary16),
                    Catch::Contains("is not finite"));
  std::remove(path.c_str());
  std::remove(path2.c_str());
  std::remove(path3.c_str());
}
