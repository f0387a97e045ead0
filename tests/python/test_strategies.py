"""gibbs.strategies: what they generate is valid input of the oracle in every dtype, has the
promised features, and finds the near-equal failure of a textbook KL. The failure found is
confirmed against the Decimal reference (references.py), not only against the oracle."""
import numpy as np
import torch
from hypothesis import HealthCheck, find, given, settings
from hypothesis import strategies as st

import gibbs
import references as ref
from gibbs.strategies import distribution_pairs, distributions, logits, near_equal_pairs
from gibbs.testing import assert_ulp_close, ulp_distance

FAST = settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
TYPE = {"float64": None, "float32": None, "float16": "binary32", "bfloat16": "binary32"}


def as_np(x):
    return x.float().numpy() if isinstance(x, torch.Tensor) else x


@FAST
@given(st.data())
def test_generated_inputs_are_valid_in_every_dtype(data):
    dtype = data.draw(st.sampled_from(sorted(TYPE)))
    p, q = data.draw(distribution_pairs(dtype=dtype))
    assert (p.dtype == torch.bfloat16) if dtype == "bfloat16" else p.dtype == np.dtype(dtype)
    r = gibbs.kl(p, q, type=TYPE[dtype], variant="generalized")  # any non-negative masses
    assert r.value >= 0  # the generalized KL is never negative (Gibbs)
    # float64 and float32 sum to 1 within the tolerance of their format; float16 and bfloat16
    # evaluated in binary32 (whose tolerance is below their spacing) are normalised first.
    variant = "normalized" if TYPE[dtype] else "exact"
    gibbs.entropy(p, type=TYPE[dtype], variant=variant)
    gibbs.kl(p, q, type=TYPE[dtype], variant=variant)
    z, t = data.draw(logits(dtype=dtype))
    assert np.all(np.isfinite(as_np(z)))
    gibbs.logits_cross_entropy(z, t, type=TYPE[dtype])


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
