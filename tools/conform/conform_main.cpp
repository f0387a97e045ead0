// tools/conform/conform_main.cpp: `gibbs conform` — judge another implementation by the oracle.
//
//   gibbs-conform --impl 'python3 examples/peers/numpy_peer.py naive' --report numpy.json
//
// Starts the command (through /bin/sh -c), writes the built-in cases to its stdin as JSON Lines
// (the `gibbs eval` format plus an "id"), reads one answer a line from its stdout
// ({"id": N, "value": x} or {"id": N, "error": "..."}), grades the answers against the oracle and
// prints a summary per case family and measure. Exit status: 0 the implementation passes, 1 it
// fails (too many ulps, a law violated, a number for invalid input, a crash, a hang, garbage),
// 2 the command line is wrong. gibbs_conform_main is what `gibbs conform` dispatches to.
#include "conform_main.hpp"
#include "user_cases.hpp"

#include "gibbs/conformance.hpp"

#include <CLI/CLI.hpp>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <exception>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

namespace {

std::vector<std::string> split_commas(const std::string& s) {
  std::vector<std::string> out;
  std::stringstream in(s);
  std::string item;
  while (std::getline(in, item, ','))
    if (!item.empty()) out.push_back(item);
  return out;
}

const char* const footer = R"(PROTOCOL
  Each case is one line of JSON on the implementation's stdin, in the `gibbs eval` format:
    {"id":0,"measure":"kl","type":"binary64","p":[0.5,0.5],"q":[0.7,0.3]}
  (measure: one of the table's, see --measures; a measure with parameters gets them as keys, such
  as "alpha" for renyi; type binary32 means the inputs are floats and the answer is graded in
  float ulps; numbers are JSON numbers, or strings "nan", "inf", and with --hex hex floats such as
  "0x1.8p-3"). The implementation prints one line
  per case, in order or tagged with the id:
    {"id":0,"value":0.0822828785}   a number, or "inf", "-inf", "nan", or a hex-float string
    {"id":0,"value":[0.25,0.75]}    an array of them, where the answer is one value per row or
                                    element (reduction none; softmax, log_softmax, gradients),
                                    flat row-major or as rows
    {"id":0,"error":"..."}          it rejects the input
    {"id":0,"unsupported":"..."}    it does not offer this measure (not graded)
GRADING
  max ulps / median: error of the answers on valid input, in ulps of the correctly rounded exact
  value (the oracle); digits: fewest correct significant digits; laws: answers that break a law
  of gibbs/property/ over values (per measure below; also between the answers of one pair:
  H(p,q) = H(p) + KL, KL >= 2 TV^2, H^2 <= TV <= sqrt(2) H, KL <= log(1 + chi^2)), or are
  NaN/inf where the exact value is finite, or are arrays of the wrong length (an array answer is
  graded element by element: its worst element counts, and is named); wr-inv: numbers returned for invalid input
  (negative, NaN, inf, length mismatch, not normalised, empty); rej-ok: errors on valid input.
EXIT STATUS
  0 pass, 1 fail, 2 usage error.
)";

} // namespace

int gibbs_conform_main(int argc, char** argv) {
  namespace conf = gibbs::conformance;
  CLI::App app{"gibbs conform: judge an implementation of entropy, cross-entropy, divergences or "
               "distances by the gibbs oracle"};
  std::string per_measure = "MEASURES (laws graded)\n";
  std::string defaults;
  for (const gibbs::oracle::descriptor* d : gibbs::oracle::measures()) {
    per_measure += "  " + std::string(d->name) + ": " + std::string(d->laws_text) + "\n";
    if (d->conformance_default) defaults += (defaults.empty() ? "" : ",") + std::string(d->name);
  }
  app.footer(std::string(footer) + per_measure);
  std::string impl, families_text, measures_text, report_path, cases_path;
  conf::options o;
  bool list = false, print_cases = false, no_id = false, quiet = false;
  app.add_option("--impl", impl, "the implementation: a shell command reading cases on stdin");
  app.add_option("--families", families_text,
                 "comma-separated case families (default: all; see --list)");
  app.add_option("--measures", measures_text,
                 "comma-separated measures (default: " + defaults
                     + "; all: " + gibbs::oracle::measure_names() + ")");
  app.add_option("--cases", cases_path,
                 "your own cases: a JSON Lines file in the `gibbs eval` format (then only these "
                 "are sent, unless --families is given too)");
  app.add_option("--max-ulps", o.max_ulps, "fail beyond this many ulps on valid input")
      ->capture_default_str();
  app.add_option("--law-ulps", o.law_ulps,
                 "tolerance of H(p,q) = H(p) + KL, in eps of H(p,q) + H(p) + 1")
      ->capture_default_str();
  app.add_option("--report", report_path, "write the JSON report to this file");
  app.add_option("--seed", o.seed, "seed of the generated cases")->capture_default_str();
  app.add_option("--timeout", o.timeout_seconds, "seconds before the implementation is killed")
      ->capture_default_str();
  app.add_option("--large-n", o.large_n, "support size of the large_n family")
      ->capture_default_str();
  app.add_flag("--allow-wrong-on-invalid", o.allow_wrong_on_invalid,
               "do not fail for numbers returned on invalid input");
  app.add_flag("--allow-rejected-valid", o.allow_rejected_valid,
               "do not fail for errors on valid input");
  app.add_flag("--hex", o.hex, "send numbers as hex-float strings");
  app.add_flag("--no-id", no_id, "do not add \"id\" to the cases (answers go in order)");
  app.add_flag("--list", list, "list the case families and exit");
  app.add_flag("--print-cases", print_cases, "print the cases (JSON Lines) and exit");
  app.add_flag("-q,--quiet", quiet, "print only the verdict");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int rc = app.exit(e);
    return rc == 0 ? 0 : 2;
  }
  if (list) {
    for (const auto& f : conf::family_names())
      std::printf("%s\n", f.c_str());
    return 0;
  }
  o.families = split_commas(families_text);
  for (const auto& m : split_commas(measures_text)) {
    auto parsed = conf::parse_measure(m);
    if (!parsed) {
      std::fprintf(stderr, "gibbs conform: unknown measure \"%s\"\n", m.c_str());
      return 2;
    }
    o.measures.push_back(*parsed);
  }
  o.send_ids = !no_id;
  if (!cases_path.empty()) {
    std::vector<std::string> lines;
    if (!gibbs::conform::read_lines(cases_path, lines)) {
      std::fprintf(stderr, "gibbs conform: cannot read %s: %s\n", cases_path.c_str(),
                   std::strerror(errno));
      return 2;
    }
    std::string error;
    o.cases = gibbs::conform::read_user_cases(lines, error);
    if (!error.empty()) {
      std::fprintf(stderr, "gibbs conform: %s: %s\n", cases_path.c_str(), error.c_str());
      return 2;
    }
    o.generated = !o.families.empty();
  }
  try {
    if (print_cases) {
      conf::json_options jo;
      jo.with_id = o.send_ids;
      jo.hex = o.hex;
      for (const auto& c : conf::detail::cases_of(o))
        std::printf("%s\n", conf::to_json(c, jo).c_str());
      return 0;
    }
    if (impl.empty()) {
      std::fprintf(stderr, "gibbs conform: --impl COMMAND is required (see --help)\n");
      return 2;
    }
    const conf::report rep = conf::run_command(impl, o);
    if (!quiet) {
      std::printf("implementation: %s\nseed: %llu, cases: %zu, time: %.1f s\n", impl.c_str(),
                  static_cast<unsigned long long>(o.seed), rep.cases.size(), rep.run.seconds);
      std::printf("%s", conf::format_table(rep).c_str());
      const auto worst = conf::worst_cases(rep, 8);
      if (!worst.empty()) std::printf("worst cases:\n");
      for (const auto* g : worst) {
        std::string what = g->a.what == conf::answer::kind::value
                               ? conf::detail::number_text(g->a.value)
                               : std::string(conf::kind_name(g->a.what));
        std::string ref =
            g->ref.valid ? conf::detail::number_text(g->ref.result.value) : std::string("invalid");
        std::string laws;
        for (const auto& l : g->laws)
          laws += (laws.empty() ? " laws: " : ",") + l;
        if (!g->shape_error.empty()) { // an array answer of the wrong length
          std::printf("  #%lld %s %s [%s]: %s\n", static_cast<long long>(g->c->id),
                      g->c->family.c_str(), conf::measure_name(g->c->what), g->c->note.c_str(),
                      g->shape_error.c_str());
          continue;
        }
        const std::string element = g->worst_element >= 0
                                        ? " element " + std::to_string(g->worst_element) + " of "
                                              + std::to_string(g->elements)
                                        : std::string();
        std::printf("  #%lld %s %s [%s]%s: got %s, exact %s%s%s%s\n",
                    static_cast<long long>(g->c->id), g->c->family.c_str(),
                    conf::measure_name(g->c->what), g->c->note.c_str(), element.c_str(),
                    what.c_str(), ref.c_str(),
                    g->graded ? (" (" + conf::detail::ulps_text(g->ulps) + " ulps)").c_str() : "",
                    laws.c_str(), g->wrong_on_invalid ? " (invalid input)" : "");
      }
      if (!rep.run.stderr_tail.empty() && !rep.passed()) {
        std::string tail = rep.run.stderr_tail;
        if (tail.size() > 600) tail = "..." + tail.substr(tail.size() - 600);
        std::printf("stderr (end):\n%s\n", tail.c_str());
      }
    } else {
      std::printf("%s\n", rep.passed() ? "PASS" : "FAIL");
    }
    if (!report_path.empty()) {
      std::ofstream out(report_path);
      out << conf::to_json(rep);
      if (!out) {
        std::fprintf(stderr, "gibbs conform: cannot write %s\n", report_path.c_str());
        return 2;
      }
    }
    return rep.passed() ? 0 : 1;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "gibbs conform: %s\n", e.what());
    return 2;
  }
}
