// gibbs/oracle/detail/exact.hpp: the exactness detector — values that are rational, found and
// computed exactly before the Ziv loop (which could never decide a rational value sitting on a
// rounding midpoint, and cannot prove a representable value exact).
//
// Every measure here is, in nats, S ln 2 + R when each logarithm's argument is a power of two,
// 2^k_i: S = sum_i w_i k_i (w_i the weights: p_i, counts/N, ...) and R the rational part of
// generalized KL, sum (q_i - p_i) (0 otherwise). Since ln 2 is transcendental:
//   base e:   the value is rational iff S = 0; it is then R;
//   base 2^j: the value S/j + R/(j ln 2) is rational iff R = 0; it is then S/j;
//   perplexity: 2^(-S') with S' = sum c_i k_i / N, dyadic iff N divides sum c_i k_i.
// Other rational coincidences (e.g. KL in base 3 with ratios that are powers of 3) are not
// detected: a representable one is still returned correctly rounded but not flagged exact, and a
// midpoint one ends in gibbs::oracle::undecided at the precision cap.
#ifndef GIBBS_ORACLE_DETAIL_EXACT_HPP
#define GIBBS_ORACLE_DETAIL_EXACT_HPP

#include "gibbs/oracle/api.hpp"
#include "gibbs/oracle/detail/exact_sum.hpp"
#include "gibbs/oracle/detail/view.hpp"

#include <mpfr.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <span>
#include <stdexcept>
#include <vector>

namespace gibbs::oracle::detail {

__extension__ using int128 = __int128; // GCC and Clang

/// x = 2^k for some integer k.
inline bool power_of_two(double x, long& k) {
  int e = 0;
  if (!(x > 0) || std::frexp(x, &e) != 0.5) return false;
  k = e - 1;
  return true;
}

/// a / b = 2^k (a, b > 0): same significand.
inline bool power_of_two_ratio(double a, double b, long& k) {
  int ea = 0, eb = 0;
  if (std::frexp(a, &ea) != std::frexp(b, &eb)) return false;
  k = static_cast<long>(ea) - eb;
  return true;
}

/// Exact sum of w_i k_i for doubles w_i and integers |k_i| < 2^20.
class weighted_exponents {
public:
  explicit weighted_exponents(std::size_t n) : sum_(precision(n)), term_(53 + 64) {
    mpfr_set_zero(sum_.get(), 1);
  }
  void add(double w, long k) {
    mpfr_set_d(term_.get(), w, MPFR_RNDN);
    mpfr_mul_si(term_.get(), term_.get(), k, MPFR_RNDN); // exact: 53 + 21 bits
    if (mpfr_add(sum_.get(), sum_.get(), term_.get(), MPFR_RNDN) != 0)
      throw std::logic_error("gibbs::oracle: exact weighted sum was rounded");
  }
  [[nodiscard]] big& sum() { return sum_; }

private:
  // Terms lie in [2^-1074, 2^1044): 2118 bits plus the carries of n terms.
  static mpfr_prec_t precision(std::size_t n) {
    mpfr_prec_t bits = 2200;
    for (; n > 0; n >>= 1)
      ++bits;
    return bits;
  }
  big sum_, term_;
};

/// If the request's value is a rational number computable from powers of two as above, sets v to
/// it exactly and returns true. p, q are the (possibly swapped) distributions, counts/samples the
/// nll data. Handles the exact and generalized variants (normalized: only through the common
/// exact cases in evaluate).
inline bool exact_rational_value(const view& r, std::span<const double> p,
                                 std::span<const double> q, const std::vector<std::int64_t>& counts,
                                 std::int64_t samples, big& v) {
  const bool generalized =
      r.what == measure::generalized_kl || (r.what == measure::kl && r.var == variant::generalized);
  if (r.var == variant::normalized && !generalized) return false;
  long j = 0; // base 2^j
  if (r.base != 0 && r.what != measure::perplexity && !power_of_two(r.base, j)) return false;
  long k = 0;
  bool rational_part = false;
  weighted_exponents s(p.size() + q.size() + counts.size());
  switch (r.what) {
  case measure::entropy:
    for (double x : p) {
      if (x == 0) continue;
      if (!power_of_two(x, k)) return false;
      s.add(-x, k);
    }
    break;
  case measure::cross_entropy:
    for (std::size_t i = 0; i < p.size(); ++i) {
      if (p[i] == 0) continue;
      if (!power_of_two(q[i], k)) return false;
      s.add(-p[i], k);
    }
    break;
  case measure::kl:
  case measure::reverse_kl:
  case measure::generalized_kl:
    for (std::size_t i = 0; i < p.size(); ++i) {
      if (p[i] == 0) continue;
      if (!power_of_two_ratio(p[i], q[i], k)) return false;
      s.add(p[i], k);
    }
    rational_part = generalized;
    break;
  case measure::js:
    // 2p/(p+q) is a power of two only for p = q (term 0) or q = 0 (term p log 2); likewise for q.
    for (std::size_t i = 0; i < p.size(); ++i) {
      if (p[i] == q[i]) continue;
      if (p[i] != 0 && q[i] != 0) return false;
      s.add(p[i] + q[i], 1); // exact: one of them is 0; halved below
    }
    break;
  case measure::nll:
  case measure::perplexity: {
    // S = -sum c_i k_i / N: an integer numerator, exact in an int64 for any realistic sample.
    int128 num = 0;
    for (std::size_t i = 0; i < counts.size(); ++i) {
      if (counts[i] == 0) continue;
      if (!power_of_two(q[i], k)) return false;
      num -= static_cast<int128>(counts[i]) * k;
    }
    if (r.what == measure::perplexity) {
      if (num % samples != 0) return false; // 2^(non-integer): irrational
      const auto e = static_cast<long>(num / samples);
      mpfr_set_prec(v.get(), 64);
      mpfr_set_ui_2exp(v.get(), 1, e, MPFR_RNDN);
      return true;
    }
    if (num > INT64_MAX || num < INT64_MIN) return false;
    // nats: (num/N) ln 2, never rational unless num = 0; base 2^j: num/(N j).
    mpfr_set_prec(v.get(), 256);
    if (num == 0) {
      mpfr_set_zero(v.get(), 1);
      return true;
    }
    if (j == 0) return false;
    mpfr_set_si(v.get(), static_cast<long>(num), MPFR_RNDN);
    // num/(N j) is dyadic only if N j divides num up to a power of two; if the division is inexact
    // the value is a non-dyadic rational: neither representable nor a midpoint, Ziv decides it.
    big d(256);
    mpfr_set_si(d.get(), static_cast<long>(samples), MPFR_RNDN);
    mpfr_mul_si(d.get(), d.get(), j, MPFR_RNDN);
    return mpfr_div(v.get(), v.get(), d.get(), MPFR_RNDN) == 0;
  }
  case measure::logits_cross_entropy:
    return false;
  }
  big& S = s.sum();
  if (rational_part) {
    big sp(64), sq(64);
    exact_sum(p, sp);
    exact_sum(q, sq);
    mpfr_set_prec(v.get(), std::max(mpfr_get_prec(sp.get()), mpfr_get_prec(sq.get())) + 2300);
    if (mpfr_sub(v.get(), sq.get(), sp.get(), MPFR_RNDN) != 0)
      throw std::logic_error("gibbs::oracle: exact difference was rounded");
    if (j == 0 && mpfr_zero_p(S.get())) return true; // nats: the value is R
    if (j != 0 && mpfr_zero_p(v.get())) {            // base 2^j with R = 0: S/j
      mpfr_set_prec(v.get(), mpfr_get_prec(S.get()) + 64);
      return mpfr_div_si(v.get(), S.get(), j, MPFR_RNDN) == 0;
    }
    return false;
  }
  if (r.what == measure::js) mpfr_div_2ui(S.get(), S.get(), 1, MPFR_RNDN); // JS = sum / 2
  if (j == 0) {
    if (!mpfr_zero_p(S.get())) return false;
    mpfr_set_prec(v.get(), 64);
    mpfr_set_zero(v.get(), 1);
    return true;
  }
  mpfr_set_prec(v.get(), mpfr_get_prec(S.get()) + 64);
  return mpfr_div_si(v.get(), S.get(), j, MPFR_RNDN) == 0;
}

} // namespace gibbs::oracle::detail

#endif // GIBBS_ORACLE_DETAIL_EXACT_HPP
