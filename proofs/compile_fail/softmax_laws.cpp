// Compile-fail twin of proofs/softmax_laws.cpp: the false claim must be rejected by the compiler
// and the true one (the same code, GIBBS_TWIN_TRUE=1) accepted. Run by proofs/compile.py.
//
// expect-error-regex: (static assertion failed|static_assert failed)
// expect-error: claim under test: log_softmax(z + 1) = log_softmax(z) + 1
#include "gibbs/measure/softmax.hpp"

#include <array>
#include <span>

constexpr std::array z{1.0, -2.5, 3.0};
constexpr std::array moved{2.0, -1.5, 4.0};
// log_softmax of the shifted logits, output 0: the true law says it equals that of z; the false
// one that it grew by the shift.
constexpr double first(const std::array<double, 3>& x) {
  std::array<double, 3> out{};
  gibbs::log_softmax(x, std::span<double>(out));
  return out[0];
}
int main() {
#if GIBBS_TWIN_TRUE
  static_assert(first(moved) == first(z),
                "claim under test: log_softmax(z + 1) = log_softmax(z) + 1");
#else
  static_assert(first(moved) == first(z) + 1,
                "claim under test: log_softmax(z + 1) = log_softmax(z) + 1");
#endif
}
