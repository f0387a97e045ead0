// tests/verify/static_checks.cpp: gibbs::verify's machinery at compile time — the input sets
// (sizes counted by hand or by the binomial formula, members spelled out), the decimal spelling
// of numbers (exact decimal values of binary fractions, worked out by hand), the search for the
// first failing case with a predicate of our own, and checks that hold. Compiling is the test; the
// failing checks are the compile-fail twins in proofs/compile_fail/verify_*.cpp.
#include "gibbs/verify.hpp"

#include <array>
#include <cstddef>

namespace v = gibbs::verify;

// --- input sets ---------------------------------------------------------------------------------
// C(D + N − 1, N − 1) distributions: 2 points k/4 → 5; 3 points k/8 → C(10, 2) = 45.
static_assert(v::grid<2, 4>::size == 5);
static_assert(v::grid<3, 8>::size == 45);
static_assert(v::grid_pairs<3, 8>::size == 45 * 45);
// every grid point is a distribution with masses k/D summing to exactly 1, all distinct
constexpr bool grid_is_exact_and_distinct = [] {
  using G = v::grid<3, 8>;
  for (std::size_t i = 0; i < G::size; ++i) {
    const auto p = G::at(i).p;
    if (p[0] + p[1] + p[2] != 1.0) return false;
    for (double x : p)
      if (x * 8 != static_cast<double>(static_cast<int>(x * 8))) return false;
    for (std::size_t j = 0; j < i; ++j)
      if (G::at(j).p == p) return false;
  }
  return true;
}();
static_assert(grid_is_exact_and_distinct);
// the counterexample pair is in the 3-point k/8 grid of pairs
constexpr bool has_the_pair = [] {
  using G = v::grid_pairs<3, 8>;
  for (std::size_t i = 0; i < G::size; ++i) {
    const auto c = G::at(i);
    if (c.p == std::array{0.0, 0.125, 0.875} && c.q == std::array{0.0, 0.25, 0.75}) return true;
  }
  return false;
}();
static_assert(has_the_pair);
// near-equal pairs: p − q = ±δ in two coordinates, Σp = Σq = 1 exactly, δ down to 2^-50·min q
// 26 bases whose 1/q_a + 1/q_b is not dyadic (counted with Python fractions) × 25 steps
static_assert(v::near_equal_pairs<>::size == 26 * 25);
constexpr bool near_equal_are_exact = [] {
  using G = v::near_equal_pairs<>;
  for (std::size_t i = 0; i < G::size; ++i) {
    const auto c = G::at(i);
    if (c.p[0] + c.p[1] + c.p[2] != 1.0 || c.q[0] + c.q[1] + c.q[2] != 1.0) return false;
    if (c.p == c.q) return false;
  }
  return true;
}();
static_assert(near_equal_are_exact);
// case 24: q = (1, 1, 6)/8, coordinates 1 and 2 moved by δ = 2^-48·(1/8) (j = 50 capped at
// digits − 5 = 48, so that q + δ stays exact)
static_assert(v::near_equal_pairs<>::at(24).p[1] - v::near_equal_pairs<>::at(24).q[1] == 0x1p-51);
static_assert(v::join<v::grid<2, 4>, v::grid<2, 2>>::size == 8);
static_assert(v::join<v::grid<2, 4>, v::grid<2, 2>>::at(5).p == std::array{0.0, 1.0});
// a user's own cases
constexpr std::array mine{v::pair_of(std::array{0.5, 0.5}, std::array{0.7, 0.3}),
                          v::pair_of(std::array{0.25, 0.75}, std::array{0.75, 0.25})};
static_assert(v::cases<mine>::size == 2 && v::cases<mine>::at(1).q[0] == 0.75);

// --- numbers spelled as decimal<M, E> -----------------------------------------------------------
constexpr bool spelled(double x, long long m, int e) {
  const auto d = v::detail::to_decimal(x);
  return d.kind == 0 && d.m == m && d.e == e;
}
static_assert(spelled(0.125, 125, -3));
static_assert(spelled(-0.75, -75, -2));
static_assert(spelled(1.0, 1, 0));
static_assert(spelled(1024.0, 1024, 0));
static_assert(spelled(0.1, 10000000000000001, -17));        // 0.1000000000000000055511…
static_assert(spelled(0x1p-1074, 49406564584124654, -340)); // 4.9406564584124654…e-324
static_assert(spelled(0x1p-60, 86736173798840355, -35));    // 8.6736173798840354720…e-19
static_assert(v::detail::to_decimal(0.1f).m == 100000001);  // 0.100000001490116… (9 digits)
static_assert(v::detail::to_decimal(-0.0).kind == 3);
static_assert(v::detail::to_decimal(__builtin_inf()).kind == 1);

// --- the search for the first failing case ------------------------------------------------------
struct fails_from_1234 { // holds for i < 1234
  static constexpr std::size_t size = 5000;
  static constexpr bool holds(std::size_t i) { return i < 1234; }
};
struct fails_at_7_and_900 {
  static constexpr std::size_t size = 1000;
  static constexpr bool holds(std::size_t i) { return i != 7 && i != 900; }
};
struct always_holds {
  static constexpr std::size_t size = 3000;
  static constexpr bool holds(std::size_t) { return true; }
};
static_assert(v::first_failure<fails_from_1234> == 1234);
static_assert(v::first_failure<fails_from_1234, 100> == 1234);
static_assert(v::first_failure<fails_at_7_and_900, 16> == 7);
static_assert(v::first_failure<always_holds> == v::no_failure);
static_assert(v::first_failure<always_holds, 7> == v::no_failure);

// --- checks that hold: gibbs' correctly rounded functions against themselves would be circular,
// so a faithful user log is checked against gibbs::log, and the laws on KL-like callables -------
constexpr auto kl_by_gibbs_exact = [](const auto& p, const auto& q) {
  return gibbs::exact::kl_divergence(p, q).value;
};
static_assert(v::laws<v::kl<kl_by_gibbs_exact>, v::edge_pairs<>>);
constexpr auto log_of_gibbs = [](double x) { return gibbs::log(x); };
static_assert(v::laws<v::log<log_of_gibbs>>);

int main() {}
