// tests/number/test_small_float.cpp: gibbs::binary16 and gibbs::bfloat16 against MPFR.
//
// Reference values: MPFR (https://www.mpfr.org) emulating each format the way its manual
// prescribes for IEEE formats: precision p, mpfr_set_emin/emax to the format's range, the
// correctly rounded MPFR operation or function, then mpfr_subnormalize with its ternary value
// (one rounding to the format, subnormals included). log1pmx, which MPFR lacks, is log1p(x) - x at
// 600+ bits (tests/support/elementary.hpp), rounded to the format by mpfr_prec_round at the
// precision the format has at that exponent. Decoding is checked against binary32 bit patterns
// (bfloat16 is the upper half of a binary32) and against the format's definition through MPFR.
//
// Every bit pattern is tested: all 65536 for the conversions, sqrt, log, log1p, exp, expm1 and
// log1pmx; each of the 65536 patterns as the left operand of +, -, *, / against a fixed set of
// right operands (special values and a random sample), plus random pairs. The counts are printed.
#include "../support/elementary.hpp"
#include "../support/small_float.hpp"

#include "gibbs/gibbs.hpp"
#include "gibbs/measure/hellinger.hpp"
#include "gibbs/number/small_float.hpp"

#include <catch2/catch.hpp>

#include <array>
#include <bit>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <limits>
#include <random>
#include <vector>

using gibbs::bfloat16;
using gibbs::binary16;
using gibbs_test::all_fns;
using gibbs_test::call;
using gibbs_test::fn;

namespace {

/// MPFR restricted to format F's exponent range while alive (emin, emax of MPFR's convention:
/// x = m 2^e with m in [1/2, 1), so the least subnormal 2^(emin - p + 1) has e = emin - p + 2).
template <class F>
class format_scope {
public:
  format_scope() : emin_(mpfr_get_emin()), emax_(mpfr_get_emax()) {
    mpfr_set_emin(F::emin - F::precision + 2);
    mpfr_set_emax(F::emax + 1);
  }
  ~format_scope() {
    mpfr_set_emin(emin_);
    mpfr_set_emax(emax_);
  }
  format_scope(const format_scope&) = delete;
  format_scope& operator=(const format_scope&) = delete;

private:
  mpfr_exp_t emin_, emax_;
};

enum class op { add, sub, mul, div, sqrt };

/// RN_F(a op b) by MPFR in F's range (b unused for sqrt); the result as a double (exact).
template <class F>
double mpfr_op(op o, double a, double b) {
  format_scope<F> scope;
  mpfr_t x, y, r;
  mpfr_inits2(F::precision, x, y, r, static_cast<mpfr_ptr>(nullptr));
  mpfr_set_d(x, a, MPFR_RNDN); // exact: a and b are numbers of F
  mpfr_set_d(y, b, MPFR_RNDN);
  int t = 0;
  switch (o) {
  case op::add:
    t = mpfr_add(r, x, y, MPFR_RNDN);
    break;
  case op::sub:
    t = mpfr_sub(r, x, y, MPFR_RNDN);
    break;
  case op::mul:
    t = mpfr_mul(r, x, y, MPFR_RNDN);
    break;
  case op::div:
    t = mpfr_div(r, x, y, MPFR_RNDN);
    break;
  case op::sqrt:
    t = mpfr_sqrt(r, x, MPFR_RNDN);
    break;
  }
  t = mpfr_subnormalize(r, t, MPFR_RNDN);
  (void)t;
  const double out = mpfr_get_d(r, MPFR_RNDN);
  mpfr_clears(x, y, r, static_cast<mpfr_ptr>(nullptr));
  return out;
}

/// RN_F(f(x)) by MPFR.
template <class F>
double mpfr_fn(fn f, double a) {
  if (f == fn::log1pmx) {
    gibbs_test::mp r(600);
    gibbs_test::exact(f, a, r.get());
    return gibbs_test::round_to_format<F>(r.get());
  }
  format_scope<F> scope;
  mpfr_t x, r;
  mpfr_inits2(F::precision, x, r, static_cast<mpfr_ptr>(nullptr));
  mpfr_set_d(x, a, MPFR_RNDN);
  int t = 0;
  switch (f) {
  case fn::log:
    t = mpfr_log(r, x, MPFR_RNDN);
    break;
  case fn::log1p:
    t = mpfr_log1p(r, x, MPFR_RNDN);
    break;
  case fn::exp:
    t = mpfr_exp(r, x, MPFR_RNDN);
    break;
  case fn::expm1:
    t = mpfr_expm1(r, x, MPFR_RNDN);
    break;
  case fn::log1pmx:
    break;
  }
  t = mpfr_subnormalize(r, t, MPFR_RNDN);
  (void)t;
  const double out = mpfr_get_d(r, MPFR_RNDN);
  mpfr_clears(x, r, static_cast<mpfr_ptr>(nullptr));
  return out;
}

bool same(double a, double b) {
  if (std::isnan(a) || std::isnan(b)) return std::isnan(a) && std::isnan(b);
  return a == b && std::signbit(a) == std::signbit(b);
}

template <class T>
T apply(op o, T a, T b) {
  switch (o) {
  case op::add:
    return a + b;
  case op::sub:
    return a - b;
  case op::mul:
    return a * b;
  case op::div:
    return a / b;
  case op::sqrt:
    return sqrt(a);
  }
  return a;
}

constexpr std::array op_names{"+", "-", "*", "/", "sqrt"};

/// The right operands: zeros, the least subnormal, the largest subnormal, the least normal, 1 and
/// its neighbours, the largest finite, infinities, NaN, and random patterns.
template <class T>
std::vector<std::uint16_t> right_operands(std::size_t n_random) {
  using F = typename T::format;
  const std::uint16_t one = T(1).bits();
  std::vector<std::uint16_t> v{0,
                               F::sign_bit,
                               1,
                               static_cast<std::uint16_t>(F::sign_bit | 1),
                               static_cast<std::uint16_t>((1u << (F::precision - 1)) - 1),
                               static_cast<std::uint16_t>(1u << (F::precision - 1)),
                               one,
                               static_cast<std::uint16_t>(one + 1),
                               static_cast<std::uint16_t>(one - 1),
                               static_cast<std::uint16_t>(one | F::sign_bit),
                               T(3).bits(),
                               F::max_bits,
                               static_cast<std::uint16_t>(F::max_bits | F::sign_bit),
                               F::inf_bits,
                               static_cast<std::uint16_t>(F::inf_bits | F::sign_bit),
                               F::quiet_nan_bits};
  std::mt19937 gen(20261201);
  std::uniform_int_distribution<unsigned> d(0, 0xffff);
  for (std::size_t i = 0; i < n_random; ++i)
    v.push_back(static_cast<std::uint16_t>(d(gen)));
  return v;
}

template <class T>
void check_decoding() {
  using F = typename T::format;
  std::size_t n = 0;
  double previous = -1.0;
  for (unsigned b = 0; b <= 0xffff; ++b) {
    const T x = T::from_bits(static_cast<std::uint16_t>(b));
    const double d = static_cast<double>(x);
    // the definition through MPFR: (-1)^s * (implicit + f) * 2^(e - bias - p + 1)
    const unsigned s = b >> 15, e = (b >> (F::precision - 1)) & ((1u << F::exponent_bits) - 1),
                   f = b & ((1u << (F::precision - 1)) - 1);
    double want = 0;
    if (e == (1u << F::exponent_bits) - 1) {
      want = f != 0 ? std::numeric_limits<double>::quiet_NaN() : HUGE_VAL;
    } else {
      gibbs_test::mp m(64);
      const long ex =
          e == 0 ? F::emin - F::precision + 1 : static_cast<long>(e) - F::bias - F::precision + 1;
      mpfr_set_ui_2exp(m.get(), e == 0 ? f : f + (1u << (F::precision - 1)), ex, MPFR_RNDN);
      want = mpfr_get_d(m.get(), MPFR_RNDN);
    }
    if (s != 0) want = -want;
    INFO(F::name << " pattern " << b);
    REQUIRE(same(d, want));
    if constexpr (std::is_same_v<F, gibbs::bfloat16_format>) {
      const float hw = std::bit_cast<float>(static_cast<std::uint32_t>(b) << 16);
      REQUIRE(same(d, static_cast<double>(hw)));
    }
    // round trip and the order of the positive patterns
    if (!std::isnan(d)) REQUIRE(T(d).bits() == b);
    if (b <= F::inf_bits) {
      REQUIRE(d > previous);
      previous = d;
    }
    REQUIRE(same(static_cast<double>(T(static_cast<float>(d))), d));
    ++n;
  }
  CHECK(n == 65536);
  WARN(F::name << ": " << n << " bit patterns decoded, round-tripped and ordered");
}

/// From double: every midpoint between adjacent numbers of F, exactly and one ulp of double off,
/// against MPFR's conversion in F's range.
template <class T>
void check_from_double() {
  using F = typename T::format;
  std::size_t n = 0;
  auto one_case = [&](double v) {
    double want = 0;
    {
      format_scope<F> scope;
      mpfr_t r;
      mpfr_init2(r, F::precision);
      int t = mpfr_set_d(r, v, MPFR_RNDN);
      t = mpfr_subnormalize(r, t, MPFR_RNDN);
      (void)t;
      want = mpfr_get_d(r, MPFR_RNDN);
      mpfr_clear(r);
    }
    INFO(F::name << " from " << gibbs_test::show(v));
    REQUIRE(same(static_cast<double>(T(v)), want));
    ++n;
  };
  for (unsigned b = 0; b < F::inf_bits; ++b) {
    const double lo = static_cast<double>(T::from_bits(static_cast<std::uint16_t>(b)));
    const double hi = b + 1 == F::inf_bits
                          ? std::ldexp(1.0, F::emax + 1)
                          : static_cast<double>(T::from_bits(static_cast<std::uint16_t>(b + 1)));
    const double mid = (lo + hi) / 2; // exact
    for (double v : {mid, std::nextafter(mid, 0.0), std::nextafter(mid, HUGE_VAL), lo}) {
      one_case(v);
      one_case(-v);
    }
  }
  std::mt19937_64 gen(7);
  for (int i = 0; i < 200000; ++i)
    one_case(std::bit_cast<double>(gen()));
  WARN(F::name << ": " << n << " conversions from double match MPFR");
}

template <class T>
void check_exhaustive_ops(std::size_t n_random_right, std::size_t n_random_pairs) {
  using F = typename T::format;
  const std::vector<std::uint16_t> right = right_operands<T>(n_random_right);
  std::size_t n = 0;
  auto one_case = [&](op o, std::uint16_t a, std::uint16_t b) {
    const T x = T::from_bits(a), y = T::from_bits(b);
    const double got = static_cast<double>(apply(o, x, y));
    const double want = mpfr_op<F>(o, static_cast<double>(x), static_cast<double>(y));
    if (!same(got, want)) {
      INFO(F::name << ": " << gibbs_test::show(static_cast<double>(x)) << " "
                   << op_names[static_cast<int>(o)] << " "
                   << gibbs_test::show(static_cast<double>(y)) << " = " << gibbs_test::show(got)
                   << ", MPFR " << gibbs_test::show(want));
      REQUIRE(same(got, want));
    }
    ++n;
  };
  for (unsigned a = 0; a <= 0xffff; ++a) {
    one_case(op::sqrt, static_cast<std::uint16_t>(a), 0);
    for (std::uint16_t b : right)
      for (op o : {op::add, op::sub, op::mul, op::div}) {
        one_case(o, static_cast<std::uint16_t>(a), b);
      }
  }
  std::mt19937 gen(11);
  std::uniform_int_distribution<unsigned> d(0, 0xffff);
  for (std::size_t i = 0; i < n_random_pairs; ++i) {
    const auto a = static_cast<std::uint16_t>(d(gen)), b = static_cast<std::uint16_t>(d(gen));
    for (op o : {op::add, op::sub, op::mul, op::div})
      one_case(o, a, b);
  }
  CHECK(n == 65536 * (1 + 4 * right.size()) + 4 * n_random_pairs);
  WARN(F::name << ": " << n << " operations (+ - * / against " << right.size()
               << " right operands for each of the 65536 patterns, sqrt of all, " << n_random_pairs
               << " random pairs) match MPFR");
}

template <class T>
void check_exhaustive_functions() {
  using F = typename T::format;
  std::size_t n = 0;
  std::array<std::size_t, 5> hard{};
  for (fn f : all_fns) {
    for (unsigned a = 0; a <= 0xffff; ++a) {
      const T x = T::from_bits(static_cast<std::uint16_t>(a));
      const double xd = static_cast<double>(x);
      const double got = static_cast<double>(call(f, x));
      const double want = mpfr_fn<F>(f, xd);
      if (!same(got, want)) {
        INFO(F::name << ": " << gibbs_test::name(f) << "(" << gibbs_test::show(xd)
                     << ") = " << gibbs_test::show(got) << ", MPFR " << gibbs_test::show(want));
        REQUIRE(same(got, want));
      }
      if (gibbs::detail::small::is_boundary<F>(call(f, xd))) ++hard[static_cast<std::size_t>(f)];
      ++n;
    }
  }
  CHECK(n == 5 * 65536);
  WARN(F::name << ": all " << n << " values of log, log1p, exp, expm1, log1pmx match MPFR; "
               << "hard cases (the binary64 value is a rounding boundary of the format): log "
               << hard[0] << ", log1p " << hard[1] << ", exp " << hard[2] << ", expm1 " << hard[3]
               << ", log1pmx " << hard[4]);
  // the hard cases listed at the top of small_float.hpp: only log1pmx in bfloat16, 56 inputs
  const std::size_t want_log1pmx = std::is_same_v<F, gibbs::bfloat16_format> ? 56 : 0;
  CHECK(hard == std::array<std::size_t, 5>{0, 0, 0, 0, want_log1pmx});
}

} // namespace

TEST_CASE("binary16 and bfloat16: every bit pattern decodes to its value", "[number][formats]") {
  check_decoding<binary16>();
  check_decoding<bfloat16>();
}

TEST_CASE("binary16 and bfloat16: conversion from double rounds once, ties to even",
          "[number][formats]") {
  check_from_double<binary16>();
  check_from_double<bfloat16>();
  // examples of the documentation
  CHECK(binary16(0.1).bits() == 0x2e66);
  CHECK(static_cast<double>(binary16(0.1)) == 0x1.998p-4);
  CHECK(static_cast<double>(binary16(1) + binary16(0x1p-11)) == 1.0);
  CHECK(static_cast<double>(binary16(1) + binary16(0x1.8p-11)) == 0x1.004p0);
  CHECK(static_cast<double>(gibbs::log(binary16(0.1))) == -0x1.26cp+1);
  // overflow threshold (2 - 2^-11) 2^15 = 65520 rounds to infinity, just below it to 65504
  CHECK(static_cast<double>(binary16(65520.0)) == HUGE_VAL);
  CHECK(static_cast<double>(binary16(std::nextafter(65520.0, 0.0))) == 65504.0);
  // long double and integer conversions round once too: 1 + 2^-11 + 2^-60 is above the tie
  CHECK(static_cast<double>(binary16(1.0L + 0x1p-11L + 0x1p-60L)) == 0x1.004p0);
  CHECK(static_cast<double>(binary16(1.0L + 0x1p-11L)) == 1.0);
  CHECK(static_cast<double>(bfloat16((std::uint64_t(1) << 62) + (std::uint64_t(1) << 54) + 1))
        == 0x1.02p62); // the tie 2^62 + 2^54 broken upward by the last bit
  CHECK(static_cast<double>(bfloat16((std::uint64_t(1) << 62) + (std::uint64_t(1) << 54)))
        == 0x1p62);
  CHECK(static_cast<double>(bfloat16(binary16(65504.0))) == 65536.0);
}

TEST_CASE("binary16 and bfloat16: + - * / sqrt are rounded once (all patterns vs MPFR)",
          "[number][formats]") {
  check_exhaustive_ops<binary16>(24, 300000);
  check_exhaustive_ops<bfloat16>(24, 300000);
}

TEST_CASE("binary16 and bfloat16: log, log1p, exp, expm1, log1pmx are correctly rounded (all "
          "patterns vs MPFR)",
          "[number][formats]") {
  check_exhaustive_functions<binary16>();
  check_exhaustive_functions<bfloat16>();
}

namespace {

template <class T, std::size_t N>
constexpr std::array<T, N> sample(double scale, double offset) {
  std::array<T, N> a{};
  for (std::size_t i = 0; i < N; ++i)
    a[i] = T(offset + scale * static_cast<double>(i) / static_cast<double>(N));
  return a;
}

template <class T, std::size_t N>
constexpr std::array<std::uint16_t, N * 6> evaluate_all(const std::array<T, N>& in) {
  std::array<std::uint16_t, N * 6> out{};
  for (std::size_t i = 0; i < N; ++i) {
    for (std::size_t k = 0; k < 5; ++k)
      out[6 * i + k] = call(all_fns[k], in[i]).bits();
    out[6 * i + 5] = sqrt(in[i] * in[i] + in[i] / T(3)).bits();
  }
  return out;
}

constexpr auto h_in = sample<binary16, 24>(6.0, -1.5);
constexpr auto h_ct = evaluate_all<binary16, 24>(h_in);
constexpr auto b_in = sample<bfloat16, 24>(6.0, -1.5);
constexpr auto b_ct = evaluate_all<bfloat16, 24>(b_in);
// a hard case of bfloat16 at compile time: -17 2^-64, where log1pmx needs the double-double sign
constexpr bfloat16 hard_x(-17.0 * 0x1p-64);
constexpr bfloat16 hard_ct = gibbs::log1pmx(hard_x);

template <class T>
T launder(const T& x) {
  volatile std::uint16_t b = x.bits();
  return T::from_bits(b);
}

template <class T, std::size_t N>
void compare(const std::array<T, N>& in, const std::array<std::uint16_t, N * 6>& ct) {
  const std::array<T, N> rt_in = [&] {
    std::array<T, N> a{};
    for (std::size_t i = 0; i < N; ++i)
      a[i] = launder(in[i]);
    return a;
  }();
  std::array<std::uint16_t, N * 6> rt{};
  for (std::size_t i = 0; i < N; ++i) {
    for (std::size_t k = 0; k < 5; ++k)
      rt[6 * i + k] = call(all_fns[k], rt_in[i]).bits();
    rt[6 * i + 5] = sqrt(rt_in[i] * rt_in[i] + rt_in[i] / T(3)).bits();
  }
  for (std::size_t j = 0; j < N * 6; ++j) {
    INFO(T::format::name << " input " << static_cast<double>(in[j / 6]) << " function " << j % 6);
    CHECK(rt[j] == ct[j]);
  }
}

} // namespace

TEST_CASE("binary16 and bfloat16: the compile-time value equals the run-time value bit for bit",
          "[number][formats]") {
  compare(h_in, h_ct);
  compare(b_in, b_ct);
  CHECK(gibbs::log1pmx(launder(hard_x)).bits() == hard_ct.bits());
  CHECK(gibbs::detail::small::is_boundary<gibbs::bfloat16_format>(
      gibbs::log1pmx(static_cast<double>(launder(hard_x)))));
  // -x^2/2 = -289 2^-129 = -0x1.21p-121 is the midpoint between -0x1.2p-121 (even) and
  // -0x1.22p-121; -|x|^3/3 puts log1pmx(x) below it, so it rounds away from zero, to the odd
  // neighbour (ties to even would give -0x1.2p-121). MPFR agrees:
  CHECK(static_cast<double>(hard_ct) == -0x1.22p-121);
  CHECK(same(static_cast<double>(hard_ct),
             mpfr_fn<gibbs::bfloat16_format>(fn::log1pmx, static_cast<double>(hard_x))));
}

TEST_CASE("the generic measures run in binary16 and bfloat16, at compile and run time",
          "[number][formats]") {
  static constexpr std::array<binary16, 3> p{binary16(0.25), binary16(0.25), binary16(0.5)};
  static constexpr std::array<binary16, 3> q{binary16(0.5), binary16(0.25), binary16(0.25)};
  static constexpr binary16 kl_ct = gibbs::kl_divergence(p, q);
  static constexpr binary16 h_ct = gibbs::entropy(p);
  const std::array<binary16, 3> pr{launder(p[0]), launder(p[1]), launder(p[2])};
  const std::array<binary16, 3> qr{launder(q[0]), launder(q[1]), launder(q[2])};
  CHECK(gibbs::kl_divergence(pr, qr).bits() == kl_ct.bits());
  CHECK(gibbs::entropy(pr).bits() == h_ct.bits());
  // KL = ln(2)/4 and H = 1.5 ln 2 exactly (the masses are powers of two); the binary16 values are
  // within a few ulps of binary16 (2^-10 relative) of them
  CHECK(std::fabs(static_cast<double>(kl_ct) - std::log(2.0) / 4) <= 4 * 0x1p-11 * 0.18);
  CHECK(std::fabs(static_cast<double>(h_ct) - 1.5 * std::log(2.0)) <= 4 * 0x1p-11 * 1.04);
  static constexpr std::array<bfloat16, 2> pb{bfloat16(0.5), bfloat16(0.5)};
  static constexpr bfloat16 kl0 = gibbs::kl_divergence(pb, pb);
  CHECK(static_cast<double>(kl0) == 0.0);
}

namespace {

template <class T>
struct all_measures {
  std::array<double, 11> v{};
};

/// Every generic measure of gibbs on one pair, in T (also in constant evaluation).
template <class T>
constexpr all_measures<T> measures_in() {
  const std::array<T, 3> p{T(0.25), T(0.25), T(0.5)}, q{T(0.5), T(0.125), T(0.375)};
  const std::array<T, 3> z{T(1.5), T(-2), T(0.25)};
  const std::array<std::size_t, 4> s{0, 1, 2, 2};
  return {{static_cast<double>(gibbs::entropy(p)), static_cast<double>(gibbs::cross_entropy(p, q)),
           static_cast<double>(gibbs::kl_divergence(p, q)),
           static_cast<double>(gibbs::reverse_kl_divergence(p, q)),
           static_cast<double>(gibbs::generalized_kl_divergence(p, q)),
           static_cast<double>(gibbs::jensen_shannon(p, q)),
           static_cast<double>(gibbs::total_variation(p, q)),
           static_cast<double>(gibbs::cross_entropy_from_logits(z, 1)),
           static_cast<double>(gibbs::nll(q, s)), static_cast<double>(gibbs::perplexity(q, s)),
           static_cast<double>(gibbs::hellinger(p, q))}};
}

constexpr auto h_measures = measures_in<binary16>();
constexpr auto b_measures = measures_in<bfloat16>();

template <class T>
void check_measures(const all_measures<T>& ct) {
  // reference: the same measures in double (accurate to ~1e-15, far below the formats' 2^-11 and
  // 2^-8); each measure is a handful of roundings in T, so a few ulps of T of its scale
  const all_measures<double> ref = measures_in<double>();
  const all_measures<T> rt = measures_in<T>();
  const double eps = static_cast<double>(std::numeric_limits<T>::epsilon());
  for (std::size_t i = 0; i < ref.v.size(); ++i) {
    INFO(T::format::name << " measure " << i << ": " << rt.v[i] << " vs double " << ref.v[i]);
    CHECK(same(rt.v[i], ct.v[i])); // compile time == run time
    CHECK(std::fabs(rt.v[i] - ref.v[i]) <= 8 * eps * (std::fabs(ref.v[i]) + 1));
  }
}

} // namespace

TEST_CASE("every generic measure runs in binary16 and bfloat16 within a few ulps of double",
          "[number][formats]") {
  check_measures<binary16>(h_measures);
  check_measures<bfloat16>(b_measures);
}
