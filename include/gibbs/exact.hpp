// gibbs/exact.hpp: the correctly rounded value of entropy, cross-entropy, KL divergence and total
// variation of float and double inputs, in constant evaluation (and at run time, without MPFR).
//
//   constexpr std::array p{0.5, 0.5}, q{0.7, 0.3};
//   constexpr auto kl = gibbs::exact::kl_divergence(p, q);
//   static_assert(kl.value == 0x1.6513637dde82bp-4 && kl.lo < kl.value);
//   static_assert(gibbs::exact::ulp_distance(my_kl(p, q), kl.value) <= 4);
//
// The inputs are taken exactly as the given binary numbers (as by the oracle, gibbs/oracle.hpp):
// the result is the exact real value of the formula rounded once to nearest-even in the input's
// format, with lo <= exact <= hi the two neighbours of the exact value in that format, or
// lo == hi == value when the value is exact (KL(p‖p) = 0, +∞ when p_i > 0 = q_i, a one-hot
// entropy, every log ratio a power of two with Σ p_i log2(p_i/q_i) = 0). These are the oracle's
// value, lo and hi bit for bit (tests/verify/exact_vs_oracle.cpp checks thousands of inputs).
//
// Pipeline of each measure: validation as by the measures (a compile error naming the argument,
// index and value in constant evaluation; gibbs::invalid_input at run time) → the exact cases →
// the terms in double-double with a proven error bound each (exact/detail/terms.hpp), a certified
// bound on their sum, the rounding test. When the bound is too wide to decide the rounding (the
// exact value lies within about 2^-66 relative of a rounding boundary when a term has p/q outside
// [1/4, 4], 2^-98 otherwise; 12 of the 31,200 evaluations of tests/verify on the 3-point k/16
// grid), constant evaluation stops with the error
// `the_compile_time_reference_cannot_decide_the_rounding_of_this_value`, and a run-time call
// throws gibbs::exact::undecided: use the run-time oracle for that input.
#ifndef GIBBS_EXACT_HPP
#define GIBBS_EXACT_HPP

#include "gibbs/exact/detail/terms.hpp"
#include "gibbs/measure/detail/common.hpp"

#include <bit>
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <type_traits>

namespace gibbs::exact {

/// A correctly rounded value and its enclosure: lo <= exact <= hi, lo and hi adjacent in T's
/// format, or lo == hi == value (and exact == true) when the exact value is representable.
template <class T>
struct result {
  T value;
  T lo;
  T hi;
  bool exact;
};

/// Thrown at run time when the double-double bound cannot decide the rounding.
class undecided : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

/// Signed number of values of T (float or double) from a to b, +0 and −0 being one value, ±∞ one
/// step beyond ±max, as gibbs::oracle::ulp_distance. A NaN gives INT64_MIN; the count saturates at
/// ±INT64_MAX. Example: ulp_distance(1.0, 0x1.0000000000001p0) == 1.
template <class T>
requires(std::is_same_v<T, double> || std::is_same_v<T, float>) [[nodiscard]] constexpr std::int64_t
    ulp_distance(T a, T b) {
  if (a != a || b != b) return std::numeric_limits<std::int64_t>::min();
  using U = std::conditional_t<std::is_same_v<T, double>, std::uint64_t, std::uint32_t>;
  constexpr U sign = U(1) << (8 * sizeof(U) - 1);
  const auto ordinal = [](T x) -> std::int64_t {
    const U bits = std::bit_cast<U>(x);
    const auto mag = static_cast<std::int64_t>(bits & ~sign);
    return (bits & sign) != 0 ? -mag : mag;
  };
  const std::int64_t oa = ordinal(a), ob = ordinal(b);
  // |oa|, |ob| < 2^63: the difference overflows only for opposite signs of large magnitude
  if (oa < 0 && ob > 0 && ob > std::numeric_limits<std::int64_t>::max() + oa)
    return std::numeric_limits<std::int64_t>::max();
  if (oa > 0 && ob < 0 && ob < std::numeric_limits<std::int64_t>::min() + 1 + oa)
    return -std::numeric_limits<std::int64_t>::max();
  return ob - oa;
}

namespace detail {

/// Reached in constant evaluation when the rounding test cannot decide (see the top of the file):
/// the compiler names this function in its error.
inline void the_compile_time_reference_cannot_decide_the_rounding_of_this_value() {
  throw undecided("gibbs::exact: the double-double error bound cannot decide the rounding of this "
                  "value; ask the run-time oracle (gibbs/oracle.hpp)");
}

template <class T>
inline constexpr bool binary_input = std::is_same_v<T, double> || std::is_same_v<T, float>;

template <class T>
[[nodiscard]] constexpr result<T> exactly(double v) {
  return {static_cast<T>(v), static_cast<T>(v), static_cast<T>(v), true};
}

/// value, lo, hi from the double-double sum v with absolute error at most E.
template <class T>
[[nodiscard]] constexpr result<T> rounded(const dd& v, double E) {
  const decision d = decide<T>(v, E);
  if (!d.ok) the_compile_time_reference_cannot_decide_the_rounding_of_this_value();
  return {static_cast<T>(d.value), static_cast<T>(d.lo), static_cast<T>(d.hi), false};
}

template <class T, class P, class Q>
[[nodiscard]] constexpr result<T> kl_of(const P& p, const Q& q) {
  const std::size_t n = std::ranges::size(p);
  bool equal = true, infinite = false, powers = true;
  for (std::size_t i = 0; i < n; ++i) {
    const double pi = gibbs::detail::at<T>(p, i), qi = gibbs::detail::at<T>(q, i);
    if (pi != qi) equal = false;
    if (pi > 0 && qi == 0) infinite = true;
  }
  if (infinite) return exactly<T>(std::numeric_limits<double>::infinity());
  if (equal) return exactly<T>(0.0);
  // Every ratio p_i/q_i (p_i > 0) a power of two 2^k_i: KL = (Σ p_i k_i) ln 2, rational (and then
  // 0) only if Σ p_i k_i = 0, decided exactly (the products are exact: |k_i| < 2^11).
  expansion s;
  for (std::size_t i = 0; i < n && powers; ++i) {
    const double pi = gibbs::detail::at<T>(p, i), qi = gibbs::detail::at<T>(q, i);
    if (pi == 0) continue;
    const gibbs::detail::decomposed a = gibbs::detail::decompose(pi),
                                    b = gibbs::detail::decompose(qi);
    if (a.limb != b.limb) {
      powers = false;
      break;
    }
    const double k = static_cast<double>(a.exp - b.exp);
    const gibbs::dd_pair pk = gibbs::two_prod(pi * 0x1p200, k); // scaled: no underflow
    s.add(pk.hi);
    s.add(pk.lo);
  }
  if (powers && s.is_zero()) return exactly<T>(0.0);
  // KL = Σ (p log(p/q) − p + q) + (Σp − Σq): the first sum in double-double within
  // acc.bound(), then added exactly to the masses in an expansion, whose two leading components
  // (renormalised) carry the value and whose other components add to the error bound.
  accumulator acc;
  expansion d;
  for (std::size_t i = 0; i < n; ++i) {
    const double pi = gibbs::detail::at<T>(p, i), qi = gibbs::detail::at<T>(q, i);
    if (pi == 0 && qi == 0) continue;
    acc.add(bregman(pi, qi));
    d.add(pi);
    d.add(-qi);
  }
  d.add(acc.sum.lo);
  d.add(acc.sum.hi);
  double rest = 0;
  const dd v = d.leading(rest);
  const double E = (acc.bound() + rest) * (1 + 0x1p-50);
  return rounded<T>(v, E);
}

} // namespace detail

/// KL(p‖q) = Σ p_i log(p_i/q_i) of float or double distributions, correctly rounded, with its
/// enclosure (see the top of the file). Same conventions and errors as gibbs::kl_divergence.
/// Example: kl_divergence(std::array{0.5, 0.5}, std::array{0.7, 0.3}).value ==
/// 0x1.6513637dde82bp-4.
template <mass_range P, mass_range Q>
requires detail::binary_input<result_t<P, Q>>
[[nodiscard]] constexpr result<result_t<P, Q>> kl_divergence(const P& p, const Q& q) {
  using T = result_t<P, Q>;
  gibbs::detail::check_same_length(p, q, "exact::kl_divergence");
  gibbs::detail::check_distribution<T>(p, "exact::kl_divergence", "p");
  gibbs::detail::check_distribution<T>(q, "exact::kl_divergence", "q");
  return detail::kl_of<T>(p, q);
}

/// KL(q‖p), correctly rounded. Same conventions as gibbs::reverse_kl_divergence.
template <mass_range P, mass_range Q>
requires detail::binary_input<result_t<P, Q>>
[[nodiscard]] constexpr result<result_t<P, Q>> reverse_kl_divergence(const P& p, const Q& q) {
  using T = result_t<P, Q>;
  gibbs::detail::check_same_length(p, q, "exact::reverse_kl_divergence");
  gibbs::detail::check_distribution<T>(p, "exact::reverse_kl_divergence", "p");
  gibbs::detail::check_distribution<T>(q, "exact::reverse_kl_divergence", "q");
  return detail::kl_of<T>(q, p);
}

/// H(p, q) = −Σ p_i log q_i, correctly rounded; +∞ when p_i > 0 = q_i, exactly 0 when every
/// q_i with p_i > 0 is 1. Same conventions as gibbs::cross_entropy.
template <mass_range P, mass_range Q>
requires detail::binary_input<result_t<P, Q>>
[[nodiscard]] constexpr result<result_t<P, Q>> cross_entropy(const P& p, const Q& q) {
  using T = result_t<P, Q>;
  gibbs::detail::check_same_length(p, q, "exact::cross_entropy");
  gibbs::detail::check_distribution<T>(p, "exact::cross_entropy", "p");
  gibbs::detail::check_distribution<T>(q, "exact::cross_entropy", "q");
  detail::accumulator acc;
  bool zero = true;
  for (std::size_t i = 0; i < std::ranges::size(p); ++i) {
    const double pi = gibbs::detail::at<T>(p, i), qi = gibbs::detail::at<T>(q, i);
    if (pi == 0) continue;
    if (qi == 0) return detail::exactly<T>(std::numeric_limits<double>::infinity());
    if (qi != 1) zero = false;
    acc.add(detail::log_term(pi, qi));
  }
  if (zero) return detail::exactly<T>(0.0);
  return detail::rounded<T>(acc.sum, acc.bound());
}

/// H(p) = −Σ p_i log p_i, correctly rounded; exactly 0 when every mass is 0 or 1. Same
/// conventions as gibbs::entropy. Example: entropy(std::array{0.5, 0.5}).value == gibbs::log(2.0).
template <mass_range P>
requires detail::binary_input<result_t<P>>
[[nodiscard]] constexpr result<result_t<P>> entropy(const P& p) {
  using T = result_t<P>;
  gibbs::detail::check_distribution<T>(p, "exact::entropy", "p");
  detail::accumulator acc;
  bool zero = true;
  for (std::size_t i = 0; i < std::ranges::size(p); ++i) {
    const double pi = gibbs::detail::at<T>(p, i);
    if (pi == 0) continue;
    if (pi != 1) zero = false;
    acc.add(detail::log_term(pi, pi));
  }
  if (zero) return detail::exactly<T>(0.0);
  return detail::rounded<T>(acc.sum, acc.bound());
}

/// TV(p, q) = ½ Σ|p_i − q_i|, correctly rounded, with its enclosure; exactly 0 for p = q. The sum
/// is exact (an expansion of the TwoSum parts of each difference) and rounded from it, ties to
/// even (undecided only when halving a component would leave the subnormal range, or when the sum
/// needs more than three components: then the same error as the other measures). Same conventions
/// as gibbs::total_variation.
template <mass_range P, mass_range Q>
requires detail::binary_input<result_t<P, Q>>
[[nodiscard]] constexpr result<result_t<P, Q>> total_variation(const P& p, const Q& q) {
  using T = result_t<P, Q>;
  gibbs::detail::check_same_length(p, q, "exact::total_variation");
  gibbs::detail::check_distribution<T>(p, "exact::total_variation", "p");
  gibbs::detail::check_distribution<T>(q, "exact::total_variation", "q");
  detail::expansion s;
  for (std::size_t i = 0; i < std::ranges::size(p); ++i) {
    const gibbs::dd_pair d = gibbs::two_sum(static_cast<double>(gibbs::detail::at<T>(p, i)),
                                            -static_cast<double>(gibbs::detail::at<T>(q, i)));
    const bool neg = d.hi < 0;
    s.add(neg ? -d.lo : d.lo);
    s.add(neg ? -d.hi : d.hi);
  }
  if (s.is_zero()) return detail::exactly<T>(0.0);
  for (int i = 0; i < s.n; ++i) { // ½·S component by component: exact unless a part is subnormal
    const double h = s.c[static_cast<std::size_t>(i)] * 0.5;
    if (h * 2 != s.c[static_cast<std::size_t>(i)])
      detail::the_compile_time_reference_cannot_decide_the_rounding_of_this_value();
    s.c[static_cast<std::size_t>(i)] = h;
  }
  double rest = 0;
  const detail::dd v = s.leading(rest);
  if (rest != 0) return detail::rounded<T>(v, rest);
  // the value is v.hi + v.lo exactly (v.hi = RN_double of it): round it to T directly, ties to
  // even included (sums of floats are often float midpoints)
  if constexpr (std::is_same_v<T, double>) {
    if (v.lo == 0) return detail::exactly<T>(v.hi);
    return v.lo > 0 ? result<T>{v.hi, v.hi, detail::next_up(v.hi), false}
                    : result<T>{v.hi, detail::next_down(v.hi), v.hi, false};
  } else {
    float f = static_cast<float>(v.hi); // RN of v.hi, ties to even
    const auto fb = std::bit_cast<std::uint32_t>(f);
    const float up = std::bit_cast<float>(fb + 1), down = std::bit_cast<float>(fb - 1); // f > 0
    const double mid_up = (static_cast<double>(f) + up) / 2,
                 mid_down = (static_cast<double>(f) + down) / 2;
    // v.hi on a midpoint but v.lo breaks the tie
    if (v.hi == mid_up && v.lo > 0) f = up;
    if (v.hi == mid_down && v.lo < 0) f = down;
    const double fd = f;
    if (fd == v.hi && v.lo == 0) return detail::exactly<T>(fd);
    const bool below = fd < v.hi || (fd == v.hi && v.lo > 0); // f below the exact value
    const auto b = std::bit_cast<std::uint32_t>(f);
    return below ? result<T>{f, f, std::bit_cast<float>(b + 1), false}
                 : result<T>{f, std::bit_cast<float>(b - 1), f, false};
  }
}

} // namespace gibbs::exact

#endif // GIBBS_EXACT_HPP
