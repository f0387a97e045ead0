// Claim: KL(p‖q) = H(p, q) − H(p), within 16·ε(T)·(H(p, q) + H(p) + 1) (the tolerance of
// gibbs::property::kl_is_cross_entropy_minus_entropy, explained in gibbs/property/law.hpp), for
// every pair of the 2-point grid k/16 and of the 3-point grid k/4 in float and double, and of the
// 2-point grid k/4 in the slow types (proof.hpp). Pairs with q_i = 0 < p_i are included: both
// sides are then +∞.
//
// No reference values: the claim is an identity between three measures.
#include "proof.hpp"

#include "gibbs/property/divergence.hpp"

namespace {

struct difference_law {
  template <class P, class Q>
  constexpr bool operator()(const P& p, const Q& q) const {
    return static_cast<bool>(gibbs::property::kl_is_cross_entropy_minus_entropy(p, q));
  }
};

} // namespace

void kl_is_cross_entropy_minus_entropy_proof() {
  using namespace gibbs::proofs;
  hana::for_each(number_types, [](auto t) {
    using T = type_of<decltype(t)>;
    static_assert(
        holds_for_all_pairs<T, 2, grid2_denominator<T>, difference_law, pairs_per_chunk<T> / 3 + 1>,
        "KL(p||q) must equal H(p, q) - H(p) within 16 eps (H(p, q) + H(p) + 1) for "
        "every pair of 2-point distributions with masses k/D.");
    if constexpr (fast_math<T>) {
      static_assert(holds_for_all_pairs<T, 3, 4, difference_law, pairs_per_chunk<T> / 3>,
                    "KL(p||q) must equal H(p, q) - H(p) within 16 eps (H(p, q) + H(p) + 1) for "
                    "every pair of 3-point distributions with masses k/4.");
    }
  });
}
