// proofs/number/thousand_logs.cpp: the compile-time budget. 1,000 double logarithms in a single
// constant evaluation fit clang's default -fconstexpr-steps (1,048,576) and g++'s default
// -fconstexpr-ops-limit (2^33): about 260 clang steps per log on the fast path.
#include "gibbs/number/math.hpp"

namespace {

constexpr double sum_of_logs() {
  double s = 0.0;
  for (int i = 1; i <= 1000; ++i)
    s += gibbs::log(0.37 * i + 0.001);
  return s;
}
// sum_{i=1}^{1000} ln(0.37 i + 0.001) = 4917.896... (each term correctly rounded; the sum in
// double)
static_assert(sum_of_logs() > 4917.8 && sum_of_logs() < 4918.0,
              "1,000 logarithms evaluate within the default constexpr limits");

constexpr double sum_of_exps() {
  double s = 0.0;
  for (int i = 1; i <= 1000; ++i)
    s += gibbs::exp(-0.01 * i);
  return s;
}
static_assert(sum_of_exps() > 98.5 && sum_of_exps() < 99.6,
              "1,000 exponentials evaluate within the default constexpr limits");

} // namespace
