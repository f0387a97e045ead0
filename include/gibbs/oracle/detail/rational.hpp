// gibbs/oracle/detail/rational.hpp: the decision procedure for rational values — whether the exact
// value of a measure on binary numbers is a rational number, and if so which one.
//
// Why it is needed. The Ziv loop (interval.hpp) narrows an enclosure until both ends round alike.
// An exact value on a rounding midpoint never lets them agree, and an exactly representable value
// is never proven exact; both are rational. Every other value is irrational and the loop ends. So
// "decide rationality, and compute the rational exactly" completes the oracle.
//
// 1. Log-linear values. Entropy, cross-entropy, KL, reverse and generalized KL, JS, NLL, their
// normalised variants and (degenerate) logits cross-entropy are, in base b (b = e: log b = 1),
//     value * log b = sum_i w_i log r_i + Q
// with exact rational weights w_i (the dyadic p_i; c_k/N; p_i/Sp), positive rational ratios r_i
// (1/p_i, 1/q_i, p_i/q_i, 2p_i/(p_i+q_i), p_i Sq/(q_i Sp), ...) and a rational Q (generalized KL:
// sum (q_i - p_i); else 0). Factor every r_i over a set P of pairwise coprime integers > 1 (the
// prime 2, the primes of the odd significands, and a coprime base of whatever big cofactors remain,
// e.g. the odd parts of the exact sums Sp, Sq): sum_i w_i log r_i = sum_{pi in P} E_pi log pi with
// exact rational exponents E_pi (GMP; they are never exponentiated). Pairwise coprime integers > 1
// are multiplicatively independent (each has a prime factor the others lack), so
//     (T1) sum_pi c_pi log pi = 0 with rational c_pi  <=>  every c_pi = 0,
// and by Hermite-Lindemann (e^x is transcendental for algebraic x != 0)
//     (T2) log A is irrational for every positive rational A != 1.
// Claim: with b = prod pi^beta_pi (a rational base != 1, factored the same way), the value is a
// rational V iff Q = 0 and E = V beta; for b = e iff every E_pi = 0, and then V = Q.
// Proof (base b): if value = V then sum_pi (E_pi - V beta_pi) log pi = -Q. With D a common
// denominator of the coefficients the left side is log A / D, A = prod pi^{D (E_pi - V beta_pi)} a
// positive rational; by (T2) -DQ = log A is rational only if A = 1, i.e. Q = 0, and then by (T1)
// E_pi = V beta_pi for every pi. Conversely E = V beta, Q = 0 give value = V. Base e: the same with
// beta = 0, log b = 1: sum E_pi log pi = V - Q is rational, so A = 1, E = 0, V = Q. (The two parts
// are never assumed separately rational: it is their sum that the argument constrains.)
//
// 2. Perplexity = exp(nll) = prod pi^{-E_pi} (the nll form's exponents; base-independent). After
// replacing each pi by its primitive root (pi = rho^k, k maximal, E_pi -> k E_pi;
// mpz_perfect_power_p, mpz_root), (T3) prod pi^{F_pi} is rational iff every F_pi is an integer: if
// X = prod pi^{F_pi} is rational then for every prime l | pi (the pi have disjoint prime supports)
// v_l(X) = F_pi v_l(pi) is an integer, so the denominator of F_pi divides gcd_l v_l(pi) = 1 (pi is
// not a perfect power). The exact value is then prod pi^{F_pi} (at most 2^1127 in size: each F_pi
// is a weighted mean of the exponents of pi in the 1/q_k).
//
// 3. Logits: value = T LSE(z) - sum t_i z_i (T = sum t, or 1 for a class target), in base b. With m
// = max z, d_j = z_j - m <= 0 and S = sum_j e^{d_j} = k + sum_{d_j < 0} e^{d_j} (k >= 1 the
// multiplicity of the maximum), value * log b = A + T log S, A = T m - sum t_i z_i rational. If
// the logits are not all equal, the value is irrational: if value = V, then with T = a/c,
// S^a = b^{Vc} e^{-Ac}; expanding S^a gives sum_s c_s e^s with distinct rational exponents s
// (s = 0 with coefficient k^a >= 1, and s = a min d_j < 0 with coefficient 1, among others, all
// c_s positive integers), so sum_s c_s e^s - b^{Vc} e^{-Ac} = 0 with algebraic coefficients; the
// term b^{Vc} e^{-Ac} merges with at most one e^s, so at least one non-zero coefficient remains, a
// contradiction to Lindemann-Weierstrass (e^{s_1}, ..., e^{s_n} are linearly independent over the
// algebraic numbers for distinct algebraic s_j). If all logits are equal, A = 0 and S = K: value =
// T log_b K, decided by part 1.
//
// 4. Measures that are always rational or algebraic: total variation (a dyadic sum), chi^2 (a
// rational: summed by binary splitting of the odd denominators), Hellinger (see
// rational_measure.hpp).
//
// 5. Values within a proven, tiny distance of a rational. An irrational value can lie closer to a
// number of the format or a midpoint than any feasible enclosure width: logits cross-entropy
// with z = (-1, 2^53) is 2^53 + 1 + log1p(e^(-2^53 - 1)), a binary64 midpoint plus about
// 2^(-1.3e16). Such measures split the value as X + side t with X rational (part 1 decides it)
// and a tail t > 0 bounded by an explicit 2^tail_log2 (log1p(s) <= s, e^x bounded through x);
// the verdict `near` carries the three. Every number of the format, midpoint and decimal rounding
// boundary other than X differs from X = N/D by at least a gap g > 0 that depends only on N/D,
// the format and the digits (rational_measure.hpp, near_gap_log2); when t < g the value rounds,
// in every mode and to every number of digits, as X pushed an infinitesimal step toward `side`
// does: X itself when X is a number of the format (inexactly: the enclosure is X and its
// neighbour), the neighbour on that side when X is a midpoint. When t >= g the value is not that
// close, and the Ziv loop decides it.
//
// Limits (not decided: the verdict is `unknown` and the Ziv loop runs as before): more than
// max_cofactors big cofactors (odd parts above 2^62 with no known prime, e.g. the sums
// p_i Sq + q_i Sp of normalised JS on data with wide sums). The factorisation itself always
// completes (Pollard-Brent on at most 62-bit numbers).
#ifndef GIBBS_ORACLE_DETAIL_RATIONAL_HPP
#define GIBBS_ORACLE_DETAIL_RATIONAL_HPP

#include "gibbs/oracle/detail/rational_factor.hpp"

#include <gmp.h>
#include <mpfr.h>

#include <array>
#include <bit>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <numeric>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace gibbs::oracle::detail::rational {

/// What the procedure found out about a value.
enum class status {
  rational,   ///< the value is exactly `value`
  irrational, ///< proven irrational (the Ziv loop terminates on it)
  unknown,    ///< outside the decided cases (see the limits above)
  near        ///< the value is `value` + side t for some 0 < t <= 2^tail_log2 (part 5 above)
};

struct verdict {
  status what = status::unknown;
  fraction value;       ///< the exact value (rational), or the rational it is near (near)
  int side = 0;         ///< near: +1 the value is above `value`, -1 below
  double tail_log2 = 0; ///< near: an upper bound of log2 of the distance t
};

/// x > 0 finite as m 2^e with m odd (m < 2^53).
struct odd_split {
  std::uint64_t m = 0;
  long e = 0;
};
[[nodiscard]] inline odd_split split(double x) {
  int e = 0;
  const double f = std::frexp(x, &e); // x = f 2^e, f in [1/2, 1): f 2^53 is an exact integer
  std::uint64_t m = static_cast<std::uint64_t>(std::ldexp(f, 53));
  const int tz = std::countr_zero(m);
  return {m >> tz, static_cast<long>(e) - 53 + tz};
}

/// Exponent of the lowest set bit of x > 0.
[[nodiscard]] inline long lsb(double x) {
  return split(x).e;
}

/// out = x 2^-scale for a double x >= 0 whose lowest set bit is at or above 2^scale (an integer).
inline void scaled_integer(mpz_ptr out, double x, long scale) {
  if (x == 0) {
    mpz_set_ui(out, 0);
    return;
  }
  const odd_split s = split(x);
  mpz_set_ui(out, s.m);
  if (s.e < scale) throw std::logic_error("gibbs::oracle: scaled_integer below its scale");
  mpz_mul_2exp(out, out, static_cast<mp_bitcnt_t>(s.e - scale));
}

/// A dyadic number M 2^e (M an integer, any sign).
struct dyadic {
  integer M;
  long e = 0;
};

/// The exact sum of doubles as a dyadic number.
[[nodiscard]] inline dyadic exact_dyadic_sum(const double* x, std::size_t n) {
  dyadic out;
  long lo = 1L << 20;
  for (std::size_t i = 0; i < n; ++i)
    if (x[i] != 0) lo = std::min(lo, lsb(std::fabs(x[i])));
  if (lo == (1L << 20)) return out;
  out.e = lo;
  integer t;
  for (std::size_t i = 0; i < n; ++i) {
    if (x[i] == 0) continue;
    scaled_integer(t.get(), std::fabs(x[i]), lo);
    if (x[i] > 0)
      mpz_add(out.M.get(), out.M.get(), t.get());
    else
      mpz_sub(out.M.get(), out.M.get(), t.get());
  }
  return out;
}

/// value = M 2^e as a fraction.
inline void set_dyadic(fraction& out, mpz_srcptr M, long e) {
  mpq_set_z(out.get(), M);
  if (e >= 0)
    mpq_mul_2exp(out.get(), out.get(), static_cast<mp_bitcnt_t>(e));
  else
    mpq_div_2exp(out.get(), out.get(), static_cast<mp_bitcnt_t>(-e));
}

/// sum_i w_i log r_i as a sum of E_pi log pi over a multiplicatively independent set (see the top
/// of this file). The weights are grouped: a group g has a rational scale s_g and every weight in
/// it is an integer W times s_g, so the inner loops add integers only.
class log_form {
public:
  /// Big cofactors beyond this count make the verdict `unknown` (the coprime base is quadratic).
  static constexpr std::size_t max_cofactors = 256;

  explicit log_form(std::size_t groups) : scale_(groups), n_(groups) {
    for (fraction& s : scale_)
      mpq_set_ui(s.get(), 1, 1);
    index_of(2);
  }

  /// The rational scale of group g (default 1).
  fraction& scale(std::size_t g) { return scale_[g]; }

  /// Adds sign * W * k log p, p prime.
  void add_prime(std::size_t g, mpz_srcptr W, std::uint64_t p, long k) {
    if (k == 0) return;
    mpz_ptr e = n_[g][index_of(p)].get();
    if (k > 0)
      mpz_addmul_ui(e, W, static_cast<unsigned long>(k));
    else
      mpz_submul_ui(e, W, static_cast<unsigned long>(-k));
  }

  /// Adds sign * W log x for a double x > 0.
  void add_double(std::size_t g, mpz_srcptr W, double x, int sign) {
    const odd_split s = split(x);
    add_prime(g, W, 2, sign * s.e);
    add_odd_u64(g, W, s.m, sign);
  }

  /// Adds W log(x / y) for doubles x, y > 0; the odd significands are first divided by their gcd,
  /// so ratios of related numbers (3t / t) need no factorisation of t.
  void add_ratio(std::size_t g, mpz_srcptr W, double x, double y) {
    const odd_split a = split(x), b = split(y);
    const std::uint64_t d = std::gcd(a.m, b.m);
    add_prime(g, W, 2, a.e - b.e);
    add_odd_u64(g, W, a.m / d, +1);
    add_odd_u64(g, W, b.m / d, -1);
  }

  /// Adds sign * W log(M 2^e) for an integer M > 0.
  void add_dyadic(std::size_t g, mpz_srcptr W, mpz_srcptr M, long e, int sign) {
    std::vector<std::pair<std::size_t, integer>> w;
    w.emplace_back(g, integer());
    mpz_set(w.back().second.get(), W);
    if (sign < 0) mpz_neg(w.back().second.get(), w.back().second.get());
    add_dyadic_weights(M, e, std::move(w));
  }

  /// Adds sum_j W_j log(M 2^e) (group g_j, W_j signed) for one integer M > 0.
  void add_dyadic_weights(mpz_srcptr M, long e, std::vector<std::pair<std::size_t, integer>> w) {
    if (mpz_sgn(M) <= 0) throw std::logic_error("gibbs::oracle: log of a non-positive integer");
    const long v2 = static_cast<long>(mpz_scan1(M, 0));
    for (auto& [g, W] : w)
      add_prime(g, W.get(), 2, e + v2);
    if (mpz_sizeinbase(M, 2) - static_cast<std::size_t>(v2) <= 62) {
      integer odd;
      mpz_tdiv_q_2exp(odd.get(), M, static_cast<mp_bitcnt_t>(v2));
      const std::uint64_t m = mpz_get_ui(odd.get()); // unsigned long is 64 bits here
      for (auto& [g, W] : w)
        add_odd_u64(g, W.get(), m, 1);
      return;
    }
    big_atom a;
    mpz_tdiv_q_2exp(a.M.get(), M, static_cast<mp_bitcnt_t>(v2));
    a.w = std::move(w);
    big_.push_back(std::move(a));
  }

  /// Registers the primes of a base b (a double), so the big cofactors are divided by them too.
  void add_base(double b) {
    const odd_split t = split(b);
    for (const auto& f : factors(t.m))
      index_of(f.first);
  }

  /// Exponent vector over the final basis.
  struct basis {
    std::vector<integer> element; ///< pairwise coprime integers > 1 (primes first, 2 at index 0)
    std::vector<fraction> E;      ///< E_pi
    bool ok = true;               ///< false: too many cofactors (verdict unknown)
  };

  /// Builds the basis: big cofactors divided by the known primes, the rest refined into a coprime
  /// base; with `primitive`, each element replaced by its primitive root (for part 2).
  [[nodiscard]] basis finish(bool primitive) {
    basis out;
    // big atoms: divide by the known primes
    std::vector<integer> cof;
    std::vector<std::size_t> cof_atom;
    for (std::size_t a = 0; a < big_.size(); ++a) {
      big_atom& A = big_[a];
      for (std::size_t i = 1; i < primes_.size() && mpz_cmp_ui(A.M.get(), 1) > 0; ++i) {
        if (!mpz_divisible_ui_p(A.M.get(), primes_[i])) continue;
        integer pz(primes_[i]);
        const long k = static_cast<long>(mpz_remove(A.M.get(), A.M.get(), pz.get()));
        for (auto& [g, W] : A.w)
          add_prime(g, W.get(), primes_[i], k);
      }
      if (mpz_cmp_ui(A.M.get(), 1) > 0) {
        cof.push_back(A.M);
        cof_atom.push_back(a);
      }
    }
    if (cof.size() > max_cofactors) {
      out.ok = false;
      return out;
    }
    const std::vector<integer> base = coprime_base(cof);
    const std::size_t np = primes_.size();
    out.element.reserve(np + base.size());
    out.E.resize(np + base.size());
    for (std::size_t i = 0; i < np; ++i) {
      out.element.emplace_back(primes_[i]);
      for (std::size_t g = 0; g < n_.size(); ++g) {
        if (i >= n_[g].size() || mpz_sgn(n_[g][i].get()) == 0) continue;
        fraction t;
        mpq_set_z(t.get(), n_[g][i].get());
        mpq_mul(t.get(), t.get(), scale_of(g));
        mpq_add(out.E[i].get(), out.E[i].get(), t.get());
      }
    }
    for (const integer& b : base)
      out.element.push_back(b);
    // each remaining cofactor over the coprime base
    for (std::size_t c = 0; c < cof.size(); ++c) {
      integer rest = cof[c];
      for (std::size_t j = 0; j < base.size(); ++j) {
        const long k = static_cast<long>(mpz_remove(rest.get(), rest.get(), base[j].get()));
        if (k == 0) continue;
        for (auto& [g, W] : big_[cof_atom[c]].w) {
          fraction t;
          mpq_set_z(t.get(), W.get());
          mpq_mul(t.get(), t.get(), scale_of(g));
          integer kz(static_cast<unsigned long>(k));
          fraction kq;
          mpq_set_z(kq.get(), kz.get());
          mpq_mul(t.get(), t.get(), kq.get());
          mpq_add(out.E[np + j].get(), out.E[np + j].get(), t.get());
        }
      }
      if (mpz_cmp_ui(rest.get(), 1) != 0)
        throw std::logic_error("gibbs::oracle: a cofactor is not a product of the coprime base");
    }
    if (primitive) {
      for (std::size_t j = np; j < out.element.size(); ++j) {
        const unsigned long k = primitive_root(out.element[j]);
        if (k > 1) {
          fraction kq;
          mpq_set_ui(kq.get(), k, 1);
          mpq_mul(out.E[j].get(), out.E[j].get(), kq.get());
        }
      }
    }
    return out;
  }

  /// The exponents of the base b over a finished basis (b's primes must have been registered).
  [[nodiscard]] std::vector<long> base_exponents(const basis& B, double b) const {
    std::vector<long> beta(B.element.size(), 0);
    const odd_split s = split(b);
    beta[0] = s.e;
    for (const auto& f : factors_const(s.m)) {
      const auto it = index_.find(f.first);
      if (it == index_.end()) throw std::logic_error("gibbs::oracle: base prime not registered");
      beta[it->second] = f.second;
    }
    return beta;
  }

private:
  struct big_atom {
    integer M; // odd, > 2^62
    std::vector<std::pair<std::size_t, integer>> w;
  };

  mpq_srcptr scale_of(std::size_t g) const { return scale_[g].get(); }

  std::size_t index_of(std::uint64_t p) {
    const auto it = index_.find(p);
    if (it != index_.end()) return it->second;
    const std::size_t i = primes_.size();
    index_.emplace(p, i);
    primes_.push_back(p);
    for (auto& v : n_)
      v.resize(i + 1);
    return i;
  }

  /// The factorisation of a significand (< 2^62: at most 15 distinct primes), kept inline.
  struct factored {
    std::array<std::pair<std::uint64_t, int>, 16> f{};
    std::size_t n = 0;
    [[nodiscard]] const std::pair<std::uint64_t, int>* begin() const { return f.data(); }
    [[nodiscard]] const std::pair<std::uint64_t, int>* end() const { return f.data() + n; }
  };
  static factored factor(std::uint64_t m) {
    factored out;
    for (const auto& pk : factor_u64(m))
      out.f[out.n++] = pk;
    return out;
  }
  const factored& factors(std::uint64_t m) {
    auto it = cache_.find(m);
    if (it == cache_.end()) it = cache_.emplace(m, factor(m)).first;
    return it->second;
  }
  [[nodiscard]] factored factors_const(std::uint64_t m) const {
    const auto it = cache_.find(m);
    return it != cache_.end() ? it->second : factor(m);
  }

  void add_odd_u64(std::size_t g, mpz_srcptr W, std::uint64_t m, int sign) {
    if (m == 1) return;
    for (const auto& [p, k] : factors(m))
      add_prime(g, W, p, sign * k);
  }

  /// Pairwise coprime integers > 1 whose products give every x (gcd refinement: replace a pair
  /// a, b with g = gcd(a, b) > 1 by a/g, b/g, g until no such pair is left; the product of the
  /// list falls by g at each step, so it ends).
  static std::vector<integer> coprime_base(const std::vector<integer>& x) {
    std::vector<integer> b;
    integer g;
    for (const integer& v : x) {
      std::vector<integer> work{v};
      while (!work.empty()) {
        integer y = std::move(work.back());
        work.pop_back();
        if (mpz_cmp_ui(y.get(), 1) == 0) continue;
        bool merged = false;
        for (std::size_t j = 0; j < b.size(); ++j) {
          mpz_gcd(g.get(), b[j].get(), y.get());
          if (mpz_cmp_ui(g.get(), 1) == 0) continue;
          integer a = std::move(b[j]);
          b.erase(b.begin() + static_cast<std::ptrdiff_t>(j));
          integer ag, yg;
          mpz_divexact(ag.get(), a.get(), g.get());
          mpz_divexact(yg.get(), y.get(), g.get());
          work.push_back(ag);
          work.push_back(yg);
          work.push_back(g);
          merged = true;
          break;
        }
        if (!merged) b.push_back(std::move(y));
      }
    }
    return b;
  }

  /// Replaces x by its primitive root rho (x = rho^k, k maximal) and returns k.
  static unsigned long primitive_root(integer& x) {
    unsigned long k = 1;
    integer r;
    while (mpz_perfect_power_p(x.get())) {
      bool found = false;
      const unsigned long bits = mpz_sizeinbase(x.get(), 2);
      for (unsigned long e = 2; e <= bits && !found; ++e) {
        if (mpz_root(r.get(), x.get(), e) != 0) {
          k *= e;
          x = r;
          found = true;
        }
      }
      if (!found) break;
    }
    return k;
  }

  std::vector<fraction> scale_;
  std::vector<std::vector<integer>> n_; // group x prime index
  std::vector<std::uint64_t> primes_;
  std::unordered_map<std::uint64_t, std::size_t> index_;
  std::unordered_map<std::uint64_t, factored> cache_;
  std::vector<big_atom> big_;
};

/// Part 1: the verdict on (sum E_pi log pi + Q) / log b; base 0 means e. Q may be null (0).
[[nodiscard]] inline verdict decide_log(log_form& L, double base, const fraction* Q) {
  verdict v;
  if (base != 0) L.add_base(base);
  const log_form::basis B = L.finish(false);
  if (!B.ok) return v;
  const bool q_zero = Q == nullptr || Q->sign() == 0;
  if (base == 0) {
    for (const fraction& e : B.E)
      if (e.sign() != 0) {
        v.what = status::irrational;
        return v;
      }
    v.what = status::rational;
    if (!q_zero) v.value = *Q;
    return v;
  }
  if (!q_zero) {
    v.what = status::irrational;
    return v;
  }
  const std::vector<long> beta = L.base_exponents(B, base);
  std::size_t j = 0;
  while (j < beta.size() && beta[j] == 0)
    ++j;
  if (j == beta.size()) throw std::logic_error("gibbs::oracle: base 1 reached decide_log");
  fraction V = B.E[j];
  fraction bj;
  mpq_set_si(bj.get(), beta[j], 1);
  mpq_div(V.get(), V.get(), bj.get());
  fraction t;
  for (std::size_t i = 0; i < beta.size(); ++i) {
    if (beta[i] == 0) { // the common case: E_i must vanish
      if (B.E[i].sign() != 0) {
        v.what = status::irrational;
        return v;
      }
      continue;
    }
    mpq_set_si(bj.get(), beta[i], 1);
    mpq_mul(t.get(), V.get(), bj.get());
    if (!mpq_equal(t.get(), B.E[i].get())) {
      v.what = status::irrational;
      return v;
    }
  }
  v.what = status::rational;
  v.value = std::move(V);
  return v;
}

/// Part 2: the verdict on exp(sum E_pi log pi) (perplexity from the nll form).
[[nodiscard]] inline verdict decide_exp(log_form& L) {
  verdict v;
  const log_form::basis B = L.finish(true);
  if (!B.ok) return v;
  integer num(1), den(1), t;
  for (std::size_t i = 0; i < B.E.size(); ++i) {
    mpq_srcptr e = B.E[i].get();
    if (mpq_sgn(e) == 0) continue;
    if (mpz_cmp_ui(mpq_denref(e), 1) != 0) {
      v.what = status::irrational;
      return v;
    }
    mpz_srcptr k = mpq_numref(e);
    if (!mpz_fits_slong_p(k)) throw std::logic_error("gibbs::oracle: perplexity exponent overflow");
    const long kk = mpz_get_si(k);
    mpz_pow_ui(t.get(), B.element[i].get(), static_cast<unsigned long>(kk < 0 ? -kk : kk));
    mpz_mul(kk > 0 ? num.get() : den.get(), kk > 0 ? num.get() : den.get(), t.get());
  }
  v.what = status::rational;
  mpz_set(mpq_numref(v.value.get()), num.get());
  mpz_set(mpq_denref(v.value.get()), den.get());
  mpq_canonicalize(v.value.get());
  return v;
}

// --- rounding a rational once ------------------------------------------------------------------

/// y = X rounded to odd at P bits (truncate; if inexact, force the last bit to 1). Rounding y to
/// any precision <= P - 2 (in any mode, with or without subnormals) equals rounding X directly
/// (Boldo and Melquiond, "Emulation of FMA and correctly rounded sums: proved algorithms using
/// rounding to odd", IEEE TC 2008). Returns whether X was exact at P bits.
inline bool round_to_odd(mpfr_ptr y, mpq_srcptr X) {
  const int t = mpfr_set_q(y, X, MPFR_RNDZ);
  if (t == 0) return true;
  // the truncation has an even last bit: the other neighbour (away from zero) is odd
  integer m;
  mpfr_get_z_2exp(m.get(), y);
  if (mpz_even_p(m.get())) {
    if (mpfr_sgn(y) > 0)
      mpfr_nextabove(y);
    else
      mpfr_nextbelow(y);
  }
  return false;
}

/// n significant decimal digits of X, correctly rounded to nearest (ties to even, as MPFR's
/// RNDN), as "d.ddde+XX": exact integer arithmetic, so a finite expansion is reproduced exactly.
/// With side = +1 (-1) the digits are those of X plus (minus) an infinitesimal: a tie rounds up
/// (down) instead of to even.
[[nodiscard]] inline std::string decimal_digits_exact(mpq_srcptr X, int n, int side = 0) {
  std::string sign;
  if (mpq_sgn(X) < 0) sign = "-";
  long exp10 = 0;
  std::string digits;
  if (mpq_sgn(X) == 0) {
    digits.assign(static_cast<std::size_t>(n), '0');
  } else {
    fraction a;
    mpq_abs(a.get(), X);
    // estimate floor(log10 a) from the sizes, then correct it
    const double l2 = static_cast<double>(mpz_sizeinbase(mpq_numref(a.get()), 2))
                      - static_cast<double>(mpz_sizeinbase(mpq_denref(a.get()), 2));
    exp10 = static_cast<long>(std::floor(l2 * 0.30102999566398120));
    integer N, R, ten, t, d2;
    for (;;) {
      // N = round(a 10^(n-1-exp10)); in [10^(n-1), 10^n) when exp10 = floor(log10 a), except for a
      // carry to 10^n, which the next round (exp10 + 1) turns into 10^(n-1)
      const long s = n - 1 - exp10;
      mpz_set(N.get(), mpq_numref(a.get()));
      mpz_set(t.get(), mpq_denref(a.get()));
      mpz_ui_pow_ui(ten.get(), 10, static_cast<unsigned long>(s < 0 ? -s : s));
      if (s >= 0)
        mpz_mul(N.get(), N.get(), ten.get());
      else
        mpz_mul(t.get(), t.get(), ten.get());
      mpz_tdiv_qr(N.get(), R.get(), N.get(), t.get());
      mpz_mul_2exp(d2.get(), R.get(), 1);
      const int c = mpz_cmp(d2.get(), t.get());
      // the tie's direction on |X|: to even, or away from 0 when the step goes away from 0
      const int away = side * mpq_sgn(X);
      if (c > 0 || (c == 0 && (away != 0 ? away > 0 : mpz_odd_p(N.get()) != 0)))
        mpz_add_ui(N.get(), N.get(), 1);
      mpz_ui_pow_ui(ten.get(), 10, static_cast<unsigned long>(n));
      if (mpz_cmp(N.get(), ten.get()) >= 0) {
        ++exp10;
        continue;
      }
      mpz_ui_pow_ui(ten.get(), 10, static_cast<unsigned long>(n - 1));
      if (mpz_cmp(N.get(), ten.get()) < 0) {
        --exp10;
        continue;
      }
      break;
    }
    digits.resize(mpz_sizeinbase(N.get(), 10) + 2);
    mpz_get_str(digits.data(), 10, N.get());
    digits.resize(std::char_traits<char>::length(digits.c_str()));
  }
  std::string r = sign + digits.substr(0, 1);
  if (digits.size() > 1) r += "." + digits.substr(1);
  char buf[32];
  std::snprintf(buf, sizeof buf, "e%c%02ld", exp10 < 0 ? '-' : '+', exp10 < 0 ? -exp10 : exp10);
  return r + buf;
}

} // namespace gibbs::oracle::detail::rational

#endif // GIBBS_ORACLE_DETAIL_RATIONAL_HPP
