// tests/oracle/reference.hpp: independent reference values for the oracle tests.
//
// value(request, out) is the request's exact value, correctly rounded to out's precision up to a
// relative error of 2^(1 - precision): the textbook formulas of tests/support/reference.hpp
// (−Σ p log p, Σ p (log p − log q), the log-sum-exp of the logits summed term by term, |p − q|,
// differences of roots, mpfr_pow — sharing no code with gibbs: no Bregman form, no log1p, no
// intervals), evaluated by MPFR on the exact inputs with a rigorous error bound and raised in
// precision until that bound is below 2^-precision relative (tests/support/reference.hpp's
// reference_with). At 1000 bits, rounding them to binary64/binary32 gives the correctly rounded
// value unless the exact value lies within 2^-998 of a rounding midpoint (the midpoint tests say
// how they handle that). The variants are applied here: reverse KL swaps p and q; normalized
// divides each mass by its array's exact sum (at precision + 64 bits); generalized adds the exact
// Σ(q − p); a base divides by log(base); perplexity is exp of the NLL.
#ifndef GIBBS_TESTS_ORACLE_REFERENCE_HPP
#define GIBBS_TESTS_ORACLE_REFERENCE_HPP

#include "../support/mpfr.hpp"
#include "../support/reference.hpp"

#include <gibbs/oracle.hpp>

#include <mpfr.h>

#include <cmath>
#include <cstdint>
#include <random>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace ref {

using mp = gibbs_test::mp;

using gibbs::oracle::measure;
using gibbs::oracle::request;
using gibbs::oracle::variant;

/// out = log(x) for a double x > 0.
inline void log_d(mpfr_ptr out, double x) {
  mpfr_set_d(out, x, MPFR_RNDN);
  mpfr_log(out, out, MPFR_RNDN);
}

namespace detail {

/// The masses x exactly, or (normalized) each divided by the exact Σx, rounded to prec bits.
inline gibbs_test::mp_vector masses(const std::vector<double>& x, bool normalized,
                                    mpfr_prec_t prec) {
  gibbs_test::mp_vector v = gibbs_test::to_mp(x, 64);
  if (!normalized || v.empty()) return v;
  mp sum(2200); // a sum of fewer than 2^100 doubles is exact at 2200 bits
  gibbs_test::detail::sum_terms(sum, v);
  for (mp& m : v) {
    mp d(prec);
    mpfr_div(d, m, sum, MPFR_RNDN);
    m = d;
  }
  return v;
}

/// e + c for an exact c: the sum's rounding joins e's error bound.
inline gibbs_test::evaluation plus_exact(gibbs_test::evaluation e, mpfr_srcptr c,
                                         mpfr_prec_t prec) {
  mpfr_add(e.value, e.value, c, MPFR_RNDN);
  mp u(64);
  mpfr_abs(u, e.value, MPFR_RNDU);
  mpfr_mul_2si(u, u, -static_cast<long>(prec), MPFR_RNDU);
  mpfr_add(e.error_bound, e.error_bound, u, MPFR_RNDU);
  return e;
}

} // namespace detail

/// The value of the request (variant exact or generalized, or normalized), correctly rounded to
/// the precision of out up to 2^(1 − precision) relative (+inf where the measure is +inf).
inline void value(const request& r, mpfr_ptr out) {
  using namespace gibbs_test;
  const mpfr_prec_t prec = mpfr_get_prec(out);
  const long bits = static_cast<long>(prec);
  const mpfr_prec_t input_prec = prec + 64;
  std::vector<double> p = r.p, q = r.q;
  if (r.what == measure::reverse_kl) std::swap(p, q);
  const bool normalized = r.var == variant::normalized && r.what != measure::generalized_kl;
  const mp_vector P = detail::masses(p, normalized, input_prec);
  const mp_vector Q = detail::masses(q, normalized, input_prec);
  mp v(prec);
  switch (r.what) {
  case measure::entropy:
    v = reference_with([&](mpfr_prec_t w) { return entropy_at(P, w); }, bits);
    break;
  case measure::cross_entropy:
    v = reference_with([&](mpfr_prec_t w) { return cross_entropy_at(P, Q, w); }, bits);
    break;
  case measure::kl:
  case measure::reverse_kl:
  case measure::generalized_kl:
    if (r.what == measure::generalized_kl || r.var == variant::generalized) {
      mp_vector diff; // q_i − p_i, exact
      for (std::size_t i = 0; i < p.size(); ++i) {
        diff.emplace_back(64);
        mpfr_set_d(diff.back(), q[i], MPFR_RNDN);
        diff.emplace_back(64);
        mpfr_set_d(diff.back(), -p[i], MPFR_RNDN);
      }
      mp d(2200);
      gibbs_test::detail::sum_terms(d, diff);
      v = reference_with([&](mpfr_prec_t w) { return detail::plus_exact(kl_at(P, Q, w), d, w); },
                         bits);
    } else {
      v = reference_with([&](mpfr_prec_t w) { return kl_at(P, Q, w); }, bits);
    }
    break;
  case measure::js:
    v = reference_with([&](mpfr_prec_t w) { return js_at(P, Q, w); }, bits);
    break;
  case measure::nll:
  case measure::perplexity: {
    std::vector<std::size_t> samples;
    for (std::int64_t k : r.samples)
      samples.push_back(static_cast<std::size_t>(k));
    // exp turns the NLL's absolute error (below 2^10 of its relative one) into a relative one
    const long nll_bits = r.what == measure::perplexity ? bits + 16 : bits;
    v = reference_with([&](mpfr_prec_t w) { return nll_at(Q, samples, w); }, nll_bits);
    if (r.what == measure::perplexity) mpfr_exp(v, v, MPFR_RNDN);
    break;
  }
  case measure::logits_cross_entropy: {
    const mp_vector Z = to_mp(r.logits, 64);
    mp_vector T;
    if (r.target.empty()) {
      for (std::size_t i = 0; i < r.logits.size(); ++i) {
        T.emplace_back(64);
        mpfr_set_ui(T.back(), i == static_cast<std::size_t>(r.target_index) ? 1 : 0, MPFR_RNDN);
      }
    } else {
      T = detail::masses(r.target, normalized, input_prec);
    }
    v = reference_with([&](mpfr_prec_t w) { return logits_ce_at(Z, T, w); }, bits);
    break;
  }
  // the distances take the masses as given
  case measure::total_variation:
    v = reference_with([&](mpfr_prec_t w) { return tv_at(P, Q, w); }, bits);
    break;
  case measure::hellinger:
    v = reference_with([&](mpfr_prec_t w) { return hellinger_at(P, Q, w); }, bits);
    break;
  case measure::renyi: {
    const double alpha = r.parameters.at("alpha");
    v = reference_with([&](mpfr_prec_t w) { return renyi_at(P, Q, alpha, 0, w); }, bits);
    break;
  }
  case measure::chi_squared:
    v = reference_with([&](mpfr_prec_t w) { return chi_squared_at(P, Q, w); }, bits);
    break;
  default: // the ML losses, Gaussians and softmax have their references in their own test files
    throw std::logic_error("tests/oracle/reference.hpp: no reference for measure number "
                           + std::to_string(static_cast<int>(r.what)));
  }
  if (r.base != 0 && r.what != measure::perplexity && !mpfr_inf_p(v.get())) {
    mp lb(mpfr_get_prec(v.get()) + 64);
    mpfr_set_d(lb, r.base, MPFR_RNDN);
    mpfr_log(lb, lb, MPFR_RNDN);
    mpfr_div(v, v, lb, MPFR_RNDN);
  }
  mpfr_set(out, v, MPFR_RNDN);
}

/// A random distribution of n entries: exponentials normalised in double (sum within a few ulps
/// of 1), with a fraction of zeros and of tiny masses.
inline std::vector<double> distribution(std::mt19937_64& g, std::size_t n, double zeros = 0.0,
                                        double tiny = 0.0) {
  std::uniform_real_distribution<double> u(0.0, 1.0);
  std::vector<double> p(n);
  double s = 0;
  for (auto& x : p) {
    const double r = u(g);
    if (r < zeros) {
      x = 0;
    } else if (r < zeros + tiny) {
      x = std::ldexp(u(g), -static_cast<int>(u(g) * 1000) - 20);
    } else {
      x = -std::log(u(g) + 1e-300);
    }
    s += x;
  }
  if (s == 0) {
    p[0] = 1;
    return p;
  }
  for (auto& x : p)
    x /= s;
  return p;
}

/// Rounds a distribution to binary32 (and widens it back).
inline std::vector<double> to_float(std::vector<double> p) {
  for (auto& x : p)
    x = static_cast<double>(static_cast<float>(x));
  return p;
}

} // namespace ref

#endif // GIBBS_TESTS_ORACLE_REFERENCE_HPP
