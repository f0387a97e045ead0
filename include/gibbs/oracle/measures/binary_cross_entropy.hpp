// gibbs/oracle/measures/binary_cross_entropy.hpp: the oracle's descriptor of binary cross-entropy
// sum_i w_i [-y_i log x_i - (1 - y_i) log(1 - x_i)] (PyTorch's binary_cross_entropy; the value is
// the sum of the element terms, the reductions mean and none are the core's).
//
// Exact values. The value is 0 when every term is (w_i = 0, or x_i = y_i in {0, 1}); prepare
// returns it. Otherwise it is log of a product of powers x_i^(-w_i y_i) (1 - x_i)^(-w_i (1 - y_i))
// with rational (dyadic) bases and exponents, an algebraic number A != 1; in nats, if the value V
// were rational, e^V = A would be algebraic, which Lindemann's theorem excludes for rational
// V != 0. In a base b the value log_b A is rational when A is a rational power of b (x = 1/2 in
// base 2 gives 1): the exact stage decides the log-linear form sum c_i log r_i (rational.hpp,
// part 1) in every base.
#ifndef GIBBS_ORACLE_MEASURES_BINARY_CROSS_ENTROPY_HPP
#define GIBBS_ORACLE_MEASURES_BINARY_CROSS_ENTROPY_HPP

#include "gibbs/error.hpp"
#include "gibbs/measure/binary_cross_entropy.hpp"
#include "gibbs/oracle/descriptor.hpp"
#include "gibbs/oracle/detail/common.hpp"
#include "gibbs/oracle/detail/kernel_binary.hpp"
#include "gibbs/oracle/detail/rational_measure.hpp"

#include <array>
#include <span>
#include <string>
#include <vector>

namespace gibbs::oracle::detail::binary_measure {

/// Every entry of x (already checked by check_entries) is at most 1.
inline void check_at_most_one(std::span<const double> x, const char* fn, const char* arg) {
  for (std::size_t i = 0; i < x.size(); ++i)
    if (x[i] > 1) gibbs::detail::throw_invalid(error_kind::above_one, fn, arg, i, x[i]);
}

/// An optional per-element array: absent, or of length n with finite entries >= 0 of the format.
inline void check_optional(std::span<const double> w, std::size_t n, const view& r, const char* arg,
                           const char* other) {
  if (w.empty()) return;
  check_same_length(n, w.size(), r.function, arg, other);
  check_entries(w, r.function, arg, r.fmt, false, "weights");
}

/// The target: an array of probabilities of the length n of `other`.
inline void check_target(const view& r, std::size_t n, const char* other) {
  if (r.target.empty() && r.target_index >= 0)
    throw invalid_input(error_kind::invalid_request, "target",
                        "gibbs::" + std::string(r.function)
                            + ": target must be an array of probabilities in [0, 1], one per "
                              "element, not a class index");
  check_same_length(n, r.target.size(), r.function, "target", other);
  check_entries(r.target, r.function, "target", r.fmt);
  check_at_most_one(r.target, r.function, "target");
}

} // namespace gibbs::oracle::detail::binary_measure

namespace gibbs::oracle::detail::bce_measure {

/// input, target in [0, 1] of equal lengths, weight (optional) finite >= 0; +inf when some
/// weighted term is (x = 0 < y or y < 1 = x); 0 when every term is.
inline bool prepare(const view& r, prepared&, result& out) {
  const std::span<const double> x = named_array(r, "input"), w = named_array(r, "weight");
  check_entries(x, r.function, "input", r.fmt);
  binary_measure::check_at_most_one(x, r.function, "input");
  binary_measure::check_target(r, x.size(), "input");
  binary_measure::check_optional(w, x.size(), r, "weight", "input");
  bool zero = true;
  for (std::size_t i = 0; i < x.size(); ++i) {
    if (!w.empty() && w[i] == 0) continue;
    const double xi = x[i], yi = r.target[i];
    if ((xi == 0 && yi > 0) || (xi == 1 && yi < 1)) return infinite(r, out);
    zero = zero && xi == yi && (yi == 0 || yi == 1);
  }
  if (zero) return known(0.0, r, out);
  return false;
}

inline certified::sum_result fast_pass(const view& r, const prepared&) {
  return kernel::binary_cross_entropy(named_array(r, "input"), r.target, named_array(r, "weight"));
}

/// value log b = -sum_i a_i log x_i - sum_i c_i log(1 - x_i), a_i = w_i y_i, c_i = w_i (1 - y_i):
/// the coefficients are integers times 2^(lw + ly) (lw, ly the lowest set bits of w and of y and
/// 1), the arguments dyadic (1 - x = (2^-k - X) 2^k for x = X 2^k); terms with a zero
/// coefficient or log 1 are left out (prepare answered the infinite cases).
inline rational::verdict exact(const view& r, const prepared&) {
  const std::span<const double> x = named_array(r, "input"), w = named_array(r, "weight"),
                                y = r.target;
  const long lw = w.empty() ? 0 : rational::lowest_bit(w);
  const long ly = std::min(0L, rational::lowest_bit(y)); // 1 - y_i is a multiple of 2^ly too
  rational::log_form L(1);
  rational::integer W(1), Y, A, top, X, pow_k; // top = 2^-ly, the scaled 1
  mpz_set_ui(top.get(), 1);
  mpz_mul_2exp(top.get(), top.get(), static_cast<mp_bitcnt_t>(-ly)); // 2^-ly, i.e. 1
  for (std::size_t i = 0; i < x.size(); ++i) {
    const double wi = w.empty() ? 1.0 : w[i];
    if (wi == 0) continue;
    if (!w.empty()) rational::scaled_integer(W.get(), wi, lw);
    rational::scaled_integer(Y.get(), y[i], ly);
    if (y[i] > 0 && x[i] != 1) { // -a_i log x_i, x_i > 0
      mpz_mul(A.get(), W.get(), Y.get());
      L.add_double(0, A.get(), x[i], -1);
    }
    if (y[i] < 1 && x[i] != 0) { // -c_i log(1 - x_i), 0 < x_i < 1
      mpz_sub(A.get(), top.get(), Y.get());
      mpz_mul(A.get(), A.get(), W.get());
      const long k = rational::lsb(x[i]);
      rational::scaled_integer(X.get(), x[i], k);
      mpz_ui_pow_ui(pow_k.get(), 2, static_cast<unsigned long>(-k));
      mpz_sub(X.get(), pow_k.get(), X.get()); // 2^-k - X > 0
      L.add_dyadic(0, A.get(), X.get(), k, -1);
    }
  }
  rational::set_scale(L.scale(0), lw + ly, rational::integer(1).get());
  return rational::decide_log(L, r.base, nullptr);
}

/// gibbs::detail::binary_cross_entropy_sum on intervals.
inline interval enclose(const view& r, const prepared&) {
  return gibbs::detail::binary_cross_entropy_sum<interval>(named_array(r, "input"), r.target,
                                                           named_array(r, "weight"));
}

/// BCE >= 0 (every term is).
inline void laws(const answer_values& a, std::vector<std::string>& out) {
  if (a.value < 0) out.push_back("binary_cross_entropy_nonnegative");
}

inline constexpr std::array<array_input, 2> arrays{{
    {"input", "the predicted probabilities x in [0, 1], one per element", true},
    {"weight", "a weight w >= 0 per element (default 1; 0 drops the element)", false},
}};

} // namespace gibbs::oracle::detail::bce_measure

namespace gibbs::oracle {

inline constexpr descriptor binary_cross_entropy_descriptor{
    .id = measure::binary_cross_entropy,
    .name = "binary_cross_entropy",
    .function = "oracle::binary_cross_entropy",
    .formula = "sum_i w_i [-y_i log x_i - (1 - y_i) log(1 - x_i)], x = input, y = target",
    .inputs = input_target,
    .roles = {"", "", "", "", "the target probabilities y in [0, 1], one per element"},
    .parameters = {},
    .variants = exact_only,
    .base = base_rule::logarithm,
    .conformance_default = false,
    .laws_text = "BCE >= 0; BCE(x, y) >= h(y) with equality iff x = y",
    .prepare = detail::bce_measure::prepare,
    .exact = detail::bce_measure::exact,
    .fast = detail::bce_measure::fast_pass,
    .settle = nullptr,
    .enclose = detail::bce_measure::enclose,
    .laws = detail::bce_measure::laws,
    .arrays = detail::bce_measure::arrays,
    .elementwise = true,
};

} // namespace gibbs::oracle

#endif // GIBBS_ORACLE_MEASURES_BINARY_CROSS_ENTROPY_HPP
