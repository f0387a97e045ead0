// tests/support/reference.hpp: independent reference values from the MPFR C API.
//
// The references use *other formulas* than gibbs does, straight from the definitions:
//   H(p)     = −Σ p_i·log p_i
//   H(p, q)  = −Σ p_i·log q_i
//   KL(p‖q)  =  Σ p_i·(log p_i − log q_i)              (gibbs: Σ q·φ((p−q)/q) + Σ(p − q))
//   JS(p, q) = ½·Σ [p_i·(log p_i − log m_i) + q_i·(log q_i − log m_i)],  m = (p + q)/2
//   TV(p, q) = ½·Σ |p_i − q_i|
//   H(p, q)  = √(½·Σ (√p_i − √q_i)²)                    (gibbs: Σ (p − q)²/(√p + √q)²)
//   χ²(p‖q)  = Σ p_i²/q_i − 2·Σp_i + Σq_i                 (gibbs: Σ ((p − q)/q)·(p − q))
//   D_α(p‖q) = log(Σ p_i^α·q_i·q_i^(−α))/(α − 1)          (gibbs: log1p of S − 1 from parts)
//   NLL      = −(1/N)·Σ_k log q[x_k]
//   CE(z, k) = log Σ_j e^{z_j} − z_k                     (gibbs: shifted by max z, log1p)
// evaluated on the *exact* input values (converted to MPFR without rounding), each log correctly
// rounded by MPFR, the terms added by mpfr_sum (correctly rounded). Each evaluator also returns a
// rigorous bound on its absolute error, and reference() raises the precision (Ziv's strategy)
// until that bound is below 2^-(bits) relative, so cancellation (KL near p = q) cannot fool it.
#ifndef GIBBS_TESTS_SUPPORT_REFERENCE_HPP
#define GIBBS_TESTS_SUPPORT_REFERENCE_HPP

#include "mpfr.hpp"

#include <mpfr.h>

#include <cmath>
#include <cstddef>
#include <limits>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace gibbs_test {

/// An evaluation at one precision: the value and a bound on its absolute error.
struct evaluation {
  mp value;
  mp error_bound;
};

/// The input of the evaluators: masses converted exactly once at the input precision.
using mp_vector = std::vector<mp>;

template <class T>
mp_vector to_mp(const std::vector<T>& x, mpfr_prec_t digits) {
  mp_vector out;
  out.reserve(x.size());
  for (const T& v : x) {
    out.emplace_back(digits);
    set_exact(out.back().get(), v);
  }
  return out;
}

namespace detail {

inline mpfr_prec_t input_digits() {
  return 320;
}

// Σ terms, correctly rounded, at precision prec.
inline void sum_terms(mpfr_ptr out, std::vector<mp>& terms) {
  std::vector<mpfr_ptr> ptrs;
  ptrs.reserve(terms.size());
  for (auto& t : terms)
    ptrs.push_back(t.get());
  mpfr_sum(out, ptrs.data(), ptrs.size(), MPFR_RNDN);
}

// The absolute error bound: Σ |terms| · 2^(k − prec), plus half an ulp of the final sum.
inline void bound(mpfr_ptr err, std::vector<mp>& abs_terms, int k, mpfr_prec_t prec) {
  sum_terms(err, abs_terms);
  mpfr_mul_2si(err, err, k - static_cast<long>(prec), MPFR_RNDU);
}

} // namespace detail

/// Raises the precision until the evaluation's error bound is at most 2^-bits relative to its
/// value (or the value is exactly 0, ±inf, or its bound is below 2^-1200 absolutely, far below
/// any subnormal of the types tested). f(prec) -> evaluation.
template <class F>
mp reference_with(F&& f, long bits) {
  for (mpfr_prec_t prec = bits + 64;; prec *= 2) {
    evaluation e = f(prec);
    if (mpfr_inf_p(e.value.get()) || mpfr_nan_p(e.value.get())) return e.value;
    if (mpfr_zero_p(e.error_bound.get())) return e.value;
    mp rel(64);
    if (mpfr_cmp_si_2exp(e.error_bound.get(), 1, -1200 - bits) <= 0) return e.value;
    if (!mpfr_zero_p(e.value.get())) {
      mpfr_div(rel.get(), e.error_bound.get(), e.value.get(), MPFR_RNDU);
      mpfr_abs(rel.get(), rel.get(), MPFR_RNDU);
      if (mpfr_cmp_si_2exp(rel.get(), 1, -bits) <= 0) return e.value;
    }
    if (prec > 1 << 16) throw std::runtime_error("reference: precision limit reached");
  }
}

// Each evaluator: a log of a positive exact value is correctly rounded (relative error 2^-prec);
// a product of two such rounded quantities adds another; a difference of two logs adds the
// errors of both. The bounds below count these factors generously (k in bound()).

/// H(p) = −Σ p·log p, 0·log 0 = 0.
inline evaluation entropy_at(const mp_vector& p, mpfr_prec_t prec) {
  std::vector<mp> terms, abs_terms;
  for (const mp& x : p) {
    if (mpfr_zero_p(x.get())) continue;
    mp t(prec);
    mpfr_log(t.get(), x.get(), MPFR_RNDN);
    mpfr_mul(t.get(), t.get(), x.get(), MPFR_RNDN);
    mpfr_neg(t.get(), t.get(), MPFR_RNDN);
    terms.push_back(t);
    mpfr_abs(t.get(), t.get(), MPFR_RNDN);
    abs_terms.push_back(t);
  }
  evaluation e{mp(prec), mp(64)};
  detail::sum_terms(e.value.get(), terms);
  detail::bound(e.error_bound.get(), abs_terms, 3, prec);
  return e;
}

/// H(p, q) = −Σ p·log q; +inf when p_i > 0 = q_i.
inline evaluation cross_entropy_at(const mp_vector& p, const mp_vector& q, mpfr_prec_t prec) {
  std::vector<mp> terms, abs_terms;
  evaluation e{mp(prec), mp(64)};
  for (std::size_t i = 0; i < p.size(); ++i) {
    if (mpfr_zero_p(p[i].get())) continue;
    if (mpfr_zero_p(q[i].get())) {
      mpfr_set_inf(e.value.get(), 1);
      mpfr_set_zero(e.error_bound.get(), 1);
      return e;
    }
    mp t(prec);
    mpfr_log(t.get(), q[i].get(), MPFR_RNDN);
    mpfr_mul(t.get(), t.get(), p[i].get(), MPFR_RNDN);
    mpfr_neg(t.get(), t.get(), MPFR_RNDN);
    terms.push_back(t);
    mpfr_abs(t.get(), t.get(), MPFR_RNDN);
    abs_terms.push_back(t);
  }
  detail::sum_terms(e.value.get(), terms);
  detail::bound(e.error_bound.get(), abs_terms, 3, prec);
  return e;
}

/// KL(p‖q) = Σ p·(log p − log q); 0·(…) = 0; +inf when p_i > 0 = q_i.
inline evaluation kl_at(const mp_vector& p, const mp_vector& q, mpfr_prec_t prec) {
  std::vector<mp> terms, abs_terms;
  evaluation e{mp(prec), mp(64)};
  for (std::size_t i = 0; i < p.size(); ++i) {
    if (mpfr_zero_p(p[i].get())) continue;
    if (mpfr_zero_p(q[i].get())) {
      mpfr_set_inf(e.value.get(), 1);
      mpfr_set_zero(e.error_bound.get(), 1);
      return e;
    }
    mp lp(prec), lq(prec), t(prec), a(prec);
    mpfr_log(lp.get(), p[i].get(), MPFR_RNDN);
    mpfr_log(lq.get(), q[i].get(), MPFR_RNDN);
    mpfr_sub(t.get(), lp.get(), lq.get(), MPFR_RNDN);
    mpfr_mul(t.get(), t.get(), p[i].get(), MPFR_RNDN);
    terms.push_back(t);
    // error of the term ≲ p·(|log p| + |log q|)·2^(2−prec)
    mpfr_abs(lp.get(), lp.get(), MPFR_RNDN);
    mpfr_abs(lq.get(), lq.get(), MPFR_RNDN);
    mpfr_add(a.get(), lp.get(), lq.get(), MPFR_RNDU);
    mpfr_mul(a.get(), a.get(), p[i].get(), MPFR_RNDU);
    abs_terms.push_back(a);
  }
  detail::sum_terms(e.value.get(), terms);
  detail::bound(e.error_bound.get(), abs_terms, 3, prec);
  return e;
}

/// JS(p, q) = ½·Σ [p·(log p − log m) + q·(log q − log m)], m = (p + q)/2.
inline evaluation js_at(const mp_vector& p, const mp_vector& q, mpfr_prec_t prec) {
  std::vector<mp> terms, abs_terms;
  for (std::size_t i = 0; i < p.size(); ++i) {
    const bool pz = mpfr_zero_p(p[i].get()) != 0, qz = mpfr_zero_p(q[i].get()) != 0;
    if (pz && qz) continue;
    mp m(prec), lm(prec);
    mpfr_add(m.get(), p[i].get(), q[i].get(), MPFR_RNDN);
    mpfr_div_2ui(m.get(), m.get(), 1, MPFR_RNDN);
    mpfr_log(lm.get(), m.get(), MPFR_RNDN);
    for (const mp* x : {&p[i], &q[i]}) {
      if (mpfr_zero_p(x->get())) continue;
      mp lx(prec), t(prec), a(prec), alm(prec);
      mpfr_log(lx.get(), x->get(), MPFR_RNDN);
      mpfr_sub(t.get(), lx.get(), lm.get(), MPFR_RNDN);
      mpfr_mul(t.get(), t.get(), x->get(), MPFR_RNDN);
      mpfr_div_2ui(t.get(), t.get(), 1, MPFR_RNDN);
      terms.push_back(t);
      mpfr_abs(lx.get(), lx.get(), MPFR_RNDN);
      mpfr_abs(alm.get(), lm.get(), MPFR_RNDN);
      mpfr_add(a.get(), lx.get(), alm.get(), MPFR_RNDU);
      mpfr_add_ui(a.get(), a.get(), 1, MPFR_RNDU); // the rounding of m
      mpfr_mul(a.get(), a.get(), x->get(), MPFR_RNDU);
      abs_terms.push_back(a);
    }
  }
  evaluation e{mp(prec), mp(64)};
  detail::sum_terms(e.value.get(), terms);
  detail::bound(e.error_bound.get(), abs_terms, 4, prec);
  return e;
}

/// TV(p, q) = ½·Σ|p − q|.
inline evaluation tv_at(const mp_vector& p, const mp_vector& q, mpfr_prec_t prec) {
  std::vector<mp> terms;
  for (std::size_t i = 0; i < p.size(); ++i) {
    mp t(prec);
    mpfr_sub(t.get(), p[i].get(), q[i].get(), MPFR_RNDN);
    mpfr_abs(t.get(), t.get(), MPFR_RNDN);
    mpfr_div_2ui(t.get(), t.get(), 1, MPFR_RNDN);
    terms.push_back(t);
  }
  evaluation e{mp(prec), mp(64)};
  detail::sum_terms(e.value.get(), terms);
  detail::bound(e.error_bound.get(), terms, 2, prec);
  return e;
}

/// H(p, q) = √(½·Σ (√p − √q)²), the roots subtracted directly (they cancel near p = q; the
/// error bound, and so the precision Ziv's loop reaches, accounts for it).
inline evaluation hellinger_at(const mp_vector& p, const mp_vector& q, mpfr_prec_t prec) {
  std::vector<mp> terms, abs_terms;
  for (std::size_t i = 0; i < p.size(); ++i) {
    mp a(prec), b(prec), d(prec), t(prec), e(prec);
    mpfr_sqrt(a.get(), p[i].get(), MPFR_RNDN);
    mpfr_sqrt(b.get(), q[i].get(), MPFR_RNDN);
    mpfr_sub(d.get(), a.get(), b.get(), MPFR_RNDN);
    mpfr_sqr(t.get(), d.get(), MPFR_RNDN);
    terms.push_back(t);
    // |error of d| ≤ (√p + √q)·2^(1−prec); of d²: ≤ (2|d| + 1)·that + d²·2^-prec
    mpfr_add(e.get(), a.get(), b.get(), MPFR_RNDU);
    mpfr_abs(d.get(), d.get(), MPFR_RNDU);
    mpfr_mul_2ui(d.get(), d.get(), 1, MPFR_RNDU);
    mpfr_add_ui(d.get(), d.get(), 1, MPFR_RNDU);
    mpfr_mul(e.get(), e.get(), d.get(), MPFR_RNDU);
    mpfr_add(e.get(), e.get(), t.get(), MPFR_RNDU);
    abs_terms.push_back(e);
  }
  mp s(prec), err_s(64);
  detail::sum_terms(s.get(), terms);
  detail::bound(err_s.get(), abs_terms, 3, prec); // includes the sum's own rounding
  evaluation e{mp(prec), mp(64)};
  mpfr_div_2ui(s.get(), s.get(), 1, MPFR_RNDN);
  mpfr_div_2ui(err_s.get(), err_s.get(), 1, MPFR_RNDU); // now the error of ½·S
  mpfr_sqrt(e.value.get(), s.get(), MPFR_RNDN);
  if (mpfr_zero_p(s.get())) { // √x ≤ √(error) when the computed x is 0
    mpfr_sqrt(e.error_bound.get(), err_s.get(), MPFR_RNDU);
    return e;
  }
  // |√a − √b| ≤ |a − b|/√a for a > 0 (the computed ½·S), plus the rounding of the root
  mpfr_div(e.error_bound.get(), err_s.get(), e.value.get(), MPFR_RNDU);
  mp r(64);
  mpfr_mul_2si(r.get(), e.value.get(), 1 - static_cast<long>(prec), MPFR_RNDU);
  mpfr_add(e.error_bound.get(), e.error_bound.get(), r.get(), MPFR_RNDU);
  return e;
}

/// χ²(p‖q) = Σ p²/q − 2·Σp + Σq (the expanded square: it cancels near p = q; the bound covers
/// it); nothing for p = q = 0, +inf when p_i > 0 = q_i.
inline evaluation chi_squared_at(const mp_vector& p, const mp_vector& q, mpfr_prec_t prec) {
  std::vector<mp> terms, abs_terms;
  evaluation e{mp(prec), mp(64)};
  for (std::size_t i = 0; i < p.size(); ++i) {
    const bool pz = mpfr_zero_p(p[i].get()) != 0, qz = mpfr_zero_p(q[i].get()) != 0;
    if (qz) {
      if (pz) continue;
      mpfr_set_inf(e.value.get(), 1);
      mpfr_set_zero(e.error_bound.get(), 1);
      return e;
    }
    mp t(prec), a(prec + 2), b(prec);
    mpfr_sqr(t.get(), p[i].get(), MPFR_RNDN);
    mpfr_div(t.get(), t.get(), q[i].get(), MPFR_RNDN);
    mpfr_mul_si(a.get(), p[i].get(), -2, MPFR_RNDN); // exact
    mpfr_set(b.get(), q[i].get(), MPFR_RNDN);        // exact
    terms.push_back(t);
    abs_terms.push_back(t);
    terms.push_back(a);
    terms.push_back(b);
  }
  detail::sum_terms(e.value.get(), terms);
  detail::bound(e.error_bound.get(), abs_terms, 3, prec);
  mp r(64);
  mpfr_abs(r.get(), e.value.get(), MPFR_RNDU);
  mpfr_mul_2si(r.get(), r.get(), -static_cast<long>(prec), MPFR_RNDU);
  mpfr_add(e.error_bound.get(), e.error_bound.get(), r.get(), MPFR_RNDU);
  return e;
}

/// D_α(p‖q) = log(Σ p^α·q·q^(−α))/(α − 1), by mpfr_pow (α and −α exact); terms with p_i = 0
/// contribute 0; p_i > 0 = q_i: +inf for α > 1, 0 for α < 1; S = 0: +inf. base 0 means e.
inline evaluation renyi_at(const mp_vector& p, const mp_vector& q, double alpha, double base,
                           mpfr_prec_t prec) {
  mp a(64), na(64), beta(2200);
  mpfr_set_d(a.get(), alpha, MPFR_RNDN);
  mpfr_set_d(na.get(), -alpha, MPFR_RNDN);
  mpfr_sub_ui(beta.get(), a.get(), 1, MPFR_RNDN); // exact at 2200 bits
  evaluation e{mp(prec), mp(64)};
  std::vector<mp> terms;
  for (std::size_t i = 0; i < p.size(); ++i) {
    if (mpfr_zero_p(p[i].get())) continue;
    if (mpfr_zero_p(q[i].get())) {
      if (alpha > 1) {
        mpfr_set_inf(e.value.get(), 1);
        mpfr_set_zero(e.error_bound.get(), 1);
        return e;
      }
      continue;
    }
    mp t(prec), u(prec);
    mpfr_pow(t.get(), p[i].get(), a.get(), MPFR_RNDN);
    mpfr_pow(u.get(), q[i].get(), na.get(), MPFR_RNDN);
    mpfr_mul(t.get(), t.get(), u.get(), MPFR_RNDN);
    mpfr_mul(t.get(), t.get(), q[i].get(), MPFR_RNDN);
    terms.push_back(t);
  }
  if (terms.empty()) { // disjoint supports, α < 1: log 0/(α − 1) = +inf
    mpfr_set_inf(e.value.get(), 1);
    mpfr_set_zero(e.error_bound.get(), 1);
    return e;
  }
  mp s(prec), ls(prec);
  detail::sum_terms(s.get(), terms);
  mpfr_log(ls.get(), s.get(), MPFR_RNDN);
  // each term: 4 roundings (relative 2^-prec each) → S relative ≤ 2^(3−prec) (terms > 0);
  // log: absolute ≤ 2^(4−prec) + |log S|·2^-prec
  mp err(64), r(64);
  mpfr_set_si_2exp(err.get(), 1, 4 - static_cast<long>(prec), MPFR_RNDU);
  mpfr_abs(r.get(), ls.get(), MPFR_RNDU);
  mpfr_mul_2si(r.get(), r.get(), -static_cast<long>(prec), MPFR_RNDU);
  mpfr_add(err.get(), err.get(), r.get(), MPFR_RNDU);
  mpfr_div(e.value.get(), ls.get(), beta.get(), MPFR_RNDN);
  mpfr_abs(r.get(), beta.get(), MPFR_RNDD);
  mpfr_div(err.get(), err.get(), r.get(), MPFR_RNDU);
  mp ulp(64);
  mpfr_abs(ulp.get(), e.value.get(), MPFR_RNDU);
  mpfr_mul_2si(ulp.get(), ulp.get(), 1 - static_cast<long>(prec), MPFR_RNDU);
  mpfr_add(err.get(), err.get(), ulp.get(), MPFR_RNDU);
  if (base != 0) {
    mp b(64), lb(prec);
    mpfr_set_d(b.get(), base, MPFR_RNDN);
    mpfr_log(lb.get(), b.get(), MPFR_RNDN);
    mpfr_div(e.value.get(), e.value.get(), lb.get(), MPFR_RNDN);
    mpfr_abs(lb.get(), lb.get(), MPFR_RNDD);
    mpfr_div(err.get(), err.get(), lb.get(), MPFR_RNDU);
    mpfr_mul_2ui(err.get(), err.get(), 1, MPFR_RNDU);
    mpfr_abs(ulp.get(), e.value.get(), MPFR_RNDU);
    mpfr_mul_2si(ulp.get(), ulp.get(), 2 - static_cast<long>(prec), MPFR_RNDU);
    mpfr_add(err.get(), err.get(), ulp.get(), MPFR_RNDU);
  }
  mpfr_set(e.error_bound.get(), err.get(), MPFR_RNDU);
  return e;
}

/// NLL = −(1/N)·Σ log q[x_k].
inline evaluation nll_at(const mp_vector& q, const std::vector<std::size_t>& samples,
                         mpfr_prec_t prec) {
  std::vector<mp> terms, abs_terms;
  evaluation e{mp(prec), mp(64)};
  for (const std::size_t k : samples) {
    if (mpfr_zero_p(q[k].get())) {
      mpfr_set_inf(e.value.get(), 1);
      mpfr_set_zero(e.error_bound.get(), 1);
      return e;
    }
    mp t(prec);
    mpfr_log(t.get(), q[k].get(), MPFR_RNDN);
    mpfr_neg(t.get(), t.get(), MPFR_RNDN);
    terms.push_back(t);
    mpfr_abs(t.get(), t.get(), MPFR_RNDN);
    abs_terms.push_back(t);
  }
  detail::sum_terms(e.value.get(), terms);
  mpfr_div_ui(e.value.get(), e.value.get(), samples.size(), MPFR_RNDN);
  detail::bound(e.error_bound.get(), abs_terms, 3, prec);
  mpfr_div_ui(e.error_bound.get(), e.error_bound.get(), samples.size(), MPFR_RNDU);
  return e;
}

/// CE(z, t) = Σ_i t_i·(log Σ_j e^{z_j} − z_i), straight from the definition (MPFR's exponent range
/// makes e^{10^4} harmless).
inline evaluation logits_ce_at(const mp_vector& z, const mp_vector& t, mpfr_prec_t prec) {
  std::vector<mp> exps;
  for (const mp& x : z) {
    mp e(prec);
    mpfr_exp(e.get(), x.get(), MPFR_RNDN);
    exps.push_back(e);
  }
  mp lse(prec);
  detail::sum_terms(lse.get(), exps);
  mpfr_log(lse.get(), lse.get(), MPFR_RNDN);
  std::vector<mp> terms, abs_terms;
  for (std::size_t i = 0; i < z.size(); ++i) {
    if (mpfr_zero_p(t[i].get())) continue;
    mp d(prec), a(prec), az(prec);
    mpfr_sub(d.get(), lse.get(), z[i].get(), MPFR_RNDN);
    mpfr_mul(d.get(), d.get(), t[i].get(), MPFR_RNDN);
    terms.push_back(d);
    mpfr_abs(a.get(), lse.get(), MPFR_RNDU);
    mpfr_abs(az.get(), z[i].get(), MPFR_RNDU);
    mpfr_add(a.get(), a.get(), az.get(), MPFR_RNDU);
    mpfr_add_ui(a.get(), a.get(), 1, MPFR_RNDU);
    mpfr_mul(a.get(), a.get(), t[i].get(), MPFR_RNDU);
    abs_terms.push_back(a);
  }
  evaluation e{mp(prec), mp(64)};
  detail::sum_terms(e.value.get(), terms);
  detail::bound(e.error_bound.get(), abs_terms, 4, prec);
  return e;
}

/// Binary digits used for the exact inputs and the default reference target for type T.
template <class T>
long digits_of() {
  return std::numeric_limits<T>::digits;
}

/// Reference values with a relative error at most 2^-(digits(T) + 40).
template <class T>
mp reference_entropy(const std::vector<T>& p) {
  const auto P = to_mp(p, digits_of<T>() + 8);
  return reference_with([&](mpfr_prec_t prec) { return entropy_at(P, prec); }, digits_of<T>() + 40);
}
template <class T>
mp reference_cross_entropy(const std::vector<T>& p, const std::vector<T>& q) {
  const auto P = to_mp(p, digits_of<T>() + 8), Q = to_mp(q, digits_of<T>() + 8);
  return reference_with([&](mpfr_prec_t prec) { return cross_entropy_at(P, Q, prec); },
                        digits_of<T>() + 40);
}
template <class T>
mp reference_kl(const std::vector<T>& p, const std::vector<T>& q) {
  const auto P = to_mp(p, digits_of<T>() + 8), Q = to_mp(q, digits_of<T>() + 8);
  return reference_with([&](mpfr_prec_t prec) { return kl_at(P, Q, prec); }, digits_of<T>() + 40);
}
template <class T>
mp reference_js(const std::vector<T>& p, const std::vector<T>& q) {
  const auto P = to_mp(p, digits_of<T>() + 8), Q = to_mp(q, digits_of<T>() + 8);
  return reference_with([&](mpfr_prec_t prec) { return js_at(P, Q, prec); }, digits_of<T>() + 40);
}
template <class T>
mp reference_tv(const std::vector<T>& p, const std::vector<T>& q) {
  const auto P = to_mp(p, digits_of<T>() + 8), Q = to_mp(q, digits_of<T>() + 8);
  return reference_with([&](mpfr_prec_t prec) { return tv_at(P, Q, prec); }, digits_of<T>() + 40);
}
template <class T>
mp reference_hellinger(const std::vector<T>& p, const std::vector<T>& q) {
  const auto P = to_mp(p, digits_of<T>() + 8), Q = to_mp(q, digits_of<T>() + 8);
  return reference_with([&](mpfr_prec_t prec) { return hellinger_at(P, Q, prec); },
                        digits_of<T>() + 40);
}
template <class T>
mp reference_chi_squared(const std::vector<T>& p, const std::vector<T>& q) {
  const auto P = to_mp(p, digits_of<T>() + 8), Q = to_mp(q, digits_of<T>() + 8);
  return reference_with([&](mpfr_prec_t prec) { return chi_squared_at(P, Q, prec); },
                        digits_of<T>() + 40);
}
/// α and the base are doubles (exact in MPFR); base 0 means nats.
template <class T>
mp reference_renyi(const std::vector<T>& p, const std::vector<T>& q, double alpha,
                   double base = 0) {
  const auto P = to_mp(p, digits_of<T>() + 8), Q = to_mp(q, digits_of<T>() + 8);
  return reference_with([&](mpfr_prec_t prec) { return renyi_at(P, Q, alpha, base, prec); },
                        digits_of<T>() + 40);
}
template <class T>
mp reference_nll(const std::vector<T>& q, const std::vector<std::size_t>& samples) {
  const auto Q = to_mp(q, digits_of<T>() + 8);
  return reference_with([&](mpfr_prec_t prec) { return nll_at(Q, samples, prec); },
                        digits_of<T>() + 40);
}
template <class T>
mp reference_logits_ce(const std::vector<T>& z, const std::vector<T>& t) {
  const auto Z = to_mp(z, digits_of<T>() + 8), Tt = to_mp(t, digits_of<T>() + 8);
  return reference_with([&](mpfr_prec_t prec) { return logits_ce_at(Z, Tt, prec); },
                        digits_of<T>() + 40);
}

/// Distance from got to the exact value ref in units in the last place of T at ref
/// (ulp(x) = 2^(e − digits) for x = m·2^e, m in [1/2, 1), and never below the least subnormal).
/// 0 when both are the same infinity; +inf when exactly one is infinite or got is NaN.
template <class T>
double ulp_error(const T& got, const mp& ref) {
  const int digits = std::numeric_limits<T>::digits;
  mp g(digits + 8);
  set_exact(g.get(), got);
  if (mpfr_nan_p(g.get())) return std::numeric_limits<double>::infinity();
  if (mpfr_inf_p(ref.get()) || mpfr_inf_p(g.get()))
    return mpfr_equal_p(g.get(), ref.get()) ? 0.0 : std::numeric_limits<double>::infinity();
  mp d(mpfr_get_prec(ref.get()) + digits + 8);
  mpfr_sub(d.get(), g.get(), ref.get(), MPFR_RNDN);
  mpfr_abs(d.get(), d.get(), MPFR_RNDN);
  long e = mpfr_zero_p(ref.get()) ? std::numeric_limits<T>::min_exponent
                                  : static_cast<long>(mpfr_get_exp(ref.get()));
  if (e < std::numeric_limits<T>::min_exponent) e = std::numeric_limits<T>::min_exponent;
  mpfr_mul_2si(d.get(), d.get(), digits - e, MPFR_RNDN);
  return mpfr_get_d(d.get(), MPFR_RNDU);
}

/// |got − ref| as a double (rounded up), for absolute error bounds.
template <class T>
double abs_error(const T& got, const mp& ref) {
  mp g(std::numeric_limits<T>::digits + 8);
  set_exact(g.get(), got);
  mp d(mpfr_get_prec(ref.get()) + std::numeric_limits<T>::digits + 8);
  mpfr_sub(d.get(), g.get(), ref.get(), MPFR_RNDN);
  mpfr_abs(d.get(), d.get(), MPFR_RNDN);
  return mpfr_get_d(d.get(), MPFR_RNDU);
}

/// The reference as a decimal string, for failure messages.
inline std::string to_string(const mp& x) {
  char buf[128];
  mpfr_snprintf(buf, sizeof buf, "%.25Rg", x.get());
  return buf;
}

} // namespace gibbs_test

#endif // GIBBS_TESTS_SUPPORT_REFERENCE_HPP
