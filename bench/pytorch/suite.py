#!/usr/bin/python3
"""PyTorch's column of the bench/ suite: the same ops, shapes and thread counts as the JMH benchmarks
(ElementwiseBenchmark, ReductionBenchmark, TransposeBenchmark, MatmulBenchmark, AutogradChainBenchmark,
ConvBenchmark, OptimizerBenchmark, TrainingStepBenchmark, LinalgBenchmark),
timed with Debian's python3-torch on the same machine.

Run:  /usr/bin/python3 bench/pytorch/suite.py [--json out.json] [--rounds 5] [--seconds 0.5]
Prints, per op, the median of the rounds (each round: as many calls as fit in --seconds, after a warm-up).
Keys match the JMH rows: "<Family>.<op>" plus "shape=..,threads=.." for matmul.
"""
import argparse
import ctypes
import json
import time

import torch

parser = argparse.ArgumentParser()
parser.add_argument("--json", help="also write {key: microseconds} here")
parser.add_argument("--rounds", type=int, default=5)
parser.add_argument("--seconds", type=float, default=0.5)
parser.add_argument("--only", default="", help="run only keys containing this text")
args = parser.parse_args()


def _openblas():
    # Debian's torch does its matmul in libopenblas, whose own thread pool ignores torch.set_num_threads:
    # without this, the "threads=1" matmul rows ran on every core.
    try:
        return ctypes.CDLL("libopenblas.so.0").openblas_set_num_threads
    except (OSError, AttributeError):
        return None


OPENBLAS_SET_THREADS = _openblas()


def set_threads(n):
    torch.set_num_threads(n)
    if OPENBLAS_SET_THREADS is not None:
        OPENBLAS_SET_THREADS(n)


def timed(fn):
    end = time.perf_counter() + min(0.5, args.seconds)
    fn()
    while time.perf_counter() < end:  # warm-up
        fn()
    rounds = []
    for _ in range(args.rounds):
        n, t0 = 0, time.perf_counter()
        while True:
            fn()
            n += 1
            t = time.perf_counter() - t0
            if t >= args.seconds:
                break
        rounds.append(t / n)
    rounds.sort()
    return rounds[len(rounds) // 2] * 1e6


def softmax_rows(x):
    # the same composite as ReductionBenchmark.softmaxRows (torch.softmax itself is Reduction.softmaxFused)
    e = (x - x.amax(1, keepdim=True)).exp()
    return e / e.sum(1, keepdim=True)


def chain(x, ops=100):
    y = x
    for i in range(ops):
        y = y * 1.0001 if i % 2 == 0 else y + 0.5
    return y


def forward_backward():
    x = torch.tensor(1.5, requires_grad=True)
    chain(x).backward()
    return x.grad


def cases():
    set_threads(1)
    torch.manual_seed(0)
    a, b, row = torch.randn(4096, 4096), torch.randn(4096, 4096), torch.randn(4096)
    logits = torch.randn(4096, 1024)
    # Elementwise and reduction results go into preallocated out tensors, as the PyTorch numbers did:
    # a fresh 64 MiB result costs PyTorch an mmap and 16K page faults per call on this VM (the "(allocating)"
    # rows show it), while the JVM reuses its already-touched heap.
    o, rows_out = torch.empty(4096, 4096), torch.empty(4096)
    yield "Elementwise.add", lambda: torch.add(a, b, out=o), 1
    yield "Elementwise.add (allocating)", lambda: a + b, 1
    yield "Elementwise.addBroadcast", lambda: torch.add(a, row, out=o), 1
    yield "Elementwise.addStrided", lambda: torch.add(a.t(), b, out=o), 1
    yield "Elementwise.exp", lambda: torch.exp(a, out=o), 1
    yield "Elementwise.addOut", lambda: torch.add(a, b, out=o), 1   # the jtorch rows that also write into out
    yield "Elementwise.expOut", lambda: torch.exp(a, out=o), 1
    yield "Elementwise.addBroadcastOut", lambda: torch.add(a, row, out=o), 1
    yield "Elementwise.sigmoidOut", lambda: torch.sigmoid(a, out=o), 1
    yield "Elementwise.geluOut", lambda: torch._C._nn.gelu(a, out=o), 1
    yield "Elementwise.tanh", lambda: torch.tanh(a, out=o), 1
    yield "Elementwise.sigmoid", lambda: torch.sigmoid(a, out=o), 1
    yield "Elementwise.gelu", lambda: torch._C._nn.gelu(a, out=o), 1
    yield "Reduction.sum", lambda: a.sum(), 1
    yield "Reduction.amax", lambda: a.amax(), 1
    yield "Reduction.sumRows", lambda: torch.sum(a, 1, out=rows_out), 1
    yield "Reduction.softmax", lambda: softmax_rows(logits), 1
    yield "Reduction.softmaxFused", lambda: torch.softmax(logits, 1), 1
    yield "Reduction.logSoftmaxFused", lambda: torch.log_softmax(logits, 1), 1
    yield "Reduction.softmaxColumns", lambda: torch.softmax(logits, 0), 1
    yield "Reduction.softmaxFusedScoped", lambda: torch.softmax(logits, 1), 1       # the same call: jtorch's row runs
    yield "Reduction.logSoftmaxFusedScoped", lambda: torch.log_softmax(logits, 1), 1  # inside a MemoryScope
    yield "Transpose.transpose threads=1", lambda: a.t().contiguous(), 1
    yield "Transpose.transpose threads=2", lambda: a.t().contiguous(), 1, 2
    yield "Transpose.transpose (copy_ into out)", lambda: o.copy_(a.t()), 1
    yield "Transpose.transposeScoped threads=1", lambda: a.t().contiguous(), 1       # the same call: jtorch's row runs
    yield "Transpose.transposeScoped threads=2", lambda: a.t().contiguous(), 1, 2    # inside a MemoryScope
    yield "AutogradChain.forwardBackward", forward_backward, 100
    with_nograd = lambda: chain(torch.tensor(1.5))
    yield "AutogradChain.forwardOnly", lambda: _nograd(with_nograd), 100
    shapes = {"64": (64, 64, 64, False), "128": (128, 128, 128, False), "256": (256, 256, 256, False),
              "512": (512, 512, 512, False), "1024": (1024, 1024, 1024, False), "2048": (2048, 2048, 2048, False),
              "mlpNN": (256, 784, 512, False), "mlpNT": (256, 784, 512, True)}
    for threads in (1, 2):
        for name, (m, k, n, trans_b) in shapes.items():
            x = torch.rand(m, k)
            w = torch.rand(n, k) if trans_b else torch.rand(k, n)
            rhs = w.t() if trans_b else w
            yield "Matmul.matmul shape=%s,threads=%d" % (name, threads), (lambda x=x, rhs=rhs: x @ rhs), 1, threads
            c = x @ rhs
            yield ("Matmul.matmulOut shape=%s,threads=%d" % (name, threads),
                   (lambda x=x, rhs=rhs, c=c: torch.matmul(x, rhs, out=c)), 1, threads)
    set_threads(1)
    yield from conv_cases()
    yield from optimizer_cases()
    yield from training_cases()
    yield from linalg_cases()


def mlp():
    return torch.nn.Sequential(torch.nn.Flatten(), torch.nn.Linear(784, 256), torch.nn.ReLU(), torch.nn.Linear(256, 128),
                               torch.nn.ReLU(), torch.nn.Linear(128, 10))


def cnn():
    nn = torch.nn
    return nn.Sequential(nn.Conv2d(1, 32, 3), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(32, 64, 3), nn.ReLU(),
                         nn.MaxPool2d(2), nn.Flatten(), nn.Linear(1600, 128), nn.ReLU(), nn.Linear(128, 10))


def conv_cases():
    # ConvBenchmark: forward, sum, backward of the bench CNN's two conv layers, batch 64
    for name, (x, w) in {"conv1": (torch.randn(64, 1, 28, 28), torch.randn(32, 1, 3, 3)),
                         "conv2": (torch.randn(64, 32, 13, 13).requires_grad_(), torch.randn(64, 32, 3, 3))}.items():
        w = (w * 0.1).requires_grad_()
        b = torch.zeros(w.shape[0], requires_grad=True)

        def step(x=x, w=w, b=b):
            x.grad = w.grad = b.grad = None
            torch.nn.functional.conv2d(x, w, b).sum().backward()
        yield "Conv.conv2d shape=%s" % name, step, 1
        # jtorch's conv inside a MemoryScope (pooled arrays, not zeroed by the JVM) against the same PyTorch call
        yield "Conv.conv2dScoped shape=%s" % name, step, 1


def optimizer_cases():
    # OptimizerBenchmark: one step over the MLP's parameters with fixed gradients
    for name, make in (("sgd", lambda p: torch.optim.SGD(p, lr=0.01, momentum=0.9)),
                       ("adam", lambda p: torch.optim.Adam(p, lr=1e-3))):
        params = list(mlp().parameters())
        for p in params:
            p.grad = torch.randn_like(p) * 0.01
        yield "Optimizer.%s" % name, make(params).step, 1


def training_cases():
    # TrainingStepBenchmark: zero_grad, forward, cross-entropy, backward, SGD step on a batch of 64
    x, y = torch.randn(64, 1, 28, 28), torch.randint(0, 10, (64,))
    for threads in (1, 2):
        for name, make in (("mlp", mlp), ("cnn", cnn)):
            model = make()
            opt = torch.optim.SGD(model.parameters(), lr=0.01)

            def step(model=model, opt=opt):
                opt.zero_grad()
                torch.nn.functional.cross_entropy(model(x), y).backward()
                opt.step()
            # 2 threads: torch's own threads stay at 1 and OpenBLAS gets both cores, Debian torch's default and its
            # fastest 2-core setting (2 torch threads plus 2 OpenBLAS threads oversubscribe: 3x slower for the MLP)
            yield "TrainingStep.step shape=%s,threads=%d" % (name, threads), step, 1, threads, 1
            # jtorch's step inside a MemoryScope (pooled tensor memory) against the same PyTorch step
            yield "TrainingStep.scopedStep shape=%s,threads=%d" % (name, threads), step, 1, threads, 1


def linalg_cases():
    # LinalgBenchmark: the same shapes, float32, one thread
    torch.manual_seed(0)
    general256 = torch.randn(256, 256) + 16 * torch.eye(256)
    rhs256 = torch.randn(256, 256)
    b = torch.randn(512, 512)
    spd512 = b @ b.mT + 512 * torch.eye(512)
    general512 = torch.randn(512, 512) / 512 ** 0.5 + torch.eye(512)
    tall = torch.randn(512, 256)
    s = torch.randn(128, 128)
    sym128 = s + s.mT
    general128 = torch.randn(128, 128)
    yield "Linalg.solve", lambda: torch.linalg.solve(general256, rhs256), 1
    yield "Linalg.inv", lambda: torch.linalg.inv(general256), 1
    yield "Linalg.cholesky", lambda: torch.linalg.cholesky(spd512), 1
    yield "Linalg.det", lambda: torch.linalg.det(general512), 1
    yield "Linalg.qr", lambda: torch.linalg.qr(tall), 1
    yield "Linalg.eigh", lambda: torch.linalg.eigh(sym128), 1
    yield "Linalg.svd", lambda: torch.linalg.svd(general128, full_matrices=False), 1


def _nograd(fn):
    with torch.no_grad():
        return fn()


results = {}
print("torch %s" % torch.__version__)
for case in cases():
    key, fn, per_call = case[0], case[1], case[2]
    threads = case[3] if len(case) > 3 else 1
    if args.only not in key:
        continue
    set_threads(threads)
    if len(case) > 4:
        torch.set_num_threads(case[4])
    us = timed(fn) / per_call
    results[key] = us
    print("%-45s %12.2f us" % (key, us), flush=True)
if args.json:
    with open(args.json, "w") as f:
        json.dump({"torch": torch.__version__, "results_us": results}, f, indent=1)
