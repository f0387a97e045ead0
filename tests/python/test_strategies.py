"""gibbs.strategies: what they generate is valid input of the oracle in every dtype, has the
promised features, and finds the near-equal failure of a textbook KL. The failure found is
confirmed against the Decimal reference (references.py), not only against the oracle."""
import math
from fractions import Fraction

import numpy as np
import torch
from hypothesis import HealthCheck, find, given, settings
from hypothesis import strategies as st

import gibbs
import references as ref
from gibbs.strategies import distribution_pairs, distributions, logits, near_equal_pairs
from gibbs.testing import assert_ulp_close, ulp_distance

FAST = settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
DTYPES = ["bfloat16", "float16", "float32", "float64"]
FORMAT = {"float64": "binary64", "float32": "binary32", "float16": "binary16",
          "bfloat16": "bfloat16"}


def as_np(x):
    return x.double().numpy() if isinstance(x, torch.Tensor) else x


@FAST
@given(st.data())
def test_generated_inputs_are_valid_in_every_dtype(data):
    dtype = data.draw(st.sampled_from(DTYPES))
    p, q = data.draw(distribution_pairs(dtype=dtype))
    assert (p.dtype == torch.bfloat16) if dtype == "bfloat16" else p.dtype == np.dtype(dtype)
    r = gibbs.kl(p, q, variant="generalized")  # any non-negative masses
    assert r.format == FORMAT[dtype]
    assert r.value >= 0  # the generalized KL is never negative (Gibbs)
    # Sums within the format's own tolerance: the exact variant accepts them, in the format of
    # the dtype and when given as float64 with type= (every entry a number of the format).
    gibbs.entropy(p)
    gibbs.kl(p, q)
    gibbs.kl(as_np(p).astype(np.float64), as_np(q).astype(np.float64), type=FORMAT[dtype])
    z, t = data.draw(logits(dtype=dtype))
    assert np.all(np.isfinite(as_np(z)))
    # Undecided is not invalid input: a logit gap g whose exact difference is a rounding midpoint
    # of the format makes the loss that midpoint plus log1p(exp(-g)) < 2^-(2^100) for bfloat16's
    # huge logits, which no working precision separates from the midpoint.
    for args in ((z, t, {}), (as_np(z).astype(np.float64), t, {"type": FORMAT[dtype]})):
        try:
            gibbs.logits_cross_entropy(args[0], args[1], **args[2])
        except gibbs.Undecided:
            pass


@FAST
@given(st.data())
def test_16_bit_distributions_sum_to_one_within_half_an_ulp_of_their_least_entry(data):
    dtype = data.draw(st.sampled_from(["float16", "bfloat16"]))
    p = as_np(data.draw(distributions(dtype=dtype, kinds=("random", "tiny", "spread"))))
    # half an ulp of the smallest positive entry, or the error of the binary64 sum the strategy
    # corrects with (n 2^-53); exact sum: Fractions of the exact entries
    s = sum(Fraction(float(v)) for v in p)
    smallest = min(float(v) for v in p if v > 0)
    bound = Fraction(ulp_distance_unit(smallest, dtype)) / 2 + Fraction(len(p), 2**53)
    assert abs(s - 1) <= bound
    assert abs(s - 1) <= {"float16": Fraction(1, 2**8), "bfloat16": Fraction(1, 2**5)}[dtype]


def test_16_bit_strategies_reach_subnormals_and_near_equal_pairs():
    find(distributions(dtype="float16"), lambda p: np.any((p > 0) & (p < 2.0**-14)))
    find(distributions(dtype="bfloat16"), lambda p: bool(torch.any((p > 0) & (p < 2.0**-126))))
    for dtype in ("float16", "bfloat16"):
        p, q = find(near_equal_pairs(dtype=dtype), lambda pq: not np.array_equal(
            as_np(pq[0]), as_np(pq[1])))
        assert np.all(np.abs(ulp_distance(p, q)) <= 8)


def ulp_distance_unit(x, dtype):
    """The spacing of the 16-bit format at x > 0 (from its definition: p bits, least subnormal)."""
    p, least = {"float16": (11, -24), "bfloat16": (8, -133)}[dtype]
    e = math.frexp(x)[1]
    return 2.0 ** max(e - p, least)


def test_the_strategies_reach_zeros_subnormals_one_hot_and_near_equal_pairs():
    sub = np.finfo(np.float64).tiny
    find(distributions(), lambda p: np.any(p == 0) and len(p) > 2)
    find(distributions(), lambda p: np.any((p > 0) & (p < sub)))
    find(distributions(), lambda p: np.count_nonzero(p == 1.0) == 1 and len(p) > 1)
    pq = find(near_equal_pairs(), lambda pq: not np.array_equal(pq[0], pq[1]))
    p, q = pq
    assert np.all(np.abs(ulp_distance(p, q)) <= 8)
    z, _ = find(logits(), lambda zt: np.ptp(zt[0]) > 1e3)


def textbook_kl(p, q):
    p, q = np.asarray(p, np.float64), np.asarray(q, np.float64)
    m = p > 0
    return float(np.sum(p[m] * np.log(p[m] / q[m])))


def test_hypothesis_finds_the_near_equal_failure_of_a_textbook_kl():
    def wrong(pq):
        p, q = pq
        exact = ref.kl(p, q)  # Decimal: independent of the oracle
        return ulp_distance(ref.rn64(exact), textbook_kl(p, q)) not in range(-4, 5)

    p, q = find(near_equal_pairs(), wrong, settings=settings(max_examples=2000, deadline=None))
    exact = ref.kl(p, q)
    assert exact > 0  # near-equal but different: KL is tiny and positive
    got = textbook_kl(p, q)
    assert abs(ulp_distance(ref.rn64(exact), got)) > 4
    # and the oracle agrees with Decimal, so assert_ulp_close flags the textbook too
    assert gibbs.kl(p, q).value == ref.rn64(exact)
    try:
        assert_ulp_close(got, "kl", p, q, max_ulps=4)
    except AssertionError as e:
        assert "of the correctly rounded kl" in str(e)
    else:
        raise AssertionError("assert_ulp_close passed the textbook KL on %r, %r" % (p, q))
