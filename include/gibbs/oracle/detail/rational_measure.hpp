// gibbs/oracle/detail/rational_measure.hpp: the decision procedure of rational.hpp applied to each
// measure (its log-linear form: weights w_i, ratios r_i, rational part Q), the measures that are
// always rational (total variation, chi^2) or algebraic (Hellinger, Renyi of integer order), and
// the oracle's result for a known rational value (one rounding; digits printed exactly).
//
// Preconditions: valid input whose value is finite (the oracle returns +inf, and the values known
// at once, before asking). Masses are finite doubles >= 0; the normalised variants have Sp, Sq > 0.
//
// Hellinger. H^2 = (Sp + Sq)/2 - sum_i sqrt(p_i q_i). Write p_i q_i = c_i^2 s_i with c_i > 0
// rational and s_i a square-free positive integer. The square roots of distinct square-free
// integers are linearly independent over Q (Besicovitch 1940), so sum_i c_i sqrt(s_i), grouped by
// s, is rational iff every s_i = 1 (the grouped coefficients are sums of positive c_i: they
// cannot vanish). Hence H^2 is rational iff every p_i q_i is the square of a rational (with
// p_i q_i = m 2^e, m odd: e even and m a perfect square), and then H = sqrt(H^2) is rational iff
// H^2 is a rational square. Otherwise H^2 and H are irrational (H rational would make H^2 so).
//
// Renyi, D_alpha = log(S) / ((alpha - 1) log b), S = sum_i p_i^alpha q_i^(1-alpha). Decided when
// p is proportional to q on the common support O = {i : p_i, q_i > 0} (p_i = c q_i there, which
// includes p = q and every single-term overlap): then S = c^alpha sum_O q_i for any alpha, and
// D = ((alpha/(alpha - 1)) log c + log(sum_O q_i)/(alpha - 1)) / log b is part 1 of rational.hpp
// with two groups of rational weights. Otherwise decided when every p_i^alpha q_i^(1-alpha) is
// rational: alpha an integer 2..64 (S is then a rational, and log S / (alpha - 1) is part 1 with
// one ratio), or alpha = 1/2 with every p_i q_i a rational square (S = sum sqrt(p_i q_i)); with
// a non-square product S is irrational, and in nats so is D. Not decided (verdict `unknown`):
// other alpha, and alpha = 1/2 with a non-square product in a base b != e; a rational value there
// needs S = b^((alpha-1) V) for an algebraic S.
#ifndef GIBBS_ORACLE_DETAIL_RATIONAL_MEASURE_HPP
#define GIBBS_ORACLE_DETAIL_RATIONAL_MEASURE_HPP

#include "gibbs/oracle/api.hpp"
#include "gibbs/oracle/detail/rational.hpp"
#include "gibbs/oracle/format.hpp"

#include <gmp.h>
#include <mpfr.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

namespace gibbs::oracle::detail::rational {

using doubles = std::span<const double>;

/// The lowest set bit over the non-zero x_i (weights' common scale).
[[nodiscard]] inline long lowest_bit(doubles x) {
  long lo = 1L << 20;
  for (double v : x)
    if (v != 0) lo = std::min(lo, lsb(std::fabs(v)));
  return lo;
}

/// 2^k / M as a fraction (M > 0).
inline void set_scale(fraction& out, long k, mpz_srcptr M) {
  integer one(1);
  mpq_set_num(out.get(), one.get());
  mpq_set_den(out.get(), M);
  mpq_canonicalize(out.get());
  if (k >= 0)
    mpq_mul_2exp(out.get(), out.get(), static_cast<mp_bitcnt_t>(k));
  else
    mpq_div_2exp(out.get(), out.get(), static_cast<mp_bitcnt_t>(-k));
}

/// Entropy H(p) (normalized: H(p / Sp) = sum (p_i/Sp) log(Sp/p_i)).
[[nodiscard]] inline verdict entropy(doubles p, double base, bool normalized) {
  log_form L(1);
  const long lo = lowest_bit(p);
  integer W, total;
  for (double x : p) {
    if (x == 0) continue;
    scaled_integer(W.get(), x, lo);
    L.add_double(0, W.get(), x, -1);
    mpz_add(total.get(), total.get(), W.get());
  }
  if (normalized) {
    const dyadic S = exact_dyadic_sum(p.data(), p.size());
    L.add_dyadic(0, total.get(), S.M.get(), S.e, +1);
    set_scale(L.scale(0), lo - S.e, S.M.get());
  } else {
    set_scale(L.scale(0), lo, integer(1).get());
  }
  return decide_log(L, base, nullptr);
}

/// Cross-entropy H(p, q) (normalized: sum (p_i/Sp) log(Sq/q_i)).
[[nodiscard]] inline verdict cross_entropy(doubles p, doubles q, double base, bool normalized) {
  log_form L(1);
  const long lo = lowest_bit(p);
  integer W, total;
  for (std::size_t i = 0; i < p.size(); ++i) {
    if (p[i] == 0) continue;
    scaled_integer(W.get(), p[i], lo);
    L.add_double(0, W.get(), q[i], -1);
    mpz_add(total.get(), total.get(), W.get());
  }
  if (normalized) {
    const dyadic Sp = exact_dyadic_sum(p.data(), p.size());
    const dyadic Sq = exact_dyadic_sum(q.data(), q.size());
    L.add_dyadic(0, total.get(), Sq.M.get(), Sq.e, +1);
    set_scale(L.scale(0), lo - Sp.e, Sp.M.get());
  } else {
    set_scale(L.scale(0), lo, integer(1).get());
  }
  return decide_log(L, base, nullptr);
}

/// How KL reads its arguments.
enum class kl_kind { plain, normalized, generalized };

/// KL(p||q) = sum p_i log(p_i/q_i) (reverse KL: pass q, p). Generalized: + sum (q_i - p_i), the
/// oracle's definition in base b being (sum p log(p/q) + sum (q - p)) / log b. Normalized:
/// sum (p_i/Sp) log(p_i Sq / (q_i Sp)).
[[nodiscard]] inline verdict kl(doubles p, doubles q, double base, kl_kind kind) {
  log_form L(1);
  const long lo = lowest_bit(p);
  integer W, total;
  for (std::size_t i = 0; i < p.size(); ++i) {
    if (p[i] == 0) continue;
    scaled_integer(W.get(), p[i], lo);
    L.add_ratio(0, W.get(), p[i], q[i]);
    mpz_add(total.get(), total.get(), W.get());
  }
  fraction Q;
  if (kind == kl_kind::normalized) {
    const dyadic Sp = exact_dyadic_sum(p.data(), p.size());
    const dyadic Sq = exact_dyadic_sum(q.data(), q.size());
    L.add_dyadic(0, total.get(), Sq.M.get(), Sq.e, +1);
    L.add_dyadic(0, total.get(), Sp.M.get(), Sp.e, -1);
    set_scale(L.scale(0), lo - Sp.e, Sp.M.get());
  } else {
    set_scale(L.scale(0), lo, integer(1).get());
  }
  if (kind == kl_kind::generalized) {
    std::vector<double> both(p.begin(), p.end());
    for (double& x : both)
      x = -x;
    both.insert(both.end(), q.begin(), q.end());
    const dyadic D = exact_dyadic_sum(both.data(), both.size()); // sum q - sum p
    set_dyadic(Q, D.M.get(), D.e);
  }
  return decide_log(L, base, &Q);
}

/// JS(p, q) = (1/2) sum p_i log(2p_i/(p_i+q_i)) + (1/2) sum q_i log(2q_i/(p_i+q_i)); normalized:
/// with p_i/Sp, q_i/Sq, i.e. ratios 2 p_i Sq / T_i and 2 q_i Sp / T_i, T_i = p_i Sq + q_i Sp.
[[nodiscard]] inline verdict js(doubles p, doubles q, double base, bool normalized) {
  log_form L(2);
  const long lp = lowest_bit(p), lq = lowest_bit(q);
  integer Wp, Wq, tp, tq, T;
  dyadic Sp, Sq;
  if (normalized) {
    Sp = exact_dyadic_sum(p.data(), p.size());
    Sq = exact_dyadic_sum(q.data(), q.size());
  }
  for (std::size_t i = 0; i < p.size(); ++i) {
    if (p[i] == q[i] && !normalized) continue; // log 1
    if (p[i] == 0 && q[i] == 0) continue;
    scaled_integer(Wp.get(), p[i], p[i] == 0 ? 0 : lp);
    scaled_integer(Wq.get(), q[i], q[i] == 0 ? 0 : lq);
    if (p[i] > 0) {
      L.add_prime(0, Wp.get(), 2, 1);
      L.add_double(0, Wp.get(), p[i], +1);
    }
    if (q[i] > 0) {
      L.add_prime(1, Wq.get(), 2, 1);
      L.add_double(1, Wq.get(), q[i], +1);
    }
    // T_i (unnormalized: p_i + q_i) as an integer times 2^e
    long e = 0;
    if (!normalized) {
      const long lo = std::min(p[i] > 0 ? lsb(p[i]) : 1L << 20, q[i] > 0 ? lsb(q[i]) : 1L << 20);
      scaled_integer(tp.get(), p[i], p[i] > 0 ? lo : 0);
      scaled_integer(tq.get(), q[i], q[i] > 0 ? lo : 0);
      mpz_add(T.get(), tp.get(), tq.get());
      e = lo;
    } else {
      // p_i Sq + q_i Sp = (mp 2^ep)(Sq.M 2^Sq.e) + (mq 2^eq)(Sp.M 2^Sp.e)
      const long ea = p[i] > 0 ? lsb(p[i]) + Sq.e : 1L << 20;
      const long eb = q[i] > 0 ? lsb(q[i]) + Sp.e : 1L << 20;
      e = std::min(ea, eb);
      mpz_set_ui(T.get(), 0);
      if (p[i] > 0) {
        mpz_set_ui(tp.get(), split(p[i]).m);
        mpz_mul(tp.get(), tp.get(), Sq.M.get());
        mpz_mul_2exp(tp.get(), tp.get(), static_cast<mp_bitcnt_t>(ea - e));
        mpz_add(T.get(), T.get(), tp.get());
      }
      if (q[i] > 0) {
        mpz_set_ui(tq.get(), split(q[i]).m);
        mpz_mul(tq.get(), tq.get(), Sp.M.get());
        mpz_mul_2exp(tq.get(), tq.get(), static_cast<mp_bitcnt_t>(eb - e));
        mpz_add(T.get(), T.get(), tq.get());
      }
      // the Sq in 2 p_i Sq / T_i and the Sp in 2 q_i Sp / T_i
      if (p[i] > 0) L.add_dyadic(0, Wp.get(), Sq.M.get(), Sq.e, +1);
      if (q[i] > 0) L.add_dyadic(1, Wq.get(), Sp.M.get(), Sp.e, +1);
    }
    std::vector<std::pair<std::size_t, integer>> w;
    if (p[i] > 0) {
      w.emplace_back(0, Wp);
      mpz_neg(w.back().second.get(), w.back().second.get());
    }
    if (q[i] > 0) {
      w.emplace_back(1, Wq);
      mpz_neg(w.back().second.get(), w.back().second.get());
    }
    L.add_dyadic_weights(T.get(), e, std::move(w));
  }
  integer one(1);
  if (normalized) {
    set_scale(L.scale(0), lp - 1 - Sp.e, Sp.M.get());
    set_scale(L.scale(1), lq - 1 - Sq.e, Sq.M.get());
  } else {
    set_scale(L.scale(0), lp - 1, one.get());
    set_scale(L.scale(1), lq - 1, one.get());
  }
  return decide_log(L, base, nullptr);
}

/// NLL = sum_k (c_k/N) log(1/q_k) (normalized: log(Sq/q_k)); perplexity = exp(NLL).
[[nodiscard]] inline verdict nll(doubles q, std::span<const std::int64_t> counts,
                                 std::int64_t samples, double base, bool normalized,
                                 bool perplexity) {
  log_form L(1);
  integer W;
  for (std::size_t k = 0; k < counts.size(); ++k) {
    if (counts[k] == 0) continue;
    mpz_set_ui(W.get(), static_cast<unsigned long>(counts[k]));
    L.add_double(0, W.get(), q[k], -1);
  }
  if (normalized) {
    const dyadic Sq = exact_dyadic_sum(q.data(), q.size());
    mpz_set_ui(W.get(), static_cast<unsigned long>(samples));
    L.add_dyadic(0, W.get(), Sq.M.get(), Sq.e, +1);
  }
  mpq_set_ui(L.scale(0).get(), 1, static_cast<unsigned long>(samples));
  if (perplexity) return decide_exp(L);
  return decide_log(L, base, nullptr);
}

/// Cross-entropy from logits z (class target_index, or the distribution `target`): irrational
/// unless all logits are equal (rational.hpp, part 3); then T log_b K, T = sum t (1 for a class
/// target or the normalized variant).
[[nodiscard]] inline verdict logits(doubles z, doubles target, double base, bool normalized) {
  verdict v;
  for (double x : z)
    if (x != z[0]) {
      v.what = status::irrational;
      return v;
    }
  log_form L(1);
  integer K(static_cast<unsigned long>(z.size())), W(1);
  long lo = 0;
  if (!target.empty() && !normalized) {
    const dyadic T = exact_dyadic_sum(target.data(), target.size());
    mpz_set(W.get(), T.M.get());
    lo = T.e;
  }
  L.add_dyadic(0, W.get(), K.get(), 0, +1);
  set_scale(L.scale(0), lo, integer(1).get());
  return decide_log(L, base, nullptr);
}

/// Total variation (1/2) sum |p_i - q_i|: a dyadic rational.
[[nodiscard]] inline verdict total_variation(doubles p, doubles q) {
  verdict v;
  const long lo = std::min(lowest_bit(p), lowest_bit(q));
  integer a, b, s;
  for (std::size_t i = 0; i < p.size(); ++i) {
    if (p[i] == q[i]) continue;
    scaled_integer(a.get(), p[i], lo);
    scaled_integer(b.get(), q[i], lo);
    mpz_sub(a.get(), a.get(), b.get());
    mpz_abs(a.get(), a.get());
    mpz_add(s.get(), s.get(), a.get());
  }
  set_dyadic(v.value, s.get(), lo - 1);
  v.what = status::rational;
  return v;
}

namespace detail_chi {
/// sum_{i in [a, b)} N_i / D_i as one fraction N / D (not reduced): binary splitting, so the
/// products are balanced and GMP's fast multiplication applies (O(M(n) log n) for n terms).
inline void split_sum(const std::vector<integer>& N, const std::vector<std::uint64_t>& D,
                      std::size_t a, std::size_t b, integer& num, integer& den) {
  if (b - a == 1) {
    mpz_set(num.get(), N[a].get());
    mpz_set_ui(den.get(), D[a]);
    return;
  }
  const std::size_t m = a + (b - a) / 2;
  integer n2, d2;
  split_sum(N, D, a, m, num, den);
  split_sum(N, D, m, b, n2, d2);
  mpz_mul(num.get(), num.get(), d2.get());
  mpz_addmul(num.get(), n2.get(), den.get());
  mpz_mul(den.get(), den.get(), d2.get());
}
} // namespace detail_chi

/// Pearson's chi^2 = sum (p_i - q_i)^2 / q_i: a rational (terms with p_i = q_i = 0 are 0; p_i > 0
/// = q_i is +inf and excluded by the precondition). With q_i = m_i 2^{e_i} (m_i odd), the term is
/// (p_i - q_i)^2 2^{-e_i} / m_i; the dyadic numerators share the scale 2^k.
[[nodiscard]] inline verdict chi_squared(doubles p, doubles q) {
  verdict v;
  const long lo = std::min(lowest_bit(p), lowest_bit(q));
  std::vector<long> shift;
  std::vector<integer> N;
  std::vector<std::uint64_t> D;
  long k = 1L << 30;
  integer a, b;
  for (std::size_t i = 0; i < p.size(); ++i) {
    if (p[i] == q[i]) continue;
    if (q[i] == 0) throw std::logic_error("gibbs::oracle: chi_squared with p_i > 0 = q_i");
    scaled_integer(a.get(), p[i], lo);
    scaled_integer(b.get(), q[i], lo);
    mpz_sub(a.get(), a.get(), b.get());
    mpz_mul(a.get(), a.get(), a.get()); // (p - q)^2 2^{-2 lo}
    const odd_split s = split(q[i]);
    N.push_back(a);
    D.push_back(s.m);
    shift.push_back(2 * lo - s.e); // term = N 2^shift / m
    k = std::min(k, shift.back());
  }
  if (N.empty()) {
    v.what = status::rational;
    return v;
  }
  for (std::size_t j = 0; j < N.size(); ++j)
    mpz_mul_2exp(N[j].get(), N[j].get(), static_cast<mp_bitcnt_t>(shift[j] - k));
  integer num, den;
  detail_chi::split_sum(N, D, 0, N.size(), num, den);
  mpq_set_num(v.value.get(), num.get());
  mpq_set_den(v.value.get(), den.get());
  mpq_canonicalize(v.value.get());
  if (k >= 0)
    mpq_mul_2exp(v.value.get(), v.value.get(), static_cast<mp_bitcnt_t>(k));
  else
    mpq_div_2exp(v.value.get(), v.value.get(), static_cast<mp_bitcnt_t>(-k));
  v.what = status::rational;
  return v;
}

/// sqrt(x) for a dyadic x = M 2^e >= 0, if it is dyadic (M a square and e even after removing the
/// factors 2 of M).
[[nodiscard]] inline bool dyadic_sqrt(mpz_srcptr M, long e, integer& R, long& half) {
  if (mpz_sgn(M) == 0) {
    mpz_set_ui(R.get(), 0);
    half = 0;
    return true;
  }
  integer odd;
  const long v2 = static_cast<long>(mpz_scan1(M, 0));
  mpz_tdiv_q_2exp(odd.get(), M, static_cast<mp_bitcnt_t>(v2));
  const long ee = e + v2;
  if ((ee & 1) != 0 || !mpz_perfect_square_p(odd.get())) return false;
  mpz_sqrt(R.get(), odd.get());
  half = ee / 2;
  return true;
}

/// H^2 = (Sp + Sq)/2 - sum sqrt(p_i q_i), if rational (see the top of this file); `root` then asks
/// for H itself. Also the S of Renyi's alpha = 1/2 (1 - H^2, for normalised p, q).
[[nodiscard]] inline verdict hellinger(doubles p, doubles q, bool root) {
  verdict v;
  // sum sqrt(p_i q_i) as a dyadic: every sqrt(m_p m_q) 2^{(e_p+e_q)/2}
  std::vector<std::pair<integer, long>> r;
  integer m, R;
  long lo = 1L << 30;
  for (std::size_t i = 0; i < p.size(); ++i) {
    if (p[i] == 0 || q[i] == 0) continue;
    const odd_split a = split(p[i]), b = split(q[i]);
    mpz_set_ui(m.get(), a.m);
    mpz_mul_ui(m.get(), m.get(), b.m);
    long half = 0;
    if (!dyadic_sqrt(m.get(), a.e + b.e, R, half)) {
      v.what = status::irrational;
      return v;
    }
    r.emplace_back(R, half);
    lo = std::min(lo, half);
  }
  std::vector<double> both(p.begin(), p.end());
  both.insert(both.end(), q.begin(), q.end());
  const dyadic S = exact_dyadic_sum(both.data(), both.size()); // Sp + Sq
  lo = std::min(lo, S.e - 1);
  integer acc, t;
  mpz_mul_2exp(acc.get(), S.M.get(), static_cast<mp_bitcnt_t>(S.e - 1 - lo));
  for (auto& [x, h] : r) {
    mpz_mul_2exp(t.get(), x.get(), static_cast<mp_bitcnt_t>(h - lo));
    mpz_sub(acc.get(), acc.get(), t.get());
  }
  if (!root) {
    set_dyadic(v.value, acc.get(), lo);
    v.what = status::rational;
    return v;
  }
  if (mpz_sgn(acc.get()) < 0) throw std::logic_error("gibbs::oracle: negative Hellinger square");
  long half = 0;
  if (!dyadic_sqrt(acc.get(), lo, R, half)) {
    v.what = status::irrational;
    return v;
  }
  set_dyadic(v.value, R.get(), half);
  v.what = status::rational;
  return v;
}

/// Whether p_i = c q_i on the common support {i : p_i > 0 and q_i > 0} for one c (the support not
/// empty): p_i q_k == q_i p_k exactly, k its first index. Returns k (p.size() if not).
[[nodiscard]] inline std::size_t proportional_on_overlap(doubles p, doubles q) {
  std::size_t k = p.size();
  fraction a, b, pk, qk;
  for (std::size_t i = 0; i < p.size(); ++i) {
    if (p[i] == 0 || q[i] == 0) continue;
    if (k == p.size()) {
      k = i;
      mpq_set_d(pk.get(), p[i]);
      mpq_set_d(qk.get(), q[i]);
      continue;
    }
    mpq_set_d(a.get(), p[i]);
    mpq_mul(a.get(), a.get(), qk.get());
    mpq_set_d(b.get(), q[i]);
    mpq_mul(b.get(), b.get(), pk.get());
    if (!mpq_equal(a.get(), b.get())) return p.size();
  }
  return k;
}

/// alpha - 1 as an exact rational (alpha - 1 in binary64 might round).
[[nodiscard]] inline fraction minus_one(double alpha) {
  fraction a, one;
  mpq_set_d(a.get(), alpha);
  mpq_set_ui(one.get(), 1, 1);
  mpq_sub(a.get(), a.get(), one.get());
  return a;
}

/// Renyi divergence of order alpha in base b (see the top of this file for what is decided).
[[nodiscard]] inline verdict renyi(doubles p, doubles q, double alpha, double base) {
  verdict v;
  fraction S;
  if (const std::size_t k = proportional_on_overlap(p, q); k < p.size()) {
    // p_i = c q_i on the overlap O, c = p_k / q_k: S = c^alpha sum_O q_i (the terms outside O are
    // 0: p_i = 0, or q_i = 0 < p_i with alpha < 1, the case alpha > 1 being +inf), so
    // D = (alpha/(alpha - 1)) log c + log(sum_O q_i)/(alpha - 1), part 1 of rational.hpp with two
    // groups, for every alpha (a dyadic rational).
    std::vector<double> overlap;
    for (std::size_t i = 0; i < p.size(); ++i)
      if (p[i] > 0 && q[i] > 0) overlap.push_back(q[i]);
    const dyadic Q = exact_dyadic_sum(overlap.data(), overlap.size());
    log_form L(2);
    integer one(1);
    L.add_ratio(0, one.get(), p[k], q[k]);
    L.add_dyadic(1, one.get(), Q.M.get(), Q.e, +1);
    const fraction beta = minus_one(alpha);
    fraction a;
    mpq_set_d(a.get(), alpha);
    mpq_div(L.scale(0).get(), a.get(), beta.get());
    mpq_inv(L.scale(1).get(), beta.get());
    return decide_log(L, base, nullptr);
  }
  if (alpha == 0.5) {
    verdict h = hellinger(p, q, false); // H^2 with (Sp + Sq)/2
    if (h.what != status::rational) {
      // S = sum sqrt(p_i q_i) is irrational: log S too (S algebraic, not 1); in another base
      // S = b^(-V/2) is possible (S = sqrt 2, b = 2): not decided
      v.what = base == 0 ? status::irrational : status::unknown;
      return v;
    }
    // S = sum sqrt(p_i q_i) = (Sp + Sq)/2 - H^2
    std::vector<double> both(p.begin(), p.end());
    both.insert(both.end(), q.begin(), q.end());
    const dyadic D = exact_dyadic_sum(both.data(), both.size());
    set_dyadic(S, D.M.get(), D.e - 1);
    mpq_sub(S.get(), S.get(), h.value.get());
  } else if (alpha == std::floor(alpha) && alpha >= 2 && alpha <= 64) {
    const auto a = static_cast<unsigned long>(alpha);
    fraction t, pa, qa;
    for (std::size_t i = 0; i < p.size(); ++i) {
      if (p[i] == 0) continue;
      if (q[i] == 0) throw std::logic_error("gibbs::oracle: renyi with p_i > 0 = q_i");
      mpq_set_d(pa.get(), p[i]);
      mpq_set_d(qa.get(), q[i]);
      // p^a / q^(a-1)
      mpz_pow_ui(mpq_numref(t.get()), mpq_numref(pa.get()), a);
      mpz_pow_ui(mpq_denref(t.get()), mpq_denref(pa.get()), a);
      integer qn, qd;
      mpz_pow_ui(qn.get(), mpq_numref(qa.get()), a - 1);
      mpz_pow_ui(qd.get(), mpq_denref(qa.get()), a - 1);
      mpz_mul(mpq_numref(t.get()), mpq_numref(t.get()), qd.get());
      mpz_mul(mpq_denref(t.get()), mpq_denref(t.get()), qn.get());
      mpq_canonicalize(t.get());
      mpq_add(S.get(), S.get(), t.get());
    }
  } else {
    return v; // unknown
  }
  if (mpq_sgn(S.get()) <= 0) throw std::logic_error("gibbs::oracle: renyi sum <= 0");
  // log(S) / (alpha - 1): one ratio S = num/den with weight 1/(alpha - 1)
  log_form L(1);
  integer one(1);
  L.add_dyadic(0, one.get(), mpq_numref(S.get()), 0, +1);
  L.add_dyadic(0, one.get(), mpq_denref(S.get()), 0, -1);
  mpq_inv(L.scale(0).get(), minus_one(alpha).get());
  return decide_log(L, base, nullptr);
}

// --- the oracle's result ------------------------------------------------------------------------

/// The oracle's result for the exact rational value X: value = X rounded once to nearest-even
/// straight to the format (binary32 never via binary64: round-to-odd at 64 bits keeps one
/// rounding), lo/hi its directed roundings (equal, and exact, iff X is representable), digits X's
/// correctly rounded decimal expansion.
[[nodiscard]] inline result result_of(mpq_srcptr X, format fmt, int digits) {
  mpfr_t y;
  mpfr_init2(y, 64);
  round_to_odd(y, X);
  // Rounding to odd at 64 bits keeps every later rounding to p <= 62 bits correct (the odd last
  // bit stands for the discarded part), in the subnormal range of each format too.
  const auto get = [&](mpfr_rnd_t rnd) { return round_mpfr(y, fmt, rnd); };
  result res;
  res.fmt = fmt;
  res.value = get(MPFR_RNDN);
  res.lo = get(MPFR_RNDD);
  res.hi = get(MPFR_RNDU);
  if (res.value == 0) res.value = mpq_sgn(X) < 0 ? -0.0 : 0.0;
  res.exact = res.lo == res.hi;
  mpfr_clear(y);
  if (digits > 0) res.digits = decimal_digits_exact(X, digits);
  return res;
}

/// An upper bound of log2 X for a rational X > 0 (within 2 of it), from the sizes of its
/// numerator N and denominator D: X < 2^size(N) / 2^(size(D) - 1).
[[nodiscard]] inline double log2_upper(mpq_srcptr X) {
  return static_cast<double>(mpz_sizeinbase(mpq_numref(X), 2))
         - static_cast<double>(mpz_sizeinbase(mpq_denref(X), 2)) + 1;
}

/// A lower bound of log2 of the distance from X = N/D != 0 to every binary number of 64 bits
/// (which holds every number and midpoint of each format near X, subnormals included), and with
/// digits n > 0 to every midpoint of n-digit decimals, other than X itself (rational.hpp, part
/// 5). Binary: the 64-bit numbers near X are multiples of 2^G, G = floor(log2|X|) - 66 (the
/// binade below included), and N/D - B 2^G != 0 is a multiple of 2^min(G, 0) / D. Decimal: the
/// midpoints are (2d + 1) 10^k / 2 with k >= floor(log10|X|) - n (the decade below included);
/// N/D minus one of them, if not 0, is at least 1 / (2 D 10^max(0, -k)).
[[nodiscard]] inline double near_gap_log2(mpq_srcptr X, int digits) {
  const double log2_den = static_cast<double>(mpz_sizeinbase(mpq_denref(X), 2)); // >= log2 D
  const double log2_abs = static_cast<double>(mpz_sizeinbase(mpq_numref(X), 2))
                          - static_cast<double>(mpz_sizeinbase(mpq_denref(X), 2)); // +-1
  const double G = std::floor(log2_abs) - 2 - 66;
  double gap = std::min(G, 0.0) - log2_den;
  if (digits > 0) {
    const double k = std::floor(log2_abs * 0.30102999566398120) - 2 - digits;
    gap = std::min(gap, -1 - log2_den - std::max(0.0, -k) * 3.3219280948873626 - 1);
  }
  return gap;
}

/// The oracle's result for a value X + side t with 0 < t <= 2^tail_log2 (verdict `near`), or
/// false when the tail is not proven below the gap of near_gap_log2 (then the value is not that
/// close to X and the Ziv loop decides it). The value rounds as X moved an infinitesimal step
/// toward `side` (rational.hpp, part 5): at 64 bits that is X rounded to odd when X is not a
/// 64-bit number, else the odd one of X and its neighbour on that side, which
/// round_to_odd's theorem then carries to every format; X = 0 rounds as side 2^-1300 does (below
/// half of every format's least subnormal) when t is below that too, and has no digits.
[[nodiscard]] inline bool result_near(mpq_srcptr X, int side, double tail_log2, format fmt,
                                      int digits, result& res) {
  if (side != 1 && side != -1) return false;
  mpfr_t y;
  mpfr_init2(y, 64);
  if (mpq_sgn(X) == 0) {
    if (digits > 0 || !(tail_log2 < -1400)) {
      mpfr_clear(y);
      return false;
    }
    mpfr_set_si_2exp(y, side, -1300, MPFR_RNDN);
  } else {
    if (!(tail_log2 < near_gap_log2(X, digits) - 2)) {
      mpfr_clear(y);
      return false;
    }
    if (round_to_odd(y, X)) { // X is a 64-bit number: step to the odd one of X, its neighbour
      integer m;
      mpfr_get_z_2exp(m.get(), y);
      if (mpz_even_p(m.get())) {
        if (side > 0)
          mpfr_nextabove(y);
        else
          mpfr_nextbelow(y);
      }
    }
  }
  res = result();
  res.fmt = fmt;
  res.value = round_mpfr(y, fmt, MPFR_RNDN);
  res.lo = round_mpfr(y, fmt, MPFR_RNDD);
  res.hi = round_mpfr(y, fmt, MPFR_RNDU);
  if (res.value == 0) res.value = side < 0 ? -0.0 : 0.0;
  res.exact = false;
  mpfr_clear(y);
  if (digits > 0) res.digits = decimal_digits_exact(X, digits, side);
  return true;
}

} // namespace gibbs::oracle::detail::rational

#endif // GIBBS_ORACLE_DETAIL_RATIONAL_MEASURE_HPP
