// gibbs/property/structure.hpp: the structural laws of entropy and KL — bounds of entropy,
// invariance under permutation, additivity on products, the chain rule, data processing and joint
// convexity — as named constexpr predicates. Intermediate distributions (products, marginals,
// mixtures, images under a channel) live in transient std::vectors, which C++20 allows in constant
// evaluation (always built as vector(n, value): clang 14 cannot evaluate libstdc++'s vector(n)).
// Tolerances: see law.hpp; every derived distribution has masses rounded once (or,
// for sums, compensated), which moves KL by at most ε·(H(p) + H(p, q) + 2).
#ifndef GIBBS_PROPERTY_STRUCTURE_HPP
#define GIBBS_PROPERTY_STRUCTURE_HPP

#include "gibbs/measure/cross_entropy.hpp"
#include "gibbs/measure/entropy.hpp"
#include "gibbs/measure/jensen_shannon.hpp"
#include "gibbs/measure/kl_divergence.hpp"
#include "gibbs/measure/total_variation.hpp"
#include "gibbs/property/law.hpp"

#include <concepts>
#include <cstddef>
#include <vector>

namespace gibbs::property {
namespace values {

/// Bounds of entropy on a value h claimed for H(p): 0 ≤ h ≤ log n, the upper bound widened by
/// c·ε·(log n + 1) and by |Σp − 1|·(log n + 1) (an unnormalised p of total s can reach
/// s·log(n/s)). lhs = h, rhs = log n.
template <mass_range P>
[[nodiscard]] constexpr law_check<result_t<P>> entropy_bounds(const P& p, const result_t<P>& h,
                                                              double c = default_slack) {
  using T = result_t<P>;
  const T log_n = gibbs::log(T(static_cast<double>(std::ranges::size(p))));
  const T defect = detail::abs(detail::total<T>(p) - T(1));
  const T tol = detail::slack(c, log_n + T(1)) + defect * (log_n + T(1));
  return {T(0) <= h && detail::at_most(h, log_n, tol), h, log_n, tol};
}

} // namespace values

namespace detail {

/// The entropy scale of a pair (law.hpp): H(p, q) + H(p) + 1, or 1 when H(p, q) = +∞ (the laws then
/// compare infinities, which needs no tolerance).
template <class T, class P, class Q>
[[nodiscard]] constexpr T entropy_scale(const P& p, const Q& q) {
  const T hpq = cross_entropy(p, q);
  if (is_infinite(hpq)) return T(1);
  return hpq + T(entropy(p)) + T(1);
}

template <class T, class R>
[[nodiscard]] constexpr std::vector<T> to_vector(const R& r) {
  std::vector<T> v(std::ranges::size(r), T(0));
  for (std::size_t i = 0; i < v.size(); ++i)
    v[i] = gibbs::detail::at<T>(r, i);
  return v;
}

/// p ⊗ q, row-major: (p ⊗ q)[i·m + j] = p_i·q_j.
template <class T, class P, class Q>
[[nodiscard]] constexpr std::vector<T> product(const P& p, const Q& q) {
  const std::size_t n = std::ranges::size(p), m = std::ranges::size(q);
  std::vector<T> out(n * m, T(0));
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j < m; ++j)
      out[i * m + j] = gibbs::detail::at<T>(p, i) * gibbs::detail::at<T>(q, j);
  return out;
}

} // namespace detail

/// Bounds of entropy: 0 ≤ H(p) ≤ log n for a distribution on n points.
///
/// The lower bound is exact (a sum of non-negative terms, and a one-hot p gives +0). The upper
/// bound, reached by the uniform distribution, allows c·ε·(log n + 1) plus |Σp − 1|·(log n + 1),
/// since an unnormalised p of total s can reach s·log(n/s). lhs = H(p), rhs = log n.
template <mass_range P>
[[nodiscard]] constexpr law_check<result_t<P>> entropy_bounds(const P& p,
                                                              double c = default_slack) {
  return values::entropy_bounds(p, result_t<P>(entropy(p)), c);
}

/// Permutation invariance: relabelling the outcomes (the same permutation π applied to p and q)
/// changes none of H(p), H(p, q), KL(p‖q), JS(p, q), TV(p, q).
///
/// perm[i] is the index of p whose mass goes to position i; it must be a permutation of
/// 0, …, n − 1 (otherwise the law does not hold). Tolerance c·ε·(H(p, q) + H(p) + 1) for each
/// measure: the sums are compensated, so the order of the terms changes them by rounding only.
/// lhs = KL(πp‖πq), rhs = KL(p‖q).
template <mass_range P, mass_range Q, std::ranges::random_access_range Perm>
requires std::integral<std::ranges::range_value_t<Perm>>
[[nodiscard]] constexpr law_check<result_t<P, Q>>
permutation_invariance(const P& p, const Q& q, const Perm& perm, double c = default_slack) {
  using T = result_t<P, Q>;
  const T kl = kl_divergence(p, q); // validates p and q first
  const std::size_t n = std::ranges::size(p);
  if (std::ranges::size(perm) != n) return {false, kl, kl, T(0)};
  std::vector<char> seen(n, 0); // not vector<bool>: clang 14 cannot evaluate it with libstdc++ 12
  std::vector<T> pp(n, T(0)), qp(n, T(0));
  for (std::size_t i = 0; i < n; ++i) {
    const auto k = std::ranges::begin(perm)[static_cast<std::ptrdiff_t>(i)];
    if (k < 0 || static_cast<std::size_t>(k) >= n || seen[static_cast<std::size_t>(k)])
      return {false, kl, kl, T(0)};
    seen[static_cast<std::size_t>(k)] = 1;
    pp[i] = gibbs::detail::at<T>(p, static_cast<std::size_t>(k));
    qp[i] = gibbs::detail::at<T>(q, static_cast<std::size_t>(k));
  }
  const T tol = detail::slack(c, detail::entropy_scale<T>(p, q));
  const T klp = kl_divergence(pp, qp);
  const bool holds = detail::close(klp, kl, tol)
                     && detail::close(T(entropy(pp)), T(entropy(p)), tol)
                     && detail::close(cross_entropy(pp, qp), T(cross_entropy(p, q)), tol)
                     && detail::close(jensen_shannon(pp, qp), T(jensen_shannon(p, q)), tol)
                     && detail::close(total_variation(pp, qp), T(total_variation(p, q)), tol);
  return {holds, klp, kl, tol};
}

/// Additivity on products: H(p₁ ⊗ p₂) = H(p₁) + H(p₂) and
/// KL(p₁ ⊗ p₂‖q₁ ⊗ q₂) = KL(p₁‖q₁) + KL(p₂‖q₂) (independent pairs carry independent information).
///
/// Tolerance c·ε·(H(p₁⊗p₂, q₁⊗q₂) + H(p₁⊗p₂) + 1): each product mass is rounded once (law.hpp).
/// lhs = KL of the products, rhs = KL(p₁‖q₁) + KL(p₂‖q₂); holds only if the entropies add up too.
template <mass_range P1, mass_range Q1, mass_range P2, mass_range Q2>
[[nodiscard]] constexpr law_check<result_t<P1, Q1, P2, Q2>>
additivity_on_products(const P1& p1, const Q1& q1, const P2& p2, const Q2& q2,
                       double c = default_slack) {
  using T = result_t<P1, Q1, P2, Q2>;
  const T kl1 = kl_divergence(p1, q1), kl2 = kl_divergence(p2, q2);
  const std::vector<T> p = detail::product<T>(p1, p2), q = detail::product<T>(q1, q2);
  const T kl = kl_divergence(p, q);
  const T h = entropy(p), h1 = T(entropy(p1)), h2 = T(entropy(p2));
  const T tol = detail::slack(c, detail::entropy_scale<T>(p, q));
  const bool infinite = detail::any_infinite(kl1, kl2);
  const T rhs = infinite ? gibbs::detail::infinity<T>() : kl1 + kl2;
  const bool holds = detail::close(h, h1 + h2, tol) && detail::close(kl, rhs, tol);
  return {holds, kl, rhs, tol};
}

/// The chain rule: KL(p_XY‖q_XY) = KL(p_X‖q_X) + Σ_x p(x)·KL(p(·|x)‖q(·|x)), and for entropy
/// H(X, Y) = H(X) + Σ_x p(x)·H(Y | X = x).
///
/// p and q are joint distributions on n × m outcomes stored row-major (x = row, y = column,
/// `columns` = m). Rows with p(x) = 0 contribute nothing; if q(x) = 0 < p(x) both sides are +∞.
/// Tolerance c·ε·(H(p, q) + H(p) + 1) of the joint: marginals are compensated sums and each
/// conditional mass is one division (law.hpp). lhs = KL of the joints, rhs = the decomposition;
/// holds only if the entropy chain rule holds too.
template <mass_range P, mass_range Q>
[[nodiscard]] constexpr law_check<result_t<P, Q>>
chain_rule(const P& p, const Q& q, std::size_t columns, double c = default_slack) {
  using T = result_t<P, Q>;
  const T kl = kl_divergence(p, q); // validates p, q and their lengths
  const std::size_t m = columns, n = m == 0 ? 0 : std::ranges::size(p) / m;
  if (m == 0 || n * m != std::ranges::size(p)) return {false, kl, kl, T(0)};
  std::vector<T> px(n, T(0)), qx(n, T(0)), prow(m, T(0)), qrow(m, T(0));
  for (std::size_t x = 0; x < n; ++x) {
    gibbs::detail::compensated_sum<T> sp, sq;
    for (std::size_t y = 0; y < m; ++y) {
      sp.add(gibbs::detail::at<T>(p, x * m + y));
      sq.add(gibbs::detail::at<T>(q, x * m + y));
    }
    px[x] = sp.value();
    qx[x] = sq.value();
  }
  gibbs::detail::compensated_sum<T> kl_sum, h_sum;
  const T kl_marginal = kl_divergence(px, qx);
  bool infinite = detail::is_infinite(kl_marginal); // then the sum is +∞: stop adding
  if (!infinite) kl_sum.add(kl_marginal);
  h_sum.add(entropy(px));
  for (std::size_t x = 0; x < n; ++x) {
    if (px[x] == T(0)) continue;
    for (std::size_t y = 0; y < m; ++y)
      prow[y] = gibbs::detail::at<T>(p, x * m + y) / px[x];
    h_sum.add(px[x] * entropy(prow));
    if (infinite || qx[x] == T(0)) continue; // KL(p_X‖q_X) = +∞ already
    for (std::size_t y = 0; y < m; ++y)
      qrow[y] = gibbs::detail::at<T>(q, x * m + y) / qx[x];
    const T conditional = kl_divergence(prow, qrow);
    if (detail::is_infinite(conditional))
      infinite = true;
    else
      kl_sum.add(px[x] * conditional);
  }
  const T rhs = infinite ? gibbs::detail::infinity<T>() : kl_sum.value();
  const T tol = detail::slack(c, detail::entropy_scale<T>(p, q));
  const bool holds =
      detail::close(kl, rhs, tol) && detail::close(T(entropy(p)), h_sum.value(), tol);
  return {holds, kl, rhs, tol};
}

/// Data processing: no channel increases KL, KL(pA‖qA) ≤ KL(p‖q) for a row-stochastic n × m
/// matrix A (row i: the distribution of the output given input i), stored row-major.
///
/// (pA)_j = Σ_i p_i·A_ij, summed with compensation. Tolerance c·ε·(S_in + S_out), the entropy
/// scales of (p, q) and (pA, qA): equality holds for a permutation matrix. Returns false if A is
/// not n × m. lhs = KL(pA‖qA), rhs = KL(p‖q).
template <mass_range P, mass_range Q, mass_range M>
[[nodiscard]] constexpr law_check<result_t<P, Q, M>>
data_processing(const P& p, const Q& q, const M& a, std::size_t columns, double c = default_slack) {
  using T = result_t<P, Q, M>;
  const T kl = kl_divergence(p, q);
  const std::size_t n = std::ranges::size(p), m = columns;
  if (m == 0 || n * m != std::ranges::size(a)) return {false, kl, kl, T(0)};
  std::vector<T> pa(m, T(0)), qa(m, T(0));
  for (std::size_t j = 0; j < m; ++j) {
    gibbs::detail::compensated_sum<T> sp, sq;
    for (std::size_t i = 0; i < n; ++i) {
      const T aij = gibbs::detail::at<T>(a, i * m + j);
      sp.add(gibbs::detail::at<T>(p, i) * aij);
      sq.add(gibbs::detail::at<T>(q, i) * aij);
    }
    pa[j] = sp.value();
    qa[j] = sq.value();
  }
  const T out = kl_divergence(pa, qa);
  const T tol = detail::slack(c, detail::entropy_scale<T>(p, q) + detail::entropy_scale<T>(pa, qa));
  return {detail::at_most(out, kl, tol), out, kl, tol};
}

/// Joint convexity: KL(λp₁ + (1−λ)p₂ ‖ λq₁ + (1−λ)q₂) ≤ λ·KL(p₁‖q₁) + (1−λ)·KL(p₂‖q₂), 0 ≤ λ ≤ 1.
///
/// Tolerance c·ε·(S_mix + S₁ + S₂), the entropy scales of the mixed pair and of both pairs: each
/// mixed mass is two products and a sum (law.hpp); equality holds for p₁ = p₂, q₁ = q₂. Returns
/// false for λ outside [0, 1]. lhs = KL of the mixtures, rhs = the mixture of the KLs.
template <mass_range P1, mass_range Q1, mass_range P2, mass_range Q2>
[[nodiscard]] constexpr law_check<result_t<P1, Q1, P2, Q2>>
joint_convexity(const P1& p1, const Q1& q1, const P2& p2, const Q2& q2,
                const result_t<P1, Q1, P2, Q2>& lambda, double c = default_slack) {
  using T = result_t<P1, Q1, P2, Q2>;
  const T kl1 = kl_divergence(p1, q1), kl2 = kl_divergence(p2, q2);
  if (!(T(0) <= lambda && lambda <= T(1))) return {false, kl1, kl2, T(0)};
  const T mu = T(1) - lambda;
  // an infinite KL with a positive weight makes the right-hand side +∞ and the law trivial
  if ((detail::is_infinite(kl1) && lambda > T(0)) || (detail::is_infinite(kl2) && mu > T(0)))
    return {true, kl1, gibbs::detail::infinity<T>(), T(0)};
  const T rhs = (lambda > T(0) ? lambda * kl1 : T(0)) + (mu > T(0) ? mu * kl2 : T(0));
  gibbs::detail::check_same_length(p1, p2, "joint_convexity");
  const std::size_t n = std::ranges::size(p1);
  std::vector<T> p(n, T(0)), q(n, T(0));
  for (std::size_t i = 0; i < n; ++i) {
    p[i] = lambda * gibbs::detail::at<T>(p1, i) + mu * gibbs::detail::at<T>(p2, i);
    q[i] = lambda * gibbs::detail::at<T>(q1, i) + mu * gibbs::detail::at<T>(q2, i);
  }
  const T lhs = kl_divergence(p, q);
  const T tol = detail::slack(c, detail::entropy_scale<T>(p, q) + detail::entropy_scale<T>(p1, q1)
                                     + detail::entropy_scale<T>(p2, q2));
  return {detail::at_most(lhs, rhs, tol), lhs, rhs, tol};
}

} // namespace gibbs::property

#endif // GIBBS_PROPERTY_STRUCTURE_HPP
