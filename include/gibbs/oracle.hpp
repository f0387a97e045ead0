// gibbs/oracle.hpp: the certified oracle — the exact value of every measure of its table
// (oracle/table.hpp: entropy, cross-entropy, KL forward/reverse/generalized, JS, NLL, perplexity,
// cross-entropy from logits, total variation, Hellinger, Renyi, chi-squared) on the given binary
// numbers, correctly rounded to binary64 or binary32 with a certified enclosure and optional
// correctly rounded decimal digits; ulp distance, relative error and correct digits for judging
// other implementations. Needs MPFR, MPFI and GMP at link time (-lmpfi -lmpfr -lgmp).
//
//   #include <gibbs/oracle.hpp>
//   std::vector<double> p{0.5, 0.5}, q{0.7, 0.3};
//   auto r = gibbs::oracle::kl_divergence(p, q); // r.value: KL correctly rounded; [r.lo, r.hi]
//   std::int64_t err = gibbs::oracle::ulp_distance(my_kl(p, q), r.value);
//
// Catch2 matchers: gibbs/catch2.hpp.
#ifndef GIBBS_ORACLE_HPP
#define GIBBS_ORACLE_HPP

#include "gibbs/oracle/api.hpp"
#include "gibbs/oracle/compare.hpp"
#include "gibbs/oracle/evaluate.hpp"
#include "gibbs/oracle/table.hpp"

#endif // GIBBS_ORACLE_HPP
