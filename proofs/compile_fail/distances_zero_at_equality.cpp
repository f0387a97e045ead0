// Compile-fail twin of proofs/distances_zero_at_equality.cpp: the false claim (a positive Rényi
// divergence of a distribution from itself) must be rejected; the true one (GIBBS_TWIN_TRUE=1)
// accepted. Run by proofs/compile.py.
//
// expect-error-regex: (static assertion failed|static_assert failed)
// expect-error: claim under test: D_2(p||p) > 0 for p = (3/8, 5/8)
#include "gibbs/measure/renyi.hpp"

#include <array>

constexpr std::array p{0.375, 0.625};
constexpr double d = gibbs::renyi_divergence(p, p, 2.0);
int main() {
#if GIBBS_TWIN_TRUE
  static_assert(d == 0.0, "claim under test: D_2(p||p) > 0 for p = (3/8, 5/8)");
#else
  static_assert(d > 0.0, "claim under test: D_2(p||p) > 0 for p = (3/8, 5/8)");
#endif
}
