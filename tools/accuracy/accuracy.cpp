// accuracy: checks gibbs::log, log1p, exp, expm1, log1pmx for every constexpr type against MPFR
// and prints a Markdown table (function, type, inputs, max ulp error, mismatches against the
// correctly rounded result, seed).
//
// Reference: MPFR at 400 bits by tests/support/elementary.hpp's elementary_value (which adds the
// bits log1p(x) - x cancels for small arguments, or sums its series), then rounded once to the type
// by mpfr_get_flt / get_d / get_ld / get_float128 (round to nearest, subnormals included);
// double_double's reference is (RN(f), RN(f - RN(f))). A wrong reference would need f within 2^-400
// relative of a rounding boundary, far below the known worst cases (~2^-120 for double). Inputs per
// (function, type): edge inputs (signed zeros, infinities, NaN, subnormals, 1 and -1 plus/minus k
// ulps, powers of 2 and of 10, the overflow/underflow thresholds of exp, the boundaries of the fast
// paths and shortcuts, huge and tiny values), then half random bit patterns and half log-uniform
// magnitudes over the function's domain.
//
// Usage: accuracy [--count N] [--slow-count N] [--seed S] [--threads T]
//   --count: random inputs per (function, type) for float and double (default 1000000)
//   --slow-count: for long double, double_double, float128, which take the fallback path
//                 (default 1000000)
// Exit status 1 if any float or double result differs from the correctly rounded one.
#include "gibbs/number/math.hpp"
#ifdef GIBBS_HAS_FLOAT128
#include "gibbs/number/float128.hpp"
#define MPFR_WANT_FLOAT128 1
#endif
#include "../../tests/support/elementary.hpp"
#include "../../tests/support/functions.hpp"
#include "../../tests/support/mpfr.hpp"

#include <mpfr.h>

#include <algorithm>
#include <atomic>
#include <bit>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <mutex>
#include <random>
#include <string>
#include <thread>
#include <vector>

namespace {

using gibbs::double_double;

using gibbs_test::call;
using gibbs_test::elementary_value;
using gibbs_test::fn;
using gibbs_test::fn_names;

// ---- conversions between the types and MPFR
// ------------------------------------------------------
template <class T>
struct tinfo;

template <>
struct tinfo<float> {
  static constexpr int p = 24;
  static void set(mpfr_t r, float x) { mpfr_set_flt(r, x, MPFR_RNDN); }
  static float get(const mpfr_t v) { return mpfr_get_flt(v, MPFR_RNDN); }
  static float from_bits(std::mt19937_64& g) {
    return std::bit_cast<float>(static_cast<std::uint32_t>(g()));
  }
};
template <>
struct tinfo<double> {
  static constexpr int p = 53;
  static void set(mpfr_t r, double x) { mpfr_set_d(r, x, MPFR_RNDN); }
  static double get(const mpfr_t v) { return mpfr_get_d(v, MPFR_RNDN); }
  static double from_bits(std::mt19937_64& g) { return std::bit_cast<double>(g()); }
};
template <>
struct tinfo<long double> {
  static constexpr int p = 64;
  static void set(mpfr_t r, long double x) { mpfr_set_ld(r, x, MPFR_RNDN); }
  static long double get(const mpfr_t v) { return mpfr_get_ld(v, MPFR_RNDN); }
  static long double from_bits(std::mt19937_64& g) {
    const std::uint64_t m = g() | (std::uint64_t(1) << 63);
    const int e = static_cast<int>(g() % 32830) - 16445;
    const long double v = std::ldexp(static_cast<long double>(m), e - 64);
    return (g() & 1) ? -v : v;
  }
};
#ifdef GIBBS_HAS_FLOAT128
using f128 = boost::multiprecision::float128;
template <>
struct tinfo<f128> {
  static constexpr int p = 113;
  static void set(mpfr_t r, const f128& x) { mpfr_set_float128(r, x.backend().value(), MPFR_RNDN); }
  static f128 get(const mpfr_t v) { return f128(mpfr_get_float128(v, MPFR_RNDN)); }
  static f128 from_bits(std::mt19937_64& g) {
    const std::uint64_t a = g() | (std::uint64_t(1) << 63), b = g();
    const int e = static_cast<int>(g() % 32874) - 16494;
    f128 v = ldexp(f128(a) + ldexp(f128(b >> 15), -49), e - 64);
    return (g() & 1) ? f128(-v) : v;
  }
};
#endif
template <>
struct tinfo<double_double> {
  static constexpr int p = 106;
  static void set(mpfr_t r, const double_double& x) {
    mpfr_set_d(r, x.hi, MPFR_RNDN);                     // keeps the sign of zero
    if (x.lo != 0.0) mpfr_add_d(r, r, x.lo, MPFR_RNDN); // exact at the working precision
  }
  static double_double get(const mpfr_t v) {
    gibbs_test::mp t(mpfr_get_prec(v) + 64);
    const double h = mpfr_get_d(v, MPFR_RNDN);
    mpfr_sub_d(t, v, h, MPFR_RNDN);
    const double l = std::isfinite(h) ? t.to_double() : 0.0;
    return {h, l};
  }
  static double_double from_bits(std::mt19937_64& g) {
    const double h = std::bit_cast<double>(g());
    if (!std::isfinite(h) || h == 0.0) return h;
    const double u = std::ldexp(static_cast<double>(g() >> 11), -53) - 0.5; // [-0.5, 0.5)
    const int e = std::ilogb(h);
    const double l = std::ldexp(u, e - 52);
    return double_double::normalise(h, l);
  }
};

template <class T>
bool is_nan_(const T& x) {
  return !(x == x);
}
template <class T>
bool same(const T& a, const T& b) {
  if (is_nan_(a) || is_nan_(b)) return is_nan_(a) && is_nan_(b);
  if constexpr (std::is_same_v<T, double_double>) {
    return a.hi == b.hi && std::signbit(a.hi) == std::signbit(b.hi) && a.lo == b.lo;
  } else {
    using std::signbit;
    return a == b && signbit(a) == signbit(b);
  }
}

struct stats {
  std::uint64_t inputs = 0, mismatches = 0;
  double max_ulp = 0.0;
  std::string worst;
  void merge(const stats& o) {
    inputs += o.inputs;
    mismatches += o.mismatches;
    if (o.max_ulp > max_ulp) {
      max_ulp = o.max_ulp;
      worst = o.worst;
    }
  }
};

template <class T>
std::string show(const T& x) {
  char buf[160];
  if constexpr (std::is_same_v<T, float> || std::is_same_v<T, double>) {
    std::snprintf(buf, sizeof buf, "%a", static_cast<double>(x));
  } else if constexpr (std::is_same_v<T, long double>) {
    std::snprintf(buf, sizeof buf, "%La", x);
  } else if constexpr (std::is_same_v<T, double_double>) {
    std::snprintf(buf, sizeof buf, "(%a, %a)", x.hi, x.lo);
  } else {
    std::snprintf(buf, sizeof buf, "%.36g", static_cast<double>(x));
    return x.str(40, std::ios_base::scientific);
  }
  return buf;
}

// Error of `got` against the exact f, in ulps of the type at f (p digits, subnormal grid floor).
template <class T>
double ulp_error(const T& got, const mpfr_t f, mpfr_t scratch) {
  if (mpfr_nan_p(f)) return is_nan_(got) ? 0.0 : INFINITY;
  if (is_nan_(got)) return INFINITY;
  tinfo<T>::set(scratch, got);
  if (mpfr_inf_p(scratch) && !mpfr_inf_p(f)) { // overflow: compare with the correct rounding
    return tinfo<T>::get(f) == got ? 0.0 : INFINITY;
  }
  if (mpfr_inf_p(f) || mpfr_inf_p(scratch))
    return (mpfr_inf_p(f) && mpfr_inf_p(scratch) && mpfr_sgn(f) == mpfr_sgn(scratch)) ? 0.0
                                                                                      : INFINITY;
  mpfr_sub(scratch, scratch, f, MPFR_RNDN);
  long e = mpfr_zero_p(f) ? -100000 : mpfr_get_exp(f); // f in [2^(e-1), 2^e)
  long min_ulp;
  if constexpr (std::is_same_v<T, double_double>)
    min_ulp = -1074;
  else
    min_ulp = std::numeric_limits<T>::min_exponent - tinfo<T>::p;
  const long ue = std::max(e - tinfo<T>::p, min_ulp);
  mpfr_mul_2si(scratch, scratch, -ue, MPFR_RNDN);
  return std::fabs(mpfr_get_d(scratch, MPFR_RNDN));
}

template <class T>
void check_one(fn f, const T& x, stats& s, mpfr_t mx, mpfr_t mf, mpfr_t scratch) {
  tinfo<T>::set(mx, x);
  mpfr_set_prec(mf, 400);
  elementary_value(f, mf, mx);
  if constexpr (std::is_same_v<T, double_double>) {
    // the low part needs every bit of f down to 2^-1075, and ties there are broken by terms
    // far below: f's exponent + 1075 + 1200 guard bits
    if (mpfr_number_p(mf) && !mpfr_zero_p(mf) && mpfr_get_exp(mf) <= 1025) {
      mpfr_set_prec(mf, std::max<long>(400, mpfr_get_exp(mf) + 1075 + 1200));
      elementary_value(f, mf, mx);
    }
  }
  const T ref = tinfo<T>::get(mf);
  const T got = call(f, x);
  ++s.inputs;
  if (!same(got, ref)) {
    ++s.mismatches;
    if (std::getenv("GIBBS_ACCURACY_VERBOSE") != nullptr)
      std::fprintf(stderr, "%s(%s): got %s, correctly rounded %s\n", gibbs_test::name(f),
                   show(x).c_str(), show(got).c_str(), show(ref).c_str());
  }
  const double u = ulp_error(got, mf, scratch);
  if (u > s.max_ulp || (!same(got, ref) && s.worst.empty())) {
    s.max_ulp = std::max(s.max_ulp, u);
    s.worst = show(x);
  }
}

// ---- inputs
// --------------------------------------------------------------------------------------
template <class T>
T pw2(int e) {
  if constexpr (std::is_same_v<T, double_double>) return std::ldexp(1.0, e);
#ifdef GIBBS_HAS_FLOAT128
  else if constexpr (std::is_same_v<T, f128>)
    return ldexp(f128(1), e);
#endif
  else
    return std::ldexp(T(1), e);
}

template <class T>
T next_up(const T& x, int k) { // x + k ulps (k may be negative), through the reference type
  if constexpr (std::is_same_v<T, double_double>) {
    const double u = std::ldexp(std::fabs(x.hi) > 0 ? std::fabs(x.hi) : 0x1p-1000, -105);
    return double_double::normalise(x.hi, x.lo + k * u);
  } else {
    T r = x;
    for (int i = 0; i < std::abs(k); ++i) {
#ifdef GIBBS_HAS_FLOAT128
      if constexpr (std::is_same_v<T,
                                   f128>) { // one ulp of float128 (numeric_limits<float128>::min()
                                            // does not compile with Boost 1.74)
        int e = 0;
        const f128 m = frexp(r, &e); // |m| in [1/2, 1)
        const bool down_at_power = (k > 0) == (r < 0) && (m == f128(0.5) || m == f128(-0.5));
        const f128 u =
            r == 0 ? ldexp(f128(1), -16494) : ldexp(f128(1), e - (down_at_power ? 114 : 113));
        r = k > 0 ? f128(r + u) : f128(r - u);
      } else
#endif
        r = std::nextafter(r, k > 0 ? std::numeric_limits<T>::infinity()
                                    : -std::numeric_limits<T>::infinity());
    }
    return r;
  }
}

template <class T>
T max_of() {
#ifdef GIBBS_HAS_FLOAT128
  if constexpr (std::is_same_v<T, f128>) // numeric_limits<float128>::max() does not compile here
    return ldexp(f128(2) - ldexp(f128(1), -112), 16383);
  else
#endif
    return std::numeric_limits<T>::max();
}

template <class T>
std::vector<T> edge_inputs(fn f) {
  using lim = std::numeric_limits<T>;
  constexpr int p = tinfo<T>::p;
  constexpr int minexp = std::is_same_v<T, double_double> ? -1021 : lim::min_exponent;
  constexpr int maxexp = lim::max_exponent;
  std::vector<T> v = {T(0.0), T(-0.0), lim::infinity(), -lim::infinity(), lim::quiet_NaN(), T(1),
                      T(-1),  T(2),    T(0.5)};
  const T minsub =
      pw2<T>(minexp - p >= -1074 || !std::is_same_v<T, double_double> ? minexp - p : -1074);
  for (T b : {minsub, pw2<T>(minexp - 1), max_of<T>(), pw2<T>(minexp - 2)}) {
    for (int k = -3; k <= 3; ++k) {
      const T y = next_up(b, k);
      v.push_back(y);
      v.push_back(-y);
    }
  }
  for (T b : {T(1), T(-1), T(2), T(0.5), T(-0.5)})
    for (int k = -16; k <= 16; ++k)
      if (k != 0) v.push_back(next_up(b, k));
  for (int e = minexp - p; e <= maxexp - 1; e += std::max(1, (maxexp - minexp) / 300)) {
    v.push_back(pw2<T>(e));
    v.push_back(-pw2<T>(e));
  }
  for (int e = -60; e <= 60; ++e) {
    v.push_back(pw2<T>(e));
    v.push_back(-pw2<T>(e));
    for (int k : {-1, 1}) {
      v.push_back(next_up(pw2<T>(e), k));
      v.push_back(next_up(-pw2<T>(e), k));
    }
  }
  T ten = T(1);
  for (int k = 0; k < 40; ++k, ten = ten * T(10)) {
    v.push_back(ten);
    v.push_back(T(1) / ten);
    v.push_back(-T(1) / ten);
  }
  // exp thresholds: log(max), log(min normal), log(min subnormal / 2) and the fast-path bounds
  std::vector<T> th = {T(708.39),    T(-708.39),   T(709.78), T(-745.13),  T(-745.14),
                       T(88.72),     T(-103.97),   T(-87.33), T(11356.52), T(-11355.1),
                       T(-11399.5),  T(-11432.8),  T(-38.5),  T(-17.5),    T(-0.7 * (p + 2)),
                       T(0.0078125), T(-0.0078125)};
  gibbs_test::mp t(200);
  for (int which = 0; which < 3; ++which) {
    // ln(max), ln(2^(minexp-1)), ln(2^(minexp-p-1))
    if (which == 0) {
      tinfo<T>::set(t, max_of<T>());
      mpfr_log(t, t, MPFR_RNDN);
    }
    if (which == 1) {
      mpfr_set_ui_2exp(t, 1, minexp - 1, MPFR_RNDN);
      mpfr_log(t, t, MPFR_RNDN);
    }
    if (which == 2) {
      mpfr_set_ui_2exp(t, 1, minexp - p - 1, MPFR_RNDN);
      mpfr_log(t, t, MPFR_RNDN);
    }
    th.push_back(tinfo<T>::get(t));
  }
  for (const T& b : th)
    for (int k = -4; k <= 4; ++k)
      v.push_back(next_up(b, k));
  for (int e : {-(p + 3), -(p + 2), -7, -480, -2, -1})
    for (int k = -2; k <= 2; ++k) {
      v.push_back(next_up(pw2<T>(e), k));
      v.push_back(next_up(-pw2<T>(e), k));
    }
  (void)f;
  return v;
}

template <class T>
T random_input(fn f, std::mt19937_64& g) {
  constexpr int p = tinfo<T>::p;
  using lim = std::numeric_limits<T>;
  constexpr int minexp = std::is_same_v<T, double_double> ? -1021 : lim::min_exponent;
  constexpr int maxexp = lim::max_exponent;
  std::uniform_real_distribution<double> u01(0.0, 1.0);
  if (g() & 1) return tinfo<T>::from_bits(g);
  // log-uniform magnitude with a full random mantissa
  const T mant = T(1) + T(u01(g)) + T(u01(g)) * pw2<T>(-52) + T(u01(g)) * pw2<T>(-104);
  auto logu = [&](int lo, int hi) {
    const int e = lo + static_cast<int>(g() % static_cast<std::uint64_t>(hi - lo + 1));
    return T(mant * pw2<T>(e - 1));
  };
  switch (f) {
  case fn::log:
    return logu(minexp - p, maxexp - 1);
  case fn::log1p:
  case fn::log1pmx:
    switch (g() % 3) {
    case 0:
      return logu(minexp - p, maxexp - 1);
    case 1:
      return -logu(minexp - p, -1);
    default:
      return T(-1) + logu(-p, -1);
    }
  default: {
    const double lim_hi = maxexp * 0.6932, lim_lo = (minexp - p - 1) * 0.6932;
    if (g() % 2)
      return T(lim_lo - 2 + (lim_hi - lim_lo + 4) * u01(g)) * (T(1) + T(u01(g)) * pw2<T>(-40));
    const T m = logu(minexp - p, 14);
    return (g() & 1) ? T(-m) : m;
  }
  }
}

struct job {
  fn f;
  int type;
  std::uint64_t count;
};

template <class T>
stats run_chunk(fn f, std::uint64_t seed, std::uint64_t chunk, std::uint64_t n, bool with_edges) {
  stats s;
  gibbs_test::mp mx(1200), mf(400), scratch(3800);
  if (with_edges)
    for (const T& x : edge_inputs<T>(f))
      check_one(f, x, s, mx, mf, scratch);
  std::mt19937_64 g(seed ^ (0x9e3779b97f4a7c15ULL * (chunk + 1))
                    ^ (static_cast<std::uint64_t>(f) << 56));
  for (std::uint64_t i = 0; i < n; ++i)
    check_one(f, random_input<T>(f, g), s, mx, mf, scratch);
  mpfr_free_cache();
  return s;
}

const char* type_name(int t) {
  switch (t) {
  case 0:
    return "float";
  case 1:
    return "double";
  case 2:
    return "long double";
  case 3:
    return "double_double";
  default:
    return "float128";
  }
}

stats dispatch(int type, fn f, std::uint64_t seed, std::uint64_t chunk, std::uint64_t n,
               bool edges) {
  switch (type) {
  case 0:
    return run_chunk<float>(f, seed, chunk, n, edges);
  case 1:
    return run_chunk<double>(f, seed, chunk, n, edges);
  case 2:
    return run_chunk<long double>(f, seed, chunk, n, edges);
  case 3:
    return run_chunk<double_double>(f, seed, chunk, n, edges);
#ifdef GIBBS_HAS_FLOAT128
  default:
    return run_chunk<f128>(f, seed, chunk, n, edges);
#else
  default:
    return {};
#endif
  }
}

} // namespace

int main(int argc, char** argv) {
  std::uint64_t count = 1000000, slow = 1000000, seed = 20261124;
  unsigned threads = std::max(1u, std::min(2u, std::thread::hardware_concurrency()));
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string a = argv[i];
    const std::uint64_t v = std::strtoull(argv[i + 1], nullptr, 0);
    if (a == "--count")
      count = v;
    else if (a == "--slow-count")
      slow = v;
    else if (a == "--seed")
      seed = v;
    else if (a == "--threads")
      threads = static_cast<unsigned>(v);
    else {
      std::fprintf(stderr,
                   "usage: accuracy [--count N] [--slow-count N] [--seed S] [--threads T]\n");
      return 2;
    }
  }
#ifdef GIBBS_HAS_FLOAT128
  const int ntypes = 5;
#else
  const int ntypes = 4;
#endif
  constexpr std::uint64_t chunk = 20000;
  struct task {
    int type;
    fn f;
    std::uint64_t index, n;
  };
  std::vector<task> tasks;
  for (int t = 0; t < ntypes; ++t)
    for (int f = 0; f < 5; ++f) {
      const std::uint64_t total = t <= 1 ? count : slow;
      std::uint64_t done = 0, idx = 0;
      do {
        const std::uint64_t n = std::min(chunk, total - done);
        tasks.push_back({t, static_cast<fn>(f), idx++, n});
        done += n;
      } while (done < total);
    }
  std::vector<stats> result(static_cast<std::size_t>(ntypes * 5));
  std::mutex mu;
  std::atomic<std::size_t> next{0};
  std::vector<std::thread> pool;
  for (unsigned w = 0; w < threads; ++w)
    pool.emplace_back([&] {
      for (std::size_t i; (i = next++) < tasks.size();) {
        const task& tk = tasks[i];
        const stats s = dispatch(tk.type, tk.f, seed, tk.index, tk.n, tk.index == 0);
        std::lock_guard lock(mu);
        result[static_cast<std::size_t>(tk.type * 5 + static_cast<int>(tk.f))].merge(s);
      }
    });
  for (auto& th : pool)
    th.join();
  std::printf(
      "| function | type | inputs | max error (ulp) | mismatches vs correctly rounded | seed |\n");
  std::printf("|---|---|---:|---:|---:|---:|\n");
  bool fail = false;
  for (int t = 0; t < ntypes; ++t)
    for (int f = 0; f < 5; ++f) {
      const stats& s = result[static_cast<std::size_t>(t * 5 + f)];
      std::printf("| %s | %s | %llu | %.3g | %llu (%.4f%%) | %llu |\n",
                  fn_names[static_cast<std::size_t>(f)], type_name(t),
                  static_cast<unsigned long long>(s.inputs), s.max_ulp,
                  static_cast<unsigned long long>(s.mismatches),
                  s.inputs
                      ? 100.0 * static_cast<double>(s.mismatches) / static_cast<double>(s.inputs)
                      : 0.0,
                  static_cast<unsigned long long>(seed));
      if (s.mismatches != 0)
        std::fprintf(stderr, "%s %s: worst input %s\n", fn_names[static_cast<std::size_t>(f)],
                     type_name(t), s.worst.c_str());
      if (t <= 1 && s.mismatches != 0) fail = true;
    }
  return fail ? 1 : 0;
}
