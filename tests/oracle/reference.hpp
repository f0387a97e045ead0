// tests/oracle/reference.hpp: independent reference values for the oracle tests.
//
// Every value here is computed directly against the MPFR C API at a high precision (1000 bits
// unless stated) with the *textbook* formulas — sum p (log p - log q), -sum p log p, the
// log-sum-exp of the logits summed term by term — sharing no code with gibbs (no Bregman form,
// no log1p, no intervals). Their error is far below 2^-900 relative for the inputs of the tests,
// so rounding them to binary64/binary32 gives the correctly rounded value unless the exact value
// lies within 2^-900 of a rounding midpoint (the midpoint tests say how they handle that).
#ifndef GIBBS_TESTS_ORACLE_REFERENCE_HPP
#define GIBBS_TESTS_ORACLE_REFERENCE_HPP

#include <gibbs/oracle.hpp>

#include <mpfr.h>

#include <cmath>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace ref {

/// An owned mpfr_t at a given precision.
struct mp {
  mpfr_t x;
  explicit mp(mpfr_prec_t prec = 1000) {
    mpfr_init2(x, prec);
    mpfr_set_zero(x, 1);
  }
  mp(const mp&) = delete;
  mp& operator=(const mp&) = delete;
  ~mp() { mpfr_clear(x); }
  operator mpfr_ptr() { return x; }
  [[nodiscard]] double d(mpfr_rnd_t r = MPFR_RNDN) const { return mpfr_get_d(x, r); }
  [[nodiscard]] double f(mpfr_rnd_t r = MPFR_RNDN) const {
    return static_cast<double>(mpfr_get_flt(x, r));
  }
};

using gibbs::oracle::measure;
using gibbs::oracle::request;
using gibbs::oracle::variant;

/// out = log(x) for a double x > 0.
inline void log_d(mpfr_ptr out, double x) {
  mpfr_set_d(out, x, MPFR_RNDN);
  mpfr_log(out, out, MPFR_RNDN);
}

/// The value of the request (variant exact or generalized, or normalized), at the precision of
/// out, by the textbook formulas. Requires finite results (no +inf cases).
inline void value(const request& r, mpfr_ptr out) {
  const mpfr_prec_t prec = mpfr_get_prec(out);
  mp a(prec), b(prec), t(prec), sp(prec), sq(prec);
  mpfr_set_zero(out, 1);
  std::vector<double> p = r.p, q = r.q;
  if (r.what == measure::reverse_kl) std::swap(p, q);
  const bool normalized = r.var == variant::normalized && r.what != measure::generalized_kl;
  // normalisation factors: log-terms use p/sp, q/sq
  mpfr_set_ui(sp, 1, MPFR_RNDN);
  mpfr_set_ui(sq, 1, MPFR_RNDN);
  if (normalized) {
    mpfr_set_zero(sp, 1);
    mpfr_set_zero(sq, 1);
    for (double v : p)
      mpfr_add_d(sp, sp, v, MPFR_RNDN);
    for (double v : q)
      mpfr_add_d(sq, sq, v, MPFR_RNDN);
  }
  auto P = [&](std::size_t i, mpfr_ptr o) {
    mpfr_set_d(o, p[i], MPFR_RNDN);
    mpfr_div(o, o, sp, MPFR_RNDN);
  };
  auto Q = [&](std::size_t i, mpfr_ptr o) {
    mpfr_set_d(o, q[i], MPFR_RNDN);
    mpfr_div(o, o, sq, MPFR_RNDN);
  };
  switch (r.what) {
  case measure::entropy:
    for (std::size_t i = 0; i < p.size(); ++i) {
      if (p[i] == 0) continue;
      P(i, a);
      mpfr_log(t, a, MPFR_RNDN);
      mpfr_mul(t, t, a, MPFR_RNDN);
      mpfr_sub(out, out, t, MPFR_RNDN);
    }
    break;
  case measure::cross_entropy:
    for (std::size_t i = 0; i < p.size(); ++i) {
      if (p[i] == 0) continue;
      P(i, a);
      Q(i, b);
      mpfr_log(t, b, MPFR_RNDN);
      mpfr_mul(t, t, a, MPFR_RNDN);
      mpfr_sub(out, out, t, MPFR_RNDN);
    }
    break;
  case measure::kl:
  case measure::reverse_kl:
  case measure::generalized_kl: {
    const bool gen = r.what == measure::generalized_kl || r.var == variant::generalized;
    for (std::size_t i = 0; i < p.size(); ++i) {
      if (gen) { // + (q - p), formed first so that equal large masses cancel exactly
        mpfr_set_d(t, q[i], MPFR_RNDN);
        mpfr_sub_d(t, t, p[i], MPFR_RNDN);
        mpfr_add(out, out, t, MPFR_RNDN);
      }
      if (p[i] == 0) continue;
      P(i, a);
      Q(i, b);
      mpfr_log(t, a, MPFR_RNDN); // p (log p - log q)
      mpfr_log(b, b, MPFR_RNDN);
      mpfr_sub(t, t, b, MPFR_RNDN);
      mpfr_mul(t, t, a, MPFR_RNDN);
      mpfr_add(out, out, t, MPFR_RNDN);
    }
    break;
  }
  case measure::js: {
    mp m(prec), lm(prec);
    for (std::size_t i = 0; i < p.size(); ++i) {
      P(i, a);
      Q(i, b);
      mpfr_add(m, a, b, MPFR_RNDN);
      mpfr_div_2ui(m, m, 1, MPFR_RNDN);
      if (mpfr_zero_p(m)) continue;
      mpfr_log(lm, m, MPFR_RNDN);
      for (mpfr_ptr x : {a.x, b.x}) {
        if (mpfr_zero_p(x)) continue;
        mpfr_log(t, x, MPFR_RNDN);
        mpfr_sub(t, t, lm, MPFR_RNDN);
        mpfr_mul(t, t, x, MPFR_RNDN);
        mpfr_div_2ui(t, t, 1, MPFR_RNDN);
        mpfr_add(out, out, t, MPFR_RNDN);
      }
    }
    break;
  }
  case measure::nll:
  case measure::perplexity:
    if (normalized) {
      mpfr_set_zero(sq, 1);
      for (double v : q)
        mpfr_add_d(sq, sq, v, MPFR_RNDN);
    }
    for (std::int64_t s : r.samples) {
      Q(static_cast<std::size_t>(s), b);
      mpfr_log(t, b, MPFR_RNDN);
      mpfr_sub(out, out, t, MPFR_RNDN);
    }
    mpfr_div_ui(out, out, static_cast<unsigned long>(r.samples.size()), MPFR_RNDN);
    if (r.what == measure::perplexity) mpfr_exp(out, out, MPFR_RNDN);
    break;
  case measure::logits_cross_entropy: {
    // log softmax_i = z_i - log sum_j exp(z_j)
    mp lse(prec);
    for (double z : r.logits) {
      mpfr_set_d(t, z, MPFR_RNDN);
      mpfr_exp(t, t, MPFR_RNDN);
      mpfr_add(lse, lse, t, MPFR_RNDN);
    }
    mpfr_log(lse, lse, MPFR_RNDN);
    if (r.target.empty()) {
      mpfr_sub_d(out, lse, r.logits[static_cast<std::size_t>(r.target_index)], MPFR_RNDN);
    } else {
      mp st(prec);
      for (double v : r.target)
        mpfr_add_d(st, st, v, MPFR_RNDN);
      for (std::size_t i = 0; i < r.logits.size(); ++i) {
        mpfr_sub_d(t, lse, r.logits[i], MPFR_RNDN);
        mpfr_mul_d(t, t, r.target[i], MPFR_RNDN);
        if (normalized) mpfr_div(t, t, st, MPFR_RNDN);
        mpfr_add(out, out, t, MPFR_RNDN);
      }
    }
    break;
  }
  case measure::total_variation: // sum |p - q| / 2
    for (std::size_t i = 0; i < p.size(); ++i) {
      mpfr_set_d(t, p[i], MPFR_RNDN);
      mpfr_sub_d(t, t, q[i], MPFR_RNDN);
      mpfr_abs(t, t, MPFR_RNDN);
      mpfr_add(out, out, t, MPFR_RNDN);
    }
    mpfr_div_2ui(out, out, 1, MPFR_RNDN);
    break;
  case measure::hellinger: // sqrt(sum (sqrt p - sqrt q)^2 / 2), the textbook difference of roots
    for (std::size_t i = 0; i < p.size(); ++i) {
      mpfr_set_d(a, p[i], MPFR_RNDN);
      mpfr_sqrt(a, a, MPFR_RNDN);
      mpfr_set_d(b, q[i], MPFR_RNDN);
      mpfr_sqrt(b, b, MPFR_RNDN);
      mpfr_sub(t, a, b, MPFR_RNDN);
      mpfr_sqr(t, t, MPFR_RNDN);
      mpfr_add(out, out, t, MPFR_RNDN);
    }
    mpfr_div_2ui(out, out, 1, MPFR_RNDN);
    mpfr_sqrt(out, out, MPFR_RNDN);
    break;
  case measure::renyi: { // log(sum p^alpha q^(1 - alpha)) / (alpha - 1), with mpfr_pow
    const double alpha = r.parameters.at("alpha");
    mp e1(prec), e2(prec);
    mpfr_set_d(e1, alpha, MPFR_RNDN);
    mpfr_set_d(e2, 1.0, MPFR_RNDN);
    mpfr_sub(e2, e2, e1, MPFR_RNDN); // 1 - alpha, exact at this precision
    for (std::size_t i = 0; i < p.size(); ++i) {
      if (p[i] == 0) continue;
      if (q[i] == 0) {
        if (alpha > 1) {
          mpfr_set_inf(out, 1);
          return;
        }
        continue;
      }
      mpfr_set_d(a, p[i], MPFR_RNDN);
      mpfr_pow(a, a, e1, MPFR_RNDN);
      mpfr_set_d(b, q[i], MPFR_RNDN);
      mpfr_pow(b, b, e2, MPFR_RNDN);
      mpfr_mul(t, a, b, MPFR_RNDN);
      mpfr_add(out, out, t, MPFR_RNDN);
    }
    mpfr_log(out, out, MPFR_RNDN); // log 0 = -inf: disjoint supports give +inf below
    mpfr_set_d(t, alpha, MPFR_RNDN);
    mpfr_sub_ui(t, t, 1, MPFR_RNDN);
    mpfr_div(out, out, t, MPFR_RNDN);
    break;
  }
  case measure::chi_squared: // sum (p - q)^2 / q
    for (std::size_t i = 0; i < p.size(); ++i) {
      if (p[i] == q[i]) continue;
      if (q[i] == 0) {
        mpfr_set_inf(out, 1);
        return;
      }
      mpfr_set_d(t, p[i], MPFR_RNDN);
      mpfr_sub_d(t, t, q[i], MPFR_RNDN);
      mpfr_sqr(t, t, MPFR_RNDN);
      mpfr_div_d(t, t, q[i], MPFR_RNDN);
      mpfr_add(out, out, t, MPFR_RNDN);
    }
    break;
  }
  if (r.base != 0 && r.what != measure::perplexity) {
    mpfr_set_d(t, r.base, MPFR_RNDN);
    mpfr_log(t, t, MPFR_RNDN);
    mpfr_div(out, out, t, MPFR_RNDN);
  }
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
