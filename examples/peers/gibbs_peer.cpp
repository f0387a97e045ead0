// examples/peers/gibbs_peer.cpp: gibbs's own double/float API as a peer of `gibbs conform`, so the
// peers' table has the row to compare with: gibbs::entropy, cross_entropy, kl_divergence and
// jensen_shannon in the case's precision (float for binary32 cases), rejecting invalid input with
// the message of gibbs::invalid_input.
#include "gibbs/gibbs.hpp"

#include "peer_io.hpp"

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>
#include <iostream>
#include <limits>
#include <string>
#include <vector>

namespace {

template <class T>
double answer(const nlohmann::json& c, const std::string& what) {
  const auto p = peer::vec<T>(c, "p"), q = peer::vec<T>(c, "q");
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
      /*report_errors=*/true);
}
