// Compile-fail twin of proofs/kl_is_cross_entropy_minus_entropy.cpp: the false claim must be
// rejected by the compiler and the true one (the same code, GIBBS_TWIN_TRUE=1) accepted. Run by
// proofs/compile.py.
//
// expect-error-regex: (static assertion failed|static_assert failed)
// expect-error: claim under test: KL(p||q) = H(p, q) + H(p) within 16 eps
#include "gibbs/measure/cross_entropy.hpp"
#include "gibbs/measure/entropy.hpp"
#include "gibbs/measure/kl_divergence.hpp"

#include <array>
#include <limits>

constexpr std::array p{0.5, 0.5}, q{0.75, 0.25};
constexpr double kl = gibbs::kl_divergence(p, q);
constexpr double hpq = gibbs::cross_entropy(p, q), hp = gibbs::entropy(p);
constexpr double tol = 16 * std::numeric_limits<double>::epsilon() * (hpq + hp + 1);
// the true law: KL = H(p, q) - H(p); the false one has the sign of H(p) flipped
[[maybe_unused]] constexpr double truth = hpq - hp, falsehood = hpq + hp;
int main() {
#if GIBBS_TWIN_TRUE
  static_assert(kl - truth <= tol && truth - kl <= tol,
                "claim under test: KL(p||q) = H(p, q) + H(p) within 16 eps");
#else
  static_assert(kl - falsehood <= tol && falsehood - kl <= tol,
                "claim under test: KL(p||q) = H(p, q) + H(p) within 16 eps");
#endif
}
