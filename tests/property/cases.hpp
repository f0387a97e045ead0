// tests/property/cases.hpp: the random inputs every property test runs over.
//
// Pairs (p, q) drawn in double (tests/support/random.hpp) and handed to each number type after a
// re-normalisation in that type (gibbs_test::in_type): rounding a double distribution to float
// moves its sum by up to n·ε(float)/2, which the library's sum check (4·n·ε(T), at least 2^-30)
// may reject, and renormalising in T is what a user of T has to do as well.
#ifndef GIBBS_TESTS_PROPERTY_CASES_HPP
#define GIBBS_TESTS_PROPERTY_CASES_HPP

#include "../support/random.hpp"

#include <cmath>
#include <string>
#include <vector>

namespace gibbs_test {

/// One pair of distributions and how it was made (printed on failure).
struct pair_case {
  std::vector<double> p, q;
  std::string what;
};

/// The concentrations of the Dirichlet draws.
inline const std::vector<double>& concentrations() {
  static const std::vector<double> a{0.01, 0.1, 1.0, 10.0, 100.0};
  return a;
}

/// The relative sizes of the perturbation of near-equal pairs: 1e-3 down to 2^-52.
inline const std::vector<double>& perturbations() {
  static const std::vector<double> r{1e-3, 1e-6, 1e-9, 1e-12, 0x1p-40, 0x1p-52};
  return r;
}

/// The pairs: independent Dirichlet draws at every concentration and size (some with exact zeros
/// and tiny masses down to 2^-1074), near-equal pairs at every perturbation, and `large` pairs at
/// n = 10^5. `max_n` trims the sizes for slow number types.
inline std::vector<pair_case> pair_cases(const std::string& label, std::size_t max_n = 100000,
                                         std::size_t large = 2) {
  auto g = rng_for(label);
  std::vector<pair_case> out;
  const std::vector<std::size_t> sizes{1, 2, 3, 10, 100, 1000};
  for (const double alpha : concentrations()) {
    for (const std::size_t n : sizes) {
      if (n > max_n) continue;
      shape s{n, alpha, 0.0, 0.0};
      out.push_back(
          {dirichlet(g, s), dirichlet(g, s),
           "independent Dirichlet(" + std::to_string(alpha) + "), n = " + std::to_string(n)});
      if (n >= 10) {
        // zeros and tiny masses in both; q's zeros may fall where p > 0 (KL = +inf is a case too)
        shape z{n, alpha, 0.2, 0.2};
        out.push_back({dirichlet(g, z), dirichlet(g, z),
                       "Dirichlet(" + std::to_string(alpha)
                           + ") with zeros and tiny masses, n = " + std::to_string(n)});
      }
    }
  }
  for (const double rel : perturbations()) {
    for (const std::size_t n : {2u, 10u, 1000u}) {
      if (n > max_n) continue;
      const auto p = dirichlet(g, {n, 1.0, 0.1, 0.1});
      out.push_back({p, perturb(g, p, rel),
                     "near-equal, relative " + std::to_string(rel) + ", n = " + std::to_string(n)});
    }
  }
  const std::size_t big = std::min<std::size_t>(max_n, 100000);
  if (big >= 10000) {
    for (std::size_t k = 0; k < large; ++k) {
      const double alpha = k % 2 == 0 ? 1.0 : 0.1;
      const auto p = dirichlet(g, {big, alpha, 0.0, 0.05});
      if (k % 2 == 0)
        out.push_back({p, dirichlet(g, {big, alpha, 0.0, 0.0}),
                       "large independent, n = " + std::to_string(big)});
      else
        out.push_back({p, perturb(g, p, 1e-6), "large near-equal, n = " + std::to_string(big)});
    }
  }
  return out;
}

} // namespace gibbs_test

#endif // GIBBS_TESTS_PROPERTY_CASES_HPP
