// gibbs/property/binary.hpp: the laws of binary cross-entropy, binary cross-entropy with logits
// and its gradient, as predicates over values (values::) and applied to gibbs' own measures.
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
#include <span>
#include <vector>

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

/// The gradient of binary cross-entropy with logits without weights (w = pw = 1), g_i = σ(z_i) −
/// y_i, lies in [−1, 1] and has the sign of σ(z_i) − y_i: g_i ≥ 0 for y_i = 0, g_i ≤ 0 for
/// y_i = 1, and for 0 < y_i < 1 the sign of z_i − logit(y_i) (σ is increasing; logit(y) =
/// log y − log1p(−y) computed here, another route than σ) wherever |z_i − logit(y_i)| exceeds
/// c·ε·(|z_i| + |logit(y_i)| + 4), the band within which rounding may flip a sign. [−1, 1] is
/// exact in any rounding (each part is a product of factors in [0, 1] divided by d ≥ 1; the exact
/// values are in (−1, 1), a computed one may round to ±1). lhs = the first offending g_i (else
/// g_0), rhs = its y_i.
template <mass_range Z, mass_range Y, mass_range G>
[[nodiscard]] constexpr law_check<result_t<Z, Y, G>>
logits_grad_bounded_with_sign(const Z& z, const Y& y, const G& g, double c = default_slack) {
  using T = result_t<Z, Y, G>;
  for (std::size_t i = 0; i < std::ranges::size(g); ++i) {
    const T gi = gibbs::detail::at<T>(g, i), yi = gibbs::detail::at<T>(y, i),
            zi = gibbs::detail::at<T>(z, i);
    bool ok = T(-1) <= gi && gi <= T(1);
    if (yi == T(0)) ok = ok && gi >= T(0);
    if (yi == T(1)) ok = ok && gi <= T(0);
    if (T(0) < yi && yi < T(1)) {
      const T logit = T(gibbs::log(yi) - gibbs::log1p(T(-yi)));
      const T band = detail::slack(c, T(T(detail::abs(zi) + detail::abs(logit)) + T(4)));
      if (zi > T(logit + band)) ok = ok && gi > T(0);
      if (zi < T(logit - band)) ok = ok && gi < T(0);
    }
    if (!ok) return {false, gi, yi, T(0)};
  }
  return {true, gibbs::detail::at<T>(g, 0), gibbs::detail::at<T>(y, 0), T(0)};
}

/// The gradient without weights sums to Σ σ(z_i) − Σ y_i, σ computed here by the textbook
/// 1/(1 + exp(−z)) (another formula than the gradient's, exact enough: for z < 0 exp(−z) may
/// overflow to +∞ and 1/∞ = 0 is within the tolerance of σ(z) < e^z). Tolerance
/// c·ε·Σ_i (σ(z_i) + y_i + 1): each g_i and σ(z_i) errs by a few ε of the magnitudes.
/// lhs = Σ g_i, rhs = Σ σ(z_i) − Σ y_i.
template <mass_range Z, mass_range Y, mass_range G>
[[nodiscard]] constexpr law_check<result_t<Z, Y, G>>
logits_grad_sums_to_sigmoid_minus_target(const Z& z, const Y& y, const G& g,
                                         double c = default_slack) {
  using T = result_t<Z, Y, G>;
  gibbs::detail::compensated_sum<T> sg, sd, scale;
  for (std::size_t i = 0; i < std::ranges::size(g); ++i) {
    const T sigma = T(T(1) / T(T(1) + gibbs::exp(T(-gibbs::detail::at<T>(z, i)))));
    const T yi = gibbs::detail::at<T>(y, i);
    sg.add(gibbs::detail::at<T>(g, i));
    sd.add(sigma);
    sd.add(T(-yi));
    scale.add(T(T(sigma + yi) + T(1)));
  }
  const T tol = detail::slack(c, scale.value());
  return {detail::close(sg.value(), sd.value(), tol), sg.value(), sd.value(), tol};
}

} // namespace values

namespace detail {
/// gibbs::binary_cross_entropy_with_logits_grad of (z, y) (w = pw = 1, reduction sum).
template <mass_range Z, mass_range Y>
[[nodiscard]] constexpr std::vector<result_t<Z, Y>> logits_grad_of(const Z& z, const Y& y) {
  using T = result_t<Z, Y>;
  std::vector<T> g(std::ranges::size(z), T(0));
  binary_cross_entropy_with_logits_grad(z, y, std::span<T>(g));
  return g;
}
} // namespace detail

/// values::logits_grad_bounded_with_sign applied to gibbs::binary_cross_entropy_with_logits_grad
/// (w = pw = 1). Example: logits_grad_bounded_with_sign(std::array{40.0}, std::array{1.0}).
template <mass_range Z, mass_range Y>
[[nodiscard]] constexpr law_check<result_t<Z, Y>>
logits_grad_bounded_with_sign(const Z& z, const Y& y, double c = default_slack) {
  return values::logits_grad_bounded_with_sign(z, y, detail::logits_grad_of(z, y), c);
}

/// values::logits_grad_sums_to_sigmoid_minus_target applied to
/// gibbs::binary_cross_entropy_with_logits_grad (w = pw = 1, reduction sum).
template <mass_range Z, mass_range Y>
[[nodiscard]] constexpr law_check<result_t<Z, Y>>
logits_grad_sums_to_sigmoid_minus_target(const Z& z, const Y& y, double c = default_slack) {
  return values::logits_grad_sums_to_sigmoid_minus_target(z, y, detail::logits_grad_of(z, y), c);
}

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
