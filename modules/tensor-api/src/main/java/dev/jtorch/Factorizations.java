package dev.jtorch;

import dev.jtorch.ops.Op;

import java.util.Arrays;

/**
 * The factorization primitives of the op table: each runs the backend's kernel on the input's
 * matrices as a batch {@code [B, m, n]} and records one op (its gradient is in autograd's formulas).
 * Solve, inverse and determinants are computed from the LU factors without recording the steps.
 * Callers ({@link Linalg}) check shapes and dtypes first; the failures that only the data reveals
 * (singular, not positive-definite) are raised here with PyTorch's messages.
 */
final class Factorizations {
    private Factorizations() {}

    /** The packed LU factors, their pivots and LAPACK's info per matrix (shape: the batch dims). */
    record Lu(Tensor lu, Tensor pivots, Tensor info) {}

    static Lu luFactor(Tensor a) {
        long m = rows(a), n = cols(a), k = Math.min(m, n);
        long[] batch = batchShape(a);
        Tensor lu = Tensor.allocate(a.shape.clone(), a.dtype, a.device());
        Tensor pivots = Tensor.allocate(append(batch, k), DType.INT32, a.device());
        Tensor info = Tensor.allocate(batch, DType.INT32, a.device());
        if (a.numel() > 0) {
            try (var g = GradMode.noGrad()) {
                long b = count(batch);
                Elementwise.backend(a).luFactor(as3d(a).strided(), as3d(lu).strided(),
                        pivots.reshape(b, k).strided(), info.reshape(b).strided());
            }
        }
        Autograd.record(new Op.LuFactor(), new Tensor[]{a}, lu, pivots);
        return new Lu(lu, pivots, info);
    }

    /**
     * X with A X = B ({@code left}) or X A = B for triangular a [..., n, n]; b [..., n, k] or [..., k, n] with the
     * same batch dims and dtype.
     */
    static Tensor solveTriangular(Tensor a, Tensor b, boolean upper, boolean left, boolean unitriangular) {
        Tensor out;
        try (var g = GradMode.noGrad()) {
            // X A = B is Aᵀ Xᵀ = Bᵀ, and Aᵀ's triangle is the other one.
            out = left ? triangularKernel(a, b, upper, unitriangular)
                    : triangularKernel(a.mT(), b.mT(), !upper, unitriangular).mT().contiguous();
        }
        Autograd.record(new Op.SolveTriangular(upper, left, unitriangular), new Tensor[]{a, b}, out);
        return out;
    }

    /** The backend's left solve, unrecorded. */
    private static Tensor triangularKernel(Tensor a, Tensor b, boolean upper, boolean unitriangular) {
        Tensor out = Tensor.allocate(b.shape.clone(), b.dtype, b.device());
        if (out.numel() > 0) {
            Elementwise.backend(a, b).triangularSolve(as3d(a).strided(), as3d(b).strided(), upper, unitriangular,
                    as3d(out).strided());
        }
        return out;
    }

    /**
     * X with A X = B ({@code left}) or X A = B: a [..., n, n]; b with the same batch dims and dtype, matrices or
     * (with {@code vector}) vectors [..., n].
     */
    static Tensor solve(Tensor a, Tensor b, boolean left, boolean vector) {
        Tensor x;
        try (var g = GradMode.noGrad()) {
            Tensor rhs = vector ? b.unsqueeze(left ? -1 : -2) : b;
            Tensor lhs = left ? a : a.mT();
            Lu f = luFactor(lhs);
            checkInfo(f.info(), "torch.linalg.solve", i -> "The solver failed because the input matrix is singular.");
            x = luSolve(f.lu(), f.pivots(), left ? rhs : rhs.mT());
            if (!left) x = x.mT().contiguous();
            if (vector) x = x.squeeze(left ? -1 : -2);
        }
        Autograd.record(new Op.Solve(left, vector), new Tensor[]{a, b}, x);
        return x;
    }

    static Tensor inverse(Tensor a) {
        Tensor x;
        try (var g = GradMode.noGrad()) {
            Lu f = luFactor(a);
            checkInfo(f.info(), "linalg.inv", i -> "The diagonal element " + i
                    + " is zero, the inversion could not be completed because the input matrix is singular.");
            long n = rows(a);
            x = luSolve(f.lu(), f.pivots(), Torch.eye(n, n, a.dtype).to(a.device()).expand(a.shape).contiguous());
        }
        Autograd.record(new Op.Inverse(), new Tensor[]{a}, x);
        return x;
    }

    static Tensor det(Tensor a) {
        Tensor d;
        try (var g = GradMode.noGrad()) {
            Lu f = luFactor(a);
            d = diagonal(f.lu()).prod(-1).mul(permutationSign(f.pivots(), a));
        }
        Autograd.record(new Op.Det(), new Tensor[]{a}, d);
        return d;
    }

    /** The sign (±1, or 0 for a singular matrix) and log|det|. */
    static Tensor[] slogdet(Tensor a) {
        Tensor sign, logabsdet;
        try (var g = GradMode.noGrad()) {
            Lu f = luFactor(a);
            Tensor diag = diagonal(f.lu());
            sign = diag.sign().prod(-1).mul(permutationSign(f.pivots(), a));
            logabsdet = diag.abs().log().sum(new int[]{-1}, false);
        }
        Autograd.record(new Op.Slogdet(), new Tensor[]{a}, sign, logabsdet);
        return new Tensor[]{sign, logabsdet};
    }

    /**
     * The lower factor of a's lower triangle, or with {@code upper} the upper factor of its upper triangle;
     * {@code fn} names the caller in the not-positive-definite message.
     */
    static Tensor cholesky(Tensor a, boolean upper, String fn) {
        Tensor l = Tensor.allocate(a.shape.clone(), a.dtype, a.device());
        long[] batch = batchShape(a);
        Tensor info = Tensor.allocate(batch, DType.INT32, a.device());
        if (a.numel() > 0) {
            try (var g = GradMode.noGrad()) {
                // Aᵀ's lower triangle is A's upper one, and Uᵀ its lower factor.
                Elementwise.backend(a).cholesky(as3d(upper ? a.mT() : a).strided(), as3d(l).strided(),
                        info.reshape(count(batch)).strided());
                if (upper) l = l.mT().contiguous();
            }
        }
        checkInfo(info, fn, i -> "The factorization could not be completed because the input is not positive-definite "
                + "(the leading minor of order " + i + " is not positive-definite).");
        Autograd.record(new Op.Cholesky(upper), new Tensor[]{a}, l);
        return l;
    }

    /** Ascending eigenvalues and the eigenvectors (columns) of symmetric matrices, from a's lower triangle. */
    static Tensor[] eigh(Tensor a) {
        long n = rows(a);
        long[] batch = batchShape(a);
        Tensor w = Tensor.allocate(append(batch, n), a.dtype, a.device());
        Tensor v = Tensor.allocate(a.shape.clone(), a.dtype, a.device());
        Tensor info = Tensor.allocate(batch, DType.INT32, a.device());
        if (a.numel() > 0) {
            try (var g = GradMode.noGrad()) {
                long b = count(batch);
                Elementwise.backend(a).eigh(as3d(a).strided(), w.reshape(b, n).strided(), as3d(v).strided(),
                        info.reshape(b).strided());
            }
        }
        checkInfo(info, "linalg.eigh", i -> "The algorithm failed to converge because the input matrix is "
                + "ill-conditioned or has too many repeated eigenvalues (error code: " + i + ").");
        Autograd.record(new Op.Eigh(), new Tensor[]{a}, w, v);
        return new Tensor[]{w, v};
    }

    /** Q and R for {@code mode} "reduced", "complete" or "r" (Q is then an empty tensor). */
    static Tensor[] qr(Tensor a, String mode) {
        long m = rows(a), n = cols(a), k = Math.min(m, n);
        long[] batch = batchShape(a);
        boolean complete = mode.equals("complete");
        Tensor q = Tensor.allocate(append(batch, m, complete ? m : k), a.dtype, a.device());
        Tensor r = Tensor.allocate(append(batch, complete ? m : k, n), a.dtype, a.device());
        if (q.numel() > 0 || r.numel() > 0) {
            try (var g = GradMode.noGrad()) {
                if (m > 0 && n > 0) Elementwise.backend(a).qr(as3d(a).strided(), as3d(q).strided(), as3d(r).strided());
                else if (q.numel() > 0) q = Torch.eye(m, m, a.dtype).to(a.device()).expand(q.shape).contiguous();
            }
        }
        if (mode.equals("r")) q = Tensor.allocate(new long[]{0}, a.dtype, a.device());
        Autograd.record(new Op.Qr(mode), new Tensor[]{a}, q, r);
        return new Tensor[]{q, r};
    }

    /** U, S (descending) and Vh of {@code a = U diag(S) Vh}, reduced or (with {@code full}) with square U and Vh. */
    static Tensor[] svd(Tensor a, boolean full) {
        long m = rows(a), n = cols(a), k = Math.min(m, n);
        long[] batch = batchShape(a);
        Tensor u = Tensor.allocate(append(batch, m, full ? m : k), a.dtype, a.device());
        Tensor s = Tensor.allocate(append(batch, k), a.dtype, a.device());
        Tensor vh = Tensor.allocate(append(batch, full ? n : k, n), a.dtype, a.device());
        Tensor info = Tensor.allocate(batch, DType.INT32, a.device());
        long b = count(batch);
        if (b > 0 && (u.numel() > 0 || vh.numel() > 0)) {
            try (var g = GradMode.noGrad()) {
                Elementwise.backend(a).svd(as3d(a).strided(), as3d(u).strided(), s.reshape(b, k).strided(), as3d(vh).strided(),
                        info.reshape(b).strided());
            }
        }
        checkInfo(info, "linalg.svd", i -> i < 0
                ? "The algorithm failed to converge because the input matrix contained non-finite values."
                : "The algorithm failed to converge because the input matrix is ill-conditioned or has too many repeated "
                        + "singular values (error code: " + i + ").");
        Autograd.record(new Op.Svd(full), new Tensor[]{a}, u, s, vh);
        return new Tensor[]{u, s, vh};
    }

    /**
     * A⁻¹ B from packed LU factors (square, no recording of its own: the callers record, or differentiate
     * through the recorded primitives): the pivots' row swaps, then the two triangular solves.
     */
    static Tensor luSolve(Tensor lu, Tensor pivots, Tensor b) {
        Tensor y = solveTriangular(lu, permuteRows(b, pivots), false, true, true);
        return solveTriangular(lu, y, true, true, false);
    }

    /**
     * {@code Pᵀ B} for the permutation of LAPACK-style pivots: the swaps applied in order to B's rows. Whole rows are
     * selected from the batches stacked as one matrix (an element-wise gather read an index per element: 6% of inv
     * 256²'s time).
     */
    static Tensor permuteRows(Tensor b, Tensor pivots) {
        long n = rows(b), k = cols(b);
        long batches = count(batchShape(b));
        long[] order = permutation(pivots, batches, n);
        for (int i = 0; i < order.length; i++) order[i] += i / n * n; // row of batch i / n in the stacked matrix
        return b.reshape(batches * n, k).indexSelect(0, Torch.tensor(order).to(b.device())).reshape(b.shape);
    }

    /** Row i of {@code Pᵀ} is row {@code order[i]} of the identity, per batch (flattened). */
    static long[] permutation(Tensor pivots, long batches, long n) {
        long[] piv = pivots.toLongArray();
        int rows = Math.toIntExact(n), steps = Math.toIntExact(cols1(pivots));
        long[] order = new long[Math.toIntExact(batches * n)];
        for (int b = 0; b < batches; b++) {
            for (int i = 0; i < rows; i++) order[b * rows + i] = i;
            for (int j = 0; j < steps; j++) {
                int p = Math.toIntExact(piv[b * steps + j] - 1);
                long t = order[b * rows + j];
                order[b * rows + j] = order[b * rows + p];
                order[b * rows + p] = t;
            }
        }
        return order;
    }

    /** ±1 per matrix: the parity of the pivots' swaps, in a's dtype, shaped as a's batch dims. */
    private static Tensor permutationSign(Tensor pivots, Tensor a) {
        long[] batch = batchShape(a);
        long[] piv = pivots.toLongArray();
        int steps = Math.toIntExact(cols1(pivots));
        double[] sign = new double[Math.toIntExact(count(batch))];
        for (int b = 0; b < sign.length; b++) {
            int swaps = 0;
            for (int j = 0; j < steps; j++) if (piv[b * steps + j] != j + 1) swaps++;
            sign[b] = swaps % 2 == 0 ? 1 : -1;
        }
        return Torch.tensor(sign).to(a.dtype).reshape(batch).to(a.device());
    }

    /** Raises {@code fn}'s message for the first matrix whose info is not 0 (with its batch position when batched). */
    static void checkInfo(Tensor info, String fn, java.util.function.LongFunction<String> message) {
        if (info.numel() == 0) return;
        long[] values = info.toLongArray();
        for (int b = 0; b < values.length; b++) {
            if (values[b] == 0) continue;
            String where = info.dim() == 0 ? "" : "(Batch element " + b + "): ";
            throw new LinalgException(fn + ": " + where + message.apply(values[b]));
        }
    }

    // ---------------------------------------------------------------- shapes

    static Tensor diagonal(Tensor t) { return t.diagonal(0, -2, -1); }

    static long rows(Tensor t) { return t.shape[t.dim() - 2]; }

    static long cols(Tensor t) { return t.shape[t.dim() - 1]; }

    private static long cols1(Tensor t) { return t.dim() == 0 ? 1 : t.shape[t.dim() - 1]; }

    static long[] batchShape(Tensor t) { return Arrays.copyOf(t.shape, t.dim() - 2); }

    static long count(long[] batch) {
        long c = 1;
        for (long s : batch) c *= s;
        return c;
    }

    static long[] append(long[] batch, long... tail) {
        long[] r = Arrays.copyOf(batch, batch.length + tail.length);
        System.arraycopy(tail, 0, r, batch.length, tail.length);
        return r;
    }

    /** [..., m, n] as [B, m, n] (a view where the batch dims merge). */
    static Tensor as3d(Tensor t) { return t.reshape(count(batchShape(t)), rows(t), cols(t)); }
}
