#!/usr/bin/env python3
"""Speed of the gibbs Python package and of the gibbs program against NumPy/SciPy, measured in
one run on this machine (best of several repetitions), reported as ratios to the baseline.

    PYTHONPATH=build/python /usr/bin/python3 bench/python_bench.py build/tools/cli/gibbs [--quick]

  call      Python call overhead per request: gibbs.kl(p, q) on n = 4 against
            scipy.special.rel_entr(p, q).sum() on the same arrays.
  rows      rows per second of a 2-D batch (gibbs.kl on 256 rows x 10^4, every core) against
            rel_entr(P, Q).sum(axis=1).
  eval      `gibbs eval` requests per second at n = 1000 (JSON Lines through a pipe) against one
            Python process reading the same lines with json.loads and computing rel_entr.
  npy       `gibbs kl --p-file --q-file` on two 10^7 float64 .npy files against a Python process
            that np.load()s them and computes rel_entr(p, q).sum(); both as whole processes.
The baselines are uncertified double-precision loops: the ratios say what the certified,
correctly rounded answer costs, not a race between equals.
"""
import json
import os
import subprocess
import sys
import tempfile
import time

import numpy as np
from scipy.special import rel_entr

import gibbs

GIBBS = sys.argv[1]
QUICK = "--quick" in sys.argv
REPEAT = 3 if QUICK else 5


def best(f, repeat=REPEAT):
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        f()
        times.append(time.perf_counter() - t)
    return min(times)


def dirichlet(rng, shape):
    w = rng.gamma(1.0, size=shape)
    return w / w.sum(axis=-1, keepdims=True)


rng = np.random.default_rng(20261201)
rows_out = []


def report(name, what, gibbs_s, base_s, unit, per):
    rows_out.append((name, what, per / gibbs_s, per / base_s, unit, gibbs_s / base_s))


# --- call overhead ---------------------------------------------------------------------------
p4, q4 = dirichlet(rng, 4), dirichlet(rng, 4)
calls = 2000 if QUICK else 20000
t_g = best(lambda: [gibbs.kl(p4, q4) for _ in range(calls)])
t_s = best(lambda: [rel_entr(p4, q4).sum() for _ in range(calls)])
report("call", "gibbs.kl(p, q), n = 4", t_g / calls, t_s / calls, "calls/s", 1.0)

# --- batch rows ------------------------------------------------------------------------------
P, Q = dirichlet(rng, (256, 10000)), dirichlet(rng, (256, 10000))
t_g = best(lambda: gibbs.kl(P, Q))
t_1 = best(lambda: gibbs.kl(P, Q, threads=1))
t_s = best(lambda: rel_entr(P, Q).sum(axis=1))
report("rows", "gibbs.kl, 256 x 10^4, %d threads" % os.cpu_count(), t_g, t_s, "rows/s", 256)
report("rows", "gibbs.kl, 256 x 10^4, 1 thread", t_1, t_s, "rows/s", 256)

# --- eval ------------------------------------------------------------------------------------
n_lines = 200 if QUICK else 2000
lines = []
for k in range(n_lines):
    p, q = dirichlet(rng, 1000), dirichlet(rng, 1000)
    lines.append(json.dumps({"measure": "kl", "p": p.tolist(), "q": q.tolist()}))
text = ("\n".join(lines) + "\n").encode()
baseline = ("import sys, json\nfrom scipy.special import rel_entr\nimport numpy as np\n"
            "for line in sys.stdin:\n    d = json.loads(line)\n"
            "    print(rel_entr(np.array(d['p']), np.array(d['q'])).sum())\n")


def pipe(cmd):
    subprocess.run(cmd, input=text, stdout=subprocess.DEVNULL, check=True)


t_g = best(lambda: pipe([GIBBS, "eval"]))
t_s = best(lambda: pipe([sys.executable, "-c", baseline]))
report("eval", "gibbs eval, kl, n = 1000", t_g, t_s, "requests/s", n_lines)

# --- .npy ------------------------------------------------------------------------------------
n = 10**6 if QUICK else 10**7
with tempfile.TemporaryDirectory() as d:
    pf, qf = os.path.join(d, "p.npy"), os.path.join(d, "q.npy")
    np.save(pf, dirichlet(rng, n))
    np.save(qf, dirichlet(rng, n))
    t_g = best(lambda: subprocess.run([GIBBS, "kl", "--p-file", pf, "--q-file", qf, "--json"],
                                      stdout=subprocess.DEVNULL, check=True))
    script = ("import numpy as np; from scipy.special import rel_entr; "
              "print(rel_entr(np.load(%r), np.load(%r)).sum())" % (pf, qf))
    t_s = best(lambda: subprocess.run([sys.executable, "-c", script], stdout=subprocess.DEVNULL,
                                      check=True))
    report("npy", "gibbs kl on two %.0e .npy files" % n, t_g, t_s, "elements/s", n)

print("| bench | what | gibbs | scipy/numpy | unit | time gibbs / time baseline |")
print("|:---|:---|---:|---:|:---|---:|")
for name, what, g, s, unit, ratio in rows_out:
    print("| %s | %s | %.4g | %.4g | %s | %.2f |" % (name, what, g, s, unit, ratio))
