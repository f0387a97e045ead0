// gibbs/property.hpp: the theorems of information theory as named constexpr predicates
// (gibbs::property::…), the laws that proofs/ checks with static_assert, tests/ over random
// distributions, and the conformance checks hold foreign implementations to.
//
//   #include <gibbs/property.hpp>
//   constexpr std::array p{0.5, 0.5}, q{0.7, 0.3};
//   static_assert(gibbs::property::pinsker(p, q), "Pinsker: KL(p||q) >= 2 TV(p, q)^2.");
//
// Each law returns a law_check {holds, lhs, rhs, tolerance}; tolerances are c·ε(T) times an
// entropy scale, explained in gibbs/property/law.hpp.
#ifndef GIBBS_PROPERTY_HPP
#define GIBBS_PROPERTY_HPP

#include "gibbs/property/binary.hpp"
#include "gibbs/property/distance.hpp"
#include "gibbs/property/divergence.hpp"
#include "gibbs/property/forward_reverse.hpp"
#include "gibbs/property/gaussian.hpp"
#include "gibbs/property/law.hpp"
#include "gibbs/property/likelihood.hpp"
#include "gibbs/property/softmax.hpp"
#include "gibbs/property/structure.hpp"

#endif // GIBBS_PROPERTY_HPP
