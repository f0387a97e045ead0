// gibbs/oracle/detail/exact.hpp: what the exactness detectors of the logarithmic measures share
// (each descriptor's `exact` stage) — values that are rational, found and computed exactly before
// the Ziv loop (which could never decide a rational value sitting on a
// rounding midpoint, and cannot prove a representable value exact).
//
// Every measure here is, in nats, S ln 2 + R when each logarithm's argument is a power of two,
// 2^k_i: S = sum_i w_i k_i (w_i the weights: p_i, counts/N, ...) and R the rational part of
// generalized KL, sum (q_i - p_i) (0 otherwise). Since ln 2 is transcendental:
//   base e:   the value is rational iff S = 0; it is then R;
//   base 2^j: the value S/j + R/(j ln 2) is rational iff R = 0; it is then S/j;
//   perplexity: 2^(-S') with S' = sum c_i k_i / N, dyadic iff N divides sum c_i k_i.
// Other rational coincidences (e.g. KL in base 3 with ratios that are powers of 3) are not
// detected: a representable one is still returned correctly rounded but not flagged exact, and a
// midpoint one ends in gibbs::oracle::undecided at the precision cap.
#ifndef GIBBS_ORACLE_DETAIL_EXACT_HPP
#define GIBBS_ORACLE_DETAIL_EXACT_HPP

#include "gibbs/oracle/api.hpp"
#include "gibbs/oracle/descriptor.hpp"
#include "gibbs/oracle/detail/exact_sum.hpp"
#include "gibbs/oracle/detail/view.hpp"

#include <mpfr.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <span>
#include <stdexcept>
#include <vector>

namespace gibbs::oracle::detail {

__extension__ using int128 = __int128; // GCC and Clang

/// x = 2^k for some integer k.
inline bool power_of_two(double x, long& k) {
  int e = 0;
  if (!(x > 0) || std::frexp(x, &e) != 0.5) return false;
  k = e - 1;
  return true;
}

/// a / b = 2^k (a, b > 0): same significand.
inline bool power_of_two_ratio(double a, double b, long& k) {
  int ea = 0, eb = 0;
  if (std::frexp(a, &ea) != std::frexp(b, &eb)) return false;
  k = static_cast<long>(ea) - eb;
  return true;
}

/// Exact sum of w_i k_i for doubles w_i and integers |k_i| < 2^20.
class weighted_exponents {
public:
  explicit weighted_exponents(std::size_t n) : sum_(precision(n)), term_(53 + 64) {
    mpfr_set_zero(sum_.get(), 1);
  }
  void add(double w, long k) {
    mpfr_set_d(term_.get(), w, MPFR_RNDN);
    mpfr_mul_si(term_.get(), term_.get(), k, MPFR_RNDN); // exact: 53 + 21 bits
    if (mpfr_add(sum_.get(), sum_.get(), term_.get(), MPFR_RNDN) != 0)
      throw std::logic_error("gibbs::oracle: exact weighted sum was rounded");
  }
  [[nodiscard]] big& sum() { return sum_; }

private:
  // Terms lie in [2^-1074, 2^1044): 2118 bits plus the carries of n terms.
  static mpfr_prec_t precision(std::size_t n) {
    mpfr_prec_t bits = 2200;
    for (; n > 0; n >>= 1)
      ++bits;
    return bits;
  }
  big sum_, term_;
};

/// The base 2^j of the request (j = 0: base e). False when the base is neither e nor a power of
/// two (then no value of a logarithmic measure is detected as rational).
inline bool power_of_two_base(const view& r, long& j) {
  j = 0;
  return r.base == 0 || power_of_two(r.base, j);
}

/// The value S ln 2 of a logarithmic measure in base 2^j (j = 0: nats), when it is rational: in
/// nats only S = 0 (the value is then 0); in base 2^j the value S / j, when that division is
/// exact (else the value is a non-dyadic rational, neither representable nor a midpoint: the
/// Ziv loop decides it).
inline bool log2_multiple(big& S, long j, big& v) {
  if (j == 0) {
    if (!mpfr_zero_p(S.get())) return false;
    mpfr_set_prec(v.get(), 64);
    mpfr_set_zero(v.get(), 1);
    return true;
  }
  mpfr_set_prec(v.get(), mpfr_get_prec(S.get()) + 64);
  return mpfr_div_si(v.get(), S.get(), j, MPFR_RNDN) == 0;
}

} // namespace gibbs::oracle::detail

#endif // GIBBS_ORACLE_DETAIL_EXACT_HPP
