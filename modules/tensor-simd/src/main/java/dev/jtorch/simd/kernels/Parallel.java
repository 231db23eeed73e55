package dev.jtorch.simd.kernels;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * Splits large loops (elementwise, reductions, GEMM) across the backend's threads. Daemon workers are shared by every
 * kernel; the calling thread runs the first part itself. Below {@link #GRAIN} elements per part the
 * loop runs on the calling thread alone, because waking workers costs more than it saves.
 */
public final class Parallel {
    private Parallel() {}

    /** Smallest number of elements worth handing to another thread. */
    public static final long GRAIN = 1L << 17;

    private static final AtomicInteger COUNT = new AtomicInteger();
    private static final ExecutorService POOL = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "jtorch-cpu-" + COUNT.incrementAndGet());
        t.setDaemon(true);
        return t;
    });

    /** Number of parts for n elements on at most {@code threads} threads. */
    public static int parts(long n, int threads) {
        if (threads <= 1 || n < 2 * GRAIN) return 1;
        return (int) Math.min(threads, n / GRAIN);
    }

    /** Runs the loop's rows split into contiguous ranges; {@code row} must be safe to call from several threads. */
    public static void forEach(Loop loop, int threads, Loop.Row row) {
        long n = loop.numel();
        int parts = parts(n, threads);
        if (parts == 1) {
            loop.forEach(row);
            return;
        }
        run(parts, t -> loop.forRange(n * t / parts, n * (t + 1) / parts, null, row));
    }

    /** Runs {@code part.accept(0..parts-1)}, part 0 on the calling thread, and waits for every part. */
    public static void run(int parts, IntConsumer part) {
        if (parts <= 1) {
            part.accept(0);
            return;
        }
        Future<?>[] futures = new Future<?>[parts - 1];
        for (int t = 1; t < parts; t++) {
            int index = t;
            futures[t - 1] = POOL.submit(() -> part.accept(index));
        }
        RuntimeException failure = null;
        try {
            part.accept(0);
        } catch (RuntimeException e) {
            failure = e;
        }
        // Wait for every worker even when interrupted: none may still write to the output after we return.
        boolean interrupted = false;
        for (Future<?> f : futures) {
            while (true) {
                try {
                    f.get();
                    break;
                } catch (ExecutionException e) {
                    if (failure == null) {
                        failure = e.getCause() instanceof RuntimeException re ? re
                                : new IllegalStateException("kernel worker failed", e.getCause());
                    }
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
        if (failure != null) throw failure;
    }
}
