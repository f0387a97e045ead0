// Claim (the worked example): for p = (0.5, 0.5) and q = (0.7, 0.3), in every constexpr number
// type,
//   term₁ = p₁·log(p₁/q₁) = ½·ln(5/7)  ≈ −0.168236,
//   term₂ = p₂·log(p₂/q₂) = ½·ln(5/3)  ≈  0.255413,
//   KL(p‖q) = term₁ + term₂ = ½·ln(25/21) ≈ 0.0871767,
//   H(p, q) = −½·ln(21/100) ≈ 0.780324,  H(p) = ln 2,
// each bracketed within 8·ε(T) of the exact value.
//
// Reference values: Python's decimal module (60 significant digits, correctly rounded ln), split
// into three doubles hi + mid + lo (≈ 160 bits, enough for float128) by
//   python3 -c "from decimal import *; from fractions import Fraction as F;
//     getcontext().prec = 60; v = F((Decimal(5)/Decimal(7)).ln()/2);
//     hi = float(v); mid = float(v - F(hi)); lo = float(v - F(hi) - F(mid));
//     print(hi.hex(), mid.hex(), lo.hex())"
// (and likewise for ln(5/3)/2, ln(25/21)/2, −ln(21/100)/2, ln 2).
//
// Tolerance 8·ε(T), absolute (all values are O(1)): q = T(7)/T(10) and T(3)/T(10) are rounded in
// T (≤ ε/2 each), which moves each value by at most ε; the measures are correctly rounded or
// within a couple of ulps; summing the reference's three parts in T costs ≤ ε.
#include "proof.hpp"

#include "gibbs/measure/cross_entropy.hpp"
#include "gibbs/measure/entropy.hpp"
#include "gibbs/measure/kl_divergence.hpp"
#include "gibbs/number/math.hpp"

namespace {

struct reference {
  double hi, mid, lo;
};

constexpr reference term_1{-0x1.588c2d9133490p-3, 0x1.68e8e30e46e14p-57, -0x1.57290174aed1bp-112};
constexpr reference term_2{0x1.058aefa811452p-2, -0x1.636250f41f7efp-56, -0x1.2560ba63e90c6p-112};
constexpr reference kl_pq{0x1.6513637dde827p-4, 0x1.4448824c0fc6bp-58, 0x1.837644276821fp-112};
constexpr reference h_pq{0x1.8f869c5f5f6f4p-1, 0x1.f9b8088d37eb4p-57, 0x1.e896146aad21ap-114};
constexpr reference h_p{0x1.62e42fefa39efp-1, 0x1.abc9e3b39803fp-56, 0x1.7b57a079a1934p-111};

/// |x − ref| ≤ 8·ε(T), with ref summed in T from its three parts.
template <class T>
constexpr bool within_8_eps(const T& x, const reference& r) {
  const T ref = T(r.hi) + T(r.mid) + T(r.lo);
  const T tol = T(8) * std::numeric_limits<T>::epsilon();
  return ref - tol <= x && x <= ref + tol;
}

} // namespace

void worked_example_proof() {
  using namespace gibbs::proofs;
  hana::for_each(number_types, [](auto t) {
    using T = type_of<decltype(t)>;
    constexpr std::array<T, 2> p{T(1) / T(2), T(1) / T(2)}, q{T(7) / T(10), T(3) / T(10)};
    constexpr T t1 = p[0] * gibbs::log(p[0] / q[0]);
    constexpr T t2 = p[1] * gibbs::log(p[1] / q[1]);
    static_assert(within_8_eps(t1, term_1),
                  "The first KL term of p = (0.5, 0.5), q = (0.7, 0.3) must be 0.5*ln(5/7) = "
                  "-0.168236118310606465...");
    static_assert(within_8_eps(t2, term_2),
                  "The second KL term of p = (0.5, 0.5), q = (0.7, 0.3) must be 0.5*ln(5/3) = "
                  "0.255412811882995341...");
    constexpr T kl = gibbs::kl_divergence(p, q);
    static_assert(within_8_eps(kl, kl_pq),
                  "KL(p||q) for p = (0.5, 0.5), q = (0.7, 0.3) must be 0.5*ln(25/21) = "
                  "0.087176693572388876...");
    static_assert(within_8_eps(gibbs::cross_entropy(p, q), h_pq),
                  "H(p, q) for p = (0.5, 0.5), q = (0.7, 0.3) must be -0.5*ln(0.21) = "
                  "0.780323874132334185...");
    static_assert(within_8_eps(gibbs::entropy(p), h_p),
                  "H(p) for p = (0.5, 0.5) must be ln 2 = 0.693147180559945309...");
  });
}
