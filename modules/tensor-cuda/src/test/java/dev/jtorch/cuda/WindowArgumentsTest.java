package dev.jtorch.cuda;

import dev.jtorch.cuda.kernels.Kernels;
import dev.jtorch.ops.Window2d;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/** The window kernels' arguments, built as CudaBackend builds them, fit the kernels' parameters in the PTX (no GPU needed). */
class WindowArgumentsTest {
    private static final Map<String, long[]> SIZES =
            Kernels.parameterSizes(new String(Kernels.ptxBytes(), StandardCharsets.US_ASCII));
    private static final Window2d WIN = new Window2d(3, 2, 2, 1, 1, 0, 1, 2, 4, 5);

    @Test
    void im2colAndCol2imArguments() {
        Object[] args = CudaBackend.withWindow(WIN, 1L, 2L, 2, 3, 7, 6);
        for (String k : new String[]{"jt_im2col_f32", "jt_im2col_f64", "jt_col2im_f32", "jt_col2im_f64"}) {
            Kernels.checkArguments(k, SIZES.get(k), args);
        }
        assertArrayEquals(new Object[]{1L, 2L, 2, 3, 7, 6, 3, 2, 2, 1, 1, 0, 1, 2, 4, 5}, args); // heights before widths
    }

    @Test
    void maxPoolArguments() {
        Object[] args = CudaBackend.withWindow(WIN, 1L, 2L, 3L, 12L, 7, 6);
        Kernels.checkArguments("jt_max_pool_f32", SIZES.get("jt_max_pool_f32"), args);
        Kernels.checkArguments("jt_max_pool_f64", SIZES.get("jt_max_pool_f64"), args);
    }
}
