"""Independent reference values for the Python tests: Python's decimal module (libmpdec, which
shares no code with gibbs or MPFR) at 80 significant digits on the exact binary inputs
(Decimal(float) is exact), rounded once to binary64 by float(str(d)) (correctly rounded by
CPython's dtoa) or to binary32 by choosing the nearest of the binary32 neighbours of that
binary64 (exact comparisons in Decimal). At 80 digits the rounding is wrong only if the exact
value lies within 10^-75 relative of a rounding boundary; none of the inputs used here does.
"""
import struct
from decimal import Decimal, getcontext

import numpy as np

getcontext().prec = 80


def D(x):
    return Decimal(float(x))


def entropy(p):
    return -sum(D(a) * D(a).ln() for a in p if a != 0)


def cross_entropy(p, q):
    return -sum(D(a) * D(b).ln() for a, b in zip(p, q) if a != 0)


def kl(p, q):
    return sum(D(a) * (D(a) / D(b)).ln() for a, b in zip(p, q) if a != 0)


def reverse_kl(p, q):
    return kl(q, p)


def generalized_kl(p, q):
    return kl(p, q) - sum(D(a) for a in p) + sum(D(b) for b in q)


def js(p, q):
    m = [(D(a) + D(b)) / 2 for a, b in zip(p, q)]
    left = sum(D(a) * (D(a) / c).ln() for a, c in zip(p, m) if a != 0)
    right = sum(D(b) * (D(b) / c).ln() for b, c in zip(q, m) if b != 0)
    return (left + right) / 2


def nll(q, samples):
    return -sum(D(q[s]).ln() for s in samples) / len(samples)


def perplexity(q, samples):
    return nll(q, samples).exp()


def logits_cross_entropy(z, t):
    zs = [D(x) for x in z]
    top = max(zs)
    lse = top + sum((x - top).exp() for x in zs).ln()
    return lse - zs[int(t)]


def rn64(d):
    return float(str(d))


def rn32(d):
    f = np.float32(rn64(d))
    bits = np.array([f]).view(np.uint32)[0]
    around = [struct.unpack("<f", struct.pack("<I", int(b)))[0] for b in (bits - 1, bits, bits + 1)]
    return np.float32(min(around, key=lambda c: abs(Decimal(c) - d)))


def rounded(d, fmt):
    return rn32(d) if fmt == "binary32" else np.float64(rn64(d))


def total_variation(p, q):
    return sum(abs(D(a) - D(b)) for a, b in zip(p, q)) / 2


def hellinger(p, q):
    return (sum((D(a).sqrt() - D(b).sqrt()) ** 2 for a, b in zip(p, q)) / 2).sqrt()


def chi_squared(p, q):
    return sum((D(a) - D(b)) ** 2 / D(b) for a, b in zip(p, q))


def renyi(p, q, alpha):
    a = D(alpha)
    s = sum(D(x) ** a * D(y) ** (1 - a) for x, y in zip(p, q) if x != 0)
    return s.ln() / (a - 1)
