// examples/peers/naive_peer.cpp: a C++ peer for `gibbs conform` — the kernel most C++ code bases
// contain: a plain loop over Σ p·log(p/q) in the case's precision (double, or float for binary32
// cases), skipping p_i = 0, validating nothing.
//
//   echo '{"id":0,"measure":"kl","p":[0.5,0.5],"q":[0.7,0.3]}' | naive_peer
//   {"id":0,"value":0.08228287850505178}
#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>
#include <iostream>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

template <class T>
T kl(const std::vector<T>& p, const std::vector<T>& q) {
  T s = 0;
  for (std::size_t i = 0; i < p.size(); ++i)
    if (p[i] > 0) s += p[i] * std::log(p[i] / q[i]);
  return s;
}

template <class T>
T entropy(const std::vector<T>& p) {
  T s = 0;
  for (T x : p)
    if (x > 0) s -= x * std::log(x);
  return s;
}

template <class T>
T cross_entropy(const std::vector<T>& p, const std::vector<T>& q) {
  T s = 0;
  for (std::size_t i = 0; i < p.size(); ++i)
    if (p[i] > 0) s -= p[i] * std::log(q[i]);
  return s;
}

template <class T>
T js(const std::vector<T>& p, const std::vector<T>& q) {
  std::vector<T> m(p.size());
  for (std::size_t i = 0; i < p.size(); ++i)
    m[i] = (p[i] + q[i]) / 2;
  return kl(p, m) / 2 + kl(q, m) / 2;
}

// A number of the case: a JSON number, or a string such as "0x1.8p-3", "nan", "inf".
double number(const nlohmann::json& x) {
  if (x.is_string()) {
    const std::string s = x.get<std::string>();
    if (s == "nan") return std::numeric_limits<double>::quiet_NaN();
    return std::strtod(s.c_str(), nullptr); // hex floats, "inf", "-inf"
  }
  return x.get<double>();
}

template <class T>
std::vector<T> vec(const nlohmann::json& c, const char* key) {
  std::vector<T> v;
  if (c.contains(key))
    for (const auto& x : c[key])
      v.push_back(static_cast<T>(number(x)));
  return v;
}

template <class T>
double answer(const nlohmann::json& c, const std::string& what) {
  const auto p = vec<T>(c, "p"), q = vec<T>(c, "q");
  T v;
  if (what == "entropy")
    v = entropy(p);
  else if (what == "cross_entropy")
    v = cross_entropy(p, q);
  else if (what == "kl")
    v = kl(p, q);
  else if (what == "js")
    v = js(p, q);
  else
    throw std::domain_error(what);
  if (c.contains("base")) v /= static_cast<T>(std::log(number(c["base"])));
  return static_cast<double>(v);
}

std::string value_text(double v) {
  if (std::isnan(v)) return "\"nan\"";
  if (std::isinf(v)) return v > 0 ? "\"inf\"" : "\"-inf\"";
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}

} // namespace

int main() {
  std::string line;
  while (std::getline(std::cin, line)) {
    if (line.empty()) continue;
    const auto c = nlohmann::json::parse(line);
    const std::string head = c.contains("id") ? "{\"id\":" + c["id"].dump() + "," : "{";
    const std::string what = c["measure"].get<std::string>();
    try {
      const bool f32 = c.value("type", "binary64") == "binary32";
      const double v = f32 ? answer<float>(c, what) : answer<double>(c, what);
      std::printf("%s\"value\":%s}\n", head.c_str(), value_text(v).c_str());
    } catch (const std::domain_error&) {
      std::printf("%s\"unsupported\":\"%s\"}\n", head.c_str(), what.c_str());
    }
    std::fflush(stdout);
  }
}
