// gibbs/oracle/detail/rational_factor.hpp: prime factorisation of 64-bit integers (the odd
// significands of doubles, at most 53 bits) and owned GMP integers and rationals, for the
// rational-value decision procedure (rational.hpp).
//
// factor_u64(n): trial division by the primes below 2048 (one product each), then recursively: a
// deterministic Miller-Rabin test (the seven bases 2, 325, 9375, 28178, 450775, 9780504, 1795265022
// of Jim Sinclair decide primality for every n < 2^64; tests/oracle/rational.cpp checks the test
// against a sieve and against sympy), and for a composite Pollard's rho with Brent's cycle
// detection and batched gcds (expected O(n^(1/4)) steps). The arithmetic is Montgomery
// multiplication modulo n < 2^63 with 128-bit products, so no division occurs in the loops.
#ifndef GIBBS_ORACLE_DETAIL_RATIONAL_FACTOR_HPP
#define GIBBS_ORACLE_DETAIL_RATIONAL_FACTOR_HPP

#include <gmp.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <numeric>
#include <stdexcept>
#include <utility>
#include <vector>

namespace gibbs::oracle::detail::rational {

__extension__ using u128 = unsigned __int128; // GCC and Clang

/// An owned mpz_t (movable).
class integer {
public:
  integer() { mpz_init(v_); }
  explicit integer(unsigned long x) { mpz_init_set_ui(v_, x); }
  integer(const integer& o) { mpz_init_set(v_, o.v_); }
  integer(integer&& o) noexcept {
    mpz_init(v_);
    mpz_swap(v_, o.v_);
  }
  integer& operator=(const integer& o) {
    mpz_set(v_, o.v_);
    return *this;
  }
  integer& operator=(integer&& o) noexcept {
    mpz_swap(v_, o.v_);
    return *this;
  }
  ~integer() { mpz_clear(v_); }
  mpz_ptr get() { return v_; }
  mpz_srcptr get() const { return v_; }

private:
  mpz_t v_;
};

/// An owned mpq_t (movable), always canonical.
class fraction {
public:
  fraction() { mpq_init(v_); }
  fraction(const fraction& o) {
    mpq_init(v_);
    mpq_set(v_, o.v_);
  }
  fraction(fraction&& o) noexcept {
    mpq_init(v_);
    mpq_swap(v_, o.v_);
  }
  fraction& operator=(const fraction& o) {
    mpq_set(v_, o.v_);
    return *this;
  }
  fraction& operator=(fraction&& o) noexcept {
    mpq_swap(v_, o.v_);
    return *this;
  }
  ~fraction() { mpq_clear(v_); }
  mpq_ptr get() { return v_; }
  mpq_srcptr get() const { return v_; }
  [[nodiscard]] int sign() const { return mpq_sgn(v_); }

private:
  mpq_t v_;
};

/// Arithmetic modulo an odd n < 2^63 in Montgomery form (R = 2^64).
class montgomery {
public:
  explicit montgomery(std::uint64_t n) : n_(n) {
    std::uint64_t inv = n; // Newton: inv = n^-1 mod 2^64 (n odd: correct to 3 bits, doubling)
    for (int i = 0; i < 5; ++i)
      inv *= 2 - n * inv;
    ninv_ = ~inv + 1;                                         // -n^-1
    r2_ = static_cast<std::uint64_t>((~u128(0)) % n + 1) % n; // 2^128 mod n
  }
  [[nodiscard]] std::uint64_t reduce(u128 t) const {
    const std::uint64_t m = static_cast<std::uint64_t>(t) * ninv_;
    const std::uint64_t u = static_cast<std::uint64_t>((t + static_cast<u128>(m) * n_) >> 64);
    return u >= n_ ? u - n_ : u; // t + m n < n^2 + 2^64 n < 2^128 for n < 2^63
  }
  [[nodiscard]] std::uint64_t mul(std::uint64_t a, std::uint64_t b) const {
    return reduce(static_cast<u128>(a) * b);
  }
  [[nodiscard]] std::uint64_t to(std::uint64_t a) const { return mul(a % n_, r2_); }
  [[nodiscard]] std::uint64_t from(std::uint64_t a) const { return reduce(a); }
  [[nodiscard]] std::uint64_t add(std::uint64_t a, std::uint64_t b) const {
    const std::uint64_t s = a + b; // a, b < n < 2^63: no overflow
    return s >= n_ ? s - n_ : s;
  }
  [[nodiscard]] std::uint64_t pow(std::uint64_t a, std::uint64_t e) const {
    std::uint64_t r = to(1);
    for (; e > 0; e >>= 1) {
      if (e & 1) r = mul(r, a);
      a = mul(a, a);
    }
    return r;
  }

private:
  std::uint64_t n_, ninv_, r2_;
};

/// Deterministic primality test for odd n, 3 <= n < 2^63: Miller-Rabin with the smallest base
/// set known to be exact below n (the least strong pseudoprimes to the bases {2}, {2, 3},
/// {2, 3, 5}, {2, 3, 5, 7} are 2047, 1373653, 25326001, 3215031751: Pomerance, Selfridge and
/// Wagstaff 1980), else Sinclair's seven bases.
[[nodiscard]] inline bool is_prime_odd(std::uint64_t n) {
  if (n < 3 || (n & 1) == 0) return n == 2;
  const montgomery M(n);
  std::uint64_t d = n - 1;
  int s = 0;
  while ((d & 1) == 0) {
    d >>= 1;
    ++s;
  }
  const std::uint64_t one = M.to(1), minus_one = M.to(n - 1);
  static constexpr std::uint64_t small[] = {2, 3, 5, 7};
  static constexpr std::uint64_t sinclair[] = {2, 325, 9375, 28178, 450775, 9780504, 1795265022};
  const bool few = n < 3215031751ULL;
  const std::size_t count = n < 2047 ? 1 : n < 1373653 ? 2 : n < 25326001 ? 3 : few ? 4 : 7;
  for (std::size_t j = 0; j < count; ++j) {
    const std::uint64_t a = few ? small[j] : sinclair[j];
    if (a % n == 0) continue;
    std::uint64_t x = M.pow(M.to(a), d);
    if (x == one || x == minus_one) continue;
    bool composite = true;
    for (int r = 1; r < s && composite; ++r) {
      x = M.mul(x, x);
      if (x == minus_one) composite = false;
    }
    if (composite) return false;
  }
  return true;
}

/// The odd primes below 2048 with their inverses modulo 2^64 and (2^64 - 1) / p: x is divisible
/// by p iff x * inverse <= limit (Granlund and Montgomery's divisibility test), one product.
struct small_prime {
  std::uint64_t p, inverse, limit;
};
[[nodiscard]] consteval std::array<small_prime, 308> small_primes() {
  std::array<small_prime, 308> out{};
  std::size_t k = 0;
  for (std::uint64_t p = 3; p < 2048; p += 2) {
    bool prime = true;
    for (std::uint64_t d = 3; d * d <= p; d += 2)
      if (p % d == 0) prime = false;
    if (!prime) continue;
    std::uint64_t inv = p;
    for (int i = 0; i < 5; ++i)
      inv *= 2 - p * inv;
    out[k++] = {p, inv, ~std::uint64_t(0) / p};
  }
  return out;
}
inline constexpr std::array<small_prime, 308> odd_primes_below_2048 = small_primes();
static_assert(odd_primes_below_2048.back().p == 2039, "the table holds every odd prime below 2048");

/// A non-trivial factor of the odd composite n < 2^63 (Pollard-Brent, f(x) = x^2 + c).
[[nodiscard]] inline std::uint64_t rho_factor(std::uint64_t n) {
  const montgomery M(n);
  for (std::uint64_t c0 = 1;; ++c0) {
    const std::uint64_t c = M.to(c0);
    std::uint64_t y = M.to(2), x = y, ys = y, q = M.to(1), g = 1;
    const std::uint64_t batch = 128;
    for (std::uint64_t r = 1; g == 1; r <<= 1) {
      x = y;
      for (std::uint64_t i = 0; i < r; ++i)
        y = M.add(M.mul(y, y), c);
      for (std::uint64_t k = 0; k < r && g == 1; k += batch) {
        ys = y;
        for (std::uint64_t i = 0; i < std::min(batch, r - k); ++i) {
          y = M.add(M.mul(y, y), c);
          q = M.mul(q, x > y ? x - y : y - x);
        }
        g = std::gcd(M.from(q), n);
      }
    }
    if (g == n) { // the batch overshot: retrace it one step at a time
      do {
        ys = M.add(M.mul(ys, ys), c);
        g = std::gcd(M.from(x > ys ? x - ys : ys - x), n);
      } while (g == 1);
    }
    if (g != n) return g;
  }
}

/// Prime factors of n > 0 with their multiplicities, primes increasing (n < 2^63).
[[nodiscard]] inline std::vector<std::pair<std::uint64_t, int>> factor_u64(std::uint64_t n) {
  if (n == 0 || n >> 63) throw std::logic_error("gibbs::oracle: factor_u64 of 0 or of n >= 2^63");
  std::vector<std::uint64_t> primes;
  while ((n & 1) == 0) {
    primes.push_back(2);
    n >>= 1;
  }
  for (const small_prime& sp : odd_primes_below_2048) {
    if (n < sp.p * sp.p) break;
    while (n * sp.inverse <= sp.limit) {
      primes.push_back(sp.p);
      n *= sp.inverse; // exact division
    }
  }
  std::vector<std::uint64_t> stack;
  if (n > 1) stack.push_back(n);
  while (!stack.empty()) {
    const std::uint64_t m = stack.back();
    stack.pop_back();
    if (m < 2053 * 2053 || is_prime_odd(m)) { // no factor below 2048: m < 2053^2 is prime
      primes.push_back(m);
      continue;
    }
    const std::uint64_t d = rho_factor(m);
    stack.push_back(d);
    stack.push_back(m / d);
  }
  std::sort(primes.begin(), primes.end());
  std::vector<std::pair<std::uint64_t, int>> out;
  for (std::uint64_t p : primes) {
    if (!out.empty() && out.back().first == p)
      ++out.back().second;
    else
      out.emplace_back(p, 1);
  }
  return out;
}

} // namespace gibbs::oracle::detail::rational

#endif // GIBBS_ORACLE_DETAIL_RATIONAL_FACTOR_HPP
