// Compile-fail twin of proofs/gibbs_inequality_grid.cpp, through the same machinery
// (gibbs::proofs::holds_for_rows, one constant evaluation per pair) on one row of the 3-point k/16
// grid in double: p = point 125 of the grid against all 153 q. The false claim, KL(p||q) > 0 for
// every pair, must be rejected (the row contains q = p, where KL is exactly 0); the true one, the
// real law KL(p||q) >= 0 on the same row (GIBBS_TWIN_TRUE=1), must compile. Row 125 is the row
// that held the longest run of expensive pairs (eight in a row whose log needs the fallback) when
// the grid was measured, so the true twin also shows that such a row fits the default limits.
// Run by proofs/compile.py.
//
// expect-error-regex: (static assertion failed|static_assert failed)
// expect-error: claim under test: KL(p||q) > 0 for every pair of row 125 of the 3-point k/16 grid
#include "../proof.hpp"

#include "gibbs/property/divergence.hpp"

namespace {

struct strictly_positive_law { // false: KL(p||p) = 0
  template <class P, class Q>
  constexpr bool operator()(const P& p, const Q& q) const {
    return gibbs::kl_divergence(p, q) > 0.0;
  }
};

struct gibbs_law {
  template <class P, class Q>
  constexpr bool operator()(const P& p, const Q& q) const {
    return static_cast<bool>(gibbs::property::gibbs_inequality(p, q));
  }
};

#if GIBBS_TWIN_TRUE
using law = gibbs_law;
#else
using law = strictly_positive_law;
#endif

} // namespace

int main() {
  static_assert(
      gibbs::proofs::holds_for_rows<double, 3, 16, law, 125, 126>,
      "claim under test: KL(p||q) > 0 for every pair of row 125 of the 3-point k/16 grid");
}
