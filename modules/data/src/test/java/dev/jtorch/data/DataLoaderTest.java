package dev.jtorch.data;

import dev.jtorch.DType;
import dev.jtorch.Generator;
import dev.jtorch.Tensor;
import dev.jtorch.Torch;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DataLoaderTest {
    private static final Map<String, String> GOLDEN = Golden.read("orders.txt");

    /** Sample i is the 0-dim int64 tensor i, as PyTorch's list(range(n)) collated by default_collate. */
    private static Dataset<Tensor> range(int n) {
        return new Dataset<>() {
            @Override
            public Tensor get(long index) { return Torch.tensor(index); }

            @Override
            public long size() { return n; }
        };
    }

    private static List<long[]> epochs(DataLoader<?, Tensor> loader, int count) {
        List<long[]> out = new ArrayList<>();
        for (int e = 0; e < count; e++) for (Tensor batch : loader) out.add(batch.toLongArray());
        return out;
    }

    private static void assertBatches(String golden, List<long[]> actual) {
        List<long[]> expected = Golden.groups(GOLDEN.get(golden));
        assertEquals(expected.size(), actual.size(), golden + ": number of batches");
        for (int i = 0; i < expected.size(); i++) assertArrayEquals(expected.get(i), actual.get(i), golden + ": batch " + i);
    }

    @Test
    void shuffleWithAGeneratorGivesPyTorchsBatchesEpochAfterEpoch() {
        var loader = DataLoader.builder(range(10)).batchSize(4).shuffle(true).generator(new Generator(3)).build();
        assertEquals(3, loader.size());
        assertBatches("generator3_bs4_two_epochs", epochs(loader, 2));
        var seeded = DataLoader.builder(range(10)).batchSize(4).shuffle(true).seed(3).build();
        assertBatches("generator3_bs4_two_epochs", epochs(seeded, 2));
    }

    @Test
    void dropLastDropsTheShortBatch() {
        var loader = DataLoader.builder(range(10)).batchSize(4).shuffle(true).dropLast(true).seed(3).build();
        assertEquals(2, loader.size());
        assertBatches("generator3_bs4_droplast_two_epochs", epochs(loader, 2));
        assertEquals(0, DataLoader.builder(range(3)).batchSize(4).dropLast(true).build().size());
        assertFalse(DataLoader.builder(range(3)).batchSize(4).dropLast(true).build().iterator().hasNext());
    }

    @Test
    void withoutAGeneratorTheDefaultGeneratorIsUsedAsPyTorchDoes() {
        Torch.manualSeed(7);
        assertBatches("default7_bs3_two_epochs", epochs(DataLoader.of(range(10), 3, true), 2));
        assertArrayEquals(Golden.longs(GOLDEN.get("default7_then_randperm5")), Torch.randperm(5).toLongArray(),
                "the default generator's stream after two shuffled epochs");
        Torch.manualSeed(11);
        assertBatches("default11_unshuffled", epochs(DataLoader.of(range(10), 4, false), 1));
        assertArrayEquals(Golden.longs(GOLDEN.get("default11_unshuffled_then_randperm5")), Torch.randperm(5).toLongArray(),
                "an unshuffled epoch draws one number too");
    }

    @Test
    void tensorDatasetBatchesEqualStackedSamples() {
        Tensor x = Torch.arange(24).view(6, 2, 2).float_();
        Tensor y = Torch.arange(6).mul(10);
        TensorDataset data = new TensorDataset(x, y);
        Tensor[] sample = data.get(4);
        assertArrayEquals(x.get("4").toFloatArray(), sample[0].toFloatArray());
        assertEquals(40, sample[1].itemLong());
        var fast = DataLoader.builder(data).batchSize(4).shuffle(true).seed(1).build();
        var slow = DataLoader.builder(data).batchSize(4).shuffle(true).seed(1)
                .collate(Collate.<Tensor[]>stack()).build();
        var fastIt = fast.iterator();
        var slowIt = slow.iterator();
        while (fastIt.hasNext()) {
            Tensor[] a = fastIt.next(), b = slowIt.next();
            assertEquals(b[0].shape(), a[0].shape());
            assertArrayEquals(b[0].toFloatArray(), a[0].toFloatArray());
            assertArrayEquals(b[1].toLongArray(), a[1].toLongArray());
            assertEquals(DType.INT64, a[1].dtype());
        }
        assertFalse(slowIt.hasNext());
    }

    @Test
    void tensorDatasetRefusesTensorsOfDifferentLengths() {
        var e = assertThrows(IllegalArgumentException.class, () -> new TensorDataset(Torch.zeros(3, 2), Torch.zeros(4)));
        assertTrue(e.getMessage().contains("Size mismatch between tensors"), e.getMessage());
    }

    @Test
    void workersGiveTheSameBatchesInTheSameOrder() {
        Dataset<Tensor> slowRange = Datasets.map(range(50), t -> {
            // uneven work, so that workers finish out of order
            if (t.itemLong() % 7 == 0) sleep(3);
            return t;
        });
        Set threads = new Set();
        Dataset<Tensor> recording = Datasets.map(slowRange, t -> { threads.add(Thread.currentThread().getName()); return t; });
        var serial = DataLoader.builder(slowRange).batchSize(4).shuffle(true).seed(9).build();
        var parallel = DataLoader.builder(recording).batchSize(4).shuffle(true).seed(9).numWorkers(3).prefetchFactor(2).build();
        List<long[]> a = epochs(serial, 2), b = epochs(parallel, 2);
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) assertArrayEquals(a.get(i), b.get(i), "batch " + i);
        assertTrue(threads.names.keySet().stream().allMatch(n -> n.startsWith("jtorch-data-loader-")), threads.names::toString);
        assertTrue(threads.names.size() > 1, "more than one worker read: " + threads.names.keySet());
    }

    @Test
    void workersReadAheadInTheBackgroundButNoFurtherThanThePrefetchWindow() throws Exception {
        java.util.Set<Long> read = ConcurrentHashMap.newKeySet();
        Dataset<Tensor> recording = Datasets.map(range(100), t -> { read.add(t.itemLong()); return t; });
        // 2 workers x prefetch factor 2: at most 4 batches of 5 are asked for before the caller takes the second
        var loader = DataLoader.builder(recording).batchSize(5).numWorkers(2).prefetchFactor(2).build();
        try (var batches = loader.iterator()) {
            assertArrayEquals(new long[]{0, 1, 2, 3, 4}, batches.next().toLongArray());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (read.size() < 20 && System.nanoTime() < deadline) Thread.sleep(5);
            Thread.sleep(100); // time for a worker to overstep, if it would
            assertEquals(20, read.size(), "batches 1-3 were read ahead, and nothing beyond them: " + new java.util.TreeSet<>(read));
            assertArrayEquals(new long[]{5, 6, 7, 8, 9}, batches.next().toLongArray());
        }
    }

    @Test
    void aWorkersExceptionReachesTheCallerAndStopsTheEpoch() throws Exception {
        Dataset<Tensor> failing = Datasets.map(range(40), t -> {
            if (t.itemLong() == 21) throw new IllegalStateException("sample 21 is broken");
            return t;
        });
        var loader = DataLoader.builder(failing).batchSize(4).numWorkers(2).build();
        var batches = loader.iterator();
        int read = 0;
        IllegalStateException e = null;
        try {
            while (batches.hasNext()) {
                batches.next();
                read++;
            }
        } catch (IllegalStateException thrown) {
            e = thrown;
        }
        assertEquals(5, read, "batches 0-4 come through; batch 5 holds sample 21");
        assertEquals("sample 21 is broken", e == null ? null : e.getMessage());
        assertFalse(batches.hasNext(), "the epoch ends with the failure");
        assertWorkersEnd();
    }

    @Test
    void closingAnEpochEarlyStopsItsWorkers() throws Exception {
        var loader = DataLoader.builder(range(100)).batchSize(2).numWorkers(2).prefetchFactor(4).build();
        try (var batches = loader.iterator()) {
            assertArrayEquals(new long[]{0, 1}, batches.next().toLongArray());
        }
        assertWorkersEnd();
        // a finished epoch ends its workers without close()
        for (Tensor ignored : loader) { /* read all */ }
        assertWorkersEnd();
    }

    @Test
    void otherSamplesNeedACollate() {
        Dataset<String> strings = new Dataset<>() {
            @Override
            public String get(long index) { return "s" + index; }

            @Override
            public long size() { return 2; }
        };
        var e = assertThrows(IllegalArgumentException.class, () -> DataLoader.of(strings, 2, false).iterator().next());
        assertTrue(e.getMessage().contains("give the DataLoader a collate"), e.getMessage());
        var custom = DataLoader.builder(strings).batchSize(2).collate(list -> String.join(",", list)).build();
        assertEquals("s0,s1", custom.iterator().next());
    }

    @Test
    void badOptionsAreRefusedWithPyTorchsMessages() {
        assertEquals("batch_size should be a positive integer value, but got batch_size=0",
                assertThrows(IllegalArgumentException.class, () -> DataLoader.builder(range(3)).batchSize(0)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> DataLoader.builder(range(3)).numWorkers(-1));
        assertThrows(IllegalArgumentException.class, () -> DataLoader.builder(range(3)).prefetchFactor(0));
    }

    @Test
    void iteratorsAreIndependent() {
        var loader = DataLoader.builder(range(6)).batchSize(2).build();
        var first = loader.iterator();
        var second = loader.iterator();
        assertArrayEquals(first.next().toLongArray(), second.next().toLongArray());
        assertSame(loader.dataset(), loader.dataset());
    }

    private static void assertWorkersEnd() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.getName().startsWith("jtorch-data-loader-") && t.isAlive())) return;
            Thread.sleep(10);
        }
        throw new AssertionError("DataLoader workers still alive: " + Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("jtorch-data-loader-")).map(Thread::getName).toList());
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static final class Set {
        final Map<String, Boolean> names = new ConcurrentHashMap<>();

        void add(String name) { names.put(name, true); }
    }
}
