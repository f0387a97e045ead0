// gibbs/number/double_double.hpp: a constexpr double-double number (an unevaluated sum hi + lo of
// two doubles, |lo| <= ulp(hi)/2) with the error-free transformations it is built on.
//
// Error-free transformations (exact for round-to-nearest binary64 without overflow):
//   two_sum(a, b)      = (s, e) with s = fl(a + b), s + e = a + b exactly (Knuth).
//   fast_two_sum(a, b) = same, requires |a| >= |b| or a == 0 (Dekker).
//   two_prod(a, b)     = (p, e) with p = fl(a * b), p + e = a * b exactly, provided no underflow
//                        (Dekker's split into 26-bit halves; every partial product is exact, so an
//                        FMA contraction by the compiler cannot change the result either).
// Arithmetic follows Joldes, Muller, Popescu, "Tight and rigorous error bounds for basic building
// blocks of double-word arithmetic", ACM TOMS 44(2), 2017, with u = 2^-53:
//   +  AccurateDWPlusDW   relative error <= 3u^2 + 13u^3
//   *  DWTimesDW          relative error <= 7u^2: JMP's 5u^2 for DWTimesDW2 plus one rounding of
//                        the cross terms a_hi b_lo + a_lo b_hi (<= 2u |ab|), which it fuses
//   /  DWDivDW2           relative error <= 15u^2 + 56u^3
#ifndef GIBBS_NUMBER_DOUBLE_DOUBLE_HPP
#define GIBBS_NUMBER_DOUBLE_DOUBLE_HPP

#include "gibbs/number/detail/bits.hpp"
#include "gibbs/number/real.hpp"

#include <limits>

namespace gibbs {

/// Exact sum of two doubles as a pair (s, e): s = fl(a + b) and s + e = a + b.
struct dd_pair {
  double hi;
  double lo;
};

/// Knuth's TwoSum: s = fl(a+b), e = a + b - s exactly. No precondition on the magnitudes.
[[nodiscard]] constexpr dd_pair two_sum(double a, double b) {
  const double s = a + b;
  const double bb = s - a;
  const double e = (a - (s - bb)) + (b - bb);
  return {s, e};
}

/// Dekker's FastTwoSum: exact when |a| >= |b| (or a == 0).
[[nodiscard]] constexpr dd_pair fast_two_sum(double a, double b) {
  const double s = a + b;
  const double e = b - (s - a);
  return {s, e};
}

namespace detail {
/// Veltkamp split: a = hi + lo, hi with <= 26 significant bits, lo with <= 26 (plus sign).
/// Requires |a| < 2^995 so that 134217729 * a does not overflow.
[[nodiscard]] constexpr dd_pair split(double a) {
  const double c = 134217729.0 * a; // 2^27 + 1
  const double hi = c - (c - a);
  return {hi, a - hi};
}
} // namespace detail

/// Dekker's TwoProduct: p = fl(a*b), e = a*b - p exactly, when |a|,|b| < 2^995 and a*b does not
/// underflow (|a*b| >= 2^-969). Larger operands are pre-scaled by powers of two (exact).
[[nodiscard]] constexpr dd_pair two_prod(double a, double b) {
  const double p = a * b;
  if (!detail::is_finite(p) || p == 0.0) return {p, 0.0};
  int sa = 0;
  int sb = 0;
  if (a > 0x1p995 || a < -0x1p995) {
    a *= 0x1p-53;
    sa = 53;
  }
  if (b > 0x1p995 || b < -0x1p995) {
    b *= 0x1p-53;
    sb = 53;
  }
  const dd_pair x = detail::split(a);
  const dd_pair y = detail::split(b);
  const double q = a * b;
  const double e = ((x.hi * y.hi - q) + x.hi * y.lo + x.lo * y.hi) + x.lo * y.lo;
  if (sa + sb == 0) return {p, e};
  return {p, e * detail::pow2<double>(sa + sb)};
}

/// A double-double number: the unevaluated sum hi + lo, normalised so that hi = fl(hi + lo).
/// About 106 significant bits with the exponent range of double. Models gibbs::real.
struct double_double {
  double hi = 0.0;
  double lo = 0.0;

  constexpr double_double() = default;
  constexpr double_double(double h) : hi(h), lo(0.0) {} // NOLINT: implicit, like a widening
  constexpr double_double(float h) : hi(h), lo(0.0) {}  // NOLINT
  constexpr double_double(int h) : hi(h), lo(0.0) {}    // NOLINT
  /// Pair (h, l); not renormalised: the caller promises |l| <= ulp(h)/2 (use normalise otherwise).
  constexpr double_double(double h, double l) : hi(h), lo(l) {}

  /// hi + lo renormalised so that hi = fl(hi + lo).
  [[nodiscard]] static constexpr double_double normalise(double h, double l) {
    const dd_pair s = two_sum(h, l);
    if (!detail::is_finite(s.hi)) return {s.hi, 0.0};
    return {s.hi, s.lo};
  }

  explicit constexpr operator double() const { return hi; }
  explicit constexpr operator float() const { return static_cast<float>(hi + lo); }
  explicit constexpr operator long double() const {
    return static_cast<long double>(hi) + static_cast<long double>(lo);
  }

  [[nodiscard]] constexpr double_double operator-() const { return {-hi, -lo}; }
  [[nodiscard]] constexpr double_double operator+() const { return *this; }

  /// AccurateDWPlusDW (JMP 2017, Alg. 6): relative error <= 3u^2 + 13u^3 of the exact sum.
  [[nodiscard]] friend constexpr double_double operator+(const double_double& a,
                                                         const double_double& b) {
    const dd_pair s = two_sum(a.hi, b.hi);
    if (!detail::is_finite(s.hi)) return {s.hi, 0.0};
    const dd_pair t = two_sum(a.lo, b.lo);
    const dd_pair v = fast_two_sum(s.hi, s.lo + t.hi);
    return double_double::normalise_fast(v.hi, t.lo + v.lo);
  }
  [[nodiscard]] friend constexpr double_double operator-(const double_double& a,
                                                         const double_double& b) {
    return a + (-b);
  }
  /// DWTimesDW (JMP 2017, Alg. 10 with the cross terms added in double): relative error <= 7u^2.
  [[nodiscard]] friend constexpr double_double operator*(const double_double& a,
                                                         const double_double& b) {
    const dd_pair c = two_prod(a.hi, b.hi);
    if (!detail::is_finite(c.hi) || c.hi == 0.0) return {c.hi, 0.0};
    const double t = a.hi * b.lo + a.lo * b.hi;
    return double_double::normalise_fast(c.hi, c.lo + t);
  }
  /// DWDivDW2 (JMP 2017, Alg. 17): relative error <= 15u^2 + 56u^3.
  [[nodiscard]] friend constexpr double_double operator/(const double_double& a,
                                                         const double_double& b) {
    const double th = a.hi / b.hi;
    if (!detail::is_finite(th) || th == 0.0) return {th, 0.0};
    const double_double r = b * double_double(th);
    const double ph = a.hi - r.hi; // exact (Sterbenz)
    const double dl = a.lo - r.lo;
    const double d = ph + dl;
    const double tl = d / b.hi;
    return double_double::normalise_fast(th, tl);
  }
  constexpr double_double& operator+=(const double_double& b) { return *this = *this + b; }
  constexpr double_double& operator-=(const double_double& b) { return *this = *this - b; }
  constexpr double_double& operator*=(const double_double& b) { return *this = *this * b; }
  constexpr double_double& operator/=(const double_double& b) { return *this = *this / b; }

  [[nodiscard]] friend constexpr bool operator==(const double_double& a, const double_double& b) {
    return a.hi == b.hi && a.lo == b.lo;
  }
  [[nodiscard]] friend constexpr bool operator<(const double_double& a, const double_double& b) {
    return a.hi < b.hi || (a.hi == b.hi && a.lo < b.lo);
  }
  [[nodiscard]] friend constexpr bool operator>(const double_double& a, const double_double& b) {
    return b < a;
  }
  [[nodiscard]] friend constexpr bool operator<=(const double_double& a, const double_double& b) {
    return a < b || a == b;
  }
  [[nodiscard]] friend constexpr bool operator>=(const double_double& a, const double_double& b) {
    return b < a || a == b;
  }

private:
  [[nodiscard]] static constexpr double_double normalise_fast(double h, double l) {
    const dd_pair s = fast_two_sum(h, l);
    return {s.hi, s.lo};
  }
};

template <>
struct number_traits<double_double> {
  static constexpr bool constexpr_math = true;
  static constexpr bool is_interval = false;
  static constexpr bool is_builtin_binary = false;
};

} // namespace gibbs

template <>
class std::numeric_limits<gibbs::double_double> {
public:
  static constexpr bool is_specialized = true;
  static constexpr bool is_signed = true;
  static constexpr bool is_integer = false;
  static constexpr bool is_exact = false;
  static constexpr bool has_infinity = true;
  static constexpr bool has_quiet_NaN = true;
  static constexpr bool has_signaling_NaN = false;
  static constexpr std::float_denorm_style has_denorm = std::denorm_absent;
  static constexpr bool has_denorm_loss = false;
  static constexpr std::float_round_style round_style = std::round_to_nearest;
  static constexpr bool is_iec559 = false;
  static constexpr bool is_bounded = true;
  static constexpr bool is_modulo = false;
  static constexpr int digits = 106;
  static constexpr int digits10 = 31;
  static constexpr int max_digits10 = 33;
  static constexpr int radix = 2;
  // Below 2^-969 the low part of a product can be subnormal: treat that range as "denormal".
  static constexpr int min_exponent = -968;
  static constexpr int min_exponent10 = -291;
  static constexpr int max_exponent = 1024;
  static constexpr int max_exponent10 = 308;
  static constexpr bool traps = false;
  static constexpr bool tinyness_before = false;
  static constexpr gibbs::double_double min() noexcept { return {0x1p-969, 0.0}; }
  static constexpr gibbs::double_double lowest() noexcept { return -max(); }
  static constexpr gibbs::double_double max() noexcept {
    return {0x1.fffffffffffffp1023, 0x1.fffffffffffffp969};
  }
  static constexpr gibbs::double_double epsilon() noexcept { return {0x1p-105, 0.0}; }
  static constexpr gibbs::double_double round_error() noexcept { return {0.5, 0.0}; }
  static constexpr gibbs::double_double infinity() noexcept {
    return {std::numeric_limits<double>::infinity(), 0.0};
  }
  static constexpr gibbs::double_double quiet_NaN() noexcept {
    return {std::numeric_limits<double>::quiet_NaN(), 0.0};
  }
  static constexpr gibbs::double_double signaling_NaN() noexcept { return quiet_NaN(); }
  static constexpr gibbs::double_double denorm_min() noexcept {
    return {std::numeric_limits<double>::denorm_min(), 0.0};
  }
};

#endif // GIBBS_NUMBER_DOUBLE_DOUBLE_HPP
