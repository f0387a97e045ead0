// gibbs/measure/binary_cross_entropy_with_logits.hpp: binary cross-entropy of logits (PyTorch's
// torch.nn.functional.binary_cross_entropy_with_logits), without overflow or cancellation for
// every finite logit.
#ifndef GIBBS_MEASURE_BINARY_CROSS_ENTROPY_WITH_LOGITS_HPP
#define GIBBS_MEASURE_BINARY_CROSS_ENTROPY_WITH_LOGITS_HPP

#include "gibbs/measure/binary_cross_entropy.hpp"
#include "gibbs/measure/detail/common.hpp"

#include <cstddef>
#include <ranges>
#include <span>
#include <type_traits>

namespace gibbs {
namespace detail {

/// The element term of binary cross-entropy with logits, for finite z, y in [0, 1], c = pw ≥ 0:
///   −c·y·log σ(z) − (1 − y)·log(1 − σ(z)) = c·y·softplus(−z) + (1 − y)·softplus(z),
///   softplus(z) = log(1 + e^z) = max(z, 0) + e, e = log1p(exp(−|z|)) in (0, log 2].
/// exp's argument is ≤ 0 (no overflow; for |z| > 745 in double it underflows to 0 and softplus
/// is |z| or e^{-|z|} rounded, correctly); both parts are non-negative, so the term is a sum of
/// non-negative products (no cancellation), about 4ε relative. For z ≥ 0: c·y·e + (1 − y)·(z + e);
/// for z < 0: c·y·(|z| + e) + (1 − y)·e.
template <class T>
[[nodiscard]] constexpr T binary_cross_entropy_with_logits_term(const T& z, const T& y,
                                                                const T& c) {
  const bool negative = z < T(0);
  const T az = negative ? T(-z) : z;
  const T e = gibbs::log1p(gibbs::exp(T(-az)));
  const T big = T(az + e);                                    // softplus(|z|)
  const T up = negative ? big : e, down = negative ? e : big; // softplus(-z), softplus(z)
  T s(0);
  if (y > T(0) && c > T(0)) s = T(T(c * y) * up);
  if (y < T(1)) s = T(s + T(T(T(1) - y) * down));
  return s;
}

/// Σ_i w_i·[pw_i·y_i·softplus(−z_i) + (1 − y_i)·softplus(z_i)] of valid input (w, pw empty: 1).
template <class T, class Z, class Y, class W, class PW>
[[nodiscard]] constexpr T binary_cross_entropy_with_logits_sum(const Z& z, const Y& y, const W& w,
                                                               const PW& pw) {
  compensated_sum<T> s;
  for (std::size_t i = 0; i < std::ranges::size(z); ++i) {
    const T wi = weight_at<T>(w, i);
    if (wi == T(0)) continue;
    const T t =
        binary_cross_entropy_with_logits_term(at<T>(z, i), at<T>(y, i), weight_at<T>(pw, i));
    s.add(std::ranges::size(w) == 0 ? t : T(wi * t));
  }
  return s.value();
}

/// The checks of binary_cross_entropy_with_logits: lengths, finite logits, target in [0, 1],
/// weights.
template <class T, class Z, class Y, class W, class PW>
constexpr void check_binary_cross_entropy_with_logits(const Z& z, const Y& y, const W& w,
                                                      const PW& pw, const char* function) {
  const std::size_t n = std::ranges::size(z), m = std::ranges::size(y);
  if (n == 0) fail<error_kind::empty>(function, "logits", 0, 0.0);
  if (n != m) {
    if (std::is_constant_evaluated()) the_two_arguments_have_different_lengths(n, m);
    throw_invalid(error_kind::length_mismatch, function, "target", m, static_cast<double>(n));
  }
  for (std::size_t i = 0; i < n; ++i) {
    const T x = at<T>(z, i);
    if (is_nan(x)) fail<error_kind::not_a_number>(function, "logits", i, x);
    if (is_inf(x)) fail<error_kind::infinite>(function, "logits", i, x);
  }
  check_probabilities<T>(y, function, "target");
  check_weights<T>(w, n, function, "weight");
  check_weights<T>(pw, n, function, "pos_weight");
}

} // namespace detail

/// Binary cross-entropy of logits z against targets y, summed over the elements (PyTorch's
/// binary_cross_entropy_with_logits with reduction "sum"; divide by the size for "mean").
///
/// Σ_i w_i·[pw_i·y_i·softplus(−z_i) + (1 − y_i)·softplus(z_i)] = −Σ_i w_i·[pw_i·y_i·log σ(z_i)
/// + (1 − y_i)·log(1 − σ(z_i))], softplus(z) = max(z, 0) + log1p(exp(−|z|)): no overflow and no
/// cancellation for any finite z (torch returns 0 for z = 40, y = 1, where the value is
/// log1p(e^-40) = 4.248...e-18). Laws: ≥ 0; equals binary_cross_entropy(σ(z), y) (σ(z) exact);
/// pos_weight 1 equals no pos_weight; ≥ Σ w_i·h(y_i) (Gibbs). A weight 0 drops its element; an
/// empty weight or pos_weight means all 1 (pos_weight per element: PyTorch's per-class weight
/// broadcast over 1-D input). Throws gibbs::invalid_input for empty logits, different lengths, a
/// NaN or infinite logit, a target outside [0, 1], or a weight or pos_weight that is NaN,
/// infinite or negative.
/// Example: binary_cross_entropy_with_logits({0.0}, {1.0}) == log(2).
template <mass_range Z, mass_range Y>
[[nodiscard]] constexpr result_t<Z, Y> binary_cross_entropy_with_logits(const Z& z, const Y& y) {
  using T = result_t<Z, Y>;
  const detail::no_weight<T> none;
  detail::check_binary_cross_entropy_with_logits<T>(z, y, none, none,
                                                    "binary_cross_entropy_with_logits");
  return detail::binary_cross_entropy_with_logits_sum<T>(z, y, none, none);
}

/// The same with a weight w_i per element and a pos_weight pw_i per element (either may be an
/// empty range: all 1).
template <mass_range Z, mass_range Y, mass_range W, mass_range PW>
[[nodiscard]] constexpr result_t<Z, Y, W, PW>
binary_cross_entropy_with_logits(const Z& z, const Y& y, const W& w, const PW& pw) {
  using T = result_t<Z, Y, W, PW>;
  detail::check_binary_cross_entropy_with_logits<T>(z, y, w, pw,
                                                    "binary_cross_entropy_with_logits");
  return detail::binary_cross_entropy_with_logits_sum<T>(z, y, w, pw);
}

namespace detail {

/// The derivative of the element term with respect to the logit, for finite z, y in [0, 1],
/// c = pw ≥ 0: d/dz [c·y·softplus(−z) + (1 − y)·softplus(z)] = (1 − y)·σ(z) − c·y·σ(−z).
/// With e = exp(−|z|) ∈ (0, 1] (exp of a non-positive argument: no overflow; it underflows to 0
/// only where the exact e is below the format's smallest number) and d = 1 + e ∈ (1, 2]:
///   σ(|z|) = 1/d,  σ(−|z|) = e/d,
/// so the derivative is ((1 − y)·a − c·y·b)/d with (a, b) = (1, e) for z ≥ 0 and (e, 1) for z < 0.
/// Each part is a product of non-negative factors (a few ε relative); the two parts have opposite
/// signs and cancel only where the derivative is small against them (y near its balance point
/// 1/(1 + c·e^{−z})), which is the conditioning of the function, not of the formula. With c = 1
/// and y ∈ {0, 1} one part is 0: y = 1 gives −σ(−z) = −b/d, accurate to a few ε at z = 40
/// (−4.2483542552915889e-18) where 1 − σ(z) would be 0.
template <class T>
[[nodiscard]] constexpr T binary_cross_entropy_with_logits_grad_term(const T& z, const T& y,
                                                                     const T& c) {
  const bool negative = z < T(0);
  const T e = gibbs::exp(negative ? z : T(-z));
  const T d = T(T(1) + e);
  const T a = negative ? e : T(1), b = negative ? T(1) : e;
  T s(0);
  if (y < T(1)) s = T(T(T(1) - y) * a);
  if (y > T(0) && c > T(0)) s = T(s - T(T(c * y) * b));
  return T(s / d);
}

} // namespace detail

/// The gradient of binary_cross_entropy_with_logits (reduction "sum") with respect to the
/// logits, into `out`: out_i = w_i·[(1 − y_i)·σ(z_i) − pw_i·y_i·σ(−z_i)]
/// (= w_i·(σ(z_i) − y_i) for pw = 1), PyTorch's autograd of F.binary_cross_entropy_with_logits
/// with reduction "sum" or "none"; divide by the element count for "mean". Every σ is computed
/// from exp of a non-positive argument (detail::binary_cross_entropy_with_logits_grad_term): no
/// overflow for any finite logit, and no cancellation in σ(−z) = 1 − σ(z) for large z.
/// w and pw may be empty ranges (all 1). Laws (gibbs/property/binary.hpp): with w = pw = 1,
/// every out_i ∈ (−1, 1) with the sign of σ(z_i) − y_i, and Σ out_i = Σ σ(z_i) − Σ y_i.
/// Throws gibbs::invalid_input as binary_cross_entropy_with_logits does (function
/// "binary_cross_entropy_with_logits_grad"), and for an `out` of another length.
/// Example: binary_cross_entropy_with_logits_grad(std::array{0.0}, std::array{1.0}, out) gives
/// out = {−1/2}.
template <mass_range Z, mass_range Y, mass_range W, mass_range PW, class T>
constexpr void binary_cross_entropy_with_logits_grad(const Z& z, const Y& y, const W& w,
                                                     const PW& pw, std::span<T> out) {
  constexpr const char* name = "binary_cross_entropy_with_logits_grad";
  detail::check_binary_cross_entropy_with_logits<T>(z, y, w, pw, name);
  const std::size_t n = std::ranges::size(z);
  if (out.size() != n) {
    if (std::is_constant_evaluated())
      detail::the_two_arguments_have_different_lengths(n, out.size());
    detail::throw_invalid(error_kind::length_mismatch, name, "out", out.size(),
                          static_cast<double>(n));
  }
  for (std::size_t i = 0; i < n; ++i) {
    const T wi = detail::weight_at<T>(w, i);
    out[i] = wi == T(0)
                 ? T(0)
                 : T(wi
                     * detail::binary_cross_entropy_with_logits_grad_term(
                         detail::at<T>(z, i), detail::at<T>(y, i), detail::weight_at<T>(pw, i)));
  }
}

/// The same without weights (w = pw = 1): out_i = σ(z_i) − y_i.
template <mass_range Z, mass_range Y, class T>
constexpr void binary_cross_entropy_with_logits_grad(const Z& z, const Y& y, std::span<T> out) {
  const detail::no_weight<T> none;
  binary_cross_entropy_with_logits_grad(z, y, none, none, out);
}

} // namespace gibbs

#endif // GIBBS_MEASURE_BINARY_CROSS_ENTROPY_WITH_LOGITS_HPP
