// Claim (Rényi divergences are non-decreasing in the order): D_α(p‖q) ≤ D_α'(p‖q) for α < α'
// (gibbs::property::values::renyi_monotone_in_alpha, up to 16·ε(T) of the values), along the chain
// α = ¼ < ½ < 0.999 < 1.001 < 2 < 5, for every pair of the 2-point grid k/8 in float and double,
// and at ½ < 2 for the near and far 2-point pairs of distance_cases.hpp in the slow types (one
// constant evaluation per value). The chain crosses α = 1, where the formula's 1/(α − 1) changes
// sign.
//
// No reference values: the claim is an inequality between computed values.
#include "distance_cases.hpp"

namespace {

using namespace gibbs::proofs;

template <class T, class P, class Q>
constexpr bool chain_holds(const P& p, const Q& q, const std::array<T, 6>& alpha,
                           const std::array<T, 6>& d) {
  for (std::size_t i = 0; i + 1 < alpha.size(); ++i)
    if (!gibbs::property::values::renyi_monotone_in_alpha(p, q, alpha[i], d[i], alpha[i + 1],
                                                          d[i + 1]))
      return false;
  return true;
}

template <class T>
constexpr std::array<T, 6> orders{alpha_1::value<T>(), alpha_2::value<T>(), alpha_3::value<T>(),
                                  alpha_4::value<T>(), alpha_5::value<T>(), alpha_6::value<T>()};

struct monotone_law {
  template <class P, class Q>
  constexpr bool operator()(const P& p, const Q& q) const {
    using T = gibbs::result_t<P, Q>;
    std::array<T, 6> d{};
    for (std::size_t i = 0; i < d.size(); ++i)
      d[i] = gibbs::renyi_divergence(p, q, orders<T>[i]);
    return chain_holds(p, q, orders<T>, d);
  }
};

template <class T, std::size_t K>
struct slow_monotone {
  static constexpr bool holds = static_cast<bool>(gibbs::property::values::renyi_monotone_in_alpha(
      slow_p<T, K>, slow_q<T, K>, alpha_2::value<T>(), renyi_value<T, K, alpha_2>,
      alpha_5::value<T>(), renyi_value<T, K, alpha_5>));
};

} // namespace

void renyi_monotone_in_alpha_proof() {
  hana::for_each(number_types, [](auto t) {
    using T = type_of<decltype(t)>;
    if constexpr (fast_math<T>) {
      static_assert(holds_for_all_pairs<T, 2, 8, monotone_law, 4>,
                    "Renyi divergences must be non-decreasing in alpha for every pair of 2-point "
                    "distributions with masses k/8.");
    } else {
      static_assert(holds_for_slow_cases<T, slow_monotone, slow_renyi_cases>,
                    "Renyi divergences must be non-decreasing in alpha for the 2-point pairs of "
                    "distance_cases.hpp.");
    }
  });
}
