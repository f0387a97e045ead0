// gibbs/oracle/measures/kl.hpp: the oracle's descriptors of Kullback-Leibler divergence — forward
// KL(p||q), reverse KL(q||p) and generalized KL sum (p log(p/q) - p + q); one set of stages, the
// roles of p and q swapped for reverse KL.
#ifndef GIBBS_ORACLE_MEASURES_KL_HPP
#define GIBBS_ORACLE_MEASURES_KL_HPP

#include "gibbs/measure/kl_divergence.hpp"
#include "gibbs/oracle/descriptor.hpp"
#include "gibbs/oracle/detail/common.hpp"
#include "gibbs/oracle/detail/kernel.hpp"
#include "gibbs/oracle/detail/normalized.hpp"
#include "gibbs/oracle/detail/point_sum.hpp"
#include "gibbs/oracle/detail/rational_measure.hpp"
#include "gibbs/property/divergence.hpp"

#include <algorithm>
#include <stdexcept>
#include <vector>

namespace gibbs::oracle::detail::kl_measure {

/// The generalized divergence: measure generalized_kl, or kl with the generalized variant.
inline bool generalized(const view& r) {
  return r.what == measure::generalized_kl
         || (r.what == measure::kl && r.var == variant::generalized);
}

/// The normalized variant (generalized KL ignores the variant).
inline bool norm(const view& r) {
  return normalized(r) && r.what != measure::generalized_kl;
}

/// Valid p, q (any non-negative masses when generalized); +inf when some p_i > 0 = q_i (reverse:
/// q_i > 0 = p_i); 0 when p == q.
inline bool prepare(const view& r, prepared& x, result& out) {
  const bool gen = generalized(r), reverse = r.what == measure::reverse_kl;
  const pair_scan scan = check_pair(r, !gen);
  x.p = reverse ? r.q : r.p;
  x.q = reverse ? r.p : r.q;
  if (reverse ? scan.q_not_p : scan.p_not_q) return infinite(r, out);
  if (norm(r)) x.sums_deferred = true; // settle(): after the fast pass
  if (scan.equal) return known(0.0, r, out);
  return false;
}

/// Rational iff the log-linear form's exponents are proportional to the base's and, when
/// generalized, sum (q_i - p_i) = 0 in a base other than e (rational.hpp). x.p, x.q are already
/// swapped for reverse KL.
inline rational::verdict exact(const view& r, const prepared& x) {
  const rational::kl_kind kind = generalized(r) ? rational::kl_kind::generalized
                                 : norm(r)      ? rational::kl_kind::normalized
                                                : rational::kl_kind::plain;
  return rational::kl(x.p, x.q, r.base, kind);
}

inline certified::sum_result fast_pass(const view& r, const prepared& x) {
  if (!norm(r)) return kernel::kl(x.p, x.q, generalized(r));
  const normalized_pass::sum_dd sp = normalized_pass::sum_of(x.p);
  const normalized_pass::sum_dd sq = normalized_pass::sum_of(x.q);
  const certified::sum_result s =
      normalized_pass::combine(kernel::kl(x.p, x.q, false), &sp, normalized_pass::log_of(sq, &sp));
  // KL_raw / Sp + log(Sq / Sp) cancels for near-equal p/Sp, q/Sq: then the Bregman terms of the
  // scaled pair (normalized_pass::kl_scaled), which do not
  if (s.ok && s.error < std::fabs(s.value.hi) * 0x1p-60) return s;
  return normalized_pass::kl_scaled(x.p, x.q);
}

/// gibbs::detail::kl_unchecked on intervals. Normalized: KL(p/Sp || q/Sq) = D(a||b) / (Sp Sq)
/// with the generalized D on a = p Sq, b = q Sp (common_hpp: scaled_pair), since sum a = sum b.
inline interval enclose(const view& r, const prepared& x) {
  interval v;
  if (r.digits > 0 && !norm(r) && point::kl(x.p, x.q, generalized(r), v)) return v;
  if (!norm(r)) return gibbs::detail::kl_unchecked<interval>(x.p, x.q, generalized(r));
  std::vector<interval> a, b;
  scaled_pair(x, a, b);
  return gibbs::detail::kl_unchecked<interval>(a, b, true)
         / (interval::from(x.sp.get()) * interval::from(x.sq.get()));
}

/// Gibbs' inequality (the mass defect allowed); 0 at p == q.
inline void laws(const answer_values& a, std::vector<std::string>& out) {
  in_format(a, [&](const auto& p, const auto& q, auto v, auto) {
    if (std::equal(p.begin(), p.end(), q.begin(), q.end())
        && !gibbs::property::values::zero_at_equality(v))
      out.push_back("identity");
    if (p.size() == q.size() && !p.empty() && !gibbs::property::values::gibbs_inequality(p, q, v))
      out.push_back("gibbs");
  });
}
/// Generalized KL: D >= 0 (every term is), 0 at p == q.
inline void generalized_laws(const answer_values& a, std::vector<std::string>& out) {
  in_format(a, [&](const auto& p, const auto& q, auto v, auto) {
    if (std::equal(p.begin(), p.end(), q.begin(), q.end())
        && !gibbs::property::values::zero_at_equality(v))
      out.push_back("identity");
    if (v < decltype(v)(0)) out.push_back("gibbs");
  });
}
/// Reverse KL: Gibbs' inequality with p and q swapped.
inline void reverse_laws(const answer_values& a, std::vector<std::string>& out) {
  answer_values b = a;
  b.p = a.q;
  b.q = a.p;
  laws(b, out);
}

} // namespace gibbs::oracle::detail::kl_measure

namespace gibbs::oracle {

inline constexpr descriptor kl_descriptor{
    .id = measure::kl,
    .name = "kl",
    .function = "oracle::kl_divergence",
    .formula = "KL(p || q) = sum p_i log(p_i / q_i)",
    .inputs = input_p | input_q,
    .roles = {"the distribution p", "the distribution q"},
    .parameters = {},
    .variants = any_variant,
    .base = base_rule::logarithm,
    .conformance_default = true,
    .laws_text = "KL(p||q) >= -max(0, sum q - sum p) (Gibbs); KL(p||p) = 0",
    .prepare = detail::kl_measure::prepare,
    .exact = detail::kl_measure::exact,
    .fast = detail::kl_measure::fast_pass,
    .settle = detail::settle_divergence,
    .enclose = detail::kl_measure::enclose,
    .laws = detail::kl_measure::laws,
    .kl_reduction = true,
};

inline constexpr descriptor reverse_kl_descriptor{
    .id = measure::reverse_kl,
    .name = "reverse_kl",
    .function = "oracle::reverse_kl_divergence",
    .formula = "KL(q || p) = sum q_i log(q_i / p_i)",
    .inputs = input_p | input_q,
    .roles = {"the distribution p", "the distribution q"},
    .parameters = {},
    .variants = exact_or_normalized,
    .base = base_rule::logarithm,
    .conformance_default = false,
    .laws_text = "KL(q||p) >= -max(0, sum p - sum q) (Gibbs); KL(p||p) = 0",
    .prepare = detail::kl_measure::prepare,
    .exact = detail::kl_measure::exact,
    .fast = detail::kl_measure::fast_pass,
    .settle = detail::settle_divergence,
    .enclose = detail::kl_measure::enclose,
    .laws = detail::kl_measure::reverse_laws,
    .kl_reduction = true,
};

inline constexpr descriptor generalized_kl_descriptor{
    .id = measure::generalized_kl,
    .name = "generalized_kl",
    .function = "oracle::generalized_kl_divergence",
    .formula = "D(p || q) = sum (p_i log(p_i / q_i) - p_i + q_i), for non-negative p, q of any sum",
    .inputs = input_p | input_q,
    .roles = {"the first measure p", "the distribution q"},
    .parameters = {},
    .variants = exact_only | variant_bit(variant::generalized),
    .base = base_rule::logarithm,
    .conformance_default = false,
    .laws_text = "D >= 0; D(p||p) = 0",
    .prepare = detail::kl_measure::prepare,
    .exact = detail::kl_measure::exact,
    .fast = detail::kl_measure::fast_pass,
    .settle = detail::settle_divergence,
    .enclose = detail::kl_measure::enclose,
    .laws = detail::kl_measure::generalized_laws,
    .kl_reduction = true,
};

} // namespace gibbs::oracle

#endif // GIBBS_ORACLE_MEASURES_KL_HPP
