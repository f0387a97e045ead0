"""Checking a kernel against the oracle, in the style of ``numpy.testing``.

    from gibbs.testing import assert_ulp_close
    assert_ulp_close(my_kl(p, q), "kl", p, q, max_ulps=4)

``assert_ulp_close`` evaluates the measure with the oracle on the same inputs (a batch: one result
per row), measures the answer in ulps of the oracle's format (that of the inputs' dtype, or
``type=``) and raises AssertionError naming the worst row, its error in ulps, the correctly
rounded value and the certified enclosure. ``ulp_distance(a, b, format)`` counts the numbers of
the format from a to b.
"""
import numpy as np

import gibbs
from . import _inputs

# format: (unsigned view dtype, signed dtype, bits of the magnitude mask, numpy float dtype)
_FORMATS = {
    "binary64": (np.uint64, np.int64, 0x7FFFFFFFFFFFFFFF, np.float64),
    "binary32": (np.uint32, np.int32, 0x7FFFFFFF, np.float32),
    "binary16": (np.uint16, np.int16, 0x7FFF, np.float16),
    "bfloat16": (np.uint16, np.int16, 0x7FFF, None),
}
_DTYPE_FORMAT = {np.dtype(np.float64): "binary64", np.dtype(np.float32): "binary32",
                 np.dtype(np.float16): "binary16"}
_BF16_MAX = float.fromhex("0x1.fep127")
_INT64_MIN = np.iinfo(np.int64).min
_INT64_MAX = np.iinfo(np.int64).max


def _bits(x, fmt):
    """The bit patterns of x as numbers of the format (x must hold numbers of the format)."""
    if fmt == "bfloat16":
        a, tag = _inputs.to_numpy("value", x)
        if tag == "bfloat16":
            return np.asarray(a, dtype=np.uint16), np.zeros(a.shape, bool)
        f = round_bfloat16(np.asarray(a, dtype=np.float64)).astype(np.float32)
        return (np.atleast_1d(f).view(np.uint32) >> 16).astype(np.uint16).reshape(f.shape), \
            np.isnan(f)
    udt, _, _, fdt = _FORMATS[fmt]
    a, tag = _inputs.to_numpy("value", x)
    if tag == "bfloat16":
        a = (a.astype(np.uint32) << 16).view(np.float32)
    f = np.asarray(a, dtype=fdt)
    return f.view(udt), np.isnan(f)


def round_bfloat16(x):
    """float64 values rounded once to the nearest bfloat16 number (ties to even; beyond the
    largest finite 0x1.fep127, from its midpoint with the next power of two on, to +-inf), as
    float64: x = m 2^e with 1/2 <= |m| < 1 is a multiple of 2^max(e-8, -133) after rounding."""
    x = np.asarray(x, dtype=np.float64)
    with np.errstate(invalid="ignore", over="ignore"):
        _, e = np.frexp(x)
        qe = np.maximum(e - 8, -133)
        r = np.ldexp(np.rint(np.ldexp(x, -qe)), qe)
        return np.where(np.abs(r) > _BF16_MAX, np.copysign(np.inf, x), r)


def _ordinal(bits, fmt):
    """Maps the numbers of the format, in order, onto consecutive integers (+0 and -0 to 0)."""
    udt, _, mask, _ = _FORMATS[fmt]
    width = np.dtype(udt).itemsize * 8
    mag = (bits & udt(mask)).astype(np.int64)
    neg = (bits >> udt(width - 1)) != 0
    return np.where(neg, -mag, mag)


def format_of(x):
    """The format of an array's or tensor's dtype: "binary64", "binary32", "binary16", "bfloat16"."""
    a, tag = _inputs.to_numpy("value", x)
    if tag == "bfloat16":
        return "bfloat16"
    fmt = _DTYPE_FORMAT.get(np.asarray(a).dtype)
    if fmt is None:
        raise ValueError("dtype %s is not a binary floating format" % np.asarray(a).dtype)
    return fmt


_NARROW = ("binary16", "bfloat16")


def _infer_format(a, b):
    """The format of ulp_distance(a, b) when none is given (see there)."""
    fa = format_of(a) if hasattr(a, "dtype") else None
    fb = format_of(b) if hasattr(b, "dtype") else None
    narrow = {f for f in (fa, fb) if f in _NARROW}
    if len(narrow) > 1:
        raise ValueError("a is %s but b is %s; pass format= to say which format counts ulps"
                         % (fa, fb))
    if narrow:
        return narrow.pop()
    return fa or "binary64"


def ulp_distance(a, b, format=None):
    """Signed number of numbers of ``format`` from a to b (positive when b > a), +0 and -0 being
    one number and +-inf one step beyond +-max; elementwise on arrays. ``format``: "binary64",
    "binary32", "binary16" or "bfloat16"; default: the 16-bit format of a or b when either is a
    float16 array or a bfloat16 tensor, else the format of a's dtype (binary64 without one). Values are converted to the
    format first (a float64 array of binary32 numbers converts exactly). A NaN gives INT64_MIN,
    as gibbs::oracle::ulp_distance does. Example: ulp_distance(1.0, np.nextafter(1.0, 2.0)) == 1."""
    fmt = format or _infer_format(a, b)
    if fmt not in _FORMATS:
        raise ValueError("format %r is unknown; use binary64, binary32, binary16 or bfloat16" % fmt)
    ba, na = _bits(a, fmt)
    bb, nb = _bits(b, fmt)
    oa, ob = _ordinal(ba, fmt), _ordinal(bb, fmt)
    with np.errstate(over="ignore"):
        d = ob - oa  # exact unless both are binary64 of opposite signs and huge magnitudes
    if fmt == "binary64":
        over = ((ob >= 0) != (oa >= 0)) & ((d >= 0) != (ob >= 0))
        d = np.where(over, np.where(ob > oa, _INT64_MAX, -_INT64_MAX), d)
    d = np.where(na | nb, _INT64_MIN, d)
    return d if np.ndim(d) else int(d)


def _text(v, fmt):
    v = float(v)
    short = {"binary32": np.float32, "binary16": np.float16}.get(fmt)
    return "%r (%s)" % (short(v).item() if short else v, float.hex(v))


def assert_ulp_close(actual, measure, *inputs, max_ulps=1, err_msg="", **options):
    """Asserts that ``actual`` is within ``max_ulps`` ulps of the correctly rounded value of
    ``measure`` (a name such as "kl", or a gibbs function) on ``inputs``, with ``options`` as for
    that function (type, variant, base, ...). A 2-D input is a batch: ``actual`` has one value
    per row. A NaN answer is never close (the oracle's answers on valid input are numbers or
    +inf). Raises AssertionError naming the worst row, its error in
    ulps of the format, the correctly rounded value and the enclosure."""
    fn = getattr(gibbs, measure) if isinstance(measure, str) else measure
    name = getattr(fn, "__name__", str(measure))
    ref = fn(*inputs, **options)
    fmt = ref.format
    ref_values = np.atleast_1d(np.asarray(ref.value))
    a, tag = _inputs.to_numpy("actual", actual)
    if tag == "bfloat16":
        a = (a.astype(np.uint32) << 16).view(np.float32)
    act = np.atleast_1d(np.asarray(a, dtype=np.float64).ravel())
    if act.shape != ref_values.shape:
        raise AssertionError("actual has %d value(s) but %s gives %d (one per row)"
                             % (act.size, name, ref_values.size))
    ulps = np.atleast_1d(ulp_distance(ref_values, act, fmt))
    nan = np.isnan(act)
    size = np.where(nan, _INT64_MAX, np.abs(np.maximum(ulps, -_INT64_MAX)))
    bad = size > max_ulps
    if not np.any(bad):
        return
    worst = int(np.argmax(size))
    lo = np.atleast_1d(np.asarray(ref.lo))[worst]
    hi = np.atleast_1d(np.asarray(ref.hi))[worst]
    where = ("row %d of %d" % (worst, act.size)) if ref.batched else "the value"
    off = "NaN" if nan[worst] else "%+d ulps" % ulps[worst]
    lines = [
        "Not within %d ulp%s (%s) of the correctly rounded %s" % (
            max_ulps, "" if max_ulps == 1 else "s", fmt, name),
    ]
    if err_msg:
        lines.append(err_msg)
    if ref.batched:
        lines.append("Mismatched rows: %d / %d (%.3g%%)" % (
            np.count_nonzero(bad), act.size, 100.0 * np.count_nonzero(bad) / act.size))
    lines += [
        "Worst: %s, %s" % (where, off),
        " actual:            %s" % _text(act[worst], fmt),
        " correctly rounded: %s" % _text(ref_values[worst], fmt),
        " enclosure:         [%s, %s]" % (float.hex(float(lo)), float.hex(float(hi))),
    ]
    raise AssertionError("\n".join(lines))


class Oracle:
    """What the ``oracle`` pytest fixture gives: every gibbs measure as an attribute
    (``oracle.kl(p, q)``), ``oracle.assert_ulp_close(...)`` with the default ``max_ulps`` of the
    ini option ``gibbs_max_ulps``, and ``oracle.ulp_distance``."""

    def __init__(self, max_ulps=1):
        self.max_ulps = max_ulps

    def __getattr__(self, name):
        if name in gibbs.measures():
            return getattr(gibbs, name)
        raise AttributeError(name)

    def assert_ulp_close(self, actual, measure, *inputs, max_ulps=None, **options):
        assert_ulp_close(actual, measure, *inputs,
                         max_ulps=self.max_ulps if max_ulps is None else max_ulps, **options)

    ulp_distance = staticmethod(ulp_distance)
    evaluate = staticmethod(gibbs.evaluate)
