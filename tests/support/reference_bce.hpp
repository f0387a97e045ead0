// tests/support/reference_bce.hpp: MPFR references of the binary cross-entropies, computed from
// the textbook definitions with other formulas than gibbs uses:
//   BCE        = −Σ w_i·[y_i·log x_i + (1 − y_i)·log(1 − x_i)]         (gibbs: log1p(−x) for x < ½)
//   BCE_logits = −Σ w_i·[pw_i·y_i·log σ(z_i) + (1 − y_i)·log(1 − σ(z_i))],  σ(z) = 1/(1 + e^−z)
//                                                          (gibbs: max(z, 0) + log1p(e^−|z|))
// at PREC bits: every input is a double, so 1 − x, 1 − y, e^−z and σ(z) are formed with relative
// errors ≤ 2^-PREC, and log(1 − σ(z)) = log(e^−z/(1 + e^−z)) loses at most |z|·log2(e) bits to
// cancellation in 1 − σ(z) (checked: |z| ≤ 1000, so ≥ 2600 bits remain). Every term is a sum of
// non-negative parts, so the sum of the terms (mpfr_sum) is good to far below 2^-2000 relative,
// and its rounding to double is the correctly rounded value (barring a tie, impossible for these
// irrational values).
#ifndef GIBBS_TESTS_SUPPORT_REFERENCE_BCE_HPP
#define GIBBS_TESTS_SUPPORT_REFERENCE_BCE_HPP

#include "mpfr.hpp"

#include <mpfr.h>

#include <cmath>
#include <cstddef>
#include <stdexcept>
#include <vector>

namespace gibbs_test::bce {

inline constexpr mpfr_prec_t PREC = 4096;

/// The tests' mpfr_t owner (tests/support/mpfr.hpp) at PREC bits.
struct num : gibbs_test::mp {
  num() : mp(PREC) {}
};

/// The reference sum of the element terms into out (PREC bits). w empty: all 1.
inline void binary_cross_entropy_into(mpfr_t out, const std::vector<double>& x,
                                      const std::vector<double>& y,
                                      const std::vector<double>& w = {}) {
  std::vector<num> terms(x.size());
  for (std::size_t i = 0; i < x.size(); ++i) {
    num a, b, l;
    const double wi = w.empty() ? 1.0 : w[i];
    if (wi == 0) {
      mpfr_set_zero(terms[i], 1);
      continue;
    }
    mpfr_set_zero(a, 1);
    mpfr_set_zero(b, 1);
    if (y[i] != 0) { // y log x
      mpfr_set_d(l, x[i], MPFR_RNDN);
      mpfr_log(l, l, MPFR_RNDN);
      mpfr_mul_d(a, l, y[i], MPFR_RNDN);
    }
    if (y[i] != 1) { // (1 - y) log(1 - x)
      mpfr_set_d(l, x[i], MPFR_RNDN);
      mpfr_ui_sub(l, 1, l, MPFR_RNDN);
      mpfr_log(l, l, MPFR_RNDN);
      num c;
      mpfr_set_d(c, y[i], MPFR_RNDN);
      mpfr_ui_sub(c, 1, c, MPFR_RNDN);
      mpfr_mul(b, l, c, MPFR_RNDN);
    }
    mpfr_add(terms[i], a, b, MPFR_RNDN);
    mpfr_mul_d(terms[i], terms[i], -wi, MPFR_RNDN);
  }
  std::vector<mpfr_ptr> ptrs;
  for (num& t : terms)
    ptrs.push_back(t);
  mpfr_sum(out, ptrs.data(), ptrs.size(), MPFR_RNDN);
}

/// The reference of binary cross-entropy with logits through σ(z) (|z| <= 1000) into out.
inline void binary_cross_entropy_with_logits_into(mpfr_t out, const std::vector<double>& z,
                                                  const std::vector<double>& y,
                                                  const std::vector<double>& w = {},
                                                  const std::vector<double>& pw = {}) {
  std::vector<num> terms(z.size());
  for (std::size_t i = 0; i < z.size(); ++i) {
    if (!(std::fabs(z[i]) <= 1000)) throw std::logic_error("reference: |z| > 1000");
    const double wi = w.empty() ? 1.0 : w[i], ci = pw.empty() ? 1.0 : pw[i];
    num s, a, b, c;
    mpfr_set_d(s, -z[i], MPFR_RNDN); // sigma = 1 / (1 + e^-z)
    mpfr_exp(s, s, MPFR_RNDN);
    mpfr_add_ui(s, s, 1, MPFR_RNDN);
    mpfr_ui_div(s, 1, s, MPFR_RNDN);
    mpfr_log(a, s, MPFR_RNDN); // pw y log sigma
    mpfr_mul_d(a, a, y[i], MPFR_RNDN);
    mpfr_mul_d(a, a, ci, MPFR_RNDN);
    mpfr_ui_sub(b, 1, s, MPFR_RNDN); // (1 - y) log(1 - sigma)
    mpfr_log(b, b, MPFR_RNDN);
    mpfr_set_d(c, y[i], MPFR_RNDN);
    mpfr_ui_sub(c, 1, c, MPFR_RNDN);
    mpfr_mul(b, b, c, MPFR_RNDN);
    mpfr_add(terms[i], a, b, MPFR_RNDN);
    mpfr_mul_d(terms[i], terms[i], -wi, MPFR_RNDN);
  }
  std::vector<mpfr_ptr> ptrs;
  for (num& t : terms)
    ptrs.push_back(t);
  mpfr_sum(out, ptrs.data(), ptrs.size(), MPFR_RNDN);
}

/// The reference sum of the element terms, correctly rounded to double. w empty: all 1.
inline double binary_cross_entropy(const std::vector<double>& x, const std::vector<double>& y,
                                   const std::vector<double>& w = {}) {
  num s;
  binary_cross_entropy_into(s, x, y, w);
  return mpfr_get_d(s, MPFR_RNDN);
}

/// The reference of binary cross-entropy with logits, correctly rounded to double.
inline double binary_cross_entropy_with_logits(const std::vector<double>& z,
                                               const std::vector<double>& y,
                                               const std::vector<double>& w = {},
                                               const std::vector<double>& pw = {}) {
  num s;
  binary_cross_entropy_with_logits_into(s, z, y, w, pw);
  return mpfr_get_d(s, MPFR_RNDN);
}

} // namespace gibbs_test::bce

#endif // GIBBS_TESTS_SUPPORT_REFERENCE_BCE_HPP
