// Compile-fail twin of proofs/invalid_input.cpp: a length mismatch must be rejected when a
// measure is evaluated at compile time, with a message naming the problem; the same code on valid
// input (GIBBS_TWIN_TRUE=1) compiles. Run by proofs/compile.py.
//
// expect-error: the_two_arguments_have_different_lengths
#include "gibbs/measure/cross_entropy.hpp"
#include "gibbs/measure/entropy.hpp"
#include "gibbs/measure/kl_divergence.hpp"

#include <array>
#include <limits>

#if GIBBS_TWIN_TRUE
constexpr double value = gibbs::cross_entropy(std::array{0.5, 0.5}, std::array{0.5, 0.5});
#else
constexpr double value = gibbs::cross_entropy(std::array{0.5, 0.5}, std::array{0.5, 0.25, 0.25});
#endif

int main() {
  return value > 0.0 ? 0 : 1;
}
