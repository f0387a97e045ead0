// Claims (the structural laws of gibbs/property/structure.hpp and the log-sum inequality), each on
// hand-picked instances that make the law bite (tolerances: gibbs/property/law.hpp):
//   entropy bounds        0 ≤ H(p) ≤ log n, reached by a one-hot p and by the uniform p;
//   log-sum inequality    Σ a·log(a/b) ≥ (Σa)·log(Σa/Σb), tight for a ∝ b;
//   permutation           H, H(p, q), KL, JS, TV unchanged by relabelling the outcomes;
//   additivity            H(p₁⊗p₂) = H(p₁) + H(p₂), KL(p₁⊗p₂‖q₁⊗q₂) = KL(p₁‖q₁) + KL(p₂‖q₂);
//   chain rule            KL(p_XY‖q_XY) = KL(p_X‖q_X) + E_X KL(p_Y|X‖q_Y|X), same for H;
//   data processing       KL(pA‖qA) ≤ KL(p‖q) for a stochastic matrix A;
//   joint convexity       KL of mixtures ≤ mixture of KLs.
// Types: all for float and double; entropy bounds and the log-sum inequality also for the slow
// types (each of the other laws evaluates several KLs of 4 or more points, which exceeds clang's
// default 1048576 steps in one constant evaluation there; see proof.hpp).
//
// No reference values: every claim is an identity or an inequality.
#include "proof.hpp"

#include "gibbs/property/divergence.hpp"
#include "gibbs/property/structure.hpp"

void structural_laws_proof() {
  using namespace gibbs::proofs;
  namespace law = gibbs::property;
  hana::for_each(number_types, [](auto t) {
    using T = type_of<decltype(t)>;
    constexpr std::array<T, 3> one_hot{T(0), T(1), T(0)};
    constexpr std::array<T, 4> uniform{T(0.25), T(0.25), T(0.25), T(0.25)};
    constexpr std::array<T, 3> p{T(0.125), T(0.375), T(0.5)}, q{T(0.5), T(0.25), T(0.25)};
    static_assert(law::entropy_bounds(one_hot), "Entropy must stay in [0, log n] (one-hot p).");
    static_assert(law::entropy_bounds(uniform), "Entropy must stay in [0, log n] (uniform p).");
    static_assert(law::entropy_bounds(p), "Entropy must stay in [0, log n].");
    constexpr std::array<T, 2> a{T(1), T(3)}, b{T(2), T(6)}, c{T(0.5), T(4)};
    static_assert(law::log_sum_inequality(a, b),
                  "The log-sum inequality must hold, with equality, for a = (1, 3), b = (2, 6).");
    static_assert(law::log_sum_inequality(a, c),
                  "The log-sum inequality must hold for a = (1, 3), b = (1/2, 4).");
    if constexpr (fast_math<T>) {
      constexpr std::array<int, 3> rotate{2, 0, 1};
      static_assert(law::permutation_invariance(p, q, rotate),
                    "Relabelling the outcomes must not change H, H(p, q), KL, JS or TV.");
      constexpr std::array<T, 2> p2{T(0.25), T(0.75)}, q2{T(0.5), T(0.5)};
      static_assert(law::additivity_on_products(p, q, p2, q2),
                    "Entropy and KL must add up on products of independent distributions.");
      // joint distributions on 2 × 2 outcomes, row-major (x = row)
      constexpr std::array<T, 4> pxy{T(0.125), T(0.375), T(0.25), T(0.25)};
      constexpr std::array<T, 4> qxy{T(0.25), T(0.25), T(0.125), T(0.375)};
      static_assert(
          law::chain_rule(pxy, qxy, 2),
          "The chain rule must hold: KL(p_XY||q_XY) = KL(p_X||q_X) + E KL(p_Y|X||q_Y|X).");
      // a noisy channel from 3 inputs to 2 outputs, and the identity channel (equality case)
      constexpr std::array<T, 6> noisy{T(0.75), T(0.25), T(0.5), T(0.5), T(0.125), T(0.875)};
      constexpr std::array<T, 9> identity{T(1), T(0), T(0), T(0), T(1), T(0), T(0), T(0), T(1)};
      static_assert(law::data_processing(p, q, noisy, 2),
                    "A noisy channel must not increase KL (data processing inequality).");
      static_assert(law::data_processing(p, q, identity, 3),
                    "The identity channel must keep KL (data processing, equality case).");
      static_assert(law::joint_convexity(p, q, q, p, T(0.25)),
                    "KL must be jointly convex: KL of mixtures <= mixture of KLs.");
      static_assert(law::joint_convexity(p, q, p, q, T(0.5)),
                    "KL must be jointly convex, with equality when both pairs are the same.");
    }
  });
}
