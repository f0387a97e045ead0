"""Checking PyTorch's cross_entropy and kl_div against the gibbs oracle, over a batch, in float32
and bfloat16 — the test a kernel author writes. Run with the gibbs pytest plugin:

    PYTHONPATH=build/python /usr/bin/python3 -m pytest -p gibbs.pytest_plugin examples/python

Each row of the batch is one distribution (or one row of logits with its class); the oracle gives
the correctly rounded value of every row in the inputs' format and the assertion names the worst
row. The tolerances are what PyTorch 1.13 achieves on these inputs on this CPU (its float32
kernels sum in float32, so the error grows with the support and with cancellation); a
regression beyond them fails with the row, its ulps and the exact value.

bfloat16: the inputs are read exactly and the oracle rounds the exact value once to bfloat16, so
PyTorch's bfloat16 answer is counted in bfloat16 ulps from the correctly rounded bfloat16 value.
"""
import pytest
import torch
import torch.nn.functional as F

import gibbs
from gibbs.testing import assert_ulp_close

ROWS, N = 64, 1000


def batch(dtype, seed):
    g = torch.Generator().manual_seed(seed)
    logits = (torch.randn(ROWS, N, generator=g) * 3).to(dtype)
    target = torch.randint(0, N, (ROWS,), generator=g)
    return logits, target


def distributions(dtype, seed):
    g = torch.Generator().manual_seed(seed)
    w = torch.rand(ROWS, N, generator=g, dtype=torch.float64) + 0.01
    p = (w / w.sum(dim=1, keepdim=True)).to(dtype)
    return p


def test_cross_entropy_float32(oracle):
    z, t = batch(torch.float32, 1)
    loss = F.cross_entropy(z, t, reduction="none")
    oracle.assert_ulp_close(loss, "logits_cross_entropy", z, t, max_ulps=16)


def test_cross_entropy_bfloat16(oracle):
    z, t = batch(torch.bfloat16, 2)
    loss = F.cross_entropy(z, t, reduction="none")
    assert loss.dtype == torch.bfloat16
    assert gibbs.logits_cross_entropy(z, t).format == "bfloat16"
    oracle.assert_ulp_close(loss, "logits_cross_entropy", z, t, max_ulps=2)


def test_kl_div_float32(oracle):
    p = distributions(torch.float32, 3)
    q = distributions(torch.float32, 4)
    # kl_div(input = log q, target = p) is p (log p - log q) elementwise: sum each row.
    kl = F.kl_div(q.log(), p, reduction="none").sum(dim=1)
    oracle.assert_ulp_close(kl, "kl", p, q, max_ulps=4096)


def test_kl_div_bfloat16(oracle):
    p = distributions(torch.bfloat16, 5)
    q = distributions(torch.bfloat16, 6)
    kl = F.kl_div(q.log(), p, reduction="none").sum(dim=1)
    # the bfloat16 sums are off 1 by up to a few bfloat16 ulps: take the masses as they are
    oracle.assert_ulp_close(kl, "kl", p, q, variant="generalized", max_ulps=64)


def test_kl_div_near_equal_rows_are_wrong_in_float32():
    """The known failure, kept as a test that it is caught: for q = p moved by one ulp in two
    entries, the exact KL is tiny and positive, and kl_div's sum is noise."""
    p = distributions(torch.float32, 7)
    q = p.clone()
    q[:, 0] = torch.nextafter(p[:, 0], torch.tensor(1.0))
    q[:, 1] = p[:, 1] - (q[:, 0] - p[:, 0])
    kl = F.kl_div(q.log(), p, reduction="none").sum(dim=1)
    with pytest.raises(AssertionError, match="Worst: row"):
        assert_ulp_close(kl, "kl", p, q, max_ulps=4096)
