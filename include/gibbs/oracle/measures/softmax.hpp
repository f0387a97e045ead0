// gibbs/oracle/measures/softmax.hpp: the oracle's descriptors of softmax, log_softmax and the
// gradient of the cross-entropy from logits, the vector-valued measures of a row of logits (one
// correctly rounded result per logit; evaluated by oracle/detail/vector.hpp).
#ifndef GIBBS_ORACLE_MEASURES_SOFTMAX_HPP
#define GIBBS_ORACLE_MEASURES_SOFTMAX_HPP

#include "gibbs/measure/softmax.hpp"
#include "gibbs/oracle/descriptor.hpp"
#include "gibbs/oracle/detail/common.hpp"
#include "gibbs/oracle/detail/rational_measure.hpp"
#include "gibbs/oracle/detail/validate.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <span>
#include <stdexcept>
#include <string>

namespace gibbs::oracle::detail::softmax_measure {

/// Finite logits, numbers of the format, at least one.
inline bool prepare(const view& r, prepared&, result&) {
  check_entries(r.logits, r.function, "logits", r.fmt, true);
  return false;
}

/// As prepare; log_softmax is in nats (as torch.log_softmax): a base other than e is an error.
inline bool prepare_log(const view& r, prepared& x, result& out) {
  if (r.base != 0) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.17g", r.base);
    throw std::invalid_argument(std::string("gibbs::") + r.function + ": base = " + buf
                                + " is not taken: log_softmax is in nats (natural logarithms, as "
                                  "torch.log_softmax)");
  }
  return prepare(r, x, out);
}

/// One output per logit.
inline std::size_t outputs(const view& r) {
  return r.logits.size();
}

/// Whether every logit equals the first.
inline bool all_equal(std::span<const double> z) {
  for (const double v : z)
    if (v != z[0]) return false;
  return true;
}

/// softmax_i is rational exactly when all K logits are equal, and is then 1/K. Why: softmax_i =
/// 1/S with S = sum_j exp(z_j - z_i) = sum_k m_k exp(a_k) over the distinct differences a_k
/// (rationals: the logits are binary numbers; a_0 = 0, m_k >= 1). If S were a rational s, then
/// (m_0 - s) e^0 + sum_{k != 0} m_k e^{a_k} = 0 would be a vanishing combination of exponentials
/// of distinct algebraic numbers with algebraic coefficients, not all zero as soon as some
/// a_k != 0: impossible by the Lindemann-Weierstrass theorem.
inline bool exact_softmax(const view& r, const prepared&, std::span<result> out) {
  if (!all_equal(r.logits)) return false;
  rational::fraction k;
  mpq_set_ui(k.get(), 1, static_cast<unsigned long>(r.logits.size()));
  for (result& o : out)
    o = rational::result_of(k.get(), r.fmt, r.digits);
  return true;
}

/// log_softmax_i is rational exactly when K = 1 (then it is 0). Why: log_softmax_i = s rational
/// means sum_k m_k e^{a_k} - e^{b} = 0 with the distinct logits a_k (multiplicities m_k) and
/// b = z_i - s; by Lindemann-Weierstrass this needs b = a_k for one k, m_k = 1 and no other a_k:
/// a single logit.
inline bool exact_log_softmax(const view& r, const prepared&, std::span<result> out) {
  if (r.logits.size() != 1) return false;
  out[0] = special(0.0, r);
  return true;
}

/// gibbs::softmax on intervals: one enclosure of the log-sum-exp, then exp((z_i - M) - L).
inline void enclose_softmax(const view& r, const prepared&, std::span<interval> out) {
  gibbs::softmax(r.logits, out);
}

/// gibbs::log_softmax on intervals: one enclosure of the log-sum-exp, then (z_i - M) - L.
inline void enclose_log_softmax(const view& r, const prepared&, std::span<interval> out) {
  gibbs::log_softmax(r.logits, out);
}

/// The gradient: finite logits; a class index in range or a target distribution of the same
/// length (sum 1 within the format's tolerance); in nats, so a base other than e is an error.
inline bool prepare_grad(const view& r, prepared& x, result& out) {
  if (r.base != 0) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.17g", r.base);
    throw std::invalid_argument(std::string("gibbs::") + r.function + ": base = " + buf
                                + " is not taken: the gradient is that of the loss in nats");
  }
  prepare(r, x, out);
  if (r.target.empty()) {
    if (r.target_index < 0 || static_cast<std::uint64_t>(r.target_index) >= r.logits.size())
      throw_index_out_of_range(r.function, "target", 0, false, r.target_index, r.logits.size(),
                               "logits");
  } else {
    check_same_length(r.logits.size(), r.target.size(), r.function, "target", "logits");
    check_distribution(r.target, r, "target");
  }
  return false;
}

/// (softmax_i - t_i) / D is rational exactly when all logits are equal (softmax_i is irrational
/// otherwise, see exact_softmax, and t_i, D are rational): then (1/K - t_i) / D, rounded once.
inline bool exact_grad(const view& r, const prepared& x, std::span<result> out) {
  if (!all_equal(r.logits)) return false;
  rational::fraction k, t, d;
  mpq_set_d(d.get(), x.divisor);
  for (std::size_t i = 0; i < out.size(); ++i) {
    mpq_set_ui(k.get(), 1, static_cast<unsigned long>(r.logits.size()));
    if (r.target.empty())
      mpq_set_ui(t.get(), static_cast<std::size_t>(r.target_index) == i ? 1 : 0, 1);
    else
      mpq_set_d(t.get(), r.target[i]);
    mpq_sub(k.get(), k.get(), t.get());
    mpq_div(k.get(), k.get(), d.get());
    out[i] = rational::result_of(k.get(), r.fmt, r.digits);
  }
  return true;
}

/// gibbs::logits_cross_entropy_grad on intervals (one log-sum-exp), divided by prepared::divisor.
inline void enclose_grad(const view& r, const prepared& x, std::span<interval> out) {
  if (r.target.empty())
    gibbs::logits_cross_entropy_grad(r.logits, static_cast<std::size_t>(r.target_index), out);
  else
    gibbs::logits_cross_entropy_grad(r.logits, r.target, out);
  if (x.divisor != 1)
    for (interval& o : out)
      o = o / interval(x.divisor);
}

} // namespace gibbs::oracle::detail::softmax_measure

namespace gibbs::oracle {

inline constexpr descriptor softmax_descriptor{
    .id = measure::softmax,
    .name = "softmax",
    .function = "oracle::softmax",
    .formula = "softmax(z)_i = exp(z_i) / sum_j exp(z_j), one result per logit",
    .inputs = input_logits,
    .roles = {"", "", "", "the logits z (a batch: one row of logits per case)", ""},
    .parameters = {},
    .variants = exact_only,
    .base = base_rule::rejected,
    .conformance_default = false,
    .laws_text = "finite where the exact value is",
    .prepare = detail::softmax_measure::prepare,
    .exact = nullptr,
    .fast = nullptr,
    .settle = nullptr,
    .enclose = nullptr,
    .laws = nullptr,
    .vector_valued = true,
    .outputs = detail::softmax_measure::outputs,
    .exact_elements = detail::softmax_measure::exact_softmax,
    .enclose_elements = detail::softmax_measure::enclose_softmax,
};

inline constexpr descriptor log_softmax_descriptor{
    .id = measure::log_softmax,
    .name = "log_softmax",
    .function = "oracle::log_softmax",
    .formula = "log softmax(z)_i = z_i - log sum_j exp(z_j) (nats), one result per logit",
    .inputs = input_logits,
    .roles = {"", "", "", "the logits z (a batch: one row of logits per case)", ""},
    .parameters = {},
    .variants = exact_only,
    .base = base_rule::ignored,
    .conformance_default = false,
    .laws_text = "finite where the exact value is",
    .prepare = detail::softmax_measure::prepare_log,
    .exact = nullptr,
    .fast = nullptr,
    .settle = nullptr,
    .enclose = nullptr,
    .laws = nullptr,
    .vector_valued = true,
    .outputs = detail::softmax_measure::outputs,
    .exact_elements = detail::softmax_measure::exact_log_softmax,
    .enclose_elements = detail::softmax_measure::enclose_log_softmax,
};

inline constexpr descriptor logits_cross_entropy_grad_descriptor{
    .id = measure::logits_cross_entropy_grad,
    .name = "logits_cross_entropy_grad",
    .function = "oracle::logits_cross_entropy_grad",
    .formula = "d/dz of logits_cross_entropy: softmax(z)_i - t_i (t one-hot for a class index), "
               "divided by B for reduction mean (the default), one result per logit",
    .inputs = input_logits | input_target,
    .roles = {"", "", "", "the logits z (a batch: one row of logits per case)",
              "the target: one integer class index, or a distribution t"},
    .parameters = {},
    .variants = exact_only,
    .base = base_rule::ignored,
    .conformance_default = false,
    .laws_text = "finite where the exact value is",
    .prepare = detail::softmax_measure::prepare_grad,
    .exact = nullptr,
    .fast = nullptr,
    .settle = nullptr,
    .enclose = nullptr,
    .laws = nullptr,
    .vector_valued = true,
    .gradient_reduction = true,
    .outputs = detail::softmax_measure::outputs,
    .exact_elements = detail::softmax_measure::exact_grad,
    .enclose_elements = detail::softmax_measure::enclose_grad,
};

} // namespace gibbs::oracle

#endif // GIBBS_ORACLE_MEASURES_SOFTMAX_HPP
