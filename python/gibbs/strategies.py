"""Hypothesis strategies for testing entropy, cross-entropy and KL kernels: distributions and
logits in a given dtype, with the inputs that break textbook formulas — zeros, tiny and subnormal
masses, near-equal pairs, one-hot distributions, huge spreads.

    from hypothesis import given
    from gibbs.strategies import distribution_pairs

    @given(distribution_pairs(dtype="float32"))
    def test_my_kl(pq):
        p, q = pq
        assert_ulp_close(my_kl(p, q), "kl", p, q, max_ulps=4)

Every entry is a number of the dtype (drawn, then rounded once to it) and every distribution sums
to 1 within half an ulp of its smallest positive entry (plus n 2^-53, the error of the binary64
sums the correction uses), well within the oracle's tolerance of the
dtype's own format (gibbs::detail::sum_tolerance: 4 n eps clamped to [2^-30, max(2^-10, 4 eps)],
i.e. at least 2^-8 in binary16 and 2^-5 in bfloat16, while half an ulp below 1 is at most 2^-12
and 2^-9): the "exact" variant accepts them in every dtype. The masses are drawn, rounded to the
dtype, and corrected from the largest down. ``dtype``: "float64", "float32", "float16" (NumPy
arrays) or "bfloat16" (a torch tensor; needs torch).
"""
import numpy as np
from hypothesis import strategies as st

_NP = {"float64": np.float64, "float32": np.float32, "float16": np.float16, "bfloat16": np.float32}
_KINDS = ("random", "zeros", "tiny", "one_hot", "spread", "uniform")


# 16-bit formats: (significant bits p, exponent of the least subnormal 2^(emin - p + 1))
_SMALL = {"float16": (11, -24), "bfloat16": (8, -133)}


def _round_to(x, dtype):
    """float64 values rounded once to the dtype (ties to even), as float64. The 16-bit formats: x
    = m 2^e with 1/2 <= |m| < 1 rounds to a multiple of 2^max(e - p, least subnormal exponent);
    the values drawn here stay below the largest finite number."""
    if dtype in _SMALL:
        p, least = _SMALL[dtype]
        x = np.asarray(x, dtype=np.float64)
        _, e = np.frexp(x)
        qe = np.maximum(e - p, least)
        return np.ldexp(np.rint(np.ldexp(x, -qe)), qe)
    return np.asarray(x, dtype=_NP[dtype]).astype(np.float64)


def _smallest(dtype):
    """The smallest positive subnormal of the dtype."""
    return {"float64": 5e-324, "float32": 2.0**-149, "float16": 2.0**-24,
            "bfloat16": 2.0**-133}[dtype]


def _finish(p, dtype):
    """The array in the dtype: NumPy, or a torch bfloat16 tensor."""
    if dtype == "bfloat16":
        import torch
        return torch.tensor(p, dtype=torch.float64).to(torch.bfloat16)  # exact: p holds bfloat16
    return np.asarray(p, dtype=_NP[dtype])


def _normalized(w, dtype):
    """Weights (float64, >= 0, some > 0) made into a distribution of the dtype summing to 1
    within half an ulp of its smallest positive entry: every entry rounded, then, from the
    largest down, each positive entry corrected by what the sum still lacks (rounded again)."""
    w = np.asarray(w, dtype=np.float64)
    p = _round_to(w / w.sum(), dtype)
    for i in np.argsort(-p, kind="stable"):
        if p[i] == 0:
            break
        missing = 1.0 - float(np.sum(p))  # sums of a few numbers of the dtype: exact enough
        if missing == 0:
            break
        p[i] = _round_to(max(0.0, p[i] + missing), dtype)
    return p


@st.composite
def _weights(draw, n, kind, dtype):
    if kind == "one_hot":
        w = np.zeros(n)
        w[draw(st.integers(0, n - 1))] = 1.0
        return w
    if kind == "uniform":
        return np.ones(n)
    w = np.array(draw(st.lists(st.floats(0.01, 1.0), min_size=n, max_size=n)))
    if kind == "zeros" and n > 1:
        zero = draw(st.lists(st.booleans(), min_size=n, max_size=n))
        zero[draw(st.integers(0, n - 1))] = False  # keep one positive mass
        w[np.array(zero)] = 0.0
    elif kind == "tiny" and n > 1:
        k = draw(st.integers(1, n - 1))
        tiny = draw(st.sampled_from([_smallest(dtype), _smallest(dtype) * 3,
                                     float(np.finfo(_NP[dtype]).tiny), 1e-30]))
        w[:k] = tiny * w.sum()  # after normalisation: masses near `tiny`, subnormal included
    elif kind == "spread":
        exps = draw(st.lists(st.integers(-30, 0), min_size=n, max_size=n))
        w = w * np.power(10.0, np.array(exps, dtype=np.float64))
    return w


@st.composite
def distributions(draw, dtype="float64", min_size=1, max_size=32, kinds=_KINDS):
    """A distribution of the dtype: random masses, with zeros, with tiny or subnormal masses,
    one-hot, spread over 30 decades, or uniform (``kinds`` selects among them)."""
    n = draw(st.integers(min_size, max_size))
    kind = draw(st.sampled_from(kinds))
    return _finish(_normalized(draw(_weights(n, kind, dtype)), dtype), dtype)


def _ulp(x, dtype):
    """The spacing of the dtype at x (float64 arithmetic, exact for the formats here)."""
    if dtype == "bfloat16":
        return float(np.spacing(np.float32(x))) * 65536.0
    return float(np.spacing(_NP[dtype](x)))


@st.composite
def near_equal_pairs(draw, dtype="float64", min_size=2, max_size=32, max_ulps=4):
    """(p, q): q is p with mass moved between entries by a few ulps of the dtype, so that both sum
    to the same number and KL(p||q) is tiny and positive; every textbook formula cancels here."""
    n = draw(st.integers(max(2, min_size), max(2, max_size)))
    p = _normalized(draw(_weights(n, draw(st.sampled_from(("random", "uniform", "spread"))),
                                  dtype)), dtype)
    q = p.copy()
    pairs = draw(st.integers(1, max(1, n // 2)))
    for _ in range(pairs):
        i, j = draw(st.integers(0, n - 1)), draw(st.integers(0, n - 1))
        if i == j or p[i] == 0 or p[j] == 0:
            continue
        k = draw(st.integers(1, max_ulps))
        d = k * min(_ulp(q[i], dtype), _ulp(q[j], dtype))
        if q[j] - d <= 0:
            continue
        a, b = _round_to(q[i] + d, dtype), _round_to(q[j] - d, dtype)
        if a - q[i] == q[j] - b:  # the same mass moved: sums unchanged
            q[i], q[j] = a, b
    return _finish(p, dtype), _finish(q, dtype)


@st.composite
def distribution_pairs(draw, dtype="float64", min_size=1, max_size=32, kinds=_KINDS):
    """(p, q) of one length: independent distributions or, one time in three, a near-equal pair."""
    if draw(st.integers(0, 2)) == 0:
        return draw(near_equal_pairs(dtype, max(2, min_size), max(2, max_size)))
    n = draw(st.integers(min_size, max_size))
    p = _normalized(draw(_weights(n, draw(st.sampled_from(kinds)), dtype)), dtype)
    qk = [k for k in kinds if k != "zeros"] or ["random"]  # q = 0 where p > 0 gives +inf: rare
    q = _normalized(draw(_weights(n, draw(st.sampled_from(qk)), dtype)), dtype)
    return _finish(p, dtype), _finish(q, dtype)


@st.composite
def logits(draw, dtype="float64", min_size=1, max_size=32, rows=None):
    """(logits, target): logits with spreads up to 2000 (float64: up to 1e300) or nearly equal
    large values, and a class index (``rows``: a 2-D batch with one index per row)."""
    n = draw(st.integers(min_size, max_size))
    big = {"float64": 1e300, "float32": 1e30, "float16": 6e4, "bfloat16": 1e30}[dtype]
    scale = draw(st.sampled_from([1.0, 50.0, 1000.0, big]))
    shape = (n,) if rows is None else (rows, n)
    kind = draw(st.sampled_from(("spread", "near_equal_large")))
    x = np.array(draw(st.lists(st.floats(-1.0, 1.0), min_size=int(np.prod(shape)),
                               max_size=int(np.prod(shape))))).reshape(shape)
    if kind == "spread":
        z = x * scale
    elif dtype in _SMALL:
        base = 1e3 if dtype == "float16" else 1e4  # a few ulps apart (1e-3 is below one)
        z = base + np.rint(x * 8) * _ulp(base, dtype)
    else:
        z = 1e4 + x * 1e-3
    z = _round_to(np.clip(z, -big, big), dtype).reshape(shape)
    if rows is None:
        t = draw(st.integers(0, n - 1))
    else:
        t = np.array(draw(st.lists(st.integers(0, n - 1), min_size=rows, max_size=rows)))
    return _finish(z, dtype), t
