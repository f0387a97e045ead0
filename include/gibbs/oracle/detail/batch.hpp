// gibbs/oracle/detail/batch.hpp: batches and reductions — the rows of a batch as views of their
// own (request::rows = B: every array holds B rows of equal length, row-major), the elements of an
// elementwise measure as cases of their own, errors that name the row, and the correctly rounded
// reduction (sum, mean, batchmean) of the exact row values.
//
// A reduced value is S / D rounded once, S = the exact sum of the exact values of the rows (or the
// exact sum of the element terms of an elementwise measure), D the divisor of the reduction:
//   sum: 1;  mean: B, or the element count N = B*K for the kl family and the elementwise measures
//   (torch.nn.functional.kl_div's "mean" divides by the number of elements);  batchmean: B;
//   mean of a measure with a row-weight stage (descriptor::row_weight): W = the exact sum of the
//   rows' weights (logits_cross_entropy: w_t of the rows not ignored, PyTorch's weighted mean),
//   0 an error (PyTorch's 0/0 = nan).
// It runs the descriptor's stages per row, generically:
//   1. prepare each row (validation; a row known at once — +inf, 0, 1 — counts exactly; one +inf
//      row makes S = +inf);
//   2. the fast pass: the rows' certified double-double values (in the requested base) summed in
//      double-double, their error bounds added, the sum's own rounding errors bounded (below), the
//      division by D bounded like certified::to_base; certified::decide settles almost every batch;
//   3. else Ziv's loop (interval.hpp) on the sum of the rows' interval enclosures divided by D, at
//      128, 256, ... bits: O(total elements) per step. When an enclosure cannot exclude a number of
//      the format or a midpoint, the rational decision of every row runs (once): when all rows are
//      rational, S / D is computed exactly as a fraction and rounded once. A sum of irrational
//      rows that is rational (cancellation across rows) is not decided: the loop ends at
//      request::max_precision_bits with gibbs::oracle::undecided.
//
// Bounds of the fast sum (step 2). The rows give v_i (double-double) with |v_i - V_i| <= e_i. The
// partial sums P_k = fl(P_{k-1} + v_k) err by <= 2^-104.4 |P_{k-1} + v_k| <= 2^-104 |P_k.hi| each
// (AccurateDWPlusDW, number/double_double.hpp), so |P_n - sum V_i| <= sum e_i + 2^-104 sum_k
// |P_k.hi|; both sums are formed in double with n roundings (exact <= computed (1 + n 2^-52)), and
// the final product and sum add 3 more: the factor (1 + n 2^-52 + 2^-40). Division by D (exact as
// a double: D < 2^53): |P/D - q| <= 2^-101.8 |P/D| (double_double /), so the bound of q is
// E / D (1 + 2^-50) + |q.hi| 2^-101 (1 + 2^-40). A weighted divisor W is replaced by the
// double-double D nearest it (|D - W| <= 2^-106 W), which adds |q| 2^-106 (1 + 2^-100) to the
// quotient's 2^-101.8 |q|: the bound uses |q.hi| 2^-100 then. Underflow in a lo part (values
// below 2^-969) costs at most certified::SLACK = 2^-1068 per operation, added for each.
#ifndef GIBBS_ORACLE_DETAIL_BATCH_HPP
#define GIBBS_ORACLE_DETAIL_BATCH_HPP

#include "gibbs/error.hpp"
#include "gibbs/number/double_double.hpp"
#include "gibbs/oracle/api.hpp"
#include "gibbs/oracle/descriptor.hpp"
#include "gibbs/oracle/detail/certified_dd.hpp"
#include "gibbs/oracle/detail/common.hpp"
#include "gibbs/oracle/detail/interval.hpp"
#include "gibbs/oracle/detail/mpfi.hpp"
#include "gibbs/oracle/detail/rational_measure.hpp"
#include "gibbs/oracle/detail/view.hpp"

#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <limits>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace gibbs::oracle::detail {

/// The reduction a request asks for: automatic resolved to the measure's default (mean for an
/// elementwise measure, as PyTorch's losses; none otherwise).
[[nodiscard]] inline reduction effective_reduction(const descriptor& d, reduction r) {
  if (r != reduction::automatic) return r;
  return d.elementwise ? reduction::mean : reduction::none;
}

/// Whether the request is one case evaluated by the descriptor's stages as they are (rows == 0
/// and no reduction beyond the descriptor's own value).
[[nodiscard]] inline bool single_case(const view& r, const descriptor& d) {
  if (r.rows != 0) return false;
  return d.elementwise ? r.reduce == reduction::sum
                       : r.reduce == reduction::automatic || r.reduce == reduction::none;
}

/// The message `what` with "row i: " (or another place such as "element j (row i)") after its
/// "gibbs::function: " prefix.
[[nodiscard]] inline std::string with_place(const char* what, const std::string& place) {
  std::string s(what);
  const std::size_t at = s.rfind("gibbs::", 0) == 0 ? s.find(": ") : std::string::npos;
  if (at == std::string::npos) return place + ": " + s;
  return s.insert(at + 2, place + ": ");
}

/// Runs f() and rethrows its invalid-input errors with `place` in the message (same kind,
/// argument, index and value).
template <class F>
decltype(auto) at_place(const std::string& place, F&& f) {
  try {
    return f();
  } catch (const invalid_input& e) {
    throw invalid_input(e, with_place(e.what(), place));
  } catch (const std::invalid_argument& e) {
    throw std::invalid_argument(with_place(e.what(), place));
  }
}

[[nodiscard]] inline std::string row_place(std::size_t i) {
  return "row " + std::to_string(i);
}

/// How a batch splits into rows: the length of each array's row (request::rows = B > 0; B = 1 for
/// rows == 0, the whole request being one row), and whether `samples` holds one class index per
/// row (a measure with a class target and no samples input: logits_cross_entropy).
struct batch_layout {
  std::size_t rows = 1;
  std::size_t p = 0, q = 0, samples = 0, logits = 0, target = 0;
  std::vector<std::size_t> arrays; ///< in the order of view::arrays (0: per class, not split)
  bool class_per_row = false;
  std::size_t elements = 0; ///< N: the length of the longest array (all of an elementwise measure)
};

/// The layout of a request, checking that every array splits into whole rows.
inline batch_layout layout_of(const view& r, const descriptor& d) {
  batch_layout L;
  const std::string fn(d.function);
  if (r.rows < 0)
    throw invalid_input(error_kind::invalid_request, "rows", static_cast<double>(r.rows),
                        "gibbs::" + fn + ": rows = " + std::to_string(r.rows)
                            + " is negative (0: one case; B > 0: a batch of B rows)");
  L.rows = r.rows == 0 ? 1 : static_cast<std::size_t>(r.rows);
  const auto split = [&](std::size_t n, std::string_view name) {
    L.elements = n > L.elements ? n : L.elements;
    if (n % L.rows != 0)
      throw invalid_input(error_kind::invalid_request, std::string(name),
                          "gibbs::" + fn + ": " + std::string(name) + " has " + std::to_string(n)
                              + " entries, not a multiple of rows = " + std::to_string(L.rows)
                              + " (a batch is row-major, B x K)");
    return n / L.rows;
  };
  L.p = split(r.p.size(), "p");
  L.q = split(r.q.size(), "q");
  L.logits = split(r.logits.size(), "logits");
  L.target = split(r.target.size(), "target");
  L.class_per_row = r.rows > 0 && d.takes(input_target) && !d.takes(input_samples);
  if (L.class_per_row) {
    if (!r.samples.empty() && r.samples.size() != L.rows)
      throw invalid_input(error_kind::invalid_request, "samples",
                          "gibbs::" + fn + ": samples has " + std::to_string(r.samples.size())
                              + " entries; in a batch it holds one class index per row (rows = "
                              + std::to_string(L.rows) + ")");
    if (!r.samples.empty() && r.target_index >= 0)
      throw invalid_input(error_kind::invalid_request, "target_index",
                          "gibbs::" + fn
                              + ": a batch takes its class indices either from samples (one "
                                "per row) or from target_index (the same for every row), "
                                "not both");
  } else {
    L.samples = split(r.samples.size(), "samples");
  }
  for (const auto& [name, values] : r.arrays) {
    bool per_class = false;
    for (const array_input& a : d.arrays)
      per_class = per_class || (a.name == name && a.per_class);
    L.arrays.push_back(per_class ? 0 : split(values.size(), name));
  }
  return L;
}

/// Points `row` (a copy of the request's view, rows = 0) at row i of r.
inline void set_row(view& row, const view& r, const batch_layout& L, std::size_t i) {
  row.p = r.p.subspan(i * L.p, L.p);
  row.q = r.q.subspan(i * L.q, L.q);
  row.logits = r.logits.subspan(i * L.logits, L.logits);
  row.target = r.target.subspan(i * L.target, L.target);
  if (L.class_per_row) {
    if (!r.samples.empty()) row.target_index = r.samples[i];
  } else {
    row.samples = r.samples.subspan(i * L.samples, L.samples);
  }
  auto out = row.arrays.begin();
  std::size_t k = 0;
  for (auto in = r.arrays.begin(); in != r.arrays.end(); ++in, ++out, ++k)
    out->second = L.arrays[k] == 0 ? in->second : in->second.subspan(i * L.arrays[k], L.arrays[k]);
}

/// A view of the request for its rows: rows = 0 and the reduction that gives the descriptor's own
/// value (sum for an elementwise measure, none otherwise).
inline view row_view(const view& r, const descriptor& d) {
  view row = r;
  row.rows = 0;
  row.reduce = d.elementwise ? reduction::sum : reduction::none;
  return row;
}

/// Points `e` at element j of r, an elementwise request of N elements: an array of N entries
/// gives its entry j, an array of one row's length (K = N / B) its entry j mod K (PyTorch's
/// broadcasting of a per-class array such as pos_weight), an empty array stays empty.
inline void set_element(view& e, const view& r, const batch_layout& L, std::size_t j) {
  const std::size_t N = L.elements, K = N / L.rows;
  const auto pick = [&](std::span<const double> a, std::string_view name) {
    if (a.empty()) return a;
    if (a.size() == N) return a.subspan(j, 1);
    if (a.size() == K) return a.subspan(j % K, 1);
    throw invalid_input(error_kind::invalid_request, std::string(name),
                        "gibbs::" + std::string(r.function) + ": " + std::string(name) + " has "
                            + std::to_string(a.size())
                            + " entries; an elementwise measure takes N = " + std::to_string(N)
                            + " (one per element) or K = " + std::to_string(K)
                            + " (one per column)");
  };
  e.p = pick(r.p, "p");
  e.q = pick(r.q, "q");
  e.logits = pick(r.logits, "logits");
  e.target = pick(r.target, "target");
  auto out = e.arrays.begin();
  for (auto in = r.arrays.begin(); in != r.arrays.end(); ++in, ++out)
    out->second = pick(in->second, in->first);
}

/// The divisor D of the reduction (see the top of this file); throws for a reduction the measure
/// does not take.
inline double divisor_of(const view& r, const descriptor& d, const batch_layout& L, reduction red,
                         const std::string& kl_family) {
  const std::string fn(d.function);
  if (!d.accepts(red))
    throw invalid_input(error_kind::invalid_request, "reduction",
                        "gibbs::" + fn + ": the reduction " + reduction_name(red)
                            + " is only for the kl family (" + kl_family
                            + ", as torch.nn.functional.kl_div); " + std::string(d.name)
                            + " takes none, sum and mean");
  if (r.rows == 0 && !d.elementwise)
    throw invalid_input(error_kind::invalid_request, "reduction",
                        "gibbs::" + fn + ": the reduction " + reduction_name(red)
                            + " combines the rows of a batch, and this is one case: give 2-D "
                              "inputs, one row per case (in C++: request::rows = B > 0, "
                              "arrays B x K row-major)");
  switch (red) {
  case reduction::sum:
    return 1;
  case reduction::mean:
    return static_cast<double>(d.elementwise || d.kl_reduction ? L.elements : L.rows);
  case reduction::batchmean:
    return static_cast<double>(L.rows);
  default:
    throw std::logic_error("gibbs::oracle: divisor_of called without a reduction");
  }
}

/// The certified double-double sum of the rows (see the top of this file for its bound).
struct row_sum {
  double_double sum{0.0};
  double err = 0; // sum of the rows' error bounds
  double mag = 0; // sum of |P_k.hi| over the partial sums
  double n = 0;
  void add(const double_double& v, double e) {
    sum += v;
    err += e;
    mag += std::fabs(sum.hi);
    n += 1;
  }
  /// The sum divided by D (exact: an integer below 2^53, or the double-double nearest a sum of
  /// weights: |D - W| <= 2^-106 W, `rounded`), with its certified bound.
  [[nodiscard]] certified::sum_result result(double_double D, bool rounded = false) const {
    certified::sum_result s;
    s.ok = true;
    s.value = sum;
    s.error = (err + 0x1p-104 * mag) * (1 + n * 0x1p-52 + 0x1p-40) + n * certified::SLACK;
    if (D.hi != 1 || D.lo != 0 || rounded) {
      s.value = sum / D;
      // |P/W - P/D| = |P/D| |D - W| / W <= |P/D| 2^-106 (1 + 2^-105): with the quotient's own
      // 2^-101.8 it stays below 2^-101.5 < 2^-101, the factor of the exact divisor (the bound E
      // of P is divided by D.hi, within 2^-52 of D).
      s.error = s.error / D.hi * (1 + 0x1p-50)
                + std::fabs(s.value.hi) * (rounded ? 0x1p-100 : 0x1p-101) * (1 + 0x1p-40)
                + certified::SLACK;
    }
    if (!std::isfinite(s.value.hi) || !std::isfinite(s.error)) s.ok = false;
    return s;
  }
};

/// The reduction S / D of a batch (or of the elements of an elementwise measure), rounded once
/// (see the top of this file). `parameters`: the resolved parameters of check_request.
inline result reduce_rows(const view& r, const descriptor& d, const batch_layout& L, double D,
                          const std::array<double, 2>& parameters, bool weighted = false) {
  const std::size_t B = L.rows;
  const bool log_base = d.base == base_rule::logarithm && r.base != 0;
  const bool batch = r.rows > 0;
  const auto place = [&](std::size_t i) { return batch ? row_place(i) : std::string(); };
  const auto in_row = [&](std::size_t i, auto&& f) -> decltype(auto) {
    if (!batch) return f();
    return at_place(place(i), f);
  };
  view row = row_view(r, d);

  // 1 and 2: prepare every row (all are validated before any value is returned), the fast pass.
  bool fast = d.fast && r.allow_fast_path && r.digits == 0;
  bool infinite = false;
  row_sum total;
  std::vector<double> weights;
  if (weighted) weights.reserve(B);
  for (std::size_t i = 0; i < B; ++i) {
    set_row(row, r, L, i);
    prepared x;
    x.parameters = parameters;
    result out;
    const bool is_known = in_row(i, [&] { return d.prepare(row, x, out); });
    if (weighted) weights.push_back(d.row_weight(row, x));
    if (is_known) {
      if (std::isinf(out.value)) {
        infinite = true;
      } else if (fast) {
        total.add(double_double(out.value), 0);
      }
      continue;
    }
    if (!fast || infinite) continue;
    certified::sum_result s = d.fast(row, x);
    if (d.base == base_rule::logarithm) certified::to_base(s, r.base);
    if (!s.ok) {
      fast = false;
      continue;
    }
    total.add(s.value, s.error);
  }
  // The weighted mean's divisor W = sum of the row weights, exactly (doubles >= 0), and the
  // double-double nearest it: hi = RN(W), lo = RN(W - hi), so |W - (hi + lo)| <= 2^-106 W.
  big W(64);
  double_double Ddd(D);
  if (weighted) {
    exact_sum(weights, W);
    if (mpfr_zero_p(W.get()))
      throw invalid_input(
          error_kind::invalid_request, "reduction",
          "gibbs::" + std::string(d.function)
              + ": the reduction mean divides by the sum of the weights of the rows that are not "
                "ignored, which is 0 here (every row's class is ignore_index, or has weight 0); "
                "PyTorch returns nan for this 0/0, the oracle has no value to give (use reduction "
                "sum or none)");
    Ddd = to_double_double(W);
  }
  if (infinite) return special(infinity_in_base(r, d.base == base_rule::logarithm), r);
  if (fast) {
    result res;
    if (certified::decide(total.result(Ddd, weighted), r.fmt, res)) {
      res.fmt = r.fmt;
      res.precision_bits = 106;
      res.fast_path = true;
      return res;
    }
  }

  // 3: every row prepared again and kept, its settle stage run; then Ziv's loop on the sum.
  std::deque<prepared> xs;
  std::vector<char> known(B, 0);
  std::vector<double> value(B, 0.0);
  long min_bits = 0;
  for (std::size_t i = 0; i < B; ++i) {
    set_row(row, r, L, i);
    prepared& x = xs.emplace_back();
    x.parameters = parameters;
    result out;
    bool k = in_row(i, [&] { return d.prepare(row, x, out); });
    if (!k && d.settle) k = in_row(i, [&] { return d.settle(row, x, out); });
    if (k) {
      if (!out.exact)
        throw std::logic_error("gibbs::oracle: a prepare stage returned an inexact value");
      known[i] = 1;
      value[i] = out.value;
    }
    min_bits = x.min_bits > min_bits ? x.min_bits : min_bits;
  }
  bool exact_tried = false;
  const auto exact = [&](result& res) {
    if (exact_tried) return false;
    exact_tried = true;
    rational::fraction S, t;
    // rows near a rational (verdict near) on one side: the sum is near the sum of those
    // rationals, its tail at most the sum of theirs, below 2^(max tail_log2 + log2 B)
    int side = 0;
    double tail_log2 = -std::numeric_limits<double>::infinity();
    for (std::size_t i = 0; i < B; ++i) {
      if (known[i]) {
        mpq_set_d(t.get(), value[i]);
      } else {
        if (!d.exact) return false;
        set_row(row, r, L, i);
        rational::verdict v = in_row(i, [&] { return d.exact(row, xs[i]); });
        if (v.what == rational::status::near) {
          if (side != 0 && v.side != side) return false;
          side = v.side;
          tail_log2 = std::max(tail_log2, v.tail_log2);
        } else if (v.what != rational::status::rational) {
          return false;
        }
        mpq_set(t.get(), v.value.get());
      }
      mpq_add(S.get(), S.get(), t.get());
    }
    if (weighted) {
      mpfr_get_q(t.get(), W.get());
      mpq_div(S.get(), S.get(), t.get());
    } else if (D != 1) {
      mpq_set_d(t.get(), D);
      mpq_div(S.get(), S.get(), t.get());
    }
    if (side == 0) {
      res = rational::result_of(S.get(), r.fmt, r.digits);
      return true;
    }
    // divided by W (a sum of weights, >= 2^-1074) or D >= 1; one bit for the logs' roundings
    tail_log2 += std::log2(static_cast<double>(B)) + 1;
    if (weighted) tail_log2 -= std::log2(mpfr_get_d(W.get(), MPFR_RNDD));
    return rational::result_near(S.get(), side, tail_log2, r.fmt, r.digits, res);
  };
  bool all_known = true;
  for (char k : known)
    all_known = all_known && k != 0;
  result res;
  if ((all_known || d.exact_first) && exact(res)) return res;
  return ziv_loop(
      r, min_bits,
      [&] {
        interval nats(0), based(0);
        for (std::size_t i = 0; i < B; ++i) {
          if (known[i]) {
            based += interval(value[i]);
            continue;
          }
          set_row(row, r, L, i);
          nats += d.enclose(row, xs[i]);
        }
        if (log_base) nats = nats / gibbs::log(interval(r.base));
        interval s = nats + based;
        if (weighted)
          s = s / interval::from(W.get());
        else if (D != 1)
          s = s / interval(D);
        return s;
      },
      exact);
}

} // namespace gibbs::oracle::detail

#endif // GIBBS_ORACLE_DETAIL_BATCH_HPP
