package dev.jtorch.simd.indexing;

import dev.jtorch.Tensor;
import dev.jtorch.Torch;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.function.Executable;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Inputs shared by the indexing and joining tests, named as in the Python that produced the expected
 * values ({@code x = torch.arange(24).view(2, 3, 4)} ...), and the table runners. Expected results are
 * PyTorch's printed reprs, so every case checks dtype, shape and values at once.
 */
public final class Fixtures {
    private Fixtures() {}

    /** {@code torch.arange(24).view(2, 3, 4)}: int64. */
    public static Tensor x() { return Torch.arange(24).view(2, 3, 4); }

    /** {@code torch.arange(12.).view(3, 4)}: float32. */
    public static Tensor y() { return Torch.arange(0.0, 12.0, 1.0).view(3, 4); }

    /** {@code torch.arange(6.).view(2, 3)}: float32. */
    public static Tensor a() { return Torch.arange(0.0, 6.0, 1.0).view(2, 3); }

    /** {@code torch.arange(6).view(2, 3)}: int64. */
    public static Tensor ai() { return Torch.arange(6).view(2, 3); }

    /** {@code torch.arange(4.).view(2, 2)}: float32. */
    public static Tensor a2() { return Torch.arange(0.0, 4.0, 1.0).view(2, 2); }

    /** {@code torch.arange(float(n)).view(shape)}: float32. */
    public static Tensor r(long n, long... shape) { return Torch.arange(0.0, n, 1.0).view(shape); }

    /** {@code torch.arange(n).view(shape)}: int64. */
    public static Tensor ri(long n, long... shape) { return Torch.arange(n).view(shape); }

    /** {@code [[3, nan, 1, 2], [0, -1, 5, 5]]}: float32. */
    public static Tensor s() { return Torch.from(new float[]{3, Float.NaN, 1, 2, 0, -1, 5, 5}, 2, 4); }

    /** Runs an in-place action on t (or a view of it) and returns t. */
    public static Tensor through(Tensor t, Consumer<Tensor> action) {
        action.accept(t);
        return t;
    }

    /** A 1-D int64 tensor, {@code torch.tensor([...])}. */
    public static Tensor L(long... v) { return Torch.from(v.clone(), v.length); }

    /** A 1-D float32 tensor. */
    public static Tensor F(float... v) { return Torch.from(v.clone(), v.length); }

    /** A 1-D bool tensor from 0/1 values. */
    public static Tensor B(long... v) { return L(v).bool_(); }

    /** 0-dim float32, {@code torch.tensor(5.)}. */
    public static Tensor S(double v) { return Torch.full(new long[0], v); }

    /** 0-dim int64, {@code torch.tensor(5)}. */
    public static Tensor S(long v) { return Torch.full(new long[0], v); }

    /** As Python's repr: tensors and sizes print themselves, lists of tensors print as tuples. */
    public static String show(Object o) {
        if (o instanceof List<?> l) {
            List<String> parts = new ArrayList<>();
            for (Object e : l) parts.add(show(e));
            return "(" + String.join(", ", parts) + (l.size() == 1 ? "," : "") + ")";
        }
        return String.valueOf(o);
    }

    /** A case whose result must print as PyTorch printed it. */
    public static DynamicTest c(String name, Supplier<Object> action, String expected) {
        return DynamicTest.dynamicTest(name, () -> assertEquals(expected, show(action.get())));
    }

    /** Fresh inputs for the bad-input tables: x, y, a, ai as above. */
    public static Tensor[] fresh() { return new Tensor[]{x(), y(), a(), ai()}; }

    /**
     * A bad input: the exception type and PyTorch's message, and every input tensor unchanged
     * (values, shape, strides, version).
     */
    public static DynamicTest e(String name, Class<? extends Throwable> type, String message, Consumer<Tensor[]> action) {
        return DynamicTest.dynamicTest(name, () -> {
            Tensor[] t = fresh();
            String[] before = new String[t.length];
            for (int i = 0; i < t.length; i++) before[i] = t[i].toString();
            Executable call = () -> action.accept(t);
            Throwable err = assertThrows(type, call);
            assertEquals(message, err.getMessage());
            for (int i = 0; i < t.length; i++) {
                Tensor f = fresh()[i];
                assertEquals(before[i], t[i].toString(), "values of input " + i);
                assertArrayEquals(f.shape().toArray(), t[i].shape().toArray(), "shape of input " + i);
                assertArrayEquals(f.stride(), t[i].stride(), "strides of input " + i);
                assertEquals(0, t[i].version(), "version of input " + i);
            }
        });
    }

    /** Asserts that {@code action} throws {@code type} with exactly {@code message}. */
    public static void assertFails(Class<? extends Throwable> type, String message, Executable action) {
        Throwable err = assertThrows(type, action);
        assertEquals(message, err.getMessage());
    }
}
