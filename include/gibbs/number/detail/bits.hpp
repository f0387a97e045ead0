// gibbs/number/detail/bits.hpp: constexpr classification, exact powers of two, exact scaling and
// exact decomposition of a binary floating-point number into an integer mantissa and an exponent.
//
// float and double are decomposed through std::bit_cast (cheap in constant evaluation); the other
// types (long double, float128, ...) through exact arithmetic: multiplying by a power of two is
// exact as long as the result is representable, and every scaling below keeps that invariant.
#ifndef GIBBS_NUMBER_DETAIL_BITS_HPP
#define GIBBS_NUMBER_DETAIL_BITS_HPP

#include <array>
#include <bit>
#include <cstdint>
#include <limits>
#include <type_traits>

namespace gibbs::detail {

template <class T>
[[nodiscard]] constexpr bool is_nan(const T& x) {
  return !(x == x);
}

template <class T>
[[nodiscard]] constexpr bool is_inf(const T& x) {
  return x == std::numeric_limits<T>::infinity() || x == -std::numeric_limits<T>::infinity();
}

template <class T>
[[nodiscard]] constexpr bool is_finite(const T& x) {
  return !is_nan(x) && !is_inf(x);
}

/// Sign bit, including for -0 for float and double (through the bit pattern); for the other
/// types -0 reads as +0 (no constexpr way to tell them apart without bit_cast).
template <class T>
[[nodiscard]] constexpr bool sign_bit(const T& x) {
  if constexpr (std::is_same_v<T, double>) {
    return (std::bit_cast<std::uint64_t>(x) >> 63) != 0;
  } else if constexpr (std::is_same_v<T, float>) {
    return (std::bit_cast<std::uint32_t>(x) >> 31) != 0;
  } else {
    return x < T(0);
  }
}

/// 2^k exactly, for every k whose power is representable in T (subnormal powers included).
/// Binary powering: every partial product is a power of two between 1 and 2^k, hence exact.
template <class T>
[[nodiscard]] constexpr T pow2(int k) {
  T result = T(1);
  T base = k < 0 ? T(0.5) : T(2);
  unsigned n = k < 0 ? static_cast<unsigned>(-k) : static_cast<unsigned>(k);
  while (n != 0) {
    if (n & 1u) result *= base;
    n >>= 1;
    if (n != 0) base *= base;
  }
  return result;
}

/// x * 2^k, exact whenever the result is representable (including as a subnormal): the scaling is
/// done in steps by powers of two that are normal numbers, and every intermediate value lies
/// between x and the result, so it is representable when both ends are.
template <class T>
[[nodiscard]] constexpr T scale2(T x, int k) {
  constexpr int up = std::numeric_limits<T>::max_exponent - 2;
  constexpr int down = std::numeric_limits<T>::min_exponent - 1; // 2^down is the least normal
  while (k > up) {
    x *= pow2<T>(up);
    k -= up;
  }
  while (k < down) {
    x *= pow2<T>(down);
    k -= down;
  }
  return x * pow2<T>(k);
}

/// A finite nonzero binary number |x| = mant * 2^(exp - 128), mant a 128-bit integer with its top
/// bit set (limb[3] is the most significant 32-bit limb). Exact for every type of <= 128 digits.
struct decomposed {
  bool neg = false;
  int exp = 0; // |x| in [2^(exp-1), 2^exp)
  std::array<std::uint32_t, 4> limb{};
};

/// Exponent e with |x| in [2^(e-1), 2^e), for finite nonzero x of a type without a bit_cast path.
/// Binary search over the powers 2^(2^j): each comparison and multiplication is exact.
template <class T>
[[nodiscard]] constexpr int exponent_by_search(T& y) { // y = |x| on entry, y in [1/2, 1) on exit
  int e = 0;
  if (y >= T(1)) {
    for (int j = 14; j >= 0; --j) {
      const int s = 1 << j;
      if (s < std::numeric_limits<T>::max_exponent && y >= pow2<T>(s)) {
        y *= pow2<T>(-s);
        e += s;
      }
    }
    // now y in [1, 2)
    y *= T(0.5);
    e += 1;
  } else {
    for (int j = 14; j >= 0; --j) {
      const int s = 1 << j;
      // apply twice for the deepest subnormals (2^16445 needs more than 2^14 + ... + 1)
      for (int rep = 0; rep < 2; ++rep) {
        if (s <= -std::numeric_limits<T>::min_exponent && y < pow2<T>(-s)) {
          y *= pow2<T>(s);
          e -= s;
        }
      }
    }
    // now y in [1/2, 1)
    while (y < T(0.5)) { // at most once; kept as a loop for robustness
      y *= T(2);
      e -= 1;
    }
  }
  return e;
}

/// Exact decomposition of a finite nonzero x.
template <class T>
[[nodiscard]] constexpr decomposed decompose(const T& x) {
  decomposed d;
  d.neg = x < T(0);
  if constexpr (std::is_same_v<T, double>) {
    const std::uint64_t b = std::bit_cast<std::uint64_t>(x);
    const int be = static_cast<int>((b >> 52) & 0x7ff);
    std::uint64_t m = b & ((std::uint64_t(1) << 52) - 1);
    int e;
    if (be == 0) { // subnormal: normalise the integer mantissa
      e = -1074 + 53;
      while ((m >> 52) == 0) {
        m <<= 1;
        --e;
      }
    } else {
      m |= std::uint64_t(1) << 52;
      e = be - 1075 + 53;
    }
    m <<= 11; // top bit at 63
    d.exp = e;
    d.limb[3] = static_cast<std::uint32_t>(m >> 32);
    d.limb[2] = static_cast<std::uint32_t>(m);
  } else if constexpr (std::is_same_v<T, float>) {
    const std::uint32_t b = std::bit_cast<std::uint32_t>(x);
    const int be = static_cast<int>((b >> 23) & 0xff);
    std::uint32_t m = b & ((1u << 23) - 1);
    int e;
    if (be == 0) {
      e = -149 + 24;
      while ((m >> 23) == 0) {
        m <<= 1;
        --e;
      }
    } else {
      m |= 1u << 23;
      e = be - 150 + 24;
    }
    d.exp = e;
    d.limb[3] = m << 8;
  } else {
    static_assert(std::numeric_limits<T>::digits <= 128, "decompose supports at most 128 digits");
    T y = x < T(0) ? -x : x;
    d.exp = exponent_by_search(y); // y in [1/2, 1), exact
    for (int i = 3; i >= 0; --i) { // peel 32 bits at a time: y*2^32 is exact, its integer part too
      y *= pow2<T>(32);
      const auto w = static_cast<unsigned long long>(y);
      d.limb[static_cast<std::size_t>(i)] = static_cast<std::uint32_t>(w);
      y -= T(w);
    }
  }
  return d;
}

} // namespace gibbs::detail

#endif // GIBBS_NUMBER_DETAIL_BITS_HPP
