package dev.jtorch.data;

import java.lang.ref.Cleaner;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.NoSuchElementException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/** Reads one epoch's batches in order, on the caller's thread or ahead of it on worker threads. */
final class BatchReader<B> {
    private static final Cleaner CLEANER = Cleaner.create();
    private static final AtomicInteger LOADERS = new AtomicInteger();

    private final long[] order;
    private final int batchSize;
    private final int batches;
    private final Function<long[], B> load;
    private final ExecutorService workers; // null: read on the caller's thread
    private final Cleaner.Cleanable cleanable;
    private final int readAhead;
    private final ArrayDeque<Future<B>> pending = new ArrayDeque<>();
    private int submitted;
    private int returned;

    BatchReader(long[] order, int batchSize, int batches, Function<long[], B> load, int numWorkers, int prefetchFactor) {
        this.order = order;
        this.batchSize = batchSize;
        this.batches = batches;
        this.load = load;
        if (numWorkers > 0 && batches > 0) {
            int loader = LOADERS.incrementAndGet();
            AtomicInteger worker = new AtomicInteger();
            this.workers = Executors.newFixedThreadPool(numWorkers, r -> {
                Thread t = new Thread(r, "jtorch-data-loader-" + loader + "-worker-" + worker.getAndIncrement());
                t.setDaemon(true);
                return t;
            });
            ExecutorService pool = workers;
            this.cleanable = CLEANER.register(this, pool::shutdownNow); // an abandoned epoch's threads end too
            this.readAhead = numWorkers * prefetchFactor;
        } else {
            this.workers = null;
            this.cleanable = null;
            this.readAhead = 0;
        }
    }

    boolean hasNext() { return returned < batches; }

    B next() {
        if (!hasNext()) throw new NoSuchElementException("the epoch has " + batches + " batches");
        if (workers == null) return load.apply(indices(returned++));
        while (submitted < batches && pending.size() < readAhead) {
            long[] idx = indices(submitted++);
            pending.add(workers.submit(() -> load.apply(idx)));
        }
        Future<B> head = pending.poll();
        returned++;
        try {
            B batch = head.get();
            if (returned == batches) close();
            return batch;
        } catch (ExecutionException e) {
            close();
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) throw re;
            if (cause instanceof Error err) throw err;
            throw new IllegalStateException("a DataLoader worker failed reading batch " + (returned - 1), cause);
        } catch (InterruptedException e) {
            close();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a DataLoader worker", e);
        }
    }

    void close() {
        returned = batches;
        if (workers == null) return;
        pending.forEach(f -> f.cancel(true));
        pending.clear();
        cleanable.clean(); // shutdownNow, once
    }

    private long[] indices(int batch) {
        int from = batch * batchSize;
        return Arrays.copyOfRange(order, from, Math.min(from + batchSize, order.length));
    }
}
