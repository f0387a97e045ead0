// tests/oracle/messages.cpp: the oracle's errors speak the request's language — the key names
// (target, samples, p, q), the valid range of an index, the tolerance that was exceeded, advice
// that fits the measure, and a variant the measure does not take is an error (never ignored).
// Expected texts are written out here by hand from the request.
#include "gibbs/oracle/evaluate.hpp"

#include <catch2/catch.hpp>

#include <stdexcept>
#include <string>

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
