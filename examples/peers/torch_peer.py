"""PyTorch peer: torch.nn.functional, in the case's precision (float64 or float32), on the CPU.

  python3 torch_peer.py kl_div          KL = F.kl_div(log q, p, reduction="sum")
                                        (the documented use: input = log-probabilities of the
                                        model q, target = probabilities p)
  python3 torch_peer.py cross_entropy   logits_cross_entropy = F.cross_entropy(logits, target)
                                        with a class index or a probability target;
                                        cross_entropy H(p, q) = F.cross_entropy(log q, p) with
                                        probability targets (log q as logits)
  python3 torch_peer.py functional      the losses as torch.nn.functional has them, in the
                                        case's dtype (binary64: float64, binary32: float32,
                                        bfloat16: bfloat16), batched (2-D inputs) with the
                                        case's "reduction":
                                        binary_cross_entropy  F.binary_cross_entropy(input,
                                                              target, weight)
                                        binary_cross_entropy_with_logits
                                                              F.binary_cross_entropy_with_logits(
                                                              logits, target, weight, pos_weight=)
                                        logits_cross_entropy  F.cross_entropy(logits, target,
                                                              label_smoothing=) with a class index
                                                              (every row) or probability rows
                                        kl                    F.kl_div(log q, p, reduction=)
                                        softmax, log_softmax  F.softmax(logits, dim=-1),
                                                              F.log_softmax(logits, dim=-1)
                                        logits_cross_entropy_grad
                                                              the autograd gradient of
                                                              F.cross_entropy(logits, target,
                                                              reduction=, label_smoothing=0)
                                                              with respect to the logits
                                        binary_cross_entropy_with_logits_grad
                                                              the autograd gradient of
                                                              F.binary_cross_entropy_with_logits(
                                                              logits, target, weight, pos_weight=,
                                                              reduction=) with respect to the
                                                              logits (reduction none: of the sum,
                                                              each element's own gradient)
                                        A case whose answer is an array (reduction "none",
                                        softmax, a gradient) is answered with every element,
                                        flattened row-major.
                                        An operation torch does not implement for the dtype on the
                                        CPU ("not implemented for 'BFloat16'") is answered as
                                        unsupported with torch's message.
"""
import math
import sys

import torch
import torch.nn.functional as F

from peer_io import Unsupported, serve, vector

FORM = sys.argv[1] if len(sys.argv) > 1 else "kl_div"
torch.set_num_threads(1)


DTYPES = {"binary64": torch.float64, "binary32": torch.float32, "bfloat16": torch.bfloat16,
          "binary16": torch.float16}


def tensor(case, key, dtype):
    """The case's array `key` (1-D, or 2-D rows) as a tensor of dtype (exact: the numbers are
    of the case's format)."""
    x = case[key]
    if x and isinstance(x[0], list):
        return torch.tensor([vector({"r": row}, "r") for row in x], dtype=dtype)
    return torch.tensor(vector(case, key), dtype=dtype)


def class_target(case, z):
    """The case's target for logits z (2-D): a tensor of class indices (one per row, or one
    index for every row), or a tensor of probability rows (one row for every row, or one each).
    A 1-D list of B integers with B rows of logits is a class per row, as in `gibbs eval`."""
    t = case["target"]
    if not isinstance(t, list):
        return torch.full((z.shape[0],), int(t), dtype=torch.long)
    if (len(t) == z.shape[0] and not isinstance(t[0], list) and case["logits"]
            and isinstance(case["logits"][0], list)
            and all(float(x) == int(float(x)) for x in vector(case, "target"))):
        return torch.tensor([int(float(x)) for x in vector(case, "target")], dtype=torch.long)
    p = tensor(case, "target", z.dtype)
    return p.unsqueeze(0).expand(z.shape[0], -1) if p.dim() == 1 else p


def functional(case):
    dtype = DTYPES[case.get("type", "binary64")]
    what = case["measure"]
    red = case.get("reduction", "mean")
    if what == "binary_cross_entropy":
        w = tensor(case, "weight", dtype) if "weight" in case else None
        v = F.binary_cross_entropy(tensor(case, "input", dtype), tensor(case, "target", dtype),
                                   weight=w, reduction=red)
    elif what == "binary_cross_entropy_with_logits":
        w = tensor(case, "weight", dtype) if "weight" in case else None
        pw = tensor(case, "pos_weight", dtype) if "pos_weight" in case else None
        v = F.binary_cross_entropy_with_logits(tensor(case, "logits", dtype),
                                               tensor(case, "target", dtype), weight=w,
                                               pos_weight=pw, reduction=red)
    elif what == "logits_cross_entropy":
        z = tensor(case, "logits", dtype)
        if z.dim() == 1:
            z = z.unsqueeze(0)
        # one more keyword per option of the case (label_smoothing, ...)
        options = {k: case[k] for k in ("label_smoothing",) if k in case}
        red = case.get("reduction", "mean" if z.shape[0] == 1 else "none")
        v = F.cross_entropy(z, class_target(case, z), reduction=red, **options)
    elif what in ("softmax", "log_softmax"):
        f = F.softmax if what == "softmax" else F.log_softmax
        v = f(tensor(case, "logits", dtype), dim=-1)
    elif what == "logits_cross_entropy_grad":
        z = tensor(case, "logits", dtype)
        if z.dim() == 1:
            z = z.unsqueeze(0)
        z.requires_grad_(True)
        # reduction none: each row's own gradient, the gradient of the sum
        red = case.get("reduction", "mean")
        loss = F.cross_entropy(z, class_target(case, z), reduction="sum" if red == "none" else red,
                               label_smoothing=0.0)
        (v,) = torch.autograd.grad(loss, z)
    elif what == "binary_cross_entropy_with_logits_grad":
        z = tensor(case, "logits", dtype).requires_grad_(True)
        w = tensor(case, "weight", dtype) if "weight" in case else None
        pw = tensor(case, "pos_weight", dtype) if "pos_weight" in case else None
        red = case.get("reduction", "mean")
        loss = F.binary_cross_entropy_with_logits(z, tensor(case, "target", dtype), weight=w,
                                                  pos_weight=pw,
                                                  reduction="sum" if red == "none" else red)
        (v,) = torch.autograd.grad(loss, z)
    elif what == "kl":
        p, q = tensor(case, "p", dtype), tensor(case, "q", dtype)
        v = F.kl_div(torch.log(q), p, reduction=case.get("reduction", "sum"))
    else:
        raise Unsupported(what)
    return v.item() if v.dim() == 0 else v.detach().double().flatten().tolist()


def compute(case):
    if FORM == "functional":
        try:
            return functional(case)
        except RuntimeError as e:
            if "not implemented for" in str(e):
                raise Unsupported(str(e)) from e
            raise
    dtype = torch.float32 if case.get("type") == "binary32" else torch.float64
    base = case.get("base")
    scale = math.log(base) if base else 1.0
    what = case["measure"]
    if FORM == "kl_div" and what == "kl":
        p = torch.tensor(vector(case, "p"), dtype=dtype)
        q = torch.tensor(vector(case, "q"), dtype=dtype)
        v = F.kl_div(torch.log(q), p, reduction="sum")
    elif FORM == "cross_entropy" and what == "cross_entropy":
        p = torch.tensor(vector(case, "p"), dtype=dtype)
        q = torch.tensor(vector(case, "q"), dtype=dtype)
        v = F.cross_entropy(torch.log(q).unsqueeze(0), p.unsqueeze(0))
    elif FORM == "cross_entropy" and what == "logits_cross_entropy":
        z = torch.tensor(vector(case, "logits"), dtype=dtype).unsqueeze(0)
        t = case["target"]
        if isinstance(t, list):
            v = F.cross_entropy(z, torch.tensor(vector(case, "target"), dtype=dtype).unsqueeze(0))
        else:
            v = F.cross_entropy(z, torch.tensor([int(t)]))
    else:
        raise Unsupported(what)
    return v.item() / scale


serve(compute)
