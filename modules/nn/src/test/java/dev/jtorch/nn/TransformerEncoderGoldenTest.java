package dev.jtorch.nn;

import dev.jtorch.DType;
import dev.jtorch.Tensor;
import dev.jtorch.Torch;
import dev.jtorch.nn.functional.RnnGolden;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.jtorch.nn.functional.RnnGolden.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** TransformerEncoderLayer and TransformerEncoder against PyTorch 1.13 (dropout 0): outputs and all gradients. */
class TransformerEncoderGoldenTest {
    private static final double TOL = 5e-5;

    private static void check(RnnGolden g, Module m, Tensor src, Tensor output) {
        assertClose(g.output("output"), output, TOL, "output");
        g.loss(Map.of("output", output)).backward();
        assertClose(g.inputGrad("src"), src.grad(), TOL, "grad src");
        for (var p : m.namedParameters().entrySet()) {
            assertClose(g.parameterGrad(p.getKey()), p.getValue().grad(), TOL, "grad of " + p.getKey());
        }
        assertEquals(g.parameters().keySet(), m.stateDict().keySet());
    }

    @Test
    void postNormReluWithFloatCausalMask() {
        RnnGolden g = RnnGolden.load("encoder_layer_post_norm_relu");
        TransformerEncoderLayer layer = new TransformerEncoderLayer(8, 2, 16, 0.0, "relu", 1e-5, false, false);
        layer.loadStateDict(g.parameters());
        Tensor src = g.input("src");
        check(g, layer, src, layer.forward(src, g.input("src_mask"), null));
    }

    @Test
    void preNormGeluBatchFirstWithPadding() {
        RnnGolden g = RnnGolden.load("encoder_layer_pre_norm_gelu_batch_first");
        TransformerEncoderLayer layer = new TransformerEncoderLayer(8, 4, 12, 0.0, "gelu", 1e-6, true, true);
        layer.loadStateDict(g.parameters());
        Tensor src = g.input("src");
        check(g, layer, src, layer.forward(src, null, g.input("src_key_padding_mask")));
    }

    @Test
    void twoLayersWithFinalNorm() {
        RnnGolden g = RnnGolden.load("encoder_2layers_final_norm");
        TransformerEncoderLayer layer = new TransformerEncoderLayer(8, 2, 16, 0.0, "relu", 1e-5, false, false);
        TransformerEncoder encoder = new TransformerEncoder(layer, 2, new LayerNorm(8));
        encoder.loadStateDict(g.parameters());
        Tensor src = g.input("src");
        check(g, encoder, src, encoder.forward(src));
    }

    @Test
    void parameterNamesAsPyTorch() {
        TransformerEncoderLayer layer = new TransformerEncoderLayer(8, 2, 16, 0.1, "relu", 1e-5, false, false);
        assertEquals(List.of("self_attn.in_proj_weight", "self_attn.in_proj_bias", "self_attn.out_proj.weight",
                "self_attn.out_proj.bias", "linear1.weight", "linear1.bias", "linear2.weight", "linear2.bias",
                "norm1.weight", "norm1.bias", "norm2.weight", "norm2.bias"), List.copyOf(layer.stateDict().keySet()));
        assertEquals("""
                TransformerEncoderLayer(
                  (self_attn): MultiheadAttention(
                    (out_proj): NonDynamicallyQuantizableLinear(in_features=8, out_features=8, bias=True)
                  )
                  (linear1): Linear(in_features=8, out_features=16, bias=True)
                  (dropout): Dropout(p=0.1, inplace=False)
                  (linear2): Linear(in_features=16, out_features=8, bias=True)
                  (norm1): LayerNorm((8,), eps=1e-05, elementwise_affine=True)
                  (norm2): LayerNorm((8,), eps=1e-05, elementwise_affine=True)
                  (dropout1): Dropout(p=0.1, inplace=False)
                  (dropout2): Dropout(p=0.1, inplace=False)
                )""", layer.toString());
    }

    @Test
    void encoderLayersStartEqualButAreIndependent() {
        TransformerEncoderLayer layer = new TransformerEncoderLayer(4, 2, 8, 0.0, "relu", 1e-5, false, false);
        TransformerEncoder encoder = new TransformerEncoder(layer, 2);
        Tensor w0 = encoder.getParameter("layers.0.linear1.weight");
        Tensor w1 = encoder.getParameter("layers.1.linear1.weight");
        assertTrue(w0.equal(w1));
        assertTrue(w0.equal(layer.getParameter("linear1.weight")));
        w0.detach().add_(1.0);
        assertFalse(w0.equal(w1), "copies, not shared tensors");
        assertFalse(w0.equal(layer.getParameter("linear1.weight")));
    }

    @Test
    void dropoutOnlyInTraining() {
        TransformerEncoderLayer layer = new TransformerEncoderLayer(8, 2, 16, 0.5, "relu", 1e-5, true, false);
        Tensor x = Torch.randn(2, 3, 8);
        layer.eval();
        Tensor a = layer.forward(x);
        assertTrue(a.allclose(layer.forward(x)), "eval is deterministic");
        layer.train();
        assertFalse(a.allclose(layer.forward(x), 1e-4, 1e-4), "training applies dropout");
    }

    @Test
    void doublePrecisionCopiesAndBadActivation() {
        TransformerEncoderLayer layer = new TransformerEncoderLayer(4, 1, 8, 0.0, "gelu", 1e-5, false, true);
        layer.to(DType.FLOAT64);
        TransformerEncoder encoder = new TransformerEncoder(layer, 3);
        assertEquals(DType.FLOAT64, encoder.forward(Torch.randn(new long[]{2, 1, 4}, DType.FLOAT64)).dtype());
        var e = assertThrows(IllegalArgumentException.class,
                () -> new TransformerEncoderLayer(4, 1, 8, 0.0, "tanh", 1e-5, false, false));
        assertEquals("activation should be relu/gelu, not tanh", e.getMessage());
    }
}
