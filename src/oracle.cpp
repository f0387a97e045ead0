// src/oracle.cpp: the oracle compiled once. A program whose translation units define
// GIBBS_ORACLE_LINKED (the dependency oracle_dep of meson.build) reads only the declarations
// of oracle/evaluate.hpp and oracle/table.hpp and links this file, which defines the stages'
// driver (detail::evaluate_view, detail::evaluate_all_view) and the table, with every measure of
// oracle/measures/ compiled here and nowhere else.
#define GIBBS_ORACLE_LINKABLE // the drivers below are this file's own, not inline
#include "gibbs/oracle.hpp"

#ifdef GIBBS_ORACLE_LINKED
#error "src/oracle.cpp defines what GIBBS_ORACLE_LINKED only declares: compile it without it"
#endif

namespace gibbs::oracle::detail {

std::span<const descriptor* const> linked_table() {
  return table;
}

} // namespace gibbs::oracle::detail
