// gibbs/oracle/detail/exact_sum.hpp: sums of doubles, exact (a fixed-point accumulator, then an
// MPFR number of the precision that holds every bit) or with a certified error bound (TwoSum
// with a running bound on the correction term).
#ifndef GIBBS_ORACLE_DETAIL_EXACT_SUM_HPP
#define GIBBS_ORACLE_DETAIL_EXACT_SUM_HPP

#include "gibbs/number/double_double.hpp"

#include <gmp.h>
#include <mpfr.h>

#include <array>
#include <bit>
#include <cmath>
#include <cstddef>
#include <cstdint>
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

/// The exact sum of finite doubles in fixed point, a few nanoseconds per addition (an MPFR
/// addition at the sum's precision costs tens). Every double is m 2^e with |m| < 2^53 and
/// e >= -1074; the sum is held as 32-bit digits D_k of weight 2^(32 k - 1152), in int64 limbs
/// without carry propagation (carry-save, digits of either sign): an addition puts at most
/// 2^33 into any limb, so 2^28 additions stay below 2^61, and the carries are propagated then and
/// at the end. The largest double's digits reach limb 68; the carries of up to 2^63 additions
/// reach limb 71.
class fixed_sum {
public:
  void add(double x) {
    const std::uint64_t bits = std::bit_cast<std::uint64_t>(x);
    const int biased = static_cast<int>((bits >> 52) & 0x7ff);
    std::uint64_t m = bits & ((std::uint64_t{1} << 52) - 1);
    if (biased == 0 && m == 0) return;
    const int e = biased == 0 ? -1074 : biased - 1075; // x = +-m 2^e
    if (biased != 0) m |= std::uint64_t{1} << 52;
    const int sh = e + 1152; // >= 78
    const std::size_t k = static_cast<std::size_t>(sh >> 5);
    const int r = sh & 31;
    const std::uint64_t lo = (m & 0xffffffffu) << r; // < 2^63
    const std::uint64_t hi = (m >> 32) << r;         // < 2^52
    const auto a = static_cast<std::int64_t>(lo & 0xffffffffu);
    const auto b = static_cast<std::int64_t>((lo >> 32) + (hi & 0xffffffffu));
    const auto c = static_cast<std::int64_t>(hi >> 32);
    if (bits >> 63) {
      d_[k] -= a;
      d_[k + 1] -= b;
      d_[k + 2] -= c;
    } else {
      d_[k] += a;
      d_[k + 1] += b;
      d_[k + 2] += c;
    }
    if (++count_ == (std::uint64_t{1} << 28)) normalize();
  }
  /// out = the sum, exactly (out is re-initialised to the precision that holds it).
  void get(big& out) {
    normalize();
    mpz_t z;
    mpz_init(z);
    for (std::size_t i = LIMBS; i-- > 0;) {
      mpz_mul_2exp(z, z, 32);
      if (d_[i] >= 0)
        mpz_add_ui(z, z, static_cast<unsigned long>(d_[i]));
      else
        mpz_sub_ui(z, z, static_cast<unsigned long>(-d_[i]));
    }
    long e = -1152;
    if (mpz_sgn(z) != 0) { // drop the trailing zeros: the precision is that of the sum's bits
      const auto tz = mpz_scan1(z, 0);
      mpz_fdiv_q_2exp(z, z, tz);
      e += static_cast<long>(tz);
    }
    const std::size_t bits = mpz_sizeinbase(z, 2);
    mpfr_set_prec(out.get(), static_cast<mpfr_prec_t>(bits < 64 ? 64 : bits));
    const int t = mpfr_set_z_2exp(out.get(), z, e, MPFR_RNDN);
    mpz_clear(z);
    if (t != 0) throw std::logic_error("gibbs::oracle: fixed_sum was rounded");
  }

private:
  static constexpr std::size_t LIMBS = 72;
  void normalize() {
    for (std::size_t i = 0; i + 1 < LIMBS; ++i) {
      const std::int64_t carry = d_[i] >> 32; // floor division by 2^32 (C++20: arithmetic)
      d_[i] -= carry * (std::int64_t{1} << 32);
      d_[i + 1] += carry;
    }
    count_ = 0;
  }
  std::array<std::int64_t, LIMBS> d_{};
  std::uint64_t count_ = 0;
};

/// Sets out to the exact sum of x (finite doubles; out is re-initialised to a precision that
/// holds it).
inline void exact_sum(std::span<const double> x, big& out) {
  fixed_sum f;
  for (double v : x)
    f.add(v);
  f.get(out);
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
