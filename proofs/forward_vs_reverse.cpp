// Claim (forward vs reverse KL): fitting the one-bump family bump(c, w) on 12 points to a target
// with two modes (bumps of half-width 2 at indices 2 and 9, mixed ½–½, floor 10⁻³), the
// minimiser of the forward KL(target‖model) is mass-covering — centred between the modes and wide
// enough to reach both — and the minimiser of the reverse KL(model‖target) is mode-seeking —
// centred on one mode and narrower (gibbs::property::mass_covering_vs_mode_seeking on the result
// of gibbs::property::fit_bumps). The scan covers 12 centres × 6 widths, six centres of one width
// per constant evaluation (≈ 4·10^5 clang steps), merged with gibbs::property::better.
//
// Types: float and double. In long double, double_double and float128 a single KL of 12 points
// already exceeds clang's default 1048576 evaluation steps (each logarithm goes through the
// multiprecision fallback, ≈ 10^5 steps; see proof.hpp), so the scan cannot run in those types
// within the default limits; tests/ check it there at run time.
//
// No reference values: the claim compares grid positions. (At run time in double the forward fit
// is c = 5, w = 8 and the reverse fit c = 2, w = 2.)
#include "proof.hpp"

#include "gibbs/property/forward_reverse.hpp"

namespace {

constexpr std::size_t points = 12;

template <class T>
constexpr std::array<T, points> bimodal_target() {
  const auto a = gibbs::property::bump<T, points>(T(2), T(2), T(0));
  const auto b = gibbs::property::bump<T, points>(T(9), T(2), T(0));
  std::array<T, points> p{};
  T total = T(0);
  for (std::size_t i = 0; i < points; ++i) {
    p[i] = (a[i] + b[i]) / T(2) + T(0.001);
    total = total + p[i];
  }
  for (auto& v : p)
    v = v / total;
  return p;
}

/// Centres 6·half, …, 6·half + 5.
template <class T>
constexpr std::array<T, points / 2> centres(std::size_t half) {
  std::array<T, points / 2> c{};
  for (std::size_t i = 0; i < points / 2; ++i)
    c[i] = T(static_cast<double>(half * (points / 2) + i));
  return c;
}

template <class T>
constexpr std::array<T, 6> widths{T(1.5), T(2), T(3), T(4), T(6), T(8)};

/// The scan restricted to width number K / 2 and half K % 2 of the centres: one constant
/// evaluation.
template <class T, std::size_t K>
constexpr gibbs::property::forward_reverse_fits<T>
    scan_part = gibbs::property::fit_bumps(bimodal_target<T>(), centres<T>(K % 2),
                                           std::array<T, 1>{widths<T>[K / 2]}, T(0.001));

template <class T, std::size_t... K>
constexpr gibbs::property::forward_reverse_fits<T> scan(std::index_sequence<K...>) {
  gibbs::property::forward_reverse_fits<T> best = scan_part<T, 0>;
  ((best = gibbs::property::better(best, scan_part<T, K>)), ...);
  return best;
}

} // namespace

void forward_vs_reverse_proof() {
  using namespace gibbs::proofs;
  hana::for_each(number_types, [](auto t) {
    using T = type_of<decltype(t)>;
    if constexpr (fast_math<T>) {
      constexpr auto fits = scan<T>(std::make_index_sequence<12>{});
      static_assert(gibbs::property::mass_covering_vs_mode_seeking(fits, T(2), T(9)),
                    "Forward KL must cover both modes of a bimodal target and reverse KL must "
                    "seek one: the forward fit sits between the modes and is wide, the reverse "
                    "fit sits on a mode and is narrow.");
      static_assert(fits.forward.width == T(8) && fits.reverse.width == T(2),
                    "The forward-KL fit must be the widest bump (w = 8) and the reverse-KL fit "
                    "the one as narrow as the target's modes (w = 2).");
    }
  });
}
