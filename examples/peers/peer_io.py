"""Shared plumbing of the peer adapters: read `gibbs conform` cases (JSON Lines on stdin), answer
one JSON line per case on stdout.

A case is {"id": N, "measure": "kl", "type": "binary64"|"binary32", "p": [...], "q": [...],
"base": b, ...}; numbers are JSON numbers or strings: hex floats ("0x1.8p-3", read with
float.fromhex), "nan", "inf". An adapter supplies compute(case, dtype) returning a float (or a
list of floats, flat row-major, for a case whose answer is an array), raising
Unsupported for a measure it does not offer; any other exception becomes {"error": ...}, which is
what a library that validates its input does.
"""
import json
import math
import sys


class Unsupported(Exception):
    pass


def number(x):
    if isinstance(x, str):
        return float.fromhex(x)  # also reads "nan", "inf", "-inf"
    return float(x)


def vector(case, key):
    return [number(x) for x in case.get(key, [])]


def value_json(v):
    if isinstance(v, (list, tuple)):  # an array answer (one value per row or element)
        return "[" + ", ".join(value_json(x) for x in v) + "]"
    v = float(v)
    if math.isnan(v):
        return '"nan"'
    if math.isinf(v):
        return '"inf"' if v > 0 else '"-inf"'
    return repr(v)


def serve(compute):
    """Answers every case of stdin with compute(case); flushes each line."""
    out = sys.stdout
    for line in sys.stdin:
        line = line.strip()
        if not line:
            continue
        case = json.loads(line)
        head = '{"id": %s, ' % json.dumps(case["id"]) if "id" in case else "{"
        try:
            v = compute(case)
            out.write(head + '"value": ' + value_json(v) + "}\n")
        except Unsupported as e:
            out.write(head + '"unsupported": ' + json.dumps(str(e)) + "}\n")
        except Exception as e:  # the library rejected the input
            out.write(head + '"error": ' + json.dumps(type(e).__name__ + ": " + str(e)) + "}\n")
        out.flush()
