// gibbs/measure/renyi.hpp: Rényi divergence of order α.
//
// D_α(p‖q) = log(S)/(α − 1), S = Σ p_i^α·q_i^(1−α), α > 0, α ≠ 1.
//
// The textbook evaluation cancels twice near p ≈ q: S = 1 + (something of the size of χ²), so
// log S loses all digits below ε, and each term q·(p/q)^α is 1 + tiny before the sum. gibbs writes
// S − 1 as a sum of parts that are each small when p ≈ q, with a reference mass r_i ∈ {p_i, q_i}
// per term:
//
//   S − 1 = (Σ r_i − 1) + Σ_i (t_i − r_i),
//   t_i = p_i^α·q_i^(1−α) = p_i·e^(β·ℓ_i) = q_i·e^(α·ℓ_i),  β = α − 1,  ℓ_i = log(p_i/q_i).
//
// Σ r_i − 1 is summed exactly (Shewchuk's Grow-Expansion for the IEEE types, on the hi and lo
// parts for double_double; compensated for Boost's types and intervals) and rounded once, so it
// is exactly 0 when the r_i add up to 1. Each t_i − r_i is rounded with a relative error of a few
// ε, so the reference is the one that makes |t_i − r_i| small:
//  - near terms (p/q in [1/2, 2]; u = (p − q)/q in [−1/2, 1], L = log1p(u) = ℓ, d = p − q exact
//    by Sterbenz): t − p = β·d + q·g(u), t − q = α·d + q·g(u), g(u) = (1 + u)^α − 1 − α·u; r = q
//    for α < 1/2, p otherwise (|t − q| ≈ α·|d|, |t − p| ≈ |β|·|d|). g in one of two forms, both
//    exact identities (log1pmx(x) = log1p(x) − x ≤ 0):
//      (A) α < 1/2:  q·g = −q·log1pmx(v) + α·q·log1pmx(u),              v = expm1(α·L)
//          [e^(αL) − 1 − αL = v − log1p(v); αL − αu = α·log1pmx(u)]
//      (B) α ≥ 1/2:  q·g = −p·log1pmx(w) + β·q·φ(u),  φ(u) = u·L + log1pmx(u),  w = expm1(β·L)
//          [(1+u)^α = (1+u)·e^(βL); g = (1+u)·(e^(βL) − 1 − βL) + β·((1+u)·L − u)]
//    For α > 1 both parts of (B) are ≥ 0: no cancellation. For α < 1 the two parts have opposite
//    signs; for small u they are α²u²/2 and −αu²/2 in (A), β²u²/2 and βu²/2 in (B), so the
//    cancellation factor (|part 1| + |part 2|)/|sum| is (1 + α)/(1 − α) in (A) and (2 − α)/α in
//    (B): at most 3 with the switch at α = 1/2, and (B) tends to β·φ(u), the KL kernel, as α → 1.
//    Each part is a product of correctly rounded functions of arguments with relative errors of a
//    few ε (log1pmx has condition number ≈ 2 near 0): about 10ε per part, 30ε after the
//    cancellation. The d_i are summed exactly too.
//  - far terms (p/q outside [1/2, 2], |ℓ| > 0.69, ℓ = log(p/q) without overflow of p/q):
//    t − p = p·expm1(β·ℓ) and t − q = q·expm1(α·ℓ) are both computed and the smaller in magnitude
//    is used (for p ≫ q and α = ½, t − p ≈ −p would cancel against p in the mass to t, e.g.
//    6·10^-27 against a value of 4·10^-37). e^x inherits the absolute error of its argument x as
//    a relative error, and |ℓ| reaches 745 in double, 11400 in long double, so the rounded ℓ
//    (off by |ℓ|·ε/2) would cost up to |c·ℓ|·ε in expm1(c·ℓ): 279 ulp in D at α = 0.999, p/q ≈
//    e^721. For the IEEE types ℓ is carried as hi + lo to about 2ε, c·ℓ as an exact product plus
//    the tail, and expm1(xh + xl) = m + (1 + m)·xl (log_ratio_hi_lo, expm1_times below).
//  - terms with t_i = 0 (p_i = 0, or q_i = 0 < p_i when α < 1) take the zero mass as reference
//    and contribute nothing.
// Every part is divided by β before the products by p, q and before the sums (F = (S − 1)/β), so
// that a part of subnormal size is not lost before 1/β magnifies it. Then
//   D = F + log1pmx(β·F)/β  for |S − 1| ≤ 1/2 (log1p(E) = E + log1pmx(E): the correction is at
//                           most a third of F, no cancellation),
//   D = log1p(S − 1)/β      for S − 1 > 1/2,
//   D = log(Σ t_i)/β        for S − 1 < −1/2 (only for α < 1, nearly disjoint supports: the
//                           absolute error of the parts would be a large relative error of S;
//                           t_i = p·e^(β·ℓ) or q·e^(α·ℓ), the one with exponent ≤ 0),
//   D = (M + log Σ e^(λ_i − M))/β, λ_i = log p_i + β·ℓ_i, M = max λ_i, when a part or the sum
//                           overflows (types with a bounded exponent, α > 1, q subnormal).
// Error: what remains is the cancellation among parts of both signs (far terms against the linear
// part), as for KL; measured against MPFR: at most 4 ulp on the unit cases, 3.1 ulp over the
// random pairs in double, 3.0 in long double (tests/property/distances.cpp prints the maxima).
// Equal arguments summing to exactly 1 give exactly 0.
// Branches are taken on the inputs and, for intervals, on the double value of a computed
// enclosure (gibbs::detail::branch_value), between identities, so an interval type gets a
// rigorous enclosure from either branch and never compares overlapping intervals.
#ifndef GIBBS_MEASURE_RENYI_HPP
#define GIBBS_MEASURE_RENYI_HPP

#include "gibbs/measure/detail/common.hpp"
#include "gibbs/measure/detail/sqrt.hpp" // dekker_product
#include "gibbs/number/double_double.hpp"

#include <array>
#include <cstddef>
#include <limits>
#include <type_traits>

namespace gibbs {
namespace detail {

// Reached only in constant evaluation (see error.hpp): the name is the compile error.
inline void the_order_alpha_must_be_finite_positive_and_not_1() {}

template <class T>
constexpr void check_alpha(const T& alpha, const char* function) {
  if (is_nan(alpha) || is_inf(alpha) || !(alpha > T(0)) || alpha == T(1)) {
    if (std::is_constant_evaluated()) the_order_alpha_must_be_finite_positive_and_not_1();
    throw_invalid_parameter(function, "alpha", static_cast<double>(alpha),
                            "alpha must be finite, > 0 and != 1");
  }
}

/// True for the types whose + and − are IEEE binary operations (exact TwoSum): float, double,
/// long double, float128.
template <class T>
[[nodiscard]] consteval bool exact_two_sum_of() {
  if constexpr (number_traits<T>::constexpr_math)
    return std::numeric_limits<T>::is_iec559 && std::numeric_limits<T>::radix == 2;
  else
    return false;
}
template <class T>
inline constexpr bool has_exact_two_sum = exact_two_sum_of<T>();

/// A sum kept exactly as a floating-point expansion (Shewchuk's Grow-Expansion with zero
/// elimination: components non-overlapping, increasing in magnitude, summing to the exact total),
/// rounded once by value() (summed from the smallest component up: a faithful rounding). Exactly 0
/// iff the total is 0. Sums of masses need only a few components; should 64 not suffice, the two
/// smallest are merged (one rounding of a part below 2^-64·ε of the total, in practice
/// unreachable).
template <class T>
class exact_sum {
public:
  constexpr void add(T x) {
    std::size_t m = 0;
    for (std::size_t i = 0; i < n_; ++i) {
      const T s = x + c_[i];
      const T bb = s - x;
      const T err = (x - (s - bb)) + (c_[i] - bb);
      if (err != T(0)) c_[m++] = err;
      x = s;
    }
    if (x != T(0)) {
      if (m == c_.size()) {
        c_[1] = c_[1] + c_[0];
        for (std::size_t i = 1; i < m; ++i)
          c_[i - 1] = c_[i];
        --m;
      }
      c_[m++] = x;
    }
    n_ = m;
  }
  [[nodiscard]] constexpr T value() const {
    T s = T(0);
    for (std::size_t i = 0; i < n_; ++i)
      s = s + c_[i];
    return s;
  }
  /// The total divided by b, each component divided before the sum: when the total is tiny (a
  /// subnormal mass defect) its own rounding would otherwise be magnified by 1/|b|.
  [[nodiscard]] constexpr T value_divided_by(const T& b) const {
    T s = T(0);
    for (std::size_t i = 0; i < n_; ++i)
      s = s + c_[i] / b;
    return s;
  }
  /// The same in a wider type U (the components converted exactly).
  template <class U>
  [[nodiscard]] constexpr U divided_in(const U& b) const {
    U s = U(0);
    for (std::size_t i = 0; i < n_; ++i)
      s = s + U(c_[i]) / b;
    return s;
  }

private:
  std::array<T, 64> c_{};
  std::size_t n_ = 0;
};

/// exact_sum for double_double: the parts hi and lo of every term are doubles, summed exactly.
class exact_sum_double_double {
public:
  constexpr void add(const double_double& x) {
    s_.add(x.hi);
    s_.add(x.lo);
  }
  [[nodiscard]] constexpr double_double value() const { return value_divided_by(double_double(1)); }
  [[nodiscard]] constexpr double_double value_divided_by(const double_double& b) const {
    return s_.divided_in<double_double>(b);
  }

private:
  exact_sum<double> s_;
};

/// exact_sum for the IEEE types and double_double, compensated_sum otherwise (Boost's types;
/// plain interval addition for intervals).
template <class T>
using mass_sum =
    std::conditional_t<has_exact_two_sum<T>, exact_sum<T>,
                       std::conditional_t<std::is_same_v<T, double_double>, exact_sum_double_double,
                                          compensated_sum<T>>>;

/// s.value()/b for either kind of sum.
template <class T, class S>
[[nodiscard]] constexpr T divided_by(const S& s, const T& b) {
  if constexpr (requires { s.value_divided_by(b); })
    return s.value_divided_by(b);
  else
    return T(s.value() / b);
}

/// A computed value as the branches below see it: the value itself, or for an interval type its
/// conversion to double (a comparison of overlapping intervals has no answer, and Boost's
/// mpfi_float throws; since every branch is an identity, either choice gives a rigorous
/// enclosure).
template <class T>
[[nodiscard]] constexpr auto branch_value(const T& x) {
  if constexpr (number_traits<T>::is_interval)
    return static_cast<double>(x);
  else
    return x;
}

/// |a| < |b| (on branch values).
template <class T>
[[nodiscard]] constexpr bool abs_less(const T& a, const T& b) {
  const auto x = branch_value(a), y = branch_value(b);
  using B = decltype(x);
  return (x < B(0) ? B(B(0) - x) : x) < (y < B(0) ? B(B(0) - y) : y);
}

/// Σr − 1, summed exactly and rounded once for the IEEE types (so exactly 0 iff the entries add up
/// to exactly 1), compensated otherwise.
template <class T, class R>
[[nodiscard]] constexpr T mass_defect(const R& r) {
  mass_sum<T> s;
  s.add(T(-1));
  for (std::size_t i = 0; i < std::ranges::size(r); ++i)
    s.add(at<T>(r, i));
  return s.value();
}

/// q·g(u)/β, g(u) = (1 + u)^α − 1 − α·u, for a near term (u = (p − q)/q in [−1/2, 1]), in the
/// form (A) or (B) of the top of this file, divided by β = α − 1 before the products by p and q
/// (so that a part the size of a subnormal is not lost before the division magnifies it).
template <class T>
[[nodiscard]] constexpr T renyi_near_excess_over_beta(const T& p, const T& q, const T& u,
                                                      const T& alpha, const T& beta) {
  const T L = gibbs::log1p(u);
  if (alpha < T(0.5)) {
    const T v = gibbs::expm1(T(alpha * L));
    return T(q * T(T(T(alpha / beta) * gibbs::log1pmx(u)) - T(gibbs::log1pmx(v) / beta)));
  }
  const T x = T(beta * L);
  const T w = gibbs::expm1(x);
  const T phi = T(u * L + gibbs::log1pmx(u));
  // log1pmx(w) = log1p(expm1(x)) - expm1(x) = x - w exactly. Below x = -1 that form is taken: w
  // is then -1 + e^x, which at large alpha (x = -33647 at alpha = 1e5) is -1 to any working
  // precision below -x log2(e) bits, where log1pmx(w) would be -inf; x - w does not cancel there
  // (|x - w| >= 0.36 |x|).
  const T lw = branch_value(x) < -1 ? T(x - w) : gibbs::log1pmx(w);
  return T(q * phi - p * T(lw / beta));
}

/// ℓ = log(p/q) of a far term as hi + lo, |ℓ − hi − lo| ≤ about 2ε (absolute), for the IEEE
/// types; {log_ratio(p, q), 0} for the others and for |ℓ| ≤ 2 (where hi alone is within 2ε).
/// The far terms exponentiate c·ℓ (c = α or β): e^(c·ℓ) inherits the absolute error of its
/// argument as a relative error, and the correctly rounded hi is only within |ℓ|·ε/2 of ℓ (up to
/// 745 for double, 11400 for long double), so e.g. q·expm1(α·ℓ) at ℓ = 721 would be off by
/// hundreds of ulps. The rounding error of hi is recovered from b = (q·e^(hi/2))·e^(hi/2) =
/// q·e^hi·(1 + η), |η| ≤ 2ε (correctly rounded exp, halved to stay in range, each product ≥ the
/// smaller of p, q): ℓ − hi = log(p/b) + log1p(η), and p/b = 1 + δ with δ = (p − b)/b, p − b exact
/// (Sterbenz: |δ| ≤ |ℓ|ε), log1p(δ) = δ up to δ²/2 < 2^-40·ε. Where a product is subnormal its
/// relative error is unbounded, and lo stays 0.
template <class T>
[[nodiscard]] constexpr std::array<T, 2> log_ratio_hi_lo(const T& p, const T& q) {
  const T hi = log_ratio(p, q);
  if constexpr (has_exact_two_sum<T>) {
    if (hi > T(2) || hi < T(-2)) {
      const T eh = gibbs::exp(T(hi * T(0.5)));
      const T a = T(q * eh);
      const T b = T(a * eh);
      constexpr T least = std::numeric_limits<T>::min();
      if (a >= least && b >= least && !is_inf(b) && !(T(2) * b < p) && !(b > T(2) * p))
        return {hi, T(T(p - b) / b)};
    }
  }
  return {hi, T(0)};
}

/// expm1(c·ℓ) for ℓ = l[0] + l[1] (log_ratio_hi_lo): with c·l[0] = xh + xe exactly (Dekker's
/// product; l[1] ≠ 0 only for the IEEE types, |l[0]| ≤ 11400, and c = α or α − 1 is kept below
/// max·2^-(digits/2 + 2) so that the split cannot overflow) and xl = xe + c·l[1] (|xl| ≤ |x|·ε),
/// e^x − 1 = m + (1 + m)·(e^xl − 1), m = expm1(xh), and e^xl − 1 = xl up to xl²/2.
template <class T>
[[nodiscard]] constexpr T expm1_times(const T& c, const std::array<T, 2>& l) {
  if constexpr (has_exact_two_sum<T>) {
    constexpr T big =
        std::numeric_limits<T>::max() * pow2<T>(-((std::numeric_limits<T>::digits + 1) / 2 + 2));
    if (l[1] != T(0) && c < big && c > -big) {
      const exact_product<T> x = dekker_product(c, l[0]);
      const T m = gibbs::expm1(x.hi);
      if (is_inf(m) || !is_finite(x.lo)) return m; // c·ℓ overflowed: ±∞ or −1
      return T(m + T(T(m + T(1)) * T(x.lo + c * l[1])));
    }
  }
  return gibbs::expm1(T(c * l[0]));
}

/// log S directly: Σ t_i, t_i = p_i·e^(β·ℓ_i) > 0 (used where S − 1 < −1/2).
template <class T, class P, class Q>
[[nodiscard]] constexpr T renyi_log_direct(const P& p, const Q& q, const T& alpha, const T& beta) {
  compensated_sum<T> s;
  for (std::size_t i = 0; i < std::ranges::size(p); ++i) {
    const T pi = at<T>(p, i), qi = at<T>(q, i);
    if (pi == T(0) || qi == T(0)) continue;
    // t = p·e^(β·ℓ) = q·e^(α·ℓ): the form whose exponent is ≤ 0 for α < 1 (no overflow)
    const T l = log_ratio(pi, qi);
    s.add(qi < pi ? T(pi * gibbs::exp(T(beta * l))) : T(qi * gibbs::exp(T(alpha * l))));
  }
  return gibbs::log(s.value());
}

/// log S as M + log Σ e^(λ_i − M), λ_i = log p_i + β·ℓ_i (α > 1, every q_i > 0 where p_i > 0).
/// The identity holds for any M; M is the λ_i of the largest branch value (so the largest term is
/// about 1 and none overflows; no comparison of overlapping intervals).
template <class T, class P, class Q>
[[nodiscard]] constexpr T renyi_log_scaled(const P& p, const Q& q, const T& beta) {
  bool first = true;
  T M = T(0);
  for (std::size_t i = 0; i < std::ranges::size(p); ++i) {
    const T pi = at<T>(p, i), qi = at<T>(q, i);
    if (pi == T(0)) continue;
    const T lambda = T(gibbs::log(pi) + beta * log_ratio(pi, qi));
    if (first || branch_value(M) < branch_value(lambda)) M = lambda;
    first = false;
  }
  compensated_sum<T> s;
  for (std::size_t i = 0; i < std::ranges::size(p); ++i) {
    const T pi = at<T>(p, i), qi = at<T>(q, i);
    if (pi == T(0)) continue;
    s.add(gibbs::exp(T(gibbs::log(pi) + beta * log_ratio(pi, qi) - M)));
  }
  return T(M + gibbs::log(s.value()));
}

/// D_α(p‖q) in nats for valid p, q and α (see the top of this file).
template <class T, class P, class Q>
[[nodiscard]] constexpr T renyi_unchecked(const P& p, const Q& q, const T& alpha) {
  const T beta = alpha - T(1);
  const bool above_one = T(1) < alpha;
  // near terms: reference q for α < 1/2, p otherwise (the smaller of |t − q| ≈ α·|d| and
  // |t − p| ≈ |β|·|d|); far terms: whichever of |t − p|, |t − q| is smaller
  const bool near_around_q = alpha < T(0.5);
  mass_sum<T> mass;                // Σ ref_i − 1, exact for the IEEE types
  mass_sum<T> linear;              // Σ_near (p − q), each exact (Sterbenz)
  compensated_sum<T> bregman, far; // Σ_near q·g(u)/β, Σ_far (t − ref)/β
  bool overlap = false;
  mass.add(T(-1));
  for (std::size_t i = 0; i < std::ranges::size(p); ++i) {
    const T pi = at<T>(p, i), qi = at<T>(q, i);
    if (pi == T(0)) continue; // t = 0^α·q^(1−α) = 0 (α > 0): ref = p = 0
    if (qi == T(0)) {
      if (above_one) return infinity<T>(); // p^α·0^(1−α) = +∞
      continue;                            // t = p^α·0^(1−α) = 0: ref = q = 0
    }
    overlap = true;
    if (!(T(2) * pi < qi) && !(pi > T(2) * qi)) {
      const T d = pi - qi;
      const T u = T(d / qi);
      mass.add(near_around_q ? qi : pi);
      bregman.add(renyi_near_excess_over_beta(pi, qi, u, alpha, beta));
      linear.add(d);
    } else {
      const std::array<T, 2> l = log_ratio_hi_lo(pi, qi);
      const T from_p = T(pi * T(expm1_times(beta, l) / beta));  // (t − p)/β
      const T from_q = T(qi * T(expm1_times(alpha, l) / beta)); // (t − q)/β
      const bool use_q = abs_less(from_q, from_p);
      mass.add(use_q ? qi : pi);
      far.add(use_q ? from_q : from_p);
    }
  }
  if (!overlap) return infinity<T>(); // α < 1, disjoint supports: S = 0
  // F = (S − 1)/β, each part divided by β before the sum (the linear part's coefficient, β or α,
  // over β exactly 1 or α/β); then D = log1p(S − 1)/β = F + log1pmx(S − 1)/β for |S − 1| ≤ 1/2
  // (no cancellation: log1pmx(E)/β is at most a third of F there) and log1p(S − 1)/β beyond.
  compensated_sum<T> total;
  total.add(divided_by(mass, beta));
  total.add(near_around_q ? T(linear.value() * T(alpha / beta)) : linear.value());
  total.add(bregman.value());
  total.add(far.value());
  const T f = total.value();
  if constexpr (!number_traits<T>::is_interval && std::numeric_limits<T>::has_infinity) {
    if (is_inf(f) || is_nan(f) || is_inf(bregman.value()) || is_inf(far.value()))
      return T(renyi_log_scaled<T>(p, q, beta) / beta);
  }
  const T e = T(f * beta);
  const auto eb = branch_value(e);
  using B = decltype(eb);
  if constexpr (number_traits<T>::is_interval) {
    // S beyond 2^1000 (alpha far above 1, e.g. S = e^510825 at alpha = 10^6): log S on the scaled
    // terms, as the IEEE types do on overflow above. An enclosure with an end past the exponent
    // range (S = e^(10^300)) would never decide; the scaled form has no such end.
    if (above_one && !(eb < B(0x1p1000))) return T(renyi_log_scaled<T>(p, q, beta) / beta);
  }
  // S < 1/2: for α < 1 every t_i ≥ min(p_i, q_i), summed directly. For α > 1, S ≥ (Σp)^α·(Σq)^(1−α)
  // (Hölder), so S < 1/2 needs totals that differ and a large α (S ≈ e^(−2^38) at α = 2^90 for
  // p = (½, ½ − 2^-54), q = (½ + 2^-53, ½ + 2^-53)): the terms may lie below every exponent
  // range, and the scaled form takes log S without forming S.
  if (eb < B(-0.5))
    return above_one ? T(renyi_log_scaled<T>(p, q, beta) / beta)
                     : T(renyi_log_direct<T>(p, q, alpha, beta) / beta);
  if (eb > B(0.5)) return T(gibbs::log1p(e) / beta);
  return T(f + gibbs::log1pmx(e) / beta);
}

} // namespace detail

/// Rényi divergence of order α of q from p, in nats: a one-parameter family through KL (α → 1),
/// −2·log(1 − H²) (α = ½) and log(1 + χ²) (α = 2).
///
/// D_α(p‖q) = log(Σ p_i^α·q_i^(1−α))/(α − 1), α > 0, α ≠ 1; evaluated as log1p(S − 1)/(α − 1)
/// with S − 1 summed from parts that do not cancel when p ≈ q (the formula and its error bound
/// are at the top of gibbs/measure/renyi.hpp). Laws: D_α ≥ 0, = 0 iff p = q (exactly 0 for equal
/// arguments summing to exactly 1); non-decreasing in α; D_α → KL(p‖q) as α → 1; D_½ =
/// −2·log(1 − H²); D_2 = log(1 + χ²). Conventions: terms with p_i = 0 contribute 0; p_i > 0 = q_i
/// gives +∞ for α > 1 and contributes 0 for α < 1 (disjoint supports: +∞). Throws
/// gibbs::invalid_input for invalid p or q (see entropy), different lengths, or an alpha that is
/// not finite, > 0 and != 1 (error_kind::invalid_parameter).
/// Example: renyi_divergence({0.5, 0.5}, {0.75, 0.25}, 2.0) ≈ 0.2876820724517809 (= log(4/3)).
template <mass_range P, mass_range Q>
[[nodiscard]] constexpr result_t<P, Q> renyi_divergence(const P& p, const Q& q,
                                                        const result_t<P, Q>& alpha) {
  using T = result_t<P, Q>;
  detail::check_alpha(alpha, "renyi_divergence");
  detail::check_same_length(p, q, "renyi_divergence");
  detail::check_distribution<T>(p, "renyi_divergence", "p");
  detail::check_distribution<T>(q, "renyi_divergence", "q");
  return detail::renyi_unchecked<T>(p, q, alpha);
}

/// Rényi divergence of order α in base-b units: D_α(p‖q)/log b (b = 2: bits, b = 10: bans).
/// Same laws, conventions and errors as renyi_divergence(p, q, alpha); also throws
/// gibbs::invalid_input for a base that is not finite, > 0 and != 1.
/// Example: renyi_divergence({1.0, 0.0}, {0.5, 0.5}, 0.5, 2.0) == 1.0 bit (S = √½, −2·log₂ √½).
template <mass_range P, mass_range Q>
[[nodiscard]] constexpr result_t<P, Q>
renyi_divergence(const P& p, const Q& q, const result_t<P, Q>& alpha, const result_t<P, Q>& base) {
  using T = result_t<P, Q>;
  detail::check_base(base, "renyi_divergence");
  return T(renyi_divergence(p, q, alpha) / gibbs::log(base));
}

} // namespace gibbs

#endif // GIBBS_MEASURE_RENYI_HPP
