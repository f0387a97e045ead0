// proofs/number/compile_fail/log2_wrong.cpp: MUST NOT COMPILE. The twin of the claim in
// proofs/number/log.cpp with the last bit changed: a wrong ln 2 is rejected.
#include "gibbs/number/math.hpp"

static_assert(gibbs::log(2.0) == 0x1.62e42fefa39f0p-1, "ln 2 one ulp too high (must fail)");
