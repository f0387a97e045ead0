// gibbs/measure/nll.hpp: empirical negative log-likelihood, perplexity, empirical distributions.
#ifndef GIBBS_MEASURE_NLL_HPP
#define GIBBS_MEASURE_NLL_HPP

#include "gibbs/measure/detail/common.hpp"

#include <concepts>
#include <vector>

namespace gibbs {

/// A range of sample values: indices into the support of a model distribution.
template <class S>
concept sample_range = std::ranges::random_access_range<const S> && std::ranges::sized_range<
    const S> && std::integral<std::ranges::range_value_t<S>>;

namespace detail {
template <class S>
constexpr std::size_t checked_sample(const S& samples, std::size_t k, std::size_t n,
                                     const char* function) {
  const auto x = std::ranges::begin(samples)[static_cast<std::ptrdiff_t>(k)];
  bool negative = false;
  if constexpr (std::is_signed_v<decltype(x)>) negative = x < 0;
  if (negative || static_cast<std::size_t>(x) >= n)
    fail<error_kind::index_out_of_range>(function, "samples", k, static_cast<double>(x));
  return static_cast<std::size_t>(x);
}
} // namespace detail

/// Empirical negative log-likelihood per sample of a model q, in nats.
///
/// NLL = −(1/N)·Σ_k log q[x_k]; +∞ if a sample has probability 0.
/// Laws: NLL = H(p̂, q) = H(p̂) + KL(p̂‖q) where p̂ is the empirical distribution of the sample, so
/// minimising NLL over models is minimising forward KL from the data; perplexity = exp(NLL).
/// Throws gibbs::invalid_input for an invalid q, no samples, or a sample outside [0, size(q)).
/// Example: nll({0.25, 0.75}, {1, 1, 0}) = −(2·log 0.75 + log 0.25)/3.
template <mass_range Q, sample_range S>
[[nodiscard]] constexpr result_t<Q> nll(const Q& q, const S& samples) {
  using T = result_t<Q>;
  detail::check_distribution<T>(q, "nll", "q");
  const std::size_t n = std::ranges::size(q), N = std::ranges::size(samples);
  if (N == 0) detail::fail<error_kind::no_samples>("nll", "samples", 0, 0.0);
  for (std::size_t k = 0; k < N; ++k)
    (void)detail::checked_sample(samples, k, n, "nll");
  detail::compensated_sum<T> s;
  for (std::size_t k = 0; k < N; ++k) {
    const T qx = detail::at<T>(q, detail::checked_sample(samples, k, n, "nll"));
    if (qx == T(0)) return detail::infinity<T>();
    s.add(gibbs::log(qx));
  }
  return (T(0) - s.value()) / T(static_cast<double>(N));
}

/// Perplexity of a model q on a sample: exp(NLL), the effective number of equally likely choices.
/// Laws: perplexity = exp(NLL); 1 ≤ perplexity; equals n for the uniform model on n outcomes.
/// Example: perplexity({0.25, 0.25, 0.25, 0.25}, {0, 3}) = 4.
template <mass_range Q, sample_range S>
[[nodiscard]] constexpr result_t<Q> perplexity(const Q& q, const S& samples) {
  return gibbs::exp(nll(q, samples));
}

/// Perplexity from an NLL in nats: exp(nll).
template <real T>
[[nodiscard]] constexpr T perplexity_from_nll(const T& nll_nats) {
  return gibbs::exp(nll_nats);
}

/// The empirical distribution p̂ of a sample on the support {0, …, n−1}: p̂_i = count(i)/N.
/// Throws gibbs::invalid_input for no samples or a sample outside [0, n).
template <real T = double, sample_range S>
[[nodiscard]] constexpr std::vector<T> empirical_distribution(const S& samples, std::size_t n) {
  const std::size_t N = std::ranges::size(samples);
  if (N == 0) detail::fail<error_kind::no_samples>("empirical_distribution", "samples", 0, 0.0);
  std::vector<T> counts(n, T(0));
  for (std::size_t k = 0; k < N; ++k)
    counts[detail::checked_sample(samples, k, n, "empirical_distribution")] += T(1);
  for (auto& c : counts)
    c = c / T(N);
  return counts;
}

} // namespace gibbs

#endif // GIBBS_MEASURE_NLL_HPP
