// Claim (Pinsker's inequality): KL(p‖q) ≥ 2·TV(p, q)², up to 16·ε(T)·(KL + 2·TV²)
// (gibbs::property::pinsker), for every pair of the 2-point grid k/16 and of the 3-point grid k/4
// in float and double, and of the 2-point grid k/4 in the slow types (proof.hpp). The 2-point grid
// contains the tight cases p = (½ ± δ), q = (½, ½), where KL − 2·TV² = O(δ⁴).
//
// No reference values: the claim is an inequality.
#include "proof.hpp"

#include "gibbs/property/divergence.hpp"

namespace {

struct pinsker_law {
  template <class P, class Q>
  constexpr bool operator()(const P& p, const Q& q) const {
    return static_cast<bool>(gibbs::property::pinsker(p, q));
  }
};

} // namespace

void pinsker_proof() {
  using namespace gibbs::proofs;
  hana::for_each(number_types, [](auto t) {
    using T = type_of<decltype(t)>;
    static_assert(
        holds_for_all_pairs<T, 2, grid2_denominator<T>, pinsker_law, pairs_per_chunk<T> / 2 + 1>,
        "Pinsker's inequality must hold: KL(p||q) >= 2 TV(p, q)^2 for every pair of 2-point "
        "distributions with masses k/D.");
    if constexpr (fast_math<T>) {
      static_assert(holds_for_all_pairs<T, 3, 4, pinsker_law, pairs_per_chunk<T> / 2>,
                    "Pinsker's inequality must hold: KL(p||q) >= 2 TV(p, q)^2 for every pair of "
                    "3-point distributions with masses k/4.");
    }
  });
}
