// Batches and reductions of the oracle (README.md, "Batches and reductions"); its output is the
// console block there (checked by the test readme_batches).
#include <gibbs/oracle.hpp>

#include <cstdio>
#include <vector>

int main() {
  using namespace gibbs::oracle;
  request r;
  r.what = measure::kl;
  r.rows = 3; // a batch of 3 rows of K = 3, row-major (PyTorch's 2-D input)
  r.p = {0.1, 0.2, 0.7, /**/ 0.3, 0.3, 0.4, /**/ 0.6, 0.3, 0.1};
  r.q = {0.3, 0.3, 0.4, /**/ 0.2, 0.5, 0.3, /**/ 0.1, 0.1, 0.8};

  // reduction none (the default of kl): one correctly rounded result per row
  double naive = 0;
  for (const result& row : evaluate_all(r)) {
    std::printf("row       %.17g\n", row.value);
    naive += row.value;
  }
  // sum, mean (kl: / (B*K), as torch.nn.functional.kl_div) and batchmean (/ B): the exact
  // reduction of the exact rows, rounded once
  for (reduction red : {reduction::sum, reduction::mean, reduction::batchmean}) {
    r.reduce = red;
    const result s = evaluate(r);
    std::printf("%-9s %.17g  in [%a, %a]\n",
                red == reduction::sum    ? "sum"
                : red == reduction::mean ? "mean"
                                         : "batchmean",
                s.value, s.lo, s.hi);
  }
  std::printf("rows summed in double: %.17g\n", naive);

  // rows are validated one by one; an error names the row
  r.q[5] = -0.3;
  try {
    (void)evaluate(r);
  } catch (const gibbs::invalid_input& e) {
    std::printf("%s\n", e.what());
  }
}
