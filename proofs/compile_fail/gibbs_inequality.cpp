// Compile-fail twin of proofs/gibbs_inequality.cpp: the false claim must be
// rejected by the compiler and the true one (the same code, GIBBS_TWIN_TRUE=1) accepted. Run by
// proofs/compile.py.
//
// expect-error-regex: (static assertion failed|static_assert failed)
// expect-error: claim under test: KL(p||q) is negative for p = (1/2, 1/2), q = (3/4, 1/4)
#include "gibbs/measure/kl_divergence.hpp"

#include <array>

constexpr std::array p{0.5, 0.5}, q{0.75, 0.25};
constexpr double kl = gibbs::kl_divergence(p, q);
int main() {
#if GIBBS_TWIN_TRUE
  static_assert(kl >= 0.0,
                "claim under test: KL(p||q) is negative for p = (1/2, 1/2), q = (3/4, 1/4)");
#else
  static_assert(kl < 0.0,
                "claim under test: KL(p||q) is negative for p = (1/2, 1/2), q = (3/4, 1/4)");
#endif
}
