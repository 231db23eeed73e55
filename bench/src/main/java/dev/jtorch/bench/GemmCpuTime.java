package dev.jtorch.bench;

import dev.jtorch.Tensor;
import dev.jtorch.Torch;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * Single-thread float32 GEMM, jtorch against OpenBLAS, timed by this thread's CPU time instead of the wall
 * clock: on a shared machine a preempted call does not count against either side. Calls alternate between
 * the two for {@code -Dsecs} seconds (default 6) per shape; the best call of each is reported. With
 * {@code -Dthreads=2} (or more) both sides run on that many threads and calls are timed by the wall clock instead.
 *
 * <pre>java --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED \
 *     -cp bench/target/jtorch-benchmarks.jar dev.jtorch.bench.GemmCpuTime 64 256 1024 mlpNT</pre>
 */
public final class GemmCpuTime {
    private GemmCpuTime() {}

    public static void main(String[] args) {
        if (!OpenBlas.available()) {
            System.out.println("libopenblas not found at " + OpenBlas.DEFAULT_PATH + " (set -Djtorch.bench.openblas=PATH)");
            return;
        }
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        int threads = Integer.getInteger("threads", 1);
        // one thread: this thread's CPU time; more: the wall clock (the other threads' work is not on this one's clock)
        java.util.function.LongSupplier clock = threads == 1 ? cpu::getCurrentThreadCpuTime : System::nanoTime;
        Torch.setNumThreads(threads);
        OpenBlas.setThreads(threads);
        long window = Long.getLong("secs", 6L) * 1_000_000_000L;
        for (String name : args.length > 0 ? args : new String[] {"64", "128", "256", "512", "1024", "2048", "mlpNN", "mlpNT"}) {
            MatmulShape s = MatmulShape.of(name);
            Tensor a = s.left(), stored = s.rightStored(), b = s.right(stored);
            double flop = 2.0 * s.m() * s.n() * s.k();
            int reps = (int) Math.max(1, 3e8 / flop);
            double bestJ = Double.MAX_VALUE, bestB = Double.MAX_VALUE;
            int rounds = 0;
            try (OpenBlas.Operands blas = OpenBlas.operands(s, a.toFloatArray(), stored.toFloatArray())) {
                for (long end = System.nanoTime() + window; System.nanoTime() < end || rounds < 4; rounds++) {
                    long t0 = clock.getAsLong();
                    for (int r = 0; r < reps; r++) a.matmul(b);
                    bestJ = Math.min(bestJ, (clock.getAsLong() - t0) / 1e9 / reps);
                    t0 = clock.getAsLong();
                    for (int r = 0; r < reps; r++) blas.sgemm();
                    bestB = Math.min(bestB, (clock.getAsLong() - t0) / 1e9 / reps);
                }
            }
            System.out.printf("%-6s jtorch %6.1f GFLOP/s   OpenBLAS %6.1f GFLOP/s   jtorch/OpenBLAS %.2f   (%d rounds)%n",
                    name, flop / bestJ / 1e9, flop / bestB / 1e9, bestB / bestJ, rounds);
        }
    }
}
