// gibbs/verify.hpp: check your own constexpr code — a KL, an entropy, a log — at compile time
// against the laws of the measure and against the correctly rounded value, one line per check:
//
//   constexpr auto my_kl = [](const auto& p, const auto& q) { … return kl; };
//   static_assert(gibbs::verify::laws<gibbs::verify::kl<my_kl>, gibbs::verify::grid_pairs<3, 8>>);
//   static_assert(gibbs::verify::within_ulps<4, gibbs::verify::kl<my_kl>,
//                                            gibbs::verify::near_equal_pairs<>>);
//   static_assert(gibbs::verify::within_ulps<1, gibbs::verify::log<my_log>>);
//
// Each case is its own constant evaluation, so any number of cases fits the compilers' default
// limits (verify/split.hpp). A failing case is a compile error that names the law (or the ulp
// bound), the case number, the inputs and the two values in the template arguments of
// gibbs::verify::counterexample<…> (verify/checks.hpp). The same checks run at run time, for code
// that is not constexpr, through gibbs::verify::run::laws and run::within_ulps
// (verify/runtime.hpp).
#ifndef GIBBS_VERIFY_HPP
#define GIBBS_VERIFY_HPP

#include "gibbs/verify/checks.hpp"
#include "gibbs/verify/decimal.hpp"
#include "gibbs/verify/inputs.hpp"
#include "gibbs/verify/runtime.hpp"
#include "gibbs/verify/split.hpp"

#endif // GIBBS_VERIFY_HPP
