// Compile-fail twin of proofs/renyi_half_is_hellinger.cpp: D_½ = −2·log(1 − H²) holds, and the
// tempting D_½ = −log(1 − H²) (a missing factor 2) is rejected by the law; the true twin
// (GIBBS_TWIN_TRUE=1) compiles. Run by proofs/compile.py.
//
// expect-error-regex: (static assertion failed|static_assert failed)
// expect-error: claim under test: D_1/2 = -2 log(1 - H^2) for p = (1/2, 1/2), q = (3/4, 1/4)
#include "gibbs/property/distance.hpp"

#include <array>

constexpr std::array p{0.5, 0.5}, q{0.75, 0.25};
#if GIBBS_TWIN_TRUE
constexpr double d_half = gibbs::renyi_divergence(p, q, 0.5);
#else
constexpr double d_half = gibbs::renyi_divergence(p, q, 0.5) / 2;
#endif
int main() {
  static_assert(
      gibbs::property::values::renyi_half_is_hellinger(p, q, d_half, gibbs::hellinger(p, q)),
      "claim under test: D_1/2 = -2 log(1 - H^2) for p = (1/2, 1/2), q = (3/4, 1/4)");
}
