// gibbs/property/law.hpp: what every law returns (gibbs::property::law_check) and the tolerance
// the laws allow for rounding, in units of the number type's machine epsilon.
//
// Why the tolerances scale with ε: every measure is a sum of terms p·log(p/q), p·log q, … each
// evaluated with a few roundings of relative size ε = epsilon_of<T>() (a faithful log: ≤ 1 ulp;
// the product and the quotient: ½ ulp each; Neumaier's compensated sum: ≤ 2ε·Σ|term| + ε·|sum|).
// An identity between two such sums therefore holds up to c·ε·(the sum of the absolute values of
// all the terms involved), which the laws bound by an *entropy scale* such as H(p, q) + H(p) + 1:
// Σ p·|log(p/q)| ≤ H(p) + H(p, q), and the 1 covers the terms Σ|p − q| ≤ 2 of the non-cancelling
// KL form and the absolute error of logs near 1. Perturbing each mass by a relative ε (as forming
// a product, a mixture or a marginal does) moves KL by at most ε·(H(p) + H(p, q) + 2) for the same
// reason. With c = default_slack = 16 every law below holds for a faithful implementation with
// margin, while an error in a formula (a wrong sign, a missing term, a wrong base) is far larger
// than 16 ulps of the entropy scale and makes the law fail — in every number type, because the
// tolerance shrinks with ε.
#ifndef GIBBS_PROPERTY_LAW_HPP
#define GIBBS_PROPERTY_LAW_HPP

#include "gibbs/measure/detail/common.hpp"
#include "gibbs/number/real.hpp"

#include <cstddef>
#include <ranges>

namespace gibbs::property {

/// The result of checking one law: whether it holds, and the two sides and the tolerance for the
/// diagnostic a failing test prints. Converts (explicitly) to bool, so
/// `static_assert(gibbs::property::pinsker(p, q), "…")` compares and never tests a floating value;
/// a NaN anywhere makes `holds` false.
template <class T>
struct law_check {
  bool holds;  ///< the law holds for these arguments
  T lhs;       ///< the left-hand side of the law as written in its documentation
  T rhs;       ///< the right-hand side
  T tolerance; ///< the slack allowed for rounding (0 for the exact laws)
  [[nodiscard]] constexpr explicit operator bool() const noexcept { return holds; }
};

/// The default number c of ε-units of the entropy scale a law allows (see the top of this file).
inline constexpr double default_slack = 16.0;

namespace detail {

template <class T>
[[nodiscard]] constexpr T abs(const T& x) {
  return x < T(0) ? T(0) - x : x;
}

template <class T>
[[nodiscard]] constexpr T max(const T& a, const T& b) {
  return a < b ? b : a;
}

template <class T>
[[nodiscard]] constexpr bool is_infinite(const T& x) {
  return gibbs::detail::is_inf(x);
}

/// c·ε(T)·scale.
template <class T>
[[nodiscard]] constexpr T slack(double c, const T& scale) {
  return T(c) * epsilon_of<T>() * scale;
}

/// a = b up to tol: equal (this covers +∞ = +∞) or both finite and |a − b| ≤ tol. False for NaN.
template <class T>
[[nodiscard]] constexpr bool close(const T& a, const T& b, const T& tol) {
  if (a == b) return true;
  if (is_infinite(a) || is_infinite(b)) return false;
  return abs(a - b) <= tol;
}

/// a ≤ b up to tol: true when a ≤ b + tol, also for b = +∞. False for NaN.
template <class T>
[[nodiscard]] constexpr bool at_most(const T& a, const T& b, const T& tol) {
  if (a <= b) return true;
  if (is_infinite(a) || is_infinite(b)) return false;
  return a - b <= tol;
}

/// True if any argument is ±∞. The laws never do arithmetic on an infinite value: ∞ − ∞ is NaN,
/// and a NaN produced in constant evaluation is an error in g++ and clang++ (and double_double's
/// error-free transformations produce one even for ∞ + finite).
template <class T, class... U>
[[nodiscard]] constexpr bool any_infinite(const T& x, const U&... y) {
  return (is_infinite(x) || ... || is_infinite(y));
}

/// Σ r_i, compensated.
template <class T, class R>
[[nodiscard]] constexpr T total(const R& r) {
  gibbs::detail::compensated_sum<T> s;
  for (std::size_t i = 0; i < std::ranges::size(r); ++i)
    s.add(gibbs::detail::at<T>(r, i));
  return s.value();
}

/// Σq − Σp, with the rounding error of each difference recovered (TwoSum), so 0 exactly when the
/// masses of p and q add up to the same number.
template <class T, class P, class Q>
[[nodiscard]] constexpr T mass_difference(const P& p, const Q& q) {
  gibbs::detail::compensated_sum<T> s;
  for (std::size_t i = 0; i < std::ranges::size(p); ++i) {
    const T a = gibbs::detail::at<T>(q, i), b = gibbs::detail::at<T>(p, i);
    const T d = a - b;
    const T z = d - a;
    s.add(d);
    s.add((a - (d - z)) + (T(0) - b - z));
  }
  return s.value();
}

} // namespace detail

namespace values {

/// A value that cannot be negative (every term of the measure is ≥ 0: a binary loss, a
/// cross-entropy from logits, an NLL): v ≥ 0 exactly, no tolerance; a NaN fails.
/// lhs = v, rhs = 0.
template <class T>
[[nodiscard]] constexpr law_check<T> nonnegative(const T& v) {
  return {!(v < T(0)) && v == v, v, T(0), T(0)};
}

} // namespace values
} // namespace gibbs::property

#endif // GIBBS_PROPERTY_LAW_HPP
