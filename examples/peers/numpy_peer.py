"""NumPy peer: the textbook formulas, vectorised, in the case's precision (float64 or float32).

  python3 numpy_peer.py naive     KL = sum p*log(p/q), H = -sum p*log p, H(p,q) = -sum p*log q,
                                  JS = KL(p||m)/2 + KL(q||m)/2 with the same KL
  python3 numpy_peer.py logdiff   KL = sum p*(log p - log q) (entropy, cross-entropy as naive)

Terms with p_i = 0 are dropped (0 log 0 = 0), as every careful hand-written version does; nothing
is validated, as in most code that calls NumPy directly.
"""
import sys

import numpy as np

from peer_io import Unsupported, serve, vector

FORM = sys.argv[1] if len(sys.argv) > 1 else "naive"


def arrays(case, dtype):
    p = np.array(vector(case, "p"), dtype=dtype)
    q = np.array(vector(case, "q"), dtype=dtype)
    return p, q


def kl(p, q):
    m = p > 0
    if FORM == "logdiff":
        return np.sum(p[m] * (np.log(p[m]) - np.log(q[m])))
    return np.sum(p[m] * np.log(p[m] / q[m]))


def compute(case):
    dtype = np.float32 if case.get("type") == "binary32" else np.float64
    scale = np.log(dtype(case["base"])) if case.get("base") else dtype(1)
    what = case["measure"]
    with np.errstate(all="ignore"):
        p, q = arrays(case, dtype)
        if what == "entropy":
            m = p > 0
            v = -np.sum(p[m] * np.log(p[m]))
        elif what == "cross_entropy":
            m = p > 0
            v = -np.sum(p[m] * np.log(q[m]))
        elif what == "kl":
            v = kl(p, q)
        elif what == "js":
            m = (p + q) / dtype(2)
            v = kl(p, m) / dtype(2) + kl(q, m) / dtype(2)
        else:
            raise Unsupported(what)
        return float(v / scale)


serve(compute)
