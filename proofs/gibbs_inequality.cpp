// Claim (Gibbs' inequality): KL(p‖q) ≥ 0 for every pair of distributions, checked exhaustively on
// the grids of 2- and 3-point distributions with rational masses k/D (all pairs p, q, zeros
// included), in every constexpr number type. The masses are exact binary fractions and
// Σp = Σq = 1 exactly, so gibbs::property::gibbs_inequality allows no tolerance: KL ≥ 0 must hold
// exactly.
//
// The grids, per type:
//   float, double                      2 points k/16 (289 pairs) here; 3 points k/16 (all 23409
//                                      pairs) in gibbs_inequality_grid.cpp, split into slices
//   long double, double_double,        2 points k/4 (25 pairs) and 3 points k/2 (36 pairs) here
//   float128 (g++ only)
// The slow types evaluate log through the multiprecision fixed-point fallback (no fast path):
// 2–5·10^5 clang steps and about 0.2 s of compile time per KL, against a few ms in float and
// double (proof.hpp). Their full k/16 grid would cost about 23409 × 0.2 s ≈ 80 min per type and
// compiler, and even 3 points k/4 (225 pairs) about 45 s per type and compiler, so they are
// checked on the coarse grids above: the same claim, on fewer pairs.
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
    if constexpr (!fast_math<T>) // float and double: the full k/16 grid, gibbs_inequality_grid.cpp
      static_assert(holds_for_all_pairs<T, 3, grid3_denominator<T>, gibbs_law, pairs_per_chunk<T>>,
                    "Gibbs' inequality must hold: KL(p||q) >= 0 for every pair of 3-point "
                    "distributions with masses k/D.");
  });
}
