// gibbs/verify/runtime.hpp: the checks of gibbs::verify at run time, for code that is not
// constexpr (or to see every failing case at once): the same roles, laws, inputs and reference
// values, with the first counterexample as a sentence.
//
//   const auto r = gibbs::verify::run::laws<gibbs::verify::kl<my_kl>, gibbs::verify::grid_pairs<3,
//   8>>(); CHECK(r); // Catch2 prints r.message when it fails
#ifndef GIBBS_VERIFY_RUNTIME_HPP
#define GIBBS_VERIFY_RUNTIME_HPP

#include "gibbs/verify/checks.hpp"

#include <cstddef>
#include <cstdio>
#include <string>

namespace gibbs::verify::run {

/// The outcome of a check over a set of cases: whether all held, how many failed, and the first
/// counterexample as a sentence ("kl_is_at_least_zero fails at case 17 of 2025: p = (…), q = (…):
/// lhs = …, rhs = …, tolerance = …"). Converts explicitly to bool; streams its message.
struct report {
  bool ok = true;
  std::size_t cases = 0;
  std::size_t failures = 0;
  std::size_t first = no_failure; ///< index of the first failing case
  std::string message;
  [[nodiscard]] explicit operator bool() const noexcept { return ok; }
  template <class Os>
  friend Os& operator<<(Os& os, const report& r) {
    os << r.message;
    return os;
  }
};

namespace detail {

[[nodiscard]] inline std::string number(double x) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.17g", x);
  return buf;
}

template <class A>
[[nodiscard]] std::string list(const A& a) {
  std::string s = "(";
  for (std::size_t i = 0; i < a.size(); ++i)
    s += (i ? ", " : "") + number(static_cast<double>(a[i]));
  return s + ")";
}

template <class T, std::size_t N>
[[nodiscard]] std::string inputs(const pair_case<T, N>& c) {
  return "p = " + list(c.p) + ", q = " + list(c.q);
}
template <class T, std::size_t N>
[[nodiscard]] std::string inputs(const distribution_case<T, N>& c) {
  return "p = " + list(c.p);
}
template <class T>
[[nodiscard]] std::string inputs(const scalar_case<T>& c) {
  return "x = " + number(static_cast<double>(c.x));
}
template <class T, std::size_t N>
[[nodiscard]] std::string inputs(const logits_case<T, N>& c) {
  return "logits = " + list(c.z) + ", target = " + std::to_string(c.target);
}

template <class List>
struct names;
template <class... L>
struct names<gibbs::verify::detail::law_list<L...>> {
  static constexpr const char* at[] = {L::name...};
};

} // namespace detail

/// The laws of Role on every case of In, at run time.
template <class Role, input_set In = typename Role::default_inputs>
[[nodiscard]] report laws() {
  report r;
  r.cases = In::size;
  for (std::size_t i = 0; i < In::size; ++i) {
    const auto c = In::at(i);
    const auto o = Role::check_laws(c);
    if (o.law < 0) continue;
    ++r.failures;
    if (r.ok) {
      r.ok = false;
      r.first = i;
      r.message = std::string(detail::names<typename Role::laws>::at[o.law]) + " fails at case "
                  + std::to_string(i) + " of " + std::to_string(In::size) + ": " + detail::inputs(c)
                  + ": lhs = " + detail::number(static_cast<double>(o.lhs))
                  + ", rhs = " + detail::number(static_cast<double>(o.rhs))
                  + ", tolerance = " + detail::number(static_cast<double>(o.tolerance));
    }
  }
  if (!r.ok) r.message += " (" + std::to_string(r.failures) + " failing cases in all)";
  return r;
}

/// The user's value within Ulps of the correctly rounded value on every case of In, at run time.
template <long long Ulps, class Role, input_set In = typename Role::default_inputs>
[[nodiscard]] report within_ulps() {
  using check = gibbs::verify::detail::ulps_hold<Ulps, Role, In>;
  report r;
  r.cases = In::size;
  for (std::size_t i = 0; i < In::size; ++i) {
    const auto c = In::at(i);
    if (check::holds(i)) continue;
    ++r.failures;
    if (r.ok) {
      r.ok = false;
      r.first = i;
      r.message = "within " + std::to_string(Ulps)
                  + " ulps of the correctly rounded value fails at case " + std::to_string(i)
                  + " of " + std::to_string(In::size) + ": " + detail::inputs(c) + ": computed "
                  + detail::number(static_cast<double>(Role::value(c))) + ", correctly rounded "
                  + detail::number(static_cast<double>(Role::reference(c))) + ", "
                  + std::to_string(check::distance(c)) + " ulps apart";
    }
  }
  if (!r.ok) r.message += " (" + std::to_string(r.failures) + " failing cases in all)";
  return r;
}

} // namespace gibbs::verify::run

#endif // GIBBS_VERIFY_RUNTIME_HPP
