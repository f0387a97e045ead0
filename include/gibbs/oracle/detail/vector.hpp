// gibbs/oracle/detail/vector.hpp: vector-valued measures (descriptor::vector_valued: softmax,
// log_softmax) — every output of a row correctly rounded with its own enclosure, at O(n) cost per
// precision step.
//
// A row of K logits has K outputs, each depending on the whole row. Evaluating each output as a
// case of its own would cost K log-sum-exps, O(K^2). Instead the descriptor's enclose_elements
// encloses all K outputs in one pass at the working precision (softmax: one enclosure of the
// log-sum-exp reused by every output), and Ziv's strategy runs on all of them at once: at 128,
// 256, 512, ... bits the row is enclosed again only while some output is undecided, and each
// output is decided exactly as interval.hpp's ziv_loop decides one value (both ends of its
// enclosure round to the same number, lo and hi refined to adjacent numbers at most two more
// doublings). The cost of a row is O(K) per step and the number of steps is that of its hardest
// output (one step for almost every row).
//
// Rational outputs (which an enclosure could never separate from a representable number or a
// midpoint) are the descriptor's exact_elements stage's: it returns them all, rounded once, or
// states why none is rational; or, for outputs independent of each other, its decide_element
// stage's, which decides each output alone — rational ones, and any its own certified pass
// settles (the rest go through the loop). Outputs that share one pass over the row (softmax) may
// be decided by the descriptor's fast_elements stage, a certified double-double pass over the
// whole row; Ziv's loop then runs on the outputs it left, after the near_elements stage has
// decided those a hair from a rational (a row dominated by one logit), which no enclosure of
// MPFR's range separates from the rounding boundary they approach.
#ifndef GIBBS_ORACLE_DETAIL_VECTOR_HPP
#define GIBBS_ORACLE_DETAIL_VECTOR_HPP

#include "gibbs/error.hpp"
#include "gibbs/oracle/api.hpp"
#include "gibbs/oracle/descriptor.hpp"
#include "gibbs/oracle/detail/batch.hpp"
#include "gibbs/oracle/detail/interval.hpp"
#include "gibbs/oracle/detail/mpfi.hpp"
#include "gibbs/oracle/detail/view.hpp"
#include "gibbs/oracle/format.hpp"

#include <cstddef>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

namespace gibbs::oracle::detail {

/// One output of a vector-valued measure at the working precision `bits`: true with `res` set
/// when the enclosure [L, R] decides its rounding (and its digits), lo and hi are adjacent or
/// equal, or the refinements are spent (the rules of ziv_loop, interval.hpp).
inline bool decide_output(const interval& v, const view& r, long bits, int& refinements,
                          result& res, bool& out_of_range) {
  const mpfr_srcptr L = v.left(), R = v.right();
  if (mpfr_nan_p(L) || mpfr_nan_p(R))
    throw std::logic_error("gibbs::oracle: the interval evaluation produced NaN");
  const double a = round_to(L, r.fmt, MPFR_RNDN), b = round_to(R, r.fmt, MPFR_RNDN);
  if (a != b) return false; // a midpoint lies in the enclosure
  // A result rounded to zero takes the sign of the exact value: not decided while the enclosure
  // holds numbers of both signs; R = 0 with L < 0 is a negative value (an enclosure whose
  // upper end underflowed MPFR's exponent range to -0 or +0).
  if (a == 0 && mpfr_sgn(L) < 0 && mpfr_sgn(R) > 0) return false;
  result out;
  out.fmt = r.fmt;
  out.value = a == 0 ? (mpfr_sgn(R) < 0 || (mpfr_zero_p(R) && mpfr_sgn(L) < 0) ? -0.0 : 0.0) : a;
  if (r.digits > 0) {
    out.digits = decimal_digits(L, r.digits);
    if (out.digits != decimal_digits(R, r.digits)) {
      out_of_range = beyond_exponent_range(L, R);
      return false;
    }
  }
  out.lo = round_to(L, r.fmt, MPFR_RNDD);
  out.hi = round_to(R, r.fmt, MPFR_RNDU);
  out.precision_bits = static_cast<int>(bits);
  // The outputs are irrational (exact_elements): lo == hi would mean a point enclosure of an
  // irrational number, which an interval evaluation cannot give.
  out.exact = false;
  if (next_up(out.lo, r.fmt) == out.hi || refinements >= max_refinements(r)
      || bits * 2 > r.max_precision_bits) {
    res = out;
    return true;
  }
  ++refinements;
  return false;
}

/// Ziv's loop on the outputs of a row that are not `done`, into `out`; `first` is the index of
/// the row's output 0 in messages.
inline void ziv_outputs(const view& r, const descriptor& d, const prepared& x,
                        std::span<result> out, std::vector<char>& done, const std::string& place,
                        std::size_t first) {
  const std::size_t n = out.size();
  std::vector<int> refinements(n, 0);
  std::vector<char> out_of_range(n, 0);
  const auto where = [&](std::size_t j) {
    return "gibbs::" + std::string(d.function) + ": " + place + (place.empty() ? "" : ", ")
           + "output " + std::to_string(first + j) + ": ";
  };
  std::size_t left = 0;
  for (const char c : done)
    left += c ? 0 : 1;
  if (left == 0) return;
  std::vector<interval> v;
  std::vector<std::size_t> which;
  long bits = 128;
  if (r.digits > 0) bits = static_cast<long>(r.digits * 3.33) + 64;
  if (bits < x.min_bits) bits = x.min_bits;
  const exponent_scope range;
  for (;; bits *= 2) {
    if (bits > r.max_precision_bits) {
      std::size_t j = 0;
      while (j < n && done[j])
        ++j;
      throw undecided(where(j) + "the rounding is still undecided at " + std::to_string(bits / 2)
                      + " bits (request::max_precision_bits = "
                      + std::to_string(r.max_precision_bits) + ")");
    }
    precision_scope scope(bits);
    // The outputs left, enclosed alone when the descriptor can (enclose_selected), else the row.
    which.clear();
    if (d.enclose_selected)
      for (std::size_t j = 0; j < n; ++j)
        if (!done[j]) which.push_back(j);
    v.assign(d.enclose_selected ? which.size() : n, interval());
    try {
      if (d.enclose_selected)
        d.enclose_selected(r, x, which, std::span<interval>(v));
      else
        d.enclose_elements(r, x, std::span<interval>(v));
    } catch (const ambiguous_comparison&) {
      continue; // a branch condition of the generic code was ambiguous at this precision
    }
    for (std::size_t k = 0; k < v.size(); ++k) {
      const std::size_t j = d.enclose_selected ? which[k] : k;
      bool beyond = false;
      const bool decided = !done[j] && decide_output(v[k], r, bits, refinements[j], out[j], beyond);
      if (!done[j]) out_of_range[j] = beyond ? 1 : 0;
      if (decided) {
        done[j] = 1;
        --left;
      }
    }
    if (left == 0) return;
    if (bits >= 4096)
      for (std::size_t j = 0; j < n; ++j)
        if (!done[j] && out_of_range[j]) throw undecided(where(j) + digits_out_of_range);
  }
}

/// The outputs of one row (a view with rows = 0), already validated by the descriptor's prepare
/// stage, into `out` (outputs(row) entries). `place` names the row in messages. Outputs that
/// are independent of each other (descriptor::decide_element) are decided alone first; each
/// one left is then the single output of its own one-element row (the element's entry of every
/// array), so that an undecided output costs its own enclosures, not the row's.
inline void evaluate_row_outputs(const view& r, const descriptor& d, const prepared& x,
                                 std::span<result> out, const std::string& place) {
  if (d.exact_elements && d.exact_elements(r, x, out)) return;
  const std::size_t n = out.size();
  std::vector<char> done(n, 0);
  if (!d.decide_element) {
    if (d.fast_elements && r.allow_fast_path && r.digits == 0)
      d.fast_elements(r, x, out, std::span<char>(done));
    if (d.near_elements) d.near_elements(r, x, out, std::span<char>(done));
    ziv_outputs(r, d, x, out, done, place, 0);
    return;
  }
  for (std::size_t j = 0; j < n; ++j) {
    if (d.decide_element(r, x, j, out[j])) continue;
    view e = r;
    const auto one = [&](std::span<const double> a) {
      return a.size() == n ? a.subspan(j, 1) : a; // one entry per output: the element's
    };
    e.p = one(r.p);
    e.q = one(r.q);
    e.logits = one(r.logits);
    e.target = one(r.target);
    for (auto& [name, values] : e.arrays)
      values = one(values);
    std::vector<char> single(1, 0);
    ziv_outputs(e, d, x, out.subspan(j, 1), single, place, j);
  }
}

/// evaluate_all() of a vector-valued measure: every row validated first (errors name the row),
/// then the outputs of each row, row after row (B x outputs for a batch). It takes no reduction,
/// except the loss's reduction of a gradient (descriptor::gradient_reduction).
inline std::vector<result> evaluate_outputs(const view& r, const descriptor& d,
                                            const std::array<double, 2>& parameters) {
  const batch_layout L = layout_of(r, d);
  double divisor = 1;
  if (d.gradient_reduction) {
    const reduction red = r.reduce == reduction::automatic ? reduction::mean : r.reduce;
    if (red == reduction::batchmean)
      throw invalid_input(error_kind::invalid_request, "reduction",
                          "gibbs::" + std::string(d.function) + ": " + std::string(d.name)
                              + " takes the reductions none, sum and mean of its loss, not "
                                "batchmean");
    if (red == reduction::mean) divisor = static_cast<double>(d.element_mean ? L.elements : L.rows);
  } else if (r.reduce != reduction::automatic && r.reduce != reduction::none) {
    throw invalid_input(error_kind::invalid_request, "reduction",
                        "gibbs::" + std::string(d.function) + ": " + std::string(d.name)
                            + " gives one value per element and takes no reduction ("
                            + reduction_name(r.reduce) + "); omit it or use none");
  }
  const bool batch = r.rows > 0;
  view row = r;
  row.rows = 0;
  row.reduce = reduction::none;
  std::vector<std::size_t> counts(L.rows);
  std::size_t total = 0;
  for (std::size_t i = 0; i < L.rows; ++i) {
    set_row(row, r, L, i);
    prepared y;
    y.parameters = parameters;
    result ignored;
    if (batch)
      at_place(row_place(i), [&] { return d.prepare(row, y, ignored); });
    else
      (void)d.prepare(row, y, ignored);
    counts[i] = d.outputs(row);
    total += counts[i];
  }
  std::vector<result> out(total);
  std::size_t at = 0;
  for (std::size_t i = 0; i < L.rows; ++i) {
    set_row(row, r, L, i);
    prepared y;
    y.parameters = parameters;
    y.divisor = divisor;
    result ignored;
    (void)d.prepare(row, y, ignored);
    evaluate_row_outputs(row, d, y, std::span<result>(out).subspan(at, counts[i]),
                         batch ? row_place(i) : std::string());
    at += counts[i];
  }
  return out;
}

} // namespace gibbs::oracle::detail

#endif // GIBBS_ORACLE_DETAIL_VECTOR_HPP
