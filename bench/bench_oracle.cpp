// bench_oracle: time per element of the oracle's KL divergence against a naive double loop
// sum p log(p/q) and against an uncertified MPFR evaluation at 128 bits, measured in the same run,
// for n = 10^3 ... 10^6 (10^7 with --large, 10^8 with --huge: 1.6 GB of input, and the MPFR
// column is left out there). Prints a Markdown table.
//
//   meson compile -C build bench_oracle && ./build/bench/bench_oracle [--large] [--huge]
//   [--interval]
//
// --interval adds the certified interval (MPFI) path with the fast path disabled (n <= 10^4).
// A second table times the other measures at n = 10^5 and 10^6 against their own naive double
// loops (KL of a near-equal pair, entropy -sum p log p, cross-entropy -sum p log q, JS, NLL,
// perplexity).
// A third table times inputs whose exact value is rational (decided by the rational decision of
// oracle/detail/rational.hpp, which runs only when an enclosure cannot exclude a representable
// number or a midpoint) against ordinary inputs of the same measure and size: normalized KL in base
// 3 with ratios 3 and 1/3 (exactly 1/2), entropy in base 2 of a distribution of powers of two (a
// dyadic rational), equal logits in base 3 (K = 3^10: exactly 10).
// A table times batches (256 rows of 4096) reduced and answered row by row against one case
// of the same 2^20 elements, and a last one the vector-valued measures (softmax, log_softmax, the
// cross-entropy's gradient) on rows of 131072 logits against a naive double loop (--vector: only
// that table). The batched losses of PyTorch (logits cross-entropy with class targets, BCE,
// BCE with logits; mean) at K = 131072 and B = 256 against their textbook loops (--losses: only
// that table; --losses --small-batch: B = 32). The continuous measures gaussian_kl and vae_kl over
// 10^5 and 10^6 dimensions against their textbook double loops (--continuous: only that table).
// KL, JS and entropy at 2000 and 10000 decimal digits against one plain MPFR pass at that
// precision (--digits: only that table).
// Times are the best of several runs, in thread CPU time.
// Inputs: two random distributions (exponential masses normalised in double, fixed seed).
#include <gibbs/oracle.hpp>

#include <mpfr.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <random>
#include <string>
#include <time.h>
#include <vector>

namespace {

// CPU time of this thread: the ratios stay meaningful on a loaded machine, where wall-clock
// times of the same loop vary by a factor of several.
double cpu_now() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + 1e-9 * static_cast<double>(t.tv_nsec);
}

template <class F>
double seconds(F&& f, int reps) {
  double best = 1e300;
  for (int r = 0; r < reps; ++r) {
    const double t0 = cpu_now();
    f();
    best = std::min(best, cpu_now() - t0);
  }
  return best;
}

std::vector<double> distribution(std::mt19937_64& g, std::size_t n) {
  std::uniform_real_distribution<double> u(0.0, 1.0);
  std::vector<double> p(n);
  double s = 0;
  for (auto& x : p)
    s += x = -std::log(u(g) + 1e-300);
  for (auto& x : p)
    x /= s;
  return p;
}

volatile double sink;

/// The textbook log-sum-exp of K logits, the naive loops' baseline: max, then the log of the sum
/// of exp(z_i - max).
double textbook_lse(const double* z, std::size_t K) {
  double M = z[0];
  for (std::size_t i = 1; i < K; ++i)
    M = std::max(M, z[i]);
  double S = 0;
  for (std::size_t i = 0; i < K; ++i)
    S += std::exp(z[i] - M);
  return M + std::log(S);
}

/// The vector-valued measures (softmax, log_softmax, the gradient of the cross-entropy from
/// logits, class targets, mean) on B rows of K = 131072 logits (normal, sigma 4), against a naive
/// double loop per row measured here (max, sum of exp(z_i - max), then every output from
/// lse = max + log(sum)); with the share of the outputs the certified double-double pass decided.
void vector_table(std::mt19937_64& g) {
  using gibbs::oracle::measure;
  const std::size_t B = 8, K = 131072, n = B * K;
  std::normal_distribution<double> d(0.0, 4.0);
  std::vector<double> z(n), out(n);
  for (double& v : z)
    v = d(g);
  std::vector<std::int64_t> cls(B);
  for (std::size_t i = 0; i < B; ++i)
    cls[i] = static_cast<std::int64_t>((i * 7919) % K);
  std::printf(
      "\n| vector-valued (B = %zu, K = %zu) | naive double (ns/output) | oracle (ns/output) "
      "| oracle / naive | outputs decided by the double-double pass |\n"
      "|:---|---:|---:|---:|---:|\n",
      B, K);
  for (const measure m :
       {measure::softmax, measure::log_softmax, measure::logits_cross_entropy_grad}) {
    const double naive = seconds(
        [&] {
          for (std::size_t b = 0; b < B; ++b) {
            const double* zr = z.data() + b * K;
            double* o = out.data() + b * K;
            const double lse = textbook_lse(zr, K);
            if (m == measure::log_softmax)
              for (std::size_t i = 0; i < K; ++i)
                o[i] = zr[i] - lse;
            else
              for (std::size_t i = 0; i < K; ++i)
                o[i] = std::exp(zr[i] - lse);
            if (m == measure::logits_cross_entropy_grad) {
              o[static_cast<std::size_t>(cls[b])] -= 1;
              for (std::size_t i = 0; i < K; ++i)
                o[i] /= static_cast<double>(B);
            }
          }
          sink = out[n / 2];
        },
        3);
    gibbs::oracle::request r;
    r.what = m;
    r.rows = static_cast<std::int64_t>(B);
    r.logits = z;
    if (m == measure::logits_cross_entropy_grad) r.samples = cls;
    std::vector<gibbs::oracle::result> res;
    const double oracle = seconds([&] { res = gibbs::oracle::evaluate_all(r); }, 2);
    std::size_t fast = 0;
    for (const gibbs::oracle::result& x : res)
      fast += x.fast_path ? 1 : 0;
    const double per = 1e9 / static_cast<double>(n);
    std::printf("| %s | %.1f | %.1f | %.2f | %.6f |\n",
                std::string(gibbs::oracle::descriptor_of(m).name).c_str(), naive * per,
                oracle * per, oracle / naive, static_cast<double>(fast) / static_cast<double>(n));
    std::fflush(stdout);
  }
}

/// The scalar losses of a batch as PyTorch reduces them (mean) at vocab K = 131072 and batch
/// B = 256 (B = 32 with --small-batch), one request each, against the textbook double loop a
/// kernel writer would check: logits_cross_entropy with class targets (max, sum of exp(z_i - max),
/// max + log(sum) - z_t per row), the same with label_smoothing 0.1 ((1 - eps) (lse - z_t) +
/// eps (lse - mean z)), binary_cross_entropy (x uniform in (0, 1), y uniform in [0, 1];
/// -(y log x + (1 - y) log(1 - x))) and binary_cross_entropy_with_logits (z normal, sigma 4;
/// max(z, 0) - z y + log1p(exp(-|z|))).
void loss_table(std::mt19937_64& g, std::size_t B) {
  using gibbs::oracle::measure;
  const std::size_t K = 131072, n = B * K;
  std::normal_distribution<double> d(0.0, 4.0);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  std::vector<double> z(n), y(n);
  for (double& v : z)
    v = d(g);
  for (double& v : y)
    v = u(g);
  std::vector<std::int64_t> cls(B);
  for (std::size_t i = 0; i < B; ++i)
    cls[i] = static_cast<std::int64_t>((i * 7919) % K);
  std::printf("\n| loss, mean (B = %zu, K = %zu) | naive double (ns/elt) | oracle (ns/elt) | "
              "oracle / naive | decided by |\n"
              "|:---|---:|---:|---:|:---|\n",
              B, K);
  const auto row = [&](const char* name, const gibbs::oracle::request& r, auto&& naive_loop) {
    const double naive = seconds(naive_loop, 3);
    gibbs::oracle::result res;
    const double oracle = seconds([&] { res = gibbs::oracle::evaluate(r); }, 2);
    const double per = 1e9 / static_cast<double>(n);
    std::printf("| %s | %.1f | %.1f | %.2f | %s |\n", name, naive * per, oracle * per,
                oracle / naive, res.fast_path ? "double-double" : "MPFI");
    std::fflush(stdout);
  };
  for (const double eps : {0.0, 0.1}) {
    gibbs::oracle::request r;
    r.what = measure::logits_cross_entropy;
    r.rows = static_cast<std::int64_t>(B);
    r.logits = z;
    r.samples = cls;
    if (eps != 0) r.parameters["label_smoothing"] = eps;
    r.reduce = gibbs::oracle::reduction::mean;
    row(eps == 0 ? "logits_cross_entropy, class targets"
                 : "logits_cross_entropy, label_smoothing 0.1",
        r, [&] {
          double total = 0;
          for (std::size_t b = 0; b < B; ++b) {
            const double* zr = z.data() + b * K;
            const double l = textbook_lse(zr, K);
            double sz = 0;
            if (eps != 0)
              for (std::size_t i = 0; i < K; ++i)
                sz += zr[i];
            total += (1 - eps) * (l - zr[static_cast<std::size_t>(cls[b])])
                     + eps * (l - sz / static_cast<double>(K));
          }
          sink = total / static_cast<double>(B);
        });
  }
  {
    std::vector<double> x(n);
    for (double& v : x)
      v = u(g) * (1 - 0x1p-20) + 0x1p-21; // in (0, 1)
    gibbs::oracle::request r;
    r.what = measure::binary_cross_entropy;
    r.arrays["input"] = x;
    r.target = y;
    r.reduce = gibbs::oracle::reduction::mean;
    row("binary_cross_entropy", r, [&] {
      double total = 0;
      for (std::size_t i = 0; i < n; ++i)
        total -= y[i] * std::log(x[i]) + (1 - y[i]) * std::log(1 - x[i]);
      sink = total / static_cast<double>(n);
    });
  }
  {
    gibbs::oracle::request r;
    r.what = measure::binary_cross_entropy_with_logits;
    r.logits = z;
    r.target = y;
    r.reduce = gibbs::oracle::reduction::mean;
    row("binary_cross_entropy_with_logits", r, [&] {
      double total = 0;
      for (std::size_t i = 0; i < n; ++i)
        total += std::max(z[i], 0.0) - z[i] * y[i] + std::log1p(std::exp(-std::fabs(z[i])));
      sink = total / static_cast<double>(n);
    });
  }
}

/// The continuous measures (gaussian_kl, vae_kl) over n = 10^4, 10^5 and 10^6 dimensions (means
/// N(0, 1), sigmas e^N(0, 1), logvars N(0, 1)) against their textbook double loops, and at 10^4
/// through MPFI alone (the fast pass disabled).
void continuous_table(std::mt19937_64& g) {
  std::printf("\n| continuous measure | dimensions | naive double (ns/dim) | oracle (ns/dim) | "
              "oracle / naive | decided by | MPFI alone (ns/dim) "
              "|\n|:---|---:|---:|---:|---:|:---|---:|\n");
  std::normal_distribution<double> normal(0.0, 1.0);
  for (std::size_t n : {std::size_t{10000}, std::size_t{100000}, std::size_t{1000000}}) {
    std::vector<double> mp(n), sp(n), mq(n), sq(n);
    for (std::size_t i = 0; i < n; ++i) {
      mp[i] = normal(g);
      mq[i] = normal(g);
      sp[i] = std::exp(normal(g));
      sq[i] = std::exp(normal(g));
    }
    const double per = 1e9 / static_cast<double>(n);
    for (const bool vae : {false, true}) {
      const double naive = seconds(
          [&] {
            double s = 0;
            if (vae)
              for (std::size_t i = 0; i < n; ++i)
                s += 0.5 * (mp[i] * mp[i] + std::exp(mq[i]) - 1 - mq[i]);
            else
              for (std::size_t i = 0; i < n; ++i) {
                const double d = mp[i] - mq[i];
                s += std::log(sq[i] / sp[i]) + (sp[i] * sp[i] + d * d) / (2 * sq[i] * sq[i]) - 0.5;
              }
            sink = s;
          },
          3);
      gibbs::oracle::request r;
      if (vae) {
        r.what = gibbs::oracle::measure::vae_kl;
        r.arrays = {{"mu", mp}, {"logvar", mq}};
      } else {
        r.what = gibbs::oracle::measure::gaussian_kl;
        r.arrays = {{"mu_p", mp}, {"sigma_p", sp}, {"mu_q", mq}, {"sigma_q", sq}};
      }
      gibbs::oracle::result res;
      const double oracle = seconds([&] { res = gibbs::oracle::evaluate(r); }, 3);
      std::printf("| %s | %zu | %.1f | %.1f | %.1f | %s |", vae ? "vae_kl" : "gaussian_kl", n,
                  naive * per, oracle * per, oracle / naive,
                  res.fast_path ? "double-double" : "MPFI");
      if (n <= 10000) {
        r.allow_fast_path = false;
        const double iv = seconds([&] { sink = gibbs::oracle::evaluate(r).value; }, 1);
        std::printf(" %.0f |\n", iv * per);
      } else {
        std::printf(" - |\n");
      }
      std::fflush(stdout);
    }
  }
}

} // namespace

// Decimal digits: KL, JS and entropy of n = 1000 random masses at 2000 and 10000 digits against
// one plain MPFR pass of the textbook formula at the precision the oracle starts at (3.33 digits
// + 64 bits): p log(p/q) (a division, a log, a product, a sum per term), p log(2p/(p+q)) +
// q log(2q/(p+q)), -p log p.
void digits_table(std::mt19937_64& g) {
  using gibbs::oracle::measure;
  const std::size_t n = 1000;
  const std::vector<double> p = distribution(g, n), q = distribution(g, n);
  std::printf("| measure | n | digits | plain MPFR (s) | oracle (s) | oracle / MPFR |\n"
              "|:---|---:|---:|---:|---:|---:|\n");
  for (int digits : {2000, 10000}) {
    const long bits = static_cast<long>(digits * 3.33) + 64;
    for (measure m : {measure::kl, measure::js, measure::entropy}) {
      const double plain = seconds(
          [&] {
            mpfr_t s, t, u, w;
            mpfr_inits2(bits, s, t, u, w, static_cast<mpfr_ptr>(nullptr));
            mpfr_set_zero(s, 1);
            for (std::size_t i = 0; i < n; ++i) {
              if (m == measure::kl) {
                mpfr_set_d(t, p[i], MPFR_RNDN);
                mpfr_div_d(t, t, q[i], MPFR_RNDN);
                mpfr_log(t, t, MPFR_RNDN);
                mpfr_mul_d(t, t, p[i], MPFR_RNDN);
                mpfr_add(s, s, t, MPFR_RNDN);
              } else if (m == measure::entropy) {
                mpfr_set_d(t, p[i], MPFR_RNDN);
                mpfr_log(t, t, MPFR_RNDN);
                mpfr_mul_d(t, t, p[i], MPFR_RNDN);
                mpfr_sub(s, s, t, MPFR_RNDN);
              } else {
                mpfr_set_d(w, p[i], MPFR_RNDN);
                mpfr_add_d(w, w, q[i], MPFR_RNDN);
                for (const double x : {p[i], q[i]}) {
                  mpfr_set_d(t, 2 * x, MPFR_RNDN);
                  mpfr_div(t, t, w, MPFR_RNDN);
                  mpfr_log(t, t, MPFR_RNDN);
                  mpfr_mul_d(t, t, x, MPFR_RNDN);
                  mpfr_add(s, s, t, MPFR_RNDN);
                }
              }
            }
            sink = mpfr_get_d(s, MPFR_RNDN);
            mpfr_clears(s, t, u, w, static_cast<mpfr_ptr>(nullptr));
          },
          1);
      gibbs::oracle::request r;
      r.what = m;
      r.p = p;
      r.q = q;
      r.digits = digits;
      const double oracle = seconds([&] { sink = gibbs::oracle::evaluate(r).value; }, 1);
      const char* name = m == measure::kl ? "kl" : m == measure::js ? "js" : "entropy";
      std::printf("| %s | %zu | %d | %.2f | %.2f | %.2f |\n", name, n, digits, plain, oracle,
                  oracle / plain);
      std::fflush(stdout);
    }
  }
}

int main(int argc, char** argv) {
  bool large = false, huge = false, interval = false;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--large") == 0) large = true;
    if (std::strcmp(argv[i], "--huge") == 0) huge = true;
    if (std::strcmp(argv[i], "--interval") == 0) interval = true;
    if (std::strcmp(argv[i], "--continuous") == 0) { // only the table of gaussian_kl, vae_kl
      std::mt19937_64 g(42);
      continuous_table(g);
      return 0;
    }
    if (std::strcmp(argv[i], "--losses") == 0) { // only the table of the batched losses
      std::mt19937_64 g(42);
      loss_table(g, i + 1 < argc && std::strcmp(argv[i + 1], "--small-batch") == 0 ? 32 : 256);
      return 0;
    }
    if (std::strcmp(argv[i], "--digits") == 0) { // only the table of decimal digits
      std::mt19937_64 g(42);
      digits_table(g);
      return 0;
    }
    if (std::strcmp(argv[i], "--vector") == 0) { // only the table of the vector-valued measures
      std::mt19937_64 g(42);
      vector_table(g);
      return 0;
    }
  }
  std::vector<std::size_t> sizes{1000, 10000, 100000, 1000000};
  if (large) sizes.push_back(10000000);
  if (huge) sizes.push_back(100000000);
  std::mt19937_64 g(2026);
  std::printf("| n | naive double (ns/elt) | MPFR 128 bits (ns/elt) | oracle (ns/elt) | oracle / "
              "naive | oracle / MPFR | decided by |%s\n",
              interval ? " MPFI only (ns/elt) |" : "");
  std::printf("|---:|---:|---:|---:|---:|---:|:---|%s\n", interval ? "---:|" : "");
  for (std::size_t n : sizes) {
    const std::vector<double> p = distribution(g, n), q = distribution(g, n);
    const int reps = n <= 100000 ? 5 : 3;
    const double naive = seconds(
        [&] {
          double s = 0;
          for (std::size_t i = 0; i < n; ++i)
            s += p[i] * std::log(p[i] / q[i]);
          sink = s;
        },
        reps);
    const bool with_mpfr = n <= 10000000;
    const double mp = !with_mpfr ? 0.0
                                 : seconds(
                                     [&] {
                                       mpfr_t s, t, u;
                                       mpfr_inits2(128, s, t, u, static_cast<mpfr_ptr>(nullptr));
                                       mpfr_set_zero(s, 1);
                                       for (std::size_t i = 0; i < n; ++i) {
                                         mpfr_set_d(t, p[i], MPFR_RNDN);
                                         mpfr_set_d(u, q[i], MPFR_RNDN);
                                         mpfr_div(u, t, u, MPFR_RNDN);
                                         mpfr_log(u, u, MPFR_RNDN);
                                         mpfr_mul(u, u, t, MPFR_RNDN);
                                         mpfr_add(s, s, u, MPFR_RNDN);
                                       }
                                       sink = mpfr_get_d(s, MPFR_RNDN);
                                       mpfr_clears(s, t, u, static_cast<mpfr_ptr>(nullptr));
                                     },
                                     reps);
    gibbs::oracle::result res;
    const double oracle = seconds([&] { res = gibbs::oracle::kl_divergence(p, q); }, reps);
    const double per = 1e9 / static_cast<double>(n);
    char mp_cell[32] = "-", ratio_cell[32] = "-";
    if (with_mpfr) {
      std::snprintf(mp_cell, sizeof mp_cell, "%.1f", mp * per);
      std::snprintf(ratio_cell, sizeof ratio_cell, "%.2f", oracle / mp);
    }
    std::printf("| %zu | %.1f | %s | %.1f | %.1f | %s | %s |", n, naive * per, mp_cell,
                oracle * per, oracle / naive, ratio_cell, res.fast_path ? "double-double" : "MPFI");
    if (interval) {
      if (n <= 10000) {
        gibbs::oracle::request r;
        r.p = p;
        r.q = q;
        r.allow_fast_path = false;
        const double iv = seconds([&] { sink = gibbs::oracle::evaluate(r).value; }, 1);
        std::printf(" %.0f |", iv * per);
      } else {
        std::printf(" - |");
      }
    }
    std::printf("\n");
    std::fflush(stdout);
  }

  std::printf(
      "\n| measure | n | naive double (ns/elt) | oracle (ns/elt) | oracle / naive | decided by "
      "|\n|:---|---:|---:|---:|---:|:---|\n");
  for (std::size_t n : {std::size_t{100000}, std::size_t{1000000}}) {
    const std::vector<double> p = distribution(g, n), q = distribution(g, n);
    std::vector<std::int64_t> samples(n);
    std::uniform_int_distribution<std::int64_t> cls(0, static_cast<std::int64_t>(n) - 1);
    for (auto& s : samples)
      s = cls(g);
    struct row {
      const char* name;
      gibbs::oracle::measure what;
      bool normalized = false;
      double alpha = 0; ///< renyi's order; for the normalized KL, the scale of q2
    };
    using gibbs::oracle::measure;
    // q2: p perturbed by relative 2^-20 (and renormalised): KL by the near-equal series
    std::vector<double> q2(p);
    {
      std::uniform_real_distribution<double> u(-1.0, 1.0);
      double s2 = 0;
      for (auto& x : q2)
        s2 += x *= 1 + 0x1p-20 * u(g);
      for (auto& x : q2)
        x /= s2;
    }
    for (const row& m :
         {row{"kl, p ≈ q (2^-20)", measure::kl}, row{"entropy", measure::entropy},
          row{"cross_entropy", measure::cross_entropy}, row{"js", measure::js},
          row{"nll", measure::nll}, row{"perplexity", measure::perplexity},
          row{"kl, normalized variant", measure::kl, true},
          row{"kl, normalized, p ≈ q (2^-20), q scaled by 3", measure::kl, true, 3.0},
          row{"js, normalized variant", measure::js, true},
          row{"entropy, normalized variant", measure::entropy, true},
          row{"chi_squared", measure::chi_squared}, row{"hellinger", measure::hellinger},
          row{"renyi, alpha = 2", measure::renyi, false, 2.0},
          row{"renyi, alpha = 0.5", measure::renyi, false, 0.5}}) {
      const double naive = seconds(
          [&] {
            double s = 0;
            switch (m.what) {
            case measure::kl:
              for (std::size_t i = 0; i < n; ++i)
                s += p[i] * std::log(p[i] / (m.alpha != 0 ? m.alpha * q2[i] : q2[i]));
              break;
            case measure::entropy:
              for (std::size_t i = 0; i < n; ++i)
                s -= p[i] * std::log(p[i]);
              break;
            case measure::cross_entropy:
              for (std::size_t i = 0; i < n; ++i)
                s -= p[i] * std::log(q[i]);
              break;
            case measure::js:
              for (std::size_t i = 0; i < n; ++i) {
                const double mm = 0.5 * (p[i] + q[i]);
                s += 0.5 * (p[i] * std::log(p[i] / mm) + q[i] * std::log(q[i] / mm));
              }
              break;
            case measure::chi_squared:
              for (std::size_t i = 0; i < n; ++i)
                s += (p[i] - q[i]) * (p[i] - q[i]) / q[i];
              break;
            case measure::hellinger:
              for (std::size_t i = 0; i < n; ++i)
                s += (std::sqrt(p[i]) - std::sqrt(q[i])) * (std::sqrt(p[i]) - std::sqrt(q[i]));
              s = std::sqrt(s / 2);
              break;
            case measure::renyi:
              for (std::size_t i = 0; i < n; ++i)
                s += std::pow(p[i], m.alpha) * std::pow(q[i], 1 - m.alpha);
              s = std::log(s) / (m.alpha - 1);
              break;
            default: // nll, perplexity
              for (std::int64_t k : samples)
                s -= std::log(q[static_cast<std::size_t>(k)]);
              s /= static_cast<double>(n);
              if (m.what == measure::perplexity) s = std::exp(s);
              break;
            }
            sink = s;
          },
          2);
      gibbs::oracle::request r;
      r.what = m.what;
      if (m.what == measure::nll || m.what == measure::perplexity) {
        r.q = q;
        r.samples = samples;
      } else {
        r.p = p;
        r.q = m.what == measure::kl && !m.normalized ? q2 : q;
        if (m.what == measure::kl && m.alpha != 0) { // normalized KL of a near-equal pair
          r.q = q2;
          for (double& x : r.q)
            x *= m.alpha;
        }
      }
      if (m.normalized) r.var = gibbs::oracle::variant::normalized;
      if (m.what == measure::renyi) r.parameters["alpha"] = m.alpha;
      if (m.what == measure::js && m.normalized)
        for (double& x : r.q)
          x *= 3;
      gibbs::oracle::result res;
      const double oracle = seconds([&] { res = gibbs::oracle::evaluate(r); }, 2);
      const double per = 1e9 / static_cast<double>(n);
      std::printf("| %s | %zu | %.1f | %.1f | %.1f | %s |\n", m.name, n, naive * per, oracle * per,
                  oracle / naive, res.fast_path ? "double-double" : "MPFI");
      std::fflush(stdout);
    }
  }

  std::printf(
      "\n| rational case | n | ordinary input (ns/elt) | rational input (ns/elt) | rational / "
      "ordinary | rational value |\n|:---|---:|---:|---:|---:|:---|\n");
  {
    using gibbs::oracle::measure;
    std::uniform_int_distribution<std::uint64_t> odd(1, 1u << 19);
    for (std::size_t n : {std::size_t{1024}, std::size_t{131072}}) {
      gibbs::oracle::request ordinary, rational;
      // normalized KL, base 3: pairs (3t, t) against (t, 3t), t = odd m 2^-40
      ordinary.what = rational.what = measure::kl;
      ordinary.var = rational.var = gibbs::oracle::variant::normalized;
      ordinary.base = rational.base = 3;
      ordinary.p = distribution(g, n);
      ordinary.q = distribution(g, n);
      for (std::size_t i = 0; i < n / 2; ++i) {
        const double t = std::ldexp(static_cast<double>(2 * odd(g) + 1), -40);
        rational.p.insert(rational.p.end(), {3 * t, t});
        rational.q.insert(rational.q.end(), {t, 3 * t});
      }
      const auto row = [&](const char* name, const gibbs::oracle::request& a,
                           const gibbs::oracle::request& b) {
        gibbs::oracle::result ra, rb;
        const double ta = seconds([&] { ra = gibbs::oracle::evaluate(a); }, 3);
        const double tb = seconds([&] { rb = gibbs::oracle::evaluate(b); }, 3);
        const double per = 1e9 / static_cast<double>(a.p.size() + a.logits.size());
        std::printf("| %s | %zu | %.1f | %.1f | %.2f | %.17g%s |\n", name,
                    a.p.size() + a.logits.size(), ta * per, tb * per, tb / ta, rb.value,
                    rb.exact ? " (exact)" : "");
        std::fflush(stdout);
      };
      row("kl, normalized, base 3", ordinary, rational);
      // entropy in base 2: n/4 masses 2/n, n/2 masses 1/(2n), n/4 masses 1/n (a dyadic value)
      gibbs::oracle::request oe, re;
      oe.what = re.what = measure::entropy;
      oe.base = re.base = 2;
      oe.p = distribution(g, n);
      for (std::size_t i = 0; i < n; ++i)
        re.p.push_back((i < n / 4 ? 2.0 : i < 3 * n / 4 ? 0.5 : 1.0) / static_cast<double>(n));
      row("entropy, base 2", oe, re);
    }
    gibbs::oracle::request ol, rl;
    ol.what = rl.what = measure::logits_cross_entropy;
    ol.base = rl.base = 3;
    ol.target_index = rl.target_index = 7;
    std::uniform_real_distribution<double> u(-4.0, 4.0);
    for (int i = 0; i < 59049; ++i)
      ol.logits.push_back(u(g));
    rl.logits.assign(59049, 0.25);
    gibbs::oracle::result ra, rb;
    const double ta = seconds([&] { ra = gibbs::oracle::evaluate(ol); }, 3);
    const double tb = seconds([&] { rb = gibbs::oracle::evaluate(rl); }, 3);
    std::printf("| logits, class target, base 3 | 59049 | %.1f | %.1f | %.2f | %.17g%s |\n",
                ta * 1e9 / 59049, tb * 1e9 / 59049, tb / ta, rb.value, rb.exact ? " (exact)" : "");
  }

  // Every measure of the table (its demo parameter values), at one size: the time of the oracle
  // per element, as a ratio to the naive double loop of KL measured here.
  {
    const std::size_t n = 100000;
    const std::vector<double> p = distribution(g, n), q = distribution(g, n);
    std::vector<double> z(n);
    for (std::size_t i = 0; i < n; ++i)
      z[i] = std::log(p[i]);
    std::vector<std::int64_t> samples(n);
    std::uniform_int_distribution<std::int64_t> cls(0, static_cast<std::int64_t>(n) - 1);
    for (auto& s : samples)
      s = cls(g);
    const double naive = seconds(
        [&] {
          double s = 0;
          for (std::size_t i = 0; i < n; ++i)
            s += p[i] * std::log(p[i] / q[i]);
          sink = s;
        },
        2);
    std::vector<double> unit(n), unit2(n);
    std::uniform_real_distribution<double> prob(0.001, 0.999);
    for (std::size_t i = 0; i < n; ++i) {
      unit[i] = prob(g);
      unit2[i] = prob(g);
    }
    std::printf(
        "\n| measure (the table) | n | oracle (ns/elt) | oracle / naive KL loop | decided by "
        "|\n|:---|---:|---:|---:|:---|\n");
    for (const gibbs::oracle::descriptor* d : gibbs::oracle::measures()) {
      if (!d->arrays.empty()) continue; // named arrays (gaussian_kl, ...): not inputs of length n
      for (std::size_t k = 0; k < (d->parameters.empty() ? 1 : 2); ++k) {
        gibbs::oracle::request r;
        r.what = d->id;
        if (d->takes(gibbs::oracle::input_p)) r.p = p;
        if (d->takes(gibbs::oracle::input_q)) r.q = q;
        if (d->takes(gibbs::oracle::input_samples)) r.samples = samples;
        if (d->takes(gibbs::oracle::input_logits)) r.logits = z;
        if (d->takes(gibbs::oracle::input_target)) r.target_index = 0;
        if (d->elementwise) { // probabilities in (0, 1) as target and named arrays; their sum
          r.target = unit;
          r.target_index = -1;
          for (const gibbs::oracle::array_input& a : d->arrays)
            if (a.required) r.arrays[std::string(a.name)] = unit2;
          r.reduce = gibbs::oracle::reduction::sum;
        }
        std::string name(d->name);
        for (const auto& prm : d->parameters) {
          r.parameters[std::string(prm.name)] = prm.demo[k];
          name += " " + std::string(prm.name) + "=" + std::to_string(prm.demo[k]).substr(0, 3);
        }
        gibbs::oracle::result res;
        // A vector-valued measure (softmax) answers n results: the first one's path is shown.
        const double oracle = seconds(
            [&] {
              res = d->vector_valued ? gibbs::oracle::evaluate_all(r).front()
                                     : gibbs::oracle::evaluate(r);
            },
            1);
        std::printf("| %s | %zu | %.1f | %.1f | %s |\n", name.c_str(), n,
                    oracle * 1e9 / static_cast<double>(n), oracle / naive,
                    res.fast_path             ? "double-double"
                    : res.precision_bits == 0 ? "exact"
                                              : "MPFI");
        std::fflush(stdout);
      }
    }
  }

  // Batches: B = 256 rows of K = 4096 (2^20 elements) reduced by the oracle (sum; for logits
  // mean, one class index per row) and answered row by row (reduction none), against the same
  // 2^20 elements as one case, measured here.
  {
    using gibbs::oracle::measure;
    using gibbs::oracle::reduction;
    const std::size_t B = 256, K = 4096, n = B * K;
    std::printf("\n| batch (B = %zu, K = %zu) | one case of B*K (ns/elt) | reduced (ns/elt) | "
                "reduced / one case | none, per row (ns/elt) | none / one case | decided by "
                "|\n|:---|---:|---:|---:|---:|---:|:---|\n",
                B, K);
    gibbs::oracle::request one, batch;
    one.what = batch.what = measure::kl;
    for (std::size_t i = 0; i < B; ++i) {
      const std::vector<double> p = distribution(g, K), q = distribution(g, K);
      batch.p.insert(batch.p.end(), p.begin(), p.end());
      batch.q.insert(batch.q.end(), q.begin(), q.end());
    }
    one.p = distribution(g, n);
    one.q = distribution(g, n);
    gibbs::oracle::request lone, lbatch;
    lone.what = lbatch.what = measure::logits_cross_entropy;
    std::uniform_real_distribution<double> u(-4.0, 4.0);
    for (std::size_t i = 0; i < n; ++i)
      lbatch.logits.push_back(u(g));
    lone.logits = lbatch.logits;
    lone.target_index = 7;
    for (std::size_t i = 0; i < B; ++i)
      lbatch.samples.push_back(static_cast<std::int64_t>((i * 37) % K));
    const auto row = [&](const char* name, gibbs::oracle::request& a, gibbs::oracle::request& b,
                         reduction red) {
      gibbs::oracle::result ra, rb;
      std::vector<gibbs::oracle::result> all;
      b.rows = static_cast<std::int64_t>(B);
      const double ta = seconds([&] { ra = gibbs::oracle::evaluate(a); }, 3);
      b.reduce = red;
      const double tb = seconds([&] { rb = gibbs::oracle::evaluate(b); }, 3);
      b.reduce = reduction::none;
      const double tn = seconds([&] { all = gibbs::oracle::evaluate_all(b); }, 3);
      const double per = 1e9 / static_cast<double>(n);
      std::printf("| %s | %.1f | %.1f | %.2f | %.1f | %.2f | %s |\n", name, ta * per, tb * per,
                  tb / ta, tn * per, tn / ta, rb.fast_path ? "double-double" : "MPFI");
      std::fflush(stdout);
    };
    row("kl, sum", one, batch, reduction::sum);
    row("logits_cross_entropy, mean", lone, lbatch, reduction::mean);
  }
  continuous_table(g);
  vector_table(g);
  loss_table(g, 256);
}
