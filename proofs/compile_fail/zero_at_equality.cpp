// Compile-fail twin of proofs/zero_at_equality.cpp: the false claim must be
// rejected by the compiler and the true one (the same code, GIBBS_TWIN_TRUE=1) accepted. Run by
// proofs/compile.py.
//
// expect-error-regex: (static assertion failed|static_assert failed)
// expect-error: claim under test: KL(p||p) is not zero for p = (1/8, 3/8, 1/2)
#include "gibbs/measure/kl_divergence.hpp"

#include <array>

constexpr std::array p{0.125, 0.375, 0.5};
int main() {
#if GIBBS_TWIN_TRUE
  static_assert(gibbs::kl_divergence(p, p) == 0.0,
                "claim under test: KL(p||p) is not zero for p = (1/8, 3/8, 1/2)");
#else
  static_assert(gibbs::kl_divergence(p, p) != 0.0,
                "claim under test: KL(p||p) is not zero for p = (1/8, 3/8, 1/2)");
#endif
}
