// Compile-fail twin of proofs/renyi_monotone_in_alpha.cpp: the false claim (Rényi decreasing in
// the order) must be rejected by the law and the compiler; the true one (the same code,
// GIBBS_TWIN_TRUE=1) accepted. Run by proofs/compile.py.
//
// expect-error-regex: (static assertion failed|static_assert failed)
// expect-error: claim under test: D_2(p||q) <= D_1/2(p||q) for p = (1/2, 1/2), q = (3/4, 1/4)
#include "gibbs/property/distance.hpp"

#include <array>

constexpr std::array p{0.5, 0.5}, q{0.75, 0.25};
constexpr double d_half = gibbs::renyi_divergence(p, q, 0.5),
                 d2 = gibbs::renyi_divergence(p, q, 2.0);
namespace v = gibbs::property::values;
int main() {
#if GIBBS_TWIN_TRUE
  static_assert(v::renyi_monotone_in_alpha(p, q, 0.5, d_half, 2.0, d2),
                "claim under test: D_2(p||q) <= D_1/2(p||q) for p = (1/2, 1/2), q = (3/4, 1/4)");
#else
  // the values swapped: D_2 reported at α = ½ and D_½ at α = 2
  static_assert(v::renyi_monotone_in_alpha(p, q, 0.5, d2, 2.0, d_half),
                "claim under test: D_2(p||q) <= D_1/2(p||q) for p = (1/2, 1/2), q = (3/4, 1/4)");
#endif
}
