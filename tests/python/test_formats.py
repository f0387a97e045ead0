"""binary16 (NumPy/torch float16) and bfloat16 (torch.bfloat16) in the Python package: every
measure against an independent reference, batches against row-by-row calls, type= on wider
inputs, the rounding that binary64 gets wrong, and ulps counted in the 16-bit formats.

References: the Decimal formulas of references.py (80 significant digits on the exact inputs),
rounded to the format by round_small below, which is written from the formats' definitions (p
significant bits, least normal exponent emin, largest exponent emax) and uses neither gibbs,
NumPy's nor torch's conversions.
"""
import functools
import math
from decimal import ROUND_HALF_EVEN, Decimal, DivisionByZero, localcontext

import numpy as np
import pytest
import torch

import gibbs
import references as ref
from gibbs.testing import assert_ulp_close, ulp_distance
from test_measures import CASES, PARAMETERS, convert

# format: (p, emin, emax)
FORMATS = {"binary16": (11, -14, 15), "bfloat16": (8, -126, 127)}


def round_small(d, fmt):
    """The number of fmt nearest the Decimal d (ties to even), as a float: for 2^e <= |d| <
    2^(e+1) the numbers near d are the multiples n 2^q, q = max(e, emin) - p + 1 (subnormals
    included), and |d| / 2^q is rounded to an integer n; a result of 2^(emax+1) or more is inf."""
    p, emin, emax = FORMATS[fmt]
    d = Decimal(d)
    if d == 0:
        return 0.0
    sign = -1.0 if d < 0 else 1.0
    a = d.copy_abs()  # exact (abs() would round to the context's precision)
    with localcontext() as c:
        c.prec = 200  # every 2^k and n 2^q below is exact at 200 digits
        two = Decimal(2)
        e = math.frexp(float(a))[1] - 1
        while two ** e > a:
            e -= 1
        while two ** (e + 1) <= a:
            e += 1
        q = max(e, emin) - p + 1
        n = (a / two ** q).to_integral_value(rounding=ROUND_HALF_EVEN)
        r = n * two ** q
        if r >= two ** (emax + 1):
            return sign * math.inf
        return sign * float(r)  # exact: n <= 2^p, so r is a double


def is_number_of(x, fmt):
    return round_small(Decimal(float(x)), fmt) == float(x)


def test_round_small_by_hand():
    # Decimal(float) is exact: these are the exact values written.
    assert round_small(Decimal(1 + 2**-8), "bfloat16") == 1.0  # a tie, to even
    assert round_small(Decimal(1 + 3 * 2**-8), "bfloat16") == 1 + 2**-6  # a tie, to even
    assert round_small(Decimal(1 + 2**-8) + Decimal(2.0**-60), "bfloat16") == 1 + 2**-7
    assert round_small(Decimal(2.0**-134), "bfloat16") == 0.0  # half the least subnormal: even
    assert round_small(Decimal(3 * 2.0**-134), "bfloat16") == 2.0**-132
    assert round_small(Decimal(3 * 2.0**-25), "binary16") == 2.0**-23  # a tie, to even
    assert round_small(Decimal(-(2.0**-15 + 3 * 2.0**-26)), "binary16") == -(2.0**-15 + 2.0**-24)
    assert round_small(Decimal(65520), "binary16") == math.inf  # 65504 + half an ulp
    assert round_small(Decimal(65519), "binary16") == 65504.0


# (format, kind): how the inputs are given. torch.float16 and NumPy float16 for binary16,
# torch.bfloat16 for bfloat16 (NumPy has no bfloat16), and float64 arrays with type=.
INPUT_KINDS = [("binary16", "numpy"), ("binary16", "torch"), ("binary16", "float64+type"),
               ("bfloat16", "torch"), ("bfloat16", "float64+type")]
TORCH_DTYPE = {"binary16": "float16", "bfloat16": "bfloat16"}
RESULT_DTYPE = {"binary16": np.float16, "bfloat16": np.float64}


def inputs_of(x, fmt, kind):
    if kind == "numpy":
        return convert(x, "numpy", "float16")
    if kind == "torch":
        return convert(x, "torch", TORCH_DTYPE[fmt])
    return convert(x, "numpy", "float64")


@pytest.mark.parametrize("name", sorted(CASES))
@pytest.mark.parametrize("fmt,kind", INPUT_KINDS)
def test_measure_in_16_bit_formats_matches_the_decimal_reference(name, fmt, kind):
    lists, reference = CASES[name]
    args = [inputs_of(x, fmt, kind) for x in lists]
    kw = dict(PARAMETERS.get(name, {}))
    if kind == "float64+type":
        kw["type"] = fmt
    r = getattr(gibbs, name)(*args, **kw)
    assert r.format == fmt
    want = round_small(reference(*lists), fmt)
    assert float(r.value) == want, (r, want)
    assert r.value.dtype == RESULT_DTYPE[fmt]
    if not r.exact:  # (an exact value is compared above: Decimal may differ from it by 1e-80)
        assert Decimal(float(r.lo)) < reference(*lists) < Decimal(float(r.hi))
    assert is_number_of(r.lo, fmt) and is_number_of(r.hi, fmt)
    assert (r.lo == r.hi) == r.exact


def test_bfloat16_is_rounded_once_not_through_binary64():
    # cross-entropy in bits = (1 - 2^-8) 1 + 2^-8 2 + 0 + 2^-133 3 = 1 + 2^-8 + 3 2^-133: above
    # the bfloat16 midpoint 1 + 2^-8, but binary64 rounds it to that midpoint, which then ties to 1.
    p = [1 - 2**-8, 2**-8, 0.0, 2**-133]
    q = [0.5, 0.25, 0.125, 0.125]
    exact = ref.cross_entropy(p, q) / Decimal(2).ln()
    assert round_small(exact, "bfloat16") == float.fromhex("0x1.02p0")
    assert round_small(Decimal(float(exact)), "bfloat16") == 1.0  # the double rounding
    for args, kw in [((p, q), dict(type="bfloat16")),
                     ((np.array(p), np.array(q)), dict(type="bfloat16")),
                     ((torch.tensor(p, dtype=torch.bfloat16),
                       torch.tensor(q, dtype=torch.bfloat16)), {})]:
        r = gibbs.cross_entropy(*args, base=2, **kw)
        assert r.format == "bfloat16"
        assert float(r.value) == float.fromhex("0x1.02p0"), r
        assert Decimal(float(r.lo)) <= exact <= Decimal(float(r.hi))


def rows_in(fmt, w):
    """A float64 batch rounded to the format: NumPy float16, or a torch bfloat16 tensor."""
    if fmt == "binary16":
        return w.astype(np.float16)
    return torch.from_numpy(w).to(torch.bfloat16)


def as_float64(x):
    return x.double().numpy() if isinstance(x, torch.Tensor) else x.astype(np.float64)


@pytest.mark.parametrize("name", ["entropy", "cross_entropy", "kl", "reverse_kl", "js",
                                  "generalized_kl", "total_variation", "hellinger",
                                  "chi_squared", "renyi"])
@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_16_bit_batched_rows_equal_row_by_row(name, fmt):
    rng = np.random.default_rng(5)
    rows, n = 23, 40
    w = rng.random((rows, n)) + 0.05
    w[:, 0] = 0.0  # a zero in every row of p
    # Rounding each entry moves the sum by at most 2^-p of it: within the tolerance 4 eps.
    p = rows_in(fmt, w / w.sum(axis=1, keepdims=True))
    v = rng.random((rows, n)) + 0.05
    q = rows_in(fmt, v / v.sum(axis=1, keepdims=True))
    fn = functools.partial(getattr(gibbs, name), **PARAMETERS.get(name, {}))
    args = (p,) if name == "entropy" else (p, q)
    batch = fn(*args)
    assert batch.batched and len(batch) == rows and batch.format == fmt
    assert batch.value.dtype == RESULT_DTYPE[fmt]
    for i in range(rows):
        row = fn(*(a[i] for a in args))
        assert (batch.value[i], batch.lo[i], batch.hi[i], batch.exact[i]) == (
            row.value, row.lo, row.hi, row.exact)
    one_thread = fn(*args, threads=1)
    wide = fn(*(as_float64(a) for a in args), type=fmt)
    for field in ("value", "lo", "hi", "exact"):
        assert np.array_equal(getattr(batch, field), getattr(one_thread, field))
        assert np.array_equal(getattr(batch, field), getattr(wide, field))
    if fmt == "binary16":
        tb = fn(*(torch.from_numpy(a) for a in args))
        assert np.array_equal(tb.value, batch.value)
    # spot-check rows against the reference
    reference = CASES[name][1]
    for i in (0, rows - 1):
        lists = [as_float64(a)[i].tolist() for a in args]
        try:
            want = round_small(reference(*lists), fmt)
        except DivisionByZero:  # reverse_kl: q_0 > 0 = p_0, the value is +inf
            want = math.inf
        assert float(batch.value[i]) == want


def test_type_on_wider_inputs_needs_numbers_of_the_format():
    with pytest.raises(gibbs.InvalidInput,
                       match=r"q\[0\] = 0\.1.* is not a bfloat16 number; in format bfloat16"):
        gibbs.kl([0.5, 0.5], [0.1, 0.9], type="bfloat16")
    # 1 - 2^-10 is a binary16 number but not a bfloat16 one; 2^-30 is below binary16's range.
    p = [1 - 2**-10, 2**-10]
    assert gibbs.entropy(p, type="binary16").format == "binary16"
    with pytest.raises(gibbs.InvalidInput, match=r"p\[0\] = 0\.9990234375 is not a bfloat16"):
        gibbs.entropy(np.array(p, dtype=np.float32), type="bfloat16")
    with pytest.raises(gibbs.InvalidInput, match=r"^row 1: .*p\[0\] = 9\.31.*e-10 is not a "
                                                 r"binary16 number"):
        gibbs.entropy(np.array([[0.5, 0.5], [2**-30, 1 - 2**-30]]), type="binary16")
    with pytest.raises(gibbs.InvalidInput, match="p is float16 but q is bfloat16"):
        gibbs.kl(np.array([0.5, 0.5], np.float16), torch.tensor([0.5, 0.5], dtype=torch.bfloat16))
    with pytest.raises(gibbs.InvalidInput, match='type = "half" is unknown; use "binary64", '
                                                 '"binary32", "binary16" or "bfloat16"'):
        gibbs.entropy([1.0], type="half")


def test_a_non_contiguous_bfloat16_tensor_is_read_exactly():
    t = torch.tensor([[0.75, 9.0], [0.25, 9.0]], dtype=torch.bfloat16)[:, 0]
    assert not t.is_contiguous()
    r = gibbs.entropy(t)
    assert float(r.value) == round_small(ref.entropy([0.75, 0.25]), "bfloat16")


def test_ulp_distance_infers_the_16_bit_format():
    one = np.float16(1)
    assert ulp_distance(1.0, np.float16(1 + 2**-10)) == 1  # from b
    assert ulp_distance(one, np.float16(1 - 2**-11)) == -1
    a = torch.tensor([1.0, 2.0**-133], dtype=torch.bfloat16)
    b = torch.tensor([1 + 2**-6, 2.0**-131], dtype=torch.bfloat16)
    assert list(ulp_distance(a, b)) == [2, 3]
    assert list(ulp_distance(np.array([1.0, 2.0**-133]), b)) == [2, 3]
    with pytest.raises(ValueError, match="pass format="):
        ulp_distance(one, a[:1])


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_assert_ulp_close_counts_ulps_of_the_16_bit_format(fmt):
    lists = ([0.5, 0.25, 0.125, 0.125], [0.25, 0.25, 0.25, 0.25])
    args = [inputs_of(x, fmt, "torch") for x in lists]
    exact = round_small(ref.kl(*lists), fmt)
    p, _, _ = FORMATS[fmt]
    spacing = 2.0 ** (math.frexp(exact)[1] - p)  # exact is a normal number here
    two_off = exact + 2 * spacing
    assert is_number_of(two_off, fmt)
    answer = torch.tensor([two_off], dtype=getattr(torch, TORCH_DTYPE[fmt]))
    assert_ulp_close(answer, "kl", *args, max_ulps=2)
    with pytest.raises(AssertionError, match=r"\(%s\)(.|\n)*\+2 ulps" % fmt):
        assert_ulp_close(answer, "kl", *args, max_ulps=1)
    assert_ulp_close(exact, "kl", *args, max_ulps=0)


def test_evaluate_takes_the_16_bit_types():
    r = gibbs.evaluate({"measure": "entropy", "p": [0.75, 0.25], "type": "bfloat16"})
    assert r.format == "bfloat16" and float(r.value) == round_small(ref.entropy([0.75, 0.25]),
                                                                     "bfloat16")
    r = gibbs.evaluate({"measure": "entropy", "p": np.array([0.75, 0.25], np.float16),
                        "type": "binary16"})
    assert r.format == "binary16" and r.value.dtype == np.float16
    assert float(r.value) == round_small(ref.entropy([0.75, 0.25]), "binary16")
