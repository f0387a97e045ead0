// Claim (D_α → KL as α → 1, with its rate): |D_α(p‖q) − KL(p‖q)| ≤ |α − 1|·R²/8, R the spread of
// log(p_i/q_i) over the support of p (gibbs::property::values::renyi_tends_to_kl: a Taylor bound
// with Popoviciu's variance inequality, plus 16·ε(T) of the values), at α = 0.999 and 1.001, for
// every pair of the 2-point grid k/8 in float and double, and for the near and far 2-point pairs of
// distance_cases.hpp in the slow types. Also D_0.999 ≤ KL ≤ D_1.001 (monotonicity through α = 1) on
// the same inputs. Where KL = +∞, D_1.001 must be +∞ too.
//
// No reference values: the claim compares computed values with a bound.
#include "distance_cases.hpp"

namespace {

using namespace gibbs::proofs;

template <class T, class P, class Q>
constexpr bool limit_holds(const P& p, const Q& q, const T& below, const T& above, const T& kl) {
  namespace v = gibbs::property::values;
  const T a3 = alpha_3::value<T>(), a4 = alpha_4::value<T>();
  return static_cast<bool>(v::renyi_tends_to_kl(p, q, a3, below, kl))
         && static_cast<bool>(v::renyi_tends_to_kl(p, q, a4, above, kl))
         && static_cast<bool>(
             gibbs::property::detail::at_most(below, kl, gibbs::property::detail::slack(16.0, kl)))
         && static_cast<bool>(
             gibbs::property::detail::at_most(kl, above, gibbs::property::detail::slack(16.0, kl)));
}

struct limit_law {
  template <class P, class Q>
  constexpr bool operator()(const P& p, const Q& q) const {
    using T = gibbs::result_t<P, Q>;
    return limit_holds<T>(p, q, gibbs::renyi_divergence(p, q, alpha_3::value<T>()),
                          gibbs::renyi_divergence(p, q, alpha_4::value<T>()),
                          gibbs::kl_divergence(p, q));
  }
};

template <class T, std::size_t K>
struct slow_limit {
  static constexpr bool holds =
      limit_holds<T>(slow_p<T, K>, slow_q<T, K>, renyi_value<T, K, alpha_3>,
                     renyi_value<T, K, alpha_4>, kl_value<T, K>);
};

} // namespace

void renyi_tends_to_kl_proof() {
  hana::for_each(number_types, [](auto t) {
    using T = type_of<decltype(t)>;
    if constexpr (fast_math<T>) {
      static_assert(holds_for_all_pairs<T, 2, 8, limit_law, 8>,
                    "D_alpha must tend to KL as alpha -> 1, within |alpha - 1| R^2/8, for every "
                    "pair of 2-point distributions with masses k/8.");
    } else {
      static_assert(holds_for_slow_cases<T, slow_limit, slow_renyi_cases>,
                    "D_alpha must tend to KL as alpha -> 1, within |alpha - 1| R^2/8, for the "
                    "2-point pairs of distance_cases.hpp.");
    }
  });
}
