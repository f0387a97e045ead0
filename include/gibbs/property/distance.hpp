// gibbs/property/distance.hpp: the laws of total variation, the Hellinger distance, Pearson's χ²
// and the Rényi divergences, as named constexpr predicates over *values*.
//
// Each law exists in two forms:
//  - gibbs::property::values::NAME(inputs…, values…, c): a predicate over the values an
//    implementation returned for these inputs — gibbs' own measures, a foreign program's answers
//    (conformance grading), a user's callable. It never calls a measure; it validates nothing
//    (the inputs are assumed valid distributions of equal lengths) and only reads the inputs for
//    their sums and, where the law needs it, their log-ratios.
//  - gibbs::property::NAME(inputs…, c): the same law applied to gibbs' measures (which validate
//    the input: invalid input is a compile error in constant evaluation, gibbs::invalid_input at
//    run time).
//
// Tolerances (law.hpp explains why they scale with ε): TV is a compensated sum of exact or
// once-rounded |p − q| (relative error ≤ 3ε); H and χ² are sums of non-negative terms with a
// relative error of a few ε each (H: ≤ 6ε on H², after the root ≤ 4ε on H); D_α has a relative
// error of at most about 30ε of its non-cancelling parts (gibbs/measure/renyi.hpp). With
// c = default_slack = 16 times ε of the sum of the magnitudes involved, a faithful implementation
// passes with margin and a wrong formula fails. The laws hold exactly for distributions summing to
// exactly 1; inputs are taken as given (never renormalised), so each law also allows what a mass
// defect δ = Σ − 1 changes in the exact values, computed from the inputs' exact sums
// (gibbs::detail::mass_defect, rounded once) by the formula stated with the law.
#ifndef GIBBS_PROPERTY_DISTANCE_HPP
#define GIBBS_PROPERTY_DISTANCE_HPP

#include "gibbs/measure/chi_squared.hpp"
#include "gibbs/measure/detail/sqrt.hpp"
#include "gibbs/measure/hellinger.hpp"
#include "gibbs/measure/kl_divergence.hpp"
#include "gibbs/measure/renyi.hpp"
#include "gibbs/measure/total_variation.hpp"
#include "gibbs/property/law.hpp"

#include <cstddef>
#include <ranges>

namespace gibbs::property {
namespace detail {

/// p_i == q_i for every i (and equal lengths).
template <class T, class P, class Q>
[[nodiscard]] constexpr bool same_entries(const P& p, const Q& q) {
  if (std::ranges::size(p) != std::ranges::size(q)) return false;
  for (std::size_t i = 0; i < std::ranges::size(p); ++i)
    if (!(gibbs::detail::at<T>(p, i) == gibbs::detail::at<T>(q, i))) return false;
  return true;
}

/// ½·(|Σp − 1| + |Σq − 1|): how far the total masses are from 1.
template <class T, class P, class Q>
[[nodiscard]] constexpr T half_defect(const P& p, const Q& q) {
  return (abs(gibbs::detail::mass_defect<T>(p)) + abs(gibbs::detail::mass_defect<T>(q))) / T(2);
}

/// The spread max ℓ_i − min ℓ_i of ℓ_i = log(p_i/q_i) over the i with p_i > 0 (all q_i > 0 there),
/// each ℓ_i with a relative error of a few ε.
template <class T, class P, class Q>
[[nodiscard]] constexpr T log_ratio_spread(const P& p, const Q& q) {
  bool first = true;
  T lo = T(0), hi = T(0);
  for (std::size_t i = 0; i < std::ranges::size(p); ++i) {
    const T pi = gibbs::detail::at<T>(p, i), qi = gibbs::detail::at<T>(q, i);
    if (pi == T(0)) continue;
    // log1p((p − q)/q) where p/q is in [1/2, 2] (p − q exact): log(p/q) would carry the absolute
    // error ε of the rounded ratio, a large relative error of a small log-ratio.
    const T l = (T(2) * pi < qi || pi > T(2) * qi) ? gibbs::detail::log_ratio(pi, qi, T(pi / qi))
                                                   : gibbs::log1p(T(T(pi - qi) / qi));
    if (first || l < lo) lo = l;
    if (first || hi < l) hi = l;
    first = false;
  }
  return hi - lo;
}

} // namespace detail

namespace values {

/// Bounds of total variation: 0 ≤ TV(p, q) ≤ 1.
///
/// Exact lower bound (a sum of absolute values). Upper bound ½·(Σp + Σq) = 1 + m with
/// m = ½·(δ_p + δ_q) for masses off 1, plus c·ε·(1 + m). lhs = tv, rhs = 1 + m.
template <mass_range P, mass_range Q>
[[nodiscard]] constexpr law_check<result_t<P, Q>>
total_variation_bounds(const P& p, const Q& q, const result_t<P, Q>& tv, double c = default_slack) {
  using T = result_t<P, Q>;
  const T m = detail::half_defect<T>(p, q);
  const T tol = detail::slack(c, T(T(1) + m));
  return {T(0) <= tv && detail::at_most(tv, T(T(1) + m), tol), tv, T(T(1) + m), tol};
}

/// Bounds of the Hellinger distance: 0 ≤ H(p, q) ≤ 1.
///
/// H² = ½·Σ(√p − √q)² ≤ ½·(Σp + Σq) = 1 + m, so H ≤ 1 + m/2; exact lower bound; tolerance
/// c·ε·(1 + m). lhs = h, rhs = 1 + m/2.
template <mass_range P, mass_range Q>
[[nodiscard]] constexpr law_check<result_t<P, Q>>
hellinger_bounds(const P& p, const Q& q, const result_t<P, Q>& h, double c = default_slack) {
  using T = result_t<P, Q>;
  const T m = detail::half_defect<T>(p, q);
  const T rhs = T(1) + m / T(2);
  const T tol = detail::slack(c, T(T(1) + m));
  return {T(0) <= h && detail::at_most(h, rhs, tol), h, rhs, tol};
}

/// Hellinger against total variation: H² ≤ TV ≤ √2·H.
///
/// H² = ½·Σ|p − q|·|√p − √q|/(√p + √q) ≤ ½·Σ|p − q| = TV for any non-negative p, q (equality for
/// disjoint supports); TV = ½·Σ|√p − √q|·(√p + √q) ≤ H·√(Σp + Σq) = √2·H·√(1 + m) by
/// Cauchy–Schwarz. Tolerance c·ε·(TV + H² + √2·H) on each side, and √2·H·m/2 more above.
/// lhs = tv, rhs = √2·h (the lower bound is checked in the same call).
template <mass_range P, mass_range Q>
[[nodiscard]] constexpr law_check<result_t<P, Q>>
hellinger_total_variation(const P& p, const Q& q, const result_t<P, Q>& h, const result_t<P, Q>& tv,
                          double c = default_slack) {
  using T = result_t<P, Q>;
  const T m = detail::half_defect<T>(p, q);
  const T root2h = T(gibbs::detail::square_root(T(2)) * h);
  const T h2 = T(h * h);
  const T tol = detail::slack(c, T(tv + h2 + root2h));
  const bool lower = detail::at_most(h2, tv, tol);
  const bool upper = detail::at_most(tv, root2h, T(tol + root2h * m / T(2)));
  return {lower && upper, tv, root2h, tol};
}

/// Zero exactly at equality, positive off it: value == 0 when p_i = q_i for all i, value > 0
/// otherwise — for TV, H and χ², whose terms vanish exactly where p_i = q_i and are positive
/// elsewhere. (Off equality a computed 0 is only correct when the exact value underflows, which
/// needs differences near the least subnormal; the proofs and tests use no such inputs.)
/// lhs = value, rhs = 0, tolerance 0.
template <mass_range P, mass_range Q>
[[nodiscard]] constexpr law_check<result_t<P, Q>> zero_iff_equal(const P& p, const Q& q,
                                                                 const result_t<P, Q>& value) {
  using T = result_t<P, Q>;
  const bool equal = detail::same_entries<T>(p, q);
  return {equal ? value == T(0) : T(0) < value, value, T(0), T(0)};
}

/// Rényi divergence at equality: D_α(p‖p) = log(Σp)/(α − 1), which is exactly 0 when Σp = 1
/// exactly (then the value must be == 0, no tolerance); and D_α(p‖q) > 0 for p ≠ q when both sum
/// to exactly 1. For Σp ≠ 1 at equality the tolerance is c·ε·(|log(Σp)/(α − 1)| + min) (min: the
/// least normal number, for values whose quantum is absolute); off equality with
/// masses off 1 nothing is claimed. lhs = d, rhs = log(Σp)/(α − 1).
template <mass_range P, mass_range Q>
[[nodiscard]] constexpr law_check<result_t<P, Q>>
renyi_zero_iff_equal(const P& p, const Q& q, const result_t<P, Q>& alpha, const result_t<P, Q>& d,
                     double c = default_slack) {
  using T = result_t<P, Q>;
  const T dp = gibbs::detail::mass_defect<T>(p), dq = gibbs::detail::mass_defect<T>(q);
  const bool equal = detail::same_entries<T>(p, q);
  const T rhs = T(gibbs::log1p(dp) / T(alpha - T(1)));
  if (equal) {
    if (dp == T(0)) return {d == T(0), d, T(0), T(0)};
    // below the least normal number a value carries an absolute error of its quantum: the floor
    // c·ε·min covers it
    const T tol = detail::slack(c, T(detail::abs(rhs) + std::numeric_limits<T>::min()));
    return {detail::close(d, rhs, tol), d, rhs, tol};
  }
  if (dp == T(0) && dq == T(0)) return {T(0) < d, d, T(0), T(0)};
  return {true, d, rhs, T(0)};
}

/// Rényi divergences are non-decreasing in the order: α₁ < α₂ ⇒ D_α₁(p‖q) ≤ D_α₂(p‖q).
///
/// For masses P = Σp, Q = Σq off 1 the exact values are D_α(p‖q) = D_α(p/P‖q/Q) + (α/(α − 1))·
/// log P − log Q, so the law allows |α₁/(α₁ − 1) − α₂/(α₂ − 1)|·|log P| more, and c·ε·(|D₁| +
/// |D₂| + (α₁/|α₁ − 1| + α₂/|α₂ − 1|)·|log P|) for rounding (the last term: the exactly summed
/// mass defect divided by α − 1). Infinite values compare as such (+∞ ≤ +∞).
/// lhs = d1, rhs = d2. Requires alpha1 < alpha2.
template <mass_range P, mass_range Q>
[[nodiscard]] constexpr law_check<result_t<P, Q>>
renyi_monotone_in_alpha(const P& p, [[maybe_unused]] const Q& q, const result_t<P, Q>& alpha1,
                        const result_t<P, Q>& d1, const result_t<P, Q>& alpha2,
                        const result_t<P, Q>& d2, double c = default_slack) {
  using T = result_t<P, Q>;
  if (!(alpha1 < alpha2)) return {false, d1, d2, T(0)};
  if (detail::any_infinite(d1, d2)) return {d1 <= d2, d1, d2, T(0)};
  const T log_p = detail::abs(gibbs::log1p(gibbs::detail::mass_defect<T>(p)));
  const T k1 = T(alpha1 / detail::abs(T(alpha1 - T(1)))),
          k2 = T(alpha2 / detail::abs(T(alpha2 - T(1))));
  const T g1 = T(alpha1 / T(alpha1 - T(1))), g2 = T(alpha2 / T(alpha2 - T(1)));
  const T tol = T(detail::slack(c, T(detail::abs(d1) + detail::abs(d2) + (k1 + k2) * log_p))
                  + detail::abs(T(g1 - g2)) * log_p);
  return {detail::at_most(d1, d2, tol), d1, d2, tol};
}

/// D_α(p‖q) → KL(p‖q) as α → 1, with the rate bounded: |D_α − KL| ≤ |α − 1|·R²/8, R the spread
/// max ℓ_i − min ℓ_i of ℓ_i = log(p_i/q_i) over the support of p.
///
/// Why: with K(β) = log Σ p_i·e^(β·ℓ_i) (β = α − 1), D_α = K(β)/β, K(0) = 0 and K'(0) = KL, so
/// D_α − KL = β·K''(ξ)/2 for some ξ between 0 and β (Taylor); K''(ξ) is the variance of ℓ under
/// the tilted distribution ∝ p_i·e^(ξ·ℓ_i), at most R²/4 (Popoviciu). For masses P, Q off 1:
/// D_α = D_α(p/P‖q/Q) + (α/β)·log P − log Q and KL = P·(KL(p/P‖q/Q) + log(P/Q)), so the law also
/// allows |(α/β)·log P − log Q − P·log(P/Q)| + |KL|·|P − 1|/P and the rounding
/// c·ε·(rate + |D_α| + |KL| + (α/|β|)·|log P|). The rate bound is attained to first order when ℓ
/// takes two values with equal tilted mass, so the tolerance is tight there. If KL = +∞ (some q_i =
/// 0 < p_i): D_α = +∞ for α > 1 and nothing is claimed for α < 1. lhs = d, rhs = kl.
template <mass_range P, mass_range Q>
[[nodiscard]] constexpr law_check<result_t<P, Q>>
renyi_tends_to_kl(const P& p, const Q& q, const result_t<P, Q>& alpha, const result_t<P, Q>& d,
                  const result_t<P, Q>& kl, double c = default_slack) {
  using T = result_t<P, Q>;
  if (detail::is_infinite(kl)) return {T(1) < alpha ? d == kl : true, d, kl, T(0)};
  if (detail::is_infinite(d)) return {false, d, kl, T(0)};
  const T beta = T(alpha - T(1));
  const T dp = gibbs::detail::mass_defect<T>(p), dq = gibbs::detail::mass_defect<T>(q);
  const T log_p = gibbs::log1p(dp), log_q = gibbs::log1p(dq), mass = T(T(1) + dp);
  const T spread = detail::log_ratio_spread<T>(p, q);
  const T rate = T(detail::abs(beta) * spread * spread / T(8));
  const T defect = T(detail::abs(T(alpha / beta * log_p - log_q - mass * (log_p - log_q)))
                     + detail::abs(kl) * detail::abs(dp) / mass);
  const T tol = T(rate + defect
                  + detail::slack(c, T(rate + detail::abs(d) + detail::abs(kl)
                                       + alpha / detail::abs(beta) * detail::abs(log_p))));
  return {detail::close(d, kl, tol), d, kl, tol};
}

/// Rényi of order ½ is the Hellinger distance in disguise: D_½(p‖q) = −2·log(1 − H(p, q)²).
///
/// Σ√(p_i·q_i) = ½·(Σp + Σq) − H², so in general D_½ = −2·log(1 + x), x = (δ_p + δ_q)/2 − H².
/// Where x ≥ −½ the logs are compared: tolerance c·ε·(|D_½| + |rhs| + 2·H²/(1 + x)) (H² carries
/// a relative error of a few ε, which log1p turns into H²/(1 + x) times that). Where x < −½
/// (H near 1, nearly disjoint supports) the log would amplify the rounding of 1 − H²: the
/// Bhattacharyya coefficients e^(−D_½/2) and 1 + x are compared instead, with tolerance
/// c·ε·(1 + H²) (there lhs and rhs are those coefficients). lhs = d_half, rhs = −2·log(1 + x).
template <mass_range P, mass_range Q>
[[nodiscard]] constexpr law_check<result_t<P, Q>>
renyi_half_is_hellinger(const P& p, const Q& q, const result_t<P, Q>& d_half,
                        const result_t<P, Q>& h, double c = default_slack) {
  using T = result_t<P, Q>;
  const T dp = gibbs::detail::mass_defect<T>(p), dq = gibbs::detail::mass_defect<T>(q);
  const T h2 = T(h * h);
  const T x = T((dp + dq) / T(2) - h2);
  if (T(-0.5) <= x) {
    const T rhs = T(T(-2) * gibbs::log1p(x));
    const T tol =
        detail::slack(c, T(detail::abs(d_half) + detail::abs(rhs) + T(2) * h2 / T(T(1) + x)));
    return {detail::close(d_half, rhs, tol), d_half, rhs, tol};
  }
  const T lhs = detail::is_infinite(d_half) ? T(0) : gibbs::exp(T(d_half / T(-2)));
  const T rhs = T(T(1) + x);
  const T tol = detail::slack(c, T(T(1) + h2));
  return {detail::close(lhs, rhs, tol), lhs, rhs, tol};
}

/// KL is at most log(1 + χ²): KL(p‖q) = E_p[log(p/q)] ≤ log E_p[p/q] = log(1 + χ²(p‖q)) (Jensen;
/// equality when p/q is constant on the support of p, e.g. p uniform on half the support of a
/// uniform q).
///
/// For masses P, Q off 1: Σp²/q = χ² + 2P − Q, and the same argument gives
/// KL ≤ P·log1p((χ² + P − Q)/P), which is the rhs. Tolerance c·ε·(|KL| + |rhs| + 1). Infinite χ²
/// (some q_i = 0 < p_i) bounds anything. lhs = kl, rhs = P·log1p((χ² + P − Q)/P).
template <mass_range P, mass_range Q>
[[nodiscard]] constexpr law_check<result_t<P, Q>>
kl_below_log_one_plus_chi_squared(const P& p, const Q& q, const result_t<P, Q>& kl,
                                  const result_t<P, Q>& chi2, double c = default_slack) {
  using T = result_t<P, Q>;
  if (detail::is_infinite(chi2)) return {!(kl != kl), kl, chi2, T(0)};
  if (detail::is_infinite(kl)) return {false, kl, chi2, T(0)};
  const T dp = gibbs::detail::mass_defect<T>(p), dq = gibbs::detail::mass_defect<T>(q);
  const T mass = T(T(1) + dp);
  const T rhs = T(mass * gibbs::log1p(T((chi2 + (dp - dq)) / mass)));
  const T tol = detail::slack(c, T(detail::abs(kl) + detail::abs(rhs) + T(1)));
  return {detail::at_most(kl, rhs, tol), kl, rhs, tol};
}

} // namespace values

/// values::total_variation_bounds applied to gibbs::total_variation.
/// Example: total_variation_bounds(std::array{1.0, 0.0}, std::array{0.0, 1.0}).
template <mass_range P, mass_range Q>
[[nodiscard]] constexpr law_check<result_t<P, Q>> total_variation_bounds(const P& p, const Q& q,
                                                                         double c = default_slack) {
  return values::total_variation_bounds(p, q, total_variation(p, q), c);
}

/// values::hellinger_bounds applied to gibbs::hellinger.
template <mass_range P, mass_range Q>
[[nodiscard]] constexpr law_check<result_t<P, Q>> hellinger_bounds(const P& p, const Q& q,
                                                                   double c = default_slack) {
  return values::hellinger_bounds(p, q, hellinger(p, q), c);
}

/// values::hellinger_total_variation (H² ≤ TV ≤ √2·H) applied to gibbs::hellinger and
/// gibbs::total_variation.
template <mass_range P, mass_range Q>
[[nodiscard]] constexpr law_check<result_t<P, Q>>
hellinger_total_variation(const P& p, const Q& q, double c = default_slack) {
  return values::hellinger_total_variation(p, q, hellinger(p, q), total_variation(p, q), c);
}

/// values::zero_iff_equal applied to gibbs::total_variation, gibbs::hellinger and
/// gibbs::chi_squared (all three must vanish exactly at equality and only there). lhs = TV.
template <mass_range P, mass_range Q>
[[nodiscard]] constexpr law_check<result_t<P, Q>> distances_zero_iff_equal(const P& p, const Q& q) {
  const auto tv = values::zero_iff_equal(p, q, total_variation(p, q));
  const auto h = values::zero_iff_equal(p, q, hellinger(p, q));
  const auto chi = values::zero_iff_equal(p, q, chi_squared(p, q));
  return {tv.holds && h.holds && chi.holds, tv.lhs, tv.rhs, tv.tolerance};
}

/// values::renyi_zero_iff_equal applied to gibbs::renyi_divergence.
template <mass_range P, mass_range Q>
[[nodiscard]] constexpr law_check<result_t<P, Q>> renyi_zero_iff_equal(const P& p, const Q& q,
                                                                       const result_t<P, Q>& alpha,
                                                                       double c = default_slack) {
  return values::renyi_zero_iff_equal(p, q, alpha, renyi_divergence(p, q, alpha), c);
}

/// values::renyi_monotone_in_alpha applied to gibbs::renyi_divergence at alpha1 < alpha2.
template <mass_range P, mass_range Q>
[[nodiscard]] constexpr law_check<result_t<P, Q>>
renyi_monotone_in_alpha(const P& p, const Q& q, const result_t<P, Q>& alpha1,
                        const result_t<P, Q>& alpha2, double c = default_slack) {
  return values::renyi_monotone_in_alpha(p, q, alpha1, renyi_divergence(p, q, alpha1), alpha2,
                                         renyi_divergence(p, q, alpha2), c);
}

/// values::renyi_tends_to_kl applied to gibbs::renyi_divergence and gibbs::kl_divergence.
template <mass_range P, mass_range Q>
[[nodiscard]] constexpr law_check<result_t<P, Q>>
renyi_tends_to_kl(const P& p, const Q& q, const result_t<P, Q>& alpha, double c = default_slack) {
  return values::renyi_tends_to_kl(p, q, alpha, renyi_divergence(p, q, alpha), kl_divergence(p, q),
                                   c);
}

/// values::renyi_half_is_hellinger applied to gibbs::renyi_divergence(p, q, ½) and
/// gibbs::hellinger.
template <mass_range P, mass_range Q>
[[nodiscard]] constexpr law_check<result_t<P, Q>>
renyi_half_is_hellinger(const P& p, const Q& q, double c = default_slack) {
  using T = result_t<P, Q>;
  return values::renyi_half_is_hellinger(p, q, renyi_divergence(p, q, T(0.5)), hellinger(p, q), c);
}

/// values::kl_below_log_one_plus_chi_squared applied to gibbs::kl_divergence and
/// gibbs::chi_squared.
template <mass_range P, mass_range Q>
[[nodiscard]] constexpr law_check<result_t<P, Q>>
kl_below_log_one_plus_chi_squared(const P& p, const Q& q, double c = default_slack) {
  return values::kl_below_log_one_plus_chi_squared(p, q, kl_divergence(p, q), chi_squared(p, q), c);
}

} // namespace gibbs::property

#endif // GIBBS_PROPERTY_DISTANCE_HPP
