package dev.jtorch.nn;

import dev.jtorch.DType;
import dev.jtorch.Tensor;
import dev.jtorch.Torch;
import dev.jtorch.autograd.GradCheck;
import dev.jtorch.nn.functional.F;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Finite-difference checks (float64) of the layers written as composites: 1-d and adaptive pooling, pixel shuffle, instance norm, the margin losses. */
class LayerGradCheckTest {
    private static Tensor rand(long... shape) {
        return Torch.randn(shape).to(DType.FLOAT64).requiresGrad_();
    }

    @Test
    void poolingAndShuffles() {
        Torch.manualSeed(21);
        assertTrue(GradCheck.gradcheck(in -> F.maxPool1d(in[0], 3, 2, 1, 1, true), rand(2, 3, 8)));
        assertTrue(GradCheck.gradcheck(in -> F.avgPool1d(in[0], 3, 2, 1, false, false), rand(2, 7)));
        assertTrue(GradCheck.gradcheck(in -> F.adaptiveAvgPool1d(in[0], 3), rand(2, 2, 7)));
        assertTrue(GradCheck.gradcheck(in -> F.adaptiveMaxPool2d(in[0], 2, 3), rand(1, 2, 5, 7)));
        assertTrue(GradCheck.gradcheck(in -> F.pixelShuffle(in[0], 2).mul(in[0].sum()), rand(1, 8, 2, 3)));
        assertTrue(GradCheck.gradcheck(in -> F.pixelUnshuffle(in[0], 2).square(), rand(2, 4, 6)));
        assertTrue(GradCheck.gradgradcheck(in -> F.instanceNorm(in[0], null, null, in[1], in[2], true, 0.1, 1e-5),
                rand(2, 3, 5), rand(3), rand(3)));
    }

    @Test
    void marginLossesInEveryInput() {
        Torch.manualSeed(22);
        Tensor y = Torch.tensor(new double[]{1, -1, 1, -1}).to(DType.FLOAT64);
        assertTrue(GradCheck.gradcheck(in -> F.marginRankingLoss(in[0], in[1], y, 0.1, "sum"), rand(4), rand(4)));
        assertTrue(GradCheck.gradcheck(in -> F.cosineEmbeddingLoss(in[0], in[1], y, -0.9, "mean"), rand(4, 3), rand(4, 3)));
        assertTrue(GradCheck.gradcheck(in -> F.tripletMarginLoss(in[0], in[1], in[2], 5.0, 2, 1e-6, true, "mean"),
                rand(3, 4), rand(3, 4), rand(3, 4)));
        assertTrue(GradCheck.gradcheck(in -> F.gaussianNllLoss(in[0], in[1], in[2].exp(), true, 1e-6, "sum"),
                rand(2, 3), rand(2, 3), rand(2, 3)));
        assertTrue(GradCheck.gradcheck(in -> F.poissonNllLoss(in[0], in[1].abs(), true, true, 1e-8, "mean"), rand(5), rand(5)));
    }

    @Test
    void channelDropoutZeroesWholeChannels() {
        Torch.manualSeed(23);
        Tensor out = F.dropout2d(Torch.ones(4, 6, 3, 3), 0.5, true);
        float[] v = out.toFloatArray();
        for (int ch = 0; ch < 24; ch++) {
            float first = v[ch * 9];
            for (int i = 1; i < 9; i++) assertTrue(v[ch * 9 + i] == first, "channel " + ch + " is not uniform");
            assertTrue(first == 0f || first == 2f);
        }
        assertArrayEquals(Torch.ones(2, 3, 5).toFloatArray(), F.dropout1d(Torch.ones(2, 3, 5), 0.5, false).toFloatArray());
    }
}
