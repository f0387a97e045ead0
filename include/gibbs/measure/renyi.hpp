// gibbs/measure/renyi.hpp: Rényi divergence of order α.
//
// D_α(p‖q) = log(S)/(α − 1), S = Σ p_i^α·q_i^(1−α), α > 0, α ≠ 1.
//
// The textbook evaluation cancels twice near p ≈ q: S = 1 + (something of the size of χ²), so
// log S loses all digits below ε, and each term q·(p/q)^α is 1 + tiny before the sum. gibbs writes
// S − 1 as a sum of parts that are each small when p ≈ q and computes log1p of it:
//
//   S − 1 = (Σp − 1) + Σ_i (t_i − p_i)  (α ≥ 1/2),   S − 1 = (Σq − 1) + Σ_i (t_i − q_i)  (α < 1/2),
//   t_i = p_i^α·q_i^(1−α) = p_i·e^(β·ℓ_i) = q_i·e^(α·ℓ_i),  β = α − 1,  ℓ_i = log(p_i/q_i),
//
// the reference mass being the one t_i tends to (p as α → 1, q as α → 0), so that the t_i − ref_i
// are small where the parts would otherwise cancel (for α = 0.001 and p, q far apart, t − p is
// ≈ ±p and the sum of such parts cancels to about α; t − q is ≈ α·q·ℓ).
// Near terms (p/q in [1/2, 2]; u = (p − q)/q in [−1/2, 1], L = log1p(u) = ℓ, d = p − q exact by
// Sterbenz): t − p = β·d + q·g(u), t − q = α·d + q·g(u), g(u) = (1 + u)^α − 1 − α·u, and g is
// evaluated in one of two forms, both exact identities (log1pmx(x) = log1p(x) − x ≤ 0):
//   (A) α < 1/2:  q·g = −q·log1pmx(v) + α·q·log1pmx(u),              v = expm1(α·L)
//       [e^(αL) − 1 − αL = v − log1p(v); αL − αu = α·log1pmx(u)]
//   (B) α ≥ 1/2:  q·g = −p·log1pmx(w) + β·q·φ(u),  φ(u) = u·L + log1pmx(u),  w = expm1(β·L)
//       [(1+u)^α = (1+u)·e^(βL); g = (1+u)·(e^(βL) − 1 − βL) + β·((1+u)·L − u)]
// For α > 1 both parts of (B) are ≥ 0: no cancellation. For α < 1 the two parts have opposite
// signs; for small u they are α²u²/2 and −αu²/2 in (A), β²u²/2 and βu²/2 in (B), so the
// cancellation factor (|part 1| + |part 2|)/|sum| is (1 + α)/(1 − α) in (A) and (2 − α)/α in (B):
// at most 3 with the switch at α = 1/2, and (B) tends to β·φ(u), the KL kernel, as α → 1.
// Each part is a product of correctly rounded functions of arguments with relative errors of a few
// ε (log1pmx has condition number ≈ 2 near 0), so each q·g has a relative error of about 10ε, at
// most 30ε after the cancellation. The d_i and Σp − 1 are summed exactly (a floating-point
// expansion, Shewchuk's Grow-Expansion, for the IEEE types; compensated otherwise) and rounded
// once.
// Far terms (p/q outside [1/2, 2]): t − p = p·expm1(β·ℓ), t − q = q·expm1(α·ℓ), with
// ℓ = log(p/q) (no overflow of p/q); |ℓ| > 0.69, so each has a relative error of a few ε.
// Terms with t_i = 0 (p_i = 0, or q_i = 0 < p_i when α < 1) contribute −ref_i.
// Then D = log1p(S − 1)/β: for normalised input within ε the error is a few tens of ε relative
// to D plus the inherent (Σp − 1, Σq − 1) sensitivity of the formula itself.
// What remains of the cancellation among the parts of S − 1 (far terms of both signs) is that of
// the exact value's own dependence on them: measured against MPFR at most a few tens of ulps
// (tests/unit/renyi.cpp), and exactly representable inputs give exactly 0 at p = q.
// Two ranges are taken apart: S − 1 < −1/2 (only for α < 1, nearly disjoint supports), where
// log1p(S − 1) would inherit the absolute error of the parts as a relative error of S: there
// S = Σ t_i is summed directly (positive terms) and D = log(S)/β; and (for types with a bounded
// exponent, α > 1) an overflowing term or sum (q subnormal, α large), where
// log S = M + log Σ e^(λ_i − M), λ_i = log p_i + β·ℓ_i, M = max λ_i.
// Branches are taken on the inputs and on S − 1 only, between identities, so an interval type
// (mpfi_float) gets a rigorous enclosure from either branch.
#ifndef GIBBS_MEASURE_RENYI_HPP
#define GIBBS_MEASURE_RENYI_HPP

#include "gibbs/measure/detail/common.hpp"

#include <array>
#include <cstddef>
#include <limits>
#include <type_traits>

namespace gibbs {
namespace detail {

// Reached only in constant evaluation (see error.hpp): the name is the compile error.
inline void the_order_alpha_must_be_finite_positive_and_not_1() {}
inline void the_base_must_be_finite_positive_and_not_1() {}

template <class T>
constexpr void check_alpha(const T& alpha, const char* function) {
  if (is_nan(alpha) || is_inf(alpha) || !(alpha > T(0)) || alpha == T(1)) {
    if (std::is_constant_evaluated()) the_order_alpha_must_be_finite_positive_and_not_1();
    throw_invalid_parameter(function, "alpha", static_cast<double>(alpha),
                            "alpha must be finite, > 0 and != 1");
  }
}

template <class T>
constexpr void check_base(const T& base, const char* function) {
  if (is_nan(base) || is_inf(base) || !(base > T(0)) || base == T(1)) {
    if (std::is_constant_evaluated()) the_base_must_be_finite_positive_and_not_1();
    throw_invalid_parameter(
        function, "base", static_cast<double>(base),
        "a base of logarithms must be finite, > 0 and != 1 (2: bits, 10: bans)");
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

private:
  std::array<T, 64> c_{};
  std::size_t n_ = 0;
};

/// exact_sum for the IEEE types, compensated_sum otherwise (double_double, Boost's types; plain
/// interval addition for intervals).
template <class T>
using mass_sum = std::conditional_t<has_exact_two_sum<T>, exact_sum<T>, compensated_sum<T>>;

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

/// q·g(u), g(u) = (1 + u)^α − 1 − α·u, for a near term (u = (p − q)/q in [−1/2, 1]), in the
/// form (A) or (B) of the top of this file.
template <class T>
[[nodiscard]] constexpr T renyi_near_excess(const T& p, const T& q, const T& u, const T& alpha,
                                            const T& beta) {
  const T L = gibbs::log1p(u);
  if (alpha < T(0.5)) {
    const T v = gibbs::expm1(T(alpha * L));
    return T((alpha * q) * gibbs::log1pmx(u) - q * gibbs::log1pmx(v));
  }
  const T w = gibbs::expm1(T(beta * L));
  const T phi = T(u * L + gibbs::log1pmx(u));
  return T((beta * q) * phi - p * gibbs::log1pmx(w));
}

/// log S directly: Σ t_i, t_i = p_i·e^(β·ℓ_i) > 0 (used where S − 1 < −1/2).
template <class T, class P, class Q>
[[nodiscard]] constexpr T renyi_log_direct(const P& p, const Q& q, const T& beta) {
  compensated_sum<T> s;
  for (std::size_t i = 0; i < std::ranges::size(p); ++i) {
    const T pi = at<T>(p, i), qi = at<T>(q, i);
    if (pi == T(0) || qi == T(0)) continue;
    s.add(T(pi * gibbs::exp(T(beta * log_ratio(pi, qi, T(pi / qi))))));
  }
  return gibbs::log(s.value());
}

/// log S as M + log Σ e^(λ_i − M), λ_i = log p_i + β·ℓ_i (α > 1, every q_i > 0 where p_i > 0).
template <class T, class P, class Q>
[[nodiscard]] constexpr T renyi_log_scaled(const P& p, const Q& q, const T& beta) {
  bool first = true;
  T M = T(0);
  for (std::size_t i = 0; i < std::ranges::size(p); ++i) {
    const T pi = at<T>(p, i), qi = at<T>(q, i);
    if (pi == T(0)) continue;
    const T lambda = T(gibbs::log(pi) + beta * log_ratio(pi, qi, T(pi / qi)));
    if (first || M < lambda) M = lambda;
    first = false;
  }
  compensated_sum<T> s;
  for (std::size_t i = 0; i < std::ranges::size(p); ++i) {
    const T pi = at<T>(p, i), qi = at<T>(q, i);
    if (pi == T(0)) continue;
    s.add(gibbs::exp(T(gibbs::log(pi) + beta * log_ratio(pi, qi, T(pi / qi)) - M)));
  }
  return T(M + gibbs::log(s.value()));
}

/// D_α(p‖q) in nats for valid p, q and α (see the top of this file).
template <class T, class P, class Q>
[[nodiscard]] constexpr T renyi_unchecked(const P& p, const Q& q, const T& alpha) {
  const T beta = alpha - T(1);
  const bool above_one = T(1) < alpha;
  // the reference mass: S − 1 = (Σq − 1) + Σ(t − q) for α < 1/2, (Σp − 1) + Σ(t − p) otherwise
  const bool around_q = alpha < T(0.5);
  const T gamma = around_q ? alpha : beta; // t = q·e^(α·ℓ) = p·e^(β·ℓ)
  mass_sum<T> mass;                        // Σ(reference) − 1, exact for the IEEE types
  mass_sum<T> linear;                      // Σ_near (p − q), each exact (Sterbenz)
  compensated_sum<T> bregman, far;
  bool overlap = false;
  mass.add(T(-1));
  for (std::size_t i = 0; i < std::ranges::size(p); ++i) {
    const T pi = at<T>(p, i), qi = at<T>(q, i);
    const T ref = around_q ? qi : pi;
    if (ref != T(0)) mass.add(ref);
    if (pi == T(0)) {                 // t = 0^α·q^(1−α) = 0 (α > 0)
      if (ref != T(0)) far.add(-ref); // t − q = −q
      continue;
    }
    if (qi == T(0)) {
      if (above_one) return infinity<T>(); // p^α·0^(1−α) = +∞
      if (ref != T(0)) far.add(-ref);      // t = p^α·0^(1−α) = 0: t − p = −p
      continue;
    }
    overlap = true;
    if (!(T(2) * pi < qi) && !(pi > T(2) * qi)) {
      const T d = pi - qi;
      const T u = T(d / qi);
      bregman.add(renyi_near_excess(pi, qi, u, alpha, beta));
      linear.add(d);
    } else {
      const T l = log_ratio(pi, qi, T(pi / qi));
      far.add(T(ref * gibbs::expm1(T(gamma * l))));
    }
  }
  if (!overlap) return infinity<T>(); // α < 1, disjoint supports: S = 0
  compensated_sum<T> total;
  total.add(mass.value());
  total.add(T(gamma * linear.value()));
  total.add(bregman.value());
  total.add(far.value());
  const T e = total.value();
  if constexpr (!number_traits<T>::is_interval && std::numeric_limits<T>::has_infinity) {
    if (is_inf(e) || is_nan(e) || is_inf(bregman.value()) || is_inf(far.value()))
      return T(renyi_log_scaled<T>(p, q, beta) / beta);
  }
  if (e < T(-0.5)) return T(renyi_log_direct<T>(p, q, beta) / beta);
  return T(gibbs::log1p(e) / beta);
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
