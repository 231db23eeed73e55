package dev.jtorch.optim.amp;

import dev.jtorch.DType;
import dev.jtorch.Tensor;
import dev.jtorch.Torch;
import dev.jtorch.optim.Adam;
import dev.jtorch.optim.Optimizer;
import dev.jtorch.optim.SGD;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * GradScaler against PyTorch's arithmetic ({@code torch/cuda/amp/grad_scaler.py} and {@code _amp_update_scale_} of
 * 1.13, which 2.x's {@code torch.amp.GradScaler("cpu")} shares) and its error messages.
 */
class GradScalerTest {
    private static Tensor leaf(float... v) { return Torch.tensor(v).requiresGrad_(); }

    /** One backward of {@code scaler.scale(loss)} where the loss's gradient wrt w is {@code grad} (before scaling). */
    private static void backwardWithGrad(GradScaler scaler, Tensor w, Tensor grad) {
        scaler.scale(w.mul(grad).sum()).backward();
    }

    @Test
    void defaultsAreThoseOfPyTorch() {
        GradScaler s = new GradScaler();
        assertTrue(s.isEnabled());
        assertEquals(65536.0, s.getScale());
        assertEquals(2.0, s.getGrowthFactor());
        assertEquals(0.5, s.getBackoffFactor());
        assertEquals(2000, s.getGrowthInterval());
        assertEquals(0, s.getGrowthTracker());
    }

    @Test
    void scaleMultipliesByTheScaleAsAOneElementFloat32Tensor() {
        GradScaler s = new GradScaler();
        Tensor scaled = s.scale(Torch.tensor(1.5f));
        assertArrayEquals(new long[]{1}, scaled.shape().toArray(), "a scalar loss times the [1] scale, as in PyTorch");
        assertEquals(DType.FLOAT32, scaled.dtype());
        assertEquals(98304.0, scaled.item());
        assertEquals(List.of(65536.0, 131072.0),
                s.scale(List.of(Torch.tensor(1f), Torch.tensor(2f))).stream().map(Tensor::item).toList());
    }

    @Test
    void stepUnscalesAndSteps() {
        Tensor w = leaf(1, 2);
        SGD opt = new SGD(List.of(w), 0.5);
        GradScaler s = new GradScaler();
        backwardWithGrad(s, w, Torch.tensor(new float[]{0.25f, -1}));
        assertArrayEquals(new float[]{16384, -65536}, w.grad().toFloatArray(), "scaled gradients");
        assertTrue(s.step(opt));
        assertArrayEquals(new float[]{0.25f, -1}, w.grad().toFloatArray(), "unscaled in place");
        assertArrayEquals(new float[]{0.875f, 2.5f}, w.toFloatArray());
        s.update();
        assertEquals(65536.0, s.getScale());
        assertEquals(1, s.getGrowthTracker());
    }

    @Test
    void stepIsSkippedWhenAGradientHoldsInfOrNanAndTheScaleBacksOff() {
        for (float bad : new float[]{Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN}) {
            Tensor w = leaf(1, 2);
            SGD opt = new SGD(List.of(w), 0.5);
            GradScaler s = new GradScaler();
            backwardWithGrad(s, w, Torch.tensor(new float[]{1, 1}));
            assertTrue(s.step(opt));
            s.update(); // one clean iteration first: the tracker counts it
            assertEquals(1, s.getGrowthTracker());
            opt.zeroGrad();
            backwardWithGrad(s, w, Torch.tensor(new float[]{1, 1}));
            w.grad().set("1", bad);
            assertFalse(s.step(opt), "skipped for " + bad);
            assertArrayEquals(new float[]{0.5f, 1.5f}, w.toFloatArray(), "parameters untouched for " + bad);
            s.update();
            assertEquals(32768.0, s.getScale());
            assertEquals(0, s.getGrowthTracker(), "the run of clean steps restarts");
        }
    }

    @Test
    void scaleGrowsAfterGrowthIntervalCleanStepsInARow() {
        Tensor w = leaf(1);
        SGD opt = new SGD(List.of(w), 0.1);
        GradScaler s = new GradScaler(4.0, 3.0, 0.25, 3, true);
        double[] expected = {4, 4, 12, 12, 12, 36};
        for (double e : expected) {
            opt.zeroGrad();
            backwardWithGrad(s, w, Torch.tensor(new float[]{1}));
            assertTrue(s.step(opt));
            s.update();
            assertEquals(e, s.getScale());
        }
        opt.zeroGrad();
        backwardWithGrad(s, w, Torch.tensor(new float[]{Float.NaN}));
        s.step(opt);
        s.update();
        assertEquals(9.0, s.getScale(), "backoff 0.25");
    }

    @Test
    void growthThatWouldOverflowFloat32IsNotApplied() {
        Tensor w = leaf(1);
        SGD opt = new SGD(List.of(w), 0.1);
        GradScaler s = new GradScaler(3e38, 2.0, 0.5, 1, true);
        backwardWithGrad(s, w, Torch.tensor(new float[]{0}));
        assertTrue(s.step(opt));
        s.update();
        assertEquals((double) 3e38f, s.getScale());
        assertEquals(0, s.getGrowthTracker());
    }

    /** Scaling by a power of two and unscaling is exact in float32: the same trajectory as plain steps, bit for bit. */
    @Test
    void scaledThenUnscaledStepsEqualPlainSteps() {
        Function<List<Tensor>, Optimizer> adam = ps -> new Adam(ps, 1e-2);
        Torch.manualSeed(7);
        Tensor x = Torch.randn(16, 5), w0 = Torch.randn(5, 3), y = Torch.randn(16, 3);
        Tensor plainW = w0.clone().requiresGrad_(), scaledW = w0.clone().requiresGrad_();
        Optimizer plain = adam.apply(List.of(plainW)), scaled = adam.apply(List.of(scaledW));
        GradScaler s = new GradScaler();
        for (int i = 0; i < 5; i++) {
            plain.zeroGrad();
            x.mm(plainW).sub(y).pow(2).mean().backward();
            plain.step();
            scaled.zeroGrad();
            s.scale(x.mm(scaledW).sub(y).pow(2).mean()).backward();
            assertTrue(s.step(scaled));
            s.update();
        }
        assertArrayEquals(plainW.toFloatArray(), scaledW.toFloatArray(), 0f);
        assertTrue(s.getScale() == 65536.0 && s.getGrowthTracker() == 5);
    }

    @Test
    void explicitUnscaleBeforeStepUnscalesOnce() {
        Tensor w = leaf(1, 2);
        SGD opt = new SGD(List.of(w), 1.0);
        GradScaler s = new GradScaler();
        backwardWithGrad(s, w, Torch.tensor(new float[]{0.5f, 0.25f}));
        s.unscale_(opt);
        assertArrayEquals(new float[]{0.5f, 0.25f}, w.grad().toFloatArray(), "true gradients, e.g. for clipping");
        assertTrue(s.step(opt));
        assertArrayEquals(new float[]{0.5f, 1.75f}, w.toFloatArray());
    }

    @Test
    void eachOptimizerStepsOnItsOwnGradientsAndAnyInfBacksOff() {
        Tensor a = leaf(1), b = leaf(1);
        SGD optA = new SGD(List.of(a), 1.0), optB = new SGD(List.of(b), 1.0);
        GradScaler s = new GradScaler();
        s.scale(a.mul(0.5f).add(b.mul(0.5f)).sum()).backward();
        b.grad().fill_(Double.POSITIVE_INFINITY);
        assertTrue(s.step(optA));
        assertFalse(s.step(optB));
        assertArrayEquals(new float[]{0.5f}, a.toFloatArray());
        assertArrayEquals(new float[]{1f}, b.toFloatArray());
        s.update();
        assertEquals(32768.0, s.getScale());
    }

    @Test
    void updateWithAnExplicitScale() {
        Tensor w = leaf(1);
        SGD opt = new SGD(List.of(w), 0.1);
        GradScaler s = new GradScaler();
        backwardWithGrad(s, w, Torch.tensor(new float[]{1}));
        s.step(opt);
        s.update(1024.0);
        assertEquals(1024.0, s.getScale());
        s.update(Torch.tensor(new float[]{8}));
        assertEquals(8.0, s.getScale());
        var e = assertThrows(IllegalArgumentException.class, () -> s.update(Torch.tensor(new double[]{8, 9})));
        assertEquals("new_scale should be a float or a 1-element torch.FloatTensor with requires_grad=False.", e.getMessage());
    }

    @Test
    void misuseGivesPyTorchsMessages() {
        Tensor w = leaf(1);
        SGD opt = new SGD(List.of(w), 0.1);
        GradScaler s = new GradScaler();
        assertEquals("Attempted step but _scale is None.  This may indicate your script did not use scaler.scale(loss or "
                + "outputs) earlier in the iteration.", assertThrows(IllegalStateException.class, () -> s.step(opt)).getMessage());
        assertEquals("Attempted unscale_ but _scale is None.  This may indicate your script did not use scaler.scale(loss or "
                + "outputs) earlier in the iteration.", assertThrows(IllegalStateException.class, () -> s.unscale_(opt)).getMessage());
        backwardWithGrad(s, w, Torch.tensor(new float[]{1}));
        assertEquals("No inf checks were recorded prior to update.",
                assertThrows(IllegalStateException.class, s::update).getMessage());
        s.unscale_(opt);
        float[] once = w.grad().toFloatArray();
        assertEquals("unscale_() has already been called on this optimizer since the last update().",
                assertThrows(IllegalStateException.class, () -> s.unscale_(opt)).getMessage());
        assertArrayEquals(once, w.grad().toFloatArray(), "the refused call left the gradients alone");
        s.step(opt);
        assertEquals("step() has already been called since the last update().",
                assertThrows(IllegalStateException.class, () -> s.step(opt)).getMessage());
        assertEquals("unscale_() is being called after step().",
                assertThrows(IllegalStateException.class, () -> s.unscale_(opt)).getMessage());
        s.update();
        s.unscale_(opt); // a new iteration may unscale again

        assertEquals("The growth factor must be > 1.0.",
                assertThrows(IllegalArgumentException.class, () -> new GradScaler(1, 1.0, 0.5, 1, true)).getMessage());
        assertEquals("The backoff factor must be < 1.0.",
                assertThrows(IllegalArgumentException.class, () -> new GradScaler(1, 2.0, 1.0, 1, true)).getMessage());
    }

    @Test
    void float16GradientsAreRefusedBeforeAnythingIsUnscaled() {
        Tensor a = leaf(1), h = Torch.tensor(new float[]{1}).to(DType.FLOAT16).requiresGrad_();
        SGD opt = new SGD(List.of(a, h), 0.1);
        GradScaler s = new GradScaler();
        s.scale(a.add(h.to(DType.FLOAT32)).sum()).backward();
        var e = assertThrows(IllegalArgumentException.class, () -> s.unscale_(opt));
        assertEquals("Attempting to unscale FP16 gradients.", e.getMessage());
        assertArrayEquals(new float[]{65536}, a.grad().toFloatArray());
    }

    @Test
    void aDisabledScalerPassesThrough() {
        Tensor w = leaf(1);
        SGD opt = new SGD(List.of(w), 0.5);
        GradScaler s = new GradScaler(false);
        Tensor loss = w.mul(2f).sum();
        assertSame(loss, s.scale(loss));
        loss.backward();
        s.unscale_(opt);
        assertTrue(s.step(opt));
        s.update();
        assertArrayEquals(new float[]{0f}, w.toFloatArray());
        assertEquals(1.0, s.getScale());
        assertTrue(s.stateDict().isEmpty());
    }

    @Test
    void stateDictRoundTripsAndResumes() {
        Tensor w = leaf(1);
        SGD opt = new SGD(List.of(w), 0.1);
        GradScaler s = new GradScaler(1024, 2.0, 0.5, 4, true);
        for (int i = 0; i < 3; i++) {
            opt.zeroGrad();
            backwardWithGrad(s, w, Torch.tensor(new float[]{1}));
            s.step(opt);
            s.update();
        }
        Map<String, Object> state = s.stateDict();
        assertEquals(Map.of("scale", 1024.0, "growth_factor", 2.0, "backoff_factor", 0.5, "growth_interval", 4,
                "_growth_tracker", 3), state);
        assertEquals(List.of("scale", "growth_factor", "backoff_factor", "growth_interval", "_growth_tracker"),
                List.copyOf(state.keySet()));

        GradScaler resumed = new GradScaler();
        resumed.loadStateDict(state);
        assertEquals(1024.0, resumed.getScale());
        assertEquals(3, resumed.getGrowthTracker());
        opt.zeroGrad();
        backwardWithGrad(resumed, w, Torch.tensor(new float[]{1}));
        resumed.step(opt);
        resumed.update();
        assertEquals(2048.0, resumed.getScale(), "the fourth clean step grows the scale");

        var e = assertThrows(IllegalArgumentException.class, () -> new GradScaler().loadStateDict(Map.of()));
        assertEquals("The source state dict is empty, possibly because it was saved from a disabled instance of GradScaler.",
                e.getMessage());
    }
}
