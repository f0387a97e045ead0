// tests/support/random.hpp: reproducible random distributions for the property tests.
//
// Every generator draws from gibbs_test::rng(), a std::mt19937_64 seeded from the environment
// variable GIBBS_SEED when it is set (decimal), from a fixed seed otherwise, so CI is deterministic
// and a failure seen elsewhere is replayed with `GIBBS_SEED=<seed> meson test ...`. Tests print
// the seed with Catch2's INFO so it appears in every failure report.
//
// The Dirichlet sampler works in log space (log Γ(α) variates via Marsaglia–Tsang with the
// α < 1 boost log U/α), so small concentrations yield the masses a float sampler would round to
// zero: subnormals and exact zeros come out naturally, as they do in real data.
#ifndef GIBBS_TESTS_SUPPORT_RANDOM_HPP
#define GIBBS_TESTS_SUPPORT_RANDOM_HPP

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <limits>
#include <random>
#include <string>
#include <vector>

namespace gibbs_test {

/// The seed of this run: GIBBS_SEED if set, else a fixed default.
inline std::uint64_t seed() {
  static const std::uint64_t s = [] {
    if (const char* e = std::getenv("GIBBS_SEED"); e != nullptr && *e != '\0')
      return static_cast<std::uint64_t>(std::strtoull(e, nullptr, 10));
    return std::uint64_t{20261124};
  }();
  return s;
}

/// A generator for one test case: seeded from seed() and the test's own label, so test cases do
/// not depend on the order in which they run.
inline std::mt19937_64 rng_for(const std::string& label) {
  std::uint64_t h = 1469598103934665603ull; // FNV-1a of the label, mixed with the seed
  for (const char c : label)
    h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
  std::seed_seq seq{static_cast<std::uint32_t>(seed()), static_cast<std::uint32_t>(seed() >> 32),
                    static_cast<std::uint32_t>(h), static_cast<std::uint32_t>(h >> 32)};
  return std::mt19937_64(seq);
}

/// log of a Gamma(α, 1) variate, finite for every α > 0 (Marsaglia–Tsang 2000; for α < 1,
/// Γ(α) = Γ(α + 1)·U^(1/α), taken in logs so that it does not underflow).
inline double log_gamma_variate(std::mt19937_64& g, double alpha) {
  std::uniform_real_distribution<double> uni(0.0, 1.0);
  if (alpha < 1.0) {
    double u = uni(g);
    while (u == 0.0)
      u = uni(g);
    return log_gamma_variate(g, alpha + 1.0) + std::log(u) / alpha;
  }
  std::normal_distribution<double> normal(0.0, 1.0);
  const double d = alpha - 1.0 / 3.0, c = 1.0 / std::sqrt(9.0 * d);
  for (;;) {
    const double x = normal(g);
    const double v1 = 1.0 + c * x;
    if (v1 <= 0.0) continue;
    const double v = v1 * v1 * v1;
    const double u = uni(g);
    if (u > 0.0 && std::log(u) < 0.5 * x * x + d - d * v + d * std::log(v)) return std::log(d * v);
  }
}

/// Neumaier-compensated sum of doubles (the tests' own, not the library's).
inline double sum(const std::vector<double>& x) {
  double s = 0.0, c = 0.0;
  for (const double v : x) {
    const double t = s + v;
    c += std::abs(s) >= std::abs(v) ? (s - t) + v : (v - t) + s;
    s = t;
  }
  return s + c;
}

/// Divides by the (compensated) sum; the result sums to 1 within a few ulps.
inline void normalize(std::vector<double>& x) {
  const double s = sum(x);
  for (double& v : x)
    v /= s;
}

/// Shape of a random distribution.
struct shape {
  std::size_t n = 10;
  double alpha = 1.0; ///< Dirichlet concentration
  double zeros = 0.0; ///< fraction of entries set to exact zero (at least one entry stays > 0)
  double tiny = 0.0;  ///< fraction of entries set to a tiny mass in [2^-1074, 2^-900]
};

/// A Dirichlet(α, …, α) sample of length n in double, with the requested zeros and tiny masses,
/// normalised in double.
inline std::vector<double> dirichlet(std::mt19937_64& g, const shape& s) {
  std::vector<double> lg(s.n);
  for (double& v : lg)
    v = log_gamma_variate(g, s.alpha);
  const double m = *std::max_element(lg.begin(), lg.end());
  std::vector<double> p(s.n);
  for (std::size_t i = 0; i < s.n; ++i)
    p[i] = std::exp(lg[i] - m); // the largest is exactly 1: the sum is never 0
  std::uniform_real_distribution<double> uni(0.0, 1.0);
  const auto top = static_cast<std::size_t>(std::max_element(lg.begin(), lg.end()) - lg.begin());
  for (std::size_t i = 0; i < s.n; ++i) {
    if (i == top) continue;
    const double r = uni(g);
    if (r < s.zeros)
      p[i] = 0.0;
    else if (r < s.zeros + s.tiny) {
      // two statements: the order in which function arguments are evaluated is unspecified (g++
      // and clang++ differ), and the cases must not depend on the compiler
      const double mantissa = 1.0 + uni(g);
      p[i] = std::ldexp(mantissa, -1074 + static_cast<int>(uni(g) * 174.0));
    }
  }
  normalize(p);
  return p;
}

/// q = p·(1 + rel·s_i), s_i uniform in [−1, 1], renormalised: a near-equal partner of p with the
/// same support.
inline std::vector<double> perturb(std::mt19937_64& g, const std::vector<double>& p, double rel) {
  std::uniform_real_distribution<double> uni(-1.0, 1.0);
  std::vector<double> q(p);
  for (double& v : q)
    v *= 1.0 + rel * uni(g);
  normalize(q);
  return q;
}

/// x cast to T and re-normalised *in T*. A distribution normalised in double, then rounded to
/// float, is off by up to n·ε(float)/2 and may fail the sum check; one division by its own sum in T
/// brings it back within a few ε(T) (this is what a user must do too).
template <class T>
std::vector<T> in_type(const std::vector<double>& x) {
  std::vector<T> y(x.size());
  T s(0), c(0);
  for (std::size_t i = 0; i < x.size(); ++i) {
    y[i] = T(x[i]);
    const T t = s + y[i];
    const T as = s < T(0) ? T(-s) : s, ay = y[i] < T(0) ? T(-y[i]) : y[i];
    c += !(as < ay) ? T((s - t) + y[i]) : T((y[i] - t) + s);
    s = t;
  }
  s += c;
  for (T& v : y)
    v = T(v / s);
  return y;
}

} // namespace gibbs_test

#endif // GIBBS_TESTS_SUPPORT_RANDOM_HPP
