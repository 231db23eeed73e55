#!/usr/bin/env python3
"""Fits erf(x) = x P(x^2) / Q(x^2) on [0, 3.92] for the float32 erf/gelu kernels (gen_simd_rows.py: ERF_P, ERF_Q).

A linearised least-squares fit of the relative error, reweighted towards the largest errors (Lawson's idea), then a
check of the float32 evaluation (fma Horner, one division) against math.erf in ulps. Needs numpy only.
Run: python3 tools/codegen/fit_erf.py
"""
import math

import numpy as np

UPPER = 3.92  # just past the first float whose erf rounds to 1 (printed below)
P_DEGREE, Q_DEGREE = 5, 5


def fit(iterations=200):
    x = np.unique(np.concatenate([np.linspace(1e-6, UPPER, 20000),
                                  UPPER * np.sin(np.linspace(0, np.pi / 2, 20000))]).clip(1e-6, UPPER))
    y = x * x
    f = np.array([math.erf(t) / t for t in x])
    weight, q_prev = np.ones_like(f), np.ones_like(f)
    for _ in range(iterations):
        # unknowns p0..pn and q1..qm (q0 = 1): P(y) - f Q(y) = 0, scaled to a relative error by the last Q
        a = np.hstack([np.vstack([y ** k for k in range(P_DEGREE + 1)]).T,
                       -np.vstack([f * y ** k for k in range(1, Q_DEGREE + 1)]).T])
        w = weight / (q_prev * f)
        c, *_ = np.linalg.lstsq(a * w[:, None], f * w, rcond=None)
        p, q = c[:P_DEGREE + 1], np.concatenate([[1.0], c[P_DEGREE + 1:]])
        q_prev = np.polyval(q[::-1], y)
        err = np.abs((np.polyval(p[::-1], y) / q_prev - f) / f)
        weight = weight * (1 + err / err.mean())
        weight /= weight.mean()
    return np.float32(p), np.float32(q), err.max()


def fma32(a, b, c):
    return np.float32(np.float64(a) * np.float64(b) + np.float64(c))  # a*b is exact in float64


def horner32(coeffs_high_first, y):
    r = np.full_like(y, coeffs_high_first[0])
    for c in coeffs_high_first[1:]:
        r = fma32(r, y, c)
    return r


def erf32(p, q, one_from, xs):
    a = np.abs(xs).astype(np.float32)
    y = a * a
    r = np.float32(a * horner32(p[::-1], y)) / horner32(q[::-1], y)
    return np.where(a >= one_from, np.float32(1), r.astype(np.float32))


def main():
    grid = np.arange(np.float32(3.8).view(np.int32), np.float32(4.0).view(np.int32)).view(np.float32)
    one_from = next(t for t in grid if np.float32(math.erf(float(t))) == 1)
    p, q, rel = fit()
    xs = np.concatenate([np.random.RandomState(1).uniform(0, 4.5, 1_000_000),
                         np.logspace(-40, 0.7, 100_000)]).astype(np.float32)
    exact = np.array([math.erf(float(t)) for t in xs])
    ulps = np.abs(erf32(p, q, one_from, xs) - exact) / np.spacing(exact.astype(np.float32)).astype(np.float64)
    print(f"erf rounds to 1 from {float(one_from)!r}; fit relative error {rel:.2e}")
    print(f"float32: max {ulps.max():.2f} ulp (x = {xs[ulps.argmax()]}), mean {ulps.mean():.2f}")
    print("ERF_P =", [f"{float(c)!r}f" for c in p[::-1]])
    print("ERF_Q =", [f"{float(c)!r}f" for c in q[::-1]])


if __name__ == "__main__":
    main()
