// gibbs/oracle/measures/likelihood.hpp: the oracle's descriptors of the empirical negative
// log-likelihood NLL = -(1/N) sum_k log q[s_k] and of perplexity exp(NLL). Both are evaluated on
// the counts c_i of each class: NLL = H(c/N, q), the cross-entropy of the empirical distribution.
#ifndef GIBBS_ORACLE_MEASURES_LIKELIHOOD_HPP
#define GIBBS_ORACLE_MEASURES_LIKELIHOOD_HPP

#include "gibbs/error.hpp"
#include "gibbs/measure/cross_entropy.hpp"
#include "gibbs/oracle/descriptor.hpp"
#include "gibbs/oracle/detail/common.hpp"
#include "gibbs/oracle/detail/exact.hpp"
#include "gibbs/oracle/detail/kernel.hpp"
#include "gibbs/oracle/detail/normalized.hpp"

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
      gibbs::detail::throw_invalid(error_kind::index_out_of_range, r.function, "samples", k,
                                   static_cast<double>(s));
    ++x.counts[static_cast<std::size_t>(s)];
  }
  x.samples = static_cast<std::int64_t>(r.samples.size());
  bool zero = true;
  for (std::size_t i = 0; i < x.counts.size(); ++i) {
    if (x.counts[i] == 0) continue;
    if (r.q[i] == 0) return infinite(r, out);
    if (r.q[i] != 1) zero = false;
  }
  if (normalized(r)) {
    x.sums_deferred = true;
    return false;
  }
  if (zero) return known(r.what == measure::perplexity ? 1.0 : 0.0, r, out);
  return false;
}

/// Every sampled q_i a power of two 2^k_i: NLL = -(sum c_i k_i / N) ln 2, perplexity
/// 2^(-sum c_i k_i / N), dyadic iff N divides sum c_i k_i (exact.hpp).
inline bool exact(const view& r, const prepared& x, big& v) {
  const bool ppl = r.what == measure::perplexity;
  long j = 0, k = 0;
  if (normalized(r) || (!ppl && !power_of_two_base(r, j))) return false;
  // S = -sum c_i k_i / N: an integer numerator, exact in an int64 for any realistic sample.
  int128 num = 0;
  for (std::size_t i = 0; i < x.counts.size(); ++i) {
    if (x.counts[i] == 0) continue;
    if (!power_of_two(x.q[i], k)) return false;
    num -= static_cast<int128>(x.counts[i]) * k;
  }
  if (ppl) {
    if (num % x.samples != 0) return false; // 2^(non-integer): irrational
    const auto e = static_cast<long>(num / x.samples);
    mpfr_set_prec(v.get(), 64);
    mpfr_set_ui_2exp(v.get(), 1, e, MPFR_RNDN);
    return true;
  }
  if (num > INT64_MAX || num < INT64_MIN) return false;
  // nats: (num/N) ln 2, never rational unless num = 0; base 2^j: num/(N j).
  mpfr_set_prec(v.get(), 256);
  if (num == 0) {
    mpfr_set_zero(v.get(), 1);
    return true;
  }
  if (j == 0) return false;
  mpfr_set_si(v.get(), static_cast<long>(num), MPFR_RNDN);
  // num/(N j) is dyadic only if N j divides num up to a power of two; if the division is inexact
  // the value is a non-dyadic rational: neither representable nor a midpoint, Ziv decides it.
  big d(256);
  mpfr_set_si(d.get(), static_cast<long>(x.samples), MPFR_RNDN);
  mpfr_mul_si(d.get(), d.get(), j, MPFR_RNDN);
  return mpfr_div(v.get(), v.get(), d.get(), MPFR_RNDN) == 0;
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
