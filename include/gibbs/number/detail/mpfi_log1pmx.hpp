// gibbs/number/detail/mpfi_log1pmx.hpp: a rigorous and tight MPFI enclosure of
// log1pmx(x) = log(1 + x) - x, also for tiny x (where the interval log1p(X) - X is rigorous but
// far too wide). MPFI and MPFR only, so that both Boost's mpfi_float (number/multiprecision.hpp)
// and the oracle's own interval type (oracle/detail/mpfi.hpp) can use it.
// Tested in tests/number/test_mpfi.cpp against 1000-bit MPFR brackets.
#ifndef GIBBS_NUMBER_DETAIL_MPFI_LOG1PMX_HPP
#define GIBBS_NUMBER_DETAIL_MPFI_LOG1PMX_HPP

#include <mpfi.h>
#include <mpfr.h>

#include <algorithm>
#include <climits>

namespace gibbs::detail {
namespace mpfi {

/// An mpfi_t that clears itself.
class interval {
public:
  explicit interval(mpfr_prec_t prec) { mpfi_init2(v_, prec); }
  ~interval() { mpfi_clear(v_); }
  interval(const interval&) = delete;
  interval& operator=(const interval&) = delete;
  [[nodiscard]] mpfi_ptr get() { return v_; }

private:
  mpfi_t v_;
};

/// An mpfr_t that clears itself.
class real {
public:
  explicit real(mpfr_prec_t prec) { mpfr_init2(v_, prec); }
  ~real() { mpfr_clear(v_); }
  real(const real&) = delete;
  real& operator=(const real&) = delete;
  [[nodiscard]] mpfr_ptr get() { return v_; }

private:
  mpfr_t v_;
};

/// An enclosure of log1pmx(a) = log(1 + a) − a for one point a with |a| ≤ 1/2, into r (at r's
/// precision p), without cancellation. With s = a/(2 + a), log(1 + a) = 2·atanh(s), so
///   log1pmx(a) = 2·Σ_{k≥1} s^(2k+1)/(2k+1) − a·s,
/// two parts of sizes a³/12 and a²/2 that never cancel (|a| ≤ 1/2 gives |s| ≤ 1/3). Every
/// operation is an MPFI interval operation (outward rounding); the series is cut once its term
/// falls below 2^-(p+8) of the partial sum, and the tail Σ_{j≥K} |s|^j/j ≤ |s|^K/(K·(1 − s²))
/// ≤ (5/4)·|s|^K/K (j, K odd; s² ≤ 1/9, and 1/5 leaves room for the rounding of s) is added as
/// the interval [−R, R] with R rounded up. The result is an enclosure whatever the cut; the cut
/// only decides how tight it is (a few ulps).
inline void log1pmx_point(mpfi_ptr r, mpfr_srcptr a) {
  const mpfr_prec_t p = mpfi_get_prec(r) + 16; // guard bits; r's rounding is outward
  interval x(std::max(p, mpfr_get_prec(a))), s(p), s2(p), power(p), term(p), sum(p), t(p);
  mpfi_set_fr(x.get(), a); // exact
  mpfi_add_si(t.get(), x.get(), 2);
  mpfi_div(s.get(), x.get(), t.get()); // s = a/(2 + a)
  mpfi_sqr(s2.get(), s.get());
  mpfi_mul(power.get(), s.get(), s2.get()); // s^3
  mpfi_set_si(sum.get(), 0);
  real mag(p), mig(p);
  long next = 3; // the first term not yet in sum is s^next/next, and power = s^next
  while (true) {
    mpfi_div_si(term.get(), power.get(), next);
    mpfi_add(sum.get(), sum.get(), term.get());
    mpfi_mul(power.get(), power.get(), s2.get());
    next += 2;
    mpfi_mag(mag.get(), term.get());
    mpfi_mig(mig.get(), sum.get());
    mpfr_mul_2si(mig.get(), mig.get(), -static_cast<long>(p) - 8, MPFR_RNDD);
    // |s| ≤ 1/3: about (p + 8)/3 terms; the cap only bounds the loop (the tail stays rigorous)
    if (mpfr_lessequal_p(mag.get(), mig.get()) || next > 8 * p + 64) break;
  }
  // tail: Σ_{j ≥ next, j odd} |s|^j/j ≤ (5/4)·|s|^next/next, every step rounded up
  real bound(p), minus(p);
  mpfi_mag(bound.get(), power.get());
  mpfr_div_si(bound.get(), bound.get(), next, MPFR_RNDU);
  mpfr_mul_ui(bound.get(), bound.get(), 5, MPFR_RNDU);
  mpfr_div_ui(bound.get(), bound.get(), 4, MPFR_RNDU);
  mpfr_neg(minus.get(), bound.get(), MPFR_RNDD);
  mpfi_interv_fr(t.get(), minus.get(), bound.get());
  mpfi_add(sum.get(), sum.get(), t.get());
  mpfi_mul_2ui(sum.get(), sum.get(), 1); // 2·(atanh(s) − s)
  mpfi_mul(t.get(), x.get(), s.get());   // a·s = a²/(2 + a)
  mpfi_sub(r, sum.get(), t.get());
}

/// An enclosure of log1pmx(a) for one point a ≥ −1 of any size, into r.
inline void log1pmx_at(mpfi_ptr r, mpfr_srcptr a) {
  if (mpfr_inf_p(a) && mpfr_sgn(a) > 0) { // log(1 + a) − a → −∞
    real inf(mpfi_get_prec(r));
    mpfr_set_inf(inf.get(), -1);
    mpfi_set_fr(r, inf.get());
    return;
  }
  // The series takes about (p + 8) / (2 log2(1/|s|)) terms, each a product at p bits: cheap for
  // tiny a, but at high precision and |a| near 1/2 far dearer than one logarithm. When it would
  // take more than 32 terms (|a| >= 2^-((p + 8)/64)), log1p(a) - a is formed instead at p + 16 +
  // (4 - e) bits, |a| in [2^(e-1), 2^e): the subtraction cancels about log2(2/|a|) <= 2 - e bits
  // (log1pmx(a) ~ -a^2/2 against log1p(a) ~ a), which the extra bits absorb. Either way every
  // operation is outward-rounded, so the result encloses log1pmx(a); the choice only sets cost.
  if (mpfr_cmp_d(a, -0.5) >= 0 && mpfr_cmp_d(a, 0.5) <= 0) {
    const long e = mpfr_zero_p(a) ? LONG_MIN / 2 : static_cast<long>(mpfr_get_exp(a));
    const long p = static_cast<long>(mpfi_get_prec(r));
    if (mpfr_zero_p(a) || -e * 64 >= p + 8) {
      log1pmx_point(r, a);
      return;
    }
    interval x(mpfr_get_prec(a)), t(static_cast<mpfr_prec_t>(p + 16 + 4 - e));
    mpfi_set_fr(x.get(), a); // exact
    mpfi_log1p(t.get(), x.get());
    mpfi_sub(r, t.get(), x.get());
    return;
  }
  // |a| > 1/2: |log(1 + a)| and |a| are at most 5.3 times |log1pmx(a)| (the worst case is a = 1/2),
  // so log1p(a) − a as it stands loses under 3 bits, which the 16 guard bits absorb.
  interval x(mpfr_get_prec(a)), t(mpfi_get_prec(r) + 16);
  mpfi_set_fr(x.get(), a); // exact
  mpfi_log1p(t.get(), x.get());
  mpfi_sub(r, t.get(), x.get());
}

/// An enclosure of {log1pmx(x) : x ∈ X} into r. log1pmx increases on [−1, 0] and decreases on
/// [0, +∞) (its derivative is −x/(1 + x)) and is ≤ 0, so the enclosure follows from enclosures at
/// the two endpoints a ≤ b of X: [lo f(a), hi f(b)] when b ≤ 0, [lo f(b), hi f(a)] when a ≥ 0, and
/// [min(lo f(a), lo f(b)), 0] when 0 is inside; its upper end is then cut at 0. X reaching below
/// −1 (or NaN) has no real image: r is then MPFI's log1p(X) − X, which says so (NaN).
inline void log1pmx(mpfi_ptr r, mpfi_srcptr x) {
  const mpfr_prec_t p = mpfi_get_prec(x);
  real a(p), b(p);
  mpfi_get_left(a.get(), x); // exact: same precision
  mpfi_get_right(b.get(), x);
  if (mpfi_nan_p(x) || mpfr_nan_p(a.get()) || mpfr_cmp_si(a.get(), -1) < 0) {
    interval t(p);
    mpfi_log1p(t.get(), x);
    mpfi_sub(r, t.get(), x);
    return;
  }
  interval fa(mpfi_get_prec(r)), fb(mpfi_get_prec(r));
  log1pmx_at(fa.get(), a.get());
  log1pmx_at(fb.get(), b.get());
  real lo(mpfi_get_prec(r)), hi(mpfi_get_prec(r)), u(mpfi_get_prec(r));
  if (mpfr_sgn(b.get()) <= 0) {
    mpfi_get_left(lo.get(), fa.get());
    mpfi_get_right(hi.get(), fb.get());
  } else if (mpfr_sgn(a.get()) >= 0) {
    mpfi_get_left(lo.get(), fb.get());
    mpfi_get_right(hi.get(), fa.get());
  } else {
    mpfi_get_left(lo.get(), fa.get());
    mpfi_get_left(u.get(), fb.get());
    mpfr_min(lo.get(), lo.get(), u.get(), MPFR_RNDD);
    mpfr_set_zero(hi.get(), 1);
  }
  if (mpfr_sgn(hi.get()) > 0) mpfr_set_zero(hi.get(), 1); // log1pmx ≤ 0
  mpfi_interv_fr(r, lo.get(), hi.get());
}

} // namespace mpfi
} // namespace gibbs::detail

#endif // GIBBS_NUMBER_DETAIL_MPFI_LOG1PMX_HPP
