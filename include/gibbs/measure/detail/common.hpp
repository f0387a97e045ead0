// gibbs/measure/detail/common.hpp: what every measure shares — the input concept, the result type,
// validation of distributions and compensated summation.
#ifndef GIBBS_MEASURE_DETAIL_COMMON_HPP
#define GIBBS_MEASURE_DETAIL_COMMON_HPP

#include "gibbs/error.hpp"
#include "gibbs/number/detail/bits.hpp" // is_nan, is_inf
#include "gibbs/number/math.hpp"
#include "gibbs/number/real.hpp"

#include <cstddef>
#include <limits>
#include <ranges>
#include <type_traits>

namespace gibbs {

/// Element type of a range, with integers promoted to double.
template <class R>
using element_t = std::conditional_t<std::is_integral_v<std::ranges::range_value_t<R>>, double,
                                     std::ranges::range_value_t<R>>;

/// A finite sequence of masses: std::array, std::span, std::vector, C arrays, any sized
/// random-access range whose elements are real numbers (or integers, taken as double).
template <class R>
concept mass_range = std::ranges::random_access_range<const R> && std::ranges::sized_range<
    const R> && real<element_t<R>>;

/// The number type a measure of p (and q) returns.
template <class... R>
using result_t = std::common_type_t<element_t<R>...>;

namespace detail {

template <class T, class R>
constexpr T at(const R& r, std::size_t i) {
  return static_cast<T>(std::ranges::begin(r)[static_cast<std::ptrdiff_t>(i)]);
}

template <class T>
constexpr T infinity() {
  return std::numeric_limits<T>::infinity();
}

/// Neumaier's compensated sum: the error of the result is at most ~2u·Σ|x_i| + u·|Σx_i| for any
/// order of the terms (instead of n·u·Σ|x_i|). For interval types plain interval addition is used
/// (compensation relies on floating-point exactness properties intervals do not have, and the
/// enclosure is what matters there).
template <class T>
class compensated_sum {
public:
  constexpr void add(const T& x) {
    if constexpr (std::numeric_limits<T>::has_infinity && !number_traits<T>::is_interval) {
      // An infinite term or an overflowing sum: the compensation would compute ∞ − ∞ (NaN, and
      // not a constant expression); the sum is ±∞ and stays so.
      const T t = sum_ + x;
      if (is_inf(x) || is_inf(t)) {
        sum_ = t;
        comp_ = T(0);
        return;
      }
    }
    if constexpr (number_traits<T>::is_interval) {
      sum_ = sum_ + x;
    } else {
      const T t = sum_ + x;
      const T a = sum_ < T(0) ? -sum_ : sum_;
      const T b = x < T(0) ? -x : x;
      if (!(a < b)) {
        comp_ = comp_ + ((sum_ - t) + x);
      } else {
        comp_ = comp_ + ((x - t) + sum_);
      }
      sum_ = t;
    }
  }
  [[nodiscard]] constexpr T value() const {
    if constexpr (std::numeric_limits<T>::has_infinity && !number_traits<T>::is_interval)
      if (is_inf(sum_)) return sum_;
    return sum_ + comp_;
  }

private:
  T sum_ = T(0);
  T comp_ = T(0);
};

/// Tolerance on |Σp − 1| for the normalised measures: 4·n·ε(T), at least 2^-30 and at most 2^-10
/// (or 4·ε when that is larger: 2^-8 for binary16, 2^-5 for bfloat16, whose spacing near 1 is
/// 2^-10 and 2^-8). 4·n·ε bounds the error of summing n numbers that were normalised in type T;
/// the floor accepts data printed with 9 or more significant digits; the cap keeps float32 data of
/// 10^6 entries honest.
template <class T>
constexpr double sum_tolerance(std::size_t n, double eps) {
  double t = 4.0 * static_cast<double>(n) * eps;
  const double cap = 4.0 * eps > 0x1p-10 ? 4.0 * eps : 0x1p-10;
  if (t < 0x1p-30) t = 0x1p-30;
  if (t > cap) t = cap;
  return t;
}

/// Checks entries are finite and ≥ 0; returns their (compensated) sum.
template <class T, class R>
constexpr T check_masses(const R& r, const char* function, const char* argument) {
  const std::size_t n = std::ranges::size(r);
  if (n == 0) fail<error_kind::empty>(function, argument, 0, 0.0);
  compensated_sum<T> s;
  for (std::size_t i = 0; i < n; ++i) {
    const T x = at<T>(r, i);
    if (is_nan(x)) fail<error_kind::not_a_number>(function, argument, i, x);
    if (is_inf(x)) fail<error_kind::infinite>(function, argument, i, x);
    if (x < T(0)) fail<error_kind::negative>(function, argument, i, x);
    s.add(x);
  }
  return s.value();
}

/// A probability distribution: finite, non-negative entries summing to 1 within sum_tolerance.
template <class T, class R>
constexpr void check_distribution(const R& r, const char* function, const char* argument) {
  const T s = check_masses<T>(r, function, argument);
  const T tol = T(sum_tolerance<T>(
      std::ranges::size(r), static_cast<double>(std::numeric_limits<element_t<R>>::epsilon())));
  const T d = s - T(1);
  if (d > tol || d < -tol) fail<error_kind::not_normalized>(function, argument, 0, s);
}

// Reached only in constant evaluation (see error.hpp): the name is the compile error.
inline void the_base_must_be_finite_positive_and_not_1() {}

/// A base of logarithms: finite, > 0 and != 1 (the measures with a base overload).
template <class T>
constexpr void check_base(const T& base, const char* function) {
  if (is_nan(base) || is_inf(base) || !(base > T(0)) || base == T(1)) {
    if (std::is_constant_evaluated()) the_base_must_be_finite_positive_and_not_1();
    throw_invalid_parameter(
        function, "base", static_cast<double>(base),
        "a base of logarithms must be finite, > 0 and != 1 (2: bits, 10: bans)");
  }
}

template <class P, class Q>
constexpr void check_same_length(const P& p, const Q& q, const char* function) {
  const std::size_t n = std::ranges::size(p), m = std::ranges::size(q);
  if (n != m) {
    if (std::is_constant_evaluated()) the_two_arguments_have_different_lengths(n, m);
    throw_invalid(error_kind::length_mismatch, function, "q", m, static_cast<double>(n));
  }
}

/// φ(u) = (1+u)·log1p(u) − u ≥ 0, the Bregman kernel of KL: p·log(p/q) − p + q = q·φ((p−q)/q).
/// For u in [−3/4, 3] it is evaluated as u·log1p(u) + log1pmx(u): near 0 two terms of size u² and
/// −u²/2, elsewhere at most a factor-2.6 cancellation; never as a difference of O(1) quantities.
template <class T>
constexpr T phi_small(const T& u) {
  return u * gibbs::log1p(u) + gibbs::log1pmx(u);
}

/// p/q in [1/4, 4]: the range where p·log(p/q) must be taken apart as q·φ(u) + (p − q) to avoid
/// cancellation (outside it |log(p/q)| > 1.38 and the term is well conditioned on its own).
template <class T>
constexpr bool near_ratio(const T& r) {
  return !(r < T(0.25)) && !(r > T(4));
}

/// Whether p/q (p, q > 0) may overflow (q subnormal against a large p). Such a quotient must not
/// be formed: +inf is a valid run-time value but not a constant expression, so a constexpr KL of
/// a subnormal q would not compile. The factor 4 sends ratios just below the largest finite number
/// the same way (there |log(p/q)| > 700 and log p − log q does not cancel).
template <class T>
constexpr bool ratio_may_overflow(const T& p, const T& q) {
  return q < T(T(p / std::numeric_limits<T>::max()) * T(4));
}

/// log(p/q) for p, q > 0 without overflow or underflow of p/q (q subnormal, p ≫ q or p ≪ q).
template <class T>
constexpr T log_ratio(const T& p, const T& q, const T& r) {
  if (r > std::numeric_limits<T>::min() && r < std::numeric_limits<T>::max())
    return gibbs::log(r); // one rounding in r: absolute error ε in the result
  return gibbs::log(p)
         - gibbs::log(q); // r overflowed or underflowed: |result| > 700, no cancellation
}

/// log(p/q) for p, q > 0, forming p/q only when it cannot overflow.
template <class T>
constexpr T log_ratio(const T& p, const T& q) {
  if (ratio_may_overflow(p, q)) return gibbs::log(p) - gibbs::log(q);
  return log_ratio(p, q, T(p / q));
}

/// The generalized-KL term p·log(p/q) − p + q ≥ 0 for p ≥ 0, q > 0, evaluated without cancellation
/// near p = q and without overflow when p/q overflows (q subnormal) or underflows.
template <class T>
constexpr T bregman_term(const T& p, const T& q) {
  if (p == T(0)) return q; // 0·log 0 = 0, so the term is q
  if (ratio_may_overflow(p, q)) return (p * log_ratio(p, q) - p) + q;
  const T r = p / q;
  if (near_ratio(r)) {
    // p − q is exact for binary types when r is in [1/2, 2] (Sterbenz); elsewhere in this
    // branch its relative error is at most 5/3 ulp.
    const T u = (p - q) / q;
    return q * phi_small(u);
  }
  const T l = log_ratio(p, q, r);
  // r > 4: all three parts add up positively. r < 1/4: p·(l − 1) ≥ −0.6·q, at most a factor 1.5
  // cancellation against q.
  return (p * l - p) + q;
}

} // namespace detail
} // namespace gibbs

#endif // GIBBS_MEASURE_DETAIL_COMMON_HPP
