// Claim: the laws of binary cross-entropy (gibbs/property/binary.hpp) hold for gibbs' measures:
// BCE ≥ 0 and BCE(x, y) ≥ h(y) + 2·(x − y)² (Gibbs with Pinsker's margin: equality iff x = y) for
// every one-element pair on the grid k/8 in float and double; BCE_logits(z, y) = BCE(σ(z), y) at
// z = logit(x) for x in {1/8, ..., 7/8}, every y on the grid; pos_weight 1 equals no pos_weight;
// BCE_logits ≥ 0 at logits ±700 and ±1e30 (no overflow). The slow types check one case of each.
//
// No reference values: the claims compare computed values.
#include "gibbs/property/binary.hpp"
#include "proof.hpp"

#include <array>

namespace {

using namespace gibbs::proofs;
namespace values = gibbs::property::values;

template <class T>
constexpr bool gibbs_grid() {
  for (int a = 0; a <= 8; ++a)
    for (int b = 0; b <= 8; ++b) {
      const std::array<T, 1> x{T(a) / T(8)}, y{T(b) / T(8)};
      if (!values::nonnegative(gibbs::binary_cross_entropy(x, y))) return false;
      if (!gibbs::property::binary_cross_entropy_gibbs(x, y)) return false;
    }
  return true;
}

template <class T>
constexpr std::array<T, 1> logit_of(const T& x) {
  return {T(gibbs::log(x) - gibbs::log1p(T(-x)))};
}

template <class T>
constexpr bool logits_grid() {
  for (int a = 1; a <= 7; ++a)
    for (int b = 0; b <= 8; ++b) {
      const std::array<T, 1> x{T(a) / T(8)}, y{T(b) / T(8)};
      if (!gibbs::property::logits_is_bce_of_sigmoid(x, logit_of(x[0]), y)) return false;
    }
  return true;
}

template <class T>
constexpr bool pos_weight_one() {
  const std::array<T, 3> z{T(-3), T(0.5), T(20)}, y{T(1), T(0.25), T(0.75)}, w{T(1), T(2), T(0.5)},
      ones{T(1), T(1), T(1)};
  const std::array<T, 0> none{};
  return static_cast<bool>(
      values::pos_weight_one_is_none(gibbs::binary_cross_entropy_with_logits(z, y, w, ones),
                                     gibbs::binary_cross_entropy_with_logits(z, y, w, none)));
}

template <class T>
constexpr bool large_logits() {
  const std::array<T, 4> z{T(700), T(-700), T(1e30), T(-1e30)}, y{T(0.5), T(0.5), T(1), T(0)};
  const T v = gibbs::binary_cross_entropy_with_logits(z, y);
  return static_cast<bool>(values::nonnegative(v)) && !gibbs::detail::is_inf(v);
}

} // namespace

void binary_cross_entropy_laws_proof() {
  hana::for_each(number_types, [](auto t) {
    using T = type_of<decltype(t)>;
    if constexpr (fast_math<T>) {
      static_assert(gibbs_grid<T>(), "BCE >= 0 and BCE(x, y) >= h(y) + 2 (x - y)^2 must hold for "
                                     "every pair x, y of the grid k/8.");
      static_assert(logits_grid<T>(), "BCE_logits(logit(x), y) = BCE(x, y) must hold for x in "
                                      "{1/8, ..., 7/8} and every y of the grid k/8.");
      static_assert(large_logits<T>(),
                    "BCE_logits must be finite and >= 0 at logits +-700 and +-1e30.");
    } else {
      constexpr std::array<T, 1> x{T(0.25)}, y{T(0.75)};
      static_assert(gibbs::property::binary_cross_entropy_gibbs(x, y),
                    "BCE(1/4, 3/4) >= h(3/4) + 2 (1/2)^2 must hold.");
      static_assert(gibbs::property::logits_is_bce_of_sigmoid(x, logit_of(x[0]), y),
                    "BCE_logits(logit(1/4), 3/4) = BCE(1/4, 3/4) must hold.");
    }
    static_assert(pos_weight_one<T>(), "A pos_weight of ones must give the value without one.");
  });
}
