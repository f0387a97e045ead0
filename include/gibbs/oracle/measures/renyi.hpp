// gibbs/oracle/measures/renyi.hpp: the oracle's descriptor of the Renyi divergence of order alpha,
// D_alpha(p||q) = log(sum p_i^alpha q_i^(1-alpha)) / (alpha - 1), alpha > 0, alpha != 1 (the
// parameter "alpha", a binary64 number).
//
// Conventions: terms with p_i = 0 contribute 0; p_i > 0 = q_i gives +inf for alpha > 1 and
// contributes 0 for alpha < 1 (disjoint supports: S = 0, D = +inf).
// Exact values: S = sum p_i^alpha q_i^(1-alpha) is algebraic (alpha is a dyadic rational), so in
// nats D is rational only when S = 1 (Lindemann). Decided (rational_measure.hpp): p proportional
// to q where both are > 0 (p = q, or one common index: S = c^alpha sum q_i there, any alpha and
// base), alpha = 2..64 (S rational, any base: rational iff S is a rational power of the base),
// and alpha = 1/2 (S = 1 - H^2 rational iff every p_i q_i is a rational square; otherwise S is
// irrational and in nats D is irrational too). Not decided: other alpha with two or more
// non-proportional common terms (S = 1 or S a rational power of the base would need an identity
// between algebraic numbers of high degree); a rational value there that sits on a rounding
// midpoint would end in gibbs::oracle::undecided at the precision cap.
#ifndef GIBBS_ORACLE_MEASURES_RENYI_HPP
#define GIBBS_ORACLE_MEASURES_RENYI_HPP

#include "gibbs/measure/renyi.hpp"
#include "gibbs/oracle/descriptor.hpp"
#include "gibbs/oracle/detail/common.hpp"
#include "gibbs/oracle/detail/kernel_distance.hpp"
#include "gibbs/oracle/detail/mpfi.hpp"
#include "gibbs/oracle/detail/rational_measure.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <span>
#include <vector>

namespace gibbs::oracle::detail::renyi_measure {

inline bool valid_alpha(double a) {
  return std::isfinite(a) && a > 0 && a != 1;
}

/// Valid p, q; +inf when some p_i > 0 = q_i and alpha > 1, or when the supports are disjoint and
/// alpha < 1.
inline bool prepare(const view& r, prepared& x, result& out) {
  const pair_scan scan = check_pair(r);
  x.p = r.p;
  x.q = r.q;
  const double alpha = x.parameters[0];
  if (alpha > 1 && scan.p_not_q) return infinite(r, out);
  // (alpha - 1) log(p_i/q_i) has an absolute error of about alpha |log(p_i/q_i)| 2^-bits (|log| <
  // 1454 < 2^11 for binary64 masses), which e^(...) turns into a relative error of S: the interval
  // evaluation starts with those bits on top of 128 (at alpha = 1e300 an enclosure at 128 bits
  // would be [0, +inf] and its log NaN).
  if (alpha > 1) x.min_bits = 128 + 11 + std::ilogb(alpha);
  if (alpha < 1) {
    bool overlap = false;
    for (std::size_t i = 0; i < r.p.size() && !overlap; ++i)
      overlap = r.p[i] > 0 && r.q[i] > 0;
    if (!overlap) return infinite(r, out);
  }
  return false;
}

/// Near a rational (rational.hpp, part 5). With beta = alpha - 1, l_i = log p_i + beta log r_i
/// (r_i = p_i / q_i, over the common support) and any group J of equal ratios r_J with mass W_J,
///   D log b = (L_J + log1p(s)) / beta,  L_J = log W_J + beta log r_J,  s = sum_{i not in J}
///   e^(l_i - L_J) > 0,
/// so D is X = L_J / (beta log b) = (log r_J + log(W_J) / beta) / log b (part 1 decides whether it
/// is rational) plus a tail of the sign of beta log b below n_rest e^M / |beta log b|, M >= every
/// l_i - L_J outside J (MPFI at 75 + ilogb(beta) bits on top of 64, so l_i carries about 2^-64
/// of absolute error at any alpha). J is the group of the largest l_i: at a large alpha the
/// tail is then about e^(-beta log(r_J / r_i)), far below every rounding gap (alpha = 2^52 + 1,
/// p = (1/2, 1/2), q = (1/32, 31/32) in base 2 is 4 - 2^-52, a midpoint, plus about 2^-2.2e16).
[[nodiscard]] inline rational::verdict near(const view& r, const prepared& x) {
  rational::verdict v;
  const double alpha = x.parameters[0], beta_d = alpha - 1;
  const std::span<const double> p = x.p, q = x.q;
  precision_scope scope(64 + 75 + std::max(0, std::ilogb(beta_d)));
  const interval beta = interval(alpha) - interval(1.0);
  std::vector<interval> l(p.size());
  std::size_t top = p.size();
  for (std::size_t i = 0; i < p.size(); ++i) {
    if (!(p[i] > 0 && q[i] > 0)) continue;
    const interval lp = gibbs::log(interval(p[i]));
    l[i] = lp + beta * (lp - gibbs::log(interval(q[i])));
    if (top == p.size() || mpfr_cmp(l[i].right(), l[top].right()) > 0) top = i;
  }
  if (top == p.size()) return v;
  // J: the indices with p_i q_top = p_top q_i exactly (products of doubles are exact at 128 bits)
  mpfr_t a, b;
  mpfr_inits2(128, a, b, static_cast<mpfr_ptr>(nullptr));
  std::vector<double> mass;
  std::vector<char> in_J(p.size(), 0);
  for (std::size_t i = 0; i < p.size(); ++i) {
    if (!(p[i] > 0 && q[i] > 0)) continue;
    mpfr_set_d(a, p[i], MPFR_RNDN);
    mpfr_mul_d(a, a, q[top], MPFR_RNDN);
    mpfr_set_d(b, p[top], MPFR_RNDN);
    mpfr_mul_d(b, b, q[i], MPFR_RNDN);
    if (mpfr_equal_p(a, b)) {
      in_J[i] = 1;
      mass.push_back(p[i]);
    }
  }
  mpfr_clears(a, b, static_cast<mpfr_ptr>(nullptr));
  const rational::dyadic W = rational::exact_dyadic_sum(mass.data(), mass.size());
  mpfr_t w;
  mpfr_init2(w, static_cast<mpfr_prec_t>(mpz_sizeinbase(W.M.get(), 2) + 2));
  mpfr_set_z_2exp(w, W.M.get(), W.e, MPFR_RNDN); // exact
  const interval L_J = gibbs::log(interval::from(w))
                       + beta * (gibbs::log(interval(p[top])) - gibbs::log(interval(q[top])));
  mpfr_clear(w);
  double n_rest = 0, M = -std::numeric_limits<double>::infinity();
  for (std::size_t i = 0; i < p.size(); ++i) {
    if (!(p[i] > 0 && q[i] > 0) || in_J[i]) continue;
    ++n_rest;
    const interval d = l[i] - L_J;
    M = std::max(M, mpfr_get_d(d.right(), MPFR_RNDU));
  }
  if (n_rest == 0) return v; // one group: p proportional to q (rational::renyi decides it)
  // X = (log r_J + log(W_J) / beta) / log b: part 1 with two groups
  rational::log_form F(2);
  const rational::integer one(1);
  F.add_ratio(0, one.get(), p[top], q[top]);
  F.add_dyadic(1, one.get(), W.M.get(), W.e, +1);
  mpq_inv(F.scale(1).get(), rational::minus_one(alpha).get());
  v = rational::decide_log(F, r.base, nullptr);
  if (v.what != rational::status::rational) return v;
  // log2(n_rest e^M / |beta log b|): M log2 e grown by 2^-40 (M may be of either sign), |beta|
  // and |log b| rounded by a few ulps; two bits of margin
  v.what = rational::status::near;
  const bool up = (beta_d > 0) == (r.base == 0 || r.base > 1);
  v.side = up ? +1 : -1;
  v.tail_log2 = std::log2(n_rest) + M * 1.4426950408889634 + std::fabs(M) * 0x1p-40
                - std::log2(std::fabs(beta_d)) + 2;
  if (r.base != 0) v.tail_log2 -= std::log2(std::fabs(std::log(r.base)));
  return v;
}

/// Decided for alpha = 2..64, alpha = 1/2 with square products and p proportional to q on the
/// common support (rational_measure.hpp); otherwise near a rational when `near` finds one.
inline rational::verdict exact(const view& r, const prepared& x) {
  rational::verdict v = rational::renyi(x.p, x.q, x.parameters[0], r.base);
  if (v.what == rational::status::rational) return v;
  rational::verdict n = near(r, x);
  return n.what == rational::status::near ? n : v;
}

/// The double-double pass in log form (detail/kernel_distance.hpp); it declines masses outside
/// [2^-800, 2^800], and its bound does not decide near p = q (the interval evaluation then runs).
inline certified::sum_result fast_pass(const view&, const prepared& x) {
  return kernel::renyi(x.p, x.q, x.parameters[0]);
}

/// gibbs::detail::renyi_unchecked on intervals. At a large |alpha - 1| its terms
/// p_i (p_i / q_i)^(alpha - 1) can exceed MPFR's exponent range (alpha = 2^1016 with p_i / q_i =
/// 2^485); the enclosure is then unbounded, and the log-sum-exp form of the same value,
///   D = (l_t + log1p(sum_{i != t} e^(l_i - l_t))) / (alpha - 1),  l_i = log p_i + (alpha - 1)
///   log(p_i / q_i), t the index of the largest l_i,
/// encloses it instead (its exponentials are at most about 1; it is not used near p = q, where
/// l_t + log1p(...) cancels and the generic form does not).
inline interval enclose(const view&, const prepared& x) {
  const double alpha = x.parameters[0];
  interval v = gibbs::detail::renyi_unchecked<interval>(x.p, x.q, interval(alpha));
  if (mpfr_number_p(v.left()) && mpfr_number_p(v.right())) return v;
  const interval beta = interval(alpha) - interval(1.0);
  std::vector<interval> l;
  std::size_t t = 0;
  for (std::size_t i = 0; i < x.p.size(); ++i) {
    if (!(x.p[i] > 0 && x.q[i] > 0)) continue; // 0 terms (p_i > 0 = q_i is +inf in prepare)
    const interval lp = gibbs::log(interval(x.p[i]));
    l.push_back(lp + beta * (lp - gibbs::log(interval(x.q[i]))));
    if (mpfr_cmp(l.back().right(), l[t].right()) > 0) t = l.size() - 1;
  }
  interval s(0);
  for (std::size_t i = 0; i < l.size(); ++i)
    if (i != t) s += gibbs::exp(l[i] - l[t]);
  return (l[t] + gibbs::log1p(s)) / beta;
}

inline constexpr std::array<parameter, 1> parameters{{
    {"alpha",
     "the order alpha of the divergence",
     "alpha finite, > 0 and != 1",
     valid_alpha,
     {0.5, 2.0}},
}};

} // namespace gibbs::oracle::detail::renyi_measure

namespace gibbs::oracle {

inline constexpr descriptor renyi_descriptor{
    .id = measure::renyi,
    .name = "renyi",
    .function = "oracle::renyi_divergence",
    .formula = "D_alpha(p || q) = log(sum p_i^alpha q_i^(1 - alpha)) / (alpha - 1)",
    .inputs = input_p | input_q,
    .roles = {"the distribution p", "the distribution q"},
    .parameters = detail::renyi_measure::parameters,
    .variants = exact_only,
    .base = base_rule::logarithm,
    .conformance_default = false,
    .laws_text = "finite where the exact value is",
    .prepare = detail::renyi_measure::prepare,
    .exact = detail::renyi_measure::exact,
    .fast = detail::renyi_measure::fast_pass,
    .settle = nullptr,
    .enclose = detail::renyi_measure::enclose,
    .laws = nullptr,
};

} // namespace gibbs::oracle

#endif // GIBBS_ORACLE_MEASURES_RENYI_HPP
