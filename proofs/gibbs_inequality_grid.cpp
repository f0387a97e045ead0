// Claim (Gibbs' inequality, exhaustive part): KL(p‖q) ≥ 0 for every one of the 153 × 153 = 23409
// pairs of 3-point distributions with masses k/16 (zeros included, so also the pairs with
// p_i > 0 = q_i, where KL = +∞), in float and double. The masses are exact binary fractions and
// Σp = Σq = 1 exactly, so gibbs::property::gibbs_inequality allows no tolerance: the computed KL
// must be ≥ 0, exactly.
//
// One TU checks one slice of the grid: the p among points [153·s/S, 153·(s+1)/S) of the grid
// against every q, for s = GIBBS_GRID_SLICE and S = GIBBS_GRID_SLICES, both of which the build
// defines (proofs/meson.build compiles this file once per slice, with each compiler). Every pair is
// a constant evaluation of its own (holds_for_rows in proof.hpp) because a few pairs cost a
// hundred times more than the rest. The rest of the claim (2-point grids, and the coarser grids of
// the slow types) is in gibbs_inequality.cpp.
//
// Cost (measured on a 2-core machine, one compile at a time): the whole grid, 2 × 23409 KL, takes
// 131 s of g++ 12 (-c, at most 1.7 GB per slice) and 163 s of clang++ 14 (-fsyntax-only) CPU time,
// about 2.8 ms and 3.5 ms per pair; 150 of the pairs (in double) need the log's fallback and cost
// 1–8·10^5 clang steps each, the rest about 4·10^3. proofs/meson.build chooses 8 slices.
//
// No reference values: the claim is an inequality.
#include "proof.hpp"

#include "gibbs/property/divergence.hpp"

#if !defined(GIBBS_GRID_SLICE) || !defined(GIBBS_GRID_SLICES)
#error                                                                                             \
    "gibbs_inequality_grid.cpp checks one slice of the grid: define GIBBS_GRID_SLICE and GIBBS_GRID_SLICES (proofs/meson.build does)."
#endif

#define GIBBS_PROOFS_CAT_(a, b) a##b
#define GIBBS_PROOFS_CAT(a, b) GIBBS_PROOFS_CAT_(a, b)

namespace {

struct gibbs_law {
  template <class P, class Q>
  constexpr bool operator()(const P& p, const Q& q) const {
    return static_cast<bool>(gibbs::property::gibbs_inequality(p, q));
  }
};

constexpr std::size_t slice = GIBBS_GRID_SLICE, slices = GIBBS_GRID_SLICES;
static_assert(slice < slices, "GIBBS_GRID_SLICE must be one of 0, 1, …, GIBBS_GRID_SLICES - 1.");

constexpr std::size_t points = gibbs::proofs::grid_size<3, 16>; // 153
constexpr std::size_t first = points * slice / slices, last = points * (slice + 1) / slices;

} // namespace

// A function of its own per slice: g++ frees the memory of its constant evaluations only between
// function bodies, so the checks do not sit at namespace scope.
void GIBBS_PROOFS_CAT(gibbs_inequality_grid_proof_, GIBBS_GRID_SLICE)() {
  using namespace gibbs::proofs;
  hana::for_each(hana::tuple_t<float, double>, [](auto t) {
    using T = type_of<decltype(t)>;
    static_assert(holds_for_rows<T, 3, 16, gibbs_law, first, last>,
                  "Gibbs' inequality must hold: KL(p||q) >= 0 for every pair of 3-point "
                  "distributions with masses k/16.");
  });
}
