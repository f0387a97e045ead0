"""gibbs.testing: ulp_distance against hand-counted neighbours (np.nextafter), assert_ulp_close on
a correct kernel and on one 10 ulps off (both built from the Decimal references, not from the
oracle), and the pytest plugin's oracle fixture."""
import numpy as np
import pytest
import torch

import references as ref
from gibbs.testing import assert_ulp_close, ulp_distance


def steps(x, k, dtype=np.float64):
    x = dtype(x)
    for _ in range(abs(k)):
        x = np.nextafter(x, dtype(np.inf) if k > 0 else dtype(-np.inf))
    return x


def test_ulp_distance_counts_the_numbers_in_between():
    assert ulp_distance(1.0, steps(1.0, 1)) == 1
    assert ulp_distance(steps(1.0, 7), 1.0) == -7
    assert ulp_distance(-5e-324, 5e-324) == 2
    assert ulp_distance(0.0, -0.0) == 0
    assert ulp_distance(np.float64(np.finfo(np.float64).max), np.inf) == 1
    assert ulp_distance(-np.inf, np.inf) == np.iinfo(np.int64).max
    assert ulp_distance(np.nan, 1.0) == np.iinfo(np.int64).min
    one = np.float32(1)
    assert ulp_distance(one, steps(one, 3, np.float32)) == 3
    assert ulp_distance(1.0, float(steps(one, 3, np.float32)), "binary32") == 3
    h = np.float16(0.5)
    assert ulp_distance(h, steps(h, -2, np.float16)) == -2
    # bfloat16: 1 + 2^-7 is the next number after 1
    a = torch.tensor([1.0, 1.0], dtype=torch.bfloat16)
    b = torch.tensor([1.0 + 2**-7, 1.0 - 2**-8], dtype=torch.bfloat16)
    assert list(ulp_distance(a, b, "bfloat16")) == [1, -1]
    assert list(ulp_distance(np.array([1.0, 2.0]), np.array([steps(1.0, 2), 2.0]))) == [2, 0]


P = np.array([0.5, 0.25, 0.125, 0.125])
Q = np.array([0.25, 0.25, 0.25, 0.25])


def test_assert_ulp_close_passes_a_correct_kernel_and_names_a_kernel_10_ulps_off():
    correct = ref.rn64(ref.kl(P, Q))
    assert_ulp_close(correct, "kl", P, Q, max_ulps=0)
    off = steps(correct, 10)
    assert_ulp_close(off, "kl", P, Q, max_ulps=10)
    with pytest.raises(AssertionError) as e:
        assert_ulp_close(off, "kl", P, Q, max_ulps=4)
    text = str(e.value)
    assert "Not within 4 ulps (binary64) of the correctly rounded kl" in text
    assert "+10 ulps" in text
    assert float.hex(float(correct)) in text and float.hex(float(off)) in text
    assert "enclosure:" in text


def test_assert_ulp_close_names_the_worst_row_of_a_batch_in_binary32():
    rng = np.random.default_rng(5)
    p = rng.dirichlet(np.ones(6), size=12).astype(np.float32)
    q = np.full((12, 6), np.float32(1) / 6, dtype=np.float32)
    p = p / p.sum(axis=1, keepdims=True)
    good = np.array([ref.rn32(ref.kl(p[i], q[i])) for i in range(12)], dtype=np.float32)
    assert_ulp_close(good, "kl", p, q, max_ulps=0)
    bad = good.copy()
    bad[7] = steps(good[7], -10, np.float32)
    bad[3] = steps(good[3], 2, np.float32)
    with pytest.raises(AssertionError) as e:
        assert_ulp_close(torch.from_numpy(bad), "kl", p, q, max_ulps=1)
    text = str(e.value)
    assert "Mismatched rows: 2 / 12" in text
    assert "Worst: row 7 of 12, -10 ulps" in text
    assert "(binary32)" in text
    with pytest.raises(AssertionError, match="NaN"):
        assert_ulp_close(np.where(np.arange(12) == 4, np.nan, good), "kl", p, q, max_ulps=1000)
    with pytest.raises(AssertionError, match="actual has 11 value"):
        assert_ulp_close(good[:11], "kl", p, q)


def test_oracle_fixture(oracle):
    assert oracle.kl(P, P).value == 0.0
    oracle.assert_ulp_close(ref.rn64(ref.entropy(P)), "entropy", P)
    with pytest.raises(AssertionError):
        oracle.assert_ulp_close(steps(ref.rn64(ref.entropy(P)), 2), "entropy", P)
    assert oracle.ulp_distance(1.0, steps(1.0, 1)) == 1
