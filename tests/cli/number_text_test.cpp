// tests/cli/number_text_test.cpp: reading numbers from text rounds once, correctly.
//
// Reference values: MPFR (mpfr_strtofr at 512 bits, then mpfr_get_d / mpfr_get_flt, which round
// correctly, subnormals included). A decimal of at most 40 significant digits that is not a
// midpoint lies at least ~10^-40 (relative) away from one, far more than the 2^-512 error of
// the 512-bit reading, so the reference rounds like the exact decimal would.
#include "../support/mpfr.hpp"
#include "number_text.hpp"

#include <catch2/catch.hpp>
#include <mpfr.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>

namespace {

using gibbs::cli::number_problem;
using gibbs::cli::parse_real;

/// The correctly rounded binary64 (or binary32 when T is float) of a decimal or hex text, by MPFR.
template <class T>
T mpfr_reference(const std::string& text) {
  gibbs_test::mp x(512);
  mpfr_strtofr(x, text.c_str(), nullptr, 0, MPFR_RNDN);
  if constexpr (std::is_same_v<T, float>)
    return x.to_float();
  else
    return x.to_double();
}

template <class T>
void check_against_mpfr(const std::string& text) {
  T ours = 0;
  const number_problem p = parse_real(text, ours);
  const T ref = mpfr_reference<T>(text);
  INFO(text << " as " << gibbs::cli::format_name<T>());
  if (std::isinf(ref)) {
    CHECK(p == number_problem::too_large);
  } else if (ref == 0 && text.find_first_of("123456789") < text.find_first_of("eEpP")) {
    // not zero, but rounds to zero
    CHECK(p == number_problem::too_small);
  } else {
    REQUIRE(p == number_problem::none);
    CHECK(gibbs::cli::hex(ours) == gibbs::cli::hex(ref));
  }
}

} // namespace

TEST_CASE("a decimal is rounded once, straight to binary32 (no double rounding)") {
  // 1 + 2^-24 + 5e-24: binary64 rounds it to 1 + 2^-24, a binary32 tie that goes to 1 (even);
  // rounded once, it lies above the tie, so binary32 gives 1 + 2^-23.
  float f = 0;
  REQUIRE(parse_real("1.00000005960464477539063", f) == number_problem::none);
  CHECK(f == 0x1.000002p+0f);
  CHECK(f == mpfr_reference<float>("1.00000005960464477539063"));
  // The double-rounded answer would have been 1:
  CHECK(static_cast<float>(std::strtod("1.00000005960464477539063", nullptr)) == 1.0f);
}

TEST_CASE("hexadecimal literals are exact or rounded once") {
  double d = 0;
  REQUIRE(parse_real("0x1.6666666666666p-1", d) == number_problem::none);
  CHECK(d == 0x1.6666666666666p-1);
  REQUIRE(parse_real("-0X1P-1074", d) == number_problem::none);
  CHECK(d == -0x1p-1074);
  float f = 0;
  REQUIRE(parse_real("0x1.0000018p0", f) == number_problem::none); // above the tie
  CHECK(f == 0x1.000002p0f);
  REQUIRE(parse_real("0x1.000001p0", f) == number_problem::none); // the tie, to even
  CHECK(f == 1.0f);
}

TEST_CASE("out of range, non-finite and malformed literals are refused") {
  double d = 0;
  float f = 0;
  CHECK(parse_real("1e400", d) == number_problem::too_large);
  CHECK(parse_real("-1e400", d) == number_problem::too_large);
  CHECK(parse_real("1e39", f) == number_problem::too_large);
  CHECK(parse_real("1e39", d) == number_problem::none);
  CHECK(parse_real("1e-400", d) == number_problem::too_small);
  CHECK(parse_real("0.000000000000000000000000000000000000000000000001", f)
        == number_problem::too_small);
  CHECK(parse_real("0x1p-1080", d) == number_problem::too_small);
  CHECK(parse_real("0x1p2000", d) == number_problem::too_large);
  CHECK(parse_real("0e999999", d) == number_problem::none); // zero is zero at any exponent
  CHECK(d == 0);
  CHECK(parse_real("inf", d) == number_problem::infinite);
  CHECK(parse_real("-Infinity", d) == number_problem::infinite);
  CHECK(parse_real("nan", d) == number_problem::infinite);
  CHECK(parse_real("0xinf", d) == number_problem::infinite);
  for (const char* bad : {"", "-", "0x", "1.5e+", "1,5", "--1", "+-1", "0x-1p3", "1e", "abc", " 1",
                          "1 ", "0x1p", "1.0f"}) {
    INFO('"' << bad << '"');
    CHECK(parse_real(bad, d) == number_problem::syntax);
  }
}

TEST_CASE("random decimals round like MPFR, in binary64 and binary32") {
  std::mt19937_64 rng(20261124);
  std::uniform_int_distribution<int> ndigits(1, 40), digit(0, 9), exp64(-345, 330), exp32(-60, 45);
  for (int n = 0; n < 20000; ++n) {
    std::string s = (rng() & 1) ? "-" : "";
    const int k = ndigits(rng);
    s += char('1' + digit(rng) % 9);
    s += '.';
    for (int i = 1; i < k; ++i)
      s += char('0' + digit(rng));
    const bool f32 = n % 2;
    s += 'e' + std::to_string(f32 ? exp32(rng) : exp64(rng));
    if (f32)
      check_against_mpfr<float>(s);
    else
      check_against_mpfr<double>(s);
  }
}

TEST_CASE("decimals at and next to rounding ties round like MPFR") {
  std::mt19937 rng(7);
  std::uniform_real_distribution<float> u(1e-30f, 1e30f);
  for (int n = 0; n < 2000; ++n) {
    // The tie between two binary32 neighbours is a binary64 number; print it to 61 digits (exact,
    // or within 10^-60 relative of it), then nudge the last digit up.
    const float a = u(rng);
    const double tie = (static_cast<double>(a) + std::nextafter(a, 2e30f)) / 2;
    char buf[128];
    std::snprintf(buf, sizeof buf, "%.60e", tie);
    std::string s = buf;
    check_against_mpfr<float>(s);
    const auto e = s.find('e');
    std::string up = s, down = s;
    up.insert(e, "1");
    down.insert(e, "0"); // same value as s
    check_against_mpfr<float>(up);
    check_against_mpfr<float>(down);
    // binary64 ties: the midpoint of two doubles holds in a long double (64-bit significand).
    const double b = static_cast<double>(a) * 1.0000001;
    const long double tie64 =
        (static_cast<long double>(b) + static_cast<long double>(std::nextafter(b, 1e300))) / 2;
    std::snprintf(buf, sizeof buf, "%.70Le", tie64);
    check_against_mpfr<double>(buf);
    std::string up64 = buf;
    up64.insert(up64.find('e'), "1");
    check_against_mpfr<double>(up64);
  }
}

TEST_CASE("shortest and hex output read back as the same number") {
  CHECK(gibbs::cli::shortest(0.1) == "0.1");
  CHECK(gibbs::cli::shortest(0.1f) == "0.1");
  CHECK(gibbs::cli::shortest(5e-324) == "5e-324");
  CHECK(gibbs::cli::hex(0.1) == "0x1.999999999999ap-4");
  CHECK(gibbs::cli::hex(0.1f) == "0x1.99999ap-4");
  CHECK(gibbs::cli::hex(-0.0) == "-0x0p+0");
  CHECK(gibbs::cli::shortest(HUGE_VAL) == "inf");
  std::mt19937_64 rng(3);
  for (int n = 0; n < 1000; ++n) {
    double x;
    const auto bits = rng();
    std::memcpy(&x, &bits, sizeof x);
    if (!std::isfinite(x)) continue;
    CHECK(std::strtod(gibbs::cli::shortest(x).c_str(), nullptr) == x);
    CHECK(std::strtod(gibbs::cli::hex(x).c_str(), nullptr) == x);
  }
}
