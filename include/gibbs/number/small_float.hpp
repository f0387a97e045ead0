// gibbs/number/small_float.hpp: constexpr number types for the 16-bit formats of machine learning,
// gibbs::binary16 (IEEE 754 binary16, "half": p = 11, emin = -14, emax = 15) and gibbs::bfloat16
// (p = 8 with the exponent range of binary32: emin = -126, emax = 127), with subnormals, signed
// zeros, infinities and a quiet NaN. Every operation (+, -, *, /, sqrt, the conversions from
// double, float, long double, the integers and the other format) and gibbs::log, log1p, exp,
// expm1, log1pmx return the exact result rounded once to the format, round to nearest, ties to
// even, overflowing to +-inf (IEEE: |x| >= (2 - 2^-p) 2^emax rounds to infinity). They are
// constant expressions; the value at compile time equals the value at run time bit for bit.
//
//   constexpr gibbs::binary16 x(0.1);       // 0x1.998p-4, the binary16 number nearest 0.1
//   constexpr auto y = gibbs::log(x);       // -0x1.26cp+1 = RN16(ln 0x1.998p-4)
//
// Why one rounding is right. The storage is the format's bit pattern; a value is decoded exactly
// into a double. Each operation computes a double h and the sign d of (exact - h) and rounds with
// round_to_bits below. Lemma: let B be the rounding boundaries of the format (the midpoints
// between adjacent format numbers, the midpoint between 0 and the least subnormal, and the
// overflow threshold (2 - 2^-p) 2^emax); each has at most p + 1 <= 12 significant bits and lies in
// [2^-134, 2^129), so every b in B is a double. If no element of B lies strictly between h and the
// exact value f, then RN_F(f) = RN_F(h) when h is not in B, and when h = b is in B, f lies on the
// side of b given by d (d = 0: f = b, ties to even). Any h = RN64(f) satisfies the condition: a
// boundary strictly between h and f would be a double nearer to f than h. Which argument covers
// which operation:
//   *      a product of two p-bit numbers has at most 2p <= 22 bits and lies in [2^-266, 2^257):
//          exact in double, d = 0.
//   +, -   binary16: both operands are multiples of 2^-24 below 2^16, so the sum is a multiple of
//          2^-24 below 2^17 (<= 41 bits): exact. bfloat16 (exponents 2^-133 .. 2^127 do not fit
//          53 bits): h = RN64(a + b) and d from the exact error of Knuth's TwoSum.
//   /      h = RN64(a / b), d = sign(a - h b) sign(b), a - h b exact: Dekker's product gives
//          h b = P + e exactly and a - P is exact by Sterbenz (P/a in [1/2, 2]).
//   sqrt   integer square root of the significand scaled to [2^60, 2^62): h = floor(sqrt) * 2^j
//          with 31 bits, d = +1 unless exact; a boundary (<= 12 bits) cannot lie strictly inside
//          (h, h + 2^j), a spacing of a 31-bit number.
//   conversions: from double, d = 0; float and the other format are exact in double; long double
//          h = RN64(x) and d = sign(x - h) (exact in long double); integers beyond 2^53 are
//          truncated to 53 bits with d = +1 for the lost bits (same argument as sqrt).
// So no operation relies on double rounding being innocuous. It would be, here: Figueroa ("When
// is double rounding innocuous?", SIGNUM Newsletter 30(3), 1995) proves RN_p(RN_q(a op b)) =
// RN_p(a op b) for op in {+, -, *, /, sqrt} when q >= 2p + 2 (53 >= 24 and 53 >= 18), with
// exponents unbounded; in the formats' subnormal range the grid is coarser (fewer bits) and the
// intermediate double is normal, so the same bound holds there. The remainder sign above makes the
// one rounding exact by construction instead, and the exhaustive tests check it against MPFR.
//
// The elementary functions: h = gibbs::f(double) is RN64(f(x)) (correctly rounded, math.hpp). If h
// is not in B, RN_F(h) = RN_F(f(x)) by the lemma. If h is in B (a "hard case": f(x) within half an
// ulp of double of a boundary), gibbs::f(double_double) gives (H, L) = (RN64(f), RN64(f - H)):
// H = h and the sign of L is d. f(x) = h exactly cannot happen: f(x) is transcendental for
// rational x other than the trivial arguments (Lindemann, see detail/fallback.hpp), which give 0
// or 1, not in B; L = 0 would need |f(x) - h| < 2^-1075, and the exhaustive tests show that no
// input of either format comes near. Hard cases do occur: in bfloat16, log1pmx(x) = -x^2/2 +
// x^3/3 - ... for the 56 inputs x = +-m 2^-k, m in {17, 19, 21}, 57 <= k <= 66: x^2/2 =
// m^2 2^(-2k-1) is normal with 9 bits ending in 1 (a midpoint of bfloat16), and |x^3/3| is below
// half an ulp of double of it, so h = -x^2/2 is a boundary and only the sign of x^3/3 decides
// (for x < 0 the result is the odd neighbour, where ties to even would be wrong). In the
// subnormal range m^2 2^(-2k-1) is never an odd multiple of 2^-134; binary16's x >= 2^-24 is too
// large for x^3/3 to hide; log, log1p, exp and expm1 have no hard case in either format (the
// exhaustive tests count them).
#ifndef GIBBS_NUMBER_SMALL_FLOAT_HPP
#define GIBBS_NUMBER_SMALL_FLOAT_HPP

#include "gibbs/number/double_double.hpp"
#include "gibbs/number/math.hpp"
#include "gibbs/number/real.hpp"

#include <bit>
#include <compare>
#include <cstdint>
#include <limits>
#include <string_view>
#include <type_traits>

namespace gibbs {

/// The parameters of a binary floating-point format of 16 bits: sign, `exponent_bits` exponent
/// bits, `precision - 1` stored fraction bits (the integer bit, 1 for normal numbers, is implicit).
template <int Precision, int ExponentBits>
struct binary_format_params {
  static_assert(1 + ExponentBits + Precision - 1 == 16, "a 16-bit format has 16 bits");
  static constexpr int precision = Precision;        ///< p, significant bits
  static constexpr int exponent_bits = ExponentBits; ///< width of the exponent field
  static constexpr int bias = (1 << (ExponentBits - 1)) - 1;
  static constexpr int emax = bias;     ///< largest finite numbers are < 2^(emax+1)
  static constexpr int emin = 1 - bias; ///< least normal number 2^emin
  static constexpr int width = 16;
  static constexpr std::uint16_t sign_bit = 0x8000;
  static constexpr std::uint16_t inf_bits =
      static_cast<std::uint16_t>(((1u << ExponentBits) - 1) << (Precision - 1));
  static constexpr std::uint16_t quiet_nan_bits =
      static_cast<std::uint16_t>(inf_bits | (1u << (Precision - 2)));
  static constexpr std::uint16_t max_bits = static_cast<std::uint16_t>(inf_bits - 1);
};

/// IEEE 754 binary16: p = 11, emin = -14, emax = 15; largest finite 65504, least subnormal 2^-24.
struct binary16_format : binary_format_params<11, 5> {
  static constexpr std::string_view name = "binary16";
};
/// bfloat16: p = 8, emin = -126, emax = 127 (binary32's range); largest finite 0x1.fep127, least
/// subnormal 2^-133 (the upper half of a binary32's bits, rounded to nearest even).
struct bfloat16_format : binary_format_params<8, 8> {
  static constexpr std::string_view name = "bfloat16";
};

namespace detail::small {

/// 2^k as a double for k in [-1022, 1023].
[[nodiscard]] constexpr double pow2(int k) {
  return std::bit_cast<double>(static_cast<std::uint64_t>(k + 1023) << 52);
}

/// The exact value of a bit pattern of format F as a double.
template <class F>
[[nodiscard]] constexpr double to_double(std::uint16_t v) {
  constexpr int p = F::precision;
  const bool neg = (v & F::sign_bit) != 0;
  const int e = (v >> (p - 1)) & ((1 << F::exponent_bits) - 1);
  const unsigned f = v & ((1u << (p - 1)) - 1);
  double mag = 0.0;
  if (e == (1 << F::exponent_bits) - 1)
    mag =
        f != 0 ? std::numeric_limits<double>::quiet_NaN() : std::numeric_limits<double>::infinity();
  else if (e == 0)
    mag = static_cast<double>(f) * pow2(F::emin - (p - 1));
  else
    mag = static_cast<double>(f | (1u << (p - 1))) * pow2(e - F::bias - (p - 1));
  return neg ? -mag : mag;
}

/// The bits of RN_F(f), given a double h and d = sign(f - h) in {-1, 0, +1}, when no rounding
/// boundary of F lies strictly between h and f (the lemma at the top of this file). Round to
/// nearest even on F's grid (subnormals included), overflow to infinity; NaN gives the quiet NaN.
template <class F>
[[nodiscard]] constexpr std::uint16_t round_to_bits(double h, int d) {
  constexpr int p = F::precision;
  const std::uint64_t b = std::bit_cast<std::uint64_t>(h);
  const bool neg = (b >> 63) != 0;
  const auto sign = static_cast<std::uint16_t>(neg ? F::sign_bit : 0u);
  const int be = static_cast<int>((b >> 52) & 0x7ff);
  std::uint64_t m = b & ((std::uint64_t(1) << 52) - 1);
  if (be == 0x7ff)
    return static_cast<std::uint16_t>(sign | (m != 0 ? F::quiet_nan_bits : F::inf_bits));
  if (be == 0 && m == 0) { // f = 0, or f tiny (below the first boundary) with the sign of d
    if (d == 0) return sign;
    return d < 0 ? F::sign_bit : std::uint16_t(0);
  }
  int e = -1074; // h = m 2^e
  if (be != 0) {
    m |= std::uint64_t(1) << 52;
    e = be - 1075;
  }
  const int top = e + 63 - std::countl_zero(m); // 2^top <= |h| < 2^(top+1)
  const int lsb = top - (p - 1) > F::emin - (p - 1) ? top - (p - 1) : F::emin - (p - 1);
  const int s = lsb - e; // bits of m below F's last place
  std::uint64_t q = 0;
  if (s <= 0) {
    q = m << -s; // h is a number of F (q < 2^p)
  } else if (s < 54) {
    q = m >> s;
    const std::uint64_t r = m & ((std::uint64_t(1) << s) - 1);
    const std::uint64_t half = std::uint64_t(1) << (s - 1);
    const int away = neg ? -d : d; // direction of f from h in magnitude
    if (r > half || (r == half && (away > 0 || (away == 0 && (q & 1) != 0)))) ++q;
  } // else |h| < 2^53 2^e <= half the least subnormal: q = 0
  int lsb_out = lsb;
  if (q == (std::uint64_t(1) << p)) { // rounded up to the next binade
    q >>= 1;
    ++lsb_out;
  }
  if (q < (std::uint64_t(1) << (p - 1))) // zero or subnormal (then lsb_out = emin - p + 1)
    return static_cast<std::uint16_t>(sign | q);
  const int exponent = lsb_out + p - 1;
  if (exponent > F::emax) return static_cast<std::uint16_t>(sign | F::inf_bits);
  return static_cast<std::uint16_t>(sign | (static_cast<unsigned>(exponent + F::bias) << (p - 1))
                                    | (q - (std::uint64_t(1) << (p - 1))));
}

/// true when the double h != 0 is a rounding boundary of F (the side of f then matters). For
/// h = 0 only the sign of the zero depends on d, and the functions give h = 0 only for f = 0 or
/// for an e^x below binary64's range (f > 0, h = +0, which rounds to +0 as it should).
template <class F>
[[nodiscard]] constexpr bool is_boundary(double h) {
  return h != 0.0 && round_to_bits<F>(h, 1) != round_to_bits<F>(h, -1);
}

/// floor(sqrt(n)) and whether it is exact (n < 2^62), digit by digit.
struct isqrt_result {
  std::uint64_t root;
  bool exact;
};
[[nodiscard]] constexpr isqrt_result isqrt(std::uint64_t n) {
  std::uint64_t r = 0;
  std::uint64_t bit = std::uint64_t(1) << 62;
  while (bit > n)
    bit >>= 2;
  while (bit != 0) {
    if (n >= r + bit) {
      n -= r + bit;
      r = (r >> 1) + bit;
    } else {
      r >>= 1;
    }
    bit >>= 2;
  }
  return {r, n == 0};
}

/// RN_F(f(x)) for a correctly rounded gibbs function f, x exact in double (see the top of file).
template <class F, class Fn>
[[nodiscard]] constexpr std::uint16_t function_bits(double x, Fn f) {
  const double h = f(x);
  if (!is_boundary<F>(h)) return round_to_bits<F>(h, 0);
  const double_double hl = f(double_double(x)); // (RN64(f), RN64(f - RN64(f)))
  if (!(hl.hi == h)) fallback_invariant_broken("gibbs: double and double-double disagree");
  return round_to_bits<F>(h, hl.lo > 0 ? 1 : (hl.lo < 0 ? -1 : 0));
}

} // namespace detail::small

/// A number of the 16-bit binary format F (binary16_format or bfloat16_format) whose operations
/// are rounded once to F (round to nearest even). Models gibbs::real; constexpr throughout.
/// Laws: a + b == T(double(a) + double(b)) for binary16 (the sum is exact in double), a * b ==
/// T(double(a) * double(b)) (the product is exact in double); every result is the format number
/// nearest the exact result (ties to even). Example: binary16(1) + binary16(0x1p-11) == 1 (a tie,
/// to even), binary16(1) + binary16(0x1.8p-11) == 0x1.004p0.
template <class F>
class small_float {
public:
  using format = F;

  constexpr small_float() = default;
  /// The number of F nearest to a (any arithmetic type), ties to even, overflow to +-inf.
  template <class A>
  requires std::is_arithmetic_v<A>
  explicit constexpr small_float(A a) : bits_(from_arithmetic(a)) {}
  /// Rounds a number of another 16-bit format (exact in double) once to F.
  template <class G>
  requires(!std::is_same_v<G, F>) explicit constexpr small_float(const small_float<G>& a)
      : bits_(detail::small::round_to_bits<F>(static_cast<double>(a), 0)) {}

  /// The number with bit pattern b.
  [[nodiscard]] static constexpr small_float from_bits(std::uint16_t b) {
    small_float r;
    r.bits_ = b;
    return r;
  }
  [[nodiscard]] constexpr std::uint16_t bits() const { return bits_; }

  /// The exact value (every number of F is a float and a double).
  explicit constexpr operator double() const { return detail::small::to_double<F>(bits_); }
  explicit constexpr operator float() const { return static_cast<float>(double(*this)); }
  explicit constexpr operator long double() const {
    return static_cast<long double>(double(*this));
  }

  [[nodiscard]] constexpr small_float operator-() const {
    return from_bits(static_cast<std::uint16_t>(bits_ ^ F::sign_bit));
  }
  [[nodiscard]] constexpr small_float operator+() const { return *this; }

  [[nodiscard]] friend constexpr small_float operator+(const small_float& a, const small_float& b) {
    const double x = double(a), y = double(b);
    if (!detail::is_finite(x) || !detail::is_finite(y)) return rounded(x + y, 0);
    const dd_pair s = two_sum(x, y); // s.hi + s.lo == x + y exactly
    return rounded(s.hi, s.lo > 0 ? 1 : (s.lo < 0 ? -1 : 0));
  }
  [[nodiscard]] friend constexpr small_float operator-(const small_float& a, const small_float& b) {
    return a + (-b);
  }
  [[nodiscard]] friend constexpr small_float operator*(const small_float& a, const small_float& b) {
    return rounded(double(a) * double(b), 0); // exact: at most 2p bits, no underflow in double
  }
  [[nodiscard]] friend constexpr small_float operator/(const small_float& a, const small_float& b) {
    const double x = double(a), y = double(b);
    const double q = x / y;
    if (!detail::is_finite(x) || !detail::is_finite(y) || x == 0.0 || y == 0.0)
      return rounded(q, 0);            // exact: 0, inf or NaN
    const dd_pair pe = two_prod(q, y); // q y == P + e exactly; |q y| ~ |x| >= 2^-133
    const double r = x - pe.hi;        // exact (Sterbenz)
    const int d = r > pe.lo ? 1 : (r < pe.lo ? -1 : 0); // sign(x - q y)
    return rounded(q, y > 0 ? d : -d);
  }
  constexpr small_float& operator+=(const small_float& b) { return *this = *this + b; }
  constexpr small_float& operator-=(const small_float& b) { return *this = *this - b; }
  constexpr small_float& operator*=(const small_float& b) { return *this = *this * b; }
  constexpr small_float& operator/=(const small_float& b) { return *this = *this / b; }

  /// IEEE comparisons: -0 == +0, NaN unordered.
  [[nodiscard]] friend constexpr bool operator==(const small_float& a, const small_float& b) {
    return double(a) == double(b);
  }
  [[nodiscard]] friend constexpr std::partial_ordering operator<=>(const small_float& a,
                                                                   const small_float& b) {
    return double(a) <=> double(b);
  }

  /// sqrt(x) rounded once to F: sqrt(-0) = -0, sqrt(x < 0) = NaN, sqrt(+inf) = +inf.
  [[nodiscard]] friend constexpr small_float sqrt(const small_float& a) {
    const double x = double(a);
    if (!(x > 0.0) || !detail::is_finite(x)) {
      if (x == 0.0 || x == std::numeric_limits<double>::infinity() || detail::is_nan(x)) return a;
      return from_bits(F::quiet_nan_bits);
    }
    // x = M 2^E with the integer M < 2^p from the bit pattern.
    constexpr int p = F::precision;
    const int be = (a.bits_ >> (p - 1)) & ((1 << F::exponent_bits) - 1);
    std::uint64_t M = a.bits_ & ((1u << (p - 1)) - 1);
    int E = F::emin - (p - 1);
    if (be != 0) {
      M |= std::uint64_t(1) << (p - 1);
      E = be - F::bias - (p - 1);
    }
    int k = 60 - (63 - std::countl_zero(M)); // M 2^k in [2^60, 2^61)
    if (((E - k) & 1) != 0) ++k;             // even exponent: in [2^60, 2^62)
    const detail::small::isqrt_result r = detail::small::isqrt(M << k);
    const double h = static_cast<double>(r.root) * detail::small::pow2((E - k) / 2);
    return rounded(h, r.exact ? 0 : 1);
  }
  [[nodiscard]] friend constexpr small_float abs(const small_float& a) {
    return from_bits(static_cast<std::uint16_t>(a.bits_ & ~F::sign_bit));
  }

private:
  std::uint16_t bits_ = 0;

  [[nodiscard]] static constexpr small_float rounded(double h, int d) {
    return from_bits(detail::small::round_to_bits<F>(h, d));
  }

  template <class A>
  [[nodiscard]] static constexpr std::uint16_t from_arithmetic(A a) {
    if constexpr (std::is_integral_v<A>) {
      if constexpr (std::is_signed_v<A>) {
        const bool neg = a < 0;
        const auto mag =
            neg ? std::uint64_t(0) - static_cast<std::uint64_t>(a) : static_cast<std::uint64_t>(a);
        const std::uint16_t b = from_magnitude(mag);
        return neg ? static_cast<std::uint16_t>(b | F::sign_bit) : b;
      } else {
        return from_magnitude(static_cast<std::uint64_t>(a));
      }
    } else if constexpr (sizeof(A) <= sizeof(double)) {
      return detail::small::round_to_bits<F>(static_cast<double>(a), 0); // float: exact in double
    } else {
      const double h = static_cast<double>(a); // RN64(a)
      const A rest = a - static_cast<A>(h);    // exact
      return detail::small::round_to_bits<F>(h, rest > 0 ? 1 : (rest < 0 ? -1 : 0));
    }
  }
  /// An integer: truncated to 53 bits (exact below 2^53) with the lost bits as the direction.
  [[nodiscard]] static constexpr std::uint16_t from_magnitude(std::uint64_t v) {
    int k = 0;
    bool lost = false;
    while (v >= (std::uint64_t(1) << 53)) {
      lost = lost || (v & 1) != 0;
      v >>= 1;
      ++k;
    }
    return detail::small::round_to_bits<F>(static_cast<double>(v) * detail::small::pow2(k),
                                           lost ? 1 : 0);
  }
};

/// IEEE 754 binary16 ("half precision") with every operation rounded once (see the top of file).
using binary16 = small_float<binary16_format>;
/// bfloat16 (brain floating point) with every operation rounded once (see the top of file).
using bfloat16 = small_float<bfloat16_format>;

/// The elementary functions of math.hpp for binary16 and bfloat16, correctly rounded to the
/// format: RN_F(f(x)) from gibbs' correctly rounded double (and, for the hard cases, double-double)
/// result (see the top of this file).
template <class F>
struct number_traits<small_float<F>> {
  using T = small_float<F>;
  static constexpr bool constexpr_math = true;
  static constexpr bool is_interval = false;
  static constexpr bool is_builtin_binary = false;

  [[nodiscard]] static constexpr T log(const T& x) {
    return wrap(x, [](const auto& y) { return gibbs::log(y); });
  }
  [[nodiscard]] static constexpr T log1p(const T& x) {
    return wrap(x, [](const auto& y) { return gibbs::log1p(y); });
  }
  [[nodiscard]] static constexpr T exp(const T& x) {
    return wrap(x, [](const auto& y) { return gibbs::exp(y); });
  }
  [[nodiscard]] static constexpr T expm1(const T& x) {
    return wrap(x, [](const auto& y) { return gibbs::expm1(y); });
  }
  [[nodiscard]] static constexpr T log1pmx(const T& x) {
    return wrap(x, [](const auto& y) { return gibbs::log1pmx(y); });
  }

private:
  template <class Fn>
  [[nodiscard]] static constexpr T wrap(const T& x, Fn f) {
    return T::from_bits(detail::small::function_bits<F>(static_cast<double>(x), f));
  }
};

} // namespace gibbs

template <class F>
class std::numeric_limits<gibbs::small_float<F>> {
  using T = gibbs::small_float<F>;

public:
  static constexpr bool is_specialized = true;
  static constexpr bool is_signed = true;
  static constexpr bool is_integer = false;
  static constexpr bool is_exact = false;
  static constexpr bool has_infinity = true;
  static constexpr bool has_quiet_NaN = true;
  static constexpr bool has_signaling_NaN = false;
  static constexpr std::float_denorm_style has_denorm = std::denorm_present;
  static constexpr bool has_denorm_loss = false;
  static constexpr std::float_round_style round_style = std::round_to_nearest;
  static constexpr bool is_iec559 = std::is_same_v<F, gibbs::binary16_format>;
  static constexpr bool is_bounded = true;
  static constexpr bool is_modulo = false;
  static constexpr int digits = F::precision;
  static constexpr int digits10 = F::precision == 11 ? 3 : 2;     // floor((p - 1) log10 2)
  static constexpr int max_digits10 = F::precision == 11 ? 5 : 4; // ceil(1 + p log10 2)
  static constexpr int radix = 2;
  static constexpr int min_exponent = F::emin + 1; // C++'s convention: 2^(min_exponent-1) normal
  static constexpr int min_exponent10 = F::precision == 11 ? -4 : -37;
  static constexpr int max_exponent = F::emax + 1;
  static constexpr int max_exponent10 = F::precision == 11 ? 4 : 38;
  static constexpr bool traps = false;
  static constexpr bool tinyness_before = false;
  static constexpr T min() noexcept {
    return T::from_bits(static_cast<std::uint16_t>(1u << (F::precision - 1)));
  }
  static constexpr T lowest() noexcept {
    return T::from_bits(static_cast<std::uint16_t>(F::max_bits | F::sign_bit));
  }
  static constexpr T max() noexcept { return T::from_bits(F::max_bits); }
  static constexpr T epsilon() noexcept {
    return T::from_bits(
        static_cast<std::uint16_t>((F::bias - (F::precision - 1)) << (F::precision - 1)));
  }
  static constexpr T round_error() noexcept {
    return T::from_bits(static_cast<std::uint16_t>((F::bias - 1) << (F::precision - 1)));
  }
  static constexpr T infinity() noexcept { return T::from_bits(F::inf_bits); }
  static constexpr T quiet_NaN() noexcept { return T::from_bits(F::quiet_nan_bits); }
  static constexpr T signaling_NaN() noexcept { return quiet_NaN(); }
  static constexpr T denorm_min() noexcept { return T::from_bits(1); }
};

#endif // GIBBS_NUMBER_SMALL_FLOAT_HPP
