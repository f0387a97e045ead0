// Why gibbs exists, in one line: KL of two nearly equal distributions in double precision.
//
//   p = (0.5, 0.5), q = (0.5 + 2^-53, 0.5 − 2^-53), both exactly representable and summing to 1.
//   Exact: KL = −½·ln(1 − 2^-104) = 2^-105·(1 + 2^-105 + …), so the correctly rounded double is
//   2^-105.
//
// The textbook Σ p·log(p/q) cancels catastrophically and comes out negative; gibbs's non-cancelling
// form gives 2^-105 within an ulp. The program fails if gibbs's value is not positive and within
// 4 ulps of 2^-105.
#include <gibbs/gibbs.hpp>

#include <array>
#include <cmath>
#include <cstdio>

int main() {
  const std::array p{0.5, 0.5};
  const std::array q{0.5 + 0x1p-53, 0.5 - 0x1p-53};
  double textbook = 0;
  for (std::size_t i = 0; i < p.size(); ++i)
    textbook += p[i] * std::log(p[i] / q[i]);
  const double kl = gibbs::kl_divergence(p, q);
  const double exact = 0x1p-105;               // correctly rounded value of −½·ln(1 − 2^-104)
  const double ulps = (kl - exact) / 0x1p-157; // ulp(2^-105) = 2^-157
  std::printf("KL([0.5, 0.5] || [0.5+2^-53, 0.5-2^-53])\n");
  std::printf("  exact (correctly rounded)  %.17g  (2^-105)\n", exact);
  std::printf("  textbook sum p*log(p/q)    %.17g\n", textbook);
  std::printf("  gibbs::kl_divergence       %.17g  (%+.0f ulp)\n", kl, ulps);
  return (kl > 0 && std::fabs(ulps) <= 4) ? 0 : 1;
}
