package dev.jtorch.simd.kernels;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicIntegerArray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The kernel thread pool: every part exactly once, parts of late workers run by the caller, failures reach the caller,
 * nesting and concurrent callers.
 * A lost hand-over shows as a hang, hence the timeouts.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ParallelTest {

    @Test
    void everyPartRunsOnce() {
        for (int parts : new int[]{1, 2, 3, 8}) {
            for (int round = 0; round < 200; round++) {
                AtomicIntegerArray runs = new AtomicIntegerArray(parts);
                Parallel.run(parts, runs::incrementAndGet);
                for (int t = 0; t < parts; t++) assertEquals(1, runs.get(t), "part " + t + " of " + parts);
            }
        }
    }

    /** A worker that has not started (it lost its core) leaves its part to the caller, which does not wait for it. */
    @Test
    @Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void theCallerRunsThePartsNoWorkerHasStarted() {
        AtomicIntegerArray runs = new AtomicIntegerArray(4);
        Thread caller = Thread.currentThread();
        Thread[] ranOn = new Thread[4];
        Parallel.Job job = new Parallel.Job(t -> {
            runs.incrementAndGet(t);
            ranOn[t] = Thread.currentThread();
        }, 4);
        job.work(0); // handed to no worker: all three are late
        job.awaitParts();
        for (int t = 0; t < 4; t++) {
            assertEquals(1, runs.get(t), "part " + t);
            assertSame(caller, ranOn[t]);
        }
        job.work(2); // a late worker finds nothing left
        for (int t = 0; t < 4; t++) assertEquals(1, runs.get(t), "part " + t + " after a late worker");
    }

    @Test
    void resultsWrittenByWorkersAreVisibleAfterwards() {
        int n = 1 << 16;
        for (int round = 0; round < 100; round++) {
            int[] out = new int[n];
            int r = round;
            Parallel.run(4, t -> {
                for (int i = n * t / 4; i < n * (t + 1) / 4; i++) out[i] = i + r; // plain writes
            });
            for (int i = 0; i < n; i++) assertEquals(i + r, out[i]);
        }
    }

    @Test
    void aFailingPartIsThrownAfterTheOthersFinish() {
        AtomicIntegerArray done = new AtomicIntegerArray(3);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Parallel.run(3, t -> {
            if (t == 2) throw new IllegalStateException("part 2 failed");
            done.incrementAndGet(t);
        }));
        assertEquals("part 2 failed", e.getMessage());
        assertEquals(1, done.get(0));
        assertEquals(1, done.get(1));
        Parallel.run(3, t -> { }); // the pool still works
    }

    @Test
    void anErrorInAWorkerIsThrownAsIs() {
        assertThrows(AssertionError.class, () -> Parallel.run(2, t -> {
            if (t == 1) throw new AssertionError("worker");
        }));
    }

    @Test
    void aNestedCallRunsItsPartsOnTheCallingThread() {
        Set<Thread> innerThreads = ConcurrentHashMap.newKeySet();
        for (int round = 0; round < 100; round++) {
            AtomicIntegerArray runs = new AtomicIntegerArray(2 * 3);
            Parallel.run(2, outer -> {
                Thread mine = Thread.currentThread();
                Parallel.run(3, t -> {
                    runs.incrementAndGet(outer * 3 + t);
                    if (Thread.currentThread() != mine) innerThreads.add(Thread.currentThread());
                });
            });
            for (int i = 0; i < 6; i++) assertEquals(1, runs.get(i));
        }
        assertTrue(innerThreads.isEmpty(), () -> "inner parts ran on " + innerThreads);
    }

    @Test
    void concurrentCallersEachGetAllTheirParts() throws InterruptedException {
        int callers = 4, rounds = 300;
        Set<Throwable> failures = ConcurrentHashMap.newKeySet();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < callers; c++) {
            Thread th = new Thread(() -> {
                try {
                    start.await();
                    for (int r = 0; r < rounds; r++) {
                        AtomicIntegerArray runs = new AtomicIntegerArray(3);
                        Parallel.run(3, runs::incrementAndGet);
                        for (int t = 0; t < 3; t++) if (runs.get(t) != 1) throw new AssertionError("part " + t + " ran " + runs.get(t));
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            });
            th.start();
            threads.add(th);
        }
        start.countDown();
        for (Thread th : threads) th.join(60_000);
        for (Thread th : threads) assertTrue(!th.isAlive(), "a caller is stuck");
        assertTrue(failures.isEmpty(), failures::toString);
    }

    @Test
    void idleWorkersParkAndWakeForTheNextJob() throws InterruptedException {
        Parallel.run(2, t -> { });
        Thread.sleep(20); // well past the spin window: the worker parks
        AtomicIntegerArray runs = new AtomicIntegerArray(2);
        Parallel.run(2, runs::incrementAndGet);
        assertEquals(1, runs.get(0));
        assertEquals(1, runs.get(1));
    }
}
