// Compile-fail twin of proofs/gaussian_laws.cpp: vae_kl(mu, lv) = gaussian_kl(mu, e^(lv/2), 0, 1)
// holds, and the tempting sigma = e^lv (the variance taken for the standard deviation) is
// rejected by the law; the true twin (GIBBS_TWIN_TRUE=1) compiles. Run by proofs/compile.py.
//
// expect-error-regex: (static assertion failed|static_assert failed)
// expect-error: claim under test: vae_kl(mu, lv) = gaussian_kl(mu, exp(lv/2), 0, 1)
#include "gibbs/number/math.hpp"
#include "gibbs/property/gaussian.hpp"

#include <array>

constexpr std::array mu{0.5, -0.25}, logvar{0.75, -1.5}, zero{0.0, 0.0}, one{1.0, 1.0};
#if GIBBS_TWIN_TRUE
constexpr std::array sigma{gibbs::exp(0.375), gibbs::exp(-0.75)};
#else
constexpr std::array sigma{gibbs::exp(0.75), gibbs::exp(-1.5)};
#endif
int main() {
  static_assert(gibbs::property::values::vae_kl_is_gaussian_kl(
                    logvar, gibbs::vae_kl(mu, logvar), gibbs::gaussian_kl(mu, sigma, zero, one)),
                "claim under test: vae_kl(mu, lv) = gaussian_kl(mu, exp(lv/2), 0, 1)");
}
