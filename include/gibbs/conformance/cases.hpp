// gibbs/conformance/cases.hpp: the conformance cases — one question to an implementation (a
// measure, its vectors, format, variant and base), the built-in families generated
// deterministically from a seed, and the JSON Lines text of a case (the `gibbs eval` format).
//
//   auto cases = gibbs::conformance::generate({.seed = 7, .families = {"near_equal"}});
//   std::string line = gibbs::conformance::to_json(cases[0]);
//   // {"id":0,"measure":"entropy","type":"binary64","p":[0.1328125,...]}
//
// Every random number comes from std::mt19937_64 (its sequence is fixed by the standard) turned
// into doubles by our own code, so a seed gives the same cases on every platform and compiler.
#ifndef GIBBS_CONFORMANCE_CASES_HPP
#define GIBBS_CONFORMANCE_CASES_HPP

#include "gibbs/oracle.hpp"
#include "gibbs/oracle/table.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <vector>

namespace gibbs::conformance {

using oracle::format;
using oracle::measure;
using oracle::variant;

/// One question to an implementation under test.
struct test_case {
  std::int64_t id = 0; ///< position in the run; sent as "id"
  std::string family;  ///< the family that generated it ("near_equal", …)
  std::string note;    ///< what is special about it ("eps=1e-08, n=10"), for the report
  measure what = measure::kl;
  format fmt = format::binary64;
  variant var = variant::exact;
  double base = 0; ///< 0 = e
  std::vector<double> p, q, logits, target;
  std::vector<std::int64_t> samples;
  std::int64_t target_index = -1;
  std::map<std::string, double, std::less<>> parameters; ///< the measure's ("alpha")
  /// The measure's named arrays (descriptor::arrays: "input", "weight", "pos_weight").
  std::map<std::string, std::vector<double>, std::less<>> arrays;
  /// 0: one case; r > 0: a batch of r rows (every array holds r rows, row-major, sent as a 2-D
  /// JSON array) combined by `reduce` (request::rows, request::reduce).
  std::int64_t rows = 0;
  /// The reduction asked (automatic: sum for an elementwise measure, the measure's value
  /// otherwise); none answers one value per row of a batch, or per element of an elementwise
  /// measure (answers_array).
  oracle::reduction reduce = oracle::reduction::automatic;
  bool expect_invalid = false; ///< generated as invalid input (the oracle has the last word)
  std::int64_t group = -1;     ///< cases on the same (p, q): H(p), H(p, q), KL(p‖q) for the law
};

/// The measure's name in the JSON Lines format ("kl", "cross_entropy", …), from the table.
[[nodiscard]] inline const char* measure_name(measure m) {
  const oracle::descriptor* d = oracle::find_descriptor(m);
  return d ? d->name.data() : "?";
}

/// The measure named `name`, if any.
[[nodiscard]] inline std::optional<measure> parse_measure(std::string_view name) {
  if (const oracle::descriptor* d = oracle::find_descriptor(name)) return d->id;
  return std::nullopt;
}

/// The measures the runner asks when none is selected (the table's conformance_default).
[[nodiscard]] inline std::vector<measure> default_measures() {
  std::vector<measure> out;
  for (const oracle::descriptor* d : oracle::measures())
    if (d->conformance_default) out.push_back(d->id);
  return out;
}

/// Whether the pair families ask this measure: it takes p, or p and q, and nothing else.
[[nodiscard]] inline bool asked_of_pairs(measure m) {
  const unsigned in = oracle::descriptor_of(m).inputs;
  return in == oracle::input_p || in == (oracle::input_p | oracle::input_q);
}

/// The built-in families, in the order they are generated.
[[nodiscard]] inline std::vector<std::string> family_names() {
  return {"worked_example", "near_equal", "zeros",    "tiny",     "skewed", "one_hot", "uniform",
          "large_n",        "binary32",   "binary16", "bfloat16", "logits", "invalid", "binary"};
}

/// What to generate.
struct generate_options {
  std::uint64_t seed = 1;
  std::vector<std::string> families; ///< empty: all of family_names()
  /// Measures asked of every distribution pair; empty: default_measures() (entropy,
  /// cross_entropy, kl, js) and the logits_cross_entropy cases of the "logits" family, which are
  /// sent only when this list is empty or names logits_cross_entropy; the "binary" family
  /// (binary_cross_entropy, binary_cross_entropy_with_logits) only when it names them.
  std::vector<measure> measures;
  std::size_t large_n = 100000; ///< support size of the large_n family
};

namespace detail {

/// Deterministic uniform doubles in [0, 1) from the standard's mt19937_64.
class source {
public:
  explicit source(std::uint64_t seed) : g_(seed) {}
  double uniform() { return static_cast<double>(g_() >> 11) * 0x1p-53; }
  double open() { return (static_cast<double>(g_() >> 11) + 0.5) * 0x1p-53; } // (0, 1)
  std::uint64_t below(std::uint64_t n) { return g_() % n; }
  double sign() { return (g_() & 1) != 0 ? 1.0 : -1.0; }

private:
  std::mt19937_64 g_;
};

/// Positive weights w (any scale) made into a distribution that sums to exactly 1: the entries
/// are integers k_i over 2^53 (each exact in binary64), and the largest absorbs the rounding.
inline std::vector<double> exactly_normalized(const std::vector<double>& w) {
  long double total = 0;
  for (double x : w)
    total += x;
  const double scale = 0x1p53;
  std::vector<std::int64_t> k(w.size());
  std::int64_t sum = 0;
  std::size_t big = 0;
  for (std::size_t i = 0; i < w.size(); ++i) {
    k[i] = std::max<std::int64_t>(1, std::llround(static_cast<long double>(w[i]) / total * scale));
    sum += k[i];
    if (k[i] > k[big]) big = i;
  }
  k[big] += (std::int64_t{1} << 53) - sum; // |adjustment| <= n/2, far below k[big] >= 2^53/n
  std::vector<double> p(w.size());
  for (std::size_t i = 0; i < w.size(); ++i)
    p[i] = static_cast<double>(k[i]) / scale;
  return p;
}

/// Positive weights divided by their sum in double: sums to 1 within a few ulps (not exactly).
inline std::vector<double> divided(const std::vector<double>& w) {
  double s = 0;
  for (double x : w)
    s += x;
  std::vector<double> p(w.size());
  for (std::size_t i = 0; i < w.size(); ++i)
    p[i] = w[i] / s;
  return p;
}

inline std::vector<double> random_weights(source& g, std::size_t n) {
  std::vector<double> w(n);
  for (double& x : w)
    x = g.open();
  return w;
}

/// q = p with pairs (i, i+1) moved by ±d, d ≈ eps·min(p_i, p_{i+1}) and at least one ulp of the
/// larger: each move is exact (checked with TwoSum), so Σq = Σp exactly.
inline std::vector<double> perturbed(source& g, const std::vector<double>& p, double eps) {
  std::vector<double> q = p;
  for (std::size_t i = 0; i + 1 < p.size(); i += 2) {
    const double lo = std::min(p[i], p[i + 1]), hi = std::max(p[i], p[i + 1]);
    if (lo == 0) continue;
    const double u = std::nextafter(hi, 2.0) - hi;
    double d = std::round(eps * lo * (0.5 + 0.5 * g.uniform()) / u) * u;
    if (d < u) d = u;
    if (d >= lo) continue;
    d *= g.sign();
    const double a = p[i] + d, b = p[i + 1] - d;
    if (a - p[i] == d && p[i + 1] - b == d && a > 0 && b > 0) {
      q[i] = a;
      q[i + 1] = b;
    }
  }
  if (q == p && !p.empty() && p.size() >= 2 && p[0] > 0) {
    // No pair could move (tiny eps, n odd and 1): move one entry by an ulp, sum no longer exact.
    q[0] = std::nextafter(p[0], 2.0);
  }
  return q;
}

inline std::vector<float> to_float(const std::vector<double>& x) {
  return std::vector<float>(x.begin(), x.end());
}

/// Positive weights made into a distribution of a 16-bit format: each w_i / sum(w) (in double)
/// rounded to the format.
inline std::vector<double> small_distribution(const std::vector<double>& w, format fmt) {
  double s = 0;
  for (double x : w)
    s += x;
  std::vector<double> p(w.size());
  for (std::size_t i = 0; i < w.size(); ++i)
    p[i] = oracle::round_double(w[i] / s, fmt);
  return p;
}

/// Positive weights made into a binary32 distribution: divided in float, each entry a float.
inline std::vector<double> float_distribution(const std::vector<double>& w) {
  float s = 0;
  for (double x : w)
    s += static_cast<float>(x);
  std::vector<double> p(w.size());
  for (std::size_t i = 0; i < w.size(); ++i)
    p[i] = static_cast<double>(static_cast<float>(w[i]) / s);
  return p;
}

inline std::string short_number(double x) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3g", x);
  return buf;
}

class builder {
public:
  builder(std::vector<test_case>& out, const std::vector<measure>& measures)
      : out_(out), measures_(measures) {}

  /// One case per selected measure on (p, q) (a measure of p alone: on p), one per demo value of
  /// a parameter; measures without a logarithm are skipped in a base other than e.
  void pair(const std::string& family, const std::string& note, const std::vector<double>& p,
            const std::vector<double>& q, format fmt = format::binary64, double base = 0) {
    const std::int64_t group = next_group_++;
    for (measure m : measures_) {
      if (!asked_of_pairs(m)) continue;
      const oracle::descriptor& d = oracle::descriptor_of(m);
      if (base != 0 && d.base == oracle::base_rule::rejected) continue;
      test_case c;
      c.family = family;
      c.note = note;
      c.what = m;
      c.fmt = fmt;
      c.base = base;
      c.p = p;
      if (d.takes(oracle::input_q)) c.q = q;
      c.group = group;
      for_each_parameter_set(d, std::move(c), [&](test_case t) { push(std::move(t)); });
    }
  }

  /// Calls f with c once per demo value of the descriptor's parameters (once if it has none).
  template <class F>
  static void for_each_parameter_set(const oracle::descriptor& d, test_case c, F&& f) {
    if (d.parameters.empty()) {
      f(std::move(c));
      return;
    }
    for (std::size_t k = 0; k < 2; ++k) {
      test_case t = c;
      for (const oracle::parameter& prm : d.parameters)
        t.parameters[std::string(prm.name)] = prm.demo[k];
      t.note += (t.note.empty() ? "" : ", ") + std::string(d.parameters[0].name) + '='
                + std::to_string(d.parameters[0].demo[k]).substr(0, 4);
      f(std::move(t));
    }
  }

  void push(test_case c) {
    c.id = static_cast<std::int64_t>(out_.size());
    out_.push_back(std::move(c));
  }

  void invalid(const std::string& note, measure m, std::vector<double> p, std::vector<double> q) {
    test_case c;
    c.family = "invalid";
    c.note = note;
    c.what = m;
    c.p = std::move(p);
    const oracle::descriptor& d = oracle::descriptor_of(m);
    if (d.takes(oracle::input_q)) c.q = std::move(q);
    c.expect_invalid = true;
    for (const oracle::parameter& prm : d.parameters)
      c.parameters[std::string(prm.name)] = prm.demo[0];
    push(std::move(c));
  }

  void logits(const std::string& note, std::vector<double> z, std::int64_t index,
              std::vector<double> target = {}) {
    test_case c;
    c.family = "logits";
    c.note = note;
    c.what = measure::logits_cross_entropy;
    c.logits = std::move(z);
    c.target_index = target.empty() ? index : -1;
    c.target = std::move(target);
    push(std::move(c));
  }

  /// An elementwise binary loss: m's named arrays and the target (reduction sum).
  void binary(const std::string& note, measure m, std::vector<double> target,
              std::map<std::string, std::vector<double>, std::less<>> arrays,
              std::vector<double> logits = {}, bool invalid = false) {
    test_case c;
    c.family = invalid ? "invalid" : "binary";
    c.note = note;
    c.what = m;
    c.target = std::move(target);
    c.arrays = std::move(arrays);
    c.logits = std::move(logits);
    c.expect_invalid = invalid;
    push(std::move(c));
  }

private:
  std::vector<test_case>& out_;
  const std::vector<measure>& measures_;
  std::int64_t next_group_ = 0;
};

inline bool selected(const std::vector<std::string>& families, std::string_view f) {
  return families.empty() || std::find(families.begin(), families.end(), f) != families.end();
}

} // namespace detail

/// The cases of the selected families, numbered from 0 (their ids), in a fixed order.
/// Throws std::invalid_argument for an unknown family name.
[[nodiscard]] inline std::vector<test_case> generate(const generate_options& o = {}) {
  const auto known = family_names();
  for (const auto& f : o.families)
    if (std::find(known.begin(), known.end(), f) == known.end())
      throw std::invalid_argument("gibbs::conformance: unknown case family \"" + f + "\"");
  std::vector<measure> measures = o.measures;
  if (measures.empty()) measures = default_measures();
  std::vector<test_case> out;
  detail::builder b(out, measures);
  detail::source g(o.seed);
  const auto want = [&](std::string_view f) { return detail::selected(o.families, f); };
  using detail::short_number;

  if (want("worked_example")) {
    b.pair("worked_example", "p=(1/2,1/2), q=(0.7,0.3)", {0.5, 0.5}, {0.7, 0.3});
    b.pair("worked_example", "the same in bits", {0.5, 0.5}, {0.7, 0.3}, format::binary64, 2);
    b.pair("worked_example", "p = q", {0.25, 0.75}, {0.25, 0.75});
  }
  if (want("near_equal")) {
    std::vector<double> eps;
    for (int k = 3; k <= 16; ++k)
      eps.push_back(std::pow(10.0, -k));
    for (int k = 50; k <= 53; ++k)
      eps.push_back(std::ldexp(1.0, -k));
    for (std::size_t n : {std::size_t{2}, std::size_t{10}, std::size_t{1000}})
      for (double e : eps) {
        const auto p = detail::exactly_normalized(detail::random_weights(g, n));
        b.pair("near_equal", "eps=" + short_number(e) + ", n=" + std::to_string(n), p,
               detail::perturbed(g, p, e));
      }
  }
  if (want("zeros")) {
    b.pair("zeros", "zero in p", {0.0, 0.25, 0.75}, {0.125, 0.375, 0.5});
    b.pair("zeros", "zero in p and q", {0.0, 0.5, 0.5}, {0.0, 0.25, 0.75});
    b.pair("zeros", "zero in q only: infinite", {0.25, 0.25, 0.5}, {0.0, 0.5, 0.5});
    b.pair("zeros", "half the support empty", {0.5, 0.0, 0.5, 0.0}, {0.25, 0.25, 0.25, 0.25});
    auto p = detail::exactly_normalized(detail::random_weights(g, 50));
    for (std::size_t i = 0; i < p.size(); i += 3)
      p[i] = 0;
    auto q = detail::exactly_normalized(detail::random_weights(g, 50));
    b.pair("zeros", "every third p_i = 0, n=50", detail::divided(p), q);
  }
  if (want("tiny")) {
    const double sub = std::numeric_limits<double>::denorm_min();
    b.pair("tiny", "p_i = 1e-300", {1e-300, 1.0 - 1e-300}, {0.5, 0.5});
    b.pair("tiny", "subnormal p_i", {sub, 1.0}, {0.25, 0.75});
    b.pair("tiny", "subnormal q_i: p/q overflows", {0.5, 0.5}, {1e-310, 1.0});
    b.pair("tiny", "p/q underflows", {1e-310, 1.0}, {1.0, 1e-300});
    b.pair("tiny", "both subnormal", {4 * sub, 1.0}, {sub, 1.0});
    b.pair("tiny", "1e-200 and 1e-100", {1e-200, 1.0}, {1e-100, 1.0});
  }
  if (want("skewed")) {
    for (double t : {1e-5, 1e-10, 1e-15, 1e-17}) {
      const std::size_t n = 20;
      std::vector<double> w(n, t / static_cast<double>(n - 1));
      w[0] = 1;
      auto p = detail::divided(w);
      auto v = detail::random_weights(g, n);
      b.pair("skewed", "one mass 1-" + short_number(t), p, detail::divided(v));
      b.pair("skewed", "reversed, tail " + short_number(t), detail::divided(v), p);
    }
    std::vector<double> zipf(1000);
    for (std::size_t i = 0; i < zipf.size(); ++i)
      zipf[i] = 1.0 / std::pow(static_cast<double>(i + 1), 2.5);
    b.pair("skewed", "Zipf s=2.5 vs uniform, n=1000", detail::divided(zipf),
           std::vector<double>(1000, 1.0 / 1000));
  }
  if (want("one_hot")) {
    b.pair("one_hot", "p = q = e_0", {1.0, 0.0, 0.0}, {1.0, 0.0, 0.0});
    b.pair("one_hot", "p = e_2, q random", {0.0, 0.0, 1.0, 0.0},
           detail::exactly_normalized(detail::random_weights(g, 4)));
    b.pair("one_hot", "p = e_1, q nearly one-hot", {0.0, 1.0}, {0x1p-40, 1 - 0x1p-40});
  }
  if (want("uniform")) {
    for (std::size_t n : {std::size_t{2}, std::size_t{3}, std::size_t{10}, std::size_t{1000},
                          std::size_t{1} << 16}) {
      std::vector<double> u(n, 1.0 / static_cast<double>(n));
      auto r = detail::divided(detail::random_weights(g, n));
      b.pair("uniform", "uniform vs random, n=" + std::to_string(n), u, r);
      b.pair("uniform", "random vs uniform, n=" + std::to_string(n), r, u);
    }
  }
  if (want("large_n")) {
    const std::size_t n = o.large_n;
    auto p = detail::divided(detail::random_weights(g, n));
    b.pair("large_n", "random, n=" + std::to_string(n), p,
           detail::divided(detail::random_weights(g, n)));
    b.pair("large_n", "near-equal eps=1e-9, n=" + std::to_string(n), p,
           detail::perturbed(g, p, 1e-9));
  }
  if (want("binary32")) {
    for (std::size_t n : {std::size_t{3}, std::size_t{100}, std::size_t{10000}}) {
      auto p = detail::float_distribution(detail::random_weights(g, n));
      auto q = detail::float_distribution(detail::random_weights(g, n));
      b.pair("binary32", "random, n=" + std::to_string(n), p, q, format::binary32);
      // near-equal in float: move pairs by one float ulp
      std::vector<double> r = p;
      for (std::size_t i = 0; i + 1 < n; i += 2) {
        const float a = static_cast<float>(p[i]), c = static_cast<float>(p[i + 1]);
        const float u = std::nextafter(std::max(a, c), 2.0f) - std::max(a, c);
        if (a - u > 0 && c + u == static_cast<float>(static_cast<double>(c) + u)
            && a - u == static_cast<float>(static_cast<double>(a) - u)) {
          r[i] = static_cast<double>(a - u);
          r[i + 1] = static_cast<double>(c + u);
        }
      }
      b.pair("binary32", "near-equal (1 float ulp), n=" + std::to_string(n), p, r,
             format::binary32);
    }
  }
  for (format fmt : {format::binary16, format::bfloat16}) {
    const std::string name(oracle::traits(fmt).name);
    if (!want(name)) continue;
    for (std::size_t n : {std::size_t{3}, std::size_t{30}, std::size_t{300}}) {
      auto p = detail::small_distribution(detail::random_weights(g, n), fmt);
      auto q = detail::small_distribution(detail::random_weights(g, n), fmt);
      b.pair(name, "random, n=" + std::to_string(n), p, q, fmt);
      // near-equal in the format: move pairs by one ulp of the format, both ways
      std::vector<double> r = p;
      for (std::size_t i = 0; i + 1 < n; i += 2) {
        const double a = p[i], c = p[i + 1];
        const double u = oracle::next_up(std::max(a, c), fmt) - std::max(a, c);
        if (oracle::representable(a - u, fmt) && oracle::representable(c + u, fmt) && a - u > 0) {
          r[i] = a - u;
          r[i + 1] = c + u;
        }
      }
      b.pair(name, "near-equal (1 ulp), n=" + std::to_string(n), p, r, fmt);
    }
    if (fmt == format::bfloat16) {
      // the exact value 1 + 2^-8 + 3 2^-133 just above a midpoint of bfloat16: rounded through
      // binary64 it becomes the tie and goes to 1; the correct answer is 0x1.02p0
      b.pair(name, "cross-entropy in bits just above a midpoint", {1 - 0x1p-8, 0x1p-8, 0, 0x1p-133},
             {0.5, 0.25, 0.125, 0.125}, fmt, 2);
    }
  }
  const bool logits_wanted =
      o.measures.empty()
      || std::find(o.measures.begin(), o.measures.end(), measure::logits_cross_entropy)
             != o.measures.end();
  if (want("logits") && logits_wanted) {
    b.logits("spread 2000", {1000.0, 0.0, -1000.0}, 0);
    b.logits("spread 2000, unlikely target", {1000.0, 0.0, -1000.0}, 2);
    b.logits("large equal logits", {1e5, 1e5, 1e5, 1e5}, 3);
    b.logits("close large logits", {1e4, 1e4 + 1e-6, 1e4 - 1e-6}, 1);
    b.logits("spread 1e300", {1e300, -1e300}, 1);
    b.logits("tiny logits", {1e-300, 0.0, -1e-300}, 0);
    std::vector<double> z(1000);
    for (double& x : z)
      x = 100 * (g.uniform() - 0.5);
    b.logits("1000 logits in [-50, 50]", z, 17);
    b.logits("probability target", {30.0, -30.0, 0.0}, -1, {0.25, 0.25, 0.5});
    b.logits("probability target, spread 2000", {1000.0, 0.0, -1000.0}, -1, {0.5, 0.0, 0.5});
  }
  if (want("invalid")) {
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const double inf = std::numeric_limits<double>::infinity();
    for (measure m : measures) {
      if (!asked_of_pairs(m)) continue;
      const bool two = oracle::descriptor_of(m).takes(oracle::input_q);
      b.invalid("negative p_i", m, {-0.25, 0.75, 0.5}, {0.25, 0.25, 0.5});
      if (two) b.invalid("negative q_i", m, {0.25, 0.25, 0.5}, {0.5, -0.25, 0.75});
      b.invalid("NaN in p", m, {nan, 0.5, 0.5}, {0.25, 0.25, 0.5});
      b.invalid("inf in p", m, {inf, 0.5, 0.5}, {0.25, 0.25, 0.5});
      if (two) b.invalid("inf in q", m, {0.25, 0.25, 0.5}, {inf, 0.5, 0.5});
      if (two) b.invalid("length mismatch", m, {0.5, 0.5}, {0.25, 0.25, 0.5});
      b.invalid("p sums to 1.1", m, {0.5, 0.6}, {0.5, 0.5});
      if (two) b.invalid("q sums to 0.9", m, {0.5, 0.5}, {0.5, 0.4});
      b.invalid("empty", m, {}, {});
    }
  }
  if (want("invalid") && logits_wanted) {
    test_case c;
    c.family = "invalid";
    c.note = "target index out of range";
    c.what = measure::logits_cross_entropy;
    c.logits = {1.0, 2.0};
    c.target_index = 2;
    c.expect_invalid = true;
    b.push(c);
  }
  const auto named = [&](measure m) {
    return std::find(o.measures.begin(), o.measures.end(), m) != o.measures.end();
  };
  if (want("binary") && named(measure::binary_cross_entropy)) {
    const measure m = measure::binary_cross_entropy;
    // torch clamps log at -100 and answers 100; the value is 50 ln 10 + O(1e-17)
    b.binary("input 1e-50, target 1 (a clamp of log gives 100)", m, {1.0}, {{"input", {1e-50}}});
    b.binary("input near 1: 1 - 2^-40, target 0", m, {0.0}, {{"input", {1 - 0x1p-40}}});
    b.binary("soft targets with weights", m, {0.25, 0.5, 0.875},
             {{"input", {0.75, 0.5, 0.125}}, {"weight", {1.0, 0.5, 2.0}}});
    std::vector<double> x(1000), y(1000);
    for (std::size_t i = 0; i < x.size(); ++i) {
      x[i] = g.uniform();
      y[i] = g.uniform();
    }
    b.binary("1000 random elements", m, y, {{"input", x}});
    b.binary("input above 1", m, {0.5}, {{"input", {1.5}}}, {}, true);
  }
  if (want("binary") && named(measure::binary_cross_entropy_with_logits)) {
    const measure m = measure::binary_cross_entropy_with_logits;
    // torch answers 0; the value is log1p(e^-40) = 4.248e-18
    b.binary("logit 40, target 1 (underflows to 0 when formed as 1 - sigmoid)", m, {1.0}, {},
             {40.0});
    b.binary("logits +-1e308", m, {0.5, 0.5}, {}, {1e308, -1e308});
    b.binary("pos_weight and weight", m, {1.0, 0.25, 0.0},
             {{"weight", {1.0, 2.0, 0.5}}, {"pos_weight", {3.0, 0.5, 2.0}}}, {-3.0, 0.5, 20.0});
    b.binary("NaN logit", m, {0.5}, {}, {std::numeric_limits<double>::quiet_NaN()}, true);
  }
  return out;
}

namespace detail {

inline void append_number(std::string& out, double x, bool hex) {
  if (std::isnan(x)) {
    out += "\"nan\"";
    return;
  }
  if (std::isinf(x)) {
    out += x > 0 ? "\"inf\"" : "\"-inf\"";
    return;
  }
  char buf[64];
  if (hex) {
    const bool neg = std::signbit(x);
    auto r = std::to_chars(buf, buf + sizeof buf, std::fabs(x), std::chars_format::hex);
    out += neg ? "\"-0x" : "\"0x";
    out.append(buf, r.ptr);
    out += '"';
    return;
  }
  auto r = std::to_chars(buf, buf + sizeof buf, x);
  out.append(buf, r.ptr);
}

/// `"key":[...]`, or with rows > 0 an array of `rows` rows of x.size() / rows numbers each.
inline void append_array(std::string& out, const char* key, const std::vector<double>& x, bool hex,
                         std::int64_t rows = 0) {
  out += ",\"";
  out += key;
  out += "\":[";
  const std::size_t width =
      rows > 0 ? x.size() / static_cast<std::size_t>(rows) : std::max<std::size_t>(x.size(), 1);
  for (std::size_t i = 0; i < x.size(); ++i) {
    if (i != 0) out += ',';
    if (rows > 0 && i % width == 0) out += '[';
    append_number(out, x[i], hex);
    if (rows > 0 && (i + 1) % width == 0) out += ']';
  }
  out += ']';
}

} // namespace detail

/// Options of the JSON text of a case.
struct json_options {
  bool with_id = true; ///< an "id" field (implementations echo it; `gibbs eval` refuses it)
  bool hex = false;    ///< numbers as hex-float strings ("0x1.8p-3") instead of JSON numbers
};

/// The case as one line of JSON (no newline), in the `gibbs eval` input format. Numbers are the
/// shortest decimals that read back exactly as binary64 (binary32 inputs are floats, and their
/// binary64 decimal reads back as that float); NaN and infinities are "nan", "inf" strings.
[[nodiscard]] inline std::string to_json(const test_case& c, const json_options& o = {}) {
  std::string out = "{";
  if (o.with_id) out += "\"id\":" + std::to_string(c.id) + ',';
  out += "\"measure\":\"";
  out += measure_name(c.what);
  out += "\",\"type\":\"";
  out += oracle::traits(c.fmt).name;
  out += '"';
  if (c.var != variant::exact)
    out += std::string(",\"variant\":\"")
           + (c.var == variant::normalized ? "normalized" : "generalized") + '"';
  if (c.base != 0) {
    out += ",\"base\":";
    detail::append_number(out, c.base, false);
  }
  for (const auto& [name, value] : c.parameters) {
    out += ",\"" + name + "\":";
    detail::append_number(out, value, false);
  }
  const oracle::descriptor& d = oracle::descriptor_of(c.what);
  if (d.takes(oracle::input_p)) detail::append_array(out, "p", c.p, o.hex, c.rows);
  if (d.takes(oracle::input_q)) detail::append_array(out, "q", c.q, o.hex, c.rows);
  if (d.takes(oracle::input_samples)) {
    out += ",\"samples\":[";
    for (std::size_t i = 0; i < c.samples.size(); ++i)
      out += (i != 0 ? "," : "") + std::to_string(c.samples[i]);
    out += ']';
  }
  if (d.takes(oracle::input_logits)) detail::append_array(out, "logits", c.logits, o.hex, c.rows);
  for (const oracle::array_input& a : d.arrays)
    if (const auto it = c.arrays.find(a.name); it != c.arrays.end())
      detail::append_array(out, it->first.c_str(), it->second, o.hex, c.rows);
  if (c.reduce != oracle::reduction::automatic)
    out += std::string(",\"reduction\":\"") + oracle::detail::reduction_name(c.reduce) + '"';
  else if (d.elementwise)
    out += ",\"reduction\":\"sum\"";
  if (d.takes(oracle::input_target)) {
    if (c.rows > 0 && !c.samples.empty() && !d.takes(oracle::input_samples)) {
      // one class index per row of a batch (request::samples): a 1-D list of B integers
      out += ",\"target\":[";
      for (std::size_t i = 0; i < c.samples.size(); ++i)
        out += (i != 0 ? "," : "") + std::to_string(c.samples[i]);
      out += ']';
    } else if (c.target.empty() && !d.elementwise)
      out += ",\"target\":" + std::to_string(c.target_index);
    else
      detail::append_array(out, "target", c.target, o.hex, c.rows);
  }
  out += '}';
  return out;
}

/// The oracle request that asks the same question as the case.
[[nodiscard]] inline oracle::request to_request(const test_case& c) {
  oracle::request r;
  r.what = c.what;
  r.fmt = c.fmt;
  r.var = c.var;
  r.base = c.base;
  r.p = c.p;
  r.q = c.q;
  r.samples = c.samples;
  r.logits = c.logits;
  r.target = c.target;
  r.target_index = c.target_index;
  r.parameters = c.parameters;
  r.arrays = c.arrays;
  r.rows = c.rows;
  r.reduce = c.reduce;
  if (r.reduce == oracle::reduction::automatic && oracle::descriptor_of(c.what).elementwise)
    r.reduce = oracle::reduction::sum;
  return r;
}

/// Whether the exact answer of the case is an array (oracle::evaluate_all) rather than one
/// number: a vector-valued measure (softmax, log_softmax, a gradient: one value per logit, rows x
/// logits for a batch), or reduction none (given, or the default of a batch of a measure that is
/// not elementwise) of a batch or of an elementwise measure (one value per row or element).
[[nodiscard]] inline bool answers_array(const test_case& c) {
  const oracle::descriptor& d = oracle::descriptor_of(c.what);
  if (d.vector_valued) return true;
  const oracle::reduction r = to_request(c).reduce;
  if (r == oracle::reduction::none) return c.rows > 0 || d.elementwise;
  return r == oracle::reduction::automatic && !d.elementwise && c.rows > 0;
}

} // namespace gibbs::conformance

#endif // GIBBS_CONFORMANCE_CASES_HPP
