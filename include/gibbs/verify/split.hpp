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
// The chunks are searched by halving their range (no fold expression: clang++ limits folds to 256
// operands, -fbracket-depth; no pack of indices, which g++ would print whole in a diagnostic).
#ifndef GIBBS_VERIFY_SPLIT_HPP
#define GIBBS_VERIFY_SPLIT_HPP

#include <concepts>
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

/// The first failing chunk among the chunks [Lo, Hi) of P, or no_failure: the range is halved
/// until single chunks remain (about 2·chunks specializations, nesting depth log2(chunks)), so
/// no pack of indices appears in a diagnostic.
template <case_predicate P, std::size_t Per, std::size_t Lo, std::size_t Hi>
inline constexpr std::size_t first_failing_chunk = [] {
  if constexpr (Hi - Lo == 1) {
    return chunk_holds<P, Per, Lo> ? no_failure : Lo;
  } else {
    constexpr std::size_t mid = Lo + (Hi - Lo) / 2;
    constexpr std::size_t left = first_failing_chunk<P, Per, Lo, mid>;
    if constexpr (left != no_failure) {
      return left;
    } else {
      return first_failing_chunk<P, Per, mid, Hi>;
    }
  }
}();

/// The first failing case of P among [Lo, Hi), each case a constant evaluation of its own.
template <case_predicate P, std::size_t Lo, std::size_t Hi>
inline constexpr std::size_t first_failing_case = [] {
  if constexpr (Hi - Lo == 1) {
    return case_holds<P, Lo> ? no_failure : Lo;
  } else {
    constexpr std::size_t mid = Lo + (Hi - Lo) / 2;
    constexpr std::size_t left = first_failing_case<P, Lo, mid>;
    if constexpr (left != no_failure) {
      return left;
    } else {
      return first_failing_case<P, mid, Hi>;
    }
  }
}();

template <case_predicate P, std::size_t Per, std::size_t Chunk>
inline constexpr std::size_t first_failing_case_of_chunk = [] {
  if constexpr (Chunk == no_failure) {
    return no_failure;
  } else if constexpr (Per == 1) {
    return Chunk;
  } else {
    constexpr std::size_t first = Chunk * Per;
    constexpr std::size_t last = first + Per < P::size ? first + Per : P::size;
    return first_failing_case<P, first, last>;
  }
}();

} // namespace detail

/// The maximum number of cases one check takes (a bound on the work of one line, not a limit of
/// the method).
inline constexpr std::size_t max_cases = 1u << 20;

/// The index of the first case of P that fails, or no_failure: the cases are checked Per at a
/// time, each chunk in a constant evaluation of its own (Per = 1: every case gets the compiler's
/// whole budget). Example: first_failure<my_predicate> == no_failure.
template <case_predicate P, std::size_t Per = 1>
inline constexpr std::size_t first_failure = [] {
  static_assert(Per >= 1, "gibbs::verify: at least one case per constant evaluation");
  static_assert(P::size <= max_cases,
                "gibbs::verify: too many cases for one check (at most max_cases = 2^20); split the "
                "inputs into several checks");
  if constexpr (P::size == 0) {
    return no_failure;
  } else {
    constexpr std::size_t chunk = detail::first_failing_chunk<P, Per, 0, (P::size + Per - 1) / Per>;
    return detail::first_failing_case_of_chunk<P, Per, chunk>;
  }
}();

} // namespace gibbs::verify

#endif // GIBBS_VERIFY_SPLIT_HPP
