// Compile-fail twin of proofs/invalid_input.cpp: a NaN entry must be rejected when a
// measure is evaluated at compile time, with a message naming the problem; the same code on valid
// input (GIBBS_TWIN_TRUE=1) compiles. Run by proofs/compile.py.
//
// expect-error: an_entry_is_NaN
#include "gibbs/measure/cross_entropy.hpp"
#include "gibbs/measure/entropy.hpp"
#include "gibbs/measure/kl_divergence.hpp"

#include <array>
#include <limits>

#if GIBBS_TWIN_TRUE
constexpr double value = gibbs::entropy(std::array{0.5, 0.5});
#else
constexpr double value = gibbs::entropy(std::array{std::numeric_limits<double>::quiet_NaN(), 1.0});
#endif

int main() {
  return value > 0.0 ? 0 : 1;
}
