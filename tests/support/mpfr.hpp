// tests/support/mpfr.hpp: the one owning wrapper of an mpfr_t for the tests, and the exact
// conversion of any binary number type to MPFR.
#ifndef GIBBS_TESTS_SUPPORT_MPFR_HPP
#define GIBBS_TESTS_SUPPORT_MPFR_HPP

#include <mpfr.h>

#include <cmath>
#include <limits>
#include <stdexcept>
#include <type_traits>

namespace gibbs_test {

/// An owning mpfr_t of a given precision, +0 until set; converts to mpfr_ptr / mpfr_srcptr.
class mp {
public:
  explicit mp(mpfr_prec_t prec) {
    mpfr_init2(v_, prec);
    mpfr_set_zero(v_, 1);
  }
  mp(const mp& o) {
    mpfr_init2(v_, mpfr_get_prec(o.v_));
    mpfr_set(v_, o.v_, MPFR_RNDN);
  }
  mp& operator=(const mp& o) {
    if (this != &o) {
      mpfr_set_prec(v_, mpfr_get_prec(o.v_));
      mpfr_set(v_, o.v_, MPFR_RNDN);
    }
    return *this;
  }
  ~mp() { mpfr_clear(v_); }
  mpfr_ptr get() { return v_; }
  mpfr_srcptr get() const { return v_; }
  operator mpfr_ptr() { return v_; }
  operator mpfr_srcptr() const { return v_; }
  [[nodiscard]] double to_double(mpfr_rnd_t r = MPFR_RNDN) const { return mpfr_get_d(v_, r); }
  [[nodiscard]] float to_float(mpfr_rnd_t r = MPFR_RNDN) const { return mpfr_get_flt(v_, r); }

private:
  mpfr_t v_;
};

/// Sets r to x exactly (r must have at least digits(T) bits). Works for every binary T with
/// frexp (built-ins by std::frexp, Boost.Multiprecision by ADL): the significand is peeled off
/// 53 bits at a time as doubles, each difference exact in T.
template <class T>
void set_exact(mpfr_ptr r, const T& x) {
  if constexpr (std::is_same_v<T, float> || std::is_same_v<T, double>) {
    mpfr_set_d(r, static_cast<double>(x), MPFR_RNDN);
  } else if constexpr (std::is_same_v<T, long double>) {
    mpfr_set_ld(r, x, MPFR_RNDN);
  } else {
    using std::frexp;
    if (x != x) {
      mpfr_set_nan(r);
      return;
    }
    if (std::numeric_limits<T>::has_infinity
        && (x == std::numeric_limits<T>::infinity() || x == -std::numeric_limits<T>::infinity())) {
      mpfr_set_inf(r, x > T(0) ? 1 : -1);
      return;
    }
    int e = 0;
    T m = T(frexp(x, &e));
    mpfr_set_zero(r, 1);
    for (int k = 0; k < 64 && m != T(0); ++k) {
      const double d = static_cast<double>(m);
      if (mpfr_add_d(r, r, d, MPFR_RNDN) != 0) throw std::logic_error("set_exact: inexact");
      m = T(m - T(d));
    }
    mpfr_mul_2si(r, r, e, MPFR_RNDN);
  }
}

} // namespace gibbs_test

#endif // GIBBS_TESTS_SUPPORT_MPFR_HPP
