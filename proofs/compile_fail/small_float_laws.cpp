// Compile-fail twin of proofs/small_float_laws.cpp: the false claim (in binary16, KL(p||q) is
// negative, and KL(p||p) is not zero) must be rejected by the compiler and the true one (the same
// code, GIBBS_TWIN_TRUE=1) accepted. Run by proofs/compile.py.
//
// expect-error-regex: (static assertion failed|static_assert failed)
// expect-error: claim under test: in binary16, KL(p||q) is negative for p = (1/2, 1/2), q = (3/4,
// 1/4)
#include "gibbs/measure/kl_divergence.hpp"
#include "gibbs/number/small_float.hpp"

#include <array>

using gibbs::binary16;
constexpr std::array p{binary16(0.5), binary16(0.5)}, q{binary16(0.75), binary16(0.25)};
constexpr binary16 kl = gibbs::kl_divergence(p, q);
int main() {
#if GIBBS_TWIN_TRUE
  static_assert(kl >= binary16(0), "claim under test: in binary16, KL(p||q) is negative for "
                                   "p = (1/2, 1/2), q = (3/4, 1/4)");
#else
  static_assert(kl < binary16(0), "claim under test: in binary16, KL(p||q) is negative for "
                                  "p = (1/2, 1/2), q = (3/4, 1/4)");
#endif
}
