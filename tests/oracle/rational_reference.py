"""Independent exact reference for tests/oracle/rational.cpp (run with Debian's /usr/bin/python3).

Reads one JSON case per line from argv[1], writes one answer per line to argv[2]:
    status value b64 b64lo b64hi b32 b32lo b32hi digits
status is rational / irrational / unknown; value is num/den; the six numbers are float.hex of the
value rounded to nearest-even, down and up in binary64 and binary32 (integer arithmetic on the
Fraction, subnormals included); digits is the decimal expansion to the requested number of
significant digits (the decimal module, ROUND_HALF_EVEN), or '-'.

The mathematics is the same theorem as the C++ module (logs of distinct primes are linearly
independent over Q; log A is irrational for rational A != 1), applied by different code: every
ratio is a Fraction, factored completely by sympy.factorint, and the exponents are Fractions.
"""
import json
import math
import sys
from collections import defaultdict
from decimal import ROUND_HALF_EVEN, Decimal, localcontext
from fractions import Fraction as F

import sympy


def h(s):
    return F(float.fromhex(s)) if isinstance(s, str) else F(s)


def vec(r):
    """Prime exponents of a positive Fraction."""
    out = defaultdict(int)
    for p, k in sympy.factorint(r.numerator).items():
        out[p] += k
    for p, k in sympy.factorint(r.denominator).items():
        out[p] -= k
    return out


def loglinear(terms, Q, base):
    """(sum w log r + Q) / log base (base 0: e): ('rational', V) or ('irrational', None)."""
    E = defaultdict(F)
    for w, r in terms:
        if w == 0:
            continue
        for p, k in vec(r).items():
            E[p] += w * k
    E = {p: e for p, e in E.items() if e != 0}
    if base == 0:
        return ("rational", Q) if not E else ("irrational", None)
    if Q != 0:
        return ("irrational", None)
    beta = vec(base)
    p0 = next(iter(beta))
    V = E.get(p0, F(0)) / beta[p0]
    for p in set(E) | set(beta):
        if E.get(p, F(0)) != V * beta.get(p, 0):
            return ("irrational", None)
    return ("rational", V)


def rational_sqrt(x):
    if x < 0:
        return None
    a, b = math.isqrt(x.numerator), math.isqrt(x.denominator)
    return F(a, b) if a * a == x.numerator and b * b == x.denominator else None


def decide(c):
    m, var = c["m"], c.get("var", "plain")
    base = h(c.get("base", 0))
    p = [h(x) for x in c.get("p", [])]
    q = [h(x) for x in c.get("q", [])]
    norm = var == "normalized"
    Sp, Sq = sum(p, F(0)), sum(q, F(0))
    if m in ("entropy", "cross_entropy", "kl", "generalized_kl"):
        if m == "entropy":
            q = p
            Sq = Sp
        terms = []
        for pi, qi in zip(p, q):
            if pi == 0:
                continue
            w = pi / Sp if norm else pi
            if m == "entropy" or m == "cross_entropy":
                r = (Sq / qi) if norm else 1 / qi
            else:
                r = (pi * Sq) / (qi * Sp) if norm else pi / qi
            terms.append((w, r))
        Q = (Sq - Sp) if m == "generalized_kl" else F(0)
        return loglinear(terms, Q, base)
    if m == "js":
        if norm:
            p = [x / Sp for x in p]
            q = [x / Sq for x in q]
        terms = []
        for pi, qi in zip(p, q):
            if pi > 0:
                terms.append((pi / 2, 2 * pi / (pi + qi)))
            if qi > 0:
                terms.append((qi / 2, 2 * qi / (pi + qi)))
        return loglinear(terms, F(0), base)
    if m in ("nll", "perplexity"):
        counts = c["counts"]
        N = sum(counts)
        terms = [(F(ck, N), (Sq if norm else 1) / qk) for ck, qk in zip(counts, q) if ck > 0]
        if m == "nll":
            return loglinear(terms, F(0), base)
        E = defaultdict(F)
        for w, r in terms:
            for pr, k in vec(r).items():
                E[pr] += w * k
        if any(e.denominator != 1 for e in E.values()):
            return ("irrational", None)
        v = F(1)
        for pr, e in E.items():
            v *= F(pr) ** int(e)
        return ("rational", v)
    if m == "logits":
        z = [h(x) for x in c["z"]]
        t = [h(x) for x in c.get("t", [])]
        if len(set(z)) > 1:
            return ("irrational", None)
        T = F(1) if (not t or norm) else sum(t, F(0))
        return loglinear([(T, F(len(z)))], F(0), base)
    if m == "total_variation":
        return ("rational", sum((abs(a - b) for a, b in zip(p, q)), F(0)) / 2)
    if m == "chi_squared":
        return ("rational", sum(((a - b) ** 2 / b for a, b in zip(p, q) if a != b), F(0)))
    if m in ("hellinger", "hellinger2"):
        s = F(0)
        for a, b in zip(p, q):
            r = rational_sqrt(a * b)
            if r is None:
                return ("irrational", None)
            s += r
        H2 = (Sp + Sq) / 2 - s
        if m == "hellinger2":
            return ("rational", H2)
        r = rational_sqrt(H2)
        return ("rational", r) if r is not None else ("irrational", None)
    if m == "renyi":
        alpha = h(c["alpha"])
        # p = c q on the common support O: S = c^alpha sum_O q, so D is log-linear for any alpha
        O = [(a, b) for a, b in zip(p, q) if a > 0 and b > 0]
        if O and all(a / b == O[0][0] / O[0][1] for a, b in O):
            ratio, QO = O[0][0] / O[0][1], sum((b for _, b in O), F(0))
            return loglinear([(alpha / (alpha - 1), ratio), (1 / (alpha - 1), QO)], F(0), base)
        if alpha == F(1, 2):
            s = F(0)
            for a, b in zip(p, q):
                r = rational_sqrt(a * b)
                if r is None:  # S irrational: log S irrational; in a base b: not decided
                    return ("irrational", None) if base == 0 else ("unknown", None)
                s += r
            S = s
        elif alpha.denominator == 1 and 2 <= alpha <= 64:
            a = int(alpha)
            S = sum((pi ** a / qi ** (a - 1) for pi, qi in zip(p, q) if pi > 0), F(0))
        else:
            return ("unknown", None)
        return loglinear([(1 / (alpha - 1), S)], F(0), base)
    raise ValueError(m)


def round_fmt(X, prec, emin, emax, mode):
    """X rounded to the binary format (prec bits, normal exponents emin..emax)."""
    if X == 0:
        return 0.0
    s = -1 if X < 0 else 1
    a = abs(X)
    e = a.numerator.bit_length() - a.denominator.bit_length()
    if F(2) ** e > a:
        e -= 1
    while F(2) ** (e + 1) <= a:
        e += 1
    e = max(e, emin)
    quantum = F(2) ** (e - prec + 1)
    m = a / quantum
    n = m.numerator // m.denominator
    r = m - n
    if mode == "n":
        if r > F(1, 2) or (r == F(1, 2) and n % 2 == 1):
            n += 1
    elif (mode == "u" and s > 0 and r > 0) or (mode == "d" and s < 0 and r > 0):
        n += 1
    v = n * quantum
    largest = (2 - F(2) ** (1 - prec)) * F(2) ** emax
    if v > largest:
        up = mode == "n" or (mode == "u" and s > 0) or (mode == "d" and s < 0)
        return s * math.inf if up else s * float(largest)
    return s * float(v)  # exact: v is representable in binary64


def digits_of(X, n):
    with localcontext() as ctx:
        ctx.prec = n
        ctx.rounding = ROUND_HALF_EVEN
        d = Decimal(X.numerator) / Decimal(X.denominator)
    if d == 0:
        return "0" + ("." + "0" * (n - 1) if n > 1 else "") + "e+00"
    sign, ds, _ = d.as_tuple()
    ds = "".join(map(str, ds)).ljust(n, "0")[:n]
    e = d.adjusted()
    body = ds[0] + ("." + ds[1:] if n > 1 else "")
    return ("-" if sign else "") + body + "e%s%02d" % ("-" if e < 0 else "+", abs(e))


def main():
    with open(sys.argv[1]) as fin, open(sys.argv[2], "w") as fout:
        for line in fin:
            c = json.loads(line)
            st, v = decide(c)
            if st != "rational":
                fout.write(st + "\n")
                continue
            out = [st, "%d/%d" % (v.numerator, v.denominator)]
            for prec, emin, emax in ((53, -1022, 1023), (24, -126, 127)):
                for mode in "ndu":
                    out.append(float.hex(round_fmt(v, prec, emin, emax, mode)))
            out.append(digits_of(v, c["digits"]) if c.get("digits", 0) > 0 else "-")
            fout.write(" ".join(out) + "\n")


main()
