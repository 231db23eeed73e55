package dev.jtorch.nn;

import dev.jtorch.Tensor;
import dev.jtorch.Torch;
import dev.jtorch.nn.functional.F;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static dev.jtorch.nn.Golden.assertClose;
import static dev.jtorch.nn.Golden.assertExact;
import static dev.jtorch.nn.Golden.has;
import static dev.jtorch.nn.Golden.s;
import static dev.jtorch.nn.Golden.t;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Forward values and gradients of F's activations, losses and basics against PyTorch's. */
class FunctionalGoldenTest {

    @TestFactory
    List<DynamicTest> activations() {
        Map<String, Function<Tensor, Tensor>> fns = new LinkedHashMap<>();
        fns.put("relu", F::relu);
        fns.put("leaky_relu", x -> F.leakyRelu(x, 0.2));
        fns.put("elu", x -> F.elu(x, 1.5));
        fns.put("gelu", F::gelu);
        fns.put("gelu_tanh", x -> F.gelu(x, "tanh"));
        fns.put("silu", F::silu);
        fns.put("sigmoid", F::sigmoid);
        fns.put("tanh", F::tanh);
        fns.put("softmax1", x -> F.softmax(x, 1));
        fns.put("softmax0", x -> F.softmax(x, 0));
        fns.put("log_softmax1", x -> F.logSoftmax(x, 1));
        fns.put("log_softmax0", x -> F.logSoftmax(x, -2));
        fns.put("softplus", F::softplus);
        fns.put("softplus_b2t5", x -> F.softplus(x, 2, 5));
        fns.put("hardtanh", F::hardtanh);
        fns.put("hardtanh_m2_3", x -> F.hardtanh(x, -2, 3));
        fns.put("relu6", F::relu6);
        fns.put("logsigmoid", F::logsigmoid);
        fns.put("mish", F::mish);
        fns.put("hardswish", F::hardswish);
        fns.put("hardsigmoid", F::hardsigmoid);
        fns.put("selu", F::selu);
        fns.put("celu", x -> F.celu(x, 0.7));
        fns.put("softsign", F::softsign);
        fns.put("tanhshrink", F::tanhshrink);
        fns.put("softshrink", x -> F.softshrink(x, 1.5));
        fns.put("hardshrink", x -> F.hardshrink(x, 1.2));
        fns.put("threshold", x -> F.threshold(x, 0.5, -2.0));
        fns.put("glu0", x -> F.glu(Torch.cat(List.of(x, x.flip(1)), 0), 0));
        fns.put("prelu", x -> F.prelu(x, Torch.tensor(0.25, -0.5, 0.1, 1.5, 0.0)));
        List<DynamicTest> tests = new ArrayList<>();
        fns.forEach((name, fn) -> tests.add(DynamicTest.dynamicTest(name, () -> {
            Tensor x = t("act.x").requiresGrad_();
            Tensor y = fn.apply(x);
            y.mul(t("act.up")).sum().backward();
            assertClose(t("act." + name + ".out"), y.detach(), 1e-5, 1e-6, name + " forward");
            assertClose(t("act." + name + ".grad"), x.grad(), 1e-4, 1e-5, name + " gradient");
        })));
        return tests;
    }

    @Test
    void softmaxIsStableForHugeInputs() {
        Tensor big = t("act.big");
        assertClose(t("act.big.log_softmax"), F.logSoftmax(big, 1), 1e-6, 1e-6, "log_softmax of ±1000, -1e30");
        assertClose(t("act.big.softmax"), F.softmax(big, 1), 1e-6, 1e-7, "softmax of ±1000, -1e30");
    }

    /** Each case: the function of (input, args...) as the generator script called it. */
    private static Map<String, Function<Tensor[], Tensor>> lossCases() {
        Map<String, Function<Tensor[], Tensor>> m = new LinkedHashMap<>();
        for (String red : new String[]{"mean", "sum", "none"}) {
            m.put("ce_" + red, a -> F.crossEntropy(a[0], a[1], red));
            m.put("ce_w_" + red, a -> F.crossEntropy(a[0], a[1], a[2], -100, red, 0.0));
            m.put("ce_ls_" + red, a -> F.crossEntropy(a[0], a[1], null, -100, red, 0.1));
            m.put("ce_wls_" + red, a -> F.crossEntropy(a[0], a[1], a[2], 2, red, 0.2));
            m.put("ce_prob_" + red, a -> F.crossEntropy(a[0], a[1], red));
            m.put("ce_probw_" + red, a -> F.crossEntropy(a[0], a[1], a[2], -100, red, 0.3));
            m.put("nll_w_" + red, a -> F.nllLoss(a[0], a[1], a[2], -100, red));
            m.put("mse_" + red, a -> F.mseLoss(a[0], a[1], red));
            m.put("l1_" + red, a -> F.l1Loss(a[0], a[1], red));
            m.put("smooth_l1_" + red, a -> F.smoothL1Loss(a[0], a[1], red, 0.5));
            m.put("huber_" + red, a -> F.huberLoss(a[0], a[1], red, 0.7));
            m.put("bce_" + red, a -> F.binaryCrossEntropy(a[0], a[1], a[2], red));
            m.put("bcel_" + red, a -> F.binaryCrossEntropyWithLogits(a[0], a[1], a[2], a[3], red));
            m.put("bcel_plain_" + red, a -> F.binaryCrossEntropyWithLogits(a[0], a[1], null, null, red));
        }
        for (String red : new String[]{"mean", "sum", "none", "batchmean"}) {
            m.put("kl_" + red, a -> F.klDiv(a[0], a[1], red, false));
            m.put("kl_log_" + red, a -> F.klDiv(a[0], a[1], red, true));
        }
        m.put("ce_ignore", a -> F.crossEntropy(a[0], a[1], null, 2, "mean", 0.0));
        m.put("ce_4d", a -> F.crossEntropy(a[0], a[1]));
        m.put("ce_1d", a -> F.crossEntropy(a[0], a[1]));
        m.put("cosine", a -> F.cosineSimilarity(a[0], a[1]));
        m.put("cosine0", a -> F.cosineSimilarity(a[0], a[1], 0, 1e-3));
        m.put("pairwise", a -> F.pairwiseDistance(a[0], a[1]));
        m.put("pairwise_p1", a -> F.pairwiseDistance(a[0], a[1], 1.0, 1e-6, true));
        for (String red : new String[]{"mean", "sum", "none"}) {
            m.put("margin_ranking_" + red, a -> F.marginRankingLoss(a[0], a[1], a[2], 0.3, red));
            m.put("hinge_embedding_" + red, a -> F.hingeEmbeddingLoss(a[0], a[1], 0.8, red));
            m.put("soft_margin_" + red, a -> F.softMarginLoss(a[0], a[1], red));
            m.put("multilabel_soft_margin_" + red, a -> F.multilabelSoftMarginLoss(a[0], a[1], a[2], red));
            m.put("cosine_embedding_" + red, a -> F.cosineEmbeddingLoss(a[0], a[1], a[2], 0.2, red));
            m.put("triplet_" + red, a -> F.tripletMarginLoss(a[0], a[1], a[2], 0.7, 2, 1e-6, false, red));
            m.put("poisson_" + red, a -> F.poissonNllLoss(a[0], a[1], true, false, 1e-8, red));
            m.put("gaussian_" + red, a -> F.gaussianNllLoss(a[0], a[1], a[2], false, 1e-6, red));
        }
        m.put("max_pool1d", a -> F.maxPool1d(a[0], 3, 2, 1, 2, true));
        m.put("max_pool1d_plain", a -> F.maxPool1d(a[0], 2));
        m.put("avg_pool1d", a -> F.avgPool1d(a[0], 3, 2, 1, true, false));
        m.put("adaptive_avg_pool1d", a -> F.adaptiveAvgPool1d(a[0], 4));
        m.put("adaptive_max_pool2d", a -> F.adaptiveMaxPool2d(a[0], 3, 4));
        m.put("adaptive_max_pool2d_1", a -> F.adaptiveMaxPool2d(a[0], 1));
        m.put("pixel_shuffle", a -> F.pixelShuffle(a[0], 2));
        m.put("pixel_unshuffle", a -> F.pixelUnshuffle(a[0], 2));
        m.put("softmin", a -> F.softmin(a[0], 1));
        m.put("instance_norm", a -> F.instanceNorm(a[0]));
        m.put("instance_norm_affine", a -> F.instanceNorm(a[0], null, null, a[1], a[2], true, 0.1, 1e-3));
        m.put("multilabel_soft_margin_plain", a -> F.multilabelSoftMarginLoss(a[0], a[1], null, "mean"));
        m.put("cosine_embedding_1d", a -> F.cosineEmbeddingLoss(a[0], a[1], a[2], 0.0, "mean"));
        m.put("triplet_swap_p1", a -> F.tripletMarginLoss(a[0], a[1], a[2], 2.0, 1, 1e-6, true, "mean"));
        m.put("poisson_full_rate", a -> F.poissonNllLoss(a[0], a[1], false, true, 1e-8, "mean"));
        m.put("gaussian_full_var_per_sample", a -> F.gaussianNllLoss(a[0], a[1], a[2], true, 1e-6, "mean"));
        m.put("gaussian_var_last_dim_1", a -> F.gaussianNllLoss(a[0], a[1], a[2], false, 0.7, "mean"));
        m.put("linear2d", a -> F.linear(a[0], a[1], a[2]));
        m.put("linear3d", a -> F.linear(a[0], a[1], a[2]));
        m.put("linear_nobias", a -> F.linear(a[0], a[1]));
        m.put("bilinear", a -> F.bilinear(a[0], a[1], a[2], a[3]));
        m.put("embedding_pad", a -> F.embedding(a[1], a[0], 1L));
        m.put("embedding", a -> F.embedding(a[1], a[0]));
        m.put("pad_const", a -> F.pad(a[0], new long[]{1, 2, 0, 1}, 1.5));
        m.put("pad_crop", a -> F.pad(a[0], -1, 2, 1, -1));
        m.put("pad_reflect", a -> F.pad(a[0], new long[]{2, 1, 1, 2}, "reflect", 0));
        m.put("pad_replicate", a -> F.pad(a[0], new long[]{2, 1, 1, 2}, "replicate", 0));
        m.put("pad_circular", a -> F.pad(a[0], new long[]{2, 1, 1, 2}, "circular", 0));
        m.put("interp_nearest_size", a -> F.interpolate(a[0], new long[]{5, 7}, "nearest", null));
        m.put("interp_nearest_scale", a -> F.interpolate(a[0], new double[]{1.5}, "nearest", null));
        m.put("interp_nearest_down", a -> F.interpolate(a[0], new long[]{2, 3}, "nearest", null));
        m.put("interp_bilinear", a -> F.interpolate(a[0], new long[]{5, 7}, "bilinear", false));
        m.put("interp_bilinear_ac", a -> F.interpolate(a[0], new long[]{5, 7}, "bilinear", true));
        m.put("interp_bilinear_scale", a -> F.interpolate(a[0], new double[]{2.0}, "bilinear", null));
        m.put("interp_bilinear_down", a -> F.interpolate(a[0], new long[]{2, 3}, "bilinear", null));
        m.put("interp_linear", a -> F.interpolate(a[0], new long[]{7}, "linear", null));
        m.put("interp_bilinear_f64", a -> F.interpolate(a[0], new long[]{5, 7}, "bilinear", false));
        m.put("interp_bilinear_ac_f64", a -> F.interpolate(a[0], new long[]{6, 3}, "bilinear", true));
        return m;
    }

    @TestFactory
    List<DynamicTest> lossesAndBasicsWithGradients() {
        List<DynamicTest> tests = new ArrayList<>();
        lossCases().forEach((name, fn) -> tests.add(DynamicTest.dynamicTest(name, () -> {
            String k = "loss." + name;
            List<Tensor> args = new ArrayList<>();
            args.add(t(k + ".input").requiresGrad_());
            for (int i = 0; has(k + ".arg" + i); i++) args.add(t(k + ".arg" + i));
            Tensor out = fn.apply(args.toArray(Tensor[]::new));
            if (out.dim() == 0) out.backward();
            else out.backward(Torch.arange(1, out.numel() + 1).to(out.dtype()).view(out.shape().toArray()));
            // float64 cases to float64 rounding: float32 weights in a float64 interpolation were off by ~1e-7
            boolean f64 = name.endsWith("_f64");
            assertClose(t(k + ".out"), out.detach(), f64 ? 1e-12 : 1e-5, f64 ? 1e-12 : 1e-6, name + " forward");
            assertClose(t(k + ".grad"), args.getFirst().grad(), f64 ? 1e-12 : 1e-4, f64 ? 1e-12 : 1e-6, name + " gradient");
        })));
        return tests;
    }

    /** PyTorch clamps var to eps under no_grad: the value is clamped, the gradient flows as if it were not. */
    @Test
    void gaussianNllVarianceGradientIgnoresTheClamp() {
        String k = "loss.gaussian_var_last_dim_1";
        Tensor var = t(k + ".arg1").requiresGrad_();
        F.gaussianNllLoss(t(k + ".input"), t(k + ".arg0"), var, false, 0.7, "mean").backward();
        assertClose(t(k + ".var_grad"), var.grad(), 1e-5, 1e-6, "gradient of var");
    }

    @Test
    void gaussianNllRefusals() {
        Tensor mu = t("loss.gaussian_mean.input"), target = t("loss.gaussian_mean.arg0"), var = t("loss.gaussian_mean.arg1");
        assertEquals(s("err.gaussian_var_size"), assertThrows(IllegalArgumentException.class,
                () -> F.gaussianNllLoss(mu, target, var.narrow(0, 0, 2))).getMessage());
        assertEquals(s("err.gaussian_var_negative"), assertThrows(IllegalArgumentException.class,
                () -> F.gaussianNllLoss(mu, target, var.sub(1.0))).getMessage());
    }

    @Test
    void oneHotAsPyTorch() {
        assertExact(t("onehot.out"), F.oneHot(t("onehot.in")), "one_hot");
        assertExact(t("onehot.out6"), F.oneHot(t("onehot.in"), 6), "one_hot(6)");
    }

    @Test
    void dropoutDrawsPyTorchsMaskFromTheDefaultGenerator() {
        Torch.manualSeed(5);
        assertExact(t("dropout.p03"), F.dropout(Torch.arange(1.0, 33.0, 1.0).view(4, 8), 0.3), "F.dropout(p=0.3)");
        Torch.manualSeed(6);
        Dropout d = new Dropout(0.5);
        assertExact(t("dropout.module"), d.forward(Torch.ones(3, 7)), "Dropout(0.5) in training");
        d.eval();
        Tensor x = Torch.randn(3, 7);
        assertTrue(d.forward(x) == x, "Dropout in eval mode is the identity");
    }
}
