// Property tests of total variation, Hellinger, χ² and the Rényi divergences: the laws of
// gibbs/property/distance.hpp over the random pairs of cases.hpp in float, double, long double,
// double_double, cpp_bin_float_50 and mpfr_float (distances.hpp), the error against MPFR
// references computed with the textbook formulas (tests/support/reference.hpp), and, on Boost's
// mpfi_float, that the measures return rigorous enclosures: the MPFR reference value (good to
// 2^-400 relative) lies inside the interval.
#include <gibbs/number/double_double.hpp>
#include <gibbs/number/multiprecision.hpp>

#include "distances.hpp"

#include <boost/multiprecision/cpp_bin_float.hpp>
#include <boost/multiprecision/mpfi.hpp>
#include <boost/multiprecision/mpfr.hpp>

namespace mp = boost::multiprecision;
using gibbs_test::distances::check_accuracy;
using gibbs_test::distances::check_laws;

TEST_CASE("distances: laws in double", "[property][distances][double]") {
  check_laws<double>("double", 100000);
}
TEST_CASE("distances: laws in float", "[property][distances][float]") {
  check_laws<float>("float", 100000);
}
TEST_CASE("distances: laws in long double", "[property][distances][long double]") {
  check_laws<long double>("long double", 1000);
}
TEST_CASE("distances: laws in double_double", "[property][distances][double_double]") {
  check_laws<gibbs::double_double>("double_double", 100);
}
TEST_CASE("distances: laws in cpp_bin_float_50", "[property][distances][cpp_bin_float]") {
  check_laws<mp::cpp_bin_float_50>("cpp_bin_float_50", 100);
}
TEST_CASE("distances: laws in mpfr_float", "[property][distances][mpfr_float]") {
  using mpfr_256 = mp::number<mp::mpfr_float_backend<77>, mp::et_off>;
  check_laws<mpfr_256>("mpfr_float", 100);
}

TEST_CASE("distances: error against MPFR, in ulps", "[property][distances][accuracy]") {
  // Measured maxima over the fixed seed (printed as warnings): double H 1.31, χ² 1.57, D_α 3.07;
  // float 1.24, 1.09, 2.89; long double 1.42, 2.17, 2.99 ulp. The bounds leave margin.
  check_accuracy<double>("double", 1000, {3, 3, 8});
  check_accuracy<float>("float", 1000, {3, 3, 8});
  check_accuracy<long double>("long double", 100, {3, 3, 8});
}

namespace {

using interval = mp::mpfi_float_50;

/// lower ≤ ref ≤ upper for the interval x.
bool encloses(const interval& x, const gibbs_test::mp& ref) {
  if (mpfr_inf_p(ref.get())) return mpfr_inf_p(&x.backend().data()->right) != 0;
  return mpfr_lessequal_p(&x.backend().data()->left, ref.get())
         && mpfr_lessequal_p(ref.get(), &x.backend().data()->right);
}

std::string show(const interval& x) {
  char buf[256];
  mpfr_snprintf(buf, sizeof buf, "[%.20Rg, %.20Rg]", &x.backend().data()->left,
                &x.backend().data()->right);
  return buf;
}

} // namespace

TEST_CASE("distances: Boost's mpfi_float gets rigorous enclosures", "[property][distances][mpfi]") {
  for (const auto& c : gibbs_test::pair_cases("distances mpfi", 100, 0)) {
    INFO("seed " << gibbs_test::seed() << ", case: " << c.what);
    std::vector<interval> p(c.p.begin(), c.p.end()), q(c.q.begin(), c.q.end());
    const auto P = gibbs_test::to_mp(c.p, 60), Q = gibbs_test::to_mp(c.q, 60);
    const auto ref = [](auto f) { return gibbs_test::reference_with(f, 400); };
    const interval h = gibbs::hellinger(p, q);
    const auto rh = ref([&](mpfr_prec_t prec) { return gibbs_test::hellinger_at(P, Q, prec); });
    INFO("H = " << show(h) << ", reference " << gibbs_test::to_string(rh));
    CHECK(encloses(h, rh));
    const interval chi = gibbs::chi_squared(p, q);
    const auto rc = ref([&](mpfr_prec_t prec) { return gibbs_test::chi_squared_at(P, Q, prec); });
    INFO("chi^2 = " << show(chi) << ", reference " << gibbs_test::to_string(rc));
    CHECK(encloses(chi, rc));
    for (const double a : {0.1, 0.5, 0.999, 1.001, 2.0, 10.0}) {
      const interval d = gibbs::renyi_divergence(p, q, interval(a));
      const auto rd = ref([&](mpfr_prec_t prec) { return gibbs_test::renyi_at(P, Q, a, 0, prec); });
      INFO("D_" << a << " = " << show(d) << ", reference " << gibbs_test::to_string(rd));
      CHECK(encloses(d, rd));
    }
  }
}
