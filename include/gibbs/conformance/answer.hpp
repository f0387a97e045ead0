// gibbs/conformance/answer.hpp: what an implementation said about one case, read from one line of
// its output:
//
//   {"id": 3, "value": 0.0872}            a number (also "inf", "-inf", "nan", "0x1.6p-4", NaN,
//                                         Infinity; the id is optional, answers then go in order)
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
  double value = 0;
  std::string text; ///< the error message, or the offending line (truncated)
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
    std::string text; ///< string contents (unescaped) or the raw token
    bool is_string = false;
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
        if (!skip_nested()) return false;
        fl.text = "<nested>";
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
  double value = 0;
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
      if (auto v = detail::read_number(f.text))
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
    a.value = value;
    a.text.clear();
  }
  return a;
}

} // namespace gibbs::conformance

#endif // GIBBS_CONFORMANCE_ANSWER_HPP
