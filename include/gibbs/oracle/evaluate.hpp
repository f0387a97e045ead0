// gibbs/oracle/evaluate.hpp: the oracle's entry point `evaluate` and its convenience wrappers.
#ifndef GIBBS_ORACLE_EVALUATE_HPP
#define GIBBS_ORACLE_EVALUATE_HPP

#include "gibbs/error.hpp"
#include "gibbs/oracle/api.hpp"
#include "gibbs/oracle/detail/exact.hpp"
#include "gibbs/oracle/detail/fast.hpp"
#include "gibbs/oracle/detail/interval.hpp"
#include "gibbs/oracle/detail/kernel.hpp"
#include "gibbs/oracle/detail/validate.hpp"
#include "gibbs/oracle/detail/view.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

namespace gibbs::oracle {

namespace detail {

inline const char* function_name(measure m) {
  switch (m) {
  case measure::entropy:
    return "oracle::entropy";
  case measure::cross_entropy:
    return "oracle::cross_entropy";
  case measure::kl:
    return "oracle::kl_divergence";
  case measure::reverse_kl:
    return "oracle::reverse_kl_divergence";
  case measure::generalized_kl:
    return "oracle::generalized_kl_divergence";
  case measure::js:
    return "oracle::jensen_shannon";
  case measure::nll:
    return "oracle::nll";
  case measure::perplexity:
    return "oracle::perplexity";
  case measure::logits_cross_entropy:
    return "oracle::cross_entropy_from_logits";
  }
  return "oracle::evaluate";
}

/// A result known without evaluation (exact 0, 1 or +inf).
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

/// Validates a distribution argument according to the variant.
inline void check_distribution(std::span<const double> x, const view& r, const char* arg,
                               bool sums_to_one) {
  const char* fn = function_name(r.what);
  check_entries(x, fn, arg, r.fmt);
  if (r.var == variant::normalized) {
    check_positive_sum(x, fn, arg);
  } else if (sums_to_one) {
    check_sums_to_one(x, fn, arg, r.fmt);
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

/// The normalized variant's exact sums (and min_bits). For the two-argument measures also decides
/// whether p/sum(p) == q/sum(q) exactly (iff p_i sum(q) == q_i sum(p) for every i): then the value
/// is known (0, except for cross-entropy) and `out` is set. Returns true when `out` was set.
inline bool normalized_sums(const view& r, prepared& x, result& out) {
  x.sums_deferred = false;
  if (r.what == measure::nll || r.what == measure::perplexity) {
    exact_sum(x.q, x.sq);
    return false;
  }
  exact_sum(x.p, x.sp);
  if (r.what == measure::entropy) return false;
  exact_sum(x.q, x.sq);
  x.min_bits =
      53 + static_cast<long>(std::max(mpfr_get_prec(x.sp.get()), mpfr_get_prec(x.sq.get()))) + 8;
  if (r.what == measure::cross_entropy) return false;
  big a(x.min_bits), b(x.min_bits);
  for (std::size_t i = 0; i < x.p.size(); ++i) {
    mpfr_mul_d(a.get(), x.sq.get(), x.p[i], MPFR_RNDN);
    mpfr_mul_d(b.get(), x.sp.get(), x.q[i], MPFR_RNDN);
    if (!mpfr_equal_p(a.get(), b.get())) return false;
  }
  out = special(0.0, r);
  return true;
}

/// Validates the request; fills `x` (spans, counts, exact sums). Returns true and sets `out` when
/// the value is known at once: +inf (p_i > 0 = q_i, a sample of probability 0), or an exact value
/// whose terms all vanish (p == q, a one-hot entropy, log 1, a single logit).
inline bool prepare(const view& r, prepared& x, result& out) {
  const char* fn = function_name(r.what);
  if (!(r.base == 0 || (std::isfinite(r.base) && r.base > 0 && r.base != 1)))
    throw std::invalid_argument("gibbs::oracle: base = " + std::to_string(r.base)
                                + " is not a valid base of logarithms (0 for e, or b > 0, b != 1)");
  if (r.digits < 0 || r.digits > 10000)
    throw std::invalid_argument("gibbs::oracle: digits = " + std::to_string(r.digits)
                                + " is outside [0, 10000]");
  const bool generalized = r.what == measure::generalized_kl;
  const bool normalized = r.var == variant::normalized && !generalized;
  if (r.var == variant::generalized && !generalized && r.what != measure::kl)
    throw std::invalid_argument(std::string("gibbs::") + fn
                                + ": the generalized variant exists for KL only");
  switch (r.what) {
  case measure::entropy: {
    if (!(scan_can_validate(r, normalized)
          && scan_validates(scan_pair(r.p, r.p), r.p.size(), true)))
      check_distribution(r.p, r, "p", true);
    x.p = r.p;
    if (normalized) x.sums_deferred = true; // exact sums: normalized_sums(), if needed
    bool all_trivial = true; // terms 0 log 0 and 1 log 1 (normalized: a single non-zero mass)
    std::size_t nonzero = 0;
    for (double v : r.p) {
      if (v != 0) ++nonzero;
      if (v != 0 && v != 1) all_trivial = false;
    }
    if ((!normalized && all_trivial) || (normalized && nonzero == 1)) {
      out = special(0.0, r);
      return true;
    }
    break;
  }
  case measure::cross_entropy:
  case measure::kl:
  case measure::reverse_kl:
  case measure::generalized_kl:
  case measure::js: {
    const bool gen = generalized || (r.what == measure::kl && r.var == variant::generalized);
    check_same_length(r.p.size(), r.q.size(), fn, "q");
    const bool reverse = r.what == measure::reverse_kl;
    // One pass decides the usual case; the per-argument checks (which name the first bad index)
    // run when it finds a problem or cannot decide a sum.
    const pair_scan scan = scan_pair(r.p, r.q);
    if (!(scan_can_validate(r, normalized) && scan_validates(scan, r.p.size(), !gen))) {
      if (gen) {
        check_entries(r.p, fn, "p", r.fmt);
        check_entries(r.q, fn, "q", r.fmt);
      } else {
        check_distribution(r.p, r, "p", true);
        check_distribution(r.q, r, "q", true);
      }
    }
    x.p = reverse ? std::span<const double>(r.q) : std::span<const double>(r.p);
    x.q = reverse ? std::span<const double>(r.p) : std::span<const double>(r.q);
    // scan's facts hold for any input it could read (the checks above throw on the rest)
    const bool infinite = reverse ? scan.q_not_p : scan.p_not_q;
    const bool equal = scan.equal;
    const bool cross_zero = scan.q_one;
    if (r.what != measure::js && infinite) {
      out = special(std::numeric_limits<double>::infinity(), r);
      return true;
    }
    if (normalized) {
      // The exact sums, and whether p/sum(p) == q/sum(q) though p != q, are decided after the
      // fast path (normalized_sums): it cannot decide an exact 0 (its enclosure would contain 0).
      x.sums_deferred = true;
    }
    if (r.what == measure::cross_entropy) {
      if (!normalized && cross_zero) {
        out = special(0.0, r);
        return true;
      }
    } else if (equal) {
      out = special(0.0, r);
      return true;
    }
    break;
  }
  case measure::nll:
  case measure::perplexity: {
    check_distribution(r.q, r, "q", true);
    x.q = r.q;
    if (r.samples.empty())
      gibbs::detail::throw_invalid(error_kind::no_samples, fn, "samples", 0, 0.0);
    x.counts.assign(r.q.size(), 0);
    for (std::size_t k = 0; k < r.samples.size(); ++k) {
      const std::int64_t s = r.samples[k];
      if (s < 0 || static_cast<std::uint64_t>(s) >= r.q.size())
        gibbs::detail::throw_invalid(error_kind::index_out_of_range, fn, "samples", k,
                                     static_cast<double>(s));
      ++x.counts[static_cast<std::size_t>(s)];
    }
    x.samples = static_cast<std::int64_t>(r.samples.size());
    bool infinite = false, zero = true;
    for (std::size_t i = 0; i < x.counts.size(); ++i) {
      if (x.counts[i] == 0) continue;
      if (r.q[i] == 0) infinite = true;
      if (r.q[i] != 1) zero = false;
    }
    if (infinite) {
      out = special(std::numeric_limits<double>::infinity(), r);
      return true;
    }
    if (normalized) x.sums_deferred = true;
    if (!normalized && zero) {
      out = special(r.what == measure::perplexity ? 1.0 : 0.0, r);
      return true;
    }
    break;
  }
  case measure::logits_cross_entropy: {
    check_entries(r.logits, fn, "logits", r.fmt, true);
    if (r.target.empty()) {
      if (r.target_index < 0 || static_cast<std::uint64_t>(r.target_index) >= r.logits.size())
        gibbs::detail::throw_invalid(
            error_kind::index_out_of_range, fn, "target_index",
            static_cast<std::size_t>(r.target_index < 0 ? 0 : r.target_index),
            static_cast<double>(r.target_index), false);
    } else {
      check_same_length(r.logits.size(), r.target.size(), fn, "target");
      check_distribution(r.target, r, "target", true);
      if (normalized) exact_sum(r.target, x.st);
    }
    if (r.logits.size() == 1) {
      out = special(0.0, r);
      return true;
    }
    break;
  }
  }
  return false;
}

/// The fast path of the normalised variant, from the kernel's raw sums and the sums S of the
/// arguments (as double-doubles from the kernel's accumulator, with relative error e_S = its
/// bound / S, or exactly when no addition rounded):
///   KL(p/Sp || q/Sq) = KL_raw(p, q) / Sp + log(Sq / Sp),   H(p/Sp) = H_raw(p) / Sp + log Sp,
///   H(p/Sp, q/Sq) = H_raw(p, q) / Sp + log Sq,             NLL(q/Sq) = NLL_raw(q) + log Sq
/// (as sum p/Sp = 1). Bounds: the raw bound / Sp; the double-double quotient (2^-101.8) and Sp's
/// e_S; log_k of a double-double X (RHO_LOG_K |log X|, plus X's relative error e, which moves
/// log X by <= e (1 + e)); the final addition (2^-104.4 of the result). When the sums are exact
/// and equal (or S = 1) the log term is exactly 0. An exact value 0 (p/Sp == q/Sq) cannot be
/// decided here; normalized_sums() finds it afterwards.
inline fast::sum_result normalized_fast(const view& g, const prepared& x) {
  using gd = gibbs::double_double;
  struct sum_dd {
    gd v;
    double rel; // relative error bound (0: exact)
  };
  const auto sum_of = [](std::span<const double> v) {
    kernel::accumulator a;
    for (double t : v)
      a.add(t, 0.0);
    const kernel::dd2 S = kernel::two_sum(a.s, a.c); // exact
    const double rel =
        a.e == 0 ? 0.0 : a.bound(static_cast<double>(v.size())) / S.hi * (1 + 0x1p-50);
    return sum_dd{gd(S.hi, S.lo), rel};
  };
  struct log_term {
    gd v;
    double err;
    bool ok;
  };
  // log(a) or log(a / b), within the returned absolute bound
  const auto log_of = [](const sum_dd& a, const sum_dd* b) -> log_term {
    if (b && a.rel == 0 && b->rel == 0 && a.v.hi == b->v.hi && a.v.lo == b->v.lo)
      return {gd(0.0), 0, true};
    if (!b && a.rel == 0 && a.v.hi == 1 && a.v.lo == 0) return {gd(0.0), 0, true};
    const gd X = b ? a.v / b->v : a.v;
    if (!(X.hi >= 0x1p-1000 && X.hi <= 0x1p1000)) return {gd(0.0), 0, false};
    const double e = b ? (a.rel + b->rel) * (1 + 0x1p-40) + 0x1p-101 : a.rel;
    if (!(e <= 0x1p-40)) return {gd(0.0), 0, false};
    const kernel::dd2 L = kernel::log_k(X.hi, X.lo);
    return {gd(L.hi, L.lo), (kernel::RHO_LOG_K * std::fabs(L.hi) + e * (1 + e)) * (1 + 0x1p-50),
            true};
  };
  fast::sum_result raw;
  sum_dd sp{}, sq{};
  bool divide = true;
  log_term L{};
  switch (g.what) {
  case measure::kl:
  case measure::reverse_kl:
    sp = sum_of(x.p);
    sq = sum_of(x.q);
    raw = kernel::kl(x.p, x.q, false);
    L = log_of(sq, &sp);
    break;
  case measure::entropy:
    sp = sum_of(x.p);
    raw = kernel::entropy(x.p, x.p);
    L = log_of(sp, nullptr);
    break;
  case measure::cross_entropy:
    sp = sum_of(x.p);
    sq = sum_of(x.q);
    raw = kernel::entropy(x.p, x.q);
    L = log_of(sq, nullptr);
    break;
  case measure::nll:
  case measure::perplexity:
    sq = sum_of(x.q);
    raw = kernel::nll(x.q, x.counts, x.samples);
    L = log_of(sq, nullptr);
    divide = false;
    break;
  default:
    return {};
  }
  if (!raw.ok || !L.ok || (divide && !(sp.v.hi > 0 && sp.rel <= 0x1p-40))) return {};
  fast::sum_result out = raw;
  if (divide && !(sp.rel == 0 && sp.v.hi == 1 && sp.v.lo == 0)) {
    const gd q = raw.value / sp.v;
    out.value = q;
    out.error = raw.error / (sp.v.hi * (1 - 0x1p-50))
                + std::fabs(q.hi) * (sp.rel * (1 + 0x1p-40) + 0x1p-100);
  }
  out.value = out.value + L.v;
  out.error = (out.error + L.err + std::fabs(out.value.hi) * 0x1p-103) * (1 + 0x1p-50);
  out.ok = std::isfinite(out.value.hi) && std::isfinite(out.error);
  if (g.what == measure::perplexity) return kernel::exponentiate(out);
  return out;
}

/// evaluate() on a view: validation, the immediate cases, the exactness detector, the fast path,
/// then the interval path.
inline result evaluate_view(const view& r) {
  prepared x;
  result out;
  if (prepare(r, x, out)) return out;
  view g = r;
  if (r.what == measure::kl && r.var == variant::generalized) g.what = measure::generalized_kl;
  big v(64);
  if (exact_rational_value(g, x.p, x.q, x.counts, x.samples, v)) return from_exact(v.get(), g);
  if (r.allow_fast_path && r.digits == 0) {
    const bool gen = g.what == measure::generalized_kl;
    const bool normalized = r.var == variant::normalized && !gen;
    fast::sum_result s = normalized ? normalized_fast(g, x)
                         : g.what == measure::logits_cross_entropy
                             ? kernel::logits_cross_entropy(r.logits, r.target_index, r.target)
                             : kernel::evaluate_nats(g.what, gen, x.p, x.q, x.counts, x.samples);
    if (g.what != measure::perplexity) fast::to_base(s, r.base);
    result res;
    if (fast::decide(s, r.fmt, res)) {
      res.fmt = r.fmt;
      res.precision_bits = 106;
      res.fast_path = true;
      return res;
    }
  }
  if (x.sums_deferred && normalized_sums(g, x, out)) return out;
  return ziv(g, x);
}

} // namespace detail

/// Evaluates a request: the exact value of the measure on the given numbers, rounded once.
/// Throws gibbs::invalid_input (naming argument, index and value) for invalid input,
/// std::invalid_argument for an invalid base, digits or format, gibbs::oracle::undecided if the
/// rounding is still undecided at request::max_precision_bits.
/// Example: evaluate({.what = measure::entropy, .p = {0.5, 0.5}}).value == log(2).
inline result evaluate(const request& r) {
  return detail::evaluate_view(detail::view_of(r));
}

namespace detail {
template <class T>
std::vector<double> widen(std::span<const T> x) {
  return std::vector<double>(x.begin(), x.end());
}
} // namespace detail

/// Shannon entropy H(p) = -sum p log p of a distribution (see gibbs::entropy).
inline result entropy(std::span<const double> p, const options& o = {}) {
  detail::view v = detail::view_of(measure::entropy, o);
  v.p = p;
  return detail::evaluate_view(v);
}
/// Shannon entropy of a binary32 distribution, rounded to binary32.
inline result entropy(std::span<const float> p, const options& o = {}) {
  const std::vector<double> w = detail::widen(p);
  detail::view v = detail::view_of(measure::entropy, o);
  v.fmt = format::binary32;
  v.p = w;
  return detail::evaluate_view(v);
}

#define GIBBS_ORACLE_TWO_ARGUMENT(name, tag)                                                       \
  inline result name(std::span<const double> p, std::span<const double> q,                         \
                     const options& o = {}) {                                                      \
    detail::view v = detail::view_of(tag, o);                                                      \
    v.p = p;                                                                                       \
    v.q = q;                                                                                       \
    return detail::evaluate_view(v);                                                               \
  }                                                                                                \
  inline result name(std::span<const float> p, std::span<const float> q, const options& o = {}) {  \
    const std::vector<double> wp = detail::widen(p), wq = detail::widen(q);                        \
    detail::view v = detail::view_of(tag, o);                                                      \
    v.fmt = format::binary32;                                                                      \
    v.p = wp;                                                                                      \
    v.q = wq;                                                                                      \
    return detail::evaluate_view(v);                                                               \
  }

/// Cross-entropy H(p, q) = -sum p log q.
GIBBS_ORACLE_TWO_ARGUMENT(cross_entropy, measure::cross_entropy)
/// KL(p||q) = sum p log(p/q).
GIBBS_ORACLE_TWO_ARGUMENT(kl_divergence, measure::kl)
/// KL(q||p).
GIBBS_ORACLE_TWO_ARGUMENT(reverse_kl_divergence, measure::reverse_kl)
/// sum p log(p/q) - p + q.
GIBBS_ORACLE_TWO_ARGUMENT(generalized_kl_divergence, measure::generalized_kl)
/// Jensen-Shannon divergence.
GIBBS_ORACLE_TWO_ARGUMENT(jensen_shannon, measure::js)
#undef GIBBS_ORACLE_TWO_ARGUMENT

/// Empirical negative log-likelihood -(1/N) sum_k log q[samples_k].
inline result nll(std::span<const double> q, std::span<const std::int64_t> samples,
                  const options& o = {}) {
  detail::view v = detail::view_of(measure::nll, o);
  v.q = q;
  v.samples = samples;
  return detail::evaluate_view(v);
}
/// Perplexity exp(nll) (the base option is ignored).
inline result perplexity(std::span<const double> q, std::span<const std::int64_t> samples,
                         const options& o = {}) {
  detail::view v = detail::view_of(measure::perplexity, o);
  v.q = q;
  v.samples = samples;
  return detail::evaluate_view(v);
}
/// -log softmax(logits)[target_index].
inline result cross_entropy_from_logits(std::span<const double> logits, std::int64_t target_index,
                                        const options& o = {}) {
  detail::view v = detail::view_of(measure::logits_cross_entropy, o);
  v.logits = logits;
  v.target_index = target_index;
  return detail::evaluate_view(v);
}
/// -sum target_i log softmax(logits)_i.
inline result cross_entropy_from_logits(std::span<const double> logits,
                                        std::span<const double> target, const options& o = {}) {
  detail::view v = detail::view_of(measure::logits_cross_entropy, o);
  v.logits = logits;
  v.target = target;
  return detail::evaluate_view(v);
}

} // namespace gibbs::oracle

#endif // GIBBS_ORACLE_EVALUATE_HPP
