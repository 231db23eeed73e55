package dev.jtorch.simd.ops;

import dev.jtorch.DType;
import dev.jtorch.Tensor;
import dev.jtorch.Torch;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A comparison with a Java long is PyTorch's with a Python int, with a double PyTorch's with a Python float (values
 * from PyTorch 1.13: {@code torch.tensor([2**53+1]) == 2**53} is False, {@code == float(2**53)} True;
 * {@code torch.tensor([12], dtype=torch.uint8) < -2} is True (-2 becomes 254), {@code < -2.0} False;
 * {@code torch.tensor([100], dtype=torch.uint8) < 300} False (300 becomes 44), {@code < 300.0} True). An int literal
 * takes the long form.
 */
class ScalarComparisonTest {
    private static boolean first(Tensor t) { return t.item() != 0; }

    @Test
    void longsCompareAsIntegersDoublesAsFloats() {
        Tensor big = Torch.tensor(new long[]{(1L << 53) + 1});
        assertEquals(false, first(big.eq(1L << 53)));
        assertEquals(true, first(big.eq((double) (1L << 53))));
        Tensor u8 = Torch.tensor(new long[]{12}).to(DType.UINT8);
        assertEquals(true, first(u8.lt(-2)));
        assertEquals(false, first(u8.lt(-2.0)));
        Tensor hundred = Torch.tensor(new long[]{100}).to(DType.UINT8);
        assertEquals(false, first(hundred.lt(300)));
        assertEquals(true, first(hundred.lt(300.0)));
    }
}
