// gibbs/oracle/measures/bits_per_dim.hpp: the oracle's descriptor of bits per dimension,
// bpd = -(1/N) sum_k ll_k / (D ln 2), of the named array "log_likelihood" (nats per example) and
// the parameter "dims" D (a positive integer, at most 2^53). Always in bits: a base is an error.
//
// Interval evaluation: gibbs::detail::bits_per_dim_unchecked (gibbs/measure/bits_per_dim.hpp) on
// intervals. Exact values: the sum S of the log-likelihoods is a dyadic rational, so the value
// -S/(N D log 2) is 0 when S = 0 (decided in the prepare stage, exactly) and irrational otherwise
// (log 2 is irrational, Hermite-Lindemann): Ziv's loop always ends.
#ifndef GIBBS_ORACLE_MEASURES_BITS_PER_DIM_HPP
#define GIBBS_ORACLE_MEASURES_BITS_PER_DIM_HPP

#include "gibbs/measure/bits_per_dim.hpp"
#include "gibbs/oracle/descriptor.hpp"
#include "gibbs/oracle/detail/common.hpp"
#include "gibbs/oracle/detail/exact_sum.hpp"

#include <array>
#include <cmath>
#include <span>

namespace gibbs::oracle::detail::bits_per_dim_measure {

inline bool valid_dims(double d) {
  return std::isfinite(d) && d >= 1 && d <= 0x1p53 && d == std::floor(d);
}

/// Valid log-likelihoods; 0 when their exact sum is 0.
inline bool prepare(const view& r, prepared& x, result& out) {
  const std::span<const double> ll = named_array(r, "log_likelihood");
  check_entries(ll, r.function, "log_likelihood", r.fmt, true);
  (void)x;
  big s(64);
  exact_sum(ll, s);
  if (mpfr_zero_p(s.get())) return known(0.0, r, out);
  return false;
}

/// gibbs::detail::bits_per_dim_unchecked on intervals.
inline interval enclose(const view& r, const prepared& x) {
  return gibbs::detail::bits_per_dim_unchecked<interval>(named_array(r, "log_likelihood"),
                                                         interval(x.parameters[0]));
}

inline constexpr std::array<parameter, 1> parameters{{
    {"dims",
     "the number of dimensions D of one example (3072 for a 32x32 RGB image)",
     "dims a positive integer <= 2^53",
     valid_dims,
     {1.0, 3072.0}},
}};

inline constexpr std::array<array_input, 1> arrays{{
    {"log_likelihood", "the log-likelihood of each example, in nats", true},
}};

} // namespace gibbs::oracle::detail::bits_per_dim_measure

namespace gibbs::oracle {

inline constexpr descriptor bits_per_dim_descriptor{
    .id = measure::bits_per_dim,
    .name = "bits_per_dim",
    .function = "oracle::bits_per_dim",
    .formula = "bpd = -mean(log_likelihood) / (dims ln 2)",
    .inputs = 0,
    .roles = {},
    .parameters = detail::bits_per_dim_measure::parameters,
    .variants = exact_only,
    .base = base_rule::rejected,
    .conformance_default = false,
    .laws_text = "finite",
    .prepare = detail::bits_per_dim_measure::prepare,
    .exact = nullptr,
    .fast = nullptr,
    .settle = nullptr,
    .enclose = detail::bits_per_dim_measure::enclose,
    .laws = nullptr,
    .arrays = detail::bits_per_dim_measure::arrays,
};

} // namespace gibbs::oracle

#endif // GIBBS_ORACLE_MEASURES_BITS_PER_DIM_HPP
