// gibbs/verify/split.hpp: checking many cases at compile time within the compilers' default
// constant-evaluation limits, one constant evaluation per case (or per small chunk of cases).
//
// Limits (defaults): g++ 12 allows 2^25 operations per constant evaluation
// (-fconstexpr-ops-limit) and 262144 iterations per loop (-fconstexpr-loop-limit); clang++ 14
// allows 1048576 steps per evaluation (-fconstexpr-steps). A loop over all the cases in one
// evaluation exceeds them after a few hundred cases of a KL on 3 points (a correctly rounded log
// costs about 10^3 clang steps, and 10^5 when its fast path cannot decide). Here each chunk of
// cases is the initializer of a variable template specialization, i.e. a constant evaluation of
// its own with the whole budget; the verdict over all chunks only reads their values.
//
// A pack of the chunks' verdicts is expanded into an array initializer, not a fold expression:
// clang++ limits folds to 256 operands (-fbracket-depth), array initializers have no such limit.
#ifndef GIBBS_VERIFY_SPLIT_HPP
#define GIBBS_VERIFY_SPLIT_HPP

#include <cstddef>
#include <utility>

namespace gibbs::verify {

/// The index the searches below return when every case holds.
inline constexpr std::size_t no_failure = static_cast<std::size_t>(-1);

/// A predicate over numbered cases: a type with `static constexpr std::size_t size` and
/// `static constexpr bool holds(std::size_t i)` for i < size. Every check of gibbs::verify is one;
/// a user's own can be searched with first_failure as well.
template <class P>
concept case_predicate = requires(std::size_t i) {
  { P::size } -> std::convertible_to<std::size_t>;
  { P::holds(i) } -> std::convertible_to<bool>;
};

namespace detail {

/// Whether the cases [Chunk·Per, (Chunk + 1)·Per) of P hold: one constant evaluation.
template <case_predicate P, std::size_t Per, std::size_t Chunk>
inline constexpr bool chunk_holds = [] {
  for (std::size_t i = Chunk * Per; i < (Chunk + 1) * Per && i < P::size; ++i)
    if (!P::holds(i)) return false;
  return true;
}();

/// Whether case I of P holds: one constant evaluation (used inside a failing chunk).
template <case_predicate P, std::size_t I>
inline constexpr bool case_holds = static_cast<bool>(P::holds(I));

template <case_predicate P, std::size_t Per, std::size_t... C>
constexpr std::size_t first_failing_chunk(std::index_sequence<C...>) {
  constexpr bool ok[] = {chunk_holds<P, Per, C>...};
  for (std::size_t c = 0; c < sizeof...(C); ++c)
    if (!ok[c]) return c;
  return no_failure;
}

template <case_predicate P, std::size_t First, std::size_t... I>
constexpr std::size_t first_failing_case(std::index_sequence<I...>) {
  constexpr bool ok[] = {case_holds<P, First + I>...};
  for (std::size_t i = 0; i < sizeof...(I); ++i)
    if (!ok[i]) return First + i;
  return no_failure;
}

template <case_predicate P, std::size_t Per, std::size_t Chunk>
constexpr std::size_t first_failing_case_of_chunk() {
  if constexpr (Chunk == no_failure) {
    return no_failure;
  } else {
    constexpr std::size_t first = Chunk * Per;
    constexpr std::size_t last = first + Per < P::size ? first + Per : P::size;
    return first_failing_case<P, first>(std::make_index_sequence<last - first>{});
  }
}

} // namespace detail

/// The maximum number of cases one check takes (the array of chunk verdicts is read in one
/// constant evaluation of about one step per chunk).
inline constexpr std::size_t max_cases = 1u << 17;

/// The index of the first case of P that fails, or no_failure: the cases are checked Per at a
/// time, each chunk in a constant evaluation of its own (Per = 1: every case gets the compiler's
/// whole budget). Example: first_failure<my_predicate> == no_failure.
template <case_predicate P, std::size_t Per = 1>
inline constexpr std::size_t first_failure = [] {
  static_assert(Per >= 1, "gibbs::verify: at least one case per constant evaluation");
  static_assert(P::size <= max_cases,
                "gibbs::verify: too many cases for one check (at most max_cases = 2^17); split the "
                "inputs into several checks");
  constexpr std::size_t chunk = detail::first_failing_chunk<P, Per>(
      std::make_index_sequence<(P::size + Per - 1) / Per>{});
  return detail::first_failing_case_of_chunk<P, Per, chunk>();
}();

} // namespace gibbs::verify

#endif // GIBBS_VERIFY_SPLIT_HPP
