package dev.jtorch.nn.functional;

import dev.jtorch.DType;
import dev.jtorch.Tensor;
import dev.jtorch.Torch;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static dev.jtorch.nn.functional.RnnGolden.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** F's attention section against PyTorch 1.13's nn.MultiheadAttention (golden files) and its formula. */
class AttentionFunctionalTest {
    private static final double TOL = 2e-5;

    @Test
    void multiHeadForwardMatchesPyTorchSelfAttention() {
        RnnGolden g = RnnGolden.load("mha_self_seq_first");
        Tensor q = g.input("query");
        Tensor inW = g.parameter("in_proj_weight").detach().clone().requiresGrad_();
        Tensor outW = g.parameter("out_proj.weight").detach().clone().requiresGrad_();
        AttentionOutput out = F.multiHeadAttentionForward(q, q, q, 2, inW, g.parameter("in_proj_bias"),
                outW, g.parameter("out_proj.bias"));
        assertClose(g.output("output"), out.output(), TOL, "output");
        assertClose(g.output("weights"), out.weights(), TOL, "weights");
        Map<String, Tensor> outs = new LinkedHashMap<>();
        outs.put("output", out.output());
        outs.put("weights", out.weights());
        g.loss(outs).backward();
        assertClose(g.inputGrad("query"), q.grad(), TOL, "grad query");
        assertClose(g.parameterGrad("in_proj_weight"), inW.grad(), TOL, "grad in_proj_weight");
        assertClose(g.parameterGrad("out_proj.weight"), outW.grad(), TOL, "grad out_proj.weight");
    }

    @Test
    void separateProjectionsAndFloatMask() {
        RnnGolden g = RnnGolden.load("mha_kdim_vdim_float_mask");
        Tensor q = g.input("query");
        Tensor k = g.input("key");
        Tensor v = g.input("value");
        AttentionOutput out = F.multiHeadAttentionForward(q, k, v, 2, null, g.parameter("in_proj_bias"),
                g.parameter("q_proj_weight"), g.parameter("k_proj_weight"), g.parameter("v_proj_weight"),
                g.parameter("out_proj.weight"), g.parameter("out_proj.bias"), 0.0, true,
                null, true, g.input("attn_mask"), true);
        assertClose(g.output("output"), out.output(), TOL, "output");
        assertClose(g.output("weights"), out.weights(), TOL, "weights");
    }

    @Test
    void needWeightsFalseReturnsNoWeights() {
        Tensor x = Torch.randn(3, 2, 4);
        AttentionOutput out = F.multiHeadAttentionForward(x, x, x, 1, Torch.randn(12, 4), null, null, null, null,
                Torch.randn(4, 4), null, 0.0, false, null, false, null, true);
        assertNull(out.weights());
        assertEquals(Torch.zeros(3, 2, 4).shape(), out.output().shape());
    }

    @Test
    void scaledDotProductIsSoftmaxOfScaledScores() {
        // independent reference: the formula written out element by element in double precision
        Tensor q = Torch.randn(new long[]{2, 3, 4}, DType.FLOAT64);
        Tensor k = Torch.randn(new long[]{2, 5, 4}, DType.FLOAT64);
        Tensor v = Torch.randn(new long[]{2, 5, 6}, DType.FLOAT64);
        Tensor mask = Torch.ones(new long[]{3, 5}, DType.BOOL).tril(1);
        Tensor got = F.scaledDotProductAttention(q, k, v, mask, 0.0, false);
        double[][][] qa = (double[][][]) q.toArray();
        double[][][] ka = (double[][][]) k.toArray();
        double[][][] va = (double[][][]) v.toArray();
        boolean[][] ma = (boolean[][]) mask.toArray();
        double[] expected = new double[2 * 3 * 6];
        for (int b = 0; b < 2; b++) {
            for (int i = 0; i < 3; i++) {
                double[] s = new double[5];
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < 5; j++) {
                    double dot = 0;
                    for (int e = 0; e < 4; e++) dot += qa[b][i][e] * ka[b][j][e];
                    s[j] = ma[i][j] ? dot / 2.0 : Double.NEGATIVE_INFINITY;
                    max = Math.max(max, s[j]);
                }
                double total = 0;
                for (int j = 0; j < 5; j++) total += (s[j] = Math.exp(s[j] - max));
                for (int c = 0; c < 6; c++) {
                    double acc = 0;
                    for (int j = 0; j < 5; j++) acc += s[j] / total * va[b][j][c];
                    expected[(b * 3 + i) * 6 + c] = acc;
                }
            }
        }
        assertClose(Torch.from(expected, 2, 3, 6), got, 1e-12, "attention");
        Tensor causal = F.scaledDotProductAttention(q, k, v, null, 0.0, true);
        Tensor explicit = F.scaledDotProductAttention(q, k, v, Torch.ones(new long[]{3, 5}, DType.BOOL).tril(), 0.0, false);
        assertTrue(causal.allclose(explicit, 0, 0));
    }

    @Test
    void shapeErrorsSayWhatWasExpected() {
        Tensor x = Torch.randn(3, 2, 4);
        var e = assertThrows(IllegalArgumentException.class, () -> F.multiHeadAttentionForward(x, x, x, 3,
                Torch.randn(12, 4), null, Torch.randn(4, 4), null));
        assertEquals("embed_dim 4 not divisible by num_heads 3", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> F.multiHeadAttentionForward(x, x, x, 2,
                Torch.randn(12, 4), null, null, null, null, Torch.randn(4, 4), null, 0.0, false, null, true,
                Torch.zeros(new long[]{3, 4}, DType.BOOL), true));
        assertEquals("The shape of the 2D attn_mask is torch.Size([3, 4]), but should be (3, 3).", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> F.multiHeadAttentionForward(Torch.randn(2, 2, 2, 4),
                x, x, 2, Torch.randn(12, 4), null, Torch.randn(4, 4), null));
        assertEquals("query should be unbatched 2D or batched 3D tensor but received 4-D query tensor", e.getMessage());
    }
}
