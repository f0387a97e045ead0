// The oracle's bulk kernel (oracle/detail/kernel.hpp) against MPFR:
//  * its table, re-derived here entry by entry (not by the generator);
//  * log_k within RHO_LOG_K and kl_near within RHO_NEAR, relative, on random and edge inputs;
//  * every certified pass: |computed sum - exact sum| <= the pass's own error bound, for KL,
//    generalized KL, entropy and cross-entropy on near-equal, far, mixed, subnormal and huge
//    inputs, and for JS, NLL, perplexity and cross-entropy from logits — the property the
//    rounding test relies on;
//  * a differential test: random requests of every measure, format, base and variant give the
//    same value and enclosure through the fast and the interval path;
//  * the FMA build and the portable build of the kernel each keep their bounds;
//  * the rounding test declines an enclosure that straddles a midpoint, and the oracle still
//    answers through the interval path.
// Reference values: MPFR at 1000 bits, textbook formulas p log(p/q) and -p log p (a different
// formula from the kernel's Bregman series and table log), computed here; fixed seeds.
#include "reference.hpp"

#include <gibbs/oracle/detail/exact_sum.hpp>
#include <gibbs/oracle/detail/kernel.hpp>

#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <random>
#include <vector>

namespace K = gibbs::oracle::detail::kernel;
namespace certified = gibbs::oracle::detail::certified;
using gibbs::oracle::measure;

namespace {

/// |hi + lo - exact| (absolute), rounded up.
double abs_error(double hi, double lo, mpfr_srcptr exact) {
  ref::mp c(1200);
  mpfr_set_d(c, hi, MPFR_RNDN);
  mpfr_add_d(c, c, lo, MPFR_RNDN);
  mpfr_sub(c, c, exact, MPFR_RNDN);
  mpfr_abs(c, c, MPFR_RNDN);
  return mpfr_get_d(c, MPFR_RNDU);
}

/// p log(p/q) - p + q at 1000 bits (p, q > 0).
void bregman_exact(double p, double q, mpfr_ptr out) {
  ref::mp a(1000);
  mpfr_set_d(a, p, MPFR_RNDN);
  mpfr_div_d(a, a, q, MPFR_RNDN);
  mpfr_log(a, a, MPFR_RNDN);
  mpfr_mul_d(a, a, p, MPFR_RNDN);
  mpfr_sub_d(a, a, p, MPFR_RNDN);
  mpfr_add_d(out, a, q, MPFR_RNDN);
}

double rel_error(double hi, double lo, mpfr_srcptr exact) {
  const double a = abs_error(hi, lo, exact);
  return a / std::fabs(mpfr_get_d(exact, MPFR_RNDZ));
}

/// sum_i p log(p/q) (- p + q if generalized), or -sum p log x, at 1000 bits.
void reference_sum(measure what, bool generalized, const std::vector<double>& p,
                   const std::vector<double>& q, mpfr_ptr out) {
  ref::mp a(1000), b(1000);
  mpfr_set_zero(out, 1);
  for (std::size_t i = 0; i < p.size(); ++i) {
    if (what == measure::kl) {
      if (generalized) {
        mpfr_add_d(out, out, q[i], MPFR_RNDN);
        mpfr_sub_d(out, out, p[i], MPFR_RNDN);
      }
      if (p[i] == 0) continue;
      mpfr_set_d(a, p[i], MPFR_RNDN);
      mpfr_div_d(a, a, q[i], MPFR_RNDN);
      mpfr_log(a, a, MPFR_RNDN);
      mpfr_mul_d(a, a, p[i], MPFR_RNDN);
      mpfr_add(out, out, a, MPFR_RNDN);
    } else {
      if (p[i] == 0) continue;
      ref::log_d(a, what == measure::entropy ? p[i] : q[i]);
      mpfr_mul_d(a, a, p[i], MPFR_RNDN);
      mpfr_sub(out, out, a, MPFR_RNDN);
    }
  }
}

void check_pass(measure what, bool generalized, const std::vector<double>& p,
                const std::vector<double>& q) {
  const certified::sum_result s = what == measure::kl
                                      ? K::kl(p, q, generalized)
                                      : K::entropy(p, what == measure::entropy ? p : q);
  ref::mp exact(1000);
  reference_sum(what, generalized, p, q, exact);
  INFO("n = " << p.size() << " value " << s.value.hi << " bound " << s.error);
  REQUIRE(s.ok);
  const double err = abs_error(s.value.hi, s.value.lo, exact);
  CHECK(err <= s.error);
}

std::vector<double> perturbed(std::mt19937_64& g, const std::vector<double>& p, int lo_exp,
                              int hi_exp) {
  std::uniform_real_distribution<double> u(-1.0, 1.0);
  std::uniform_int_distribution<int> e(lo_exp, hi_exp);
  std::vector<double> q(p);
  for (double& x : q)
    x *= 1 + u(g) * std::ldexp(1.0, e(g));
  return q;
}

} // namespace

TEST_CASE("log table entries re-derived with MPFR", "[oracle][kernel]") {
  ref::mp t(400), r(400), m(400);
  for (std::size_t i = 0; i < K::log_table.size(); ++i) {
    const K::log_entry& e = K::log_table[i];
    const bool upper = static_cast<int>(i) >= K::log_upper;
    mpfr_set_d(t, upper ? 2 * e.c : e.c, MPFR_RNDN);
    mpfr_log(t, t, MPFR_RNDN);
    mpfr_neg(t, t, MPFR_RNDN);
    INFO("entry " << i);
    CHECK(e.t_hi == mpfr_get_d(t, MPFR_RNDN));
    mpfr_sub_d(r, t, e.t_hi, MPFR_RNDN);
    CHECK(e.t_lo == mpfr_get_d(r, MPFR_RNDN));
    // |m c - 1| <= 2^-9 on the closed interval [1 + i/512, 1 + (i+1)/512]
    for (double mm : {1 + static_cast<double>(i) / 512, 1 + static_cast<double>(i + 1) / 512}) {
      mpfr_set_d(m, mm, MPFR_RNDN);
      mpfr_mul_d(m, m, e.c, MPFR_RNDN);
      mpfr_sub_ui(m, m, 1, MPFR_RNDN);
      CHECK(std::fabs(mpfr_get_d(m, MPFR_RNDA)) <= 0x1p-9);
    }
  }
  // the entries that make log x near 1 a plain log1p(z)
  CHECK(K::log_table[0].c == 1.0);
  CHECK(K::log_table[511].c == 0.5);
  CHECK(K::log_upper > 212); // 1 + 213/512 > sqrt(2)
}

TEST_CASE("log_k is within RHO_LOG_K of log", "[oracle][kernel]") {
  std::mt19937_64 g(76);
  std::uniform_real_distribution<double> u(-1.0, 1.0);
  ref::mp exact(1000);
  double worst = 0;
  const double edges[] = {0x1p-1000,   0x1p1000,      1 + 0x1p-52, 1 - 0x1p-53, 0x1.6a09e667f3bcdp0,
                          2 - 0x1p-52, 0.5 + 0x1p-54, 1 + 0x1p-9,  1 - 0x1p-10, 3.0};
  auto check = [&](double xh, double xl) {
    const K::dd_pair x = K::two_sum(xh, xl);
    if (x.hi == 1 && x.lo == 0) return;
    mpfr_set_d(exact, x.hi, MPFR_RNDN);
    mpfr_add_d(exact, exact, x.lo, MPFR_RNDN);
    mpfr_log(exact, exact, MPFR_RNDN);
    const K::dd_pair L = K::log_k(x.hi, x.lo);
    const double e = rel_error(L.hi, L.lo, exact);
    worst = std::max(worst, e);
    INFO("x = " << x.hi << " + " << x.lo);
    REQUIRE(e <= K::RHO_LOG_K);
  };
  for (double x : edges) {
    check(x, 0.0);
    check(x, x * 0x1p-54);
    check(x, -x * 0x1p-53);
  }
  for (int i = 0; i < 200000; ++i) {
    double x;
    switch (i % 4) {
    case 0:
      x = std::ldexp(1 + std::fabs(u(g)), static_cast<int>(u(g) * 999));
      break;
    case 1:
      x = 1 + u(g) * 0x1p-6;
      break;
    case 2:
      x = 1 + u(g) * std::ldexp(1.0, -9 - static_cast<int>(std::fabs(u(g)) * 44));
      break;
    default:
      x = std::ldexp(1 + std::fabs(u(g)), static_cast<int>(u(g) * 3));
      break;
    }
    check(x, i % 2 ? x * u(g) * 0x1p-53 : 0.0);
  }
  WARN("worst relative error of log_k: 2^" << std::log2(worst) << " (RHO_LOG_K = 2^-76)");
}

TEST_CASE("kl_near is within RHO_NEAR of the Bregman term", "[oracle][kernel]") {
  std::mt19937_64 g(80);
  std::uniform_real_distribution<double> u(-1.0, 1.0);
  ref::mp exact(1000);
  double worst = 0;
  for (int i = 0; i < 200000; ++i) {
    const double q = std::ldexp(1 + std::fabs(u(g)), -static_cast<int>(std::fabs(u(g)) * 790));
    double p = q * (1 + u(g) * std::ldexp(1.0, -7 - static_cast<int>(std::fabs(u(g)) * 47)));
    if (i % 7 == 0) p = std::nextafter(q, i % 2 ? 0.0 : 1.0);
    const double d = p - q;
    if (d == 0 || !(std::fabs(d) < 0x1p-7 * q) || !K::ordinary(p)) continue;
    bregman_exact(p, q, exact);
    const K::dd_pair t = K::kl_near(d, q);
    const double e = rel_error(t.hi, t.lo, exact);
    worst = std::max(worst, e);
    INFO("p = " << p << " q = " << q);
    REQUIRE(e <= K::RHO_NEAR);
  }
  WARN("worst relative error of kl_near: 2^" << std::log2(worst) << " (RHO_NEAR = 2^-80)");
}

TEST_CASE("every pass's bound contains the exact sum", "[oracle][kernel]") {
  std::mt19937_64 g(2026);
  for (std::size_t n : {1, 2, 7, 300, 5000}) {
    const std::vector<double> p = ref::distribution(g, n, 0.1, 0.1);
    const std::vector<double> q = ref::distribution(g, n, 0.0, 0.1);
    for (bool gen : {false, true})
      check_pass(measure::kl, gen, p, q);
    check_pass(measure::entropy, false, p, p);
    check_pass(measure::cross_entropy, false, p, q);
    // near-equal pairs at several distances (the series, the log at |u| >= 2^-7, both)
    for (int e : {-53, -40, -20, -8, -6, -3}) {
      const std::vector<double> r = perturbed(g, p, e - 3, e);
      check_pass(measure::kl, false, p, r);
      check_pass(measure::kl, true, p, r);
    }
  }
  // extreme masses: subnormal, below 2^-800, huge generalized masses, ratios beyond 2^1000
  const std::vector<double> p = {1e-310, 3e-320, 0x1p-801, 0x1p-799, 0.25, 1e300, 0x1p-1000, 0.5};
  const std::vector<double> q = {2e-310, 1e-300, 0x1p-799, 0x1p-801, 1e-300, 1.0, 0x1p500, 0.5};
  check_pass(measure::kl, true, p, q);
  check_pass(measure::kl, false, p, q);
  check_pass(measure::entropy, false, p, p);
}

TEST_CASE("JS, NLL and perplexity: the bound contains the exact value", "[oracle][kernel]") {
  std::mt19937_64 g(31);
  auto contains = [](const gibbs::oracle::request& r, const certified::sum_result& s) {
    ref::mp exact(1000);
    ref::value(r, exact);
    INFO("n = " << r.q.size() << " value " << s.value.hi << " bound " << s.error);
    REQUIRE(s.ok);
    CHECK(abs_error(s.value.hi, s.value.lo, exact) <= s.error);
  };
  for (std::size_t n : {2, 9, 400, 6000}) {
    const std::vector<double> p = ref::distribution(g, n, 0.1, 0.0);
    for (int e : {-50, -30, -12, -6, -4, -1}) {
      gibbs::oracle::request r;
      r.what = measure::js;
      r.p = p;
      r.q = perturbed(g, p, e - 2, e);
      contains(r, K::jensen_shannon(r.p, r.q));
    }
    gibbs::oracle::request r;
    r.what = measure::js;
    r.p = p;
    r.q = ref::distribution(g, n, 0.1, 0.0);
    contains(r, K::jensen_shannon(r.p, r.q));
    // tiny and subnormal masses (js_slow), against each other and against ordinary ones
    r.p = ref::distribution(g, n, 0.1, 0.3);
    r.q = ref::distribution(g, n, 0.0, 0.3);
    contains(r, K::jensen_shannon(r.p, r.q));
    // NLL and perplexity of samples drawn uniformly from the classes with q > 0
    r.q = ref::distribution(g, n, 0.0, 0.1);
    r.p.clear();
    std::uniform_int_distribution<std::int64_t> cls(0, static_cast<std::int64_t>(n) - 1);
    std::vector<std::int64_t> counts(n, 0);
    for (std::size_t k = 0; k < 3 * n + 1; ++k) {
      const std::int64_t c = cls(g);
      r.samples.push_back(c);
      ++counts[static_cast<std::size_t>(c)];
    }
    const auto N = static_cast<std::int64_t>(r.samples.size());
    for (measure m : {measure::nll, measure::perplexity}) {
      r.what = m;
      const certified::sum_result s = K::nll(r.q, counts, N);
      contains(r, m == measure::nll ? s : K::exponentiate(s));
    }
  }
}

TEST_CASE("logits: the bound contains the exact value", "[oracle][kernel]") {
  std::mt19937_64 g(47);
  std::normal_distribution<double> normal(0.0, 1.0);
  for (std::size_t n : {2, 3, 50, 4000}) {
    for (double scale : {1e-15, 1e-3, 1.0, 40.0, 400.0}) {
      gibbs::oracle::request r;
      r.what = measure::logits_cross_entropy;
      r.logits.resize(n);
      for (double& z : r.logits)
        z = normal(g) * scale;
      if (n > 2) r.logits[1] = r.logits[0]; // a tie
      for (int kind = 0; kind < 3; ++kind) {
        r.target.clear();
        if (kind == 2) {
          r.target = ref::distribution(g, n, 0.2, 0.1);
        } else {
          // the class of the largest logit, or another one
          std::size_t im = 0;
          for (std::size_t i = 1; i < n; ++i)
            if (r.logits[i] > r.logits[im]) im = i;
          r.target_index = static_cast<std::int64_t>(kind == 0 ? im : (im + 1) % n);
        }
        const certified::sum_result s = K::logits_cross_entropy(r.logits, r.target_index, r.target);
        ref::mp exact(1000);
        ref::value(r, exact);
        INFO("n = " << n << " scale " << scale << " kind " << kind << " value " << s.value.hi
                    << " bound " << s.error);
        REQUIRE(s.ok);
        CHECK(abs_error(s.value.hi, s.value.lo, exact) <= s.error);
      }
    }
  }
}

#if GIBBS_KERNEL_DISPATCH
namespace {
// log_k and kl_near as compiled inside the FMA build (where GCC may also contract a * b + c).
[[gnu::target("fma")]] K::dd_pair log_k_fma(double h, double l) {
  return K::log_k(h, l);
}
[[gnu::target("fma")]] K::dd_pair kl_near_fma(double d, double q) {
  return K::kl_near(d, q);
}
} // namespace

TEST_CASE("the FMA build and the portable build both keep their bounds", "[oracle][kernel]") {
  // They need not give the same bits: GCC contracts a * b + c into an FMA where it may (its
  // default in C++), which only removes roundings; the steps whose exactness matters are
  // written so that no contraction applies to them. Each build is checked on its own.
  if (!K::have_fma()) return;
  std::mt19937_64 g(3);
  std::uniform_real_distribution<double> u(-1.0, 1.0);
  ref::mp exact(1000);
  for (int i = 0; i < 50000; ++i) {
    const double x = std::ldexp(1 + std::fabs(u(g)), static_cast<int>(u(g) * (i % 2 ? 4 : 900)));
    const double xl = i % 3 ? 0.0 : x * u(g) * 0x1p-53;
    const K::dd_pair xx = K::two_sum(x, xl);
    if (xx.hi == 1 && xx.lo == 0) continue;
    mpfr_set_d(exact, xx.hi, MPFR_RNDN);
    mpfr_add_d(exact, exact, xx.lo, MPFR_RNDN);
    mpfr_log(exact, exact, MPFR_RNDN);
    const K::dd_pair L = log_k_fma(xx.hi, xx.lo);
    REQUIRE(rel_error(L.hi, L.lo, exact) <= K::RHO_LOG_K);
    const double q = std::ldexp(1 + std::fabs(u(g)), -static_cast<int>(std::fabs(u(g)) * 700));
    const double p = q * (1 + u(g) * std::ldexp(1.0, -7 - static_cast<int>(std::fabs(u(g)) * 46)));
    if (p == q || !(std::fabs(p - q) < 0x1p-7 * q)) continue;
    bregman_exact(p, q, exact);
    const K::dd_pair t = kl_near_fma(p - q, q);
    REQUIRE(rel_error(t.hi, t.lo, exact) <= K::RHO_NEAR);
  }
  // whole passes of both builds (check_pass above goes through the dispatch)
  const std::vector<double> p = ref::distribution(g, 3000, 0.05, 0.05);
  const std::vector<double> q = perturbed(g, p, -30, -2);
  for (bool gen : {false, true}) {
    ref::mp ex(1000);
    reference_sum(measure::kl, gen, p, q, ex);
    K::pass r1, r2;
    K::kl_fma(p, q, gen, r1);
    K::kl_portable(p, q, gen, r2);
    for (const K::pass* r : {&r1, &r2}) {
      const certified::sum_result s = K::certify(*r);
      CHECK(abs_error(s.value.hi, s.value.lo, ex) <= s.error);
    }
  }
}
#endif

TEST_CASE("the rounding test declines a straddling enclosure; the interval path decides",
          "[oracle][kernel]") {
  // h + l = 1 + 2^-53 is the midpoint between 1 and 1 + 2^-52: any error bound straddles it.
  certified::sum_result s;
  s.value = gibbs::double_double(1.0, 0x1p-53);
  s.error = 0x1p-80;
  s.ok = true;
  gibbs::oracle::result res;
  CHECK_FALSE(certified::decide(s, gibbs::oracle::format::binary64, res));
  // A generalized KL whose value is subnormal (about 2^-1058): the fast path must hand over
  // (it decides only sums above 2^-960).
  gibbs::oracle::request r;
  r.what = measure::generalized_kl;
  r.p = {1e-300, 0.0};
  r.q = {1e-300 * (1 + 0x1p-30), 0.0};
  ref::mp exact(1000);
  ref::value(r, exact);
  const gibbs::oracle::result v = gibbs::oracle::evaluate(r);
  CHECK_FALSE(v.fast_path);
  CHECK(v.value == exact.to_double());
}

TEST_CASE("random requests of every measure: the fast and the interval path agree",
          "[oracle][kernel][differential]") {
  // Distributions with zeros, tiny and subnormal masses, near-equal pairs (relative
  // perturbations 2^-1 ... 2^-60), unnormalised q (generalized variant), scaled p and q (the
  // normalized variant), binary32, bases e, 2, 10, logits at scales 2^-8 ... 2^12. Both paths must
  // give the same value and enclosure, or both reject the input. (Reference: the MPFI path, whose
  // enclosure tests/oracle/reference.cpp checks against 1000-bit MPFR.)
  std::mt19937_64 g(424242);
  std::uniform_real_distribution<double> U(0.0, 1.0);
  auto dist = [&](std::size_t n, int mode) {
    std::vector<double> p(n);
    double s = 0;
    for (double& x : p) {
      const double r = U(g);
      if ((mode & 1) && r < 0.2)
        x = 0;
      else if ((mode & 2) && r < 0.4)
        x = std::ldexp(U(g), -static_cast<int>(U(g) * 1070));
      else
        x = -std::log(U(g) + 1e-300);
      s += x;
    }
    if (s == 0) p[0] = s = 1;
    for (double& x : p)
      x /= s;
    return p;
  };
  int decided_fast = 0, compared = 0;
  for (int it = 0; it < 20000; ++it) {
    const auto n = static_cast<std::size_t>(1 + U(g) * U(g) * 60);
    gibbs::oracle::request r;
    r.p = dist(n, static_cast<int>(U(g) * 4));
    const double pert = std::ldexp(1.0, -static_cast<int>(U(g) * 60));
    r.q = r.p;
    for (double& x : r.q)
      x *= 1 + (U(g) - 0.5) * pert;
    if (U(g) < 0.3) r.q = dist(n, static_cast<int>(U(g) * 4));
    double sq = 0;
    for (double x : r.q)
      sq += x;
    if (U(g) < 0.5)
      for (double& x : r.q)
        x /= sq;
    if (U(g) < 0.2) {
      r.fmt = gibbs::oracle::format::binary32;
      for (double& x : r.p)
        x = static_cast<float>(x);
      for (double& x : r.q)
        x = static_cast<float>(x);
    }
    r.what = static_cast<measure>(static_cast<int>(U(g) * 9));
    if (r.what == measure::nll || r.what == measure::perplexity)
      for (std::size_t k = 0; k < 2 * n + 1; ++k)
        r.samples.push_back(static_cast<std::int64_t>(U(g) * static_cast<double>(n)));
    if (r.what == measure::logits_cross_entropy) {
      r.logits.resize(n);
      for (double& z : r.logits) {
        z = (U(g) - 0.5) * std::ldexp(1.0, static_cast<int>(U(g) * 20) - 8);
        if (r.fmt == gibbs::oracle::format::binary32) z = static_cast<float>(z);
      }
      if (U(g) < 0.5)
        r.target_index = static_cast<std::int64_t>(U(g) * static_cast<double>(n));
      else
        r.target = r.p;
    }
    const double b = U(g);
    r.base = b < 0.6 ? 0 : b < 0.8 ? 2 : 10;
    if (r.what == measure::kl && U(g) < 0.2) {
      r.var = gibbs::oracle::variant::generalized;
    } else if (U(g) < 0.3) { // normalized: scale p and q (by the same or different factors)
      r.var = gibbs::oracle::variant::normalized;
      const double a = std::ldexp(0.5 + U(g), static_cast<int>(U(g) * 20) - 10);
      const double c = U(g) < 0.5 ? a : std::ldexp(0.5 + U(g), static_cast<int>(U(g) * 20) - 10);
      for (double& x : r.p)
        x = r.fmt == gibbs::oracle::format::binary32 ? static_cast<float>(x * a) : x * a;
      for (double& x : r.q)
        x = r.fmt == gibbs::oracle::format::binary32 ? static_cast<float>(x * c) : x * c;
    }
    gibbs::oracle::request slow_r = r;
    slow_r.allow_fast_path = false;
    bool fast_threw = false, slow_threw = false;
    gibbs::oracle::result a, c;
    try {
      a = gibbs::oracle::evaluate(r);
    } catch (const std::exception&) {
      fast_threw = true;
    }
    try {
      c = gibbs::oracle::evaluate(slow_r);
    } catch (const std::exception&) {
      slow_threw = true;
    }
    INFO("iteration " << it << " measure " << static_cast<int>(r.what) << " n " << n);
    REQUIRE(fast_threw == slow_threw);
    if (fast_threw) continue;
    ++compared;
    if (a.fast_path) ++decided_fast;
    CHECK(a.value == c.value);
    CHECK(a.lo == c.lo);
    CHECK(a.hi == c.hi);
  }
  WARN(compared << " requests compared, " << decided_fast << " decided by the fast path");
  CHECK(decided_fast > compared / 2);
}

TEST_CASE("fixed_sum: the exact sum of doubles in fixed point", "[oracle][kernel][sum]") {
  // Reference: MPFR additions at 4400 bits, which hold every bit of these sums (the doubles span
  // 2^-1074 .. 2^1024, and fewer than 2^20 of them are added); each is checked to be exact.
  using gibbs::oracle::detail::big;
  using gibbs::oracle::detail::fixed_sum;
  std::mt19937_64 g(7117);
  std::uniform_real_distribution<double> U(0.0, 1.0);
  for (int rep = 0; rep < 200; ++rep) {
    const std::size_t n = 1 + static_cast<std::size_t>(U(g) * (rep < 190 ? 300 : 200000));
    std::vector<double> x(n);
    for (double& v : x) {
      const double kind = U(g);
      if (kind < 0.1)
        v = std::ldexp(U(g), -1074 + static_cast<int>(U(g) * 60)); // subnormal
      else if (kind < 0.2)
        v = std::ldexp(0.5 + U(g) / 2, 1000 + static_cast<int>(U(g) * 24)); // near the largest
      else if (kind < 0.25)
        v = std::numeric_limits<double>::max();
      else
        v = std::ldexp(U(g), static_cast<int>(U(g) * 200) - 100);
      if (U(g) < 0.4) v = -v;
    }
    if (rep % 10 == 3) { // a sum that cancels to (almost) nothing
      const std::size_t m = x.size();
      for (std::size_t i = 0; i < m; ++i)
        x.push_back(-x[i]);
      x.push_back(0x1p-1074);
    }
    fixed_sum f;
    big want(4400), got(64);
    mpfr_set_zero(want.get(), 1);
    for (double v : x) {
      f.add(v);
      REQUIRE(mpfr_add_d(want.get(), want.get(), v, MPFR_RNDN) == 0);
    }
    f.get(got);
    INFO("rep " << rep << " n " << x.size());
    CHECK(mpfr_equal_p(want.get(), got.get()));
  }
  fixed_sum zero;
  big z(64);
  zero.add(0.0);
  zero.add(-0.0);
  zero.get(z);
  CHECK(mpfr_zero_p(z.get()));
}
