// Compile-fail twin of proofs/worked_example.cpp: the false claim must be
// rejected by the compiler and the true one (the same code, GIBBS_TWIN_TRUE=1) accepted. Run by
// proofs/compile.py.
//
// expect-error-regex: (static assertion failed|static_assert failed)
// expect-error: claim under test: KL((0.5, 0.5)||(0.7, 0.3)) lies in the bracket given
#include "gibbs/measure/kl_divergence.hpp"

#include <array>

// KL(p||q) = 0.5 ln(25/21) = 0.0871766935...; the false bracket is the reverse KL(q||p) =
// 0.7 ln(1.4) + 0.3 ln(0.6) = 0.0822582...  (Python decimal, as in proofs/worked_example.cpp)
constexpr std::array p{0.5, 0.5}, q{0.7, 0.3};
constexpr double kl = gibbs::kl_divergence(p, q);
int main() {
#if GIBBS_TWIN_TRUE
  static_assert(0.08717669357 < kl && kl < 0.08717669358,
                "claim under test: KL((0.5, 0.5)||(0.7, 0.3)) lies in the bracket given");
#else
  static_assert(0.08225 < kl && kl < 0.08226,
                "claim under test: KL((0.5, 0.5)||(0.7, 0.3)) lies in the bracket given");
#endif
}
