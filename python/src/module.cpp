// python/src/module.cpp: gibbs._gibbs, the extension module behind the gibbs Python package.
//
// It knows nothing of particular measures: the functions gibbs.kl, gibbs.entropy, ... are made by
// gibbs/__init__.py from measures(), which lists the command line's measure table
// (tools/cli/measures.hpp) with each measure's inputs. compute() evaluates one measure on arrays
// prepared by gibbs/_inputs.py (C-contiguous, 1-D or 2-D, dtype float64, float32, float16, the
// raw bits of bfloat16, or int64 for indices): a 2-D input is one request per row, and the rows
// are spread over std::threads with the GIL released. Each row's result is the oracle's, which
// does not depend on the thread that computed it. evaluate_line() is `gibbs eval` on one line
// (the same parser, tools/cli/eval_line.hpp, so the same messages); conform() is
// gibbs::conformance::check on a Python callable.
#include "eval_line.hpp"
#include "measures.hpp"
#include "user_cases.hpp"

#include "gibbs/conformance.hpp"
#include "gibbs/error.hpp"
#include "gibbs/oracle.hpp"

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <mpfr.h>

#include <algorithm>
#include <atomic>
#include <bit>
#include <cctype>
#include <charconv>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace py = pybind11;
namespace cli = gibbs::cli;
namespace oracle = gibbs::oracle;
namespace conf = gibbs::conformance;

namespace {

/// Invalid input, with gibbs' message; becomes gibbs.InvalidInput (a ValueError).
struct invalid : std::invalid_argument {
  using std::invalid_argument::invalid_argument;
  std::string argument;
  std::optional<std::size_t> index, row;
  std::optional<double> value;
};

/// Whether `name` is an argument of some measure (an input, a named array, a parameter) or an
/// option of compute(): the words a message may name as its argument.
bool names_an_argument(std::string_view name) {
  static constexpr std::string_view options[] = {"type",    "variant",   "base",   "digits",
                                                 "threads", "reduction", "measure"};
  if (std::find(std::begin(options), std::end(options), name) != std::end(options)) return true;
  if (std::find(cli::input_names.begin(), cli::input_names.end(), name) != cli::input_names.end())
    return true;
  for (const oracle::descriptor* m : oracle::measures()) {
    for (const oracle::parameter& p : m->parameters)
      if (p.name == name) return true;
    for (const oracle::array_input& a : m->arrays)
      if (a.name == name) return true;
  }
  return false;
}

/// Fills in the argument, index and value of an error that carries only its message, from the
/// form every message of gibbs has: "row R: " for a batch, "gibbs::FUNCTION: ", then "NAME",
/// "NAME[INDEX]" or "sum(NAME)", then " = VALUE" where there is one ("gibbs::logits_cross_entropy:
/// label_smoothing = 1.5 is outside ..."), or the key a message about the request's keys quotes
/// (argument only: 'unknown key "alfa"'). A message whose first word is not an argument's name
/// ("the batch has no rows") leaves the fields empty; so does a value that is not a number
/// (base = "e2").
void read_fields(invalid& e) {
  if (!e.argument.empty()) return;
  std::string_view s = e.what();
  auto skip_prefix = [&s](std::string_view head) {
    if (s.substr(0, head.size()) != head) return;
    if (const auto colon = s.find(": "); colon != std::string_view::npos)
      s.remove_prefix(colon + 2);
  };
  skip_prefix("row ");
  skip_prefix("gibbs::");
  // a request's keys: 'unknown key "K" (...)', 'key "K" appears twice', 'missing key "K"',
  // 'measure M needs key "K" (...)' name K
  std::size_t key = std::string_view::npos; // where K begins
  for (const std::string_view lead : {"unknown key \"", "key \"", "missing key \""})
    if (s.substr(0, lead.size()) == lead) key = lead.size();
  constexpr std::string_view needs = " needs key \"";
  if (s.substr(0, 8) == "measure ")
    if (const auto k = s.find(needs); k != std::string_view::npos) key = k + needs.size();
  if (key != std::string_view::npos) {
    if (const auto end = s.find('"', key); end != std::string_view::npos && end > key)
      e.argument = s.substr(key, end - key);
    return;
  }
  const bool sum = s.substr(0, 4) == "sum(";
  if (sum) s.remove_prefix(4);
  std::size_t n = 0;
  while (n < s.size() && (std::isalnum(static_cast<unsigned char>(s[n])) || s[n] == '_'))
    ++n;
  const std::string_view name = s.substr(0, n);
  if (n == 0 || !names_an_argument(name)) return;
  s.remove_prefix(n);
  if (sum) {
    if (s.empty() || s[0] != ')') return;
    s.remove_prefix(1);
  }
  std::optional<std::size_t> index;
  if (!sum && !s.empty() && s[0] == '[') {
    std::size_t i = 0;
    const auto [end, ec] = std::from_chars(s.data() + 1, s.data() + s.size(), i);
    if (ec != std::errc() || end == s.data() + s.size() || *end != ']') return;
    index = i;
    s.remove_prefix(static_cast<std::size_t>(end - s.data()) + 1);
  }
  // the name is the subject of the sentence ("q has 2 rows", "base = ...", "type \"x\" is"), not
  // a word inside it ("measure kl needs key \"q\"")
  constexpr std::string_view verbs[] = {" = ", " is ", " has ", " holds ", " must ", " \""};
  if (std::none_of(std::begin(verbs), std::end(verbs),
                   [s](std::string_view v) { return s.substr(0, v.size()) == v; }))
    return;
  e.argument = name;
  e.index = index;
  if (s.substr(0, 3) == " = ") {
    const std::string text(s.substr(3, s.find(' ', 3) - 3));
    char* end = nullptr;
    const double v = std::strtod(text.c_str(), &end);
    if (!text.empty() && end == text.c_str() + text.size()) e.value = v;
  }
}

/// gibbs::invalid_input's fields as InvalidInput's: the index where the error names an element
/// ("q[2] = ..."; a length, a sum, a parameter or a class target out of range has none), the
/// value where the request gave one (an unknown key or a shape has none).
invalid from_library(const gibbs::invalid_input& e) {
  invalid x(e.what());
  x.argument = e.argument();
  if (e.has_index()) x.index = e.index();
  if (e.has_value()) x.value = e.value();
  return x;
}

/// How the elements of an input are stored.
enum class storage { f64, f32, f16, bf16, i64 };

/// One input as gibbs/_inputs.py hands it over: a C-contiguous array of rows x cols elements.
struct input {
  std::string name; ///< "p", "q", "samples", "logits", "target"
  storage kind = storage::f64;
  const char* data = nullptr;
  std::size_t rows = 1, cols = 0;
  bool batched = false; ///< 2-D: one row per request
  bool scalar = false;  ///< a 0-D index (a class target)
};

std::string_view dtype_name(storage s) {
  switch (s) {
  case storage::f64:
    return "float64";
  case storage::f32:
    return "float32";
  case storage::f16:
    return "float16";
  case storage::bf16:
    return "bfloat16";
  case storage::i64:
    return "int64";
  }
  return "?";
}

/// The binary16 number with these bits, as a double (exact).
double from_half(std::uint16_t h) {
  const int e = (h >> 10) & 0x1f;
  const int m = h & 0x3ff;
  double v;
  if (e == 0)
    v = std::ldexp(static_cast<double>(m), -24);
  else if (e == 31)
    v = m == 0 ? std::numeric_limits<double>::infinity() : std::numeric_limits<double>::quiet_NaN();
  else
    v = std::ldexp(static_cast<double>(m + 1024), e - 25);
  return (h & 0x8000) ? -v : v;
}

/// The bfloat16 number with these bits, as a double (exact: bfloat16 is binary32's top half).
double from_bfloat16(std::uint16_t b) {
  return static_cast<double>(std::bit_cast<float>(static_cast<std::uint32_t>(b) << 16));
}

/// Row r of a real input as doubles: the memory itself for float64, else widened into buf.
std::span<const double> real_row(const input& in, std::size_t r, std::vector<double>& buf) {
  const std::size_t row = in.batched ? r : 0;
  const std::size_t n = in.cols;
  switch (in.kind) {
  case storage::f64:
    return {reinterpret_cast<const double*>(in.data) + row * n, n};
  case storage::f32: {
    const auto* x = reinterpret_cast<const float*>(in.data) + row * n;
    buf.assign(x, x + n);
    return buf;
  }
  case storage::f16:
  case storage::bf16: {
    const auto* x = reinterpret_cast<const std::uint16_t*>(in.data) + row * n;
    buf.resize(n);
    for (std::size_t i = 0; i < n; ++i)
      buf[i] = in.kind == storage::f16 ? from_half(x[i]) : from_bfloat16(x[i]);
    return buf;
  }
  case storage::i64: {
    const auto* x = reinterpret_cast<const std::int64_t*>(in.data) + row * n;
    buf.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
      buf[i] = static_cast<double>(x[i]);
      if (static_cast<std::int64_t>(buf[i]) != x[i] || x[i] == INT64_MAX) {
        invalid e(in.name + '[' + std::to_string(i) + "] = " + std::to_string(x[i])
                  + " is an integer that no binary64 number equals; pass floating-point data");
        e.argument = in.name;
        e.index = i;
        throw e;
      }
    }
    return buf;
  }
  }
  return {};
}

/// The error of one row, kept until every row has run.
struct row_error {
  bool set = false;
  std::string message, argument;
  std::optional<std::size_t> index;
  std::optional<double> value;
  bool undecided = false;
};

/// What compute() returns: one entry per row.
struct results {
  std::vector<double> value, lo, hi;
  std::vector<std::uint8_t> exact;
  std::vector<std::string> digits;
};

/// The format the inputs ask for (their dtype) or `type` says.
oracle::format pick_format(const std::vector<input>& ins, const std::optional<std::string>& type) {
  if (type) {
    oracle::format f{};
    if (!cli::parse_format(*type, f))
      throw invalid("type = \"" + cli::excerpt(*type)
                    + "\" is unknown; use \"binary64\", \"binary32\", \"binary16\" or "
                      "\"bfloat16\"");
    return f;
  }
  const input* first = nullptr;
  for (const auto& in : ins) {
    if (in.kind == storage::i64 || in.name == "samples") continue;
    if (!first) {
      first = &in;
    } else if (in.kind != first->kind) {
      throw invalid(first->name + " is " + std::string(dtype_name(first->kind)) + " but " + in.name
                    + " is " + std::string(dtype_name(in.kind))
                    + "; give the inputs in one dtype, or choose the format with type=");
    }
  }
  switch (first ? first->kind : storage::f64) {
  case storage::f32:
    return oracle::format::binary32;
  case storage::f16:
    return oracle::format::binary16;
  case storage::bf16:
    return oracle::format::bfloat16;
  default:
    return oracle::format::binary64;
  }
}

/// The binary16 bits of x, a binary16 number (finite or infinite), for a NumPy float16 array.
std::uint16_t to_half_bits(double x) {
  return static_cast<gibbs::binary16>(x).bits();
}

/// Evaluates rows [0, rows) of a measure, spread over `threads` threads (0: one per core).
results run_rows(const cli::measure_info& m, const std::vector<input>& ins, oracle::format fmt,
                 oracle::variant var, double base, int digits,
                 const std::map<std::string, double, std::less<>>& parameters, std::size_t rows,
                 std::size_t threads, bool batched) {
  results out;
  out.value.resize(rows);
  out.lo.resize(rows);
  out.hi.resize(rows);
  out.exact.resize(rows);
  if (digits > 0) out.digits.resize(rows);
  std::vector<row_error> errors(rows);
  std::atomic<std::size_t> next{0};

  const auto find = [&](std::string_view name) -> const input* {
    for (const auto& in : ins)
      if (in.name == name) return &in;
    return nullptr;
  };
  const input* p = find("p");
  const input* q = find("q");
  const input* logits = find("logits");
  const input* target = find("target");
  const input* samples = find("samples");
  std::vector<const input*> named; // the measure's named arrays
  for (const auto& in : ins)
    if (cli::find_array(m, in.name)) named.push_back(&in);

  const auto work = [&] {
    std::vector<double> bp, bq, bl, bt;
    std::vector<std::vector<double>> ba(named.size());
    for (std::size_t r; (r = next.fetch_add(1)) < rows;) {
      row_error& err = errors[r];
      try {
        oracle::detail::view v;
        v.what = m.id;
        v.parameters = &parameters;
        v.fmt = fmt;
        v.var = var;
        v.base = base;
        v.digits = digits;
        for (std::size_t k = 0; k < named.size(); ++k)
          v.arrays.emplace(named[k]->name, real_row(*named[k], r, ba[k]));
        if (p) v.p = real_row(*p, r, bp);
        if (q) v.q = real_row(*q, r, bq);
        if (logits) v.logits = real_row(*logits, r, bl);
        if (target) {
          if (target->kind == storage::i64) {
            const auto* t = reinterpret_cast<const std::int64_t*>(target->data);
            // a negative class is ignore_index's row (0) or the oracle's out-of-range error
            v.target_index = target->scalar ? t[0] : t[target->batched || target->cols > 1 ? r : 0];
          } else {
            v.target = real_row(*target, r, bt);
          }
        }
        if (samples) {
          const std::size_t row = samples->batched ? r : 0;
          const auto* s =
              reinterpret_cast<const std::int64_t*>(samples->data) + row * samples->cols;
          for (std::size_t i = 0; i < samples->cols; ++i)
            if (s[i] < 0) {
              invalid e("samples[" + std::to_string(i) + "] = " + std::to_string(s[i])
                        + " is negative; sample indices are >= 0");
              e.argument = "samples";
              e.index = i;
              e.value = static_cast<double>(s[i]);
              throw e;
            }
          v.samples = {s, samples->cols};
        }
        const oracle::result res = oracle::detail::evaluate_view(v);
        out.value[r] = res.value;
        out.lo[r] = res.lo;
        out.hi[r] = res.hi;
        out.exact[r] = res.exact;
        if (digits > 0) out.digits[r] = res.digits;
      } catch (const gibbs::invalid_input& e) {
        const invalid x = from_library(e);
        err = {true, x.what(), x.argument, x.index, x.value, false};
      } catch (const invalid& e) {
        err = {true, e.what(), e.argument, e.index, e.value, false};
      } catch (const oracle::undecided& e) {
        err = {true, std::string("the oracle could not decide the rounding: ") + e.what(),
               {},   {},
               {},   true};
      } catch (const std::invalid_argument& e) {
        err = {true, e.what(), {}, {}, {}, false};
      }
    }
  };

  // hardware_concurrency() reads /sys on every call (tens of microseconds): ask once.
  static const std::size_t cores = std::max(1u, std::thread::hardware_concurrency());
  std::size_t n_threads = std::min(threads ? threads : cores, rows);
  {
    py::gil_scoped_release nogil;
    if (n_threads <= 1) {
      work();
    } else {
      std::vector<std::thread> pool;
      pool.reserve(n_threads);
      for (std::size_t t = 0; t < n_threads; ++t)
        pool.emplace_back([&work] {
          work();
          gibbs::oracle::release_thread_caches(); // MPFR caches are per thread
        });
      for (auto& t : pool)
        t.join();
    }
  }
  // The first invalid row, in row order, whatever thread found it.
  for (std::size_t r = 0; r < rows; ++r) {
    if (!errors[r].set) continue;
    const row_error& e = errors[r];
    if (e.undecided)
      throw oracle::undecided((batched ? "row " + std::to_string(r) + ": " : "") + e.message);
    invalid x((batched ? "row " + std::to_string(r) + ": " : std::string()) + e.message);
    x.argument = e.argument;
    x.index = e.index;
    x.value = e.value;
    if (batched) x.row = r;
    throw x;
  }
  return out;
}

/// Reads the (name, array, tag) triples of gibbs/_inputs.py.
std::vector<input> read_inputs(const cli::measure_info& m, const py::list& given, std::size_t& rows,
                               bool& batched) {
  std::vector<input> ins;
  rows = 1;
  batched = false;
  std::string batch_owner;
  for (const auto& item : given) {
    const auto t = item.cast<py::tuple>();
    input in;
    in.name = t[0].cast<std::string>();
    const auto a = t[1].cast<py::array>();
    const auto tag = t[2].cast<std::string>();
    if (tag == "float64")
      in.kind = storage::f64;
    else if (tag == "float32")
      in.kind = storage::f32;
    else if (tag == "float16")
      in.kind = storage::f16;
    else if (tag == "bfloat16")
      in.kind = storage::bf16;
    else if (tag == "int64")
      in.kind = storage::i64;
    else
      throw invalid(in.name + " has dtype " + tag + ", which gibbs does not read");
    const std::size_t width = in.kind == storage::f64 || in.kind == storage::i64 ? 8
                              : in.kind == storage::f32                          ? 4
                                                                                 : 2;
    if (static_cast<std::size_t>(a.itemsize()) != width || !(a.flags() & py::array::c_style))
      throw std::logic_error("gibbs._gibbs.compute: " + in.name
                             + " was not prepared as a C-contiguous array of " + tag);
    in.data = static_cast<const char*>(a.data());
    if (a.ndim() == 0) {
      in.scalar = true;
      in.cols = 1;
    } else if (a.ndim() == 1) {
      in.cols = static_cast<std::size_t>(a.shape(0));
    } else if (a.ndim() == 2) {
      in.batched = true;
      in.rows = static_cast<std::size_t>(a.shape(0));
      in.cols = static_cast<std::size_t>(a.shape(1));
    } else {
      throw invalid(in.name + " has " + std::to_string(a.ndim())
                    + " dimensions; give a 1-D distribution or a 2-D batch (one per row)");
    }
    if (in.scalar && !(in.name == "target" && in.kind == storage::i64))
      throw invalid(in.name + " is a scalar; it must be a 1-D array or a 2-D batch of rows");
    if (in.batched) {
      if (!batched) {
        batched = true;
        rows = in.rows;
        batch_owner = in.name;
      } else if (in.rows != rows) {
        throw invalid(in.name + " has " + std::to_string(in.rows) + " rows but " + batch_owner
                      + " has " + std::to_string(rows)
                      + "; a batch has the same number of rows in every input");
      }
    }
    ins.push_back(in);
  }
  // A 1-D integer target with 2-D logits holds one class index per row.
  for (auto& in : ins) {
    if (in.name != "target" || in.kind != storage::i64 || in.scalar) continue;
    if (!batched)
      throw invalid("target is an array of integers but logits is 1-D; give one class index "
                    "(an int) or a distribution (floats)");
    if (in.batched)
      throw invalid("target is a 2-D array of integers; give one class index per row (1-D) "
                    "or distributions (floats)");
    if (in.cols != rows)
      throw invalid("target holds " + std::to_string(in.cols) + " class indices but logits has "
                    + std::to_string(rows) + " rows");
  }
  for (auto& in : ins)
    if (in.name == "samples" && in.kind != storage::i64)
      throw invalid("samples must be integer indices into q");
  for (const auto& in : ins) {
    bool known = cli::find_array(m, in.name) != nullptr;
    for (std::size_t i = 0; i < cli::input_names.size(); ++i)
      known = known || ((m.inputs & (1u << i)) && cli::input_names[i] == in.name);
    if (!known) throw invalid(in.name + " is not an input of " + std::string(m.name));
  }
  return ins;
}

/// Numbers of format fmt as a NumPy array: float32 for binary32, float16 for binary16, float64
/// for binary64 and bfloat16 (NumPy has no bfloat16 dtype; each entry is a bfloat16 number).
py::array format_array(const std::vector<double>& x, oracle::format fmt) {
  const auto n = static_cast<py::ssize_t>(x.size());
  if (fmt == oracle::format::binary32) {
    py::array_t<float> a(n);
    for (std::size_t i = 0; i < x.size(); ++i)
      a.mutable_data()[i] = static_cast<float>(x[i]);
    return a;
  }
  if (fmt == oracle::format::binary16) {
    py::array a(py::dtype("float16"), std::vector<py::ssize_t>{n});
    auto* d = static_cast<std::uint16_t*>(a.mutable_data());
    for (std::size_t i = 0; i < x.size(); ++i)
      d[i] = to_half_bits(x[i]);
    return a;
  }
  py::array_t<double> a(n);
  std::copy(x.begin(), x.end(), a.mutable_data());
  return a;
}

/// A request of the whole batch (rows = the batch's rows, 0 for one case), every input stored
/// row after row and a 1-D input repeated for every row: for reductions and per-element answers.
oracle::request whole_request(const cli::measure_info& m, const std::vector<input>& ins,
                              std::size_t rows, bool batched) {
  oracle::request req;
  req.what = m.id;
  req.rows = batched ? static_cast<std::int64_t>(rows) : 0;
  const std::size_t n = batched ? rows : 1;
  for (const auto& in : ins) {
    if (in.kind == storage::i64) {
      const auto* x = reinterpret_cast<const std::int64_t*>(in.data);
      if (in.name == "target") {
        if (!in.scalar) { // one class index per row of a batch (checked against the rows)
          req.samples.assign(x, x + in.cols);
          continue;
        }
        req.target_index = x[0];
        continue;
      }
      for (std::size_t r = 0; r < n; ++r)
        for (std::size_t i = 0; i < in.cols; ++i) {
          const std::int64_t s = x[(in.batched ? r : 0) * in.cols + i];
          if (s < 0) {
            invalid e(in.name + '[' + std::to_string(i) + "] = " + std::to_string(s)
                      + " is negative; sample indices are >= 0");
            e.argument = in.name;
            e.index = i;
            e.value = static_cast<double>(s);
            throw e;
          }
          req.samples.push_back(s);
        }
      continue;
    }
    std::vector<double>& dst = in.name == "p"        ? req.p
                               : in.name == "q"      ? req.q
                               : in.name == "logits" ? req.logits
                               : in.name == "target" ? req.target
                                                     : req.arrays[in.name];
    std::vector<double> buf;
    const oracle::array_input* a = cli::find_array(m, in.name); // per class: shared, not repeated
    const std::size_t copies = a && a->per_class && !in.batched ? 1 : n;
    for (std::size_t r = 0; r < copies; ++r) {
      const auto row = real_row(in, r, buf);
      dst.insert(dst.end(), row.begin(), row.end());
    }
  }
  return req;
}

/// The Python shape of an answer: () for one result, (n,) or (rows, cols) for many.
py::tuple answer_shape(const cli::answer& a) {
  if (!a.many) return py::tuple();
  if (a.rows) return py::make_tuple(a.rows, a.cols);
  return py::make_tuple(a.cols);
}

/// The results of an answer as (value, lo, hi, exact, digits or None) of flat NumPy arrays.
py::tuple answer_arrays(const cli::answer& a, oracle::format fmt, bool with_digits) {
  const std::vector<oracle::result> one{a.one};
  const std::vector<oracle::result>& each = a.many ? a.each : one;
  std::vector<double> value, lo, hi;
  py::array_t<bool> exact(static_cast<py::ssize_t>(each.size()));
  std::vector<std::string> digits;
  for (std::size_t i = 0; i < each.size(); ++i) {
    value.push_back(each[i].value);
    lo.push_back(each[i].lo);
    hi.push_back(each[i].hi);
    exact.mutable_data()[i] = each[i].exact;
    digits.push_back(each[i].digits);
  }
  return py::make_tuple(format_array(value, fmt), format_array(lo, fmt), format_array(hi, fmt),
                        exact, with_digits ? py::object(py::cast(digits)) : py::object(py::none()));
}

/// evaluate_answer with the GIL released; gibbs::invalid_input becomes gibbs.InvalidInput.
cli::answer answer_of(const oracle::request& req, const cli::measure_info& m) {
  py::gil_scoped_release nogil;
  try {
    return cli::evaluate_answer(req, m);
  } catch (const gibbs::invalid_input& e) {
    throw from_library(e);
  } catch (const std::invalid_argument& e) {
    throw invalid(e.what());
  }
}

/// compute(measure, inputs, type, variant, base, digits, parameters, threads, reduction) ->
/// (value, lo, hi, exact, digits, format, shape): flat arrays and the shape of the answer (()
/// for one result, (rows,) for one per row, the input's shape for one per element).
py::tuple compute(const std::string& name, const py::list& given,
                  const std::optional<std::string>& type, const std::optional<std::string>& variant,
                  const py::object& base, int digits,
                  const std::map<std::string, double, std::less<>>& parameters, std::size_t threads,
                  const std::optional<std::string>& reduction) {
  const cli::measure_info* m = cli::find_measure(name);
  if (!m)
    throw invalid("measure \"" + cli::excerpt(name) + "\" is unknown; the measures are "
                  + cli::measure_names());
  std::size_t rows = 1;
  bool batched = false;
  const std::vector<input> ins = read_inputs(*m, given, rows, batched);
  const oracle::format fmt = pick_format(ins, type);
  oracle::variant var = oracle::variant::exact;
  if (variant && !cli::parse_variant(*variant, var))
    throw invalid("variant = \"" + cli::excerpt(*variant)
                  + "\" is unknown; use \"exact\", \"normalized\" or \"generalized\"");
  double b = 0;
  if (!base.is_none()) {
    if (py::isinstance<py::str>(base)) {
      const auto s = base.cast<std::string>();
      if (s != "e")
        throw invalid("base = \"" + cli::excerpt(s)
                      + "\" is not a valid base (use \"e\", 2, 10 or a number)");
    } else {
      b = base.cast<double>();
      if (std::string e = cli::check_base(b); !e.empty()) throw invalid(e);
    }
  }
  if (digits < 0 || digits > cli::max_digits)
    throw invalid("digits = " + std::to_string(digits) + " is out of range; it must be from 0 to "
                  + std::to_string(cli::max_digits));
  // The measure's own rules (base, variant, parameters), in the words of `gibbs eval`.
  oracle::request req;
  req.base = b;
  req.var = var;
  if (std::string e =
          cli::check_measure_options(*m, variant.has_value(), variant.value_or(""), req);
      !e.empty())
    throw invalid(e);
  if (std::string e = cli::check_parameters(*m, parameters, req); !e.empty()) throw invalid(e);
  if (batched && rows == 0) throw invalid("the batch has no rows");
  if (reduction && !cli::parse_reduction(*reduction, req.reduce))
    throw invalid("reduction = \"" + cli::excerpt(*reduction)
                  + "\" is unknown; use \"none\", \"sum\", \"mean\" or \"batchmean\"");
  if (cli::reduces(*m, req.reduce) || cli::per_element(*m)) {
    // One request for the batch: a reduction, or one result per element.
    oracle::request whole = whole_request(*m, ins, rows, batched);
    whole.fmt = fmt;
    whole.var = var;
    whole.base = b;
    whole.digits = digits;
    whole.parameters = req.parameters;
    whole.reduce = req.reduce;
    const cli::answer a = answer_of(whole, *m);
    py::tuple t = answer_arrays(a, fmt, digits > 0);
    return py::make_tuple(t[0], t[1], t[2], t[3], t[4], std::string(oracle::traits(fmt).name),
                          answer_shape(a));
  }
  results r = run_rows(*m, ins, fmt, var, b, digits, req.parameters, rows, threads, batched);
  py::array_t<bool> exact(static_cast<py::ssize_t>(rows));
  for (std::size_t i = 0; i < rows; ++i)
    exact.mutable_data()[i] = r.exact[i] != 0;
  py::object dig = py::none();
  if (digits > 0) dig = py::cast(r.digits);
  return py::make_tuple(format_array(r.value, fmt), format_array(r.lo, fmt),
                        format_array(r.hi, fmt), exact, dig, std::string(oracle::traits(fmt).name),
                        batched ? py::make_tuple(rows) : py::tuple());
}

/// The request compute() sends to the oracle for a reduction or an elementwise measure, as a
/// dict (measure, rows, reduction, the inputs row after row, arrays): what the Python keywords
/// become, for tests of the reading.
py::dict whole_request_of(const std::string& name, const py::list& given,
                          const std::optional<std::string>& reduction) {
  const cli::measure_info* m = cli::find_measure(name);
  if (!m) throw invalid("measure \"" + cli::excerpt(name) + "\" is unknown");
  std::size_t rows = 1;
  bool batched = false;
  const std::vector<input> ins = read_inputs(*m, given, rows, batched);
  const oracle::request req = whole_request(*m, ins, rows, batched);
  oracle::reduction red = oracle::reduction::automatic;
  if (reduction && !cli::parse_reduction(*reduction, red))
    throw invalid("reduction = \"" + cli::excerpt(*reduction) + "\" is unknown");
  static constexpr const char* names[] = {"automatic", "none", "sum", "mean", "batchmean"};
  py::dict d;
  d["measure"] = std::string(m->name);
  d["rows"] = req.rows;
  d["reduction"] = names[static_cast<int>(red)];
  d["reduces"] = cli::reduces(*m, red);
  d["p"] = req.p;
  d["q"] = req.q;
  d["logits"] = req.logits;
  d["target"] = req.target;
  d["target_index"] = req.target_index;
  d["samples"] = req.samples;
  py::dict arrays;
  for (const auto& [k, v] : req.arrays)
    arrays[py::str(k)] = v;
  d["arrays"] = arrays;
  return d;
}

/// `gibbs eval` on one line: (value, lo, hi, exact, digits or None, format, shape), flat arrays
/// and the answer's shape as in compute().
py::tuple evaluate_line(const std::string& line) {
  cli::line_request l;
  if (std::string e = cli::parse_request(line, l); !e.empty()) throw invalid(e);
  const cli::answer a = answer_of(l.req, oracle::descriptor_of(l.req.what));
  py::tuple t = answer_arrays(a, l.req.fmt, l.with_digits);
  return py::make_tuple(t[0], t[1], t[2], t[3], t[4], std::string(oracle::traits(l.req.fmt).name),
                        answer_shape(a));
}

/// The oracle's measure table: [(name, [input names], formula, [(parameter, rule, help)],
/// [(array, help, required)], elementwise, class_targets)].
py::list measures() {
  py::list out;
  for (const oracle::descriptor* m : oracle::measures()) {
    py::list inputs, params;
    for (std::size_t i = 0; i < cli::input_names.size(); ++i)
      if (m->inputs & (1u << i)) inputs.append(py::str(std::string(cli::input_names[i])));
    for (const oracle::parameter& p : m->parameters)
      params.append(py::make_tuple(std::string(p.name), std::string(p.rule), std::string(p.help)));
    py::list arrays;
    for (const oracle::array_input& a : m->arrays)
      arrays.append(py::make_tuple(std::string(a.name), std::string(a.help), a.required));
    out.append(py::make_tuple(std::string(m->name), inputs, std::string(m->formula), params, arrays,
                              m->elementwise, m->class_targets));
  }
  return out;
}

/// A case's real vector as a NumPy array in the case's format (see format_array).
py::array case_array(const std::vector<double>& x, oracle::format fmt) {
  return format_array(x, fmt);
}

/// conform(fn, measures, families, case_lines, per_case, seed, max_ulps, law_ulps, large_n)
/// -> (passed, table text, failures, rows)
py::tuple conform(const py::function& fn, const std::vector<std::string>& measure_names,
                  const std::vector<std::string>& families,
                  const std::optional<std::vector<std::string>>& case_lines, bool per_case,
                  const std::vector<std::string>& keywords, std::uint64_t seed,
                  std::int64_t max_ulps, std::int64_t law_ulps, std::size_t large_n,
                  bool allow_wrong_on_invalid, bool allow_rejected_valid) {
  conf::options o;
  o.seed = seed;
  o.families = families;
  o.max_ulps = max_ulps;
  o.law_ulps = law_ulps;
  o.large_n = large_n;
  o.allow_wrong_on_invalid = allow_wrong_on_invalid;
  o.allow_rejected_valid = allow_rejected_valid;
  for (const auto& n : measure_names) {
    auto parsed = conf::parse_measure(n);
    if (!parsed)
      throw invalid("measure \"" + cli::excerpt(n) + "\" is unknown; the measures are "
                    + cli::measure_names());
    o.measures.push_back(*parsed);
  }
  if (case_lines) {
    std::string error;
    // fn is handed p, q, samples, logits and target: no batch, reduction or named array
    o.cases = gibbs::conform::read_user_cases(*case_lines, error, false);
    if (!error.empty()) throw invalid(error);
    o.generated = !families.empty();
  }
  // The keywords fn takes ("*": any), so that a case needing another one is left ungraded.
  const bool takes_any = std::find(keywords.begin(), keywords.end(), "*") != keywords.end();
  const auto call = [&](const conf::test_case& c) -> double {
    py::object r;
    if (per_case) {
      py::dict d;
      d["measure"] = conf::measure_name(c.what);
      d["type"] = std::string(oracle::traits(c.fmt).name);
      if (c.var != oracle::variant::exact)
        d["variant"] = c.var == oracle::variant::normalized ? "normalized" : "generalized";
      if (c.base != 0) d["base"] = c.base;
      for (const auto& [k, v] : c.parameters)
        d[py::str(k)] = v;
      const unsigned inputs = cli::find_measure(conf::measure_name(c.what))->inputs;
      if (inputs & cli::input_p) d["p"] = case_array(c.p, c.fmt);
      if (inputs & cli::input_q) d["q"] = case_array(c.q, c.fmt);
      if (inputs & cli::input_logits) d["logits"] = case_array(c.logits, c.fmt);
      if (inputs & cli::input_samples) d["samples"] = py::array(py::cast(c.samples));
      if (inputs & cli::input_target) {
        if (c.target.empty())
          d["target"] = c.target_index;
        else
          d["target"] = case_array(c.target, c.fmt);
      }
      r = fn(d);
    } else {
      py::list args;
      const unsigned inputs = cli::find_measure(conf::measure_name(c.what))->inputs;
      if (inputs & cli::input_p) args.append(case_array(c.p, c.fmt));
      if (inputs & cli::input_q) args.append(case_array(c.q, c.fmt));
      if (inputs & cli::input_samples) args.append(py::array(py::cast(c.samples)));
      if (inputs & cli::input_logits) args.append(case_array(c.logits, c.fmt));
      if (inputs & cli::input_target) {
        if (c.target.empty())
          args.append(py::int_(c.target_index));
        else
          args.append(case_array(c.target, c.fmt));
      }
      py::dict kw;
      const auto keyword = [&](const std::string& k, double v) {
        if (!takes_any && std::find(keywords.begin(), keywords.end(), k) == keywords.end())
          throw conf::unsupported("the callable takes no " + k);
        kw[py::str(k)] = v;
      };
      if (c.base != 0) keyword("base", c.base);
      for (const auto& [k, v] : c.parameters)
        keyword(k, v);
      r = fn(*py::tuple(args), **kw);
    }
    return py::float_(r).cast<double>();
  };
  conf::report rep;
  // The callable must not be asked cases it cannot tell apart: one measure unless per_case.
  if (!per_case && o.measures.size() != 1 && !(case_lines && o.measures.empty()))
    throw invalid("give exactly one measure (measures=[\"kl\"]), or per_case=True to receive "
                  "each case as a dict with its \"measure\"");
  rep = conf::check(
      [&](const conf::test_case& c) -> double {
        try {
          return call(c);
        } catch (const conf::unsupported&) {
          throw;
        } catch (py::error_already_set& e) {
          // Python exceptions other than Exception (KeyboardInterrupt, SystemExit) end the run.
          if (!e.matches(PyExc_Exception)) throw;
          throw std::runtime_error(py::str(e.value()).cast<std::string>());
        }
      },
      o);
  rep.implementation = py::str(py::getattr(fn, "__qualname__", py::repr(fn))).cast<std::string>();
  py::list rows;
  for (const auto& row : rep.rows) {
    py::dict d;
    d["family"] = row.family;
    d["measure"] = row.measure;
    d["cases"] = row.cases;
    d["graded"] = row.graded;
    d["max_ulps"] = row.max_ulps;
    d["median_ulps"] = row.median_ulps;
    d["min_digits"] = row.min_digits;
    d["law_violations"] = row.law_violations;
    d["wrong_on_invalid"] = row.wrong_on_invalid;
    d["rejected_valid"] = row.rejected_valid;
    d["unsupported"] = row.unsupported;
    rows.append(d);
  }
  return py::make_tuple(rep.passed(), conf::format_table(rep), rep.failures, rows,
                        conf::to_json(rep));
}

} // namespace

PYBIND11_MODULE(_gibbs, m) {
  m.doc() = "The gibbs oracle for Python (the gibbs package wraps this module).";
  static py::exception<invalid> invalid_type(m, "InvalidInput", PyExc_ValueError);
  static py::exception<oracle::undecided> undecided_type(m, "Undecided", PyExc_RuntimeError);
  // Every InvalidInput has the four fields, None where the error names no such thing (an
  // InvalidInput raised in gibbs/*.py sets the ones it knows).
  for (const char* field : {"argument", "index", "value", "row"})
    invalid_type.attr(field) = py::none();
  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const invalid& given) {
      invalid e = given;
      read_fields(e);
      py::object x = py::handle(invalid_type.ptr())(e.what());
      x.attr("argument") = e.argument.empty() ? py::object(py::none()) : py::str(e.argument);
      x.attr("index") = e.index ? py::object(py::int_(*e.index)) : py::object(py::none());
      x.attr("value") = e.value ? py::object(py::float_(*e.value)) : py::object(py::none());
      x.attr("row") = e.row ? py::object(py::int_(*e.row)) : py::object(py::none());
      PyErr_SetObject(invalid_type.ptr(), x.ptr());
    } catch (const oracle::undecided& e) {
      PyErr_SetString(undecided_type.ptr(), e.what());
    }
  });
  m.def("measures", &measures, "The measure table: [(name, [inputs], formula)].");
  m.def("compute", &compute, py::arg("measure"), py::arg("inputs"), py::arg("type"),
        py::arg("variant"), py::arg("base"), py::arg("digits"), py::arg("parameters"),
        py::arg("threads"), py::arg("reduction"));
  m.def("evaluate_line", &evaluate_line, py::arg("line"));
  m.def("_whole_request", &whole_request_of, py::arg("measure"), py::arg("inputs"),
        py::arg("reduction"));
  m.def("conform", &conform, py::arg("fn"), py::arg("measures"), py::arg("families"),
        py::arg("cases"), py::arg("per_case"), py::arg("keywords"), py::arg("seed"),
        py::arg("max_ulps"), py::arg("law_ulps"), py::arg("large_n"),
        py::arg("allow_wrong_on_invalid"), py::arg("allow_rejected_valid"));
  m.attr("max_digits") = cli::max_digits;
}
