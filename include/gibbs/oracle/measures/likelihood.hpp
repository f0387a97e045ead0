// gibbs/oracle/measures/likelihood.hpp: the oracle's descriptors of the empirical negative
// log-likelihood NLL = -(1/N) sum_k log q[s_k] and of perplexity exp(NLL). Both are evaluated on
// the counts c_i of each class: NLL = H(c/N, q), the cross-entropy of the empirical distribution.
#ifndef GIBBS_ORACLE_MEASURES_LIKELIHOOD_HPP
#define GIBBS_ORACLE_MEASURES_LIKELIHOOD_HPP

#include "gibbs/error.hpp"
#include "gibbs/measure/cross_entropy.hpp"
#include "gibbs/oracle/descriptor.hpp"
#include "gibbs/oracle/detail/common.hpp"
#include "gibbs/oracle/detail/kernel.hpp"
#include "gibbs/oracle/detail/normalized.hpp"
#include "gibbs/oracle/detail/rational_measure.hpp"

#include <cstdint>
#include <vector>

namespace gibbs::oracle::detail::likelihood_measure {

/// Valid q, at least one sample, every sample an index into q; +inf when a sample has
/// probability 0; NLL 0 (perplexity 1) when every sampled q is 1.
inline bool prepare(const view& r, prepared& x, result& out) {
  check_distribution(r.q, r, "q");
  x.q = r.q;
  if (r.samples.empty())
    gibbs::detail::throw_invalid(error_kind::no_samples, r.function, "samples", 0, 0.0);
  x.counts.assign(r.q.size(), 0);
  for (std::size_t k = 0; k < r.samples.size(); ++k) {
    const std::int64_t s = r.samples[k];
    if (s < 0 || static_cast<std::uint64_t>(s) >= r.q.size())
      throw_index_out_of_range(r.function, "samples", k, true, s, r.q.size(), "q");
    ++x.counts[static_cast<std::size_t>(s)];
  }
  x.samples = static_cast<std::int64_t>(r.samples.size());
  bool zero = true;
  for (std::size_t i = 0; i < x.counts.size(); ++i) {
    if (x.counts[i] == 0) continue;
    if (r.q[i] == 0) return infinite(r, out, r.what != measure::perplexity);
    if (r.q[i] != 1) zero = false;
  }
  if (normalized(r)) {
    x.sums_deferred = true;
    return false;
  }
  if (zero) return known(r.what == measure::perplexity ? 1.0 : 0.0, r, out);
  return false;
}

/// NLL: rational iff its exponents are proportional to the base's; perplexity: iff its exponents
/// over primitive elements are integers (rational.hpp).
inline rational::verdict exact(const view& r, const prepared& x) {
  return rational::nll(x.q, x.counts, x.samples, r.base, normalized(r),
                       r.what == measure::perplexity);
}

/// NLL in nats (normalized: + log sum(q)); perplexity: its exponential.
inline certified::sum_result fast_pass(const view& r, const prepared& x) {
  certified::sum_result s = kernel::nll(x.q, x.counts, x.samples);
  if (normalized(r)) {
    const normalized_pass::sum_dd sq = normalized_pass::sum_of(x.q);
    s = normalized_pass::combine(s, nullptr, normalized_pass::log_of(sq, nullptr));
  }
  return r.what == measure::perplexity ? kernel::exponentiate(s) : s;
}

inline bool settle(const view&, prepared& x, result&) {
  if (x.sums_deferred) exact_sum(x.q, x.sq);
  x.sums_deferred = false;
  return false;
}

/// gibbs::cross_entropy of the counts against q on intervals, over N (normalized: + log sum(q));
/// perplexity: exp of that.
inline interval enclose(const view& r, const prepared& x) {
  const std::vector<double> c(x.counts.begin(), x.counts.end()); // exact: counts < 2^53
  interval v = gibbs::detail::cross_entropy_unchecked<interval>(c, x.q)
               / interval(static_cast<double>(x.samples));
  if (normalized(r)) v += gibbs::log(interval::from(x.sq.get()));
  if (r.what == measure::perplexity) v = gibbs::exp(v);
  return v;
}

} // namespace gibbs::oracle::detail::likelihood_measure

namespace gibbs::oracle {

inline constexpr descriptor nll_descriptor{
    .id = measure::nll,
    .name = "nll",
    .function = "oracle::nll",
    .formula =
        "NLL = -(1/N) sum_k log q[s_k], the mean negative log-likelihood of the samples s under q",
    .inputs = input_q | input_samples,
    .roles = {"", "the model distribution q", "the sample: integer indices into q"},
    .parameters = {},
    .variants = exact_or_normalized,
    .base = base_rule::logarithm,
    .conformance_default = false,
    .laws_text = "finite where the exact value is",
    .prepare = detail::likelihood_measure::prepare,
    .exact = detail::likelihood_measure::exact,
    .fast = detail::likelihood_measure::fast_pass,
    .settle = detail::likelihood_measure::settle,
    .enclose = detail::likelihood_measure::enclose,
    .laws = nullptr,
};

inline constexpr descriptor perplexity_descriptor{
    .id = measure::perplexity,
    .name = "perplexity",
    .function = "oracle::perplexity",
    .formula = "exp(NLL) = exp(-(1/N) sum_k log q[s_k])",
    .inputs = input_q | input_samples,
    .roles = {"", "the model distribution q", "the sample: integer indices into q"},
    .parameters = {},
    .variants = exact_or_normalized,
    .base = base_rule::ignored,
    .conformance_default = false,
    .laws_text = "finite where the exact value is",
    .prepare = detail::likelihood_measure::prepare,
    .exact = detail::likelihood_measure::exact,
    .fast = detail::likelihood_measure::fast_pass,
    .settle = detail::likelihood_measure::settle,
    .enclose = detail::likelihood_measure::enclose,
    .laws = nullptr,
};

} // namespace gibbs::oracle

#endif // GIBBS_ORACLE_MEASURES_LIKELIHOOD_HPP
