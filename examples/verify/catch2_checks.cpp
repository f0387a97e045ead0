// examples/verify/catch2_checks.cpp: the checks of accepted.cpp and textbook_rejected.cpp at run
// time, from a Catch2 test — for code that is not constexpr, or to see how many cases fail. A
// failing check prints its first counterexample.
#include <gibbs/verify.hpp>

#include "user_code.hpp"

#include <catch2/catch.hpp>

namespace v = gibbs::verify;

TEST_CASE("the non-cancelling KL keeps the laws and stays within 16 ulps") {
  CHECK(v::run::laws<v::kl<user::careful_kl, user::entropy, user::cross_entropy>,
                     v::grid_pairs<3, 8>>());
  CHECK(v::run::laws<v::kl<user::careful_kl>, v::edge_pairs<>>());
  CHECK(v::run::within_ulps<16, v::kl<user::careful_kl>, v::near_equal_pairs<>>());
  CHECK(v::run::within_ulps<1, v::log<user::log>>());
}

TEST_CASE("the textbook KL breaks Gibbs' inequality near p = q") {
  const auto r = v::run::laws<v::kl<user::textbook_kl>, v::near_equal_pairs<>>();
  // r.message: "kl_is_at_least_zero fails at case 13 of 650: p = (0.125, 0.12500000046566129,
  // 0.74999999953433871), q = (0.125, 0.125, 0.75): lhs = -5.3487307141485693e-17, rhs = 0,
  // tolerance = 0 (… failing cases in all)"
  CHECK(!r);
  CHECK(r.first == 13);
  CHECK(r.message.find("p = (0.125, 0.12500000046566129, 0.74999999953433871)")
        != std::string::npos);
}
