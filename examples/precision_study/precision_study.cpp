// examples/precision_study/precision_study.cpp: which formulation of KL, in which precision, is
// accurate for near-equal distributions — and how float32 cross-entropy degrades with the support
// size under naive, pairwise and compensated summation.
//
//   precision_study OUT_DIR     writes OUT_DIR/precision_near_equal.csv and
//                               OUT_DIR/precision_ce_float32.csv (plots: plots.gp, run.sh)
//
// Reference: the gibbs oracle (gibbs/oracle.hpp) — the exact value of KL (or H(p, q)) on the very
// numbers each computation was given, rounded once to binary64 (binary32 for float inputs), with
// a certified enclosure (binary16 or bfloat16 for those types: the oracle rounds once, straight to
// the format). Errors are in ulps of that rounded value (binary32 ulps for float, binary16 and
// bfloat16 ulps for gibbs::binary16 and gibbs::bfloat16, binary64 ulps for every other type, whose
// result is rounded to double first) and in correct decimal digits (capped at 17, 9 for float,
// 5 for binary16, 4 for bfloat16).
//
// Study 1, near-equal pairs: p is a random distribution of n = 100 entries, q moves pairs of
// entries of p by ±ε·p_i (at least one ulp; each move exact, so Σq = Σp) for ε = 1e-1 … 1e-16.
// Formulations:
//   ratio      Σ p·log(p/q)
//   logdiff    Σ p·(log p − log q)
//   ce_minus_h H(p, q) − H(p) = (−Σ p·log q) − (−Σ p·log p)
//   bregman    gibbs::kl_divergence: Σ q·φ((p − q)/q) + Σ(p − q), φ(u) = (1+u)·log1p(u) − u
// each in float, double, long double, float128 (g++ only), gibbs::double_double and
// boost::multiprecision::cpp_bin_float_50, with gibbs::log (correctly rounded for the built-in
// types, float128 and double_double; Boost's own log for cpp_bin_float_50), and in gibbs::binary16
// and gibbs::bfloat16 (every operation and log rounded to the format). Float, binary16 and
// bfloat16 inputs are the pair rebuilt in that format (moves of at least one ulp of the format:
// below ε ≈ 6e-8, 5e-4 and 4e-3 a pair cannot be closer).
// Study 2: H(p, q) of random float distributions, n = 10 … 10^6, terms p·logf(q) in float,
// summed naively (left to right), pairwise (blocks of 8, then halving) or compensated (Neumaier).
#include "gibbs/conformance/cases.hpp" // deterministic random numbers and exact perturbations
#include "gibbs/gibbs.hpp"
#include "gibbs/number/double_double.hpp"
#include "gibbs/number/multiprecision.hpp"
#include "gibbs/number/small_float.hpp"
#include "gibbs/oracle.hpp"
#if GIBBS_HAS_FLOAT128
#include "gibbs/number/float128.hpp"
#endif

#include <boost/multiprecision/cpp_bin_float.hpp>

#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

namespace {

namespace oracle = gibbs::oracle;
using gibbs::conformance::detail::source;

template <class T>
std::vector<T> as(const std::vector<double>& x) {
  std::vector<T> out;
  out.reserve(x.size());
  for (double v : x)
    out.push_back(T(v));
  return out;
}

template <class T>
T ratio_kl(const std::vector<T>& p, const std::vector<T>& q) {
  T s(0);
  for (std::size_t i = 0; i < p.size(); ++i)
    s += p[i] * gibbs::log(T(p[i] / q[i]));
  return s;
}

template <class T>
T logdiff_kl(const std::vector<T>& p, const std::vector<T>& q) {
  T s(0);
  for (std::size_t i = 0; i < p.size(); ++i)
    s += p[i] * (gibbs::log(p[i]) - gibbs::log(q[i]));
  return s;
}

template <class T>
T ce_minus_h(const std::vector<T>& p, const std::vector<T>& q) {
  T ce(0), h(0);
  for (std::size_t i = 0; i < p.size(); ++i) {
    ce -= p[i] * gibbs::log(q[i]);
    h -= p[i] * gibbs::log(p[i]);
  }
  return ce - h;
}

template <class T>
T bregman(const std::vector<T>& p, const std::vector<T>& q) {
  return gibbs::kl_divergence(p, q);
}

struct row_writer {
  std::FILE* f;
  void near_equal(double eps, const char* form, const char* type, double value,
                  const oracle::result& ref, oracle::format fmt) {
    const std::int64_t u = oracle::ulp_distance(oracle::round_double(value, fmt), ref.value, fmt);
    const double ulps = std::isnan(value) ? -1.0 : std::fabs(static_cast<double>(u));
    std::fprintf(f, "%.3g,%s,%s,%.17g,%.17g,%.6g,%.3f\n", eps, form, type, value, ref.value, ulps,
                 oracle::correct_digits(value, ref));
  }
};

template <class T>
void study_type(row_writer& w, double eps, const char* type, const std::vector<double>& p,
                const std::vector<double>& q, const oracle::result& ref,
                oracle::format fmt = oracle::format::binary64) {
  const auto pt = as<T>(p), qt = as<T>(q);
  const auto d = [](const T& x) { return static_cast<double>(x); };
  w.near_equal(eps, "ratio", type, d(ratio_kl(pt, qt)), ref, fmt);
  w.near_equal(eps, "logdiff", type, d(logdiff_kl(pt, qt)), ref, fmt);
  w.near_equal(eps, "ce_minus_h", type, d(ce_minus_h(pt, qt)), ref, fmt);
  w.near_equal(eps, "bregman", type, d(bregman(pt, qt)), ref, fmt);
}

// q: pairs of p moved by ±ε·p_i in float, at least one float ulp, each move exact in float.
std::vector<double> perturbed_float(source& g, const std::vector<double>& p, double eps) {
  std::vector<double> q = p;
  for (std::size_t i = 0; i + 1 < p.size(); i += 2) {
    const float a = static_cast<float>(p[i]), b = static_cast<float>(p[i + 1]);
    const float hi = a > b ? a : b, lo = a > b ? b : a;
    const float u = std::nextafter(hi, 2.0f) - hi;
    float d = static_cast<float>(std::round(eps * lo * (0.5 + 0.5 * g.uniform()) / u)) * u;
    if (d < u) d = u;
    if (d >= lo) continue;
    if (g.sign() < 0) d = -d;
    const float x = a + d, y = b - d;
    if (x - a == d && b - y == d) {
      q[i] = x;
      q[i + 1] = y;
    }
  }
  return q;
}

// q: pairs of p (numbers of the 16-bit format fmt) moved by ±ε·p_i in fmt, at least one ulp of
// fmt, each move exact in fmt.
std::vector<double> perturbed_small(source& g, const std::vector<double>& p, double eps,
                                    oracle::format fmt) {
  std::vector<double> q = p;
  for (std::size_t i = 0; i + 1 < p.size(); i += 2) {
    const double a = p[i], b = p[i + 1];
    const double hi = a > b ? a : b, lo = a > b ? b : a;
    const double u = oracle::next_up(hi, fmt) - hi;
    double d = std::round(eps * lo * (0.5 + 0.5 * g.uniform()) / u) * u;
    if (d < u) d = u;
    if (d >= lo) continue;
    if (g.sign() < 0) d = -d;
    const double x = a + d, y = b - d; // exact in double
    if (oracle::representable(x, fmt) && oracle::representable(y, fmt)) {
      q[i] = x;
      q[i + 1] = y;
    }
  }
  return q;
}

void near_equal_study(const std::string& path) {
  std::FILE* f = std::fopen(path.c_str(), "w");
  if (f == nullptr) throw std::runtime_error("cannot write " + path);
  std::fprintf(f, "eps,formulation,type,value,reference,ulps,digits\n");
  row_writer w{f};
  source g(2026);
  const std::size_t n = 100;
  const auto p = gibbs::conformance::detail::exactly_normalized(
      gibbs::conformance::detail::random_weights(g, n));
  // float inputs: p rounded to float, then made to sum to 1 in float within its tolerance
  std::vector<double> pf(n);
  for (std::size_t i = 0; i < n; ++i)
    pf[i] = static_cast<double>(static_cast<float>(p[i]));
  for (int k = 1; k <= 16; ++k) {
    const double eps = std::pow(10.0, -k);
    const auto q = gibbs::conformance::detail::perturbed(g, p, eps);
    const auto ref = oracle::kl_divergence(std::span<const double>(p), std::span<const double>(q));
    study_type<double>(w, eps, "double", p, q, ref);
    study_type<long double>(w, eps, "long double", p, q, ref);
#if GIBBS_HAS_FLOAT128
    study_type<boost::multiprecision::float128>(w, eps, "float128", p, q, ref);
#endif
    study_type<gibbs::double_double>(w, eps, "double-double", p, q, ref);
    study_type<boost::multiprecision::cpp_bin_float_50>(w, eps, "cpp_bin_float_50", p, q, ref);
    const auto qf = perturbed_float(g, pf, eps);
    const auto pf32 = as<float>(pf), qf32 = as<float>(qf);
    const auto ref32 =
        oracle::kl_divergence(std::span<const float>(pf32), std::span<const float>(qf32));
    study_type<float>(w, eps, "float", pf, qf, ref32, oracle::format::binary32);
    for (const oracle::format fmt : {oracle::format::binary16, oracle::format::bfloat16}) {
      std::vector<double> ph(n);
      for (std::size_t i = 0; i < n; ++i)
        ph[i] = oracle::round_double(p[i], fmt);
      const auto qh = perturbed_small(g, ph, eps, fmt);
      oracle::options o;
      o.fmt = fmt;
      const auto refh =
          oracle::kl_divergence(std::span<const double>(ph), std::span<const double>(qh), o);
      if (fmt == oracle::format::binary16)
        study_type<gibbs::binary16>(w, eps, "binary16", ph, qh, refh, fmt);
      else
        study_type<gibbs::bfloat16>(w, eps, "bfloat16", ph, qh, refh, fmt);
    }
    std::fprintf(stderr, "near-equal: eps = %g done\n", eps);
  }
  std::fclose(f);
}

// ---- study 2: float32 cross-entropy and the summation ------------------------------------------

float naive_sum(const std::vector<float>& t) {
  float s = 0;
  for (float x : t)
    s += x;
  return s;
}

float pairwise_sum(const float* t, std::size_t n) {
  if (n <= 8) {
    float s = 0;
    for (std::size_t i = 0; i < n; ++i)
      s += t[i];
    return s;
  }
  const std::size_t h = n / 2;
  return pairwise_sum(t, h) + pairwise_sum(t + h, n - h);
}

float compensated_sum(const std::vector<float>& t) {
  float s = 0, c = 0;
  for (float x : t) {
    const float u = s + x;
    c += std::fabs(s) >= std::fabs(x) ? (s - u) + x : (x - u) + s;
    s = u;
  }
  return s + c;
}

void cross_entropy_study(const std::string& path) {
  std::FILE* f = std::fopen(path.c_str(), "w");
  if (f == nullptr) throw std::runtime_error("cannot write " + path);
  std::fprintf(f, "n,trial,summation,value,reference,ulps,digits\n");
  source g(7);
  for (double decade = 1; decade <= 6.01; decade += 0.5) {
    const auto n = static_cast<std::size_t>(std::llround(std::pow(10.0, decade)));
    for (int trial = 0; trial < 3; ++trial) {
      // random float distributions: weights divided by their sum in double, rounded to float
      std::vector<float> p(n), q(n);
      for (auto* v : {&p, &q}) {
        std::vector<double> w(n);
        double s = 0;
        for (double& x : w) {
          x = g.open();
          s += x;
        }
        for (std::size_t i = 0; i < n; ++i)
          (*v)[i] = static_cast<float>(w[i] / s);
      }
      std::vector<float> terms(n);
      for (std::size_t i = 0; i < n; ++i)
        terms[i] = -(p[i] * std::log(q[i]));
      const auto ref = oracle::cross_entropy(std::span<const float>(p), std::span<const float>(q));
      const struct {
        const char* name;
        float value;
      } rows[] = {{"naive", naive_sum(terms)},
                  {"pairwise", pairwise_sum(terms.data(), n)},
                  {"compensated", compensated_sum(terms)}};
      for (const auto& r : rows) {
        const auto u = oracle::ulp_distance(r.value, static_cast<float>(ref.value));
        std::fprintf(f, "%zu,%d,%s,%.9g,%.9g,%lld,%.3f\n", n, trial, r.name,
                     static_cast<double>(r.value), ref.value,
                     static_cast<long long>(u < 0 ? -u : u),
                     oracle::correct_digits(static_cast<double>(r.value), ref));
      }
    }
    std::fprintf(stderr, "float32 cross-entropy: n = %zu done\n", n);
  }
  std::fclose(f);
}

} // namespace

int main(int argc, char** argv) {
  const std::string dir = argc > 1 ? argv[1] : ".";
  try {
    near_equal_study(dir + "/precision_near_equal.csv");
    cross_entropy_study(dir + "/precision_ce_float32.csv");
  } catch (const std::exception& e) {
    std::fprintf(stderr, "precision_study: %s\n", e.what());
    return 1;
  }
  std::printf("wrote %s/precision_near_equal.csv and %s/precision_ce_float32.csv\n", dir.c_str(),
              dir.c_str());
  return 0;
}
