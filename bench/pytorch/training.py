#!/usr/bin/python3
"""PyTorch's column of the README's training table: the demo's MLP (and the bench CNN) on Debian's
Fashion-MNIST, batch 64, one epoch each, timed the same way as `./jt demo` (the wall time of the training pass,
without the evaluation that follows; then the test accuracy).

Run: /usr/bin/python3 bench/pytorch/training.py [--cnn] [--threads N] [--device cuda] [--data DIR] ; reads
/usr/share/datasets/fashion-mnist unless --data names another folder.

--device cuda: the model on the GPU and each batch moved there, as the demo's --device cuda does (and as the
tutorials do); the loss is read back every step (loss.item(), which waits for the GPU), as the demo reads it for its
progress line.

Threads: Debian's torch does its matrix products in OpenBLAS, whose own thread pool uses every core even at
torch.set_num_threads(1) (its CPU time is twice the wall time on 2 cores). `--threads N` caps both, torch's
threads and OpenBLAS's (OPENBLAS_NUM_THREADS, which must be set before torch loads), so that N means N cores;
without it torch runs as installed (1 torch thread, OpenBLAS on all cores)."""
import gzip
import os
import resource
import sys
import time

THREADS = int(sys.argv[sys.argv.index("--threads") + 1]) if "--threads" in sys.argv else 0
if THREADS:
    os.environ["OPENBLAS_NUM_THREADS"] = str(THREADS)
    os.environ["OMP_NUM_THREADS"] = str(THREADS)

import numpy as np
import torch
from torch import nn

D = (sys.argv[sys.argv.index("--data") + 1] if "--data" in sys.argv else "/usr/share/datasets/fashion-mnist") + "/"
DEVICE = torch.device(sys.argv[sys.argv.index("--device") + 1] if "--device" in sys.argv else "cpu")


def idx(name, offset):
    with gzip.open(D + name) as f:
        return np.frombuffer(f.read(), np.uint8, offset=offset)


def data(kind):
    x = torch.from_numpy(idx(kind + "-images-idx3-ubyte.gz", 16).copy()).float().div(255).view(-1, 1, 28, 28)
    y = torch.from_numpy(idx(kind + "-labels-idx1-ubyte.gz", 8).astype(np.int64))
    return (x - 0.2860) / 0.3530, y


def model(cnn):
    if cnn:
        return nn.Sequential(nn.Conv2d(1, 32, 3), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(32, 64, 3), nn.ReLU(),
                             nn.MaxPool2d(2), nn.Flatten(), nn.Linear(1600, 128), nn.ReLU(), nn.Linear(128, 10))
    return nn.Sequential(nn.Flatten(), nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 128), nn.ReLU(), nn.Linear(128, 10))


def run(cnn, opt_name):
    torch.manual_seed(0)
    xtr, ytr = data("train")
    xte, yte = data("t10k")
    m = model(cnn).to(DEVICE)
    opt = torch.optim.SGD(m.parameters(), lr=0.1) if opt_name == "sgd" else torch.optim.Adam(m.parameters(), lr=1e-3)
    t0 = time.perf_counter()
    perm = torch.randperm(len(xtr))
    for i in range(0, len(xtr), 64):
        b = perm[i:i + 64]
        opt.zero_grad()
        loss = nn.functional.cross_entropy(m(xtr[b].to(DEVICE)), ytr[b].to(DEVICE))
        loss.backward()
        opt.step()
        if DEVICE.type != "cpu":
            loss.item()
    dt = time.perf_counter() - t0  # the training pass only, as the demo's epoch time (it evaluates after the clock)
    with torch.no_grad():
        acc = (m(xte.to(DEVICE)).argmax(1).cpu() == yte).float().mean().item()
    print("%s %s on %s: epoch %.2f s, test accuracy %.2f%%, peak RSS %d MiB, torch threads %d, OpenBLAS threads %s" % (
        "cnn" if cnn else "mlp", opt_name, DEVICE, dt, 100 * acc, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024,
        torch.get_num_threads(), os.environ.get("OPENBLAS_NUM_THREADS", "all cores")))


if __name__ == "__main__":
    if THREADS:
        torch.set_num_threads(THREADS)
    cnn = "--cnn" in sys.argv
    for o in ["sgd", "adam"]:
        run(cnn, o)
