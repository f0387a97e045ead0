// Property tests of gaussian_kl, vae_kl and bits_per_dim: the laws of gibbs/property/gaussian.hpp
// over random diagonal Gaussians (1 to 8 dimensions, means in [-5, 5], log-sigmas in [-3, 3],
// half of them near equality) in float, double, long double and double_double, and the error of
// each type against MPFR's textbook formulas (tests/support/reference_gaussian.hpp, error bound
// below 2^-80 of the value), with the maxima printed.
#include <gibbs/number/double_double.hpp>
#include <gibbs/property/gaussian.hpp>

#include "../support/random.hpp"
#include "../support/reference_gaussian.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

namespace ref = gibbs_test::gaussian_reference;

namespace {

struct gaussians {
  std::vector<double> mp, sp, mq, sq;
};

/// Random pairs; the inputs are numbers of T (rounded to T, then widened).
template <class T>
std::vector<gaussians> random_pairs(const std::string& label, int count) {
  std::mt19937_64 g = gibbs_test::rng_for(label);
  std::uniform_real_distribution<double> mean(-5, 5), logsd(-3, 3), near(-1e-4, 1e-4);
  std::vector<gaussians> out;
  const auto in_t = [](double x) { return static_cast<double>(static_cast<T>(x)); };
  for (int k = 0; k < count; ++k) {
    gaussians c;
    const int n = 1 + k % 8;
    for (int i = 0; i < n; ++i) {
      c.mp.push_back(in_t(mean(g)));
      c.sp.push_back(in_t(std::exp(logsd(g))));
      c.mq.push_back(k % 2 ? in_t(c.mp.back() + near(g)) : in_t(mean(g)));
      c.sq.push_back(k % 2 ? in_t(c.sp.back() * (1 + near(g))) : in_t(std::exp(logsd(g))));
    }
    out.push_back(c);
  }
  return out;
}

template <class T>
std::vector<T> as(const std::vector<double>& x) {
  return std::vector<T>(x.begin(), x.end());
}

template <class T>
double relative_error(const T& got, const ref::number& r) {
  ref::number g(256), e(256);
  if constexpr (std::is_same_v<T, gibbs::double_double>) {
    mpfr_set_d(g.get(), got.hi, MPFR_RNDN);
    mpfr_add_d(g.get(), g.get(), got.lo, MPFR_RNDN);
  } else {
    mpfr_set_ld(g.get(), static_cast<long double>(got), MPFR_RNDN);
  }
  mpfr_sub(e.get(), g.get(), r.get(), MPFR_RNDN);
  mpfr_div(e.get(), e.get(), r.get(), MPFR_RNDN);
  return std::fabs(e.to_double());
}

template <class T>
void check_laws_and_accuracy(const char* name, double eps) {
  INFO("type " << name << ", GIBBS_SEED " << gibbs_test::seed());
  double worst = 0, worst_vae = 0;
  for (const gaussians& c : random_pairs<T>(std::string("gaussian ") + name, 300)) {
    const auto mp = as<T>(c.mp), sp = as<T>(c.sp), mq = as<T>(c.mq), sq = as<T>(c.sq);
    const T kl = gibbs::gaussian_kl(mp, sp, mq, sq);
    CHECK(gibbs::property::values::gaussian_kl_nonnegative(kl));
    CHECK(gibbs::property::values::gaussian_kl_zero_iff_equal(mp, sp, mq, sq, kl));
    CHECK(gibbs::property::gaussian_kl_zero_iff_equal(mp, sp, mp, sp));
    bool sigmas_differ = false;
    for (std::size_t i = 0; i < c.sp.size(); ++i)
      sigmas_differ = sigmas_differ || std::fabs(c.sp[i] / c.sq[i] - 1) > 1e-2;
    if (sigmas_differ) CHECK(gibbs::property::gaussian_kl_asymmetric(mp, sp, mq, sq));
    const double e = relative_error(kl, ref::gaussian_kl(c.mp, c.sp, c.mq, c.sq)) / eps;
    CHECK(e <= 8);
    worst = std::max(worst, e);
    // The VAE term on the same means, logvar = 2 log sigma_p.
    std::vector<double> lv;
    for (double s : c.sp)
      lv.push_back(static_cast<double>(static_cast<T>(2 * std::log(s))));
    const auto lvt = as<T>(lv);
    CHECK(gibbs::property::vae_kl_is_gaussian_kl(mp, lvt));
    const double ev = relative_error(gibbs::vae_kl(mp, lvt), ref::vae_kl(c.mp, lv)) / eps;
    CHECK(ev <= 8);
    worst_vae = std::max(worst_vae, ev);
    CHECK(gibbs::property::bits_per_dim_is_mean_nll_in_bits(mp, 1 + c.mp.size()));
  }
  std::printf("%s: max relative error gaussian_kl %.2f eps, vae_kl %.2f eps (300 random pairs)\n",
              name, worst, worst_vae);
}

} // namespace

TEST_CASE("gaussian laws and accuracy in float", "[gaussian][property]") {
  check_laws_and_accuracy<float>("float", 0x1p-24);
}
TEST_CASE("gaussian laws and accuracy in double", "[gaussian][property]") {
  check_laws_and_accuracy<double>("double", 0x1p-53);
}
TEST_CASE("gaussian laws and accuracy in long double", "[gaussian][property]") {
  check_laws_and_accuracy<long double>("long double", 0x1p-64);
}
TEST_CASE("gaussian laws and accuracy in double_double", "[gaussian][property]") {
  check_laws_and_accuracy<gibbs::double_double>("double_double", 0x1p-104);
}
