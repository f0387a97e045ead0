// Laws of the measures in double under RapidCheck (rc::prop inside Catch2): random distributions
// with zeros and tiny masses (down to 2^-1074) that RapidCheck *shrinks* to a minimal
// counterexample when a law fails — the smallest n, the simplest masses.
//
// Seed: RapidCheck reads RC_PARAMS (e.g. RC_PARAMS="seed=42"); when it is not set, the seed is
// GIBBS_SEED's (or the fixed default), so CI runs are reproducible. RapidCheck prints the seed and
// the shrunk input of a failure.
#include <gibbs/measure/cross_entropy.hpp>
#include <gibbs/measure/entropy.hpp>
#include <gibbs/measure/jensen_shannon.hpp>
#include <gibbs/measure/kl_divergence.hpp>
#include <gibbs/measure/total_variation.hpp>

#include "laws.hpp"

#include <rapidcheck.h>
#include <rapidcheck/catch.h>

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

namespace {

// RapidCheck reads its configuration once, at first use: set the seed before that.
const bool seeded = [] {
  if (std::getenv("RC_PARAMS") == nullptr) {
    const std::string params = "seed=" + std::to_string(gibbs_test::seed()) + " max_success=1000";
    setenv("RC_PARAMS", params.c_str(), 0);
  }
  return true;
}();

/// A mass: a 20-bit integer weight times 2^-e (e up to 1100, so tiny and subnormal masses and
/// exact zeros occur; shrinking goes towards weight 0, exponent 0).
rc::Gen<double> mass() {
  return rc::gen::map(rc::gen::pair(rc::gen::inRange<std::uint32_t>(0, 1u << 20),
                                    rc::gen::weightedOneOf<int>(
                                        {{8, rc::gen::just(0)}, {1, rc::gen::inRange(0, 1100)}})),
                      [](const std::pair<std::uint32_t, int>& w) {
                        return std::ldexp(static_cast<double>(w.first), -w.second);
                      });
}

/// A distribution of length n, normalised in double (at least one mass is positive).
rc::Gen<std::vector<double>> distribution(std::size_t n) {
  return rc::gen::map(rc::gen::container<std::vector<double>>(n, mass()),
                      [](std::vector<double> v) {
                        if (gibbs_test::sum(v) == 0.0) v[0] = 1.0;
                        gibbs_test::normalize(v);
                        return v;
                      });
}

std::size_t length() {
  return *rc::gen::inRange<std::size_t>(1, 40);
}

double eps() {
  return std::numeric_limits<double>::epsilon();
}

} // namespace

TEST_CASE("RapidCheck: laws of KL, H, JS and TV in double", "[property][rapidcheck]") {
  REQUIRE(seeded);

  rc::prop("Gibbs: KL(p‖q) ≥ −max(0, Σq − Σp), and KL(p‖p) = 0", [] {
    const auto n = length();
    const auto p = *distribution(n);
    const auto q = *distribution(n);
    const double kl = gibbs::kl_divergence(p, q);
    const double tol = gibbs_test::defect(p, q) + 8 * eps() * gibbs::total_variation(p, q);
    RC_ASSERT(kl >= -tol);
    RC_ASSERT(gibbs::kl_divergence(p, p) == 0.0);
  });

  rc::prop("Pinsker: KL ≥ 2·TV²", [] {
    const auto n = length();
    const auto p = *distribution(n);
    const auto q = *distribution(n);
    const double kl = gibbs::kl_divergence(p, q);
    const double tv = gibbs::total_variation(p, q);
    const double tol =
        gibbs_test::slack * eps() * (2 * tv * tv + std::abs(kl)) + gibbs_test::defect(p, q);
    RC_ASSERT(kl >= 2 * tv * tv - tol);
  });

  rc::prop("0 ≤ JS ≤ log 2, JS symmetric", [] {
    const auto n = length();
    const auto p = *distribution(n);
    const auto q = *distribution(n);
    const double js = gibbs::jensen_shannon(p, q);
    RC_ASSERT(js >= 0.0);
    RC_ASSERT(js <= std::log(2.0) * (1 + gibbs_test::slack * eps()));
    RC_ASSERT(std::abs(js - gibbs::jensen_shannon(q, p)) <= gibbs_test::slack * eps());
  });

  rc::prop("0 ≤ H ≤ log n", [] {
    const auto n = length();
    const auto p = *distribution(n);
    const double h = gibbs::entropy(p);
    const double logn = std::log(static_cast<double>(n));
    RC_ASSERT(h >= 0.0);
    RC_ASSERT(h <= logn + gibbs_test::slack * eps() * (logn + 1)
                       + std::abs(gibbs_test::sum(p) - 1.0) * logn);
  });

  rc::prop("KL = H(p, q) − H(p)", [] {
    const auto n = length();
    const auto p = *distribution(n);
    const auto q = *distribution(n);
    const double kl = gibbs::kl_divergence(p, q);
    const double hpq = gibbs::cross_entropy(p, q), hp = gibbs::entropy(p);
    RC_ASSERT(gibbs_test::close(kl, hpq - hp, gibbs_test::slack * eps() * (hpq + hp + 2))
              || (std::isinf(kl) && std::isinf(hpq)));
  });

  rc::prop("invariance of KL under a rotation of the outcomes", [] {
    const auto n = length();
    const auto p = *distribution(n);
    const auto q = *distribution(n);
    const auto rotate = *rc::gen::inRange<std::size_t>(0, n);
    std::vector<double> pp(n), qq(n);
    for (std::size_t i = 0; i < n; ++i) {
      pp[i] = p[(i + rotate) % n];
      qq[i] = q[(i + rotate) % n];
    }
    const double kl = gibbs::kl_divergence(p, q);
    RC_ASSERT(gibbs_test::close(gibbs::kl_divergence(pp, qq), kl,
                                gibbs_test::slack * eps() * gibbs_test::scale(p, q)));
  });
}
