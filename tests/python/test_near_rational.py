"""Values a hair from a rational: logits cross-entropy, BCE with logits and Renyi divergence whose
exact value is a number of the format, a rounding midpoint or a decimal tie plus (or minus) a
tail far below any enclosure's width (rational.hpp, part 5: the verdict `near`).

References, computed here without gibbs:
- mpmath at 4 * (bits of the tail) + 2000 bits, then rounded exactly (Fractions, integer
  arithmetic) to the format; each case is built so that its tail is e^-(a few thousand) or
  larger, so the mpmath value's error (2^-prec relative) is far below the tail and the rounding
  is that of the exact value;
- for tails like e^-(2^53), which no arithmetic resolves, the sign argument written out in each
  case: the value is the stated rational X plus or minus a positive tail below 2^-1000 |X|, so
  it rounds as X moved an infinitesimal step to that side (computed by the same Fraction code,
  with the step 2^-5000 |X|).
"""
import math
from decimal import MAX_EMAX, MIN_EMIN, ROUND_HALF_EVEN, Decimal, localcontext
from fractions import Fraction as Fr

import mpmath
import numpy as np
import pytest

import gibbs

# (precision p with the implicit bit, least normal exponent, largest finite value)
FORMATS = {
    "binary64": (53, -1022),
    "binary32": (24, -126),
    "binary16": (11, -14),
    "bfloat16": (8, -126),
}


def round_fraction(x, fmt, mode):
    """x (a Fraction) rounded to the format: mode 'n' nearest-even, 'd' down, 'u' up."""
    p, emin = FORMATS[fmt]
    if x == 0:
        return Fr(0)
    a = abs(x)
    e = a.numerator.bit_length() - a.denominator.bit_length()
    while Fr(2) ** e > a:
        e -= 1
    while Fr(2) ** (e + 1) <= a:
        e += 1
    q = Fr(2) ** (max(e, emin) - p + 1)  # the spacing at x
    n, r = divmod(a, q)
    if mode == "n":
        up = r > q / 2 or (r == q / 2 and n % 2 == 1)
    else:
        up = r != 0 and ((mode == "u") == (x > 0))
    return (n + up) * q * (1 if x > 0 else -1)


def from_mpf(v):
    sign, m, e, _ = mpmath.mpf(v)._mpf_  # man_exp drops the sign
    return (-1) ** sign * Fr(int(m)) * Fr(2) ** int(e)


def check(request, exact_value, fmt="binary64", digits=0):
    """gibbs' answer against the exact Fraction (or the side-stepped rational)."""
    r = gibbs.evaluate(dict(request, type=fmt, **({"digits": digits} if digits else {})))
    assert Fr(float(r.value)) == round_fraction(exact_value, fmt, "n"), request
    assert Fr(float(r.lo)) == round_fraction(exact_value, fmt, "d"), request
    assert Fr(float(r.hi)) == round_fraction(exact_value, fmt, "u"), request
    assert not bool(r.exact)
    if digits:
        with localcontext() as c:
            c.prec = digits
            c.rounding = ROUND_HALF_EVEN
            d = Decimal(exact_value.numerator) / Decimal(exact_value.denominator)
        assert Decimal(r.digits) == d, (request, r.digits, d)


def mp_value(f, bits):
    with mpmath.workprec(bits):
        return from_mpf(f())


def logsumexp(z):
    m = max(z)
    return m + mpmath.log(mpmath.fsum(mpmath.exp(mpmath.mpf(x) - m) for x in z))


@pytest.mark.parametrize("fmt", list(FORMATS))
@pytest.mark.parametrize("k", [3, 7, 12])
def test_logits_class_target_a_midpoint_plus_a_tail_rounds_up(fmt, k):
    # z = (-a, 2^k), class 0: 2^k + a + log1p(e^-(2^k + a)), and 2^k + a is the midpoint above
    # 2^k in the format (a = half its spacing there)
    p = FORMATS[fmt][0]
    a = 2.0 ** (k - p)
    z = [-a, 2.0**k]
    bits = 4 * 2**k * 2 + 2000
    x = mp_value(lambda: logsumexp(z) - mpmath.mpf(z[0]), bits)
    assert x > Fr(2) ** k + Fr(a)  # the tail is positive and resolved
    check({"measure": "logits_cross_entropy", "logits": z, "target": 0}, x, fmt)


@pytest.mark.parametrize("fmt", ["binary64", "binary32"])
def test_logits_with_weights_smoothing_and_a_soft_target(fmt):
    z = [-0.5, 1024.0, -3.0]
    eps = 0.25
    w = [0.75, 1.0, 0.5]
    bits = 12000

    def loss(t):
        A = [logsumexp(z) - mpmath.mpf(x) for x in z]
        K, e = len(z), mpmath.mpf(eps)
        if isinstance(t, int):
            return (1 - e) * w[t] * A[t] + e / K * mpmath.fsum(w[k] * A[k] for k in range(K))
        return mpmath.fsum(w[k] * ((1 - e) * t[k] + e / K) * A[k] for k in range(K))

    for t in [0, 2, [0.5, 0.0, 0.5]]:
        x = mp_value(lambda: loss(t), bits)
        req = {"measure": "logits_cross_entropy", "logits": z, "target": t, "weight": w}
        req["label_smoothing"] = eps
        check(req, x, fmt)


def test_logits_midpoints_whose_tail_no_arithmetic_resolves():
    # 2^53 + 1 + log1p(e^-(2^53 + 1)): the binary64 midpoint 2^53 + 1 plus a tail of 2^-(1.3e16)
    step = Fr(1, 2**5000)
    X = Fr(2**53 + 1)
    check({"measure": "logits_cross_entropy", "logits": [-1, 2.0**53], "target": 0}, X + step * X)
    # binary32: 2^24 + 1, the midpoint between 2^24 and 2^24 + 2
    X = Fr(2**24 + 1)
    req = {"measure": "logits_cross_entropy", "logits": [-1, 2.0**24], "target": 0}
    check(req, X + step * X, "binary32")
    # a soft target (1/2, 1/2): 2^52 + 1/2 + log1p(e^-(2^53 + 1)), a midpoint; and the sum of two
    # such rows, 2^54 + 2 plus twice the tail, a midpoint too
    X = Fr(2**52) + Fr(1, 2)
    req = {"measure": "logits_cross_entropy", "logits": [-1, 2.0**53], "target": [0.5, 0.5]}
    check(req, X + step * X)
    X = Fr(2**54 + 2)
    req = {"measure": "logits_cross_entropy", "logits": [[-1, 2.0**53]] * 2, "target": [0, 0]}
    check(dict(req, reduction="sum"), X + step * X)
    # a decimal tie at 16 digits: 9007199254740994.5 plus the tail rounds up
    X = Fr(2**53 + 2) + Fr(1, 2)
    req = {"measure": "logits_cross_entropy", "logits": [-2.5, 2.0**53], "target": 0}
    check(req, X + step * X, digits=16)


def test_a_decimal_tie_plus_a_resolved_tail():
    # 4096.5 + log1p(e^-4097): 4 digits are a tie that the tail breaks upward (4.097e+03)
    z = [-0.5, 4096.0]
    x = mp_value(lambda: logsumexp(z) - mpmath.mpf(z[0]), 30000)
    check({"measure": "logits_cross_entropy", "logits": z, "target": 0}, x, digits=4)
    check({"measure": "logits_cross_entropy", "logits": z, "target": 0}, x, digits=40)


@pytest.mark.parametrize("j", [0, 1, 3])
def test_bce_with_logits_at_a_midpoint(j):
    # pw y softplus(-z) with z = -(2^54 + 4(2j + 1)), y = 1, pw = 3/4: 3 2^52 + 3(2j + 1), an odd
    # integer in [2^53, 2^54) (a binary64 midpoint), plus (3/4) log1p(e^z), about 2^-(2.6e16)
    zi = -(2.0**54 + 4 * (2 * j + 1))
    X = Fr(3 * 2**52 + 3 * (2 * j + 1))
    step = Fr(1, 2**5000)
    req = {"measure": "binary_cross_entropy_with_logits", "logits": [zi], "target": [1.0]}
    check(dict(req, pos_weight=[0.75]), X + step * X)


@pytest.mark.parametrize("fmt", ["binary64", "binary32"])
def test_bce_with_logits_resolved_tails(fmt):
    z = [-1000.0, 2000.0, 0.0]
    y = [1.0, 0.25, 0.5]
    w = [0.75, 1.0, 0.5]

    def softplus(v):
        return mpmath.log1p(mpmath.exp(v))

    def loss():
        return mpmath.fsum(
            w[i] * (y[i] * softplus(-mpmath.mpf(z[i])) + (1 - y[i]) * softplus(mpmath.mpf(z[i])))
            for i in range(3)
        )

    x = mp_value(loss, 12000)
    req = {"measure": "binary_cross_entropy_with_logits", "logits": z, "target": y, "weight": w}
    check(dict(req, reduction="sum"), x, fmt)


@pytest.mark.parametrize("fmt,j", [("binary64", 10), ("binary16", 10), ("bfloat16", 7)])
def test_renyi_of_large_order_near_a_rational(fmt, j):
    # p = (1/2, 1/2), q = (1/32, 31/32), alpha = 2^j + 1, base 2: 4 - 2^-j plus
    # log2(1 + 31^-(2^j)) / 2^j; 4 - 2^-j is a number of binary64 and a midpoint of binary16
    # (j = 10) and bfloat16 (j = 7)
    p, q, alpha = [0.5, 0.5], [1 / 32, 31 / 32], 2.0**j + 1

    def D():
        b = mpmath.mpf(alpha) - 1
        S = mpmath.fsum(mpmath.mpf(a) ** alpha * mpmath.mpf(c) ** (1 - alpha) for a, c in zip(p, q))
        return mpmath.log(S) / b / mpmath.log(2)

    x = mp_value(D, 4 * 5 * 2**j + 2000)
    check({"measure": "renyi", "p": p, "q": q, "alpha": alpha, "base": 2}, x, fmt)


def test_renyi_of_huge_order():
    # alpha = 2^52 + 1: 4 - 2^-52, a binary64 midpoint, plus about 2^-(2.2e16): rounds up to 4
    step = Fr(1, 2**5000)
    X = 4 - Fr(1, 2**52)
    req = {"measure": "renyi", "p": [0.5, 0.5], "q": [1 / 32, 31 / 32], "base": 2}
    check(dict(req, alpha=2.0**52 + 1), X + step * X)
    # alpha = 2^1016, in any order of the terms: 485 ln 2 + ln(1/4) / (2^1016 - 1) plus a tail
    # below e^-(2^1016); base 2: 485 - 2 / (2^1016 - 1), below 485
    p, q = [0.25, 0.5, 0.25], [1.0, 2.0**-387, 2.0**-487]
    beta = 2**1016 - 1
    nats = mp_value(lambda: 485 * mpmath.log(2) + mpmath.log(0.25) / beta, 4000)
    for order in [(0, 1, 2), (2, 0, 1), (1, 2, 0)]:
        req = {"measure": "renyi", "alpha": 2.0**1016}
        req["p"] = [p[i] for i in order]
        req["q"] = [q[i] for i in order]
        check(req, nats)
        # X is 2^-1015 below 485, no boundary lies between X and the value
        check(dict(req, base=2), 485 - Fr(2, beta))


def test_the_step_of_the_side_argument_is_far_below_the_gaps():
    # the references above move X by 2^-5000 |X|; the gaps to the next binary64 boundary are
    # 2^-54 |X| or more, so that step changes no rounding but the tie's
    assert math.ldexp(1, -54) > 2.0**-5000


# softmax, log_softmax and the gradient of the cross-entropy (one result per logit): a row
# dominated by one logit puts each output a hair from a rational (softmax.hpp, near_elements).


def check_outputs(request, exact_values, fmt="binary64", digits=0):
    """Every output of a vector-valued answer against its exact Fraction."""
    r = gibbs.evaluate(dict(request, type=fmt, **({"digits": digits} if digits else {})))
    values, los, his = (list(np.ravel(a)) for a in (r.value, r.lo, r.hi))
    assert len(values) == len(exact_values)
    for j, x in enumerate(exact_values):
        assert Fr(float(values[j])) == round_fraction(x, fmt, "n"), (request, j)
        assert Fr(float(los[j])) == round_fraction(x, fmt, "d"), (request, j)
        assert Fr(float(his[j])) == round_fraction(x, fmt, "u"), (request, j)
        if x != 0 and round_fraction(x, fmt, "n") == 0:  # the sign of a zero is the value's
            assert math.copysign(1, float(values[j])) == (1 if x > 0 else -1), (request, j)
        if digits:
            with localcontext() as c:
                c.prec = digits
                c.rounding = ROUND_HALF_EVEN
                d = Decimal(x.numerator) / Decimal(x.denominator)
            assert Decimal(r.digits[j]) == d, (request, j, r.digits[j], d)


STEP = Fr(1, 2**5000)


def near(X, side):
    """The rational X moved an infinitesimal step to `side` (a tail no arithmetic resolves)."""
    return X + side * STEP * (abs(X) if X != 0 else 1)


def test_log_softmax_at_a_midpoint_whose_tail_no_arithmetic_resolves():
    # z = (-1, 2^53): -(2^53 + 1) - log1p(e^-(2^53 + 1)), just below a binary64 midpoint, and
    # -log1p(e^-(2^53 + 1)), a negative number far below the least subnormal
    check_outputs({"measure": "log_softmax", "logits": [-1, 2.0**53]},
                  [near(Fr(-(2**53 + 1)), -1), near(Fr(0), -1)])
    check_outputs({"measure": "log_softmax", "logits": [-1, 2.0**24]},
                  [near(Fr(-(2**24 + 1)), -1), near(Fr(0), -1)], "binary32")
    # a decimal tie at 16 digits: -9007199254740994.5 minus the tail has the digits ...995
    r = gibbs.evaluate({"measure": "log_softmax", "logits": [-2.5, 2.0**53], "digits": 16})
    assert Decimal(r.digits[0]) == Decimal("-9007199254740995")


@pytest.mark.parametrize("fmt,top", [("binary16", 2048.0), ("bfloat16", 256.0)])
def test_log_softmax_at_a_midpoint_with_a_resolved_tail(fmt, top):
    # z = (-1, top): -(top + 1) is a midpoint of the format (spacing 2 at top); the tail
    # log1p(e^-(top + 1)) is resolved by mpmath
    z = [-1.0, top]
    bits = 4 * int(top * 1.5) + 2000
    xs = [mp_value(lambda v=v: mpmath.mpf(v) - logsumexp(z), bits) for v in z]
    assert -Fr(int(top) + 1) > xs[0] > -Fr(int(top) + 1) - Fr(1, 2**100)
    check_outputs({"measure": "log_softmax", "logits": z}, xs, fmt)


def test_softmax_of_k_equal_maxima_and_a_far_logit():
    # 8 equal maxima and one logit 2^53 below: 1/8 - tau (a decimal tie at 2 digits) and
    # e^-(2^53) / (8 + r), far below the least subnormal
    z = [0.0] * 8 + [-(2.0**53)]
    xs = [near(Fr(1, 8), -1)] * 8 + [near(Fr(0), 1)]
    check_outputs({"measure": "softmax", "logits": z}, xs)
    r = gibbs.evaluate({"measure": "softmax", "logits": z, "digits": 2})
    assert [Decimal(d) for d in r.digits[:8]] == [Decimal("0.12")] * 8
    # resolved: the far logit 3000 below, 1/8 - tau by mpmath
    z = [0.0] * 8 + [-3000.0]
    with mpmath.workprec(20000):
        s = mpmath.fsum(mpmath.exp(mpmath.mpf(v)) for v in z)
        xs = [from_mpf(mpmath.exp(mpmath.mpf(v)) / s) for v in z]
    assert Fr(1, 8) > xs[0]
    check_outputs({"measure": "softmax", "logits": z}, xs, "binary32")
    r = gibbs.evaluate({"measure": "softmax", "logits": z, "digits": 2})
    assert [Decimal(d) for d in r.digits[:8]] == [Decimal("0.12")] * 8


def test_the_gradient_near_a_midpoint_and_a_decimal_tie():
    # target (3 2^-54, 1/2, 1/2 - 3 2^-54), logits (0, -2^53, -2^53): output 0 is
    # 1 - 3 2^-54 - tau, just below a binary64 midpoint; outputs 1, 2 are -t_i + e^-(2^53) / (1 + r)
    t = [3 * 2.0**-54, 0.5, 0.5 - 3 * 2.0**-54]
    z = [0.0, -(2.0**53), -(2.0**53)]
    xs = [near(1 - Fr(t[0]), -1), near(-Fr(t[1]), 1), near(-Fr(t[2]), 1)]
    check_outputs({"measure": "logits_cross_entropy_grad", "logits": z, "target": t,
                   "reduction": "sum"}, xs)
    # a class index in a batch of 8 rows, mean: -1/8 + tiny for the target (a decimal tie at 2
    # digits, rounded toward 0 by the tail), (1 - tau) / 8 for the maximum
    rows = [[0.0, -(2.0**53)]] * 8
    req = {"measure": "logits_cross_entropy_grad", "logits": rows, "target": [1] * 8}
    check_outputs(req, [near(Fr(1, 8), -1), near(Fr(-1, 8), 1)] * 8)
    r = gibbs.evaluate(dict(req, digits=2))
    assert [Decimal(d) for d in r.digits[:2]] == [Decimal("0.12"), Decimal("-0.12")]


def decimal_of_tiny(x, digits):
    """The decimal digits of an mpmath number of any exponent (mpmath's exponents are unbounded),
    rounded to nearest from a value 40 digits more precise; as gibbs prints them."""
    with mpmath.workdps(digits + 60):
        e = int(mpmath.floor(mpmath.log10(abs(x))))
        m = x / mpmath.mpf(10) ** e
        if abs(m) >= 10:
            m, e = m / 10, e + 1
        if abs(m) < 1:
            m, e = m * 10, e - 1
        text = mpmath.nstr(m, digits + 40, strip_zeros=False)
    with localcontext() as c:
        c.prec = digits
        c.rounding = ROUND_HALF_EVEN
        c.Emin, c.Emax = MIN_EMIN, MAX_EMAX
        return (+Decimal(text)).scaleb(e)


def test_digits_of_outputs_far_below_the_least_subnormal():
    # -log1p(e^-(2^53 + 1)) and e^-(2^53) / (8 + r) have exponents near -3.9e15, inside MPFR's
    # widest exponent range (which the enclosures use) but far outside its default one
    with mpmath.workdps(80):
        tiny = -mpmath.log1p(mpmath.exp(-mpmath.mpf(2**53 + 1)))
        tiny8 = mpmath.exp(-mpmath.mpf(2**53)) / 8
        want, want8 = decimal_of_tiny(tiny, 16), decimal_of_tiny(tiny8, 12)
    r = gibbs.evaluate({"measure": "log_softmax", "logits": [-1, 2.0**53], "digits": 16})
    assert Decimal(r.digits[1]) == want
    assert float(r.value[1]) == 0 and math.copysign(1, float(r.value[1])) == -1
    r = gibbs.evaluate({"measure": "softmax", "logits": [0.0] * 8 + [-(2.0**53)], "digits": 12})
    assert Decimal(r.digits[8]) == want8


def test_bce_with_logits_grad_digits_of_huge_logits():
    # z = 10^4, y = 1/4: 3/4 - e^-(10^4) / (1 + e^-(10^4)); at 5000 digits the tail shows (4427
    # nines), at 10000 digits with z = 10^6 it is far below the last digit (7.5000...)
    req = {"measure": "binary_cross_entropy_with_logits_grad", "target": [0.25], "reduction": "sum"}
    with mpmath.workdps(5100):
        g = 1 / (1 + mpmath.exp(-mpmath.mpf(10000))) - mpmath.mpf(0.25)
        want = Decimal(mpmath.nstr(g, 5060, strip_zeros=False))
    with localcontext() as c:
        c.prec = 5000
        want = +want
    r = gibbs.evaluate(dict(req, logits=[1e4], digits=5000))
    assert Decimal(r.digits[0]) == want
    r = gibbs.evaluate(dict(req, logits=[1e6], digits=10000))
    assert Decimal(r.digits[0]) == Decimal("0.75")
    # y = 1: -e^-(10^4) / (1 + e^-(10^4)), 1.1355e-4343 below zero
    with mpmath.workdps(80):
        tiny = -mpmath.exp(-mpmath.mpf(10000)) / (1 + mpmath.exp(-mpmath.mpf(10000)))
        want = decimal_of_tiny(tiny, 20)
    r = gibbs.evaluate(dict(req, logits=[1e4], target=[1.0], digits=20))
    assert Decimal(r.digits[0]) == want


@pytest.mark.parametrize("request_", [
    {"measure": "softmax", "logits": [0, 1e20]},
    {"measure": "logits_cross_entropy", "logits": [1e20, 0], "target": 0},
    {"measure": "vae_kl", "mu": [0], "logvar": [1e20]},
])
def test_digits_beyond_the_exponent_range_are_refused_by_name(request_):
    # e^-(1e20) is 2^-(1.4e20), below MPFR's least exponent 1 - 2^62: its rounding is decided,
    # its digits are refused with the reason (not as a rational at a midpoint)
    r = gibbs.evaluate(request_)
    assert math.isfinite(float(np.ravel(r.value)[0])) or request_["measure"] == "vae_kl"
    with pytest.raises(gibbs.Undecided, match="beyond MPFR's exponent range"):
        gibbs.evaluate(dict(request_, digits=3))
