// gibbs/oracle/evaluate.hpp: the oracle's entry point `evaluate`, which runs the stages of the
// measure's descriptor (oracle/table.hpp), and its convenience wrappers.
//
// With GIBBS_ORACLE_LINKED defined, this header declares the two functions that run the stages
// (detail::evaluate_view, detail::evaluate_all_view) and src/oracle.cpp defines them; the
// wrappers stay inline. GIBBS_ORACLE_LINKABLE is how those two are defined: `inline` (the
// default, header-only), or empty in src/oracle.cpp, which defines them once for the program.
#ifndef GIBBS_ORACLE_EVALUATE_HPP
#define GIBBS_ORACLE_EVALUATE_HPP

#include "gibbs/error.hpp"
#include "gibbs/number/small_float.hpp"
#include "gibbs/oracle/api.hpp"
#include "gibbs/oracle/descriptor.hpp"
#ifndef GIBBS_ORACLE_LINKED
#include "gibbs/oracle/detail/batch.hpp"
#include "gibbs/oracle/detail/certified_dd.hpp"
#include "gibbs/oracle/detail/common.hpp"
#include "gibbs/oracle/detail/interval.hpp"
#include "gibbs/oracle/detail/rational_measure.hpp"
#include "gibbs/oracle/detail/vector.hpp"
#endif
#include "gibbs/oracle/detail/view.hpp"
#include "gibbs/oracle/table.hpp"

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <map>
#include <span>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <vector>

#ifndef GIBBS_ORACLE_LINKABLE
#define GIBBS_ORACLE_LINKABLE inline
#endif

namespace gibbs::oracle {

namespace detail {
#ifdef GIBBS_ORACLE_LINKED
/// evaluate() on a view with a given descriptor (defined in src/oracle.cpp).
[[nodiscard]] result evaluate_view(const view& request, const descriptor& d);
/// evaluate_all() on a view with a given descriptor (defined in src/oracle.cpp).
[[nodiscard]] std::vector<result> evaluate_all_view(const view& request, const descriptor& d);
#else

/// The checks every measure shares: base, digits, variant, and the parameters (resolved into
/// x.parameters in the descriptor's order).
inline void check_request(const view& r, const descriptor& d, prepared& x) {
  const std::string fn(d.function);
  if (!(r.base == 0 || (std::isfinite(r.base) && r.base > 0 && r.base != 1)))
    throw invalid_input(error_kind::invalid_parameter, "base", r.base,
                        "gibbs::oracle: base = " + detail::number_text(r.base)
                            + " is not a valid base of logarithms (0 for e, or b > 0, b != 1)");
  if (r.digits < 0 || r.digits > 10000)
    throw invalid_input(error_kind::invalid_parameter, "digits", static_cast<double>(r.digits),
                        "gibbs::oracle: digits = " + std::to_string(r.digits)
                            + " is outside [0, 10000]");
  if (!d.accepts(r.var)) {
    static constexpr const char* names[] = {"exact", "normalized", "generalized"};
    std::string takes;
    for (unsigned v = 0; v < 3; ++v)
      if (d.accepts(static_cast<variant>(v)))
        takes += (takes.empty() ? "" : ", ") + std::string(names[v]);
    throw invalid_input(error_kind::invalid_request, "variant",
                        "gibbs::" + fn + ": " + std::string(d.name) + " does not take the "
                            + names[static_cast<unsigned>(r.var)]
                            + " variant (its variants: " + takes + ")");
  }
  if (d.base == base_rule::rejected && r.base != 0) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.17g", r.base);
    throw invalid_input(error_kind::invalid_request, "base", r.base,
                        "gibbs::" + fn + ": base = " + buf
                            + " has no meaning for this measure, which has no logarithm");
  }
  const auto names = [&] {
    std::string s;
    for (const parameter& p : d.parameters)
      s += (s.empty() ? "" : ", ") + std::string(p.name);
    return s.empty() ? std::string("none") : s;
  };
  if (r.parameters)
    for (const auto& [name, value] : *r.parameters)
      if (!find_parameter(d, name))
        throw invalid_input(error_kind::invalid_request, name,
                            "gibbs::" + fn + ": unknown parameter \"" + name
                                + "\" (its parameters: " + names() + ")");
  for (std::size_t i = 0; i < d.parameters.size(); ++i) {
    const parameter& p = d.parameters[i];
    const std::string name(p.name);
    const auto it = r.parameters ? r.parameters->find(p.name) : decltype(r.parameters->end()){};
    if ((!r.parameters || it == r.parameters->end()) && !p.required) {
      x.parameters[i] = p.fallback;
      continue;
    }
    if (!r.parameters || it == r.parameters->end())
      throw invalid_input(error_kind::invalid_request, name,
                          "gibbs::" + fn + ": the parameter " + name + " is missing ("
                              + std::string(p.rule) + ")");
    const double v = it->second;
    if (!p.valid(v)) {
      char buf[64];
      std::snprintf(buf, sizeof buf, "%.17g", v);
      throw invalid_input(error_kind::invalid_parameter, name, v,
                          "gibbs::" + fn + ": " + name + " = " + buf
                              + " is not allowed; it must satisfy " + std::string(p.rule));
    }
    x.parameters[i] = v;
  }
  const auto array_names = [&] {
    std::string s;
    for (const array_input& a : d.arrays)
      s += (s.empty() ? "" : ", ") + std::string(a.name);
    return s.empty() ? std::string("none") : s;
  };
  for (const auto& [name, values] : r.arrays) {
    bool known = false;
    for (const array_input& a : d.arrays)
      known = known || a.name == name;
    if (!known)
      throw invalid_input(error_kind::invalid_request, std::string(name),
                          "gibbs::" + fn + ": unknown array \"" + std::string(name)
                              + "\" (its arrays: " + array_names() + ")");
  }
  for (const array_input& a : d.arrays)
    if (a.required && r.arrays.find(a.name) == r.arrays.end())
      throw invalid_input(error_kind::invalid_request, std::string(a.name),
                          "gibbs::" + fn + ": the array " + std::string(a.name) + " is missing ("
                              + std::string(a.help) + ")");
}

/// One case through the measure's descriptor, after check_request: its prepare stage
/// (validation, the immediate cases), its fast pass, its settle stage, then Ziv's loop on its
/// interval evaluation. The exact stage (the rational decision, rational.hpp) runs at most once
/// and only when needed: first for the measures whose values are always rational (exact_first),
/// else when the fast pass's enclosure holds a representable number or a midpoint (its decision
/// fails while its bound is tight) or when an interval enclosure cannot exclude one (inside Ziv's
/// loop). On ordinary inputs it never runs.
inline result evaluate_case(const view& r, const descriptor& d, prepared& x) {
  result out;
  if (d.prepare(r, x, out)) return out;
  bool exact_tried = false;
  const auto exact = [&](result& res) {
    if (!d.exact || exact_tried) return false;
    exact_tried = true;
    const rational::verdict v = d.exact(r, x);
    if (v.what == rational::status::near)
      return rational::result_near(v.value.get(), v.side, v.tail_log2, r.fmt, r.digits, res);
    if (v.what != rational::status::rational) return false;
    res = rational::result_of(v.value.get(), r.fmt, r.digits);
    return true;
  };
  if (d.exact_first && exact(out)) return out;
  if (d.fast && r.allow_fast_path && r.digits == 0) {
    certified::sum_result s = d.fast(r, x);
    if (d.base == base_rule::logarithm) certified::to_base(s, r.base);
    result res;
    if (certified::decide(s, r.fmt, res)) {
      res.fmt = r.fmt;
      res.precision_bits = 106;
      res.fast_path = true;
      return res;
    }
    if (certified::tight(s) && exact(out)) return out;
  }
  if (d.settle && d.settle(r, x, out)) return out;
  return ziv(r, x, d.enclose, d.base == base_rule::logarithm, exact);
}

/// "kl, reverse_kl, generalized_kl": the measures of the table with kl_div's reductions.
inline std::string kl_family_names() {
  std::string s;
  for (const descriptor* t : table)
    if (t->kl_reduction) s += (s.empty() ? "" : ", ") + std::string(t->name);
  return s;
}

/// The view with the descriptor's entry point and variants (for messages and checks).
inline view bind(const view& request, const descriptor& d) {
  view r = request;
  r.function = d.function.data(); // string literals: NUL-terminated
  r.variants = d.variants;
  return r;
}

/// evaluate() on a view with a given descriptor: one case (rows == 0, no reduction beyond the
/// descriptor's own value) through evaluate_case, or a reduction of a batch or of the elements of
/// an elementwise measure (detail/batch.hpp).
GIBBS_ORACLE_LINKABLE result evaluate_view(const view& request, const descriptor& d) {
  const view r = bind(request, d);
  prepared x;
  check_request(r, d, x);
  if (d.vector_valued)
    throw invalid_input(error_kind::invalid_request, "measure",
                        "gibbs::" + std::string(d.function) + ": " + std::string(d.name)
                            + " gives one result per element: call oracle::evaluate_all");
  if (single_case(r, d)) return evaluate_case(r, d, x);
  const reduction red = effective_reduction(d, r.reduce);
  const batch_layout L = layout_of(r, d);
  if (red == reduction::none)
    throw invalid_input(error_kind::invalid_request, "reduction",
                        "gibbs::" + std::string(d.function)
                            + ": the reduction none gives one result per "
                            + (d.elementwise ? "element" : "row") + ": call oracle::evaluate_all");
  const double D = divisor_of(r, d, L, red, kl_family_names());
  return reduce_rows(r, d, L, D, x.parameters, red == reduction::mean && d.row_weight);
}

/// evaluate_all() on a view with a given descriptor: the results of reduction none (one per row,
/// or one per element of an elementwise measure, each evaluated as its own case), or the one
/// result of a reduction.
GIBBS_ORACLE_LINKABLE std::vector<result> evaluate_all_view(const view& request,
                                                            const descriptor& d) {
  const view r = bind(request, d);
  prepared x;
  check_request(r, d, x);
  if (d.vector_valued) return evaluate_outputs(r, d, x.parameters);
  const reduction red = effective_reduction(d, r.reduce);
  if (red != reduction::none) return {evaluate_view(request, d)};
  const batch_layout L = layout_of(r, d);
  const bool batch = r.rows > 0;
  view row = row_view(r, d);
  std::vector<result> out;
  if (!d.elementwise) {
    out.reserve(L.rows);
    for (std::size_t i = 0; i < L.rows; ++i) {
      set_row(row, r, L, i);
      prepared y;
      y.parameters = x.parameters;
      if (batch)
        out.push_back(at_place(row_place(i), [&] { return evaluate_case(row, d, y); }));
      else
        out.push_back(evaluate_case(row, d, y));
    }
    return out;
  }
  // Elementwise: every row validated as a whole first (errors name the row and the index in it),
  // then every element evaluated as its own case.
  for (std::size_t i = 0; i < L.rows; ++i) {
    set_row(row, r, L, i);
    prepared y;
    y.parameters = x.parameters;
    result ignored;
    if (batch)
      at_place(row_place(i), [&] { return d.prepare(row, y, ignored); });
    else
      (void)d.prepare(row, y, ignored);
  }
  view element = row_view(r, d);
  out.reserve(L.elements);
  for (std::size_t j = 0; j < L.elements; ++j) {
    set_element(element, r, L, j);
    prepared y;
    y.parameters = x.parameters;
    out.push_back(
        at_place("element " + std::to_string(j), [&] { return evaluate_case(element, d, y); }));
  }
  return out;
}

#endif // GIBBS_ORACLE_LINKED

/// evaluate() on a view, through the measure's descriptor in the table.
inline result evaluate_view(const view& request) {
  return evaluate_view(request, descriptor_of(request.what));
}

} // namespace detail

/// Evaluates a request: the exact value of the measure on the given numbers, rounded once; for a
/// batch (request::rows = B > 0) or an elementwise measure, the exact reduction (sum, mean,
/// batchmean: request::reduce) of the exact values of its rows or elements, rounded once (reduction
/// none has many answers: evaluate_all).
/// Throws gibbs::invalid_input (naming argument, index and value) for invalid input,
/// std::invalid_argument for an invalid base, digits or format, gibbs::oracle::undecided if the
/// rounding is still undecided at request::max_precision_bits.
/// Example: evaluate({.what = measure::entropy, .p = {0.5, 0.5}}).value == log(2).
inline result evaluate(const request& r) {
  return detail::evaluate_view(detail::view_of(r));
}

/// Evaluates a request that may have many answers: with reduction none (the default of the
/// measures that are not elementwise) one result per row of a batch (request::rows = B > 0), or
/// one result per element of an elementwise measure, each the correctly rounded value of its own
/// case; with a reduction (sum, mean, batchmean) the one result of evaluate(r). Rows and elements
/// are independent; an invalid one is an error naming it ("row 3: p[7] = -0.1 is negative ...").
/// Example: {.what = measure::kl, .p = {1, 0, 0.5, 0.5}, .q = {0.5, 0.5, 0.5, 0.5}, .rows = 2}
/// gives two results, log 2 and 0.
inline std::vector<result> evaluate_all(const request& r) {
  const detail::view v = detail::view_of(r);
  return detail::evaluate_all_view(v, descriptor_of(r.what));
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

/// Shannon entropy of a binary16 or bfloat16 distribution, rounded once to that format.
template <class F>
inline result entropy(std::span<const gibbs::small_float<F>> p, const options& o = {}) {
  const std::vector<double> w = detail::widen(p);
  detail::view v = detail::view_of(measure::entropy, o);
  v.fmt = std::is_same_v<F, gibbs::binary16_format> ? format::binary16 : format::bfloat16;
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
  }                                                                                                \
  template <class F>                                                                               \
  inline result name(std::span<const gibbs::small_float<F>> p,                                     \
                     std::span<const gibbs::small_float<F>> q, const options& o = {}) {            \
    const std::vector<double> wp = detail::widen(p), wq = detail::widen(q);                        \
    detail::view v = detail::view_of(tag, o);                                                      \
    v.fmt = std::is_same_v<F, gibbs::binary16_format> ? format::binary16 : format::bfloat16;       \
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
/// Total variation distance sum |p - q| / 2, computed exactly and rounded once.
GIBBS_ORACLE_TWO_ARGUMENT(total_variation, measure::total_variation)
/// Hellinger distance sqrt(sum (sqrt p - sqrt q)^2 / 2).
GIBBS_ORACLE_TWO_ARGUMENT(hellinger, measure::hellinger)
/// Pearson's chi-squared divergence sum (p - q)^2 / q.
GIBBS_ORACLE_TWO_ARGUMENT(chi_squared, measure::chi_squared)
#undef GIBBS_ORACLE_TWO_ARGUMENT

/// Renyi divergence of order alpha, log(sum p^alpha q^(1 - alpha)) / (alpha - 1).
inline result renyi_divergence(std::span<const double> p, std::span<const double> q, double alpha,
                               const options& o = {}) {
  const std::map<std::string, double, std::less<>> parameters{{"alpha", alpha}};
  detail::view v = detail::view_of(measure::renyi, o);
  v.p = p;
  v.q = q;
  v.parameters = &parameters;
  return detail::evaluate_view(v);
}
/// The same for binary32 distributions (alpha is a binary64 number), rounded to binary32.
inline result renyi_divergence(std::span<const float> p, std::span<const float> q, double alpha,
                               const options& o = {}) {
  const std::vector<double> wp = detail::widen(p), wq = detail::widen(q);
  const std::map<std::string, double, std::less<>> parameters{{"alpha", alpha}};
  detail::view v = detail::view_of(measure::renyi, o);
  v.fmt = format::binary32;
  v.p = wp;
  v.q = wq;
  v.parameters = &parameters;
  return detail::evaluate_view(v);
}

/// KL(N(mu_p, diag sigma_p^2) || N(mu_q, diag sigma_q^2)), summed over the dimensions (see
/// gibbs::gaussian_kl); the arrays must have equal lengths, the sigmas be > 0.
inline result gaussian_kl(std::span<const double> mu_p, std::span<const double> sigma_p,
                          std::span<const double> mu_q, std::span<const double> sigma_q,
                          const options& o = {}) {
  detail::view v = detail::view_of(measure::gaussian_kl, o);
  v.arrays = {{"mu_p", mu_p}, {"sigma_p", sigma_p}, {"mu_q", mu_q}, {"sigma_q", sigma_q}};
  return detail::evaluate_view(v);
}
/// The VAE term KL(N(mu, diag e^logvar) || N(0, I)) = 1/2 sum (mu^2 + e^logvar - 1 - logvar).
inline result vae_kl(std::span<const double> mu, std::span<const double> logvar,
                     const options& o = {}) {
  detail::view v = detail::view_of(measure::vae_kl, o);
  v.arrays = {{"mu", mu}, {"logvar", logvar}};
  return detail::evaluate_view(v);
}
/// Bits per dimension -mean(log_likelihood) / (dims ln 2) (dims a positive integer <= 2^53).
inline result bits_per_dim(std::span<const double> log_likelihood, double dims,
                           const options& o = {}) {
  const std::map<std::string, double, std::less<>> parameters{{"dims", dims}};
  detail::view v = detail::view_of(measure::bits_per_dim, o);
  v.arrays = {{"log_likelihood", log_likelihood}};
  v.parameters = &parameters;
  return detail::evaluate_view(v);
}

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
/// softmax(logits)_i = exp(z_i) / sum_j exp(z_j) for every logit, each correctly rounded with its
/// own enclosure (O(n) in all: one log-sum-exp per precision step). Example: softmax of {0, 0}
/// gives two exact results 0.5.
inline std::vector<result> softmax(std::span<const double> logits, const options& o = {}) {
  detail::view v = detail::view_of(measure::softmax, o);
  v.logits = logits;
  return detail::evaluate_all_view(v, descriptor_of(measure::softmax));
}
/// log softmax(logits)_i = z_i - log sum_j exp(z_j) in nats for every logit, each correctly
/// rounded with its own enclosure. Example: log_softmax of {0, 0} gives -log 2 twice.
inline std::vector<result> log_softmax(std::span<const double> logits, const options& o = {}) {
  detail::view v = detail::view_of(measure::log_softmax, o);
  v.logits = logits;
  return detail::evaluate_all_view(v, descriptor_of(measure::log_softmax));
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

/// Binary cross-entropy sum_i w_i [-y_i log x_i - (1 - y_i) log(1 - x_i)] of probabilities x
/// (PyTorch's input) and targets y, with an optional weight w per element (empty: all 1): the
/// sum of the element terms (reduction sum), rounded once.
inline result binary_cross_entropy(std::span<const double> x, std::span<const double> y,
                                   std::span<const double> w = {}, const options& o = {}) {
  detail::view v = detail::view_of(measure::binary_cross_entropy, o);
  v.arrays.emplace("input", x);
  if (!w.empty()) v.arrays.emplace("weight", w);
  v.target = y;
  v.reduce = reduction::sum;
  return detail::evaluate_view(v);
}

/// Binary cross-entropy with logits sum_i w_i [pw_i y_i softplus(-z_i) + (1 - y_i)
/// softplus(z_i)], with optional weight w and pos_weight pw per element (empty: all 1): the sum
/// of the element terms (reduction sum), rounded once.
inline result binary_cross_entropy_with_logits(std::span<const double> z, std::span<const double> y,
                                               std::span<const double> w = {},
                                               std::span<const double> pw = {},
                                               const options& o = {}) {
  detail::view v = detail::view_of(measure::binary_cross_entropy_with_logits, o);
  v.logits = z;
  v.target = y;
  if (!w.empty()) v.arrays.emplace("weight", w);
  if (!pw.empty()) v.arrays.emplace("pos_weight", pw);
  v.reduce = reduction::sum;
  return detail::evaluate_view(v);
}

/// Frees the caches MPFR keeps in the calling thread (constants such as log 2, a pool of
/// integers), which the interval stage and the one-time tables of the fast passes fill. Call it
/// at the end of a worker thread that ran evaluations: MPFR never frees them at thread exit, so
/// LeakSanitizer and valgrind report them otherwise. Later evaluations in the same thread
/// rebuild what they need.
inline void release_thread_caches() {
  mpfr_free_cache2(MPFR_FREE_LOCAL_CACHE);
}

} // namespace gibbs::oracle

#endif // GIBBS_ORACLE_EVALUATE_HPP
