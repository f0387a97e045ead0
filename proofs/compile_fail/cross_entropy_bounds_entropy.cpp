// Compile-fail twin of proofs/cross_entropy_bounds_entropy.cpp: the false claim must be
// rejected by the compiler and the true one (the same code, GIBBS_TWIN_TRUE=1) accepted. Run by
// proofs/compile.py.
//
// expect-error-regex: (static assertion failed|static_assert failed)
// expect-error: claim under test: H(p, q) < H(p) for p = (1/4, 3/4), q = (1/2, 1/2)
#include "gibbs/measure/cross_entropy.hpp"
#include "gibbs/measure/entropy.hpp"

#include <array>

constexpr std::array p{0.25, 0.75}, q{0.5, 0.5};
int main() {
#if GIBBS_TWIN_TRUE
  static_assert(gibbs::cross_entropy(p, q) >= gibbs::entropy(p),
                "claim under test: H(p, q) < H(p) for p = (1/4, 3/4), q = (1/2, 1/2)");
#else
  static_assert(gibbs::cross_entropy(p, q) < gibbs::entropy(p),
                "claim under test: H(p, q) < H(p) for p = (1/4, 3/4), q = (1/2, 1/2)");
#endif
}
