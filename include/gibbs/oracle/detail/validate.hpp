// gibbs/oracle/detail/validate.hpp: the oracle's input checks. Same errors and order as the generic
// measures (gibbs::invalid_input naming argument, index and value), but the sum of a distribution
// is checked with a certified (or exact) sum against the tolerance of the *format*:
// |sum - 1| <= gibbs::detail::sum_tolerance(n, eps) with the format's eps (2^-52, 2^-23, 2^-10,
// 2^-7): 4 n eps within [2^-30, 2^-10], and 4 eps in the 16-bit formats (2^-8 binary16, 2^-5
// bfloat16), the same tolerance as the generic measures in gibbs::binary16 and gibbs::bfloat16.
#ifndef GIBBS_ORACLE_DETAIL_VALIDATE_HPP
#define GIBBS_ORACLE_DETAIL_VALIDATE_HPP

#include "gibbs/error.hpp"
#include "gibbs/measure/detail/common.hpp"
#include "gibbs/oracle/api.hpp"
#include "gibbs/oracle/detail/exact_sum.hpp"
#include "gibbs/oracle/format.hpp"

#include <bit>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <limits>
#include <span>
#include <stdexcept>
#include <string>

namespace gibbs::oracle::detail {

inline double format_epsilon(format f) {
  return traits(f).epsilon;
}

/// The tolerance on |sum - 1| for n entries of format f (see the top of this file).
inline double format_sum_tolerance(std::size_t n, format f) {
  const double eps = format_epsilon(f);
  return gibbs::detail::sum_tolerance<double>(n, eps);
}

/// Every entry finite, >= 0 (unless signed, for logits) and a number of the format; x non-empty.
/// `entries` names what the entries are in the message for a negative one ("weights must be
/// >= 0"); probabilities get error.hpp's own sentence.
/// v in the messages' style: %.17g (the value round-trips; 7 prints as 7).
[[nodiscard]] inline std::string number_text(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}

inline void check_entries(std::span<const double> x, const char* fn, const char* arg, format fmt,
                          bool is_signed = false, const char* entries = nullptr) {
  if (x.empty()) gibbs::detail::throw_invalid(error_kind::empty, fn, arg, 0, 0.0);
  for (std::size_t i = 0; i < x.size(); ++i) {
    const double v = x[i];
    if (std::isnan(v)) gibbs::detail::throw_invalid(error_kind::not_a_number, fn, arg, i, v);
    if (std::isinf(v)) gibbs::detail::throw_invalid(error_kind::infinite, fn, arg, i, v);
    if (!is_signed && v < 0) {
      if (!entries) gibbs::detail::throw_invalid(error_kind::negative, fn, arg, i, v);
      char buf[320];
      std::snprintf(buf, sizeof buf, "gibbs::%s: %s[%zu] = %.17g is negative; %s must be >= 0", fn,
                    arg, i, v, entries);
      throw invalid_input(error_kind::negative, arg, i, v, buf);
    }
    if (fmt != format::binary64 && !representable(v, fmt)) {
      const std::string_view name = traits(fmt).name;
      char buf[320];
      std::snprintf(buf, sizeof buf,
                    "gibbs::%s: %s[%zu] = %.17g is not a %.*s number; in format %.*s every input "
                    "must be exactly a %.*s number",
                    fn, arg, i, v, static_cast<int>(name.size()), name.data(),
                    static_cast<int>(name.size()), name.data(), static_cast<int>(name.size()),
                    name.data());
      throw invalid_input(error_kind::not_in_format, arg, i, v, buf);
    }
  }
}

/// The error for sum(x) = s outside 1 +- tol, with the tolerance and `advice` in the message.
[[noreturn]] inline void throw_not_normalized(const char* fn, const char* arg, std::size_t n,
                                              double s, double tol, format fmt,
                                              const char* advice) {
  char buf[640];
  std::snprintf(buf, sizeof buf,
                "gibbs::%s: sum(%s) = %.17g is not 1 within the tolerance: |sum(%s) - 1| must be "
                "<= %.3g (4 n eps, clamped to [2^-30, max(2^-10, 4 eps)], for n = %zu entries "
                "and eps = 2^%d of %s)%s%s",
                fn, arg, s, arg, tol, n, 1 - traits(fmt).precision,
                std::string(traits(fmt).name).c_str(), advice ? "; " : "", advice ? advice : "");
  throw invalid_input(error_kind::not_normalized, arg, n, s, buf);
}

/// |sum(x) - 1| <= tol, decided with a certified sum, or exactly when that is too close to call.
/// `advice` (may be null) ends the message: what the user can do with unnormalised input.
inline void check_sums_to_one(std::span<const double> x, const char* fn, const char* arg,
                              format fmt, const char* advice = nullptr) {
  const double tol = format_sum_tolerance(x.size(), fmt);
  certified_sum s;
  for (double v : x)
    s.add(v);
  if (s.finite() && s.s >= 0.5 && s.s <= 2) {
    const double d = (s.s - 1) + s.c; // s - 1 exact (Sterbenz); one rounding in d
    const double slack = s.bound() + std::fabs(d) * 0x1p-51;
    if (std::fabs(d) + slack < tol) return;
    if (std::fabs(d) - slack > tol)
      throw_not_normalized(fn, arg, x.size(), s.s + s.c, tol, fmt, advice);
  } else if (s.finite()) {
    // |sum - 1| >= 1/2 - |c| - bound, far beyond any tolerance (<= 2^-5).
    if (std::fabs(s.c) + s.bound() < 0.25)
      throw_not_normalized(fn, arg, x.size(), s.s, tol, fmt, advice);
  }
  // Too close to call (or overflowed): decide exactly. 1 +- tol is exact in 128 bits since tol is
  // a double in [2^-30, 2^-5].
  big sum(64), upper(128), lower(128);
  exact_sum(x, sum);
  mpfr_set_d(upper.get(), tol, MPFR_RNDN);
  mpfr_add_ui(upper.get(), upper.get(), 1, MPFR_RNDN);
  mpfr_set_d(lower.get(), -tol, MPFR_RNDN);
  mpfr_add_ui(lower.get(), lower.get(), 1, MPFR_RNDN);
  if (mpfr_cmp(sum.get(), upper.get()) > 0 || mpfr_cmp(sum.get(), lower.get()) < 0)
    throw_not_normalized(fn, arg, x.size(), mpfr_get_d(sum.get(), MPFR_RNDN), tol, fmt, advice);
}

/// sum(x) > 0 (x already checked non-negative): some entry is positive.
inline void check_positive_sum(std::span<const double> x, const char* fn, const char* arg) {
  for (double v : x)
    if (v > 0) return;
  gibbs::detail::throw_invalid(error_kind::zero_sum, fn, arg, 0, 0.0);
}

/// One pass over a pair (p, q) of binary64 inputs of equal length: whether every entry is a
/// finite non-negative double, the plain sums of p and q, and the facts prepare() needs.
/// The checks that name an index (check_entries, check_sums_to_one) run only when this pass
/// finds something wrong or cannot decide, so errors and their order are the same as theirs.
struct pair_scan {
  double sp = 0, sq = 0;
  bool bad = false;     ///< some entry is NaN, infinite or negative
  bool p_not_q = false; ///< some p_i > 0 = q_i
  bool q_not_p = false; ///< some q_i > 0 = p_i
  bool equal = true;    ///< p == q
  bool q_one = true;    ///< q_i == 1 wherever p_i > 0
};

inline pair_scan scan_pair(std::span<const double> p, std::span<const double> q) {
  // On the bit patterns: x is a finite double >= +0 iff bits(x) < bits(+inf) as unsigned (-0
  // counts as bad here and is then accepted by check_entries). For entries that are finite and
  // >= 0 or -0 (the only valid ones), the sign bit dropped (bits << 1): x > 0 iff it is not 0
  // (so -0 is a zero mass, as +0), x == y iff bits(x) ^ bits(y) is 0 without the sign bit.
  // Integer flags keep the loop free of branches.
  constexpr std::uint64_t inf = 0x7ff0000000000000ULL, one = 0x3ff0000000000000ULL;
  double sp0 = 0, sp1 = 0, sq0 = 0, sq1 = 0;
  std::uint64_t bad = 0, pq = 0, qp = 0, ne = 0, q1 = 0;
  const std::size_t n = p.size();
  const auto step = [&](double a, double b, double& sa, double& sb) {
    const std::uint64_t x = std::bit_cast<std::uint64_t>(a), y = std::bit_cast<std::uint64_t>(b);
    bad |= static_cast<std::uint64_t>(x >= inf) | static_cast<std::uint64_t>(y >= inf);
    const std::uint64_t xm = x << 1, ym = y << 1;
    pq |= static_cast<std::uint64_t>(xm != 0) & static_cast<std::uint64_t>(ym == 0);
    qp |= static_cast<std::uint64_t>(ym != 0) & static_cast<std::uint64_t>(xm == 0);
    ne |= xm ^ ym;
    q1 |= static_cast<std::uint64_t>(xm != 0) & static_cast<std::uint64_t>(y != one);
    sa += a;
    sb += b;
  };
  std::size_t i = 0;
  for (; i + 1 < n; i += 2) {
    step(p[i], q[i], sp0, sq0);
    step(p[i + 1], q[i + 1], sp1, sq1);
  }
  if (i < n) step(p[i], q[i], sp0, sq0);
  pair_scan r;
  r.sp = sp0 + sp1;
  r.sq = sq0 + sq1;
  r.bad = bad != 0;
  r.p_not_q = pq != 0;
  r.q_not_p = qp != 0;
  r.equal = ne == 0;
  r.q_one = q1 == 0;
  return r;
}

/// True when a plain sum s of n finite non-negative doubles (in any order) certainly lies within
/// sum_tolerance(n, 2^-52) of 1: the exact sum S satisfies |s - S| <= (n - 1) u S, so
/// S <= s / (1 - n u) and |S - 1| <= |s - 1| + n u s (1 + 2^-9) for n u < 2^-10 (the few
/// roundings of err itself are covered by the same factor). False means "use the exact check".
inline bool plain_sum_within_tolerance(double s, std::size_t n) {
  const double nd = static_cast<double>(n);
  if (!(nd * 0x1p-53 < 0x1p-10) || !(s >= 0.5 && s <= 2)) return false;
  const double tol = gibbs::detail::sum_tolerance<double>(n, 0x1p-52);
  const double d = std::fabs(s - 1); // exact (Sterbenz)
  const double err = nd * 0x1p-53 * s * (1 + 0x1p-9);
  return d + err < tol * (1 - 0x1p-50);
}

/// arg (length m) must have the length n of `other`.
inline void check_same_length(std::size_t n, std::size_t m, const char* fn, const char* arg,
                              const char* other) {
  if (n == m) return;
  char buf[256];
  std::snprintf(buf, sizeof buf, "gibbs::%s: %s has length %zu but %s has length %zu", fn, arg, m,
                other, n);
  throw invalid_input(error_kind::length_mismatch, arg, m, static_cast<double>(n), buf);
}

/// An index k (the key `arg`, entry `at` when it is a list) outside [0, n) of `into`.
[[noreturn]] inline void throw_index_out_of_range(const char* fn, const char* arg, std::size_t at,
                                                  bool listed, std::int64_t k, std::size_t n,
                                                  const char* into) {
  char buf[320];
  char where[64];
  if (listed)
    std::snprintf(where, sizeof where, "%s[%zu]", arg, at);
  else
    std::snprintf(where, sizeof where, "%s", arg);
  std::snprintf(buf, sizeof buf,
                "gibbs::%s: %s = %lld is out of range: it must be an index into %s, 0 <= %s <= %zu",
                fn, where, static_cast<long long>(k), into, arg, n == 0 ? 0 : n - 1);
  throw invalid_input(error_kind::index_out_of_range, arg, at, static_cast<double>(k), buf);
}

} // namespace gibbs::oracle::detail

#endif // GIBBS_ORACLE_DETAIL_VALIDATE_HPP
