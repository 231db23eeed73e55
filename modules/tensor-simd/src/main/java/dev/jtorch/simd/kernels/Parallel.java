package dev.jtorch.simd.kernels;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntConsumer;

/**
 * Splits large loops (elementwise, reductions, GEMM) across the backend's threads. The calling thread runs part 0
 * itself; parts 1.. go to daemon workers that stay awake (spinning) for a short while after each job and then park.
 * A training step hands out a parallel job every few tens of microseconds, and waking a parked thread costs about
 * 13 µs on a VM (an executor's submit and {@code Future.get}), which was a tenth of an MLP step; a spinning worker
 * starts within a microsecond. Below {@link #GRAIN} elements per part a loop runs on the calling thread alone.
 * <p>
 * Parts are claimed, not assigned: each thread first takes its own part (the caller part 0, worker i part i), then
 * any part nobody has started. A worker that has lost its core to another thread (the JIT's compiler threads,
 * the GC, another process) then delays the job by no more than the part it has already started. Which thread
 * runs a part never changes what the part computes, so results do not depend on it.
 * <p>
 * One job runs at a time: a second thread that asks while a job is out, and a worker whose part asks again
 * (nested), run their parts one after another on their own thread instead of waiting.
 */
public final class Parallel {
    private Parallel() {}

    /** Smallest number of elements worth handing to another thread. */
    public static final long GRAIN = 1L << 17;

    /** How long an idle worker keeps spinning for the next job before it parks. */
    private static final long SPIN_NANOS = 50_000;

    private static final ReentrantLock DISPATCH = new ReentrantLock();
    private static final ThreadLocal<Boolean> IS_WORKER = ThreadLocal.withInitial(() -> false);
    private static volatile Worker[] workers = new Worker[0];

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

    /** Runs {@code part.accept(0..parts-1)} (part 0 and any part left over on the calling thread), and returns when every part is done. */
    public static void run(int parts, IntConsumer part) {
        if (parts <= 1) {
            part.accept(0);
            return;
        }
        // Part 0 of a job asking again holds the (reentrant) lock already: the workers are busy, run inline.
        if (IS_WORKER.get() || DISPATCH.isHeldByCurrentThread() || !DISPATCH.tryLock()) {
            inline(parts, part);
            return;
        }
        try {
            Job job = new Job(part, parts);
            Worker[] ws = workersFor(parts - 1);
            for (int i = 0; i < parts - 1; i++) ws[i].hand(job, i + 1);
            job.work(0);
            job.awaitParts();
            job.rethrow();
        } finally {
            DISPATCH.unlock();
        }
    }

    private static void inline(int parts, IntConsumer part) {
        RuntimeException failure = null;
        for (int t = 0; t < parts; t++) {
            try {
                part.accept(t);
            } catch (RuntimeException e) {
                if (failure == null) failure = e;
            }
        }
        if (failure != null) throw failure;
    }

    /** At least {@code n} started workers (called under the dispatch lock, so only one thread grows the array). */
    private static Worker[] workersFor(int n) {
        Worker[] ws = workers;
        if (ws.length >= n) return ws;
        Worker[] grown = Arrays.copyOf(ws, n);
        for (int i = ws.length; i < n; i++) grown[i] = Worker.start(i + 1);
        workers = grown;
        return grown;
    }

    /** One parallel loop: its body, which parts are claimed, how many are not finished, the first failure. */
    static final class Job {
        final IntConsumer body;
        final AtomicIntegerArray claimed;
        final AtomicInteger unfinished;
        final AtomicReference<Throwable> failure = new AtomicReference<>();

        Job(IntConsumer body, int parts) {
            this.body = body;
            this.claimed = new AtomicIntegerArray(parts);
            this.unfinished = new AtomicInteger(parts);
        }

        /** Runs part {@code own} unless someone has taken it, then every part nobody has taken. */
        void work(int own) {
            int parts = claimed.length();
            if (own < parts) tryRun(own);
            for (int p = 0; p < parts; p++) tryRun(p);
        }

        private void tryRun(int index) {
            if (!claimed.compareAndSet(index, 0, 1)) return;
            try {
                body.accept(index);
            } catch (Throwable e) {
                failure.compareAndSet(null, e);
            } finally {
                unfinished.decrementAndGet();
            }
        }

        /** Spins: the parts still running started before ours ended and are as long as ours. */
        void awaitParts() {
            long spins = 0;
            while (unfinished.get() > 0) {
                if (++spins < 100_000) Thread.onSpinWait();
                else Thread.yield(); // a worker lost its core in the middle of a part (an oversubscribed machine)
            }
        }

        void rethrow() {
            Throwable e = failure.get();
            if (e == null) return;
            if (e instanceof RuntimeException re) throw re;
            if (e instanceof Error err) throw err;
            throw new IllegalStateException("kernel worker failed", e);
        }
    }

    /** A daemon thread that runs part {@code index} of each job handed to it, and parts nobody else has started. */
    private static final class Worker implements Runnable {
        private volatile Job job;
        private volatile int index;
        private volatile boolean parked;
        private Thread thread;

        static Worker start(int id) {
            Worker w = new Worker();
            Thread t = new Thread(w, "jtorch-cpu-" + id);
            t.setDaemon(true);
            w.thread = t;
            t.start();
            return w;
        }

        void hand(Job j, int part) {
            index = part;
            job = j; // the volatile write publishes index and the job's fields
            if (parked) LockSupport.unpark(thread);
        }

        @Override
        public void run() {
            IS_WORKER.set(true);
            while (true) {
                Job j = next();
                job = null;
                j.work(index);
            }
        }

        /** Spins for the next job for {@link #SPIN_NANOS}, then parks until one is handed over. */
        private Job next() {
            long idleSince = System.nanoTime();
            while (true) {
                Job j = job;
                if (j != null) return j;
                if (System.nanoTime() - idleSince < SPIN_NANOS) {
                    Thread.onSpinWait();
                    continue;
                }
                parked = true; // then look again: a hand() that missed the flag has already set job
                j = job;
                if (j == null) LockSupport.park(this);
                parked = false;
                idleSince = System.nanoTime();
            }
        }
    }
}
