// Claim (Gibbs' inequality): KL(p‖q) ≥ 0 for every pair of distributions, checked exhaustively on
// the grids of 2- and 3-point distributions with rational masses k/D (all pairs p, q), in every
// constexpr number type: D = 16 (2 points, 289 pairs) and D = 8 (3 points, 2025 pairs) for float
// and double; D = 4 and D = 2 for the types evaluated through the multiprecision fallback (see
// proof.hpp for the measured cost). The masses are exact binary fractions and Σp = Σq = 1 exactly,
// so gibbs::property::gibbs_inequality allows no tolerance: KL ≥ 0 must hold exactly.
//
// No reference values: the claim is an inequality.
#include "proof.hpp"

#include "gibbs/property/divergence.hpp"

namespace {

struct gibbs_law {
  template <class P, class Q>
  constexpr bool operator()(const P& p, const Q& q) const {
    return static_cast<bool>(gibbs::property::gibbs_inequality(p, q));
  }
};

} // namespace

void gibbs_inequality_proof() {
  using namespace gibbs::proofs;
  hana::for_each(number_types, [](auto t) {
    using T = type_of<decltype(t)>;
    static_assert(holds_for_all_pairs<T, 2, grid2_denominator<T>, gibbs_law, pairs_per_chunk<T>>,
                  "Gibbs' inequality must hold: KL(p||q) >= 0 for every pair of 2-point "
                  "distributions with masses k/D.");
    static_assert(holds_for_all_pairs<T, 3, grid3_denominator<T>, gibbs_law, pairs_per_chunk<T>>,
                  "Gibbs' inequality must hold: KL(p||q) >= 0 for every pair of 3-point "
                  "distributions with masses k/D.");
  });
}
