// Claims (the gradient laws of gibbs/property/binary.hpp), in every constexpr number type, for
// gibbs::binary_cross_entropy_with_logits_grad without weights (g_i = σ(z_i) − y_i):
//   bounded, sign  every g_i ∈ [−1, 1]; g_i ≥ 0 for y_i = 0, ≤ 0 for y_i = 1, and the sign of
//                  z_i − logit(y_i) for 0 < y_i < 1 (logits −800 ... 40 and ±1e30: no overflow);
//   sum            Σ g_i = Σ σ(z_i) − Σ y_i within 16·ε·Σ (σ(z_i) + y_i + 1), σ by 1/(1 + e^−z);
//   balance        g = 0 exactly at z = 0, y = 1/2 (σ(0) = 1/2 in every rounding).
// Types: all for float and double; one two-element case of each law for the slow types
// (long double, double_double, float128), whose exp costs about 10^5 constexpr steps.
//
// No reference values beyond the exact 0 of the balance.
#include "proof.hpp"

#include "gibbs/property/binary.hpp"

#include <array>
#include <span>

void bce_logits_grad_laws_proof() {
  using namespace gibbs::proofs;
  namespace law = gibbs::property;
  hana::for_each(number_types, [](auto t) {
    using T = type_of<decltype(t)>;
    if constexpr (fast_math<T>) {
      constexpr std::array<T, 7> z{T(40), T(-40), T(0.5), T(-3), T(1e30), T(-1e30), T(-80)};
      constexpr std::array<T, 7> y{T(1), T(0), T(0.25), T(0.75), T(1), T(0), T(1)};
      static_assert(law::logits_grad_bounded_with_sign(z, y),
                    "Every gradient of BCE with logits must lie in [-1, 1] with the sign of "
                    "sigmoid(z) - y.");
      static_assert(law::logits_grad_sums_to_sigmoid_minus_target(z, y),
                    "The gradient of BCE with logits must sum to sum sigmoid(z) - sum y.");
      constexpr T balance = [] {
        const std::array<T, 1> z0{T(0)}, half{T(0.5)};
        std::array<T, 1> g{T(1)};
        gibbs::binary_cross_entropy_with_logits_grad(z0, half, std::span<T>(g));
        return g[0];
      }();
      static_assert(balance == T(0), "The gradient at z = 0, y = 1/2 must be 0.");
    } else {
      constexpr std::array<T, 2> z{T(2), T(-1.5)}, y{T(0.25), T(1)};
      static_assert(law::logits_grad_bounded_with_sign(z, y),
                    "Every gradient of BCE with logits must lie in [-1, 1] with its sign.");
      static_assert(law::logits_grad_sums_to_sigmoid_minus_target(z, y),
                    "The gradient of BCE with logits must sum to sum sigmoid(z) - sum y.");
    }
  });
}
