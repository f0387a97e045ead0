// gibbs/verify/checks.hpp: what a user's callable is (its role: kl<F>, entropy<F>, log<F>, …),
// the laws checked for each role, the "within N ulps of the correctly rounded value" check, and
// the compile error that names a counterexample.
#ifndef GIBBS_VERIFY_CHECKS_HPP
#define GIBBS_VERIFY_CHECKS_HPP

#include "gibbs/exact.hpp"
#include "gibbs/measure/entropy.hpp"
#include "gibbs/measure/kl_divergence.hpp"
#include "gibbs/measure/total_variation.hpp"
#include "gibbs/number/exp.hpp"
#include "gibbs/number/math.hpp"
#include "gibbs/property/distance.hpp"
#include "gibbs/property/divergence.hpp"
#include "gibbs/property/law.hpp"
#include "gibbs/property/softmax.hpp"
#include "gibbs/property/structure.hpp"
#include "gibbs/verify/decimal.hpp"
#include "gibbs/verify/inputs.hpp"
#include "gibbs/verify/split.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <type_traits>
#include <utility>

namespace gibbs::verify {

/// The laws, by name: a failing law appears in the compile error as one of these types. Each
/// states its two sides, lhs and rhs, and how they must compare.
namespace law {
/// KL(p‖q) >= −max(0, Σq − Σp) — that is >= 0 when Σp = Σq exactly (Gibbs' inequality).
/// lhs = KL(p‖q), rhs = −max(0, Σq − Σp).
struct kl_is_at_least_zero {
  static constexpr const char* name = "kl_is_at_least_zero";
};
/// KL(p‖p) == 0 exactly. lhs = KL(p‖p), rhs = 0.
struct kl_of_p_and_p_is_zero {
  static constexpr const char* name = "kl_of_p_and_p_is_zero";
};
/// KL(p‖q) is +∞ exactly when some p_i > 0 = q_i, finite otherwise. lhs = KL(p‖q), rhs = +∞ or 0
/// (whichever the inputs call for; 0 stands for "finite").
struct kl_is_infinite_iff_q_lacks_mass_of_p {
  static constexpr const char* name = "kl_is_infinite_iff_q_lacks_mass_of_p";
};
/// Pinsker: KL(p‖q) >= 2·TV(p, q)² (up to rounding). lhs = KL(p‖q), rhs = 2·TV².
struct pinsker_kl_is_at_least_2_tv_squared {
  static constexpr const char* name = "pinsker_kl_is_at_least_2_tv_squared";
};
/// KL(p‖q) = H(p, q) − H(p) with the user's three functions (up to rounding).
/// lhs = KL(p‖q), rhs = H(p, q) − H(p).
struct kl_is_cross_entropy_minus_entropy {
  static constexpr const char* name = "kl_is_cross_entropy_minus_entropy";
};
/// KL(q‖p) >= −max(0, Σp − Σq). lhs = KL(q‖p), rhs = −max(0, Σp − Σq).
struct reverse_kl_is_at_least_zero {
  static constexpr const char* name = "reverse_kl_is_at_least_zero";
};
/// KL(p‖p) == 0 exactly for the reverse KL. lhs = the value, rhs = 0.
struct reverse_kl_of_p_and_p_is_zero {
  static constexpr const char* name = "reverse_kl_of_p_and_p_is_zero";
};
/// H(p, q) >= H(p) (up to rounding). lhs = H(p, q), rhs = H(p).
struct cross_entropy_is_at_least_entropy {
  static constexpr const char* name = "cross_entropy_is_at_least_entropy";
};
/// H(p, p) = H(p) (up to rounding). lhs = H(p, p), rhs = H(p).
struct cross_entropy_of_p_and_p_is_entropy {
  static constexpr const char* name = "cross_entropy_of_p_and_p_is_entropy";
};
/// 0 <= H(p) <= log n. lhs = H(p), rhs = log n.
struct entropy_is_between_0_and_log_n {
  static constexpr const char* name = "entropy_is_between_0_and_log_n";
};
/// 0 <= JS(p, q) <= log 2. lhs = JS(p, q), rhs = log 2.
struct js_is_between_0_and_log_2 {
  static constexpr const char* name = "js_is_between_0_and_log_2";
};
/// JS(p, q) = JS(q, p) (up to rounding). lhs = JS(p, q), rhs = JS(q, p).
struct js_is_symmetric {
  static constexpr const char* name = "js_is_symmetric";
};
/// JS(p, p) == 0 exactly. lhs = JS(p, p), rhs = 0.
struct js_of_p_and_p_is_zero {
  static constexpr const char* name = "js_of_p_and_p_is_zero";
};
/// 0 <= TV(p, q) <= 1. lhs = TV(p, q), rhs = 1.
struct tv_is_between_0_and_1 {
  static constexpr const char* name = "tv_is_between_0_and_1";
};
/// TV(p, q) = TV(q, p) (up to rounding). lhs = TV(p, q), rhs = TV(q, p).
struct tv_is_symmetric {
  static constexpr const char* name = "tv_is_symmetric";
};
/// TV(p, p) == 0 exactly. lhs = TV(p, p), rhs = 0.
struct tv_of_p_and_p_is_zero {
  static constexpr const char* name = "tv_of_p_and_p_is_zero";
};
/// −log softmax(z)_target >= 0. lhs = the value, rhs = 0.
struct cross_entropy_from_logits_is_at_least_zero {
  static constexpr const char* name = "cross_entropy_from_logits_is_at_least_zero";
};
/// max z − z_t <= −log softmax(z)_target <= max z − z_t + log n (property::values::
/// logits_cross_entropy_bounds). lhs = the value, rhs = max z − z_t.
struct cross_entropy_from_logits_is_within_log_n_of_the_gap {
  static constexpr const char* name = "cross_entropy_from_logits_is_within_log_n_of_the_gap";
};
/// sign(log x) = sign(x − 1), log 1 = 0. lhs = log x, rhs = 0.
struct log_has_the_sign_of_x_minus_1 {
  static constexpr const char* name = "log_has_the_sign_of_x_minus_1";
};
/// sign(log1p x) = sign(x), log1p 0 = 0. lhs = log1p x, rhs = 0.
struct log1p_has_the_sign_of_x {
  static constexpr const char* name = "log1p_has_the_sign_of_x";
};
/// exp x >= 0. lhs = exp x, rhs = 0.
struct exp_is_at_least_zero {
  static constexpr const char* name = "exp_is_at_least_zero";
};
/// sign(expm1 x) = sign(x), expm1(x) >= −1. lhs = expm1 x, rhs = 0.
struct expm1_has_the_sign_of_x {
  static constexpr const char* name = "expm1_has_the_sign_of_x";
};
} // namespace law

/// The check "the user's value is within Ulps units in the last place of the correctly rounded
/// value" (distance counted as gibbs::exact::ulp_distance, ±∞ and NaN included).
template <long long Ulps>
struct within_ulps_of_the_correctly_rounded_value {};

/// Pieces of a counterexample, as they appear in the compile error.
template <std::size_t I>
struct case_number {};
template <class... V>
struct p_is {};
template <class... V>
struct q_is {};
template <class... V>
struct x_is {};
template <class... V>
struct logits_are {};
template <std::size_t K>
struct target_is {};
template <class V>
struct lhs_is {};
template <class V>
struct rhs_is {};
template <class V>
struct tolerance_is {};
template <class V>
struct computed_value_is {};
template <class V>
struct correctly_rounded_value_is {};
template <long long D>
struct ulps_apart {};

/// A check failed. The template arguments name the law (or the ulp bound), the case number in
/// the input set, the inputs and the two values; decimal<M, E> is M·10^E.
template <class Check, class Case, class... Shown>
struct counterexample {
  static_assert(sizeof(Check) == 0,
                "gibbs::verify: a check failed; the template arguments of "
                "gibbs::verify::counterexample<...> name the law (or the ulp bound), the case "
                "number, the inputs and the two values, each number as decimal<M, E> = M*10^E");
  static constexpr bool value = false;
};

namespace detail {

/// What checking the laws of one case found: the index of the first failing law (−1: none) and
/// its two sides and tolerance.
template <class T>
struct outcome {
  int law = -1;
  T lhs{}, rhs{}, tolerance{};
};

/// Runs the checks in order, recording the first that fails.
template <class T>
struct law_runner {
  outcome<T> out{};
  int next = 0;
  constexpr void operator()(const gibbs::property::law_check<T>& c) {
    if (out.law < 0 && !c.holds) out = {next, c.lhs, c.rhs, c.tolerance};
    ++next;
  }
};

template <class... L>
struct law_list {};

template <int I, class List>
struct law_at;
template <int I, class L0, class... L>
struct law_at<I, law_list<L0, L...>> : law_at<I - 1, law_list<L...>> {};
template <class L0, class... L>
struct law_at<0, law_list<L0, L...>> {
  using type = L0;
};

template <auto F>
inline constexpr bool given = !std::is_null_pointer_v<decltype(F)>;

template <class T, std::size_t N>
[[nodiscard]] constexpr bool support_mismatch(const std::array<T, N>& p,
                                              const std::array<T, N>& q) {
  for (std::size_t i = 0; i < N; ++i)
    if (p[i] > T(0) && q[i] == T(0)) return true;
  return false;
}

template <class V>
[[nodiscard]] constexpr long long ulps_between(const V& a, const V& b) {
  return static_cast<long long>(gibbs::exact::ulp_distance(a, b));
}

} // namespace detail

// --- roles: what the user's callable computes ----------------------------------------------------

/// The user's KL(p‖q): F(p, q) with p, q std::array<T, N>. With H (entropy, F(p)) and HPQ
/// (cross-entropy, F(p, q)) also given, the identity KL = H(p, q) − H(p) is checked with all
/// three. Laws: kl_is_at_least_zero, kl_of_p_and_p_is_zero, kl_is_infinite_iff_q_lacks_mass_of_p,
/// pinsker_kl_is_at_least_2_tv_squared (TV by gibbs), and kl_is_cross_entropy_minus_entropy.
template <auto F, auto H = nullptr, auto HPQ = nullptr>
struct kl {
  using laws =
      std::conditional_t<detail::given<H> && detail::given<HPQ>,
                         detail::law_list<law::kl_is_at_least_zero, law::kl_of_p_and_p_is_zero,
                                          law::kl_is_infinite_iff_q_lacks_mass_of_p,
                                          law::pinsker_kl_is_at_least_2_tv_squared,
                                          law::kl_is_cross_entropy_minus_entropy>,
                         detail::law_list<law::kl_is_at_least_zero, law::kl_of_p_and_p_is_zero,
                                          law::kl_is_infinite_iff_q_lacks_mass_of_p,
                                          law::pinsker_kl_is_at_least_2_tv_squared>>;
  using default_inputs = join<grid_pairs<3, 4>, edge_pairs<>>;
  template <class T, std::size_t N>
  [[nodiscard]] static constexpr T value(const pair_case<T, N>& c) {
    return static_cast<T>(F(c.p, c.q));
  }
  template <class T, std::size_t N>
  [[nodiscard]] static constexpr T reference(const pair_case<T, N>& c) {
    return gibbs::exact::kl_divergence(c.p, c.q).value;
  }
  template <class T, std::size_t N>
  [[nodiscard]] static constexpr detail::outcome<T> check_laws(const pair_case<T, N>& c) {
    namespace lv = gibbs::property::values;
    detail::law_runner<T> run;
    const T d = value(c);
    run(lv::gibbs_inequality(c.p, c.q, d));
    run(lv::zero_at_equality(static_cast<T>(F(c.p, c.p))));
    run(lv::infinite_iff_support_mismatch(d, detail::support_mismatch(c.p, c.q)));
    run(lv::pinsker(c.p, c.q, d, gibbs::total_variation(c.p, c.q)));
    if constexpr (detail::given<H> && detail::given<HPQ>)
      run(lv::kl_is_cross_entropy_minus_entropy(c.p, c.q, d, static_cast<T>(HPQ(c.p, c.q)),
                                                static_cast<T>(H(c.p))));
    return run.out;
  }
};

/// The user's reverse KL, KL(q‖p) = F(p, q). Laws: reverse_kl_is_at_least_zero,
/// reverse_kl_of_p_and_p_is_zero.
template <auto F>
struct reverse_kl {
  using laws =
      detail::law_list<law::reverse_kl_is_at_least_zero, law::reverse_kl_of_p_and_p_is_zero>;
  using default_inputs = join<grid_pairs<3, 4>, edge_pairs<>>;
  template <class T, std::size_t N>
  [[nodiscard]] static constexpr T value(const pair_case<T, N>& c) {
    return static_cast<T>(F(c.p, c.q));
  }
  template <class T, std::size_t N>
  [[nodiscard]] static constexpr T reference(const pair_case<T, N>& c) {
    return gibbs::exact::reverse_kl_divergence(c.p, c.q).value;
  }
  template <class T, std::size_t N>
  [[nodiscard]] static constexpr detail::outcome<T> check_laws(const pair_case<T, N>& c) {
    namespace lv = gibbs::property::values;
    detail::law_runner<T> run;
    run(lv::gibbs_inequality(c.q, c.p, value(c))); // KL(q‖p): Gibbs with the roles swapped
    run(lv::zero_at_equality(static_cast<T>(F(c.p, c.p))));
    return run.out;
  }
};

/// The user's cross-entropy H(p, q) = F(p, q); with H (the user's entropy) the laws use it,
/// otherwise gibbs::entropy. Laws: cross_entropy_is_at_least_entropy,
/// cross_entropy_of_p_and_p_is_entropy.
template <auto F, auto H = nullptr>
struct cross_entropy {
  using laws = detail::law_list<law::cross_entropy_is_at_least_entropy,
                                law::cross_entropy_of_p_and_p_is_entropy>;
  using default_inputs = join<grid_pairs<3, 4>, edge_pairs<>>;
  template <class T, std::size_t N>
  [[nodiscard]] static constexpr T value(const pair_case<T, N>& c) {
    return static_cast<T>(F(c.p, c.q));
  }
  template <class T, std::size_t N>
  [[nodiscard]] static constexpr T reference(const pair_case<T, N>& c) {
    return gibbs::exact::cross_entropy(c.p, c.q).value;
  }
  template <class T, std::size_t N>
  [[nodiscard]] static constexpr detail::outcome<T> check_laws(const pair_case<T, N>& c) {
    namespace lv = gibbs::property::values;
    detail::law_runner<T> run;
    T hp{};
    if constexpr (detail::given<H>)
      hp = static_cast<T>(H(c.p));
    else
      hp = gibbs::entropy(c.p);
    run(lv::cross_entropy_bounds_entropy(c.p, c.q, value(c), hp));
    run(lv::cross_entropy_at_equality_is_entropy(static_cast<T>(F(c.p, c.p)), hp));
    return run.out;
  }
};

/// The user's entropy H(p) = F(p). Law: entropy_is_between_0_and_log_n.
template <auto F>
struct entropy {
  using laws = detail::law_list<law::entropy_is_between_0_and_log_n>;
  using default_inputs = grid<3, 16>;
  template <class T, std::size_t N>
  [[nodiscard]] static constexpr T value(const distribution_case<T, N>& c) {
    return static_cast<T>(F(c.p));
  }
  template <class T, std::size_t N>
  [[nodiscard]] static constexpr T reference(const distribution_case<T, N>& c) {
    return gibbs::exact::entropy(c.p).value;
  }
  template <class T, std::size_t N>
  [[nodiscard]] static constexpr detail::outcome<T> check_laws(const distribution_case<T, N>& c) {
    detail::law_runner<T> run;
    run(gibbs::property::values::entropy_bounds(c.p, value(c)));
    return run.out;
  }
};

/// The user's Jensen–Shannon divergence F(p, q). Laws: js_is_between_0_and_log_2,
/// js_is_symmetric, js_of_p_and_p_is_zero. (No ulp check: no correctly rounded JS yet.)
template <auto F>
struct js {
  using laws = detail::law_list<law::js_is_between_0_and_log_2, law::js_is_symmetric,
                                law::js_of_p_and_p_is_zero>;
  using default_inputs = join<grid_pairs<3, 4>, edge_pairs<>>;
  template <class T, std::size_t N>
  [[nodiscard]] static constexpr T value(const pair_case<T, N>& c) {
    return static_cast<T>(F(c.p, c.q));
  }
  template <class T, std::size_t N>
  [[nodiscard]] static constexpr detail::outcome<T> check_laws(const pair_case<T, N>& c) {
    namespace lv = gibbs::property::values;
    detail::law_runner<T> run;
    const T a = value(c);
    run(lv::js_bounds(a));
    run(lv::symmetric(a, static_cast<T>(F(c.q, c.p)), gibbs::log(T(2))));
    run(lv::zero_at_equality(static_cast<T>(F(c.p, c.p))));
    return run.out;
  }
};

/// The user's total variation F(p, q) = ½ Σ|p_i − q_i|. Laws: tv_is_between_0_and_1,
/// tv_is_symmetric, tv_of_p_and_p_is_zero, and Pinsker with gibbs' KL; ulps against
/// gibbs::exact::total_variation.
template <auto F>
struct tv {
  using laws =
      detail::law_list<law::tv_is_between_0_and_1, law::tv_is_symmetric, law::tv_of_p_and_p_is_zero,
                       law::pinsker_kl_is_at_least_2_tv_squared>;
  using default_inputs = join<grid_pairs<3, 4>, edge_pairs<>>;
  template <class T, std::size_t N>
  [[nodiscard]] static constexpr T value(const pair_case<T, N>& c) {
    return static_cast<T>(F(c.p, c.q));
  }
  template <class T, std::size_t N>
  [[nodiscard]] static constexpr T reference(const pair_case<T, N>& c) {
    return gibbs::exact::total_variation(c.p, c.q).value;
  }
  template <class T, std::size_t N>
  [[nodiscard]] static constexpr detail::outcome<T> check_laws(const pair_case<T, N>& c) {
    namespace lv = gibbs::property::values;
    detail::law_runner<T> run;
    const T a = value(c);
    run(lv::total_variation_bounds(c.p, c.q, a));
    run(lv::symmetric(a, static_cast<T>(F(c.q, c.p)), T(1)));
    run(lv::zero_at_equality(static_cast<T>(F(c.p, c.p))));
    run(lv::pinsker(c.p, c.q, gibbs::exact::kl_divergence(c.p, c.q).value, a));
    return run.out;
  }
};

/// The user's cross-entropy from logits, F(z, target) = −log softmax(z)_target. Laws:
/// cross_entropy_from_logits_is_at_least_zero,
/// cross_entropy_from_logits_is_within_log_n_of_the_gap. (No ulp check yet.)
template <auto F>
struct cross_entropy_from_logits {
  using laws = detail::law_list<law::cross_entropy_from_logits_is_at_least_zero,
                                law::cross_entropy_from_logits_is_within_log_n_of_the_gap>;
  using default_inputs = huge_spread_logits<>;
  template <class T, std::size_t N>
  [[nodiscard]] static constexpr T value(const logits_case<T, N>& c) {
    return static_cast<T>(F(c.z, c.target));
  }
  template <class T, std::size_t N>
  [[nodiscard]] static constexpr detail::outcome<T> check_laws(const logits_case<T, N>& c) {
    detail::law_runner<T> run;
    run(gibbs::property::values::nonnegative(value(c)));
    run(gibbs::property::values::logits_cross_entropy_bounds(c.z, c.target, value(c)));
    return run.out;
  }
};

namespace detail {
/// A scalar role: the user's F(x) against gibbs' correctly rounded function G, with a sign law.
template <auto F, class Law, class Derived>
struct scalar_role {
  using laws = law_list<Law>;
  template <class T>
  [[nodiscard]] static constexpr T value(const scalar_case<T>& c) {
    return static_cast<T>(F(c.x));
  }
  template <class T>
  [[nodiscard]] static constexpr T reference(const scalar_case<T>& c) {
    return Derived::correctly_rounded(c.x);
  }
  template <class T>
  [[nodiscard]] static constexpr outcome<T> check_laws(const scalar_case<T>& c) {
    law_runner<T> run;
    const T v = value(c);
    run({Derived::sign_law(v, c.x), v, T(0), T(0)});
    return run.out;
  }
};
} // namespace detail

/// The user's natural logarithm F(x), against gibbs::log (correctly rounded). Law:
/// log_has_the_sign_of_x_minus_1. Default inputs: log_arguments<>.
template <auto F>
struct log : detail::scalar_role<F, law::log_has_the_sign_of_x_minus_1, log<F>> {
  using default_inputs = log_arguments<>;
  template <class T>
  [[nodiscard]] static constexpr T correctly_rounded(const T& x) {
    return gibbs::log(x);
  }
  template <class T>
  [[nodiscard]] static constexpr bool sign_law(const T& v, const T& x) {
    return x < T(1) ? v < T(0) : (x == T(1) ? v == T(0) : v > T(0));
  }
};

/// The user's log1p(x), against gibbs::log1p. Law: log1p_has_the_sign_of_x.
template <auto F>
struct log1p : detail::scalar_role<F, law::log1p_has_the_sign_of_x, log1p<F>> {
  template <class T>
  [[nodiscard]] static constexpr T correctly_rounded(const T& x) {
    return gibbs::log1p(x);
  }
  template <class T>
  [[nodiscard]] static constexpr bool sign_law(const T& v, const T& x) {
    return x < T(0) ? v < T(0) : (x == T(0) ? v == T(0) : v > T(0));
  }
};

/// The user's exp(x), against gibbs::exp. Law: exp_is_at_least_zero.
template <auto F>
struct exp : detail::scalar_role<F, law::exp_is_at_least_zero, exp<F>> {
  template <class T>
  [[nodiscard]] static constexpr T correctly_rounded(const T& x) {
    return gibbs::exp(x);
  }
  template <class T>
  [[nodiscard]] static constexpr bool sign_law(const T& v, const T&) {
    return v >= T(0);
  }
};

/// The user's expm1(x), against gibbs::expm1. Law: expm1_has_the_sign_of_x.
template <auto F>
struct expm1 : detail::scalar_role<F, law::expm1_has_the_sign_of_x, expm1<F>> {
  template <class T>
  [[nodiscard]] static constexpr T correctly_rounded(const T& x) {
    return gibbs::expm1(x);
  }
  template <class T>
  [[nodiscard]] static constexpr bool sign_law(const T& v, const T& x) {
    return v >= T(-1) && (x < T(0) ? v < T(0) : (x == T(0) ? v == T(0) : v > T(0)));
  }
};

// --- the checks as case predicates, and their counterexamples ------------------------------------

namespace detail {

/// The inputs of a case, spelled.
template <class C>
struct case_inputs;
template <class T, std::size_t N>
struct case_inputs<pair_case<T, N>> {
  static constexpr std::size_t count = 2 * N;
  [[nodiscard]] static constexpr std::array<decimal_parts, count> parts(const pair_case<T, N>& c) {
    std::array<decimal_parts, count> out{};
    for (std::size_t i = 0; i < N; ++i) {
      out[i] = to_decimal(c.p[i]);
      out[N + i] = to_decimal(c.q[i]);
    }
    return out;
  }
  template <const auto& A, std::size_t... I>
  static auto spell(std::index_sequence<I...>)
      -> std::pair<p_is<spelled_at<A, I>...>, q_is<spelled_at<A, N + I>...>>;
  template <const auto& A>
  using spelled_inputs = decltype(spell<A>(std::make_index_sequence<N>{}));
};
template <class T, std::size_t N>
struct case_inputs<distribution_case<T, N>> {
  static constexpr std::size_t count = N;
  [[nodiscard]] static constexpr std::array<decimal_parts, count>
  parts(const distribution_case<T, N>& c) {
    std::array<decimal_parts, count> out{};
    for (std::size_t i = 0; i < N; ++i)
      out[i] = to_decimal(c.p[i]);
    return out;
  }
  template <const auto& A, std::size_t... I>
  static auto spell(std::index_sequence<I...>) -> std::pair<p_is<spelled_at<A, I>...>, void>;
  template <const auto& A>
  using spelled_inputs = decltype(spell<A>(std::make_index_sequence<N>{}));
};
template <class T>
struct case_inputs<scalar_case<T>> {
  static constexpr std::size_t count = 1;
  [[nodiscard]] static constexpr std::array<decimal_parts, 1> parts(const scalar_case<T>& c) {
    return {to_decimal(c.x)};
  }
  template <const auto& A>
  using spelled_inputs = std::pair<x_is<spelled_at<A, 0>>, void>;
};
template <class T, std::size_t N>
struct case_inputs<logits_case<T, N>> {
  static constexpr std::size_t count = N + 1;
  [[nodiscard]] static constexpr std::array<decimal_parts, count>
  parts(const logits_case<T, N>& c) {
    std::array<decimal_parts, count> out{};
    for (std::size_t i = 0; i < N; ++i)
      out[i] = to_decimal(c.z[i]);
    out[N] = {0, static_cast<long long>(c.target), 0};
    return out;
  }
  template <const auto& A, std::size_t... I>
  static auto spell(std::index_sequence<I...>)
      -> std::pair<logits_are<spelled_at<A, I>...>, target_is<static_cast<std::size_t>(A[N].m)>>;
  template <const auto& A>
  using spelled_inputs = decltype(spell<A>(std::make_index_sequence<N>{}));
};

template <class Check, class Case, class Inputs, class... Values>
struct counterexample_of;
template <class Check, class Case, class A, class... Values>
struct counterexample_of<Check, Case, std::pair<A, void>, Values...> {
  using type = counterexample<Check, Case, A, Values...>;
};
template <class Check, class Case, class A, class B, class... Values>
struct counterexample_of<Check, Case, std::pair<A, B>, Values...> {
  using type = counterexample<Check, Case, A, B, Values...>;
};

/// The laws of Role on the cases of In.
template <class Role, input_set In>
struct laws_hold {
  static constexpr std::size_t size = In::size;
  [[nodiscard]] static constexpr bool holds(std::size_t i) {
    return Role::check_laws(In::at(i)).law < 0;
  }
  /// What a failing case I shows: its inputs, the failing law and its sides.
  template <std::size_t I>
  struct shown {
    using C = typename In::case_type;
    static constexpr C c = In::at(I);
    static constexpr auto out = Role::check_laws(c);
    static constexpr auto inputs = case_inputs<C>::parts(c);
    static constexpr std::array<decimal_parts, 3> values{to_decimal(out.lhs), to_decimal(out.rhs),
                                                         to_decimal(out.tolerance)};
    using type = typename counterexample_of<
        typename law_at<out.law, typename Role::laws>::type, case_number<I>,
        typename case_inputs<C>::template spelled_inputs<inputs>, lhs_is<spelled_at<values, 0>>,
        rhs_is<spelled_at<values, 1>>, tolerance_is<spelled_at<values, 2>>>::type;
  };
};

/// The user's value within Ulps of the correctly rounded value on the cases of In.
template <long long Ulps, class Role, input_set In>
struct ulps_hold {
  static_assert(Ulps >= 0, "gibbs::verify::within_ulps: the bound must be >= 0");
  static constexpr std::size_t size = In::size;
  [[nodiscard]] static constexpr long long distance(const typename In::case_type& c) {
    const long long d = ulps_between(Role::reference(c), Role::value(c));
    return d < 0 ? (d == std::numeric_limits<long long>::min() ? d : -d) : d;
  }
  [[nodiscard]] static constexpr bool holds(std::size_t i) {
    const long long d = distance(In::at(i));
    return d >= 0 && d <= Ulps;
  }
  template <std::size_t I>
  struct shown {
    using C = typename In::case_type;
    static constexpr C c = In::at(I);
    static constexpr auto inputs = case_inputs<C>::parts(c);
    static constexpr std::array<decimal_parts, 2> values{to_decimal(Role::value(c)),
                                                         to_decimal(Role::reference(c))};
    using type =
        typename counterexample_of<within_ulps_of_the_correctly_rounded_value<Ulps>, case_number<I>,
                                   typename case_inputs<C>::template spelled_inputs<inputs>,
                                   computed_value_is<spelled_at<values, 0>>,
                                   correctly_rounded_value_is<spelled_at<values, 1>>,
                                   ulps_apart<distance(c)>>::type;
  };
};

template <class P, std::size_t F, bool Ok = (F == no_failure)>
struct verdict {
  static constexpr bool value = true;
};
template <class P, std::size_t F>
struct verdict<P, F, false> {
  static constexpr bool value = P::template shown<F>::type::value;
};

} // namespace detail

/// Whether every law of Role holds on every case of In; a failing case is a compile error naming
/// it (gibbs::verify::counterexample). The cases are checked PerEvaluation at a time, each chunk in
/// a constant evaluation of its own (split.hpp). Example:
///   static_assert(gibbs::verify::laws<gibbs::verify::kl<my_kl>, gibbs::verify::grid_pairs<3, 8>>);
template <class Role, input_set In = typename Role::default_inputs, std::size_t PerEvaluation = 1>
inline constexpr bool laws =
    detail::verdict<detail::laws_hold<Role, In>,
                    first_failure<detail::laws_hold<Role, In>, PerEvaluation>>::value;

/// Whether the user's value is within Ulps units in the last place of the correctly rounded value
/// (gibbs::exact for the measures, gibbs::log, log1p, exp, expm1 for the functions) on every case
/// of In; a failing case is a compile error naming it. Example:
///   static_assert(gibbs::verify::within_ulps<4, gibbs::verify::kl<my_kl>,
///                                            gibbs::verify::near_equal_pairs<>>);
template <long long Ulps, class Role, input_set In = typename Role::default_inputs,
          std::size_t PerEvaluation = 1>
inline constexpr bool within_ulps =
    detail::verdict<detail::ulps_hold<Ulps, Role, In>,
                    first_failure<detail::ulps_hold<Ulps, Role, In>, PerEvaluation>>::value;

} // namespace gibbs::verify

#endif // GIBBS_VERIFY_CHECKS_HPP
