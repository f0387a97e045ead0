// Unit tests of gibbs::to_bits, to_base and bits_per_dimension.
//
// Reference values: MPFR (C API, 256 bits) computing x / log b directly.
#include <gibbs/measure/entropy.hpp>
#include <gibbs/measure/units.hpp>

#include "../support/check.hpp"
#include "../support/reference.hpp"

#include <array>
#include <cmath>
#include <limits>
#include <vector>

namespace {
// x / log(b), correctly rounded to the nearest double, from MPFR.
gibbs_test::mp ref_div_log(double x, double b) {
  gibbs_test::mp l(256), r(256);
  mpfr_set_d(l.get(), b, MPFR_RNDN);
  mpfr_log(l.get(), l.get(), MPFR_RNDN);
  mpfr_set_d(r.get(), x, MPFR_RNDN);
  mpfr_div(r.get(), r.get(), l.get(), MPFR_RNDN);
  return r;
}
} // namespace

TEST_CASE("to_bits and to_base against MPFR", "[units]") {
  // Two roundings (log b, then the division): at most 1 ulp plus a hair; measured max 1.2 ulp.
  constexpr double max_ulps = 1.5;
  for (const double x : {0.0, 1e-300, 0.5, 1.0, 2.5, 700.0, 1e300}) {
    CHECK(gibbs_test::ulp_error(gibbs::to_bits(x), ref_div_log(x, 2.0)) <= max_ulps);
    CHECK(gibbs_test::ulp_error(gibbs::to_base(x, 10.0), ref_div_log(x, 10.0)) <= max_ulps);
    CHECK(gibbs_test::ulp_error(gibbs::to_base(x, 0.5), ref_div_log(x, 0.5)) <= max_ulps);
  }
  CHECK(gibbs::to_bits(gibbs::entropy(std::array{0.5, 0.5})) == Approx(1.0).epsilon(1e-16));
  CHECK(gibbs::to_base(std::log(10.0), 10.0) == Approx(1.0).epsilon(1e-16));
  STATIC_REQUIRE(gibbs::to_bits(0.0) == 0.0);
}

TEST_CASE("bits_per_dimension", "[units]") {
  CHECK(gibbs::bits_per_dimension(3072 * std::log(2.0), 3072) == Approx(1.0).epsilon(1e-15));
  CHECK(gibbs::bits_per_dimension(0.0, 1) == 0.0);
}

TEST_CASE("units reject invalid input", "[units][errors]") {
  CHECK_INVALID(gibbs::to_base(1.0, 1.0), index_out_of_range, "to_base", "base", 0, 1.0);
  CHECK_INVALID(gibbs::to_base(1.0, 0.0), index_out_of_range, "to_base", "base", 0, 0.0);
  CHECK_INVALID(gibbs::to_base(1.0, -2.0), index_out_of_range, "to_base", "base", 0, -2.0);
  CHECK_INVALID(gibbs::to_base(1.0, std::numeric_limits<double>::quiet_NaN()), index_out_of_range,
                "to_base", "base", 0, std::numeric_limits<double>::quiet_NaN());
  CHECK_INVALID(gibbs::bits_per_dimension(1.0, 0), empty, "bits_per_dimension", "dimensions", 0,
                0.0);
}
