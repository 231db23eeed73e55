#!/usr/bin/python3
"""Sweeps of the scalar-kernel math functions (no vector form) against real PyTorch (Debian's python3-torch, 1.13).

Run from the repository root:  /usr/bin/python3 tools/golden/gen_math_sweep_fixtures.py
Writes modules/tensor-simd/src/test/resources/golden/math-sweep/sweep.npz: x (float64 inputs) and, per function f,
f64_<f> (PyTorch's float64 result) and f32_<f> (PyTorch's float32 result on x rounded to float32). CI never runs this.
"""
import os

import numpy as np
import torch

OUT = "modules/tensor-simd/src/test/resources/golden/math-sweep/sweep.npz"
FUNCS = ["asin", "acos", "atan", "sinh", "cosh", "asinh", "acosh", "atanh", "log10", "exp2", "erfc", "erfinv"]
torch.manual_seed(5)
n = 400
magnitude = 10.0 ** (torch.rand(n, dtype=torch.float64) * 24 - 12)       # 1e-12 .. 1e12, log-uniform
signs = torch.where(torch.rand(n) < 0.5, -1.0, 1.0).double()
x = torch.cat([magnitude * signs,
               torch.rand(n, dtype=torch.float64) * 2 - 1,                # the domain of asin, acos and atanh
               1 + torch.rand(n, dtype=torch.float64) * 3,                # acosh near its start
               torch.rand(n, dtype=torch.float64) * 180 - 90,             # sinh, cosh and exp2 up to float32 overflow
               torch.tensor([0.0, -0.0, 1.0, -1.0, 0.5, 2.0, 1e-300, 88.72, 89.5, 127.0, 128.0, -149.0, -150.0,
                             float("inf"), -float("inf"), float("nan")], dtype=torch.float64)])
arrays = {"x": x.numpy()}
for f in FUNCS:
    fn = getattr(torch, f)
    arrays["f64_" + f] = fn(x).numpy()
    arrays["f32_" + f] = fn(x.float()).numpy()
# erfc and erfinv also against the exact values (mpmath, 40 digits, rounded to double): PyTorch's float64 erfinv loses
# digits in the tails (Newton steps on erf, whose absolute error the flat slope amplifies), and its float32 kernel is
# a few ulp off
try:
    import mpmath
    mpmath.mp.dps = 40
    for f in ["erfc", "erfinv"]:
        mf = getattr(mpmath, f)
        def exact(v):
            if np.isnan(v) or (f == "erfinv" and abs(v) > 1):
                return float("nan")
            if f == "erfinv" and abs(v) == 1:
                return float("inf") * np.sign(v)
            return float(mf(mpmath.mpf(float(v))))
        arrays["exact64_" + f] = np.array([exact(v) for v in x.numpy()])
        arrays["exact32_" + f] = np.array([exact(v) for v in x.float().double().numpy()])
except ImportError:
    raise SystemExit("mpmath is needed (Debian: python3-mpmath)")
os.makedirs(os.path.dirname(OUT), exist_ok=True)
np.savez(OUT, **arrays)
print("wrote %d inputs x %d functions to %s" % (x.numel(), len(FUNCS), OUT))
