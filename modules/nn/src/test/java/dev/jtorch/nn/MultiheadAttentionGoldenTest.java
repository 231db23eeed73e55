package dev.jtorch.nn;

import dev.jtorch.DType;
import dev.jtorch.Tensor;
import dev.jtorch.Torch;
import dev.jtorch.nn.functional.AttentionOutput;
import dev.jtorch.nn.functional.RnnGolden;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.jtorch.nn.functional.RnnGolden.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** nn.MultiheadAttention against PyTorch 1.13: outputs, attention weights and all gradients. */
class MultiheadAttentionGoldenTest {
    private static final double TOL = 2e-5;

    private static void check(RnnGolden g, Module m, AttentionOutput out, String... inputs) {
        Map<String, Tensor> outs = new LinkedHashMap<>();
        outs.put("output", out.output());
        if (out.weights() != null) outs.put("weights", out.weights());
        outs.forEach((k, v) -> assertClose(g.output(k), v, TOL, k));
        g.loss(outs).backward();
        for (var p : m.namedParameters().entrySet()) {
            assertClose(g.parameterGrad(p.getKey()), p.getValue().grad(), TOL, "grad of " + p.getKey());
        }
        assertEquals(g.parameters().keySet(), m.stateDict().keySet());
    }

    @Test
    void selfAttentionSequenceFirst() {
        RnnGolden g = RnnGolden.load("mha_self_seq_first");
        MultiheadAttention m = new MultiheadAttention(8, 2);
        assertEquals(List.of("in_proj_weight", "in_proj_bias", "out_proj.weight", "out_proj.bias"),
                List.copyOf(m.stateDict().keySet()));
        m.loadStateDict(g.parameters());
        Tensor q = g.input("query");
        check(g, m, m.forward(q, q, q));
        assertClose(g.inputGrad("query"), q.grad(), TOL, "grad query");
    }

    @Test
    void batchFirstWithPaddingAndCausalMasksPerHeadWeights() {
        RnnGolden g = RnnGolden.load("mha_batch_first_masks_per_head");
        MultiheadAttention m = new MultiheadAttention(8, 4, 0.0, true, true);
        m.loadStateDict(g.parameters());
        Tensor q = g.input("query");
        Tensor k = g.input("key");
        Tensor v = g.input("value");
        Tensor kpm = g.input("key_padding_mask");
        Tensor mask = g.input("attn_mask");
        assertEquals(DType.BOOL, kpm.dtype());
        AttentionOutput out = m.forward(q, k, v, kpm, true, mask, false);
        assertEquals(4, out.weights().dim(), "per-head weights (N, heads, L, S)");
        check(g, m, out);
        assertClose(g.inputGrad("query"), q.grad(), TOL, "grad query");
        assertClose(g.inputGrad("key"), k.grad(), TOL, "grad key");
        assertClose(g.inputGrad("value"), v.grad(), TOL, "grad value");
    }

    @Test
    void differentKeyAndValueSizesWithFloatMask() {
        RnnGolden g = RnnGolden.load("mha_kdim_vdim_float_mask");
        MultiheadAttention m = new MultiheadAttention(6, 2, 0.0, true, 5, 7, false);
        assertEquals(List.of("q_proj_weight", "k_proj_weight", "v_proj_weight", "in_proj_bias", "out_proj.weight",
                "out_proj.bias"), List.copyOf(m.stateDict().keySet()));
        m.loadStateDict(g.parameters());
        Tensor q = g.input("query");
        Tensor k = g.input("key");
        Tensor v = g.input("value");
        check(g, m, m.forward(q, k, v, null, true, g.input("attn_mask"), true));
        assertClose(g.inputGrad("key"), k.grad(), TOL, "grad key");
        assertClose(g.inputGrad("value"), v.grad(), TOL, "grad value");
    }

    @Test
    void withoutBiasOrWeights() {
        RnnGolden g = RnnGolden.load("mha_no_bias_no_weights");
        MultiheadAttention m = new MultiheadAttention(4, 1, 0.0, false, false);
        m.loadStateDict(g.parameters());
        Tensor q = g.input("query");
        AttentionOutput out = m.forward(q, q, q, null, false, null, true);
        assertNull(out.weights());
        check(g, m, out);
        assertClose(g.inputGrad("query"), q.grad(), TOL, "grad query");
    }

    @Test
    void unbatchedEqualsBatchOfOne() {
        MultiheadAttention m = new MultiheadAttention(4, 2);
        Tensor x = Torch.randn(3, 4);
        Tensor kpm = Torch.tensor(new boolean[]{false, false, true});
        AttentionOutput single = m.forward(x, x, x, kpm, true, null, true);
        AttentionOutput batch = m.forward(x.unsqueeze(1), x.unsqueeze(1), x.unsqueeze(1), kpm.unsqueeze(0), true, null, true);
        assertTrue(single.output().allclose(batch.output().squeeze(1), 1e-6, 1e-7));
        assertTrue(single.weights().allclose(batch.weights().squeeze(0), 1e-6, 1e-7));
        assertEquals(0.0, single.weights().get(":, 2").abs().sum().item(), "padded key gets no weight");
    }

    @Test
    void defaultInitialisationAsPyTorch() {
        MultiheadAttention m = new MultiheadAttention(8, 2);
        double xavier = Math.sqrt(6.0 / (8 + 24));
        Tensor w = m.getParameter("in_proj_weight");
        assertTrue(w.abs().max().item() <= xavier);
        assertTrue(w.abs().max().item() > xavier * 0.5, "spread over the xavier range");
        assertEquals(0.0, m.getParameter("in_proj_bias").abs().sum().item());
        assertEquals(0.0, m.outProj().bias.abs().sum().item());
        assertTrue(m.outProj().weight.abs().max().item() <= 1 / Math.sqrt(8));
        assertEquals("MultiheadAttention(\n  (out_proj): NonDynamicallyQuantizableLinear(in_features=8, out_features=8, bias=True)\n)",
                m.toString());
    }

    @Test
    void badConfigurationAndMasks() {
        var e = assertThrows(IllegalArgumentException.class, () -> new MultiheadAttention(6, 4));
        assertEquals("embed_dim must be divisible by num_heads", e.getMessage());
        MultiheadAttention m = new MultiheadAttention(4, 2);
        Tensor x = Torch.randn(3, 2, 4);
        e = assertThrows(IllegalArgumentException.class,
                () -> m.forward(x, x, x, Torch.zeros(new long[]{2, 4}, DType.BOOL), true, null, true));
        assertEquals("expecting key_padding_mask shape of (2, 3), but got torch.Size([2, 4])", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> m.forward(x, x, x, null, true, Torch.zeros(new long[]{3, 3}, DType.INT64), true));
        assertEquals("Only float, byte, and bool types are supported for attn_mask, not torch.int64", e.getMessage());
    }
}
