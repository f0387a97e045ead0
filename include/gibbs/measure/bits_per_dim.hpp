// gibbs/measure/bits_per_dim.hpp: bits per dimension of a sample of log-likelihoods, the unit
// density models of images and audio (flows, VAEs, diffusion models) are compared in.
#ifndef GIBBS_MEASURE_BITS_PER_DIM_HPP
#define GIBBS_MEASURE_BITS_PER_DIM_HPP

#include "gibbs/measure/detail/common.hpp"

#include <cstddef>
#include <ranges>
#include <type_traits>

namespace gibbs {
namespace detail {

// Reached only in constant evaluation (see error.hpp): the name is the compile error.
inline void the_number_of_dimensions_must_be_positive() {}

/// −Σ ll_i / (N·D·log 2) of valid input: a compensated sum (its error is ε of Σ|ll_i| at most),
/// one division by N·D (exact as a number of T up to 2^digits) and one by log 2 (correctly
/// rounded): about 3ε of the value beyond the cancellation in Σ ll_i itself.
template <class T, class L>
[[nodiscard]] constexpr T bits_per_dim_unchecked(const L& log_likelihood, const T& dims) {
  compensated_sum<T> s;
  const std::size_t n = std::ranges::size(log_likelihood);
  for (std::size_t i = 0; i < n; ++i)
    s.add(at<T>(log_likelihood, i));
  const T count = T(T(static_cast<double>(n)) * dims);
  return T(T(T(0) - s.value()) / count) / gibbs::log(T(2));
}

} // namespace detail

/// Bits per dimension of a sample: the mean negative log-likelihood per example, in bits, divided
/// by the number of dimensions of an example (3072 for a 32×32 RGB image).
///
/// bpd = −(1/N)·Σ_k ll_k / (D·ln 2), ll_k the log-likelihood (in nats) of example k. Laws:
/// bits_per_dim(ll, D) = bits_per_dimension(−mean(ll), D) (gibbs/measure/units.hpp); it scales
/// as 1/D; a log-likelihood above 0 (a density above 1) gives a negative value, as the unit
/// allows. Throws gibbs::invalid_input for an empty sample, a NaN or infinite log-likelihood
/// (argument "log_likelihood", its index and value) or dims = 0 (invalid_parameter).
/// Example: bits_per_dim({-3072 * log(2.0)}, 3072) ≈ 1.0 (one bit per dimension).
template <mass_range L>
[[nodiscard]] constexpr element_t<L> bits_per_dim(const L& log_likelihood, std::size_t dims) {
  using T = element_t<L>;
  constexpr const char* fn = "bits_per_dim";
  if (dims == 0) {
    if (std::is_constant_evaluated()) detail::the_number_of_dimensions_must_be_positive();
    detail::throw_invalid_parameter(fn, "dims", 0.0, "dims must be a positive integer");
  }
  const std::size_t n = std::ranges::size(log_likelihood);
  if (n == 0) detail::fail<error_kind::empty>(fn, "log_likelihood", 0, 0.0);
  for (std::size_t i = 0; i < n; ++i) {
    const T x = detail::at<T>(log_likelihood, i);
    if (detail::is_nan(x)) detail::fail<error_kind::not_a_number>(fn, "log_likelihood", i, x);
    if (detail::is_inf(x)) detail::fail<error_kind::infinite>(fn, "log_likelihood", i, x);
  }
  return detail::bits_per_dim_unchecked<T>(log_likelihood, T(static_cast<double>(dims)));
}

} // namespace gibbs

#endif // GIBBS_MEASURE_BITS_PER_DIM_HPP
