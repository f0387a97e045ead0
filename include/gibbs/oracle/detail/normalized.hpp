// gibbs/oracle/detail/normalized.hpp: the fast pass of the normalized variant, from the kernel's
// raw sums and the sums S of the arguments (as double-doubles from the kernel's accumulator, with
// relative error e_S = its bound / S, or exactly when no addition rounded):
//   KL(p/Sp || q/Sq) = KL_raw(p, q) / Sp + log(Sq / Sp),   H(p/Sp) = H_raw(p) / Sp + log Sp,
//   H(p/Sp, q/Sq) = H_raw(p, q) / Sp + log Sq,             NLL(q/Sq) = NLL_raw(q) + log Sq
// (as sum p/Sp = 1). Bounds: the raw bound / Sp; the double-double quotient (2^-101.8) and Sp's
// e_S; log_k of a double-double X (RHO_LOG_K |log X|, plus X's relative error e, which moves
// log X by <= e (1 + e)); the final addition (2^-104.4 of the result). When the sums are exact
// and equal (or S = 1) the log term is exactly 0. An exact value 0 (p/Sp == q/Sq) cannot be
// decided here; the descriptor's settle stage finds it afterwards.
#ifndef GIBBS_ORACLE_DETAIL_NORMALIZED_HPP
#define GIBBS_ORACLE_DETAIL_NORMALIZED_HPP

#include "gibbs/number/double_double.hpp"
#include "gibbs/oracle/detail/certified_dd.hpp"
#include "gibbs/oracle/detail/kernel.hpp"

#include <cmath>
#include <span>

namespace gibbs::oracle::detail::normalized_pass {

/// A sum of doubles as a double-double with its relative error bound (0: exact).
struct sum_dd {
  gibbs::double_double v;
  double rel;
};

/// The sum of v from the kernel's accumulator.
inline sum_dd sum_of(std::span<const double> v) {
  kernel::accumulator a;
  for (double t : v)
    a.add(t, 0.0);
  const gibbs::dd_pair S = kernel::two_sum(a.s, a.c); // exact
  const double rel = a.e == 0 ? 0.0 : a.bound(static_cast<double>(v.size())) / S.hi * (1 + 0x1p-50);
  return sum_dd{gibbs::double_double(S.hi, S.lo), rel};
}

/// log(a) or log(a / b), within the absolute bound err (ok = false: out of the pass's range).
struct log_term {
  gibbs::double_double v;
  double err;
  bool ok;
};

inline log_term log_of(const sum_dd& a, const sum_dd* b) {
  using gibbs::double_double;
  if (b && a.rel == 0 && b->rel == 0 && a.v.hi == b->v.hi && a.v.lo == b->v.lo)
    return {double_double(0.0), 0, true};
  if (!b && a.rel == 0 && a.v.hi == 1 && a.v.lo == 0) return {double_double(0.0), 0, true};
  const double_double X = b ? a.v / b->v : a.v;
  if (!(X.hi >= 0x1p-1000 && X.hi <= 0x1p1000)) return {double_double(0.0), 0, false};
  const double e = b ? (a.rel + b->rel) * (1 + 0x1p-40) + 0x1p-101 : a.rel;
  if (!(e <= 0x1p-40)) return {double_double(0.0), 0, false};
  const gibbs::dd_pair L = kernel::log_k(X.hi, X.lo);
  return {double_double(L.hi, L.lo),
          (kernel::RHO_LOG_K * std::fabs(L.hi) + e * (1 + e)) * (1 + 0x1p-50), true};
}

/// raw / Sp + L (divide = false: raw + L), with the bounds above.
inline certified::sum_result combine(const certified::sum_result& raw, const sum_dd* sp,
                                     const log_term& L) {
  if (!raw.ok || !L.ok || (sp && !(sp->v.hi > 0 && sp->rel <= 0x1p-40))) return {};
  certified::sum_result out = raw;
  if (sp && !(sp->rel == 0 && sp->v.hi == 1 && sp->v.lo == 0)) {
    const gibbs::double_double q = raw.value / sp->v;
    out.value = q;
    out.error = raw.error / (sp->v.hi * (1 - 0x1p-50))
                + std::fabs(q.hi) * (sp->rel * (1 + 0x1p-40) + 0x1p-100);
  }
  out.value = out.value + L.v;
  out.error = (out.error + L.err + std::fabs(out.value.hi) * 0x1p-103) * (1 + 0x1p-50);
  out.ok = std::isfinite(out.value.hi) && std::isfinite(out.error);
  return out;
}

} // namespace gibbs::oracle::detail::normalized_pass

#endif // GIBBS_ORACLE_DETAIL_NORMALIZED_HPP
