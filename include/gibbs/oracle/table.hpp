// gibbs/oracle/table.hpp: the table of measures — one descriptor per measure (oracle/measures/),
// in the order every front end lists them. oracle::evaluate, the gibbs program (subcommands,
// --help, the keys of `gibbs eval`), the conformance families and grading, the Catch2 matchers
// and the benchmark all read this table; adding a measure is its descriptor and one line here.
//
//   for (const gibbs::oracle::descriptor* d : gibbs::oracle::measures())
//     std::printf("%s: %s\n", d->name.data(), d->formula.data());
//
// With GIBBS_ORACLE_LINKED defined, the measures' headers are not read: the table (and
// oracle::evaluate, evaluate.hpp) come from one separately compiled translation unit,
// src/oracle.cpp, linked into the program. A program of many translation units then compiles
// the oracle once instead of in each of them; measures() and find_descriptor are not constexpr
// there.
#ifndef GIBBS_ORACLE_TABLE_HPP
#define GIBBS_ORACLE_TABLE_HPP

#include "gibbs/error.hpp"
#include "gibbs/oracle/descriptor.hpp"
#ifndef GIBBS_ORACLE_LINKED
#include "gibbs/oracle/measures/binary_cross_entropy.hpp"
#include "gibbs/oracle/measures/binary_cross_entropy_with_logits.hpp"
#include "gibbs/oracle/measures/bits_per_dim.hpp"
#include "gibbs/oracle/measures/chi_squared.hpp"
#include "gibbs/oracle/measures/cross_entropy.hpp"
#include "gibbs/oracle/measures/entropy.hpp"
#include "gibbs/oracle/measures/gaussian.hpp"
#include "gibbs/oracle/measures/hellinger.hpp"
#include "gibbs/oracle/measures/jensen_shannon.hpp"
#include "gibbs/oracle/measures/kl.hpp"
#include "gibbs/oracle/measures/likelihood.hpp"
#include "gibbs/oracle/measures/logits.hpp"
#include "gibbs/oracle/measures/renyi.hpp"
#include "gibbs/oracle/measures/softmax.hpp"
#include "gibbs/oracle/measures/total_variation.hpp"
#endif

#include <array>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>

namespace gibbs::oracle {

namespace detail {
/// The table, as src/oracle.cpp compiled it (with GIBBS_ORACLE_LINKED, measures() reads it).
[[nodiscard]] std::span<const descriptor* const> linked_table();
} // namespace detail

#ifdef GIBBS_ORACLE_LINKED
#define GIBBS_ORACLE_TABLE_FN inline
#define GIBBS_ORACLE_TABLE detail::linked_table()
#else
namespace detail {
inline constexpr std::array<const descriptor*, 22> table{
    &entropy_descriptor,
    &cross_entropy_descriptor,
    &kl_descriptor,
    &reverse_kl_descriptor,
    &generalized_kl_descriptor,
    &js_descriptor,
    &nll_descriptor,
    &perplexity_descriptor,
    &logits_cross_entropy_descriptor,
    &total_variation_descriptor,
    &hellinger_descriptor,
    &renyi_descriptor,
    &chi_squared_descriptor,
    &binary_cross_entropy_descriptor,
    &binary_cross_entropy_with_logits_descriptor,
    &gaussian_kl_descriptor,
    &vae_kl_descriptor,
    &bits_per_dim_descriptor,
    &softmax_descriptor,
    &log_softmax_descriptor,
    &logits_cross_entropy_grad_descriptor,
    &binary_cross_entropy_with_logits_grad_descriptor,
};

constexpr bool names_are_unique() {
  for (std::size_t i = 0; i < table.size(); ++i)
    for (std::size_t j = 0; j < i; ++j)
      if (table[i]->name == table[j]->name || table[i]->id == table[j]->id) return false;
  return true;
}
static_assert(names_are_unique(), "Two descriptors of the measure table share a name or an id.");

constexpr bool every_measure_is_in_the_table() {
  for (int m = 0; m <= static_cast<int>(measure::binary_cross_entropy_with_logits_grad); ++m) {
    bool found = false;
    for (const descriptor* d : table)
      found = found || d->id == static_cast<measure>(m);
    if (!found) return false;
  }
  return true;
}
static_assert(every_measure_is_in_the_table(),
              "Every value of gibbs::oracle::measure needs a descriptor in the table.");
} // namespace detail
#define GIBBS_ORACLE_TABLE_FN constexpr
#define GIBBS_ORACLE_TABLE detail::table
#endif

/// Every measure the oracle knows, in the table's order.
[[nodiscard]] GIBBS_ORACLE_TABLE_FN std::span<const descriptor* const> measures() {
  return GIBBS_ORACLE_TABLE;
}

/// The descriptor of a measure, or nullptr when the measure is not in the table.
[[nodiscard]] GIBBS_ORACLE_TABLE_FN const descriptor* find_descriptor(measure m) {
  for (const descriptor* d : measures())
    if (d->id == m) return d;
  return nullptr;
}

/// The descriptor of a measure name ("kl"), or nullptr.
[[nodiscard]] GIBBS_ORACLE_TABLE_FN const descriptor* find_descriptor(std::string_view name) {
  for (const descriptor* d : measures())
    if (d->name == name) return d;
  return nullptr;
}

/// The descriptor of a measure; throws std::invalid_argument when the table has none.
[[nodiscard]] inline const descriptor& descriptor_of(measure m) {
  if (const descriptor* d = find_descriptor(m)) return *d;
  throw invalid_input(error_kind::invalid_request, "measure",
                      "gibbs::oracle: measure number " + std::to_string(static_cast<int>(m))
                          + " is not in the table");
}

/// "entropy, cross_entropy, ...": the names of the table, for messages.
[[nodiscard]] inline std::string measure_names() {
  std::string s;
  for (const descriptor* d : measures()) {
    if (!s.empty()) s += ", ";
    s += d->name;
  }
  return s;
}

/// The descriptor's parameter called `name`, or nullptr.
[[nodiscard]] constexpr const parameter* find_parameter(const descriptor& d,
                                                        std::string_view name) {
  for (const parameter& p : d.parameters)
    if (p.name == name) return &p;
  return nullptr;
}

#undef GIBBS_ORACLE_TABLE
#undef GIBBS_ORACLE_TABLE_FN

} // namespace gibbs::oracle

#endif // GIBBS_ORACLE_TABLE_HPP
