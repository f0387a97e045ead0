// gibbs/property/forward_reverse.hpp: the forward-vs-reverse KL theorem — fitting a one-bump model
// to a two-bump target, the forward-KL fit covers both modes (mass-covering) and the reverse-KL fit
// sits on one of them (mode-seeking).
//
// Why: forward KL(p‖q) = Σ p·log(p/q) is +large wherever the target has mass and the model has
// little, so its minimiser spreads over every mode; reverse KL(q‖p) = Σ q·log(q/p) is +large
// wherever the model has mass and the target has little, so its minimiser avoids the valley
// between the modes and settles on one. This is why maximum likelihood (forward KL) blurs and
// variational inference (reverse KL) under-covers.
//
// The family: on n points, bump(c, w)_i ∝ max(0, 1 − ((i − c)/w)²) + floor (an Epanechnikov
// bump, rational, so the family itself costs no logarithms; the floor keeps every KL finite),
// normalised. fit_bumps scans a grid of centres × widths and returns both argmins, so a
// static_assert can check mass_covering_vs_mode_seeking on the result. Scanning a large grid in one
// constant evaluation can exceed the compilers' default step limits: scan one width (or a few) per
// constexpr variable and merge the results with `better`.
#ifndef GIBBS_PROPERTY_FORWARD_REVERSE_HPP
#define GIBBS_PROPERTY_FORWARD_REVERSE_HPP

#include "gibbs/measure/kl_divergence.hpp"
#include "gibbs/property/law.hpp"

#include <array>
#include <cstddef>

namespace gibbs::property {

/// One fitted model of the bump family and its divergence from the target.
template <class T>
struct bump_fit {
  T centre;     ///< c, in units of the grid index
  T width;      ///< w, the half-width of the bump's support
  T divergence; ///< the KL (forward or reverse) of this model
};

/// The two argmins over a grid of bump models: forward = argmin KL(target‖model),
/// reverse = argmin KL(model‖target). Ties go to the model scanned first.
template <class T>
struct forward_reverse_fits {
  bump_fit<T> forward;
  bump_fit<T> reverse;
};

/// The normalised bump model on N points: ∝ max(0, 1 − ((i − c)/w)²) + floor, w > 0, floor > 0.
/// Example: bump<double, 8>(3.0, 2.0, 1e-3) has its maximum at index 3 and support 2..4 above the
/// floor.
template <class T, std::size_t N>
[[nodiscard]] constexpr std::array<T, N> bump(const T& centre, const T& width, const T& floor) {
  std::array<T, N> q{};
  gibbs::detail::compensated_sum<T> total;
  for (std::size_t i = 0; i < N; ++i) {
    const T x = (T(static_cast<double>(i)) - centre) / width;
    const T shape = T(1) - x * x;
    q[i] = (shape > T(0) ? shape : T(0)) + floor;
    total.add(q[i]);
  }
  const T s = total.value();
  for (auto& v : q)
    v = v / s;
  return q;
}

/// The better of two scans (smaller divergence, the first on ties), for each direction: merging
/// partial scans gives the scan of the union.
template <class T>
[[nodiscard]] constexpr forward_reverse_fits<T> better(const forward_reverse_fits<T>& a,
                                                       const forward_reverse_fits<T>& b) {
  return {b.forward.divergence < a.forward.divergence ? b.forward : a.forward,
          b.reverse.divergence < a.reverse.divergence ? b.reverse : a.reverse};
}

/// Scans every model bump(c, w, floor), c in centres, w in widths, and returns the argmin of the
/// forward KL(target‖model) and of the reverse KL(model‖target). The target must be a valid
/// distribution with every entry > 0 (give it a floor too), else the reverse KL is +∞ everywhere.
template <class T, std::size_t N, std::size_t C, std::size_t W>
[[nodiscard]] constexpr forward_reverse_fits<T>
fit_bumps(const std::array<T, N>& target, const std::array<T, C>& centres,
          const std::array<T, W>& widths, const T& floor) {
  static_assert(C > 0 && W > 0, "fit_bumps needs at least one centre and one width to scan.");
  forward_reverse_fits<T> best{{centres[0], widths[0], gibbs::detail::infinity<T>()},
                               {centres[0], widths[0], gibbs::detail::infinity<T>()}};
  for (const T& w : widths) {
    for (const T& c : centres) {
      const std::array<T, N> model = bump<T, N>(c, w, floor);
      const T forward = kl_divergence(target, model);
      const T reverse = kl_divergence(model, target);
      if (forward < best.forward.divergence) best.forward = {c, w, forward};
      if (reverse < best.reverse.divergence) best.reverse = {c, w, reverse};
    }
  }
  return best;
}

/// The theorem on a scan's result, for a target with modes at indices a < b:
/// the forward fit is mass-covering — centred in the middle half between the modes,
/// |c − (a + b)/2| ≤ (b − a)/4, and wide enough to reach both, w ≥ (b − a)/2; the reverse fit is
/// mode-seeking — centred within (b − a)/4 of a or of b, and narrower than the forward fit.
/// Exact comparisons of grid values: no tolerance is involved.
template <class T>
[[nodiscard]] constexpr bool mass_covering_vs_mode_seeking(const forward_reverse_fits<T>& fits,
                                                           const T& mode_a, const T& mode_b) {
  const T gap = mode_b - mode_a, middle = (mode_a + mode_b) / T(2);
  const bool covering =
      detail::abs(fits.forward.centre - middle) <= gap / T(4) && fits.forward.width >= gap / T(2);
  const bool seeking = (detail::abs(fits.reverse.centre - mode_a) <= gap / T(4)
                        || detail::abs(fits.reverse.centre - mode_b) <= gap / T(4))
                       && fits.reverse.width < fits.forward.width;
  return covering && seeking;
}

} // namespace gibbs::property

#endif // GIBBS_PROPERTY_FORWARD_REVERSE_HPP
