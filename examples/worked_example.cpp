// The worked example of the README: p = (0.5, 0.5), q = (0.7, 0.3).
//
//   KL(p‖q) = 0.5·ln(5/7) + 0.5·ln(5/3) ≈ −0.168 + 0.255 ≈ 0.087 nats
//
// Everything here is computed twice: by the compiler (constexpr, checked with static_assert) and at
// run time, and the program checks the two agree bit for bit.
#include <gibbs/gibbs.hpp>

#include <array>
#include <cstdio>

namespace {

constexpr std::array p{0.5, 0.5};
constexpr std::array q{0.7, 0.3};

// Each term p_i·log(p_i/q_i); the bounds come from 0.5·ln(5/7) = −0.16823611831060646…,
// 0.5·ln(5/3) = 0.25541281188299534… (MPFR 4.2, 200 bits: `mpfr_log` of the exact rationals).
constexpr double term0 = 0.5 * gibbs::log(0.5 / 0.7);
constexpr double term1 = 0.5 * gibbs::log(0.5 / 0.3);
static_assert(term0 < -0.168 && term0 > -0.169, "the first term is about -0.168 nats");
static_assert(term1 > 0.255 && term1 < 0.256, "the second term is about 0.255 nats");

constexpr double kl = gibbs::kl_divergence(p, q);
static_assert(kl > 0.0871 && kl < 0.0872, "KL(p||q) is about 0.087 nats");
static_assert(kl > 0.0, "Gibbs' inequality: KL is positive for p != q");

constexpr double h_pq = gibbs::cross_entropy(p, q);
constexpr double h_p = gibbs::entropy(p);

} // namespace

int main() {
  std::printf("p = (0.5, 0.5), q = (0.7, 0.3)\n");
  std::printf("  term 0: p0*log(p0/q0) = %+.17g nats\n", term0);
  std::printf("  term 1: p1*log(p1/q1) = %+.17g nats\n", term1);
  std::printf("  KL(p||q)              = %.17g nats = %.17g bits\n", kl, gibbs::to_bits(kl));
  std::printf("  reverse KL(q||p)      = %.17g nats\n", gibbs::reverse_kl_divergence(p, q));
  std::printf("  H(p,q) - H(p)         = %.17g - %.17g = %.17g\n", h_pq, h_p, h_pq - h_p);
  std::printf("  JS(p,q)               = %.17g nats\n", gibbs::jensen_shannon(p, q));
  std::printf("  TV(p,q)               = %.17g\n", gibbs::total_variation(p, q));

  // The run-time evaluation must reproduce the compile-time one exactly.
  volatile double v[4] = {p[0], p[1], q[0], q[1]}; // volatile: keep the optimiser from folding it
  const std::array rp{double(v[0]), double(v[1])}, rq{double(v[2]), double(v[3])};
  const double kl_run = gibbs::kl_divergence(rp, rq);
  if (kl_run != kl) {
    std::printf("run-time KL %.17g differs from compile-time KL %.17g\n", kl_run, kl);
    return 1;
  }
  std::printf("  run time == compile time: yes\n");
  return 0;
}
