// Unit tests of gibbs::softmax and gibbs::log_softmax into an output span, in every number type
// (float, double, long double, gibbs::double_double, gibbs::binary16, gibbs::bfloat16,
// boost::multiprecision's mpfr_float at 30 digits), and their laws (gibbs/property/softmax.hpp).
//
// Reference values: MPFR (C API, 600 bits) from the definitions without the max shift of gibbs,
// softmax_i = e^{z_i} / Σ_j e^{z_j} and log_softmax_i = z_i − log Σ_j e^{z_j} (MPFR's exponent
// range holds e^{±10^4}); its error (below 2^-580 relative) is negligible against the tolerance
// checked, the bound ε·(2|z_i − max z| + 2·log n + 8) of gibbs/property/softmax.hpp's derivation
// (relative for softmax, absolute for log_softmax).
#include <gibbs/measure/softmax.hpp>
#include <gibbs/number/double_double.hpp>
#include <gibbs/number/multiprecision.hpp>
#include <gibbs/number/small_float.hpp>
#include <gibbs/property/softmax.hpp>

#include <boost/multiprecision/mpfr.hpp>
#include <catch2/catch.hpp>
#include <mpfr.h>

#include <array>
#include <cmath>
#include <limits>
#include <span>
#include <string>
#include <vector>

namespace {

using V = std::vector<double>;

/// The reference softmax (or log_softmax) of z at 600 bits, as long doubles (see the top).
std::vector<long double> reference(const V& z, bool log_form) {
  mpfr_t s, t, u;
  mpfr_inits2(600, s, t, u, static_cast<mpfr_ptr>(nullptr));
  mpfr_set_ui(s, 0, MPFR_RNDN);
  for (const double v : z) {
    mpfr_set_d(t, v, MPFR_RNDN);
    mpfr_exp(t, t, MPFR_RNDN);
    mpfr_add(s, s, t, MPFR_RNDN);
  }
  std::vector<long double> out;
  for (const double v : z) {
    mpfr_set_d(t, v, MPFR_RNDN);
    if (log_form) {
      mpfr_log(u, s, MPFR_RNDN);
      mpfr_sub(t, t, u, MPFR_RNDN);
    } else {
      mpfr_exp(t, t, MPFR_RNDN);
      mpfr_div(t, t, s, MPFR_RNDN);
    }
    out.push_back(mpfr_get_ld(t, MPFR_RNDN));
  }
  mpfr_clears(s, t, u, static_cast<mpfr_ptr>(nullptr));
  return out;
}

const std::vector<V> cases = {
    {0.0, 0.0},       {1.0, 2.0, 3.0},       {-1.0, 0.5, 0.25, 8.0},       {10.0, 0.0, -10.0},
    {4.0, 4.0, -4.0}, {0.125, 0.125, 0.125}, {-30.0, -31.5, -29.0, -30.0}, {2.0},
};

template <class T>
double to_double(const T& x) {
  return static_cast<double>(x);
}
template <>
double to_double(const gibbs::double_double& x) {
  return x.hi + x.lo;
}

/// softmax and log_softmax of every case in T against the reference, within the derived bound
/// (plus `tiny`, the type's smallest subnormal, for a softmax output that underflows).
template <class T>
void check_type(double eps, double tiny = 0) {
  for (const V& z : cases) {
    std::vector<T> zt;
    for (const double v : z)
      zt.push_back(T(v));
    std::vector<T> s(z.size()), ls(z.size());
    gibbs::softmax(zt, std::span<T>(s));
    gibbs::log_softmax(zt, std::span<T>(ls));
    const std::vector<long double> rs = reference(z, false), rl = reference(z, true);
    double m = z[0];
    for (const double v : z)
      m = v > m ? v : m;
    for (std::size_t i = 0; i < z.size(); ++i) {
      const double bound =
          eps * (2 * std::fabs(z[i] - m) + 2 * std::log(static_cast<double>(z.size())) + 8);
      INFO("z[0] = " << z[0] << ", i = " << i << ", softmax " << to_double(s[i]) << " vs "
                     << static_cast<double>(rs[i]) << ", log_softmax " << to_double(ls[i]) << " vs "
                     << static_cast<double>(rl[i]) << ", bound " << bound);
      CHECK(std::fabs(static_cast<long double>(to_double(s[i])) - rs[i]) <= bound * rs[i] + tiny);
      CHECK(std::fabs(static_cast<long double>(to_double(ls[i])) - rl[i]) <= bound);
    }
    CHECK(gibbs::property::softmax_sums_to_one(zt));
    CHECK(gibbs::property::softmax_in_unit_interval(zt));
    CHECK(gibbs::property::log_softmax_nonpositive(zt));
    CHECK(gibbs::property::softmax_shift_invariant(zt, T(8)));
  }
}

} // namespace

TEST_CASE("softmax and log_softmax in double, float and long double agree with MPFR", "[softmax]") {
  check_type<double>(std::numeric_limits<double>::epsilon());
  check_type<float>(std::numeric_limits<float>::epsilon());
  // long double values are compared after a rounding to double: that rounding's ε.
  check_type<long double>(std::numeric_limits<double>::epsilon());
}

TEST_CASE("softmax and log_softmax in double_double, binary16, bfloat16 and mpfr_float",
          "[softmax]") {
  check_type<gibbs::double_double>(std::numeric_limits<double>::epsilon());
  check_type<gibbs::binary16>(0x1p-10, 0x1p-24); // an output may underflow: 2^-24
  check_type<gibbs::bfloat16>(0x1p-7, 0x1p-133);
  // mpfr_float at 30 decimal digits (100 bits), compared after a rounding to double.
  using mpfr_30 = boost::multiprecision::number<boost::multiprecision::mpfr_float_backend<30>,
                                                boost::multiprecision::et_off>;
  check_type<mpfr_30>(std::numeric_limits<double>::epsilon());
}

TEST_CASE("softmax of huge logits: no overflow, 1/m for m equal maxima", "[softmax]") {
  const std::array z{1e308, -1e308, 1e308, 0.0};
  std::array<double, 4> s{}, ls{};
  gibbs::softmax(z, std::span<double>(s));
  gibbs::log_softmax(z, std::span<double>(ls));
  CHECK(s[0] == 0.5);
  CHECK(s[2] == 0.5);
  CHECK(s[1] == 0.0);
  CHECK(s[3] == 0.0);
  CHECK(ls[0] == -std::log(2.0));
  CHECK(ls[1] == -std::numeric_limits<double>::infinity());
  CHECK(ls[3] == -1e308);
  CHECK(gibbs::property::softmax_sums_to_one(z));
  CHECK(gibbs::property::log_softmax_nonpositive(z));
}

TEST_CASE("shift invariance is exact for exact shifts, and caught when false", "[softmax]") {
  const std::array z{0.5, -1.25, 3.0, 3.0};
  CHECK(gibbs::property::softmax_shift_invariant(z, 1024.0));
  CHECK(gibbs::property::softmax_shift_invariant(z, -0.75));
  // An inexact shift: within the tolerance.
  CHECK(gibbs::property::softmax_shift_invariant(z, 0.1));
  // The sum law fails for a vector that is not a softmax (a law must be able to fail): scaling
  // by 2 is not a shift, so softmax(2z) != softmax(z).
  const std::array twice{1.0, -2.5, 6.0, 6.0};
  std::array<double, 4> a{}, b{};
  gibbs::softmax(z, std::span<double>(a));
  gibbs::softmax(twice, std::span<double>(b));
  CHECK(a[0] != b[0]);
}

TEST_CASE("softmax and log_softmax: errors name the argument, the index and the value",
          "[softmax]") {
  std::array<double, 3> out{};
  const std::array bad{1.0, std::nan(""), 2.0};
  CHECK_THROWS_WITH(gibbs::softmax(bad, std::span<double>(out)),
                    Catch::Contains("softmax") && Catch::Contains("logits[1]"));
  const std::array inf{1.0, 2.0, std::numeric_limits<double>::infinity()};
  CHECK_THROWS_WITH(gibbs::log_softmax(inf, std::span<double>(out)),
                    Catch::Contains("log_softmax") && Catch::Contains("logits[2]"));
  const std::vector<double> none;
  std::vector<double> no_out;
  CHECK_THROWS_WITH(gibbs::softmax(none, std::span<double>(no_out)), Catch::Contains("empty"));
  const std::array two{1.0, 2.0};
  CHECK_THROWS_WITH(gibbs::softmax(two, std::span<double>(out)), Catch::Contains("out"));
}

TEST_CASE("logits_cross_entropy_grad: softmax minus the target, summing to 0", "[softmax]") {
  const std::array z{0.5, -1.0, 2.0, 40.0};
  std::array<double, 4> g{}, h{};
  const std::vector<long double> s = reference(V(z.begin(), z.end()), false);
  gibbs::logits_cross_entropy_grad(z, 3, std::span<double>(g));
  const std::array t{0.25, 0.25, 0.25, 0.25};
  gibbs::logits_cross_entropy_grad(z, t, std::span<double>(h));
  const double eps = std::numeric_limits<double>::epsilon();
  long double sum = 0;
  for (std::size_t i = 0; i < 4; ++i) {
    // The target's entry s_3 - 1 = -(s_0 + s_1 + s_2) ~ -1e-17: relative accuracy (expm1).
    const long double want = i == 3 ? -(s[0] + s[1] + s[2]) : s[i];
    const double bound = eps * (2 * std::fabs(z[i] - 40.0) + 2 * std::log(4.0) + 8);
    CHECK(std::fabs(g[i] - want) <= bound * std::fabs(want));
    CHECK(std::fabs(h[i] - (s[i] - 0.25L)) <= bound * s[i] + eps);
    sum += g[i];
  }
  CHECK(std::fabs(sum) <= 8 * eps);
  CHECK_THROWS_WITH(gibbs::logits_cross_entropy_grad(z, 4, std::span<double>(g)),
                    Catch::Contains("target"));
}
