// proofs/proof.hpp: what every proof TU shares — the list of number types a claim is checked for,
// the grids of rational distributions, and the splitting of a large check into chunks that each
// stay within the compilers' default constant-evaluation limits.
//
// Limits (defaults, no flag changes anywhere): g++ 12 allows 2^25 = 33554432 operations per
// constant evaluation (-fconstexpr-ops-limit) and 262144 iterations per loop
// (-fconstexpr-loop-limit); clang++ 14 allows 1048576 steps per evaluation (-fconstexpr-steps).
// Each `chunk_holds<…>` below is a constexpr variable, hence a constant evaluation of its own.
//
// Cost: one KL of 3 points costs at most about 3·10^3 clang steps in float and double
// (double-double fast path) but 2–5·10^5 in long double, double_double and float128 (multiprecision
// fixed-point fallback, no fast path), i.e. about 0.2 s of compile time per KL, against a few ms in
// float and double. The grids are therefore sized per type (grid2_denominator, grid3_denominator):
// the claim is the same, only its grid is coarser where each evaluation costs a hundred times more.
// Some claims (forward vs reverse, JS on a grid, the structural laws) cannot fit even one of their
// evaluations in clang's default budget in the slow types; their TUs say so and check the fast
// types only.
#ifndef GIBBS_PROOFS_PROOF_HPP
#define GIBBS_PROOFS_PROOF_HPP

#include <boost/hana/for_each.hpp>
#include <boost/hana/tuple.hpp>
#include <boost/hana/type.hpp>

#include <array>
#include <cstddef>
#include <type_traits>
#include <utility>

#if __has_include("gibbs/number/double_double.hpp")
#include "gibbs/number/double_double.hpp"
#define GIBBS_PROOFS_HAVE_DOUBLE_DOUBLE 1
#endif
// float128 only when the build asks for it (-DGIBBS_HAS_FLOAT128=1 with GNU extensions, as
// proofs/meson.build does on g++): the header would enable itself on any g++.
#if defined(GIBBS_HAS_FLOAT128) && __has_include("gibbs/number/float128.hpp")
#if GIBBS_HAS_FLOAT128
#include "gibbs/number/float128.hpp"
#define GIBBS_PROOFS_HAVE_FLOAT128 1
#endif
#endif

namespace gibbs::proofs {

namespace hana = boost::hana;

/// Every number type the measures evaluate in constant expressions.
inline constexpr auto number_types = hana::tuple_t<float, double, long double
#ifdef GIBBS_PROOFS_HAVE_DOUBLE_DOUBLE
                                                   ,
                                                   gibbs::double_double
#endif
#ifdef GIBBS_PROOFS_HAVE_FLOAT128
                                                   ,
                                                   boost::multiprecision::float128
#endif
                                                   >;

/// true for the types whose logarithm has a fast path (about 10^3 steps instead of 10^5).
template <class T>
inline constexpr bool fast_math = std::is_same_v<T, float> || std::is_same_v<T, double>;

/// The denominators D of the masses k/D of the 2- and 3-point grids a claim is checked on, for
/// type T: all pairs of the 2-point grid k/16 (289 pairs) and of the 3-point grid k/8 (2025 pairs)
/// for the fast types; k/4 (25 pairs) and k/2 (36 pairs) for the slow ones.
template <class T>
inline constexpr int grid2_denominator = fast_math<T> ? 16 : 4;
template <class T>
inline constexpr int grid3_denominator = fast_math<T> ? 8 : 2;

/// Number of distributions on N points with masses k/D: C(D + N − 1, N − 1).
template <std::size_t N, int D>
inline constexpr std::size_t grid_size = [] {
  std::size_t c = 1;
  for (std::size_t i = 1; i < N; ++i)
    c = c * (static_cast<std::size_t>(D) + i) / i;
  return c;
}();

/// All distributions on N points with masses k/D, as integer numerators, in lexicographic order.
template <std::size_t N, int D>
inline constexpr std::array<std::array<int, N>, grid_size<N, D>> grid_numerators = [] {
  std::array<std::array<int, N>, grid_size<N, D>> out{};
  std::array<int, N> k{};
  std::size_t count = 0;
  // odometer over the first N − 1 numerators; the last one makes the total D
  while (true) {
    int used = 0;
    for (std::size_t i = 0; i + 1 < N; ++i)
      used += k[i];
    if (used <= D) {
      k[N - 1] = D - used;
      out[count++] = k;
    }
    std::size_t i = 0;
    while (i + 1 < N && ++k[i] > D) {
      k[i] = 0;
      ++i;
    }
    if (i + 1 == N) break;
  }
  return out;
}();

/// The i-th distribution of the grid on N points with masses k/D, in type T (exact: D is a power
/// of two).
template <class T, std::size_t N, int D>
[[nodiscard]] constexpr std::array<T, N> grid_point(std::size_t i) {
  std::array<T, N> p{};
  for (std::size_t j = 0; j < N; ++j)
    p[j] = T(grid_numerators<N, D>[i][j]) / T(D);
  return p;
}

/// Whether Law holds for every pair (p, q) of the grid on N points with masses k/D whose pair index
/// i·size + j lies in chunk number Chunk of Size pairs.
template <class T, std::size_t N, int D, class Law, std::size_t Size, std::size_t Chunk>
inline constexpr bool pair_chunk_holds = [] {
  constexpr std::size_t n = grid_size<N, D>;
  bool ok = true;
  for (std::size_t k = Chunk * Size; k < (Chunk + 1) * Size && k < n * n; ++k)
    ok = ok && static_cast<bool>(Law{}(grid_point<T, N, D>(k / n), grid_point<T, N, D>(k % n)));
  return ok;
}();

/// Whether Law holds for every single distribution p of the grid in chunk Chunk of Size points.
template <class T, std::size_t N, int D, class Law, std::size_t Size, std::size_t Chunk>
inline constexpr bool point_chunk_holds = [] {
  constexpr std::size_t n = grid_size<N, D>;
  bool ok = true;
  for (std::size_t k = Chunk * Size; k < (Chunk + 1) * Size && k < n; ++k)
    ok = ok && static_cast<bool>(Law{}(grid_point<T, N, D>(k)));
  return ok;
}();

template <class T, std::size_t N, int D, class Law, std::size_t Size, std::size_t... C>
constexpr bool all_pair_chunks(std::index_sequence<C...>) {
  return (pair_chunk_holds<T, N, D, Law, Size, C> && ...);
}

template <class T, std::size_t N, int D, class Law, std::size_t Size, std::size_t... C>
constexpr bool all_point_chunks(std::index_sequence<C...>) {
  return (point_chunk_holds<T, N, D, Law, Size, C> && ...);
}

/// Law(p, q) for all pairs of distributions on N points with masses k/D, Size pairs per constant
/// evaluation.
template <class T, std::size_t N, int D, class Law, std::size_t Size>
inline constexpr bool holds_for_all_pairs = all_pair_chunks<T, N, D, Law, Size>(
    std::make_index_sequence<(grid_size<N, D> * grid_size<N, D> + Size - 1) / Size>{});

/// Law(p) for all distributions on N points with masses k/D, Size points per constant evaluation.
template <class T, std::size_t N, int D, class Law, std::size_t Size>
inline constexpr bool holds_for_all_points = all_point_chunks<T, N, D, Law, Size>(
    std::make_index_sequence<(grid_size<N, D> + Size - 1) / Size>{});

/// Whether Law holds for the pair (p, q) = (point I, point J) of the grid on N points with masses
/// k/D, as a constant evaluation of its own: every pair gets the compiler's whole budget. The
/// exhaustive k/16 grids need that, because a few of their pairs cost far more than the rest: the
/// correctly rounded log falls to its multiprecision fallback when its fast path cannot decide the
/// rounding, and such a pair costs 1–8·10^5 clang steps instead of about 4·10^3 (measured on the
/// 3-point k/16 grid in double: 150 of the 23409 pairs, one of them above 4·10^5). A chunk of
/// several pairs could hold a run of them (row 125 holds eight in a row) and exceed clang's 10^6.
template <class T, std::size_t N, int D, class Law, std::size_t I, std::size_t J>
inline constexpr bool pair_holds = static_cast<bool>(Law{}(grid_point<T, N, D>(I),
                                                           grid_point<T, N, D>(J)));

template <class T, std::size_t N, int D, class Law, std::size_t I, std::size_t... J>
constexpr bool row_pairs_hold(std::index_sequence<J...>) {
  return (pair_holds<T, N, D, Law, I, J> && ...);
}

/// Whether Law(p_I, q) holds for every q of the grid (one row of the grid of pairs).
template <class T, std::size_t N, int D, class Law, std::size_t I>
inline constexpr bool
    row_holds = row_pairs_hold<T, N, D, Law, I>(std::make_index_sequence<grid_size<N, D>>{});

template <class T, std::size_t N, int D, class Law, std::size_t First, std::size_t... R>
constexpr bool rows_hold(std::index_sequence<R...>) {
  return (row_holds<T, N, D, Law, First + R> && ...);
}

/// Law(p, q) for every p among the points [First, Last) of the grid on N points with masses k/D
/// and every q of the grid, one constant evaluation per pair. A fold expression may hold at most
/// 256 operands in clang++ (-fbracket-depth), hence rows of at most 256 pairs and at most 256
/// rows per call; the exhaustive 3-point k/16 grid (153 points) fits both.
template <class T, std::size_t N, int D, class Law, std::size_t First, std::size_t Last>
inline constexpr bool
    holds_for_rows = rows_hold<T, N, D, Law, First>(std::make_index_sequence<Last - First>{});

/// Pairs per constant evaluation: about 2·10^5 clang steps per chunk (a fifth of the limit).
template <class T>
inline constexpr std::size_t pairs_per_chunk = fast_math<T> ? 48 : 1;

/// Whether T can be built from a sample count (std::size_t), which gibbs::nll and
/// gibbs::empirical_distribution need (they divide by T(N)). gibbs::double_double cannot yet
/// (its constructors from double and from long make T(std::size_t) ambiguous); the likelihood
/// claims are checked for T as soon as it can.
template <class T>
inline constexpr bool counts_convert = std::is_constructible_v<T, std::size_t>;

/// The type of a hana::type_c<T> argument, for the generic lambdas of hana::for_each.
template <class HanaType>
using type_of = typename HanaType::type;

} // namespace gibbs::proofs

#endif // GIBBS_PROOFS_PROOF_HPP
