// examples/verify/accepted.cpp: a user's non-cancelling KL and gcem-style log, checked at compile
// time by gibbs::verify, one line per check. Compiling is the check; the program prints one KL.
//
//   c++ -std=c++20 -I include examples/verify/accepted.cpp
#include <gibbs/verify.hpp>

#include "user_code.hpp"

#include <array>
#include <cstdio>

namespace v = gibbs::verify;

// the laws of KL on every pair of the 3-point grid k/8 (2025 pairs), with the user's entropy and
// cross-entropy in the identity KL = H(p, q) − H(p)
static_assert(
    v::laws<v::kl<user::careful_kl, user::entropy, user::cross_entropy>, v::grid_pairs<3, 8>>);
// and on the hard pairs: near equality, tiny and subnormal masses, zeros
static_assert(v::laws<v::kl<user::careful_kl>, v::edge_pairs<>>);
// within 16 ulps of the correctly rounded KL near p = q, where the textbook formula fails
static_assert(v::within_ulps<16, v::kl<user::careful_kl>, v::near_equal_pairs<>>);
// the user's log within 1 ulp of gibbs::log (correctly rounded), subnormals to 2^1023
static_assert(v::within_ulps<1, v::log<user::log>>);

int main() {
  constexpr std::array p{0.5, 0.5}, q{0.7, 0.3};
  std::printf("%.17g\n", user::careful_kl(p, q));
}
