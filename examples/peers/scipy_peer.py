"""SciPy peer: the library's own entropy and KL functions, in float64 (SciPy's special functions
have no float32 kernels; binary32 cases get float32 arrays, which SciPy widens, and the answer is
rounded to float32).

  python3 scipy_peer.py rel_entr   KL = sum(scipy.special.rel_entr(p, q))
                                   JS = sum(rel_entr(p, m))/2 + sum(rel_entr(q, m))/2
  python3 scipy_peer.py entr       H  = sum(scipy.special.entr(p))
  python3 scipy_peer.py stats      H = scipy.stats.entropy(p), KL = scipy.stats.entropy(p, q),
                                   both with base=, which normalise p and q first
"""
import sys

import numpy as np
import scipy.special
import scipy.stats

from peer_io import Unsupported, serve, vector

FORM = sys.argv[1] if len(sys.argv) > 1 else "rel_entr"


def compute(case):
    f32 = case.get("type") == "binary32"
    dtype = np.float32 if f32 else np.float64
    p = np.array(vector(case, "p"), dtype=dtype)
    q = np.array(vector(case, "q"), dtype=dtype)
    base = case.get("base")
    scale = np.log(base) if base else 1.0
    what = case["measure"]
    with np.errstate(all="ignore"):
        if FORM == "rel_entr" and what == "kl":
            v = np.sum(scipy.special.rel_entr(p, q)) / scale
        elif FORM == "rel_entr" and what == "js":
            m = (p + q) / 2
            v = (np.sum(scipy.special.rel_entr(p, m)) / 2
                 + np.sum(scipy.special.rel_entr(q, m)) / 2) / scale
        elif FORM == "entr" and what == "entropy":
            v = np.sum(scipy.special.entr(p)) / scale
        elif FORM == "stats" and what == "entropy":
            v = scipy.stats.entropy(p, base=base)
        elif FORM == "stats" and what == "kl":
            v = scipy.stats.entropy(p, q, base=base)
        else:
            raise Unsupported(what)
    return float(np.float32(v)) if f32 else float(v)


serve(compute)
