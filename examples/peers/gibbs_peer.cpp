// examples/peers/gibbs_peer.cpp: gibbs's own double/float API as a peer of `gibbs conform`, so the
// peers' table has the row to compare with: gibbs::entropy, cross_entropy, kl_divergence and
// jensen_shannon in the case's precision (float for binary32 cases), rejecting invalid input with
// the message of gibbs::invalid_input.
#include "gibbs/gibbs.hpp"

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>
#include <iostream>
#include <limits>
#include <string>
#include <vector>

namespace {

double number(const nlohmann::json& x) {
  if (x.is_string()) {
    const std::string s = x.get<std::string>();
    if (s == "nan") return std::numeric_limits<double>::quiet_NaN();
    return std::strtod(s.c_str(), nullptr);
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
    v = gibbs::entropy(p);
  else if (what == "cross_entropy")
    v = gibbs::cross_entropy(p, q);
  else if (what == "kl")
    v = gibbs::kl_divergence(p, q);
  else if (what == "js")
    v = gibbs::jensen_shannon(p, q);
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
    } catch (const std::exception& e) {
      std::printf("%s\"error\":%s}\n", head.c_str(), nlohmann::json(e.what()).dump().c_str());
    }
    std::fflush(stdout);
  }
}
