// Claim: perplexity = exp(NLL), within 16·ε(T)·(1 + NLL)·exp(NLL)
// (gibbs::property::perplexity_is_exp_nll), in every constexpr number type; and the perplexity of
// the uniform model on n outcomes is n (the effective number of equally likely choices), here
// n = 4 within 16·ε(T)·(1 + ln 4)·4.
//
// Types: every constexpr type T that can be built from a sample count (proof.hpp, counts_convert).
//
// No reference values beyond the exact 4.
#include "proof.hpp"

#include "gibbs/measure/nll.hpp"
#include "gibbs/property/likelihood.hpp"

void perplexity_is_exp_nll_proof() {
  using namespace gibbs::proofs;
  hana::for_each(number_types, [](auto t) {
    using T = type_of<decltype(t)>;
    if constexpr (counts_convert<T>) {
      constexpr std::array<T, 2> q{T(0.25), T(0.75)};
      constexpr std::array<int, 3> sample{1, 1, 0};
      static_assert(gibbs::property::perplexity_is_exp_nll(q, sample),
                    "The perplexity of q = (1/4, 3/4) on the sample (1, 1, 0) must be exp(NLL).");
      constexpr std::array<T, 4> uniform{T(0.25), T(0.25), T(0.25), T(0.25)};
      constexpr std::array<int, 2> two{0, 3};
      constexpr T ppl = gibbs::perplexity(uniform, two);
      constexpr T tol = T(16) * std::numeric_limits<T>::epsilon() * T(2.4) * T(4);
      static_assert(T(4) - tol <= ppl && ppl <= T(4) + tol,
                    "The perplexity of the uniform model on 4 outcomes must be 4.");
    }
  });
}
