// Claim: bits = nats / ln 2 (gibbs::property::bits_are_nats_over_ln2: to_bits(x)·ln 2 = x within
// 16·ε(T)·|x|), in every constexpr number type; and the familiar values: a fair coin carries 1
// bit, the uniform distribution on 8 outcomes 3 bits (within 16·ε(T) of the exact integers).
//
// No reference values beyond the exact integers 1 and 3.
#include "proof.hpp"

#include "gibbs/measure/entropy.hpp"
#include "gibbs/measure/units.hpp"
#include "gibbs/property/likelihood.hpp"

namespace {

template <class T>
constexpr bool near_integer(const T& x, int n) {
  const T tol = T(16) * T(n) * std::numeric_limits<T>::epsilon();
  return T(n) - tol <= x && x <= T(n) + tol;
}

} // namespace

void bits_are_nats_over_ln2_proof() {
  using namespace gibbs::proofs;
  hana::for_each(number_types, [](auto t) {
    using T = type_of<decltype(t)>;
    constexpr std::array<T, 2> coin{T(0.5), T(0.5)};
    constexpr std::array<T, 8> die{T(0.125), T(0.125), T(0.125), T(0.125),
                                   T(0.125), T(0.125), T(0.125), T(0.125)};
    constexpr T coin_nats = gibbs::entropy(coin), die_nats = gibbs::entropy(die);
    static_assert(gibbs::property::bits_are_nats_over_ln2(coin_nats),
                  "to_bits(x) * ln 2 must give back x for x = H(fair coin) = ln 2 nats.");
    static_assert(gibbs::property::bits_are_nats_over_ln2(die_nats),
                  "to_bits(x) * ln 2 must give back x for x = H(uniform on 8) = ln 8 nats.");
    static_assert(gibbs::property::bits_are_nats_over_ln2(T(10)),
                  "to_bits(x) * ln 2 must give back x for x = 10 nats.");
    static_assert(near_integer(gibbs::to_bits(coin_nats), 1), "A fair coin must carry 1 bit.");
    static_assert(near_integer(gibbs::to_bits(die_nats), 3),
                  "The uniform distribution on 8 outcomes must carry 3 bits.");
  });
}
