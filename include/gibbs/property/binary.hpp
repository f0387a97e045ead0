// gibbs/property/binary.hpp: the laws of binary cross-entropy and binary cross-entropy with
// logits, as predicates over values (values::) and applied to gibbs' own measures.
//
// Tolerances follow property/law.hpp: c·ε(T) times the sum of the magnitudes involved. Every
// term of both losses is a sum of non-negative parts computed with a few roundings, so the
// values themselves (plus 1 for the absolute error of logs near 1) are the scale; the logits law
// adds the sensitivity to the logit, |∂ℓ/∂z| ≤ max(pw, 1), times the logit's own error.
#ifndef GIBBS_PROPERTY_BINARY_HPP
#define GIBBS_PROPERTY_BINARY_HPP

#include "gibbs/measure/binary_cross_entropy.hpp"
#include "gibbs/measure/binary_cross_entropy_with_logits.hpp"
#include "gibbs/property/law.hpp"

#include <cstddef>
#include <ranges>

namespace gibbs::property {
namespace values {

/// Gibbs' inequality for binary cross-entropy, with Pinsker's margin: for probabilities x, y,
///   BCE(x, y) − h(y) = Σ KL(Bern(y_i) ‖ Bern(x_i)) ≥ 2·Σ (x_i − y_i)² ≥ 0,
/// so BCE ≥ h(y) with equality iff x = y (the margin is positive as soon as x ≠ y). lhs = bce −
/// h, rhs = 2·Σ (x_i − y_i)², tolerance c·ε·(bce + h + 1). Requires bce ≥ 0 and h ≥ 0 exactly.
template <mass_range X, mass_range Y>
[[nodiscard]] constexpr law_check<result_t<X, Y>>
binary_cross_entropy_gibbs(const X& x, const Y& y, const result_t<X, Y>& bce,
                           const result_t<X, Y>& h, double c = default_slack) {
  using T = result_t<X, Y>;
  if (detail::any_infinite(bce, h)) return {!detail::is_infinite(h), bce, h, T(0)};
  gibbs::detail::compensated_sum<T> m;
  for (std::size_t i = 0; i < std::ranges::size(x); ++i) {
    const T d = T(gibbs::detail::at<T>(x, i) - gibbs::detail::at<T>(y, i));
    m.add(T(T(2) * T(d * d)));
  }
  const T margin = m.value();
  const T lhs = T(bce - h);
  const T tol = detail::slack(c, T(T(bce + h) + T(1)));
  return {!(bce < T(0)) && !(h < T(0)) && detail::at_most(margin, lhs, tol), lhs, margin, tol};
}

/// Binary cross-entropy with logits is binary cross-entropy of the sigmoid: for x in (0, 1) and
/// a logit z ≈ logit(x) = log x − log1p(−x),
///   BCE_logits(z, y) = BCE(σ(z), y) ≈ BCE(x, y),
/// up to max(pw, 1)·|z − logit(x)| per element (|∂ℓ/∂z| ≤ max(pw, 1)); the law computes logit(x)
/// in T and allows c·ε·(bce + bcel + 1 + Σ (|z_i| + 2)) for z's rounding and its own.
/// lhs = bcel, rhs = bce.
template <mass_range X, mass_range Z, mass_range Y>
[[nodiscard]] constexpr law_check<result_t<X, Z, Y>>
logits_is_bce_of_sigmoid(const X& x, const Z& z, const Y&, const result_t<X, Z, Y>& bcel,
                         const result_t<X, Z, Y>& bce, double c = default_slack) {
  using T = result_t<X, Z, Y>;
  if (detail::any_infinite(bcel, bce)) return {bcel == bce, bcel, bce, T(0)};
  gibbs::detail::compensated_sum<T> scale;
  scale.add(T(T(bce + bcel) + T(1)));
  for (std::size_t i = 0; i < std::ranges::size(x); ++i) {
    const T xi = gibbs::detail::at<T>(x, i), zi = gibbs::detail::at<T>(z, i);
    const T logit = T(gibbs::log(xi) - gibbs::log1p(T(-xi)));
    scale.add(T(T(detail::abs(zi) + T(2)) + detail::abs(logit)));
  }
  const T tol = detail::slack(c, scale.value());
  return {detail::close(bcel, bce, tol), bcel, bce, tol};
}

/// A pos_weight of 1 is no pos_weight: the two values are equal exactly (multiplying by 1 is
/// exact). lhs = with, rhs = without.
template <class T>
[[nodiscard]] constexpr law_check<T> pos_weight_one_is_none(const T& with, const T& without) {
  return {with == without, with, without, T(0)};
}

} // namespace values

/// values::binary_cross_entropy_gibbs applied to gibbs::binary_cross_entropy and
/// gibbs::binary_entropy.
/// Example: binary_cross_entropy_gibbs(std::array{0.25}, std::array{0.75}).
template <mass_range X, mass_range Y>
[[nodiscard]] constexpr law_check<result_t<X, Y>>
binary_cross_entropy_gibbs(const X& x, const Y& y, double c = default_slack) {
  return values::binary_cross_entropy_gibbs(x, y, binary_cross_entropy(x, y), binary_entropy(y), c);
}

/// values::logits_is_bce_of_sigmoid applied to gibbs::binary_cross_entropy_with_logits and
/// gibbs::binary_cross_entropy.
template <mass_range X, mass_range Z, mass_range Y>
[[nodiscard]] constexpr law_check<result_t<X, Z, Y>>
logits_is_bce_of_sigmoid(const X& x, const Z& z, const Y& y, double c = default_slack) {
  return values::logits_is_bce_of_sigmoid(x, z, y, binary_cross_entropy_with_logits(z, y),
                                          binary_cross_entropy(x, y), c);
}

} // namespace gibbs::property

#endif // GIBBS_PROPERTY_BINARY_HPP
