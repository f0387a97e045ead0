// gibbs/conformance/answer.hpp: what an implementation said about one case, read from one line of
// its output:
//
//   {"id": 3, "value": 0.0872}            a number (also "inf", "-inf", "nan", "0x1.6p-4", NaN,
//                                         Infinity; the id is optional, answers then go in order)
//   {"id": 3, "value": [0.25, 0.75]}      an array of such numbers, for a case whose answer is
//                                         one value per row or element (reduction none, softmax);
//                                         nested rows [[...], [...]] are read row-major
//   {"id": 3, "error": "p is negative"}   the input was rejected
//   {"id": 3, "unsupported": "js"}        the implementation does not offer this measure: not
//   graded
//
// Anything else (not an object, no value/error key, a value that is not a number) is garbage.
// The reader is a small JSON scanner of one flat object, so that the conformance header needs no
// JSON library.
#ifndef GIBBS_CONFORMANCE_ANSWER_HPP
#define GIBBS_CONFORMANCE_ANSWER_HPP

#include <cerrno>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gibbs::conformance {

/// One answer of an implementation.
struct answer {
  enum class kind {
    value,       ///< a number (possibly inf or NaN)
    rejected,    ///< {"error": …}: the implementation refused the input
    unsupported, ///< {"unsupported": …}: not offered, not graded
    missing,     ///< no line for this case (crash, timeout, too few lines)
    garbage,     ///< a line that is not a valid answer
    thrown,      ///< (C++ API) the callable threw something that is not an exception of gibbs
  };
  kind what = kind::missing;
  double value = 0;           ///< a number; for an array, the element graded worst
  bool array = false;         ///< the value was an array: its elements are in values
  std::vector<double> values; ///< the elements of an array answer, row-major
  std::string text;           ///< the error message, or the offending line (truncated)
};

[[nodiscard]] inline const char* kind_name(answer::kind k) {
  switch (k) {
  case answer::kind::value:
    return "value";
  case answer::kind::rejected:
    return "rejected";
  case answer::kind::unsupported:
    return "unsupported";
  case answer::kind::missing:
    return "missing";
  case answer::kind::garbage:
    return "garbage";
  case answer::kind::thrown:
    return "thrown";
  }
  return "?";
}

namespace detail {

/// Reads a number from text: decimal, hex float (0x…p…), inf/infinity/nan in any case, with
/// an optional sign. Returns nullopt unless the whole text is one number.
[[nodiscard]] inline std::optional<double> read_number(std::string_view t) {
  while (!t.empty() && (t.front() == ' ' || t.front() == '\t'))
    t.remove_prefix(1);
  while (!t.empty() && (t.back() == ' ' || t.back() == '\t'))
    t.remove_suffix(1);
  if (t.empty() || t.size() > 128) return std::nullopt;
  std::string s(t);
  std::string lower;
  for (char c : s)
    lower += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  const bool neg = !lower.empty() && lower[0] == '-';
  const std::string_view body = std::string_view(lower).substr(
      (!lower.empty() && (lower[0] == '-' || lower[0] == '+')) ? 1 : 0);
  const double inf = std::numeric_limits<double>::infinity();
  if (body == "inf" || body == "infinity") return neg ? -inf : inf;
  if (body == "nan") return std::numeric_limits<double>::quiet_NaN();
  char* end = nullptr;
  errno = 0;
  const double v = std::strtod(s.c_str(), &end); // decimal and hex floats, correctly rounded
  if (end != s.c_str() + s.size()) return std::nullopt;
  return v;
}

/// A tiny scanner of one flat JSON object: keys with string, number, literal or (skipped)
/// array/object values. Enough to read answers; anything malformed makes the line garbage.
class flat_object {
public:
  explicit flat_object(std::string_view s) : s_(s) {}

  struct field {
    std::string key;
    std::string text; ///< string contents (unescaped) or the raw token (an array or object too)
    bool is_string = false;
    bool is_nested = false; ///< an array or object
  };

  /// Calls f(field) for every key; returns false on malformed input.
  template <class F>
  bool scan(F&& f) {
    ws();
    if (!eat('{')) return false;
    ws();
    if (eat('}')) return rest_empty();
    while (true) {
      ws();
      field fl;
      if (!string(fl.key)) return false;
      ws();
      if (!eat(':')) return false;
      ws();
      if (peek() == '"') {
        fl.is_string = true;
        if (!string(fl.text)) return false;
      } else if (peek() == '[' || peek() == '{') {
        const std::size_t b = i_;
        if (!skip_nested()) return false;
        fl.text = std::string(s_.substr(b, i_ - b));
        fl.is_nested = true;
      } else {
        const std::size_t b = i_;
        while (i_ < s_.size() && s_[i_] != ',' && s_[i_] != '}' && s_[i_] != ' ' && s_[i_] != '\t')
          ++i_;
        if (i_ == b) return false;
        fl.text = std::string(s_.substr(b, i_ - b));
      }
      f(fl);
      ws();
      if (eat(',')) continue;
      if (eat('}')) return rest_empty();
      return false;
    }
  }

private:
  char peek() const { return i_ < s_.size() ? s_[i_] : '\0'; }
  bool eat(char c) {
    if (peek() != c) return false;
    ++i_;
    return true;
  }
  void ws() {
    while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\t' || s_[i_] == '\r' || s_[i_] == '\n'))
      ++i_;
  }
  bool rest_empty() {
    ws();
    return i_ == s_.size();
  }
  bool string(std::string& out) {
    if (!eat('"')) return false;
    while (i_ < s_.size()) {
      const char c = s_[i_++];
      if (c == '"') return true;
      if (c == '\\') {
        if (i_ >= s_.size()) return false;
        const char e = s_[i_++];
        switch (e) {
        case 'n':
          out += '\n';
          break;
        case 't':
          out += '\t';
          break;
        case 'r':
          out += '\r';
          break;
        case 'b':
        case 'f':
          out += ' ';
          break;
        case 'u':
          if (i_ + 4 > s_.size()) return false;
          i_ += 4;
          out += '?';
          break;
        default:
          out += e;
        }
      } else {
        out += c;
      }
    }
    return false;
  }
  bool skip_nested() {
    int depth = 0;
    bool in_string = false;
    while (i_ < s_.size()) {
      const char c = s_[i_++];
      if (in_string) {
        if (c == '\\')
          ++i_;
        else if (c == '"')
          in_string = false;
      } else if (c == '"') {
        in_string = true;
      } else if (c == '[' || c == '{') {
        ++depth;
      } else if (c == ']' || c == '}') {
        if (--depth == 0) return true;
      }
    }
    return false;
  }

  std::string_view s_;
  std::size_t i_ = 0;
};

/// Reads a JSON array of numbers (JSON numbers or strings that read_number takes), possibly of
/// nested arrays (rows), into out, flattened row-major. False unless the whole text is one such
/// array.
[[nodiscard]] inline bool read_number_array(std::string_view t, std::vector<double>& out) {
  std::size_t i = 0;
  int depth = 0;
  const auto ws = [&] {
    while (i < t.size() && (t[i] == ' ' || t[i] == '\t' || t[i] == '\r' || t[i] == '\n'))
      ++i;
  };
  ws();
  if (i >= t.size() || t[i] != '[') return false;
  bool expect_item = true; // after '[' or ','
  bool after_open = false;
  while (i < t.size()) {
    ws();
    if (i >= t.size()) return false;
    const char c = t[i];
    if (c == '[') {
      if (!expect_item) return false;
      ++depth;
      ++i;
      after_open = true;
      continue;
    }
    if (c == ']') {
      if (expect_item && !after_open) return false; // "[1,]"
      ++i;
      expect_item = false;
      after_open = false;
      if (--depth == 0) {
        ws();
        return i == t.size();
      }
      continue;
    }
    if (c == ',') {
      if (expect_item) return false;
      ++i;
      expect_item = true;
      after_open = false;
      continue;
    }
    if (!expect_item || depth == 0) return false;
    std::string token;
    if (c == '"') {
      const std::size_t e = t.find('"', i + 1);
      if (e == std::string_view::npos) return false;
      token = std::string(t.substr(i + 1, e - i - 1));
      i = e + 1;
    } else {
      const std::size_t b = i;
      while (i < t.size() && t[i] != ',' && t[i] != ']' && t[i] != ' ' && t[i] != '\t')
        ++i;
      token = std::string(t.substr(b, i - b));
    }
    const auto v = read_number(token);
    if (!v) return false;
    out.push_back(*v);
    expect_item = false;
    after_open = false;
  }
  return false;
}

inline std::string excerpt(std::string_view s, std::size_t n = 120) {
  std::string out(s.substr(0, n));
  if (s.size() > n) out += "...";
  return out;
}

} // namespace detail

/// Reads one output line. Sets *id to the "id" field when there is an integer one, else -1.
[[nodiscard]] inline answer parse_answer(std::string_view line, std::int64_t* id = nullptr) {
  if (id != nullptr) *id = -1;
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  answer a;
  a.what = answer::kind::garbage;
  a.text = detail::excerpt(line);
  bool has_value = false, has_error = false, has_unsupported = false, bad_value = false;
  bool is_array = false;
  double value = 0;
  std::vector<double> values;
  std::string message;
  std::int64_t the_id = -1;
  detail::flat_object obj(line);
  const bool ok = obj.scan([&](const detail::flat_object::field& f) {
    if (f.key == "id" && !f.is_string) {
      char* end = nullptr;
      const long long v = std::strtoll(f.text.c_str(), &end, 10);
      if (end == f.text.c_str() + f.text.size() && v >= 0) the_id = v;
    } else if (f.key == "value") {
      has_value = true;
      if (f.is_nested) {
        is_array = true;
        bad_value = !detail::read_number_array(f.text, values);
      } else if (auto v = detail::read_number(f.text))
        value = *v;
      else
        bad_value = true;
    } else if (f.key == "error") {
      has_error = true;
      message = f.text;
    } else if (f.key == "unsupported") {
      has_unsupported = true;
      message = f.text;
    }
  });
  if (!ok) return a;
  if (id != nullptr) *id = the_id;
  if (has_error) {
    a.what = answer::kind::rejected;
    a.text = detail::excerpt(message, 300);
  } else if (has_unsupported) {
    a.what = answer::kind::unsupported;
    a.text = detail::excerpt(message, 300);
  } else if (has_value && !bad_value) {
    a.what = answer::kind::value;
    a.value = is_array ? (values.empty() ? 0 : values.front()) : value;
    a.array = is_array;
    a.values = std::move(values);
    a.text.clear();
  }
  return a;
}

} // namespace gibbs::conformance

#endif // GIBBS_CONFORMANCE_ANSWER_HPP
