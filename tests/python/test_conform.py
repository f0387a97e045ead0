"""gibbs.conform grades Python callables in-process; `gibbs conform` takes the same user cases,
restricts what it sends with --measures, and prints NaN medians as NaN."""
import json
import os
import subprocess
import sys

import numpy as np
import pytest

import gibbs

GIBBS = os.environ.get("GIBBS_EXE")
needs_cli = pytest.mark.skipif(not GIBBS, reason="GIBBS_EXE (the gibbs program) not given")


def oracle_kl(p, q):
    return float(gibbs.kl(p, q).value)


def textbook_kl(p, q):
    p, q = np.asarray(p, np.float64), np.asarray(q, np.float64)
    return float(np.sum(np.where(p > 0, p * np.log(np.where(p > 0, p, 1) / q), 0)))


def test_the_oracle_passes_and_the_textbook_fails_near_equal_pairs():
    good = gibbs.conform(oracle_kl, measures=["kl"],
                         families=["worked_example", "near_equal", "zeros", "tiny", "invalid"],
                         max_ulps=0)
    assert good.passed, good.table
    assert "near_equal" in good.table and "PASS" in good.table
    with np.errstate(all="ignore"):
        bad = gibbs.conform(textbook_kl, measures="kl", families="near_equal")
    assert not bad.passed
    row = next(r for r in bad.rows if r["family"] == "near_equal")
    assert row["max_ulps"] > 1000 and row["law_violations"] > 0


def test_user_cases_alone_and_a_per_case_callable(tmp_path):
    cases = tmp_path / "cases.jsonl"
    cases.write_text('{"measure": "kl", "p": [0.5, 0.5], "q": [0.25, 0.75]}\n\n'
                     '{"measure": "entropy", "p": [0.25, 0.75], "id": "mine"}\n')
    seen = []

    def per_case(case):
        seen.append(case["measure"])
        return float(gibbs.evaluate(case).value)

    rep = gibbs.conform(per_case, measures=[], cases=str(cases), per_case=True, max_ulps=0)
    assert rep.passed, rep.table
    assert seen == ["kl", "entropy"]
    assert [r["family"] for r in rep.rows] == ["user", "user"]
    # measures= restricts the user's cases too
    rep = gibbs.conform(oracle_kl, measures=["kl"], cases=[{"measure": "kl", "p": [1.0],
                                                           "q": [1.0]},
                                                          {"measure": "entropy", "p": [1.0]}])
    assert sum(r["cases"] for r in rep.rows) == 1
    with pytest.raises(gibbs.InvalidInput, match='cases line 1: measure kl needs key "q"'):
        gibbs.conform(oracle_kl, cases=['{"measure": "kl", "p": [1.0]}'])


def test_exceptions_reject_input():
    def strict(p, q):
        gibbs.kl(p, q)  # raises gibbs.InvalidInput on invalid input
        return textbook_kl(p, q)

    rep = gibbs.conform(strict, measures=["kl"], families=["invalid"])
    assert rep.passed, rep.table


@needs_cli
def test_cli_measures_restrict_what_is_sent():
    out = subprocess.run([GIBBS, "conform", "--measures", "kl", "--print-cases"],
                         capture_output=True, text=True, check=True).stdout
    measures = {json.loads(line)["measure"] for line in out.splitlines()}
    assert measures == {"kl"}
    out = subprocess.run([GIBBS, "conform", "--print-cases"], capture_output=True, text=True,
                         check=True).stdout
    assert '"logits_cross_entropy"' in out


@needs_cli
def test_cli_median_of_nan_answers_and_user_cases(tmp_path):
    peer = tmp_path / "nan_peer.py"
    peer.write_text("import sys, json\n"
                    "for line in sys.stdin:\n"
                    "    print(json.dumps({'id': json.loads(line)['id'], 'value': 'nan'}),"
                    " flush=True)\n")
    r = subprocess.run([GIBBS, "conform", "--measures", "kl", "--families", "near_equal",
                        "--impl", "%s %s" % (sys.executable, peer)], capture_output=True,
                       text=True, timeout=300)
    assert r.returncode == 1
    assert "-9223372036854775808" not in r.stdout
    row = next(line for line in r.stdout.splitlines() if line.startswith("near_equal"))
    assert row.split()[4:6] == ["NaN", "NaN"], row
    cases = tmp_path / "cases.jsonl"
    cases.write_text('{"measure": "kl", "p": [0.5, 0.5], "q": [0.25, 0.75]}\n')
    r = subprocess.run([GIBBS, "conform", "--cases", str(cases), "--max-ulps", "0", "--impl",
                        "exec '%s' eval" % GIBBS], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "user" in r.stdout and "cases: 1" in r.stdout
