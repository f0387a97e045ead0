"""gibbs: exact entropy, cross-entropy and KL divergence of the given binary numbers, correctly
rounded, with a certified enclosure — for NumPy arrays, torch tensors and lists.

    >>> import gibbs
    >>> r = gibbs.kl([0.5, 0.5], [0.7, 0.3])
    >>> float(r.value), r.exact
    (0.08717669357238893, False)

One function per measure of the ``gibbs`` command line (``gibbs.measures()`` lists them), with the
options of ``gibbs eval``: ``type`` ("binary64", "binary32", "binary16", "bfloat16"; default: the
format of the inputs' dtype: float64, float32, float16, torch.bfloat16; a wider input evaluated in
a narrower ``type`` must hold numbers of that format only),
``variant`` ("exact", "normalized", "generalized"), ``base`` ("e", 2, 10 or any b > 0, b != 1),
``digits`` (0 to 10000), ``reduction`` ("none", "sum", "mean", "batchmean": PyTorch's), and
``threads`` (0: one per core). Arguments come in PyTorch's order, the measure's required arrays
and then its inputs (``binary_cross_entropy(input, target)``); optional arrays (``weight=``) are
keywords. A 2-D input is a batch: with reduction none (the default of row measures) one result
per row, as NumPy arrays, computed with the GIL released; with "sum", "mean" or "batchmean" one value, the exact
reduction rounded once. A 1-D input of the same measure is used for every row. An elementwise
measure (``elementwise`` in ``gibbs.measures()``) answers reduction none with one result per
element, arrays of the input's shape. ``gibbs.evaluate(dict)`` takes one ``gibbs eval`` line as a
dict. Invalid input raises ``gibbs.InvalidInput`` (a ValueError) whose message names the argument,
the index and the value.
"""
import inspect as _inspect
import json as _json

import numpy as _np

from . import _gibbs, _inputs
from ._gibbs import InvalidInput, Undecided

__all__ = ["InvalidInput", "Undecided", "Result", "evaluate", "measures", "measure_arrays", "conform"]

# The NumPy dtype of results in each format. NumPy has no bfloat16: those results are float64
# numbers, each a bfloat16 number (exactly: bfloat16's numbers are doubles).
_FORMAT_DTYPE = {"binary64": _np.float64, "binary32": _np.float32, "binary16": _np.float16,
                 "bfloat16": _np.float64}


class Result:
    """The oracle's answer: ``value`` (the exact value rounded once to nearest in ``format``),
    ``lo`` <= exact <= ``hi`` (a certified enclosure in the same format; lo == hi == value when
    the value is exact), ``exact``, ``digits`` (the requested decimal digits, or None).

    The numbers are NumPy float64 in binary64, float32 in binary32, float16 in binary16 and float64
    in bfloat16 (NumPy has no bfloat16 dtype): the float64 values are then bfloat16 numbers, the
    correctly rounded bfloat16 result itself (``torch.tensor(r.value).to(torch.bfloat16)`` is exact).

    For a batch with reduction none, each field is a NumPy array with one entry per row; for the
    per-element answers of an elementwise measure, an array of the input's shape (``digits``: a
    flat list)."""

    __slots__ = ("value", "lo", "hi", "exact", "digits", "format", "batched")

    def __init__(self, value, lo, hi, exact, digits, format, batched):
        self.value, self.lo, self.hi, self.exact = value, lo, hi, exact
        self.digits, self.format, self.batched = digits, format, batched

    def __float__(self):
        if self.batched:
            raise TypeError("a batch of %d results is not one number; use .value" % len(self))
        return float(self.value)

    def __len__(self):
        if not self.batched:
            raise TypeError("one result has no length")
        return len(self.value)

    def __array__(self, dtype=None):
        return _np.asarray(self.value, dtype=dtype)

    def __repr__(self):
        if self.batched:
            return "Result(%d rows, format=%r, value=%r)" % (len(self), self.format, self.value)
        d = "" if self.digits is None else ", digits=%r" % self.digits
        return "Result(value=%r, lo=%r, hi=%r, exact=%r, format=%r%s)" % (
            float(self.value), float(self.lo), float(self.hi), bool(self.exact), self.format, d)


def _result(t):
    """A Result from compute()'s (value, lo, hi, exact, digits, format, shape): shape () is one
    result, else the flat arrays take the shape."""
    value, lo, hi, exact, digits, fmt, shape = t
    if not shape:
        return Result(value[0], lo[0], hi[0], bool(exact[0]),
                      None if digits is None else digits[0], fmt, False)
    shape = tuple(shape)
    return Result(value.reshape(shape), lo.reshape(shape), hi.reshape(shape),
                  exact.reshape(shape), digits, fmt, True)


_OPTIONS = [("type", None), ("variant", None), ("base", None), ("digits", 0),
            ("reduction", None), ("threads", 0)]


def _parameter(key, v):
    """A measure's parameter (alpha, label_smoothing, dims, ...) as the binary64 number it is:
    a real number (Python or NumPy), taken exactly; a string or bool is an error, and so is an
    integer that binary64 cannot hold exactly (beyond 2^53 it would round)."""
    if isinstance(v, (bool, _np.bool_)) or not isinstance(v, (int, float, _np.integer,
                                                                 _np.floating)):
        raise _inputs.invalid("%s = %r is not a number" % (key, v), key)
    if isinstance(v, (int, _np.integer)):
        try:
            f = float(v)
        except OverflowError:
            f = float("inf")
        if f != v:
            raise _inputs.invalid("%s = %d is not a binary64 number (the nearest is %r); give an "
                                  "integer of at most 2^53 in magnitude" % (key, v, f), key)
        return f
    return float(v)


def _measure_function(name, inputs, formula, parameters, arrays=(), elementwise=False,
                      class_targets=False):
    # Positional order mirrors PyTorch's functions: the measure's required named arrays first
    # (binary_cross_entropy(input, target), gaussian_kl(mu_p, sigma_p, mu_q, sigma_q)), then its
    # inputs; parameters, optional arrays (weight, pos_weight) and options are keyword-only.
    required = tuple(a for a, _, req in arrays if req)
    positional = required + tuple(inputs)
    params = [_inspect.Parameter(i, _inspect.Parameter.POSITIONAL_OR_KEYWORD) for i in positional]
    params += [_inspect.Parameter(p, _inspect.Parameter.KEYWORD_ONLY, default=None)
               for p, _, _ in parameters]
    params += [_inspect.Parameter(a, _inspect.Parameter.KEYWORD_ONLY, default=None)
               for a, _, req in arrays if not req]
    params += [_inspect.Parameter(k, _inspect.Parameter.KEYWORD_ONLY, default=d)
               for k, d in _OPTIONS]
    names = tuple(p for p, _, _ in parameters)
    array_names = tuple(a for a, _, _ in arrays)
    signature = _inspect.Signature(params)

    def measure(*args, type=None, variant=None, base=None, digits=0, reduction=None, threads=0,
                **kwargs):
        if len(args) != len(positional) or kwargs:
            bound = signature.bind(*args, type=type, variant=variant, base=base, digits=digits,
                                   reduction=reduction, threads=threads, **kwargs)
            given_args = bound.arguments
        else:
            given_args = dict(zip(positional, args))
        given = {k: _parameter(k, v) for k, v in given_args.items()
                 if k in names and v is not None}
        if reduction is not None and not isinstance(reduction, str):
            raise _inputs.invalid("reduction = %r is not one of \"none\", \"sum\", \"mean\", "
                                  "\"batchmean\"" % (reduction,), "reduction")
        prepared = []
        for input_name in inputs:
            x = given_args[input_name]
            if input_name == "samples":
                prepared.append(_inputs.index_input("samples", x))
            elif input_name == "target":
                # class indices only where the measure takes them (logits_cross_entropy and its
                # gradient); the binary losses' targets [0, 1] are numbers like any other
                prepared.append(_inputs.target_input(x) if class_targets
                                else _inputs.real_input("target", x))
            else:
                prepared.append(_inputs.real_input(input_name, x))
        for a in array_names:
            if given_args.get(a) is not None:
                prepared.append(_inputs.real_input(a, given_args[a]))
        if (not isinstance(threads, (int, _np.integer)) or isinstance(threads, bool)
                or threads < 0):
            raise _inputs.invalid("threads = %r is not a whole number >= 0 (0: one per core)"
                                  % (threads,), "threads")
        threads = min(int(threads), 1 << 30)  # more threads than rows are never started
        if not isinstance(digits, (int, _np.integer)) or isinstance(digits, bool):
            raise _inputs.invalid("digits = %r is not an integer from 0 to %d"
                                  % (digits, _gibbs.max_digits), "digits")
        if not 0 <= digits <= _gibbs.max_digits:  # as the module says it (any size of int)
            raise _inputs.invalid("digits = %d is out of range; it must be from 0 to %d"
                                  % (digits, _gibbs.max_digits), "digits", value=float(digits))
        digits = int(digits)
        return _result(_gibbs.compute(name, prepared, type, variant, base, digits, given,
                                      threads, reduction))

    measure.__name__ = measure.__qualname__ = name
    measure.__signature__ = signature
    measure.__doc__ = (
        "%s\n\nThe exact value of the formula on the given numbers, rounded once (a Result).\n"
        "Inputs: %s (1-D, or 2-D for one result per row). Options as in `gibbs eval`.%s%s%s"
        % (formula, ", ".join(positional), "".join("\nParameter %s: %s (%s)." % (p, h, r)
                                               for p, r, h in parameters),
           "".join("\nArray %s: %s%s." % (a, h, "" if req else " (optional)")
                   for a, h, req in arrays),
           "\nElementwise: reduction none answers one result per element; the default is mean."
           if elementwise else ""))
    measure.__module__ = __name__
    return measure


_MEASURES = _gibbs.measures()
for _name, _ins, _formula, _params, _arrays, _elementwise, _classes in _MEASURES:
    globals()[_name] = _measure_function(_name, _ins, _formula, _params, _arrays, _elementwise,
                                         _classes)
    __all__.append(_name)


def measures():
    """The measures: {name: (inputs, formula)}, as the command line knows them."""
    return {name: (tuple(ins), formula) for name, ins, formula, *_ in _MEASURES}


def measure_arrays():
    """The named arrays and elementwise flag of each measure:
    {name: ((array, help, required), ...), elementwise)}."""
    return {name: (tuple(tuple(a) for a in arrays), bool(elementwise))
            for name, _, _, _, arrays, elementwise, _ in _MEASURES}


def _jsonable(x):
    if _inputs.is_tensor(x):
        if str(x.dtype) == "torch.bfloat16":
            x = x.float()
        x = x.detach().cpu().numpy()
    if isinstance(x, _np.ndarray):
        if x.dtype.kind == "f":
            return [float(v) for v in x.ravel()] if x.ndim <= 1 else x.tolist()
        return x.tolist()
    if isinstance(x, _np.generic):
        return x.item()
    raise TypeError("%r cannot be sent to the oracle" % (type(x).__name__,))


def evaluate(request):
    """Evaluates one ``gibbs eval`` request given as a dict, e.g.
    ``{"measure": "kl", "p": [0.5, 0.5], "q": ["0x1.6666666666666p-1", 0.3], "digits": 40}``.
    It is read by the parser of ``gibbs eval`` (the same keys, checks and messages; numbers are
    rounded once from their decimal text, and NumPy arrays or tensors are sent as their exact
    shortest decimals). Returns a Result; raises InvalidInput with eval's message."""
    if not isinstance(request, dict):
        raise InvalidInput("a request is a dict such as {\"measure\": \"entropy\", \"p\": [0.5, 0.5]}")
    try:
        line = _json.dumps(request, default=_jsonable, allow_nan=False)
    except ValueError:
        raise InvalidInput("the request holds NaN or an infinity; entries must be finite numbers "
                           "(write them as the strings \"nan\" or \"inf\" to have eval say where)")
    value, lo, hi, exact, digits, fmt, shape = _gibbs.evaluate_line(line)
    if shape:
        return _result((value, lo, hi, exact, digits, fmt, shape))
    return Result(value[0], lo[0], hi[0], bool(exact[0]),
                  None if digits is None else digits[0], fmt, False)


class ConformanceReport:
    """The grade of a Python callable: ``passed``, ``table`` (the text of ``gibbs conform``),
    ``failures`` (why it fails), ``rows`` (one dict per case family and measure), ``json``."""

    def __init__(self, passed, table, failures, rows, json_text):
        self.passed, self.table, self.failures, self.rows = passed, table, failures, rows
        self.json = json_text

    def __bool__(self):
        return self.passed

    def __str__(self):
        return self.table

    __repr__ = __str__


def conform(fn, measures=("kl",), families=(), cases=None, *, per_case=False, seed=1,
            max_ulps=8, law_ulps=64, large_n=100000, allow_wrong_on_invalid=False,
            allow_rejected_valid=False):
    """Grades ``fn`` in-process on the case families of ``gibbs conform`` (``families``: names,
    default all) and/or the user's own ``cases`` (a path to a JSON Lines file, or a list of
    lines or dicts, in the ``gibbs eval`` format; given alone, only they are graded). Same
    grading and report as ``gibbs conform``.

    ``fn`` receives each case's inputs as NumPy arrays (float32 for binary32 cases) in the order
    of the measure's inputs, e.g. fn(p, q) for "kl", ``base=`` when the case is not in nats and
    the measure's parameters as keywords (``alpha=`` for renyi); a case needing a keyword fn does
    not take is left ungraded ("unsupported"). With ``per_case=True`` it receives the case as a dict (with "measure"). It returns a number
    or raises an Exception to reject the input."""
    if isinstance(measures, str):
        measures = [measures]
    if isinstance(families, str):
        families = [families]
    lines = None
    if cases is not None:
        if isinstance(cases, (str, bytes)) or hasattr(cases, "__fspath__"):
            with open(cases, encoding="utf-8") as f:
                lines = f.read().split("\n")
        else:
            lines = [c if isinstance(c, str) else _json.dumps(c, default=_jsonable)
                     for c in cases]
    try:
        params = _inspect.signature(fn).parameters
        keywords = ["*" if p.kind == _inspect.Parameter.VAR_KEYWORD else name
                    for name, p in params.items()]
    except (TypeError, ValueError):
        keywords = []
    t = _gibbs.conform(fn, list(measures), list(families), lines, per_case, keywords, seed,
                       max_ulps,
                       law_ulps, large_n, allow_wrong_on_invalid, allow_rejected_valid)
    return ConformanceReport(*t)
