// Compile-fail twin of proofs/renyi_tends_to_kl.cpp: a value off KL by more than the proven rate
// |α − 1|·R²/8 must be rejected by the law (here D_1.1 reported at α = 1.001); the true one (the
// same code with D_1.001, GIBBS_TWIN_TRUE=1) accepted. Run by proofs/compile.py.
//
// expect-error-regex: (static assertion failed|static_assert failed)
// expect-error: claim under test: D_alpha is within |alpha - 1| R^2/8 of KL at alpha = 1.001
#include "gibbs/property/distance.hpp"

#include <array>

constexpr std::array p{0.5, 0.5}, q{0.75, 0.25};
constexpr double kl = gibbs::kl_divergence(p, q);
#if GIBBS_TWIN_TRUE
constexpr double d = gibbs::renyi_divergence(p, q, 1.001);
#else
constexpr double d = gibbs::renyi_divergence(p, q, 1.1);
#endif
int main() {
  static_assert(gibbs::property::values::renyi_tends_to_kl(p, q, 1.001, d, kl),
                "claim under test: D_alpha is within |alpha - 1| R^2/8 of KL at alpha = 1.001");
}
