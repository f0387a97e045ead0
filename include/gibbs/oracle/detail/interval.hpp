// gibbs/oracle/detail/interval.hpp: the correctness path. A measure's interval evaluation (its
// descriptor's `enclose`: the generic measure of gibbs/measure/ instantiated with the MPFI
// intervals of detail/mpfi.hpp, the inputs converted exactly) runs at 128, 256, 512, ... bits
// until both ends of the enclosure round to the same number in the format (Ziv's strategy),
// MPFR deciding each rounding (mpfr_get_d / mpfr_get_flt, correct in the subnormal range too).
//
// Why the loop ends. With round-to-nearest only an exact value sitting on a rounding midpoint (or
// on a decimal midpoint, for digits) can keep the two ends of a shrinking enclosure apart, and only
// an exactly representable value can keep the enclosure from excluding it; both are rational.
// Whenever an enclosure cannot exclude such a point, the loop asks the measure's rational decision
// (rational.hpp: logs of multiplicatively independent integers are linearly independent over Q,
// Hermite-Lindemann, Lindemann-Weierstrass for logits, Besicovitch for Hellinger), which returns
// the exact value of every rational case it decides; the loop continues only on values proven
// irrational, or in the undecided cases that rational.hpp and rational_measure.hpp list (there the
// cap request::max_precision_bits ends it with gibbs::oracle::undecided).
#ifndef GIBBS_ORACLE_DETAIL_INTERVAL_HPP
#define GIBBS_ORACLE_DETAIL_INTERVAL_HPP

#include "gibbs/number/math.hpp"
#include "gibbs/oracle/api.hpp"
#include "gibbs/oracle/descriptor.hpp"
#include "gibbs/oracle/detail/exact_sum.hpp"
#include "gibbs/oracle/detail/mpfi.hpp"
#include "gibbs/oracle/detail/view.hpp"
#include "gibbs/oracle/format.hpp"

#include <cmath>
#include <cstdint>
#include <limits>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

namespace gibbs::oracle::detail {

/// x rounded once, straight to the format, widened to double (format.hpp).
inline double round_to(mpfr_srcptr x, format f, mpfr_rnd_t rnd) {
  return round_mpfr(x, f, rnd);
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

/// Whether an end of the enclosure [L, R] is 0 or infinite although the value is neither (the
/// exact stages decide 0): its magnitude is beyond MPFR's widest exponent range, where no
/// precision gives its decimal digits (e^-(1e20): 2^-(1.4e20), below 2^(1 - 2^62)).
[[nodiscard]] inline bool beyond_exponent_range(mpfr_srcptr L, mpfr_srcptr R) {
  return mpfr_zero_p(L) || mpfr_zero_p(R) || mpfr_inf_p(L) || mpfr_inf_p(R);
}
/// Why such a value's digits are refused (each loop prefixes where it stands).
inline constexpr const char* digits_out_of_range =
    "the decimal digits of this value are beyond MPFR's exponent range (its "
    "magnitude is below 2^(1 - 2^62) or above 2^(2^62 - 1), e.g. e^-(1e20)); without digits its "
    "rounding to the format is decided";

/// Ziv's loop on the interval evaluation. The decided value is the rounding of the exact value;
/// [lo, hi] are the directed roundings of the enclosure's ends, refined (at most two more
/// doublings) until they are adjacent or equal (equal: the enclosure is a point, the value exact).
/// `enclose()` returns an enclosure of the exact value in the requested base at the working
/// precision (the precision_scope the loop sets); `min_bits` is the least precision to start at.
/// `exact(res)` is the rational decision (run at most once by the caller's guard):
/// called when the enclosure cannot exclude a representable number or a rounding midpoint (binary
/// or decimal), it returns true with res set when the value is rational, so the loop only
/// continues on irrational values, which it always decides.
template <class Enclose, class Exact>
result ziv_loop(const view& r, long min_bits, Enclose&& enclose, Exact&& exact) {
  long bits = 128;
  if (r.digits > 0) bits = static_cast<long>(r.digits * 3.33) + 64;
  if (bits < min_bits) bits = min_bits;
  int refinements = 0;
  const exponent_scope range;
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
      v = enclose();
    } catch (const ambiguous_comparison&) {
      continue; // a branch condition of the generic code was ambiguous at this precision
    }
    const mpfr_srcptr L = v.left(), R = v.right();
    if (mpfr_nan_p(L) || mpfr_nan_p(R))
      throw std::logic_error("gibbs::oracle: the interval evaluation produced NaN");
    const double a = round_to(L, r.fmt, MPFR_RNDN), b = round_to(R, r.fmt, MPFR_RNDN);
    result res;
    if (a != b) { // a midpoint lies in the enclosure
      if (exact(res)) return res;
      continue;
    }
    if (mpfr_cmp_d(L, a) <= 0 && mpfr_cmp_d(R, a) >= 0 && exact(res)) return res; // a inside
    res.fmt = r.fmt;
    res.value = a == 0 ? (mpfr_sgn(R) < 0 ? -0.0 : 0.0) : a;
    if (r.digits > 0) {
      res.digits = decimal_digits(L, r.digits);
      if (res.digits != decimal_digits(R, r.digits)) {
        if (exact(res)) return res; // a decimal midpoint lies in the enclosure
        if (a == 0 && mpfr_sgn(L) < 0 && mpfr_sgn(R) > 0 && bits >= 4096)
          throw undecided("gibbs::oracle: the value is 0 or within 2^-1075 of it; its decimal "
                          "digits cannot be decided");
        if (bits >= 4096 && beyond_exponent_range(L, R))
          throw undecided(std::string("gibbs::oracle: ") + digits_out_of_range);
        continue;
      }
    }
    res.lo = round_to(L, r.fmt, MPFR_RNDD);
    res.hi = round_to(R, r.fmt, MPFR_RNDU);
    res.precision_bits = static_cast<int>(bits);
    res.exact = res.lo == res.hi;
    if (res.exact) res.value = res.lo == 0 ? 0.0 : res.lo;
    if (res.exact || next_up(res.lo, r.fmt) == res.hi || refinements >= max_refinements(r)
        || bits * 2 > r.max_precision_bits)
      return res;
    ++refinements;
  }
}

/// Ziv's loop on one case: `enclose` is the measure's interval evaluation in nats; with
/// `log_base` set and a base b other than e the enclosure is divided by log b.
template <class Exact>
result ziv(const view& r, const prepared& x, interval (*enclose)(const view&, const prepared&),
           bool log_base, Exact&& exact) {
  return ziv_loop(
      r, x.min_bits,
      [&] {
        interval v = enclose(r, x);
        if (log_base && r.base != 0) v = v / gibbs::log(interval(r.base));
        return v;
      },
      exact);
}

} // namespace gibbs::oracle::detail

#endif // GIBBS_ORACLE_DETAIL_INTERVAL_HPP
