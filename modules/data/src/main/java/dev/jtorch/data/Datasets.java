package dev.jtorch.data;

import dev.jtorch.Generator;
import dev.jtorch.Torch;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/** Operations on datasets: random splits and per-sample transforms. */
public final class Datasets {
    private Datasets() {}

    /**
     * PyTorch's {@code random_split} with lengths: one {@code randperm(n, generator)}, cut into consecutive pieces.
     * The same generator state gives PyTorch's indices.
     */
    public static <T> List<Subset<T>> randomSplit(Dataset<T> dataset, long[] lengths, Generator generator) {
        Objects.requireNonNull(generator, "generator");
        long total = Arrays.stream(lengths).sum();
        for (long l : lengths) if (l < 0) throw new IllegalArgumentException("random_split: negative length " + l + " in " + Arrays.toString(lengths));
        if (total != dataset.size()) throw new IllegalArgumentException("Sum of input lengths does not equal the length of the input dataset!");
        long[] perm = Torch.randperm(total, generator).toLongArray();
        List<Subset<T>> out = new ArrayList<>(lengths.length);
        int offset = 0;
        for (long l : lengths) {
            out.add(new Subset<>(dataset, Arrays.copyOfRange(perm, offset, offset + (int) l)));
            offset += (int) l;
        }
        return out;
    }

    /** {@link #randomSplit(Dataset, long[], Generator)} with the default generator ({@code Torch.manualSeed}). */
    public static <T> List<Subset<T>> randomSplit(Dataset<T> dataset, long... lengths) {
        return randomSplit(dataset, lengths, Torch.defaultGenerator());
    }

    /**
     * PyTorch's {@code random_split} with fractions that sum to 1: each split gets {@code floor(n * fraction)}
     * samples, and what is left goes one by one to the splits in turn, from the first.
     */
    public static <T> List<Subset<T>> randomSplit(Dataset<T> dataset, double[] fractions, Generator generator) {
        double sum = Arrays.stream(fractions).sum();
        if (!(Math.abs(sum - 1) <= 1e-9 * Math.max(1, Math.abs(sum)) && sum <= 1)) {
            throw new IllegalArgumentException("random_split: fractions must sum to 1, got " + Arrays.toString(fractions) + " (sum " + sum + ")");
        }
        long n = dataset.size();
        long[] lengths = new long[fractions.length];
        for (int i = 0; i < fractions.length; i++) {
            if (fractions[i] < 0 || fractions[i] > 1) throw new IllegalArgumentException("Fraction at index " + i + " is not between 0 and 1");
            lengths[i] = (long) Math.floor(n * fractions[i]);
        }
        long remainder = n - Arrays.stream(lengths).sum();
        for (int i = 0; i < remainder; i++) lengths[i % lengths.length]++;
        return randomSplit(dataset, lengths, generator);
    }

    /** The samples of {@code dataset} passed through {@code transform} when read (torchvision's {@code transform=}). */
    public static <T, R> Dataset<R> map(Dataset<T> dataset, Function<? super T, ? extends R> transform) {
        Objects.requireNonNull(transform, "transform");
        return new Dataset<>() {
            @Override
            public R get(long index) { return transform.apply(dataset.get(index)); }

            @Override
            public long size() { return dataset.size(); }
        };
    }
}
