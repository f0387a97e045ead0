// Compile-fail twin of proofs/bits_are_nats_over_ln2.cpp: the false claim must be
// rejected by the compiler and the true one (the same code, GIBBS_TWIN_TRUE=1) accepted. Run by
// proofs/compile.py.
//
// expect-error-regex: (static assertion failed|static_assert failed)
// expect-error: claim under test: a fair coin carries ln 2 bits
#include "gibbs/measure/entropy.hpp"
#include "gibbs/measure/units.hpp"
#include "gibbs/number/math.hpp"

#include <array>

constexpr std::array coin{0.5, 0.5};
constexpr double bits = gibbs::to_bits(gibbs::entropy(coin));
// the true law: a fair coin carries 1 bit; the false one: ln 2 bits (nats mistaken for bits)
[[maybe_unused]] constexpr double falsehood = 0.6931471805599453;
int main() {
#if GIBBS_TWIN_TRUE
  static_assert(bits - 1.0 <= 1e-15 && 1.0 - bits <= 1e-15,
                "claim under test: a fair coin carries ln 2 bits");
#else
  static_assert(bits - falsehood <= 1e-15 && falsehood - bits <= 1e-15,
                "claim under test: a fair coin carries ln 2 bits");
#endif
}
