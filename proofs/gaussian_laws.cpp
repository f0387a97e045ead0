// Claims: for diagonal Gaussians, gaussian_kl >= 0; it is 0 exactly at equality and > 0
// otherwise; vae_kl(mu, lv) = gaussian_kl(mu, e^(lv/2), 0, 1) (up to 16·ε(T) of the values and
// what the rounding of the sigmas moves, gibbs/property/gaussian.hpp); gaussian_kl is asymmetric
// where the sigmas differ; bits_per_dim(ll, D) = bits_per_dimension(-mean ll, D). Checked in
// float and double on every pair of the 1-dimensional grid mu in {-1, 0, 1/2}, sigma in
// {1/2, 1, 3} (81 pairs) and on 2-dimensional cases, and in long double and double_double on a
// few cases (each of their KLs costs 10^5 constant-evaluation steps: proofs/proof.hpp), and
// in gibbs::binary16 and gibbs::bfloat16 on 2-dimensional cases.
//
// No reference values: each claim is a law over values computed by gibbs; the laws come from
// independent facts (every term is non-negative; the Gaussian density of N(0, 1); the definition
// of bits per dimension).
#include "proof.hpp"

#include "gibbs/number/small_float.hpp"
#include "gibbs/property/gaussian.hpp"

#include <array>
#include <cstddef>

namespace {

using namespace gibbs::proofs;

constexpr std::array<double, 3> means{-1.0, 0.0, 0.5}, sigmas{0.5, 1.0, 3.0};

/// The 1-dimensional Gaussian number k of the grid (mean, sigma).
template <class T>
constexpr std::array<std::array<T, 1>, 2> gaussian(std::size_t k) {
  return {{{T(means[k / 3])}, {T(sigmas[k % 3])}}};
}

/// Whether Law holds for every pair (i, j) of the 9-point grid with i in [From, From + 3).
template <class T, class Law, std::size_t From>
inline constexpr bool grid_rows_hold = [] {
  bool ok = true;
  for (std::size_t i = From; i < From + 3; ++i)
    for (std::size_t j = 0; j < 9; ++j) {
      const auto p = gaussian<T>(i), q = gaussian<T>(j);
      ok = ok && Law{}(p[0], p[1], q[0], q[1], i == j || i % 3 == j % 3);
    }
  return ok;
}();

template <class T, class Law>
inline constexpr bool grid_holds =
    grid_rows_hold<T, Law, 0>&& grid_rows_hold<T, Law, 3>&& grid_rows_hold<T, Law, 6>;

struct nonnegative_and_zero_iff_equal {
  template <class A>
  constexpr bool operator()(const A& mp, const A& sp, const A& mq, const A& sq, bool) const {
    return static_cast<bool>(gibbs::property::gaussian_kl_nonnegative(mp, sp, mq, sq))
           && static_cast<bool>(gibbs::property::gaussian_kl_zero_iff_equal(mp, sp, mq, sq));
  }
};

struct asymmetric_where_sigmas_differ {
  template <class A>
  constexpr bool operator()(const A& mp, const A& sp, const A& mq, const A& sq,
                            bool same_sigma) const {
    return same_sigma || static_cast<bool>(gibbs::property::gaussian_kl_asymmetric(mp, sp, mq, sq));
  }
};

/// vae_kl = gaussian_kl against N(0, 1) for the grid's means and logvar = log sigma^2 in
/// {-2, -1/2, 0, 10^-6, 1, 3}.
template <class T>
constexpr bool vae_is_gaussian() {
  constexpr std::array<double, 6> logvars{-2.0, -0.5, 0.0, 1e-6, 1.0, 3.0};
  bool ok = true;
  for (double m : means)
    for (double l : logvars)
      ok = ok
           && static_cast<bool>(gibbs::property::vae_kl_is_gaussian_kl(
               std::array<T, 2>{T(m), T(0.25)}, std::array<T, 2>{T(l), T(-l / 2)}));
  return ok;
}

template <class T>
constexpr bool two_dimensional_cases() {
  constexpr std::array<T, 2> mp{T(0.25), T(-1)}, sp{T(0.5), T(2)}, mq{T(0.25), T(1)},
      sq{T(0.75), T(2)};
  return static_cast<bool>(gibbs::property::gaussian_kl_nonnegative(mp, sp, mq, sq))
         && static_cast<bool>(gibbs::property::gaussian_kl_zero_iff_equal(mp, sp, mq, sq))
         && static_cast<bool>(gibbs::property::gaussian_kl_zero_iff_equal(mp, sp, mp, sp))
         && static_cast<bool>(gibbs::property::gaussian_kl_asymmetric(mp, sp, mq, sq));
}

template <class T>
constexpr bool bits_per_dim_law() {
  constexpr std::array<T, 3> ll{T(-1000), T(-2000.5), T(-1500.25)};
  return static_cast<bool>(gibbs::property::bits_per_dim_is_mean_nll_in_bits(ll, 784))
         && static_cast<bool>(gibbs::property::bits_per_dim_is_mean_nll_in_bits(ll, 1));
}

template <class T>
constexpr bool slow_cases() {
  constexpr std::array<T, 1> mp{T(0.5)}, sp{T(0.5)}, mq{T(0)}, sq{T(3)};
  return static_cast<bool>(gibbs::property::gaussian_kl_zero_iff_equal(mp, sp, mq, sq))
         && static_cast<bool>(gibbs::property::gaussian_kl_nonnegative(mp, sp, mq, sq));
}

template <class T>
constexpr bool slow_vae() {
  return static_cast<bool>(
      gibbs::property::vae_kl_is_gaussian_kl(std::array<T, 1>{T(0.5)}, std::array<T, 1>{T(0.75)}));
}

/// The laws in a 16-bit format (every operation rounded to it, gibbs/number/small_float.hpp).
template <class T>
constexpr bool small_float_cases() {
  constexpr std::array<T, 2> mp{T(0.0), T(1.0)}, sp{T(1.0), T(0.5)}, mq{T(0.5), T(1.0)},
      sq{T(1.0), T(0.75)};
  constexpr std::array<T, 2> mu{T(0.5), T(-0.25)}, lv{T(0.75), T(-1.5)};
  return static_cast<bool>(gibbs::property::gaussian_kl_nonnegative(mp, sp, mq, sq))
         && static_cast<bool>(gibbs::property::gaussian_kl_zero_iff_equal(mp, sp, mq, sq))
         && static_cast<bool>(gibbs::property::gaussian_kl_zero_iff_equal(mp, sp, mp, sp))
         && static_cast<bool>(gibbs::property::gaussian_kl_asymmetric(mp, sp, mq, sq))
         && static_cast<bool>(gibbs::property::vae_kl_is_gaussian_kl(mu, lv));
}

} // namespace

static_assert(small_float_cases<gibbs::binary16>(),
              "The laws of gaussian_kl and vae_kl must hold in binary16.");
static_assert(small_float_cases<gibbs::bfloat16>(),
              "The laws of gaussian_kl and vae_kl must hold in bfloat16.");

void gaussian_laws_proof() {
  hana::for_each(number_types, [](auto t) {
    using T = type_of<decltype(t)>;
    if constexpr (fast_math<T>) {
      static_assert(grid_holds<T, nonnegative_and_zero_iff_equal>,
                    "gaussian_kl must be >= 0, and 0 exactly for equal Gaussians, on the grid.");
      static_assert(
          grid_holds<T, asymmetric_where_sigmas_differ>,
          "gaussian_kl(p||q) must differ from gaussian_kl(q||p) where the sigmas differ.");
      static_assert(vae_is_gaussian<T>(),
                    "vae_kl(mu, lv) must equal gaussian_kl(mu, exp(lv/2), 0, 1).");
      static_assert(two_dimensional_cases<T>(),
                    "The laws of gaussian_kl must hold for the 2-dimensional cases.");
      static_assert(bits_per_dim_law<T>(),
                    "bits_per_dim(ll, D) must equal bits_per_dimension(-mean ll, D).");
    } else {
      static_assert(slow_cases<T>(), "gaussian_kl must be > 0 for unequal Gaussians.");
      static_assert(slow_vae<T>(), "vae_kl(mu, lv) must equal gaussian_kl(mu, exp(lv/2), 0, 1).");
    }
  });
}
