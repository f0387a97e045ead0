// Compile-fail twin of proofs/label_smoothing.cpp and of the label_smoothing check: a smoothing
// outside [0, 1] must be rejected when the loss is evaluated at compile time, with a message
// naming the requirement; the same code with ε = 0.1 (GIBBS_TWIN_TRUE=1) compiles, and its law
// holds. Run by proofs/compile.py.
//
// expect-error: the_label_smoothing_must_be_between_0_and_1
#include "gibbs/measure/logits.hpp"
#include "gibbs/property/likelihood.hpp"

#include <array>

constexpr std::array z{1.0, 2.0, 3.0};
#if GIBBS_TWIN_TRUE
constexpr double loss = gibbs::cross_entropy_from_logits(z, 0, 0.1);
static_assert(gibbs::property::label_smoothing_is_smoothed_target(z, 0, 0.1),
              "label smoothing 0.1 is the cross-entropy of the smoothed target");
#else
constexpr double loss = gibbs::cross_entropy_from_logits(z, 0, 1.5);
#endif

int main() {
  return loss > 0.0 ? 0 : 1;
}
