package dev.jtorch.simd.ops;

import dev.jtorch.DType;
import dev.jtorch.Tensor;
import dev.jtorch.Torch;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code isclose}, {@code allclose} and {@code isnan}; expected values printed by PyTorch 1.13. */
class IsCloseTest {
    private static final double NAN = Double.NaN, INF = Double.POSITIVE_INFINITY;
    private static final Tensor A = Torch.tensor(new float[]{1f, (float) NAN, 2f, (float) INF, 1e-9f, 100f});
    private static final Tensor B = Torch.tensor(new float[]{1f + 1e-6f, (float) NAN, 2.1f, (float) INF, 0f, 100.001f});

    @Test
    void iscloseWithTheDefaultsAndWithEqualNan() {
        assertArrayEquals(new boolean[]{true, false, false, true, true, true}, A.isclose(B, 1e-5, 1e-8, false).toBooleanArray());
        assertArrayEquals(new boolean[]{true, true, false, true, true, true}, A.isclose(B, 1e-5, 1e-8, true).toBooleanArray());
        assertArrayEquals(new boolean[]{true, false, true, true, false, true}, A.isclose(B, 0.1, 0, false).toBooleanArray());
    }

    @Test
    void iscloseBroadcastsAndTakesIntegers() {
        assertArrayEquals(new boolean[]{true, false, false, false, false, false}, A.isclose(Torch.tensor(1.0), 1e-5, 1e-8, false).toBooleanArray());
        assertArrayEquals(new boolean[]{true, false, true},
                Torch.tensor(1L, 2L, 3L).isclose(Torch.tensor(1L, 3L, 3L), 1e-5, 1e-8, false).toBooleanArray());
    }

    @Test
    void allcloseSeesNanOnlyWhenAskedTo() {
        Tensor x = Torch.tensor(1.0, NAN), y = Torch.tensor(1.0 + 1e-9, NAN);
        assertFalse(x.allclose(y));
        assertTrue(x.allclose(y, 1e-5, 1e-8, true));
        assertFalse(A.allclose(B, 1e-5, 1e-8, true)); // 2 vs 2.1
    }

    @Test
    void isnanIsFalseForIntegers() {
        assertArrayEquals(new boolean[]{false, true}, Torch.tensor(1.0, NAN).isnan().toBooleanArray());
        assertArrayEquals(new boolean[]{false, false}, Torch.tensor(1L, 2L).isnan().toBooleanArray());
        assertArrayEquals(new boolean[]{false, true}, Torch.tensor(1.0, NAN).to(DType.BFLOAT16).isnan().toBooleanArray());
    }
}
