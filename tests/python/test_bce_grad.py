"""gibbs.binary_cross_entropy_with_logits_grad: the gradient of binary cross-entropy with logits,
one correctly rounded result per logit. References: mpmath at 600 bits from the identity
g = w (sigma(z) (1 - y + pw y) - pw y), sigma(z) = 1 / (1 + e^-z) (gibbs computes
((1 - y) a - pw y b) / (1 + e^-|z|) instead), rounded once to binary64 by mpmath's float()
(round to nearest); and torch 1.13's autograd of F.binary_cross_entropy_with_logits in float64,
which gibbs must match within a few ulps where torch is accurate, and which it exposes where torch
is not (sigma(z) - y computed as 1 - 1 for z = 40, y = 1)."""
import math

import mpmath
import numpy as np
import pytest
import torch
import torch.nn.functional as F

import gibbs

mpmath.mp.prec = 600


def grad_mpmath(z, y, w=None, pw=None, divisor=1):
    out = []
    for i, (zi, yi) in enumerate(zip(z, y)):
        wi = 1.0 if w is None else w[i]
        pwi = 1.0 if pw is None else pw[i]
        s = 1 / (1 + mpmath.exp(-mpmath.mpf(zi)))
        c = 1 - mpmath.mpf(yi) + mpmath.mpf(pwi) * mpmath.mpf(yi)
        g = mpmath.mpf(wi) * (s * c - mpmath.mpf(pwi) * mpmath.mpf(yi)) / divisor
        out.append(float(g))
    return out


def grad_torch(z, y, w=None, pw=None, reduction="mean"):
    zt = torch.tensor(z, dtype=torch.float64, requires_grad=True)
    kw = {"reduction": reduction}
    if w is not None:
        kw["weight"] = torch.tensor(w, dtype=torch.float64)
    if pw is not None:
        kw["pos_weight"] = torch.tensor(pw, dtype=torch.float64)
    loss = F.binary_cross_entropy_with_logits(zt, torch.tensor(y, dtype=torch.float64), **kw)
    if reduction == "none":
        loss = loss.sum()  # d/dz of the sum of the elements: the "none" gradient per element
    (g,) = torch.autograd.grad(loss, zt)
    return g.tolist()


def ulps(a, b):
    if a == b:
        return 0.0
    return abs(a - b) / math.ulp(max(abs(b), 5e-324))


Z = [0.5, -1.25, 3.0, -7.5, 12.0, 0.0, 2.0**-30]
Y = [1.0, 0.0, 0.25, 0.75, 0.5, 0.5, 1.0]
W = [1.0, 2.0, 0.5, 3.0, 1.5, 1.0, 0.25]
PW = [2.0, 1.0, 0.5, 4.0, 1.0, 1.0, 3.0]


@pytest.mark.parametrize("reduction,divisor", [("mean", len(Z)), ("sum", 1), ("none", 1)])
def test_the_mpmath_value_rounded_once_and_torch_within_a_few_ulps(reduction, divisor):
    r = gibbs.binary_cross_entropy_with_logits_grad(Z, Y, weight=W, pos_weight=PW,
                                                    reduction=reduction)
    assert r.value.shape == (len(Z),)
    assert list(r.value) == grad_mpmath(Z, Y, W, PW, divisor)
    assert np.all(r.lo <= r.value) and np.all(r.value <= r.hi)
    t = grad_torch(Z, Y, W, PW, reduction)
    worst = max(ulps(a, b) for a, b in zip(t, r.value))
    assert worst <= 8, (t, list(r.value))


def test_default_reduction_is_mean_over_every_element_of_a_batch():
    z = np.array([[0.5, -2.0, 9.0], [-0.25, 4.0, -30.0]])
    y = np.array([[1.0, 0.0, 0.5], [0.25, 1.0, 0.0]])
    r = gibbs.binary_cross_entropy_with_logits_grad(z, y)
    assert r.value.shape == (2, 3)
    assert r.value.ravel().tolist() == grad_mpmath(z.ravel(), y.ravel(), divisor=6)
    t = np.array(grad_torch(z.tolist(), y.tolist()))
    assert max(ulps(a, b) for a, b in zip(t.ravel(), r.value.ravel())) <= 4
    e = gibbs.evaluate({"measure": "binary_cross_entropy_with_logits_grad", "logits": z.tolist(),
                        "target": y.tolist(), "reduction": "sum"})
    assert e.value.ravel().tolist() == grad_mpmath(z.ravel(), y.ravel())


def test_random_cases_against_mpmath_and_torch():
    # torch's backward is w (sigma(z) (1 + (pw - 1) y) - pw y): two parts of magnitude
    # M = w (sigma(z) c + pw y) that cancel where the gradient is small against them (sigma(z) -> 1
    # with y = 1, y near its balance point), and torch's error grows as M / |g| there. It is
    # compared in ulps where |g| >= M / 2 (a cancellation of at most a factor 2).
    rng = np.random.default_rng(20261201)
    worst_ulps = 0.0
    for k in range(40):
        n = 1 + k % 6
        z = (rng.standard_normal(n) * (30 if k % 3 else 3)).tolist()
        y = (rng.integers(0, 2, n).astype(float) if k % 2 else rng.random(n)).tolist()
        w = (2 * rng.random(n)).tolist()
        pw = (3 * rng.random(n)).tolist() if k % 4 else None
        r = gibbs.binary_cross_entropy_with_logits_grad(z, y, weight=w, pos_weight=pw,
                                                        reduction="sum")
        assert list(r.value) == grad_mpmath(z, y, w, pw)
        t = grad_torch(z, y, w, pw, "sum")
        for i, (a, b) in enumerate(zip(t, r.value)):
            pwi = 1.0 if pw is None else pw[i]
            s = 1 / (1 + math.exp(-z[i])) if z[i] > -700 else 0.0
            m = w[i] * (s * (1 - y[i] + pwi * y[i]) + pwi * y[i])
            if abs(b) >= m / 2:
                worst_ulps = max(worst_ulps, ulps(a, b))
    assert worst_ulps <= 8


def test_exposes_torch_at_large_logits():
    # The exact gradient at z = 40, y = 1 is -sigma(-40) = -4.248354255291589e-18; torch gives 0.
    r = gibbs.binary_cross_entropy_with_logits_grad([40.0], [1.0], reduction="sum")
    assert r.value[0] == grad_mpmath([40.0], [1.0])[0] == -4.248354255291589e-18
    assert grad_torch([40.0], [1.0], reduction="sum")[0] == 0.0
    big = gibbs.binary_cross_entropy_with_logits_grad([1e308, -1e308, -800.0], [0.0, 1.0, 0.0],
                                                      reduction="sum")
    assert list(big.value) == [1.0, -1.0, 0.0]


def test_errors_name_argument_index_and_value():
    with pytest.raises(gibbs.InvalidInput, match=r"logits\[1\] = nan"):
        gibbs.binary_cross_entropy_with_logits_grad([0.5, float("nan")], [0.0, 1.0])
    with pytest.raises(gibbs.InvalidInput, match=r"target\[0\] = 1.5"):
        gibbs.binary_cross_entropy_with_logits_grad([0.5, 1.0], [1.5, 1.0])
    with pytest.raises(gibbs.InvalidInput, match=r"pos_weight\[1\] = -2"):
        gibbs.binary_cross_entropy_with_logits_grad([0.5, 1.0], [0.0, 1.0], pos_weight=[1, -2])
    with pytest.raises(gibbs.InvalidInput, match=r"weight\[0\] = -1"):
        gibbs.binary_cross_entropy_with_logits_grad([0.5, 1.0], [0.0, 1.0], weight=[-1, 1])
