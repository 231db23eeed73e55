package dev.jtorch;

/** Removes a registered hook again, as PyTorch's {@code torch.utils.hooks.RemovableHandle}. */
@FunctionalInterface
public interface RemovableHandle extends AutoCloseable {
    void remove();

    /** Same as {@link #remove()}, so a handle can scope a hook with try-with-resources. */
    @Override
    default void close() { remove(); }
}
