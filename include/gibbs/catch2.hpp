// gibbs/catch2.hpp: Catch2 (v2) matchers that judge a computed value of any measure of the
// oracle's table by the certified oracle.
//
//   #include <gibbs/catch2.hpp>
//   REQUIRE_THAT(my_kl(p, q), gibbs::WithinUlpsOfOracle(gibbs::kl_divergence, p, q, 4));
//   REQUIRE_THAT(my_entropy(p), gibbs::IsCorrectlyRounded(gibbs::entropy, p));
//   REQUIRE_THAT(my_js(p, q), gibbs::WithinRelOfOracle(gibbs::jensen_shannon, p, q, 1e-12));
//
// The first argument names the measure by the generic gibbs function itself: the matcher
// deduces the argument types from p (and q), resolves gibbs::kl_divergence to the specialisation
// for them, and maps it to the oracle's measure (entropy, cross_entropy, kl_divergence,
// reverse_kl_divergence, generalized_kl_divergence, jensen_shannon, total_variation, hellinger,
// chi_squared, nll, perplexity). Every measure of the table, including renyi (its alpha) and
// cross-entropy from logits, is reached by the overloads taking a gibbs::oracle::request.
// float arguments select binary32: the oracle's value is then the correctly rounded float.
// A failing match prints the reference and the observed value in hex and with 17 digits, and
// their distance in ulps.
// Needs Catch2 2.x (<catch2/catch.hpp>) and links against MPFI, MPFR, GMP (via the oracle).
#ifndef GIBBS_CATCH2_HPP
#define GIBBS_CATCH2_HPP

#include "gibbs/gibbs.hpp"
#include "gibbs/oracle.hpp"

#include <catch2/catch.hpp>

#include <cstdint>
#include <cstdio>
#include <ranges>
#include <sstream>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <vector>

namespace gibbs {
namespace catch2_detail {

template <class R>
std::vector<double> to_doubles(const R& r) {
  std::vector<double> v;
  for (const auto& x : r)
    v.push_back(static_cast<double>(x));
  return v;
}

template <class R>
std::vector<std::int64_t> to_indices(const R& r) {
  std::vector<std::int64_t> v;
  for (const auto& x : r)
    v.push_back(static_cast<std::int64_t>(x));
  return v;
}

template <class P>
using one_fn = result_t<P> (*)(const P&);
template <class P, class Q>
using two_fn = result_t<P, Q> (*)(const P&, const Q&);

/// The oracle request for gibbs function f applied to (p).
template <class P>
oracle::request request_for(one_fn<P> f, const P& p) {
  if (f != static_cast<one_fn<P>>(&gibbs::entropy<P>))
    throw std::invalid_argument("gibbs matchers: the function is not a measure the oracle knows "
                                "(one argument: gibbs::entropy)");
  oracle::request r;
  r.what = oracle::measure::entropy;
  r.p = to_doubles(p);
  if (std::is_same_v<result_t<P>, float>) r.fmt = oracle::format::binary32;
  return r;
}

/// The oracle request for gibbs function f applied to (p, q).
template <class P, class Q>
oracle::request request_for(two_fn<P, Q> f, const P& p, const Q& q) {
  oracle::request r;
  bool known = false;
  auto is = [&](auto g, oracle::measure m) {
    if (!known && f == static_cast<two_fn<P, Q>>(g)) {
      r.what = m;
      known = true;
    }
  };
  if constexpr (mass_range<P> && mass_range<Q>) {
    is(&gibbs::cross_entropy<P, Q>, oracle::measure::cross_entropy);
    is(&gibbs::kl_divergence<P, Q>, oracle::measure::kl);
    is(&gibbs::reverse_kl_divergence<P, Q>, oracle::measure::reverse_kl);
    is(&gibbs::generalized_kl_divergence<P, Q>, oracle::measure::generalized_kl);
    is(&gibbs::jensen_shannon<P, Q>, oracle::measure::js);
    is(&gibbs::total_variation<P, Q>, oracle::measure::total_variation);
    is(&gibbs::hellinger<P, Q>, oracle::measure::hellinger);
    is(&gibbs::chi_squared<P, Q>, oracle::measure::chi_squared);
  }
  if constexpr (mass_range<P> && sample_range<Q> && std::is_same_v<result_t<P>, result_t<P, Q>>) {
    is(&gibbs::nll<P, Q>, oracle::measure::nll);
    is(&gibbs::perplexity<P, Q>, oracle::measure::perplexity);
  }
  if (!known)
    throw std::invalid_argument("gibbs matchers: the function is not a measure the oracle knows "
                                "(cross_entropy, kl_divergence, reverse_kl_divergence, "
                                "generalized_kl_divergence, jensen_shannon, total_variation, "
                                "hellinger, chi_squared, nll, perplexity); for the others "
                                "(renyi_divergence, logits) pass an oracle::request");
  if (r.what == oracle::measure::nll || r.what == oracle::measure::perplexity) {
    r.q = to_doubles(p);
    r.samples = to_indices(q);
  } else {
    r.p = to_doubles(p);
    r.q = to_doubles(q);
  }
  if (std::is_same_v<result_t<P, Q>, float>) r.fmt = oracle::format::binary32;
  return r;
}

inline std::string hex(double x) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%a", x);
  return buf;
}

/// x in full precision (17 significant digits, exponent form for tiny values: 2.5e-32, not 0.0).
inline std::string full(double x) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.17g", x);
  return buf;
}

} // namespace catch2_detail

/// A Catch2 matcher comparing a computed value with the oracle's correctly rounded value of the
/// same measure on the same arguments: within `ulps` units in the last place, within a relative
/// error, or equal (correctly rounded).
template <class T>
class OracleMatcher : public Catch::MatcherBase<T> {
public:
  enum class criterion { ulps, relative, correctly_rounded };

  OracleMatcher(oracle::request r, criterion c, std::int64_t ulps, double rel)
      : request_(std::move(r)), criterion_(c), ulps_(ulps), rel_(rel),
        reference_(oracle::evaluate(request_)) {}

  bool match(const T& x) const override {
    const double v = static_cast<double>(x);
    observed_ = v;
    matched_once_ = true;
    if (v != v) return false;
    switch (criterion_) {
    case criterion::correctly_rounded:
      return v == reference_.value;
    case criterion::ulps: {
      const std::int64_t d =
          request_.fmt == oracle::format::binary32
              ? oracle::ulp_distance(static_cast<float>(v), static_cast<float>(reference_.value))
              : oracle::ulp_distance(v, reference_.value);
      return d >= -ulps_ && d <= ulps_;
    }
    case criterion::relative:
      return oracle::relative_error(v, reference_) <= rel_;
    }
    return false;
  }

  std::string describe() const override {
    std::ostringstream s;
    switch (criterion_) {
    case criterion::correctly_rounded:
      s << "is the correctly rounded value ";
      break;
    case criterion::ulps:
      s << "is within " << ulps_ << " ulps of the correctly rounded value ";
      break;
    case criterion::relative:
      s << "is within relative error " << rel_ << " of the exact value, rounded ";
      break;
    }
    s << catch2_detail::hex(reference_.value) << " (" << catch2_detail::full(reference_.value)
      << ", exact value in [" << catch2_detail::hex(reference_.lo) << ", "
      << catch2_detail::hex(reference_.hi) << "], "
      << (request_.fmt == oracle::format::binary32 ? "binary32" : "binary64") << ")";
    if (matched_once_) {
      s << "; observed " << catch2_detail::hex(observed_) << " (" << catch2_detail::full(observed_)
        << "), ";
      const std::int64_t d = request_.fmt == oracle::format::binary32
                                 ? oracle::ulp_distance(static_cast<float>(reference_.value),
                                                        static_cast<float>(observed_))
                                 : oracle::ulp_distance(reference_.value, observed_);
      if (observed_ != observed_)
        s << "NaN";
      else
        s << d << " ulps from it";
    }
    return s.str();
  }

  /// The oracle's answer the matcher compares with.
  [[nodiscard]] const oracle::result& reference() const { return reference_; }

private:
  oracle::request request_;
  criterion criterion_;
  std::int64_t ulps_;
  double rel_;
  oracle::result reference_;
  mutable double observed_ = 0; ///< the last value matched, for describe()
  mutable bool matched_once_ = false;
};

/// Matchers on any oracle request: every measure of the table (logits, parameters such as renyi's
/// alpha, variants, bases). The value compared is a double (binary32: a float widened).
/// Example: REQUIRE_THAT(my_renyi(p, q, 2.0), gibbs::WithinUlpsOfOracle(request, 4)).
inline OracleMatcher<double> WithinUlpsOfOracle(oracle::request r, std::int64_t ulps) {
  using M = OracleMatcher<double>;
  return M(std::move(r), M::criterion::ulps, ulps, 0);
}
inline OracleMatcher<double> IsCorrectlyRounded(oracle::request r) {
  using M = OracleMatcher<double>;
  return M(std::move(r), M::criterion::correctly_rounded, 0, 0);
}
inline OracleMatcher<double> WithinRelOfOracle(oracle::request r, double rel) {
  using M = OracleMatcher<double>;
  return M(std::move(r), M::criterion::relative, 0, rel);
}

/// Matches a value within `ulps` units in the last place of the oracle's value of f(p).
/// Example: REQUIRE_THAT(my_entropy(p), gibbs::WithinUlpsOfOracle(gibbs::entropy, p, 2)).
template <class P>
OracleMatcher<result_t<P>> WithinUlpsOfOracle(catch2_detail::one_fn<P> f, const P& p,
                                              std::int64_t ulps) {
  using M = OracleMatcher<result_t<P>>;
  return M(catch2_detail::request_for(f, p), M::criterion::ulps, ulps, 0);
}
/// Matches a value within `ulps` units in the last place of the oracle's value of f(p, q).
/// Example: REQUIRE_THAT(my_kl(p, q), gibbs::WithinUlpsOfOracle(gibbs::kl_divergence, p, q, 4)).
template <class P, class Q>
OracleMatcher<result_t<P, Q>> WithinUlpsOfOracle(catch2_detail::two_fn<P, Q> f, const P& p,
                                                 const Q& q, std::int64_t ulps) {
  using M = OracleMatcher<result_t<P, Q>>;
  return M(catch2_detail::request_for(f, p, q), M::criterion::ulps, ulps, 0);
}

/// Matches only the correctly rounded value of f(p).
template <class P>
OracleMatcher<result_t<P>> IsCorrectlyRounded(catch2_detail::one_fn<P> f, const P& p) {
  using M = OracleMatcher<result_t<P>>;
  return M(catch2_detail::request_for(f, p), M::criterion::correctly_rounded, 0, 0);
}
/// Matches only the correctly rounded value of f(p, q).
template <class P, class Q>
OracleMatcher<result_t<P, Q>> IsCorrectlyRounded(catch2_detail::two_fn<P, Q> f, const P& p,
                                                 const Q& q) {
  using M = OracleMatcher<result_t<P, Q>>;
  return M(catch2_detail::request_for(f, p, q), M::criterion::correctly_rounded, 0, 0);
}

/// Matches a value whose relative error from the exact f(p) is at most rel.
template <class P>
OracleMatcher<result_t<P>> WithinRelOfOracle(catch2_detail::one_fn<P> f, const P& p, double rel) {
  using M = OracleMatcher<result_t<P>>;
  return M(catch2_detail::request_for(f, p), M::criterion::relative, 0, rel);
}
/// Matches a value whose relative error from the exact f(p, q) is at most rel.
template <class P, class Q>
OracleMatcher<result_t<P, Q>> WithinRelOfOracle(catch2_detail::two_fn<P, Q> f, const P& p,
                                                const Q& q, double rel) {
  using M = OracleMatcher<result_t<P, Q>>;
  return M(catch2_detail::request_for(f, p, q), M::criterion::relative, 0, rel);
}

} // namespace gibbs

#endif // GIBBS_CATCH2_HPP
