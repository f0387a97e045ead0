"""The gibbs program for drivers in other languages: `gibbs eval` answers a line while its input
stays open; evaluate() in Python gives eval's messages; .npy input may be 2-D.
References: the Decimal values of references.py."""
import json
import os
import queue
import subprocess
import threading

import numpy as np
import pytest

import gibbs
import references as ref

GIBBS = os.environ.get("GIBBS_EXE")
pytestmark = pytest.mark.skipif(not GIBBS, reason="GIBBS_EXE (the gibbs program) not given")

# Generous: the answer takes microseconds; the limit only turns a deadlock into a failure.
DEADLOCK_SECONDS = 60


def test_eval_answers_each_line_while_its_input_stays_open():
    proc = subprocess.Popen([GIBBS, "eval"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    lines = queue.Queue()
    reader = threading.Thread(target=lambda: [lines.put(l) for l in proc.stdout], daemon=True)
    reader.start()
    try:
        for k, (p, q) in enumerate([([0.5, 0.5], [0.7, 0.3]), ([0.25, 0.75], [0.5, 0.5])]):
            proc.stdin.write((json.dumps({"measure": "kl", "p": p, "q": q, "id": k}) + "\n")
                             .encode())
            proc.stdin.flush()  # and keep stdin open
            try:
                answer = json.loads(lines.get(timeout=DEADLOCK_SECONDS))
            except queue.Empty:
                pytest.fail("gibbs eval did not answer line %d while its input was open" % (k + 1))
            assert answer["id"] == k
            assert answer["value"] == ref.rn64(ref.kl(p, q))
    finally:
        proc.stdin.close()
        assert proc.wait(timeout=DEADLOCK_SECONDS) == 0
        proc.stdout.close()
        proc.stderr.close()


@pytest.mark.parametrize("line", [
    {"measure": "kl", "p": [0.5, 0.6], "q": [0.5, 0.5]},
    {"measure": "kl", "p": [0.5, 0.5]},
    {"measure": "entropy", "p": [0.5, 0.5], "base": 1},
    {"measure": "nll", "q": [0.5, 0.5], "samples": [0, 2]},
    {"measure": "entropy", "p": [0.5, "0x1p-1", "1e-400"]},
    {"measure": "logits_cross_entropy", "logits": [1.0, 2.0], "target": 5},
])
def test_evaluate_gives_the_message_of_eval(line):
    out = subprocess.run([GIBBS, "eval"], input=json.dumps(line) + "\n", capture_output=True,
                         text=True, timeout=DEADLOCK_SECONDS).stdout
    cli_error = json.loads(out)["error"]
    assert cli_error.startswith("line 1: ")
    with pytest.raises(gibbs.InvalidInput) as e:
        gibbs.evaluate(line)
    assert str(e.value) == cli_error[len("line 1: "):]


def npy(path, array):
    np.save(path, array)
    return str(path)


def test_npy_input_may_be_2d_one_result_per_row(tmp_path):
    rng = np.random.default_rng(2)
    p = rng.dirichlet(np.ones(7), size=5)
    q = rng.dirichlet(np.ones(7), size=5)
    r = subprocess.run([GIBBS, "kl", "--p-file", npy(tmp_path / "p.npy", p), "--q-file",
                        npy(tmp_path / "q.npy", q)], capture_output=True, text=True,
                       timeout=DEADLOCK_SECONDS)
    assert r.returncode == 0, r.stderr
    rows = [json.loads(line) for line in r.stdout.splitlines()]
    assert [row["value"] for row in rows] == [ref.rn64(ref.kl(p[i], q[i])) for i in range(5)]
    assert all(row["row"] == i for i, row in enumerate(rows))
    # a 1-D q is used for every row; float32 files give binary32 with --type binary32
    q1 = npy(tmp_path / "q1.npy", np.full(7, 1 / 7, dtype=np.float32))
    p32 = (p / p.sum(axis=1, keepdims=True)).astype(np.float32)
    r = subprocess.run([GIBBS, "kl", "--type", "binary32", "--p-file",
                        npy(tmp_path / "p32.npy", p32), "--q-file", q1], capture_output=True,
                       text=True, timeout=DEADLOCK_SECONDS)
    assert r.returncode == 0, r.stderr
    vals = [json.loads(line)["value"] for line in r.stdout.splitlines()]
    want = [float(ref.rn32(ref.kl(p32[i], np.full(7, np.float32(1 / 7))))) for i in range(5)]
    assert [float(np.float32(v)) for v in vals] == want
    # rows of different counts are an error naming both files
    r = subprocess.run([GIBBS, "kl", "--p-file", npy(tmp_path / "p3.npy", p[:3]), "--q-file",
                        npy(tmp_path / "q2.npy", q[:2])], capture_output=True, text=True,
                       timeout=DEADLOCK_SECONDS)
    assert r.returncode == 1 and "3 rows" in r.stderr and "2 rows" in r.stderr, r.stderr
