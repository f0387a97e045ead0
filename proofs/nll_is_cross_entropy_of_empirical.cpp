// Claim: the empirical negative log-likelihood of a sample is the cross-entropy of its empirical
// distribution p̂, NLL(q, x) = H(p̂, q) = H(p̂) + KL(p̂‖q), within 16·ε(T)·(NLL + H(p̂) + 1)
// (gibbs::property::nll_is_cross_entropy_of_empirical), in every constexpr number type, for
// samples whose p̂ is dyadic (exact) and one whose p̂ = (1/3, 2/3) is rounded; and +∞ on all
// three sides when a sample has probability 0 under q.
//
// Types: every constexpr type T that can be built from a sample count (proof.hpp, counts_convert).
//
// Reference value: NLL((1/4, 3/4); 1, 1, 0) = −(2·ln(3/4) + ln(1/4))/3 = 0.6538861686… (Python:
//   python3 -c "from decimal import *; getcontext().prec=40; D=Decimal;
//     print(-(2*(D(3)/4).ln() + (D(1)/4).ln())/3)").
#include "proof.hpp"

#include "gibbs/measure/nll.hpp"
#include "gibbs/property/likelihood.hpp"

void nll_is_cross_entropy_of_empirical_proof() {
  using namespace gibbs::proofs;
  hana::for_each(number_types, [](auto t) {
    using T = type_of<decltype(t)>;
    if constexpr (counts_convert<T>) {
      constexpr std::array<T, 2> q2{T(0.25), T(0.75)};
      constexpr std::array<int, 3> thirds{1, 1, 0};
      static_assert(gibbs::property::nll_is_cross_entropy_of_empirical(q2, thirds),
                    "The NLL of q = (1/4, 3/4) on the sample (1, 1, 0) must equal H(p^, q) and "
                    "H(p^) + KL(p^||q) for its empirical distribution p^ = (1/3, 2/3).");
      constexpr T loss = gibbs::nll(q2, thirds);
      static_assert(T(0.65388) < loss && loss < T(0.65389),
                    "The NLL of q = (1/4, 3/4) on the sample (1, 1, 0) must be "
                    "-(2 ln(3/4) + ln(1/4))/3 = 0.6538861...");
      constexpr std::array<T, 3> q3{T(0.125), T(0.375), T(0.5)};
      constexpr std::array<int, 4> dyadic{2, 0, 2, 1};
      static_assert(gibbs::property::nll_is_cross_entropy_of_empirical(q3, dyadic),
                    "The NLL of q = (1/8, 3/8, 1/2) on the sample (2, 0, 2, 1) must equal H(p^, q) "
                    "and H(p^) + KL(p^||q) for p^ = (1/4, 1/4, 1/2).");
      constexpr std::array<T, 3> q_zero{T(0.5), T(0.5), T(0)};
      constexpr std::array<int, 2> impossible{0, 2};
      static_assert(gibbs::property::nll_is_cross_entropy_of_empirical(q_zero, impossible),
                    "A sample with probability 0 must give NLL = H(p^, q) = H(p^) + KL(p^||q) = "
                    "+infinity.");
    }
  });
}
