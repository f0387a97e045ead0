// gibbs/property/softmax.hpp: the laws of softmax and log_softmax as named constexpr predicates —
// a distribution (each output in [0, 1], summing to 1), log_softmax <= 0, and invariance under
// adding a constant to every logit. Tolerances: see law.hpp; the sum's is derived below.
#ifndef GIBBS_PROPERTY_SOFTMAX_HPP
#define GIBBS_PROPERTY_SOFTMAX_HPP

#include "gibbs/measure/softmax.hpp"
#include "gibbs/property/law.hpp"

#include <cstddef>
#include <span>
#include <type_traits>
#include <vector>

namespace gibbs::property {

/// softmax(z) sums to 1: Σ_i softmax(z)_i = 1 within c·ε·(8 + 4·log n).
///
/// Why that tolerance. softmax_i = exp(a_i), a_i = (z_i − M) − L, L = log1p(Σ_{j≠argmax}
/// e^{z_j − M}) ∈ [0, log n]. Each computed a_i errs by at most ε·(2|z_i − M| + 2L + 3) (two
/// subtractions, and L itself: a compensated sum and a log1p), so each output has relative error
/// at most that plus ε (its exp); weighted by the outputs, Σ_i s_i·|z_i − M| = H(s) − L ≤ log n
/// (H the entropy of s = softmax(z)), so the sum errs by ε·(4·log n + 4) before its own
/// (compensated) summation adds 2ε; c = 16 leaves a factor 2 for faithful exp and log1p.
/// lhs = Σ softmax(z)_i, rhs = 1. Example: softmax_sums_to_one(std::array{1.0, 2.0, 3.0}).
template <mass_range Z>
[[nodiscard]] constexpr law_check<result_t<Z>> softmax_sums_to_one(const Z& z,
                                                                   double c = default_slack) {
  using T = result_t<Z>;
  const std::vector<T> s = softmax(z);
  gibbs::detail::compensated_sum<T> total;
  for (const T& x : s)
    total.add(x);
  const T sum = total.value();
  const T tol =
      detail::slack(c, T(8) + T(4) * gibbs::log(T(static_cast<double>(std::ranges::size(z)))));
  return {detail::close(sum, T(1), tol), sum, T(1), tol};
}

/// Every output of softmax(z) lies in [0, 1] and the largest logit's output is positive: the
/// exact outputs are in (0, 1]; a computed one may underflow to 0, never exceed 1 (its exp
/// argument is ≤ 0). lhs = the smallest output, rhs = the largest. Exact law (tolerance 0).
template <mass_range Z>
[[nodiscard]] constexpr law_check<result_t<Z>> softmax_in_unit_interval(const Z& z) {
  using T = result_t<Z>;
  const std::vector<T> s = softmax(z);
  T lo = s[0], hi = s[0];
  for (const T& x : s) {
    if (x < lo || !(x == x)) lo = x;
    if (hi < x) hi = x;
  }
  return {T(0) <= lo && hi <= T(1) && hi > T(0), lo, hi, T(0)};
}

/// Every output of log_softmax(z) is ≤ 0 (= log of a probability). lhs = the largest output,
/// rhs = 0. Exact law: (z_i − M) ≤ 0 and L ≥ 0 in any rounding.
template <mass_range Z>
[[nodiscard]] constexpr law_check<result_t<Z>> log_softmax_nonpositive(const Z& z) {
  using T = result_t<Z>;
  std::vector<T> out(std::ranges::size(z), T(0));
  log_softmax(z, std::span<T>(out));
  T hi = out[0];
  bool ok = true;
  for (const T& x : out) {
    ok = ok && x <= T(0);
    if (hi < x) hi = x;
  }
  return {ok, hi, T(0), T(0)};
}

/// softmax(z + shift) = softmax(z), and the same for log_softmax. When T is a binary
/// floating-point type (float, double, long double) and every z_i + shift is exact (checked:
/// fl(z_i + shift) − shift = z_i and fl(z_i + shift) − z_i = shift, which makes TwoSum's error 0),
/// the outputs are equal exactly: the computation sees only the differences z_i − max z, which
/// are the same exact numbers, rounded the same way. Otherwise within the relative tolerance
/// c·ε·(8 + 4·log n + 2·(|shift| + max|z_i|)) of each softmax output (rounding z_i + shift moves
/// each difference by ε·(|z_i + shift| + |max z + shift|)), and the absolute tolerance
/// c·ε·(8 + 4·log n + 2·(|shift| + max|z_i|)) of log_softmax. lhs, rhs: the worst pair.
template <mass_range Z>
[[nodiscard]] constexpr law_check<result_t<Z>>
softmax_shift_invariant(const Z& z, const result_t<Z>& shift, double c = default_slack) {
  using T = result_t<Z>;
  const std::size_t n = std::ranges::size(z);
  std::vector<T> moved(n, T(0));
  bool exact = std::is_floating_point_v<T>;
  T big = detail::abs(shift);
  for (std::size_t i = 0; i < n; ++i) {
    const T zi = gibbs::detail::at<T>(z, i);
    moved[i] = zi + shift;
    exact = exact && moved[i] - shift == zi && moved[i] - zi == shift;
    big = detail::max(big, detail::abs(zi) + detail::abs(shift));
  }
  const std::vector<T> s = softmax(z), t = softmax(moved);
  std::vector<T> ls(n, T(0)), lt(n, T(0));
  log_softmax(z, std::span<T>(ls));
  log_softmax(moved, std::span<T>(lt));
  const T scale = T(8) + T(4) * gibbs::log(T(static_cast<double>(n))) + T(2) * big;
  const T tol = exact ? T(0) : detail::slack(c, scale);
  for (std::size_t i = 0; i < n; ++i) {
    const bool ok = exact
                        ? s[i] == t[i] && ls[i] == lt[i]
                        : detail::close(s[i], t[i], tol * s[i]) && detail::close(ls[i], lt[i], tol);
    if (!ok) return {false, s[i], t[i], tol};
  }
  return {true, s[0], t[0], tol};
}

namespace values {

/// A cross-entropy from logits v = −log softmax(z)_t lies between the gap g = max z − z_t and
/// g + log n, since max z ≤ log Σ_i e^{z_i} ≤ max z + log n (n logits). Tolerance
/// c·ε·(g + log n + 1): g rounds once, and the value's own error is a few ε of g + log n. A
/// log-sum-exp that overflows (+∞ for huge logits) or a constant answer fails it.
/// lhs = v, rhs = g. Example: logits_cross_entropy_bounds(std::array{1.0, 2.0}, 0, 1.3133).
template <mass_range Z, class V>
[[nodiscard]] constexpr law_check<result_t<Z>>
logits_cross_entropy_bounds(const Z& z, std::size_t t, const V& value, double c = default_slack) {
  using T = result_t<Z>;
  const std::size_t n = std::ranges::size(z);
  T m = gibbs::detail::at<T>(z, 0);
  for (std::size_t i = 1; i < n; ++i)
    if (gibbs::detail::at<T>(z, i) > m) m = gibbs::detail::at<T>(z, i);
  const T v = static_cast<T>(value);
  const T g = T(m - gibbs::detail::at<T>(z, t));
  const T logn = gibbs::log(T(static_cast<double>(n)));
  const T tol = detail::slack(c, T(T(g + logn) + T(1)));
  return {T(g - tol) <= v && v <= T(T(g + logn) + tol), v, g, tol};
}

} // namespace values

} // namespace gibbs::property

#endif // GIBBS_PROPERTY_SOFTMAX_HPP
