package dev.jtorch.simd;

import dev.jtorch.DType;
import dev.jtorch.Device;
import dev.jtorch.ops.BinaryOp;
import dev.jtorch.ops.ReduceOp;
import dev.jtorch.ops.ScanOp;
import dev.jtorch.ops.UnaryOp;
import dev.jtorch.ops.Window2d;
import dev.jtorch.simd.conv.Conv3x3Kernels;
import dev.jtorch.simd.kernels.ConvKernels;
import dev.jtorch.simd.kernels.Host;
import dev.jtorch.simd.kernels.Kernels;
import dev.jtorch.simd.kernels.OptimKernels;
import dev.jtorch.simd.kernels.Parallel;
import dev.jtorch.simd.kernels.ScalarKernels;
import dev.jtorch.simd.kernels.SimdKernels;
import dev.jtorch.simd.kernels.SoftmaxKernels;
import dev.jtorch.simd.kernels.Staging;
import dev.jtorch.simd.linalg.LinalgKernels;
import dev.jtorch.spi.Backend;
import dev.jtorch.spi.HostStorage;
import dev.jtorch.spi.Storage;
import dev.jtorch.spi.Strided;

/**
 * The CPU backend. Kernels work on the Java arrays behind host storages; operands in other memory
 * (wrapped native segments) are staged through heap copies ({@link Staging}).
 */
public final class CpuBackend implements Backend {
    /** {@code -Djtorch.simd=false} switches the Vector API kernels off for the whole process. */
    public static final boolean SIMD = !"false".equalsIgnoreCase(System.getProperty("jtorch.simd", "true").trim());

    private volatile int threads = Runtime.getRuntime().availableProcessors();
    private final Kernels kernels = SIMD ? new SimdKernels(() -> threads) : new ScalarKernels();

    @Override public String name() { return "simd"; }

    @Override public Device.Type deviceType() { return Device.Type.CPU; }

    @Override public int priority() { return 100; }

    @Override
    public String description() {
        String t = threads + (threads == 1 ? " thread" : " threads");
        if (!SIMD) return "scalar kernels (SIMD off), " + t;
        var species = jdk.incubator.vector.FloatVector.SPECIES_PREFERRED;
        return "Vector API, FloatVector " + speciesName(species.vectorBitSize()) + " (" + species.length() + " lanes), " + t;
    }

    private static String speciesName(int bits) {
        return bits == 64 || bits == 128 || bits == 256 || bits == 512 ? "SPECIES_" + bits : bits + "-bit species";
    }

    @Override public Storage allocate(DType dtype, long numel, Device device) { return HostStorage.allocate(dtype, numel); }

    @Override
    public void setNumThreads(int threads) {
        if (threads < 1) throw new IllegalArgumentException("set_num_threads expects a positive integer");
        this.threads = threads;
    }

    @Override public int numThreads() { return threads; }

    // ---------------------------------------------------------------- memory

    @Override
    public void copy(Strided src, Strided dst) {
        if (Host.arrayBacked(src) && Host.arrayBacked(dst)) kernels.copy(src, dst);
        else Staging.copy(src, dst);
    }

    @Override
    public void fill(Strided dst, double value) {
        Strided d = Staging.stage(dst);
        kernels.fill(d, value);
        Staging.unstage(d, dst);
    }

    @Override
    public void fill(Strided dst, long value) {
        Strided d = Staging.stage(dst);
        kernels.fill(d, value);
        Staging.unstage(d, dst);
    }

    // ---------------------------------------------------------------- elementwise

    @Override
    public void unary(UnaryOp op, Strided in, Strided out) {
        Strided o = Staging.stage(out);
        kernels.unary(op, Staging.stage(in), o);
        Staging.unstage(o, out);
    }

    @Override
    public void binary(BinaryOp op, Strided a, Strided b, Strided out) {
        Strided o = Staging.stage(out);
        kernels.binary(op, Staging.stage(a), Staging.stage(b), o);
        Staging.unstage(o, out);
    }

    @Override
    public void clamp(Strided in, Double min, Double max, Strided out) {
        Strided o = Staging.stage(out);
        kernels.clamp(Staging.stage(in), min, max, o);
        Staging.unstage(o, out);
    }

    @Override
    public void where(Strided cond, Strided a, Strided b, Strided out) {
        Strided o = Staging.stage(out);
        kernels.where(Staging.stage(cond), Staging.stage(a), Staging.stage(b), o);
        Staging.unstage(o, out);
    }

    @Override
    public void thresholdBackward(Strided grad, Strided self, double threshold, Strided out) {
        Strided o = Staging.stage(out);
        kernels.thresholdBackward(Staging.stage(grad), Staging.stage(self), threshold, o);
        Staging.unstage(o, out);
    }

    // ---------------------------------------------------------------- reductions

    @Override
    public void reduce(ReduceOp op, Strided in, int[] dims, Strided out) {
        Strided o = Staging.stage(out);
        kernels.reduce(op, Staging.stage(in), dims, o);
        Staging.unstage(o, out);
    }

    @Override
    public void reduceWithIndex(ReduceOp op, Strided in, int dim, Strided values, Strided indices) {
        Strided v = Staging.stage(values), i = Staging.stage(indices);
        kernels.reduceWithIndex(op, Staging.stage(in), dim, v, i);
        Staging.unstage(v, values);
        Staging.unstage(i, indices);
    }

    @Override
    public void scan(ScanOp op, Strided in, int dim, Strided out) {
        Strided o = Staging.stage(out);
        kernels.scan(op, Staging.stage(in), dim, o);
        Staging.unstage(o, out);
    }

    @Override
    public void softmax(Strided in, int dim, boolean log, Strided out) {
        Strided o = Staging.stage(out);
        SoftmaxKernels.softmax(Staging.stage(in), dim, log, o, threads, SIMD);
        Staging.unstage(o, out);
    }

    @Override
    public void sort(Strided in, int dim, boolean descending, boolean stable, Strided values, Strided indices) {
        Strided v = Staging.stage(values), i = Staging.stage(indices);
        kernels.sort(Staging.stage(in), dim, descending, stable, v, i);
        Staging.unstage(v, values);
        Staging.unstage(i, indices);
    }

    // ---------------------------------------------------------------- linear algebra

    @Override
    public void matmul(Strided a, Strided bm, Strided out) {
        dev.jtorch.simd.gemm.Gemm.matmul(a, bm, out, numThreads(), SIMD);
    }

    @Override
    public void luFactor(Strided a, Strided lu, Strided pivots, Strided info) {
        Strided l = Staging.stage(lu), p = Staging.stage(pivots), i = Staging.stage(info);
        LinalgKernels.luFactor(Staging.stage(a), l, p, i, threads, SIMD);
        Staging.unstage(l, lu);
        Staging.unstage(p, pivots);
        Staging.unstage(i, info);
    }

    @Override
    public void triangularSolve(Strided a, Strided rhs, boolean upper, boolean unitDiagonal, Strided out) {
        Strided o = Staging.stage(out);
        LinalgKernels.triangularSolve(Staging.stage(a), Staging.stage(rhs), upper, unitDiagonal, o, threads, SIMD);
        Staging.unstage(o, out);
    }

    @Override
    public void cholesky(Strided a, Strided out, Strided info) {
        Strided o = Staging.stage(out), i = Staging.stage(info);
        LinalgKernels.cholesky(Staging.stage(a), o, i, threads, SIMD);
        Staging.unstage(o, out);
        Staging.unstage(i, info);
    }

    @Override
    public void qr(Strided a, Strided q, Strided r) {
        Strided qs = Staging.stage(q), rs = Staging.stage(r);
        LinalgKernels.qr(Staging.stage(a), qs, rs, threads, SIMD);
        Staging.unstage(qs, q);
        Staging.unstage(rs, r);
    }

    @Override
    public void svd(Strided a, Strided u, Strided s, Strided vh, Strided info) {
        Strided us = Staging.stage(u), ss = Staging.stage(s), vs = Staging.stage(vh), i = Staging.stage(info);
        LinalgKernels.svd(Staging.stage(a), us, ss, vs, i, threads, SIMD);
        Staging.unstage(us, u);
        Staging.unstage(ss, s);
        Staging.unstage(vs, vh);
        Staging.unstage(i, info);
    }

    @Override
    public void eigh(Strided a, Strided values, Strided vectors, Strided info) {
        Strided w = Staging.stage(values), v = Staging.stage(vectors), i = Staging.stage(info);
        LinalgKernels.eigh(Staging.stage(a), w, v, i, threads, SIMD);
        Staging.unstage(w, values);
        Staging.unstage(v, vectors);
        Staging.unstage(i, info);
    }

    // ---------------------------------------------------------------- convolution

    @Override
    public void im2col(Strided in, Window2d window, Strided out) {
        Strided o = Staging.stage(out);
        ConvKernels.im2col(Staging.stage(in), window, o, threads, SIMD);
        Staging.unstage(o, out);
    }

    @Override
    public void col2im(Strided cols, Window2d window, Strided out) {
        Strided o = Staging.stage(out);
        ConvKernels.col2im(Staging.stage(cols), window, o, threads, SIMD);
        Staging.unstage(o, out);
    }

    @Override
    public void maxPool2d(Strided in, Window2d window, Strided values, Strided indices) {
        Strided v = Staging.stage(values), i = Staging.stage(indices);
        ConvKernels.maxPool2d(Staging.stage(in), window, v, i, threads, SIMD);
        Staging.unstage(v, values);
        Staging.unstage(i, indices);
    }

    @Override
    public void maxPool2dBackward(Strided grad, Strided indices, Strided out) {
        Strided o = Staging.stage(out);
        ConvKernels.maxPool2dBackward(Staging.stage(grad), Staging.stage(indices), o, threads);
        Staging.unstage(o, out);
    }

    @Override
    public void conv3x3(Strided in, Strided weight, Strided bias, Window2d window, Strided out) {
        Strided o = Staging.stage(out);
        Conv3x3Kernels.forward(Staging.stage(in), Staging.stage(weight), bias == null ? null : Staging.stage(bias), window, o, threads, SIMD);
        Staging.unstage(o, out);
    }

    @Override
    public void conv3x3InputGrad(Strided grad, Strided weight, Window2d window, Strided out) {
        Strided o = Staging.stage(out);
        Conv3x3Kernels.inputGrad(Staging.stage(grad), Staging.stage(weight), window, o, threads, SIMD);
        Staging.unstage(o, out);
    }

    @Override
    public void conv3x3WeightGrad(Strided in, Strided grad, Window2d window, Strided out) {
        Strided o = Staging.stage(out);
        Conv3x3Kernels.weightGrad(Staging.stage(in), Staging.stage(grad), window, o, threads, SIMD);
        Staging.unstage(o, out);
    }

    @Override
    public boolean conv3x3Backward(Strided in, Strided grad, Strided weight, Window2d window, Strided inputGrad, Strided weightGrad) {
        if (!Conv3x3Kernels.fusesBackward(in, grad, weight, window, SIMD)) return false; // before any staging copy
        Strided x = Staging.stage(in), g = Staging.stage(grad), w = Staging.stage(weight);
        Strided dx = Staging.stage(inputGrad), dw = Staging.stage(weightGrad);
        Conv3x3Kernels.backward(x, g, w, window, dx, dw, threads);
        Staging.unstage(dx, inputGrad);
        Staging.unstage(dw, weightGrad);
        return true;
    }

    // ---------------------------------------------------------------- indexing

    @Override
    public void indexSelect(Strided in, int dim, Strided index, Strided out) {
        Strided o = Staging.stage(out);
        kernels.indexSelect(Staging.stage(in), dim, Staging.stage(index), o);
        Staging.unstage(o, out);
    }

    @Override
    public void gather(Strided in, int dim, Strided index, Strided out) {
        Strided o = Staging.stage(out);
        kernels.gather(Staging.stage(in), dim, Staging.stage(index), o);
        Staging.unstage(o, out);
    }

    @Override
    public void scatter(Strided self, int dim, Strided index, Strided src, boolean add) {
        Strided s = Staging.stage(self);
        kernels.scatter(s, dim, Staging.stage(index), Staging.stage(src), add);
        Staging.unstage(s, self);
    }

    @Override public long countNonzero(Strided in) { return kernels.countNonzero(Staging.stage(in)); }

    @Override
    public void nonzero(Strided in, Strided out) {
        Strided o = Staging.stage(out);
        kernels.nonzero(Staging.stage(in), o);
        Staging.unstage(o, out);
    }

    // ---------------------------------------------------------------- fused optimizer updates

    @Override
    public boolean addScaled(Strided self, Strided other, double alpha) {
        if (!contiguousFloats(self, other)) return false;
        float[] s = (float[]) Host.array(self), t = (float[]) Host.array(other);
        int n = Math.toIntExact(self.numel()), sb = Host.base(self), tb = Host.base(other);
        inRanges(n, 2, (from, len) -> {
            if (SIMD) OptimKernels.addScaledSimd(s, sb + from, t, tb + from, len, (float) alpha);
            else OptimKernels.addScaledScalar(s, sb + from, t, tb + from, len, (float) alpha);
        });
        return true;
    }

    @Override
    public boolean adamStep(Strided param, Strided grad, Strided expAvg, Strided expAvgSq, double beta1, double beta2,
                            double stepSize, double bc2Sqrt, double eps) {
        if (!contiguousFloats(param, grad, expAvg, expAvgSq)) return false;
        int n = Math.toIntExact(param.numel());
        var c = OptimKernels.Adam.of(beta1, beta2, stepSize, bc2Sqrt, eps);
        float[] p = (float[]) Host.array(param), g = (float[]) Host.array(grad), m = (float[]) Host.array(expAvg),
                v = (float[]) Host.array(expAvgSq);
        int pp = Host.base(param), gp = Host.base(grad), mp = Host.base(expAvg), vp = Host.base(expAvgSq);
        inRanges(n, 8, (from, len) -> {
            if (SIMD) OptimKernels.adamSimd(p, pp + from, g, gp + from, m, mp + from, v, vp + from, len, c);
            else OptimKernels.adamScalar(p, pp + from, g, gp + from, m, mp + from, v, vp + from, len, c);
        });
        return true;
    }

    /**
     * Runs {@code range} over [0, n) split across the kernel threads, {@code work} counting an element's cost against a
     * copy's (Adam's sqrt and divisions: 8), so that the MLP's 200,704-weight layer splits in two. An element's result
     * never depends on the split.
     */
    private void inRanges(int n, int work, Range range) {
        int parts = Parallel.parts((long) n * work, threads);
        Parallel.run(parts, t -> {
            int from = (int) ((long) n * t / parts), to = (int) ((long) n * (t + 1) / parts);
            range.run(from, to - from);
        });
    }

    /** Elements [from, from + length) of a fused update. */
    private interface Range { void run(int from, int length); }

    /** The fused kernels' operands: contiguous float32 Java arrays (anything else takes the tensor ops). */
    private static boolean contiguousFloats(Strided... operands) {
        for (Strided s : operands) if (!Host.arrayBacked(s) || !s.isContiguous() || !(Host.array(s) instanceof float[])) return false;
        return true;
    }
}
