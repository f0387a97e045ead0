#!/usr/bin/env python3
"""A precision study of your own formulation: how many correct digits each float32 KL formula
keeps as q approaches p, judged by the oracle (correctly rounded binary32, read exactly).

    PYTHONPATH=build/python /usr/bin/python3 examples/python/precision_study.py [OUT_PREFIX]

writes OUT_PREFIX.csv and OUT_PREFIX.png (default docs/precision_python): correct decimal digits
against eps for q = p with a relative eps of mass moved between entries, for three float32
formulations (NumPy) and torch.nn.functional.kl_div. The plot is drawn with matplotlib
(Debian: python3-matplotlib) or, without it, gnuplot (gnuplot-nox); with neither, only the CSV.

Replace `formulations` with your own kernels: each takes float32 arrays p, q and returns a number.
"""
import csv
import math
import os
import shutil
import subprocess
import sys

import numpy as np
import torch

import gibbs

prefix = sys.argv[1] if len(sys.argv) > 1 else os.path.join("docs", "precision_python")
f32 = np.float32


def textbook(p, q):
    return np.sum(p * np.log(p / q), dtype=f32)


def log_difference(p, q):
    return np.sum(p * (np.log(p) - np.log(q)), dtype=f32)


def bregman(p, q):
    # the accurate form: KL = sum q [(1 + u) log1p(u) - u] + sum(p - q), u = (p - q) / q;
    # p - q is exact for nearby floats (Sterbenz), so only the small sums round
    u = (p - q) / q
    return np.sum(q * ((1 + u) * np.log1p(u) - u), dtype=f32) + np.sum(p - q, dtype=f32)


def torch_kl_div(p, q):
    tp, tq = torch.from_numpy(p), torch.from_numpy(q)
    return torch.nn.functional.kl_div(tq.log(), tp, reduction="sum").item()


formulations = {"textbook p log(p/q)": textbook, "p (log p - log q)": log_difference,
                "Bregman form": bregman, "torch kl_div": torch_kl_div}


def correct_digits(x, r):
    """-log10 of the relative error against the exact value (from the oracle's enclosure)."""
    if not math.isfinite(x):
        return 0.0
    exact = float(r.value)
    if x == exact:
        return 9.0  # the binary32 cap: correctly rounded
    if exact == 0 or (x < 0) != (exact < 0):
        return 0.0
    return max(0.0, min(9.0, -math.log10(abs(x - exact) / abs(exact))))


rng = np.random.default_rng(7)
n = 100
w = rng.random(n) + 0.1
p = (w / w.sum()).astype(f32)
p[0] = f32(1) - np.sum(p[1:], dtype=np.float64)  # sum(p) within an ulp of 1
rows = []
for k in range(2, 45):
    eps = 10.0 ** (-k / 6)
    q = p.copy()
    # move a relative eps of mass from every odd entry to the even one before it: same sum
    d = (q[1::2] * f32(eps)).astype(f32)
    q[1::2] -= d
    q[0::2] += d
    r = gibbs.kl(p, q)  # the exact sum p log(p/q) on the float32 numbers as given
    rows.append([eps] + [correct_digits(float(f(p, q)), r) for f in formulations.values()])

os.makedirs(os.path.dirname(prefix) or ".", exist_ok=True)
with open(prefix + ".csv", "w", newline="") as out:
    csv.writer(out).writerows([["eps"] + list(formulations)] + rows)
print("wrote %s.csv" % prefix)

title = "float32 KL(p||q) near p = q, n = %d: correct digits against the gibbs oracle" % n
try:
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
except ImportError:
    plt = None
if plt is not None:
    fig, ax = plt.subplots(figsize=(8, 5))
    for i, name in enumerate(formulations):
        ax.semilogx([r[0] for r in rows], [r[i + 1] for r in rows], marker="o", ms=3, label=name)
    ax.invert_xaxis()
    ax.set_xlabel("relative perturbation eps of q from p")
    ax.set_ylabel("correct decimal digits (binary32: at most 9)")
    ax.set_title(title, fontsize=10)
    ax.grid(True, alpha=0.3)
    ax.legend()
    fig.savefig(prefix + ".png", dpi=100)
    print("wrote %s.png (matplotlib)" % prefix)
elif shutil.which("gnuplot"):
    plots = ", ".join("'%s.csv' using 1:%d with linespoints title '%s'" % (prefix, i + 2, name)
                      for i, name in enumerate(formulations))
    script = ("set terminal png size 800,500; set output '%s.png'; set datafile separator ',';"
              "set key autotitle columnhead; set logscale x; set xrange [*:*] reverse;"
              "set title '%s'; plot %s" % (prefix, title, plots))
    subprocess.run(["gnuplot", "-e", script], check=True)
    print("wrote %s.png (gnuplot)" % prefix)
else:
    print("no matplotlib (python3-matplotlib) and no gnuplot (gnuplot-nox): CSV only")
