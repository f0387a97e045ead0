// tools/conform/user_cases.hpp: a user's own conformance cases, JSON Lines in the `gibbs eval`
// format (one request a line; blank lines skipped), read by the parser of `gibbs eval` itself
// (tools/cli/eval_line.hpp), so a line means the same here as there. Each line becomes one case
// of the family "user", noted "line N" (or its "id"); the oracle decides whether it is valid.
// Named arrays, batches (2-D arrays) and the reductions sum, mean and batchmean are kept (unless
// the caller's grader cannot pass them on: batches = false), and so is reduction none, whose
// answer is an array (one value per row or element), graded element by element.
//
//   std::string error;
//   auto cases = gibbs::conform::read_user_cases({R"({"measure": "kl", "p": [1], "q": [1]})"},
//   error);
#ifndef GIBBS_TOOLS_CONFORM_USER_CASES_HPP
#define GIBBS_TOOLS_CONFORM_USER_CASES_HPP

#include "eval_line.hpp"

#include "gibbs/conformance/cases.hpp"

#include <cstdio>
#include <string>
#include <vector>

namespace gibbs::conform {

/// The cases of the given lines; on a line that does not parse, error says which and why and
/// the cases read so far are returned. With batches false (a grader that hands an
/// implementation p, q, samples, logits and target only), a line with a 2-D input, a reduction
/// or a named array is refused too, since it would be flattened into one case.
[[nodiscard]] inline std::vector<conformance::test_case>
read_user_cases(const std::vector<std::string>& lines, std::string& error, bool batches = true) {
  std::vector<conformance::test_case> out;
  std::size_t line_no = 0;
  for (std::string line : lines) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    cli::line_request l;
    if (std::string e = cli::parse_request(line, l); !e.empty()) {
      error = "cases line " + std::to_string(line_no) + ": " + e;
      return out;
    }
    if (!batches
        && (l.req.rows != 0 || l.req.reduce != oracle::reduction::automatic
            || !l.req.arrays.empty())) {
      error = "cases line " + std::to_string(line_no)
              + ": a case of conformance is one case of p, q, samples, logits or target (no "
                "2-D input, reduction or named array); give each row on a line of its own";
      return out;
    }
    // Class indices per row of a batch have no key of the eval format; samples are refused by
    // the measures with a class target, so none is lost here.
    conformance::test_case c;
    c.family = "user";
    c.note = l.id_json.empty() ? "line " + std::to_string(line_no) : "id " + l.id_json;
    c.what = l.req.what;
    c.fmt = l.req.fmt;
    c.var = l.req.var;
    c.base = l.req.base;
    c.p = std::move(l.req.p);
    c.q = std::move(l.req.q);
    c.logits = std::move(l.req.logits);
    c.target = std::move(l.req.target);
    c.target_index = l.req.target_index;
    c.samples = std::move(l.req.samples);
    c.parameters = std::move(l.req.parameters);
    c.arrays = std::move(l.req.arrays);
    c.rows = l.req.rows;
    // automatic means mean for an elementwise measure in eval (PyTorch's default), while a
    // case's automatic is the descriptor's sum: say which one the line asked
    c.reduce = l.req.reduce;
    if (c.reduce == oracle::reduction::automatic && oracle::descriptor_of(c.what).elementwise)
      c.reduce = oracle::reduction::mean;
    out.push_back(std::move(c));
  }
  return out;
}

/// The lines of a file; false (and errno set) when it cannot be read.
[[nodiscard]] inline bool read_lines(const std::string& path, std::vector<std::string>& lines) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return false;
  std::string cur;
  int ch;
  while ((ch = std::fgetc(f)) != EOF) {
    if (ch == '\n') {
      lines.push_back(std::move(cur));
      cur.clear();
    } else {
      cur += static_cast<char>(ch);
    }
  }
  const bool ok = !std::ferror(f);
  std::fclose(f);
  if (!cur.empty()) lines.push_back(std::move(cur));
  return ok;
}

} // namespace gibbs::conform

#endif // GIBBS_TOOLS_CONFORM_USER_CASES_HPP
