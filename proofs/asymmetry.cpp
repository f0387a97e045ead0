// Claim (asymmetry): KL is not symmetric — the witness p = (1/2, 1/2), q = (7/8, 1/8) has
// KL(p‖q) ≠ KL(q‖p) by far more than rounding, in every constexpr number type; and swapping the
// arguments of the measure is what reverse_kl_divergence does.
//
// Reference values (Python's decimal module, 60 digits:
//   python3 -c "from decimal import *; getcontext().prec=60;
//     print((D(4)/7).ln()/2 + (D(4)).ln()/2, D(7)/8*(D(7)/4).ln() + D(1)/8*(D(1)/4).ln())"
// with D = Decimal): KL(p‖q) = ½·ln(16/7) = 0.41333…, KL(q‖p) = ⅞·ln(7/4) − ⅛·ln 4 = 0.31639…
// The brackets below are wider than any rounding; the claim itself needs no reference.
#include "proof.hpp"

#include "gibbs/measure/kl_divergence.hpp"
#include "gibbs/property/divergence.hpp"

void asymmetry_proof() {
  using namespace gibbs::proofs;
  hana::for_each(number_types, [](auto t) {
    using T = type_of<decltype(t)>;
    constexpr std::array<T, 2> p{T(0.5), T(0.5)}, q{T(0.875), T(0.125)};
    static_assert(
        gibbs::property::asymmetry_witness(p, q),
        "KL must be asymmetric: KL(p||q) != KL(q||p) for p = (1/2, 1/2), q = (7/8, 1/8).");
    constexpr T forward = gibbs::kl_divergence(p, q), backward = gibbs::kl_divergence(q, p);
    static_assert(T(0.4133) < forward && forward < T(0.4134),
                  "KL(p||q) for p = (1/2, 1/2), q = (7/8, 1/8) must be 0.5*ln(16/7) = 0.41333...");
    static_assert(T(0.3163) < backward && backward < T(0.3164),
                  "KL(q||p) for p = (1/2, 1/2), q = (7/8, 1/8) must be 0.31639...");
    static_assert(gibbs::reverse_kl_divergence(p, q) == backward,
                  "reverse_kl_divergence(p, q) must be KL(q||p), the same number as "
                  "kl_divergence(q, p).");
  });
}
