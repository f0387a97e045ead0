// proofs/distance_cases.hpp: what the proofs of the Hellinger, χ², total-variation and Rényi laws
// share — the orders α they are checked at, and the hand-picked pairs the slow types are checked
// on with one constant evaluation per measure value.
//
// Cost: in float and double a Rényi divergence of 2 or 3 points costs a few 10^4 clang steps
// (fast-path logarithms), so whole grids fit. In long double, double_double and float128 every
// log1p, expm1 and log1pmx goes through the multiprecision fallback (about 10^5 steps each, four
// per term of p/q in [1/2, 2]): one Rényi divergence of 3 points costs about 9·10^5 steps, near
// clang's default limit of 1048576 for one constant evaluation, and 1–3 s of compile time. The
// slow types are therefore checked on a few 2-point pairs at a few orders, each measure value
// (renyi_value, kl_value, …) a constexpr variable of its own, and the law applied to the values
// (gibbs::property::values) — which is exactly how a law judges any implementation's answers.
#ifndef GIBBS_PROOFS_DISTANCE_CASES_HPP
#define GIBBS_PROOFS_DISTANCE_CASES_HPP

#include "proof.hpp"

#include "gibbs/measure/chi_squared.hpp"
#include "gibbs/measure/hellinger.hpp"
#include "gibbs/measure/kl_divergence.hpp"
#include "gibbs/measure/renyi.hpp"
#include "gibbs/measure/total_variation.hpp"
#include "gibbs/property/distance.hpp"

#include <array>
#include <cstddef>

namespace gibbs::proofs {

/// An order α = N/D as a type (floating-point template arguments need clang 18).
template <int N, int D>
struct order {
  template <class T>
  static constexpr T value() {
    return T(N) / T(D);
  }
};

/// The orders of the grid checks: both sides of 1, near and far, and the two closed forms ½, 2.
using alpha_1 = order<1, 4>;
using alpha_2 = order<1, 2>;
using alpha_3 = order<999, 1000>;
using alpha_4 = order<1001, 1000>;
using alpha_5 = order<2, 1>;
using alpha_6 = order<5, 1>;

/// The 2-point pairs of the slow types (masses k/8, exact in every type): near terms
/// (p/q in [1/2, 2]), far terms, a zero mass of p, and p = q.
inline constexpr std::size_t slow_case_count = 4;
inline constexpr std::array<std::array<int, 4>, slow_case_count> slow_cases{{
    {4, 4, 6, 2}, // p = (1/2, 1/2), q = (3/4, 1/4)
    {7, 1, 2, 6}, // p = (7/8, 1/8), q = (1/4, 3/4)
    {8, 0, 4, 4}, // p = (1, 0),     q = (1/2, 1/2)
    {3, 5, 3, 5}, // p = q = (3/8, 5/8)
}};

template <class T, std::size_t K>
inline constexpr std::array<T, 2> slow_p{T(slow_cases[K][0]) / T(8), T(slow_cases[K][1]) / T(8)};
template <class T, std::size_t K>
inline constexpr std::array<T, 2> slow_q{T(slow_cases[K][2]) / T(8), T(slow_cases[K][3]) / T(8)};

/// Each measure value of a slow case as a constant evaluation of its own.
template <class T, std::size_t K, class Alpha>
inline constexpr T renyi_value = gibbs::renyi_divergence(slow_p<T, K>, slow_q<T, K>,
                                                         Alpha::template value<T>());
template <class T, std::size_t K>
inline constexpr T kl_value = gibbs::kl_divergence(slow_p<T, K>, slow_q<T, K>);
template <class T, std::size_t K>
inline constexpr T hellinger_value = gibbs::hellinger(slow_p<T, K>, slow_q<T, K>);
template <class T, std::size_t K>
inline constexpr T chi_squared_value = gibbs::chi_squared(slow_p<T, K>, slow_q<T, K>);
template <class T, std::size_t K>
inline constexpr T total_variation_value = gibbs::total_variation(slow_p<T, K>, slow_q<T, K>);

/// Law<T, K>::holds for every slow case K of Cases (an index_sequence).
template <class T, template <class, std::size_t> class Law, std::size_t... K>
constexpr bool all_slow_cases(std::index_sequence<K...>) {
  return (Law<T, K>::holds && ...);
}
template <class T, template <class, std::size_t> class Law,
          class Cases = std::make_index_sequence<slow_case_count>>
inline constexpr bool holds_for_slow_cases = all_slow_cases<T, Law>(Cases{});

/// The slow cases the Rényi laws are checked on: near terms (case 0) and far terms (case 1).
/// Each Rényi value of them costs 1–3 s of clang's constant evaluator in the slow types.
using slow_renyi_cases = std::index_sequence<0, 1>;

} // namespace gibbs::proofs

#endif // GIBBS_PROOFS_DISTANCE_CASES_HPP
