#!/usr/bin/python3
"""PyTorch's side of AutogradChainBenchmark: forward + backward through 100 one-element ops
(alternating mul and add by a scalar), time per op. Run: /usr/bin/python3 bench/pytorch/autograd_chain.py"""
import time

import torch

OPS = 100


def chain(x):
    y = x
    for i in range(OPS):
        y = y * 1.0001 if i % 2 == 0 else y + 0.5
    return y


def forward_backward():
    x = torch.tensor(1.5, requires_grad=True)
    chain(x).backward()
    return x.grad


def forward_only():
    with torch.no_grad():
        return chain(torch.tensor(1.5))


for name, fn in [("forwardBackward", forward_backward), ("forwardOnly", forward_only)]:
    for _ in range(200):
        fn()
    rounds = []
    for _ in range(5):
        n, t0 = 0, time.perf_counter()
        while time.perf_counter() - t0 < 0.5:
            fn()
            n += 1
        rounds.append((time.perf_counter() - t0) / n / OPS)
    rounds.sort()
    print("%-16s %6.2f us per op" % (name, rounds[2] * 1e6))
