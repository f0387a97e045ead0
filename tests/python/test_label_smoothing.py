"""logits_cross_entropy with label_smoothing, ignore_index and class weights, batched and reduced,
against torch.nn.functional.cross_entropy in float64 (Debian's torch 1.13) and against an exact
reference.

Reference values: mpmath at 60 digits on the exact binary inputs, PyTorch's formula (torch 1.13,
aten/src/ATen/native/LossNLL.cpp): a class row is (1 - eps) w_t A_t + (eps / K) sum_k w_k A_k,
A_k = log sum_j exp(z_j) - z_k, an ignored row 0; mean divides the sum by sum w_t over the rows
that are not ignored, rounded once to binary64. torch's own float64 answer is a rounded
computation: it must agree to a few ulps of the logits' scale (it forms log_softmax as z -
logsumexp(z), so a small loss can be many of its own ulps off), which shows the semantics are the
same.
"""
import json
import os
import pathlib
import subprocess

import mpmath
import numpy as np
import pytest

import gibbs
from gibbs.testing import ulp_distance

torch = pytest.importorskip("torch")
F = torch.nn.functional

GIBBS = os.environ.get("GIBBS_EXE")
needs_exe = pytest.mark.skipif(GIBBS is None, reason="built with -Dtools=false: no gibbs program")

mpmath.mp.dps = 60


def exact(z, t, w, eps, ignore, reduction):
    B, K = z.shape
    rows, den = [], mpmath.mpf(0)
    for b in range(B):
        zb = [mpmath.mpf(float(x)) for x in z[b]]
        lse = mpmath.log(mpmath.fsum(mpmath.exp(x) for x in zb))
        A = [lse - x for x in zb]
        wk = [mpmath.mpf(float(x)) for x in w] if w is not None else [mpmath.mpf(1)] * K
        if int(t[b]) == ignore:
            rows.append(mpmath.mpf(0))
            continue
        e = mpmath.mpf(float(eps))
        tb = int(t[b])
        rows.append((1 - e) * wk[tb] * A[tb] + e / K * mpmath.fsum(wk[k] * A[k] for k in range(K)))
        den += wk[tb]
    if reduction == "none":
        return [float(r) for r in rows]
    s = mpmath.fsum(rows)
    return float(s if reduction == "sum" else s / den)


def cases():
    rng = np.random.default_rng(20261201)
    for i in range(60):
        B, K = int(rng.integers(1, 7)), int(rng.integers(2, 9))
        z = rng.normal(0, 3, size=(B, K))
        t = rng.integers(0, K, size=B)
        w = rng.uniform(0, 2, size=K) if i % 2 else None
        ignore = 0 if i % 3 == 0 else -100
        if ignore == 0 and B > 1:
            t[0] = 0
        if ignore == 0 and (t == 0).all():
            t[-1] = K - 1
        eps = [0.0, 0.1, 0.25, 1.0, 0.05][i % 5]
        yield z, t, w, eps, ignore


@pytest.mark.parametrize("reduction", ["none", "sum", "mean"])
def test_against_torch_float64_and_the_exact_value(reduction):
    worst = 0
    for z, t, w, eps, ignore in cases():
        kw = dict(label_smoothing=eps, ignore_index=ignore, reduction=reduction)
        if w is not None:
            kw["weight"] = w
        got = gibbs.logits_cross_entropy(z, t, **kw)
        want = exact(z, t, w, eps, ignore, reduction)
        tk = dict(kw)
        if w is not None:
            tk["weight"] = torch.tensor(w, dtype=torch.float64)
        theirs = F.cross_entropy(torch.tensor(z, dtype=torch.float64), torch.tensor(t), **tk)
        value = np.atleast_1d(got.value)
        assert list(value) == list(np.atleast_1d(want)), (z, t, w, eps, ignore)
        for a, b in zip(value, np.atleast_1d(theirs.numpy())):
            # torch forms log_softmax as z - logsumexp(z): an absolute error of a few ulps of the
            # logits' scale, many ulps of a small loss; a different formula or divisor would be
            # off by far more than 2^-40 of that scale.
            scale = np.abs(z).max() + 1
            assert abs(a - float(b)) <= 2.0**-40 * scale, (a, float(b), z, t, w, eps, ignore)
            worst = max(worst, abs(a - float(b)) / scale / 2.0**-52)
    print("worst torch error (ulps of the logits' scale) for %s: %.1f" % (reduction, worst))
    assert worst <= 64, worst


def test_probability_targets_are_smoothed_like_torch():
    z = np.array([[1.0, 2.0, 3.0], [0.5, -1.0, 2.0]])
    t = np.array([[0.25, 0.25, 0.5], [1.0, 0.0, 0.0]])
    w = np.array([0.5, 2.0, 1.5])
    for reduction in ("sum", "mean"):
        got = gibbs.logits_cross_entropy(z, t, label_smoothing=0.1, weight=w, reduction=reduction)
        theirs = F.cross_entropy(torch.tensor(z), torch.tensor(t), label_smoothing=0.1,
                                 weight=torch.tensor(w), reduction=reduction)
        assert abs(ulp_distance(got.value, float(theirs), "binary64")) <= 8


def test_every_row_ignored_with_mean_is_an_error_where_torch_returns_nan():
    z = np.array([[1.0, 2.0], [0.0, 1.0]])
    t = np.array([0, 0])
    assert torch.isnan(F.cross_entropy(torch.tensor(z), torch.tensor(t), ignore_index=0))
    with pytest.raises(ValueError, match="PyTorch returns nan"):
        gibbs.logits_cross_entropy(z, t, ignore_index=0, reduction="mean")
    assert gibbs.logits_cross_entropy(z, t, ignore_index=0, reduction="sum").value == 0.0


def test_invalid_smoothing_and_weights_name_the_value():
    z = np.array([[1.0, 2.0], [0.0, 1.0]])
    with pytest.raises(ValueError, match=r"label_smoothing = 1.5 is not allowed"):
        gibbs.logits_cross_entropy(z, np.array([0, 1]), label_smoothing=1.5)
    with pytest.raises(ValueError, match=r"weight\[1\] = -1 is negative"):
        gibbs.logits_cross_entropy(z, np.array([0, 1]), weight=np.array([1.0, -1.0]))


@needs_exe
def test_eval_line_and_evaluate_agree():
    line = {"measure": "logits_cross_entropy", "logits": [[1, 2, 3], [0.5, -1, 2], [3, 0, 1]],
            "target": [2, 0, 1], "weight": [0.5, 2, 1.5], "label_smoothing": 0.1,
            "ignore_index": 0, "reduction": "mean"}
    out = subprocess.run([GIBBS, "eval"], input=json.dumps(line) + "\n", capture_output=True,
                         text=True, check=True).stdout
    answer = json.loads(out)
    z = np.array(line["logits"], dtype=float)
    want = exact(z, line["target"], line["weight"], 0.1, 0, "mean")
    assert answer["value"] == want
    assert gibbs.evaluate(line).value == want


README = pathlib.Path(__file__).resolve().parents[2] / "README.md"


def readme_section():
    text = README.read_text(encoding="utf-8")
    return text.split("### Label smoothing, class weights and ignore_index", 1)[1].split("\n### ", 1)[0]


@needs_exe
def test_readme_shows_the_eval_output():
    lines = readme_section().splitlines()
    i = next(k for k, l in enumerate(lines) if l.startswith("$ echo '"))
    line = lines[i].split("'", 2)[1]
    out = subprocess.run([GIBBS, "eval"], input=line + "\n", capture_output=True, text=True,
                         check=True).stdout
    assert out.rstrip("\n") == lines[i + 1]


def test_readme_shows_the_python_and_torch_values():
    lines = readme_section().splitlines()
    z = np.array([[1, 2, 3], [0.5, -1, 2], [3, 0, 1]])
    t = np.array([2, 0, 1])
    ours = gibbs.logits_cross_entropy(z, t, weight=[0.5, 2, 1.5], label_smoothing=0.1,
                                      ignore_index=0, reduction="mean").value
    theirs = F.cross_entropy(torch.tensor(z), torch.tensor(t), weight=torch.tensor([0.5, 2, 1.5], dtype=torch.float64),
                             label_smoothing=0.1, ignore_index=0).item()
    block = readme_section().split("```console\n>>> ", 1)[1].split("```", 1)[0].splitlines()
    values = [l for l in block if l and l[0].isdigit()]
    assert values[:2] == [repr(float(ours)), repr(theirs)]
    assert float(ours) == exact(z, t, [0.5, 2, 1.5], 0.1, 0, "mean")
