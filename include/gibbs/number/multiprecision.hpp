// gibbs/number/multiprecision.hpp: Boost.Multiprecision types as gibbs number types.
//
// cpp_bin_float, cpp_dec_float and mpfr_float model gibbs::real as they are (their numeric_limits
// are specialised by Boost); gibbs::log & co. forward to their own functions (found by ADL), at
// run time only. mpfi_float is marked as an interval type (number_traits::is_interval), so the
// measures avoid branches that would truncate an enclosure.
// Link with -lmpfr (mpfr_float) and -lmpfi -lmpfr (mpfi_float), and -lgmp.
#ifndef GIBBS_NUMBER_MULTIPRECISION_HPP
#define GIBBS_NUMBER_MULTIPRECISION_HPP

#include "gibbs/number/math.hpp"
#include "gibbs/number/real.hpp"

#include <boost/multiprecision/cpp_bin_float.hpp>
#include <boost/multiprecision/cpp_dec_float.hpp>
#include <boost/multiprecision/mpfi.hpp>
#include <boost/multiprecision/mpfr.hpp>

namespace gibbs {

template <unsigned Digits10, boost::multiprecision::expression_template_option ET>
struct number_traits<
    boost::multiprecision::number<boost::multiprecision::mpfi_float_backend<Digits10>, ET>> {
  static constexpr bool constexpr_math = false;
  static constexpr bool is_interval = true;
  static constexpr bool is_builtin_binary = false;
};

} // namespace gibbs

#endif // GIBBS_NUMBER_MULTIPRECISION_HPP
