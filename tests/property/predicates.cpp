// The library's own law predicates (include/gibbs/property/, gibbs::property::…) run over the same
// random cases as laws.hpp, in float and double (long double, float128 and the multiprecision
// types run the independent checks of laws.hpp; the CI budget does not allow both): the predicates
// that proofs/ and the conformance checks rely on must hold for gibbs itself on every kind of
// input, with the tolerances they document. laws.hpp states the same laws independently (its own
// tolerances), so a bug in a predicate's tolerance and a bug in a measure are told apart.
#include <gibbs/property.hpp>

#include "laws.hpp"

#include <catch2/catch.hpp>

#include <random>

namespace {

template <class T>
void require_law(const gibbs::property::law_check<T>& c, const char* law) {
  INFO(law << ": lhs = " << gibbs_test::show(c.lhs) << ", rhs = " << gibbs_test::show(c.rhs)
           << ", tolerance = " << gibbs_test::show(c.tolerance));
  CHECK(c.holds);
}

} // namespace

TEMPLATE_TEST_CASE("gibbs::property predicates hold over the random pairs",
                   "[property][predicates]", float, double) {
  using T = TestType;
  namespace gp = gibbs::property;
  const std::string name = gibbs_test::type_name<T>();
  auto g = gibbs_test::rng_for("predicates");
  std::uniform_real_distribution<double> uni(0.0, 1.0);
  std::uniform_int_distribution<int> scale_exp(0, 40);
  const auto& cs = gibbs_test::cases<T>(name);
  for (std::size_t k = 0; k < cs.size(); ++k) {
    const auto& c = cs[k];
    GIBBS_LAW_INFO(c);
    require_law(gp::gibbs_inequality(c.p, c.q), "gibbs_inequality");
    require_law(gp::zero_at_equality(c.p), "zero_at_equality");
    require_law(gp::kl_is_cross_entropy_minus_entropy(c.p, c.q),
                "kl_is_cross_entropy_minus_entropy");
    require_law(gp::cross_entropy_bounds_entropy(c.p, c.q), "cross_entropy_bounds_entropy");
    require_law(gp::js_bounds(c.p, c.q), "js_bounds");
    require_law(gp::entropy_bounds(c.p), "entropy_bounds");
    {
      const T sa = T(std::ldexp(1.0, scale_exp(g))), sb = T(std::ldexp(1.0, scale_exp(g)));
      std::vector<T> a(c.p), b(c.q);
      for (auto& v : a)
        v = T(v * sa);
      for (auto& v : b)
        v = T(v * sb);
      require_law(gp::log_sum_inequality(a, b), "log_sum_inequality");
    }
    {
      std::vector<std::size_t> perm(c.p.size());
      std::iota(perm.begin(), perm.end(), std::size_t{0});
      std::shuffle(perm.begin(), perm.end(), g);
      require_law(gp::permutation_invariance(c.p, c.q, perm), "permutation_invariance");
    }
    if (c.p.size() <= 1000) {
      const std::size_t m = 5;
      std::vector<T> a;
      for (std::size_t i = 0; i < c.p.size(); ++i)
        for (const T& v : gibbs_test::in_type<T>(gibbs_test::dirichlet(g, {m, 0.5, 0.0, 0.0})))
          a.push_back(v);
      require_law(gp::data_processing(c.p, c.q, a, m), "data_processing");
    }
    if (k + 1 < cs.size()) {
      const auto& d = cs[k + 1];
      if (d.p.size() == c.p.size())
        require_law(gp::joint_convexity(c.p, c.q, d.p, d.q, T(uni(g))), "joint_convexity");
      if (c.p.size() * d.p.size() <= 20000 && gibbs_test::exact_enough(c.p, d.p)
          && gibbs_test::exact_enough(c.q, d.q)) {
        require_law(gp::additivity_on_products(c.p, c.q, d.p, d.q), "additivity_on_products");
      }
    }
    if (c.q.size() <= 1000) {
      std::vector<double> w(c.q.size());
      for (std::size_t i = 0; i < w.size(); ++i)
        w[i] = static_cast<double>(c.q[i]);
      std::discrete_distribution<std::size_t> draw(w.begin(), w.end());
      std::vector<std::size_t> s(200);
      for (auto& x : s) {
        do
          x = draw(g);
        while (!(c.q[x] > T(0)));
      }
      require_law(gp::nll_is_cross_entropy_of_empirical(c.q, s),
                  "nll_is_cross_entropy_of_empirical");
      require_law(gp::perplexity_is_exp_nll(c.q, s), "perplexity_is_exp_nll");
    }
  }
}

// Two regression cases of the predicates:
// 1. gibbs::property::pinsker's tolerance is c·ε·(|KL| + 2·TV²) + defect: with the signed KL it
//    would shrink below the defect when the inputs do not sum to exactly the same total and KL is
//    legitimately negative (−defect). Input (double, a near-equal pair renormalised in double):
//    p = [0x1.78eb7dc9073f3p-6, 0x1.f438a411b7c61p-1], q = [0x1.78eb7dc9073f4p-6,
//    0x1.f438a411b7c61p-1]: KL = −3.4694469519536138e-18 (exact: −3.469446951953613927e-18),
//    2·TV² = 6.0e-36.
// 2. gibbs::property::chain_rule must stay +∞ when a conditional KL or the marginal KL is +∞ (a
//    compensated sum that does not pass infinities through computes (sum − t) + x = ∞ − ∞ = NaN).
//    Input: any joint with q(x, y) = 0 < p(x, y), e.g. the product p = [½, ½] ⊗ [½, ½],
//    q = [½, ½] ⊗ [1, 0] (columns 2): lhs = +∞ = rhs.
TEMPLATE_TEST_CASE("gibbs::property::pinsker and chain_rule hold over the random pairs",
                   "[property][predicates]", float, double) {
  using T = TestType;
  namespace gp = gibbs::property;
  const auto& cs = gibbs_test::cases<T>(gibbs_test::type_name<T>());
  for (std::size_t k = 0; k < cs.size(); ++k) {
    const auto& c = cs[k];
    GIBBS_LAW_INFO(c);
    require_law(gp::pinsker(c.p, c.q), "pinsker");
    if (k + 1 < cs.size()) {
      const auto& d = cs[k + 1];
      if (c.p.size() * d.p.size() <= 20000 && gibbs_test::exact_enough(c.p, d.p)
          && gibbs_test::exact_enough(c.q, d.q)) {
        // the product is a joint distribution with independent rows
        const auto pj = gibbs_test::product(c.p, d.p), qj = gibbs_test::product(c.q, d.q);
        require_law(gp::chain_rule(pj, qj, d.p.size()), "chain_rule");
      }
    }
  }
  const std::vector<double> p{0.25, 0.25, 0.25, 0.25}, q{0.5, 0.0, 0.5, 0.0};
  require_law(gp::chain_rule(p, q, 2), "chain_rule with q(x, y) = 0 < p(x, y)");
}

TEST_CASE("gibbs::property::asymmetry_witness finds the asymmetry of KL",
          "[property][predicates]") {
  auto g = gibbs_test::rng_for("asymmetry");
  std::size_t witnessed = 0, tried = 0;
  for (const double alpha : gibbs_test::concentrations()) {
    const auto p = gibbs_test::dirichlet(g, {5, alpha, 0.0, 0.0});
    const auto q = gibbs_test::dirichlet(g, {5, alpha, 0.0, 0.0});
    ++tried;
    if (gibbs::property::asymmetry_witness(p, q)) ++witnessed;
  }
  CHECK(witnessed * 2 >= tried); // independent draws: KL(p‖q) ≠ KL(q‖p) almost surely
  CHECK(gibbs::property::asymmetry_witness(std::vector{0.5, 0.5}, std::vector{0.9, 0.1}).holds);
  CHECK_FALSE(gibbs::property::asymmetry_witness(std::vector{0.5, 0.5}, std::vector{0.5, 0.5}));
}
