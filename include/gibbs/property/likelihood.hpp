// gibbs/property/likelihood.hpp: the laws that tie the empirical negative log-likelihood to
// cross-entropy and KL, perplexity to the NLL, and bits to nats — as named constexpr predicates.
// Tolerances: see law.hpp.
#ifndef GIBBS_PROPERTY_LIKELIHOOD_HPP
#define GIBBS_PROPERTY_LIKELIHOOD_HPP

#include "gibbs/measure/cross_entropy.hpp"
#include "gibbs/measure/entropy.hpp"
#include "gibbs/measure/kl_divergence.hpp"
#include "gibbs/measure/logits.hpp"
#include "gibbs/measure/nll.hpp"
#include "gibbs/measure/units.hpp"
#include "gibbs/property/law.hpp"

#include <vector>

namespace gibbs::property {

/// The NLL of a model on a sample is the cross-entropy of the sample's empirical distribution:
/// NLL(q, x) = H(p̂, q) = H(p̂) + KL(p̂‖q), p̂_i = count(i)/N.
///
/// This is why minimising the NLL over models minimises the forward KL from the data. Tolerance
/// c·ε·(NLL + H(p̂) + 1) for each of the two equalities: the NLL sums N logs, the other sides n
/// terms p̂_i·log q_i with p̂_i rounded once (law.hpp). All three are +∞ when a sample has
/// probability 0. lhs = NLL, rhs = H(p̂, q); holds only if H(p̂) + KL(p̂‖q) agrees as well.
/// Example: nll_is_cross_entropy_of_empirical(std::array{0.25, 0.75}, std::array{1, 1, 0}).
template <mass_range Q, sample_range S>
[[nodiscard]] constexpr law_check<result_t<Q>>
nll_is_cross_entropy_of_empirical(const Q& q, const S& samples, double c = default_slack) {
  using T = result_t<Q>;
  const T loss = nll(q, samples);
  const std::vector<T> empirical = empirical_distribution<T>(samples, std::ranges::size(q));
  const T cross = cross_entropy(empirical, q);
  const T h = entropy(empirical);
  const T kl = kl_divergence(empirical, q);
  if (detail::any_infinite(loss, cross, kl)) // a sample of probability 0: all must be +∞
    return {loss > T(0) && loss == cross && cross == kl, loss, cross, T(0)};
  const T tol = detail::slack(c, loss + h + T(1));
  const bool holds = detail::close(loss, cross, tol) && detail::close(loss, h + kl, tol);
  return {holds, loss, cross, tol};
}

/// Perplexity is the exponential of the NLL: perplexity(q, x) = exp(NLL(q, x)).
///
/// Tolerance c·ε·(1 + NLL)·exp(NLL): exp turns an absolute error δ of the NLL into a relative
/// error δ of the perplexity, and the NLL is known to c·ε·(1 + NLL). Both sides are +∞ when a
/// sample has probability 0. lhs = perplexity, rhs = exp(NLL).
template <mass_range Q, sample_range S>
[[nodiscard]] constexpr law_check<result_t<Q>> perplexity_is_exp_nll(const Q& q, const S& samples,
                                                                     double c = default_slack) {
  using T = result_t<Q>;
  const T ppl = perplexity(q, samples);
  const T loss = nll(q, samples);
  if (detail::any_infinite(ppl, loss)) return {ppl > T(0) && ppl == loss, ppl, loss, T(0)};
  const T rhs = gibbs::exp(loss);
  const T tol = detail::slack(c, (T(1) + loss) * rhs);
  return {detail::close(ppl, rhs, tol), ppl, rhs, tol};
}

/// Label smoothing is the cross-entropy from logits of the smoothed target:
/// L_ε(z, t) = H(t′, softmax z) with t′_k = (1 − ε)·[k = t] + ε/K, which bounds H(t′) (Gibbs), and
/// L_0(z, t) is the plain loss −log softmax(z)_t exactly.
///
/// The right side is the distribution form on the vector t′ built explicitly (a different
/// formula: one sum with the smoothed coefficients instead of (1 − ε)·A_t + (ε/K)·Σ A_k). Every
/// term of both sums is non-negative, so the tolerance is c·ε·(L + H(t′, softmax z) + 1) (t′ is
/// rounded once per entry, law.hpp). lhs = L_ε, rhs = the distribution form on t′.
/// Example: label_smoothing_is_smoothed_target(std::array{1.0, 2.0, 3.0}, 0, 0.1).
template <mass_range Z>
[[nodiscard]] constexpr law_check<result_t<Z>>
label_smoothing_is_smoothed_target(const Z& z, std::size_t target, const result_t<Z>& eps,
                                   double c = default_slack) {
  using T = result_t<Z>;
  const std::size_t K = std::ranges::size(z);
  const T smoothed = cross_entropy_from_logits(z, target, eps);
  std::vector<T> t(K, eps / T(static_cast<double>(K)));
  t[target] = (T(1) - eps) + eps / T(static_cast<double>(K));
  const T cross = cross_entropy_from_logits(z, t);
  const T h = entropy(t);
  const T tol = detail::slack(c, smoothed + cross + T(1));
  const bool zero_is_plain =
      cross_entropy_from_logits(z, target, T(0)) == cross_entropy_from_logits(z, target);
  const bool holds =
      zero_is_plain && detail::close(smoothed, cross, tol) && detail::at_most(h, smoothed, tol);
  return {holds, smoothed, cross, tol};
}

/// Bits are nats over ln 2: to_bits(x)·log 2 = x.
///
/// Tolerance c·ε·|x|: one division and one multiplication by a log 2 that is itself within an
/// ulp. lhs = to_bits(x)·log 2, rhs = x. Example: bits_are_nats_over_ln2(entropy({0.5, 0.5})).
template <real T>
[[nodiscard]] constexpr law_check<T> bits_are_nats_over_ln2(const T& nats,
                                                            double c = default_slack) {
  if (detail::is_infinite(nats)) return {to_bits(nats) == nats, to_bits(nats), nats, T(0)};
  const T lhs = to_bits(nats) * gibbs::log(T(2));
  const T tol = detail::slack(c, detail::abs(nats));
  return {detail::close(lhs, nats, tol), lhs, nats, tol};
}

} // namespace gibbs::property

#endif // GIBBS_PROPERTY_LIKELIHOOD_HPP
