// gibbs/oracle/measures/binary_cross_entropy_with_logits.hpp: the oracle's descriptor of binary
// cross-entropy with logits sum_i w_i [pw_i y_i softplus(-z_i) + (1 - y_i) softplus(z_i)]
// (PyTorch's binary_cross_entropy_with_logits; the value is the sum of the element terms).
//
// Exact values. The value is 0 when every term is (w_i = 0, or y_i = 1 with pw_i = 0); prepare
// returns it. Otherwise V = sum_i c_i log(1 + e^(s_i z_i)) with dyadic c_i > 0 and z_i, and V is
// irrational: with D a common denominator of the z_i and t = e^(1/D) (transcendental, Lindemann),
// V = a/b rational would give prod_i (1 + t^(k_i))^(b D c_i) = t^m (times a power of t for the
// negative k_i) as an identity of Laurent polynomials in t; the left side vanishes at a root of
// -1 whenever some k_i != 0, the right side never (in a base b the same holds with the constant
// factor b^(a/b)). If every k_i = 0 then V = (sum c_i) log 2, rational in base 2 (and in bases
// 2^(1/n), 4, ...): the exact stage decides that log-linear form; Ziv's loop every other value.
//
// Its gradient binary_cross_entropy_with_logits_grad (a vector-valued descriptor: one correctly
// rounded output per logit) follows the loss's namespace below.
#ifndef GIBBS_ORACLE_MEASURES_BINARY_CROSS_ENTROPY_WITH_LOGITS_HPP
#define GIBBS_ORACLE_MEASURES_BINARY_CROSS_ENTROPY_WITH_LOGITS_HPP

#include "gibbs/error.hpp"
#include "gibbs/measure/binary_cross_entropy_with_logits.hpp"
#include "gibbs/number/double_double.hpp"
#include "gibbs/oracle/descriptor.hpp"
#include "gibbs/oracle/detail/certified_dd.hpp"
#include "gibbs/oracle/detail/common.hpp"
#include "gibbs/oracle/detail/kernel_binary.hpp"
#include "gibbs/oracle/detail/rational_measure.hpp"
#include "gibbs/oracle/measures/binary_cross_entropy.hpp"

#include <array>
#include <cmath>
#include <cstddef>
#include <cstdio>
#include <limits>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

namespace gibbs::oracle::detail::bce_logits_measure {

/// Finite logits, target in [0, 1] of the same length, weight and pos_weight (optional) finite
/// >= 0; 0 when every term is.
inline bool prepare(const view& r, prepared&, result& out) {
  const std::span<const double> z = r.logits, w = named_array(r, "weight"),
                                pw = named_array(r, "pos_weight");
  check_entries(z, r.function, "logits", r.fmt, true);
  binary_measure::check_target(r, z.size(), "logits");
  binary_measure::check_optional(w, z.size(), r, "weight", "logits");
  binary_measure::check_optional(pw, z.size(), r, "pos_weight", "logits");
  for (std::size_t i = 0; i < z.size(); ++i) {
    if (!w.empty() && w[i] == 0) continue;
    if (r.target[i] < 1 || (pw.empty() || pw[i] > 0)) return false;
  }
  return known(0.0, r, out);
}

/// With c_i = w_i (pw_i y_i + 1 - y_i) >= 0 and softplus(z) = max(z, 0) + log1p(e^-|z|), the loss
/// is Q + C_0 log 2 + sum_{z_i != 0} c_i log1p(e^-|z_i|), in base b divided by log b, where Q =
/// sum_i w_i (pw_i y_i max(-z_i, 0) + (1 - y_i) max(z_i, 0)) is rational and C_0 sums the c_i of
/// z_i = 0. When no term with c_i > 0 has z_i != 0 it is (Q + C_0 log 2) / log b, decided by the
/// log-linear form (rational.hpp, part 1; Q = 0 there). Otherwise it is irrational (e^-|z_i| is
/// transcendental, Lindemann), and near the rational X = (Q + C_0 log 2) / log b when that is
/// rational: the tail, of the sign of log b, is below (sum_{z_i != 0} c_i) e^(-min |z_i|) / |log b|
/// (rational.hpp, part 5; z = -(2^54 + 12), y = 1, pw = 0.75 is 3 2^52 + 9 plus about 2^-2.6e16).
inline rational::verdict exact(const view& r, const prepared&) {
  const std::span<const double> z = r.logits, w = named_array(r, "weight"),
                                pw = named_array(r, "pos_weight");
  rational::fraction C0, Ct, Q, c, t, y, part;
  double min_abs = std::numeric_limits<double>::infinity(); // the least |z_i| != 0 with c_i > 0
  for (std::size_t i = 0; i < z.size(); ++i) {
    mpq_set_d(y.get(), r.target[i]);
    mpq_set(c.get(), y.get());
    if (!pw.empty()) {
      mpq_set_d(t.get(), pw[i]);
      mpq_mul(c.get(), c.get(), t.get()); // pw y
    }
    mpq_set(part.get(), c.get());
    mpq_set_ui(t.get(), 1, 1);
    mpq_sub(t.get(), t.get(), y.get()); // 1 - y
    mpq_add(c.get(), c.get(), t.get());
    // the part of the larger of max(-z, 0), max(z, 0) that is not 0: pw y (-z) or (1 - y) z
    if (z[i] > 0) mpq_set(part.get(), t.get());
    mpq_set_d(t.get(), std::fabs(z[i]));
    mpq_mul(part.get(), part.get(), t.get());
    if (!w.empty()) {
      mpq_set_d(t.get(), w[i]);
      mpq_mul(c.get(), c.get(), t.get());
      mpq_mul(part.get(), part.get(), t.get());
    }
    mpq_add(Q.get(), Q.get(), part.get());
    if (mpq_sgn(c.get()) == 0) continue;
    if (z[i] == 0) {
      mpq_add(C0.get(), C0.get(), c.get());
    } else {
      mpq_add(Ct.get(), Ct.get(), c.get());
      min_abs = std::min(min_abs, std::fabs(z[i]));
    }
  }
  rational::log_form L(1);
  mpq_set(L.scale(0).get(), C0.get());
  const rational::integer one(1), two(2);
  if (C0.sign() != 0) L.add_dyadic(0, one.get(), two.get(), 0, +1);
  rational::verdict v = rational::decide_log(L, r.base, &Q);
  if (Ct.sign() == 0 || v.what != rational::status::rational) return v;
  // log2(Ct e^(-min|z|) / |log b|): Ct from its sizes, -min|z| log2 e shrunk by 2^-40, |log b|
  // rounded by a few ulps; two bits of margin
  v.what = rational::status::near;
  v.side = r.base == 0 || r.base > 1 ? +1 : -1;
  v.tail_log2 = rational::log2_upper(Ct.get()) - min_abs * 1.4426950408889634 * (1 - 0x1p-40) + 2;
  if (r.base != 0) v.tail_log2 -= std::log2(std::fabs(std::log(r.base)));
  return v;
}

inline certified::sum_result fast_pass(const view& r, const prepared&) {
  return kernel::binary_cross_entropy_with_logits(r.logits, r.target, named_array(r, "weight"),
                                                  named_array(r, "pos_weight"));
}

/// gibbs::detail::binary_cross_entropy_with_logits_sum on intervals.
inline interval enclose(const view& r, const prepared&) {
  return gibbs::detail::binary_cross_entropy_with_logits_sum<interval>(
      r.logits, r.target, named_array(r, "weight"), named_array(r, "pos_weight"));
}

/// The value >= 0 (every term is).
inline void laws(const answer_values& a, std::vector<std::string>& out) {
  if (a.value < 0) out.push_back("binary_cross_entropy_with_logits_nonnegative");
}

inline constexpr std::array<array_input, 2> arrays{{
    {"weight", "a weight w >= 0 per element (default 1; 0 drops the element)", false},
    {"pos_weight",
     "the weight pw >= 0 of the positive part per element (default 1; PyTorch's per-class "
     "pos_weight over 1-D input)",
     false},
}};

} // namespace gibbs::oracle::detail::bce_logits_measure

// The gradient g_i = w_i [(1 - y_i) s(z_i) - pw_i y_i s(-z_i)] = w_i [s(z_i) c_i - pw_i y_i], with
// s the logistic sigmoid and c_i = 1 - y_i + pw_i y_i, divided by the reduction's divisor D (N
// for mean). Exact values. For a dyadic z_i != 0, e^(-z_i) is transcendental (Lindemann), so
// s(z_i) = 1 / (1 + e^(-z_i)) is, and g_i is irrational unless w_i = 0 or c_i = 0 (y_i = 1 and
// pw_i = 0), where g_i = 0; for z_i = 0, g_i = w_i ((1 - y_i) - pw_i y_i) / (2 D) is rational.
// exact_element computes these outputs exactly (each output depends on its own element only),
// and those of huge logits by their distance to a rational (beyond_enclosures); a certified
// double-double pass (fast_element) decides almost every other one, and Ziv's loop the rest
// (an irrational value is never a number of the format or a midpoint; near the rational
// w (1 - y) / D or -w pw y / D that g approaches for large |z| < 8192 it stays e^-|z| > 2^-11818
// relative away, within reach of the default request::max_precision_bits), whatever the
// cancellation between the two parts.
namespace gibbs::oracle::detail::bce_logits_grad_measure {

/// As binary_cross_entropy_with_logits; the gradient is that of the loss in nats, so a base other
/// than e is an error.
inline bool prepare(const view& r, prepared&, result&) {
  if (r.base != 0) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.17g", r.base);
    throw invalid_input(error_kind::invalid_request, "base", r.base,
                        std::string("gibbs::") + r.function + ": base = " + buf
                            + " is not taken: the gradient is that of the loss in nats");
  }
  const std::span<const double> z = r.logits;
  check_entries(z, r.function, "logits", r.fmt, true);
  binary_measure::check_target(r, z.size(), "logits");
  binary_measure::check_optional(named_array(r, "weight"), z.size(), r, "weight", "logits");
  binary_measure::check_optional(named_array(r, "pos_weight"), z.size(), r, "pos_weight", "logits");
  return false;
}

/// One output per logit.
inline std::size_t outputs(const view& r) {
  return r.logits.size();
}

inline double at_or_one(std::span<const double> a, std::size_t i) {
  return a.empty() ? 1.0 : a[i];
}

/// From this |z| on, e = exp(-|z|) < 2^-11818 is too small for an enclosure of a few thousand
/// bits to separate the value from the rational it approaches (see beyond_enclosures).
inline constexpr double huge_logit = 8192;

/// Output i for |z_i| >= huge_logit, w_i > 0, c_i > 0 (an irrational value that no enclosure of
/// a few thousand bits decides when it approaches a number of the format, a midpoint or a decimal
/// tie: z = 1e30 in binary32 with w (1 - y) a midpoint). With e = exp(-|z|) and d = 1 + e, the
/// output times D / w is
///   z > 0:  ((1 - y) - pw y e) / d = (1 - y) - e c / d,
///   z < 0:  ((1 - y) e - pw y) / d = -pw y + e c / d,
/// so it is g = R - delta (z > 0, R = w (1 - y) / D) or R + delta (z < 0, R = -w pw y / D) with
/// 0 < delta = w e c / (d D) <= w (pw + 1) e (c = pw y + 1 - y <= pw + 1, d > 1, D >= 1): in log2
/// at most log2 w + log2(pw + 1) - |z| log2(e) (1 - 2^-40), plus 1 for the roundings of the two
/// logarithms. rational::result_near rounds g as R moved an infinitesimal step toward its side
/// when that bound is below the distance from R to every other rounding boundary (binary and,
/// with digits, decimal); otherwise (thousands of digits of a value whose tail is within reach)
/// and for R = 0 with digits (the digits of delta itself), Ziv's loop on the term's enclosure
/// decides: the term has no cancellation for y in {0, 1} or pw = 0, and the loop's exponent range
/// holds delta down to 2^(1 - 2^62).
inline bool beyond_enclosures(const view& r, const prepared& x, std::size_t i, result& out) {
  const double z = r.logits[i], w = at_or_one(named_array(r, "weight"), i),
               pw = at_or_one(named_array(r, "pos_weight"), i), y = r.target[i];
  rational::fraction R, t;
  if (z > 0) {
    mpq_set_ui(R.get(), 1, 1);
    mpq_set_d(t.get(), y);
    mpq_sub(R.get(), R.get(), t.get());
  } else {
    mpq_set_d(R.get(), -pw);
    mpq_set_d(t.get(), y);
    mpq_mul(R.get(), R.get(), t.get());
  }
  mpq_set_d(t.get(), w);
  mpq_mul(R.get(), R.get(), t.get());
  mpq_set_d(t.get(), x.divisor);
  mpq_div(R.get(), R.get(), t.get());
  if (mpq_sgn(R.get()) == 0 && r.digits > 0) return false;
  const double tail =
      std::log2(w) + std::log2(pw + 1) + 1 - std::fabs(z) * 1.4426950408889634 * (1 - 0x1p-40);
  return rational::result_near(R.get(), z > 0 ? -1 : 1, tail, r.fmt, r.digits, out);
}

/// Output i when it is rational (see above): 0 for w_i = 0 or y_i = 1, pw_i = 0; the fraction
/// w_i ((1 - y_i) - pw_i y_i) / (2 D) for z_i = 0. Also the outputs of |z_i| >= huge_logit,
/// irrational but decided by beyond_enclosures.
inline bool exact_element(const view& r, const prepared& x, std::size_t i, result& out) {
  const double w = at_or_one(named_array(r, "weight"), i),
               pw = at_or_one(named_array(r, "pos_weight"), i), y = r.target[i];
  if (w == 0 || (y == 1 && pw == 0)) {
    out = special(0.0, r);
    return true;
  }
  const double z = r.logits[i];
  if (std::fabs(z) >= huge_logit) return beyond_enclosures(r, x, i, out);
  if (z != 0) return false;
  rational::fraction g, t;
  rational::fraction ty;
  mpq_set_d(ty.get(), y);
  mpq_set_ui(g.get(), 1, 1);
  mpq_sub(g.get(), g.get(), ty.get()); // 1 - y
  mpq_set_d(t.get(), pw);
  mpq_mul(t.get(), t.get(), ty.get());
  mpq_sub(g.get(), g.get(), t.get()); // (1 - y) - pw y
  mpq_set_d(t.get(), w);
  mpq_mul(g.get(), g.get(), t.get());
  mpq_set_d(t.get(), 2 * x.divisor);
  mpq_div(g.get(), g.get(), t.get());
  out = rational::result_of(g.get(), r.fmt, r.digits);
  return true;
}

/// The certified double-double pass of output i (request::allow_fast_path, no digits): true with
/// `out` set when it decides the rounding (certified::decide), false to leave the output to the
/// interval path. Taken: 0 < |z| <= 300; w, and each nonzero 1 - y and pw y, in [2^-300, 2^300]
/// (every product below stays above 2^-969: no subnormal low parts). With E = exp(-|z|) by
/// kernel::exp_minus (relative error rho_E <= kernel::RHO_EXP_ORD = 2^-79),
/// A = (1 - y) a and B = pw y b ((a, b) = (1, E) or (E, 1); 1 - y and pw y are exact double-
/// doubles, a product with E adds 7u^2 = 2^-103.2), N = A - B (2^-104.4 of |A - B|), d = 1 + E
/// (relative error <= rho_E + 2^-104, d >= 1), G = N / d (2^-102.1) times w (2^-103.2) over D
/// (2^-102.1):
///   |G - g| <= S (2 rho_E + 2^-100) (1 + 2^-30) + |G| 2^-99,  S = w (|A| + |B|) / D,
/// N's error (rho_E + 2^-102) (|A| + |B|) plus the relative error of d applied to |N| <= |A| +
/// |B|, over d >= 1, and the three last roundings (< 2^-100.3 of |G| together); S is formed in
/// double (a few ulps, inside the factor 1 + 2^-30). |N| < 2^-800 declines (cancellation).
[[GIBBS_KERNEL_NO_CONTRACT]] inline bool fast_element(const view& r, const prepared& x,
                                                      std::size_t i, result& out) {
  if (!r.allow_fast_path || r.digits > 0) return false;
  const double z = r.logits[i], w = at_or_one(named_array(r, "weight"), i),
               pw = at_or_one(named_array(r, "pos_weight"), i), y = r.target[i];
  const double az = std::fabs(z);
  if (!(az > 0 && az <= 300)) return false;
  const auto in_range = [](double v) { return v >= 0x1p-300 && v <= 0x1p300; };
  const gibbs::dd_pair omy = gibbs::two_sum(1.0, -y); // 1 - y, exact
  const double amy = std::fabs(omy.hi);
  if (!in_range(w) || (y < 1 && !in_range(amy))) return false;
  const gibbs::dd_pair py = y > 0 ? kernel::two_prod(pw, y) : gibbs::dd_pair{0.0, 0.0}; // exact
  if (py.hi != 0 && !in_range(py.hi)) return false;
  const gibbs::dd_pair e0 = kernel::exp_minus(az, kernel::exp_table());
  const gibbs::double_double E(e0.hi, e0.lo), Omy(omy.hi, omy.lo), Py(py.hi, py.lo);
  const gibbs::double_double A = z > 0 ? Omy : Omy * E, B = z > 0 ? Py * E : Py;
  const gibbs::double_double N = A - B;
  if (!(std::fabs(N.hi) >= 0x1p-800)) return false;
  gibbs::double_double G = N / (gibbs::double_double(1.0) + E);
  if (w != 1) G = G * gibbs::double_double(w);
  if (x.divisor != 1) G = G / gibbs::double_double(x.divisor);
  const double rho = kernel::RHO_EXP_ORD;
  const double S = w * (std::fabs(A.hi) + std::fabs(B.hi)) / x.divisor;
  return certified::settle(G, S * (2 * rho + 0x1p-100) * (1 + 0x1p-30) + std::fabs(G.hi) * 0x1p-99,
                           r.fmt, out);
}

/// Decides output i alone when it can: exactly (exact_element), or by the certified
/// double-double pass (fast_element); otherwise the interval path does.
inline bool decide_element(const view& r, const prepared& x, std::size_t i, result& out) {
  return exact_element(r, x, i, out) || fast_element(r, x, i, out);
}

/// gibbs::detail::binary_cross_entropy_with_logits_grad_term on intervals, times w_i, divided by
/// prepared::divisor: O(1) per output.
inline void enclose(const view& r, const prepared& x, std::span<interval> out) {
  const std::span<const double> w = named_array(r, "weight"), pw = named_array(r, "pos_weight");
  for (std::size_t i = 0; i < out.size(); ++i) {
    interval g = gibbs::detail::binary_cross_entropy_with_logits_grad_term(
        interval(r.logits[i]), interval(r.target[i]), interval(at_or_one(pw, i)));
    if (!w.empty()) g = g * interval(w[i]);
    if (x.divisor != 1) g = g / interval(x.divisor);
    out[i] = g;
  }
}

} // namespace gibbs::oracle::detail::bce_logits_grad_measure

namespace gibbs::oracle {

inline constexpr descriptor binary_cross_entropy_with_logits_descriptor{
    .id = measure::binary_cross_entropy_with_logits,
    .name = "binary_cross_entropy_with_logits",
    .function = "oracle::binary_cross_entropy_with_logits",
    .formula = "sum_i w_i [pw_i y_i softplus(-z_i) + (1 - y_i) softplus(z_i)], softplus(z) = "
               "log(1 + e^z), z = logits, y = target",
    .inputs = input_logits | input_target,
    .roles = {"", "", "", "the logits z, one per element",
              "the target probabilities y in [0, 1], one per element"},
    .parameters = {},
    .variants = exact_only,
    .base = base_rule::logarithm,
    .conformance_default = false,
    .laws_text = "BCE >= 0; equals binary_cross_entropy(sigmoid(z), y)",
    .prepare = detail::bce_logits_measure::prepare,
    .exact = detail::bce_logits_measure::exact,
    .fast = detail::bce_logits_measure::fast_pass,
    .settle = nullptr,
    .enclose = detail::bce_logits_measure::enclose,
    .laws = detail::bce_logits_measure::laws,
    .arrays = detail::bce_logits_measure::arrays,
    .elementwise = true,
};

inline constexpr descriptor binary_cross_entropy_with_logits_grad_descriptor{
    .id = measure::binary_cross_entropy_with_logits_grad,
    .name = "binary_cross_entropy_with_logits_grad",
    .function = "oracle::binary_cross_entropy_with_logits_grad",
    .formula = "d/dz of binary_cross_entropy_with_logits: w_i [(1 - y_i) sigmoid(z_i) - pw_i y_i "
               "sigmoid(-z_i)], divided by the element count N for reduction mean (the default), "
               "one result per logit",
    .inputs = input_logits | input_target,
    .roles = {"", "", "", "the logits z, one per element (a batch: B rows of K)",
              "the target probabilities y in [0, 1], one per element"},
    .parameters = {},
    .variants = exact_only,
    .base = base_rule::ignored,
    .conformance_default = false,
    .laws_text = "finite where the exact value is",
    .prepare = detail::bce_logits_grad_measure::prepare,
    .exact = nullptr,
    .fast = nullptr,
    .settle = nullptr,
    .enclose = nullptr,
    .laws = nullptr,
    .arrays = detail::bce_logits_measure::arrays,
    .vector_valued = true,
    .gradient_reduction = true,
    .outputs = detail::bce_logits_grad_measure::outputs,
    .exact_elements = nullptr,
    .enclose_elements = detail::bce_logits_grad_measure::enclose,
    .element_mean = true,
    .decide_element = detail::bce_logits_grad_measure::decide_element,
};

} // namespace gibbs::oracle

#endif // GIBBS_ORACLE_MEASURES_BINARY_CROSS_ENTROPY_WITH_LOGITS_HPP
