// gibbs/measure/chi_squared.hpp: Pearson's χ² divergence.
#ifndef GIBBS_MEASURE_CHI_SQUARED_HPP
#define GIBBS_MEASURE_CHI_SQUARED_HPP

#include "gibbs/measure/detail/common.hpp"

#include <limits>

namespace gibbs {
namespace detail {

/// (p − q)²/q ≥ 0 for q > 0, as ((p − q)/q)·(p − q): the square of p − q would underflow where
/// the term does not (p − q = 2^-600, q = 2^-500). p − q is exact for binary types when p/q is in
/// [1/2, 2] (Sterbenz), a relative ε elsewhere; with the quotient and the product the term has a
/// relative error ≤ 2.5ε (2ε when p − q is exact). A subnormal q would let (p − q)/q overflow
/// where the term does not, so there the term is ((p − q)/(q·2^k))·((p − q)·2^k): the same two
/// roundings, an intermediate that cannot overflow, and a product that over- or underflows only
/// where the term itself does.
template <class T>
[[nodiscard]] constexpr T chi_squared_term(const T& p, const T& q) {
  const T d = T(p - q);
  if constexpr (!number_traits<T>::is_interval) {
    if constexpr (std::numeric_limits<T>::has_denorm == std::denorm_present) {
      if (q < std::numeric_limits<T>::min()) {
        constexpr int k = std::numeric_limits<T>::digits + 2;
        return T(T(d / scale2(q, k)) * scale2(d, k)); // (d/(q·2^k))·(d·2^k), both scalings exact
      }
    }
  }
  return T((d / q) * d);
}

/// Σ (p_i − q_i)²/q_i of valid input: every term ≥ 0, so the compensated sum adds a relative
/// error of about 2ε at most. 0 where p_i = q_i = 0; +∞ where p_i > 0 = q_i.
template <class T, class P, class Q>
[[nodiscard]] constexpr T chi_squared_unchecked(const P& p, const Q& q) {
  compensated_sum<T> s;
  for (std::size_t i = 0; i < std::ranges::size(p); ++i) {
    const T pi = at<T>(p, i), qi = at<T>(q, i);
    if (qi == T(0)) {
      if (pi == T(0)) continue; // 0²/0 = 0 by convention
      return infinity<T>();     // p_i > 0 = q_i
    }
    s.add(chi_squared_term(pi, qi));
  }
  return s.value();
}

} // namespace detail

/// Pearson's χ² divergence of q from p: the q-weighted mean of the squared relative difference
/// (p_i/q_i − 1)².
///
/// χ²(p‖q) = Σ (p_i − q_i)²/q_i, evaluated term by term as ((p_i − q_i)/q_i)·(p_i − q_i): a sum
/// of non-negative terms, never the cancelling Σ p_i²/q_i − 1. Laws: χ² ≥ 0, = 0 iff p = q
/// (exactly 0 for equal arguments); KL(p‖q) ≤ log(1 + χ²(p‖q)); D_2(p‖q) = log(1 + χ²) (Rényi,
/// for normalised p, q); asymmetric. Conventions: 0 where p_i = q_i = 0; +∞ where p_i > 0 = q_i.
/// Throws gibbs::invalid_input for invalid p or q (see entropy) or different lengths.
/// Example: chi_squared({0.5, 0.5}, {0.75, 0.25}) == 1.0/3.0 (= 0.0625/0.75 + 0.0625/0.25,
/// correctly rounded).
template <mass_range P, mass_range Q>
[[nodiscard]] constexpr result_t<P, Q> chi_squared(const P& p, const Q& q) {
  using T = result_t<P, Q>;
  detail::check_same_length(p, q, "chi_squared");
  detail::check_distribution<T>(p, "chi_squared", "p");
  detail::check_distribution<T>(q, "chi_squared", "q");
  return detail::chi_squared_unchecked<T>(p, q);
}

} // namespace gibbs

#endif // GIBBS_MEASURE_CHI_SQUARED_HPP
