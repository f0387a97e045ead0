// gibbs/oracle/evaluate.hpp: the oracle's entry point `evaluate` and its convenience wrappers.
#ifndef GIBBS_ORACLE_EVALUATE_HPP
#define GIBBS_ORACLE_EVALUATE_HPP

#include "gibbs/error.hpp"
#include "gibbs/oracle/api.hpp"

#include <cstdint>
#include <span>
#include <stdexcept>
#include <vector>

namespace gibbs::oracle {

/// Evaluates a request: the exact value of the measure on the given numbers, rounded once.
/// Throws gibbs::invalid_input (naming argument, index and value) for invalid input,
/// std::invalid_argument for an invalid base, digits or format, gibbs::oracle::undecided if the
/// rounding is still undecided at request::max_precision_bits.
/// Example: evaluate({.what = measure::entropy, .p = {0.5, 0.5}}).value == log(2).
inline result evaluate(const request& r) {
  (void)r;
  throw std::logic_error("gibbs::oracle::evaluate: not implemented yet");
}

namespace detail {
inline request make_request(measure m, const options& o) {
  request r;
  r.what = m;
  r.fmt = o.fmt;
  r.var = o.var;
  r.base = o.base;
  r.digits = o.digits;
  return r;
}
template <class T>
std::vector<double> widen(std::span<const T> x) {
  return std::vector<double>(x.begin(), x.end());
}
template <class T>
result two_argument(measure m, std::span<const T> p, std::span<const T> q, options o) {
  if constexpr (std::is_same_v<T, float>) o.fmt = format::binary32;
  request r = make_request(m, o);
  r.p = widen(p);
  r.q = widen(q);
  return evaluate(r);
}
} // namespace detail

/// Shannon entropy H(p) = -sum p log p of a distribution (see gibbs::entropy).
inline result entropy(std::span<const double> p, const options& o = {}) {
  request r = detail::make_request(measure::entropy, o);
  r.p = detail::widen(p);
  return evaluate(r);
}
/// Shannon entropy of a binary32 distribution, rounded to binary32.
inline result entropy(std::span<const float> p, const options& o = {}) {
  options f = o;
  f.fmt = format::binary32;
  request r = detail::make_request(measure::entropy, f);
  r.p = detail::widen(p);
  return evaluate(r);
}

#define GIBBS_ORACLE_TWO_ARGUMENT(name, tag)                                                       \
  inline result name(std::span<const double> p, std::span<const double> q,                         \
                     const options& o = {}) {                                                      \
    return detail::two_argument<double>(tag, p, q, o);                                             \
  }                                                                                                \
  inline result name(std::span<const float> p, std::span<const float> q, const options& o = {}) {  \
    return detail::two_argument<float>(tag, p, q, o);                                              \
  }

/// Cross-entropy H(p, q) = -sum p log q.
GIBBS_ORACLE_TWO_ARGUMENT(cross_entropy, measure::cross_entropy)
/// KL(p||q) = sum p log(p/q).
GIBBS_ORACLE_TWO_ARGUMENT(kl_divergence, measure::kl)
/// KL(q||p).
GIBBS_ORACLE_TWO_ARGUMENT(reverse_kl_divergence, measure::reverse_kl)
/// sum p log(p/q) - p + q.
GIBBS_ORACLE_TWO_ARGUMENT(generalized_kl_divergence, measure::generalized_kl)
/// Jensen-Shannon divergence.
GIBBS_ORACLE_TWO_ARGUMENT(jensen_shannon, measure::js)
#undef GIBBS_ORACLE_TWO_ARGUMENT

/// Empirical negative log-likelihood -(1/N) sum_k log q[samples_k].
inline result nll(std::span<const double> q, std::span<const std::int64_t> samples,
                  const options& o = {}) {
  request r = detail::make_request(measure::nll, o);
  r.q = detail::widen(q);
  r.samples.assign(samples.begin(), samples.end());
  return evaluate(r);
}
/// Perplexity exp(nll) (the base option is ignored).
inline result perplexity(std::span<const double> q, std::span<const std::int64_t> samples,
                         const options& o = {}) {
  request r = detail::make_request(measure::perplexity, o);
  r.q = detail::widen(q);
  r.samples.assign(samples.begin(), samples.end());
  return evaluate(r);
}
/// -log softmax(logits)[target_index].
inline result cross_entropy_from_logits(std::span<const double> logits, std::int64_t target_index,
                                        const options& o = {}) {
  request r = detail::make_request(measure::logits_cross_entropy, o);
  r.logits = detail::widen(logits);
  r.target_index = target_index;
  return evaluate(r);
}
/// -sum target_i log softmax(logits)_i.
inline result cross_entropy_from_logits(std::span<const double> logits,
                                        std::span<const double> target, const options& o = {}) {
  request r = detail::make_request(measure::logits_cross_entropy, o);
  r.logits = detail::widen(logits);
  r.target = detail::widen(target);
  return evaluate(r);
}

} // namespace gibbs::oracle

#endif // GIBBS_ORACLE_EVALUATE_HPP
