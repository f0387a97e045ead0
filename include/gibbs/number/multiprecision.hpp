// gibbs/number/multiprecision.hpp: Boost.Multiprecision types as gibbs number types.
//
// cpp_bin_float, cpp_dec_float and mpfr_float model gibbs::real as they are (their numeric_limits
// are specialised by Boost); gibbs::log & co. forward to their own functions (found by ADL), at
// run time only. mpfi_float is marked as an interval type (number_traits::is_interval), so the
// measures avoid branches that would truncate an enclosure, and its number_traits supply the
// functions whose enclosure must not depend on which overload Boost picks: gibbs::log1p and
// gibbs::expm1 call MPFI's mpfi_log1p and mpfi_expm1 (rigorous, outward rounded), and
// gibbs::log1pmx is an enclosure built here (mpfi_log1pmx below) that is rigorous and as tight as
// the precision allows, also for tiny arguments, where the interval log1p(X) − X is not.
// Every result has the precision of its argument.
// Link with -lmpfr (mpfr_float) and -lmpfi -lmpfr (mpfi_float), and -lgmp.
#ifndef GIBBS_NUMBER_MULTIPRECISION_HPP
#define GIBBS_NUMBER_MULTIPRECISION_HPP

#include "gibbs/number/detail/mpfi_log1pmx.hpp"
#include "gibbs/number/math.hpp"
#include "gibbs/number/real.hpp"

#include <boost/multiprecision/cpp_bin_float.hpp>
#include <boost/multiprecision/cpp_dec_float.hpp>
#include <boost/multiprecision/mpfi.hpp>
#include <boost/multiprecision/mpfr.hpp>

#include <mpfi.h>
#include <mpfr.h>

#include <algorithm>

namespace gibbs {
// detail::mpfi::log1pmx: number/detail/mpfi_log1pmx.hpp

/// Boost's mpfi_float (any precision, with or without expression templates) is an interval type;
/// its log1p, expm1 and log1pmx are the rigorous enclosures above, at the argument's precision.
template <unsigned Digits10, boost::multiprecision::expression_template_option ET>
struct number_traits<
    boost::multiprecision::number<boost::multiprecision::mpfi_float_backend<Digits10>, ET>> {
  using type =
      boost::multiprecision::number<boost::multiprecision::mpfi_float_backend<Digits10>, ET>;
  static constexpr bool constexpr_math = false;
  static constexpr bool is_interval = true;
  static constexpr bool is_builtin_binary = false;

  /// MPFI's mpfi_log1p: an enclosure of {log(1 + x) : x ∈ X}.
  static type log1p(const type& x) {
    type r = x; // the precision of x
    mpfi_log1p(r.backend().data(), x.backend().data());
    return r;
  }
  /// MPFI's mpfi_expm1: an enclosure of {e^x − 1 : x ∈ X}.
  static type expm1(const type& x) {
    type r = x;
    mpfi_expm1(r.backend().data(), x.backend().data());
    return r;
  }
  /// An enclosure of {log(1 + x) − x : x ∈ X}, tight also for tiny x (detail::mpfi::log1pmx).
  static type log1pmx(const type& x) {
    type r = x;
    detail::mpfi::log1pmx(r.backend().data(), x.backend().data());
    return r;
  }
};

} // namespace gibbs

#endif // GIBBS_NUMBER_MULTIPRECISION_HPP
