// gibbs/measure/softmax.hpp: log_softmax and softmax of a vector of logits into an output span,
// in one O(n) pass around one log-sum-exp, and the gradient of the cross-entropy from logits.
#ifndef GIBBS_MEASURE_SOFTMAX_HPP
#define GIBBS_MEASURE_SOFTMAX_HPP

#include "gibbs/measure/detail/common.hpp"
#include "gibbs/measure/logits.hpp"

#include <cstddef>
#include <span>
#include <type_traits>
#include <vector>

namespace gibbs {

namespace detail {

/// The output span must hold one entry per logit.
template <class Z, class T>
constexpr void check_output_length(const Z& z, std::span<T> out, const char* function) {
  const std::size_t n = std::ranges::size(z);
  if (out.size() != n) {
    if (std::is_constant_evaluated()) the_two_arguments_have_different_lengths(n, out.size());
    throw_invalid(error_kind::length_mismatch, function, "out", out.size(), static_cast<double>(n));
  }
}

} // namespace detail

/// log-softmax of logits into `out`: out_i = log(exp(z_i) / Σ_j exp(z_j)) = (z_i − M) − L with
/// M = max z and L = log1p(Σ_{j≠argmax} exp(z_j − M)) computed once (detail::log_sum_exp_parts),
/// so n outputs cost one log-sum-exp and n subtractions: O(n). No exponent overflows (every exp
/// argument is ≤ 0), whatever the logits' magnitude.
/// Laws (gibbs/property/softmax.hpp): every out_i ≤ 0; Σ exp(out_i) = 1; adding a constant c to
/// every logit leaves out unchanged (exactly, when every z_i + c is exact).
/// Throws gibbs::invalid_input naming the argument "logits", the index and the value for a NaN or
/// infinite logit, for empty logits, and for an `out` of another length.
/// Example: log_softmax(std::array{0.0, 0.0}, out) gives out = {−log 2, −log 2}.
template <mass_range Z, class T>
constexpr void log_softmax(const Z& z, std::span<T> out) {
  const auto parts = detail::log_sum_exp_parts<T>(z, "log_softmax");
  detail::check_output_length(z, out, "log_softmax");
  for (std::size_t i = 0; i < out.size(); ++i)
    out[i] = (detail::at<T>(z, i) - parts.max) - parts.log1p_rest;
}

/// softmax of logits into `out`: out_i = exp(z_i) / Σ_j exp(z_j) = exp((z_i − M) − L), the exp
/// of log_softmax (one log-sum-exp for all n outputs: O(n)); the exp argument is ≤ 0, so the
/// largest logit gives exp(−L) ∈ [1/n, 1] and no output overflows.
/// Laws (gibbs/property/softmax.hpp): every out_i ∈ [0, 1] (in (0, 1] for the exact values; an
/// output may underflow to 0); Σ out_i = 1 within the tolerance derived there; invariant under
/// adding a constant to every logit (exactly, when every z_i + c is exact).
/// Throws gibbs::invalid_input as log_softmax does (function "softmax").
/// Example: softmax(std::array{1.0, 1.0, 1.0, 1.0}, out) gives out = {1/4, 1/4, 1/4, 1/4}.
template <mass_range Z, class T>
constexpr void softmax(const Z& z, std::span<T> out) {
  const auto parts = detail::log_sum_exp_parts<T>(z, "softmax");
  detail::check_output_length(z, out, "softmax");
  for (std::size_t i = 0; i < out.size(); ++i)
    out[i] = gibbs::exp((detail::at<T>(z, i) - parts.max) - parts.log1p_rest);
}

/// The gradient of the cross-entropy −log softmax(z)_t of a class t with respect to the logits,
/// into `out`: out_i = softmax(z)_i − [i = t], one log-sum-exp for all n outputs (O(n)). The
/// target's own entry is expm1((z_t − M) − L), without the cancellation of softmax_t − 1 when
/// softmax_t is near 1. Laws: Σ out_i = 0; out_t ∈ [−1, 0]; the other outputs are softmax's.
/// Throws gibbs::invalid_input as softmax does, and for t out of range (argument "target").
/// Example: logits_cross_entropy_grad(std::array{0.0, 0.0}, 1, out) gives out = {1/2, −1/2}.
template <mass_range Z, class T>
constexpr void logits_cross_entropy_grad(const Z& z, std::size_t target, std::span<T> out) {
  const auto parts = detail::log_sum_exp_parts<T>(z, "logits_cross_entropy_grad");
  detail::check_output_length(z, out, "logits_cross_entropy_grad");
  if (target >= out.size())
    detail::fail<error_kind::index_out_of_range>("logits_cross_entropy_grad", "target", target,
                                                 static_cast<double>(target));
  for (std::size_t i = 0; i < out.size(); ++i) {
    const T a = (detail::at<T>(z, i) - parts.max) - parts.log1p_rest;
    out[i] = i == target ? gibbs::expm1(a) : gibbs::exp(a);
  }
}

/// The gradient of the cross-entropy −Σ_i t_i·log softmax(z)_i of a target distribution t with
/// respect to the logits, into `out`: out_i = softmax(z)_i − t_i (Σ t = 1). Laws: Σ out_i = 0
/// within the tolerance of Σ t − 1. Throws gibbs::invalid_input for invalid logits, an invalid t
/// (see entropy), different lengths or an `out` of another length.
template <mass_range Z, mass_range P, class T>
constexpr void logits_cross_entropy_grad(const Z& z, const P& t, std::span<T> out) {
  detail::check_same_length(z, t, "logits_cross_entropy_grad");
  const auto parts = detail::log_sum_exp_parts<T>(z, "logits_cross_entropy_grad");
  detail::check_distribution<T>(t, "logits_cross_entropy_grad", "target");
  detail::check_output_length(z, out, "logits_cross_entropy_grad");
  for (std::size_t i = 0; i < out.size(); ++i)
    out[i] = gibbs::exp((detail::at<T>(z, i) - parts.max) - parts.log1p_rest) - detail::at<T>(t, i);
}

/// softmax of logits as a new vector (see softmax(z, out)).
template <mass_range Z>
[[nodiscard]] constexpr std::vector<result_t<Z>> softmax(const Z& z) {
  std::vector<result_t<Z>> out(std::ranges::size(z), result_t<Z>(0));
  softmax(z, std::span<result_t<Z>>(out));
  return out;
}

} // namespace gibbs

#endif // GIBBS_MEASURE_SOFTMAX_HPP
