// Perplexity of a toy language model from samples: the maximum-likelihood = forward-KL view.
//
// A unigram model q over a 4-word vocabulary scores a corpus of word indices. The empirical NLL
// equals the cross-entropy H(p̂, q) of the corpus's empirical distribution p̂, which is
// H(p̂) + KL(p̂‖q): the best model (q = p̂) reaches perplexity exp(H(p̂)), every other model pays
// exactly its forward KL from the data.
#include <gibbs/gibbs.hpp>

#include <array>
#include <cstdio>
#include <vector>

int main() {
  const std::vector<int> corpus{0, 1, 0, 2, 0, 1, 3, 0, 1, 0, 2, 0}; // "the cat the sat the cat …"
  const std::array<double, 4> model{0.4, 0.3, 0.2, 0.1};

  const double nll = gibbs::nll(model, corpus);
  const auto p_hat = gibbs::empirical_distribution(corpus, model.size());
  const double h = gibbs::entropy(p_hat);
  const double kl = gibbs::kl_divergence(p_hat, model);

  std::printf("corpus of %zu tokens, vocabulary of %zu words\n", corpus.size(), model.size());
  std::printf("empirical distribution p^ = (%.4f, %.4f, %.4f, %.4f)\n", p_hat[0], p_hat[1],
              p_hat[2], p_hat[3]);
  std::printf("NLL per token          = %.17g nats = %.17g bits\n", nll, gibbs::to_bits(nll));
  std::printf("H(p^) + KL(p^||q)      = %.17g + %.17g = %.17g\n", h, kl, h + kl);
  std::printf("perplexity exp(NLL)    = %.17g\n", gibbs::perplexity(model, corpus));
  std::printf("best possible (q = p^) = %.17g\n", gibbs::perplexity(p_hat, corpus));
  const double gap = nll - (h + kl);
  std::printf("NLL - (H + KL)         = %.3g (rounding only)\n", gap);
  return (gap < 1e-14 && gap > -1e-14) ? 0 : 1;
}
