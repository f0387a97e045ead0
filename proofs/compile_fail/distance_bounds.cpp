// Compile-fail twin of proofs/distance_bounds.cpp: the false claim must be rejected by the
// compiler and the true one (the same code, GIBBS_TWIN_TRUE=1) accepted. Run by proofs/compile.py.
//
// expect-error-regex: (static assertion failed|static_assert failed)
// expect-error: claim under test: H(p, q) > 1 for the disjoint p = (1, 0), q = (0, 1)
#include "gibbs/measure/hellinger.hpp"

#include <array>

constexpr std::array p{1.0, 0.0}, q{0.0, 1.0};
constexpr double h = gibbs::hellinger(p, q);
int main() {
#if GIBBS_TWIN_TRUE
  static_assert(h <= 1.0, "claim under test: H(p, q) > 1 for the disjoint p = (1, 0), q = (0, 1)");
#else
  static_assert(h > 1.0, "claim under test: H(p, q) > 1 for the disjoint p = (1, 0), q = (0, 1)");
#endif
}
