// gibbs/measure/softmax.hpp: log_softmax and softmax of a vector of logits into an output span,
// in one O(n) pass around one log-sum-exp.
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

/// softmax of logits as a new vector (see softmax(z, out)).
template <mass_range Z>
[[nodiscard]] constexpr std::vector<result_t<Z>> softmax(const Z& z) {
  std::vector<result_t<Z>> out(std::ranges::size(z), result_t<Z>(0));
  softmax(z, std::span<result_t<Z>>(out));
  return out;
}

} // namespace gibbs

#endif // GIBBS_MEASURE_SOFTMAX_HPP
