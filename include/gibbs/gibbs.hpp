// gibbs/gibbs.hpp: the umbrella header — every measure, constexpr where the number type allows.
//
//   #include <gibbs/gibbs.hpp>
//   constexpr std::array p{0.5, 0.5}, q{0.7, 0.3};
//   constexpr double kl = gibbs::kl_divergence(p, q); // ≈ 0.0872 nats, computed by the compiler
//
// Multiprecision adapters: gibbs/number/multiprecision.hpp; certified oracle: gibbs/oracle.hpp.
#ifndef GIBBS_GIBBS_HPP
#define GIBBS_GIBBS_HPP

#include "gibbs/error.hpp"
#include "gibbs/measure/binary_cross_entropy.hpp"
#include "gibbs/measure/binary_cross_entropy_with_logits.hpp"
#include "gibbs/measure/bits_per_dim.hpp"
#include "gibbs/measure/chi_squared.hpp"
#include "gibbs/measure/cross_entropy.hpp"
#include "gibbs/measure/entropy.hpp"
#include "gibbs/measure/gaussian.hpp"
#include "gibbs/measure/hellinger.hpp"
#include "gibbs/measure/jensen_shannon.hpp"
#include "gibbs/measure/kl_divergence.hpp"
#include "gibbs/measure/logits.hpp"
#include "gibbs/measure/nll.hpp"
#include "gibbs/measure/renyi.hpp"
#include "gibbs/measure/softmax.hpp"
#include "gibbs/measure/total_variation.hpp"
#include "gibbs/measure/units.hpp"
#include "gibbs/number/math.hpp"
#include "gibbs/number/real.hpp"
#include "gibbs/number/small_float.hpp"

#endif // GIBBS_GIBBS_HPP
