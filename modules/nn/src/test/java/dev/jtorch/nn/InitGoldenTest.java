package dev.jtorch.nn;

import dev.jtorch.Tensor;
import dev.jtorch.Torch;
import dev.jtorch.nn.init.Init;
import org.junit.jupiter.api.Test;

import static dev.jtorch.nn.Golden.assertClose;
import static dev.jtorch.nn.Golden.assertExact;
import static dev.jtorch.nn.Golden.t;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Default and explicit initialisations draw PyTorch's exact numbers for the same seed. */
class InitGoldenTest {

    @Test
    void linearAfterManualSeedHasPyTorchsExactWeights() {
        Torch.manualSeed(0);
        Linear l1 = new Linear(4, 3);
        Linear l2 = new Linear(3, 2);
        assertExact(t("init.linear43.weight"), l1.weight.detach(), "Linear(4, 3).weight");
        assertExact(t("init.linear43.bias"), l1.bias.detach(), "Linear(4, 3).bias");
        assertExact(t("init.linear32.weight"), l2.weight.detach(), "Linear(3, 2).weight");
        assertExact(t("init.linear32.bias"), l2.bias.detach(), "Linear(3, 2).bias");
        assertTrue(l1.weight.requiresGrad() && l1.bias.requiresGrad());
        Torch.manualSeed(1);
        Linear nb = new Linear(20, 5, false);
        assertExact(t("init.linear_nobias.weight"), nb.weight.detach(), "Linear(20, 5, bias=False).weight");
        assertEquals(null, nb.bias);
        assertEquals(1, nb.parameters().size());
    }

    @Test
    void bilinearAndEmbeddingDefaults() {
        Torch.manualSeed(2);
        Bilinear b = new Bilinear(2, 3, 4);
        assertExact(t("init.bilinear.weight"), b.weight.detach(), "Bilinear.weight");
        assertExact(t("init.bilinear.bias"), b.bias.detach(), "Bilinear.bias");
        Torch.manualSeed(3);
        Embedding e = new Embedding(5, 3, 1L);
        // normal_ in float32 matches PyTorch's (its AVX2 path is emulated); allow an ulp for the transcendental
        assertClose(t("init.embedding.weight"), e.weight.detach(), 1e-6, 0, "Embedding(5, 3, padding_idx=1).weight");
    }

    @Test
    void initFunctionsDrawPyTorchsNumbersInOrder() {
        Torch.manualSeed(4);
        assertClose(t("init.xavier_uniform"), Init.xavierUniform_(Torch.empty(3, 5), 2.0), 0, 0, "xavier_uniform_");
        assertClose(t("init.xavier_normal"), Init.xavierNormal_(Torch.empty(4, 6)), 1e-6, 0, "xavier_normal_");
        assertClose(t("init.kaiming_uniform"), Init.kaimingUniform_(Torch.empty(4, 3, 2, 2), 0, "fan_out", "relu"), 0, 0, "kaiming_uniform_");
        assertClose(t("init.kaiming_normal"), Init.kaimingNormal_(Torch.empty(5, 4), 0.1, "fan_in", "leaky_relu"), 1e-6, 0, "kaiming_normal_");
        assertClose(t("init.uniform"), Init.uniform_(Torch.empty(3, 3), -2, 3), 0, 0, "uniform_");
        assertClose(t("init.normal"), Init.normal_(Torch.empty(20), 1.0, 0.5), 1e-6, 0, "normal_");
        // QR in double here, LAPACK's float32 QR in PyTorch: equal to float32 rounding
        assertClose(t("init.orthogonal_wide"), Init.orthogonal_(Torch.empty(3, 5)), 1e-4, 1e-5, "orthogonal_ 3x5");
        assertClose(t("init.orthogonal_tall"), Init.orthogonal_(Torch.empty(6, 4), 2.0), 1e-4, 1e-5, "orthogonal_ 6x4");
        // erfinv in double here, PyTorch's float32 approximation there: equal to float32 rounding
        assertClose(t("init.trunc_normal"), Init.truncNormal_(Torch.empty(40), 0.5, 2.0, -1.0, 3.0), 1e-5, 1e-6, "trunc_normal_");
        assertClose(t("init.trunc_normal_default"), Init.truncNormal_(Torch.empty(5, 8)), 1e-5, 1e-6, "trunc_normal_ defaults");
        assertExact(t("init.after"), Torch.rand(3), "generator position after the initialisers");
    }

    /** A 0-dim tensor (whose values came back as shape [1] and failed the copy, after its uniform draw) and an empty one. */
    @Test
    void truncNormalOfAScalarAndOfNothing() {
        Torch.manualSeed(5);
        Tensor s = Init.truncNormal_(Torch.tensor(7.0), 0, 1, -0.5, 0.5);
        assertEquals(0, s.dim());
        assertTrue(s.item() >= -0.5 && s.item() <= 0.5, "in [a, b]: " + s.item());
        assertEquals(0, Init.truncNormal_(Torch.empty(0)).numel());
    }

    @Test
    void orthogonalRowsAreOrthonormal() {
        Torch.manualSeed(9);
        Tensor q = Init.orthogonal_(Torch.empty(4, 7));
        assertClose(Torch.eye(4), q.matmul(q.t()), 0, 1e-5, "Q·Qᵀ");
    }

    @Test
    void gainsAndErrorsAsPyTorch() {
        String[] expected = Golden.s("init.gains").split(" ");
        double[] got = {Init.calculateGain("linear"), Init.calculateGain("tanh"), Init.calculateGain("relu"),
                Init.calculateGain("leaky_relu"), Init.calculateGain("leaky_relu", 0.2), Init.calculateGain("selu"),
                Init.calculateGain("sigmoid")};
        for (int i = 0; i < got.length; i++) assertEquals(Double.parseDouble(expected[i]), got[i], 0.0, "gain " + i);
        assertEquals("Fan in and fan out can not be computed for tensor with fewer than 2 dimensions",
                assertThrows(IllegalArgumentException.class, () -> Init.xavierUniform_(Torch.empty(3))).getMessage());
        assertEquals("Mode fan_avg not supported, please use one of ['fan_in', 'fan_out']",
                assertThrows(IllegalArgumentException.class, () -> Init.kaimingUniform_(Torch.empty(3, 3), 0, "fan_avg", "relu")).getMessage());
        assertEquals("Unsupported nonlinearity swish",
                assertThrows(IllegalArgumentException.class, () -> Init.calculateGain("swish")).getMessage());
    }
}
