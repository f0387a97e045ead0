// Compile-fail twin for the parameter check of gibbs::renyi_divergence: α = 1 (where the formula
// divides by zero) must be rejected when the measure is evaluated at compile time, with a message
// naming the requirement; the same code with α = 2 (GIBBS_TWIN_TRUE=1) compiles. Run by
// proofs/compile.py.
//
// expect-error: the_order_alpha_must_be_finite_positive_and_not_1
#include "gibbs/measure/renyi.hpp"

#include <array>

constexpr std::array p{0.5, 0.5}, q{0.75, 0.25};
#if GIBBS_TWIN_TRUE
constexpr double d = gibbs::renyi_divergence(p, q, 2.0);
#else
constexpr double d = gibbs::renyi_divergence(p, q, 1.0);
#endif

int main() {
  return d > 0.0 ? 0 : 1;
}
