"""The cases PyTorch's loss functions are judged on, as `gibbs conform --cases` lines (the
`gibbs eval` format, one request a line, its "id" naming the case):

  python3 torch_cases.py GIBBS SEED > torch_cases.jsonl

For each of float64, float32 and bfloat16 (eval types binary64, binary32, bfloat16; every input
is a number of that format, so the oracle's answer is the exact value rounded once to it):
binary_cross_entropy, binary_cross_entropy_with_logits (with and without pos_weight),
logits_cross_entropy (torch's cross_entropy: class and probability targets, vocab 50257) and kl
(torch's kl_div on log q), batched (2-D inputs, one row per case) with the reductions sum, mean
and batchmean (kl), plus the known defects of torch as named cases: BCE(1e-50, 1) (log clamped
at -100), BCE_with_logits(40, 1) (1 - sigmoid underflows), near-equal p, q in kl_div.

Cases whose answer is an array, graded element by element: reduction "none" of binary_cross_entropy,
binary_cross_entropy_with_logits and cross_entropy (a class per row); softmax and log_softmax
(dim=-1) and the gradient of cross_entropy with respect to the logits (logits_cross_entropy_grad,
a class per row, mean and sum) on random rows, on a row of logits with a huge spread (softmax
entries that are subnormal in the dtype, or round to 0), on near-uniform rows (logits one ulp
apart) and on one row of vocab 50257.

The options of cross_entropy are a list (CE_OPTIONS); an option the oracle does not take yet
(label_smoothing) is asked of `GIBBS eval` once and left out when refused, so its cases appear
as soon as the oracle has it.
"""
import json
import math
import subprocess
import sys

import torch

GIBBS, SEED = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 1
gen = torch.Generator().manual_seed(SEED)
gen_grad = torch.Generator().manual_seed(SEED + 7919)
TYPES = {"binary64": torch.float64, "binary32": torch.float32, "bfloat16": torch.bfloat16}
PRECISION = {torch.float64: 53, torch.float32: 24, torch.bfloat16: 8}
# cross_entropy's options beyond the class target; {} is the plain loss
CE_OPTIONS = [{}, {"label_smoothing": 0.1}]


def oracle_takes(line):
    r = subprocess.run([GIBBS, "eval"], input=json.dumps(line) + "\n", capture_output=True,
                       text=True, check=False)
    return '"error"' not in r.stdout


def fmt(x, dt):
    """x (a tensor) rounded to dt, as exact binary64 numbers (nested lists for 2-D)."""
    return x.to(dt).double().tolist()


def rand(*shape):
    return torch.rand(*shape, generator=gen, dtype=torch.float64)


def randn(*shape):
    return torch.randn(*shape, generator=gen, dtype=torch.float64)


def distribution(rows, k, dt):
    """rows x k probabilities of dt, each row divided by its sum in dt."""
    w = (rand(rows, k) + 0.01).to(dt)
    return (w / w.sum(dim=1, keepdim=True)).double()


def near_equal(p, dt):
    """p with the entries of each pair (i, i+1) moved by one ulp of dt the two ways (both
    representable, so every row keeps its sum)."""
    q = p.clone()
    for r in range(p.shape[0]):
        for i in range(0, p.shape[1] - 1, 2):
            a, c = p[r, i].item(), p[r, i + 1].item()
            u = math.ldexp(1.0, math.frexp(max(a, c))[1] - PRECISION[dt])
            na, nc = a - u, c + u
            if (na > 0 and torch.tensor(na, dtype=torch.float64).to(dt).double().item() == na
                    and torch.tensor(nc, dtype=torch.float64).to(dt).double().item() == nc):
                q[r, i], q[r, i + 1] = na, nc
    return q


out = []


def case(name, line):
    line = dict(line)
    line["id"] = name
    out.append(line)


for ty, dt in TYPES.items():
    short = {"binary64": "f64", "binary32": "f32", "bfloat16": "bf16"}[ty]
    # --- binary_cross_entropy
    m = "binary_cross_entropy"
    x = torch.tensor({"binary64": 1e-50, "binary32": 2.0**-149, "bfloat16": 1e-30}[ty],
                     dtype=torch.float64).to(dt).double().item()
    case("%s BCE(%g, 1): a clamp of log at -100 gives 100" % (short, x),
         {"measure": m, "type": ty, "input": [x], "target": [1.0], "reduction": "mean"})
    if ty == "binary64":
        case("f64 BCE(1 - 2^-40, 0)", {"measure": m, "type": ty, "input": [1 - 2.0**-40],
                                         "target": [0.0], "reduction": "mean"})
    # inputs in [0.01, 0.99]: none rounds to 0 or 1 in bfloat16 (an infinite loss)
    xs, ys = 0.01 + 0.98 * rand(1000), rand(1000)
    case("%s BCE random n=1000" % short,
         {"measure": m, "type": ty, "input": fmt(xs, dt), "target": fmt(ys, dt),
          "reduction": "mean"})
    xb, yb = 0.01 + 0.98 * rand(4, 256), (rand(4, 256) > 0.5).double()
    for red in ("sum", "mean"):
        case("%s BCE batch 4x256 hard targets, %s" % (short, red),
             {"measure": m, "type": ty, "input": fmt(xb, dt), "target": fmt(yb, dt),
              "reduction": red})
    # --- binary_cross_entropy_with_logits
    m = "binary_cross_entropy_with_logits"
    case("%s BCE_with_logits(40, 1): 1 - sigmoid(40) underflows" % short,
         {"measure": m, "type": ty, "logits": [40.0], "target": [1.0], "reduction": "mean"})
    case("%s BCE_with_logits(-200, 0) and (200, 1)" % short,
         {"measure": m, "type": ty, "logits": [-200.0, 200.0], "target": [0.0, 1.0],
          "reduction": "sum"})
    z, y = 8 * randn(1000), rand(1000)
    case("%s BCE_with_logits random n=1000" % short,
         {"measure": m, "type": ty, "logits": fmt(z, dt), "target": fmt(y, dt),
          "reduction": "mean"})
    zb, yb = 8 * randn(4, 256), (rand(4, 256) > 0.5).double()
    w = 0.5 + 2 * rand(4, 256)
    for red in ("sum", "mean"):
        case("%s BCE_with_logits batch 4x256, %s" % (short, red),
             {"measure": m, "type": ty, "logits": fmt(zb, dt), "target": fmt(yb, dt),
              "reduction": red})
    case("%s BCE_with_logits batch 4x256 with pos_weight, mean" % short,
         {"measure": m, "type": ty, "logits": fmt(zb, dt), "target": fmt(yb, dt),
          "pos_weight": fmt(w, dt), "reduction": "mean"})
    # --- cross_entropy (logits_cross_entropy)
    m = "logits_cross_entropy"
    for opt in CE_OPTIONS:
        probe = dict({"measure": m, "logits": [[1.0, 2.0]], "target": 0, "reduction": "mean"},
                     **opt)
        if opt and not oracle_takes(probe):
            continue
        tag = "".join(", %s=%g" % kv for kv in opt.items())
        zb = 4 * randn(8, 100)
        for red in ("mean", "sum"):
            case("%s CE batch 8x100, class 17 every row, %s%s" % (short, red, tag),
                 dict({"measure": m, "type": ty, "logits": fmt(zb, dt), "target": 17,
                       "reduction": red}, **opt))
        pt = distribution(8, 100, dt)
        case("%s CE batch 8x100, probability target, mean%s" % (short, tag),
             dict({"measure": m, "type": ty, "logits": fmt(zb, dt), "target": pt.tolist(),
                   "reduction": "mean"}, **opt))
        zv = 3 * randn(2, 50257)
        case("%s CE vocab 50257, batch 2, class 42, mean%s" % (short, tag),
             dict({"measure": m, "type": ty, "logits": fmt(zv, dt), "target": 42,
                   "reduction": "mean"}, **opt))
        if dt == torch.bfloat16:
            # the same bfloat16 logits asked in float64: the exact loss next to bfloat16's answer
            case("f64 CE vocab 50257 on the bf16 logits above, class 42, mean%s" % tag,
                 dict({"measure": m, "type": "binary64", "logits": fmt(zv, dt), "target": 42,
                       "reduction": "mean"}, **opt))
    # --- reduction none: one value per element (BCE) or per row (cross_entropy)
    m = "binary_cross_entropy"
    xb, yb = 0.01 + 0.98 * rand(4, 64), rand(4, 64)
    case("%s BCE batch 4x64, none" % short,
         {"measure": m, "type": ty, "input": fmt(xb, dt), "target": fmt(yb, dt),
          "reduction": "none"})
    x = torch.tensor({"binary64": 1e-50, "binary32": 2.0**-149, "bfloat16": 1e-30}[ty],
                     dtype=torch.float64).to(dt).double().item()
    case("%s BCE([%g, 0.5], [1, 0.5]), none: log clamped at -100" % (short, x),
         {"measure": m, "type": ty, "input": [x, 0.5], "target": [1.0, 0.5],
          "reduction": "none"})
    m = "binary_cross_entropy_with_logits"
    zb, yb = 8 * randn(4, 64), rand(4, 64)
    w = 0.5 + 2 * rand(64)
    case("%s BCE_with_logits batch 4x64 with pos_weight, none" % short,
         {"measure": m, "type": ty, "logits": fmt(zb, dt), "target": fmt(yb, dt),
          "pos_weight": fmt(w, dt), "reduction": "none"})
    case("%s BCE_with_logits([40, -200, 200, 0.5], [1, 0, 1, 0.25]), none" % short,
         {"measure": m, "type": ty, "logits": [40.0, -200.0, 200.0, 0.5],
          "target": [1.0, 0.0, 1.0, 0.25], "reduction": "none"})
    m = "logits_cross_entropy"
    zb = 4 * randn(8, 100)
    classes = torch.randint(0, 100, (8,), generator=gen).tolist()
    case("%s CE batch 8x100, a class per row, none" % short,
         {"measure": m, "type": ty, "logits": fmt(zb, dt), "target": classes,
          "reduction": "none"})
    # --- softmax, log_softmax and the gradient of cross_entropy (vector-valued)
    # a huge spread: exp(-k) for k up to past the subnormal range of the dtype (binary64's
    # smallest subnormal is e^-744.4, binary32's and bfloat16's e^-103.3 and e^-92.3)
    spread = {"binary64": 760.0, "binary32": 110.0, "bfloat16": 100.0}[ty]
    # (and a gap of spread/8 after the largest logit, so that softmax_0 - 1 cancels)
    huge = fmt(torch.cat([torch.zeros(1, dtype=torch.float64),
                          -torch.linspace(spread / 8, spread, 96, dtype=torch.float64)]), dt)
    # near-uniform: logits 1, 1 + u, 1 + 2u with u one ulp of 1 in the dtype
    u = 2.0 ** (1 - PRECISION[dt])
    near = (1 + u * torch.randint(0, 3, (2, 1000), generator=gen).double()).tolist()
    rows = fmt(3 * randn(4, 100), dt)
    vocab = fmt(3 * randn(50257), dt)
    for m in ("softmax", "log_softmax"):
        case("%s %s batch 4x100 random" % (short, m),
             {"measure": m, "type": ty, "logits": rows})
        case("%s %s of logits 0 .. -%g: subnormal and zero entries" % (short, m, spread),
             {"measure": m, "type": ty, "logits": huge})
        case("%s %s near-uniform rows 2x1000 (logits 1 ulp apart)" % (short, m),
             {"measure": m, "type": ty, "logits": near})
        case("%s %s vocab 50257, one row" % (short, m),
             {"measure": m, "type": ty, "logits": vocab})
    m = "logits_cross_entropy_grad"
    classes = torch.randint(0, 100, (4,), generator=gen).tolist()
    for red in ("mean", "sum"):
        case("%s CE gradient batch 4x100, a class per row, %s" % (short, red),
             {"measure": m, "type": ty, "logits": rows, "target": classes, "reduction": red})
    case("%s CE gradient of logits 0 .. -%g, class 0 (softmax_0 - 1 cancels), mean"
         % (short, spread), {"measure": m, "type": ty, "logits": [huge], "target": [0],
                             "reduction": "mean"})
    case("%s CE gradient near-uniform rows 2x1000, class 7 every row, sum" % short,
         {"measure": m, "type": ty, "logits": near, "target": 7, "reduction": "sum"})
    case("%s CE gradient vocab 50257, class 42, mean" % short,
         {"measure": m, "type": ty, "logits": [vocab], "target": [42], "reduction": "mean"})
    # the gradient of binary_cross_entropy_with_logits (mean: over all B*K elements), from a
    # generator of its own (the cases above keep their values)
    m = "binary_cross_entropy_with_logits_grad"
    zb = 8 * torch.randn(4, 256, generator=gen_grad, dtype=torch.float64)
    yb = torch.rand(4, 256, generator=gen_grad, dtype=torch.float64)
    w = 0.5 + 2 * torch.rand(4, 256, generator=gen_grad, dtype=torch.float64)
    pw = 0.5 + 2 * torch.rand(256, generator=gen_grad, dtype=torch.float64)
    for red in ("mean", "sum"):
        case("%s BCE_with_logits gradient batch 4x256 with weight and pos_weight, %s"
             % (short, red),
             {"measure": m, "type": ty, "logits": fmt(zb, dt), "target": fmt(yb, dt),
              "weight": fmt(w, dt), "pos_weight": fmt(pw, dt), "reduction": red})
    case("%s BCE_with_logits gradient at (40, 1), (-200, 0), (200, 1), (0.5, 0.25), none"
         % short,
         {"measure": m, "type": ty, "logits": [40.0, -200.0, 200.0, 0.5],
          "target": [1.0, 0.0, 1.0, 0.25], "reduction": "none"})
    # --- kl_div
    m = "kl"
    p = distribution(4, 1000, dt)
    q = distribution(4, 1000, dt)
    for red in ("sum", "mean", "batchmean"):
        case("%s kl_div batch 4x1000 random, %s" % (short, red),
             {"measure": m, "type": ty, "p": p.tolist(), "q": q.tolist(), "reduction": red})
    p2 = distribution(4, 10, dt)
    qn = near_equal(p2, dt)
    for red in ("sum", "mean", "batchmean"):
        case("%s kl_div batch 4x10 near-equal (1 ulp), %s" % (short, red),
             {"measure": m, "type": ty, "p": p2.tolist(), "q": qn.tolist(), "reduction": red})

for line in out:
    print(json.dumps(line))
