// tests/support/check.hpp: Catch2 helpers shared by the unit tests.
#ifndef GIBBS_TESTS_SUPPORT_CHECK_HPP
#define GIBBS_TESTS_SUPPORT_CHECK_HPP

#include <gibbs/error.hpp>

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdio>
#include <stdexcept>
#include <string>

namespace gibbs_test {

/// The fragment of what() that must name the offending argument, index and value (the formats of
/// gibbs::invalid_input's message, restated here so that a change to them is noticed).
inline std::string expected_fragment(gibbs::error_kind kind, const std::string& argument,
                                     std::size_t index, double value) {
  char buf[256];
  switch (kind) {
  case gibbs::error_kind::empty:
  case gibbs::error_kind::no_samples:
    std::snprintf(buf, sizeof buf, "%s is empty", argument.c_str());
    break;
  case gibbs::error_kind::length_mismatch:
    std::snprintf(buf, sizeof buf, "%s has length %zu but the other argument has %.0f",
                  argument.c_str(), index, value);
    break;
  case gibbs::error_kind::not_normalized:
  case gibbs::error_kind::zero_sum:
    std::snprintf(buf, sizeof buf, "sum(%s) = %.17g", argument.c_str(), value);
    break;
  default:
    std::snprintf(buf, sizeof buf, "%s[%zu] = %.17g", argument.c_str(), index, value);
  }
  return buf;
}

/// Runs f, requires it to throw gibbs::invalid_input (and nothing else), and checks kind(),
/// argument(), index(), value() (NaN matches NaN) and that what() names the function, the index
/// and the value.
template <class F>
void check_invalid(F&& f, gibbs::error_kind kind, const std::string& function,
                   const std::string& argument, std::size_t index, double value) {
  bool thrown = false;
  try {
    (void)f();
  } catch (const gibbs::invalid_input& e) {
    thrown = true;
    CHECK(e.kind() == kind);
    CHECK(std::string(e.argument()) == argument);
    CHECK(e.index() == index);
    if (std::isnan(value))
      CHECK(std::isnan(e.value()));
    else
      CHECK(e.value() == value);
    const std::string what = e.what();
    CHECK_THAT(what, Catch::Matchers::StartsWith("gibbs::" + function + ": "));
    CHECK_THAT(what, Catch::Matchers::Contains(expected_fragment(kind, argument, index, value)));
  }
  CHECK(thrown);
}

} // namespace gibbs_test

/// CHECK_INVALID(expression, kind, "function", "argument", index, value)
#define CHECK_INVALID(expr, kind, function, argument, index, value)                                \
  do {                                                                                             \
    INFO("expression: " #expr);                                                                    \
    ::gibbs_test::check_invalid([&] { return expr; }, ::gibbs::error_kind::kind, function,         \
                                argument, index, value);                                           \
  } while (false)

#endif // GIBBS_TESTS_SUPPORT_CHECK_HPP
