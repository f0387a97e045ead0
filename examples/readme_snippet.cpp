// The code snippet of README.md, compiled as a test so the README cannot rot.
#include <gibbs/gibbs.hpp>

#include <array>
#include <cstdio>
#include <vector>

int main() {
  // Compile time: the compiler computes KL and checks Gibbs' inequality.
  constexpr std::array p{0.5, 0.5}, q{0.7, 0.3};
  constexpr double kl = gibbs::kl_divergence(p, q); // ≈ 0.0872 nats
  static_assert(kl > 0.0, "Gibbs: KL(p||q) > 0 for p != q");

  // Run time: any contiguous range; bad input is an exception that names index and value.
  std::vector<double> model{0.7, 0.3, -0.0001};
  try {
    (void)gibbs::kl_divergence(std::vector{0.5, 0.5, 0.0}, model);
  } catch (const gibbs::invalid_input& e) {
    std::printf("%s\n", e.what()); // gibbs::kl_divergence: q[2] = -0.0001 is negative; …
  }
  std::printf("KL = %.17g nats = %.17g bits\n", kl, gibbs::to_bits(kl));
}
