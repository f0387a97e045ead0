// Compile-fail twin for the base check of gibbs::renyi_divergence: base 1 (log 1 = 0) must be
// rejected at compile time with a message naming the requirement; base 2 (GIBBS_TWIN_TRUE=1)
// compiles. Run by proofs/compile.py.
//
// expect-error: the_base_must_be_finite_positive_and_not_1
#include "gibbs/measure/renyi.hpp"

#include <array>

constexpr std::array p{0.5, 0.5}, q{0.75, 0.25};
#if GIBBS_TWIN_TRUE
constexpr double d = gibbs::renyi_divergence(p, q, 2.0, 2.0);
#else
constexpr double d = gibbs::renyi_divergence(p, q, 2.0, 1.0);
#endif

int main() {
  return d > 0.0 ? 0 : 1;
}
