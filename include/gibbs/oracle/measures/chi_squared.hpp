// gibbs/oracle/measures/chi_squared.hpp: the oracle's descriptor of Pearson's chi-squared
// divergence chi^2(p||q) = sum (p_i - q_i)^2 / q_i.
//
// Exact values. chi^2 is a rational number of the inputs. For up to exact_terms terms with
// p_i != q_i the sum is formed exactly in GMP's rationals: when its denominator is a power of two
// it is a dyadic, set exactly in MPFR and rounded once (exact = true when representable);
// otherwise it is a non-dyadic rational, neither representable nor a rounding midpoint, and Ziv's
// loop on the interval evaluation decides its rounding. With more terms only the interval
// evaluation runs: a dyadic value is then still correctly rounded but not flagged exact, and one on
// a midpoint ends in gibbs::oracle::undecided at the precision cap.
#ifndef GIBBS_ORACLE_MEASURES_CHI_SQUARED_HPP
#define GIBBS_ORACLE_MEASURES_CHI_SQUARED_HPP

#include "gibbs/measure/chi_squared.hpp"
#include "gibbs/oracle/descriptor.hpp"
#include "gibbs/oracle/detail/common.hpp"
#include "gibbs/property/divergence.hpp"

#include <algorithm>

#include <gmp.h>

#include <cstddef>

namespace gibbs::oracle::detail::chi_squared_measure {

/// The largest number of unequal terms summed in rationals (their common denominator grows with
/// every term: up to 53 bits each).
inline constexpr std::size_t exact_terms = 256;

/// Valid p, q; +inf when some p_i > 0 = q_i; 0 when p == q.
inline bool prepare(const view& r, prepared& x, result& out) {
  const pair_scan scan = check_pair(r);
  x.p = r.p;
  x.q = r.q;
  if (scan.p_not_q) return infinite(r, out);
  if (scan.equal) return known(0.0, r, out);
  return false;
}

/// An owned mpq_t.
class rational {
public:
  rational() { mpq_init(x_); }
  rational(const rational&) = delete;
  rational& operator=(const rational&) = delete;
  ~rational() { mpq_clear(x_); }
  mpq_ptr get() { return x_; }

private:
  mpq_t x_;
};

/// The exact value when it is a dyadic rational and there are at most exact_terms unequal terms.
inline bool exact(const view&, const prepared& x, big& v) {
  std::size_t unequal = 0;
  for (std::size_t i = 0; i < x.p.size(); ++i)
    if (x.p[i] != x.q[i] && ++unequal > exact_terms) return false;
  rational sum, d, q;
  for (std::size_t i = 0; i < x.p.size(); ++i) {
    if (x.p[i] == x.q[i]) continue; // also 0, 0
    mpq_set_d(d.get(), x.p[i]);
    mpq_set_d(q.get(), x.q[i]);
    mpq_sub(d.get(), d.get(), q.get());
    mpq_mul(d.get(), d.get(), d.get());
    mpq_div(d.get(), d.get(), q.get());
    mpq_add(sum.get(), sum.get(), d.get());
  }
  const mp_bitcnt_t twos = mpz_scan1(mpq_denref(sum.get()), 0);
  if (mpz_sizeinbase(mpq_denref(sum.get()), 2) != twos + 1) return false; // not a power of two
  mpfr_set_prec(v.get(), static_cast<mpfr_prec_t>(mpz_sizeinbase(mpq_numref(sum.get()), 2) + 2));
  return mpfr_set_q(v.get(), sum.get(), MPFR_RNDN) == 0;
}

/// gibbs::detail::chi_squared_unchecked on intervals.
inline interval enclose(const view&, const prepared& x) {
  return gibbs::detail::chi_squared_unchecked<interval>(x.p, x.q);
}

/// chi^2 >= 0.
inline void laws(const answer_values& a, std::vector<std::string>& out) {
  in_format(a, [&](const auto& p, const auto& q, auto v, auto) {
    if (std::equal(p.begin(), p.end(), q.begin(), q.end())
        && !gibbs::property::values::zero_at_equality(v))
      out.push_back("identity");
    if (v < 0) out.push_back("chi_squared_nonnegative");
  });
}

} // namespace gibbs::oracle::detail::chi_squared_measure

namespace gibbs::oracle {

inline constexpr descriptor chi_squared_descriptor{
    .id = measure::chi_squared,
    .name = "chi_squared",
    .function = "oracle::chi_squared",
    .formula = "chi^2(p || q) = sum (p_i - q_i)^2 / q_i (Pearson)",
    .inputs = input_p | input_q,
    .roles = {"the distribution p", "the distribution q"},
    .parameters = {},
    .variants = exact_only,
    .base = base_rule::rejected,
    .conformance_default = false,
    .laws_text = "chi^2 >= 0; chi^2(p||p) = 0; KL <= log(1 + chi^2)",
    .prepare = detail::chi_squared_measure::prepare,
    .exact = detail::chi_squared_measure::exact,
    .fast = nullptr,
    .settle = nullptr,
    .enclose = detail::chi_squared_measure::enclose,
    .laws = detail::chi_squared_measure::laws,
};

} // namespace gibbs::oracle

#endif // GIBBS_ORACLE_MEASURES_CHI_SQUARED_HPP
