package dev.jtorch;

/**
 * A seedable pseudo-random generator, as {@code torch.Generator}. The default generator is
 * seeded with {@link Torch#manualSeed(long)}.
 */
public final class Generator {
    private long seed;

    public Generator() { this(67280421310721L); }

    public Generator(long seed) { manualSeed(seed); }

    public synchronized Generator manualSeed(long seed) {
        this.seed = seed;
        return this;
    }

    public synchronized long initialSeed() { return seed; }
}
