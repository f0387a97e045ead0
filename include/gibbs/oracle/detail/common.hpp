// gibbs/oracle/detail/common.hpp: the pieces the descriptors of oracle/measures/ share — results
// known without evaluation, the checks of a distribution argument by variant, the one-pass scan
// of a pair, and the exact sums of the normalized variant.
#ifndef GIBBS_ORACLE_DETAIL_COMMON_HPP
#define GIBBS_ORACLE_DETAIL_COMMON_HPP

#include "gibbs/error.hpp"
#include "gibbs/oracle/api.hpp"
#include "gibbs/oracle/descriptor.hpp"
#include "gibbs/oracle/detail/exact_sum.hpp"
#include "gibbs/oracle/detail/interval.hpp"
#include "gibbs/oracle/detail/validate.hpp"
#include "gibbs/oracle/detail/view.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <span>
#include <vector>

namespace gibbs::oracle::detail {

/// A result known without evaluation (exact 0, 1 or an infinity).
inline result special(double v, const view& r) {
  result res;
  res.value = res.lo = res.hi = v;
  res.exact = true;
  res.fmt = r.fmt;
  if (r.digits > 0) {
    big b(64);
    mpfr_set_d(b.get(), v, MPFR_RNDN);
    res.digits = decimal_digits(b.get(), r.digits);
  }
  return res;
}

/// +inf in nats, as the request's value: -inf in a base b in (0, 1), where log b < 0 (every
/// finite value of such a base has the opposite sign of its value in nats too); `logarithm` false
/// for a measure whose value does not depend on the base (perplexity).
inline double infinity_in_base(const view& r, bool logarithm = true) {
  const double inf = std::numeric_limits<double>::infinity();
  return logarithm && r.base > 0 && r.base < 1 ? -inf : inf;
}

/// Sets out to the infinite value (+inf in nats, infinity_in_base) and returns true (for
/// `return infinite(r, out);` in a prepare stage).
inline bool infinite(const view& r, result& out, bool logarithm = true) {
  out = special(infinity_in_base(r, logarithm), r);
  return true;
}

/// Sets out to the exact value v and returns true.
inline bool known(double v, const view& r, result& out) {
  out = special(v, r);
  return true;
}

/// The result for an exactly known value v.
inline result from_exact(mpfr_srcptr v, const view& r) {
  result res;
  res.fmt = r.fmt;
  res.value = round_to(v, r.fmt, MPFR_RNDN);
  if (res.value == 0) res.value = mpfr_sgn(v) < 0 ? -0.0 : 0.0;
  res.lo = round_to(v, r.fmt, MPFR_RNDD);
  res.hi = round_to(v, r.fmt, MPFR_RNDU);
  res.exact = res.lo == res.hi;
  if (r.digits > 0) res.digits = decimal_digits(v, r.digits);
  return res;
}

inline bool normalized(const view& r) {
  return r.var == variant::normalized;
}

/// What a user can do with unnormalised input, from the variants the measure takes.
inline const char* unnormalised_advice(const view& r) {
  const bool n = (r.variants & (1u << static_cast<unsigned>(variant::normalized))) != 0;
  const bool g = (r.variants & (1u << static_cast<unsigned>(variant::generalized))) != 0;
  if (n && g) return "for unnormalised input use the variant normalized or generalized";
  if (n) return "for unnormalised input use the variant normalized";
  return "normalise the input first (this measure has no normalized variant)";
}

/// Validates a distribution argument according to the variant: entries always; a positive sum
/// for normalized; the sum within the tolerance of 1 otherwise (when `sums_to_one`).
inline void check_distribution(std::span<const double> x, const view& r, const char* arg,
                               bool sums_to_one = true) {
  check_entries(x, r.function, arg, r.fmt);
  if (r.var == variant::normalized) {
    check_positive_sum(x, r.function, arg);
  } else if (sums_to_one) {
    check_sums_to_one(x, r.function, arg, r.fmt, unnormalised_advice(r));
  }
}

/// Whether scan_pair's one pass may stand for the per-argument checks: binary64 (binary32 needs
/// the float check) and not normalized (whose sums are not checked against 1).
inline bool scan_can_validate(const view& r, bool normalized) {
  return r.fmt == format::binary64 && !normalized;
}

/// Whether the scan shows valid arguments: non-empty, every entry finite and >= 0, and, when
/// `sums` is set, both plain sums certainly within the tolerance of 1.
inline bool scan_validates(const pair_scan& s, std::size_t n, bool sums) {
  return n > 0 && !s.bad
         && (!sums || (plain_sum_within_tolerance(s.sp, n) && plain_sum_within_tolerance(s.sq, n)));
}

/// Validates the distribution pair (p, q) of a two-argument measure: equal lengths, then one pass
/// decides the usual case; the per-argument checks (which name the first bad index) run when it
/// finds a problem or cannot decide a sum. `sums`: the exact variant checks sums against 1.
inline pair_scan check_pair(const view& r, bool sums = true) {
  check_same_length(r.p.size(), r.q.size(), r.function, "q", "p");
  const pair_scan scan = scan_pair(r.p, r.q);
  const bool norm = normalized(r);
  if (!(scan_can_validate(r, norm) && scan_validates(scan, r.p.size(), sums && !norm))) {
    if (!sums) {
      check_entries(r.p, r.function, "p", r.fmt);
      check_entries(r.q, r.function, "q", r.fmt);
    } else {
      check_distribution(r.p, r, "p");
      check_distribution(r.q, r, "q");
    }
  }
  return scan;
}

/// The exact sums of the normalized variant of a pair measure, and min_bits (p_i * sum(q) and
/// q_i * sum(p) are exact at that precision).
inline void pair_sums(prepared& x) {
  x.sums_deferred = false;
  exact_sum(x.p, x.sp);
  exact_sum(x.q, x.sq);
  x.min_bits =
      53 + static_cast<long>(std::max(mpfr_get_prec(x.sp.get()), mpfr_get_prec(x.sq.get()))) + 8;
}

/// Whether p/sum(p) == q/sum(q) exactly: p_i sum(q) == q_i sum(p) for every i (after pair_sums).
inline bool proportional(const prepared& x) {
  big a(x.min_bits), b(x.min_bits);
  for (std::size_t i = 0; i < x.p.size(); ++i) {
    mpfr_mul_d(a.get(), x.sq.get(), x.p[i], MPFR_RNDN);
    mpfr_mul_d(b.get(), x.sp.get(), x.q[i], MPFR_RNDN);
    if (!mpfr_equal_p(a.get(), b.get())) return false;
  }
  return true;
}

/// The settle stage of a divergence's normalized variant: the exact sums, and the exact 0 when
/// p/sum(p) == q/sum(q) though p != q (the fast pass cannot decide an exact 0: its enclosure
/// would contain 0).
inline bool settle_divergence(const view& r, prepared& x, result& out) {
  if (!x.sums_deferred) return false;
  pair_sums(x);
  if (proportional(x)) return known(0.0, r, out);
  return false;
}

/// The inputs as intervals a_i = p_i sum(q), b_i = q_i sum(p) (exact at min_bits): the normalized
/// variant of a measure D homogeneous of degree 1 is D(a, b) / (sum(p) sum(q)).
inline void scaled_pair(const prepared& x, std::vector<interval>& a, std::vector<interval>& b) {
  const interval Sp = interval::from(x.sp.get()), Sq = interval::from(x.sq.get());
  a.reserve(x.p.size());
  b.reserve(x.p.size());
  for (std::size_t i = 0; i < x.p.size(); ++i) {
    a.push_back(interval(x.p[i]) * Sq);
    b.push_back(interval(x.q[i]) * Sp);
  }
}

} // namespace gibbs::oracle::detail

#endif // GIBBS_ORACLE_DETAIL_COMMON_HPP
