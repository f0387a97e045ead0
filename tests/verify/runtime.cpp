// tests/verify/runtime.cpp: gibbs::verify at run time (gibbs::verify::run) on a user's code
// (examples/verify/user_code.hpp), and the decimal spelling of numbers against the C library's
// correctly rounded printf ("%.16e", glibc) on random doubles and floats.
#include "gibbs/verify.hpp"

#include "../../examples/verify/user_code.hpp"

#include <catch2/catch.hpp>

#include <bit>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>

namespace v = gibbs::verify;

TEST_CASE("a textbook KL is rejected near p = q, with the counterexample", "[verify]") {
  const auto r = v::run::laws<v::kl<user::textbook_kl>, v::near_equal_pairs<>>();
  CHECK(!r);
  CHECK(r.failures > 0);
  // the first failing case: KL of q = (1, 1, 6)/8 moved by δ on coordinates 1, 2 comes out < 0
  CHECK(r.message.find("kl_is_at_least_zero fails at case") == 0);
  CHECK(r.message.find("q = (0.125, 0.125, 0.75)") != std::string::npos);
  const auto u = v::run::within_ulps<4, v::kl<user::textbook_kl>, v::near_equal_pairs<>>();
  CHECK(!u);
  CHECK(u.message.find("ulps apart") != std::string::npos);
}

TEST_CASE("a non-cancelling KL keeps every law and stays within 16 ulps", "[verify]") {
  using careful = v::kl<user::careful_kl, user::entropy, user::cross_entropy>;
  const auto a = v::run::laws<careful, v::grid_pairs<3, 8>>();
  CHECK(a);
  INFO(a.message);
  const auto b = v::run::laws<careful, v::edge_pairs<>>();
  INFO(b.message);
  CHECK(b);
  const auto c = v::run::within_ulps<16, v::kl<user::careful_kl>, v::edge_pairs<>>();
  INFO(c.message);
  CHECK(c);
  CHECK(c.cases == v::edge_pairs<>::size);
}

TEST_CASE("a gcem-style log is within 1 ulp of gibbs::log but not correctly rounded", "[verify]") {
  const auto one = v::run::within_ulps<1, v::log<user::log>>();
  INFO(one.message);
  CHECK(one);
  const auto zero = v::run::within_ulps<0, v::log<user::log>>();
  CHECK(!zero);
  CHECK(zero.message.find("1 ulps apart") != std::string::npos);
}

TEST_CASE("a KL that mishandles the zero masses of p is rejected", "[verify]") {
  // Σ over p_i > 0 of q φ(u), but −q_i added for p_i = 0: forgets that 0·log(0/q) − 0 + q = q
  static constexpr auto wrong = [](const auto& p, const auto& q) {
    double s = 0;
    for (std::size_t i = 0; i < p.size(); ++i)
      s += p[i] == 0 ? -q[i] : user::careful_kl(std::array{p[i]}, std::array{q[i]});
    return s;
  };
  const auto r = v::run::laws<v::kl<wrong>, v::grid_pairs<3, 4>>();
  CHECK(!r);
  CHECK(r.message.find("fails at case") != std::string::npos);
}

TEST_CASE("numbers are spelled with the digits of printf %.16e", "[verify]") {
  std::mt19937_64 g(31);
  for (int k = 0; k < 20000; ++k) {
    const double x = std::bit_cast<double>(g());
    if (x != x || x - x != 0 || x == 0) continue;
    const auto d = v::detail::to_decimal(x);
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.16e", x);
    // buf = "d.dddddddddddddddde±XX": the 17 digits, trailing zeros removed, and the exponent
    std::string digits;
    for (const char* c = buf; *c != 'e'; ++c)
      if (*c >= '0' && *c <= '9') digits += *c;
    int exp10 = std::atoi(std::strchr(buf, 'e') + 1) - 16;
    while (digits.size() > 1 && digits.back() == '0') {
      digits.pop_back();
      ++exp10;
    }
    INFO(buf);
    REQUIRE(d.kind == 0);
    REQUIRE(std::to_string(d.m < 0 ? -d.m : d.m) == digits);
    REQUIRE((d.m < 0) == (x < 0));
    REQUIRE(d.e == exp10);
  }
}
