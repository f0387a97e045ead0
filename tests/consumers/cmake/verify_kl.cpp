// A downstream project's own KL, checked at compile time by gibbs::verify (one line per check).
#include <gibbs/verify.hpp>

#include <array>
#include <cstddef>
#include <cstdio>
#include <limits>

namespace mine {
#ifndef CONSUMER_TEXTBOOK_KL
// Σ q·φ(u) + Σ(p − q), u = (p − q)/q, φ(u) = u·log1p(u) + (log1p(u) − u) ≥ 0: no cancellation
constexpr auto kl = [](const auto& p, const auto& q) {
  double bregman = 0, linear = 0;
  for (std::size_t i = 0; i < p.size(); ++i) {
    if (p[i] == 0) continue;
    if (q[i] == 0) return std::numeric_limits<double>::infinity();
    const double u = (p[i] - q[i]) / q[i];
    bregman += q[i] * (u * gibbs::log1p(u) + gibbs::log1pmx(u));
    linear += p[i] - q[i];
  }
  return bregman + linear;
};
#else
// Σ p·log(p/q): cancels near p = q
constexpr auto kl = [](const auto& p, const auto& q) {
  double s = 0;
  for (std::size_t i = 0; i < p.size(); ++i) {
    if (p[i] == 0) continue;
    if (q[i] == 0) return std::numeric_limits<double>::infinity();
    s += p[i] * (gibbs::log(p[i]) - gibbs::log(q[i]));
  }
  return s;
};
#endif
} // namespace mine

static_assert(gibbs::verify::laws<gibbs::verify::kl<mine::kl>, gibbs::verify::grid_pairs<3, 8>>);
static_assert(gibbs::verify::laws<gibbs::verify::kl<mine::kl>, gibbs::verify::near_equal_pairs<>>);
static_assert(
    gibbs::verify::within_ulps<8, gibbs::verify::kl<mine::kl>, gibbs::verify::near_equal_pairs<>>);

int main() {
  constexpr std::array p{0.5, 0.5}, q{0.7, 0.3};
  std::printf("%.17g\n", mine::kl(p, q));
}
