// Compile-fail twin of proofs/forward_vs_reverse.cpp: the false claim must be
// rejected by the compiler and the true one (the same code, GIBBS_TWIN_TRUE=1) accepted. Run by
// proofs/compile.py.
//
// expect-error-regex: (static assertion failed|static_assert failed)
// expect-error: claim under test: the forward-KL fit is narrower than the reverse-KL fit
// (mode-seeking forward KL)
#include "gibbs/property/forward_reverse.hpp"

#include <array>

// The scan of proofs/forward_vs_reverse.cpp, in double, on a smaller grid: target with modes at
// 2 and 9 on 12 points; centres 1, 2, 5, 9; widths 2 and 8.
constexpr std::array<double, 12> target = [] {
  const auto a = gibbs::property::bump<double, 12>(2, 2, 0),
             b = gibbs::property::bump<double, 12>(9, 2, 0);
  std::array<double, 12> p{};
  double total = 0;
  for (std::size_t i = 0; i < 12; ++i)
    total += p[i] = (a[i] + b[i]) / 2 + 0.001;
  for (auto& v : p)
    v /= total;
  return p;
}();
constexpr auto fits =
    gibbs::property::fit_bumps(target, std::array{1.0, 2.0, 5.0, 9.0}, std::array{2.0, 8.0}, 0.001);
int main() {
#if GIBBS_TWIN_TRUE
  static_assert(fits.forward.width > fits.reverse.width,
                "claim under test: the forward-KL fit is narrower than the reverse-KL fit "
                "(mode-seeking forward KL)");
#else
  static_assert(fits.forward.width < fits.reverse.width,
                "claim under test: the forward-KL fit is narrower than the reverse-KL fit "
                "(mode-seeking forward KL)");
#endif
}
