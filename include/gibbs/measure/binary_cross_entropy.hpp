// gibbs/measure/binary_cross_entropy.hpp: binary cross-entropy of probabilities (PyTorch's
// torch.nn.functional.binary_cross_entropy), without the clamp of log at -100.
#ifndef GIBBS_MEASURE_BINARY_CROSS_ENTROPY_HPP
#define GIBBS_MEASURE_BINARY_CROSS_ENTROPY_HPP

#include "gibbs/measure/detail/common.hpp"

#include <cstddef>
#include <ranges>

namespace gibbs {
namespace detail {

/// Checks that every entry of r is a probability: not NaN, finite, in [0, 1].
template <class T, class R>
constexpr void check_probabilities(const R& r, const char* function, const char* argument) {
  const std::size_t n = std::ranges::size(r);
  if (n == 0) fail<error_kind::empty>(function, argument, 0, 0.0);
  for (std::size_t i = 0; i < n; ++i) {
    const T x = at<T>(r, i);
    if (is_nan(x)) fail<error_kind::not_a_number>(function, argument, i, x);
    if (is_inf(x)) fail<error_kind::infinite>(function, argument, i, x);
    if (x < T(0)) fail<error_kind::negative>(function, argument, i, x);
    if (x > T(1)) fail<error_kind::above_one>(function, argument, i, x);
  }
}

/// Checks an optional per-element weight: empty (absent), or of length n with finite entries
/// >= 0 (a weight 0 masks its element; a negative weight would void the laws BCE >= 0 and
/// BCE >= H(y), and 0 is the only weight for which 0·∞ needs a convention).
template <class T, class W>
constexpr void check_weights(const W& w, std::size_t n, const char* function,
                             const char* argument) {
  const std::size_t m = std::ranges::size(w);
  if (m == 0) return;
  if (m != n) {
    if (std::is_constant_evaluated()) the_two_arguments_have_different_lengths(n, m);
    throw_invalid(error_kind::length_mismatch, function, argument, m, static_cast<double>(n));
  }
  for (std::size_t i = 0; i < m; ++i) {
    const T x = at<T>(w, i);
    if (is_nan(x)) fail<error_kind::not_a_number>(function, argument, i, x);
    if (is_inf(x)) fail<error_kind::infinite>(function, argument, i, x);
    if (x < T(0)) fail<error_kind::negative>(function, argument, i, x);
  }
}

/// The weight of element i: w_i, or 1 when w is empty.
template <class T, class W>
[[nodiscard]] constexpr T weight_at(const W& w, std::size_t i) {
  return std::ranges::size(w) == 0 ? T(1) : at<T>(w, i);
}

/// The element term ℓ(x, y) = −y·log x − (1 − y)·log(1 − x) ≥ 0 for x, y in [0, 1]: a sum of two
/// non-negative parts, so nothing cancels. 0·log 0 = 0 (y = 0 drops the first part, y = 1 the
/// second); x = 0 with y > 0 or x = 1 with y < 1 is +∞. log(1 − x) is log1p(−x) for x < 1/2 and
/// log of the exact 1 − x for x ≥ 1/2 (Sterbenz, binary types): both correctly rounded logs of
/// exact arguments, accurate near x → 1 where 1 − x is tiny. 1 − y is exact for y ≥ 1/2 and a
/// relative ε elsewhere; so each part errs by about 2ε relative and the term by about 3ε.
template <class T>
[[nodiscard]] constexpr T binary_cross_entropy_term(const T& x, const T& y) {
  T a(0), b(0);
  if (y > T(0)) {
    if (x == T(0)) return infinity<T>();
    if (x < T(1)) a = T(-(y * gibbs::log(x)));
  }
  if (y < T(1)) {
    if (x == T(1)) return infinity<T>();
    if (x > T(0)) {
      const T l = x < T(0.5) ? T(gibbs::log1p(T(-x))) : T(gibbs::log(T(T(1) - x)));
      b = T(-(T(T(1) - y) * l));
    }
  }
  return T(a + b);
}

/// Σ_i w_i·ℓ(x_i, y_i) of valid input (w empty: all 1; a weight 0 drops its element, also an
/// infinite one): non-negative terms, compensated sum.
template <class T, class X, class Y, class W>
[[nodiscard]] constexpr T binary_cross_entropy_sum(const X& x, const Y& y, const W& w) {
  compensated_sum<T> s;
  for (std::size_t i = 0; i < std::ranges::size(x); ++i) {
    const T wi = weight_at<T>(w, i);
    if (wi == T(0)) continue;
    const T t = binary_cross_entropy_term(at<T>(x, i), at<T>(y, i));
    s.add(std::ranges::size(w) == 0 ? t : T(wi * t));
  }
  return s.value();
}

/// The checks of binary_cross_entropy: lengths, input and target in [0, 1], weights.
template <class T, class X, class Y, class W>
constexpr void check_binary_cross_entropy(const X& x, const Y& y, const W& w,
                                          const char* function) {
  const std::size_t n = std::ranges::size(x), m = std::ranges::size(y);
  if (n != m) {
    if (std::is_constant_evaluated()) the_two_arguments_have_different_lengths(n, m);
    throw_invalid(error_kind::length_mismatch, function, "target", m, static_cast<double>(n));
  }
  check_probabilities<T>(x, function, "input");
  check_probabilities<T>(y, function, "target");
  check_weights<T>(w, n, function, "weight");
}

/// An empty range: "no weight".
template <class T>
struct no_weight {
  [[nodiscard]] constexpr const T* begin() const { return nullptr; }
  [[nodiscard]] constexpr const T* end() const { return nullptr; }
  [[nodiscard]] constexpr std::size_t size() const { return 0; }
};

} // namespace detail

/// Binary cross-entropy of predicted probabilities x against targets y, summed over the
/// elements (PyTorch's binary_cross_entropy with reduction "sum"; divide by the size for "mean").
///
/// Σ_i w_i·ℓ(x_i, y_i), ℓ(x, y) = −[y·log x + (1 − y)·log(1 − x)], each term a sum of two
/// non-negative parts (no cancellation), log(1 − x) accurate near x → 1. Laws: ℓ ≥ 0;
/// ℓ(x, y) ≥ h(y) = −y·log y − (1 − y)·log(1 − y) (Gibbs), with equality iff x = y, so
/// ℓ(x, y) − h(y) is the binary KL divergence. Conventions: 0·log 0 = 0; x = 0 with y > 0 or x = 1
/// with y < 1 gives +∞ exactly (no clamp: torch clamps log at −100 and returns 100 for x = 1e-50,
/// y = 1, where the value is 50·ln 10 = 115.129...); a weight 0 drops its element. Throws
/// gibbs::invalid_input for empty input, different lengths, an input or target entry that is NaN,
/// infinite or outside [0, 1], or a weight that is NaN, infinite or negative.
/// Example: binary_cross_entropy({0.5}, {1.0}) == log(2) (correctly rounded: 0x1.62e42fefa39efp-1).
template <mass_range X, mass_range Y>
[[nodiscard]] constexpr result_t<X, Y> binary_cross_entropy(const X& x, const Y& y) {
  using T = result_t<X, Y>;
  const detail::no_weight<T> w;
  detail::check_binary_cross_entropy<T>(x, y, w, "binary_cross_entropy");
  return detail::binary_cross_entropy_sum<T>(x, y, w);
}

/// The same with a weight w_i per element (PyTorch's `weight`, of the input's length).
template <mass_range X, mass_range Y, mass_range W>
[[nodiscard]] constexpr result_t<X, Y, W> binary_cross_entropy(const X& x, const Y& y, const W& w) {
  using T = result_t<X, Y, W>;
  detail::check_binary_cross_entropy<T>(x, y, w, "binary_cross_entropy");
  return detail::binary_cross_entropy_sum<T>(x, y, w);
}

/// The binary entropy h(y) = −y·log y − (1 − y)·log(1 − y) summed over the elements: the least
/// value of binary_cross_entropy(x, y) over x (at x = y). Throws gibbs::invalid_input for an entry
/// that is NaN, infinite or outside [0, 1].
template <mass_range Y>
[[nodiscard]] constexpr result_t<Y> binary_entropy(const Y& y) {
  using T = result_t<Y>;
  detail::check_probabilities<T>(y, "binary_entropy", "target");
  return detail::binary_cross_entropy_sum<T>(y, y, detail::no_weight<T>{});
}

} // namespace gibbs

#endif // GIBBS_MEASURE_BINARY_CROSS_ENTROPY_HPP
