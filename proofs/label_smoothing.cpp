// Claim: cross-entropy from logits with label smoothing ε is the cross-entropy of the smoothed
// target t′ = (1 − ε)·e_t + ε/K under softmax(z), it bounds H(t′), and ε = 0 is the plain loss
// exactly (gibbs::property::label_smoothing_is_smoothed_target, 16·ε(T) of the loss scale), for
// several logits, classes and ε in float and double; and the value for z = (1, 2, 3), t = 0,
// ε = 1/2 (binary in every type) matches an independent reference.
//
// Types: float and double (proof.hpp's fast types): the law evaluates 3 log-sum-exps of K = 3
// or 4 logits per case, cheap there; the slow types' log and exp fallbacks would exceed clang's
// default step budget with this many cases.
//
// Reference value: z = (1, 2, 3), t = 0, ε = 1/2: 0.5·A_0 + (0.5/3)·Σ A_k, A_k = log Σ e^z − z_k,
// = 1.9076059644443803044829… (mpmath at 40 digits:
//   python3 -c "from mpmath import *; mp.dps=40; z=[1,2,3]; l=log(sum(exp(mpf(x)) for x in z));
//     A=[l-x for x in z]; print(A[0]/2+sum(A)/6)").
#include "proof.hpp"

#include "gibbs/measure/logits.hpp"
#include "gibbs/property/likelihood.hpp"

void label_smoothing_proof() {
  using namespace gibbs::proofs;
  hana::for_each(number_types, [](auto t) {
    using T = type_of<decltype(t)>;
    if constexpr (fast_math<T>) {
      constexpr std::array<T, 3> z{T(1), T(2), T(3)};
      constexpr std::array<T, 4> spread{T(-8), T(0.5), T(20), T(0)};
      static_assert(gibbs::property::label_smoothing_is_smoothed_target(z, 0, T(0.1)),
                    "Label smoothing 0.1 of class 0 under logits (1, 2, 3) must be the "
                    "cross-entropy of the smoothed target (0.9 + 0.1/3, 0.1/3, 0.1/3) and at "
                    "least its entropy.");
      static_assert(gibbs::property::label_smoothing_is_smoothed_target(z, 2, T(1)),
                    "Label smoothing 1 must be the cross-entropy of the uniform target.");
      static_assert(gibbs::property::label_smoothing_is_smoothed_target(spread, 1, T(0.25)),
                    "Label smoothing 0.25 of class 1 under logits (-8, 0.5, 20, 0) must be the "
                    "cross-entropy of the smoothed target.");
      static_assert(gibbs::property::label_smoothing_is_smoothed_target(spread, 2, T(0x1p-20)),
                    "A tiny label smoothing 2^-20 must be the cross-entropy of the smoothed "
                    "target.");
      constexpr T half = gibbs::cross_entropy_from_logits(z, 0, T(0.5));
      static_assert(T(1.907605) < half && half < T(1.907607),
                    "Label smoothing 1/2 of class 0 under logits (1, 2, 3) must be "
                    "1.9076059644... (mpmath).");
      constexpr std::array<T, 3> target{T(0.25), T(0.25), T(0.5)};
      static_assert(gibbs::cross_entropy_from_logits(z, target, T(0))
                        == gibbs::cross_entropy_from_logits(z, target),
                    "Label smoothing 0 of a distribution target must be the plain loss exactly.");
      static_assert(gibbs::cross_entropy_from_logits(z, target, T(0.5))
                        > gibbs::cross_entropy_from_logits(z, target),
                    "Smoothing the target (1/4, 1/4, 1/2) towards uniform moves mass to the "
                    "classes of smaller logits, so the loss under logits (1, 2, 3) must grow.");
    }
  });
}
