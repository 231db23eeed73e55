package dev.jtorch.data;

import dev.jtorch.DType;
import dev.jtorch.Generator;
import dev.jtorch.Tensor;
import dev.jtorch.Torch;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Batches of a {@link Dataset}, as PyTorch's {@code DataLoader} over a map-style dataset: {@code batchSize} samples
 * at a time, in order or shuffled, the last short batch kept or dropped, joined by a collate function (by default
 * {@link Collate#stack()}), optionally read ahead by worker threads. Iterate it with a for-each; each iteration is
 * one epoch.
 *
 * <p>Order and randomness follow PyTorch 1.13 exactly: each epoch first draws one 64-bit number (PyTorch's
 * {@code _base_seed}) from the loader's generator, or from the default generator when it has none; with shuffling,
 * the epoch's order is then {@code randperm(n, generator)}, or, without a generator, {@code randperm} from a fresh
 * generator seeded by a draw from the default one (and, as PyTorch's sampler, one more permutation that goes
 * unused). So {@code Torch.manualSeed(s)} or {@code generator(new
 * Generator(s))} gives the batches PyTorch gives for the same seed.
 *
 * <p>Workers only read: the epoch's order is fixed before any batch is read, and batches come back in order, so
 * the result does not depend on {@code numWorkers}. A worker's exception is thrown by {@code next()} of the batch
 * it was reading, and the epoch's workers stop. Workers are daemon threads that end with the epoch, on
 * {@link Batches#close()}, or when an abandoned iterator is collected.
 */
public final class DataLoader<T, B> implements Iterable<B> {
    private final Dataset<T> dataset;
    private final int batchSize;
    private final boolean shuffle;
    private final Generator generator; // null: the default generator, as PyTorch
    private final boolean dropLast;
    private final Function<List<T>, B> collate; // null: the default stack
    private final int numWorkers;
    private final int prefetchFactor;

    private DataLoader(Builder<T, B> b) {
        this.dataset = b.dataset;
        this.batchSize = b.batchSize;
        this.shuffle = b.shuffle;
        this.generator = b.generator;
        this.dropLast = b.dropLast;
        this.collate = b.collate;
        this.numWorkers = b.numWorkers;
        this.prefetchFactor = b.prefetchFactor;
    }

    /** A loader of {@code dataset} with batch size 1, no shuffling and the default collate; set what differs. */
    public static <T> Builder<T, T> builder(Dataset<T> dataset) { return new Builder<>(dataset, null); }

    /** Shorthand for {@code builder(dataset).batchSize(batchSize).shuffle(shuffle).build()}. */
    public static <T> DataLoader<T, T> of(Dataset<T> dataset, int batchSize, boolean shuffle) {
        return builder(dataset).batchSize(batchSize).shuffle(shuffle).build();
    }

    public Dataset<T> dataset() { return dataset; }

    public int batchSize() { return batchSize; }

    /** The number of batches in an epoch ({@code len(loader)}). */
    public long size() {
        long n = dataset.size();
        return dropLast ? n / batchSize : (n + batchSize - 1) / batchSize;
    }

    @Override
    public Batches<B> iterator() {
        drawLong(generator); // PyTorch's _base_seed: drawn every epoch, so the random streams stay in step with PyTorch
        long[] order = sampleOrder();
        return new Batches<>(order, batchSize, Math.toIntExact(size()), this::load, numWorkers, prefetchFactor);
    }

    private long[] sampleOrder() {
        long n = dataset.size();
        if (!shuffle) {
            long[] order = new long[Math.toIntExact(n)];
            for (int i = 0; i < order.length; i++) order[i] = i;
            return order;
        }
        Generator g = generator != null ? generator : new Generator(drawLong(null) & Long.MAX_VALUE);
        long[] order = Torch.randperm(n, g).toLongArray();
        // PyTorch 1.13's RandomSampler ends with randperm(n)[:num_samples % n], an empty slice of one more
        // permutation, drawn when the epoch runs out; drawn here at once so that the next epoch matches PyTorch's.
        Torch.randperm(n, g);
        return order;
    }

    /**
     * One draw of PyTorch's {@code torch.empty((), dtype=torch.int64).random_(generator=g)}: 64 bits from two
     * 32-bit draws. {@code random_(MIN, MAX)} takes the same 64 bits and gives them back shifted by MIN (mod 2^64-1).
     */
    private static long drawLong(Generator g) {
        Tensor t = Torch.empty(new long[0], DType.INT64);
        t.random_(Long.MIN_VALUE, Long.MAX_VALUE, g != null ? g : Torch.defaultGenerator());
        return t.itemLong() - Long.MIN_VALUE;
    }

    @SuppressWarnings("unchecked")
    private B load(long[] indices) {
        if (collate == null && dataset instanceof BatchedDataset<T> batched) return (B) batched.getBatch(indices);
        List<T> samples = new ArrayList<>(indices.length);
        for (long i : indices) samples.add(dataset.get(i));
        return collate == null ? (B) Collate.<T>stack().apply(samples) : collate.apply(samples);
    }

    /** Options of a {@link DataLoader}; {@code B} is the batch type its collate makes. */
    public static final class Builder<T, B> {
        private final Dataset<T> dataset;
        private final Function<List<T>, B> collate;
        private int batchSize = 1;
        private boolean shuffle;
        private Generator generator;
        private boolean dropLast;
        private int numWorkers;
        private int prefetchFactor = 2;

        private Builder(Dataset<T> dataset, Function<List<T>, B> collate) {
            this.dataset = Objects.requireNonNull(dataset, "dataset");
            this.collate = collate;
        }

        public Builder<T, B> batchSize(int batchSize) {
            if (batchSize <= 0) throw new IllegalArgumentException("batch_size should be a positive integer value, but got batch_size=" + batchSize);
            this.batchSize = batchSize;
            return this;
        }

        public Builder<T, B> shuffle(boolean shuffle) { this.shuffle = shuffle; return this; }

        /** Shuffles with (and draws each epoch's number from) this generator, as PyTorch's {@code generator=}. */
        public Builder<T, B> generator(Generator generator) { this.generator = Objects.requireNonNull(generator, "generator"); return this; }

        /** Shorthand for {@code generator(new Generator(seed))}: the same epochs every run. */
        public Builder<T, B> seed(long seed) { return generator(new Generator(seed)); }

        public Builder<T, B> dropLast(boolean dropLast) { this.dropLast = dropLast; return this; }

        /** Threads that read batches ahead of the caller; 0 (the default) reads on the caller's thread. */
        public Builder<T, B> numWorkers(int numWorkers) {
            if (numWorkers < 0) throw new IllegalArgumentException("num_workers option should be non-negative; use num_workers=0 to disable multiprocessing.");
            this.numWorkers = numWorkers;
            return this;
        }

        /** Batches read ahead per worker (default 2, as PyTorch). */
        public Builder<T, B> prefetchFactor(int prefetchFactor) {
            if (prefetchFactor <= 0) throw new IllegalArgumentException("prefetch_factor should be a positive integer, but got prefetch_factor=" + prefetchFactor);
            this.prefetchFactor = prefetchFactor;
            return this;
        }

        /** Joins each list of samples into a batch of type {@code R}. */
        public <R> Builder<T, R> collate(Function<List<T>, R> collate) {
            Builder<T, R> b = new Builder<>(dataset, Objects.requireNonNull(collate, "collate"));
            b.batchSize = batchSize;
            b.shuffle = shuffle;
            b.generator = generator;
            b.dropLast = dropLast;
            b.numWorkers = numWorkers;
            b.prefetchFactor = prefetchFactor;
            return b;
        }

        public DataLoader<T, B> build() { return new DataLoader<>(this); }
    }

    /** One epoch's batches; {@link #close()} stops its workers early (a for-each that ends normally needs none). */
    public static final class Batches<B> implements Iterator<B>, AutoCloseable {
        private final BatchReader<B> reader;

        Batches(long[] order, int batchSize, int batches, Function<long[], B> load, int numWorkers, int prefetchFactor) {
            this.reader = new BatchReader<>(order, batchSize, batches, load, numWorkers, prefetchFactor);
        }

        @Override
        public boolean hasNext() { return reader.hasNext(); }

        @Override
        public B next() { return reader.next(); }

        @Override
        public void close() { reader.close(); }
    }
}
