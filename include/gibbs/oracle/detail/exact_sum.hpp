// gibbs/oracle/detail/exact_sum.hpp: sums of doubles, exact (MPFR at a precision that holds every
// bit) or with a certified error bound (TwoSum with a running bound on the correction term).
#ifndef GIBBS_ORACLE_DETAIL_EXACT_SUM_HPP
#define GIBBS_ORACLE_DETAIL_EXACT_SUM_HPP

#include "gibbs/number/double_double.hpp"

#include <mpfr.h>

#include <cmath>
#include <cstddef>
#include <limits>
#include <span>
#include <stdexcept>

namespace gibbs::oracle::detail {

/// An owned mpfr_t.
class big {
public:
  explicit big(mpfr_prec_t prec) { mpfr_init2(x_, prec < MPFR_PREC_MIN ? MPFR_PREC_MIN : prec); }
  big(const big&) = delete;
  big& operator=(const big&) = delete;
  ~big() { mpfr_clear(x_); }
  mpfr_ptr get() { return x_; }
  mpfr_srcptr get() const { return x_; }

private:
  mpfr_t x_;
};

/// Exponent of the least significant bit a double can have set: ilogb(x) - 52, or -1074.
inline int lsb_exponent(double x) {
  if (x == 0) return 1 << 20;
  const int e = std::ilogb(x);
  return e - 52 < -1074 ? -1074 : e - 52;
}

/// Binary digits that hold the exact sum of the values: from the highest possible carry down to
/// the lowest set bit of any term.
inline mpfr_prec_t exact_sum_precision(std::span<const double> x) {
  int hi = -1075, lo = 1 << 20;
  for (double v : x) {
    if (v == 0) continue;
    const int e = std::ilogb(v);
    if (e > hi) hi = e;
    const int l = lsb_exponent(v);
    if (l < lo) lo = l;
  }
  if (hi == -1075) return 64;
  int carry = 1;
  for (std::size_t n = x.size(); n > 0; n >>= 1)
    ++carry;
  return static_cast<mpfr_prec_t>(hi - lo + 1 + carry + 1);
}

/// Sets out to the exact sum of x (out is re-initialised to the precision that holds it).
inline void exact_sum(std::span<const double> x, big& out) {
  mpfr_set_prec(out.get(), exact_sum_precision(x));
  mpfr_set_zero(out.get(), 1);
  for (double v : x) {
    if (mpfr_add_d(out.get(), out.get(), v, MPFR_RNDN) != 0)
      throw std::logic_error("gibbs::oracle: exact sum was rounded (precision too small)");
  }
}

/// An exact sum (exact_sum) as the nearest double-double: hi = RN(x), lo = RN(x - hi) (x - hi is
/// exact at x's precision), so |x - hi - lo| <= 2^-106 |hi| for a normal hi.
[[nodiscard]] inline gibbs::double_double to_double_double(const big& x) {
  const double hi = mpfr_get_d(x.get(), MPFR_RNDN);
  big rest(mpfr_get_prec(x.get()));
  mpfr_sub_d(rest.get(), x.get(), hi, MPFR_RNDN);
  return gibbs::double_double(hi, mpfr_get_d(rest.get(), MPFR_RNDN));
}

/// s + c approximates the sum of the added doubles with |exact - (s + c)| <= bound().
/// TwoSum makes s + t exact at every step; only the additions into c round, each by at most
/// 2^-53 |c_new|, and e accumulates |c_new| (rounded sums of non-negative numbers, so the computed
/// e is at least (1 - n 2^-53) times the true one: doubling covers it for n < 2^52).
struct certified_sum {
  double s = 0, c = 0, e = 0;
  double n = 0;
  void add(double x) {
    n += 1;
    const double t = s + x;
    const double bb = t - s;
    const double err = (s - (t - bb)) + (x - bb);
    s = t;
    c += err;
    e += std::fabs(c);
  }
  [[nodiscard]] double bound() const {
    // + n 2^-1074: an addition into c in the subnormal range errs by up to 2^-1075 absolute.
    return e * 0x1p-52 + (n + 1) * std::numeric_limits<double>::denorm_min();
  }
  [[nodiscard]] bool finite() const { return std::isfinite(s) && std::isfinite(c); }
};

} // namespace gibbs::oracle::detail

#endif // GIBBS_ORACLE_DETAIL_EXACT_SUM_HPP
