// examples/vae_near_zero.cpp: the VAE KL term near logvar = 0, where the textbook formula
// 0.5 * (mu^2 + exp(lv) - 1 - lv) cancels to nothing (and turns negative), against gibbs::vae_kl.
// The "series" column is 1/2 (lv^2/2 + lv^3/6 + ... + lv^7/5040), whose truncation error is below
// 10^-22 of the value for |lv| <= 10^-3 (its Horner evaluation adds about 2 ulp): the program
// fails if gibbs is off it by more than 4 ulp. Its output is shown in README.md.
#include <gibbs/measure/gaussian.hpp>

#include <array>
#include <cmath>
#include <cstdio>

int main() {
  int status = 0;
  std::printf("%-8s %-24s %-24s %s\n", "logvar", "textbook", "gibbs::vae_kl", "series");
  for (double lv : {1e-3, 1e-9, 1e-17}) {
    const std::array mu{0.0}, logvar{lv};
    const double textbook = 0.5 * (mu[0] * mu[0] + std::exp(lv) - 1 - lv);
    const double gibbs = gibbs::vae_kl(mu, logvar);
    const double series =
        0.5 * lv * lv
        * (0.5
           + lv * (1.0 / 6 + lv * (1.0 / 24 + lv * (1.0 / 120 + lv * (1.0 / 720 + lv / 5040)))));
    std::printf("%-8.0e %-24.17g %-24.17g %.17g\n", lv, textbook, gibbs, series);
    if (!(std::fabs(gibbs - series) <= 4 * 0x1p-52 * series)) status = 1;
  }
  return status;
}
