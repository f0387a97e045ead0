// tests/property/distances.hpp: the laws of total variation, Hellinger, χ² and the Rényi
// divergences (gibbs::property, include/gibbs/property/distance.hpp) over the random pairs of
// cases.hpp, for any number type T, and the error of hellinger, chi_squared and renyi_divergence
// against the MPFR references of tests/support/reference.hpp (textbook formulas on the exact
// inputs). Seeds are fixed (GIBBS_SEED overrides, see tests/support/random.hpp).
#ifndef GIBBS_TESTS_PROPERTY_DISTANCES_HPP
#define GIBBS_TESTS_PROPERTY_DISTANCES_HPP

#include <gibbs/property/distance.hpp>

#include "../support/reference.hpp"
#include "cases.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <limits>
#include <sstream>
#include <string>
#include <type_traits>
#include <vector>

namespace gibbs_test::distances {

/// The orders every Rényi law is checked at, increasing, on both sides of 1.
inline const std::vector<double>& orders() {
  static const std::vector<double> a{0.001, 0.1, 0.25, 0.5, 0.9, 0.999, 1.001, 1.1, 2.0, 3.0, 10.0};
  return a;
}

template <class T>
struct typed_pair {
  std::vector<T> p, q;
  std::string what;
};

/// The pairs of cases.hpp in T (n ≤ max_n), renormalised in T.
template <class T>
std::vector<typed_pair<T>> pairs(const std::string& label, std::size_t max_n) {
  std::vector<typed_pair<T>> out;
  for (auto& c : pair_cases(label, max_n, max_n >= 100000 ? 2 : 0))
    out.push_back({in_type<T>(c.p), in_type<T>(c.q), c.what});
  return out;
}

template <class T>
std::string show(const T& x) {
  std::ostringstream s;
  s.precision(std::numeric_limits<T>::max_digits10);
  if constexpr (requires { s << x; })
    s << x;
  else
    s << static_cast<long double>(x); // double_double: hi + lo in long double
  return s.str();
}

#define GIBBS_DISTANCE_LAW(law, ...)                                                               \
  do {                                                                                             \
    const auto r = law;                                                                            \
    INFO(#law << ": lhs " << show(r.lhs) << ", rhs " << show(r.rhs) << ", tolerance "              \
              << show(r.tolerance) << __VA_ARGS__);                                                \
    CHECK(r.holds);                                                                                \
  } while (false)

/// Every law of distance.hpp over the pairs, in T.
template <class T>
void check_laws(const std::string& type, std::size_t max_n) {
  namespace gp = gibbs::property;
  for (const auto& c : pairs<T>("distances " + type, max_n)) {
    INFO("seed " << seed() << " (set GIBBS_SEED to replay), case: " << c.what << " in " << type);
    GIBBS_DISTANCE_LAW(gp::total_variation_bounds(c.p, c.q), "");
    GIBBS_DISTANCE_LAW(gp::hellinger_bounds(c.p, c.q), "");
    GIBBS_DISTANCE_LAW(gp::hellinger_total_variation(c.p, c.q), "");
    GIBBS_DISTANCE_LAW(gp::distances_zero_iff_equal(c.p, c.p), "");
    GIBBS_DISTANCE_LAW(gp::renyi_half_is_hellinger(c.p, c.q), "");
    GIBBS_DISTANCE_LAW(gp::kl_below_log_one_plus_chi_squared(c.p, c.q), "");
    std::vector<T> d;
    for (const double a : orders()) {
      const T alpha = T(a);
      d.push_back(gibbs::renyi_divergence(c.p, c.q, alpha));
      GIBBS_DISTANCE_LAW(gp::values::renyi_zero_iff_equal(c.p, c.p, alpha,
                                                          gibbs::renyi_divergence(c.p, c.p, alpha)),
                         ", alpha " << a);
      if (a > 0.99 && a < 1.01)
        GIBBS_DISTANCE_LAW(gp::values::renyi_tends_to_kl(c.p, c.q, alpha, d.back(),
                                                         gibbs::kl_divergence(c.p, c.q)),
                           ", alpha " << a);
    }
    for (std::size_t i = 0; i + 1 < d.size(); ++i)
      GIBBS_DISTANCE_LAW(gp::values::renyi_monotone_in_alpha(c.p, c.q, T(orders()[i]), d[i],
                                                             T(orders()[i + 1]), d[i + 1]),
                         ", alpha " << orders()[i] << " < " << orders()[i + 1]);
  }
}

/// Bounds in ulps of T: Hellinger, χ², Rényi (all orders).
struct ulp_bounds {
  double hellinger, chi_squared, renyi;
};

/// Error against MPFR over the pairs with n ≤ max_reference_n; prints the measured maxima.
template <class T>
void check_accuracy(const std::string& type, std::size_t max_reference_n, const ulp_bounds& b) {
  double worst_h = 0, worst_c = 0, worst_r = 0;
  std::string where_r;
  for (const auto& c : pairs<T>("distances accuracy " + type, max_reference_n)) {
    INFO("seed " << seed() << ", case: " << c.what << " in " << type);
    const double eh = ulp_error(T(gibbs::hellinger(c.p, c.q)), reference_hellinger(c.p, c.q));
    const double ec = ulp_error(T(gibbs::chi_squared(c.p, c.q)), reference_chi_squared(c.p, c.q));
    INFO("H: " << eh << " ulp, chi^2: " << ec << " ulp");
    CHECK(eh <= b.hellinger);
    CHECK(ec <= b.chi_squared);
    worst_h = std::max(worst_h, eh);
    worst_c = std::max(worst_c, ec);
    for (const double a : {0.1, 0.5, 0.999, 2.0, 10.0}) {
      const T alpha = T(a); // the reference takes the order the measure was given, exactly
      const double er = ulp_error(T(gibbs::renyi_divergence(c.p, c.q, alpha)),
                                  reference_renyi(c.p, c.q, static_cast<double>(alpha)));
      INFO("D_" << a << ": " << er << " ulp");
      CHECK(er <= b.renyi);
      if (er > worst_r) {
        worst_r = er;
        where_r = c.what + ", alpha " + std::to_string(a);
      }
    }
  }
  WARN(type << ": largest errors against MPFR: hellinger " << worst_h << " ulp, chi_squared "
            << worst_c << " ulp, renyi " << worst_r << " ulp (" << where_r << ")");
}

} // namespace gibbs_test::distances

#endif // GIBBS_TESTS_PROPERTY_DISTANCES_HPP
