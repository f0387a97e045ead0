"""gibbs.softmax and gibbs.log_softmax: one correctly rounded result per logit, shaped like the
input (a 2-D input is a batch of rows). Reference values: Python's decimal module at 80 digits
from the definitions (references.py), log_softmax_i = z_i - ln(sum_j e^{z_j}), softmax_i =
e^{z_i} / sum_j e^{z_j}, rounded once."""
import numpy as np
import pytest
import torch

import gibbs
import references as ref


def log_softmax(z):
    lse = sum(ref.D(v).exp() for v in z).ln()
    return [ref.D(v) - lse for v in z]


def softmax(z):
    s = sum(ref.D(v).exp() for v in z)
    return [ref.D(v).exp() / s for v in z]


Z = [3.0, -1.5, 0.25, 8.0, 8.0]


@pytest.mark.parametrize("name,reference", [("softmax", softmax), ("log_softmax", log_softmax)])
@pytest.mark.parametrize("dtype,fmt", [("float64", "binary64"), ("float32", "binary32")])
def test_every_output_is_the_decimal_value_rounded_once(name, reference, dtype, fmt):
    r = getattr(gibbs, name)(np.array(Z, dtype=dtype))
    assert r.format == fmt and r.value.shape == (len(Z),)
    assert list(r.value) == [ref.rounded(d, fmt) for d in reference(Z)]
    assert np.all(r.lo <= r.value) and np.all(r.value <= r.hi)


def test_a_batch_is_rows_times_logits():
    rows = [[0.0, 1.0, 2.0], [5.0, 5.0, -1.0]]
    r = gibbs.log_softmax(torch.tensor(rows, dtype=torch.float64))
    assert r.value.shape == (2, 3)
    assert r.value.tolist() == [[ref.rn64(d) for d in log_softmax(row)] for row in rows]
    e = gibbs.evaluate({"measure": "softmax", "logits": rows})
    assert e.value.tolist() == [[ref.rn64(d) for d in softmax(row)] for row in rows]


def test_equal_logits_are_exact_and_errors_name_the_logit():
    r = gibbs.softmax([2.0, 2.0, 2.0, 2.0])
    assert list(r.value) == [0.25] * 4 and bool(np.all(r.exact))
    with pytest.raises(gibbs.InvalidInput, match=r"logits\[1\]"):
        gibbs.softmax([1.0, float("nan")])
    with pytest.raises(gibbs.InvalidInput, match="takes no reduction"):
        gibbs.log_softmax([1.0, 2.0], reduction="sum")


def test_the_gradient_of_the_cross_entropy_is_softmax_minus_the_target():
    z = [0.5, -1.0, 2.0]
    r = gibbs.logits_cross_entropy_grad(z, 1)
    assert list(r.value) == [ref.rn64(d - (1 if k == 1 else 0)) for k, d in enumerate(softmax(z))]
    t = [0.25, 0.25, 0.5]
    r = gibbs.logits_cross_entropy_grad(z, t, reduction="sum")
    assert list(r.value) == [ref.rn64(d - ref.D(w)) for d, w in zip(softmax(z), t)]
