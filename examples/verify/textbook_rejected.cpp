// examples/verify/textbook_rejected.cpp: the textbook KL, Σ p·log(p/q), is rejected near p = q:
// it comes out negative, which Gibbs' inequality forbids for two distributions of equal mass. The
// compiler names the law, the case, the inputs and the values. Built by examples/verify/meson.build
// twice: as written (GIBBS_TWIN_TRUE=0) it must fail with the messages below; with
// GIBBS_TWIN_TRUE=1 the same line checks the non-cancelling KL and compiles.
//
// The first failing case is case 13 of near_equal_pairs: q = (1/8, 1/8, 3/4), p = q moved by
// δ = 2^-31 on its second and third masses; the textbook value is −5.35e-17, the exact KL
// 1.01e-18 > 0 (mpmath at 300 bits).
// expect-error: gibbs::verify: a check failed
// expect-error: counterexample<gibbs::verify::law::kl_is_at_least_zero,
// gibbs::verify::case_number<13>, gibbs::verify::p_is<gibbs::verify::decimal<125, -3>,
// gibbs::verify::decimal<12500000046566129, -17>, gibbs::verify::decimal<74999999953433871, -17>
// expect-error-regex: q_is<gibbs::verify::decimal<125, -3>, gibbs::verify::decimal<125, -3>,
// gibbs::verify::decimal<75, -2> ?>,
// gibbs::verify::lhs_is<gibbs::verify::decimal<-53487307141485693, -33> ?>,
// gibbs::verify::rhs_is<gibbs::verify::decimal<0, 0> ?>
#include <gibbs/verify.hpp>

#include "user_code.hpp"

namespace v = gibbs::verify;

#if GIBBS_TWIN_TRUE
static_assert(v::laws<v::kl<user::careful_kl>, v::near_equal_pairs<>>);
#else
static_assert(v::laws<v::kl<user::textbook_kl>, v::near_equal_pairs<>>);
#endif

int main() {}
