"""The Python quick start of README.md (tests/python/test_readme.py checks that README shows this
script's output): the worked example, a batch, a near-equal pair, bad input, and a kernel graded in
ulps.

    PYTHONPATH=build/python /usr/bin/python3 examples/python/quick_start.py
"""
import math

import numpy as np

import gibbs
from gibbs.testing import ulp_distance

r = gibbs.kl([0.5, 0.5], [0.7, 0.3], digits=25)
print("kl(p, q)       ", float(r.value), r.exact, r.digits)
print("enclosure      ", float(r.lo).hex(), float(r.hi).hex())

p = np.array([[0.5, 0.5], [0.25, 0.75]], dtype=np.float32)
q = np.array([[0.7, 0.3], [0.5, 0.5]], dtype=np.float32)
batch = gibbs.kl(p, q)
print("batch (binary32)", batch.value)

# near p = q: the textbook formula returns a negative number; the exact value is 2^-105. (math.log,
# the C library's, as in examples/near_equal.cpp: np.log picks SIMD code by CPU, and its last bits
# differ between machines.)
p, q = np.array([0.5, 0.5]), np.array([0.5 + 2**-53, 0.5 - 2**-53])
textbook = sum(a * math.log(a / b) for a, b in zip(p.tolist(), q.tolist()))
exact = gibbs.kl(p, q)
print("near-equal      textbook", textbook, "exact", float(exact.value),
      "ulps", ulp_distance(textbook, exact.value, "binary64"))

try:
    gibbs.kl([0.5, 0.5, 0.0], [0.7, 0.3, -0.0001])
except gibbs.InvalidInput as e:
    print("invalid input  ", e)
