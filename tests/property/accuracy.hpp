// tests/property/accuracy.hpp: the error of every measure against an independent MPFR reference
// (tests/support/reference.hpp: the textbook formulas on the exact inputs, raised in precision
// until the reference is good to digits(T) + 40 bits), in ulps of T, over the random cases.
//
// Each test prints the measured maximum per measure (so the bounds below can be re-derived) and
// checks it against a bound stated per measure in the test file that instantiates it.
#ifndef GIBBS_TESTS_PROPERTY_ACCURACY_HPP
#define GIBBS_TESTS_PROPERTY_ACCURACY_HPP

#include "../support/reference.hpp"
#include "laws.hpp"

#include <iostream>
#include <map>

namespace gibbs_test {

/// Measured maximum error of one measure: its value in ulps and the case where it occurred.
struct max_error {
  double ulps = 0.0;
  std::string where;
  void update(double u, const std::string& w) {
    if (u > ulps || u != u) {
      ulps = u;
      where = w;
    }
  }
};

/// Bounds in ulps of T, per measure (+inf skips a measure; no test does any more).
struct ulp_bounds {
  double entropy, cross_entropy, kl, js, tv, nll;
};

template <class T>
void check_accuracy(const std::string& type_name, const ulp_bounds& bound) {
  // MPFR references at n = 10^5 cost seconds each: double only (the type the oracle serves)
  const std::size_t max_reference_n = std::is_same_v<T, double> ? 100000 : 10000;
  constexpr double skip = std::numeric_limits<double>::infinity();
  std::map<std::string, max_error> worst;
  auto g = rng_for("accuracy");
  for (const auto& c : cases<T>(type_name)) {
    if (c.p.size() > max_reference_n) continue;
    GIBBS_LAW_INFO(c);
    if (bound.entropy != skip) {
      const double e = ulp_error(T(gibbs::entropy(c.p)), reference_entropy(c.p));
      worst["entropy"].update(e, c.what);
      INFO("H: " << e << " ulp");
      CHECK(e <= bound.entropy);
    }
    if (bound.cross_entropy != skip) {
      const double e =
          ulp_error(T(gibbs::cross_entropy(c.p, c.q)), reference_cross_entropy(c.p, c.q));
      worst["cross_entropy"].update(e, c.what);
      INFO("H(p, q): " << e << " ulp");
      CHECK(e <= bound.cross_entropy);
    }
    if (bound.kl != skip) {
      const auto ref_kl = reference_kl(c.p, c.q), ref_rkl = reference_kl(c.q, c.p);
      const T kl = gibbs::kl_divergence(c.p, c.q), rkl = gibbs::reverse_kl_divergence(c.p, c.q);
      // (No exemption any more for 0 < p_i ≪ q_i: the far terms are taken directly since
      // da2d207, and the test case "KL loses p·log(p/q) when p ≪ q" in double.cpp keeps it so.)
      const double e_kl = ulp_error(kl, ref_kl), e_rkl = ulp_error(rkl, ref_rkl);
      worst["kl_divergence"].update(std::max(e_kl, e_rkl), c.what);
      INFO("KL: " << e_kl << " ulp, reverse KL: " << e_rkl << " ulp");
      CHECK(e_kl <= bound.kl);
      CHECK(e_rkl <= bound.kl);
    }
    if (bound.js != skip) {
      const double e = ulp_error(T(gibbs::jensen_shannon(c.p, c.q)), reference_js(c.p, c.q));
      worst["jensen_shannon"].update(e, c.what);
      INFO("JS: " << e << " ulp");
      CHECK(e <= bound.js);
    }
    if (bound.tv != skip) {
      const double e = ulp_error(T(gibbs::total_variation(c.p, c.q)), reference_tv(c.p, c.q));
      worst["total_variation"].update(e, c.what);
      INFO("TV: " << e << " ulp");
      CHECK(e <= bound.tv);
    }
    if (bound.nll != skip && c.q.size() <= 1000) {
      std::vector<double> w(c.q.size());
      for (std::size_t i = 0; i < w.size(); ++i)
        w[i] = static_cast<double>(c.q[i]);
      std::discrete_distribution<std::size_t> draw(w.begin(), w.end());
      std::vector<std::size_t> s(100);
      for (auto& x : s) {
        do
          x = draw(g);
        while (!(c.q[x] > T(0)));
      }
      const double e_nll = ulp_error(T(gibbs::nll(c.q, s)), reference_nll(c.q, s));
      worst["nll"].update(e_nll, c.what);
      CHECK(e_nll <= bound.nll);
    }
  }
  std::cout << "max ulp error in " << type_name << " (seed " << seed() << "):\n";
  for (const auto& [name, e] : worst)
    std::cout << "  " << name << ": " << e.ulps << " ulp  (" << e.where << ")\n";
}

} // namespace gibbs_test

#endif // GIBBS_TESTS_PROPERTY_ACCURACY_HPP
