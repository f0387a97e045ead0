// The oracle against independent references.
// Reference values: MPFR at 1000 bits with the textbook formulas (tests/oracle/reference.hpp),
// computed in this file for pseudo-random inputs (std::mt19937_64, fixed seeds).
#include "reference.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <random>
#include <utility>
#include <vector>

using namespace gibbs::oracle;

namespace {

/// The oracle's answer encloses the reference, rounds it correctly and has adjacent bounds.
void check_against_reference(const request& r, const result& res) {
  ref::mp exact(1000);
  ref::value(r, exact);
  const bool single = r.fmt == format::binary32;
  const double rn = single ? static_cast<double>(exact.to_float()) : exact.to_double();
  INFO("measure " << static_cast<int>(r.what) << " base " << r.base << " n " << r.p.size());
  INFO("value " << res.value << " reference " << rn << " bits " << res.precision_bits);
  CHECK(res.value == rn);
  CHECK(mpfr_cmp_d(exact.get(), res.lo) >= 0);
  CHECK(mpfr_cmp_d(exact.get(), res.hi) <= 0);
  if (!res.exact) {
    const double up =
        single ? static_cast<double>(std::nextafter(static_cast<float>(res.lo), INFINITY))
               : std::nextafter(res.lo, INFINITY);
    CHECK(up == res.hi);
  }
  CHECK(res.fmt == r.fmt);
}

void check_both_paths(request r) {
  r.allow_fast_path = true;
  const result fast = evaluate(r);
  check_against_reference(r, fast);
  r.allow_fast_path = false;
  const result slow = evaluate(r);
  check_against_reference(r, slow);
  CHECK_FALSE(slow.fast_path);
  CHECK(fast.value == slow.value);
}

/// p and q of n entries: kind 0 random (a share `zeros` of p zero), 1 near-equal (q = p moved by
/// an ulp at every third entry), 2 random with the mass of q[n/2] moved to q[0] but for a
/// subnormal.
void pair_of_kind(std::mt19937_64& g, std::size_t n, int kind, request& r, double zeros = 0) {
  r.p = ref::distribution(g, n, zeros);
  r.q = kind == 1 ? r.p : ref::distribution(g, n);
  if (kind == 1)
    for (std::size_t i = 0; i < n; i += 3)
      r.q[i] = std::nextafter(r.q[i], i % 2 ? 0.0 : 1.0);
  if (kind == 2) {
    r.q[0] += r.q[n / 2];
    r.q[n / 2] = 0x1p-1060;
  }
}

} // namespace

TEST_CASE("every measure rounds the 1000-bit reference correctly", "[oracle][reference]") {
  std::mt19937_64 g(20261124);
  const measure two[] = {measure::kl, measure::reverse_kl, measure::cross_entropy, measure::js,
                         measure::generalized_kl};
  for (std::size_t n : {1u, 2u, 3u, 10u, 100u}) {
    for (int rep = 0; rep < 4; ++rep) {
      request r;
      r.p = ref::distribution(g, n, rep == 1 ? 0.3 : 0.0, rep == 2 ? 0.3 : 0.0);
      r.q = ref::distribution(g, n, 0.0, rep == 3 ? 0.3 : 0.0);
      r.what = measure::entropy;
      check_both_paths(r);
      for (measure m : two) {
        r.what = m;
        check_both_paths(r);
      }
    }
  }
}

TEST_CASE("bases 2 and 10, and an arbitrary base", "[oracle][reference]") {
  std::mt19937_64 g(7);
  for (double base : {2.0, 10.0, 0.5, 3.0}) {
    request r;
    r.base = base;
    r.p = ref::distribution(g, 20);
    r.q = ref::distribution(g, 20);
    for (measure m : {measure::entropy, measure::kl, measure::cross_entropy, measure::js}) {
      r.what = m;
      check_both_paths(r);
    }
  }
}

TEST_CASE("normalized variant", "[oracle][reference]") {
  std::mt19937_64 g(11);
  request r;
  r.var = variant::normalized;
  r.p = {1, 2, 3, 0.5};
  r.q = {4, 1, 1, 0.25};
  for (measure m :
       {measure::entropy, measure::kl, measure::reverse_kl, measure::cross_entropy, measure::js}) {
    r.what = m;
    check_both_paths(r);
  }
  // p/sum(p) = q/sum(q) with different sums: exactly 0
  r.what = measure::kl;
  r.q = {3, 6, 9, 1.5};
  const result z = evaluate(r);
  CHECK(z.exact);
  CHECK(z.value == 0);
  // a normalized ratio of exactly 1/4 (a branch point of the Bregman term) must not trouble it
  r.p = {1, 7};
  r.q = {4, 4};
  check_both_paths(r);
}

TEST_CASE("normalized JS and KL: the double-double passes on p sum(q), q sum(p)",
          "[oracle][reference]") {
  // Unnormalized p and q at different scales, random or near-equal (q = c p moved by relative
  // 2^-k), with zeros (in p only for KL, whose q_i = 0 < p_i is infinite); the passes
  // (normalized.hpp jensen_shannon, kl_scaled) must decide almost every request, and every answer
  // round the 1000-bit reference (reference.hpp, from the normalized masses).
  std::mt19937_64 g(1717);
  std::uniform_real_distribution<double> U(0.0, 1.0);
  int fast = 0, total = 0;
  for (int rep = 0; rep < 360; ++rep) {
    const std::size_t n = 1 + static_cast<std::size_t>(U(g) * 300);
    request r;
    const measure which[] = {measure::js, measure::kl, measure::reverse_kl};
    r.what = which[rep % 3];
    r.var = variant::normalized;
    r.base = rep % 3 == 0 ? 2.0 : 0.0;
    // scales 2^+-20, and 2^+-300 for a third (sums far outside [2^-100, 2^100]: the passes
    // scale p and q by powers of two)
    const int spread = rep % 9 < 3 ? 600 : 40;
    const double a = std::ldexp(0.5 + U(g), static_cast<int>(U(g) * spread) - spread / 2);
    const double c = std::ldexp(0.5 + U(g), static_cast<int>(U(g) * spread) - spread / 2);
    r.p = ref::distribution(g, n, rep % 4 == 1 ? 0.2 : 0.0);
    r.q =
        rep % 2 ? ref::distribution(g, n, rep % 4 == 3 && r.what == measure::js ? 0.2 : 0.0) : r.p;
    if (r.what == measure::reverse_kl) std::swap(r.p, r.q);
    const double pert = std::ldexp(1.0, -static_cast<int>(U(g) * 50) - 1);
    for (std::size_t i = 0; i < n; ++i) {
      r.p[i] *= a;
      r.q[i] *= c * (rep % 2 ? 1 : 1 + (U(g) - 0.5) * pert);
    }
    if (r.p == r.q) continue;
    ++total;
    r.allow_fast_path = true;
    const result res = evaluate(r);
    check_against_reference(r, res);
    fast += res.fast_path ? 1 : 0;
    r.allow_fast_path = false;
    CHECK(evaluate(r).value == res.value);
  }
  INFO(fast << " of " << total << " decided by the pass");
  CHECK(fast * 10 >= total * 9);
}

TEST_CASE("binary32 results", "[oracle][reference][binary32]") {
  std::mt19937_64 g(32);
  for (int rep = 0; rep < 10; ++rep) {
    request r;
    r.fmt = format::binary32;
    r.p = ref::to_float(ref::distribution(g, 16, 0.1));
    r.q = ref::to_float(ref::distribution(g, 16));
    for (measure m : {measure::entropy, measure::kl, measure::reverse_kl, measure::cross_entropy,
                      measure::js, measure::generalized_kl}) {
      r.what = m;
      check_both_paths(r);
    }
  }
  request bad;
  bad.fmt = format::binary32;
  bad.p = {0.1, 0.9};
  bad.q = {0.5, 0.5};
  CHECK_THROWS_WITH(evaluate(bad), Catch::Contains("p[0]") && Catch::Contains("binary32"));
}

TEST_CASE("nll, perplexity and logits", "[oracle][reference]") {
  std::mt19937_64 g(99);
  for (int rep = 0; rep < 5; ++rep) {
    request r;
    r.q = ref::distribution(g, 12);
    std::uniform_int_distribution<std::int64_t> pick(0, 11);
    for (int k = 0; k < 50; ++k)
      r.samples.push_back(pick(g));
    r.what = measure::nll;
    check_both_paths(r);
    r.what = measure::perplexity;
    check_both_paths(r);
    r.base = 2;
    r.what = measure::nll;
    check_both_paths(r);

    request l;
    l.what = measure::logits_cross_entropy;
    std::normal_distribution<double> z(0.0, 5.0);
    for (int k = 0; k < 12; ++k)
      l.logits.push_back(z(g));
    l.target_index = rep;
    check_both_paths(l);
    l.target_index = -1;
    l.target = ref::distribution(g, 12, 0.3);
    check_both_paths(l);
  }
}

TEST_CASE("correctly rounded decimal digits", "[oracle][digits]") {
  // Reference: mpfr_get_str of the 4000-bit textbook value, 1000 digits.
  std::mt19937_64 g(1000);
  request r;
  r.p = ref::distribution(g, 8);
  r.q = ref::distribution(g, 8);
  r.digits = 1000;
  for (measure m : {measure::kl, measure::entropy, measure::js}) {
    r.what = m;
    const result res = evaluate(r);
    ref::mp exact(4000);
    ref::value(r, exact);
    mpfr_exp_t e = 0;
    char* s = mpfr_get_str(nullptr, &e, 10, 1000, exact.get(), MPFR_RNDN);
    std::string digits(s);
    mpfr_free_str(s);
    const std::string want = digits.substr(0, 1) + "." + digits.substr(1);
    REQUIRE(res.digits.size() > want.size());
    CHECK(res.digits.substr(0, want.size()) == want);
    char exp[40];
    std::snprintf(exp, sizeof exp, "e%c%02ld", e - 1 < 0 ? '-' : '+',
                  static_cast<long>(e - 1 < 0 ? 1 - e : e - 1));
    CHECK(res.digits.substr(want.size()) == exp);
  }
  r.what = measure::kl;
  r.digits = 3;
  r.q = r.p;
  CHECK(evaluate(r).digits == "0.00e+00");
}

TEST_CASE("decimal digits of the sums of logarithms (their point evaluation, point_sum.hpp)",
          "[oracle][digits]") {
  // Every measure the point evaluation takes, on random, near-equal (relative 2^-40), zero and
  // subnormal masses, in bases e, 2 and 10, at 60 and 700 digits. Reference: mpfr_get_str of the
  // textbook value at 4000 bits (reference.hpp), which no cancellation of these inputs (at most
  // 55 bits) brings near the digits asked for.
  std::mt19937_64 g(6006);
  const measure all[] = {measure::kl,      measure::reverse_kl,    measure::generalized_kl,
                         measure::entropy, measure::cross_entropy, measure::js};
  for (int rep = 0; rep < 24; ++rep) {
    request r;
    const std::size_t n = 1 + static_cast<std::size_t>(rep * 7 % 40);
    r.p = ref::distribution(g, n, rep % 4 == 1 ? 0.3 : 0.0, rep % 4 == 2 ? 0.3 : 0.0);
    r.q = ref::distribution(g, n);
    if (rep % 3 == 0) {
      r.q = r.p;
      for (std::size_t i = 0; i < n; i += 2)
        r.q[i] = r.q[i] * (1 + 0x1p-40);
      for (std::size_t i = 1; i < n; i += 2)
        r.q[i] = r.q[i] * (1 - 0x1p-40);
    }
    r.base = rep % 3 == 1 ? 2.0 : rep % 3 == 2 ? 10.0 : 0.0;
    r.digits = rep % 2 ? 60 : 700;
    for (measure m : all) {
      r.what = m;
      if ((m == measure::kl || m == measure::cross_entropy) && r.q != r.p) {
        bool zero_q = false;
        for (std::size_t i = 0; i < n; ++i)
          zero_q = zero_q || (r.q[i] == 0 && r.p[i] > 0);
        if (zero_q) continue;
      }
      if (m == measure::reverse_kl) {
        bool zero_p = false;
        for (std::size_t i = 0; i < n; ++i)
          zero_p = zero_p || (r.p[i] == 0 && r.q[i] > 0);
        if (zero_p) continue;
      }
      request rr = r;
      if (m == measure::generalized_kl && rep % 2 == 0) rr.q[0] *= 3; // an unnormalized q
      result res;
      try {
        res = evaluate(rr);
      } catch (const std::exception& e) {
        FAIL("measure " << static_cast<int>(m) << " rep " << rep << ": " << e.what());
      }
      ref::mp exact(4000);
      ref::value(rr, exact);
      if (mpfr_zero_p(exact.get())) continue;
      mpfr_exp_t e = 0;
      char* str =
          mpfr_get_str(nullptr, &e, 10, static_cast<std::size_t>(r.digits), exact.get(), MPFR_RNDN);
      std::string digits(str);
      mpfr_free_str(str);
      std::string sign;
      if (digits[0] == '-') {
        sign = "-";
        digits.erase(0, 1);
      }
      char exp[40];
      std::snprintf(exp, sizeof exp, "e%c%02ld", e - 1 < 0 ? '-' : '+',
                    static_cast<long>(e - 1 < 0 ? 1 - e : e - 1));
      INFO("measure " << static_cast<int>(m) << " rep " << rep << " n " << n);
      CHECK(res.digits == sign + digits.substr(0, 1) + "." + digits.substr(1) + exp);
    }
  }
}

TEST_CASE("total variation, Hellinger, Renyi and chi-squared round the reference correctly",
          "[oracle][reference][distances]") {
  // Reference: tests/oracle/reference.hpp (MPFR, 1000 bits, textbook formulas: |p - q|, the
  // difference of square roots, mpfr_pow for p^alpha q^(1-alpha), (p - q)^2 / q).
  std::mt19937_64 g(20261201);
  for (std::size_t n : {1u, 2u, 3u, 10u, 100u}) {
    for (int rep = 0; rep < 4; ++rep) {
      request r;
      r.p = ref::distribution(g, n, rep == 1 ? 0.3 : 0.0, rep == 2 ? 0.3 : 0.0);
      r.q = ref::distribution(g, n, 0.0, rep == 3 ? 0.3 : 0.0);
      for (measure m : {measure::total_variation, measure::hellinger, measure::chi_squared})
        if (!(m == measure::chi_squared && rep == 1)) { // zeros in p only: chi^2 stays finite
          r.what = m;
          r.parameters.clear();
          check_both_paths(r);
        }
      r.what = measure::renyi;
      for (double alpha : {0.25, 0.5, 0.999, 1.5, 2.0, 7.0}) {
        r.parameters["alpha"] = alpha;
        check_both_paths(r);
      }
      r.base = 2;
      check_both_paths(r);
      r.base = 0;
    }
  }
}

TEST_CASE("chi-squared and Hellinger are decided by their double-double pass",
          "[oracle][reference][distances]") {
  // detail/kernel_distance.hpp: random pairs (n = 1000, 10^4), near-equal pairs (q = p moved by
  // a few ulps) and a pair with a subnormal mass (the pass declines; the interval path answers),
  // each against the 1000-bit reference of tests/oracle/reference.hpp.
  std::mt19937_64 g(20261202);
  for (measure m : {measure::chi_squared, measure::hellinger})
    for (std::size_t n : {1000u, 10000u})
      for (int kind = 0; kind < 3; ++kind) {
        request r;
        r.what = m;
        pair_of_kind(g, n, kind, r);
        const result res = evaluate(r);
        check_against_reference(r, res);
        INFO("measure " << static_cast<int>(m) << " n " << n << " kind " << kind);
        CHECK(res.fast_path == (kind != 2));
      }
}

TEST_CASE("Renyi divergences are decided by their double-double pass in log form",
          "[oracle][reference][distances]") {
  // detail/kernel_distance.hpp (renyi): random pairs must be decided by the pass; near-equal
  // pairs (q = p moved by a few ulps, where log S cancels against the shift) and a subnormal mass
  // may go to the interval path. All against the 1000-bit reference of tests/oracle/reference.hpp
  // (mpfr_pow of each term).
  std::mt19937_64 g(20261203);
  int fast = 0, total = 0;
  for (double alpha : {0.5, 2.0, 0.1, 3.7, 100.0, 1e5, 0.999})
    for (std::size_t n : {2u, 50u, 1000u})
      for (int kind = 0; kind < 3; ++kind) {
        request r;
        r.what = measure::renyi;
        r.parameters["alpha"] = alpha;
        pair_of_kind(g, n, kind, r, kind == 0 ? 0.1 : 0.0);
        {
          // The pass's own certificate: |value - D| <= error against the reference in nats, and
          // the error no looser than 2^-55 of D on the random pairs.
          r.base = 0;
          const auto s = gibbs::oracle::detail::kernel::renyi(r.p, r.q, alpha);
          INFO("alpha " << alpha << " n " << n << " kind " << kind);
          REQUIRE((s.ok || kind != 0));
          if (s.ok) {
            ref::mp exact(1000), v(1000);
            ref::value(r, exact);
            mpfr_set_d(v, s.value.hi, MPFR_RNDN);
            mpfr_add_d(v, v, s.value.lo, MPFR_RNDN); // exact at 1000 bits
            mpfr_sub(v, v, exact, MPFR_RNDN);
            mpfr_abs(v, v, MPFR_RNDN);
            CHECK(mpfr_cmp_d(v, s.error) <= 0);
            if (kind == 0) CHECK(s.error <= std::fabs(s.value.hi) * 0x1p-55);
          }
        }
        for (double base : {0.0, 2.0}) {
          r.base = base;
          const result res = evaluate(r);
          INFO("alpha " << alpha << " n " << n << " kind " << kind << " base " << base);
          check_against_reference(r, res);
          if (kind == 0) {
            fast += res.fast_path ? 1 : 0;
            ++total;
          }
          if (kind == 2) CHECK(!res.fast_path);
        }
      }
  CHECK(fast == total);
  // A large support: S ~ 10^5 terms of the largest's size, so an absolute E_S taken as the
  // error of log S would be 10^5 too loose; the bound must stay within 2^-64 of D.
  for (double alpha : {0.5, 2.0}) {
    request r;
    r.what = measure::renyi;
    r.parameters["alpha"] = alpha;
    pair_of_kind(g, 100000, 0, r);
    const auto s = gibbs::oracle::detail::kernel::renyi(r.p, r.q, alpha);
    REQUIRE(s.ok);
    CHECK(s.error <= std::fabs(s.value.hi) * 0x1p-64);
    const result res = evaluate(r);
    CHECK(res.fast_path);
    check_against_reference(r, res);
  }
}

TEST_CASE("Renyi divergences of large order decide", "[oracle][reference][distances]") {
  // At alpha = 10^5 and beyond, expm1((alpha - 1) log(p/q)) of a term with p < q is -1 + e^-33647
  // or less, which is -1 at any working precision the loop reaches: the interval path had
  // log1pmx(-1) = -inf at the upper end and ended "undecided" (alpha >= 3e5), and S = e^(10^300)
  // is past MPFR's exponent range. Reference: D = (M + log sum_i e^(l_i - M)) / (alpha - 1) with
  // l_i = alpha log p_i + (1 - alpha) log q_i, M = max l_i, in MPFR at 4000 bits (the definition
  // summed directly, no expm1 or Bregman form); every log at 4000 bits is within 2^-3990 |l_i|.
  const std::vector<std::pair<std::vector<double>, std::vector<double>>> pairs{
      {{0.5, 0.5}, {0.7, 0.3}},
      {{0.125, 0.25, 0.625}, {0.3125, 0.3125, 0.375}},
      {{0.1, 0.2, 0.7}, {0.3, 0.3, 0.4}},
      {{0.25, 0.75}, {0.5, 0.5}},
      // p <= q (sum p = 1 - 2^-53 passes the tolerance): S = e^(alpha log p) underflows far
      // below any exponent range; this ended "undecided" or with a NaN enclosure at alpha >= 2^90
      {{0x1.fffffffffffffp-1}, {1.0}},
      // near-equal, two terms, sums 1 - 2^-54 and 1 + 2^-52: S ~ e^(-2^38) at alpha = 2^90, so
      // S - 1 ~ -1 left log S to a sum of underflowing terms ("undecided", and a NaN enclosure at
      // 1e300); the fast pass declines it (M and log S cancel)
      {{0.5, 0x1.fffffffffffffp-2}, {0x1.0000000000001p-1, 0x1.0000000000001p-1}}};
  for (const auto& [p, q] : pairs)
    for (double alpha : {1e5, 3e5, 1e6, 1e9, 0x1p90, 1e40, 1e300}) {
      ref::mp a(4000), b(4000), m(4000), s(4000), t(4000);
      mpfr_set_d(a, alpha, MPFR_RNDN);
      mpfr_sub_ui(b, a, 1, MPFR_RNDN); // exact at 4000 bits
      std::vector<ref::mp> ls(p.size(), ref::mp(4000));
      for (std::size_t i = 0; i < p.size(); ++i) {
        mpfr_set_d(t, p[i], MPFR_RNDN);
        mpfr_log(t, t, MPFR_RNDN);
        mpfr_mul(ls[i], t, a, MPFR_RNDN);
        mpfr_set_d(t, q[i], MPFR_RNDN);
        mpfr_log(t, t, MPFR_RNDN);
        mpfr_mul(t, t, b, MPFR_RNDN);
        mpfr_sub(ls[i], ls[i], t, MPFR_RNDN);
        if (i == 0 || mpfr_cmp(ls[i], m) > 0) mpfr_set(m, ls[i], MPFR_RNDN);
      }
      for (std::size_t i = 0; i < p.size(); ++i) {
        mpfr_sub(t, ls[i], m, MPFR_RNDN);
        mpfr_exp(t, t, MPFR_RNDN);
        mpfr_add(s, s, t, MPFR_RNDN);
      }
      mpfr_log(s, s, MPFR_RNDN);
      mpfr_add(s, s, m, MPFR_RNDN);
      mpfr_div(s, s, b, MPFR_RNDN);
      request r;
      r.what = measure::renyi;
      r.p = p;
      r.q = q;
      r.parameters["alpha"] = alpha;
      const result res = evaluate(r);
      INFO("alpha " << alpha << " p[0] " << p[0] << " value " << res.value << " reference "
                    << s.to_double());
      CHECK(res.value == s.to_double());
      CHECK(mpfr_cmp_d(s, res.lo) >= 0);
      CHECK(mpfr_cmp_d(s, res.hi) <= 0);
      CHECK(std::nextafter(res.lo, INFINITY) == res.hi);
    }
}

TEST_CASE("exact values of the distances are flagged exact", "[oracle][reference][distances]") {
  // Reference values by hand (rational arithmetic): TV((1/2,1/2),(1/4,3/4)) = 1/4;
  // H((1,0),(0,1)) = 1; chi^2((1/2,1/2),(1/4,3/4)) = 1/4 + 1/12 = 1/3 (not dyadic: not exact);
  // chi^2((1/2,1/2),(1/4,3/4) with q = (1/2, 1/2) swapped) = ((1/4)^2/(1/2)) * 2 = 1/4.
  const std::vector<double> a{0.5, 0.5}, b{0.25, 0.75};
  const result tv = total_variation(a, b);
  CHECK(tv.value == 0.25);
  CHECK(tv.exact);
  const result h = hellinger(std::vector<double>{1, 0}, std::vector<double>{0, 1});
  CHECK(h.value == 1);
  CHECK(h.exact);
  const result c = chi_squared(b, a);
  CHECK(c.value == 0.25);
  CHECK(c.exact);
  const result third = chi_squared(a, b);
  CHECK(third.value == 1.0 / 3);
  CHECK_FALSE(third.exact);
  CHECK(renyi_divergence(a, a, 2.0).value == 0);
  CHECK(renyi_divergence(a, a, 2.0).exact);
  CHECK(std::isinf(
      renyi_divergence(std::vector<double>{1, 0}, std::vector<double>{0, 1}, 0.5).value));
  CHECK_THROWS_AS(renyi_divergence(a, b, 1.0), std::invalid_argument);
  CHECK_THROWS_AS(total_variation(a, b, {.base = 2}), std::invalid_argument);
}

TEST_CASE("the example of the request documentation", "[oracle][reference]") {
  // gibbs/oracle/api.hpp: KL((1/2, 1/2) || (0.7, 0.3)) with 20 digits; the digits are those of
  // the 1000-bit reference.
  request r;
  r.what = measure::kl;
  r.p = {0.5, 0.5};
  r.q = {0.7, 0.3};
  r.digits = 20;
  const result res = evaluate(r);
  CHECK(res.value == 0x1.6513637dde82bp-4);
  CHECK(res.digits == "8.7176693572388926575e-02");
  ref::mp exact(1000);
  ref::value(r, exact);
  char buf[64];
  mpfr_snprintf(buf, sizeof buf, "%.19Re", exact.get());
  CHECK(std::string(buf) == "8.7176693572388926575e-02");
}
