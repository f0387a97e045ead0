// gibbs/number/detail/fallback.hpp: the path that cannot be wrong. Every function is evaluated in
// fixed point (detail/fixed.hpp) with a rigorous error bound, at 256, 512 and then 1024 fraction
// bits, until both ends of the enclosure round to the same number of the target type (Ziv).
//
// Error bookkeeping. A result is an `approx<N>` {v, K, err}: the exact value f satisfies
//     |f - v * 2^K| <= err * 2^(K - P),  P = 32 (N - 1),
// i.e. err counts units 2^-P of the fixed-point mantissa v. Each function below states, next to
// the code, where each unit comes from: truncations (< 1 unit each, see fixed.hpp), the error of
// the constant ln 2, series tails, and the propagation of input errors through a derivative bound.
//
// Termination (why the loop is not expected to reach its end). The inputs are binary numbers, so
// rational. For rational x != 0, e^x is transcendental (Lindemann, 1882), and so is log x for
// rational x > 0, x != 1 (if log x = a were algebraic, x = e^a would be transcendental); hence
// also log1p(x), expm1(x) = e^x - 1 and log1p(x) - x for rational x != 0. A transcendental number
// is never a rounding boundary (boundaries are dyadic rationals), so it has a positive distance to
// the nearest one, and the enclosure, whose width is O(P 2^-P), decides the rounding at a finite
// precision. The exact cases (log 1 = 0, exp 0 = 1, and the other functions at 0) are handled
// before the fallback. We stop at P = 1024 to bound the work: known worst cases for double need
// about 2^-120 relative accuracy (Lefevre, Muller), far below. If 1024 bits ever do not decide,
// constant evaluation fails with a diagnostic and run time returns the value nearest to the
// centre of the enclosure (faithful, as the enclosure is narrower than an ulp).
#ifndef GIBBS_NUMBER_DETAIL_FALLBACK_HPP
#define GIBBS_NUMBER_DETAIL_FALLBACK_HPP

#include "gibbs/number/detail/bits.hpp"
#include "gibbs/number/detail/fixed.hpp"

#include <array>
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <type_traits>

namespace gibbs::detail {

/// Reached only through a bug (a bound in this file is wrong): constant evaluation fails with this
/// message, run time throws std::logic_error.
inline void fallback_invariant_broken(const char* what) {
  throw std::logic_error(what);
}

/// An exact sum of up to three numbers of a binary type U (c[0] need not be the largest).
template <class U>
struct expansion {
  std::array<U, 3> c{};
  int n = 0;
};

/// Knuth's TwoSum in any binary type with round-to-nearest: s + e == a + b exactly.
template <class U>
[[nodiscard]] constexpr std::array<U, 2> two_sum_any(const U& a, const U& b) {
  const U s = a + b;
  const U bb = s - a;
  const U e = (a - (s - bb)) + (b - bb);
  return {s, e};
}

template <class U>
[[nodiscard]] constexpr U abs_any(const U& a) {
  return a < U(0) ? -a : a;
}

/// Index of the component of largest magnitude (-1 if all are zero).
template <class U>
[[nodiscard]] constexpr int largest(const expansion<U>& x) {
  int best = -1;
  for (int i = 0; i < x.n; ++i) {
    if (x.c[static_cast<std::size_t>(i)] == U(0)) continue;
    if (best < 0
        || abs_any(x.c[static_cast<std::size_t>(i)]) > abs_any(x.c[static_cast<std::size_t>(best)]))
      best = i;
  }
  return best;
}

/// d * 2^-shift truncated toward zero into fixed point: error < 1 unit. The mantissa bits are
/// placed directly (no floating-point scaling, hence no underflow).
template <int N>
[[nodiscard]] constexpr sfix<N> load(const decomposed& d, int shift) {
  sfix<N> r;
  r.neg = d.neg;
  // value = mant * 2^(exp - 128 - shift); bit index of the mantissa's LSB in units:
  const int s = d.exp - 128 - shift + fix<N>::frac_bits;
  for (int j = 0; j < 4; ++j) {
    const std::uint32_t limb = d.limb[static_cast<std::size_t>(j)];
    if (limb == 0) continue;
    const int pos = s + 32 * j;
    if (pos + 32 <= 0) continue;
    if (pos < 0) {
      r.mag[0] |= limb >> (-pos);
      continue;
    }
    const int li = pos / 32;
    const int off = pos % 32;
    const std::uint64_t v = std::uint64_t(limb) << off;
    if (li >= N || (li + 1 >= N && (v >> 32) != 0))
      fallback_invariant_broken("gibbs: fixed-point load overflow");
    r.mag[li] |= static_cast<std::uint32_t>(v);
    if (li + 1 < N) r.mag[li + 1] |= static_cast<std::uint32_t>(v >> 32);
  }
  if (is_zero(r.mag)) r.neg = false;
  return r;
}

/// Sum of the components of x, each times 2^-shift, truncated: error < x.n units (added to err).
template <int N, class U>
[[nodiscard]] constexpr sfix<N> load(const expansion<U>& x, int shift, std::uint64_t& err) {
  sfix<N> r;
  for (int i = 0; i < x.n; ++i) {
    const U& c = x.c[static_cast<std::size_t>(i)];
    if (c == U(0)) continue;
    r = add(r, load<N>(decompose(c), shift));
    err += 1;
  }
  return r;
}

/// A constant and the bound of its error, in units.
template <int N>
struct constant {
  fix<N> v;
  std::uint64_t err;
};

/// ln 2 = 2 atanh(1/3) = sum_{j>=0} 2 / ((2j+1) 3^(2j+1)).
/// pw_j ~ 3^-(2j+1): pw_0 = floor(1/3), pw_j = floor(pw_{j-1}/9); error e_j <= e_{j-1}/9 + 1 <=
/// 9/8. term_j = floor(pw_j/(2j+1)): error <= 9/8 + 1 < 3. The loop stops when pw_J = 0, i.e. the
/// exact 3^-(2J+1) <= 9/8 units, so the neglected tail is <= (9/8)(9/8) < 2 units. Doubling: 2(3J +
/// 2).
template <int N>
[[nodiscard]] constexpr constant<N> compute_ln2() {
  fix<N> sum;
  fix<N> pw = div_small(fix<N>::one(), 3);
  std::uint64_t terms = 0;
  for (std::uint32_t j = 0; !is_zero(pw); ++j) {
    sum = add(sum, div_small(pw, 2 * j + 1));
    pw = div_small(pw, 9);
    ++terms;
  }
  return {add(sum, sum), 2 * (3 * terms + 2)};
}

template <int N>
inline constexpr constant<N> ln2_fixed = compute_ln2<N>();

/// The result of a fallback evaluation: |f - (+-)mag * 2^K| <= err * 2^(K-P).
template <int N>
struct approx {
  sfix<N> v;
  int K = 0;
  std::uint64_t err = 0;
};

/// exp(x) for a fixed-point x (|x| < 2^31) known to within err_x units, with the caller's k close
/// to x/ln2 so that |r| = |x - k ln2| <= 0.36.
///   range reduction: r = x - k L, L = ln2 to within e_L units: |r - (x_true - k ln2)| <= dr,
///                    dr = err_x + |k| e_L.
///   kernel:          S = sum_j t_j, t_0 = 1, t_j = floor(floor(t_{j-1} r) / j). With |r| <= 1/2
///   the
///                    error of t_j against r^j/j! obeys e_j <= e_{j-1}/2 + 2, so e_j <= 4. We stop
///                    at the first t_J = 0: the exact r^J/J! is <= 4 units and the tail beyond is
///                    <= 4 * 0.57. Total <= 4J + 8 units for exp(r) of the computed r.
///   propagation:     |exp(r) - exp(r')| <= e^0.37 |r - r'| < 2 dr.
/// Result: exp(x) in 2^k (S +- (4J + 8 + 2 dr)).
template <int N>
[[nodiscard]] constexpr approx<N> exp_core(const sfix<N>& x, std::uint64_t err_x, int k) {
  const constant<N>& L = ln2_fixed<N>;
  const std::uint32_t ak = static_cast<std::uint32_t>(k < 0 ? -k : k);
  const sfix<N> kl{k < 0, mul_small(L.v, ak)};
  const sfix<N> r = sub(x, kl);
  const std::uint64_t dr = err_x + ak * L.err;
  if (to_double_estimate(r.mag) > 0.37) fallback_invariant_broken("gibbs: exp reduction failed");
  sfix<N> s{false, fix<N>::one()};
  sfix<N> t = s;
  std::uint64_t terms = 0;
  for (std::uint32_t j = 1;; ++j) {
    t = mul(t, r);
    t.mag = div_small(t.mag, j);
    if (is_zero(t.mag)) break;
    s = add(s, t);
    terms = j;
  }
  return {s, k, 4 * terms + 8 + 2 * dr};
}

/// A double estimate of log(m) for m in [0.7, 1.42] (used only as a reduction parameter):
/// 2 atanh(s), s = (m-1)/(m+1), |s| <= 0.18, 11 terms of the series, error ~ 1e-15.
[[nodiscard]] constexpr double log_estimate(double m) {
  const double s = (m - 1.0) / (m + 1.0);
  const double s2 = s * s;
  double p = 1.0 / 23;
  for (int j = 21; j >= 1; j -= 2)
    p = 1.0 / j + s2 * p;
  return 2.0 * s * p;
}

/// log(w * 2^E) for w in [1/4, 1.6] known to within err_w units.
///   normalise: w in [0.707, 1.415] by doubling (error doubles) or halving (error halves, +1).
///   reduction: y0 = a double estimate of log w, loaded exactly-or-truncated as y (any y works:
///              log w = y + log(w e^-y) is an identity). u = w * exp(-y) by exp_core (error e_S),
///              u's error <= 1.42 e_S + 1.42 err_w + 1 (w, exp(-y) <= 1.42; truncation).
///              t = u - 1, |t| <= 2^-20 (checked; the estimate is good to ~2^-45).
///   kernel:    log1p(t) = sum (-1)^(j+1) t^j / j; p_j = floor(p_{j-1} t): error <= 2, term error
///              <= 3; stop at p_J = 0, tail <= 4 units: <= 3J + 4. Input error: |log1p'| <= 2.
///   assembly:  E L + y + log1p(t), |E| e_L from ln 2.
template <int N>
[[nodiscard]] constexpr approx<N> log_fixed(fix<N> w, std::uint64_t err_w, int E) {
  while (to_double_estimate(w) < 0.70710678) {
    w = shl(w, 1);
    err_w *= 2;
    --E;
  }
  while (to_double_estimate(w) > 1.41421357) {
    w = shr(w, 1);
    err_w = err_w / 2 + 2;
    ++E;
  }
  const double y0 = log_estimate(to_double_estimate(w));
  const sfix<N> y = y0 == 0.0 ? sfix<N>{} : load<N>(decompose(y0), 0);
  const approx<N> ex = exp_core(negate(y), 0, 0);
  const sfix<N> u{false, mul(w, ex.v.mag)};
  const std::uint64_t err_u = 2 * ex.err + 2 * err_w + 1;
  const sfix<N> t = sub(u, sfix<N>{false, fix<N>::one()});
  if (to_double_estimate(t.mag) > 0x1p-20) fallback_invariant_broken("gibbs: log reduction failed");
  sfix<N> sum = t;
  sfix<N> p = t;
  std::uint64_t terms = 1;
  for (std::uint32_t j = 2;; ++j) {
    p = mul(p, t);
    if (is_zero(p.mag)) break;
    sfix<N> term{p.neg != (j % 2 == 0), div_small(p.mag, j)};
    if (is_zero(term.mag)) term.neg = false;
    sum = add(sum, term);
    terms = j;
  }
  const constant<N>& L = ln2_fixed<N>;
  const std::uint32_t ae = static_cast<std::uint32_t>(E < 0 ? -E : E);
  sfix<N> el{E < 0, mul_small(L.v, ae)};
  if (is_zero(el.mag)) el.neg = false;
  const sfix<N> v = add(add(el, y), sum);
  return {v, 0, 3 * terms + 4 + 2 * err_u + ae * L.err};
}

/// log(x), x > 0 (an expansion): x = 2^E w with w in [1/2, 1] up to the small components.
template <int N, class U>
[[nodiscard]] constexpr approx<N> log_full(const expansion<U>& x) {
  const int b = largest(x);
  const int E = decompose(x.c[static_cast<std::size_t>(b)]).exp;
  std::uint64_t err = 0;
  const sfix<N> w = load<N>(x, E, err);
  if (w.neg) fallback_invariant_broken("gibbs: log of a negative expansion");
  return log_fixed(w.mag, err, E);
}

/// Series for |x| < 1/4 in relative form: x = +-m 2^E, m in [1/2, 1], f(x) = x^pow * S(x) with
///   S(x) = sum_{j>=0} c_j(x) where c_j = (-x)^j/(j+1) (log1p), (-x)^j/(j+2) (log1pmx, sign -),
///   x^j/(j+1)! (expm1). Powers p_j = floor(p_{j-1} x): error <= e/4 + 1 <= 4/3; each coefficient
///   division adds < 1: every term is within 3 units; stop at p_J = 0, tail <= 2 units. The input
///   x is known to within dx units (truncation), and |S'| <= 1 on |x| <= 1/4, so the series is
///   within 3J + 2 + dx units. The product with m (m^2) adds err_m (2 err_m + 1) + 1 units.
enum class series_kind { log1p, log1pmx, expm1 };

template <int N, class U>
[[nodiscard]] constexpr approx<N> small_series(const expansion<U>& x, series_kind kind) {
  const int b = largest(x);
  const int E = decompose(x.c[static_cast<std::size_t>(b)]).exp; // E <= -2
  std::uint64_t err_m = 0;
  const sfix<N> m = load<N>(x, E, err_m);
  const sfix<N> xf{m.neg, shr(m.mag, -E)};
  const std::uint64_t dx = err_m + 1;
  sfix<N> s{false, fix<N>::one()};
  if (kind == series_kind::log1pmx) s.mag = div_small(s.mag, 2);
  sfix<N> p{false, fix<N>::one()};
  std::uint64_t terms = 0;
  for (std::uint32_t j = 1;; ++j) {
    if (kind == series_kind::expm1) {
      p = mul(p, xf);
      p.mag = div_small(p.mag, j + 1); // p_j = x^j/(j+1)!
      if (is_zero(p.mag)) break;
      s = add(s, p);
    } else {
      p = mul(p, negate(xf)); // (-x)^j
      if (is_zero(p.mag)) break;
      sfix<N> term{p.neg, div_small(p.mag, kind == series_kind::log1p ? j + 1 : j + 2)};
      if (is_zero(term.mag)) term.neg = false;
      s = add(s, term);
    }
    terms = j;
  }
  const std::uint64_t err_s = 3 * terms + 2 + dx;
  if (kind == series_kind::log1pmx) { // -(x^2) G(x), G in [0.41, 0.6]
    const fix<N> m2 = mul(m.mag, m.mag);
    return {sfix<N>{true, mul(m2, s.mag)}, 2 * E, err_s + 2 * err_m + 2};
  }
  return {sfix<N>{m.neg, mul(m.mag, s.mag)}, E, err_s + 2 * err_m + 1};
}

/// log1p(x) for x > -1, |x| >= 1/4 or any x (the small case goes to small_series).
///   x >= 1:       1 + x = 2^E (m + 2^-E), the added bit exact when E <= P, else 1 unit.
///   1/4 <= x < 1: 1 + x loaded at scale 1 (exact up to truncation).
///   x <= -1/4:    1 + x = c + e + (rest) exactly, (c, e) = TwoSum(1, x_hi): no cancellation
///                 beyond a factor 2 (the rest is below half an ulp of x_hi), so loading at the
///                 exponent of the largest part keeps w in [1/4, 1.5].
template <int N, class U>
[[nodiscard]] constexpr approx<N> log1p_full(const expansion<U>& x) {
  const int b = largest(x);
  const U& xb = x.c[static_cast<std::size_t>(b)];
  const int E = decompose(xb).exp;
  if (E <= -2) return small_series<N>(x, series_kind::log1p);
  std::uint64_t err = 0;
  if (xb > U(0)) {
    if (E >= 1) {
      sfix<N> m = load<N>(x, E, err);
      if (E <= fix<N>::frac_bits)
        m.mag = add(m.mag, fix<N>::bit_at(fix<N>::frac_bits - E));
      else
        err += 1;
      return log_fixed(m.mag, err, E);
    }
    const sfix<N> w = add(sfix<N>{false, fix<N>::one()}, load<N>(x, 0, err));
    return log_fixed(w.mag, err, 0);
  }
  expansion<U> y;
  const std::array<U, 2> ce = two_sum_any(U(1), xb);
  y.c[0] = ce[0];
  y.c[1] = ce[1];
  y.n = 2;
  for (int i = 0; i < x.n; ++i)
    if (i != b) y.c[static_cast<std::size_t>(y.n++)] = x.c[static_cast<std::size_t>(i)];
  const int by = largest(y);
  const int Ey = decompose(y.c[static_cast<std::size_t>(by)]).exp;
  const sfix<N> w = load<N>(y, Ey, err);
  if (w.neg || is_zero(w.mag)) fallback_invariant_broken("gibbs: log1p of x <= -1");
  return log_fixed(w.mag, err, Ey);
}

/// log1p(x) - x.
///   |x| < 1/4: -(x^2) G(x), relative form (small_series).
///   otherwise with x < 2^30: log1p(x) (K = 0) minus x loaded at scale 1.
///   x >= 2^30: -2^E (m - log1p(x) 2^-E), the shifted logarithm truncated (+1 unit).
template <int N, class U>
[[nodiscard]] constexpr approx<N> log1pmx_full(const expansion<U>& x) {
  const int b = largest(x);
  const int E = decompose(x.c[static_cast<std::size_t>(b)]).exp;
  if (E <= -2) return small_series<N>(x, series_kind::log1pmx);
  const approx<N> l = log1p_full<N>(x);
  std::uint64_t err = l.err;
  if (E <= 30) {
    const sfix<N> xf = load<N>(x, 0, err);
    return {sub(l.v, xf), 0, err};
  }
  const sfix<N> m = load<N>(x, E, err);
  const sfix<N> ls{l.v.neg, shr(l.v.mag, E)};
  return {sub(ls, m), E, err + 1};
}

/// Estimate of the value of an expansion as a double.
template <class U>
[[nodiscard]] constexpr double estimate(const expansion<U>& x) {
  double r = 0.0;
  for (int i = 0; i < x.n; ++i)
    r += static_cast<double>(x.c[static_cast<std::size_t>(i)]);
  return r;
}

/// Nearest integer to x/ln2 from a double estimate (only a reduction parameter).
[[nodiscard]] constexpr int reduction_k(double xd) {
  const double q = xd * 1.4426950408889634;
  return static_cast<int>(q < 0 ? q - 0.5 : q + 0.5);
}

/// exp(x) for |x| < 12000: 2^k exp(r) (exp_core), x loaded at scale 1 (n units).
template <int N, class U>
[[nodiscard]] constexpr approx<N> exp_full(const expansion<U>& x) {
  std::uint64_t err = 0;
  const sfix<N> xf = load<N>(x, 0, err);
  return exp_core(xf, err, reduction_k(estimate(x)));
}

/// expm1(x) for |x| < 12000.
///   |x| < 1/4: x S(x), relative form (small_series).
///   k >= 1:    2^k (S - 2^-k), the bit exact when k <= P (else +1 unit); S - 2^-k >= 0.19.
///   k <= 0:    S 2^k - 1 at scale 1 (shift truncation +1 unit); |result| >= 0.22.
template <int N, class U>
[[nodiscard]] constexpr approx<N> expm1_full(const expansion<U>& x) {
  const int b = largest(x);
  const int E = decompose(x.c[static_cast<std::size_t>(b)]).exp;
  if (E <= -2) return small_series<N>(x, series_kind::expm1);
  approx<N> a = exp_full<N>(x);
  if (a.K >= 1) {
    if (a.K <= fix<N>::frac_bits)
      a.v = sub(a.v, sfix<N>{false, fix<N>::bit_at(fix<N>::frac_bits - a.K)});
    else
      a.err += 1;
    return a;
  }
  const int s = -a.K;
  const sfix<N> scaled{false, s >= 32 * N ? fix<N>{} : shr(a.v.mag, s)};
  return {sub(scaled, sfix<N>{false, fix<N>::one()}), 0, a.err + 1};
}

// ---------------------------------------------------------------------------------------------
// Rounding an enclosure.

/// A number of type T rounded from a fixed-point magnitude, and that rounded value in units (for
/// the double-double remainder).
template <class T, int N>
struct rounded {
  T value{};
  fix<N> units{};
  bool units_valid = false;
};

/// RN_T(mag * 2^(K-P)), round to nearest even, with T's subnormals, overflow to infinity.
/// Bit i of mag weighs 2^(i-P+K). With b the most significant set bit, the kept LSB has exponent
/// max(b-P+K - p + 1, min_exp - p) (subnormal grid), i.e. index q in mag.
template <class T, int N>
[[nodiscard]] constexpr rounded<T, N> round_mag(const fix<N>& mag, int K) {
  using lim = std::numeric_limits<T>;
  constexpr int p = lim::digits;
  constexpr int P = fix<N>::frac_bits;
  rounded<T, N> out;
  const int b = msb(mag);
  if (b < 0) {
    out.units_valid = true;
    return out;
  }
  const int e_top = b - P + K;
  int lsb_e = e_top - p + 1 > lim::min_exponent - p ? e_top - p + 1 : lim::min_exponent - p;
  int q = lsb_e + P - K;
  if (q > b + 1) { // below half the least subnormal
    out.units_valid = true;
    return out;
  }
  if (q < 0) { // fewer than p significant bits in mag: exact, nothing to round
    q = 0;
    lsb_e = K - P;
  }
  fix<N> m = shr(mag, q);
  const bool round_bit = bit(mag, q - 1);
  const bool sticky = any_below(mag, q - 1);
  if (round_bit && (sticky || (m[0] & 1u) != 0)) m = add(m, fix<N>::bit_at(0));
  // m < 2^(p+1) <= 2^114: at most four limbs.
  const int mb = msb(m);
  if (mb + lsb_e >= lim::max_exponent) {
    out.value = lim::infinity();
    return out;
  }
  T acc = T(0);
  for (int i = 3; i >= 0; --i)
    acc = acc * pow2<T>(32) + T(m[i]);
  out.value = scale2(acc, lsb_e);
  if (mb + q < 32 * N) {
    out.units = shl(m, q);
    out.units_valid = true;
  }
  return out;
}

/// Decides RN_T(f) from an enclosure; false if the enclosure straddles a rounding boundary.
/// T = double_double is handled by the caller through round_dd.
template <class T, int N>
[[nodiscard]] constexpr bool decide(const approx<N>& a, T& out) {
  const sfix<N> e{false, [&] {
                    fix<N> r;
                    r[0] = static_cast<std::uint32_t>(a.err);
                    r[1] = static_cast<std::uint32_t>(a.err >> 32);
                    return r;
                  }()};
  const sfix<N> lo = sub(a.v, e);
  const sfix<N> hi = add(a.v, e);
  if (is_zero(lo.mag) || is_zero(hi.mag) || lo.neg != hi.neg) return false;
  const rounded<T, N> rl = round_mag<T>(lo.mag, a.K);
  const rounded<T, N> rh = round_mag<T>(hi.mag, a.K);
  if (!(rl.value == rh.value)) return false;
  out = lo.neg ? T(-rl.value) : rl.value;
  return true;
}

/// Correct rounding to a double-double as (H, L) = (RN(f), RN(f - H)).
template <int N>
[[nodiscard]] constexpr bool decide_dd(const approx<N>& a, double& H, double& L) {
  if (!decide<double>(a, H)) return false;
  if (H == 0.0 || !is_finite(H)) {
    L = 0.0;
    return true;
  }
  const rounded<double, N> rh = round_mag<double>(a.v.mag, a.K);
  if (!rh.units_valid || !(rh.value == (H < 0 ? -H : H)))
    fallback_invariant_broken("gibbs: double-double remainder");
  const approx<N> rem{sub(a.v, sfix<N>{a.v.neg, rh.units}), a.K, a.err};
  const sfix<N> e{false, [&] {
                    fix<N> r;
                    r[0] = static_cast<std::uint32_t>(a.err);
                    r[1] = static_cast<std::uint32_t>(a.err >> 32);
                    return r;
                  }()};
  const sfix<N> lo = sub(rem.v, e);
  const sfix<N> hi = add(rem.v, e);
  const double l1 =
      lo.neg ? -round_mag<double>(lo.mag, a.K).value : round_mag<double>(lo.mag, a.K).value;
  const double l2 =
      hi.neg ? -round_mag<double>(hi.mag, a.K).value : round_mag<double>(hi.mag, a.K).value;
  if (!(l1 == l2)) return false;
  L = l1;
  return true;
}

template <int N>
struct prec {};

/// Ziv's loop over 256, 512, 1024 fraction bits. `fn(prec<N>{})` returns approx<N>.
template <class T, class Fn>
[[nodiscard]] constexpr T ziv(Fn fn) {
  T out{};
  if (decide(fn(prec<9>{}), out)) return out;
  if (decide(fn(prec<17>{}), out)) return out;
  const approx<33> last = fn(prec<33>{});
  if (decide(last, out)) return out;
  if (std::is_constant_evaluated())
    fallback_invariant_broken("gibbs: 1024 bits did not decide the rounding");
  return last.v.neg ? T(-round_mag<T>(last.v.mag, last.K).value)
                    : round_mag<T>(last.v.mag, last.K).value;
}

template <class Fn>
[[nodiscard]] constexpr std::array<double, 2> ziv_dd(Fn fn) {
  double h = 0.0;
  double l = 0.0;
  if (decide_dd(fn(prec<9>{}), h, l)) return {h, l};
  if (decide_dd(fn(prec<17>{}), h, l)) return {h, l};
  const approx<33> last = fn(prec<33>{});
  if (decide_dd(last, h, l)) return {h, l};
  if (std::is_constant_evaluated())
    fallback_invariant_broken("gibbs: 1024 bits did not decide the rounding");
  h = round_mag<double>(last.v.mag, last.K).value;
  return {last.v.neg ? -h : h, 0.0};
}

} // namespace gibbs::detail

#endif // GIBBS_NUMBER_DETAIL_FALLBACK_HPP
