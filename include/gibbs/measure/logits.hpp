// gibbs/measure/logits.hpp: cross-entropy from logits through a stable log-softmax.
#ifndef GIBBS_MEASURE_LOGITS_HPP
#define GIBBS_MEASURE_LOGITS_HPP

#include "gibbs/measure/detail/common.hpp"

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

} // namespace gibbs

#endif // GIBBS_MEASURE_LOGITS_HPP
