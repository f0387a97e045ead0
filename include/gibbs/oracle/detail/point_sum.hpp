// gibbs/oracle/detail/point_sum.hpp: the high-precision evaluation of the sums of logarithms
// (KL, reverse and generalized KL, entropy, cross-entropy, JS) for requests of decimal digits:
// one correctly rounded MPFR operation per operation of the textbook formula, with an explicit
// error bound, returned as the interval [S - E, S + E]. An interval evaluation takes two MPFR
// operations per operation (both ends), and the generic forms of gibbs/measure/ take several
// logarithms per term (the Bregman split q phi(u) + (p - q) near p = q, for accuracy in a fixed
// precision); at the thousands of bits a digits request needs, the logarithms are the whole cost,
// so this evaluation costs what one plain MPFR pass over the terms does.
//
// Precision. The terms are formed at P' = P + GUARD bits (P the working precision of Ziv's loop)
// and summed at P' + 64 bits; GUARD = 128 covers the cancellation of the textbook form near
// p = q (the terms p log(p/q) are about |p - q| while their sum is about sum (p - q)^2 / q: at
// most 2^55 apart for distinct doubles, so 55 bits are lost at worst), so that the enclosure is
// as narrow as the working precision asks. u = 2^-P' below; every operation rounds to nearest.
//
// Bounds (each term t~ as computed against its exact value t; |log(1 + d)| <= 1.01 |d| for
// |d| <= 2u):
//   p log(p/q):  r~ = RN(p/q) = r (1 + d1); L~ = RN(log r~); t~ = RN(p L~):
//                |t~ - t| <= p (1.01 u + u |log r~|) + u |t~| <= u (2.01 |t~| + 1.02 p).
//   -p log x:    L~ = RN(log x); t~ = RN(p L~): |t~ - t| <= u |p L~| + u |t~| <= 2.01 u |t~|.
//   JS, J = p log(2p/s) + q log(2q/s), s = p + q: s~ = RN(s), x~ = RN(2p/s~) within 2.01 u
//                relative of 2p/s, L~ = RN(log x~), a~ = RN(p L~) (the same for q):
//                |a~ - a| <= p (2.02 u + u |L~| (1 + u)) + u |a~| <= u (2.02 p + 2.01 |a~|);
//                one mass 0: J = x log 2, RN(log 2) and one product: 2.01 u |J|.
//   The sum: n additions at P' + 64 bits, each within 2^-(P'+64) of a partial sum, which is at
//   most A = sum |t~| (+ the masses added exactly for the generalized KL): n 2^-(P'+64) A (1.01).
// The bounds are kept in MPFR numbers of 64 bits rounded upward (no underflow for terms far
// below the doubles' range, where a double bound would round a tiny value's bound up to 2^-1074).
#ifndef GIBBS_ORACLE_DETAIL_POINT_SUM_HPP
#define GIBBS_ORACLE_DETAIL_POINT_SUM_HPP

#include "gibbs/oracle/detail/exact_sum.hpp"
#include "gibbs/oracle/detail/mpfi.hpp"

#include <mpfi.h>
#include <mpfr.h>

#include <cstddef>
#include <span>

namespace gibbs::oracle::detail::point {

inline constexpr long GUARD = 128;

/// A sum of terms at P' + 64 bits, the upper bounds of sum |t~| and of the terms' own errors.
class sum {
public:
  explicit sum(long working)
      : P_(working + GUARD), s_(P_ + 64), t_(P_), x_(P_), y_(P_), abs_(64), err_(64), tmp_(64) {
    mpfr_set_zero(s_.get(), 1);
    mpfr_set_zero(abs_.get(), 1);
    mpfr_set_zero(err_.get(), 1);
  }
  [[nodiscard]] long precision() const { return P_; }

  /// Adds the computed term t~ (in term()) with the error bound u (a |t~| + b m), m >= 0 a mass.
  void add_term(double a, double b, double m) {
    mpfr_add(s_.get(), s_.get(), t_.get(), MPFR_RNDN);
    ++adds_;
    mpfr_abs(tmp_.get(), t_.get(), MPFR_RNDU);
    mpfr_add(abs_.get(), abs_.get(), tmp_.get(), MPFR_RNDU);
    mpfr_mul_d(tmp_.get(), tmp_.get(), a, MPFR_RNDU);
    mpfr_add(err_.get(), err_.get(), tmp_.get(), MPFR_RNDU);
    if (b != 0 && m != 0) {
      mpfr_set_d(tmp_.get(), m, MPFR_RNDU);
      mpfr_mul_d(tmp_.get(), tmp_.get(), b, MPFR_RNDU);
      mpfr_add(err_.get(), err_.get(), tmp_.get(), MPFR_RNDU);
    }
  }
  /// Adds a double exactly known (generalized KL's -p + q): only the summation's rounding.
  void add_exact(double v) {
    mpfr_add_d(s_.get(), s_.get(), v, MPFR_RNDN);
    ++adds_;
    mpfr_set_d(tmp_.get(), v < 0 ? -v : v, MPFR_RNDU);
    mpfr_add(abs_.get(), abs_.get(), tmp_.get(), MPFR_RNDU);
  }
  /// The term register, its scratch registers.
  mpfr_ptr t() { return t_.get(); }
  mpfr_ptr x() { return x_.get(); }
  mpfr_ptr y() { return y_.get(); }

  /// [S - E, S + E] times `scale` (a power of two or 1, exact) at the working precision, with
  /// E = u err + adds 2^-(P'+64) abs (1.01), u = 2^-P'.
  [[nodiscard]] interval enclosure(double scale) {
    big E(64), w(64);
    mpfr_mul_2si(E.get(), err_.get(), -P_, MPFR_RNDU);
    mpfr_mul_d(w.get(), abs_.get(), static_cast<double>(adds_) * 1.01, MPFR_RNDU);
    mpfr_mul_2si(w.get(), w.get(), -(P_ + 64), MPFR_RNDU);
    mpfr_add(E.get(), E.get(), w.get(), MPFR_RNDU);
    if (scale != 1) {
      mpfr_mul_d(s_.get(), s_.get(), scale, MPFR_RNDN); // exact: a power of two
      mpfr_mul_d(E.get(), E.get(), scale < 0 ? -scale : scale, MPFR_RNDU);
    }
    big lo(P_ + 64), hi(P_ + 64);
    mpfr_sub(lo.get(), s_.get(), E.get(), MPFR_RNDD);
    mpfr_add(hi.get(), s_.get(), E.get(), MPFR_RNDU);
    interval v;
    mpfi_interv_fr(v.get(), lo.get(), hi.get());
    return v;
  }

private:
  long P_;
  big s_, t_, x_, y_, abs_, err_, tmp_;
  double adds_ = 0;
};

/// KL(p||q) = sum p log(p/q), or generalized sum (p log(p/q) - p + q), at the working precision
/// (false: a q_i = 0 < p_i, an infinite value the caller states).
[[nodiscard]] inline bool kl(std::span<const double> p, std::span<const double> q, bool generalized,
                             interval& out) {
  sum S(static_cast<long>(working_precision()));
  for (std::size_t i = 0; i < p.size(); ++i) {
    const double pi = p[i], qi = q[i];
    if (pi == 0) {
      if (generalized && qi != 0) S.add_exact(qi);
      continue;
    }
    if (qi == 0) return false;
    mpfr_set_d(S.x(), pi, MPFR_RNDN); // exact
    mpfr_div_d(S.x(), S.x(), qi, MPFR_RNDN);
    mpfr_log(S.y(), S.x(), MPFR_RNDN);
    mpfr_mul_d(S.t(), S.y(), pi, MPFR_RNDN);
    S.add_term(2.01, 1.02, pi);
    if (generalized) {
      S.add_exact(-pi);
      S.add_exact(qi);
    }
  }
  out = S.enclosure(1);
  return true;
}

/// -sum p log x (entropy: x = p; cross-entropy: x = q); false for an x_i = 0 < p_i.
[[nodiscard]] inline bool minus_p_log(std::span<const double> p, std::span<const double> x,
                                      interval& out) {
  sum S(static_cast<long>(working_precision()));
  for (std::size_t i = 0; i < p.size(); ++i) {
    const double pi = p[i], xi = x[i];
    if (pi == 0 || xi == 1) continue;
    if (xi == 0) return false;
    mpfr_set_d(S.x(), xi, MPFR_RNDN);
    mpfr_log(S.y(), S.x(), MPFR_RNDN);
    mpfr_mul_d(S.t(), S.y(), -pi, MPFR_RNDN);
    S.add_term(2.01, 0, 0);
  }
  out = S.enclosure(1);
  return true;
}

/// JS(p, q) = sum J_i / 2.
[[nodiscard]] inline bool js(std::span<const double> p, std::span<const double> q, interval& out) {
  sum S(static_cast<long>(working_precision()));
  big s(S.precision()), ln2(S.precision());
  mpfr_const_log2(ln2.get(), MPFR_RNDN);
  for (std::size_t i = 0; i < p.size(); ++i) {
    const double pi = p[i], qi = q[i];
    if (pi == qi) continue; // J = 0 (also 0, 0)
    if (pi == 0 || qi == 0) {
      mpfr_mul_d(S.t(), ln2.get(), pi + qi, MPFR_RNDN); // pi + qi exact: one of them is 0
      S.add_term(2.01, 0, 0);
      continue;
    }
    mpfr_set_d(s.get(), pi, MPFR_RNDN);
    mpfr_add_d(s.get(), s.get(), qi, MPFR_RNDN);
    for (const double m : {pi, qi}) {
      mpfr_set_d(S.x(), m, MPFR_RNDN); // exact
      mpfr_mul_2ui(S.x(), S.x(), 1, MPFR_RNDN);
      mpfr_div(S.x(), S.x(), s.get(), MPFR_RNDN);
      mpfr_log(S.y(), S.x(), MPFR_RNDN);
      mpfr_mul_d(S.t(), S.y(), m, MPFR_RNDN);
      S.add_term(2.01, 2.02, m);
    }
  }
  out = S.enclosure(0.5);
  return true;
}

} // namespace gibbs::oracle::detail::point

#endif // GIBBS_ORACLE_DETAIL_POINT_SUM_HPP
