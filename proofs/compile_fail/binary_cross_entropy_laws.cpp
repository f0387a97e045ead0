// Compile-fail twin of proofs/binary_cross_entropy_laws.cpp: BCE(x, y) − h(y) ≥ 2·(x − y)²
// (Gibbs with Pinsker's margin) holds at x = 1/4, y = 3/4 (the binary KL is ½·ln 3 = 0.549 ≥ 0.5),
// and the false claim BCE − h ≥ 4·(x − y)² = 1 (h raised by 2·(x − y)²) is rejected; the true twin
// (GIBBS_TWIN_TRUE=1) compiles. Run by proofs/compile.py.
//
// expect-error-regex: (static assertion failed|static_assert failed)
// expect-error: claim under test: BCE(x, y) >= h(y) + 2 (x - y)^2 at x = 1/4, y = 3/4
#include "gibbs/property/binary.hpp"

#include <array>

constexpr std::array x{0.25}, y{0.75};
#if GIBBS_TWIN_TRUE
constexpr double h = gibbs::binary_entropy(y);
#else
constexpr double h = gibbs::binary_entropy(y) + 2 * 0.5 * 0.5;
#endif
int main() {
  static_assert(gibbs::property::values::binary_cross_entropy_gibbs(
                    x, y, gibbs::binary_cross_entropy(x, y), h),
                "claim under test: BCE(x, y) >= h(y) + 2 (x - y)^2 at x = 1/4, y = 3/4");
}
