package dev.jtorch.autograd;

import dev.jtorch.Tensor;
import dev.jtorch.spi.Storage;

import java.util.IdentityHashMap;

/**
 * Who holds each gradient's memory during one backward, counted per storage, so that a leaf's accumulator can keep
 * an incoming gradient as {@code .grad} instead of copying it when nothing else can see that memory (PyTorch steals
 * a gradient whose reference count says the same). Memory a user or the graph can reach (seeds, saved tensors,
 * whatever passed a hook or a custom Function) is pinned and never kept.
 */
final class GradHolders {
    /** Far above any count the engine's own buffers reach. */
    private static final int PINNED = 1 << 20;

    private final IdentityHashMap<Storage, int[]> counts = new IdentityHashMap<>();

    /** The engine now keeps {@code g} in a node's input buffer. */
    void acquire(Tensor g) { count(g)[0]++; }

    /** The engine dropped a buffer entry holding {@code g}. */
    void release(Tensor g) { count(g)[0]--; }

    /** Someone outside the engine's buffers can reach {@code g}'s memory. */
    void pin(Tensor g) {
        if (g != null) count(g)[0] += PINNED;
    }

    /** True when the only holder of {@code g}'s memory is the one buffer entry it is in. */
    boolean soleHolder(Tensor g) {
        int[] c = counts.get(g.untypedStorage());
        return c != null && c[0] == 1;
    }

    /**
     * After a node ran on {@code in} and returned {@code out}: a plain recorded op (no hooks) drops its inputs and keeps
     * nothing, except that an output sharing memory with a saved tensor is pinned; any other node pins both sides.
     */
    void afterCall(Node node, Tensor[] in, boolean hooked, Tensor[] out) {
        boolean plain = node instanceof OpNode && !hooked;
        for (Tensor g : in) {
            if (g == null) continue;
            if (plain) release(g);
            else pin(g);
        }
        for (Tensor g : out) {
            if (g == null) continue;
            if (!plain || ((OpNode) node).savesMemoryOf(g)) pin(g);
        }
    }

    private int[] count(Tensor g) { return counts.computeIfAbsent(g.untypedStorage(), s -> new int[1]); }
}
