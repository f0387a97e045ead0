// tests/property/laws.hpp: the laws of the measures, checked at run time over random
// distributions (cases.hpp) for any number type T.
//
// The laws that gibbs/property/ states over values (gibbs::property::values::…: Gibbs'
// inequality, zero at equality, KL = H(p, q) − H(p), H(p, q) ≥ H(p), Pinsker, the bounds of JS
// and of entropy) are checked with those predicates and their tolerances (law.hpp), on the values
// the measures return here. The other laws are written inline with tolerances of the same
// derivation: every identity between sums of p·log terms holds up to a few roundings of relative
// size ε(T) per term, so by c·ε·S with S an *entropy scale* (H(p, q) + H(p) + 2 ≥
// Σ p·|log p| + Σ p·|log q| + Σ|p − q|) and c = 16; the inputs are taken as given (they sum to 1
// only within a few ε), so a law that needs Σp = Σq is allowed the mass defect max(0, Σq − Σp)
// too. A broken formula is off by far more than 16ε of the scale, in every type.
#ifndef GIBBS_TESTS_PROPERTY_LAWS_HPP
#define GIBBS_TESTS_PROPERTY_LAWS_HPP

#include <gibbs/measure/cross_entropy.hpp>
#include <gibbs/measure/entropy.hpp>
#include <gibbs/measure/jensen_shannon.hpp>
#include <gibbs/measure/kl_divergence.hpp>
#include <gibbs/measure/nll.hpp>
#include <gibbs/measure/total_variation.hpp>
#include <gibbs/property/divergence.hpp>
#include <gibbs/property/structure.hpp>

#include "cases.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <limits>
#include <numeric>
#include <random>
#include <sstream>
#include <string>
#include <type_traits>
#include <vector>

namespace gibbs_test {

inline constexpr double slack = 16.0;

template <class T>
T eps() {
  return std::numeric_limits<T>::epsilon();
}

template <class T>
T tabs(const T& x) {
  return x < T(0) ? T(T(0) - x) : x;
}

template <class T>
bool is_inf(const T& x) {
  return x == std::numeric_limits<T>::infinity();
}

/// Neumaier's sum in T.
template <class T>
T tsum(const std::vector<T>& x) {
  T s(0), c(0);
  for (const T& v : x) {
    const T t = s + v;
    c += !(tabs(s) < tabs(v)) ? T((s - t) + v) : T((v - t) + s);
    s = t;
  }
  return T(s + c);
}

/// max(0, Σq − Σp), how far the exact KL of the given numbers may fall below 0, plus 4ε·Σ|q − p|
/// for the error of computing it: the differences are summed with their TwoSum errors (a plain
/// Σq − Σp would round both sums to 1 and see nothing).
template <class T>
T defect(const std::vector<T>& p, const std::vector<T>& q) {
  std::vector<T> parts;
  parts.reserve(2 * p.size());
  T l1(0);
  for (std::size_t i = 0; i < p.size(); ++i) {
    const T d = q[i] - p[i];
    const T z = d - q[i];
    parts.push_back(d);
    parts.push_back(T((q[i] - T(d - z)) + T(T(0) - p[i] - z)));
    l1 += tabs(d);
  }
  const T s = tsum(parts);
  return T((s > T(0) ? s : T(0)) + T(4) * eps<T>() * l1);
}

/// a = b up to tol, where +inf = +inf.
template <class T>
bool close(const T& a, const T& b, const T& tol) {
  if (is_inf(a) || is_inf(b)) return a == b;
  return tabs(T(a - b)) <= tol;
}

/// A readable name of the number type, for messages.
template <class T>
std::string type_name() {
  if constexpr (std::is_same_v<T, float>)
    return "float";
  else if constexpr (std::is_same_v<T, double>)
    return "double";
  else if constexpr (std::is_same_v<T, long double>)
    return "long double";
  else
    return std::to_string(std::numeric_limits<T>::digits) + "-bit binary";
}

/// The largest n of the cases for T. The CI budget (the whole suite < 60 s on 2 cores) allows
/// n = 10^5 only where arithmetic is hardware-fast (float, double); long double, float128 and the
/// multiprecision types take the library's slower correctly rounded paths (or software
/// arithmetic) and stop at 10^3.
template <class T>
std::size_t max_n() {
  return std::is_same_v<T, float> || std::is_same_v<T, double> ? 100000 : 1000;
}

template <class T>
struct typed_case {
  std::vector<T> p, q;
  std::string what;
};

template <class T>
const std::vector<typed_case<T>>& cases(const std::string& type_name) {
  static const std::vector<typed_case<T>> c = [&] {
    std::vector<typed_case<T>> out;
    const std::size_t large = max_n<T>() >= 100000 ? 2 : 0;
    for (auto& pc : pair_cases("pairs", max_n<T>(), large))
      out.push_back({in_type<T>(pc.p), in_type<T>(pc.q), pc.what + " in " + type_name});
    return out;
  }();
  return c;
}

template <class T>
std::string show(const T& x) {
  std::ostringstream s;
  s.precision(std::numeric_limits<T>::max_digits10);
  s << x;
  return s.str();
}

/// The entropy scale H(p, q) + H(p) + 2 (finite: +inf cross-entropy is handled by the callers).
template <class T>
T scale(const std::vector<T>& p, const std::vector<T>& q) {
  const T hpq = gibbs::cross_entropy(p, q);
  if (is_inf(hpq)) return T(gibbs::entropy(p) + T(2));
  return T(hpq + gibbs::entropy(p) + T(2));
}

#define GIBBS_LAW_INFO(c)                                                                          \
  INFO("seed " << ::gibbs_test::seed() << " (set GIBBS_SEED to replay), case: " << (c).what)

/// Checks a law over values and shows its two sides and tolerance when it fails.
template <class T>
void check_law(const gibbs::property::law_check<T>& law, const char* name) {
  INFO(name << ": lhs = " << show(law.lhs) << ", rhs = " << show(law.rhs) << ", tolerance "
            << show(law.tolerance));
  CHECK(law.holds);
}

namespace values = gibbs::property::values;

// --- the laws ----------------------------------------------------------------------------------

/// Gibbs: KL(p‖q) ≥ −max(0, Σq − Σp) (values::gibbs_inequality). Zero at equality: KL(p‖p) = 0
/// exactly; also JS(p, p) = 0 and TV(p, p) = 0 exactly.
template <class T>
void law_gibbs(const std::string& type_name) {
  for (const auto& c : cases<T>(type_name)) {
    GIBBS_LAW_INFO(c);
    const T kl = gibbs::kl_divergence(c.p, c.q);
    check_law(values::gibbs_inequality(c.p, c.q, kl), "Gibbs' inequality");
    check_law(values::zero_at_equality(T(gibbs::kl_divergence(c.p, c.p))), "KL(p||p) = 0");
    check_law(values::zero_at_equality(T(gibbs::kl_divergence(c.q, c.q))), "KL(q||q) = 0");
    check_law(values::zero_at_equality(T(gibbs::jensen_shannon(c.p, c.p))), "JS(p, p) = 0");
    check_law(values::zero_at_equality(T(gibbs::total_variation(c.p, c.p))), "TV(p, p) = 0");
    CHECK(gibbs::generalized_kl_divergence(c.p, c.q) >= T(0));
  }
}

/// KL = H(p, q) − H(p) and H(p, q) ≥ H(p), by the predicates over values (tolerance 16ε·(H(p, q)
/// + H(p) + 1), plus the defect for the inequality). Both sides +inf together.
template <class T>
void law_kl_is_cross_entropy_minus_entropy(const std::string& type_name) {
  for (const auto& c : cases<T>(type_name)) {
    GIBBS_LAW_INFO(c);
    const T kl = gibbs::kl_divergence(c.p, c.q);
    const T hpq = gibbs::cross_entropy(c.p, c.q);
    const T hp = gibbs::entropy(c.p);
    check_law(values::kl_is_cross_entropy_minus_entropy(c.p, c.q, kl, hpq, hp),
              "KL = H(p, q) - H(p)");
    check_law(values::cross_entropy_bounds_entropy(c.p, c.q, hpq, hp), "H(p, q) >= H(p)");
  }
}

/// Pinsker: KL ≥ 2·TV² (values::pinsker); 0 ≤ TV ≤ 1.
template <class T>
void law_pinsker(const std::string& type_name) {
  for (const auto& c : cases<T>(type_name)) {
    GIBBS_LAW_INFO(c);
    const T kl = gibbs::kl_divergence(c.p, c.q);
    const T tv = gibbs::total_variation(c.p, c.q);
    check_law(values::pinsker(c.p, c.q, kl, tv), "Pinsker");
    CHECK(tv >= T(0));
    CHECK(tv <= T(T(1) + T(slack) * eps<T>()));
  }
}

/// 0 ≤ JS ≤ log 2 (values::js_bounds); JS symmetric within 16ε·log 2.
template <class T>
void law_js_bounds(const std::string& type_name) {
  const T ln2 = gibbs::log(T(2));
  for (const auto& c : cases<T>(type_name)) {
    GIBBS_LAW_INFO(c);
    const T js = gibbs::jensen_shannon(c.p, c.q);
    check_law(values::js_bounds(js), "0 <= JS <= log 2");
    CHECK(close(js, T(gibbs::jensen_shannon(c.q, c.p)), T(T(slack) * eps<T>() * ln2)));
  }
}

/// 0 ≤ H(p) ≤ log n (values::entropy_bounds: widened by 16ε·(log n + 1) and by |Σp − 1|·(log n +
/// 1)); the bound is reached by uniform distributions.
template <class T>
void law_entropy_bounds(const std::string& type_name) {
  for (const auto& c : cases<T>(type_name)) {
    GIBBS_LAW_INFO(c);
    check_law(values::entropy_bounds(c.p, T(gibbs::entropy(c.p))), "0 <= H <= log n");
  }
  // the bound is reached: uniform distributions
  for (const std::size_t n : {1u, 2u, 3u, 10u, 1000u}) {
    const std::vector<T> u = in_type<T>(std::vector<double>(n, 1.0 / static_cast<double>(n)));
    const T logn = gibbs::log(T(n));
    CHECK(close(T(gibbs::entropy(u)), logn, T(T(slack) * eps<T>() * T(logn + T(1)))));
  }
}

/// Log-sum inequality on unnormalised non-negative a, b (random positive scales of the cases):
/// Σ a·log(a/b) ≥ A·log(A/B), in its cancellation-free form D(a‖b) ≥ D(A‖B) (subtract A − B from
/// both sides), within 16ε·(D(a‖b) + D(A‖B) + A·|log(A/B)| + A + B); equality when a ∝ b.
template <class T>
void law_log_sum(const std::string& type_name) {
  auto g = rng_for("log-sum");
  // powers of two ≥ 1: the scaled masses are exact (no underflow of the tiny ones), so a ∝ p
  std::uniform_int_distribution<int> scale_exp(0, 40);
  for (const auto& c : cases<T>(type_name)) {
    GIBBS_LAW_INFO(c);
    const T sa = T(std::ldexp(1.0, scale_exp(g))), sb = T(std::ldexp(1.0, scale_exp(g)));
    std::vector<T> a(c.p), b(c.q);
    for (auto& v : a)
      v = T(v * sa);
    for (auto& v : b)
      v = T(v * sb);
    const T lhs = gibbs::generalized_kl_divergence(a, b);
    const std::vector<T> A{tsum(a)}, B{tsum(b)};
    const T rhs = gibbs::generalized_kl_divergence(A, B);
    const T tol = T(slack) * eps<T>()
                  * T((is_inf(lhs) ? T(0) : lhs) + rhs + A[0] * tabs(T(gibbs::log(T(A[0] / B[0]))))
                      + A[0] + B[0]);
    INFO("D(a‖b) = " << show(lhs) << ", D(A‖B) = " << show(rhs) << ", tolerance " << show(tol));
    CHECK(lhs >= T(rhs - tol));
    // proportional: equality (both sides are D(A‖B) up to rounding)
    std::vector<T> pa(c.p);
    for (auto& v : pa)
      v = T(v * sb);
    const std::vector<T> PA{tsum(pa)}, P{tsum(c.p)};
    const T eq_lhs = gibbs::generalized_kl_divergence(c.p, pa);
    const T eq_rhs = gibbs::generalized_kl_divergence(P, PA);
    CHECK(close(
        eq_lhs, eq_rhs,
        T(T(slack) * eps<T>()
          * T(eq_lhs + eq_rhs + P[0] * tabs(T(gibbs::log(T(P[0] / PA[0])))) + P[0] + PA[0]))));
  }
}

/// p ⊗ q computed in T (each product rounded once).
template <class T>
std::vector<T> product(const std::vector<T>& p, const std::vector<T>& q) {
  std::vector<T> out;
  out.reserve(p.size() * q.size());
  for (const T& a : p)
    for (const T& b : q)
      out.push_back(T(a * b));
  return out;
}

/// Whether every product a_i·b_j of positive masses is a normal number (rounded once, relative
/// error ≤ ε/2).
template <class T>
bool exact_enough(const std::vector<T>& a, const std::vector<T>& b) {
  T amin(1), bmin(1);
  for (const T& v : a)
    if (v > T(0) && v < amin) amin = v;
  for (const T& v : b)
    if (v > T(0) && v < bmin) bmin = v;
  return !(T(amin * bmin) < std::numeric_limits<T>::min());
}

/// Additivity on products: H(p ⊗ q) = H(p) + H(q); KL(p1 ⊗ p2 ‖ q1 ⊗ q2) = KL(p1‖q1) + KL(p2‖q2),
/// within 16ε·(the scales of the factors and the product) — each product mass is rounded once.
/// Chain rule: KL(p_xy‖q_xy) = KL(p_x‖q_x) + Σ_x p_x·KL(p_y|x‖q_y|x) with random conditionals.
template <class T>
void law_products_and_chain_rule(const std::string& type_name) {
  const auto& cs = cases<T>(type_name);
  for (std::size_t k = 0; k + 1 < cs.size(); k += 2) {
    const auto& c1 = cs[k];
    const auto& c2 = cs[k + 1];
    if (c1.p.size() * c2.p.size() > max_n<T>()) continue; // the CI budget
    INFO("seed " << seed() << ", cases: " << c1.what << " ⊗ " << c2.what);
    const auto p = product(c1.p, c2.p), q = product(c1.q, c2.q);
    if (!exact_enough(c1.p, c2.p) || !exact_enough(c1.q, c2.q)) {
      // a product of two tiny masses fell below the normal range (rounded with less than full
      // precision, or to 0): the identity is then off by more than ε; the test's own doing.
      continue;
    }
    const T hp = gibbs::entropy(p);
    const T h1 = gibbs::entropy(c1.p), h2 = gibbs::entropy(c2.p);
    CHECK(close(hp, T(h1 + h2), T(T(slack) * eps<T>() * T(hp + T(2)))));
    const T kl = gibbs::kl_divergence(p, q);
    const T kl1 = gibbs::kl_divergence(c1.p, c1.q), kl2 = gibbs::kl_divergence(c2.p, c2.q);
    const T tol = T(slack) * eps<T>() * T(scale(p, q) + scale(c1.p, c1.q) + scale(c2.p, c2.q));
    INFO("KL(p⊗) = " << show(kl) << ", KL1 + KL2 = " << show(T(kl1 + kl2)) << ", tolerance "
                     << show(tol));
    CHECK(close(kl, T(kl1 + kl2), tol));
  }
  // chain rule
  auto g = rng_for("chain rule");
  for (const double alpha : concentrations()) {
    for (const auto& [nx, ny] : {std::pair<std::size_t, std::size_t>{2, 3}, {10, 10}, {50, 40}}) {
      INFO("seed " << seed() << ", chain rule, Dirichlet(" << alpha << "), " << nx << " × " << ny);
      const shape sx{nx, alpha, 0.0, 0.0}, sy{ny, alpha, 0.0, 0.0};
      const auto px = in_type<T>(dirichlet(g, sx)), qx = in_type<T>(dirichlet(g, sx));
      std::vector<std::vector<T>> py(nx), qy(nx);
      std::vector<T> pxy, qxy;
      T conditional(0);
      bool infinite = false;
      for (std::size_t x = 0; x < nx; ++x) {
        py[x] = in_type<T>(dirichlet(g, sy));
        qy[x] = in_type<T>(dirichlet(g, sy));
        for (std::size_t y = 0; y < ny; ++y) {
          pxy.push_back(T(px[x] * py[x][y]));
          qxy.push_back(T(qx[x] * qy[x][y]));
        }
        if (px[x] > T(0)) {
          const T k = gibbs::kl_divergence(py[x], qy[x]);
          if (is_inf(k))
            infinite = true;
          else
            conditional += T(px[x] * k);
        }
      }
      bool normal = true;
      for (std::size_t x = 0; x < nx; ++x)
        normal = normal && exact_enough(std::vector<T>{px[x]}, py[x])
                 && exact_enough(std::vector<T>{qx[x]}, qy[x]);
      if (!normal) continue; // see the products above
      const T lhs = gibbs::kl_divergence(pxy, qxy);
      const T marginal = gibbs::kl_divergence(px, qx);
      if (infinite || is_inf(marginal)) {
        // +inf on the right only if some p_xy > 0 = q_xy, which the joint must see too (unless
        // the product underflowed to 0, which the masses here are far from)
        CHECK(is_inf(lhs));
        continue;
      }
      const T rhs = marginal + conditional;
      const T tol = T(slack) * eps<T>() * T(scale(pxy, qxy) + scale(px, qx) + T(2));
      INFO("KL(joint) = " << show(lhs) << ", chain = " << show(rhs) << ", tolerance " << show(tol));
      CHECK(close(lhs, rhs, tol));
    }
  }
}

/// Data processing: KL(pM‖qM) ≤ KL(p‖q) for a random row-stochastic M (rows Dirichlet), with pM
/// accumulated in T by a compensated sum, within 16ε·(both scales) plus the defect.
template <class T>
void law_data_processing(const std::string& type_name) {
  auto g = rng_for("data processing");
  for (const auto& c : cases<T>(type_name)) {
    const std::size_t n = c.p.size();
    if (n > 1000) continue;
    GIBBS_LAW_INFO(c);
    for (const std::size_t m : {std::size_t{1}, std::size_t{2}, std::size_t{7}}) {
      std::vector<std::vector<T>> M(n);
      for (auto& row : M)
        row = in_type<T>(dirichlet(g, {m, 0.5, 0.0, 0.0}));
      std::vector<T> pm(m), qm(m);
      for (std::size_t j = 0; j < m; ++j) {
        std::vector<T> a(n), b(n);
        for (std::size_t i = 0; i < n; ++i) {
          a[i] = T(c.p[i] * M[i][j]);
          b[i] = T(c.q[i] * M[i][j]);
        }
        pm[j] = tsum(a);
        qm[j] = tsum(b);
      }
      const T after = gibbs::kl_divergence(pm, qm);
      const T before = gibbs::kl_divergence(c.p, c.q);
      if (is_inf(before)) continue;
      const T tol = T(slack) * eps<T>() * T(scale(pm, qm) + scale(c.p, c.q))
                    + T(2) * defect(c.p, c.q) + T(2) * defect(pm, qm);
      INFO("m = " << m << ", KL(pM‖qM) = " << show(after) << ", KL(p‖q) = " << show(before)
                  << ", tolerance " << show(tol));
      CHECK(after <= T(before + tol));
    }
  }
}

/// Joint convexity: KL(λp1 + (1−λ)p2 ‖ λq1 + (1−λ)q2) ≤ λ·KL(p1‖q1) + (1−λ)·KL(p2‖q2).
template <class T>
void law_joint_convexity(const std::string& type_name) {
  auto g = rng_for("joint convexity");
  std::uniform_real_distribution<double> uni(0.0, 1.0);
  const auto& cs = cases<T>(type_name);
  for (std::size_t k = 0; k + 1 < cs.size(); ++k) {
    const auto& c1 = cs[k];
    const auto& c2 = cs[k + 1];
    if (c1.p.size() != c2.p.size()) continue;
    INFO("seed " << seed() << ", cases: " << c1.what << " and " << c2.what);
    const T lambda = T(uni(g));
    const T mu = T(T(1) - lambda);
    std::vector<T> p(c1.p.size()), q(c1.p.size());
    for (std::size_t i = 0; i < p.size(); ++i) {
      p[i] = T(lambda * c1.p[i] + mu * c2.p[i]);
      q[i] = T(lambda * c1.q[i] + mu * c2.q[i]);
    }
    const T k1 = gibbs::kl_divergence(c1.p, c1.q), k2 = gibbs::kl_divergence(c2.p, c2.q);
    if (is_inf(k1) || is_inf(k2)) continue;
    const T lhs = gibbs::kl_divergence(p, q);
    const T rhs = T(lambda * k1 + mu * k2);
    const T tol = T(slack) * eps<T>() * T(scale(p, q) + scale(c1.p, c1.q) + scale(c2.p, c2.q))
                  + T(2) * (defect(p, q) + defect(c1.p, c1.q) + defect(c2.p, c2.q));
    INFO("λ = " << show(lambda) << ", lhs = " << show(lhs) << ", rhs = " << show(rhs));
    CHECK(lhs <= T(rhs + tol));
  }
}

/// Permutation invariance of H, H(p, q), KL, JS and TV (same permutation on p and q): equal
/// within 16ε of the scale (the compensated sums are not order-independent to the last bit).
template <class T>
void law_permutation(const std::string& type_name) {
  auto g = rng_for("permutation");
  for (const auto& c : cases<T>(type_name)) {
    GIBBS_LAW_INFO(c);
    std::vector<std::size_t> perm(c.p.size());
    std::iota(perm.begin(), perm.end(), std::size_t{0});
    std::shuffle(perm.begin(), perm.end(), g);
    std::vector<T> p(c.p.size()), q(c.q.size());
    for (std::size_t i = 0; i < perm.size(); ++i) {
      p[i] = c.p[perm[i]];
      q[i] = c.q[perm[i]];
    }
    const T tol = T(slack) * eps<T>() * scale(c.p, c.q);
    CHECK(close(T(gibbs::entropy(p)), T(gibbs::entropy(c.p)), tol));
    CHECK(close(T(gibbs::cross_entropy(p, q)), T(gibbs::cross_entropy(c.p, c.q)), tol));
    CHECK(close(T(gibbs::kl_divergence(p, q)), T(gibbs::kl_divergence(c.p, c.q)), tol));
    CHECK(close(T(gibbs::jensen_shannon(p, q)), T(gibbs::jensen_shannon(c.p, c.q)), tol));
    CHECK(close(T(gibbs::total_variation(p, q)), T(gibbs::total_variation(c.p, c.q)), tol));
  }
}

/// NLL = H(p̂, q) for samples drawn from q, p̂ = empirical_distribution<T>; perplexity = exp(NLL).
template <class T>
void law_nll(const std::string& type_name) {
  auto g = rng_for("nll");
  for (const auto& c : cases<T>(type_name)) {
    if (c.q.size() > 1000) continue;
    GIBBS_LAW_INFO(c);
    std::vector<double> w(c.q.size());
    for (std::size_t i = 0; i < w.size(); ++i)
      w[i] = static_cast<double>(c.q[i]);
    std::discrete_distribution<std::size_t> draw(w.begin(), w.end());
    for (const std::size_t N : {std::size_t{1}, std::size_t{10}, std::size_t{1000}}) {
      std::vector<std::size_t> s(N);
      for (auto& x : s) {
        do
          x = draw(g);
        while (!(c.q[x] > T(0))); // drawn in double: a mass that is 0 in T cannot be sampled
      }
      const auto phat = gibbs::empirical_distribution<T>(s, c.q.size());
      const T nll = gibbs::nll(c.q, s);
      const T h = gibbs::cross_entropy(phat, c.q);
      INFO("N = " << N << ", NLL = " << show(nll) << ", H(p̂, q) = " << show(h));
      CHECK(close(nll, h, T(T(slack) * eps<T>() * T(nll + T(1)))));
      CHECK(close(T(gibbs::perplexity(c.q, s)), T(gibbs::exp(nll)),
                  T(T(slack) * eps<T>() * T(gibbs::exp(nll)))));
    }
  }
}

} // namespace gibbs_test

/// The law test cases for the number types given (a TEMPLATE_TEST_CASE each).
#define GIBBS_LAW_TEST_CASES(tag, ...)                                                             \
  TEMPLATE_TEST_CASE("Gibbs' inequality and zero at equality", tag, __VA_ARGS__) {                 \
    ::gibbs_test::law_gibbs<TestType>(::gibbs_test::type_name<TestType>());                        \
  }                                                                                                \
  TEMPLATE_TEST_CASE("KL = H(p, q) - H(p) and H(p, q) >= H(p)", tag, __VA_ARGS__) {                \
    ::gibbs_test::law_kl_is_cross_entropy_minus_entropy<TestType>(                                 \
        ::gibbs_test::type_name<TestType>());                                                      \
  }                                                                                                \
  TEMPLATE_TEST_CASE("Pinsker: KL >= 2 TV^2", tag, __VA_ARGS__) {                                  \
    ::gibbs_test::law_pinsker<TestType>(::gibbs_test::type_name<TestType>());                      \
  }                                                                                                \
  TEMPLATE_TEST_CASE("0 <= JS <= log 2", tag, __VA_ARGS__) {                                       \
    ::gibbs_test::law_js_bounds<TestType>(::gibbs_test::type_name<TestType>());                    \
  }                                                                                                \
  TEMPLATE_TEST_CASE("0 <= H <= log n", tag, __VA_ARGS__) {                                        \
    ::gibbs_test::law_entropy_bounds<TestType>(::gibbs_test::type_name<TestType>());               \
  }                                                                                                \
  TEMPLATE_TEST_CASE("log-sum inequality", tag, __VA_ARGS__) {                                     \
    ::gibbs_test::law_log_sum<TestType>(::gibbs_test::type_name<TestType>());                      \
  }                                                                                                \
  TEMPLATE_TEST_CASE("additivity on products and the chain rule", tag, __VA_ARGS__) {              \
    ::gibbs_test::law_products_and_chain_rule<TestType>(::gibbs_test::type_name<TestType>());      \
  }                                                                                                \
  TEMPLATE_TEST_CASE("data processing inequality", tag, __VA_ARGS__) {                             \
    ::gibbs_test::law_data_processing<TestType>(::gibbs_test::type_name<TestType>());              \
  }                                                                                                \
  TEMPLATE_TEST_CASE("joint convexity", tag, __VA_ARGS__) {                                        \
    ::gibbs_test::law_joint_convexity<TestType>(::gibbs_test::type_name<TestType>());              \
  }                                                                                                \
  TEMPLATE_TEST_CASE("permutation invariance", tag, __VA_ARGS__) {                                 \
    ::gibbs_test::law_permutation<TestType>(::gibbs_test::type_name<TestType>());                  \
  }                                                                                                \
  TEMPLATE_TEST_CASE("NLL = H(p-hat, q) and perplexity = exp(NLL)", tag, __VA_ARGS__) {            \
    ::gibbs_test::law_nll<TestType>(::gibbs_test::type_name<TestType>());                          \
  }

#endif // GIBBS_TESTS_PROPERTY_LAWS_HPP
