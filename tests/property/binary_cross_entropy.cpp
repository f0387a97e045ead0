// Property tests of the binary cross-entropies: their laws (gibbs/property/binary.hpp) over
// random inputs in float, double, long double and mpfr_float (77 digits), and in mpfr_float the
// value against the MPFR references of tests/support/reference_bce.hpp (other formulas at 4096
// bits): at 256+ bits the rounding to double must agree with the reference's.
#include <gibbs/number/multiprecision.hpp>
#include <gibbs/property/binary.hpp>

#include "../support/reference_bce.hpp"

#include <boost/multiprecision/mpfr.hpp>
#include <catch2/catch.hpp>

#include <cmath>
#include <random>
#include <vector>

namespace {

using mpfr_256 = boost::multiprecision::number<boost::multiprecision::mpfr_float_backend<77>,
                                               boost::multiprecision::et_off>;

struct case_data {
  std::vector<double> x, y, z, w, ones;
};

std::vector<case_data> cases(int count) {
  std::mt19937_64 g(2024);
  std::uniform_real_distribution<double> u(0, 1);
  std::vector<case_data> out;
  for (int k = 0; k < count; ++k) {
    const int n = 1 + k % 8;
    case_data c;
    for (int i = 0; i < n; ++i) {
      double x = k % 4 == 0 ? 1 - std::ldexp(u(g), -(k % 40)) : u(g);
      if (x <= 0 || x >= 1) x = 0.5;
      c.x.push_back(x);
      c.y.push_back(k % 3 == 0 ? std::round(u(g)) : u(g));
      c.z.push_back(std::log(x) - std::log1p(-x)); // logit(x), rounded
      c.w.push_back(2 * u(g));
      c.ones.push_back(1.0);
    }
    out.push_back(c);
  }
  return out;
}

template <class T>
std::vector<T> as(const std::vector<double>& v) {
  return std::vector<T>(v.begin(), v.end());
}

template <class T>
void check_laws(int count) {
  for (const case_data& c : cases(count)) {
    auto x = as<T>(c.x);
    const auto y = as<T>(c.y), w = as<T>(c.w), ones = as<T>(c.ones);
    std::vector<T> z;
    for (T& xi : x) { // x in T strictly inside (0, 1); its logit computed in T
      if (!(xi > T(0) && xi < T(1))) xi = T(0.5);
      z.push_back(T(gibbs::log(xi) - gibbs::log1p(T(-xi))));
    }
    const std::vector<T> none;
    const auto g = gibbs::property::binary_cross_entropy_gibbs(x, y);
    INFO("BCE - h = " << static_cast<double>(g.lhs)
                      << ", 2 sum (x - y)^2 = " << static_cast<double>(g.rhs));
    CHECK(g.holds);
    const auto l = gibbs::property::logits_is_bce_of_sigmoid(x, z, y);
    INFO("BCE_logits = " << static_cast<double>(l.lhs) << ", BCE = " << static_cast<double>(l.rhs)
                         << ", tolerance " << static_cast<double>(l.tolerance));
    CHECK(l.holds);
    CHECK(gibbs::property::values::pos_weight_one_is_none(
        gibbs::binary_cross_entropy_with_logits(z, y, w, ones),
        gibbs::binary_cross_entropy_with_logits(z, y, w, none)));
    CHECK(gibbs::property::values::nonnegative(gibbs::binary_cross_entropy(x, y, w)));
  }
}

} // namespace

TEST_CASE("binary cross-entropy laws in float, double, long double",
          "[property][binary_cross_entropy]") {
  check_laws<float>(500);
  check_laws<double>(500);
  check_laws<long double>(200);
}

TEST_CASE("binary cross-entropy laws and values in mpfr_float (77 digits)",
          "[property][binary_cross_entropy][mpfr_float]") {
  check_laws<mpfr_256>(50);
  for (const case_data& c : cases(50)) {
    const auto x = as<mpfr_256>(c.x), y = as<mpfr_256>(c.y), z = as<mpfr_256>(c.z),
               w = as<mpfr_256>(c.w);
    CHECK(static_cast<double>(gibbs::binary_cross_entropy(x, y, w))
          == gibbs_test::bce::binary_cross_entropy(c.x, c.y, c.w));
    CHECK(static_cast<double>(gibbs::binary_cross_entropy_with_logits(z, y, w, w))
          == gibbs_test::bce::binary_cross_entropy_with_logits(c.z, c.y, c.w, c.w));
  }
}
