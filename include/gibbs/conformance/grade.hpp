// gibbs/conformance/grade.hpp: grading the answers of an implementation against the oracle —
// per-case error in ulps of the correctly rounded value, the laws an answer must obey whatever
// its rounding, a summary per case family and measure, the thresholds that make a run pass or
// fail, and the report as a table and as JSON.
//
// Laws checked: the predicates over values of gibbs/property/ (values::…), applied to the
// implementation's answers in the case's format (binary32 cases in float), with their own
// tolerances (law.hpp):
//   gibbs          KL(p‖q) >= -max(0, Σq - Σp) (exactly >= 0 when Σp = Σq), also reverse KL
//   identity       D(p‖p) = 0 exactly for KL, JS, TV, Hellinger, χ²
//   js_bound       0 <= JS <= log 2;  entropy_bound 0 <= H(p) <= log n
//   tv_bounds, hellinger_bounds   in [0, 1];  chi_squared_nonnegative
//   chain          H(p, q) = H(p) + KL(p‖q) on the implementation's own three answers, within
//                  law_ulps ε of H(p, q) + H(p) + 1
//   pinsker        KL >= 2 TV²;  hellinger_tv  H² <= TV <= √2 H;  kl_chi2  KL <= log(1 + χ²);
//                  (on the answers of one pair)
//   finite         no NaN or ±inf where the exact answer is finite (and no NaN anywhere)
// Wrong on invalid: a number returned for input the oracle rejects (negative, NaN, inf, length
// mismatch, not normalised, empty). Rejected valid: an error for input the oracle accepts.
#ifndef GIBBS_CONFORMANCE_GRADE_HPP
#define GIBBS_CONFORMANCE_GRADE_HPP

#include "gibbs/conformance/answer.hpp"
#include "gibbs/conformance/cases.hpp"
#include "gibbs/number/small_float.hpp"
#include "gibbs/oracle.hpp"
#include "gibbs/property/distance.hpp"
#include "gibbs/property/divergence.hpp"
#include "gibbs/property/structure.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <exception>
#include <limits>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace gibbs::conformance {

/// The oracle's verdict on a case.
struct reference {
  bool valid = true;     ///< the oracle accepted the input
  bool decided = true;   ///< the oracle gave a value (not undecided)
  oracle::result result; ///< when valid and decided (an array: after grading, its worst element)
  std::string error;     ///< the oracle's message when invalid
  bool many = false;     ///< the answer is an array (answers_array): its elements are in each
  std::vector<oracle::result> each; ///< every correctly rounded element, row-major
};

/// The oracle's answer to a case (never throws).
[[nodiscard]] inline reference reference_for(const test_case& c) {
  reference ref;
  try {
    if (answers_array(c)) {
      ref.many = true;
      ref.each = oracle::evaluate_all(to_request(c));
      if (!ref.each.empty()) ref.result = ref.each.front();
    } else {
      ref.result = oracle::evaluate(to_request(c));
    }
  } catch (const oracle::undecided& e) {
    ref.decided = false;
    ref.error = e.what();
  } catch (const std::invalid_argument& e) { // gibbs::invalid_input and format problems
    ref.valid = false;
    ref.error = e.what();
  }
  return ref;
}

/// When a run fails.
struct thresholds {
  std::int64_t max_ulps = 8;  ///< largest accepted error on a valid case, in ulps of the format
  std::int64_t law_ulps = 64; ///< tolerance of the chain law: law_ulps ε of H(p,q) + H(p) + 1
  bool allow_wrong_on_invalid = false; ///< do not fail for numbers returned on invalid input
  bool allow_rejected_valid = false;   ///< do not fail for errors on valid input
};

/// The grade of one case.
struct graded_case {
  const test_case* c = nullptr;
  reference ref;
  answer a;
  bool graded = false;           ///< valid input answered with a number: ulps is meaningful
  std::int64_t ulps = -1;        ///< |ulp distance| to the correctly rounded value (saturated)
  double digits = 0;             ///< correct decimal digits
  std::vector<std::string> laws; ///< names of the laws this answer violates
  bool wrong_on_invalid = false; ///< a number for invalid input
  bool rejected_valid = false;   ///< an error for valid input
  /// An array answer (reference::many): the number of elements graded, and the index (row-major)
  /// of the worst one, whose answer and exact value are a.value and ref.result; -1 otherwise.
  std::size_t elements = 0;
  std::int64_t worst_element = -1;
  std::string shape_error; ///< an answer of the wrong length ("length" in laws): why
};

/// One row of the summary: a case family and a measure.
struct summary_row {
  std::string family, measure;
  std::size_t cases = 0, graded = 0, unsupported = 0, missing = 0, garbage = 0;
  std::int64_t max_ulps = 0;
  double median_ulps = 0;
  double min_digits = 17;
  std::size_t law_violations = 0, wrong_on_invalid = 0, rejected_valid = 0, over_threshold = 0;
};

/// How the implementation's process ended (command-line runs only).
struct run_info {
  std::string command;
  bool ran = false; ///< a process was run (false for the C++ API)
  bool started = false, exited = false, timed_out = false, flooded = false;
  bool input_closed_early = false;
  int exit_code = -1, signal = 0;
  std::size_t lines = 0, garbage_lines = 0, unmatched_lines = 0;
  double seconds = 0;
  std::string stderr_tail, error;
};

/// Everything about one run.
struct report {
  std::string implementation;
  std::uint64_t seed = 1;
  thresholds limits;
  std::vector<test_case> cases;
  std::vector<graded_case> grades; ///< parallel to cases
  std::vector<summary_row> rows;
  summary_row total;
  run_info run;
  std::vector<std::string> failures; ///< why it fails; empty when it passes
  [[nodiscard]] bool passed() const { return failures.empty(); }
};

namespace detail {

inline std::int64_t saturating_abs(std::int64_t x) {
  if (x == std::numeric_limits<std::int64_t>::min())
    return std::numeric_limits<std::int64_t>::max();
  return x < 0 ? -x : x;
}

/// |ulps| between a computed value and the correctly rounded reference, in the case's format.
inline std::int64_t ulps_of(double computed, const oracle::result& ref, format fmt) {
  if (std::isnan(computed)) return std::numeric_limits<std::int64_t>::max();
  if (fmt == format::binary32)
    return saturating_abs(
        oracle::ulp_distance(static_cast<float>(computed), static_cast<float>(ref.value)));
  if (fmt != format::binary64) // binary16, bfloat16: the answer rounded to the format
    return saturating_abs(
        oracle::ulp_distance(oracle::round_double(computed, fmt), ref.value, fmt));
  return saturating_abs(oracle::ulp_distance(computed, ref.value));
}

/// One ulp of |x| in the format (the spacing above |x|).
inline double ulp_of(double x, format fmt) {
  x = std::fabs(x);
  if (fmt != format::binary64) {
    const double f = oracle::round_double(x, fmt);
    return oracle::next_up(f, fmt) - f;
  }
  return std::nextafter(x, std::numeric_limits<double>::infinity()) - x;
}

/// p sums to exactly 1 (an exact sum of binary64 numbers).
inline bool exactly_one(const std::vector<double>& x) {
  if (x.empty()) return false;
  for (double v : x)
    if (!(v >= 0) || std::isinf(v)) return false;
  oracle::detail::big s(64);
  oracle::detail::exact_sum(x, s);
  return mpfr_cmp_ui(s.get(), 1) == 0;
}

/// The value in nats of an answer given in the case's base.
inline double in_nats(const test_case& c, double v) {
  return c.base == 0 ? v : v * std::log(c.base);
}

/// The laws of the case's measure (its descriptor's, over values) on one answer.
inline void single_laws(const test_case& c, double answer, std::vector<std::string>& laws) {
  const oracle::descriptor& d = oracle::descriptor_of(c.what);
  if (!d.laws || c.var != variant::exact) return; // the laws are stated for the numbers as given
  if (c.rows > 0) return; // and for one case: a reduced batch is graded by its value alone
  oracle::answer_values a;
  a.p = c.p;
  a.q = c.q;
  a.value = answer;
  a.nats = in_nats(c, answer);
  a.fmt = c.fmt;
  d.laws(a, laws);
}

/// Grades an array answer (or a number where an array is expected, or an array where a number
/// is) element by element against the oracle's correctly rounded elements: the worst ulps and
/// its index; "finite" when an element is NaN, or infinite where its exact value is finite;
/// "length" (with shape_error) when the numbers of elements differ.
inline void grade_elements(const test_case& c, graded_case& g) {
  if (!g.ref.many) {
    g.laws.push_back("length");
    g.shape_error = "answered an array of " + std::to_string(g.a.values.size())
                    + " value(s) where the answer is one number";
    return;
  }
  const std::vector<oracle::result>& exact = g.ref.each;
  const std::vector<double> got = g.a.array ? g.a.values : std::vector<double>{g.a.value};
  if (got.size() != exact.size()) {
    g.laws.push_back("length");
    g.shape_error = (g.a.array ? "answered " + std::to_string(got.size()) + " value(s)"
                               : std::string("answered one number"))
                    + " for " + std::to_string(exact.size()) + " element(s)";
    return;
  }
  g.graded = true;
  g.elements = got.size();
  g.ulps = 0;
  g.digits = 17;
  std::int64_t first_bad = -1;
  for (std::size_t k = 0; k < got.size(); ++k) {
    const double v = got[k];
    const std::int64_t u = ulps_of(v, exact[k], c.fmt);
    if (g.worst_element < 0 || u > g.ulps) {
      g.ulps = u;
      g.worst_element = static_cast<std::int64_t>(k);
    }
    g.digits = std::min(g.digits, oracle::correct_digits(oracle::round_double(v, c.fmt), exact[k]));
    if (first_bad < 0 && (std::isnan(v) || (std::isinf(v) && std::isfinite(exact[k].value))))
      first_bad = static_cast<std::int64_t>(k);
  }
  if (got.empty()) return;
  if (first_bad >= 0) { // the non-finite element is the one reported
    g.laws.push_back("finite");
    g.worst_element = first_bad;
    g.ulps = ulps_of(got[static_cast<std::size_t>(first_bad)],
                     exact[static_cast<std::size_t>(first_bad)], c.fmt);
  }
  const auto w = static_cast<std::size_t>(g.worst_element);
  g.a.value = got[w];
  g.ref.result = exact[w];
}

/// The answers of one group (one pair p, q, several measures), by measure; NaN when absent.
struct group_answers {
  double h = NAN, hpq = NAN, kl = NAN, tv = NAN, hel = NAN, chi2 = NAN;
  std::size_t kl_case = SIZE_MAX, tv_case = SIZE_MAX, hel_case = SIZE_MAX;
};

/// The laws that tie the answers of one group together, in the type T of its format; each
/// violation is charged to the case named in brackets.
template <class T>
void group_laws(const test_case& c, const group_answers& a, std::int64_t law_ulps,
                std::vector<std::pair<std::size_t, std::string>>& out) {
  namespace pv = gibbs::property::values;
  if (c.var != variant::exact || c.base != 0 || c.p.size() != c.q.size()) return;
  const std::vector<T> p(c.p.begin(), c.p.end()), q(c.q.begin(), c.q.end());
  const auto fin = [](double x) { return std::isfinite(x); };
  const auto t = [](double x) { return static_cast<T>(x); };
  if (fin(a.h) && fin(a.hpq) && fin(a.kl)
      && !pv::kl_is_cross_entropy_minus_entropy(p, q, t(a.kl), t(a.hpq), t(a.h),
                                                static_cast<double>(law_ulps)))
    out.emplace_back(a.kl_case, "chain");
  if (fin(a.kl) && fin(a.tv) && !pv::pinsker(p, q, t(a.kl), t(a.tv)))
    out.emplace_back(a.kl_case, "pinsker");
  if (fin(a.hel) && fin(a.tv) && !pv::hellinger_total_variation(p, q, t(a.hel), t(a.tv)))
    out.emplace_back(a.hel_case, "hellinger_tv");
  if (fin(a.kl) && fin(a.chi2) && !pv::kl_below_log_one_plus_chi_squared(p, q, t(a.kl), t(a.chi2)))
    out.emplace_back(a.kl_case, "kl_chi2");
}

inline std::string ulps_text(std::int64_t u) {
  if (u == std::numeric_limits<std::int64_t>::max()) return "NaN";
  char buf[32];
  if (u < 100000)
    std::snprintf(buf, sizeof buf, "%lld", static_cast<long long>(u));
  else
    std::snprintf(buf, sizeof buf, "%.1e", static_cast<double>(u));
  return buf;
}

inline std::string number_text(double x) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.17g", x);
  return buf;
}

/// The length of the well-formed UTF-8 sequence at s[i] (1 to 4), or 0 if it is not one
/// (stray continuation byte, overlong form, surrogate, beyond U+10FFFF, truncated).
inline std::size_t utf8_length(std::string_view s, std::size_t i) {
  const auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char c = b(i);
  std::size_t n = 0;
  unsigned lo = 0x80, hi = 0xbf; // allowed range of the second byte
  if (c >= 0xc2 && c <= 0xdf) {
    n = 2;
  } else if (c >= 0xe0 && c <= 0xef) {
    n = 3;
    if (c == 0xe0) lo = 0xa0;
    if (c == 0xed) hi = 0x9f;
  } else if (c >= 0xf0 && c <= 0xf4) {
    n = 4;
    if (c == 0xf0) lo = 0x90;
    if (c == 0xf4) hi = 0x8f;
  } else {
    return 0;
  }
  if (i + n > s.size() || b(i + 1) < lo || b(i + 1) > hi) return 0;
  for (std::size_t k = 2; k < n; ++k)
    if (b(i + k) < 0x80 || b(i + k) > 0xbf) return 0;
  return n;
}

/// s as a JSON string: control characters escaped, UTF-8 kept as it is ("‖"), each byte that is
/// not part of a well-formed UTF-8 sequence replaced by U+FFFD.
inline void add_json_string(std::string& out, std::string_view s) {
  out += '"';
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80) {
      const std::size_t n = utf8_length(s, i);
      if (n == 0) {
        out += "\\ufffd";
        ++i;
      } else {
        out.append(s.substr(i, n));
        i += n;
      }
      continue;
    }
    ++i;
    switch (c) {
    case '"':
      out += "\\\"";
      break;
    case '\\':
      out += "\\\\";
      break;
    case '\n':
      out += "\\n";
      break;
    case '\r':
      out += "\\r";
      break;
    case '\t':
      out += "\\t";
      break;
    default:
      if (c < 0x20 || c == 0x7f) {
        char buf[8];
        std::snprintf(buf, sizeof buf, "\\u%04x", c);
        out += buf;
      } else {
        out += static_cast<char>(c);
      }
    }
  }
  out += '"';
}

inline std::string json_number(double x) {
  if (std::isnan(x)) return "\"nan\"";
  if (std::isinf(x)) return x > 0 ? "\"inf\"" : "\"-inf\"";
  return number_text(x);
}

} // namespace detail

/// The oracle's references for the cases (the slow part of grading; reusable across runs).
[[nodiscard]] inline std::vector<reference> references(const std::vector<test_case>& cases) {
  std::vector<reference> refs;
  refs.reserve(cases.size());
  for (const auto& c : cases)
    refs.push_back(reference_for(c));
  return refs;
}

/// Grades answers (parallel to cases) against references (parallel to cases).
[[nodiscard]] inline report grade(std::vector<test_case> cases, std::vector<reference> refs,
                                  std::vector<answer> answers, const thresholds& limits = {}) {
  report rep;
  rep.limits = limits;
  rep.cases = std::move(cases);
  answers.resize(rep.cases.size());
  rep.grades.resize(rep.cases.size());
  std::map<std::int64_t, std::vector<std::size_t>> groups;
  for (std::size_t i = 0; i < rep.cases.size(); ++i) {
    const test_case& c = rep.cases[i];
    graded_case& g = rep.grades[i];
    g.c = &c;
    g.ref = std::move(refs[i]);
    g.a = std::move(answers[i]);
    if (c.group >= 0) groups[c.group].push_back(i);
    if (!g.ref.decided || g.a.what == answer::kind::unsupported) continue;
    const bool number = g.a.what == answer::kind::value;
    if (!g.ref.valid) {
      g.wrong_on_invalid = number;
      continue;
    }
    if (g.a.what == answer::kind::rejected || g.a.what == answer::kind::thrown) {
      g.rejected_valid = true;
      continue;
    }
    if (!number) continue;
    if (g.ref.many || g.a.array) {
      detail::grade_elements(c, g);
      continue;
    }
    g.graded = true;
    const double v = g.a.value;
    g.ulps = detail::ulps_of(v, g.ref.result, c.fmt);
    g.digits = oracle::correct_digits(oracle::round_double(v, c.fmt), g.ref.result);
    const double exact = g.ref.result.value;
    if (std::isnan(v) || (std::isinf(v) && std::isfinite(exact))) g.laws.push_back("finite");
    detail::single_laws(c, v, g.laws);
  }
  // The laws between the answers of each group (one pair, several measures).
  for (const auto& [group, idx] : groups) {
    detail::group_answers a;
    const test_case* first = nullptr;
    for (std::size_t i : idx) {
      const auto& g = rep.grades[i];
      if (!g.graded) continue;
      first = g.c;
      const double v = g.a.value;
      switch (g.c->what) {
      case measure::entropy:
        a.h = v;
        break;
      case measure::cross_entropy:
        a.hpq = v;
        break;
      case measure::kl:
        a.kl = v;
        a.kl_case = i;
        break;
      case measure::total_variation:
        a.tv = v;
        a.tv_case = i;
        break;
      case measure::hellinger:
        a.hel = v;
        a.hel_case = i;
        break;
      case measure::chi_squared:
        a.chi2 = v;
        break;
      default:
        break;
      }
    }
    if (!first) continue;
    std::vector<std::pair<std::size_t, std::string>> broken;
    oracle::with_format_type(first->fmt, [&](auto t) {
      detail::group_laws<decltype(t)>(*first, a, limits.law_ulps, broken);
    });
    for (auto& [i, law] : broken)
      if (i != SIZE_MAX) rep.grades[i].laws.push_back(std::move(law));
  }

  // Summary rows, in the order families and measures first appear.
  std::vector<std::pair<std::string, std::string>> order;
  std::map<std::pair<std::string, std::string>, std::vector<std::int64_t>> ulps;
  std::map<std::pair<std::string, std::string>, summary_row> rows;
  rep.total.family = "all";
  rep.total.measure = "all";
  std::vector<std::int64_t> all_ulps;
  for (const auto& g : rep.grades) {
    const std::pair<std::string, std::string> key{g.c->family, measure_name(g.c->what)};
    if (!rows.count(key)) {
      order.push_back(key);
      rows[key].family = key.first;
      rows[key].measure = key.second;
    }
    for (summary_row* row : {&rows[key], &rep.total}) {
      ++row->cases;
      if (g.a.what == answer::kind::unsupported) ++row->unsupported;
      if (g.a.what == answer::kind::missing) ++row->missing;
      if (g.a.what == answer::kind::garbage) ++row->garbage;
      if (g.graded) {
        ++row->graded;
        row->max_ulps = std::max(row->max_ulps, g.ulps);
        row->min_digits = std::min(row->min_digits, g.digits);
        if (g.ulps > limits.max_ulps) ++row->over_threshold;
      }
      if (!g.laws.empty()) ++row->law_violations;
      if (g.wrong_on_invalid) ++row->wrong_on_invalid;
      if (g.rejected_valid) ++row->rejected_valid;
    }
    if (g.graded) {
      ulps[key].push_back(g.ulps);
      all_ulps.push_back(g.ulps);
    }
  }
  const auto median = [](std::vector<std::int64_t> v) {
    if (v.empty()) return 0.0;
    std::sort(v.begin(), v.end());
    const std::size_t m = v.size() / 2;
    return v.size() % 2 == 1 ? static_cast<double>(v[m])
                             : (static_cast<double>(v[m - 1]) + static_cast<double>(v[m])) / 2;
  };
  for (const auto& key : order) {
    rows[key].median_ulps = median(ulps[key]);
    rep.rows.push_back(rows[key]);
  }
  rep.total.median_ulps = median(all_ulps);

  // Verdict.
  const auto& t = rep.total;
  auto fail = [&](std::string why) { rep.failures.push_back(std::move(why)); };
  if (t.over_threshold > 0)
    fail(std::to_string(t.over_threshold) + " valid case(s) off by more than "
         + std::to_string(limits.max_ulps) + " ulps (max " + detail::ulps_text(t.max_ulps) + ")");
  if (t.law_violations > 0) fail(std::to_string(t.law_violations) + " law violation(s)");
  std::size_t wrong_length = 0;
  const graded_case* first_wrong_length = nullptr;
  for (const auto& g : rep.grades)
    if (!g.shape_error.empty() && wrong_length++ == 0) first_wrong_length = &g;
  if (wrong_length > 0)
    fail(std::to_string(wrong_length) + " array answer(s) of the wrong length (#"
         + std::to_string(first_wrong_length->c->id) + ": " + first_wrong_length->shape_error
         + ")");
  if (t.wrong_on_invalid > 0 && !limits.allow_wrong_on_invalid)
    fail(std::to_string(t.wrong_on_invalid) + " number(s) returned for invalid input");
  if (t.rejected_valid > 0 && !limits.allow_rejected_valid)
    fail(std::to_string(t.rejected_valid) + " valid input(s) rejected");
  if (t.missing > 0) fail(std::to_string(t.missing) + " case(s) without an answer");
  if (t.garbage > 0) fail(std::to_string(t.garbage) + " answer(s) that are not valid answers");
  return rep;
}

/// Adds the process's fate to the report (and to its failures: a failure to start, a timeout, a
/// flood, a signal, an exit status other than 0 with answers missing, a line count that is not
/// the number of cases).
inline void attach_run(report& rep, run_info info) {
  if (!info.started)
    rep.failures.push_back("the implementation could not be started: " + info.error);
  else if (info.timed_out)
    rep.failures.push_back("the implementation timed out and was killed");
  else if (info.flooded)
    rep.failures.push_back("the implementation flooded its output and was killed");
  else if (info.signal != 0)
    rep.failures.push_back("the implementation was ended by signal " + std::to_string(info.signal));
  else if (info.exited && info.exit_code != 0 && rep.total.missing > 0)
    rep.failures.push_back("the implementation exited with status " + std::to_string(info.exit_code)
                           + " before answering every case");
  // A non-zero status after answering every case is only reported (`gibbs eval` exits 1 when
  // some line was invalid input, as it should).
  if (info.lines != rep.cases.size())
    rep.failures.push_back("the implementation printed " + std::to_string(info.lines)
                           + " line(s) for " + std::to_string(rep.cases.size()) + " case(s)");
  rep.run = std::move(info);
}

/// The median of a row in ulps: NaN answers count as INT64_MAX ulps, so a median among them is
/// INT64_MAX (printed "NaN"), not a double beyond the int64 range.
[[nodiscard]] inline std::int64_t median_ulps(const summary_row& r) {
  if (!(r.median_ulps < 0x1p63)) return std::numeric_limits<std::int64_t>::max();
  return static_cast<std::int64_t>(r.median_ulps);
}

/// The summary as a fixed-width text table, one row per family and measure, then the total
/// and the verdict.
[[nodiscard]] inline std::string format_table(const report& rep) {
  std::string out;
  char line[256];
  std::snprintf(line, sizeof line, "%-15s %-21s %6s %6s %10s %8s %6s %6s %6s %6s\n", "family",
                "measure", "cases", "graded", "max ulps", "median", "digits", "laws", "wr-inv",
                "rej-ok");
  out += line;
  const auto row_text = [&](const summary_row& r) {
    char med[32];
    std::snprintf(med, sizeof med, "%.1f", r.median_ulps);
    char dig[16];
    std::snprintf(dig, sizeof dig, "%.1f", r.graded > 0 ? r.min_digits : 0.0);
    std::snprintf(line, sizeof line, "%-15s %-21s %6zu %6zu %10s %8s %6s %6zu %6zu %6zu\n",
                  r.family.c_str(), r.measure.c_str(), r.cases, r.graded,
                  r.graded > 0 ? detail::ulps_text(r.max_ulps).c_str() : "-",
                  r.graded > 0
                      ? (r.median_ulps < 1e5 ? med : detail::ulps_text(median_ulps(r)).c_str())
                      : "-",
                  r.graded > 0 ? dig : "-", r.law_violations, r.wrong_on_invalid, r.rejected_valid);
    out += line;
  };
  for (const auto& r : rep.rows)
    row_text(r);
  row_text(rep.total);
  if (rep.total.unsupported > 0 || rep.total.missing > 0 || rep.total.garbage > 0) {
    std::snprintf(line, sizeof line, "unsupported: %zu, missing: %zu, garbage: %zu\n",
                  rep.total.unsupported, rep.total.missing, rep.total.garbage);
    out += line;
  }
  if (rep.passed()) {
    out += "PASS (max ulps allowed: " + std::to_string(rep.limits.max_ulps) + ")\n";
  } else {
    out += "FAIL:\n";
    for (const auto& f : rep.failures)
      out += "  - " + f + "\n";
  }
  return out;
}

/// The worst cases (largest ulps, then law violations, then wrong on invalid), at most n.
[[nodiscard]] inline std::vector<const graded_case*> worst_cases(const report& rep,
                                                                 std::size_t n = 10) {
  std::vector<const graded_case*> v;
  for (const auto& g : rep.grades)
    if ((g.graded && g.ulps > rep.limits.max_ulps) || !g.laws.empty() || g.wrong_on_invalid
        || g.rejected_valid)
      v.push_back(&g);
  std::stable_sort(v.begin(), v.end(),
                   [](const graded_case* a, const graded_case* b) { return a->ulps > b->ulps; });
  if (v.size() > n) v.resize(n);
  return v;
}

/// The report as a JSON document: implementation, seed, thresholds, verdict and failures, the
/// process's fate, the summary rows, and every case that is not perfect (id, family, note,
/// measure, answer, reference, ulps, laws; for an array answer its number of elements and the
/// index of the worst, whose answer and reference these are, or why its length is wrong).
[[nodiscard]] inline std::string to_json(const report& rep) {
  using detail::add_json_string;
  std::string out = "{\n  \"implementation\": ";
  add_json_string(out, rep.implementation);
  out += ",\n  \"seed\": " + std::to_string(rep.seed);
  out += ",\n  \"max_ulps\": " + std::to_string(rep.limits.max_ulps);
  out += ",\n  \"law_ulps\": " + std::to_string(rep.limits.law_ulps);
  out += std::string(",\n  \"passed\": ") + (rep.passed() ? "true" : "false");
  out += ",\n  \"failures\": [";
  for (std::size_t i = 0; i < rep.failures.size(); ++i) {
    out += i ? ", " : "";
    add_json_string(out, rep.failures[i]);
  }
  out += "]";
  if (rep.run.ran) {
    const auto& r = rep.run;
    out += ",\n  \"process\": {\"started\": " + std::string(r.started ? "true" : "false");
    out += ", \"exit_code\": " + std::to_string(r.exit_code);
    out += ", \"signal\": " + std::to_string(r.signal);
    out += std::string(", \"timed_out\": ") + (r.timed_out ? "true" : "false");
    out += std::string(", \"flooded\": ") + (r.flooded ? "true" : "false");
    out += std::string(", \"input_closed_early\": ") + (r.input_closed_early ? "true" : "false");
    out += ", \"lines\": " + std::to_string(r.lines);
    out += ", \"garbage_lines\": " + std::to_string(r.garbage_lines);
    out += ", \"unmatched_lines\": " + std::to_string(r.unmatched_lines);
    out += ", \"seconds\": " + detail::number_text(r.seconds);
    out += ", \"stderr_tail\": ";
    add_json_string(out, r.stderr_tail);
    out += "}";
  }
  const auto row_json = [&](const summary_row& r) {
    std::string s = "{\"family\": ";
    add_json_string(s, r.family);
    s += ", \"measure\": ";
    add_json_string(s, r.measure);
    s += ", \"cases\": " + std::to_string(r.cases) + ", \"graded\": " + std::to_string(r.graded);
    s += ", \"max_ulps\": " + std::to_string(r.max_ulps);
    s += ", \"median_ulps\": " + detail::number_text(r.median_ulps);
    s += ", \"min_digits\": " + detail::number_text(r.graded > 0 ? r.min_digits : 0.0);
    s += ", \"law_violations\": " + std::to_string(r.law_violations);
    s += ", \"wrong_on_invalid\": " + std::to_string(r.wrong_on_invalid);
    s += ", \"rejected_valid\": " + std::to_string(r.rejected_valid);
    s += ", \"over_threshold\": " + std::to_string(r.over_threshold);
    s += ", \"unsupported\": " + std::to_string(r.unsupported);
    s += ", \"missing\": " + std::to_string(r.missing);
    s += ", \"garbage\": " + std::to_string(r.garbage) + "}";
    return s;
  };
  out += ",\n  \"total\": " + row_json(rep.total);
  out += ",\n  \"summary\": [";
  for (std::size_t i = 0; i < rep.rows.size(); ++i)
    out += (i ? ",\n    " : "\n    ") + row_json(rep.rows[i]);
  out += "\n  ],\n  \"cases\": [";
  bool first = true;
  for (const auto& g : rep.grades) {
    const bool perfect = (g.graded && g.ulps == 0 && g.laws.empty())
                         || (!g.ref.valid && !g.wrong_on_invalid)
                         || g.a.what == answer::kind::unsupported;
    if (perfect) continue;
    std::string s = "{\"id\": " + std::to_string(g.c->id) + ", \"family\": ";
    add_json_string(s, g.c->family);
    s += ", \"note\": ";
    add_json_string(s, g.c->note);
    s += ", \"measure\": ";
    add_json_string(s, measure_name(g.c->what));
    s += std::string(", \"type\": \"") + std::string(oracle::traits(g.c->fmt).name) + "\"";
    s += ", \"answer\": ";
    add_json_string(s, kind_name(g.a.what));
    if (g.a.what == answer::kind::value) s += ", \"value\": " + detail::json_number(g.a.value);
    if (!g.a.text.empty()) {
      s += ", \"message\": ";
      add_json_string(s, g.a.text);
    }
    if (g.ref.valid && g.ref.decided) {
      s += ", \"reference\": " + detail::json_number(g.ref.result.value);
    } else {
      s += ", \"reference_error\": ";
      add_json_string(s, g.ref.error);
    }
    if (g.graded) {
      s += ", \"ulps\": " + std::to_string(g.ulps);
      s += ", \"digits\": " + detail::number_text(g.digits);
    }
    if (g.ref.many && g.graded) {
      s += ", \"elements\": " + std::to_string(g.elements);
      s += ", \"worst_element\": " + std::to_string(g.worst_element);
    }
    if (!g.shape_error.empty()) {
      s += ", \"shape_error\": ";
      add_json_string(s, g.shape_error);
    }
    if (!g.laws.empty()) {
      s += ", \"laws\": [";
      for (std::size_t i = 0; i < g.laws.size(); ++i) {
        s += i ? ", " : "";
        add_json_string(s, g.laws[i]);
      }
      s += "]";
    }
    if (g.wrong_on_invalid) s += ", \"wrong_on_invalid\": true";
    if (g.rejected_valid) s += ", \"rejected_valid\": true";
    s += "}";
    out += (first ? "\n    " : ",\n    ") + s;
    first = false;
  }
  out += "\n  ]\n}\n";
  return out;
}

} // namespace gibbs::conformance

#endif // GIBBS_CONFORMANCE_GRADE_HPP
