// Compile-fail twin of proofs/asymmetry.cpp: the false claim must be
// rejected by the compiler and the true one (the same code, GIBBS_TWIN_TRUE=1) accepted. Run by
// proofs/compile.py.
//
// expect-error-regex: (static assertion failed|static_assert failed)
// expect-error: claim under test: KL is symmetric for p = (1/2, 1/2), q = (7/8, 1/8)
#include "gibbs/measure/kl_divergence.hpp"

#include <array>

constexpr std::array p{0.5, 0.5}, q{0.875, 0.125};
int main() {
#if GIBBS_TWIN_TRUE
  static_assert(gibbs::kl_divergence(p, q) != gibbs::kl_divergence(q, p),
                "claim under test: KL is symmetric for p = (1/2, 1/2), q = (7/8, 1/8)");
#else
  static_assert(gibbs::kl_divergence(p, q) == gibbs::kl_divergence(q, p),
                "claim under test: KL is symmetric for p = (1/2, 1/2), q = (7/8, 1/8)");
#endif
}
