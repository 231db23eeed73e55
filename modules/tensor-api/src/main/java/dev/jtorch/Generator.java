package dev.jtorch;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.SecureRandom;

/**
 * A seedable pseudo-random generator, as {@code torch.Generator} on the CPU: the same 32-bit
 * Mersenne Twister, seeded the same way, and the same sampling formulas, so that a seed gives the
 * numbers PyTorch 1.13 gives. Bit for bit: rand/uniform_ in every floating dtype, randint/random_,
 * randperm, bernoulli, and randn/normal in float32, float16 and bfloat16 (for 16 or more float32
 * elements PyTorch's own result depends on its CPU kernel; this follows the AVX2 one, used on x86
 * without AVX-512). float64 normals use Java's log/sin/cos, which differ from glibc's in the last
 * bit for about 0.2% of values. The state ({@link #getState()}) is PyTorch's byte layout.
 * The default generator is seeded with {@link Torch#manualSeed(long)}.
 *
 * <p>Thread-safe: every draw of a tensor holds this generator's lock, so concurrent callers get
 * disjoint stretches of the stream (in an unspecified order).
 */
public final class Generator {
    /** PyTorch's default seed ({@code default_rng_seed_val}). */
    public static final long DEFAULT_SEED = 67280421310721L;

    /** Bytes of PyTorch's CPU generator state ({@code CPUGeneratorImplState}) and of its legacy form. */
    private static final int STATE_BYTES = 5056;
    private static final int LEGACY_STATE_BYTES = 5048;
    private static final int MT_N = 624;

    private final Mt19937 engine = new Mt19937(DEFAULT_SEED);
    private long initialSeed;
    // Box-Muller makes two samples; the second waits here for the next scalar normal draw.
    private double nextDoubleNormal;
    private boolean hasNextDoubleNormal;
    private float nextFloatNormal; // kept only so that states round-trip with PyTorch
    private boolean hasNextFloatNormal;

    public Generator() { this(DEFAULT_SEED); }

    public Generator(long seed) { manualSeed(seed); }

    /** Reseeds (seeds are 64-bit; PyTorch reads a negative Python int as its two's complement, as here). */
    public synchronized Generator manualSeed(long seed) {
        initialSeed = seed;
        engine.seed(seed);
        hasNextDoubleNormal = false;
        hasNextFloatNormal = false;
        return this;
    }

    /** The seed last set (by the constructor, {@link #manualSeed} or {@link #seed}). */
    public synchronized long initialSeed() { return initialSeed; }

    /** Seeds from a non-deterministic source and returns that seed (53 bits, as PyTorch). */
    public synchronized long seed() {
        long s = new SecureRandom().nextLong() & ((1L << 53) - 1);
        manualSeed(s);
        return s;
    }

    /**
     * The full state as a uint8 tensor of 5056 bytes in PyTorch's layout, so that
     * {@code torch.Generator().set_state(...)} accepts it and vice versa.
     */
    public synchronized Tensor getState() {
        ByteBuffer b = ByteBuffer.allocate(STATE_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(0, initialSeed);
        b.putInt(8, engine.left());
        b.putInt(12, 1); // seeded
        b.putLong(16, engine.next());
        int[] st = engine.state();
        for (int i = 0; i < MT_N; i++) b.putLong(24 + 8 * i, st[i] & 0xFFFFFFFFL);
        int tail = 24 + 8 * MT_N;
        // normal_x and normal_rho (tail, tail + 16) are legacy fields PyTorch writes as 0
        if (hasNextDoubleNormal) {
            b.putDouble(tail + 8, nextDoubleNormal);
            b.putInt(tail + 24, 1);
        }
        if (hasNextFloatNormal) {
            b.putFloat(LEGACY_STATE_BYTES, nextFloatNormal);
            b.put(LEGACY_STATE_BYTES + 4, (byte) 1);
        }
        return HostArrays.tensor(b.array(), DType.UINT8, new long[]{STATE_BYTES});
    }

    /** Restores a state from {@link #getState()} or from PyTorch's {@code get_state()} (also its legacy 5048-byte form). */
    public synchronized Generator setState(Tensor state) {
        if (state.dtype != DType.UINT8 || !state.device().isCpu()) {
            throw new IllegalArgumentException("RNG state must be a torch.ByteTensor");
        }
        long n = state.numel();
        if (n != STATE_BYTES && n != LEGACY_STATE_BYTES) {
            throw new IllegalArgumentException("Expected either a CPUGeneratorImplStateLegacy of size " + LEGACY_STATE_BYTES
                    + " or a CPUGeneratorImplState of size " + STATE_BYTES + " but found the input RNG state size to be " + n);
        }
        ByteBuffer b = ByteBuffer.wrap((byte[]) HostStrided.gather(state)).order(ByteOrder.LITTLE_ENDIAN);
        int[] st = new int[MT_N];
        for (int i = 0; i < MT_N; i++) st[i] = (int) b.getLong(24 + 8 * i);
        int tail = 24 + 8 * MT_N;
        boolean seeded = b.getInt(12) != 0;
        long next = b.getLong(16);
        if (!seeded || next < 0 || next > MT_N || !engine.setState(st, b.getInt(8), (int) next)) {
            throw new IllegalArgumentException("Invalid mt19937 state");
        }
        initialSeed = b.getLong(0);
        hasNextDoubleNormal = b.getInt(tail + 24) != 0;
        if (n == STATE_BYTES) {
            nextDoubleNormal = b.getDouble(tail + 8);
            hasNextFloatNormal = b.get(LEGACY_STATE_BYTES + 4) != 0;
            nextFloatNormal = b.getFloat(LEGACY_STATE_BYTES);
        } else {
            // the legacy layout kept Box-Muller's inputs: the cached sample is rho * sin(2 pi x)
            nextDoubleNormal = b.getDouble(tail + 16) * Math.sin(2.0 * Math.PI * b.getDouble(tail));
            hasNextFloatNormal = false;
        }
        return this;
    }

    // ---- draws; callers hold this generator's lock for a whole tensor (see RandomOps)

    /** 32 random bits (PyTorch's {@code random()}), to be read as unsigned. */
    int random() { return engine.nextInt(); }

    /** 64 random bits: the first 32-bit draw is the high half (PyTorch's {@code random64()}). */
    long random64() {
        long hi = engine.nextInt() & 0xFFFFFFFFL;
        long lo = engine.nextInt() & 0xFFFFFFFFL;
        return (hi << 32) | lo;
    }

    boolean hasNextDoubleNormal() { return hasNextDoubleNormal; }

    /** Takes the cached second Box-Muller sample. */
    double takeNextDoubleNormal() {
        hasNextDoubleNormal = false;
        return nextDoubleNormal;
    }

    void setNextDoubleNormal(double v) {
        nextDoubleNormal = v;
        hasNextDoubleNormal = true;
    }
}
