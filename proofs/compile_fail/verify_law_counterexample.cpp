// Compile-fail twin of gibbs::verify::laws: a KL that adds −q_i where p_i = 0 (it forgets that
// the Bregman term there is q_i, so those masses cancel out of the total) must be rejected with a
// compile error naming the law, the case and the inputs; the correct KL (GIBBS_TWIN_TRUE=1)
// passes the same line. Run by proofs/compile.py.
//
// The first failing pair of the 3-point k/4 grid is case 1: p = (0, 0, 1), q = (0, 1/4, 3/4),
// whose KL log(4/3) = 0.2877 the wrong formula gives as 0.2877 − 1/4 = 0.0377 < 2·TV² = 1/8.
// expect-error: gibbs::verify: a check failed
// expect-error: counterexample<gibbs::verify::law::pinsker_kl_is_at_least_2_tv_squared,
// gibbs::verify::case_number<1>, gibbs::verify::p_is<gibbs::verify::decimal<0, 0>,
// gibbs::verify::decimal<0, 0>, gibbs::verify::decimal<1, 0> expect-error-regex:
// rhs_is<gibbs::verify::decimal<125, -3> ?>
#include "gibbs/verify.hpp"

#include <cstddef>

constexpr auto kl = [](const auto& p, const auto& q) {
  double bregman = 0, linear = 0;
  for (std::size_t i = 0; i < p.size(); ++i) {
    if (p[i] == 0) {
#if !GIBBS_TWIN_TRUE
      linear -= q[i]; // wrong: the term p·log(p/q) − p + q is q here, and cancels this
#endif
      continue;
    }
    if (q[i] == 0) return __builtin_inf();
    const double u = (p[i] - q[i]) / q[i];
    bregman += q[i] * (u * gibbs::log1p(u) + gibbs::log1pmx(u));
    linear += p[i] - q[i];
  }
  return bregman + linear;
};

static_assert(gibbs::verify::laws<gibbs::verify::kl<kl>, gibbs::verify::grid_pairs<3, 4>>);

int main() {}
