// gibbs/oracle/measures/logits.hpp: the oracle's descriptor of cross-entropy from logits,
// -log softmax(z)[t] for a class index t, or -sum t_i log softmax(z)_i for a distribution t, with
// PyTorch's label_smoothing, ignore_index and class weights.
#ifndef GIBBS_ORACLE_MEASURES_LOGITS_HPP
#define GIBBS_ORACLE_MEASURES_LOGITS_HPP

#include "gibbs/error.hpp"
#include "gibbs/measure/logits.hpp"
#include "gibbs/number/double_double.hpp"
#include "gibbs/oracle/descriptor.hpp"
#include "gibbs/oracle/detail/common.hpp"
#include "gibbs/oracle/detail/kernel.hpp"
#include "gibbs/oracle/detail/rational_measure.hpp"

#include <array>
#include <cmath>
#include <cstdint>
#include <limits>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

namespace gibbs::oracle::detail::logits_measure {

// With label smoothing eps, class weights w (1 when absent) and K classes, the loss of a row is
// PyTorch's (torch.nn.functional.cross_entropy, aten/src/ATen/native/LossNLL.cpp):
//   class target t:  (1 - eps) w_t A_t + (eps / K) sum_k w_k A_k,
//   distribution t:  sum_k w_k ((1 - eps) t_k + eps / K) A_k,
// A_k = -log softmax(z)_k = (max z - z_k) + log1p(sum_{j != argmax} exp(z_j - max z)) >= 0: a
// combination of non-negative terms with non-negative coefficients. A row whose class is
// ignore_index is 0 and has weight 0 in the mean's divisor; the other rows of a class target have
// weight w_t, those of a distribution target weight 1 (PyTorch divides by the batch size there).

[[nodiscard]] inline double smoothing(const prepared& x) {
  return x.parameters[0];
}
[[nodiscard]] inline std::int64_t ignore_index(const prepared& x) {
  return static_cast<std::int64_t>(x.parameters[1]);
}
[[nodiscard]] inline bool ignored(const view& r, const prepared& x) {
  return r.target.empty() && r.target_index == ignore_index(x);
}

/// Finite logits (of any sign); a class index in range (or ignore_index: the row is 0) or a valid
/// target distribution of the same length; class weights of the same length, finite and >= 0;
/// 0 at once for a single logit.
inline bool prepare(const view& r, prepared& x, result& out) {
  check_entries(r.logits, r.function, "logits", r.fmt, true);
  const std::span<const double> w = named_array(r, "weight");
  if (!w.empty()) {
    check_same_length(r.logits.size(), w.size(), r.function, "weight", "logits");
    check_entries(w, r.function, "weight", r.fmt, false, "class weights");
  }
  if (r.target.empty()) {
    if (ignored(r, x)) return known(0.0, r, out);
    if (!w.empty() && smoothing(x) == 0 && r.target_index >= 0
        && static_cast<std::uint64_t>(r.target_index) < w.size()
        && w[static_cast<std::size_t>(r.target_index)] == 0)
      return known(0.0, r, out); // weight 0 and no smoothing: 0 exactly
    if (r.target_index < 0 || static_cast<std::uint64_t>(r.target_index) >= r.logits.size())
      throw_index_out_of_range(r.function, "target", 0, false, r.target_index, r.logits.size(),
                               "logits");
  } else {
    if (ignore_index(x) >= 0)
      throw invalid_input(error_kind::invalid_request, "ignore_index",
                          static_cast<double>(ignore_index(x)),
                          "gibbs::" + std::string(r.function)
                              + ": ignore_index = " + std::to_string(ignore_index(x))
                              + " is for class targets; a distribution target has no class "
                                "to ignore (PyTorch refuses it too)");
    check_same_length(r.logits.size(), r.target.size(), r.function, "target", "logits");
    check_distribution(r.target, r, "target");
    if (normalized(r)) exact_sum(r.target, x.st);
  }
  if (r.logits.size() == 1) return known(0.0, r, out);
  return false;
}

/// The row's weight in the divisor of reduction mean: 0 when ignored, w_t for a class target
/// (1 without weights), 1 for a distribution target.
inline double row_weight(const view& r, const prepared& x) {
  if (!r.target.empty()) return 1;
  if (ignored(r, x)) return 0;
  const std::span<const double> w = named_array(r, "weight");
  return w.empty() ? 1.0 : w[static_cast<std::size_t>(r.target_index)];
}

/// The loss is sum_k c_k A_k with the rational coefficients c_k >= 0 at the top of this namespace
/// (c_k = [k = t] for a class target without smoothing or weights): 0 when their sum C is 0.
/// When all logits are equal (every A_k = log K) it is C log K, decided by the log-linear form
/// (rational.hpp, part 1). Otherwise it is irrational (rational.hpp, part 3: R + C log S with R
/// rational and S = k + sum_{d_j < 0} e^(d_j), d_j = z_j - max z, k the multiplicity of the
/// maximum; by Lindemann-Weierstrass neither S = e^r nor S^m = b^n e^r holds), and it is near the
/// rational X = (R + C log k) / log b when that is rational (nats with k = 1: X = R; base b with
/// R = 0 and C log_b k rational): value = X + C log1p(s / k) / log b with s = sum e^(d_j) <=
/// (K - k) e^(max d_j), a tail of the sign of log b below C s / |log b| (rational.hpp, part 5;
/// z = (-1, 2^53) with class 0 is 2^53 + 1 plus about 2^(-1.3e16)).
inline rational::verdict exact(const view& r, const prepared& x) {
  const std::span<const double> w = named_array(r, "weight");
  const std::size_t K = r.logits.size();
  rational::fraction C, keep, spread, t;
  std::vector<rational::fraction> c(K);
  mpq_set_d(spread.get(), smoothing(x));
  mpq_set_ui(keep.get(), 1, 1);
  mpq_sub(keep.get(), keep.get(), spread.get()); // 1 - eps
  mpq_set_ui(t.get(), static_cast<unsigned long>(K), 1);
  mpq_div(spread.get(), spread.get(), t.get()); // eps / K
  rational::fraction total;                     // T = sum(target) when normalized, else 1
  mpq_set_ui(total.get(), 1, 1);
  if (!r.target.empty() && normalized(r)) mpfr_get_q(total.get(), x.st.get());
  for (std::size_t k = 0; k < K; ++k) {
    // class target: (1 - eps) [k = t] + eps / K; distribution: (1 - eps) t_k / T + eps / K
    if (r.target.empty())
      mpq_set_ui(c[k].get(), static_cast<std::int64_t>(k) == r.target_index ? 1 : 0, 1);
    else
      mpq_set_d(c[k].get(), r.target[k]);
    mpq_div(c[k].get(), c[k].get(), total.get());
    mpq_mul(c[k].get(), c[k].get(), keep.get());
    mpq_add(c[k].get(), c[k].get(), spread.get());
    mpq_set_d(t.get(), w.empty() ? 1.0 : w[k]);
    mpq_mul(c[k].get(), c[k].get(), t.get());
    mpq_add(C.get(), C.get(), c[k].get());
  }
  rational::verdict v;
  if (mpq_sgn(C.get()) == 0) { // every coefficient is 0
    v.what = rational::status::rational;
    return v;
  }
  double m = r.logits[0];
  for (double z : r.logits)
    m = std::max(m, z);
  std::size_t k_max = 0;
  double d_max = -std::numeric_limits<double>::infinity(); // the largest d_j < 0
  rational::fraction R, d;
  for (std::size_t k = 0; k < K; ++k) {
    if (r.logits[k] == m) {
      ++k_max;
    } else {
      d_max = std::max(d_max, r.logits[k] - m);
      mpq_set_d(d.get(), m);
      mpq_set_d(t.get(), r.logits[k]);
      mpq_sub(d.get(), d.get(), t.get()); // m - z_k, exactly
      mpq_mul(d.get(), d.get(), c[k].get());
      mpq_add(R.get(), R.get(), d.get());
    }
  }
  rational::log_form L(1);
  mpq_set(L.scale(0).get(), C.get());
  const rational::integer one(1), kk(static_cast<unsigned long>(k_max));
  if (k_max > 1) L.add_dyadic(0, one.get(), kk.get(), 0, +1);
  v = rational::decide_log(L, r.base, &R);
  if (k_max == K || v.what != rational::status::rational) return v;
  // log2(C s / |log b|): log2 C from the sizes of its numerator and denominator (an upper
  // bound), d_max (z_j - m rounded once; -inf beyond the range, where e^(d_max) is below every
  // gap) times log2 e shrunk by 2^-40, |log b| rounded by a few ulps; two bits of margin
  v.what = rational::status::near;
  v.side = r.base == 0 || r.base > 1 ? +1 : -1;
  v.tail_log2 = rational::log2_upper(C.get()) + std::log2(static_cast<double>(K - k_max))
                + d_max * 1.4426950408889634 * (1 - 0x1p-40) + 2;
  if (r.base != 0) v.tail_log2 -= std::log2(std::fabs(std::log(r.base)));
  return v;
}

/// The coefficients c_k of sum_k c_k A_k (top of this namespace) in double-double, for
/// kernel::logits_cross_entropy_combination, within its RHO_COEF = 2^-99 relative. u = 2^-53;
/// DWPlusDW errs by <= 2^-104.4, DWTimesDW by <= 2^-103.2, DWDivDW by <= 2^-102.1 (number layer).
///   keep = 1 - eps by TwoSum (exact); spread = eps / K (2^-102.1).
///   class target t: c_k = spread w_k + [k = t] keep w_t: 2^-102.1 + 2^-103.2 + 2^-104.4 < 2^-101.
///   distribution: c_k = w_k (keep t_k / T + spread), T = sum(target) when normalized (the exact
///     sum rounded to a double-double, 2^-105.9; 1 / T: 2^-102.0), else 1; t_k (1 / T) 2^-101.5,
///     times keep 2^-101.1, plus spread 2^-100.9, times w_k 2^-100.7.
/// Intermediate products below 2^-900 decline (their low parts would underflow); so do a sum of
/// the target outside [2^-900, 2^900].
struct coefficients {
  gibbs::double_double keep, spread, inv_total{1.0};
  bool ok = true;
  coefficients(const view& r, const prepared& x) {
    const double eps = smoothing(x);
    const gibbs::dd_pair k = gibbs::two_sum(1.0, -eps);
    keep = gibbs::double_double(k.hi, k.lo);
    if (eps != 0) {
      spread =
          gibbs::double_double(eps) / gibbs::double_double(static_cast<double>(r.logits.size()));
      ok = spread.hi >= 0x1p-900;
    }
    if (!r.target.empty() && normalized(r)) {
      const gibbs::double_double T = to_double_double(x.st);
      ok = ok && T.hi >= 0x1p-900 && T.hi <= 0x1p900;
      if (ok) inv_total = gibbs::double_double(1.0) / T;
    }
  }
  /// c_k, {-1, 0} to decline.
  [[nodiscard]] gibbs::dd_pair operator()(const view& r, std::span<const double> w,
                                          std::size_t k) const {
    const double wk = w.empty() ? 1.0 : w[k];
    if (wk == 0) return {0.0, 0.0};
    // `nonzero`: the exact c_k is not 0; then a computed c_k below 2^-900 (an underflow such as
    // spread times a subnormal weight) declines instead of being taken for 0.
    const auto checked = [](const gibbs::double_double& c, bool nonzero) -> gibbs::dd_pair {
      if (!nonzero) return {0.0, 0.0};
      if (!(c.hi >= 0x1p-900)) return {-1.0, 0.0};
      return {c.hi, c.lo};
    };
    if (r.target.empty()) {
      const bool own = static_cast<std::int64_t>(k) == r.target_index && keep.hi != 0;
      gibbs::double_double c = spread * gibbs::double_double(wk); // 0 without smoothing
      if (own) c = c + keep * gibbs::double_double(wk);
      return checked(c, own || spread.hi != 0);
    }
    gibbs::double_double c = spread;
    const bool own = r.target[k] != 0 && keep.hi != 0;
    if (own) {
      const gibbs::double_double q = gibbs::double_double(r.target[k]) * inv_total;
      if (!(q.hi >= 0x1p-900)) return {-1.0, 0.0};
      const gibbs::double_double kq = keep * q;
      if (!(kq.hi >= 0x1p-900)) return {-1.0, 0.0};
      c = kq + spread;
    }
    if (wk != 1) c = c * gibbs::double_double(wk);
    return checked(c, own || spread.hi != 0);
  }
};

/// The kernel's passes. Without weights or normalization: kernel::logits_cross_entropy (or
/// _smoothed); a class target's weight without smoothing scales the kernel's value v (error E):
/// w_t v in double-double (DWTimesDW: relative error <= 7u^2 < 2^-103), error w_t E (1 + 2^-50)
/// + |w_t v| 2^-103 (1 + 2^-50), plus certified::SLACK for an underflowing lo part. Every other
/// combination (smoothing with weights, weights with a distribution, a normalized target) takes
/// its coefficients from `coefficients` into kernel::logits_cross_entropy_combination.
inline certified::sum_result fast_pass(const view& r, const prepared& x) {
  const std::span<const double> w = named_array(r, "weight");
  if ((normalized(r) && !r.target.empty())
      || (!w.empty() && (smoothing(x) != 0 || !r.target.empty()))) {
    const coefficients c(r, x);
    if (!c.ok) return {};
    return kernel::logits_cross_entropy_combination(r.logits,
                                                    [&](std::size_t k) { return c(r, w, k); });
  }
  if (smoothing(x) != 0)
    return kernel::logits_cross_entropy_smoothed(r.logits, r.target_index, r.target, smoothing(x));
  certified::sum_result s = kernel::logits_cross_entropy(r.logits, r.target_index, r.target);
  if (w.empty() || !s.ok) return s;
  const double wt = w[static_cast<std::size_t>(r.target_index)];
  s.value = s.value * gibbs::double_double(wt);
  s.error = s.error * wt * (1 + 0x1p-50) + std::fabs(s.value.hi) * 0x1p-103 * (1 + 0x1p-50)
            + certified::SLACK;
  if (!std::isfinite(s.value.hi) || !std::isfinite(s.error)) s.ok = false;
  return s;
}

/// gibbs::detail::log_sum_exp_parts on intervals: A_k = (max z - z_k) + log(1 + sum_{j != argmax}
/// exp(z_j - max z)), combined with the coefficients at the top of this namespace (normalized:
/// the target over sum(target)).
inline interval enclose(const view& r, const prepared& x) {
  const std::span<const double> z(r.logits);
  const std::span<const double> w = named_array(r, "weight");
  const double eps = smoothing(x);
  const auto parts = gibbs::detail::log_sum_exp_parts<interval>(z, "cross_entropy_from_logits");
  const auto A = [&](std::size_t k) { return (parts.max - interval(z[k])) + parts.log1p_rest; };
  const auto weight = [&](std::size_t k) { return w.empty() ? interval(1) : interval(w[k]); };
  const interval keep = interval(1) - interval(eps); // 1 - eps, exact at 128 bits and above
  const interval spread = interval(eps) / interval(static_cast<double>(z.size()));
  if (r.target.empty()) {
    const std::size_t t = static_cast<std::size_t>(r.target_index);
    interval s = (eps == 1 ? interval(0) : keep * weight(t) * A(t));
    if (eps != 0) {
      interval all(0);
      for (std::size_t k = 0; k < z.size(); ++k)
        if (w.empty() || w[k] > 0) all += weight(k) * A(k);
      s += spread * all;
    }
    return s;
  }
  const interval total = normalized(r) ? interval::from(x.st.get()) : interval(1);
  interval s(0);
  for (std::size_t k = 0; k < z.size(); ++k) {
    if (!w.empty() && w[k] == 0) continue;
    if (eps == 0 && r.target[k] == 0) continue;
    const interval t = interval(r.target[k]) / total;
    const interval c = eps == 0 ? t : keep * t + spread;
    s += weight(k) * c * A(k);
  }
  return s;
}

inline bool valid_smoothing(double e) {
  return e >= 0 && e <= 1; // false for NaN
}
inline bool valid_index(double v) {
  return std::isfinite(v) && v == std::trunc(v) && std::fabs(v) <= 0x1p53;
}

inline constexpr std::array<parameter, 2> parameters{{
    {"label_smoothing",
     "label smoothing eps: the target becomes (1 - eps) target + eps / K (default 0)",
     "0 <= label_smoothing <= 1",
     valid_smoothing,
     {0.0, 0.1},
     false,
     0.0},
    {"ignore_index",
     "a class index whose rows count 0 and are left out of the mean (default -100)",
     "ignore_index an integer",
     valid_index,
     {-100.0, -100.0},
     false,
     -100.0},
}};

inline constexpr std::array<array_input, 1> arrays{{
    {"weight", "class weights w_k >= 0, one per class, the same for every row (default 1)", false,
     true},
}};

} // namespace gibbs::oracle::detail::logits_measure

namespace gibbs::oracle {

inline constexpr descriptor logits_cross_entropy_descriptor{
    .id = measure::logits_cross_entropy,
    .name = "logits_cross_entropy",
    .function = "oracle::cross_entropy_from_logits",
    .formula =
        "-log softmax(z)[t] for a class index t, or -sum t_i log softmax(z)_i for a "
        "distribution t; with label_smoothing eps and class weights w as PyTorch's "
        "cross_entropy: (1 - eps) w_t (-log softmax_t) + (eps / K) sum_k w_k (-log softmax_k)",
    .inputs = input_logits | input_target,
    .roles = {"", "", "", "the logits z",
              "the target: one integer class index, or a distribution t"},
    .parameters = detail::logits_measure::parameters,
    .variants = exact_or_normalized,
    .base = base_rule::logarithm,
    .conformance_default = false,
    .laws_text = "finite where the exact value is",
    .prepare = detail::logits_measure::prepare,
    .exact = detail::logits_measure::exact,
    .fast = detail::logits_measure::fast_pass,
    .settle = nullptr,
    .enclose = detail::logits_measure::enclose,
    .laws = nullptr,
    .arrays = detail::logits_measure::arrays,
    .row_weight = detail::logits_measure::row_weight,
    .class_targets = true,
};

} // namespace gibbs::oracle

#endif // GIBBS_ORACLE_MEASURES_LOGITS_HPP
