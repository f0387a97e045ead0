// Compile-fail twin of proofs/nll_is_cross_entropy_of_empirical.cpp: the false claim must be
// rejected by the compiler and the true one (the same code, GIBBS_TWIN_TRUE=1) accepted. Run by
// proofs/compile.py.
//
// expect-error-regex: (static assertion failed|static_assert failed)
// expect-error: claim under test: the NLL equals the entropy of the empirical distribution
#include "gibbs/measure/entropy.hpp"
#include "gibbs/measure/kl_divergence.hpp"
#include "gibbs/measure/nll.hpp"

#include <array>
#include <limits>

constexpr std::array q{0.125, 0.375, 0.5};
constexpr std::array sample{2, 0, 2, 1};
constexpr std::array p_hat{0.25, 0.25, 0.5}; // the empirical distribution of the sample
constexpr double loss = gibbs::nll(q, sample);
constexpr double tol = 16 * std::numeric_limits<double>::epsilon() * (loss + 1);
// the true law: NLL = H(p^) + KL(p^||q); the false one forgets the KL term
[[maybe_unused]] constexpr double truth = gibbs::entropy(p_hat) + gibbs::kl_divergence(p_hat, q);
[[maybe_unused]] constexpr double falsehood = gibbs::entropy(p_hat);
int main() {
#if GIBBS_TWIN_TRUE
  static_assert(loss - truth <= tol && truth - loss <= tol,
                "claim under test: the NLL equals the entropy of the empirical distribution");
#else
  static_assert(loss - falsehood <= tol && falsehood - loss <= tol,
                "claim under test: the NLL equals the entropy of the empirical distribution");
#endif
}
