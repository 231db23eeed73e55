#!/usr/bin/python3
"""PyTorch's side of the README's benchmark table: the same ops as bench/ (AddBenchmark,
KernelFamilyBenchmark, MatmulBenchmark), timed on the same machine with Debian's python3-torch.

Run:  /usr/bin/python3 bench/pytorch/kernels.py
Prints the median of 5 half-second rounds per op, after a warm-up, with PyTorch's default thread count.
"""
import time

import torch

torch.manual_seed(0)
a, b = torch.rand(1 << 20), torch.rand(1 << 20)
v = torch.randn(1 << 20)
m = torch.randn(1024, 1024)
A, B = torch.randn(512, 512), torch.randn(512, 512)
CASES = {
    "add 2^20 float32": lambda: a + b,
    "exp 2^20 float32": lambda: v.exp(),
    "sum 2^20 float32": lambda: v.sum(),
    "t().contiguous() 1024x1024": lambda: m.t().contiguous(),
    "matmul 512x512x512": lambda: A @ B,
}

print("torch %s, %d thread(s)" % (torch.__version__, torch.get_num_threads()))
for name, fn in CASES.items():
    for _ in range(50):
        fn()
    rounds = []
    for _ in range(5):
        n, t0 = 0, time.perf_counter()
        while time.perf_counter() - t0 < 0.5:
            fn()
            n += 1
        rounds.append((time.perf_counter() - t0) / n)
    rounds.sort()
    print("%-28s %10.1f us" % (name, rounds[2] * 1e6))
