// examples/peers/naive_peer.cpp: a C++ peer for `gibbs conform` — the kernel most C++ code bases
// contain: a plain loop over Σ p·log(p/q) in the case's precision (double, or float for binary32
// cases), skipping p_i = 0, validating nothing.
//
//   echo '{"id":0,"measure":"kl","p":[0.5,0.5],"q":[0.7,0.3]}' | naive_peer
//   {"id":0,"value":0.087176693572388914}
#include "peer_io.hpp"

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

template <class T>
double answer(const nlohmann::json& c, const std::string& what) {
  const auto p = peer::vec<T>(c, "p"), q = peer::vec<T>(c, "q");
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
  if (c.contains("base")) v /= static_cast<T>(std::log(peer::number(c["base"])));
  return static_cast<double>(v);
}

} // namespace

int main() {
  return peer::serve(
      [](const nlohmann::json& c, const std::string& what) {
        const bool f32 = c.value("type", "binary64") == "binary32";
        return f32 ? answer<float>(c, what) : answer<double>(c, what);
      },
      /*report_errors=*/false);
}
