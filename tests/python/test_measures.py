"""Every measure of gibbs for NumPy arrays, torch tensors and lists, in each dtype, against the
Decimal references of references.py; batches against row-by-row calls; invalid input.

Formats binary64 (float64) and binary32 (float32) here; binary16 (float16) and bfloat16 in
test_formats.py.
"""
import functools

import numpy as np
import pytest
import torch

import gibbs
import references as ref
from gibbs import _inputs

P = [0.5, 0.25, 0.125, 0.125]
Q = [0.25, 0.25, 0.25, 0.25]
SAMPLES = [0, 1, 1, 3, 2, 0]
LOGITS = [3.0, -1.5, 0.25, 8.0]

# name -> (inputs as Python lists, reference on those lists)
CASES = {
    "entropy": ((P,), ref.entropy),
    "cross_entropy": ((P, Q), ref.cross_entropy),
    "kl": ((P, Q), ref.kl),
    "reverse_kl": ((P, Q), ref.reverse_kl),
    "generalized_kl": (([0.5, 0.75, 0.0], [0.25, 0.5, 0.5]), ref.generalized_kl),
    "js": ((P, Q), ref.js),
    "nll": ((Q[:3] + [0.25], SAMPLES), ref.nll),
    "perplexity": ((P, SAMPLES), ref.perplexity),
    "logits_cross_entropy": ((LOGITS, 2), ref.logits_cross_entropy),
    "total_variation": ((P, Q), ref.total_variation),
    "hellinger": ((P, Q), ref.hellinger),
    "chi_squared": ((P, Q), ref.chi_squared),
    "renyi": ((P, Q), lambda p, q: ref.renyi(p, q, 2.5)),
}
# The measures' parameters, by keyword (their values are exact in every dtype tested).
PARAMETERS = {"renyi": {"alpha": 2.5}}


def test_every_measure_of_the_table_is_a_function_and_tested_here():
    # softmax, log_softmax and the gradient answer one result per logit: test_softmax.py (the
    # gradient of BCE with logits: test_bce_grad.py); the measures of named arrays:
    # test_named_arrays.py.
    assert set(gibbs.measures()) == set(CASES) | {
        "softmax", "log_softmax", "logits_cross_entropy_grad", "binary_cross_entropy",
        "binary_cross_entropy_with_logits", "gaussian_kl", "vae_kl", "bits_per_dim",
        "binary_cross_entropy_with_logits_grad"}
    for name, (inputs, _) in gibbs.measures().items():
        if name not in CASES:
            continue
        fn = getattr(gibbs, name)
        assert tuple(fn.__signature__.parameters)[:len(inputs)] == inputs


def convert(x, kind, dtype):
    """An input list as a NumPy array / torch tensor of the dtype (integer inputs stay integers)."""
    if isinstance(x, int) or (isinstance(x, list) and all(isinstance(v, int) for v in x)):
        return np.array(x) if kind == "numpy" else torch.tensor(x)
    if kind == "numpy":
        return np.array(x, dtype=dtype)
    return torch.tensor(x, dtype=getattr(torch, dtype))


@pytest.mark.parametrize("name", sorted(CASES))
@pytest.mark.parametrize("kind", ["numpy", "torch"])
@pytest.mark.parametrize("dtype,fmt", [("float64", "binary64"), ("float32", "binary32")])
def test_measure_matches_the_decimal_reference(name, kind, dtype, fmt):
    inputs, reference = CASES[name]
    args = [convert(x, kind, dtype) for x in inputs]
    r = getattr(gibbs, name)(*args, **PARAMETERS.get(name, {}))
    assert r.format == fmt
    want = ref.rounded(reference(*inputs), fmt)
    assert r.value == want, (r, want)
    assert r.value.dtype == np.dtype(dtype)
    assert r.lo <= r.value <= r.hi
    assert (r.lo == r.hi) == r.exact


def test_measure_parameters_and_rules_come_from_the_table():
    assert "alpha" in str(gibbs.renyi.__signature__)
    with pytest.raises(gibbs.InvalidInput, match=r'measure renyi needs key "alpha"'):
        gibbs.renyi(P, Q)
    with pytest.raises(gibbs.InvalidInput, match=r"alpha = 1 is not allowed"):
        gibbs.renyi(P, Q, alpha=1)
    with pytest.raises(gibbs.InvalidInput, match="has no meaning for measure total_variation"):
        gibbs.total_variation(P, Q, base=2)
    with pytest.raises(gibbs.InvalidInput, match='variant = "normalized" is not offered'):
        gibbs.hellinger(P, Q, variant="normalized")
    with pytest.raises(TypeError):
        gibbs.kl(P, Q, alpha=2)


def test_lists_are_binary64_and_type_binary32_needs_floats():
    assert gibbs.kl(P, Q).format == "binary64"
    assert gibbs.kl(P, Q, type="binary32").value == ref.rn32(ref.kl(P, Q))
    with pytest.raises(gibbs.InvalidInput, match=r"q\[0\] = 0\.1.* is not a binary32 number"):
        gibbs.kl([0.5, 0.5], [0.1, 0.9], type="binary32")


def test_options_base_digits_variant():
    bits = gibbs.entropy([0.25, 0.25, 0.25, 0.25], base=2)
    assert bits.value == 2.0 and bits.exact
    r = gibbs.kl([0.5, 0.5], [0.7, 0.3], digits=30)
    assert r.digits == "8.71766935723889265748352665623e-02"
    # normalized: p/sum(p), q/sum(q); Decimal reference on the normalised masses.
    w, v = [1.0, 3.0], [2.0, 2.0]
    want = ref.kl([0.25, 0.75], [0.5, 0.5])
    assert gibbs.kl(w, v, variant="normalized").value == ref.rn64(want)
    for bad, match in [(dict(base=1), "base = 1 is not a valid logarithm base"),
                       (dict(base="two"), 'base = "two" is not a valid base'),
                       (dict(digits=-1), "digits = -1 is out of range"),
                       (dict(type="binary128"), 'type = "binary128" is unknown'),
                       (dict(variant="renormalized"), 'variant = "renormalized" is unknown')]:
        with pytest.raises(gibbs.InvalidInput, match=match):
            gibbs.kl(P, Q, **bad)


def test_an_infinite_value_takes_the_sign_of_its_base():
    # KL(p||q) with p_i > 0 = q_i is +inf in nats; divided by log b < 0 for b in (0, 1) it is
    # -inf, as every finite value of such a base is negative (KL(p||q) / log 0.5 here)
    assert gibbs.kl([0.5, 0.5], [0.25, 0.75], base=0.5).value < 0
    for request in [{"measure": "kl", "p": [0.5, 0.5], "q": [1, 0], "base": 0.5},
                    {"measure": "cross_entropy", "p": [0.5, 0.5], "q": [1, 0], "base": 0.25},
                    {"measure": "nll", "q": [1, 0], "samples": [1], "base": 0.5},
                    {"measure": "kl", "p": [[0.5, 0.5], [0.5, 0.5]], "q": [[1, 0], [0.5, 0.5]],
                     "base": 0.5, "reduction": "sum"}]:
        assert gibbs.evaluate(request).value == -np.inf, request
        assert gibbs.evaluate(dict(request, base=2)).value == np.inf, request
    # perplexity does not depend on the base
    assert gibbs.evaluate({"measure": "perplexity", "q": [1, 0], "samples": [1],
                           "base": 0.5}).value == np.inf


def random_batch(rng, rows, n, dtype):
    w = rng.dirichlet(np.ones(n) * 0.5, size=rows)
    w[:, 0] = 0.0  # a zero in every row
    w /= w.sum(axis=1, keepdims=True)
    return w.astype(dtype)


@pytest.mark.parametrize("name", ["entropy", "cross_entropy", "kl", "reverse_kl", "js",
                                  "generalized_kl", "total_variation", "hellinger",
                                  "chi_squared", "renyi"])
@pytest.mark.parametrize("dtype", ["float64", "float32"])
def test_batched_rows_equal_row_by_row(name, dtype):
    rng = np.random.default_rng(11)
    p = random_batch(rng, 37, 50, dtype)
    q = random_batch(rng, 37, 50, dtype)
    q[:, 0] = q[:, 1]  # q > 0 where p is 0 and elsewhere; sums stay within tolerance
    q = q / q.sum(axis=1, keepdims=True, dtype=np.float64).astype(dtype)
    fn = functools.partial(getattr(gibbs, name), **PARAMETERS.get(name, {}))
    args = (p,) if name == "entropy" else (p, q)
    batch = fn(*args)
    one_thread = fn(*args, threads=1)
    assert batch.batched and len(batch) == 37
    for i in range(37):
        row = fn(*(a[i] for a in args))
        assert (batch.value[i], batch.lo[i], batch.hi[i], batch.exact[i]) == (
            row.value, row.lo, row.hi, row.exact)
    for field in ("value", "lo", "hi", "exact"):
        assert np.array_equal(getattr(batch, field), getattr(one_thread, field))
    # torch gives the same batch without copying
    tb = fn(*(torch.from_numpy(a) for a in args))
    assert np.array_equal(tb.value, batch.value)


def test_batch_broadcasts_a_1d_input_and_logits_take_one_index_per_row():
    rng = np.random.default_rng(3)
    p = random_batch(rng, 8, 5, "float64")
    q = np.full(5, 0.2)
    r = gibbs.kl(p, q)
    assert all(r.value[i] == gibbs.kl(p[i], q).value for i in range(8))
    z = torch.randn(6, 10, dtype=torch.float32)
    t = torch.tensor([0, 9, 3, 3, 1, 2])
    r = gibbs.logits_cross_entropy(z, t)
    assert r.value.dtype == np.float32
    for i in range(6):
        assert r.value[i] == ref.rn32(ref.logits_cross_entropy(z[i].tolist(), int(t[i])))


def test_invalid_input_names_argument_index_value_and_row():
    with pytest.raises(gibbs.InvalidInput) as e:
        gibbs.kl([0.5, 0.5, 0.0], [0.5, 0.5001, -0.0001])
    assert str(e.value) == ("gibbs::oracle::kl_divergence: q[2] = -0.0001 is negative; "
                            "probabilities must be >= 0")
    assert (e.value.argument, e.value.index, e.value.value) == ("q", 2, -0.0001)
    assert isinstance(e.value, ValueError)
    p = np.full((4, 2), 0.5)
    p[2, 1] = np.nan
    with pytest.raises(gibbs.InvalidInput, match=r"^row 2: .*p\[1\] = nan") as e:
        gibbs.entropy(p)
    assert e.value.row == 2
    with pytest.raises(gibbs.InvalidInput, match="q has 2 rows but p has 3"):
        gibbs.kl(np.full((3, 2), 0.5), np.full((2, 2), 0.5))
    with pytest.raises(gibbs.InvalidInput, match="p is float32 but q is float64"):
        gibbs.kl(np.array(P, np.float32), np.array(Q))
    with pytest.raises(gibbs.InvalidInput, match="samples must hold integer indices"):
        gibbs.nll(Q, [0.5])
    with pytest.raises(gibbs.InvalidInput, match="complex"):
        gibbs.entropy(np.array([1 + 0j]))
    with pytest.raises(TypeError):
        gibbs.kl(P)


# Each error names its argument (and index and value where it has them), whichever layer finds it:
# the oracle's checks, the extension module's, or gibbs/*.py's. The expected fields are read off
# the inputs given here.
FIELDS = [
    (lambda: gibbs.logits_cross_entropy([1.0, 2.0], -1), "target", None, -1.0),
    (lambda: gibbs.logits_cross_entropy([1.0, 2.0], 2), "target", None, 2.0),
    (lambda: gibbs.kl([0.5, 0.5], [0.5, 0.5, 0.0]), "q", None, 2.0),
    (lambda: gibbs.logits_cross_entropy([1.0, 2.0], 0, label_smoothing=1.5),
     "label_smoothing", None, 1.5),
    (lambda: gibbs.logits_cross_entropy([1.0, 2.0], 0, weight=[1.0, -1.0]), "weight", 1, -1.0),
    (lambda: gibbs.binary_cross_entropy([0.5], [1.0], weight=[-2.0]), "weight", 0, -2.0),
    (lambda: gibbs.kl([0.1, 0.9], [0.5, 0.5], type="binary16"), "p", 0, 0.1),
    (lambda: gibbs.renyi(P, Q, alpha="2"), "alpha", None, None),
    (lambda: gibbs.kl(P, Q, threads=-1), "threads", None, None),
    (lambda: gibbs.kl(P, Q, digits=1.5), "digits", None, None),
    (lambda: gibbs.kl(P, Q, digits=2**70), "digits", None, float(2**70)),
    (lambda: gibbs.kl(P, Q, base="e2"), "base", None, None),
    (lambda: gibbs.logits_cross_entropy([1.0, 2.0], np.float64(1.0)), "target", None, None),
    (lambda: gibbs.kl(np.full((0, 2), 0.5), np.full((0, 2), 0.5)), None, None, None),
    (lambda: gibbs.evaluate({"measure": "kl", "p": [0.5, 0.5]}), "q", None, None),
    (lambda: gibbs.evaluate({"measure": "kl", "p": [1.0], "qq": [1.0]}), "qq", None, None),
    (lambda: gibbs.evaluate({"p": [1.0]}), "measure", None, None),
    (lambda: gibbs.renyi(P, Q), "alpha", None, None),
    (lambda: gibbs.evaluate({"measure": "kl", "p": [0.5, 0.5], "q": [0.5, -0.5]}), "q", 1, -0.5),
    (lambda: gibbs.kl([0.5, 0.5], [0.6, 0.5]), "q", None, 1.1),
    (lambda: gibbs.total_variation(P, Q, base=2), "base", None, 2.0),
    (lambda: gibbs.kl(np.full((2, 2), 0.5), np.full((2, 2), 0.5), reduction="bogus"),
     "reduction", None, None),
    (lambda: gibbs.logits_cross_entropy(np.zeros((2, 3)), np.array([0, 1]),
                                        reduction="batchmean"), "reduction", None, None),
]


@pytest.mark.parametrize("call,argument,index,value", FIELDS)
def test_every_invalid_input_has_its_fields(call, argument, index, value):
    with pytest.raises(gibbs.InvalidInput) as e:
        call()
    assert (e.value.argument, e.value.index, e.value.value) == (argument, index, value), str(e.value)


def test_an_empty_sample_says_so():
    with pytest.raises(gibbs.InvalidInput, match="samples is empty"):
        gibbs.nll([0.5, 0.5], [])


def test_a_thread_count_beyond_any_machine_is_taken_as_one_per_row():
    # more threads than rows are never started; a Python int beyond 64 bits is no error
    assert gibbs.kl(P, Q, threads=2**70).value == gibbs.kl(P, Q).value


def test_a_class_equal_to_ignore_index_is_an_ignored_row():
    # PyTorch's ignore_index (default -100): the row is 0 and leaves the mean's divisor
    r = gibbs.logits_cross_entropy([1.0, 2.0], -100)
    assert r.value == 0 and r.exact
    z = np.array([[1.0, 2.0], [3.0, 0.5]])
    r = gibbs.logits_cross_entropy(z, np.array([1, -100]), reduction="mean")
    assert r.value == ref.rn64(ref.logits_cross_entropy([1.0, 2.0], 1))
    r = gibbs.logits_cross_entropy(z, np.array([1, -1]), ignore_index=-1, reduction="sum")
    assert r.value == ref.rn64(ref.logits_cross_entropy([1.0, 2.0], 1))
    with pytest.raises(gibbs.InvalidInput, match=r"target = -1 is out of range") as e:
        gibbs.logits_cross_entropy(z, np.array([1, -1]))
    assert e.value.row == 1 and e.value.argument == "target"


def test_integer_targets_of_the_binary_losses_are_numbers():
    # [0, 1] as Python ints, an int64 array or tensor is the target (0.0, 1.0), not two class
    # indices. Closed forms: BCE(x = (1/2, 1/4), y = (0, 1)) = (log 2 + log 4) / 2 = (3/2) log 2;
    # BCE with logits 0 is log 2 per element, whatever y.
    want = ref.rn64(ref.D(2).ln() * 3 / 2)
    for y in ([0, 1], np.array([0, 1]), torch.tensor([0, 1])):
        assert gibbs.binary_cross_entropy([0.5, 0.25], y).value == want
    log2 = ref.rn64(ref.D(2).ln())
    assert gibbs.binary_cross_entropy_with_logits(np.zeros((2, 2)), [0, 1]).value == log2
    g = gibbs.binary_cross_entropy_with_logits_grad([0.0, 0.0], [0, 1], reduction="sum")
    assert g.value.tolist() == [0.5, -0.5]  # sigmoid(0) - y, exactly
    line = {"measure": "binary_cross_entropy_with_logits", "logits": [[0, 0], [0, 0]],
            "target": [0, 1]}
    assert gibbs.evaluate(line).value == log2


def test_negative_weights_are_called_weights():
    with pytest.raises(gibbs.InvalidInput, match=r"weight\[1\] = -1 is negative; class weights "
                       r"must be >= 0$"):
        gibbs.logits_cross_entropy([1.0, 2.0], 0, weight=[1.0, -1.0])
    with pytest.raises(gibbs.InvalidInput, match=r"pos_weight\[0\] = -1 is negative; weights "
                       r"must be >= 0$"):
        gibbs.binary_cross_entropy_with_logits([0.5], [1.0], pos_weight=[-1.0])


def test_tensors_and_arrays_are_not_copied():
    t = torch.tensor([[0.5, 0.5], [0.25, 0.75]], dtype=torch.float32)
    name, a, tag = _inputs.real_input("p", t)
    assert tag == "float32" and np.shares_memory(a, t.numpy())
    b = torch.tensor([0.5, 0.5], dtype=torch.bfloat16)
    _, a, tag = _inputs.real_input("p", b)
    assert tag == "bfloat16" and a.ctypes.data == b.data_ptr()
    x = np.array(P)
    assert _inputs.real_input("p", x)[1] is x
    # a non-contiguous view is copied (once) and gives the same answer
    m = np.array([[0.5, 9.0], [0.5, 9.0]])
    assert gibbs.entropy(m[:, 0]).value == gibbs.entropy([0.5, 0.5]).value


def test_evaluate_takes_an_eval_line_as_a_dict():
    r = gibbs.evaluate({"measure": "kl", "p": [0.5, 0.5], "q": ["0x1.6666666666666p-1", 0.3],
                        "digits": 40})
    assert r.digits == "8.717669357238892657483526656232262346862e-02"
    assert r.value == ref.rn64(ref.kl([0.5, 0.5], [0.7, 0.3]))
    r = gibbs.evaluate({"measure": "entropy", "p": np.array([0.5, 0.5], np.float32),
                        "type": "binary32"})
    assert r.value == ref.rn32(ref.entropy([0.5, 0.5])) and r.format == "binary32"
    with pytest.raises(gibbs.InvalidInput, match=r'^measure kl needs key "q" \(it takes p and q\)$'):
        gibbs.evaluate({"measure": "kl", "p": [1.0]})
    with pytest.raises(gibbs.InvalidInput, match='unknown key "qq"'):
        gibbs.evaluate({"measure": "kl", "p": [1.0], "qq": [1.0]})
