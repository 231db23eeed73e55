package dev.jtorch;

/**
 * The 32-bit Mersenne Twister as PyTorch's CPU generator runs it: seeded with the low 32 bits of
 * the seed by the 2002 initialisation, first output after one full twist. Not thread-safe; the
 * owning {@link Generator} serialises access.
 */
final class Mt19937 {
    private static final int N = 624;
    private static final int M = 397;
    private static final int MATRIX_A = 0x9908b0df;
    private static final int UPPER = 0x80000000;
    private static final int LOWER = 0x7fffffff;

    private final int[] state = new int[N];
    private int next;
    private int left;

    Mt19937(long seed) { seed(seed); }

    void seed(long seed) {
        state[0] = (int) seed;
        for (int j = 1; j < N; j++) {
            int prev = state[j - 1];
            state[j] = 1812433253 * (prev ^ (prev >>> 30)) + j;
        }
        left = 1;
        next = 0;
    }

    // ---- raw state, for Generator.getState/setState (PyTorch's mt19937_data_pod)

    int[] state() { return state; }

    int left() { return left; }

    int next() { return next; }

    /** Replaces the state; returns false (changing nothing) when it is not one mt19937 can be in. */
    boolean setState(int[] newState, int newLeft, int newNext) {
        if (newState.length != N || newLeft <= 0 || newLeft > N || newNext < 0 || newNext > N) return false;
        System.arraycopy(newState, 0, state, 0, N);
        left = newLeft;
        next = newNext;
        return true;
    }

    /** The next 32 random bits (read as unsigned by callers). */
    int nextInt() {
        if (--left == 0) twist();
        int y = state[next++];
        y ^= y >>> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        y ^= y >>> 18;
        return y;
    }

    private void twist() {
        int[] s = state;
        int k = 0;
        for (; k < N - M; k++) s[k] = s[k + M] ^ mix(s[k], s[k + 1]);
        for (; k < N - 1; k++) s[k] = s[k + M - N] ^ mix(s[k], s[k + 1]);
        s[N - 1] = s[M - 1] ^ mix(s[N - 1], s[0]);
        left = N;
        next = 0;
    }

    private static int mix(int u, int v) {
        int y = (u & UPPER) | (v & LOWER);
        return (y >>> 1) ^ ((v & 1) != 0 ? MATRIX_A : 0);
    }
}
