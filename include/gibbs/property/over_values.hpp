// gibbs/property/over_values.hpp: the laws of the measures as predicates over *values* — the
// numbers an implementation returned — rather than over inputs. They check gibbs' own results,
// a foreign program's answers and a user's callable alike (gibbs::verify calls them with the
// user's values): whoever computed KL, H(p, q) and H(p), the same predicate decides whether
// KL = H(p, q) − H(p) holds within rounding.
//
// Tolerances are those of law.hpp (c·ε(T)·an entropy scale, c = default_slack = 16), so a
// faithful implementation passes with margin and a wrong formula fails in every number type.
// Every predicate returns a law_check {holds, lhs, rhs, tolerance}; a NaN anywhere makes it fail.
#ifndef GIBBS_PROPERTY_OVER_VALUES_HPP
#define GIBBS_PROPERTY_OVER_VALUES_HPP

#include "gibbs/number/math.hpp"
#include "gibbs/property/law.hpp"

#include <cstddef>
#include <limits>

namespace gibbs::property::over_values {

using gibbs::property::default_slack;
using gibbs::property::law_check;

/// Gibbs' inequality for a divergence value d = D(p‖q) (KL, reverse KL): d ≥ −max(0, defect)
/// where defect = Σq − Σp (Σp − Σq for the reverse KL), widened by c·ε of the defect. With
/// Σp = Σq exactly (defect 0) this is d ≥ 0 with no slack: the exact KL of two distributions of
/// equal mass is never negative. lhs = d, rhs = −max(0, defect).
template <class T>
[[nodiscard]] constexpr law_check<T> divergence_is_nonnegative(const T& d, const T& defect,
                                                               double c = default_slack) {
  const T def = detail::max(defect, T(0));
  const T tol = def + detail::slack(c, def);
  return {T(0) - tol <= d, d, T(0) - def, tol};
}

/// Zero at equality: D(p‖p) == 0 exactly (every term is p·log(p/p) = p·log 1 = 0 with no
/// rounding). lhs = D(p‖p), rhs = 0, tolerance 0.
template <class T>
[[nodiscard]] constexpr law_check<T> zero_at_equality(const T& d) {
  return {d == T(0), d, T(0), T(0)};
}

/// D(p‖q) = +∞ exactly when some p_i > 0 = q_i (`support_mismatch`); finite otherwise.
/// lhs = D(p‖q), rhs = +∞ or 0 (which of the two cases the inputs are), tolerance 0.
template <class T>
[[nodiscard]] constexpr law_check<T> infinite_iff_support_mismatch(const T& d,
                                                                   bool support_mismatch) {
  const T inf = std::numeric_limits<T>::infinity();
  if (support_mismatch) return {d == inf, d, inf, T(0)};
  return {!detail::is_infinite(d) && d == d, d, T(0), T(0)};
}

/// KL(p‖q) = H(p, q) − H(p), up to c·ε·(H(p, q) + H(p) + 1) (law.hpp); both +∞ when
/// H(p, q) = +∞. lhs = KL, rhs = H(p, q) − H(p).
template <class T>
[[nodiscard]] constexpr law_check<T> kl_is_cross_entropy_minus_entropy(const T& kl, const T& hpq,
                                                                       const T& hp,
                                                                       double c = default_slack) {
  if (detail::any_infinite(kl, hpq, hp))
    return {kl == hpq && !detail::is_infinite(hp), kl, hpq, T(0)};
  const T rhs = hpq - hp;
  const T tol = detail::slack(c, detail::abs(hpq) + detail::abs(hp) + T(1));
  return {detail::close(kl, rhs, tol), kl, rhs, tol};
}

/// H(p, q) ≥ H(p), up to c·ε·(H(p, q) + H(p) + 1) plus the mass defect max(0, Σq − Σp).
/// lhs = H(p, q), rhs = H(p).
template <class T>
[[nodiscard]] constexpr law_check<T>
cross_entropy_bounds_entropy(const T& hpq, const T& hp, const T& defect, double c = default_slack) {
  if (detail::any_infinite(hpq, hp)) return {hpq > T(0) && !detail::is_infinite(hp), hpq, hp, T(0)};
  const T tol =
      detail::slack(c, detail::abs(hpq) + detail::abs(hp) + T(1)) + detail::max(defect, T(0));
  return {detail::at_most(hp, hpq, tol), hpq, hp, tol};
}

/// H(p, p) = H(p), up to c·ε·(2·H(p) + 1). lhs = H(p, p), rhs = H(p).
template <class T>
[[nodiscard]] constexpr law_check<T>
cross_entropy_at_equality_is_entropy(const T& hpp, const T& hp, double c = default_slack) {
  if (detail::any_infinite(hpp, hp)) return {false, hpp, hp, T(0)};
  const T tol = detail::slack(c, detail::abs(hpp) + detail::abs(hp) + T(1));
  return {detail::close(hpp, hp, tol), hpp, hp, tol};
}

/// Pinsker's inequality: KL(p‖q) ≥ 2·TV(p, q)², up to c·ε·(|KL| + 2·TV² + defect) plus the mass
/// defect (law.hpp). lhs = KL, rhs = 2·TV².
template <class T>
[[nodiscard]] constexpr law_check<T> pinsker(const T& kl, const T& tv, const T& defect,
                                             double c = default_slack) {
  const T rhs = T(2) * tv * tv;
  if (detail::is_infinite(kl)) return {kl > T(0), kl, rhs, T(0)};
  const T def = detail::max(defect, T(0));
  const T tol = detail::slack(c, detail::abs(kl) + rhs + def) + def;
  return {detail::at_most(rhs, kl, tol), kl, rhs, tol};
}

/// 0 ≤ JS(p, q) ≤ log 2: the lower bound exact, the upper one up to c·ε·log 2. lhs = JS,
/// rhs = log 2.
template <class T>
[[nodiscard]] constexpr law_check<T> js_bounds(const T& js, double c = default_slack) {
  const T ln2 = gibbs::log(T(2));
  const T tol = detail::slack(c, ln2);
  return {T(0) <= js && detail::at_most(js, ln2, tol), js, ln2, tol};
}

/// 0 ≤ TV(p, q) ≤ 1: the lower bound exact, the upper one up to c·ε. lhs = TV, rhs = 1.
template <class T>
[[nodiscard]] constexpr law_check<T> tv_bounds(const T& tv, double c = default_slack) {
  const T tol = detail::slack(c, T(1));
  return {T(0) <= tv && detail::at_most(tv, T(1), tol), tv, T(1), tol};
}

/// 0 ≤ H(p) ≤ log n for a distribution on n points: the lower bound exact, the upper one up to
/// c·ε·(log n + 1). lhs = H(p), rhs = log n.
template <class T>
[[nodiscard]] constexpr law_check<T> entropy_bounds(const T& h, std::size_t n,
                                                    double c = default_slack) {
  const T logn = gibbs::log(T(static_cast<double>(n)));
  const T tol = detail::slack(c, logn + T(1));
  return {T(0) <= h && detail::at_most(h, logn, tol), h, logn, tol};
}

/// A symmetric measure: f(p, q) = f(q, p) up to c·ε·scale (JS: scale log 2; TV: scale 1).
/// lhs = f(p, q), rhs = f(q, p).
template <class T>
[[nodiscard]] constexpr law_check<T> symmetric(const T& a, const T& b, const T& scale,
                                               double c = default_slack) {
  const T tol = detail::slack(c, scale);
  return {detail::close(a, b, tol), a, b, tol};
}

/// A value that cannot be negative (a cross-entropy from logits, an NLL): v ≥ 0 exactly.
/// lhs = v, rhs = 0.
template <class T>
[[nodiscard]] constexpr law_check<T> nonnegative(const T& v) {
  return {T(0) <= v, v, T(0), T(0)};
}

/// The sign of a logarithm: log x < 0 for x < 1, log 1 = 0, log x > 0 for x > 1 (exact: a
/// faithful log cannot cross 0, the nearest representable values of log x are of its sign).
/// lhs = the computed log, rhs = 0.
template <class T>
[[nodiscard]] constexpr law_check<T> log_has_the_sign_of_x_minus_1(const T& l, const T& x) {
  const bool ok = x < T(1) ? l < T(0) : (x == T(1) ? l == T(0) : l > T(0));
  return {ok, l, T(0), T(0)};
}

} // namespace gibbs::property::over_values

#endif // GIBBS_PROPERTY_OVER_VALUES_HPP
