// Compile-fail twin of proofs/hellinger_total_variation.cpp: the false claim must be rejected by
// the compiler and the true one (the same code, GIBBS_TWIN_TRUE=1) accepted. Run by
// proofs/compile.py.
//
// expect-error-regex: (static assertion failed|static_assert failed)
// expect-error: claim under test: TV(p, q) > sqrt(2) H(p, q) for p = (1/2, 1/2), q = (3/4, 1/4)
#include "gibbs/property/distance.hpp"

#include <array>

constexpr std::array p{0.5, 0.5}, q{0.75, 0.25};
constexpr double h = gibbs::hellinger(p, q), tv = gibbs::total_variation(p, q);
constexpr double root2 = 1.4142135623730951; // RN(√2)
int main() {
#if GIBBS_TWIN_TRUE
  static_assert(tv <= root2 * h,
                "claim under test: TV(p, q) > sqrt(2) H(p, q) for p = (1/2, 1/2), q = (3/4, 1/4)");
#else
  static_assert(tv > root2 * h,
                "claim under test: TV(p, q) > sqrt(2) H(p, q) for p = (1/2, 1/2), q = (3/4, 1/4)");
#endif
}
