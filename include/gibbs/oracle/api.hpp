// gibbs/oracle/api.hpp: the oracle's request and result types (entry points: evaluate.hpp).
//
// The oracle evaluates a measure on given binary numbers *exactly* (as real numbers) and rounds
// the result once, to nearest-even, in binary64, binary32, binary16 or bfloat16 (format.hpp),
// together with a certified enclosure
// [lo, hi] of the exact value and, on request, N correctly rounded decimal digits. It is the
// reference other implementations are judged by (ulp_distance, relative_error, correct_digits).
//
//   gibbs::oracle::request r;
//   r.what = gibbs::oracle::measure::kl;
//   r.p = {0.5, 0.5};
//   r.q = {0.7, 0.3};
//   r.digits = 20;
//   auto res = gibbs::oracle::evaluate(r);
//   // res.value == 0x1.6513637dde82bp-4, res.digits == "8.7176693572388926575e-02"
//
//   r.what = gibbs::oracle::measure::renyi;   // a measure with a parameter
//   r.parameters["alpha"] = 2;
//
//   r.what = gibbs::oracle::measure::kl;
//   r.rows = 2;                               // a batch: p, q hold 2 rows, row-major
//   r.p = {1, 0, 0.5, 0.5};
//   r.q = {0.5, 0.5, 0.5, 0.5};
//   auto rows = gibbs::oracle::evaluate_all(r);  // reduction none: one result per row (log 2, 0)
//   r.reduce = gibbs::oracle::reduction::batchmean;
//   auto m = gibbs::oracle::evaluate(r);         // (log 2 + 0) / 2, rounded once
//
// Each measure is described once, in the table of oracle/table.hpp (its name, inputs,
// parameters, formula, variants and evaluation); every front end reads that table.
#ifndef GIBBS_ORACLE_API_HPP
#define GIBBS_ORACLE_API_HPP

#include <cstdint>
#include <functional>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace gibbs::oracle {

/// The measures the oracle evaluates.
enum class measure {
  entropy,              ///< H(p) = -sum p log p
  cross_entropy,        ///< H(p, q) = -sum p log q
  kl,                   ///< KL(p||q) = sum p log(p/q)
  reverse_kl,           ///< KL(q||p)
  generalized_kl,       ///< sum p log(p/q) - p + q (variant exact or generalized, the same)
  js,                   ///< Jensen-Shannon: KL(p||m)/2 + KL(q||m)/2, m = (p+q)/2
  nll,                  ///< -(1/N) sum_k log q[samples_k]
  perplexity,           ///< exp(nll), independent of the base
  logits_cross_entropy, ///< -log softmax(logits)[target_index], or -sum target_i log softmax_i
  total_variation,      ///< TV(p, q) = sum |p - q| / 2
  hellinger,            ///< H(p, q) = sqrt(sum (sqrt p - sqrt q)^2 / 2)
  renyi,                ///< D_alpha(p||q) = log(sum p^alpha q^(1-alpha)) / (alpha - 1)
  chi_squared,          ///< chi^2(p||q) = sum (p - q)^2 / q (Pearson)
  binary_cross_entropy, ///< sum w [-y log x - (1 - y) log(1 - x)] (elementwise)
  binary_cross_entropy_with_logits, ///< sum w [pw y softplus(-z) + (1 - y) softplus(z)]
  gaussian_kl,               ///< KL of diagonal Gaussians (arrays mu_p, sigma_p, mu_q, sigma_q)
  vae_kl,                    ///< KL(N(mu, diag e^logvar) || N(0, I)) (arrays mu, logvar)
  bits_per_dim,              ///< -mean(log_likelihood) / (dims ln 2)
  softmax,                   ///< softmax(z)_i = exp(z_i) / sum_j exp(z_j), one result per logit
  log_softmax,               ///< log softmax(z)_i = z_i - log sum_j exp(z_j), one result per logit
  logits_cross_entropy_grad, ///< d/dz of logits_cross_entropy: softmax(z) - target (/ B for mean)
  binary_cross_entropy_with_logits_grad ///< d/dz of binary_cross_entropy_with_logits (/ N for mean)
};

/// The binary format the result is rounded to (and every input must belong to).
enum class format {
  binary64, ///< IEEE double
  binary32, ///< IEEE single
  binary16, ///< IEEE half: p = 11, emin = -14 (gibbs::binary16)
  bfloat16  ///< p = 8 with binary32's exponent range (gibbs::bfloat16)
};

/// How p and q are read.
enum class variant {
  exact,      ///< distributions as given (|sum - 1| within tolerance), no renormalisation
  normalized, ///< p / sum(p) and q / sum(q), sums taken exactly
  generalized ///< kl only: sum p log(p/q) - p + q on any non-negative masses
};

/// How the values of a batch (request::rows > 0) or the terms of an elementwise measure are
/// combined; the names and meanings are PyTorch's `reduction`. A reduced value is the exact
/// reduction of the exact values, rounded once.
enum class reduction {
  automatic, ///< the measure's default: mean for the elementwise losses (PyTorch's default),
             ///< none for the other measures (one value per row)
  none,      ///< one value per row, or per element for an elementwise measure (evaluate_all)
  sum,       ///< the sum of the values of all rows (elements)
  mean,      ///< their mean (kl: the sum over rows divided by the number of elements, as
             ///< torch.nn.functional.kl_div's "mean")
  batchmean  ///< kl family only: the sum over rows divided by the number of rows
};

namespace detail {
/// "none", "sum", ... for messages and request lines.
[[nodiscard]] inline const char* reduction_name(reduction r) {
  static constexpr const char* names[] = {"automatic", "none", "sum", "mean", "batchmean"};
  return names[static_cast<unsigned>(r)];
}
} // namespace detail

/// One oracle question.
struct request {
  measure what = measure::kl;
  std::vector<double> p, q;          ///< entropy: p; two-argument measures: p, q; nll: q = model
  std::vector<std::int64_t> samples; ///< nll / perplexity: sample indices into q
  std::vector<double> logits;        ///< logits_cross_entropy
  std::vector<double> target;        ///< logits_cross_entropy with a distribution target
  std::int64_t target_index = -1;    ///< logits_cross_entropy with a class target
  format fmt = format::binary64;     ///< inputs must be numbers of fmt; result rounded to fmt
  variant var = variant::exact;
  double base = 0; ///< 0 = e (nats); 2 = bits; 10 = bans; any b > 0, b != 1
  int digits = 0;  ///< > 0: that many significant decimal digits, correctly rounded (<= 10000)
  /// The measure's parameters by name (renyi: "alpha"; logits_cross_entropy: the optional
  /// "label_smoothing", default 0, and "ignore_index", default -100); a name the measure does not
  /// take is an error, and so is a missing required parameter.
  std::map<std::string, double, std::less<>> parameters;
  /// The measure's named arrays beyond p, q, samples, logits and target, declared by its
  /// descriptor (binary_cross_entropy: "input"; gaussian_kl: "mu_p", "sigma_p", ...); a name the
  /// measure does not take is an error, and so is a missing required array.
  std::map<std::string, std::vector<double>, std::less<>> arrays;
  /// 0: the arrays are one case. r > 0: a batch of r rows; every array (p, q, logits, target, the
  /// named arrays, and samples for nll and perplexity) holds r rows of equal length, row-major
  /// (the 2-D input of PyTorch), and `reduce` says how the rows combine. A batch of class targets
  /// (logits_cross_entropy) gives one class index per row in `samples` (r entries), or one index
  /// for every row in target_index.
  std::int64_t rows = 0;
  reduction reduce = reduction::automatic;
  int max_precision_bits = 1 << 17; ///< give up (gibbs::oracle::undecided) beyond this precision
  bool allow_fast_path = true;      ///< false: always use the interval (MPFI) evaluation
};

/// The oracle's answer.
struct result {
  double value = 0;      ///< the exact value rounded once to nearest-even in fmt (float widened)
  double lo = 0, hi = 0; ///< certified lo <= exact <= hi in fmt; lo == hi == value iff exact
  bool exact = false;    ///< the exact value is representable in fmt (and was proven so)
  std::string
      digits; ///< the requested decimal digits ("8.7176693572388926575e-02" for 20), or empty
  int precision_bits = 0; ///< working precision that decided (0: special case; 106: fast path)
  bool fast_path = false; ///< decided by the double-double fast path
  format fmt = format::binary64; ///< the format value, lo and hi are in
};

/// Options of the convenience wrappers.
struct options {
  format fmt = format::binary64;
  variant var = variant::exact;
  double base = 0;
  int digits = 0;
};

/// Thrown when the rounding is still undecided at request::max_precision_bits.
class undecided : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

} // namespace gibbs::oracle

#endif // GIBBS_ORACLE_API_HPP
