"""Turning what a user passes (NumPy arrays, torch tensors, lists, scalars) into the arrays the
extension module reads: C-contiguous, 1-D or 2-D, of dtype float64, float32, float16, int64, or
the raw bits (uint16) of a bfloat16 tensor.

No copy is made of a C-contiguous NumPy array or CPU tensor of a supported dtype: a tensor is
viewed through ``Tensor.numpy()`` (which shares its memory), a bfloat16 tensor through
``Tensor.view(torch.int16)`` (the same bytes). Integer arrays given as real inputs are converted
to float64 when every value converts exactly, and refused otherwise.
"""
import sys

import numpy as np

from ._gibbs import InvalidInput


def invalid(message, argument, index=None, value=None):
    """An InvalidInput naming the argument (and the index and value where there are ones), as the
    errors of the extension module do."""
    e = InvalidInput(message)
    e.argument, e.index, e.value = argument, index, value
    return e

_REAL_TAGS = {
    np.dtype(np.float64): "float64",
    np.dtype(np.float32): "float32",
    np.dtype(np.float16): "float16",
}


def _torch_array(name, x):
    """A CPU tensor as (array, tag) sharing its memory; bfloat16 as its bits."""
    torch = sys.modules["torch"]
    if x.device.type != "cpu":
        raise invalid(
            "%s is a tensor on %s; gibbs reads CPU memory: pass %s.cpu()" % (name, x.device, name),
            name)
    x = x.detach()
    if x.is_complex():
        raise invalid("%s has dtype %s; gibbs reads real numbers" % (name, x.dtype), name)
    if not x.is_contiguous():
        x = x.contiguous()
    if x.dtype == torch.bfloat16:
        return x.view(torch.int16).numpy().view(np.uint16), "bfloat16"
    return x.numpy(), None


def is_tensor(x):
    torch = sys.modules.get("torch")
    return torch is not None and isinstance(x, torch.Tensor)


def to_numpy(name, x):
    """(array, tag): tag is "bfloat16" for the bits of a bfloat16 tensor, else None."""
    if is_tensor(x):
        return _torch_array(name, x)
    if isinstance(x, np.ndarray):
        return x, None
    try:
        return np.asarray(x), None
    except (TypeError, ValueError) as e:
        raise invalid("%s cannot be read as an array of numbers: %s" % (name, e), name) from None


def real_input(name, x):
    """(name, array, tag) for p, q, logits or a distribution target."""
    a, tag = to_numpy(name, x)
    if tag == "bfloat16":
        return name, np.require(a, requirements="C"), tag
    if a.dtype.kind in "iub":
        f = a.astype(np.float64)
        if a.dtype.kind != "b" and a.size and not np.array_equal(f.astype(a.dtype), a):
            bad = np.flatnonzero((f.astype(a.dtype) != a).ravel())[0]
            raise invalid("%s[%d] = %d is an integer that no binary64 number equals"
                          % (name, bad, a.ravel()[bad]), name, int(bad), float(a.ravel()[bad]))
        a = f
    tag = _REAL_TAGS.get(a.dtype)
    if tag is None:
        raise invalid(
            "%s has dtype %s; gibbs reads float64, float32, float16 and (torch) bfloat16"
            % (name, a.dtype), name)
    if a.ndim not in (1, 2):
        raise invalid(
            "%s has %d dimensions; give a 1-D distribution or a 2-D batch (one per row)"
            % (name, a.ndim), name)
    return name, np.require(a, requirements="C"), tag


def index_input(name, x):
    """(name, int64 array, "int64") for samples or class indices."""
    a, tag = to_numpy(name, x)
    if tag == "bfloat16" or a.dtype.kind not in "iu":
        if a.dtype.kind == "f" and (a.size == 0 or (np.all(np.isfinite(a))
                                                    and np.all(a == np.round(a)))):
            a = a.astype(np.int64)  # whole numbers; an empty list is float64 to NumPy
        else:
            raise invalid("%s must hold integer indices, not %s" % (
                name, "bfloat16" if tag else a.dtype), name)
    if a.dtype.kind == "u" and a.size and a.max() > np.iinfo(np.int64).max:
        raise invalid("%s holds an index too large for int64" % name, name)
    return name, np.require(a, dtype=np.int64, requirements="C"), "int64"


def target_input(x):
    """A class index (int, integer array or tensor) or a distribution (floats)."""
    if isinstance(x, (int, np.integer)) and not isinstance(x, bool):
        return "target", np.asarray(x, dtype=np.int64), "int64"
    a, tag = to_numpy("target", x)
    if tag is None and a.dtype.kind in "iu":
        return index_input("target", a)
    if a.ndim == 0:
        raise invalid("target = %r is a single real number; give a class index as an integer "
                      "(3, or an int64 tensor), or a distribution as a 1-D array" % (x,), "target")
    return real_input("target", x)
