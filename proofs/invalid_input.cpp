// Claim: invalid input is rejected at compile time. Evaluated in a constant expression, a measure
// given a negative mass, a NaN, arguments of different lengths, or a distribution that does not
// sum to 1 is not a constant expression (it reaches the non-constexpr function that names the
// error, gibbs/error.hpp), in every constexpr number type — while the same call on valid input
// is one. The detector is a concept: `constant_evaluable<F>` is true iff F() is a constant
// expression (a non-constant template argument is a substitution failure, not an error).
// proofs/compile_fail/ shows the readable message the user sees in each case.
//
// No reference values.
#include "proof.hpp"

#include "gibbs/measure/cross_entropy.hpp"
#include "gibbs/measure/entropy.hpp"
#include "gibbs/measure/kl_divergence.hpp"

#include <limits>
#include <type_traits>

namespace {

template <auto F>
concept constant_evaluable = requires {
  typename std::bool_constant<(F(), true)>;
};

template <class T>
constexpr T valid() {
  return gibbs::kl_divergence(std::array<T, 2>{T(0.25), T(0.75)}, std::array<T, 2>{T(0.5), T(0.5)});
}
template <class T>
constexpr T negative_mass() {
  return gibbs::kl_divergence(std::array<T, 2>{T(-0.25), T(1.25)},
                              std::array<T, 2>{T(0.5), T(0.5)});
}
template <class T>
constexpr T not_a_number() {
  return gibbs::entropy(std::array<T, 2>{std::numeric_limits<T>::quiet_NaN(), T(1)});
}
template <class T>
constexpr T length_mismatch() {
  return gibbs::cross_entropy(std::array<T, 2>{T(0.5), T(0.5)},
                              std::array<T, 3>{T(0.5), T(0.25), T(0.25)});
}
template <class T>
constexpr T unnormalised() {
  return gibbs::kl_divergence(std::array<T, 2>{T(0.5), T(0.75)}, std::array<T, 2>{T(0.5), T(0.5)});
}
template <class T>
constexpr T empty() {
  return gibbs::entropy(std::array<T, 0>{});
}

} // namespace

void invalid_input_proof() {
  using namespace gibbs::proofs;
  hana::for_each(number_types, [](auto t) {
    using T = type_of<decltype(t)>;
    static_assert(constant_evaluable<&valid<T>>,
                  "KL of valid distributions must be a constant expression (this shows the "
                  "detector below accepts what it should).");
    static_assert(!constant_evaluable<&negative_mass<T>>,
                  "A negative probability must be rejected at compile time.");
    static_assert(!constant_evaluable<&not_a_number<T>>,
                  "A NaN entry must be rejected at compile time.");
    static_assert(!constant_evaluable<&length_mismatch<T>>,
                  "Distributions of different lengths must be rejected at compile time.");
    static_assert(!constant_evaluable<&unnormalised<T>>,
                  "A distribution that does not sum to 1 must be rejected at compile time.");
    static_assert(!constant_evaluable<&empty<T>>,
                  "An empty distribution must be rejected at compile time.");
  });
}
