// gibbs/oracle/detail/view.hpp: a request whose arrays are spans, so the C++ wrappers can pass the
// caller's data without copying it (n may be 10^8).
#ifndef GIBBS_ORACLE_DETAIL_VIEW_HPP
#define GIBBS_ORACLE_DETAIL_VIEW_HPP

#include "gibbs/oracle/api.hpp"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <span>
#include <string>
#include <string_view>

namespace gibbs::oracle::detail {

/// The fields of gibbs::oracle::request, arrays as spans.
struct view {
  measure what = measure::kl;
  std::span<const double> p, q;
  std::span<const std::int64_t> samples;
  std::span<const double> logits, target;
  std::int64_t target_index = -1;
  format fmt = format::binary64;
  variant var = variant::exact;
  double base = 0;
  int digits = 0;
  int max_precision_bits = 1 << 17;
  bool allow_fast_path = true;
  const std::map<std::string, double, std::less<>>* parameters = nullptr; ///< by name, or none
  /// The named arrays (request::arrays), borrowed: the names must outlive the view.
  std::map<std::string_view, std::span<const double>, std::less<>> arrays;
  std::int64_t rows = 0;
  reduction reduce = reduction::automatic;
  const char* function = "oracle::evaluate"; ///< the entry point, for messages (set by evaluate)
  unsigned variants = ~0u; ///< the variants the measure takes (bits 1 << variant; set by evaluate)
};

/// How many doublings of the precision Ziv's loop spends, once the rounding is decided, on
/// making lo and hi adjacent: an exact value within 2^-P of a representable number (softmax of
/// {0, 1e-300} is 1/2 - 2.5e-301) needs about P bits. Inputs of up to 1024 entries get six (up to
/// 8192 bits from 128), larger ones two (512 bits: the evaluation costs O(n) per doubling), after
/// which lo and hi may be two units apart (still a certified enclosure).
[[nodiscard]] inline int max_refinements(const view& r) {
  const std::size_t n = r.p.size() + r.q.size() + r.logits.size() + r.target.size();
  return n <= 1024 ? 6 : 2;
}

/// The named array `name` of the view (checked by check_request), or an empty span when an
/// optional array is absent.
[[nodiscard]] inline std::span<const double> named_array(const view& r, std::string_view name) {
  const auto it = r.arrays.find(name);
  return it == r.arrays.end() ? std::span<const double>{} : it->second;
}

/// The view of a request (borrowing its arrays).
inline view view_of(const request& r) {
  view v;
  v.what = r.what;
  v.p = r.p;
  v.q = r.q;
  v.samples = r.samples;
  v.logits = r.logits;
  v.target = r.target;
  v.target_index = r.target_index;
  v.fmt = r.fmt;
  v.var = r.var;
  v.base = r.base;
  v.digits = r.digits;
  v.max_precision_bits = r.max_precision_bits;
  v.allow_fast_path = r.allow_fast_path;
  v.parameters = &r.parameters;
  for (const auto& [name, values] : r.arrays)
    v.arrays.emplace(name, values);
  v.rows = r.rows;
  v.reduce = r.reduce;
  return v;
}

/// A view with the options of the wrappers.
inline view view_of(measure m, const options& o) {
  view v;
  v.what = m;
  v.fmt = o.fmt;
  v.var = o.var;
  v.base = o.base;
  v.digits = o.digits;
  return v;
}

} // namespace gibbs::oracle::detail

#endif // GIBBS_ORACLE_DETAIL_VIEW_HPP
