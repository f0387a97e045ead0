// examples/peers/peer_io.hpp: the JSON Lines side of a C++ peer of `gibbs conform` — reading the
// case's numbers and vectors, and answering one line per case. A peer supplies only
// `double compute(const nlohmann::json& case, const std::string& measure)`, which throws
// std::domain_error for a measure it does not offer.
#ifndef GIBBS_EXAMPLES_PEERS_PEER_IO_HPP
#define GIBBS_EXAMPLES_PEERS_PEER_IO_HPP

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>
#include <iostream>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

namespace peer {

// A number of the case: a JSON number, or a string such as "0x1.8p-3", "nan", "inf".
inline double number(const nlohmann::json& x) {
  if (x.is_string()) {
    const std::string s = x.get<std::string>();
    if (s == "nan") return std::numeric_limits<double>::quiet_NaN();
    return std::strtod(s.c_str(), nullptr); // hex floats, "inf", "-inf"
  }
  return x.get<double>();
}

// The case's vector `key` (empty when absent), each number converted to T.
template <class T>
std::vector<T> vec(const nlohmann::json& c, const char* key) {
  std::vector<T> v;
  if (c.contains(key))
    for (const auto& x : c[key])
      v.push_back(static_cast<T>(number(x)));
  return v;
}

inline std::string value_text(double v) {
  if (std::isnan(v)) return "\"nan\"";
  if (std::isinf(v)) return v > 0 ? "\"inf\"" : "\"-inf\"";
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}

// Answers every case on stdin: {"id", "value"}, {"id", "unsupported"} (std::domain_error), and,
// when report_errors is set, {"id", "error"} for any other exception (a peer that rejects input).
template <class Compute>
int serve(Compute compute, bool report_errors) {
  std::string line;
  while (std::getline(std::cin, line)) {
    if (line.empty()) continue;
    const auto c = nlohmann::json::parse(line);
    const std::string head = c.contains("id") ? "{\"id\":" + c["id"].dump() + "," : "{";
    const std::string what = c["measure"].get<std::string>();
    try {
      const double v = compute(c, what);
      std::printf("%s\"value\":%s}\n", head.c_str(), value_text(v).c_str());
    } catch (const std::domain_error&) {
      std::printf("%s\"unsupported\":\"%s\"}\n", head.c_str(), what.c_str());
    } catch (const std::exception& e) {
      if (!report_errors) throw;
      std::printf("%s\"error\":%s}\n", head.c_str(), nlohmann::json(e.what()).dump().c_str());
    }
    std::fflush(stdout);
  }
  return 0;
}

} // namespace peer

#endif // GIBBS_EXAMPLES_PEERS_PEER_IO_HPP
