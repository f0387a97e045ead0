// gibbs/measure/logits.hpp: cross-entropy from logits through a stable log-softmax.
#ifndef GIBBS_MEASURE_LOGITS_HPP
#define GIBBS_MEASURE_LOGITS_HPP

#include "gibbs/measure/detail/common.hpp"

#include <cstddef>
#include <type_traits>
#include <vector>

namespace gibbs {
namespace detail {

// log Σ_j exp(z_j) = M + log1p(Σ_{j ≠ j*} exp(z_j − M)), M = z_{j*} = max z: every exp argument is
// ≤ 0 (no overflow) and log1p keeps the small remainder exact-ish. Returns {M, log1p(...)}.
template <class T, class Z>
struct lse_parts {
  T max;
  T log1p_rest;
};

template <class T, class Z>
constexpr lse_parts<T, Z> log_sum_exp_parts(const Z& z, const char* function) {
  const std::size_t n = std::ranges::size(z);
  if (n == 0) fail<error_kind::empty>(function, "logits", 0, 0.0);
  std::size_t jmax = 0;
  for (std::size_t j = 0; j < n; ++j) {
    const T x = at<T>(z, j);
    if (is_nan(x)) fail<error_kind::not_a_number>(function, "logits", j, x);
    if (is_inf(x)) fail<error_kind::infinite>(function, "logits", j, x);
    if (x > at<T>(z, jmax)) jmax = j;
  }
  const T m = at<T>(z, jmax);
  compensated_sum<T> rest;
  for (std::size_t j = 0; j < n; ++j)
    if (j != jmax) rest.add(gibbs::exp(at<T>(z, j) - m));
  return {m, gibbs::log1p(rest.value())};
}

// Reached only in constant evaluation (see error.hpp): the name is the compile error.
inline void the_label_smoothing_must_be_between_0_and_1() {}

template <class T>
constexpr void check_label_smoothing(const T& eps, const char* function) {
  if (is_nan(eps) || !(eps >= T(0)) || !(eps <= T(1))) {
    if (std::is_constant_evaluated()) the_label_smoothing_must_be_between_0_and_1();
    throw_invalid_parameter(function, "label_smoothing", static_cast<double>(eps),
                            "label_smoothing must be in [0, 1]");
  }
}

// Σ_k A_k, A_k = (M − z_k) + log1p(...) = −log softmax(z)_k ≥ 0: the smoothing part of the loss.
template <class T, class Z>
constexpr T sum_of_class_losses(const lse_parts<T, Z>& parts, const Z& z) {
  compensated_sum<T> s;
  for (std::size_t k = 0; k < std::ranges::size(z); ++k)
    s.add((parts.max - at<T>(z, k)) + parts.log1p_rest);
  return s.value();
}

} // namespace detail

/// log-softmax of logits: log(exp(z_i)/Σ_j exp(z_j)) = (z_i − max z) − log1p(Σ_{j≠argmax} exp(z_j −
/// max z)). Laws: Σ exp(log_softmax(z)) = 1; invariant under adding a constant to every logit.
/// Throws gibbs::invalid_input for empty logits or a NaN or infinite logit.
template <mass_range Z>
[[nodiscard]] constexpr std::vector<result_t<Z>> log_softmax(const Z& z) {
  using T = result_t<Z>;
  const auto parts = detail::log_sum_exp_parts<T>(z, "log_softmax");
  std::vector<T> out(std::ranges::size(z));
  for (std::size_t i = 0; i < out.size(); ++i)
    out[i] = (detail::at<T>(z, i) - parts.max) - parts.log1p_rest;
  return out;
}

/// Cross-entropy of a target class under softmax(logits), in nats: −log softmax(z)_k.
/// = (max z − z_k) + log1p(Σ_{j≠argmax} exp(z_j − max z)); never overflows, ≥ 0.
/// Throws gibbs::invalid_input for empty logits, a NaN or infinite logit, or k out of range.
/// Example: cross_entropy_from_logits({0.0, 0.0}, 1) = log 2.
template <mass_range Z>
[[nodiscard]] constexpr result_t<Z> cross_entropy_from_logits(const Z& z, std::size_t target) {
  using T = result_t<Z>;
  const auto parts = detail::log_sum_exp_parts<T>(z, "cross_entropy_from_logits");
  if (target >= std::ranges::size(z))
    detail::fail<error_kind::index_out_of_range>("cross_entropy_from_logits", "target", target,
                                                 static_cast<double>(target));
  return (parts.max - detail::at<T>(z, target)) + parts.log1p_rest;
}

/// Cross-entropy of a target distribution t under softmax(logits), in nats: −Σ t_i·log
/// softmax(z)_i, the loss of soft-label classification and distillation. Every term is ≥ 0 (no
/// cancellation). Laws: equals H(t, softmax(z)); ≥ H(t); equals the class form for a one-hot t.
/// Throws gibbs::invalid_input for invalid logits, an invalid t (see entropy) or different lengths.
template <mass_range Z, mass_range P>
[[nodiscard]] constexpr result_t<Z, P> cross_entropy_from_logits(const Z& z, const P& t) {
  using T = result_t<Z, P>;
  detail::check_same_length(z, t, "cross_entropy_from_logits");
  const auto parts = detail::log_sum_exp_parts<T>(z, "cross_entropy_from_logits");
  detail::check_distribution<T>(t, "cross_entropy_from_logits", "target");
  detail::compensated_sum<T> s;
  for (std::size_t i = 0; i < std::ranges::size(z); ++i) {
    const T ti = detail::at<T>(t, i);
    if (ti > T(0)) s.add(ti * ((parts.max - detail::at<T>(z, i)) + parts.log1p_rest));
  }
  return s.value();
}

/// Cross-entropy of a target class under softmax(logits) with label smoothing ε ∈ [0, 1], in
/// nats, as PyTorch's cross_entropy(label_smoothing=ε): (1 − ε)·(−log softmax(z)_t) +
/// (ε/K)·Σ_k(−log softmax(z)_k), the cross-entropy of the smoothed target (1 − ε)·e_t + ε/K.
/// Laws (gibbs/property/likelihood.hpp): ε = 0 is the plain loss exactly; equals the
/// distribution form on the smoothed target; ≥ the entropy of the smoothed target.
/// Throws gibbs::invalid_input for ε outside [0, 1] or NaN (a compile error naming
/// the_label_smoothing_must_be_between_0_and_1 in constant evaluation), and as the plain form.
/// Example: cross_entropy_from_logits({0.0, 0.0}, 1, 0.5) = log 2 (equal logits: every A_k = log
/// 2).
template <mass_range Z>
[[nodiscard]] constexpr result_t<Z> cross_entropy_from_logits(const Z& z, std::size_t target,
                                                              const result_t<Z>& label_smoothing) {
  using T = result_t<Z>;
  const T& eps = label_smoothing;
  detail::check_label_smoothing(eps, "cross_entropy_from_logits");
  const T plain = cross_entropy_from_logits(z, target);
  if (eps == T(0)) return plain;
  const auto parts = detail::log_sum_exp_parts<T>(z, "cross_entropy_from_logits");
  const T K = T(static_cast<double>(std::ranges::size(z)));
  return (T(1) - eps) * plain + eps / K * detail::sum_of_class_losses(parts, z);
}

/// Cross-entropy of a target distribution t under softmax(logits) with label smoothing ε ∈ [0, 1],
/// in nats: −Σ_k ((1 − ε)·t_k + ε/K)·log softmax(z)_k (PyTorch smooths probability targets the
/// same way). Laws and errors as the class form (t is checked as in the plain form).
template <mass_range Z, mass_range P>
[[nodiscard]] constexpr result_t<Z, P>
cross_entropy_from_logits(const Z& z, const P& t, const result_t<Z, P>& label_smoothing) {
  using T = result_t<Z, P>;
  const T& eps = label_smoothing;
  detail::check_label_smoothing(eps, "cross_entropy_from_logits");
  const T plain = cross_entropy_from_logits(z, t);
  if (eps == T(0)) return plain;
  const auto parts = detail::log_sum_exp_parts<T>(z, "cross_entropy_from_logits");
  const T K = T(static_cast<double>(std::ranges::size(z)));
  return (T(1) - eps) * plain + eps / K * detail::sum_of_class_losses(parts, z);
}

} // namespace gibbs

#endif // GIBBS_MEASURE_LOGITS_HPP
