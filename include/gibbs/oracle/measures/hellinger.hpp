// gibbs/oracle/measures/hellinger.hpp: the oracle's descriptor of the Hellinger distance
// H(p, q) = sqrt(sum (sqrt p_i - sqrt q_i)^2 / 2).
//
// Exact values. 2H^2 = sum p_i + sum q_i - 2 sum sqrt(p_i q_i). When every p_i q_i is the square
// of a dyadic rational, each sqrt(p_i q_i) is a double (at most 53 significant bits, exponent in
// range) and 2H^2 is an exact sum of doubles: H is exact iff that dyadic is a square, which MPFR's
// square root decides (ternary 0). Otherwise some sqrt(p_i q_i) is irrational, and a sum of
// positive multiples of square roots of rationals with an irrational one among them is irrational
// (linear independence of square roots of square-free integers): H^2 and H are irrational, never
// a rounding midpoint, and Ziv's loop decides them.
#ifndef GIBBS_ORACLE_MEASURES_HELLINGER_HPP
#define GIBBS_ORACLE_MEASURES_HELLINGER_HPP

#include "gibbs/measure/hellinger.hpp"
#include "gibbs/oracle/descriptor.hpp"
#include "gibbs/oracle/detail/common.hpp"
#include "gibbs/property/distance.hpp"
#include "gibbs/property/divergence.hpp"

#include <algorithm>

#include <vector>

namespace gibbs::oracle::detail::hellinger_measure {

/// Valid p, q; 0 when p == q.
inline bool prepare(const view& r, prepared& x, result& out) {
  const pair_scan scan = check_pair(r);
  x.p = r.p;
  x.q = r.q;
  if (scan.equal) return known(0.0, r, out);
  return false;
}

/// The exact value when every p_i q_i is a dyadic square and 2H^2 is one too (see the top).
inline bool exact(const view&, const prepared& x, big& v) {
  std::vector<double> terms;
  terms.reserve(3 * x.p.size());
  big prod(110), root(64);
  for (std::size_t i = 0; i < x.p.size(); ++i) {
    const double a = x.p[i], b = x.q[i];
    terms.push_back(a);
    terms.push_back(b);
    if (a == 0 || b == 0) continue;
    mpfr_set_d(prod.get(), a, MPFR_RNDN);
    mpfr_mul_d(prod.get(), prod.get(), b, MPFR_RNDN); // exact: 106 bits
    if (mpfr_sqrt(root.get(), prod.get(), MPFR_RNDN) != 0) return false;
    terms.push_back(-2 * mpfr_get_d(root.get(), MPFR_RNDN)); // exact: <= 53 bits, in range
  }
  big twice_square(64);
  exact_sum(terms, twice_square);
  mpfr_div_2ui(twice_square.get(), twice_square.get(), 1, MPFR_RNDN); // H^2, exact
  mpfr_set_prec(v.get(), mpfr_get_prec(twice_square.get()) + 2);
  return mpfr_sqrt(v.get(), twice_square.get(), MPFR_RNDN) == 0;
}

/// gibbs::detail::hellinger_unchecked on intervals.
inline interval enclose(const view&, const prepared& x) {
  return gibbs::detail::hellinger_unchecked<interval>(x.p, x.q);
}

/// 0 <= H <= 1 (masses off 1 allowed for).
inline void laws(const answer_values& a, std::vector<std::string>& out) {
  in_format(a, [&](const auto& p, const auto& q, auto v, auto) {
    if (std::equal(p.begin(), p.end(), q.begin(), q.end())
        && !gibbs::property::values::zero_at_equality(v))
      out.push_back("identity");
    if (p.size() == q.size() && !p.empty() && !gibbs::property::values::hellinger_bounds(p, q, v))
      out.push_back("hellinger_bounds");
  });
}

} // namespace gibbs::oracle::detail::hellinger_measure

namespace gibbs::oracle {

inline constexpr descriptor hellinger_descriptor{
    .id = measure::hellinger,
    .name = "hellinger",
    .function = "oracle::hellinger",
    .formula = "H(p, q) = sqrt(sum (sqrt p_i - sqrt q_i)^2 / 2)",
    .inputs = input_p | input_q,
    .roles = {"the distribution p", "the distribution q"},
    .parameters = {},
    .variants = exact_only,
    .base = base_rule::rejected,
    .conformance_default = false,
    .laws_text = "0 <= H <= 1; H(p, p) = 0; H^2 <= TV <= sqrt(2) H",
    .prepare = detail::hellinger_measure::prepare,
    .exact = detail::hellinger_measure::exact,
    .fast = nullptr,
    .settle = nullptr,
    .enclose = detail::hellinger_measure::enclose,
    .laws = detail::hellinger_measure::laws,
};

} // namespace gibbs::oracle

#endif // GIBBS_ORACLE_MEASURES_HELLINGER_HPP
