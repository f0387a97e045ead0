// gibbs/oracle/detail/validate.hpp: the oracle's input checks. Same errors and order as the generic
// measures (gibbs::invalid_input naming argument, index and value), but the sum of a distribution
// is checked with a certified (or exact) sum against the tolerance of the *format*:
// |sum - 1| <= gibbs::detail::sum_tolerance(n, eps), eps = 2^-52 (binary64) or 2^-23 (binary32).
#ifndef GIBBS_ORACLE_DETAIL_VALIDATE_HPP
#define GIBBS_ORACLE_DETAIL_VALIDATE_HPP

#include "gibbs/error.hpp"
#include "gibbs/measure/detail/common.hpp"
#include "gibbs/oracle/api.hpp"
#include "gibbs/oracle/detail/exact_sum.hpp"

#include <cmath>
#include <cstdio>
#include <span>
#include <stdexcept>
#include <string>

namespace gibbs::oracle::detail {

inline double format_epsilon(format f) {
  return f == format::binary32 ? 0x1p-23 : 0x1p-52;
}

/// Every entry finite, >= 0 (unless signed, for logits) and, in binary32, a float; x non-empty.
inline void check_entries(std::span<const double> x, const char* fn, const char* arg, format fmt,
                          bool is_signed = false) {
  if (x.empty()) gibbs::detail::throw_invalid(error_kind::empty, fn, arg, 0, 0.0);
  for (std::size_t i = 0; i < x.size(); ++i) {
    const double v = x[i];
    if (std::isnan(v)) gibbs::detail::throw_invalid(error_kind::not_a_number, fn, arg, i, v);
    if (std::isinf(v)) gibbs::detail::throw_invalid(error_kind::infinite, fn, arg, i, v);
    if (!is_signed && v < 0) gibbs::detail::throw_invalid(error_kind::negative, fn, arg, i, v);
    if (fmt == format::binary32 && static_cast<double>(static_cast<float>(v)) != v) {
      char buf[256];
      std::snprintf(buf, sizeof buf,
                    "gibbs::%s: %s[%zu] = %.17g is not a binary32 number; in format binary32 "
                    "every input must be exactly a float",
                    fn, arg, i, v);
      throw std::invalid_argument(buf);
    }
  }
}

/// |sum(x) - 1| <= tol, decided with a certified sum, or exactly when that is too close to call.
inline void check_sums_to_one(std::span<const double> x, const char* fn, const char* arg,
                              format fmt) {
  const double tol = gibbs::detail::sum_tolerance<double>(x.size(), format_epsilon(fmt));
  certified_sum s;
  for (double v : x)
    s.add(v);
  if (s.finite() && s.s >= 0.5 && s.s <= 2) {
    const double d = (s.s - 1) + s.c; // s - 1 exact (Sterbenz); one rounding in d
    const double slack = s.bound() + std::fabs(d) * 0x1p-51;
    if (std::fabs(d) + slack < tol) return;
    if (std::fabs(d) - slack > tol)
      gibbs::detail::throw_invalid(error_kind::not_normalized, fn, arg, 0, s.s + s.c);
  } else if (s.finite()) {
    // |sum - 1| >= 1/2 - |c| - bound, far beyond any tolerance (<= 2^-10).
    if (std::fabs(s.c) + s.bound() < 0.25)
      gibbs::detail::throw_invalid(error_kind::not_normalized, fn, arg, 0, s.s);
  }
  // Too close to call (or overflowed): decide exactly. 1 +- tol is exact in 128 bits since tol is
  // a double in [2^-30, 2^-10].
  big sum(64), upper(128), lower(128);
  exact_sum(x, sum);
  mpfr_set_d(upper.get(), tol, MPFR_RNDN);
  mpfr_add_ui(upper.get(), upper.get(), 1, MPFR_RNDN);
  mpfr_set_d(lower.get(), -tol, MPFR_RNDN);
  mpfr_add_ui(lower.get(), lower.get(), 1, MPFR_RNDN);
  if (mpfr_cmp(sum.get(), upper.get()) > 0 || mpfr_cmp(sum.get(), lower.get()) < 0)
    gibbs::detail::throw_invalid(error_kind::not_normalized, fn, arg, 0,
                                 mpfr_get_d(sum.get(), MPFR_RNDN));
}

/// sum(x) > 0 (x already checked non-negative): some entry is positive.
inline void check_positive_sum(std::span<const double> x, const char* fn, const char* arg) {
  for (double v : x)
    if (v > 0) return;
  gibbs::detail::throw_invalid(error_kind::zero_sum, fn, arg, 0, 0.0);
}

inline void check_same_length(std::size_t n, std::size_t m, const char* fn, const char* arg) {
  if (n != m)
    gibbs::detail::throw_invalid(error_kind::length_mismatch, fn, arg, m, static_cast<double>(n));
}

} // namespace gibbs::oracle::detail

#endif // GIBBS_ORACLE_DETAIL_VALIDATE_HPP
