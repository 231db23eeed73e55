package dev.jtorch.simd.gemm;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * The worker threads shared by every GEMM call. Daemon threads, created on demand and kept alive
 * while in use, so that their thread-local packing buffers are reused from call to call.
 */
final class GemmPool {
    private GemmPool() {}

    private static final AtomicInteger COUNT = new AtomicInteger();
    private static final ExecutorService POOL = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "jtorch-gemm-" + COUNT.incrementAndGet());
        t.setDaemon(true);
        return t;
    });

    /** Runs {@code part.accept(0..parts-1)}, part 0 on the calling thread, and waits for all of them. */
    static void run(int parts, IntConsumer part) {
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
                        failure = e.getCause() instanceof RuntimeException re ? re : new IllegalStateException("gemm worker failed", e.getCause());
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
