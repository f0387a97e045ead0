// Compile-fail twin of proofs/perplexity_is_exp_nll.cpp: the false claim must be
// rejected by the compiler and the true one (the same code, GIBBS_TWIN_TRUE=1) accepted. Run by
// proofs/compile.py.
//
// expect-error-regex: (static assertion failed|static_assert failed)
// expect-error: claim under test: perplexity = exp(-NLL)
#include "gibbs/measure/nll.hpp"
#include "gibbs/number/math.hpp"

#include <array>
#include <limits>

constexpr std::array q{0.25, 0.75};
constexpr std::array sample{1, 1, 0};
constexpr double loss = gibbs::nll(q, sample), ppl = gibbs::perplexity(q, sample);
constexpr double tol = 16 * std::numeric_limits<double>::epsilon() * (1 + loss) * ppl;
// the true law: perplexity = exp(NLL); the false one: perplexity = exp(-NLL)
[[maybe_unused]] constexpr double truth = gibbs::exp(loss), falsehood = gibbs::exp(-loss);
int main() {
#if GIBBS_TWIN_TRUE
  static_assert(ppl - truth <= tol && truth - ppl <= tol,
                "claim under test: perplexity = exp(-NLL)");
#else
  static_assert(ppl - falsehood <= tol && falsehood - ppl <= tol,
                "claim under test: perplexity = exp(-NLL)");
#endif
}
