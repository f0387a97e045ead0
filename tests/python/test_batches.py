"""Batches, reductions and named arrays in the Python functions, gibbs.evaluate and the gibbs
program: the keywords come from the measure table, 2-D inputs are rows, ``reduction`` picks
between one result per row (none) and one reduced value (sum, mean, batchmean), and answers of
many results keep the input's shape.

Reference values: Python's decimal module at 80 digits on the exact binary inputs
(references.py), rounded once to binary64.
"""
import json
import os
import subprocess

import numpy as np
import pytest

import gibbs
import references as ref
from gibbs import _gibbs, _inputs

GIBBS = os.environ.get("GIBBS_EXE")
needs_exe = pytest.mark.skipif(GIBBS is None, reason="built with -Dtools=false: no gibbs program")

P = np.array([[0.5, 0.25, 0.25], [0.5, 0.5, 0.0], [0.125, 0.375, 0.5]])
Q = np.array([[0.7, 0.2, 0.1], [0.25, 0.25, 0.5], [0.25, 0.25, 0.5]])


def test_reduction_none_is_one_result_per_row_as_the_default():
    want = [ref.rn64(ref.kl(P[i], Q[i])) for i in range(3)]
    for r in (gibbs.kl(P, Q), gibbs.kl(P, Q, reduction="none")):
        assert r.batched and r.value.shape == (3,)
        assert list(r.value) == want
        assert all(r.lo <= r.value) and all(r.value <= r.hi)


def test_a_reduction_is_one_request_of_the_whole_batch():
    prepared = [_inputs.real_input("p", P), _inputs.real_input("q", Q[0])]
    for reduction in ("sum", "mean", "batchmean"):
        req = _gibbs._whole_request("kl", prepared, reduction)
        assert req["rows"] == 3 and req["reduction"] == reduction and req["reduces"]
        assert req["p"] == list(P.ravel())
        assert req["q"] == list(Q[0]) * 3  # a 1-D input is the same for every row
    req = _gibbs._whole_request("kl", prepared, None)
    assert req["reduction"] == "automatic" and not req["reduces"]  # kl: one value per row
    one = _gibbs._whole_request("kl", [_inputs.real_input("p", P[0]),
                                       _inputs.real_input("q", Q[0])], "sum")
    assert one["rows"] == 0 and one["p"] == list(P[0])
    # float32 rows are widened exactly
    p32 = P.astype(np.float32)
    req = _gibbs._whole_request("kl", [_inputs.real_input("p", p32),
                                       _inputs.real_input("q", p32)], "mean")
    assert req["p"] == [float(x) for x in p32.ravel()]


def test_an_unknown_reduction_is_an_error():
    with pytest.raises(gibbs.InvalidInput) as e:
        gibbs.kl(P, Q, reduction="max")
    assert str(e.value) == ('reduction = "max" is unknown; use "none", "sum", "mean" or '
                            '"batchmean"')
    with pytest.raises(gibbs.InvalidInput):
        gibbs.kl(P, Q, reduction=1)
    with pytest.raises(gibbs.InvalidInput) as e:
        gibbs.evaluate({"measure": "kl", "p": P.tolist(), "q": Q.tolist(), "reduction": "all"})
    assert "reduction = \"all\" is unknown" in str(e.value)


def test_named_arrays_and_reduction_come_from_the_table():
    arrays = gibbs.measure_arrays()
    assert set(arrays) == set(gibbs.measures())
    for name, (named, elementwise) in arrays.items():
        params = getattr(gibbs, name).__signature__.parameters
        assert params["reduction"].default is None
        # PyTorch's order: the required arrays first, then the inputs, positional or by name;
        # optional arrays are keyword-only
        positional = [p for p, v in params.items() if v.kind is v.POSITIONAL_OR_KEYWORD]
        assert positional == [a for a, _, req in named if req] + list(gibbs.measures()[name][0])
        for a, help_text, required in named:
            if required:
                assert params[a].kind is params[a].POSITIONAL_OR_KEYWORD
            else:
                assert params[a].kind is params[a].KEYWORD_ONLY and params[a].default is None
            assert a in getattr(gibbs, name).__doc__ and help_text in getattr(gibbs, name).__doc__
            # a 2-D array keyword is rows of the request, row after row
            x = np.array([[0.5, 0.25], [0.125, 0.5]], dtype=np.float32)
            req = _gibbs._whole_request(name, [_inputs.real_input(a, x)], "sum")
            assert req["rows"] == 2 and req["arrays"][a] == [0.5, 0.25, 0.125, 0.5]
        assert ("Elementwise" in getattr(gibbs, name).__doc__) == elementwise
    with pytest.raises(TypeError):
        gibbs.kl(P[0], Q[0], inptu=P[0])  # unknown keywords stay errors
    with pytest.raises(gibbs.InvalidInput) as e:
        _gibbs._whole_request("kl", [_inputs.real_input("input", P)], None)
    assert str(e.value) == "input is not an input of kl"


def test_evaluate_takes_2d_inputs_and_answers_arrays():
    want = [ref.rn64(ref.kl(P[i], Q[i])) for i in range(3)]
    for p in (P, P.tolist()):
        r = gibbs.evaluate({"measure": "kl", "p": p, "q": Q, "reduction": "none"})
        assert r.batched and list(r.value) == want and r.value.dtype == np.float64
        assert list(r.exact) == [False, False, False]
    r = gibbs.evaluate({"measure": "kl", "p": P.tolist(), "q": Q.tolist(), "type": "binary32"})
    assert r.value.dtype == np.float32
    with pytest.raises(gibbs.InvalidInput) as e:
        gibbs.evaluate({"measure": "kl", "p": [[0.5, 0.5], [1.0]], "q": [0.5, 0.5]})
    assert str(e.value) == ("p[1] has 1 entries but p[0] has 2; every row of a 2-D input has "
                            "the same length")


def test_results_of_many_elements_take_the_answers_shape():
    flat = np.arange(6, dtype=np.float64)
    t = (flat, flat - 0.5, flat + 0.5, np.zeros(6, dtype=bool), None, "binary64", (2, 3))
    r = gibbs._result(t)
    assert r.batched and r.value.shape == r.lo.shape == r.hi.shape == r.exact.shape == (2, 3)
    assert r.value[1, 2] == 5 and r.lo[1, 2] == 4.5 and len(r) == 2
    one = gibbs._result((flat[:1], flat[:1], flat[:1], np.ones(1, dtype=bool), None,
                         "binary64", ()))
    assert not one.batched and float(one) == 0.0 and one.exact is True


@needs_exe
def test_cli_reduction_option_and_named_array_options_come_from_the_table(tmp_path):
    np.save(tmp_path / "p.npy", P)
    np.save(tmp_path / "q.npy", Q)
    base = [GIBBS, "kl", "--p-file", str(tmp_path / "p.npy"), "--q-file", str(tmp_path / "q.npy")]
    default = subprocess.run(base, capture_output=True, text=True, timeout=60)
    none = subprocess.run(base + ["--reduction", "none"], capture_output=True, text=True,
                          timeout=60)
    assert default.returncode == 0 and none.returncode == 0, none.stderr
    assert none.stdout == default.stdout
    assert [json.loads(line)["value"] for line in none.stdout.splitlines()] == [
        ref.rn64(ref.kl(P[i], Q[i])) for i in range(3)]
    bad = subprocess.run(base + ["--reduction", "max"], capture_output=True, text=True,
                         timeout=60)
    assert bad.returncode == 2
    assert "--reduction max is unknown; use none, sum, mean or batchmean" in bad.stderr
    for name, (named, elementwise) in gibbs.measure_arrays().items():
        h = subprocess.run([GIBBS, name, "--help"], capture_output=True, text=True, timeout=60)
        assert h.returncode == 0 and "--reduction" in h.stdout
        assert ("default: mean" in h.stdout) == elementwise
        for a, help_text, _ in named:
            assert "--" + a + " " in h.stdout and "--" + a + "-file" in h.stdout
            assert help_text.split()[0] in h.stdout


@needs_exe
def test_cli_eval_answers_a_batch_with_arrays():
    line = json.dumps({"measure": "kl", "p": P.tolist(), "q": Q.tolist(), "id": "b"})
    r = subprocess.run([GIBBS, "eval"], input=line + "\n", capture_output=True, text=True,
                       timeout=60)
    assert r.returncode == 0, r.stdout
    j = json.loads(r.stdout)
    assert j["id"] == "b"
    assert j["value"] == [ref.rn64(ref.kl(P[i], Q[i])) for i in range(3)]
    assert [float.fromhex(h) for h in j["hex"]] == j["value"]
    assert len(j["lo"]) == len(j["hi"]) == len(j["exact"]) == 3


@needs_exe
def test_readme_shows_the_output_of_its_batch_examples():
    readme = os.path.join(os.path.dirname(__file__), "..", "..", "README.md")
    with open(readme, encoding="utf-8") as f:
        lines = f.read().splitlines()
    prompt = "$ echo '"
    found = [i for i, line in enumerate(lines)
             if line.startswith(prompt) and '"p":[[' in line and "gibbs eval" in line]
    assert found, "README has a batch example of gibbs eval"
    for i in found:
        request = lines[i][len(prompt):lines[i].index("' | ")]
        r = subprocess.run([GIBBS, "eval"], input=request + "\n", capture_output=True, text=True,
                           timeout=60)
        assert r.stdout.strip() == lines[i + 1].strip()
    shown = [line.strip() for line in lines if line.strip().startswith(">>> gibbs.kl([[")]
    assert len(shown) == 1
    at = lines.index(next(line for line in lines if line.strip() == shown[0]))
    value = eval(shown[0][4:], {"gibbs": gibbs})
    assert repr(value) == lines[at + 1].strip()


def test_a_conformance_case_is_one_case_not_a_flattened_batch():
    for case in ({"measure": "kl", "p": [[0.5, 0.5]], "q": [0.5, 0.5]},
                 {"measure": "kl", "p": [0.5, 0.5], "q": [0.5, 0.5], "reduction": "sum"}):
        with pytest.raises(gibbs.InvalidInput) as e:
            gibbs.conform(lambda p, q: 0.0, measures=["kl"], cases=[case])
        assert str(e.value).startswith("cases line 1: a case of conformance is one case")
