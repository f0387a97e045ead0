// tools/cli/eval_line.hpp: one line of `gibbs eval` in, one JSON object out.
//
//   eval_line(R"({"measure": "kl", "p": [0.5, 0.5], "q": [0.7, 0.3]})", 1)
//     == R"({"value":0.08717669357238893,"hex":"0x1.6513637dde82bp-4",
//            "lo":"0x1.6513637dde82ap-4","hi":"0x1.6513637dde82bp-4","exact":false})" (one line)
//   eval_line(R"({"measure": "kl", "p": [0.5, 0.5]})", 7)
//     == R"({"error":"line 7: measure kl needs key \"q\" (it takes p and q)"})"
//
// The line is read with nlohmann-json's SAX interface, so that every number arrives as its own
// text and is rounded once, straight to the requested format (number_text.hpp); nlohmann's own
// double is never used. Only one flat level of arrays inside one object is accepted, so nesting
// is refused at once, whatever its depth. eval_line never throws: every problem, including the
// oracle's gibbs::invalid_input, becomes {"error": "line N: ..."}.
#ifndef GIBBS_TOOLS_CLI_EVAL_LINE_HPP
#define GIBBS_TOOLS_CLI_EVAL_LINE_HPP

#include "gibbs/error.hpp"
#include "gibbs/oracle.hpp"
#include "measures.hpp"
#include "number_text.hpp"

#include <nlohmann/json.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <limits>
#include <map>
#include <new>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace gibbs::cli {

/// Lines longer than this are refused (the shell form's --p-file and friends take any size).
inline constexpr std::size_t max_line_bytes = std::size_t{64} << 20;

/// The longest string "id" echoed back.
inline constexpr std::size_t max_id_bytes = 1024;

/// {"error": message} with the message escaped as JSON (bytes that are not UTF-8 become U+FFFD),
/// preceded by "id": id_json when the line had an id.
[[nodiscard]] inline std::string error_json(const std::string& message,
                                            const std::string& id_json = {}) {
  const std::string m =
      nlohmann::json(message).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return (id_json.empty() ? "{" : "{\"id\":" + id_json + ",") + "\"error\":" + m + '}';
}

/// The JSON object of a result: value (shortest decimal that reads back, a JSON number, or the
/// string "inf"/"-inf"/"nan"), hex, lo, hi, exact, and digits when some were asked for; first
/// "id" when the line had one.
/// All three numbers are numbers of the format and printed as such (shortest decimal of the
/// format).
[[nodiscard]] inline std::string result_json(const oracle::result& r, oracle::format fmt,
                                             bool with_digits, const std::string& id_json = {}) {
  const double v = r.value;
  std::string value = shortest(v, fmt);
  if (!std::isfinite(v)) value = '"' + value + '"';
  std::string out = (id_json.empty() ? "{" : "{\"id\":" + id_json + ",") + "\"value\":" + value;
  out += ",\"hex\":\"" + hex(v, fmt) + '"';
  out += ",\"lo\":\"" + hex(r.lo, fmt) + '"';
  out += ",\"hi\":\"" + hex(r.hi, fmt) + '"';
  out += r.exact ? ",\"exact\":true" : ",\"exact\":false";
  if (with_digits) out += ",\"digits\":" + nlohmann::json(r.digits).dump();
  out += '}';
  return out;
}

namespace detail {

/// The fixed keys; `parameter` stands for the parameters of the table's measures ("alpha").
enum class field {
  measure,
  p,
  q,
  samples,
  logits,
  target,
  type,
  variant,
  base,
  digits,
  id,
  count,
  parameter
};

inline constexpr std::array<std::string_view, static_cast<std::size_t>(field::count)> key_names{
    "measure", "p", "q", "samples", "logits", "target", "type", "variant", "base", "digits", "id"};

/// A list of reals read once in each format (the "type" key may come last); the first problem of
/// each reading is kept as a sentence.
struct real_list {
  static constexpr std::array<oracle::format, 4> formats{
      oracle::format::binary64, oracle::format::binary32, oracle::format::binary16,
      oracle::format::bfloat16};
  std::array<std::vector<double>, 4> v;
  std::array<std::string, 4> bad;

  void add_text(std::string_view text, const std::string& where, bool quoted) {
    for (std::size_t k = 0; k < formats.size(); ++k) {
      double x = 0;
      const auto p = parse_real(text, formats[k], x);
      if (p != number_problem::none && bad[k].empty()) {
        const std::string shown = quoted ? '"' + excerpt(text) + '"' : excerpt(text);
        bad[k] = where + " = " + shown + ' ' + explain(p, formats[k]);
      }
      v[k].push_back(x);
    }
  }
  template <class I>
  void add_integer(I x) {
    // An integer converts to each format with one correct rounding.
    v[0].push_back(static_cast<double>(x));
    v[1].push_back(static_cast<double>(static_cast<float>(x)));
    v[2].push_back(static_cast<double>(gibbs::binary16(x)));
    v[3].push_back(static_cast<double>(gibbs::bfloat16(x)));
  }
};

/// The SAX handler: accepts exactly one object of scalars and flat arrays.
class line_reader {
public:
  using json = nlohmann::json;
  using number_integer_t = json::number_integer_t;
  using number_unsigned_t = json::number_unsigned_t;
  using number_float_t = json::number_float_t;
  using string_t = json::string_t;
  using binary_t = json::binary_t;

  std::string error; ///< set when the handler stops the parse

  // What was read.
  unsigned seen = 0; ///< bit set of keys (1 << key)
  std::string measure, type, variant;
  real_list p, q, logits, target_list;
  std::vector<std::int64_t> samples;
  std::int64_t target_index = -1, digits = 0;
  bool target_is_list = false, base_is_e = false;
  double base = 0;
  std::string id_json; ///< the "id" as JSON text, echoed in the answer
  std::map<std::string, double, std::less<>> parameters; ///< "alpha" and the like

  bool null() { return scalar_kind("null"); }
  bool boolean(bool v) { return scalar_kind(v ? "true" : "false"); }
  bool binary(binary_t&) { return scalar_kind("binary data"); }

  bool number_integer(number_integer_t v) { return integer(v, std::to_string(v)); }
  bool number_unsigned(number_unsigned_t v) {
    if (depth_ == 2 && current_list()) { // a real that happens to be written as a big integer
      current_list()->add_integer(v);
      ++index_;
      return true;
    }
    if (v > static_cast<number_unsigned_t>(std::numeric_limits<std::int64_t>::max()))
      return integer_too_large(std::to_string(v));
    return integer(static_cast<std::int64_t>(v), std::to_string(v));
  }

  bool number_float(number_float_t, const string_t& text) {
    // An integer literal beyond 2^64 arrives here too: where an integer is wanted, it is too large.
    const bool integral = text.find_first_of(".eE") == std::string::npos;
    if (integral
        && (depth_ == 2 ? current_list() == nullptr
                        : (key_ == field::digits || key_ == field::target)))
      return integer_too_large(text);
    if (depth_ == 2) {
      if (real_list* l = current_list()) {
        l->add_text(text, where(), false);
        ++index_;
        return true;
      }
      return fail(where() + " = " + excerpt(text) + ' '
                  + explain<double>(number_problem::not_integer)
                  + " (sample indices are integers such as 3)");
    }
    if (depth_ != 1) return top_level_not_object();
    if (key_ == field::parameter) return set_parameter(text);
    switch (key_) {
    case field::base: {
      double b = 0;
      const auto pr = parse_real(text, b);
      if (pr != number_problem::none)
        return fail("base = " + excerpt(text) + ' ' + explain<double>(pr));
      return set_base(b);
    }
    case field::digits:
      return fail("digits = " + excerpt(text) + " is not an integer from 0 to "
                  + std::to_string(max_digits));
    case field::target:
      return fail("target = " + excerpt(text)
                  + " is not a class index; a target is an integer index or an array of "
                    "probabilities");
    default:
      return wrong_type("a number");
    }
  }

  bool string(string_t& s) {
    if (depth_ == 2) {
      if (real_list* l = current_list()) {
        l->add_text(s, where(), true);
        ++index_;
        return true;
      }
      return fail(where() + " = \"" + excerpt(s) + "\" is a string; sample indices are integers");
    }
    if (depth_ != 1) return top_level_not_object();
    if (key_ == field::parameter) return set_parameter(s);
    switch (key_) {
    case field::measure:
      measure = s;
      return true;
    case field::type:
      type = s;
      return true;
    case field::variant:
      variant = s;
      return true;
    case field::id:
      if (s.size() > max_id_bytes)
        return fail("id is " + std::to_string(s.size()) + " bytes long; the limit is "
                    + std::to_string(max_id_bytes));
      id_json = json(s).dump(-1, ' ', false, json::error_handler_t::replace);
      return true;
    case field::base:
      if (s == "e") {
        base_is_e = true;
        return true;
      }
      return fail("base = \"" + excerpt(s)
                  + "\" is not a valid base (use \"e\", 2, 10 or a number)");
    default:
      return wrong_type("a string");
    }
  }

  bool start_object(std::size_t) {
    if (depth_ == 0 && !started_) {
      started_ = true;
      depth_ = 1;
      return true;
    }
    if (depth_ == 2) return fail(where() + " is an object; " + array_hint());
    return fail("the value of \"" + std::string(name(key_))
                + "\" is an object; only the top level may be an object");
  }

  bool end_object() {
    depth_ = 0;
    return true;
  }

  bool key(string_t& k) {
    for (std::size_t i = 0; i < key_names.size(); ++i) {
      if (key_names[i] != k) continue;
      if (seen & (1u << i)) return fail("key \"" + k + "\" appears twice");
      seen |= 1u << i;
      key_ = static_cast<detail::field>(i);
      return true;
    }
    const auto params = parameter_names();
    if (std::find(params.begin(), params.end(), k) != params.end()) {
      if (parameters.count(k)) return fail("key \"" + k + "\" appears twice");
      key_ = field::parameter;
      parameter_key_ = k;
      return true;
    }
    std::string known;
    for (auto n : key_names)
      known += (known.empty() ? "" : ", ") + std::string(n);
    for (auto n : params)
      known += ", " + std::string(n);
    return fail("unknown key \"" + excerpt(k) + "\" (the keys are " + known + ")");
  }

  bool start_array(std::size_t) {
    if (depth_ == 0) return top_level_not_object();
    if (depth_ == 2) return fail(where() + " is an array; " + array_hint());
    switch (key_) {
    case field::p:
    case field::q:
    case field::logits:
    case field::samples:
      break;
    case field::target:
      target_is_list = true;
      break;
    default:
      return wrong_type("an array");
    }
    depth_ = 2;
    index_ = 0;
    return true;
  }

  bool end_array() {
    depth_ = 1;
    return true;
  }

  bool parse_error(std::size_t position, const std::string& token,
                   const nlohmann::detail::exception& ex) {
    if (!error.empty()) return false;
    if (ex.id == 406) { // number overflow: the lexer's strtod went to infinity
      const std::string shown = excerpt(token);
      if (depth_ == 2) {
        if (current_list())
          return fail(where() + " = " + shown + ' ' + explain<double>(number_problem::too_large));
        return integer_too_large(token);
      }
      if (depth_ == 1) return fail(std::string(name(key_)) + " = " + shown + " is too large");
    }
    // nlohmann's message reads "[json.exception.parse_error.101] parse error at line 1, column
    // 5: syntax error while parsing value - invalid literal; last read: '...'".
    std::string what = ex.what();
    if (const auto colon = what.find(": "); colon != std::string::npos)
      what = what.substr(colon + 2);
    return fail("invalid JSON at column " + std::to_string(position) + ": " + excerpt(what, 200));
  }

private:
  int depth_ = 0;
  bool started_ = false;
  detail::field key_ = field::count;
  std::size_t index_ = 0;
  std::string parameter_key_; ///< the parameter being read, when key_ == field::parameter

  std::string_view name(detail::field k) const {
    if (k == field::parameter) return parameter_key_;
    return k == field::count ? "?" : key_names[static_cast<std::size_t>(k)];
  }
  /// A parameter's value: a number, written as a JSON number or a string.
  bool set_parameter(std::string_view text) {
    double v = 0;
    const auto pr = parse_real(text, v);
    if (pr != number_problem::none)
      return fail(parameter_key_ + " = " + excerpt(text) + ' ' + explain<double>(pr));
    parameters[parameter_key_] = v;
    return true;
  }
  bool fail(std::string message) {
    if (error.empty()) error = std::move(message);
    return false;
  }
  std::string where() const { return std::string(name(key_)) + '[' + std::to_string(index_) + ']'; }
  std::string array_hint() const {
    return std::string(name(key_)) + " must be a flat array of "
           + (key_ == field::samples ? "integers" : "numbers");
  }
  bool top_level_not_object() {
    return fail("a line must be one JSON object, such as {\"measure\": \"entropy\", \"p\": [0.5, "
                "0.5]}");
  }
  real_list* current_list() {
    switch (key_) {
    case field::p:
      return &p;
    case field::q:
      return &q;
    case field::logits:
      return &logits;
    case field::target:
      return &target_list;
    default:
      return nullptr;
    }
  }
  std::string expected() const {
    switch (key_) {
    case field::measure:
      return "a measure name (one of " + measure_names() + ")";
    case field::type:
      return "\"binary64\", \"binary32\", \"binary16\" or \"bfloat16\"";
    case field::variant:
      return "\"exact\", \"normalized\" or \"generalized\"";
    case field::base:
      return "\"e\" or a number such as 2 or 10";
    case field::digits:
      return "an integer from 0 to " + std::to_string(max_digits);
    case field::target:
      return "a class index or an array of probabilities";
    case field::id:
      return "an integer or a string, echoed in the answer";
    case field::samples:
      return "an array of integer indices";
    case field::parameter:
      return "a number";
    default:
      return "an array of numbers";
    }
  }
  bool wrong_type(const char* got) {
    return fail("the value of \"" + std::string(name(key_)) + "\" is " + got + "; it must be "
                + expected());
  }
  bool scalar_kind(const char* what) {
    if (depth_ == 2) return fail(where() + " is " + what + ", not a number");
    if (depth_ != 1) return top_level_not_object();
    return fail("the value of \"" + std::string(name(key_)) + "\" is " + what + "; it must be "
                + expected());
  }
  bool integer_too_large(const std::string& text) {
    const std::string at = depth_ == 2 ? where() : std::string(name(key_));
    return fail(at + " = " + excerpt(text) + " is too large");
  }
  bool set_base(double b) {
    if (std::string e = check_base(b); !e.empty()) return fail(std::move(e));
    base = b;
    return true;
  }
  bool integer(std::int64_t v, const std::string& text) {
    if (depth_ == 2) {
      if (real_list* l = current_list()) {
        l->add_integer(v);
      } else { // samples
        if (v < 0) return fail(where() + " = " + text + " is negative; sample indices are >= 0");
        samples.push_back(v);
      }
      ++index_;
      return true;
    }
    if (depth_ != 1) return top_level_not_object();
    switch (key_) {
    case field::digits:
      if (v < 0 || v > max_digits)
        return fail("digits = " + text + " is out of range; it must be from 0 to "
                    + std::to_string(max_digits));
      digits = v;
      return true;
    case field::target:
      if (v < 0) return fail("target = " + text + " is negative; a class index is >= 0");
      target_index = v;
      return true;
    case field::base:
      return set_base(static_cast<double>(v));
    case field::id:
      id_json = text;
      return true;
    case field::parameter:
      return set_parameter(text);
    default:
      return wrong_type("a number");
    }
  }
};

/// Picks the reading of a list in format fmt, or reports its first problem.
[[nodiscard]] inline std::string take(real_list& l, oracle::format fmt, std::vector<double>& out) {
  for (std::size_t k = 0; k < real_list::formats.size(); ++k)
    if (real_list::formats[k] == fmt) {
      if (!l.bad[k].empty()) return l.bad[k];
      out = std::move(l.v[k]);
    }
  return {};
}

} // namespace detail

/// One line, read.
struct line_request {
  oracle::request req;
  bool with_digits = false; ///< "digits" was given and > 0
  std::string id_json;      ///< the line's "id" as JSON text, or empty
};

/// Reads one line into an oracle request. Returns "" on success, else what is wrong (one
/// sentence, without the line number). The id is set as soon as it was read, even on error.
[[nodiscard]] inline std::string parse_request(std::string_view line, line_request& out) {
  using detail::field;
  if (line.size() > max_line_bytes)
    return "the line is " + std::to_string(line.size()) + " bytes long, more than the limit of "
           + std::to_string(max_line_bytes)
           + "; use the shell form with --p-file/--q-file for large vectors";
  if (const auto nul = line.find('\0'); nul != std::string_view::npos)
    return "the line contains a NUL byte at column " + std::to_string(nul + 1);

  detail::line_reader r;
  const bool ok = nlohmann::json::sax_parse(line.begin(), line.end(), &r);
  out.id_json = r.id_json;
  if (!ok || !r.error.empty())
    return r.error.empty() ? std::string("the line is not valid JSON") : r.error;

  const auto has = [&](field k) { return (r.seen & (1u << static_cast<unsigned>(k))) != 0; };
  if (!has(field::measure)) return "missing key \"measure\" (one of " + measure_names() + ")";
  const measure_info* m = find_measure(r.measure);
  if (!m)
    return "measure \"" + excerpt(r.measure) + "\" is unknown; the measures are " + measure_names();

  oracle::request req;
  req.what = m->id;
  if (has(field::type) && !parse_format(r.type, req.fmt))
    return "type = \"" + excerpt(r.type)
           + "\" is unknown; use \"binary64\", \"binary32\", \"binary16\" or \"bfloat16\"";
  if (has(field::variant) && !parse_variant(r.variant, req.var))
    return "variant = \"" + excerpt(r.variant)
           + "\" is unknown; use \"exact\", \"normalized\" or \"generalized\"";
  req.base = r.base_is_e ? 0.0 : r.base;
  if (req.base != 0 && m->base == oracle::base_rule::rejected)
    return "base = " + shortest(req.base) + " has no meaning for measure " + std::string(m->name)
           + ", which has no logarithm";
  if (has(field::variant) && !m->accepts(req.var))
    return "variant = \"" + r.variant + "\" is not offered by measure " + std::string(m->name);
  req.digits = static_cast<int>(r.digits);
  out.with_digits = has(field::digits) && r.digits > 0;

  // Each input is either needed by the measure or an error: a stray key is usually a typo.
  const field input_keys[] = {field::p, field::q, field::samples, field::logits, field::target};
  for (std::size_t i = 0; i < std::size(input_keys); ++i) {
    const bool needed = (m->inputs & (1u << i)) != 0;
    const auto n = std::string(input_names[i]);
    if (needed && !has(input_keys[i]))
      return "measure " + std::string(m->name) + " needs key \"" + n + "\" (it takes "
             + describe_inputs(m->inputs) + ")";
    if (!needed && has(input_keys[i]))
      return "key \"" + n + "\" is not used by measure " + std::string(m->name) + " (it takes "
             + describe_inputs(m->inputs) + ")";
  }
  // The measure's parameters and no other.
  for (const auto& [name, value] : r.parameters) {
    const oracle::parameter* p = oracle::find_parameter(*m, name);
    if (!p) {
      std::string own;
      for (const auto& q : m->parameters)
        own += (own.empty() ? "" : ", ") + std::string(q.name);
      return "key \"" + name + "\" is not used by measure " + std::string(m->name)
             + (own.empty() ? std::string(" (it takes no parameter)")
                            : " (its parameters: " + own + ")");
    }
    if (!p->valid(value))
      return name + " = " + shortest(value) + " is not allowed; it must satisfy "
             + std::string(p->rule);
    req.parameters[name] = value;
  }
  for (const auto& p : m->parameters)
    if (!r.parameters.count(p.name))
      return "measure " + std::string(m->name) + " needs key \"" + std::string(p.name) + "\" ("
             + std::string(p.rule) + ")";
  if (has(field::p))
    if (auto e = detail::take(r.p, req.fmt, req.p); !e.empty()) return e;
  if (has(field::q))
    if (auto e = detail::take(r.q, req.fmt, req.q); !e.empty()) return e;
  if (has(field::logits))
    if (auto e = detail::take(r.logits, req.fmt, req.logits); !e.empty()) return e;
  if (has(field::target)) {
    if (r.target_is_list) {
      if (auto e = detail::take(r.target_list, req.fmt, req.target); !e.empty()) return e;
    } else {
      req.target_index = r.target_index;
    }
  }
  req.samples = std::move(r.samples);
  out.req = std::move(req);
  return {};
}

/// The same, for callers that need only the request.
[[nodiscard]] inline std::string parse_request(std::string_view line, oracle::request& out,
                                               bool& with_digits) {
  line_request l;
  std::string e = parse_request(line, l);
  if (e.empty()) {
    out = std::move(l.req);
    with_digits = l.with_digits;
  }
  return e;
}

namespace detail {

inline std::string answer_line(std::string_view line, std::size_t line_no, bool& ok) {
  const std::string at = "line " + std::to_string(line_no) + ": ";
  line_request l;
  try {
    if (std::string e = parse_request(line, l); !e.empty()) return error_json(at + e, l.id_json);
    const oracle::result res = oracle::evaluate(l.req);
    ok = true;
    return result_json(res, l.req.fmt, l.with_digits, l.id_json);
  } catch (const gibbs::invalid_input& e) {
    return error_json(at + e.what(), l.id_json);
  } catch (const oracle::undecided& e) {
    return error_json(at + "the oracle could not decide the rounding: " + e.what(), l.id_json);
  } catch (const std::invalid_argument& e) { // a request the measure does not take
    return error_json(at + e.what(), l.id_json);
  } catch (const std::bad_alloc&) {
    return error_json(at + "out of memory", l.id_json);
  } catch (const std::exception& e) {
    return error_json(at + "internal error: " + e.what(), l.id_json);
  } catch (...) {
    return error_json(at + "internal error", l.id_json);
  }
}

} // namespace detail

/// Answers one line of `gibbs eval`: the result object, or {"error": "line N: ..."}; *failed (if
/// given) tells which. Never throws (short of running out of memory while writing the error).
[[nodiscard]] inline std::string eval_line(std::string_view line, std::size_t line_no,
                                           bool* failed = nullptr) {
  bool ok = false;
  std::string out = detail::answer_line(line, line_no, ok);
  if (failed) *failed = !ok;
  return out;
}

} // namespace gibbs::cli

#endif // GIBBS_TOOLS_CLI_EVAL_LINE_HPP
