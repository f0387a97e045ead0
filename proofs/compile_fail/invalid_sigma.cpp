// Compile-fail twin for the input check of gibbs::gaussian_kl: a standard deviation of 0 must be
// rejected when the measure is evaluated at compile time, with a message naming the problem; the
// same code with sigma_q = 1 (GIBBS_TWIN_TRUE=1) compiles. Run by proofs/compile.py.
//
// expect-error: an_entry_is_not_positive
#include "gibbs/measure/gaussian.hpp"

#include <array>

constexpr std::array mu_p{0.0, 1.0}, sigma_p{1.0, 0.5}, mu_q{0.5, 1.0};
#if GIBBS_TWIN_TRUE
constexpr std::array sigma_q{1.0, 1.0};
#else
constexpr std::array sigma_q{1.0, 0.0};
#endif
constexpr double d = gibbs::gaussian_kl(mu_p, sigma_p, mu_q, sigma_q);

int main() {
  return d > 0.0 ? 0 : 1;
}
