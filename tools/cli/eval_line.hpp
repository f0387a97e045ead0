// tools/cli/eval_line.hpp: one line of `gibbs eval` in, one JSON object out.
//
//   eval_line(R"({"measure": "kl", "p": [0.5, 0.5], "q": [0.7, 0.3]})", 1)
//     == R"({"value":0.08717669357238893,"hex":"0x1.6513637dde82bp-4",
//            "lo":"0x1.6513637dde82ap-4","hi":"0x1.6513637dde82bp-4","exact":false})" (one line)
//   eval_line(R"({"measure": "kl", "p": [0.5, 0.5]})", 7)
//     == R"({"error":"line 7: measure kl needs key \"q\" (it takes p and q)"})"
//
// A valid line is read by simdjson's On-Demand parser, which hands over every number as its own
// text; after the whole object is read (the "type" key may come last) each is rounded once,
// straight to the requested format (number_text.hpp). A line that is not plainly valid is read
// again with nlohmann-json's SAX interface, which names what is wrong (nlohmann's own double is
// never used either). One object of scalars and arrays of numbers, or arrays of rows of
// numbers (2-D, a batch), is accepted: deeper nesting is refused at once, whatever its depth.
// eval_line never throws: every problem, including the oracle's gibbs::invalid_input, becomes
// {"error": "line N: ..."}.
#ifndef GIBBS_TOOLS_CLI_EVAL_LINE_HPP
#define GIBBS_TOOLS_CLI_EVAL_LINE_HPP

#include "gibbs/error.hpp"
#include "gibbs/oracle.hpp"
#include "measures.hpp"
#include "number_text.hpp"

#include <nlohmann/json.hpp>
#include <simdjson.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <exception>
#include <limits>
#include <map>
#include <new>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
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

/// The fixed keys; `parameter` stands for the parameters of the table's measures ("alpha"),
/// `array` for their named arrays ("input", "mu_p").
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
  reduction,
  count,
  parameter,
  array
};

inline constexpr std::array<std::string_view, static_cast<std::size_t>(field::count)> key_names{
    "measure", "p",       "q",    "samples", "logits", "target",
    "type",    "variant", "base", "digits",  "id",     "reduction"};

/// The shape of a list as read: flat, or (two_d) `rows` rows of `cols` numbers each, stored row
/// after row.
struct list_shape {
  bool two_d = false;
  std::size_t rows = 0, cols = 0;
};

/// A list of reals read once in each format (the "type" key may come last); the first problem of
/// each reading is kept as a sentence.
struct real_list {
  static constexpr std::array<oracle::format, 4> formats{
      oracle::format::binary64, oracle::format::binary32, oracle::format::binary16,
      oracle::format::bfloat16};
  std::array<std::vector<double>, 4> v;
  std::array<std::string, 4> bad;
  list_shape shape;
  bool integer_tokens = true; ///< every entry written as a JSON integer (3, not 3.0 or "3")

  void add_text(std::string_view text, const std::string& where, bool quoted) {
    integer_tokens = false;
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
  /// An integer token: read as its text, rounded once to each format (an integer too large for
  /// a format is that format's "too large" problem, as for any other number).
  template <class I>
  void add_integer(I x, const std::string& where) {
    const bool kept = integer_tokens;
    add_text(std::to_string(x), where, false);
    integer_tokens = kept;
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

  explicit line_reader(measure_table table = oracle::measures()) : table_(table) {}

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
  std::map<std::string, real_list, std::less<>> arrays;  ///< the named arrays ("input")
  list_shape samples_shape;
  std::string reduction_text;

  /// The names of the named arrays of the line.
  [[nodiscard]] std::vector<std::string> array_keys() const {
    std::vector<std::string> out;
    for (const auto& [name, list] : arrays)
      out.push_back(name);
    return out;
  }
  /// The shape of the list of key `name` ("p", "samples", "input").
  [[nodiscard]] list_shape shape_of(std::string_view name) const {
    if (name == "samples") return samples_shape;
    if (const real_list* l = list_named(name)) return l->shape;
    return {};
  }
  /// The list of key `name`, or nullptr.
  [[nodiscard]] real_list* list_named(std::string_view name) {
    return const_cast<real_list*>(std::as_const(*this).list_named(name));
  }
  [[nodiscard]] const real_list* list_named(std::string_view name) const {
    if (name == "p") return &p;
    if (name == "q") return &q;
    if (name == "logits") return &logits;
    if (name == "target") return &target_list;
    const auto it = arrays.find(name);
    return it == arrays.end() ? nullptr : &it->second;
  }

  bool null() { return scalar_kind("null"); }
  bool boolean(bool v) { return scalar_kind(v ? "true" : "false"); }
  bool binary(binary_t&) { return scalar_kind("binary data"); }

  bool number_integer(number_integer_t v) { return integer(v, std::to_string(v)); }
  bool number_unsigned(number_unsigned_t v) {
    if (depth_ >= 2 && current_list()) { // a real that happens to be written as a big integer
      if (!element_ok()) return false;
      current_list()->add_integer(v, where());
      advance();
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
        && (depth_ >= 2 ? current_list() == nullptr
                        : (key_ == field::digits || key_ == field::target)))
      return integer_too_large(text);
    if (depth_ >= 2) {
      if (!element_ok()) return false;
      if (real_list* l = current_list()) {
        l->add_text(text, where(), false);
        advance();
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
    if (depth_ >= 2) {
      if (!element_ok()) return false;
      if (real_list* l = current_list()) {
        l->add_text(s, where(), true);
        advance();
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
    case field::reduction:
      reduction_text = s;
      return true;
    case field::id:
      if (s.size() > max_id_bytes)
        return fail("id is " + std::to_string(s.size()) + " bytes long; the limit is "
                    + std::to_string(max_id_bytes));
      id_json = json(s).dump(-1, ' ', false, json::error_handler_t::replace);
      return true;
    case field::base: {
      if (s == "e") {
        base_is_e = true;
        return true;
      }
      double b = 0; // a number in a string, as every other number may be ("2", "0x1p1")
      if (parse_real(s, b) != number_problem::none)
        return fail("base = \"" + excerpt(s)
                    + "\" is not a valid base (use \"e\", 2, 10 or a number)");
      return set_base(b);
    }
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
    if (depth_ >= 2) return fail(where() + " is an object; " + array_hint());
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
    const auto params = parameter_names(table_);
    if (std::find(params.begin(), params.end(), k) != params.end()) {
      if (parameters.count(k)) return fail("key \"" + k + "\" appears twice");
      key_ = field::parameter;
      parameter_key_ = k;
      return true;
    }
    const auto named = array_names(table_);
    if (std::find(named.begin(), named.end(), k) != named.end()) {
      if (arrays.count(k)) return fail("key \"" + k + "\" appears twice");
      key_ = field::array;
      parameter_key_ = k;
      arrays[k];
      return true;
    }
    std::string known;
    for (auto n : key_names)
      known += (known.empty() ? "" : ", ") + std::string(n);
    for (auto n : params)
      known += ", " + std::string(n);
    for (auto n : named)
      known += ", " + std::string(n);
    return fail("unknown key \"" + excerpt(k) + "\" (the keys are " + known + ")");
  }

  bool start_array(std::size_t) {
    if (depth_ == 0) return top_level_not_object();
    if (depth_ == 3)
      return fail(where() + " is an array; an input has at most two dimensions (an array of rows)");
    if (depth_ == 2) { // a row of a 2-D input
      list_shape* s = current_shape();
      if (!s) return fail(where() + " is an array; " + array_hint());
      if (index_ > 0 && !s->two_d)
        return fail(where() + " is an array, but " + std::string(name(key_))
                    + "[0] is a number; a 2-D input is an array of rows, each an array of "
                    + (key_ == field::samples ? "integers" : "numbers"));
      s->two_d = true;
      depth_ = 3;
      col_ = 0;
      return true;
    }
    switch (key_) {
    case field::p:
    case field::q:
    case field::logits:
    case field::samples:
    case field::array:
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
    if (depth_ == 3) { // the end of a row: every row has the length of the first
      list_shape* s = current_shape();
      if (index_ == 0) {
        s->cols = col_;
      } else if (col_ != s->cols) {
        const std::string n(name(key_));
        return fail(n + '[' + std::to_string(index_) + "] has " + std::to_string(col_)
                    + " entries but " + n + "[0] has " + std::to_string(s->cols)
                    + "; every row of a 2-D input has the same length");
      }
      s->rows = ++index_;
      depth_ = 2;
      return true;
    }
    depth_ = 1;
    return true;
  }

  bool parse_error(std::size_t position, const std::string& token,
                   const nlohmann::detail::exception& ex) {
    if (!error.empty()) return false;
    if (ex.id == 406) { // number overflow: the lexer's strtod went to infinity
      const std::string shown = excerpt(token);
      if (depth_ >= 2) {
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
  measure_table table_;
  int depth_ = 0; ///< 1: in the object; 2: in a list; 3: in a row of a 2-D list
  bool started_ = false;
  detail::field key_ = field::count;
  std::size_t index_ = 0;     ///< the index of the element (depth 2) or row (depth 3) being read
  std::size_t col_ = 0;       ///< the index of the element in its row (depth 3)
  std::string parameter_key_; ///< the parameter or named array of key_ parameter or array

  std::string_view name(detail::field k) const {
    if (k == field::parameter || k == field::array) return parameter_key_;
    return k == field::count ? "?" : key_names[static_cast<std::size_t>(k)];
  }
  /// A parameter's value: a number, written as a JSON number or a string.
  bool set_parameter(std::string_view text) {
    double v = 0;
    const auto pr = parse_real(text, v);
    if (pr != number_problem::none)
      return fail(parameter_key_ + " = " + excerpt(text) + ' ' + explain<double>(pr));
    if (integer_rounds(text, v))
      return fail(parameter_key_ + " = " + excerpt(text)
                  + " is not a binary64 number (integers beyond 2^53 round); give an integer of "
                    "at most 2^53 in magnitude");
    parameters[parameter_key_] = v;
    return true;
  }
  /// Whether an integer token (digits after an optional '-') differs from v, its binary64
  /// reading (printed exactly by %.0f).
  static bool integer_rounds(std::string_view t, double v) {
    if (!t.empty() && t[0] == '-') t.remove_prefix(1);
    if (t.empty() || t.find_first_not_of("0123456789") != std::string_view::npos) return false;
    while (t.size() > 1 && t[0] == '0')
      t.remove_prefix(1);
    if (!std::isfinite(v)) return true;
    char buf[400];
    std::snprintf(buf, sizeof buf, "%.0f", std::fabs(v));
    return t != std::string_view(buf);
  }
  bool fail(std::string message) {
    if (error.empty()) error = std::move(message);
    return false;
  }
  std::string where() const {
    std::string w = std::string(name(key_)) + '[' + std::to_string(index_) + ']';
    if (depth_ == 3) w += '[' + std::to_string(col_) + ']';
    return w;
  }
  std::string array_hint() const {
    return std::string(name(key_)) + " must be an array of "
           + (key_ == field::samples ? "integers" : "numbers") + " or an array of rows of them";
  }
  /// The shape of the list being read (nullptr: the key holds no list).
  list_shape* current_shape() {
    if (key_ == field::samples) return &samples_shape;
    real_list* l = current_list();
    return l ? &l->shape : nullptr;
  }
  /// Before an element of a list: directly in the list (depth 2) only while the list is flat.
  bool element_ok() {
    if (depth_ != 2) return true;
    const list_shape* s = current_shape();
    if (s && s->two_d)
      return fail(where() + " is a number, but " + std::string(name(key_))
                  + "[0] is an array; a 2-D input is an array of rows, each an array of "
                  + (key_ == field::samples ? "integers" : "numbers"));
    return true;
  }
  /// After an element: the next index of the list or of the row.
  void advance() {
    if (depth_ == 3)
      ++col_;
    else
      ++index_;
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
    case field::array:
      return &arrays[parameter_key_];
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
    case field::reduction:
      return "\"none\", \"sum\", \"mean\" or \"batchmean\"";
    default:
      return "an array of numbers";
    }
  }
  bool wrong_type(const char* got) {
    return fail("the value of \"" + std::string(name(key_)) + "\" is " + got + "; it must be "
                + expected());
  }
  bool scalar_kind(const char* what) {
    if (depth_ >= 2) return fail(where() + " is " + what + ", not a number");
    if (depth_ != 1) return top_level_not_object();
    return fail("the value of \"" + std::string(name(key_)) + "\" is " + what + "; it must be "
                + expected());
  }
  bool integer_too_large(const std::string& text) {
    const std::string at = depth_ >= 2 ? where() : std::string(name(key_));
    return fail(at + " = " + excerpt(text) + " is too large");
  }
  bool set_base(double b) {
    if (std::string e = check_base(b); !e.empty()) return fail(std::move(e));
    base = b;
    return true;
  }
  bool integer(std::int64_t v, const std::string& text) {
    if (depth_ >= 2) {
      if (!element_ok()) return false;
      if (real_list* l = current_list()) {
        l->add_integer(v, where());
      } else { // samples
        if (v < 0) return fail(where() + " = " + text + " is negative; sample indices are >= 0");
        samples.push_back(v);
      }
      advance();
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
      target_index = v; // a negative class is ignore_index's row or an error of the oracle's
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

/// The checks of a request's base and variant that depend on the measure, in the words of
/// `gibbs eval` (the Python module uses them too); "" when they are fine.
[[nodiscard]] inline std::string check_measure_options(const measure_info& m, bool has_variant,
                                                       std::string_view variant_text,
                                                       const oracle::request& req) {
  if (req.base != 0 && m.base == oracle::base_rule::rejected)
    return "base = " + shortest(req.base) + " has no meaning for measure " + std::string(m.name)
           + ", which has no logarithm";
  if (has_variant && !m.accepts(req.var))
    return "variant = \"" + std::string(variant_text) + "\" is not offered by measure "
           + std::string(m.name);
  return {};
}

/// The measure's parameters and no other, each within its rule, into req.parameters; "" when
/// they are fine, else what is wrong in the words of `gibbs eval`.
[[nodiscard]] inline std::string
check_parameters(const measure_info& m, const std::map<std::string, double, std::less<>>& given,
                 oracle::request& req) {
  for (const auto& [name, value] : given) {
    const oracle::parameter* p = oracle::find_parameter(m, name);
    if (!p) {
      std::string own;
      for (const auto& q : m.parameters)
        own += (own.empty() ? "" : ", ") + std::string(q.name);
      return "key \"" + name + "\" is not used by measure " + std::string(m.name)
             + (own.empty() ? std::string(" (it takes no parameter)")
                            : " (its parameters: " + own + ")");
    }
    if (!p->valid(value))
      return name + " = " + shortest(value) + " is not allowed; it must satisfy "
             + std::string(p->rule);
    req.parameters[name] = value;
  }
  for (const auto& p : m.parameters)
    if (p.required && !given.count(p.name))
      return "measure " + std::string(m.name) + " needs key \"" + std::string(p.name) + "\" ("
             + std::string(p.rule) + ")";
  return {};
}

namespace detail {

/// What a line asks, once read (by either reader), into an oracle request: the checks that
/// involve several keys. take(name, fmt, out) rounds the list of key `name` ("p", "input") to the
/// format. Lists given as arrays of rows (2-D) make a batch: request::rows is their number of
/// rows (the same in every 2-D list), every list is stored row after row, and a 1-D list is
/// repeated for every row.
template <class Fields, class Take>
[[nodiscard]] std::string finish_request(Fields& r, line_request& out, Take&& take,
                                         measure_table table) {
  const auto has = [&](field k) { return (r.seen & (1u << static_cast<unsigned>(k))) != 0; };
  if (!has(field::measure)) return "missing key \"measure\" (one of " + measure_names(table) + ")";
  const measure_info* m = find_measure(r.measure, table);
  if (!m)
    return "measure \"" + excerpt(r.measure) + "\" is unknown; the measures are "
           + measure_names(table);

  oracle::request req;
  req.what = m->id;
  if (has(field::type) && !parse_format(r.type, req.fmt))
    return "type = \"" + excerpt(r.type)
           + "\" is unknown; use \"binary64\", \"binary32\", \"binary16\" or \"bfloat16\"";
  if (has(field::variant) && !parse_variant(r.variant, req.var))
    return "variant = \"" + excerpt(r.variant)
           + "\" is unknown; use \"exact\", \"normalized\" or \"generalized\"";
  if (has(field::reduction) && !parse_reduction(r.reduction_text, req.reduce))
    return "reduction = \"" + excerpt(r.reduction_text)
           + "\" is unknown; use \"none\", \"sum\", \"mean\" or \"batchmean\"";
  req.base = r.base_is_e ? 0.0 : r.base;
  if (auto e = check_measure_options(*m, has(field::variant), r.variant, req); !e.empty()) return e;
  req.digits = static_cast<int>(r.digits);
  out.with_digits = has(field::digits) && r.digits > 0;

  // Each input is either needed by the measure or an error: a stray key is usually a typo.
  const field input_keys[] = {field::p, field::q, field::samples, field::logits, field::target};
  const auto takes = [&] { // "it takes p and q", "its arrays: input", "it takes p; its arrays: w"
    const std::string s = describe_inputs(m->inputs), a = describe_arrays(*m);
    const std::string arrays = a.empty() ? "" : "its arrays: " + a;
    return s.empty() ? arrays : "it takes " + s + (a.empty() ? "" : "; " + arrays);
  };
  for (std::size_t i = 0; i < std::size(input_keys); ++i) {
    const bool needed = (m->inputs & (1u << i)) != 0;
    const auto n = std::string(input_names[i]);
    if (needed && !has(input_keys[i]))
      return "measure " + std::string(m->name) + " needs key \"" + n + "\" (" + takes() + ")";
    if (!needed && has(input_keys[i]))
      return "key \"" + n + "\" is not used by measure " + std::string(m->name) + " (" + takes()
             + ")";
  }
  const std::vector<std::string> given_arrays = r.array_keys();
  for (const std::string& name : given_arrays)
    if (!find_array(*m, name))
      return "key \"" + name + "\" is not used by measure " + std::string(m->name) + " (" + takes()
             + ")";
  for (const oracle::array_input& a : m->arrays)
    if (a.required
        && std::find(given_arrays.begin(), given_arrays.end(), a.name) == given_arrays.end())
      return "measure " + std::string(m->name) + " needs key \"" + std::string(a.name) + "\" ("
             + std::string(a.help) + ")";
  if (auto e = check_parameters(*m, r.parameters, req); !e.empty()) return e;

  // The lists of the line, by key, and where each goes.
  std::vector<std::pair<std::string, std::vector<double>*>> lists;
  if (has(field::p)) lists.emplace_back("p", &req.p);
  if (has(field::q)) lists.emplace_back("q", &req.q);
  if (has(field::logits)) lists.emplace_back("logits", &req.logits);
  if (has(field::target) && r.target_is_list) lists.emplace_back("target", &req.target);
  for (const std::string& name : given_arrays)
    lists.emplace_back(name, &req.arrays[name]);
  // The number of rows of a batch: the same in every 2-D list.
  std::size_t rows = 0;
  std::string owner;
  const auto count_rows = [&](const std::string& name) -> std::string {
    const list_shape s = r.shape_of(name);
    if (!s.two_d) return {};
    if (owner.empty()) {
      rows = s.rows;
      owner = name;
    } else if (s.rows != rows) {
      return name + " has " + std::to_string(s.rows) + " rows but " + owner + " has "
             + std::to_string(rows) + "; every 2-D input of a batch has the same number of rows";
    }
    return {};
  };
  for (const auto& [name, dst] : lists)
    if (auto e = count_rows(name); !e.empty()) return e;
  if (has(field::samples))
    if (auto e = count_rows("samples"); !e.empty()) return e;
  for (const auto& [name, dst] : lists)
    if (auto e = take(name, req.fmt, *dst); !e.empty()) return e;
  if (has(field::target) && !r.target_is_list) req.target_index = r.target_index;
  req.samples = std::move(r.samples);
  req.rows = static_cast<std::int64_t>(rows);
  // A 1-D target of B integers (JSON integer tokens: 2, not 2.0 or "2") with a batch of B rows,
  // for a measure with class targets (descriptor::class_targets: logits_cross_entropy and its
  // gradient): one class index per row, as PyTorch's integer class targets; written as reals
  // (0.0, 1.0) it is a distribution shared by every row, as a float tensor is. For the binary
  // losses an integer target is a list of numbers like any other.
  bool class_per_row = false;
  if (rows > 0 && has(field::target) && r.target_is_list && !r.shape_of("target").two_d
      && r.target_list.integer_tokens && m->class_targets && req.target.size() == rows) {
    class_per_row = true;
    for (double t : req.target)
      class_per_row = class_per_row && t == std::trunc(t) && std::fabs(t) < 0x1p62;
    if (class_per_row) {
      for (double t : req.target)
        req.samples.push_back(static_cast<std::int64_t>(t));
      req.target.clear();
    }
  }
  if (rows > 0) { // a 1-D list is the same for every row
    const auto repeat = [rows](auto& v) {
      auto one = v;
      v.clear();
      v.reserve(one.size() * rows);
      for (std::size_t i = 0; i < rows; ++i)
        v.insert(v.end(), one.begin(), one.end());
    };
    for (const auto& [name, dst] : lists) {
      const oracle::array_input* a = find_array(*m, name); // per class: shared, not repeated
      if (!r.shape_of(name).two_d && !(a && a->per_class) && !(class_per_row && name == "target"))
        repeat(*dst);
    }
    if (has(field::samples) && !r.shape_of("samples").two_d) repeat(req.samples);
  }
  out.req = std::move(req);
  return {};
}

/// The fast reader's findings: like line_reader's, with the reals kept as their text.
struct fast_fields {
  unsigned seen = 0;
  std::string measure, type, variant, id_json, reduction_text;
  std::map<std::string, double, std::less<>> parameters; ///< none: lines with one go to SAX
  /// A list of reals: already binary64 (values) when the line has no "type" key, else the
  /// number tokens or string contents (texts), rounded once the format is known.
  struct list {
    std::vector<std::string_view> texts;
    std::vector<double> values;
    bool integer_tokens = true; ///< every entry written as a JSON integer
  };
  bool binary64 = false; ///< no "type" key: the format is binary64 from the start
  list p, q, logits, target_list;
  std::vector<std::int64_t> samples;
  std::int64_t target_index = -1, digits = 0;
  bool target_is_list = false, base_is_e = false;
  double base = 0;
  /// Named arrays and 2-D lists are read by the SAX reader: here there are none.
  [[nodiscard]] std::vector<std::string> array_keys() const { return {}; }
  [[nodiscard]] list_shape shape_of(std::string_view) const { return {}; }
};

/// A JSON number token (RFC 8259: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?) with the
/// whitespace after it removed; false when it is not one.
[[nodiscard]] inline bool json_number(std::string_view& t) noexcept {
  while (!t.empty()
         && (t.back() == ' ' || t.back() == '\t' || t.back() == '\n' || t.back() == '\r'))
    t.remove_suffix(1);
  std::size_t i = 0;
  const auto digits = [&] {
    const std::size_t from = i;
    while (i < t.size() && t[i] >= '0' && t[i] <= '9')
      ++i;
    return i > from;
  };
  if (i < t.size() && t[i] == '-') ++i;
  if (i < t.size() && t[i] == '0')
    ++i;
  else if (!digits())
    return false;
  if (i < t.size() && t[i] == '.') {
    ++i;
    if (!digits()) return false;
  }
  if (i < t.size() && (t[i] == 'e' || t[i] == 'E')) {
    ++i;
    if (i < t.size() && (t[i] == '+' || t[i] == '-')) ++i;
    if (!digits()) return false;
  }
  return i == t.size();
}

[[nodiscard]] inline bool integer_token(std::string_view t) noexcept {
  return t.find_first_of(".eE") == std::string_view::npos;
}

/// Reads a line that is valid and plain — an object of known keys, each once, holding strings,
/// numbers and flat arrays of them, every value of the kind its key takes — with simdjson, every
/// number kept as its text. False for anything else (then the SAX reader reads the line and
/// says what is wrong): the fast reader never decides that a line is invalid.
[[nodiscard]] inline bool fast_read(std::string_view line, fast_fields& f) {
  namespace od = simdjson::ondemand;
  thread_local od::parser parser;
  thread_local std::vector<char> buf;
  std::size_t lead = 0;
  while (lead < line.size() && (line[lead] == ' ' || line[lead] == '\t'))
    ++lead;
  if (lead == line.size() || line[lead] != '{') return false;
  buf.resize(line.size() + simdjson::SIMDJSON_PADDING);
  std::memcpy(buf.data(), line.data(), line.size());
  od::document doc;
  if (parser.iterate(buf.data(), line.size(), buf.size()).get(doc) != simdjson::SUCCESS)
    return false;
  od::object obj;
  // Nothing but whitespace may follow the object (simdjson 3.0's document has no at_end()): find
  // where the object ends by skipping it, then read it from the start.
  std::string_view whole;
  if (doc.get_object().get(obj) != simdjson::SUCCESS
      || obj.raw_json().get(whole) != simdjson::SUCCESS)
    return false;
  const std::size_t after = static_cast<std::size_t>(whole.data() - buf.data()) + whole.size();
  if (line.find_first_not_of(" \t", after) != std::string_view::npos) return false;
  doc.rewind();
  if (doc.get_object().get(obj) != simdjson::SUCCESS) return false;
  // Without a "type" key (a key spelled with escapes is caught below) the format is binary64:
  // simdjson's get_double rounds each number once, correctly, straight from its text (and
  // checks the JSON grammar); a 0 is looked at again, since an underflow also reads as 0.
  f.binary64 = line.find("\"type\"") == std::string_view::npos;
  const auto read_list = [&f](od::value& v, fast_fields::list& out) {
    od::array a;
    if (v.get_array().get(a) != simdjson::SUCCESS) return false;
    for (auto item : a) {
      od::value e;
      od::json_type t;
      if (std::move(item).get(e) != simdjson::SUCCESS || e.type().get(t) != simdjson::SUCCESS)
        return false;
      if (t == od::json_type::number) {
        std::string_view tok = e.raw_json_token();
        out.integer_tokens = out.integer_tokens && integer_token(tok);
        if (!f.binary64) {
          if (!json_number(tok)) return false;
          out.texts.push_back(tok);
          continue;
        }
        // simdjson 3.0.1 misreads some decimals of more than 19 significant digits
        // (0.30000000000000004441 as 0x1.d938ab3a84889p-4): those, and zeros, are read by
        // parse_real from their text.
        std::size_t digits = 0; // significant: from the first non-zero digit on
        for (const char c : tok) {
          if (c == 'e' || c == 'E') break;
          digits += c >= (digits == 0 ? '1' : '0') && c <= '9';
        }
        double x = 0;
        if (digits <= 19 && e.get_double().get(x) != simdjson::SUCCESS) return false;
        if (digits > 19 || x == 0) {
          if (!json_number(tok) || parse_real(tok, x) != number_problem::none) return false;
          if (x == 0 && integer_token(tok)) x = 0; // "-0" is the integer 0, as SAX reads it
        }
        out.values.push_back(x);
      } else if (t == od::json_type::string) {
        out.integer_tokens = false;
        std::string_view s;
        if (e.get_string().get(s) != simdjson::SUCCESS) return false;
        if (!f.binary64) {
          out.texts.push_back(s);
          continue;
        }
        double x = 0;
        if (parse_real(s, x) != number_problem::none) return false;
        out.values.push_back(x);
      } else {
        return false;
      }
    }
    return true;
  };
  const auto read_integer = [](od::value& v, std::int64_t& out) {
    od::json_type t;
    if (v.type().get(t) != simdjson::SUCCESS || t != od::json_type::number) return false;
    std::string_view tok = v.raw_json_token();
    return json_number(tok) && integer_token(tok) && parse_int(tok, out) == number_problem::none;
  };
  const auto read_string = [](od::value& v, std::string_view& out) {
    return v.get_string().get(out) == simdjson::SUCCESS;
  };
  const auto read_text = [&read_string](od::value& v, std::string& out) {
    std::string_view sv;
    if (!read_string(v, sv)) return false;
    out.assign(sv);
    return true;
  };
  for (auto member : obj) {
    od::field fld;
    std::string_view key;
    if (std::move(member).get(fld) != simdjson::SUCCESS
        || fld.unescaped_key().get(key) != simdjson::SUCCESS)
      return false;
    std::size_t k = 0;
    while (k < key_names.size() && key_names[k] != key)
      ++k;
    if (k == key_names.size() || (f.seen & (1u << k))) return false;
    f.seen |= 1u << k;
    od::value& v = fld.value();
    switch (static_cast<field>(k)) {
    case field::measure:
      if (!read_text(v, f.measure)) return false;
      break;
    case field::type:
      if (f.binary64 || !read_text(v, f.type)) return false;
      break;
    case field::variant:
      if (!read_text(v, f.variant)) return false;
      break;
    case field::reduction:
      if (!read_text(v, f.reduction_text)) return false;
      break;
    case field::p:
      if (!read_list(v, f.p)) return false;
      break;
    case field::q:
      if (!read_list(v, f.q)) return false;
      break;
    case field::logits:
      if (!read_list(v, f.logits)) return false;
      break;
    case field::samples: {
      od::array a;
      if (v.get_array().get(a) != simdjson::SUCCESS) return false;
      for (auto item : a) {
        od::value e;
        std::int64_t s = 0;
        if (std::move(item).get(e) != simdjson::SUCCESS || !read_integer(e, s) || s < 0)
          return false;
        f.samples.push_back(s);
      }
      break;
    }
    case field::target: {
      od::json_type t;
      if (v.type().get(t) != simdjson::SUCCESS) return false;
      if (t == od::json_type::array) {
        f.target_is_list = true;
        if (!read_list(v, f.target_list)) return false;
      } else if (!read_integer(v, f.target_index)) {
        return false;
      }
      break;
    }
    case field::digits:
      if (!read_integer(v, f.digits) || f.digits < 0 || f.digits > max_digits) return false;
      break;
    case field::base: {
      od::json_type t;
      if (v.type().get(t) != simdjson::SUCCESS) return false;
      if (t == od::json_type::string) {
        std::string_view s;
        if (!read_string(v, s) || s != "e") return false;
        f.base_is_e = true;
      } else {
        if (t != od::json_type::number) return false;
        std::string_view tok = v.raw_json_token();
        if (!json_number(tok) || parse_real(tok, f.base) != number_problem::none
            || !check_base(f.base).empty())
          return false;
      }
      break;
    }
    case field::id: {
      od::json_type t;
      if (v.type().get(t) != simdjson::SUCCESS) return false;
      if (t == od::json_type::string) {
        std::string_view s;
        if (!read_string(v, s) || s.size() > max_id_bytes) return false;
        f.id_json = nlohmann::json(std::string(s))
                        .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
      } else {
        std::int64_t id = 0;
        if (!read_integer(v, id)) return false;
        f.id_json = std::to_string(id);
      }
      break;
    }
    default:
      return false;
    }
  }
  return true;
}

/// The texts of a list rounded once each, straight to the format; false at the first problem.
template <class T>
[[nodiscard]] bool round_list(const std::vector<std::string_view>& texts,
                              std::vector<double>& out) {
  out.resize(texts.size());
  for (std::size_t i = 0; i < texts.size(); ++i) {
    T x{};
    if (parse_real(texts[i], x) != number_problem::none) return false;
    // An integer literal is an integer: "-0" is 0, as the SAX reader reads it.
    if (x == 0 && integer_token(texts[i])) x = 0;
    out[i] = static_cast<double>(x);
  }
  return true;
}

} // namespace detail

/// Reads one line into an oracle request. Returns "" on success, else what is wrong (one
/// sentence, without the line number). The id is set as soon as it was read, even on error.
/// A plain valid line is read by simdjson with each number rounded once from its text; any
/// other line by nlohmann-json's SAX reader, which names what is wrong.
/// (sax_only: always the SAX reader, for tests that compare the two readers.)
/// table: the measures it knows (the oracle's table; tests give descriptors of their own).
[[nodiscard]] inline std::string parse_request(std::string_view line, line_request& out,
                                               bool sax_only = false,
                                               measure_table table = oracle::measures()) {
  using detail::field;
  if (line.size() > max_line_bytes)
    return "the line is " + std::to_string(line.size()) + " bytes long, more than the limit of "
           + std::to_string(max_line_bytes)
           + "; use the shell form with --p-file/--q-file for large vectors";
  if (const auto nul = line.find('\0'); nul != std::string_view::npos)
    return "the line contains a NUL byte at column " + std::to_string(nul + 1);

  {
    detail::fast_fields f;
    if (!sax_only && detail::fast_read(line, f)) {
      bool rounded = true;
      const auto take = [&](std::string_view k, oracle::format fmt, std::vector<double>& dst) {
        auto& l = k == "p" ? f.p : k == "q" ? f.q : k == "logits" ? f.logits : f.target_list;
        if (f.binary64)
          dst = std::move(l.values);
        else if (fmt == oracle::format::binary32)
          rounded = detail::round_list<float>(l.texts, dst);
        else if (fmt == oracle::format::binary64)
          rounded = detail::round_list<double>(l.texts, dst);
        else // binary16, bfloat16: the SAX reader rounds their numbers (number_text.hpp)
          rounded = false;
        return std::string(rounded ? "" : "?");
      };
      line_request fast;
      if (detail::finish_request(f, fast, take, table).empty()) {
        fast.id_json = std::move(f.id_json);
        out = std::move(fast);
        return {};
      }
    }
  }

  detail::line_reader r(table);
  const bool ok = nlohmann::json::sax_parse(line.begin(), line.end(), &r);
  out.id_json = r.id_json;
  if (!ok || !r.error.empty())
    return r.error.empty() ? std::string("the line is not valid JSON") : r.error;
  return detail::finish_request(
      r, out,
      [&](std::string_view k, oracle::format fmt, std::vector<double>& dst) {
        return detail::take(*r.list_named(k), fmt, dst);
      },
      table);
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

/// The answer to a request: one result (a single case, or a reduction), or one result per row
/// (reduction none of a batch) or per element (reduction none of an elementwise measure) in
/// `each`, shaped `rows` x `cols` (rows == 0: a list of cols results).
struct answer {
  bool many = false;
  oracle::result one;
  std::vector<oracle::result> each;
  std::size_t rows = 0, cols = 0;
};

/// Evaluates a request of measure m as its reduction says: one result for a single case of a
/// row measure and for a reduction (sum, mean, batchmean; an elementwise measure's default is
/// mean), else one result per row of the batch or per element (shaped like the input: rows x
/// elements for a batch of an elementwise measure). Throws what oracle::evaluate throws.
[[nodiscard]] inline answer evaluate_answer(const oracle::request& req, const measure_info& m) {
  answer a;
  if ((reduces(m, req.reduce) && !m.vector_valued) || (req.rows == 0 && !per_element(m))) {
    a.one = oracle::evaluate(req);
    return a;
  }
  a.many = true;
  a.each = oracle::evaluate_all(req);
  const auto rows = static_cast<std::size_t>(req.rows);
  if (!per_element(m) || rows == 0) {
    a.cols = a.each.size();
    if (!per_element(m) && a.cols != rows)
      throw std::logic_error("gibbs: " + std::to_string(a.cols) + " results for a batch of "
                             + std::to_string(rows) + " rows");
  } else {
    if (a.each.size() % rows != 0)
      throw std::logic_error("gibbs: " + std::to_string(a.each.size())
                             + " element results for a batch of " + std::to_string(rows) + " rows");
    a.rows = rows;
    a.cols = a.each.size() / rows;
  }
  return a;
}

/// The JSON object of an answer: result_json for one result; for many, "value", "hex", "lo",
/// "hi", "exact" (and "digits") are arrays of the answer's shape (arrays of rows for rows x
/// cols).
[[nodiscard]] inline std::string answer_json(const answer& a, oracle::format fmt, bool with_digits,
                                             const std::string& id_json = {}) {
  if (!a.many) return result_json(a.one, fmt, with_digits, id_json);
  const auto array = [&](auto&& item) {
    std::string s = "[";
    const std::size_t rows = a.rows == 0 ? 1 : a.rows;
    for (std::size_t r = 0; r < rows; ++r) {
      if (a.rows) s += r ? ",[" : "[";
      for (std::size_t c = 0; c < a.cols; ++c)
        s += (c ? "," : "") + item(a.each[r * a.cols + c]);
      if (a.rows) s += ']';
    }
    return s + ']';
  };
  const auto quoted = [](const std::string& t) { return '"' + t + '"'; };
  std::string out = id_json.empty() ? "{" : "{\"id\":" + id_json + ",";
  out += "\"value\":" + array([&](const oracle::result& r) {
           const std::string v = shortest(r.value, fmt);
           return std::isfinite(r.value) ? v : quoted(v);
         });
  out += ",\"hex\":" + array([&](const oracle::result& r) { return quoted(hex(r.value, fmt)); });
  out += ",\"lo\":" + array([&](const oracle::result& r) { return quoted(hex(r.lo, fmt)); });
  out += ",\"hi\":" + array([&](const oracle::result& r) { return quoted(hex(r.hi, fmt)); });
  out += ",\"exact\":"
         + array([](const oracle::result& r) { return std::string(r.exact ? "true" : "false"); });
  if (with_digits)
    out += ",\"digits\":"
           + array([](const oracle::result& r) { return nlohmann::json(r.digits).dump(); });
  return out + '}';
}

namespace detail {

inline std::string answer_line(std::string_view line, std::size_t line_no, bool& ok) {
  const std::string at = "line " + std::to_string(line_no) + ": ";
  line_request l;
  try {
    if (std::string e = parse_request(line, l); !e.empty()) return error_json(at + e, l.id_json);
    const answer a = evaluate_answer(l.req, oracle::descriptor_of(l.req.what));
    ok = true;
    return answer_json(a, l.req.fmt, l.with_digits, l.id_json);
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
