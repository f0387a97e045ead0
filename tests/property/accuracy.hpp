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

/// Bounds in ulps of T, per measure; a measure whose bound is +inf is not checked (see the
/// [!mayfail] test cases that check it instead, each naming its bug).
inline constexpr double unchecked = std::numeric_limits<double>::infinity();

struct ulp_bounds {
  double entropy, cross_entropy, kl, js, tv, nll;
};

/// Σ q_i over the i with 0 < p_i < q_i/4: the mass whose Bregman term cancels against p_i − q_i.
template <class T>
double small_ratio_mass(const std::vector<T>& p, const std::vector<T>& q) {
  double m = 0.0;
  for (std::size_t i = 0; i < p.size(); ++i)
    if (p[i] > T(0) && p[i] < T(q[i] / T(4))) m += static_cast<double>(q[i]);
  return m;
}

template <class T>
void check_accuracy(const std::string& type_name, const ulp_bounds& bound) {
  // MPFR references at n = 10^5 cost seconds each: double only (the type the oracle serves)
  const std::size_t max_reference_n = std::is_same_v<T, double> ? 100000 : 10000;
  constexpr double skip = std::numeric_limits<double>::infinity();
  std::map<std::string, max_error> worst;
  std::size_t known_bug_cases = 0;
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
      double e_kl = ulp_error(kl, ref_kl);
      double e_rkl = ulp_error(rkl, ref_rkl);
      // Known bug (reported; the [!mayfail] test case "KL loses p·log(p/q) when p ≪ q" in
      // double.cpp): Σ q·φ(u) + Σ(p − q) cancels when some 0 < p_i ≪ q_i, leaving an absolute
      // error of about ε·Σ_{p_i < q_i/4} q_i. Such errors are counted apart, not failed here.
      if (e_kl > bound.kl
          && abs_error(kl, ref_kl) <= 4.0 * double(eps<T>()) * small_ratio_mass(c.p, c.q)) {
        ++known_bug_cases;
        worst["kl_divergence (known bug)"].update(e_kl, c.what);
        e_kl = 0.0;
      }
      if (e_rkl > bound.kl
          && abs_error(rkl, ref_rkl) <= 4.0 * double(eps<T>()) * small_ratio_mass(c.q, c.p)) {
        ++known_bug_cases;
        worst["kl_divergence (known bug)"].update(e_rkl, c.what);
        e_rkl = 0.0;
      }
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
  if (known_bug_cases > 0)
    std::cout << "  " << known_bug_cases << " KL values hit the known p << q cancellation bug\n";
}

} // namespace gibbs_test

#endif // GIBBS_TESTS_PROPERTY_ACCURACY_HPP
