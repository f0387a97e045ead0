// gibbs/verify/inputs.hpp: the cases a check runs on — built-in grids of distributions, pairs
// near equality, zero, tiny and subnormal masses, logits with huge spreads, arguments of log and
// exp — or the user's own constexpr array of cases.
//
// An input set is a type with `using case_type`, `static constexpr std::size_t size` and
// `static constexpr case_type at(std::size_t i)`; every case is built in the constant evaluation
// that checks it, so no set is ever stored whole.
#ifndef GIBBS_VERIFY_INPUTS_HPP
#define GIBBS_VERIFY_INPUTS_HPP

#include <array>
#include <cstddef>
#include <limits>
#include <type_traits>

namespace gibbs::verify {

/// A pair of distributions (p, q) on N points: the input of KL, cross-entropy, JS, TV.
template <class T, std::size_t N>
struct pair_case {
  std::array<T, N> p;
  std::array<T, N> q;
};
/// One distribution p on N points: the input of entropy.
template <class T, std::size_t N>
struct distribution_case {
  std::array<T, N> p;
};
/// One argument x: the input of log, log1p, exp, expm1.
template <class T>
struct scalar_case {
  T x;
};
/// Logits z on N points and a class index: the input of the cross-entropy from logits.
template <class T, std::size_t N>
struct logits_case {
  std::array<T, N> z;
  std::size_t target;
};

/// A pair case from two arrays (class template argument deduction for aggregates is missing
/// from clang++ 14). Example: pair_of(std::array{0.5, 0.5}, std::array{0.7, 0.3}).
template <class T, std::size_t N>
[[nodiscard]] constexpr pair_case<T, N> pair_of(const std::array<T, N>& p,
                                                const std::array<T, N>& q) {
  return {p, q};
}
/// A distribution case from an array.
template <class T, std::size_t N>
[[nodiscard]] constexpr distribution_case<T, N> distribution_of(const std::array<T, N>& p) {
  return {p};
}

/// A set of cases.
template <class I>
concept input_set = requires(std::size_t i) {
  typename I::case_type;
  { I::size } -> std::convertible_to<std::size_t>;
  { I::at(i) } -> std::same_as<typename I::case_type>;
};

/// The user's own cases: a constexpr std::array (or C array) of pair_case, distribution_case,
/// scalar_case or logits_case with static storage. Example:
///   constexpr std::array mine{gibbs::verify::pair_of(std::array{0.5, 0.5}, std::array{0.7, 0.3})};
///   static_assert(gibbs::verify::laws<gibbs::verify::kl<my_kl>, gibbs::verify::cases<mine>>);
template <const auto& A>
struct cases {
  using case_type = std::remove_cvref_t<decltype(A[0])>;
  static constexpr std::size_t size = std::size(A);
  [[nodiscard]] static constexpr case_type at(std::size_t i) { return A[i]; }
};

/// The cases of A followed by those of B (the same case type).
template <input_set A, input_set B>
requires std::is_same_v<typename A::case_type, typename B::case_type>
struct join {
  using case_type = typename A::case_type;
  static constexpr std::size_t size = A::size + B::size;
  [[nodiscard]] static constexpr case_type at(std::size_t i) {
    return i < A::size ? A::at(i) : B::at(i - A::size);
  }
};

namespace detail {

/// Number of distributions on N points with masses k/D: C(D + N − 1, N − 1).
template <std::size_t N, std::size_t D>
inline constexpr std::size_t grid_count = [] {
  std::size_t c = 1;
  for (std::size_t i = 1; i < N; ++i)
    c = c * (D + i) / i;
  return c;
}();

/// The i-th distribution on N points with masses k/D in lexicographic order of the numerators
/// (k_0, …, k_(N−2)), k_(N−1) making the total D. Built by counting, O(N·D) steps.
template <class T, std::size_t N, std::size_t D>
[[nodiscard]] constexpr std::array<T, N> grid_point(std::size_t i) {
  std::array<T, N> p{};
  std::size_t left = D; // mass still to place, in units of 1/D
  for (std::size_t j = 0; j + 1 < N; ++j) {
    // the number of completions of the remaining N − 1 − j coordinates with total <= left − k
    // is C(left − k + N − 1 − j, N − 1 − j) … counted directly
    std::size_t k = 0;
    while (true) {
      // completions with coordinate j equal to k: distributions of (left − k) over N − 1 − j
      // points with the last absorbing the rest: C(left − k + N − 2 − j, N − 2 − j)
      std::size_t c = 1;
      const std::size_t m = N - 2 - j, r = left - k;
      for (std::size_t t = 1; t <= m; ++t)
        c = c * (r + t) / t;
      if (i < c) break;
      i -= c;
      ++k;
    }
    p[j] = T(static_cast<double>(k)) / T(static_cast<double>(D));
    left -= k;
  }
  p[N - 1] = T(static_cast<double>(left)) / T(static_cast<double>(D));
  return p;
}

} // namespace detail

/// Every distribution on N points with masses k/D (D a power of two, so the masses are exact and
/// sum to 1 exactly): C(D + N − 1, N − 1) cases. Example: grid<3, 8> has 45 cases.
template <std::size_t N, std::size_t D, class T = double>
struct grid {
  static_assert(N >= 1 && D >= 1 && (D & (D - 1)) == 0,
                "gibbs::verify::grid<N, D>: D must be a power of two (exact masses k/D)");
  using case_type = distribution_case<T, N>;
  static constexpr std::size_t size = detail::grid_count<N, D>;
  [[nodiscard]] static constexpr case_type at(std::size_t i) {
    return {detail::grid_point<T, N, D>(i)};
  }
};

/// Every pair (p, q) of distributions on N points with masses k/D: size² cases, among them
/// p = q, disjoint supports and zeros on either side. Example: grid_pairs<3, 8> has 2025 cases,
/// among them p = (0, 1/8, 7/8), q = (0, 1/4, 3/4).
template <std::size_t N, std::size_t D, class T = double>
struct grid_pairs {
  static_assert(N >= 1 && D >= 1 && (D & (D - 1)) == 0,
                "gibbs::verify::grid_pairs<N, D>: D must be a power of two (exact masses k/D)");
  using case_type = pair_case<T, N>;
  static constexpr std::size_t points = detail::grid_count<N, D>;
  static constexpr std::size_t size = points * points;
  [[nodiscard]] static constexpr case_type at(std::size_t i) {
    return {detail::grid_point<T, N, D>(i / points), detail::grid_point<T, N, D>(i % points)};
  }
};

namespace detail {

/// The bases of near_equal_pairs: (k0, k1, k2) with every k >= 1 and k0 + k1 + k2 = 8, and the
/// two coordinates (a, b) that are moved.
struct near_base {
  int k[3];
  int a, b;
};

/// Whether (k_a + k_b)/(k_a k_b) is a dyadic rational (its reduced denominator a power of two).
[[nodiscard]] constexpr bool dyadic_sum_of_inverses(int ka, int kb) {
  int num = ka + kb, den = ka * kb;
  for (int g = 2; g <= den; ++g)
    while (num % g == 0 && den % g == 0) {
      num /= g;
      den /= g;
    }
  while (den % 2 == 0)
    den /= 2;
  return den == 1;
}

/// The bases kept: those whose KL, about δ²·8·(k_a + k_b)/(k_a k_b), is not a dyadic number times
/// δ², i.e. does not lie within a relative O(u²) of a representable number (see near_equal_pairs).
inline constexpr auto near_bases = [] {
  std::array<near_base, 42> out{};
  std::size_t n = 0;
  for (int k0 = 1; k0 <= 6; ++k0)
    for (int k1 = 1; k0 + k1 <= 7; ++k1) {
      const int k[3] = {k0, k1, 8 - k0 - k1};
      for (int dir = 0; dir < 2; ++dir) {
        const int a = dir, b = dir + 1;
        if (!dyadic_sum_of_inverses(k[a], k[b])) out[n++] = {{k[0], k[1], k[2]}, a, b};
      }
    }
  struct result {
    std::array<near_base, 42> bases;
    std::size_t count;
  };
  return result{out, n};
}();

} // namespace detail

/// Pairs near equality, where a textbook Σ p log(p/q) cancels: q = (k0, k1, k2)/8 with every
/// k_i >= 1, p = q + δ·e_a − δ·e_b for two neighbouring coordinates a, b, δ = 2^-j·min(q) for
/// j = 2, 4, …, 50 (float: down to 2^-(digits − 5)), so that p is exact and Σp = Σq = 1 exactly:
/// the exact KL is about δ²·(1/q_a + 1/q_b), down to 2^-100. The bases whose 1/q_a + 1/q_b is a
/// dyadic rational are left out: their KL lies within a relative 2^-100 of a representable number,
/// which the compile-time reference (gibbs::exact) cannot yet decide the rounding of.
template <class T = double>
struct near_equal_pairs {
  using case_type = pair_case<T, 3>;
  static constexpr std::size_t steps = 25;
  static constexpr std::size_t size = detail::near_bases.count * steps;
  [[nodiscard]] static constexpr case_type at(std::size_t i) {
    const detail::near_base& base = detail::near_bases.bases[i / steps];
    const std::size_t step = i % steps;
    const std::array<T, 3> q{T(static_cast<double>(base.k[0])) / T(8),
                             T(static_cast<double>(base.k[1])) / T(8),
                             T(static_cast<double>(base.k[2])) / T(8)};
    T qmin = q[0] < q[1] ? q[0] : q[1];
    qmin = qmin < q[2] ? qmin : q[2];
    T delta = qmin;
    const int j = 2 + 2 * static_cast<int>(step);
    const int jmax = std::numeric_limits<T>::digits - 5;
    for (int t = 0; t < (j < jmax ? j : jmax); ++t)
      delta = delta / T(2);
    std::array<T, 3> p = q;
    p[static_cast<std::size_t>(base.a)] = p[static_cast<std::size_t>(base.a)] + delta;
    p[static_cast<std::size_t>(base.b)] = p[static_cast<std::size_t>(base.b)] - delta;
    return {p, q};
  }
};

/// Pairs with tiny and subnormal masses against masses of order 1, and both tiny: for
/// t = 2^-30, 2^-200, 2^-600, 2^-1000, the smallest normal and 2^-1060, 2^-1074 (double; the
/// float set stops at its own subnormals 2^-130, 2^-149): p and q each one of (t, ½ − t, ½ + 0),
/// (0, ½, ½), (t, t, 1 − 2t) rounded to keep the sum exact… as listed in `masses`.
template <class T = double>
struct tiny_mass_pairs {
  using case_type = pair_case<T, 3>;
  static constexpr bool is_float = std::is_same_v<T, float>;
  static constexpr std::size_t tinies = 7;
  [[nodiscard]] static constexpr T tiny(std::size_t k) {
    constexpr int dbl[tinies] = {-30, -200, -600, -1000, -1022, -1060, -1074};
    constexpr int flt[tinies] = {-20, -40, -80, -100, -126, -130, -149};
    const int e = is_float ? flt[k] : dbl[k];
    T t(1);
    for (int i = 0; i < -e; ++i)
      t = t / T(2);
    return t;
  }
  /// Distribution shapes with t: t moved from the ½ (exact: ½ − t is exact for t >= 2^-(digits+…)
  /// only when representable; we use masses whose sum is exactly 1: (t, ½ − t, ½) when ½ − t is
  /// exact, i.e. t >= 2^-digits·½, else (t, ½, ½) with Σ = 1 + t within the tolerance).
  [[nodiscard]] static constexpr std::array<T, 3> shape(std::size_t s, T t) {
    const T half = T(0.5);
    switch (s) {
    case 0:
      return {t, half - t, half};
    case 1:
      return {half - t, t, half};
    case 2:
      return {T(0), half, half};
    default:
      return {t, half, half - t};
    }
  }
  static constexpr std::size_t shapes = 4;
  static constexpr std::size_t size = tinies * shapes * shapes;
  [[nodiscard]] static constexpr case_type at(std::size_t i) {
    const std::size_t k = i / (shapes * shapes), a = (i / shapes) % shapes, b = i % shapes;
    const T t = tiny(k);
    return {shape(a, t), shape(b, t)};
  }
};

/// Pairs with zero masses in p, in q or both (including p_i > 0 = q_i, where KL is +∞): every
/// pair of the 3-point distributions (1, 0, 0), (½, ½, 0), (0, ½, ½), (¼, 0, ¾), (½, ¼, ¼).
template <class T = double>
struct zero_mass_pairs {
  using case_type = pair_case<T, 3>;
  static constexpr std::size_t shapes = 5;
  static constexpr std::size_t size = shapes * shapes;
  [[nodiscard]] static constexpr std::array<T, 3> shape(std::size_t s) {
    constexpr double v[shapes][3] = {
        {1, 0, 0}, {0.5, 0.5, 0}, {0, 0.5, 0.5}, {0.25, 0, 0.75}, {0.5, 0.25, 0.25}};
    return {T(v[s][0]), T(v[s][1]), T(v[s][2])};
  }
  [[nodiscard]] static constexpr case_type at(std::size_t i) {
    return {shape(i / shapes), shape(i % shapes)};
  }
};

/// The hard pairs in one set: near equality, tiny and subnormal masses, zeros.
template <class T = double>
using edge_pairs = join<join<near_equal_pairs<T>, tiny_mass_pairs<T>>, zero_mass_pairs<T>>;

/// Logits with huge spreads (0 against ±1, ±30, ±700, ±10^4, ±10^300, and equal logits) on 3
/// classes, every target class: 3 · 11 cases.
template <class T = double>
struct huge_spread_logits {
  using case_type = logits_case<T, 3>;
  static constexpr std::size_t spreads = 11;
  static constexpr std::size_t size = spreads * 3;
  [[nodiscard]] static constexpr case_type at(std::size_t i) {
    constexpr double big = std::is_same_v<T, float> ? 1e30 : 1e300;
    constexpr double s[spreads] = {0, 1, -1, 30, -30, 700, -700, 1e4, -1e4, big, -big};
    const T v = T(s[i / 3]);
    return {{T(0), v, T(0) - v / T(2)}, i % 3};
  }
};

/// Arguments of log: powers of two from the smallest subnormal to the largest finite power,
/// neighbours of 1 (1 ± 2^-k), k/16, and classic hard cases. 2 · (number of exponents) + …
template <class T = double>
struct log_arguments {
  using case_type = scalar_case<T>;
  static constexpr int digits = std::numeric_limits<T>::digits;
  static constexpr int min_e = std::numeric_limits<T>::min_exponent - digits; // smallest subnormal
  static constexpr int max_e = std::numeric_limits<T>::max_exponent - 1;
  static constexpr std::size_t powers = static_cast<std::size_t>((max_e - min_e) / 7 + 1);
  static constexpr std::size_t near_one = static_cast<std::size_t>(2 * (digits - 1));
  static constexpr std::size_t size = powers * 3 + near_one + 31;
  [[nodiscard]] static constexpr T pow2(int e) {
    T r(1);
    for (; e > 0; --e)
      r = r * T(2);
    for (; e < 0; ++e)
      r = r / T(2);
    return r;
  }
  [[nodiscard]] static constexpr case_type at(std::size_t i) {
    if (i < powers * 3) { // 2^e, 1.25·2^e, 1.9375·2^e for e = min_e, min_e + 7, …
      const T x = pow2(min_e + 7 * static_cast<int>(i / 3));
      const T f[3] = {T(1), T(1.25), T(1.9375)};
      const T y = x * f[i % 3];
      return {y > T(0) ? y : x};
    }
    i -= powers * 3;
    if (i < near_one) { // 1 + 2^-k (k = 1 … digits − 1) and 1 − 2^-(k+1)
      const int k = 1 + static_cast<int>(i / 2);
      return {(i % 2) == 0 ? T(1) + pow2(-k) : T(1) - pow2(-k - 1)};
    }
    i -= near_one;
    if (i < 16) return {T(static_cast<double>(i + 1)) / T(16)}; // k/16
    i -= 16;
    constexpr double hard[15] = {0.1,  0.2,   0.3,  0.7,   0.9,
                                 1.1,  1.5,   2.5,  3.0,   10.0,
                                 1e10, 1e-10, 1e30, 1e-30, 2.718281828459045};
    return {T(hard[i])};
  }
};

} // namespace gibbs::verify

#endif // GIBBS_VERIFY_INPUTS_HPP
