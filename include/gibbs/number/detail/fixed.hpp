// gibbs/number/detail/fixed.hpp: constexpr multi-limb fixed-point numbers for the fallback path.
//
// fix<N> holds N 32-bit limbs (limb 0 least significant). Limb N-1 is the integer part, the other
// N-1 limbs the fraction: the value is W * 2^-P with W the (32N)-bit integer and P = 32(N-1).
// We call 2^-P one "unit". Every operation either is exact or truncates toward zero with an error
// of less than one unit, as stated next to it; the callers add these errors up in their bounds.
// No operation may overflow the integer limb (values stay below 2^32); callers guarantee it.
#ifndef GIBBS_NUMBER_DETAIL_FIXED_HPP
#define GIBBS_NUMBER_DETAIL_FIXED_HPP

#include <array>
#include <cstdint>

namespace gibbs::detail {

template <int N>
struct fix {
  static_assert(N >= 2, "a fixed-point number needs an integer limb and a fraction limb");
  static constexpr int limbs = N;
  static constexpr int frac_bits = 32 * (N - 1);
  std::array<std::uint32_t, static_cast<std::size_t>(N)> w{};

  [[nodiscard]] constexpr std::uint32_t& operator[](int i) {
    return w[static_cast<std::size_t>(i)];
  }
  [[nodiscard]] constexpr std::uint32_t operator[](int i) const {
    return w[static_cast<std::size_t>(i)];
  }
  [[nodiscard]] static constexpr fix one() {
    fix r;
    r[N - 1] = 1;
    return r;
  }
  /// 2^(i - P): one bit at index i.
  [[nodiscard]] static constexpr fix bit_at(int i) {
    fix r;
    r[i / 32] = std::uint32_t(1) << (i % 32);
    return r;
  }
};

template <int N>
[[nodiscard]] constexpr bool is_zero(const fix<N>& a) {
  for (int i = 0; i < N; ++i)
    if (a[i] != 0) return false;
  return true;
}

/// -1, 0, 1 as a <, ==, > b. Exact.
template <int N>
[[nodiscard]] constexpr int cmp(const fix<N>& a, const fix<N>& b) {
  for (int i = N - 1; i >= 0; --i) {
    if (a[i] != b[i]) return a[i] < b[i] ? -1 : 1;
  }
  return 0;
}

/// a + b, exact (no overflow by contract).
template <int N>
[[nodiscard]] constexpr fix<N> add(const fix<N>& a, const fix<N>& b) {
  fix<N> r;
  std::uint64_t c = 0;
  for (int i = 0; i < N; ++i) {
    c += std::uint64_t(a[i]) + b[i];
    r[i] = static_cast<std::uint32_t>(c);
    c >>= 32;
  }
  return r;
}

/// a - b for a >= b, exact.
template <int N>
[[nodiscard]] constexpr fix<N> sub(const fix<N>& a, const fix<N>& b) {
  fix<N> r;
  std::uint64_t borrow = 0;
  for (int i = 0; i < N; ++i) {
    const std::uint64_t d = std::uint64_t(a[i]) - b[i] - borrow;
    r[i] = static_cast<std::uint32_t>(d);
    borrow = (d >> 63) & 1u;
  }
  return r;
}

/// floor(a / 2^s): truncation error < 1 unit. s >= 0.
template <int N>
[[nodiscard]] constexpr fix<N> shr(const fix<N>& a, int s) {
  fix<N> r;
  const int ls = s / 32;
  const int bs = s % 32;
  for (int i = 0; i < N; ++i) {
    const int j = i + ls;
    if (j >= N) break;
    std::uint64_t v = a[j] >> bs;
    if (bs != 0 && j + 1 < N) v |= std::uint64_t(a[j + 1]) << (32 - bs);
    r[i] = static_cast<std::uint32_t>(v);
  }
  return r;
}

/// a * 2^s, exact (no overflow by contract). s >= 0.
template <int N>
[[nodiscard]] constexpr fix<N> shl(const fix<N>& a, int s) {
  fix<N> r;
  const int ls = s / 32;
  const int bs = s % 32;
  for (int i = N - 1; i >= ls; --i) {
    const int j = i - ls;
    std::uint64_t v = std::uint64_t(a[j]) << bs;
    if (bs != 0 && j >= 1) v |= std::uint64_t(a[j - 1]) >> (32 - bs);
    r[i] = static_cast<std::uint32_t>(v);
  }
  return r;
}

/// Truncated product: floor(a * b / 2^P) in units; error < 1 unit.
template <int N>
[[nodiscard]] constexpr fix<N> mul(const fix<N>& a, const fix<N>& b) {
  std::array<std::uint32_t, static_cast<std::size_t>(2 * N)> t{};
  for (int i = 0; i < N; ++i) {
    if (a[i] == 0) continue;
    std::uint64_t c = 0;
    for (int j = 0; j < N; ++j) {
      c += std::uint64_t(a[i]) * b[j] + t[static_cast<std::size_t>(i + j)];
      t[static_cast<std::size_t>(i + j)] = static_cast<std::uint32_t>(c);
      c >>= 32;
    }
    t[static_cast<std::size_t>(i + N)] = static_cast<std::uint32_t>(c);
  }
  fix<N> r;
  for (int i = 0; i < N; ++i)
    r[i] = t[static_cast<std::size_t>(i + N - 1)];
  return r;
}

/// a * k for a small integer k, exact (no overflow by contract).
template <int N>
[[nodiscard]] constexpr fix<N> mul_small(const fix<N>& a, std::uint32_t k) {
  fix<N> r;
  std::uint64_t c = 0;
  for (int i = 0; i < N; ++i) {
    c += std::uint64_t(a[i]) * k;
    r[i] = static_cast<std::uint32_t>(c);
    c >>= 32;
  }
  return r;
}

/// floor(a / k) for an integer k >= 1: error < 1 unit.
template <int N>
[[nodiscard]] constexpr fix<N> div_small(const fix<N>& a, std::uint32_t k) {
  fix<N> r;
  std::uint64_t rem = 0;
  for (int i = N - 1; i >= 0; --i) {
    const std::uint64_t cur = (rem << 32) | a[i];
    r[i] = static_cast<std::uint32_t>(cur / k);
    rem = cur % k;
  }
  return r;
}

/// Index of the most significant set bit, -1 for zero.
template <int N>
[[nodiscard]] constexpr int msb(const fix<N>& a) {
  for (int i = N - 1; i >= 0; --i) {
    if (a[i] != 0) {
      int b = 31;
      while (((a[i] >> b) & 1u) == 0)
        --b;
      return 32 * i + b;
    }
  }
  return -1;
}

template <int N>
[[nodiscard]] constexpr bool bit(const fix<N>& a, int i) {
  if (i < 0 || i >= 32 * N) return false;
  return ((a[i / 32] >> (i % 32)) & 1u) != 0;
}

/// true if any bit with index < i is set.
template <int N>
[[nodiscard]] constexpr bool any_below(const fix<N>& a, int i) {
  if (i <= 0) return false;
  const int full = i / 32;
  for (int j = 0; j < full && j < N; ++j)
    if (a[j] != 0) return true;
  if (full < N && i % 32 != 0) {
    const std::uint32_t mask = (std::uint32_t(1) << (i % 32)) - 1;
    if ((a[full] & mask) != 0) return true;
  }
  return false;
}

/// The 64 most significant bits of a as a double (value in units scaled by 2^-P): an estimate,
/// relative error < 2^-52, used only to choose reduction parameters (never in an error bound).
template <int N>
[[nodiscard]] constexpr double to_double_estimate(const fix<N>& a) {
  double r = 0.0;
  double weight = 1.0; // limb N-1 has weight 1, limb N-2 weight 2^-32, ...
  for (int i = N - 1; i >= 0 && i >= N - 4; --i) {
    r += static_cast<double>(a[i]) * weight;
    weight *= 0x1p-32;
  }
  return r;
}

/// A signed fixed-point number: sign and magnitude (zero is non-negative).
template <int N>
struct sfix {
  bool neg = false;
  fix<N> mag{};
};

template <int N>
[[nodiscard]] constexpr sfix<N> negate(sfix<N> a) {
  if (!is_zero(a.mag)) a.neg = !a.neg;
  return a;
}

/// a + b, exact.
template <int N>
[[nodiscard]] constexpr sfix<N> add(const sfix<N>& a, const sfix<N>& b) {
  if (a.neg == b.neg) return {a.neg, add(a.mag, b.mag)};
  const int c = cmp(a.mag, b.mag);
  if (c == 0) return {};
  if (c > 0) return {a.neg, sub(a.mag, b.mag)};
  return {b.neg, sub(b.mag, a.mag)};
}

template <int N>
[[nodiscard]] constexpr sfix<N> sub(const sfix<N>& a, const sfix<N>& b) {
  return add(a, negate(b));
}

/// a * b truncated toward zero: error < 1 unit.
template <int N>
[[nodiscard]] constexpr sfix<N> mul(const sfix<N>& a, const sfix<N>& b) {
  sfix<N> r{a.neg != b.neg, mul(a.mag, b.mag)};
  if (is_zero(r.mag)) r.neg = false;
  return r;
}

} // namespace gibbs::detail

#endif // GIBBS_NUMBER_DETAIL_FIXED_HPP
