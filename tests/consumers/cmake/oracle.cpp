// A downstream program linking gibbs::oracle (MPFI, MPFR, GMP come with the target).
#include <gibbs/oracle.hpp>

#include <cstdio>
#include <vector>

int main() {
  const std::vector<double> p{0.5, 0.5}, q{0.7, 0.3};
  const auto r = gibbs::oracle::kl_divergence(p, q);
  std::printf("%.17g %d\n", r.value, r.lo < r.value || r.value < r.hi ? 1 : 0);
}
