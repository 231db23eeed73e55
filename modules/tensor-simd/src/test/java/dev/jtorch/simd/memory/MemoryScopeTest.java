package dev.jtorch.simd.memory;

import dev.jtorch.MemoryScope;
import dev.jtorch.Tensor;
import dev.jtorch.Torch;
import dev.jtorch.spi.HostStorage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link MemoryScope}: what it gives back, what it keeps, and that reused memory never shows through. */
class MemoryScopeTest {
    private static final long[] SHAPE = {64, 256}; // 64 KiB of float32: pooled

    @AfterEach
    void emptyPool() {
        MemoryScope.emptyPool();
        MemoryScope.setPoolLimit(MemoryScope.defaultPoolLimit());
    }

    private static Object array(Tensor t) { return ((HostStorage) t.untypedStorage()).array(); }

    @Test
    void tensorsMadeInsideAreUnusableAfterClose() {
        Tensor before = Torch.ones(SHAPE);
        Tensor inside;
        try (var scope = MemoryScope.open()) {
            inside = before.mul(3);
            assertEquals(3f, inside.sum().item() / inside.numel(), 0f);
        }
        var e = assertThrows(IllegalStateException.class, () -> inside.add(1));
        assertTrue(e.getMessage().contains("MemoryScope.keep"), e.getMessage());
        assertThrows(IllegalStateException.class, inside::toString);
        Tensor view = inside.view(-1); // metadata only; its data is gone as well
        assertThrows(IllegalStateException.class, () -> view.sum());
        // what existed before the scope is untouched
        assertEquals(SHAPE[0] * SHAPE[1], before.sum().item(), 0);
    }

    @Test
    void smallTensorsAreReleasedTooButNotPooled() {
        Tensor small;
        try (var scope = MemoryScope.open()) {
            small = Torch.ones(3).mul(2);
        }
        assertThrows(IllegalStateException.class, small::sum);
        assertEquals(0, MemoryScope.pooledBytes());
    }

    @Test
    void releasedMemoryIsReusedAndReusedZerosAreZeros() {
        Object first;
        try (var scope = MemoryScope.open()) {
            Tensor t = Torch.full(SHAPE, 7.0);
            first = array(t);
        }
        assertEquals(SHAPE[0] * SHAPE[1] * 4, MemoryScope.pooledBytes());
        try (var scope = MemoryScope.open()) {
            Tensor z = Torch.zeros(SHAPE);
            assertSame(first, array(z), "the pooled array is handed out again");
            assertEquals(0, MemoryScope.pooledBytes());
            assertArrayEquals(new float[(int) (SHAPE[0] * SHAPE[1])], z.toFloatArray(), "re-zeroed");
        }
    }

    @Test
    void opsThatWriteEveryElementGetTheirValuesNotOldOnes() {
        Tensor x = Torch.randn(SHAPE);
        float[] expected = x.exp().add(x).toFloatArray();
        for (int round = 0; round < 3; round++) {
            try (var scope = MemoryScope.open()) {
                Torch.full(SHAPE, Float.NaN).mul(2); // leaves NaN-filled arrays in the pool
            }
            try (var scope = MemoryScope.open()) {
                assertArrayEquals(expected, x.exp().add(x).toFloatArray());
            }
        }
    }

    @Test
    void keptTensorsAndTheirViewsLiveOn() {
        Tensor kept, view;
        try (var scope = MemoryScope.open()) {
            kept = MemoryScope.keep(Torch.arange(12).reshape(3, 4).mul(2));
            view = kept.t();
        }
        assertEquals(2 * 66, kept.sum().item(), 0);
        assertEquals(2 * 66, view.sum().item(), 0);
        assertEquals(0, MemoryScope.pooledBytes());
    }

    @Test
    void keepInANestedScopeHandsTheTensorToTheOuterOne() {
        Tensor t;
        try (var outer = MemoryScope.open()) {
            try (var inner = MemoryScope.open()) {
                t = MemoryScope.keep(Torch.ones(SHAPE));
            }
            assertEquals(SHAPE[0] * SHAPE[1], t.sum().item(), 0, "alive after the inner scope");
        }
        assertThrows(IllegalStateException.class, t::sum, "released with the outer scope");
    }

    @Test
    void untrackedTensorsBelongToNoScope() {
        Tensor t;
        try (var scope = MemoryScope.open()) {
            try (var u = MemoryScope.untracked()) {
                t = Torch.ones(SHAPE);
            }
        }
        assertEquals(SHAPE[0] * SHAPE[1], t.sum().item(), 0);
    }

    @Test
    void releaseOnCloseTakesOnlyWhatAnEarlierScopeMade() {
        Tensor escaped;
        try (var first = MemoryScope.open()) {
            escaped = MemoryScope.keep(Torch.ones(SHAPE));
        }
        Tensor outside = Torch.ones(SHAPE);
        Tensor wrapped = Torch.from(new float[(int) (SHAPE[0] * SHAPE[1])], SHAPE);
        MemoryScope.releaseOnClose(escaped); // no scope open: nothing happens
        try (var second = MemoryScope.open()) {
            Tensor inside = Torch.ones(SHAPE).add(1);
            for (Tensor t : new Tensor[]{escaped, outside, wrapped, inside}) MemoryScope.releaseOnClose(t);
            assertEquals(SHAPE[0] * SHAPE[1], escaped.sum().item(), 0, "usable until the scope closes");
        }
        assertThrows(IllegalStateException.class, escaped::sum);
        assertEquals(SHAPE[0] * SHAPE[1], outside.sum().item(), 0);
        assertEquals(0, wrapped.sum().item(), 0);
        assertEquals(3 * SHAPE[0] * SHAPE[1] * 4, MemoryScope.pooledBytes(), "escaped, inside and inside's ones()");
    }

    @Test
    void beyondItsLimitThePoolDropsTheSizeClassPooledFirst() {
        long[][] classes = {{64, 256}, {64, 255}, {64, 254}}; // ~64 KiB each, three lengths
        MemoryScope.setPoolLimit(2 * 64 * 256 * 4);
        for (long[] shape : classes) {
            try (var scope = MemoryScope.open()) {
                Torch.zeros(shape);
            }
        }
        assertEquals((64 * 255 + 64 * 254) * 4, MemoryScope.pooledBytes(), "the first class was dropped");
        long fresh = MemoryScope.freshBytes(), reused = MemoryScope.reusedBytes();
        try (var scope = MemoryScope.open()) {
            Torch.zeros(classes[0]);
            Torch.zeros(classes[1]);
        }
        assertEquals(64 * 256 * 4, MemoryScope.freshBytes() - fresh, "the dropped class needed new memory");
        assertEquals(64 * 255 * 4, MemoryScope.reusedBytes() - reused, "the kept class was reused");
        MemoryScope.setPoolLimit(0);
        assertEquals(0, MemoryScope.pooledBytes(), "lowering the limit trims at once");
        assertThrows(IllegalArgumentException.class, () -> MemoryScope.setPoolLimit(-1));
    }

    @Test
    void wrappedArraysAreNeverTaken() {
        float[] data = new float[(int) (SHAPE[0] * SHAPE[1])];
        Tensor wrapped = Torch.from(data, SHAPE);
        try (var scope = MemoryScope.open()) {
            wrapped.add_(1); // in place on the caller's memory
            Tensor viewInside = wrapped.view(-1);
            assertSame(data, array(viewInside));
        }
        assertEquals(1f, data[0]);
        assertEquals(data.length, wrapped.sum().item(), 0);
        assertEquals(0, MemoryScope.pooledBytes());
    }

    @Test
    void scopesCloseInnermostFirstOnTheirThread() throws Exception {
        var outer = MemoryScope.open();
        var inner = MemoryScope.open();
        assertThrows(IllegalStateException.class, outer::close);
        inner.close();
        inner.close(); // twice is fine
        AtomicReference<Throwable> fromOther = new AtomicReference<>();
        Thread other = new Thread(() -> {
            try {
                outer.close();
            } catch (Throwable e) {
                fromOther.set(e);
            }
        });
        other.start();
        other.join();
        assertInstanceOf(IllegalStateException.class, fromOther.get(), "closing from another thread");
        outer.close();
        try (var next = MemoryScope.open()) {
            assertNotSame(outer, next);
        }
    }
}
