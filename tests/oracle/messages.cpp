// tests/oracle/messages.cpp: the oracle's errors speak the request's language — the key names
// (target, samples, p, q), the valid range of an index, the tolerance that was exceeded, advice
// that fits the measure, and a variant the measure does not take is an error (never ignored).
// Expected texts are written out here by hand from the request.
#include "gibbs/oracle/evaluate.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace {

using namespace gibbs::oracle;

std::string message_of(const request& r) {
  try {
    (void)evaluate(r);
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "(no error)";
}

bool has(const std::string& s, const std::string& part) {
  return s.find(part) != std::string::npos;
}

} // namespace

TEST_CASE("a class index out of range names the key target and the valid range", "[messages]") {
  request r;
  r.what = measure::logits_cross_entropy;
  r.logits = {1, 2, 3};
  r.target_index = 3;
  const std::string m = message_of(r);
  INFO(m);
  CHECK(has(m, "target = 3 is out of range"));
  CHECK(has(m, "0 <= target <= 2"));
  CHECK_FALSE(has(m, "target_index"));
}

TEST_CASE("a sample index out of range names samples[k] and the valid range", "[messages]") {
  request r;
  r.what = measure::nll;
  r.q = {0.5, 0.5};
  r.samples = {0, 1, 7};
  const std::string m = message_of(r);
  INFO(m);
  CHECK(has(m, "samples[2] = 7 is out of range"));
  CHECK(has(m, "0 <= samples <= 1"));
}

TEST_CASE("a length mismatch names both arguments", "[messages]") {
  request r;
  r.what = measure::kl;
  r.p = {0.5, 0.5};
  r.q = {0.25, 0.25, 0.5};
  const std::string m = message_of(r);
  INFO(m);
  CHECK(has(m, "q has length 3 but p has length 2"));
}

TEST_CASE("an unnormalised argument names the tolerance and advice valid for the measure",
          "[messages]") {
  request r;
  r.what = measure::kl;
  r.p = {0.5, 0.6};
  r.q = {0.5, 0.5};
  std::string m = message_of(r);
  INFO(m);
  CHECK(has(m, "sum(p) = 1.1000000000000001 is not 1 within the tolerance"));
  CHECK(has(m, "<= 9.31e-10")); // 4 n eps = 2^-49, below the floor 2^-30 = 9.31e-10
  CHECK(has(m, "variant normalized or generalized"));
  r.what = measure::entropy; // entropy has no generalized variant
  m = message_of(r);
  CHECK(has(m, "use the variant normalized"));
  CHECK_FALSE(has(m, "generalized"));
  r.what = measure::total_variation; // neither
  m = message_of(r);
  CHECK(has(m, "no normalized variant"));
  CHECK_FALSE(has(m, "use the variant"));
}

TEST_CASE("a variant the measure does not take is an error naming its variants", "[messages]") {
  request r;
  r.what = measure::entropy;
  r.p = {0.5, 0.5};
  r.var = variant::generalized;
  std::string m = message_of(r);
  INFO(m);
  CHECK(has(m, "entropy does not take the generalized variant (its variants: exact, normalized)"));
  r.what = measure::generalized_kl;
  r.q = {0.25, 0.75};
  r.var = variant::normalized;
  m = message_of(r);
  CHECK(has(m, "generalized_kl does not take the normalized variant"));
  r.var = variant::generalized; // the same measure as exact
  CHECK(evaluate(r).value
        == evaluate([&] {
             request e = r;
             e.var = variant::exact;
             return e;
           }())
               .value);
}

TEST_CASE("every error of a request is a gibbs::invalid_input with its argument and value",
          "[messages]") {
  // A C++ caller catches gibbs::invalid_input for any input gibbs refuses: malformed requests
  // (a variant, a reduction, a key the measure does not take, a shape) as well as bad entries.
  // Each row: the request, the argument it must name, the value (NaN: none), an index or not.
  struct row {
    request r;
    const char* argument;
    double value;
    bool indexed;
    std::size_t index;
  };
  const auto kl = [](std::vector<double> p, std::vector<double> q) {
    request r;
    r.what = measure::kl;
    r.p = std::move(p);
    r.q = std::move(q);
    return r;
  };
  const double none = std::nan("");
  std::vector<row> rows;
  {
    request r = kl({0.5, 0.5}, {0.25, 0.75});
    r.base = 1;
    rows.push_back({r, "base", 1.0, false, 0});
  }
  {
    request r = kl({0.5, 0.5}, {0.25, 0.75});
    r.digits = 20000;
    rows.push_back({r, "digits", 20000.0, false, 0});
  }
  {
    request r = kl({0.5, 0.5}, {0.25, 0.75});
    r.parameters["alpha"] = 2;
    rows.push_back({r, "alpha", none, false, 0});
  }
  {
    request r = kl({0.5, 0.5, 0.5, 0.5}, {0.25, 0.75, 0.25, 0.75});
    r.rows = 3;
    rows.push_back({r, "p", none, false, 0});
  }
  {
    request r = kl({0.5, 0.5}, {0.25, 0.75});
    r.reduce = reduction::mean;
    rows.push_back({r, "reduction", none, false, 0});
  }
  {
    request r = kl({0.5, 0.5}, {0.25, 0.75});
    r.what = measure::total_variation;
    r.base = 2;
    rows.push_back({r, "base", 2.0, false, 0});
  }
  {
    request r = kl({0.5, 0.1}, {0.25, 0.75});
    r.fmt = format::binary16;
    rows.push_back({r, "p", 0.1, true, 1});
  }
  {
    request r;
    r.what = measure::renyi;
    r.p = {0.5, 0.5};
    r.q = {0.25, 0.75};
    r.parameters["alpha"] = -1;
    rows.push_back({r, "alpha", -1.0, false, 0});
  }
  for (const row& w : rows) {
    bool caught = false;
    try {
      (void)evaluate(w.r);
    } catch (const gibbs::invalid_input& e) {
      caught = true;
      INFO(e.what());
      CHECK(std::string(e.argument()) == w.argument);
      CHECK(e.has_value() == !std::isnan(w.value));
      if (e.has_value() && !std::isnan(w.value)) CHECK(e.value() == w.value);
      CHECK(e.has_index() == w.indexed);
      if (w.indexed) CHECK(e.index() == w.index);
    }
    INFO("argument " << w.argument);
    CHECK(caught);
  }
}
