// Compile-fail twin of gibbs::verify's check of a cross-entropy from logits: the textbook
// log Σ e^{z_i} − z_t overflows to +∞ once a logit passes ~709 and must be rejected with a compile
// error naming the law and the case; the max-shifted form (GIBBS_TWIN_TRUE=1) passes the same
// line. Run by proofs/compile.py.
//
// huge_spread_logits<> orders its cases by spread (0, ±1, ±30, ±700, ±10^4, ±10^300) and target:
// case 21 is z = (0, 10^4, −5000), target 0, where e^{10^4} overflows: the value is +∞, above
// max z − z_0 + log 3 = 10^4 + 1.0986.
// expect-error: gibbs::verify: a check failed
// expect-error: counterexample<gibbs::verify::law::cross_entropy_from_logits_is_within_log_n
// expect-error: gibbs::verify::case_number<21>, gibbs::verify::logits_are<
#include "gibbs/verify.hpp"

#include <cstddef>

constexpr auto cross_entropy = [](const auto& z, std::size_t t) {
#if GIBBS_TWIN_TRUE
  double m = z[0];
  for (double x : z)
    m = x > m ? x : m;
#else
  const double m = 0; // wrong: e^{z_i} overflows for z_i > 709
#endif
  double s = 0;
  for (double x : z)
    s += gibbs::exp(x - m);
  return (m - z[t]) + gibbs::log(s);
};

static_assert(gibbs::verify::laws<gibbs::verify::cross_entropy_from_logits<cross_entropy>>);

int main() {}
