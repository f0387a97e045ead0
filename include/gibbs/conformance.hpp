// gibbs/conformance.hpp: judge another implementation of a measure of the oracle's table (entropy,
// cross-entropy, KL, JS, TV, ...) by the oracle — either a program (JSON Lines on stdin, one answer
// a line on stdout) or a C++ callable.
//
//   // a program: the cases go to its stdin, one JSON object a line; it answers
//   // {"id": N, "value": x} or {"id": N, "error": "..."} a line
//   auto rep = gibbs::conformance::run_command("python3 my_kl.py", {.max_ulps = 4});
//   std::cout << gibbs::conformance::format_table(rep);
//
//   // a C++ function, inside a Catch2 test
//   auto rep = gibbs::conformance::check(
//       [](std::span<const double> p, std::span<const double> q) { return my_kl(p, q); },
//       {.measures = {gibbs::oracle::measure::kl}});
//   REQUIRE(rep.passed());
//
// The cases are the built-in families (conformance/cases.hpp), generated from a seed for the
// measures of the oracle's table; the grading (conformance/grade.hpp) measures each answer in ulps
// of the correctly rounded exact value and checks the laws over values of gibbs/property/ that
// each measure's descriptor names (Gibbs' inequality, zero at equality, the bounds of JS, entropy,
// TV and Hellinger, and between the answers of one pair H(p,q) = H(p) + KL, Pinsker,
// H² <= TV <= √2 H, KL <= log(1 + χ²)), finite answers where the exact one is finite, and
// errors on invalid input.
// Needs MPFR, MPFI and GMP at link time (the oracle), and POSIX for run_command.
#ifndef GIBBS_CONFORMANCE_HPP
#define GIBBS_CONFORMANCE_HPP

#include "gibbs/conformance/answer.hpp"
#include "gibbs/conformance/cases.hpp"
#include "gibbs/conformance/grade.hpp"
#include "gibbs/conformance/process.hpp"
#include "gibbs/error.hpp"
#include "gibbs/oracle.hpp"

#include <algorithm>
#include <concepts>
#include <cstdint>
#include <exception>
#include <future>
#include <span>
#include <string>
#include <type_traits>
#include <vector>

namespace gibbs::conformance {

/// What to run and how to judge it.
struct options {
  std::uint64_t seed = 1;
  std::vector<std::string> families; ///< empty: every family
  std::vector<measure> measures;     ///< empty: the table's defaults (see check())
  std::int64_t max_ulps = 8;         ///< fail beyond this error on valid input
  std::int64_t law_ulps = 64;        ///< H(p,q) = H(p) + KL within law_ulps ε of H(p,q) + H(p) + 1
  bool allow_wrong_on_invalid = false;
  bool allow_rejected_valid = false;
  double timeout_seconds = 120; ///< run_command: wall-clock limit of the whole run
  bool send_ids = true;         ///< run_command: add "id" to each case
  bool hex = false;             ///< run_command: numbers as hex-float strings
  std::size_t large_n = 100000; ///< support size of the large_n family
  std::vector<test_case> cases; ///< the user's own cases, sent after the generated ones
  bool generated = true;        ///< false: only the user's cases, no built-in family
};

namespace detail {

inline thresholds limits_of(const options& o) {
  thresholds t;
  t.max_ulps = o.max_ulps;
  t.law_ulps = o.law_ulps;
  t.allow_wrong_on_invalid = o.allow_wrong_on_invalid;
  t.allow_rejected_valid = o.allow_rejected_valid;
  return t;
}

inline generate_options generation_of(const options& o) {
  generate_options g;
  g.seed = o.seed;
  g.families = o.families;
  g.measures = o.measures;
  g.large_n = o.large_n;
  return g;
}

/// The generated cases (unless o.generated is false) followed by the user's of the selected
/// measures (all when none is selected), numbered from 0.
inline std::vector<test_case> cases_of(const options& o) {
  std::vector<test_case> cases;
  if (o.generated) cases = generate(generation_of(o));
  for (test_case c : o.cases) {
    if (!o.measures.empty()
        && std::find(o.measures.begin(), o.measures.end(), c.what) == o.measures.end())
      continue;
    c.id = static_cast<std::int64_t>(cases.size());
    c.group = -1;
    cases.push_back(std::move(c));
  }
  return cases;
}

/// Output lines matched to cases: by "id" when the line has one, else by position.
inline std::vector<answer> match_answers(const std::vector<std::string>& lines, std::size_t n,
                                         run_info& info) {
  std::vector<answer> answers(n);
  for (std::size_t k = 0; k < lines.size(); ++k) {
    std::int64_t id = -1;
    answer a = parse_answer(lines[k], &id);
    if (a.what == answer::kind::garbage) ++info.garbage_lines;
    std::size_t slot = id >= 0 ? static_cast<std::size_t>(id) : k;
    if (slot >= n) {
      ++info.unmatched_lines;
      continue;
    }
    if (answers[slot].what != answer::kind::missing) {
      ++info.unmatched_lines; // a second answer for the same case: the first one counts
      continue;
    }
    answers[slot] = std::move(a);
  }
  return answers;
}

} // namespace detail

/// Runs `/bin/sh -c command` on the generated cases and grades its answers. Never hangs (the
/// process is killed at the timeout) and never throws for anything the program does.
[[nodiscard]] inline report run_command(const std::string& command, const options& o = {}) {
  auto cases = detail::cases_of(o);
  std::vector<std::string> lines;
  lines.reserve(cases.size());
  json_options jo;
  jo.with_id = o.send_ids;
  jo.hex = o.hex;
  for (const auto& c : cases)
    lines.push_back(to_json(c, jo));
  process_options po;
  po.timeout_seconds = o.timeout_seconds;
  po.expected_lines = cases.size();
  // The oracle works on the references while the implementation works on the cases.
  auto refs_future = std::async(std::launch::async, [&cases] {
    auto refs = references(cases);
    oracle::release_thread_caches(); // MPFR caches are per thread: free them before it ends
    return refs;
  });
  const process_result pr = run_process(command, lines, po);
  lines.clear();
  run_info info;
  info.command = command;
  info.ran = true;
  info.started = pr.started;
  info.exited = pr.exited;
  info.timed_out = pr.timed_out;
  info.flooded = pr.flooded;
  info.input_closed_early = pr.input_closed_early;
  info.exit_code = pr.exit_code;
  info.signal = pr.signal;
  info.lines = pr.output_lines.size();
  info.seconds = pr.seconds;
  info.stderr_tail = pr.stderr_tail;
  info.error = pr.error;
  auto answers = detail::match_answers(pr.output_lines, cases.size(), info);
  auto refs = refs_future.get();
  report rep = grade(std::move(cases), std::move(refs), std::move(answers), detail::limits_of(o));
  rep.implementation = command;
  rep.seed = o.seed;
  attach_run(rep, std::move(info));
  return rep;
}

/// Thrown by a callable given to check() for a case it does not offer (a measure or a base it
/// does not take): the case is counted as unsupported, not graded.
class unsupported : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

/// A callable the C++ API can judge: it takes a whole case, or the vectors of one.
template <class F>
concept case_callable = std::is_invocable_r_v<double, F, const test_case&>;
template <class F>
concept pair_callable =
    std::is_invocable_r_v<double, F, std::span<const double>, std::span<const double>>;
template <class F>
concept single_callable = std::is_invocable_r_v<double, F, std::span<const double>>;

/// Grades a C++ callable on the generated cases: f(const test_case&), f(p, q) or f(p) returning
/// a double, throwing (anything derived from std::exception) to reject the input, or
/// gibbs::conformance::unsupported to leave a case ungraded.
///   f(p, q): the two-argument measures of options.measures (default: kl only);
///   f(p):    the one-argument measures (options.measures defaults to entropy only);
///   f(case): every measure of options.measures (default: default_measures(): entropy,
///            cross_entropy, kl, js).
/// For f(p, q) and f(p), cases of other measures and in another base than e are skipped (not
/// graded); binary32 cases are kept: their inputs are floats given as doubles, and the answer is
/// graded in binary32 ulps.
template <class F>
requires case_callable<F> || pair_callable<F> || single_callable<F>
[[nodiscard]] report check(F&& f, options o = {}) {
  if (o.measures.empty()) {
    if constexpr (!case_callable<F> && pair_callable<F>) o.measures = {measure::kl};
    if constexpr (!case_callable<F> && !pair_callable<F>) o.measures = {measure::entropy};
  }
  auto cases = detail::cases_of(o);
  std::vector<answer> answers(cases.size());
  for (std::size_t i = 0; i < cases.size(); ++i) {
    const test_case& c = cases[i];
    answer& a = answers[i];
    if constexpr (!case_callable<F>) {
      const unsigned in = oracle::descriptor_of(c.what).inputs;
      const bool two = in == (oracle::input_p | oracle::input_q);
      // The callable sees neither the base nor parameters: such cases are not for it.
      const bool fits =
          (pair_callable<F> ? two : in == oracle::input_p) && c.base == 0 && c.parameters.empty();
      if (!fits) {
        a.what = answer::kind::unsupported;
        continue;
      }
    }
    try {
      double v;
      if constexpr (case_callable<F>)
        v = static_cast<double>(f(c));
      else if constexpr (pair_callable<F>)
        v = static_cast<double>(f(std::span<const double>(c.p), std::span<const double>(c.q)));
      else
        v = static_cast<double>(f(std::span<const double>(c.p)));
      a.what = answer::kind::value;
      a.value = v;
    } catch (const unsupported& e) {
      a.what = answer::kind::unsupported;
      a.text = e.what();
    } catch (const std::exception& e) {
      a.what = answer::kind::rejected;
      a.text = e.what();
    } catch (...) {
      a.what = answer::kind::thrown;
      a.text = "an exception not derived from std::exception";
    }
  }
  auto refs = references(cases);
  report rep = grade(std::move(cases), std::move(refs), std::move(answers), detail::limits_of(o));
  rep.implementation = "C++ callable";
  rep.seed = o.seed;
  return rep;
}

} // namespace gibbs::conformance

#endif // GIBBS_CONFORMANCE_HPP
