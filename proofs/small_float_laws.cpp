// Claim (Gibbs' inequality and zero at equality in the 16-bit formats): in gibbs::binary16 and
// gibbs::bfloat16, whose every operation and logarithm is rounded to the format
// (gibbs/number/small_float.hpp),
//   KL(p‖q) ≥ 0 exactly for every pair of 2-point distributions with masses k/16 (289 pairs) and
//   of 3-point distributions with masses k/4 (225 pairs), zeros included (then KL = +∞), and
//   KL(p‖p) == 0 exactly for every 2-point distribution with masses k/16 and 3-point
//   distribution with masses k/8.
// The masses are exact in both formats and sum to 1 exactly, so the laws allow no tolerance.
// 11 and 8 significant bits leave no room for a formula that cancels: the textbook Σ p·log(p/q)
// loses every digit near p = q in these formats, while the accurate form's terms q·φ(u) ≥ 0 keep
// KL ≥ 0 and KL(p‖p) = 0 by construction. Cost: each operation of the formats decodes, computes
// in double and re-encodes (about a hundred constant-evaluation steps instead of one), so a
// 3-point KL costs about 2·10^4 clang steps and 16 ms of g++, five times a KL in double: the
// pairs go 8 to a constant evaluation, and the 3-point grid is k/4 (k/8 would add 30 s of g++).
//
// No reference values: the claims are an inequality and an exact identity.
#include "proof.hpp"

#include "gibbs/number/small_float.hpp"
#include "gibbs/property/divergence.hpp"

namespace {

struct gibbs_law {
  template <class P, class Q>
  constexpr bool operator()(const P& p, const Q& q) const {
    return static_cast<bool>(gibbs::property::gibbs_inequality(p, q));
  }
};

struct zero_law {
  template <class P>
  constexpr bool operator()(const P& p) const {
    return static_cast<bool>(gibbs::property::zero_at_equality(p));
  }
};

} // namespace

void small_float_laws_proof() {
  using namespace gibbs::proofs;
  hana::for_each(hana::tuple_t<gibbs::binary16, gibbs::bfloat16>, [](auto t) {
    using T = type_of<decltype(t)>;
    static_assert(holds_for_all_pairs<T, 2, 16, gibbs_law, 8>,
                  "Gibbs' inequality must hold in the 16-bit format: KL(p||q) >= 0 for every "
                  "pair of 2-point distributions with masses k/16.");
    static_assert(holds_for_all_pairs<T, 3, 4, gibbs_law, 8>,
                  "Gibbs' inequality must hold in the 16-bit format: KL(p||q) >= 0 for every "
                  "pair of 3-point distributions with masses k/4.");
    static_assert(holds_for_all_points<T, 2, 16, zero_law, 8>,
                  "KL(p||p) must be exactly 0 in the 16-bit format for every 2-point "
                  "distribution with masses k/16.");
    static_assert(holds_for_all_points<T, 3, 8, zero_law, 8>,
                  "KL(p||p) must be exactly 0 in the 16-bit format for every 3-point "
                  "distribution with masses k/8.");
  });
}
