// A downstream program: it only knows gibbs through the dependency its build system found.
#include <gibbs/gibbs.hpp>

#include <array>
#include <cstdio>

int main() {
  constexpr std::array p{0.5, 0.5}, q{0.7, 0.3};
  constexpr double kl = gibbs::kl_divergence(p, q);
  static_assert(kl > 0.0871 && kl < 0.0872, "KL of the worked example is about 0.087 nats");
  std::printf("%.17g\n", kl);
  return 0;
}
