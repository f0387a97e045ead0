// examples/verify/user_code.hpp: a user's own constexpr numerics, as gibbs::verify sees them —
// two KL divergences (the textbook formula and a non-cancelling one), an entropy and a
// cross-entropy, and a gcem-style logarithm (range reduction and an atanh series in double).
// Nothing here is gibbs' code: the point is to check it.
#ifndef GIBBS_EXAMPLES_VERIFY_USER_CODE_HPP
#define GIBBS_EXAMPLES_VERIFY_USER_CODE_HPP

#include <array>
#include <cstddef>
#include <limits>

namespace user {

/// log x for finite x > 0, the way constexpr math libraries do it: x = m·2^e with m in
/// [√½, √2), log m = 2·atanh(s), s = (m − 1)/(m + 1), |s| <= 0.172, summed to s^31; then
/// e·ln 2 added. A few ulps of error, not correctly rounded.
constexpr double log(double x) {
  if (!(x > 0)) return -std::numeric_limits<double>::infinity();
  if (x > std::numeric_limits<double>::max()) return x;
  int e = 0;
  double m = x;
  while (m < 0.70710678118654752) {
    m *= 2;
    --e;
  }
  while (m > 1.4142135623730950) {
    m /= 2;
    ++e;
  }
  const double s = (m - 1) / (m + 1), s2 = s * s;
  double sum = 0;
  for (int k = 31; k >= 1; k -= 2)
    sum = sum * s2 + 1.0 / k;
  return 2 * s * sum + e * 0.69314718055994531;
}

/// log1p for the KL below: log(1 + u) through user::log (so it loses accuracy for tiny u, which
/// the careful KL avoids by its series branch).
constexpr double log1p(double u) {
  return user::log(1 + u);
}

/// The textbook KL: Σ p_i log(p_i/q_i). Cancels catastrophically when p ≈ q.
constexpr auto textbook_kl = [](const auto& p, const auto& q) {
  double s = 0;
  for (std::size_t i = 0; i < p.size(); ++i) {
    if (p[i] == 0) continue;
    if (q[i] == 0) return std::numeric_limits<double>::infinity();
    s += p[i] * (user::log(p[i]) - user::log(q[i])); // log(p/q) would overflow for subnormal q
  }
  return s;
};

/// φ(u) = (1 + u)·log1p(u) − u ≥ 0: by its series for |u| < 1/8 (no cancellation), directly
/// elsewhere.
constexpr double phi(double u) {
  const double a = u < 0 ? -u : u;
  if (a < 0.125) {
    // φ(u) = Σ_{k>=2} (−1)^k u^k / (k (k − 1)) = u²/2 − u³/6 + u⁴/12 − …
    double sum = 0, pw = u * u;
    for (int k = 2; k < 40; ++k) {
      sum += ((k % 2) == 0 ? pw : -pw) / (k * (k - 1.0));
      pw *= u;
    }
    return sum;
  }
  return (1 + u) * user::log1p(u) - u;
}

/// A non-cancelling KL: Σ q_i·φ(u_i) + Σ(p_i − q_i), u_i = (p_i − q_i)/q_i — every term of the
/// first sum is ≥ 0, so nothing cancels near p = q.
constexpr auto careful_kl = [](const auto& p, const auto& q) {
  double bregman = 0, linear = 0;
  for (std::size_t i = 0; i < p.size(); ++i) {
    if (p[i] == 0) continue; // 0·log(0/q) = 0
    if (q[i] == 0) return std::numeric_limits<double>::infinity();
    if (p[i] < 0.25 * q[i] || p[i] > 4 * q[i]) { // far from q: no cancellation in the term
      bregman += p[i] * (user::log(p[i]) - user::log(q[i])) - p[i] + q[i];
    } else {
      bregman += q[i] * phi((p[i] - q[i]) / q[i]);
    }
    linear += p[i] - q[i];
  }
  return bregman + linear;
};

/// H(p) = −Σ p_i log p_i.
constexpr auto entropy = [](const auto& p) {
  double s = 0;
  for (std::size_t i = 0; i < p.size(); ++i)
    if (p[i] > 0) s -= p[i] * user::log(p[i]);
  return s;
};

/// H(p, q) = −Σ p_i log q_i.
constexpr auto cross_entropy = [](const auto& p, const auto& q) {
  double s = 0;
  for (std::size_t i = 0; i < p.size(); ++i) {
    if (p[i] == 0) continue;
    if (q[i] == 0) return std::numeric_limits<double>::infinity();
    s -= p[i] * user::log(q[i]);
  }
  return s;
};

} // namespace user

#endif // GIBBS_EXAMPLES_VERIFY_USER_CODE_HPP
