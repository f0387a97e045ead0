// Compile-fail twin of proofs/js_bounds.cpp: the false claim must be
// rejected by the compiler and the true one (the same code, GIBBS_TWIN_TRUE=1) accepted. Run by
// proofs/compile.py.
//
// expect-error-regex: (static assertion failed|static_assert failed)
// expect-error: claim under test: JS of disjoint distributions exceeds ln 2
#include "gibbs/measure/jensen_shannon.hpp"

#include <array>

constexpr std::array left{1.0, 0.0}, right{0.0, 1.0};
constexpr double js = gibbs::jensen_shannon(left, right);
[[maybe_unused]] constexpr double ln2_above = 0.69314718056; // ln 2 + 4.1e-13
int main() {
#if GIBBS_TWIN_TRUE
  static_assert(js < ln2_above, "claim under test: JS of disjoint distributions exceeds ln 2");
#else
  static_assert(js > ln2_above, "claim under test: JS of disjoint distributions exceeds ln 2");
#endif
}
