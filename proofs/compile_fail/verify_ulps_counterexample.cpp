// Compile-fail twin of gibbs::verify::within_ulps: a log that is within 1 ulp of the correctly
// rounded one but not always equal to it (examples/verify/user_code.hpp) is rejected by the bound
// 0 ulps, with the argument, both values and their distance in the error; the bound 1
// (GIBBS_TWIN_TRUE=1) accepts it. Run by proofs/compile.py.
//
// expect-error: gibbs::verify: a check failed
// expect-error: counterexample<gibbs::verify::within_ulps_of_the_correctly_rounded_value<0>,
// gibbs::verify::case_number< expect-error-regex:
// gibbs::verify::x_is<gibbs::verify::decimal<-?[0-9]+, -?[0-9]+> ?>,
// gibbs::verify::computed_value_is<gibbs::verify::decimal<-?[0-9]+, -?[0-9]+> ?>,
// gibbs::verify::correctly_rounded_value_is<gibbs::verify::decimal<-?[0-9]+, -?[0-9]+> ?>,
// gibbs::verify::ulps_apart<1>
#include "gibbs/verify.hpp"

#include "../../examples/verify/user_code.hpp"

#if GIBBS_TWIN_TRUE
static_assert(gibbs::verify::within_ulps<1, gibbs::verify::log<user::log>>);
#else
static_assert(gibbs::verify::within_ulps<0, gibbs::verify::log<user::log>>);
#endif

int main() {}
