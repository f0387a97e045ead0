// tests/number/test_tables.cpp: every entry of the generated tables (detail/tables.hpp) against
// MPFR (https://www.mpfr.org) recomputed here at 500 bits, and the bounds the error analysis of
// detail/fast.hpp assumes (|z| <= 2^-7 for every log interval).
#include "../support/mpfr.hpp"
#include "gibbs/number/detail/tables.hpp"

#include <catch2/catch.hpp>
#include <mpfr.h>

#include <cmath>

namespace tables = gibbs::detail::tables;

namespace {

/// true if (hi, lo) == (RN(v), RN(v - RN(v))).
bool is_nearest_dd(mpfr_srcptr v, double hi, double lo) {
  gibbs_test::mp r(600);
  const double h = mpfr_get_d(v, MPFR_RNDN);
  mpfr_sub_d(r, v, h, MPFR_RNDN);
  const double l = mpfr_get_d(r, MPFR_RNDN);
  return h == hi && l == lo;
}

} // namespace

TEST_CASE("log table: T_i is the nearest double-double of -log(rho_i) or -log(2 rho_i)",
          "[number][tables]") {
  gibbs_test::mp v(500);
  for (int i = 0; i < 128; ++i) {
    const auto& e = tables::log_table[static_cast<std::size_t>(i)];
    INFO("entry " << i);
    CHECK(e.r >= 1024u);
    CHECK(e.r <= 2048u);
    mpfr_set_ui(v, e.r, MPFR_RNDN);
    mpfr_div_2ui(v, v, i >= tables::log_upper ? 10 : 11, MPFR_RNDN);
    mpfr_log(v, v, MPFR_RNDN);
    mpfr_neg(v, v, MPFR_RNDN);
    CHECK(is_nearest_dd(v, e.t_hi, e.t_lo));
    // |z| = |m rho - 1| <= 2^-7 over the interval m in [1 + i/128, 1 + (i+1)/128)
    const double rho = e.r * 0x1p-11;
    const double z0 = (1.0 + i / 128.0) * rho - 1.0;
    const double z1 = (1.0 + (i + 1) / 128.0) * rho - 1.0;
    CHECK(std::fabs(z0) <= 0x1p-7);
    CHECK(std::fabs(z1) <= 0x1p-7);
  }
  CHECK(tables::log_table[0].t_hi == 0.0);
  CHECK(tables::log_table[127].t_hi == 0.0);
}

TEST_CASE("exp table and constants are the nearest double-doubles", "[number][tables]") {
  gibbs_test::mp v(500), w(500);
  for (int j = 0; j < 64; ++j) {
    mpfr_set_si(v, j, MPFR_RNDN);
    mpfr_div_ui(v, v, 64, MPFR_RNDN);
    mpfr_exp2(v, v, MPFR_RNDN);
    INFO("2^(" << j << "/64)");
    CHECK(is_nearest_dd(v, tables::exp2_table[static_cast<std::size_t>(j)].hi,
                        tables::exp2_table[static_cast<std::size_t>(j)].lo));
  }
  mpfr_const_log2(v, MPFR_RNDN);
  CHECK(is_nearest_dd(v, tables::ln2_hi, tables::ln2_lo));
  // ln2/64 = c_hi + c_lo + d with c_hi of at most 36 bits and |d| <= 2^-99
  mpfr_div_ui(v, v, 64, MPFR_RNDN);
  mpfr_sub_d(w, v, tables::ln2_64_hi, MPFR_RNDN);
  mpfr_sub_d(w, w, tables::ln2_64_lo, MPFR_RNDN);
  mpfr_abs(w, w, MPFR_RNDN);
  CHECK(mpfr_cmp_ui_2exp(w, 1, -99) <= 0);
  const double scaled = std::ldexp(tables::ln2_64_hi, 7 + 35); // 36 bits -> an integer
  CHECK(scaled == std::floor(scaled));
  mpfr_set_ui(v, 1, MPFR_RNDN);
  mpfr_div_ui(v, v, 3, MPFR_RNDN);
  CHECK(is_nearest_dd(v, tables::inv3_hi, tables::inv3_lo));
  mpfr_set_ui(v, 1, MPFR_RNDN);
  mpfr_div_ui(v, v, 6, MPFR_RNDN);
  CHECK(is_nearest_dd(v, tables::inv6_hi, tables::inv6_lo));
}
