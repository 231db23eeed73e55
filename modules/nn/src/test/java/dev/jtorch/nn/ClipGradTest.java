package dev.jtorch.nn;

import dev.jtorch.Tensor;
import dev.jtorch.Torch;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.jtorch.nn.Golden.assertClose;
import static dev.jtorch.nn.Golden.t;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** clip_grad_norm_ and clip_grad_value_ against PyTorch. */
class ClipGradTest {

    @Test
    void clipGradNormAsPyTorch() {
        String[] keys = {"l2", "l1", "inf"};
        double[] types = {2.0, 1.0, Double.POSITIVE_INFINITY};
        for (int i = 0; i < keys.length; i++) {
            String k = "clip." + keys[i];
            Tensor p0 = Torch.zeros(3, 4).requiresGrad_(), p1 = Torch.zeros(5).requiresGrad_();
            p0.setGrad(t(k + ".g0"));
            p1.setGrad(t(k + ".g1"));
            Tensor total = NnUtils.clipGradNorm_(List.of(p0, p1), 1.5, types[i]);
            assertClose(t(k + ".total"), total, 1e-6, 0, k + " total norm");
            assertClose(t(k + ".c0"), p0.grad(), 1e-6, 1e-7, k + " clipped grad 0");
            assertClose(t(k + ".c1"), p1.grad(), 1e-6, 1e-7, k + " clipped grad 1");
        }
    }

    @Test
    void clipGradValueAndNonFiniteNorm() {
        Tensor p = Torch.zeros(3, 4).requiresGrad_();
        p.setGrad(t("clipv.g"));
        NnUtils.clipGradValue_(List.of(p), 0.5);
        assertClose(t("clipv.c"), p.grad(), 0, 0, "clip_grad_value_");
        p.setGrad(Torch.full(new long[]{3, 4}, Double.NaN));
        assertEquals("The total norm of order 2.0 for gradients from `parameters` is non-finite, so it cannot be clipped. To disable this error "
                        + "and scale the gradients by the non-finite norm anyway, set `error_if_nonfinite=False`",
                assertThrows(IllegalStateException.class, () -> NnUtils.clipGradNorm_(List.of(p), 1.0, 2.0, true)).getMessage());
        assertEquals(0.0, NnUtils.clipGradNorm_(List.of(Torch.zeros(2).requiresGrad_()), 1.0).item(), "no gradients: norm 0");
    }
}
