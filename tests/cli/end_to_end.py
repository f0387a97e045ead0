#!/usr/bin/env python3
"""End-to-end runs of the gibbs program: exit statuses, stdin and file input, .npy files, shell form.

Usage: end_to_end.py PATH_TO_GIBBS

Reference values: Python's decimal module (libmpdec, independent of gibbs) at 60 digits on the exact
binary inputs (Decimal(float) is exact), rounded once to binary64 by float(str(...)), which rounds
correctly; and closed forms: H(uniform on 2) = 1 bit, H(uniform on 4) = 2 bits,
perplexity of the uniform model on 4 outcomes = 4.
"""
import json
import os
import struct
import subprocess
import sys
import tempfile
from decimal import Decimal, getcontext

getcontext().prec = 60
GIBBS = sys.argv[1]
failures = []


def check(cond, what):
    if not cond:
        failures.append(what)
        print("FAIL:", what)


def run(args, stdin=b""):
    p = subprocess.run([GIBBS] + args, input=stdin, capture_output=True, timeout=120)
    return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")


def rn(d):
    """The binary64 nearest to a Decimal."""
    return float(str(d))


def f32(x):
    return struct.unpack("<f", struct.pack("<f", x))[0]


def rn32(d):
    """The binary32 nearest to a Decimal: the closest of the binary32 numbers around rn(d)."""
    f = f32(rn(d))
    bits = struct.unpack("<i", struct.pack("<f", f))[0]
    around = [struct.unpack("<f", struct.pack("<i", b))[0] for b in (bits - 1, bits, bits + 1)]
    return min(around, key=lambda c: abs(Decimal(c) - d))


def kl(p, q):
    return sum(Decimal(a) * (Decimal(a) / Decimal(b)).ln() for a, b in zip(p, q) if a != 0)


def npy(path, descr, values, shape=None, fortran=False, fmt=None, truncate=0):
    shape = shape if shape is not None else "(%d,)" % len(values)
    header = "{'descr': '%s', 'fortran_order': %s, 'shape': %s, }" % (
        descr, "True" if fortran else "False", shape)
    pad = 64 - (10 + len(header) + 1) % 64
    header = header + " " * pad + "\n"
    fmt = fmt or {"<f8": "<%dd", "<f4": "<%df", ">f8": ">%dd", "<i8": "<%dq", "<i4": "<%di"}[descr]
    data = struct.pack(fmt % len(values), *values)
    blob = b"\x93NUMPY\x01\x00" + struct.pack("<H", len(header)) + header.encode() + data
    with open(path, "wb") as f:
        f.write(blob[:len(blob) - truncate] if truncate else blob)


P, Q = [0.5, 0.25, 0.25], [0.7, 0.2, 0.1]
KL = rn(kl(P, Q))

# --- eval: stdin, file, statuses -----------------------------------------------------------------
good = b'{"measure": "kl", "p": [0.5, 0.25, 0.25], "q": [0.7, 0.2, 0.1]}\n'
st, out, err = run(["eval"], good + b"\n   \n" + b'{"measure": "entropy", "p": [0.25, 0.25, 0.25, 0.25], "base": 2}')
lines = out.splitlines()
check(st == 0, "eval of valid lines exits 0, got %d (%s)" % (st, err))
check(len(lines) == 2, "blank lines are skipped, one answer per line: %r" % lines)
if len(lines) == 2:
    check(json.loads(lines[0])["value"] == KL, "kl value %s == %r" % (lines[0], KL))
    check(float.fromhex(json.loads(lines[0])["hex"]) == KL, "kl hex")
    check(json.loads(lines[1])["value"] == 2, "H(uniform on 4) = 2 bits: %s" % lines[1])

# a base written as a string is a number like any other ("2", "0x1p1"; "e" is e)
for base in (b'"2"', b'"0x1p1"', b'2.0'):
    st, out, err = run(["eval"], b'{"measure": "entropy", "p": [0.5, 0.5], "base": ' + base + b'}')
    check(st == 0 and json.loads(out)["value"] == 1, "base %r: H(uniform on 2) = 1: %r" % (base, out))

st, out, err = run(["eval"], good + b'{"measure": "kl", "p": [0.5]}\r\n' + good)
lines = out.splitlines()
check(st == 1, "an invalid line makes the status 1, got %d" % st)
check(len(lines) == 3 and "error" in json.loads(lines[1]) and json.loads(lines[2])["value"] == KL,
      "later lines still run after an invalid one: %r" % lines)
check(len(lines) == 3 and json.loads(lines[1])["error"].startswith("line 2: "), "error names line 2")

st, out, err = run(["eval"], b"\x00\x01\xff\xfe garbage\n" + good)
lines = out.splitlines()
check(st == 1 and len(lines) == 2 and "error" in json.loads(lines[0]),
      "binary garbage is an invalid line (status 1), the rest runs: %d %r" % (st, lines))

with tempfile.TemporaryDirectory() as d:
    f = os.path.join(d, "in.jsonl")
    with open(f, "wb") as h:
        h.write(good * 3)
    st, out, err = run(["eval", f])
    check(st == 0 and len(out.splitlines()) == 3, "eval FILE: %d %r" % (st, out))
    st, out, err = run(["eval", os.path.join(d, "missing.jsonl")])
    check(st == 2 and "cannot open" in err, "a missing file exits 2: %d %r" % (st, err))
    st, out, err = run(["eval", d])
    check(st == 2, "a directory exits 2: %d %r" % (st, err))

    # --- shell form ------------------------------------------------------------------------------
    st, out, err = run(["kl", "--p", "0.5,0.25,0.25", "--q", "0.7,0.2,0.1", "--json"])
    check(st == 0 and json.loads(out)["value"] == KL, "shell form --json: %d %r %r" % (st, out, err))
    st, out, err = run(["kl", "--p", "0.5,0.25,0.25", "--q", "0.7,0.2,0.1", "--digits", "30"])
    check(st == 0 and repr(KL) in out and "hex" in out and "digits" in out,
          "shell form prints value, hex and digits: %r" % out)
    st, out, err = run(["entropy", "--p", "0.5,0.5", "--base", "2", "--type", "binary32", "--json"])
    check(st == 0 and json.loads(out)["value"] == 1 and json.loads(out)["exact"] is True,
          "H(uniform on 2) = 1 bit exactly: %r %r" % (out, err))
    st, out, err = run(["perplexity", "--q", "0.25,0.25,0.25,0.25", "--samples", "0,3,3", "--json"])
    check(st == 0 and json.loads(out)["value"] == 4, "perplexity of uniform on 4 is 4: %r" % out)
    st, out, err = run(["logits_cross_entropy", "--logits=-1,1", "--target", "1", "--json"])
    ref = rn((Decimal(-2).exp() + 1).ln())  # log(e^-1 + e^1) - 1 = log(1 + e^-2)
    check(st == 0 and json.loads(out)["value"] == ref, "logits with an index: %r vs %r" % (out, ref))
    st, out, err = run(["logits_cross_entropy", "--logits=-1,1", "--target", "0,1", "--json"])
    check(st == 0 and json.loads(out)["value"] == ref, "logits with a one-hot target: %r" % out)
    st, out, err = run(["logits_cross_entropy", "--logits=-1,1", "--target", "-100", "--json"])
    check(st == 0 and json.loads(out)["value"] == 0 and json.loads(out)["exact"] is True,
          "target = ignore_index (-100) is an ignored row, 0: %r %r" % (out, err))
    st, out, err = run(["logits_cross_entropy", "--logits=-1,1", "--target", "-1"])
    check(st == 1 and "target = -1" in err, "a negative class other than ignore_index: %r" % err)
    # class targets as a 1-D .npy of integers, one per row of 2-D logits (PyTorch's int64
    # targets): row 0 = (-1, 1) with class 1, log(1 + e^-2); row 1 = (1, -1) with class 1,
    # log(e + e^-1) + 1 = log(1 + e^2)
    z2, t2 = os.path.join(d, "z2.npy"), os.path.join(d, "t2.npy")
    npy(z2, "<f8", [-1.0, 1.0, 1.0, -1.0], shape="(2, 2)")
    npy(t2, "<i8", [1, 1])
    ref0, ref1 = (Decimal(-2).exp() + 1).ln(), (Decimal(2).exp() + 1).ln()
    st, out, err = run(["logits_cross_entropy", "--logits-file", z2, "--target-file", t2])
    rows = [json.loads(x) for x in out.splitlines()]
    check(st == 0 and [r["value"] for r in rows] == [rn(ref0), rn(ref1)],
          "a .npy of class indices, one per row: %r %r" % (out, err))
    st, out, err = run(["logits_cross_entropy", "--logits-file", z2, "--target-file", t2,
                        "--reduction", "mean", "--json"])
    check(st == 0 and json.loads(out)["value"] == rn((ref0 + ref1) / 2),
          "a .npy of class indices, mean: %r %r" % (out, err))
    npy(t2, "<i4", [1, -100], fmt="<%di")
    st, out, err = run(["logits_cross_entropy", "--logits-file", z2, "--target-file", t2,
                        "--reduction", "mean", "--json"])
    check(st == 0 and json.loads(out)["value"] == rn(ref0),
          "ignore_index rows leave the mean's divisor: %r %r" % (out, err))
    npy(t2, "<i8", [1, 0, 1])
    st, out, err = run(["logits_cross_entropy", "--logits-file", z2, "--target-file", t2])
    check(st == 1 and "3 class indices" in err and "2 rows" in err,
          "as many class indices as rows: %r" % err)
    st, out, err = run(["logits_cross_entropy", "--logits=-1,1", "--target-file", t2])
    check(st == 1 and "class indices" in err, "class indices need 2-D logits: %r" % err)
    st, out, err = run(["kl", "--p=-0.5,1.5", "--q", "0.5,0.5"])
    check(st == 1 and "p[0]" in err, "a negative entry is invalid input (1): %d %r" % (st, err))
    for text, at, why in (("0.5,,0.5", "--p[1]", "a comma with no number before it"),
                          (",0.5,0.5", "--p[0]", "a comma with no number before it"),
                          ("0.5, 0.5,", "--p[2]", "the list ends with a comma")):
        st, out, err = run(["kl", "--p=" + text, "--q", "0.5,0.5"])
        check(st == 1 and at + " is empty: " + why in err,
              "an empty entry of %r is an error: %d %r" % (text, st, err))
    st, out, err = run(["kl", "--p", "0.5 0.5\n", "--q", "0.5,\t0.5"])
    check(st == 0, "whitespace alone, or around one comma, separates: %d %r" % (st, err))
    st, out, err = run(["renyi", "--p", "0.5,0.5", "--q", "0.5,0.5", "--alpha", "1e400"])
    check(st == 2 and "--alpha 1e400 is too large for binary64" in err,
          "a parameter that overflows says so: %r" % err)
    st, out, err = run(["kl", "--p", "0.5,0.5", "--q", "0.5,1e400"])
    check(st == 1 and "--q[1] = 1e400" in err, "overflow names option and index: %r" % err)
    st, out, err = run(["kl", "--p", "0.5,0.5", "--q", "0.5,1e400", "--json"])
    check(st == 1 and "error" in json.loads(out), "--json errors are JSON: %r" % out)
    st, out, err = run(["kl", "--p", "0.5,0.5"])
    check(st == 2, "a missing --q is a usage error (2): %d" % st)
    st, out, err = run(["kl", "--p", "0.5,0.5", "--q", "0.5,0.5", "--samples", "1"])
    check(st == 2, "an option the measure does not take is a usage error (2): %d" % st)
    st, out, err = run(["kl", "--p", "0.5,0.5", "--q-file", os.path.join(d, "nope.npy")])
    check(st == 2, "an unreadable --q-file exits 2: %d %r" % (st, err))

    # --- files: text and .npy --------------------------------------------------------------------
    t = os.path.join(d, "q.txt")
    with open(t, "w") as h:
        h.write("0.7\n0.2,\t0.1\n")
    st, out, err = run(["kl", "--p", "0.5,0.25,0.25", "--q-file", t, "--json"])
    check(st == 0 and json.loads(out)["value"] == KL, "text --q-file: %r %r" % (out, err))

    p64, q64 = os.path.join(d, "p64.npy"), os.path.join(d, "q64.npy")
    npy(p64, "<f8", P)
    npy(q64, "<f8", Q)
    st, out, err = run(["kl", "--p-file", p64, "--q-file", q64, "--json"])
    check(st == 0 and json.loads(out)["value"] == KL, "float64 .npy: %r %r" % (out, err))

    # float32 .npy: the binary32 numbers themselves (struct rounds each decimal-shortest double to
    # float; 0.5, 0.25 are exact and the q values are whatever float32 they are — read them back).
    q32 = os.path.join(d, "q32.npy")
    npy(q32, "<f4", Q)
    q32_values = list(struct.unpack("<3f", struct.pack("<3f", *Q)))
    # As binary64 input the float32 sum 0.99999999255 is off 1 beyond the binary64 tolerance: an
    # error, unless normalized (then the reference divides by the exact sum).
    st, out, err = run(["kl", "--p", "0.5,0.25,0.25", "--q-file", q32])
    check(st == 1 and "sum(q)" in err, "float32 q as binary64 is not normalised: %r" % err)
    qsum = sum(Decimal(x) for x in q32_values)
    ref = rn(sum(Decimal(a) * (Decimal(a) * qsum / Decimal(b)).ln() for a, b in zip(P, q32_values)))
    st, out, err = run(["kl", "--p", "0.5,0.25,0.25", "--q-file", q32, "--variant", "normalized",
                        "--json"])
    check(st == 0 and json.loads(out)["value"] == ref,
          "float32 .npy as binary64 input, normalized: %r vs %r %r" % (out, ref, err))
    st, out, err = run(["kl", "--p", "0.5,0.25,0.25", "--q-file", q32, "--type", "binary32", "--json"])
    check(st == 0 and float.fromhex(json.loads(out)["hex"]) == rn32(kl(P, q32_values))
          and f32(json.loads(out)["value"]) == rn32(kl(P, q32_values)),
          "float32 .npy as binary32: %r %r" % (out, err))
    st, out, err = run(["kl", "--p", "0.5,0.25,0.25", "--q-file", q64, "--type", "binary32"])
    check(st == 1 and "not a binary32 number" in err, "float64 0.7 is not binary32: %r" % err)

    big = os.path.join(d, "p_big.npy")
    n = 1 << 20
    npy(big, "<f8", [1.0 / n] * n)
    st, out, err = run(["entropy", "--p-file", big, "--base", "2", "--json"])
    check(st == 0 and json.loads(out)["value"] == 20, "H(uniform on 2^20) = 20 bits: %r %r" % (out, err))

    s8 = os.path.join(d, "s.npy")
    npy(s8, "<i8", [0, 3, 3])
    st, out, err = run(["perplexity", "--q", "0.25,0.25,0.25,0.25", "--samples-file", s8, "--json"])
    check(st == 0 and json.loads(out)["value"] == 4, "int64 .npy samples: %r %r" % (out, err))

    bad = [
        ("big-endian", dict(descr=">f8", values=Q), "big-endian"),
        ("fortran", dict(descr="<f8", values=Q, fortran=True), "Fortran"),
        ("3-D", dict(descr="<f8", values=Q, shape="(3, 1, 1)"), "2-D"),
        ("truncated", dict(descr="<f8", values=Q, truncate=3), "truncated"),
        ("int as reals", dict(descr="<i4", values=[1, 2, 3]), "integers"),
        ("shape lies", dict(descr="<f8", values=Q, shape="(1000000000000,)"), "truncated"),
    ]
    for name, kw, says in bad:
        path = os.path.join(d, name + ".npy")
        npy(path, **kw)
        st, out, err = run(["kl", "--p", "0.5,0.25,0.25", "--q-file", path])
        check(st == 1 and says in err, ".npy %s is refused (%s): %d %r" % (name, says, st, err))
    with open(os.path.join(d, "short.npy"), "wb") as h:
        h.write(b"\x93NUMPY\x01\x00\xff\xff{'descr'")
    st, out, err = run(["kl", "--p", "0.5,0.5", "--q-file", os.path.join(d, "short.npy")])
    check(st == 1 and "header" in err, "a header longer than the file is refused: %r" % err)

# --- batches in eval and reductions in the shell form -----------------------------------------
P2, Q2 = [[0.5, 0.25, 0.25], [0.25, 0.25, 0.5]], [0.7, 0.2, 0.1]
st, out, err = run(["eval"], (json.dumps({"measure": "kl", "p": P2, "q": Q2}) + "\n").encode())
check(st == 0 and json.loads(out)["value"] == [rn(kl(row, Q2)) for row in P2],
      "a 2-D p is a batch with a 1-D q for every row, answered as arrays: %r" % out)
st, out, err = run(["eval"], b'{"measure": "kl", "p": [[0.5, 0.5], [1]], "q": [0.5, 0.5]}\n')
check(st == 1 and "p[1] has 1 entries but p[0] has 2" in out, "rows of unequal length: %r" % out)
st, out, err = run(["eval"], b'{"measure": "kl", "p": [0.5, 0.5], "q": [0.5, 0.5], "reduction": "max"}\n')
check(st == 1 and 'reduction = \\"max\\" is unknown' in out, "an unknown reduction: %r" % out)
st, out, err = run(["kl", "--p", "0.5,0.25,0.25", "--q", "0.7,0.2,0.1", "--reduction", "none",
                    "--json"])
check(st == 0 and json.loads(out)["value"] == KL, "--reduction none of one case: %r %r" % (out, err))
st, out, err = run(["kl", "--p", "0.5,0.5", "--q", "0.5,0.5", "--reduction", "maximum"])
check(st == 2 and "--reduction maximum is unknown" in err, "an unknown --reduction: %r" % err)

# --- vector-valued measures: softmax and log_softmax, one result per logit ---------------------
# Reference: Python's Decimal at 60 digits from the definitions, log_softmax_i = z_i - ln(sum e^z).
def log_softmax(z):
    lse = sum(Decimal(v).exp() for v in z).ln()
    return [Decimal(v) - lse for v in z]


st, out, err = run(["eval"], b'{"measure": "log_softmax", "logits": [1, 2, 3]}\n')
a = json.loads(out) if st == 0 else {}
check(st == 0 and a["value"] == [rn(d) for d in log_softmax([1, 2, 3])]
      and len(a["hex"]) == 3 and len(a["lo"]) == 3 and len(a["hi"]) == 3,
      "eval log_softmax answers one result per logit: %r %r" % (out, err))
README = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "README.md")
with open(README, encoding="utf-8") as h:
    readme = h.read()
line = """$ echo '{"measure":"log_softmax","logits":[1,2,3]}' | build/tools/cli/gibbs eval\n"""
check(line in readme and readme.split(line, 1)[1].startswith(out),
      "README shows the output of its log_softmax eval line: %r" % out)
# A row dominated by one logit: -(2^53 + 1) - log1p(e^-(2^53 + 1)) lies a hair below a binary64
# midpoint and rounds to -(2^53 + 2) (in [-(2^53 + 2), -2^53]); the other output is a negative
# number far below the least subnormal (reference: the sign argument of softmax.hpp's
# near_elements, checked against mpmath in tests/python/test_near_rational.py).
line = """$ echo '{"measure":"log_softmax","logits":[-1,"0x1p53"]}' | build/tools/cli/gibbs eval\n"""
st, out, err = run(["eval"], b'{"measure":"log_softmax","logits":[-1,"0x1p53"]}\n')
a = json.loads(out) if st == 0 else {}
check(st == 0 and a["hex"] == ["-0x1.0000000000001p+53", "-0x0p+0"]
      and a["lo"] == ["-0x1.0000000000001p+53", "-0x0.0000000000001p-1022"]
      and a["hi"] == ["-0x1p+53", "-0x0p+0"],
      "eval log_softmax of logits 2^53 apart: %r %r" % (out, err))
check(line in readme and readme.split(line, 1)[1].startswith(out),
      "README shows the output of its log_softmax near-midpoint line: %r" % out)
Z2 = [[0, 1, 2], [5, 5, -1]]
st, out, err = run(["eval"], (json.dumps({"measure": "softmax", "logits": Z2}) + "\n").encode())
want = [[rn(d.exp()) for d in log_softmax(row)] for row in Z2]
check(st == 0 and json.loads(out)["value"] == want,
      "eval softmax of a 2-D batch answers rows x K: %r %r" % (out, want))
st, out, err = run(["eval"], b'{"measure": "softmax", "logits": [1, 2], "reduction": "sum"}\n')
check(st == 1 and "takes no reduction" in out, "softmax refuses a reduction: %r" % out)
# The gradient of logits_cross_entropy: softmax - one-hot (class 2 in every row), divided by
# B = 2 rows for mean.
st, out, err = run(["eval"], (json.dumps({"measure": "logits_cross_entropy_grad", "logits": Z2,
                                          "target": 2}) + "\n").encode())
want = [[rn((d.exp() - (1 if k == c else 0)) / 2) for k, d in enumerate(log_softmax(row))]
        for row, c in zip(Z2, [2, 2])]
check(st == 0 and json.loads(out)["value"] == want,
      "eval logits_cross_entropy_grad of a batch, mean: %r %r" % (out, want))
# The gradient of binary_cross_entropy_with_logits: w [(1 - y) sigma(z) - pw y sigma(-z)], here
# from the identity sigma(z) (1 - y + pw y) - pw y in Decimal, divided by N = 3 for mean.
def bce_logits_grad(z, y, pw):
    out = []
    for a, b, c in zip(z, y, pw):
        s = 1 / (1 + (-Decimal(a)).exp())
        out.append(s * (1 - Decimal(b) + Decimal(c) * Decimal(b)) - Decimal(c) * Decimal(b))
    return out


line = ('{"measure":"binary_cross_entropy_with_logits_grad","logits":[40,-1.5,0],'
        '"target":[1,0,0.5],"pos_weight":[1,3,1]}')
st, out, err = run(["eval"], (line + "\n").encode())
a = json.loads(out) if st == 0 else {}
check(st == 0 and a["value"] == [rn(d / 3) for d in bce_logits_grad([40, -1.5, 0], [1, 0, 0.5],
                                                                     [1, 3, 1])]
      and a["exact"] == [False, False, True],
      "eval binary_cross_entropy_with_logits_grad, mean over N = 3: %r %r" % (out, err))
readme_line = "$ echo '" + line + "' | build/tools/cli/gibbs eval\n"
check(readme_line in readme and readme.split(readme_line, 1)[1].startswith(out),
      "README shows the output of its binary_cross_entropy_with_logits_grad line: %r" % out)
st, out, err = run(["binary_cross_entropy_with_logits_grad", "--logits", "40,-800", "--target",
                    "1,0", "--reduction", "sum", "--json"])
check(st == 0 and json.loads(out)["value"] == [rn(d) for d in bce_logits_grad([40, -800], [1, 0],
                                                                                [1, 1])],
      "the binary_cross_entropy_with_logits_grad subcommand: %r %r" % (out, err))
st, out, err = run(["log_softmax", "--logits", "0,0", "--json"])
check(st == 0 and json.loads(out)["value"] == [rn(d) for d in log_softmax([0, 0])],
      "the log_softmax subcommand: %r %r" % (out, err))

# --- help and version ----------------------------------------------------------------------------
st, out, err = run(["--help"])
check(st == 0 and "0 log 0 = 0" in out and "lo <= exact value <= hi" in out, "top-level --help")
st, out, err = run(["kl", "--help"])
check(st == 0 and "--p-file" in out and "sum p_i log(p_i / q_i)" in out, "kl --help: %r" % out[:200])
check("--reduction" in out and "default: none" in out, "kl --help lists --reduction: %r" % out)
st, out, err = run(["eval", "--help"])
check(st == 0 and "JSON Lines" in out, "eval --help")
check('"reduction"' in out and "2-D" in out, "eval --help: reduction and batches: %r" % out)
st, out, err = run(["--version"])
check(st == 0 and out.startswith("gibbs "), "--version: %r" % out)
st, out, err = run([])
check(st == 2, "no command is a usage error (2): %d" % st)

print("%d failure(s)" % len(failures))
sys.exit(1 if failures else 0)
