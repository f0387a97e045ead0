// Claim (zero at equality): KL(p‖p) == 0 exactly — compared with ==, no tolerance — for every
// distribution on the grids of 2- and 3-point distributions with masses k/D (D as in proof.hpp),
// in every constexpr number type. The accurate form's terms are p·φ(0) + (p − p) = 0 without any
// rounding, so anything but an exact zero is a defect.
//
// No reference values: the claim is an exact identity.
#include "proof.hpp"

#include "gibbs/property/divergence.hpp"

namespace {

struct zero_law {
  template <class P>
  constexpr bool operator()(const P& p) const {
    return static_cast<bool>(gibbs::property::zero_at_equality(p));
  }
};

} // namespace

void zero_at_equality_proof() {
  using namespace gibbs::proofs;
  hana::for_each(number_types, [](auto t) {
    using T = type_of<decltype(t)>;
    static_assert(holds_for_all_points<T, 2, grid2_denominator<T>, zero_law, 8>,
                  "KL(p||p) must be exactly 0 for every 2-point distribution with masses k/D.");
    static_assert(holds_for_all_points<T, 3, grid3_denominator<T>, zero_law, 8>,
                  "KL(p||p) must be exactly 0 for every 3-point distribution with masses k/D.");
    constexpr std::array<T, 4> uniform{T(0.25), T(0.25), T(0.25), T(0.25)};
    static_assert(gibbs::kl_divergence(uniform, uniform) == T(0),
                  "KL(u||u) must be exactly 0 for the uniform distribution u on 4 points.");
  });
}
