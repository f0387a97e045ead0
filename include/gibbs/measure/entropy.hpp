// gibbs/measure/entropy.hpp: Shannon entropy.
#ifndef GIBBS_MEASURE_ENTROPY_HPP
#define GIBBS_MEASURE_ENTROPY_HPP

#include "gibbs/measure/detail/common.hpp"

namespace gibbs {
namespace detail {

/// −Σ p_i·log p_i on masses already checked (the oracle evaluates it on intervals).
template <class T, class P>
constexpr T entropy_unchecked(const P& p) {
  compensated_sum<T> s;
  for (std::size_t i = 0; i < std::ranges::size(p); ++i) {
    const T x = at<T>(p, i);
    if (x > T(0)) s.add(x * gibbs::log(x));
  }
  return T(0) - s.value(); // 0 − s, not −s: a one-hot p gives +0, not −0
}

} // namespace detail

/// Shannon entropy of a distribution, in nats.
///
/// H(p) = −Σ p_i·log p_i, with 0·log 0 = 0.
/// Laws: 0 ≤ H(p) ≤ log n; H(p) = 0 exactly for a one-hot p; invariant under permutation;
/// additive on products, H(p ⊗ q) = H(p) + H(q).
/// Throws gibbs::invalid_input (a compile error in constant evaluation) for an empty p, a negative,
/// NaN or infinite entry, or Σp ≠ 1 beyond detail::sum_tolerance.
/// Example: entropy(std::array{0.5, 0.5}) == log 2.
template <mass_range P>
[[nodiscard]] constexpr result_t<P> entropy(const P& p) {
  using T = result_t<P>;
  detail::check_distribution<T>(p, "entropy", "p");
  return detail::entropy_unchecked<T>(p);
}

} // namespace gibbs

#endif // GIBBS_MEASURE_ENTROPY_HPP
