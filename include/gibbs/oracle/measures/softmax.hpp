// gibbs/oracle/measures/softmax.hpp: the oracle's descriptors of softmax, log_softmax and the
// gradient of the cross-entropy from logits, the vector-valued measures of a row of logits (one
// correctly rounded result per logit; evaluated by oracle/detail/vector.hpp).
#ifndef GIBBS_ORACLE_MEASURES_SOFTMAX_HPP
#define GIBBS_ORACLE_MEASURES_SOFTMAX_HPP

#include "gibbs/error.hpp"
#include "gibbs/measure/softmax.hpp"
#include "gibbs/oracle/descriptor.hpp"
#include "gibbs/oracle/detail/certified_dd.hpp"
#include "gibbs/oracle/detail/common.hpp"
#include "gibbs/oracle/detail/kernel.hpp"
#include "gibbs/oracle/detail/rational_measure.hpp"
#include "gibbs/oracle/detail/validate.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <limits>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

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
    throw invalid_input(error_kind::invalid_request, "base", r.base,
                        std::string("gibbs::") + r.function + ": base = " + buf
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

/// The enclosures of enclose_softmax, enclose_log_softmax and enclose_grad for the outputs
/// `which` only: the same log-sum-exp enclosure (gibbs::detail::log_sum_exp_parts, as the generic
/// functions of gibbs/measure/softmax.hpp compute it) and, per output, the same expression.
inline void enclose_selected_of(const view& r, const prepared& x,
                                std::span<const std::size_t> which, std::span<interval> out,
                                int kind) {
  const auto parts = gibbs::detail::log_sum_exp_parts<interval>(r.logits, r.function);
  for (std::size_t k = 0; k < which.size(); ++k) {
    const std::size_t i = which[k];
    const interval a = (gibbs::detail::at<interval>(r.logits, i) - parts.max) - parts.log1p_rest;
    if (kind == 0) {
      out[k] = gibbs::exp(a);
    } else if (kind == 1) {
      out[k] = a;
    } else {
      interval g;
      if (r.target.empty())
        g = i == static_cast<std::size_t>(r.target_index) ? gibbs::expm1(a) : gibbs::exp(a);
      else
        g = gibbs::exp(a) - gibbs::detail::at<interval>(r.target, i);
      out[k] = x.divisor != 1 ? g / interval(x.divisor) : g;
    }
  }
}
inline void selected_softmax(const view& r, const prepared& x, std::span<const std::size_t> which,
                             std::span<interval> out) {
  enclose_selected_of(r, x, which, out, 0);
}
inline void selected_log_softmax(const view& r, const prepared& x,
                                 std::span<const std::size_t> which, std::span<interval> out) {
  enclose_selected_of(r, x, which, out, 1);
}
inline void selected_grad(const view& r, const prepared& x, std::span<const std::size_t> which,
                          std::span<interval> out) {
  enclose_selected_of(r, x, which, out, 2);
}

/// The gradient: finite logits; a class index in range or a target distribution of the same
/// length (sum 1 within the format's tolerance); in nats, so a base other than e is an error.
inline bool prepare_grad(const view& r, prepared& x, result& out) {
  if (r.base != 0) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.17g", r.base);
    throw invalid_input(error_kind::invalid_request, "base", r.base,
                        std::string("gibbs::") + r.function + ": base = " + buf
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

// The certified double-double pass of a whole row (fast_elements; request::allow_fast_path, no
// digits). One log-sum-exp of the row, kernel::log_sum_exp: M = max z (index m), the terms
// e_i = exp(z_i - M) within rho_e = kernel::rho_term(e_i) relative each (2^-79 from 2^-969 on,
// else RHO_EXP = 2^-72; e_m = 1 exactly; terms below 2^-1000 are not kept: e_i <
// 2^-1000 (1 + 2^-50)), S' = sum_(i != m) e_i as y within E_S <= 2^-40 absolute, and
// L = log1p(S') within errL absolute. Then every output with its own
// absolute bound, decided by certified::decide (both ends of [v - E, v + E] round to one number
// of the format and the enclosure lies strictly on one side of it; it declines below 2^-960
// and for E >= 2^-40 |v|); the outputs it declines stay for Ziv's loop. The double-double
// operations (number/double_double.hpp): + and - within 2^-104.4 of the exact result, * within
// 2^-103.1, / within 2^-101.8; underflow in a product or its low part (results >= 2^-960 whose
// parts fall below 2^-969) loses at most 2^-1075 absolute per component: SLACK = 2^-1068 per
// output covers it.
//   log_softmax_i = (z_i - M) - L: z_i - M = dh + dl exactly (TwoSum), one subtraction. Both
//     parts are <= 0, so nothing cancels: E = errL + 2^-104 |v| (rounded up by 1 + 2^-50).
//   softmax_i = e_i / Q, Q = 1 + S' >= 1: Q = 1 + y in double-double (2^-104.4) is within
//     E_S + 2^-104.4 Q of the exact Q*, so Q* >= Q.hi (1 - 2^-39.9) (E_S <= 2^-40, Q.hi >= 1)
//     and Q errs by E_S / Q.hi (1 + 2^-39) + 2^-104.3 relative; R = 1 / Q (2^-101.8; divided by
//     the divisor D of the gradient's mean, one more division, 2^-101.8) is within
//     rho_R = E_S / Q.hi (1 + 2^-38) + 2^-100 relative; s_i = e_i R (2^-103.1):
//     rho_s = rho_e + rho_R + 2^-103.1 + the products of the relative errors (< 2^-110), so
//     rho_s <= rho_e + rho_R + 2^-102 and E = rho_s |s| + SLACK. A term not kept
//     (below 2^-1000) gives s_i < 2^-999: in binary32, binary16 and bfloat16 that is below half
//     the smallest subnormal, so the output is +0 (enclosure [0, the smallest subnormal]); in
//     binary64 it is left to the loop, as is every s below 2^-960.
//   The gradient (softmax_i - t_i) / D:
//     * t_i = 0 (a class index other than i, or a zero entry of a distribution): s_i / D as
//       above (R already holds 1/D).
//     * the class index t, the maximum's index m: softmax_m - 1 = -S' / Q, which does not
//       cancel: y within E_S (relative E_S / |y|), times R: rho = E_S / |y| + rho_R + 2^-103
//       (+ 2^-110 for the products of the errors); y = 0 declines.
//     * the class index t != m: softmax_t - 1 = -(Q - e_t) / Q, with N = Q - e_t >= 1 exactly
//       (S' >= e_t): N = Q - e_t in double-double is within E_S + 2^-104.4 Q + rho_e e_t +
//       2^-104.4 N of N*, and Q <= 2 N, so relative E_S (1 + 2^-40) + rho_e (1 + 2^-40) +
//       2^-102; times R: rho = that + rho_R + 2^-103. A term e_t not kept declines.
//     * a distribution entry t_i > 0: (s_i - t_i) / D = (s_i / D) - t_i / D: S = e_i R (R with
//       1/D) within rho_s |S| + SLACK, minus T = t_i / D (2^-101.8 |T|), one subtraction
//       (2^-104.4 of the result): E = rho_s |S| + 2^-101.7 |T| + 2^-104 |v| + SLACK; this may
//       cancel (s_i ~ t_i), which the absolute bound accounts for and certified::decide then
//       declines (E >= 2^-40 |v|). A term not kept: S = 0 within 2^-999 / D.
enum class fast_kind { softmax, log_softmax, grad };

/// A positive output below 2^-900 in a format narrower than binary64: +0, in [0, its smallest
/// subnormal]. False in binary64 (its subnormals are left to the loop).
inline bool tiny_positive(const view& r, result& out) {
  if (r.fmt == format::binary64) return false;
  result res;
  res.fmt = r.fmt;
  res.value = 0.0;
  res.lo = 0.0;
  res.hi = oracle::next_up(0.0, r.fmt);
  res.precision_bits = 106;
  res.fast_path = true;
  res.exact = false;
  out = res;
  return true;
}

inline void fast_row(const view& r, const prepared& x, std::span<result> out, std::span<char> done,
                     fast_kind kind) {
  using gibbs::double_double;
  using kernel::dd_pair;
  constexpr double SLACK = 0x1p-1068, ROUND_UP = 1 + 0x1p-50;
  const std::span<const double> z = r.logits;
  const std::size_t n = z.size();
  std::vector<dd_pair> e(kind == fast_kind::log_softmax ? 0 : n);
  const kernel::lse_parts P = kernel::log_sum_exp(z, e);
  if (!P.ok) return;
  if (kind == fast_kind::log_softmax) {
    const double_double L(P.L.hi, P.L.lo);
    for (std::size_t i = 0; i < n; ++i) {
      const dd_pair d = kernel::two_sum(z[i], -P.M);
      if (!std::isfinite(d.hi)) continue;
      const double_double v = double_double(d.hi, d.lo) - L;
      const double E = (P.errL + std::fabs(v.hi) * 0x1p-104) * ROUND_UP;
      done[i] = certified::settle(v, E, r.fmt, out[i]) ? 1 : 0;
    }
    return;
  }
  const double D = x.divisor;
  const double_double Q = double_double(1.0) + double_double(P.y.hi, P.y.lo);
  double_double R = double_double(1.0) / Q;
  if (D != 1) R = R / double_double(D);
  const double rho_R = P.E_S / Q.hi * (1 + 0x1p-38) + 0x1p-100;
  const double rho_s0 = rho_R + 0x1p-102; // rho_s without the term's own rho_e
  const bool index = kind == fast_kind::grad && r.target.empty();
  const std::size_t t = index ? static_cast<std::size_t>(r.target_index) : n;
  for (std::size_t i = 0; i < n; ++i) {
    const double ti = kind == fast_kind::softmax || index ? 0.0 : r.target[i];
    bool ok = false;
    if (i == t) { // softmax_t - 1, without cancellation
      double_double N;
      double rho;
      if (t == P.im) {
        if (!(P.y.hi > 0)) continue;
        N = double_double(P.y.hi, P.y.lo);
        rho = P.E_S / (P.y.hi * (1 - 0x1p-50));
      } else {
        if (e[t].hi == 0) continue;
        N = Q - double_double(e[t].hi, e[t].lo);
        rho = (P.E_S + kernel::rho_term(e[t].hi)) * (1 + 0x1p-40) + 0x1p-102;
      }
      const double_double v = -(N * R);
      ok = certified::settle(v, std::fabs(v.hi) * (rho + rho_R + 0x1p-102) * ROUND_UP + SLACK,
                             r.fmt, out[i]);
    } else if (ti == 0) { // s_i / D
      if (e[i].hi == 0) {
        ok = tiny_positive(r, out[i]);
      } else {
        const double_double v = double_double(e[i].hi, e[i].lo) * R;
        ok = v.hi < 0x1p-900
                 ? tiny_positive(r, out[i])
                 : certified::settle(
                     v, std::fabs(v.hi) * (kernel::rho_term(e[i].hi) + rho_s0) * ROUND_UP + SLACK,
                     r.fmt, out[i]);
      }
    } else { // (s_i - t_i) / D, which may cancel: an absolute bound
      const double_double S =
          e[i].hi == 0 ? double_double(0.0) : double_double(e[i].hi, e[i].lo) * R;
      const double eS =
          e[i].hi == 0 ? 0x1p-999 / D : std::fabs(S.hi) * (kernel::rho_term(e[i].hi) + rho_s0);
      const double_double T = D == 1 ? double_double(ti) : double_double(ti) / double_double(D);
      const double_double v = S - T;
      const double E =
          (eS + std::fabs(T.hi) * 0x1.4p-102 + std::fabs(v.hi) * 0x1p-104) * ROUND_UP + SLACK;
      ok = certified::settle(v, E, r.fmt, out[i]);
    }
    done[i] = ok ? 1 : 0;
  }
}

/// fast_row of one kind, as descriptor::fast_elements.
template <fast_kind K>
void fast_of(const view& r, const prepared& x, std::span<result> out, std::span<char> done) {
  fast_row(r, x, out, done, K);
}

// Outputs a hair from a rational (descriptor::near_elements). With M = max z, k logits equal
// to M, a_i = z_i - M and r = sum_(z_j < M) e^(a_j), 0 < r <= (K - k) e^(d) for d the largest
// a_j below 0, the outputs are
//   softmax_i      = e^(a_i) / (k + r): for a maximum 1/k - tau, tau = r / (k (k + r)) <= r;
//                    otherwise 0 + e^(a_i) / (k + r) <= e^(a_i);
//   log_softmax_i  = a_i - log k - log1p(r / k): for k = 1, a_i - t with 0 < t = log1p(r) <= r
//                    (for k > 1 it is near the irrational a_i - log k, which Ziv's loop
//                    separates from every rounding boundary);
//   gradient_i     = (softmax_i - t_i) / D: (1/k - t_i) / D - tau / D for a maximum,
//                    -t_i / D + e^(a_i) / ((k + r) D) otherwise (t_i the target's entry, 1 or
//                    0 for a class index),
// each X + side t with X rational and 0 < t <= 2^tail (D >= 1 only shrinks t). When the bound
// is below the gap of rational::near_gap_log2, the output rounds as X moved an infinitesimal
// step toward `side` (rational::result_near), which no enclosure can show when X is a number of
// the format, a midpoint or a decimal tie and t is below MPFR's reach: logits (-1, 2^53) give
// log_softmax_0 = -(2^53 + 1) - log1p(e^(-2^53 - 1)), below a binary64 midpoint by
// e^(-2^53 - 1). The bounds in log2: e^a <= 2^(a log2(e) (1 - 2^-40)) for a < 0 taken with
// |a| rounded down, and r's bound adds log2(K - k) (rounded up). Outputs whose bound is above
// 2^-200 are left to the loop (an enclosure of a few hundred bits decides them).
inline constexpr double near_tail_limit = -200;

/// An upper bound of log2(e^a) for a = z - M <= 0 (a rounded to nearest is within |a| 2^-53).
inline double exp_log2_upper(double z, double M) {
  const double a = z - M;
  if (a == 0) return 0;
  if (!std::isfinite(a)) return -std::numeric_limits<double>::infinity(); // z - M below -2^1024
  const double a_up = a + std::fabs(a) * 0x1p-52;
  return a_up * 1.4426950408889634 * (1 - 0x1p-40);
}

inline void near_row(const view& r, const prepared& x, std::span<result> out, std::span<char> done,
                     fast_kind kind) {
  const std::span<const double> z = r.logits;
  const std::size_t n = z.size();
  double M = z[0];
  for (const double v : z)
    M = v > M ? v : M;
  std::size_t k = 0;
  double d = -std::numeric_limits<double>::infinity();
  for (const double v : z) {
    if (v == M)
      ++k;
    else
      d = std::max(d, exp_log2_upper(v, M));
  }
  if (k == n) return; // all equal: exact_elements
  // log2 of the bound of r (and of tau, t for the maxima), rounded up.
  const double rest = d + std::log2(static_cast<double>(n - k)) * (1 + 0x1p-40) + 0x1p-40;
  const bool index = kind == fast_kind::grad && r.target.empty();
  rational::fraction X, t, w;
  for (std::size_t i = 0; i < n; ++i) {
    if (done[i]) continue;
    const bool top = z[i] == M;
    double tail = 0;
    int side = 0;
    if (kind == fast_kind::log_softmax) {
      if (k != 1) continue;
      tail = rest;
      side = -1;
      mpq_set_d(X.get(), z[i]);
      mpq_set_d(t.get(), M);
      mpq_sub(X.get(), X.get(), t.get()); // a_i, exact
    } else {
      tail = top ? rest : exp_log2_upper(z[i], M);
      side = top ? -1 : 1;
      if (top)
        mpq_set_ui(X.get(), 1, static_cast<unsigned long>(k));
      else
        mpq_set_ui(X.get(), 0, 1);
      if (kind == fast_kind::grad) {
        if (index)
          mpq_set_ui(t.get(), static_cast<std::size_t>(r.target_index) == i ? 1 : 0, 1);
        else
          mpq_set_d(t.get(), r.target[i]);
        mpq_sub(X.get(), X.get(), t.get());
        mpq_set_d(w.get(), x.divisor);
        mpq_div(X.get(), X.get(), w.get());
      }
    }
    if (!(tail < near_tail_limit)) continue;
    if (mpq_sgn(X.get()) == 0 && r.digits > 0) continue;
    if (rational::result_near(X.get(), side, tail, r.fmt, r.digits, out[i])) {
      out[i].precision_bits = 64;
      done[i] = 1;
    }
  }
}

/// near_row of one kind, as descriptor::near_elements.
template <fast_kind K>
void near_of(const view& r, const prepared& x, std::span<result> out, std::span<char> done) {
  near_row(r, x, out, done, K);
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
    .fast_elements = detail::softmax_measure::fast_of<detail::softmax_measure::fast_kind::softmax>,
    .near_elements = detail::softmax_measure::near_of<detail::softmax_measure::fast_kind::softmax>,
    .enclose_selected = detail::softmax_measure::selected_softmax,
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
    .fast_elements =
        detail::softmax_measure::fast_of<detail::softmax_measure::fast_kind::log_softmax>,
    .near_elements =
        detail::softmax_measure::near_of<detail::softmax_measure::fast_kind::log_softmax>,
    .enclose_selected = detail::softmax_measure::selected_log_softmax,
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
    .fast_elements = detail::softmax_measure::fast_of<detail::softmax_measure::fast_kind::grad>,
    .near_elements = detail::softmax_measure::near_of<detail::softmax_measure::fast_kind::grad>,
    .enclose_selected = detail::softmax_measure::selected_grad,
    .class_targets = true,
};

} // namespace gibbs::oracle

#endif // GIBBS_ORACLE_MEASURES_SOFTMAX_HPP
