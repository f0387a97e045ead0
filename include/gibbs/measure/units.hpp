// gibbs/measure/units.hpp: units of information.
#ifndef GIBBS_MEASURE_UNITS_HPP
#define GIBBS_MEASURE_UNITS_HPP

#include "gibbs/measure/detail/common.hpp"

#include <cstddef>

namespace gibbs {

/// Nats to bits: x / log 2. Law: bits = nats / ln 2, so to_bits(log 2) = 1 (within an ulp).
/// Example: to_bits(entropy({0.5, 0.5})) ≈ 1.
template <real T>
[[nodiscard]] constexpr T to_bits(const T& nats) {
  return nats / gibbs::log(T(2));
}

/// Nats to base-b units (b = 2: bits, b = 10: bans/hartleys): x / log b, b > 0, b ≠ 1.
/// Example: to_base(log(10.0), 10.0) ≈ 1.
template <real T>
[[nodiscard]] constexpr T to_base(const T& nats, const T& base) {
  if (!(base > T(0)) || base == T(1))
    detail::fail<error_kind::index_out_of_range>("to_base", "base", 0, base);
  return nats / gibbs::log(base);
}

/// Bits per dimension, the unit of image and audio likelihoods: NLL in nats of one example
/// divided by its number of dimensions and by log 2.
/// Example: bits_per_dimension(3072 * log(2.0), 3072) ≈ 1.
template <real T>
[[nodiscard]] constexpr T bits_per_dimension(const T& nats_per_example, std::size_t dimensions) {
  if (dimensions == 0) detail::fail<error_kind::empty>("bits_per_dimension", "dimensions", 0, 0.0);
  return to_bits(nats_per_example) / T(static_cast<double>(dimensions));
}

} // namespace gibbs

#endif // GIBBS_MEASURE_UNITS_HPP
