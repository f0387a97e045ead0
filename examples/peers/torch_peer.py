"""PyTorch peer: torch.nn.functional, in the case's precision (float64 or float32), on the CPU.

  python3 torch_peer.py kl_div          KL = F.kl_div(log q, p, reduction="sum")
                                        (the documented use: input = log-probabilities of the
                                        model q, target = probabilities p)
  python3 torch_peer.py cross_entropy   logits_cross_entropy = F.cross_entropy(logits, target)
                                        with a class index or a probability target;
                                        cross_entropy H(p, q) = F.cross_entropy(log q, p) with
                                        probability targets (log q as logits)
"""
import math
import sys

import torch
import torch.nn.functional as F

from peer_io import Unsupported, serve, vector

FORM = sys.argv[1] if len(sys.argv) > 1 else "kl_div"
torch.set_num_threads(1)


def compute(case):
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
