// Compile-fail twin of proofs/bce_logits_grad_laws.cpp: the false claim must be rejected by the
// compiler and the true one (the same code, GIBBS_TWIN_TRUE=1) accepted. Run by proofs/compile.py.
//
// expect-error-regex: (static assertion failed|static_assert failed)
// expect-error: claim under test: the gradient at z = 40, y = 1 is 0
#include "gibbs/measure/binary_cross_entropy_with_logits.hpp"

#include <array>
#include <span>

// The gradient σ(40) − 1 = −σ(−40) ≈ −4.25e-18: the true claim is that it is negative (a
// computation of 1 − σ(40) in double would give 0); the false one that it is 0.
constexpr double grad_at_40() {
  const std::array z{40.0}, y{1.0};
  std::array<double, 1> g{};
  gibbs::binary_cross_entropy_with_logits_grad(z, y, std::span<double>(g));
  return g[0];
}
int main() {
#if GIBBS_TWIN_TRUE
  static_assert(grad_at_40() < 0, "claim under test: the gradient at z = 40, y = 1 is 0");
#else
  static_assert(grad_at_40() == 0, "claim under test: the gradient at z = 40, y = 1 is 0");
#endif
}
