// Compile-fail twin of the ln 2 claim in proofs/number/log.cpp: with the last bit of ln 2 changed
// the claim must be rejected, and the true twin (the same code, GIBBS_TWIN_TRUE=1) accepted.
// Run by proofs/compile.py. 0x1.62e42fefa39efp-1 is ln 2 correctly rounded to binary64 (MPFR).
//
// expect-error-regex: (static assertion failed|static_assert failed)
// expect-error: claim under test: gibbs::log(2.0) is ln 2 correctly rounded
#include "gibbs/number/math.hpp"

#if GIBBS_TWIN_TRUE
static_assert(gibbs::log(2.0) == 0x1.62e42fefa39efp-1,
              "claim under test: gibbs::log(2.0) is ln 2 correctly rounded");
#else
static_assert(gibbs::log(2.0) == 0x1.62e42fefa39f0p-1,
              "claim under test: gibbs::log(2.0) is ln 2 correctly rounded");
#endif
