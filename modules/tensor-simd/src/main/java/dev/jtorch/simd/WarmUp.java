package dev.jtorch.simd;

import dev.jtorch.DType;
import dev.jtorch.ops.BinaryOp;
import dev.jtorch.ops.ReduceOp;
import dev.jtorch.ops.UnaryOp;
import dev.jtorch.simd.gemm.Gemm;
import dev.jtorch.simd.kernels.Kernels;
import dev.jtorch.spi.HostStorage;
import dev.jtorch.spi.Strided;

/**
 * Runs the float32 Vector API kernels that training uses most on small private operands, on one daemon thread, so
 * that C2 compiles them while the application is still loading data. Why: until C2 has compiled it, Vector API code
 * runs in the interpreter or C1 at a hundredth of its speed (every vector is an object), which made the first
 * training steps 20-500× slower than the later ones. The thread touches no shared state (no generator, no thread
 * pool, no autograd); its results are thrown away. {@code -Djtorch.warmup=false} leaves it out.
 */
final class WarmUp implements Runnable {
    /** Small: the first rounds run interpreted (32 took 3 s under load, 16 about 1 s); still whole GEMM tiles. */
    private static final int N = 16;
    /** Rounds: enough for C2's invocation and back-edge thresholds of every kernel below. */
    private static final int ROUNDS = 1500;

    static final boolean ENABLED = !"false".equalsIgnoreCase(System.getProperty("jtorch.warmup", "true").trim());

    private final Kernels kernels;

    WarmUp(Kernels kernels) { this.kernels = kernels; }

    /** Starts the warm-up thread for these (single-threaded) kernels, unless switched off (then null). */
    static Thread start(Kernels kernels) {
        if (!ENABLED) return null;
        Thread t = new Thread(new WarmUp(kernels), "jtorch-warmup");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
        return t;
    }

    @Override
    public void run() {
        try {
            rounds(ROUNDS);
        } catch (RuntimeException e) {
            // Optional work: a failure here must not print or reach the application; WarmUpTest runs the rounds directly.
        }
    }

    /** The warm-up work; package-private so tests run it on the calling thread. */
    void rounds(int count) {
        Strided a = matrix(N, N), b = matrix(N, N), out = matrix(N, N), row = matrix(1, N);
        Strided bt = transposed(b), at = transposed(a);
        Strided a3 = batch(a), b3 = batch(b), bt3 = batch(bt), at3 = batch(at), out3 = batch(out);
        Strided mask = new Strided(HostStorage.allocate(DType.BOOL, (long) N * N), DType.BOOL, new long[]{N, N}, new long[]{N, 1}, 0);
        Strided rowBroadcast = row.withLayout(new long[]{N, N}, new long[]{0, 1}, 0);
        Strided sums = matrix(N, 1), colSums = matrix(1, N);
        Strided indices = new Strided(HostStorage.allocate(DType.INT64, N), DType.INT64, new long[]{N, 1}, new long[]{1, 1}, 0);
        kernels.fill(a, 0.5);
        kernels.fill(b, 0.25);
        kernels.fill(row, 0.125);
        for (int r = 0; r < count; r++) {
            Gemm.matmul(a3, b3, out3, 1, true);   // x @ w
            Gemm.matmul(a3, bt3, out3, 1, true);  // x @ w.t() (Linear forward)
            Gemm.matmul(at3, b3, out3, 1, true);  // g.t() @ x (weight gradient)
            kernels.binary(BinaryOp.ADD, out, rowBroadcast, out);
            kernels.binary(BinaryOp.ADD, a, b, out);
            kernels.binary(BinaryOp.SUB, a, b, out);
            kernels.binary(BinaryOp.MUL, a, b, out);
            kernels.binary(BinaryOp.DIV, a, b, out);
            kernels.binary(BinaryOp.GT, a, b, mask);
            kernels.where(mask, a, b, out);
            kernels.unary(UnaryOp.RELU, a, out);
            kernels.unary(UnaryOp.EXP, a, out);
            kernels.unary(UnaryOp.LOG, b, out);
            kernels.reduce(ReduceOp.SUM, a, new int[]{1}, sums);
            kernels.reduce(ReduceOp.SUM, a, new int[]{0}, colSums);
            kernels.reduce(ReduceOp.MAX, a, new int[]{1}, sums);
            kernels.reduceWithIndex(ReduceOp.MAX, a, 1, sums, indices);
            kernels.copy(bt, out);
            kernels.copy(a, out);
        }
    }

    private static Strided matrix(int rows, int cols) {
        return new Strided(HostStorage.allocate(DType.FLOAT32, (long) rows * cols), DType.FLOAT32,
                new long[]{rows, cols}, new long[]{cols, 1}, 0);
    }

    private static Strided transposed(Strided m) {
        return m.withLayout(new long[]{m.shape()[1], m.shape()[0]}, new long[]{m.stride()[1], m.stride()[0]}, m.offset());
    }

    private static Strided batch(Strided m) {
        return m.withLayout(new long[]{1, m.shape()[0], m.shape()[1]}, new long[]{m.shape()[0] * m.shape()[1], m.stride()[0], m.stride()[1]}, m.offset());
    }
}
