// gibbs/oracle/detail/interval.hpp: the correctness path. A measure's interval evaluation (its
// descriptor's `enclose`: the generic measure of gibbs/measure/ instantiated with the MPFI
// intervals of detail/mpfi.hpp, the inputs converted exactly) runs at 128, 256, 512, ... bits
// until both ends of the enclosure round to the same number in the format (Ziv's strategy),
// MPFR deciding each rounding (mpfr_get_d / mpfr_get_flt, correct in the subnormal range too).
//
// Why the loop ends. With round-to-nearest only an exact value sitting on a rounding midpoint (or
// on a decimal midpoint, for digits) can keep the two ends of a shrinking enclosure apart; we
// argue the values met here are never such midpoints (midpoints are dyadic rationals):
//  * entropy, cross-entropy, KL, reverse KL, JS and NLL in nats are sums sum_i w_i log a_i with
//    dyadic rationals w_i and positive rationals a_i, i.e. log A with A = prod a_i^{w_i} a positive
//    algebraic number; by Lindemann (e^x transcendental for algebraic x != 0) log A is 0 or
//    transcendental. 0 is representable, not a midpoint (the common zeros are returned at once;
//    another exact 0 is decided once the enclosure lies inside (-2^-1075, 2^-1075)).
//  * perplexity = A^{-1/N}: algebraic; it is dyadic only when every sampled q is a power of two,
//    and then a power of two itself (write q = M 2^e with M odd: prod M must be 1), never a
//    midpoint (a midpoint has an odd significand of p+1 bits).
//  * cross-entropy from logits: (max z - z_k) + log(1 + sum_{j != argmax} e^{d_j}), d_j <= 0
//    rational: 1 + sum e^{d_j} = e^r with r rational would contradict Lindemann-Weierstrass
//    (distinct exponents 0, d_j, r), so the value is transcendental unless n = 1 (value 0,
//    returned at once). In a base b it can be rational only if all logits are equal (log_b n).
//  * generalized KL = log A + sum (q_i - p_i): transcendental unless A = 1, when it is the dyadic
//    sum (q_i - p_i), which can be a midpoint; and in a base b != e the quotient by log b is
//    rational when A (or the logits' sum) is a rational power of b. Those cases are caught by the
//    exactness detector (exact.hpp) where it can, and otherwise the loop stops at
//    request::max_precision_bits with gibbs::oracle::undecided instead of running forever.
#ifndef GIBBS_ORACLE_DETAIL_INTERVAL_HPP
#define GIBBS_ORACLE_DETAIL_INTERVAL_HPP

#include "gibbs/number/math.hpp"
#include "gibbs/oracle/api.hpp"
#include "gibbs/oracle/descriptor.hpp"
#include "gibbs/oracle/detail/exact_sum.hpp"
#include "gibbs/oracle/detail/mpfi.hpp"
#include "gibbs/oracle/detail/view.hpp"

#include <cmath>
#include <cstdint>
#include <limits>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

namespace gibbs::oracle::detail {

/// x rounded to the format, widened to double.
inline double round_to(mpfr_srcptr x, format f, mpfr_rnd_t rnd) {
  if (f == format::binary32) return static_cast<double>(mpfr_get_flt(x, rnd));
  return mpfr_get_d(x, rnd);
}

/// The next number of the format above x.
inline double next_up(double x, format f) {
  if (f == format::binary32)
    return static_cast<double>(
        std::nextafter(static_cast<float>(x), std::numeric_limits<float>::infinity()));
  return std::nextafter(x, std::numeric_limits<double>::infinity());
}

/// n significant decimal digits of x rounded to nearest, as "d.ddde+XX" ("d" alone if n = 1).
inline std::string decimal_digits(mpfr_srcptr x, int n) {
  if (mpfr_nan_p(x)) return "nan";
  if (mpfr_inf_p(x)) return mpfr_sgn(x) > 0 ? "inf" : "-inf";
  std::string out;
  long exp10 = 0;
  if (mpfr_zero_p(x)) {
    out = std::string(static_cast<std::size_t>(n), '0');
  } else {
    mpfr_exp_t e = 0;
    char* s = mpfr_get_str(nullptr, &e, 10, static_cast<std::size_t>(n), x, MPFR_RNDN);
    out = s;
    mpfr_free_str(s);
    exp10 = static_cast<long>(e) - 1;
  }
  std::string sign;
  if (!out.empty() && out[0] == '-') {
    sign = "-";
    out.erase(0, 1);
  }
  std::string r = sign + out.substr(0, 1);
  if (out.size() > 1) r += "." + out.substr(1);
  char buf[32];
  std::snprintf(buf, sizeof buf, "e%c%02ld", exp10 < 0 ? '-' : '+', exp10 < 0 ? -exp10 : exp10);
  return r + buf;
}

/// Ziv's loop on the interval evaluation. The decided value is the rounding of the exact value;
/// [lo, hi] are the directed roundings of the enclosure's ends, refined (at most two more
/// doublings) until they are adjacent or equal (equal: the enclosure is a point, the value exact).
/// `enclose` is the measure's interval evaluation in nats; with `log_base` set and a base b other
/// than e the enclosure is divided by log b.
inline result ziv(const view& r, const prepared& x,
                  interval (*enclose)(const view&, const prepared&), bool log_base) {
  long bits = 128;
  if (r.digits > 0) bits = static_cast<long>(r.digits * 3.33) + 64;
  if (bits < x.min_bits) bits = x.min_bits;
  int refinements = 0;
  for (;; bits *= 2) {
    if (bits > r.max_precision_bits)
      throw undecided("gibbs::oracle: the rounding is still undecided at "
                      + std::to_string(bits / 2) + " bits (request::max_precision_bits = "
                      + std::to_string(r.max_precision_bits)
                      + "): the exact value is a rational number at (or extremely near) a rounding "
                        "midpoint, or 0 with digits requested");
    precision_scope scope(bits);
    interval v;
    try {
      v = enclose(r, x);
      if (log_base && r.base != 0) v = v / gibbs::log(interval(r.base));
    } catch (const ambiguous_comparison&) {
      continue; // a branch condition of the generic code was ambiguous at this precision
    }
    const mpfr_srcptr L = v.left(), R = v.right();
    if (mpfr_nan_p(L) || mpfr_nan_p(R))
      throw std::logic_error("gibbs::oracle: the interval evaluation produced NaN");
    const double a = round_to(L, r.fmt, MPFR_RNDN), b = round_to(R, r.fmt, MPFR_RNDN);
    if (a != b) continue;
    result res;
    res.fmt = r.fmt;
    res.value = a == 0 ? (mpfr_sgn(R) < 0 ? -0.0 : 0.0) : a;
    if (r.digits > 0) {
      res.digits = decimal_digits(L, r.digits);
      if (res.digits != decimal_digits(R, r.digits)) {
        if (a == 0 && mpfr_sgn(L) < 0 && mpfr_sgn(R) > 0 && bits >= 4096)
          throw undecided("gibbs::oracle: the value is 0 or within 2^-1075 of it; its decimal "
                          "digits cannot be decided");
        continue;
      }
    }
    res.lo = round_to(L, r.fmt, MPFR_RNDD);
    res.hi = round_to(R, r.fmt, MPFR_RNDU);
    res.precision_bits = static_cast<int>(bits);
    res.exact = res.lo == res.hi;
    if (res.exact) res.value = res.lo == 0 ? 0.0 : res.lo;
    if (res.exact || next_up(res.lo, r.fmt) == res.hi || refinements >= 2
        || bits * 2 > r.max_precision_bits)
      return res;
    ++refinements;
  }
}

} // namespace gibbs::oracle::detail

#endif // GIBBS_ORACLE_DETAIL_INTERVAL_HPP
