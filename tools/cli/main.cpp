// tools/cli/main.cpp: the gibbs command-line oracle.
//
//   gibbs eval [FILE]                    JSON Lines in, one JSON object out per line
//   gibbs kl --p 0.5,0.5 --q 0.7,0.3     one evaluation, read from the command line
//
// Exit status: 0 when every evaluation succeeded, 1 when some evaluation failed (an invalid line of
// eval, number or distribution, or an oracle failure), 2 when input could not be read at all (a
// missing file, a read error) or the command line itself is wrong.
#include "eval_line.hpp"
#include "measures.hpp"
#include "number_text.hpp"
#include "vector_file.hpp"

#include "gibbs/error.hpp"
#include "gibbs/oracle.hpp"

#include <CLI/CLI.hpp>

#ifdef GIBBS_HAVE_CONFORM
#include "conform_main.hpp"
#endif

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <exception>
#include <map>
#include <string>
#include <vector>

#ifndef GIBBS_VERSION
#define GIBBS_VERSION "unknown"
#endif

namespace {

using namespace gibbs::cli;
namespace oracle = gibbs::oracle;

constexpr int exit_ok = 0, exit_invalid = 1, exit_unreadable = 2;

const char* const semantics_text = R"(SEMANTICS
  The inputs are taken exactly as the binary numbers they denote: each decimal or hexadecimal
  number is rounded once, to nearest, straight to the chosen type (binary64 by default; binary32,
  binary16 or bfloat16 with --type; never through binary64 on the way to a narrower type). The
  result is rounded once from the exact value, straight to the type. A number too large for
  the type, or not zero but too small to be anything but 0, is an error, not inf or 0.
  The result is the exact real value of the formula on those numbers, rounded once to nearest in
  the chosen type ("value"; "hex" is the same number in hexadecimal).
  lo, hi   numbers of the type with lo <= exact value <= hi: a certified enclosure of the
           exact value; lo == hi == value exactly when the exact value is representable.
  exact    true when value equals the exact value (no rounding happened).
  digits   with --digits N (or "digits": N), N significant decimal digits of the exact value.
  No silent renormalisation: p and q must each sum to 1 within a tolerance, |sum - 1| <= 4 n eps
  of the type, but at least 2^-30 and at most max(2^-10, 4 eps) (n = number of entries); the
  exact value is computed on the numbers as given, so with sum(p) != sum(q) an exact KL may even
  be slightly negative, and is reported as such. For unnormalised input use --variant normalized (divide p
  and q by their sums first) or --variant generalized (add sum(q) - sum(p)), or the measure
  generalized_kl.
  Conventions: 0 log 0 = 0 and 0 log(0/q) = 0, also for q = 0; a p_i > 0 where q_i = 0 gives
  +inf (printed as the string "inf"; -inf in a base below 1, whose logarithm is negative). Negative, NaN or infinite entries, empty or mismatched
  inputs and out-of-range indices are errors that name the argument, the index and the value.
  Units: natural logarithms (nats) unless --base 2 (bits), --base 10 or any base b > 0, b != 1.
EXIT STATUS
  0 every evaluation succeeded; 1 some input was invalid (for eval: some line; the other lines
  are still answered); 2 input could not be read at all (missing file, read error) or the
  command line is wrong.)";

/// The help text of `gibbs eval`; the measures, their inputs and parameters come from the table.
std::string eval_text() {
  std::string measures, params, arrays;
  for (const measure_info* m : gibbs::oracle::measures()) {
    measures += (measures.empty() ? "" : ", ") + std::string(m->name);
    for (const auto& p : m->parameters)
      params += "\"" + std::string(p.name) + "\" (" + std::string(m->name) + ": "
                + std::string(p.rule) + "), ";
    for (const auto& a : m->arrays)
      arrays += "\"" + std::string(a.name) + "\" (" + std::string(m->name) + ": "
                + std::string(a.help) + (a.required ? "" : ", optional") + "), ";
  }
  if (!arrays.empty()) arrays = "the named arrays of that measure: " + arrays;
  return R"(Reads JSON Lines from FILE (or standard input) and writes one JSON object per
non-blank input line, in order. Each line is an object such as
  {"measure": "kl", "p": [0.5, 0.5], "q": ["0x1.6666666666666p-1", 0.3], "digits": 20}
Keys: "measure" ()"
         + measures + R"(); the inputs of that measure and no other: "p", "q" (arrays of
numbers), "samples" (array of integer indices, for nll and perplexity, with "q"), "logits" and
"target" (an integer class index or an array of probabilities, for logits_cross_entropy); the
parameters of that measure: )"
         + params + arrays
         + R"(optional "type" ("binary64", "binary32", "binary16" or "bfloat16"), "variant" ("exact",
"normalized", "generalized"), "base" ("e", 2, 10 or any number b > 0, b != 1), "digits" (0 to
10000), "reduction" ("none", "sum", "mean", "batchmean": how the rows of a batch, or the terms of
an elementwise measure, combine; default mean for elementwise measures, else none), "id" (an
integer or a string, echoed as the first key of the answer). An array of rows of equal length
(2-D) is a batch of that many cases; a 1-D input is then the same for every row. A number is a JSON
number or a string holding a decimal or a hexadecimal float ("0x1.8p-3"); "inf" and "nan" are
rejected. Unknown or repeated keys are errors. Output, for the line above:
  {"value":0.08717669357238893,"hex":"0x1.6513637dde82bp-4","lo":"0x1.6513637dde82ap-4",
   "hi":"0x1.6513637dde82bp-4","exact":false,"digits":"8.7176693572388926575e-02"}
(digits only when asked for), or {"error": "line N: ..."} naming the key, index and value. With
reduction none a batch, or an elementwise measure, is answered by arrays "value", "hex", "lo",
"hi", "exact" of one entry per row, or per element (of the input's shape). Blank
lines are skipped; lines over 64 MiB, lines with NUL bytes and bytes that are not UTF-8 inside
strings are answered with an error like any invalid line.)";
}

/// One evaluation's options in the shell form (only one subcommand runs, so they are shared).
struct shell_options {
  std::string p, q, samples, logits, target;
  std::string p_file, q_file, samples_file, logits_file, target_file;
  std::string type = "binary64", variant = "exact", base = "e";
  int digits = 0;
  bool json = false;
  std::map<std::string, std::string, std::less<>> parameters; ///< --alpha and the like, as given
  /// The named arrays of the measures (--input and --input-file), as given.
  std::map<std::string, std::pair<std::string, std::string>, std::less<>> arrays;
  std::string reduction; ///< --reduction, or empty for the measure's default
};

/// Reads the lines of `in` and answers each on stdout. Returns the exit status.
int run_eval(std::FILE* in, const std::string& name) {
  bool any_invalid = false;
  std::size_t line_no = 0;
  std::string line;
  bool too_long = false;
  std::vector<char> buf(std::size_t{1} << 16);
  const auto answer = [&] {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    std::string out;
    bool failed = true;
    if (too_long) {
      out = error_json("line " + std::to_string(line_no) + ": the line is longer than "
                       + std::to_string(max_line_bytes)
                       + " bytes; use the shell form with --p-file/--q-file for large vectors");
    } else if (line.find_first_not_of(" \t") == std::string::npos) {
      line.clear();
      return; // blank
    } else {
      out = eval_line(line, line_no, &failed);
    }
    any_invalid = any_invalid || failed;
    out += '\n';
    std::fwrite(out.data(), 1, out.size(), stdout);
    std::fflush(stdout);
    line.clear();
    too_long = false;
  };
  // read(2), not fread: it returns whatever has arrived, so a line is answered as soon as it
  // is complete even while the writer keeps the input open (fread would wait for 64 KiB).
  const int fd = ::fileno(in);
  int read_errno = 0;
  for (;;) {
    const ssize_t got = ::read(fd, buf.data(), buf.size());
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) read_errno = errno;
    if (got <= 0) break;
    const auto n = static_cast<std::size_t>(got);
    const char* p = buf.data();
    const char* end = p + n;
    while (p < end) {
      const char* nl =
          static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(end - p)));
      const char* stop = nl ? nl : end;
      if (!too_long) {
        if (line.size() + static_cast<std::size_t>(stop - p) > max_line_bytes) {
          too_long = true;
          line.clear();
          line.shrink_to_fit();
        } else {
          line.append(p, stop);
        }
      }
      if (!nl) break;
      answer();
      p = nl + 1;
    }
  }
  if (read_errno != 0) {
    std::fprintf(stderr, "gibbs eval: cannot read %s: %s\n", name.c_str(),
                 std::strerror(read_errno));
    return exit_unreadable;
  }
  if (!line.empty() || too_long) answer(); // a last line without a newline
  return any_invalid ? exit_invalid : exit_ok;
}

/// The vectors of --X or --X-file (exactly one is given): one, or the rows of a 2-D .npy file.
real_rows real_input(const std::string& name, const std::string& text, const std::string& file,
                     oracle::format fmt) {
  if (!file.empty()) return read_real_file(file, fmt);
  real_rows r;
  r.values = parse_real_list(text, "--" + name, fmt);
  r.cols = r.values.size();
  return r;
}

std::string human_result(const measure_info& m, const oracle::request& req,
                         const oracle::result& r) {
  const std::string type(oracle::traits(req.fmt).name);
  std::string value = shortest(r.value, req.fmt);
  const std::string unit = unit_of(m, req.base);
  std::string s = std::string(m.name) + " = " + value + (unit.empty() ? "" : " " + unit) + '\n';
  s += "  hex        " + hex(r.value, req.fmt) + '\n';
  const std::string lo = hex(r.lo, req.fmt);
  const std::string hi = hex(r.hi, req.fmt);
  s += "  enclosure  [" + lo + ", " + hi + "]  (lo <= exact value <= hi)\n";
  s += std::string("  rounding   ")
       + (r.exact ? "none: the value is exact\n"
                  : "the exact value rounded to the nearest " + std::string(type) + '\n');
  if (req.digits > 0) s += "  digits     " + r.digits + '\n';
  return s;
}

int run_shell(const measure_info& m, const shell_options& o) {
  const auto fail = [&](const std::string& message, int status) {
    if (o.json)
      std::printf("%s\n", error_json(message).c_str());
    else
      std::fprintf(stderr, "gibbs %s: %s\n", std::string(m.name).c_str(), message.c_str());
    return status;
  };
  oracle::request req;
  req.what = m.id;
  if (!parse_format(o.type, req.fmt))
    return fail("--type " + excerpt(o.type)
                    + " is unknown; use binary64, binary32, binary16 or bfloat16",
                exit_unreadable);
  if (!parse_variant(o.variant, req.var))
    return fail("--variant " + excerpt(o.variant)
                    + " is unknown; use exact, normalized or generalized",
                exit_unreadable);
  if (o.base != "e") {
    double b = 0;
    if (parse_real(o.base, b) != number_problem::none)
      return fail("--base " + excerpt(o.base)
                      + " is not a number (use e, 2, 10 or any b > 0, b != 1)",
                  exit_unreadable);
    if (std::string e = check_base(b); !e.empty()) return fail(e, exit_unreadable);
    req.base = b;
  }
  if (o.digits < 0 || o.digits > max_digits)
    return fail("--digits " + std::to_string(o.digits) + " is out of range (0 to "
                    + std::to_string(max_digits) + ")",
                exit_unreadable);
  req.digits = o.digits;
  if (!o.reduction.empty() && !parse_reduction(o.reduction, req.reduce))
    return fail("--reduction " + excerpt(o.reduction)
                    + " is unknown; use none, sum, mean or batchmean",
                exit_unreadable);
  for (const auto& p : m.parameters) {
    const std::string name(p.name);
    const auto it = o.parameters.find(p.name);
    if ((it == o.parameters.end() || it->second.empty()) && !p.required) continue;
    if (it == o.parameters.end() || it->second.empty())
      return fail("give --" + name + " (" + std::string(p.rule) + ")", exit_unreadable);
    double v = 0;
    if (const number_problem pr = parse_real(it->second, v); pr != number_problem::none)
      return fail("--" + name + " " + excerpt(it->second) + ' ' + explain<double>(pr) + " ("
                      + std::string(p.rule) + ")",
                  exit_unreadable);
    req.parameters[name] = v;
  }

  // Exactly one of --X and --X-file for each input the measure takes.
  const std::pair<const std::string*, const std::string*> given[] = {
      {&o.p, &o.p_file},           {&o.q, &o.q_file},           {&o.samples, &o.samples_file},
      {&o.logits, &o.logits_file}, {&o.target, &o.target_file},
  };
  for (std::size_t i = 0; i < input_names.size(); ++i) {
    if (!(m.inputs & (1u << i))) continue;
    const std::string n(input_names[i]);
    const bool text = !given[i].first->empty(), file = !given[i].second->empty();
    if (text == file)
      return fail(std::string(text ? "give only one of" : "give one of") + " --" + n + " and --" + n
                      + "-file (" + std::string(m.name) + " takes " + describe_inputs(m.inputs)
                      + ")",
                  exit_unreadable);
  }

  for (const oracle::array_input& a : m.arrays) {
    const auto it = o.arrays.find(a.name);
    const bool given_any =
        it != o.arrays.end() && !(it->second.first.empty() && it->second.second.empty());
    if (a.required && !given_any)
      return fail("give --" + std::string(a.name) + " or --" + std::string(a.name) + "-file ("
                      + std::string(a.help) + ")",
                  exit_unreadable);
  }

  // The inputs; a 2-D .npy file makes a batch (one evaluation per row; 1-D inputs are shared).
  real_rows p, q, logits, target;
  std::map<std::string, real_rows, std::less<>> arrays; // the named arrays given
  index_rows samples;
  index_rows classes;        // a .npy of integers for --target-file: one class index per row
  bool class_target = false; // --target K: one class index for every row
  std::size_t rows = 1;
  bool batched = false;
  std::string batch_owner;
  try {
    const auto take_rows = [&](std::size_t n, bool is_batch, const std::string& file) {
      if (!is_batch) return;
      if (batched && n != rows)
        throw vector_error(file + " has " + std::to_string(n) + " rows but " + batch_owner + " has "
                           + std::to_string(rows) + " rows");
      batched = true;
      rows = n;
      batch_owner = file;
    };
    if (m.inputs & input_p) {
      p = real_input("p", o.p, o.p_file, req.fmt);
      take_rows(p.rows, p.batched, o.p_file);
    }
    if (m.inputs & input_q) {
      q = real_input("q", o.q, o.q_file, req.fmt);
      take_rows(q.rows, q.batched, o.q_file);
    }
    if (m.inputs & input_logits) {
      logits = real_input("logits", o.logits, o.logits_file, req.fmt);
      take_rows(logits.rows, logits.batched, o.logits_file);
    }
    if (m.inputs & input_samples) {
      if (o.samples_file.empty()) {
        samples.values = parse_index_list(o.samples, "--samples");
        samples.cols = samples.values.size();
      } else {
        samples = read_index_file(o.samples_file);
      }
      take_rows(samples.rows, samples.batched, o.samples_file);
    }
    if (m.inputs & input_target) {
      std::int64_t k = 0;
      const std::string_view digits = o.target.empty() || o.target[0] != '-'
                                          ? std::string_view(o.target)
                                          : std::string_view(o.target).substr(1);
      // A single integer is a class index (a negative one is ignore_index's, or an error); a .npy
      // file of integers is one class index per row of the logits; anything else is a
      // distribution.
      if (o.target_file.empty() && m.class_targets && !digits.empty()
          && digits.find_first_not_of("0123456789") == std::string::npos
          && parse_int(o.target, k) == number_problem::none) {
        req.target_index = k;
        class_target = true;
      } else if (!o.target_file.empty()) {
        target_rows t = read_target_file(o.target_file, req.fmt);
        if (t.classes && !m.class_targets)
          throw vector_error(o.target_file + " holds integers; the target of " + std::string(m.name)
                             + " is an array of probabilities: save it as float64 (or the "
                               "--type's format)");
        if (t.classes) {
          classes = std::move(*t.classes);
          if (classes.batched)
            throw vector_error(o.target_file
                               + " is a 2-D array of integers; give one class index "
                                 "per row of the logits (1-D), or a float array for "
                                 "a distribution target");
          if (!batched)
            throw vector_error(o.target_file
                               + " holds class indices (integers) but the logits "
                                 "are one case (1-D); give --target K for one "
                                 "class, or a 2-D logits file with one row per "
                                 "index");
          if (classes.cols != rows)
            throw vector_error(o.target_file + " holds " + std::to_string(classes.cols)
                               + " class indices but " + batch_owner + " has "
                               + std::to_string(rows) + " rows");
        } else {
          target = std::move(t.reals);
          take_rows(target.rows, target.batched, o.target_file);
        }
      } else {
        target = real_input("target", o.target, "", req.fmt); // text: one row
      }
    }
    for (const oracle::array_input& a : m.arrays) {
      const auto& [text, file] = o.arrays.at(std::string(a.name));
      if (text.empty() && file.empty()) continue; // an optional array, absent
      real_rows& x = arrays[std::string(a.name)];
      x = real_input(std::string(a.name), text, file, req.fmt);
      take_rows(x.rows, x.batched, file);
    }
  } catch (const unreadable_file& e) {
    return fail(e.what(), exit_unreadable);
  } catch (const vector_error& e) {
    return fail(e.what(), exit_invalid);
  }

  // Row r as an oracle question; the arrays are borrowed, never copied.
  const auto view_of_row = [&](std::size_t r) {
    oracle::detail::view v = oracle::detail::view_of(req);
    if (m.inputs & input_p) v.p = p.row(r);
    if (m.inputs & input_q) v.q = q.row(r);
    if (m.inputs & input_logits) v.logits = logits.row(r);
    if (m.inputs & input_samples) v.samples = samples.row(r);
    if (!classes.values.empty())
      v.target_index = classes.values[r];
    else if ((m.inputs & input_target) && !class_target)
      v.target = target.row(r);
    for (const auto& [name, x] : arrays)
      v.arrays.emplace(name, x.row(r));
    return v;
  };
  // One evaluation: the result, or the message of what is wrong.
  const auto evaluate_row = [&](std::size_t r, oracle::result& res) -> std::string {
    try {
      res = oracle::detail::evaluate_view(view_of_row(r));
      return {};
    } catch (const gibbs::invalid_input& e) {
      return e.what();
    } catch (const oracle::undecided& e) {
      return std::string("the oracle could not decide the rounding: ") + e.what();
    } catch (const std::invalid_argument& e) { // a request the measure does not take
      return e.what();
    } catch (const std::logic_error& e) { // not std::bad_alloc: that one is not about this input
      return std::string("internal error: ") + e.what();
    }
  };

  if (reduces(m, req.reduce) || per_element(m)) {
    // One request for the whole batch (rows of 1-D inputs repeated), answered as one value or,
    // for reduction none of an elementwise or vector-valued measure, one per element.
    if (batched) req.rows = static_cast<std::int64_t>(rows);
    const auto all = [&](const real_rows& x, std::vector<double>& dst) {
      for (std::size_t r = 0; r < (batched ? rows : 1); ++r) {
        const auto row = x.row(r);
        dst.insert(dst.end(), row.begin(), row.end());
      }
    };
    if (m.inputs & input_p) all(p, req.p);
    if (m.inputs & input_q) all(q, req.q);
    if (m.inputs & input_logits) all(logits, req.logits);
    if (!classes.values.empty())
      req.samples = classes.values; // a batch's class targets, one per row (oracle/api.hpp)
    else if ((m.inputs & input_target) && !class_target)
      all(target, req.target);
    if (m.inputs & input_samples)
      for (std::size_t r = 0; r < (batched ? rows : 1); ++r) {
        const auto row = samples.row(r);
        req.samples.insert(req.samples.end(), row.begin(), row.end());
      }
    for (const auto& [name, x] : arrays)
      all(x, req.arrays[name]);
    answer a;
    try {
      a = evaluate_answer(req, m);
    } catch (const gibbs::invalid_input& e) {
      return fail(e.what(), exit_invalid);
    } catch (const oracle::undecided& e) {
      return fail(std::string("the oracle could not decide the rounding: ") + e.what(),
                  exit_invalid);
    } catch (const std::invalid_argument& e) {
      return fail(e.what(), exit_invalid);
    }
    std::string out;
    if (o.json)
      out = answer_json(a, req.fmt, req.digits > 0) + '\n';
    else if (!a.many)
      out = human_result(m, req, a.one);
    else
      for (std::size_t i = 0; i < a.each.size(); ++i) {
        const oracle::result& r = a.each[i];
        const std::string at =
            a.rows ? '[' + std::to_string(i / a.cols) + "][" + std::to_string(i % a.cols) + ']'
                   : '[' + std::to_string(i) + ']';
        out += std::string(m.name) + at + " = " + shortest(r.value, req.fmt) + "  ["
               + hex(r.lo, req.fmt) + ", " + hex(r.hi, req.fmt) + "]" + (r.exact ? "  exact" : "")
               + (req.digits > 0 ? "  " + r.digits : "") + '\n';
      }
    std::fwrite(out.data(), 1, out.size(), stdout);
    return exit_ok;
  }

  if (!batched) {
    oracle::result r;
    if (std::string e = evaluate_row(0, r); !e.empty()) return fail(e, exit_invalid);
    const std::string out =
        o.json ? result_json(r, req.fmt, req.digits > 0) + '\n' : human_result(m, req, r);
    std::fwrite(out.data(), 1, out.size(), stdout);
    return exit_ok;
  }
  // A batch: JSON Lines, {"row": r, ...} per row, in order; an invalid row does not stop the rest.
  bool any_invalid = false;
  std::string out;
  for (std::size_t r = 0; r < rows; ++r) {
    oracle::result res;
    const std::string row = std::to_string(r);
    if (std::string e = evaluate_row(r, res); !e.empty()) {
      any_invalid = true;
      out += "{\"row\":" + row + ',' + error_json("row " + row + ": " + e).substr(1);
    } else {
      out += "{\"row\":" + row + ',' + result_json(res, req.fmt, req.digits > 0).substr(1);
    }
    out += '\n';
    if (out.size() >= (std::size_t{1} << 16)) {
      std::fwrite(out.data(), 1, out.size(), stdout);
      out.clear();
    }
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
  return any_invalid ? exit_invalid : exit_ok;
}

void add_common_options(CLI::App& sub, shell_options& o, const measure_info& m) {
  sub.add_option("--type", o.type,
                 "binary64 (default), binary32, binary16 or bfloat16: the type of the inputs and "
                 "of the rounded result");
  if (m.variants != oracle::exact_only)
    sub.add_option("--variant", o.variant,
                   m.accepts(oracle::variant::generalized)
                       ? "exact (default), normalized (divide by the sums first) or generalized "
                         "(add sum(q) - sum(p))"
                       : "exact (default) or normalized (divide by the sums first)");
  if (m.base != oracle::base_rule::rejected)
    sub.add_option("--base", o.base, "logarithm base: e (default), 2, 10 or any b > 0, b != 1");
  sub.add_option("--digits", o.digits,
                 "also print N significant digits of the exact value "
                 "(0 to 10000)");
  sub.add_flag("--json", o.json, "print the JSON object of `gibbs eval` instead of text");
}

void add_vector_option(CLI::App& sub, const std::string& name, std::string& text, std::string& file,
                       const std::string& what) {
  auto* t = sub.add_option("--" + name, text,
                           what + ", comma-separated (write --" + name
                               + "=-1,2 when it starts with a minus sign)");
  auto* f =
      sub.add_option("--" + name + "-file", file,
                     what
                         + " from a file: numbers separated by commas, spaces or "
                           "newlines, or a NumPy .npy little-endian array: 1-D, or 2-D for one "
                           "result per row (JSON Lines with \"row\")"
                         + (name == "target" ? "; a 1-D .npy of integers is one class index per "
                                               "row of 2-D logits"
                                             : ""));
  t->excludes(f);
}

} // namespace

int main(int argc, char** argv) {
#ifdef GIBBS_HAVE_CONFORM
  // `gibbs conform ...` is the conformance runner (tools/conform), with its own options.
  if (argc > 1 && std::string_view(argv[1]) == "conform")
    return gibbs_conform_main(argc - 1, argv + 1);
#endif
  CLI::App app{"gibbs " GIBBS_VERSION
               ": the exact value of entropy, cross-entropy, divergences and distances of "
               "distributions on the given numbers, rounded once, with a certified enclosure."};
  app.set_version_flag("--version", "gibbs " GIBBS_VERSION);
  app.require_subcommand(1);
  app.footer(std::string(semantics_text) + "\nRun `gibbs <command> --help` for one command."
#ifdef GIBBS_HAVE_CONFORM
             + "\n`gibbs conform --help`: judge another implementation by the oracle."
#endif
             + "\n");

  std::string eval_file;
  auto* eval = app.add_subcommand("eval", "Evaluate JSON Lines from FILE or standard input");
  eval->add_option("FILE", eval_file,
                   "a JSON Lines file (default: standard input; - also means it)");
  eval->footer(eval_text() + "\n\n" + semantics_text);

  shell_options o;
  std::map<CLI::App*, const measure_info*> shell;
  for (const measure_info* m : gibbs::oracle::measures()) {
    auto* sub = app.add_subcommand(std::string(m->name), std::string(m->formula));
    std::string* text[] = {&o.p, &o.q, &o.samples, &o.logits, &o.target};
    std::string* file[] = {&o.p_file, &o.q_file, &o.samples_file, &o.logits_file, &o.target_file};
    for (std::size_t i = 0; i < input_names.size(); ++i) {
      if (!(m->inputs & (1u << i))) continue;
      std::string role(m->roles[i]);
      if ((1u << i) == input_samples) role += " (a .npy file holds integers)";
      add_vector_option(*sub, std::string(input_names[i]), *text[i], *file[i], role);
    }
    for (const auto& p : m->parameters)
      sub->add_option("--" + std::string(p.name), o.parameters[std::string(p.name)],
                      std::string(p.help) + " (" + std::string(p.rule) + ")");
    for (const oracle::array_input& a : m->arrays) {
      auto& [text, file] = o.arrays[std::string(a.name)];
      add_vector_option(*sub, std::string(a.name), text, file,
                        std::string(a.help) + (a.required ? "" : " (optional)"));
    }
    sub->add_option("--reduction", o.reduction,
                    std::string("none, sum, mean or batchmean: how the rows of a batch")
                        + (m->elementwise ? " and the terms of the elements combine (default: "
                                            "mean; none: one result per element)"
                           : m->gradient_reduction && m->element_mean
                               ? " (the loss's reduction: mean, the default, divides the "
                                 "gradient by the number of elements; one result per element)"
                           : m->gradient_reduction
                               ? " (the loss's reduction: mean, the default, divides the "
                                 "gradient by the number of rows; one result per element)"
                           : m->vector_valued ? " (none only: one result per element)"
                                              : " combine (default: none, one result per row)"));
    add_common_options(*sub, o, *m);
    sub->footer("Computes " + std::string(m->formula) + ".\n\n" + semantics_text);
    shell[sub] = m;
  }

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int status = app.exit(e);
    return status == 0 ? exit_ok : exit_unreadable;
  }

  try {
    if (eval->parsed()) {
      if (eval_file.empty() || eval_file == "-") return run_eval(stdin, "standard input");
      std::FILE* f = std::fopen(eval_file.c_str(), "rb");
      if (!f) {
        std::fprintf(stderr, "gibbs eval: cannot open %s: %s\n", eval_file.c_str(),
                     std::strerror(errno));
        return exit_unreadable;
      }
      const int status = run_eval(f, eval_file);
      std::fclose(f);
      return status;
    }
    for (const auto& [sub, m] : shell)
      if (sub->parsed()) return run_shell(*m, o);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "gibbs: %s\n", e.what());
    return exit_unreadable;
  }
  return exit_unreadable;
}
