package dev.jtorch.simd.linalg;

import dev.jtorch.simd.kernels.Host;
import dev.jtorch.simd.kernels.Parallel;
import dev.jtorch.spi.Strided;

import java.util.function.IntConsumer;

/**
 * Moves the matrices of a batch {@code [B, m, n]} (any strides, float32 or float64 arrays) in and out
 * of dense row-major double arrays, where the factorizations run: float32 is factorized in double
 * and rounded once.
 */
final class Batch {
    private Batch() {}

    static int count(Strided s) { return Math.toIntExact(s.shape()[0]); }

    static int rows(Strided s) { return Math.toIntExact(s.shape()[1]); }

    static int cols(Strided s) { return Math.toIntExact(s.shape()[s.dim() - 1]); }

    /** Matrix b of a 3-D operand, row-major, into {@code dst}. */
    static void load(Strided s, int b, double[] dst) { move(s, b, dst, true); }

    /** {@code src} (row-major) into matrix b of a 3-D operand. */
    static void store(double[] src, Strided s, int b) { move(s, b, src, false); }

    private static void move(Strided s, int b, double[] dense, boolean toDense) {
        Object a = Host.array(s);
        int m = rows(s), n = cols(s);
        if (m == 0 || n == 0) return; // an empty matrix's strides may point anywhere
        long[] st = s.stride();
        int base = Math.toIntExact(Host.base(s) + b * st[0]);
        int rs = Math.toIntExact(st[1]), cs = Math.toIntExact(st[2]);
        if (cs == 1 && a instanceof double[] d) { // rows are runs: copied whole
            for (int i = 0; i < m; i++) {
                if (toDense) System.arraycopy(d, base + i * rs, dense, i * n, n);
                else System.arraycopy(dense, i * n, d, base + i * rs, n);
            }
            return;
        }
        if (cs == 1 && a instanceof float[] f) { // rows are runs: one plain loop each way, which C2 vectorizes
            for (int i = 0; i < m; i++) {
                int at = base + i * rs, d = i * n;
                if (toDense) for (int j = 0; j < n; j++) dense[d + j] = f[at + j];
                else for (int j = 0; j < n; j++) f[at + j] = (float) dense[d + j];
            }
            return;
        }
        if (a instanceof float[] f) { // the common float32 case without a per-element dtype switch
            for (int i = 0; i < m; i++) {
                for (int j = 0, at = base + i * rs; j < n; j++, at += cs) {
                    if (toDense) dense[i * n + j] = f[at];
                    else f[at] = (float) dense[i * n + j];
                }
            }
            return;
        }
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                int at = base + i * rs + j * cs;
                if (toDense) dense[i * n + j] = Host.floating(a, at);
                else Host.setFloating(a, at, dense[i * n + j]);
            }
        }
    }

    /** Element b (and i, for a 2-D operand) of an int32 operand. */
    static void setInt(Strided s, int b, int i, int v) {
        int[] a = (int[]) Host.array(s);
        long[] st = s.stride();
        a[Math.toIntExact(Host.base(s) + b * st[0] + (s.dim() > 1 ? i * st[1] : 0))] = v;
    }

    /** Element (b, i) of a 2-D float32 or float64 operand. */
    static void setFloating(Strided s, int b, int i, double v) {
        long[] st = s.stride();
        Host.setFloating(Host.array(s), Math.toIntExact(Host.base(s) + b * st[0] + i * st[1]), v);
    }

    /** Runs {@code body} for every matrix of the batch, the matrices shared out over the threads. */
    static void forEach(int count, long workPerMatrix, int threads, IntConsumer body) {
        int parts = Math.min(count, Parallel.parts((long) count * workPerMatrix, threads));
        if (parts <= 1) {
            for (int b = 0; b < count; b++) body.accept(b);
            return;
        }
        Parallel.run(parts, t -> {
            for (int b = count * t / parts, end = count * (t + 1) / parts; b < end; b++) body.accept(b);
        });
    }
}
