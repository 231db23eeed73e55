#!/usr/bin/python3
"""Random op cases from real PyTorch (Debian's python3-torch, 1.13): binary ops with broadcasting and Java-style
scalars, unary ops and reductions over random shapes, dtypes and strided views, to catch what hand-picked cases miss
(the first such run found narrow-dtype operands combined before their cast to the common dtype).

Run from the repository root:  /usr/bin/python3 tools/golden/gen_random_op_fixtures.py
Writes modules/tensor-simd/src/test/resources/golden/random-ops/{arrays.npz,cases.txt}. CI never runs this.

cases.txt, one tab-separated line per case:
  id kind op scalar dim keepdim outcome
kind: b (binary), u (unary), r (reduction); scalar: -, i:<long> or d:<double> (the right operand as a Java number);
dim/keepdim: - when the reduction is over everything; outcome: the result's dtype, or "error" followed by PyTorch's
message. arrays.npz holds a<id> (left or only operand, C order), b<id> (right tensor operand) and o<id> (result).
"""
import os
import random

import numpy as np
import torch

OUT = "modules/tensor-simd/src/test/resources/golden/random-ops"
CASES = 1200
random.seed(11)
torch.manual_seed(11)
DT = {"float32": torch.float32, "float64": torch.float64, "int64": torch.int64, "int32": torch.int32,
      "bool": torch.bool, "uint8": torch.uint8, "int8": torch.int8}
BINARY_SCALAR_OK = ["add", "sub", "mul", "div", "pow", "remainder", "fmod", "floor_divide", "eq", "lt", "ge", "ne"]
BINARY_TENSOR_ONLY = ["maximum", "minimum", "logical_and", "logical_xor", "bitwise_and", "bitwise_or", "atan2", "logaddexp"]
UNARY = ["neg", "abs", "exp", "log", "sqrt", "sigmoid", "tanh", "sign", "floor", "ceil", "round", "trunc", "reciprocal",
         "relu", "square", "sin", "cos", "log1p", "expm1", "logical_not", "bitwise_not", "erf", "rsqrt", "exp2", "log10",
         "asin", "acos", "atan", "sinh", "cosh", "asinh", "acosh", "atanh", "isinf", "isfinite", "nan_to_num"]
REDUCE = ["sum", "mean", "amax", "amin", "prod", "argmax", "argmin", "std", "var", "logsumexp", "cumsum", "softmax",
          "log_softmax", "all", "any", "nansum", "nanmean"]


def rand(shape, dt):
    if dt.is_floating_point:
        return (torch.randn(shape, dtype=torch.float64) * 3).to(dt)
    if dt == torch.bool:
        return torch.rand(shape) > 0.5
    if dt == torch.uint8:
        return torch.randint(0, 256, shape, dtype=torch.uint8)
    if dt == torch.int8:
        return torch.randint(-128, 128, shape, dtype=torch.int8)
    return torch.randint(-300, 300, shape, dtype=dt)


def shape():
    return [random.choice([1, 2, 3, 5]) for _ in range(random.randint(0, 3))]


def broadcastable(s):
    out = [d if random.random() < 0.6 else 1 for d in s]
    return out[random.randint(0, len(out)):] if random.random() < 0.3 else out


lines, arrays = [], {}
for i in range(CASES):
    kind = random.choice("bur")
    a = rand(shape(), DT[random.choice(list(DT))])
    if a.dim() >= 2 and random.random() < 0.3:
        a = a.transpose(0, 1).contiguous().transpose(0, 1)  # the op sees a strided view
    arrays["a%d" % i] = a.contiguous().numpy()
    scalar, dim, keep = "-", "-", "-"
    try:
        if kind == "b":
            op = random.choice(BINARY_SCALAR_OK + BINARY_TENSOR_ONLY)
            if op in BINARY_SCALAR_OK and random.random() < 0.3:
                v = random.choice([2, -3, 0, 300, 2.0, -1.5, 0.0, 1e-5])
                scalar = ("i:%d" % v) if isinstance(v, int) else ("d:%r" % v)
                b = v
            elif random.random() < 0.3:  # a 0-dim operand, often outside the other's range (cast to the common dtype first)
                v = random.choice([-2, 300, 200, -300, 2, 1e-5, -1.5, 7.25])
                b = torch.tensor(v, dtype=random.choice([torch.int64, torch.int32, torch.float64] if isinstance(v, int) else [torch.float64, torch.float32]))
                arrays["b%d" % i] = b.numpy()
            else:
                b = rand(broadcastable(list(a.shape)), DT[random.choice(list(DT))])
                arrays["b%d" % i] = b.numpy()
            if op == "logaddexp" and torch.result_type(a, b).is_floating_point:
                # 1.13 has log(1 + x) where later releases (and jtorch) have log1p: the float64 result, rounded
                out = torch.logaddexp(torch.as_tensor(a).double(), torch.as_tensor(b).double()).to(torch.result_type(a, b))
            else:
                out = getattr(torch, op)(a, b)
        elif kind == "u":
            op = random.choice(UNARY)
            out = getattr(torch, op)(a)
        else:
            op = random.choice(REDUCE)
            if op in ("cumsum", "softmax", "log_softmax", "std", "var", "logsumexp") or (a.dim() > 0 and random.random() < 0.6):
                if a.dim() == 0:
                    continue
                dim = random.randint(-a.dim(), a.dim() - 1)
            if op in ("cumsum", "softmax", "log_softmax"):
                out = getattr(torch, op)(a, dim)
            elif dim == "-":
                out = getattr(torch, op)(a)
            else:
                keep = random.random() < 0.5
                out = getattr(torch, op)(a, dim, keepdim=keep)
        outcome = str(out.dtype).replace("torch.", "")
        arrays["o%d" % i] = out.numpy()
    except Exception as e:
        outcome = "error " + str(e).split("\n")[0].replace("\t", " ")[:160]
    lines.append("\t".join(str(x) for x in [i, kind, op, scalar, dim, keep, outcome]))

os.makedirs(OUT, exist_ok=True)
np.savez_compressed(os.path.join(OUT, "arrays.npz"), **arrays)
with open(os.path.join(OUT, "cases.txt"), "w") as fh:
    fh.write("# generated by tools/golden/gen_random_op_fixtures.py from PyTorch %s; do not edit\n" % torch.__version__)
    fh.write("\n".join(lines) + "\n")
print("wrote %d cases (%d errors) to %s" % (len(lines), sum("\terror " in l for l in lines), OUT))
