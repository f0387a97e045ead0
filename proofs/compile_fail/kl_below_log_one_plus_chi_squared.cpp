// Compile-fail twin of proofs/kl_below_log_one_plus_chi_squared.cpp: KL ≤ log(1 + χ²) holds, and
// the false KL ≤ log(1 + χ²/2) (true only to second order near p = q) is rejected; the true twin
// (GIBBS_TWIN_TRUE=1) compiles. Run by proofs/compile.py.
//
// expect-error-regex: (static assertion failed|static_assert failed)
// expect-error: claim under test: KL(p||q) <= log(1 + chi^2(p||q)) for p = (1/2, 1/2, 0, 0), q
// uniform
#include "gibbs/property/distance.hpp"

#include <array>

constexpr std::array p{0.5, 0.5, 0.0, 0.0}, q{0.25, 0.25, 0.25, 0.25};
#if GIBBS_TWIN_TRUE
constexpr double chi2 = gibbs::chi_squared(p, q);
#else
constexpr double chi2 = gibbs::chi_squared(p, q) / 2;
#endif
int main() {
  static_assert(gibbs::property::values::kl_below_log_one_plus_chi_squared(
                    p, q, gibbs::kl_divergence(p, q), chi2),
                "claim under test: KL(p||q) <= log(1 + chi^2(p||q)) for p = (1/2, 1/2, 0, 0), q "
                "uniform");
}
