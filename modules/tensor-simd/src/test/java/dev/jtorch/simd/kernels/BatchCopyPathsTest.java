package dev.jtorch.simd.kernels;

import dev.jtorch.DType;
import dev.jtorch.Tensor;
import dev.jtorch.Torch;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The paths a DataLoader batch takes: indexSelect of contiguous tensors as block copies, and uint8 to float32 as a
 * direct cast. Each is checked against the general element loop (reached through a non-contiguous layout).
 */
class BatchCopyPathsTest {
    @Test
    void indexSelectOfWholeSlicesEqualsTheElementLoop() {
        for (DType dtype : new DType[]{DType.FLOAT32, DType.FLOAT64, DType.INT64, DType.UINT8, DType.BOOL}) {
            Tensor x = Torch.arange(0, 4 * 6 * 20).view(4, 6, 20).remainder(7).to(dtype);
            Tensor strided = x.transpose(0, 1).contiguous().transpose(0, 1); // same values, not contiguous
            Tensor idx = Torch.tensor(new long[]{5, 0, 5, 3});
            for (int dim = 0; dim < 2; dim++) {
                Tensor i = dim == 0 ? idx.remainder(4) : idx;
                Tensor fast = x.indexSelect(dim, i), general = strided.indexSelect(dim, i);
                assertEquals(general.shape(), fast.shape());
                assertArrayEquals(general.toDoubleArray(), fast.toDoubleArray(), 0, dtype + " dim " + dim);
            }
        }
    }

    @Test
    void outOfRangeIndexStillFailsAndWritesNothing() {
        Tensor x = Torch.zeros(3, 32);
        org.junit.jupiter.api.Assertions.assertThrows(IndexOutOfBoundsException.class,
                () -> x.indexSelect(0, Torch.tensor(new long[]{0, 3})));
    }

    @Test
    void uint8ToFloat32CastsEveryByteValue() {
        Tensor bytes = Torch.arange(0, 256).to(DType.UINT8);
        float[] f = bytes.to(DType.FLOAT32).toFloatArray();
        for (int v = 0; v < 256; v++) assertEquals(v, f[v], 0f);
        Tensor strided = bytes.view(16, 16).t().to(DType.FLOAT32); // the general path
        assertArrayEquals(bytes.view(16, 16).t().to(DType.FLOAT64).toDoubleArray(), strided.toDoubleArray(), 0);
    }
}
