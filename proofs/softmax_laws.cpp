// Claims (the laws of gibbs/property/softmax.hpp), in every constexpr number type:
//   sum            Σ softmax(z)_i = 1 within 16·ε·(8 + 4·log n);
//   unit interval  every softmax(z)_i ∈ [0, 1], the largest logit's output > 0;
//   log ≤ 0        every log_softmax(z)_i ≤ 0;
//   shift          softmax(z + 8) = softmax(z) and log_softmax(z + 8) = log_softmax(z), exactly
//                  (every z_i + 8 is exact here);
//   uniform        softmax of four equal logits is 1/4 within 16·ε.
// Types: all for float and double; the sum, unit-interval and log <= 0 laws on two logits for the
// slow types (long double, double_double, float128), whose exp costs about 10^5 steps: the shift
// law's four evaluations exceed clang's default 1048576 steps per constant evaluation there (the
// unit tests check it in every type at run time).
//
// No reference values beyond the exact 1/4.
#include "proof.hpp"

#include "gibbs/property/softmax.hpp"

void softmax_laws_proof() {
  using namespace gibbs::proofs;
  namespace law = gibbs::property;
  hana::for_each(number_types, [](auto t) {
    using T = type_of<decltype(t)>;
    if constexpr (fast_math<T>) {
      constexpr std::array<T, 3> z{T(1), T(-2.5), T(3)};
      static_assert(law::softmax_sums_to_one(z), "softmax(1, -2.5, 3) must sum to 1.");
      static_assert(law::softmax_in_unit_interval(z), "Every softmax output must lie in [0, 1].");
      static_assert(law::log_softmax_nonpositive(z), "Every log_softmax output must be <= 0.");
      static_assert(law::softmax_shift_invariant(z, T(8)),
                    "Adding 8 to every logit must leave softmax and log_softmax unchanged.");
      constexpr std::array<T, 4> tie{T(2), T(2), T(2), T(2)};
      constexpr T quarter = gibbs::softmax(tie)[1];
      constexpr T tol = T(16) * std::numeric_limits<T>::epsilon();
      static_assert(T(0.25) - tol <= quarter && quarter <= T(0.25) + tol,
                    "softmax of four equal logits must be 1/4.");
    } else {
      constexpr std::array<T, 2> two{T(0.5), T(-1)};
      static_assert(law::softmax_sums_to_one(two), "softmax(0.5, -1) must sum to 1.");
      static_assert(law::softmax_in_unit_interval(two), "Every softmax output must lie in [0, 1].");
      static_assert(law::log_softmax_nonpositive(two), "Every log_softmax output must be <= 0.");
    }
  });
}
