#!/usr/bin/python3
"""Merges a JMH JSON result file (bench/, -rf json) and bench/pytorch/suite.py's JSON into one markdown table.

Usage: report.py JMH.json TORCH.json [--peaks PEAKS.txt] [--header TEXT] > table.md

Rows are keyed "<Family>.<op>[ params]": the JMH class name without "Benchmark" (and without the "Scalar"
suffix of MatmulScalarBenchmark), the method name without its variant suffix (Simd, Scalar, OpenBlas).
Times are the median iteration of each benchmark. Ratios are speed ratios (the other column's time divided by jtorch's): above 1 means jtorch is faster.
"""
import json
import re
import sys

VARIANTS = ("Simd", "Scalar", "OpenBlas")
UNIT_US = {"us/op": 1.0, "ms/op": 1e3, "ns/op": 1e-3, "s/op": 1e6}
MIB16 = 4096 * 4096 * 4  # bytes of one 16M-float operand
# bytes moved per call (reads + writes, no write-allocate), for the GB/s column of memory-bound rows
BYTES = {"Elementwise.add": 3 * MIB16, "Elementwise.addBroadcast": 2 * MIB16, "Elementwise.addStrided": 3 * MIB16,
         "Elementwise.exp": 2 * MIB16, "Elementwise.addOut": 3 * MIB16, "Elementwise.expOut": 2 * MIB16, "Elementwise.tanh": 2 * MIB16, "Elementwise.sigmoid": 2 * MIB16,
         "Elementwise.gelu": 2 * MIB16, "Elementwise.addBroadcastOut": 2 * MIB16, "Elementwise.sigmoidOut": 2 * MIB16, "Elementwise.geluOut": 2 * MIB16,
         "Reduction.sum": MIB16, "Reduction.amax": MIB16,
         "Reduction.sumRows": MIB16, "Transpose.transpose": 2 * MIB16,
         "Transpose.transposeScoped": 2 * MIB16}
SHAPES = {"mlpNN": (256, 784, 512), "mlpNT": (256, 784, 512)}


def key_of(bench, params):
    cls, method = bench.split(".")[-2:]
    family = re.sub(r"Benchmark$", "", cls)
    family = re.sub(r"Scalar$", "", family)
    variant = "Simd"
    for v in VARIANTS:
        if method.endswith(v):
            variant, method = v, method[: -len(v)]
            break
    key = "%s.%s" % (family, method)
    if params:
        names = [k for k in ("shape", "threads") if k in params] + sorted(k for k in params if k not in ("shape", "threads"))
        key += " " + ",".join("%s=%s" % (k, params[k]) for k in names)
    return key, variant


def flops(key):
    m = re.search(r"shape=(\w+)", key)
    if not key.startswith("Matmul") or not m:
        return None
    s = m.group(1)
    mm, kk, nn = SHAPES.get(s) or (int(s),) * 3
    return 2.0 * mm * kk * nn


def fmt_time(us):
    if us is None:
        return "–"
    return "%.0f ms" % (us / 1e3) if us >= 1e5 else "%.2f ms" % (us / 1e3) if us >= 1e3 else "%.2f µs" % us


def ratio(other, mine):
    return "%.2f×" % (other / mine) if other and mine else "–"


def main():
    args = sys.argv[1:]
    jmh = json.load(open(args[0]))
    torch = json.load(open(args[1]))["results_us"] if len(args) > 1 and args[1] != "-" else {}
    rows, order = {}, []
    for r in jmh:
        key, variant = key_of(r["benchmark"], r.get("params", {}))
        pm = r["primaryMetric"]
        # the median iteration, not JMH's mean: on a shared machine a few iterations lose the CPU to others
        its = sorted(x for fork in pm.get("rawData", [[pm["score"]]]) for x in fork)
        us = its[len(its) // 2] * UNIT_US[pm["scoreUnit"]]
        if key not in rows:
            rows[key] = {}
            order.append(key)
        rows[key][variant] = (us, pm.get("scoreError"))
    blas_missing = any("OpenBlas" in r and r["OpenBlas"][0] < 0.05 for r in rows.values())
    print("| op | jtorch SIMD | scalar | OpenBLAS | PyTorch | SIMD/scalar | jtorch/OpenBLAS | jtorch/PyTorch | jtorch rate |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for key in order:
        r = rows[key]
        simd = r.get("Simd", (None,))[0]
        scalar = r.get("Scalar", (None,))[0]
        blas = r.get("OpenBlas", (None,))[0]
        if key.startswith("Matmul.matmulOut"):  # sgemm into a preallocated C: the matmul row's OpenBLAS call
            blas = rows.get(key.replace("Matmul.matmulOut", "Matmul.matmul", 1), {}).get("OpenBlas", (None,))[0]
        if blas is not None and blas < 0.05:
            blas = None  # the empty call of a run without libopenblas
        pt = torch.get(key)
        rate = ""
        f = flops(key)
        if f and simd:
            rate = "%.1f GFLOP/s" % (f / simd / 1e3)
            if blas:
                rate += " (OpenBLAS %.1f)" % (f / blas / 1e3)
        elif key.split(" ")[0] in BYTES and simd:
            rate = "%.1f GB/s" % (BYTES[key.split(" ")[0]] / simd / 1e3)
        print("| %s | %s | %s | %s | %s | %s | %s | %s | %s |" % (
            key, fmt_time(simd), fmt_time(scalar), fmt_time(blas), fmt_time(pt),
            ratio(scalar, simd), ratio(blas, simd), ratio(pt, simd), rate))
    if blas_missing:
        print("\nOpenBLAS column skipped: libopenblas was not found (set -Djtorch.bench.openblas=PATH).")
    extra = sorted(k for k in torch if k not in rows)
    for k in extra:
        print("\nPyTorch only: %s %s" % (k, fmt_time(torch[k])))


if __name__ == "__main__":
    main()
