package dev.jtorch;

import dev.jtorch.ops.Op;
import dev.jtorch.spi.Strided;

import java.util.Arrays;

/**
 * Matrix products. One primitive ({@link Op.MatMul} on 2-D or 3-D operands) runs the backend's
 * batched GEMM; every {@code torch.matmul} case is written in terms of it and views.
 */
final class MatrixProducts {
    private MatrixProducts() {}

    private static void checkSameDtype(Tensor a, Tensor b) {
        if (a.dtype != b.dtype) {
            throw new IllegalArgumentException("expected scalar type " + TypePromotion.shortName(a.dtype) + " but found "
                    + TypePromotion.shortName(b.dtype));
        }
    }

    /**
     * {@code torch.matmul(a, b, out=out)} ({@code mm} when {@code matrices}): the product written into out, resized to
     * the product's shape if it has another. A contiguous out of the product's dtype on the CPU or a device of its own
     * backend takes a 2-D product straight from the GEMM, with no result allocated; everything else goes through the
     * allocating product and a copy. As PyTorch: no autograd, out of the product's dtype exactly, no overlap, no
     * autocast.
     */
    static Tensor matmulOut(Tensor a, Tensor b, Tensor out, boolean matrices) {
        String name = matrices ? "mm" : "matmul";
        Elementwise.checkOut(name, out, a, b);
        if (matrices && (a.dim() != 2 || b.dim() != 2)) return mm(a, b); // mm's own messages
        DType rt = a.dtype == b.dtype ? a.dtype : null;
        if (rt != null && out.dtype != rt) {
            throw new IllegalArgumentException("Expected out tensor to have dtype " + TypePromotion.cppName(rt) + ", but got "
                    + TypePromotion.cppName(out.dtype) + " instead");
        }
        Elementwise.checkOverlap(out, a, b);
        // out may be an input (as for the elementwise out= forms), but then the product goes through a fresh result:
        // the GEMM would overwrite the operand it is still reading
        boolean aliased = out.storage == a.storage || out.storage == b.storage;
        if (a.dim() == 2 && b.dim() == 2 && rt != null && rt == rt.computeType() && !aliased) {
            if (a.shape[1] != b.shape[0]) return mm(a, b); // the shape message
            long[] shape = {a.shape[0], b.shape[1]};
            if (!Arrays.equals(shape, out.shape)) out.resize_(shape);
            if (out.isContiguous()) {
                Strided so = out.strided();
                gemm(a, b, rt, so.withLayout(new long[]{1, shape[0], shape[1]}, new long[]{shape[0] * shape[1], shape[1], 1}, so.offset()));
                out.version.bump();
                return out;
            }
        }
        Tensor r;
        // out= forms are not autocast-eligible (as PyTorch's): the product runs in the operands' dtype
        Device.Type type = out.device().type();
        try (var plain = Autocast.autocast(type, Autocast.getAutocastDtype(type), false)) {
            r = matrices ? mm(a, b) : matmul(a, b);
        }
        if (!Arrays.equals(r.shape, out.shape)) out.resize_(r.shape);
        Backends.forDevice(out.device()).copy(r.strided(), out.strided());
        out.version.bump();
        return out;
    }

    /**
     * The backend's batched GEMM of validated [M,K] x [K,N] or [B,M,K] x [B,K,N] operands, read in {@code compute},
     * into a [B,M,N] view (B = 1 for matrices).
     */
    private static void gemm(Tensor a, Tensor b, DType compute, Strided into) {
        Strided sa = Elementwise.operand(a, compute, a.shape), sb = Elementwise.operand(b, compute, b.shape);
        if (a.dim() == 2) {
            sa = sa.withLayout(new long[]{1, a.shape[0], a.shape[1]}, new long[]{0, sa.stride()[0], sa.stride()[1]}, sa.offset());
            sb = sb.withLayout(new long[]{1, b.shape[0], b.shape[1]}, new long[]{0, sb.stride()[0], sb.stride()[1]}, sb.offset());
        }
        Elementwise.backend(a, b).matmul(sa, sb, into);
    }

    /** The primitive: a [M,K] x [K,N] or [B,M,K] x [B,K,N], same dtype, validated. */
    private static Tensor matmulPrimitive(Tensor a, Tensor b) {
        boolean batched = a.dim() == 3;
        DType compute = Elementwise.backend(a, b).matmulDtype(a.dtype);
        long bs = batched ? a.shape[0] : 1, m = a.shape[a.dim() - 2], n = b.shape[b.dim() - 1];
        Tensor out = Tensor.allocateForWrite(new long[]{bs, m, n}, compute, Elementwise.commonDevice(a, b));
        gemm(a, b, compute, out.strided());
        if (out.dtype != a.dtype) out = Elementwise.castRaw(out, a.dtype);
        if (!batched) out = Reductions.relabel(out, new long[]{m, n});
        Autograd.record(new Op.MatMul(), new Tensor[]{a, b}, out);
        return out;
    }

    static Tensor mm(Tensor a, Tensor b) {
        if (Autocast.maybeActive() && Autocast.redo(AutocastOp.MM,
                t -> mm(t[0], t[1]), a, b) instanceof Tensor r) return r;
        if (a.dim() != 2) throw new IllegalArgumentException("self must be a matrix");
        if (b.dim() != 2) throw new IllegalArgumentException("mat2 must be a matrix");
        if (a.shape[1] != b.shape[0]) {
            throw new IllegalArgumentException("mat1 and mat2 shapes cannot be multiplied (" + a.shape[0] + "x" + a.shape[1]
                    + " and " + b.shape[0] + "x" + b.shape[1] + ")");
        }
        checkSameDtype(a, b);
        return matmulPrimitive(a, b);
    }

    static Tensor bmm(Tensor a, Tensor b) {
        if (Autocast.maybeActive() && Autocast.redo(AutocastOp.BMM,
                t -> bmm(t[0], t[1]), a, b) instanceof Tensor r) return r;
        if (a.dim() != 3) throw new IllegalArgumentException("batch1 must be a 3D tensor");
        if (b.dim() != 3) throw new IllegalArgumentException("batch2 must be a 3D tensor");
        if (b.shape[0] != a.shape[0] || b.shape[1] != a.shape[2]) {
            throw new IllegalArgumentException("Expected size for first two dimensions of batch2 tensor to be: ["
                    + a.shape[0] + ", " + a.shape[2] + "] but got: [" + b.shape[0] + ", " + b.shape[1] + "].");
        }
        checkSameDtype(a, b);
        return matmulPrimitive(a, b);
    }

    static Tensor dot(Tensor a, Tensor b) {
        if (Autocast.maybeActive() && Autocast.redo(AutocastOp.DOT,
                t -> dot(t[0], t[1]), a, b) instanceof Tensor r) return r;
        if (a.dim() != 1 || b.dim() != 1) {
            throw new IllegalArgumentException("1D tensors expected, but got " + a.dim() + "D and " + b.dim() + "D tensors");
        }
        if (a.shape[0] != b.shape[0]) {
            throw new IllegalArgumentException("inconsistent tensor size, expected tensor [" + a.shape[0] + "] and src ["
                    + b.shape[0] + "] to have the same number of elements, but got " + a.shape[0] + " and " + b.shape[0]
                    + " elements respectively");
        }
        checkSameDtype(a, b);
        return mm(a.unsqueeze(0), b.unsqueeze(1)).reshape();
    }

    static Tensor mv(Tensor a, Tensor v) {
        if (Autocast.maybeActive() && Autocast.redo(AutocastOp.MV,
                t -> mv(t[0], t[1]), a, v) instanceof Tensor r) return r;
        if (a.dim() != 2 || v.dim() != 1) {
            throw new IllegalArgumentException("vector + matrix @ vector expected, got " + a.dim() + ", " + v.dim());
        }
        if (a.shape[1] != v.shape[0]) {
            throw new IllegalArgumentException("size mismatch, got input (" + a.shape[0] + "), mat (" + a.shape[0] + "x"
                    + a.shape[1] + "), vec (" + v.shape[0] + ")");
        }
        return mm(a, v.unsqueeze(1)).squeeze(1);
    }

    static Tensor outer(Tensor a, Tensor b) {
        if (a.dim() != 1 || b.dim() != 1) {
            throw new IllegalArgumentException("outer: expected 1D tensors, got " + a.dim() + "D and " + b.dim() + "D");
        }
        return a.unsqueeze(1).mul(b.unsqueeze(0));
    }

    static Tensor addmm(Tensor self, Tensor m1, Tensor m2, double beta, double alpha) {
        if (Autocast.maybeActive() && Autocast.redo(AutocastOp.ADDMM,
                t -> addmm(t[0], t[1], t[2], beta, alpha), self, m1, m2) instanceof Tensor r) return r;
        Tensor p = mm(m1, m2);
        if (alpha != 1) p = p.mul(alpha);
        if (beta == 0) return p.add(self.mul(0.0).expandAs(p)).sub(self.mul(0.0).expandAs(p)); // shape check, nan ignored
        Tensor term = beta == 1 ? self : self.mul(beta);
        // p is ours and nothing saved it: add in place when that gives the same result (one output less to allocate).
        boolean fits = java.util.Arrays.equals(Broadcast.shapes(p.shape, term.shape), p.shape); // PyTorch's error if not broadcastable
        return fits && term.dtype() == p.dtype() ? p.add_(term) : p.add(term);
    }

    static Tensor matmul(Tensor a, Tensor b) {
        if (Autocast.maybeActive() && Autocast.redo(AutocastOp.MATMUL,
                t -> matmul(t[0], t[1]), a, b) instanceof Tensor r) return r;
        int da = a.dim(), db = b.dim();
        if (da == 0 || db == 0) {
            throw new IllegalArgumentException("both arguments to matmul need to be at least 1D, but they are " + da + "D and "
                    + db + "D");
        }
        if (da == 1 && db == 1) return dot(a, b);
        if (da == 2 && db == 1) return mv(a, b);
        if (da == 1 && db == 2) return mm(a.unsqueeze(0), b).squeeze(0);
        if (da == 2 && db == 2) return mm(a, b);
        if (da >= 3 && (db == 1 || db == 2)) {
            // Fold a's batch dims into its rows: one large GEMM.
            Tensor b2 = db == 1 ? b.unsqueeze(1) : b;
            long k = a.shape[da - 1];
            if (k != b2.shape[0]) throw shapeError(a, b);
            long[] outShape = Arrays.copyOf(a.shape, da);
            outShape[da - 1] = b2.shape[1];
            Tensor r = mm(a.reshape(-1, k), b2).view(outShape);
            return db == 1 ? r.squeeze(-1) : r;
        }
        // Batched with broadcasting.
        Tensor a3 = da == 1 ? a.unsqueeze(0) : a;
        Tensor b3 = db == 1 ? b.unsqueeze(1) : b;
        long n = a3.shape[a3.dim() - 2], k = a3.shape[a3.dim() - 1], k2 = b3.shape[b3.dim() - 2], p = b3.shape[b3.dim() - 1];
        if (k != k2) throw shapeError(a, b);
        long[] batchA = Arrays.copyOf(a3.shape, a3.dim() - 2), batchB = Arrays.copyOf(b3.shape, b3.dim() - 2);
        long[] batch = Broadcast.shapes(batchA, batchB);
        long bs = Shapes.numel(batch);
        Tensor ea = a3.expand(concat(batch, n, k)).reshape(bs, n, k);
        Tensor eb = b3.expand(concat(batch, k, p)).reshape(bs, k, p);
        checkSameDtype(ea, eb);
        Tensor r = matmulPrimitive(ea, eb).view(concat(batch, n, p));
        if (da == 1) r = r.squeeze(-2);
        if (db == 1) r = r.squeeze(-1);
        return r;
    }

    private static IllegalArgumentException shapeError(Tensor a, Tensor b) {
        return new IllegalArgumentException("Expected size for first two dimensions of batch2 tensor to be compatible: "
                + "mat1 and mat2 shapes cannot be multiplied (" + rows(a) + " and " + rows(b) + ")");
    }

    private static String rows(Tensor t) {
        long r = 1; // the dims before the last, multiplied out (not numel / last: the last may be 0)
        for (int d = 0; d < t.dim() - 1; d++) r *= t.shape[d];
        return r + "x" + t.shape[t.dim() - 1];
    }

    private static long[] concat(long[] batch, long x, long y) {
        long[] s = Arrays.copyOf(batch, batch.length + 2);
        s[batch.length] = x;
        s[batch.length + 1] = y;
        return s;
    }
}
