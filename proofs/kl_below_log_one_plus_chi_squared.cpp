// Claim: KL(p‖q) ≤ log(1 + χ²(p‖q)) (Jensen; gibbs::property::kl_below_log_one_plus_chi_squared, up
// to 16·ε(T) of the values) for every pair of the 2-point grid k/8 in float and double, and for the
// near and far 2-point pairs of distance_cases.hpp in the slow types; and, as the law of D_2,
// D_2(p‖q) = log(1 + χ²(p‖q)) on the same inputs. The bound is an equality when p/q is constant on
// the support of p: p = (½, ½, 0, 0), q uniform gives KL = log 2 = log(1 + 1).
//
// No reference values: the claims compare computed values.
#include "distance_cases.hpp"

namespace {

using namespace gibbs::proofs;

template <class T>
constexpr bool d2_is_log_one_plus_chi2(const T& d2, const T& chi2) {
  namespace d = gibbs::property::detail;
  if (d::is_infinite(chi2)) return d2 == chi2;
  const T rhs = gibbs::log1p(chi2);
  return d::close(d2, rhs, d::slack(16.0, T(d::abs(rhs) + T(1))));
}

struct chi_law {
  template <class P, class Q>
  constexpr bool operator()(const P& p, const Q& q) const {
    using T = gibbs::result_t<P, Q>;
    const T chi2 = gibbs::chi_squared(p, q);
    return static_cast<bool>(gibbs::property::values::kl_below_log_one_plus_chi_squared(
               p, q, gibbs::kl_divergence(p, q), chi2))
           && d2_is_log_one_plus_chi2(gibbs::renyi_divergence(p, q, T(2)), chi2);
  }
};

template <class T, std::size_t K>
struct slow_chi {
  static constexpr bool holds =
      static_cast<bool>(gibbs::property::values::kl_below_log_one_plus_chi_squared(
          slow_p<T, K>, slow_q<T, K>, kl_value<T, K>, chi_squared_value<T, K>))
      && d2_is_log_one_plus_chi2(renyi_value<T, K, alpha_5>, chi_squared_value<T, K>);
};

} // namespace

void kl_below_log_one_plus_chi_squared_proof() {
  hana::for_each(number_types, [](auto t) {
    using T = type_of<decltype(t)>;
    if constexpr (fast_math<T>) {
      static_assert(holds_for_all_pairs<T, 2, 8, chi_law, 16>,
                    "KL <= log(1 + chi^2) and D_2 = log(1 + chi^2) must hold for every pair of "
                    "2-point distributions with masses k/8.");
      constexpr std::array<T, 4> p{T(0.5), T(0.5), T(0), T(0)},
          q{T(0.25), T(0.25), T(0.25), T(0.25)};
      constexpr T kl = gibbs::kl_divergence(p, q), bound = gibbs::log1p(gibbs::chi_squared(p, q));
      static_assert(
          gibbs::property::detail::close(kl, bound, gibbs::property::detail::slack(16.0, bound)),
          "KL = log(1 + chi^2) must hold when p/q is constant on the support of p.");
    } else {
      static_assert(holds_for_slow_cases<T, slow_chi, slow_renyi_cases>,
                    "KL <= log(1 + chi^2) and D_2 = log(1 + chi^2) must hold for the 2-point "
                    "pairs of distance_cases.hpp.");
    }
  });
}
