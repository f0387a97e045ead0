// gibbs/property/divergence.hpp: the laws of KL divergence, cross-entropy and their relatives as
// named constexpr predicates: Gibbs' inequality, zero at equality, asymmetry, KL = H(p, q) − H(p),
// H(p, q) ≥ H(p), Pinsker, the bounds of Jensen–Shannon and the log-sum inequality.
//
// Each takes the same arguments as the measures (std::array, std::span, std::vector, … of any
// gibbs::real number type), calls the gibbs measures, and returns a law_check (see law.hpp for the
// tolerances and why they scale with ε). Invalid input is rejected exactly as by the measures: a
// compile error in constant evaluation, gibbs::invalid_input at run time.
#ifndef GIBBS_PROPERTY_DIVERGENCE_HPP
#define GIBBS_PROPERTY_DIVERGENCE_HPP

#include "gibbs/measure/cross_entropy.hpp"
#include "gibbs/measure/entropy.hpp"
#include "gibbs/measure/jensen_shannon.hpp"
#include "gibbs/measure/kl_divergence.hpp"
#include "gibbs/measure/total_variation.hpp"
#include "gibbs/property/law.hpp"

#include <array>
#include <limits>

namespace gibbs::property {

// The laws over values: each takes the inputs and the values an implementation returned for
// them (gibbs' own measures below, a foreign program's answers in conformance grading, a user's
// callable in verify), and states the tolerance once. The forms after this namespace apply them
// to gibbs' measures.
namespace values {

/// Gibbs' inequality on a value kl claimed for KL(p‖q): kl ≥ −defect·(1 + c·ε), defect =
/// max(0, Σq − Σp) (the exact KL of unnormalised numbers can be that negative; 0 when Σp = Σq
/// exactly, and then kl ≥ 0 must hold exactly). lhs = kl, rhs = 0.
template <mass_range P, mass_range Q>
[[nodiscard]] constexpr law_check<result_t<P, Q>>
gibbs_inequality(const P& p, const Q& q, const result_t<P, Q>& kl, double c = default_slack) {
  using T = result_t<P, Q>;
  const T defect = detail::max(detail::mass_difference<T>(p, q), T(0));
  const T tol = defect + detail::slack(c, defect);
  return {T(0) - tol <= kl, kl, T(0), tol};
}

/// Zero at equality on a value claimed for D(p‖p) (KL, JS, TV, Hellinger, χ²): exactly 0, no
/// tolerance. lhs = value, rhs = 0.
template <real T>
[[nodiscard]] constexpr law_check<T> zero_at_equality(const T& value) {
  return {value == T(0), value, T(0), T(0)};
}

/// KL = H(p, q) − H(p) on the three values kl, hpq, hp claimed for (p, q): within
/// c·ε·(H(p, q) + H(p) + 1) (law.hpp); both sides +∞ together. lhs = kl, rhs = hpq − hp.
template <mass_range P, mass_range Q>
[[nodiscard]] constexpr law_check<result_t<P, Q>>
kl_is_cross_entropy_minus_entropy(const P&, const Q&, const result_t<P, Q>& kl,
                                  const result_t<P, Q>& hpq, const result_t<P, Q>& hp,
                                  double c = default_slack) {
  using T = result_t<P, Q>;
  if (detail::any_infinite(kl, hpq)) return {kl == hpq, kl, hpq, T(0)};
  const T rhs = hpq - hp;
  const T tol = detail::slack(c, hpq + hp + T(1));
  return {detail::close(kl, rhs, tol), kl, rhs, tol};
}

/// H(p, q) ≥ H(p) on the values hpq, hp: within c·ε·(H(p, q) + H(p) + 1) plus the mass defect
/// max(0, Σq − Σp). lhs = hpq, rhs = hp.
template <mass_range P, mass_range Q>
[[nodiscard]] constexpr law_check<result_t<P, Q>>
cross_entropy_bounds_entropy(const P& p, const Q& q, const result_t<P, Q>& hpq,
                             const result_t<P, Q>& hp, double c = default_slack) {
  using T = result_t<P, Q>;
  if (detail::is_infinite(hpq)) return {hpq > T(0), hpq, hp, T(0)};
  const T defect = detail::max(detail::mass_difference<T>(p, q), T(0));
  const T tol = detail::slack(c, hpq + hp + T(1)) + defect;
  return {detail::at_most(hp, hpq, tol), hpq, hp, tol};
}

/// Pinsker on the values kl, tv: kl ≥ 2·tv² within c·ε·(|kl| + 2·tv² + defect) plus the mass
/// defect (KL can be as low as −defect on unnormalised doubles). lhs = kl, rhs = 2·tv².
template <mass_range P, mass_range Q>
[[nodiscard]] constexpr law_check<result_t<P, Q>>
pinsker(const P& p, const Q& q, const result_t<P, Q>& kl, const result_t<P, Q>& tv,
        double c = default_slack) {
  using T = result_t<P, Q>;
  const T rhs = T(2) * tv * tv;
  if (detail::is_infinite(kl)) return {kl > T(0), kl, rhs, T(0)};
  const T defect = detail::max(detail::mass_difference<T>(p, q), T(0));
  const T tol = detail::slack(c, detail::abs(kl) + rhs + defect) + defect;
  return {detail::at_most(rhs, kl, tol), kl, rhs, tol};
}

/// D(p‖q) = +∞ exactly when some p_i > 0 = q_i (`support_mismatch`), finite otherwise, on a
/// value d claimed for KL (or any divergence with that support rule). lhs = d, rhs = +∞ or 0
/// (which of the two cases the inputs are), tolerance 0.
template <real T>
[[nodiscard]] constexpr law_check<T> infinite_iff_support_mismatch(const T& d,
                                                                   bool support_mismatch) {
  const T inf = std::numeric_limits<T>::infinity();
  if (support_mismatch) return {d == inf, d, inf, T(0)};
  return {!detail::is_infinite(d) && d == d, d, T(0), T(0)};
}

/// H(p, p) = H(p) on the values hpp, hp claimed for them: within c·ε·(|H(p, p)| + |H(p)| + 1).
/// lhs = hpp, rhs = hp.
template <real T>
[[nodiscard]] constexpr law_check<T>
cross_entropy_at_equality_is_entropy(const T& hpp, const T& hp, double c = default_slack) {
  if (detail::any_infinite(hpp, hp)) return {false, hpp, hp, T(0)};
  const T tol = detail::slack(c, detail::abs(hpp) + detail::abs(hp) + T(1));
  return {detail::close(hpp, hp, tol), hpp, hp, tol};
}

/// A symmetric measure on its values a = f(p, q), b = f(q, p): equal within c·ε·scale (JS:
/// scale log 2; TV: scale 1). lhs = a, rhs = b.
template <real T>
[[nodiscard]] constexpr law_check<T> symmetric(const T& a, const T& b, const T& scale,
                                               double c = default_slack) {
  const T tol = detail::slack(c, scale);
  return {detail::close(a, b, tol), a, b, tol};
}

/// 0 ≤ JS ≤ log 2 on a value js (in nats): exact lower bound, c·ε·log 2 above. lhs = js,
/// rhs = log 2.
template <real T>
[[nodiscard]] constexpr law_check<T> js_bounds(const T& js, double c = default_slack) {
  const T ln2 = gibbs::log(T(2));
  const T tol = detail::slack(c, ln2);
  return {T(0) <= js && detail::at_most(js, ln2, tol), js, ln2, tol};
}

} // namespace values

/// Gibbs' inequality: KL(p‖q) ≥ 0.
///
/// Law: KL(p‖q) ≥ −max(0, Σq − Σp). Tolerance: none when Σp = Σq exactly (then KL ≥ 0 must hold
/// exactly: the accurate form is a sum of non-negative terms plus the exact Σp − Σq); otherwise the
/// exact KL of the given numbers can itself be negative by up to Σq − Σp (DESIGN: inputs are taken
/// as given, never renormalised), and that is all the slack allowed, widened by c·ε of itself.
/// lhs = KL(p‖q), rhs = 0. Example: gibbs_inequality(std::array{0.5, 0.5}, std::array{0.7, 0.3}).
template <mass_range P, mass_range Q>
[[nodiscard]] constexpr law_check<result_t<P, Q>> gibbs_inequality(const P& p, const Q& q,
                                                                   double c = default_slack) {
  return values::gibbs_inequality(p, q, result_t<P, Q>(kl_divergence(p, q)), c);
}

/// Zero at equality: KL(p‖p) == 0 exactly (compared with ==, no tolerance).
///
/// Every term of the accurate form is q·φ(0) + (p − p) = 0 with no rounding, so anything but an
/// exact zero is an implementation error. lhs = KL(p‖p), rhs = 0, tolerance 0.
template <mass_range P>
[[nodiscard]] constexpr law_check<result_t<P>> zero_at_equality(const P& p) {
  return values::zero_at_equality(result_t<P>(kl_divergence(p, p)));
}

/// Asymmetry witness: KL(p‖q) ≠ KL(q‖p) for this pair, by more than rounding can explain.
///
/// Law (existential): KL is not symmetric; a pair witnesses it when both divergences are finite
/// and |KL(p‖q) − KL(q‖p)| > c·ε·(KL(p‖q) + KL(q‖p)), so that the difference cannot be an
/// artefact of rounding two equal values. lhs = KL(p‖q), rhs = KL(q‖p).
/// Example: asymmetry_witness(std::array{0.5, 0.5}, std::array{0.9, 0.1}).
template <mass_range P, mass_range Q>
[[nodiscard]] constexpr law_check<result_t<P, Q>> asymmetry_witness(const P& p, const Q& q,
                                                                    double c = default_slack) {
  using T = result_t<P, Q>;
  const T forward = kl_divergence(p, q), backward = kl_divergence(q, p);
  if (detail::any_infinite(forward, backward)) return {false, forward, backward, T(0)};
  const T tol = detail::slack(c, forward + backward);
  return {detail::abs(forward - backward) > tol, forward, backward, tol};
}

/// KL is cross-entropy minus entropy: KL(p‖q) = H(p, q) − H(p).
///
/// Tolerance c·ε·(H(p, q) + H(p) + 1): the three measures are computed independently (KL without
/// cancellation, the entropies as sums of p·log), so the identity holds up to the rounding of
/// each, which is a few ε of the entropy scale (law.hpp). When q_i = 0 < p_i both sides are +∞.
/// lhs = KL(p‖q), rhs = H(p, q) − H(p).
template <mass_range P, mass_range Q>
[[nodiscard]] constexpr law_check<result_t<P, Q>>
kl_is_cross_entropy_minus_entropy(const P& p, const Q& q, double c = default_slack) {
  using T = result_t<P, Q>;
  const T kl = kl_divergence(p, q); // first: it validates p and q and names itself
  const T hpq = cross_entropy(p, q), hp = T(entropy(p));
  return values::kl_is_cross_entropy_minus_entropy(p, q, kl, hpq, hp, c);
}

/// Cross-entropy bounds entropy: H(p, q) ≥ H(p) (Gibbs' inequality in code-length form: no code is
/// shorter on average than the one built for the true distribution).
///
/// Tolerance c·ε·(H(p, q) + H(p) + 1) plus the mass defect max(0, Σq − Σp) (see gibbs_inequality).
/// lhs = H(p, q), rhs = H(p).
template <mass_range P, mass_range Q>
[[nodiscard]] constexpr law_check<result_t<P, Q>>
cross_entropy_bounds_entropy(const P& p, const Q& q, double c = default_slack) {
  using T = result_t<P, Q>;
  const T hpq = cross_entropy(p, q), hp = T(entropy(p));
  return values::cross_entropy_bounds_entropy(p, q, hpq, hp, c);
}

/// Pinsker's inequality: KL(p‖q) ≥ 2·TV(p, q)².
///
/// Tolerance c·ε·(|KL| + 2·TV² + defect) plus the mass defect: both sides are sums without
/// cancellation, so each carries a relative error of a few ε, and the law is tight (KL = 2·TV² +
/// O(TV⁴) for p = (½ + δ, ½ − δ), q = (½, ½)). lhs = KL(p‖q), rhs = 2·TV².
template <mass_range P, mass_range Q>
[[nodiscard]] constexpr law_check<result_t<P, Q>> pinsker(const P& p, const Q& q,
                                                          double c = default_slack) {
  using T = result_t<P, Q>;
  const T kl = kl_divergence(p, q);
  const T tv = total_variation(p, q);
  return values::pinsker(p, q, kl, tv, c);
}

/// Bounds of the Jensen–Shannon divergence: 0 ≤ JS(p, q) ≤ log 2.
///
/// The lower bound is exact (JS is a sum of non-negative terms); the upper bound, reached for
/// disjoint supports, allows c·ε·log 2. lhs = JS(p, q), rhs = log 2.
template <mass_range P, mass_range Q>
[[nodiscard]] constexpr law_check<result_t<P, Q>> js_bounds(const P& p, const Q& q,
                                                            double c = default_slack) {
  return values::js_bounds(result_t<P, Q>(jensen_shannon(p, q)), c);
}

/// The log-sum inequality: Σ a_i·log(a_i/b_i) ≥ (Σa)·log(Σa/Σb) for non-negative a, b.
///
/// Subtracting Σa − Σb from both sides gives the equivalent form checked here without
/// cancellation, D(a‖b) ≥ D(A‖B) with D the generalized KL and A = Σa, B = Σb. It is tight when a
/// is proportional to b. Tolerance c·ε·(D(a‖b) + D(A‖B) + A·|log(A/B)| + A + B): the rounding of
/// A and B moves D(A‖B) by ε times its unsummed parts. lhs = D(a‖b), rhs = D(A‖B).
template <mass_range A, mass_range B>
[[nodiscard]] constexpr law_check<result_t<A, B>> log_sum_inequality(const A& a, const B& b,
                                                                     double c = default_slack) {
  using T = result_t<A, B>;
  const T lhs = generalized_kl_divergence(a, b);
  const std::array<T, 1> sa{detail::total<T>(a)}, sb{detail::total<T>(b)};
  const T rhs = generalized_kl_divergence(sa, sb);
  if (detail::is_infinite(lhs)) return {lhs > T(0), lhs, rhs, T(0)};
  T log_ratio = T(0);
  if (sa[0] > T(0) && sb[0] > T(0)) log_ratio = detail::abs(gibbs::log(sa[0] / sb[0]));
  const T tol = detail::slack(c, lhs + rhs + sa[0] * log_ratio + sa[0] + sb[0]);
  return {detail::at_most(rhs, lhs, tol), lhs, rhs, tol};
}

} // namespace gibbs::property

#endif // GIBBS_PROPERTY_DIVERGENCE_HPP
