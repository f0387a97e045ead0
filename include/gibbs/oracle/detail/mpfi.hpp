// gibbs/oracle/detail/mpfi.hpp: `interval`, a thin value type over MPFI's mpfi_t that models
// gibbs::real, so the generic measures can be instantiated with it and return certified
// enclosures.
//
// Why not boost::multiprecision::mpfi_float directly: in Boost 1.74 the variable-precision
// mpfi_float has numeric_limits<>::is_specialized == false, so it does not model gibbs::real and
// the measures reject it; and its precision is a process-wide default (not thread-safe). Here
// every operation is the corresponding rigorous MPFI function (outward rounding), log1pmx the
// tight enclosure of number/detail/mpfi_log1pmx.hpp, the working precision is
// thread-local, and a comparison whose answer the intervals do not determine throws
// ambiguous_comparison (the evaluation is then repeated at a higher precision).
#ifndef GIBBS_ORACLE_DETAIL_MPFI_HPP
#define GIBBS_ORACLE_DETAIL_MPFI_HPP

#include "gibbs/number/detail/mpfi_log1pmx.hpp"
#include "gibbs/number/real.hpp"

#include <mpfi.h>
#include <mpfr.h>

#include <limits>
#include <stdexcept>
#include <utility>

namespace gibbs::oracle::detail {

/// Thrown by a comparison of overlapping, non-identical intervals.
struct ambiguous_comparison : std::runtime_error {
  ambiguous_comparison() : std::runtime_error("gibbs::oracle: ambiguous interval comparison") {}
};

/// The working precision (bits) of new intervals in this thread.
inline mpfr_prec_t& working_precision() {
  thread_local mpfr_prec_t bits = 128;
  return bits;
}

/// Sets the working precision for its lifetime.
class precision_scope {
public:
  explicit precision_scope(long bits) : old_(working_precision()) {
    working_precision() = static_cast<mpfr_prec_t>(bits);
  }
  precision_scope(const precision_scope&) = delete;
  precision_scope& operator=(const precision_scope&) = delete;
  ~precision_scope() { working_precision() = old_; }

private:
  mpfr_prec_t old_;
};

/// MPFR's exponent range widened to its largest, [2^(1 - 2^62), 2^(2^62 - 1)], for the scope's
/// lifetime (the range is per thread). In the default range [2^-2^30, 2^2^30] an enclosure of
/// e^-(2^53) (softmax of logits 2^53 apart) or e^(1e10) (vae_kl's e^logvar) has an end at 0 or
/// infinity, which no precision separates from a rounding boundary and which has no decimal
/// digits; in the widest range both are finite numbers of their own.
class exponent_scope {
public:
  exponent_scope() : emin_(mpfr_get_emin()), emax_(mpfr_get_emax()) {
    mpfr_set_emin(mpfr_get_emin_min());
    mpfr_set_emax(mpfr_get_emax_max());
  }
  exponent_scope(const exponent_scope&) = delete;
  exponent_scope& operator=(const exponent_scope&) = delete;
  ~exponent_scope() {
    mpfr_set_emin(emin_);
    mpfr_set_emax(emax_);
  }

private:
  mpfr_exp_t emin_, emax_;
};

/// A closed interval of reals with MPFR end points at the working precision.
class interval {
public:
  interval() {
    mpfi_init2(x_, working_precision());
    mpfi_set_ui(x_, 0);
  }
  interval(double d) { // NOLINT: implicit, like a widening; exact for precision >= 53
    mpfi_init2(x_, working_precision());
    mpfi_set_d(x_, d);
  }
  interval(int i) { // NOLINT
    mpfi_init2(x_, working_precision());
    mpfi_set_si(x_, i);
  }
  interval(const interval& o) {
    mpfi_init2(x_, mpfi_get_prec(o.x_));
    mpfi_set(x_, o.x_);
  }
  interval(interval&& o) noexcept {
    mpfi_init2(x_, MPFR_PREC_MIN);
    mpfi_swap(x_, o.x_);
  }
  interval& operator=(const interval& o) {
    if (this != &o) {
      mpfi_set_prec(x_, mpfi_get_prec(o.x_));
      mpfi_set(x_, o.x_);
    }
    return *this;
  }
  interval& operator=(interval&& o) noexcept {
    mpfi_swap(x_, o.x_);
    return *this;
  }
  ~interval() { mpfi_clear(x_); }

  /// The interval holding the exact value of x (rounded outward if x needs more bits).
  static interval from(mpfr_srcptr x) {
    interval r;
    mpfi_set_fr(r.x_, x);
    return r;
  }

  /// The midpoint rounded to double (for error messages only).
  explicit operator double() const { return mpfi_get_d(x_); }

  [[nodiscard]] mpfr_srcptr left() const { return &x_[0].left; }
  [[nodiscard]] mpfr_srcptr right() const { return &x_[0].right; }
  [[nodiscard]] mpfi_srcptr get() const { return x_; }
  [[nodiscard]] mpfi_ptr get() { return x_; }

#define GIBBS_ORACLE_INTERVAL_OP(op, fn)                                                           \
  friend interval operator op(const interval& a, const interval& b) {                              \
    interval r;                                                                                    \
    fn(r.x_, a.x_, b.x_);                                                                          \
    return r;                                                                                      \
  }                                                                                                \
  interval& operator op##=(const interval& b) {                                                    \
    fn(x_, x_, b.x_);                                                                              \
    return *this;                                                                                  \
  }
  GIBBS_ORACLE_INTERVAL_OP(+, mpfi_add)
  GIBBS_ORACLE_INTERVAL_OP(-, mpfi_sub)
  GIBBS_ORACLE_INTERVAL_OP(*, mpfi_mul)
  GIBBS_ORACLE_INTERVAL_OP(/, mpfi_div)
#undef GIBBS_ORACLE_INTERVAL_OP

  friend interval operator-(const interval& a) {
    interval r;
    mpfi_neg(r.x_, a.x_);
    return r;
  }

  /// -1, 0, 1 when a is certainly below, identical to (both points, equal), above b.
  static int compare(const interval& a, const interval& b) {
    if (mpfr_cmp(a.right(), b.left()) < 0) return -1;
    if (mpfr_cmp(a.left(), b.right()) > 0) return 1;
    if (mpfr_equal_p(a.left(), a.right()) && mpfr_equal_p(b.left(), b.right())
        && mpfr_equal_p(a.left(), b.left()))
      return 0;
    throw ambiguous_comparison();
  }
  friend bool operator<(const interval& a, const interval& b) {
    return compare(a, b) < 0;
  }
  friend bool operator>(const interval& a, const interval& b) {
    return compare(a, b) > 0;
  }
  friend bool operator<=(const interval& a, const interval& b) {
    return compare(a, b) <= 0;
  }
  friend bool operator>=(const interval& a, const interval& b) {
    return compare(a, b) >= 0;
  }
  friend bool operator==(const interval& a, const interval& b) {
    return compare(a, b) == 0;
  }

#define GIBBS_ORACLE_INTERVAL_FN(name, fn)                                                         \
  friend interval name(const interval& a) {                                                        \
    interval r;                                                                                    \
    fn(r.x_, a.x_);                                                                                \
    return r;                                                                                      \
  }
  // Found by ADL from gibbs::log & co. (which call `log(x)` unqualified for non-builtin types).
  GIBBS_ORACLE_INTERVAL_FN(log, mpfi_log)
  GIBBS_ORACLE_INTERVAL_FN(log1p, mpfi_log1p)
  GIBBS_ORACLE_INTERVAL_FN(exp, mpfi_exp)
  GIBBS_ORACLE_INTERVAL_FN(expm1, mpfi_expm1)
#undef GIBBS_ORACLE_INTERVAL_FN

private:
  mpfi_t x_;
};

} // namespace gibbs::oracle::detail

namespace gibbs {
/// interval is an interval type: the measures sum it without compensation and skip the TwoSum
/// error terms (both rely on comparisons and exactness properties intervals do not have).
template <>
struct number_traits<oracle::detail::interval> {
  static constexpr bool constexpr_math = false;
  static constexpr bool is_interval = true;
  /// A tight enclosure of log(1 + x) - x (the generic log1p(x) - x is rigorous but, for tiny x,
  /// as wide as x itself, which costs the Ziv loop extra precision doublings).
  static oracle::detail::interval log1pmx(const oracle::detail::interval& x) {
    oracle::detail::interval r;
    detail::mpfi::log1pmx(r.get(), x.get());
    return r;
  }
  /// The rigorous enclosure of the square root (MPFI), for the measures' square_root.
  static oracle::detail::interval sqrt(const oracle::detail::interval& x) {
    oracle::detail::interval r;
    mpfi_sqrt(r.get(), x.get());
    return r;
  }
  static constexpr bool is_builtin_binary = false;
};
} // namespace gibbs

template <>
class std::numeric_limits<gibbs::oracle::detail::interval> {
  using T = gibbs::oracle::detail::interval;

public:
  static constexpr bool is_specialized = true;
  static constexpr bool is_signed = true;
  static constexpr bool is_integer = false;
  static constexpr bool is_exact = false;
  static constexpr bool is_iec559 = false;
  static constexpr bool has_infinity = true;
  static constexpr bool has_quiet_NaN = true;
  static constexpr int radix = 2;
  // Only the measures' overflow guards use min/max (bregman_term: log(p/q) if p/q is within
  // [min, max], else log p - log q); both are identities, so any bounds are correct.
  static T min() { return T(std::numeric_limits<double>::min()); }
  static T max() { return T(std::numeric_limits<double>::max()); }
  static T lowest() { return T(-std::numeric_limits<double>::max()); }
  static T epsilon() { return T(0x1p-1000); }
  static T infinity() { return T(std::numeric_limits<double>::infinity()); }
  static T quiet_NaN() { return T(std::numeric_limits<double>::quiet_NaN()); }
};

#endif // GIBBS_ORACLE_DETAIL_MPFI_HPP
