package dev.jtorch.nn;

import dev.jtorch.DType;
import dev.jtorch.Device;
import dev.jtorch.Generator;
import dev.jtorch.Tensor;
import dev.jtorch.Torch;
import dev.jtorch.io.Npz;
import dev.jtorch.nn.functional.F;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Autocast on the CPU with bfloat16 against PyTorch 1.13 (tools/golden/gen_autocast_fixtures.py): the dtype every
 * op returns for float32, bfloat16 and float16 inputs, mixed inputs, and the values of small Linear / Conv2d / MLP
 * forward and backward passes.
 */
class AutocastGoldenTest {
    private static String text(String name) {
        try (InputStream in = AutocastGoldenTest.class.getResourceAsStream("/golden/amp/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Tensor> tensors;

    private static synchronized Tensor g(String key) {
        if (tensors == null) {
            try {
                tensors = Npz.load(Path.of(AutocastGoldenTest.class.getResource("/golden/amp/tensors.npz").toURI()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }
        Tensor t = tensors.get(key);
        if (t == null) throw new IllegalArgumentException("no golden tensor " + key);
        return t.clone();
    }

    /** The generator's inputs, by name and shape (values do not matter for dtypes). */
    private static Map<String, Tensor> inputs(DType dt) {
        Generator gen = new Generator(1);
        Map<String, Tensor> m = new LinkedHashMap<>();
        Function<long[], Tensor> r = shape -> Torch.randn(shape, DType.FLOAT32, gen).to(dt);
        m.put("a", r.apply(new long[]{4, 4}));
        m.put("b", r.apply(new long[]{4, 4}));
        m.put("v", r.apply(new long[]{4}));
        m.put("a3", r.apply(new long[]{2, 4, 4}));
        m.put("img", r.apply(new long[]{1, 3, 5, 5}));
        m.put("w", r.apply(new long[]{2, 3, 3, 3}));
        m.put("w1", r.apply(new long[]{2, 3, 3}));
        m.put("x1", r.apply(new long[]{1, 3, 6}));
        m.put("wt", r.apply(new long[]{3, 2, 3, 3}));
        m.put("bw", r.apply(new long[]{2, 4, 4}));
        m.put("gn_w", r.apply(new long[]{3}));
        m.put("p", Torch.rand(new long[]{4, 4}, DType.FLOAT32, gen).mul(0.8).add(0.1).to(dt));
        m.put("q", Torch.rand(new long[]{4, 4}, DType.FLOAT32, gen).mul(0.8).add(0.1).to(dt));
        return m;
    }

    private static final Tensor TGT = Torch.tensor(new long[]{1, 0, 2, 3});

    /** One lambda per op of the generator's OPS. */
    private static final Map<String, Function<Map<String, Tensor>, Tensor>> OPS = new LinkedHashMap<>();

    static {
        OPS.put("mm", t -> t.get("a").mm(t.get("b")));
        OPS.put("matmul", t -> t.get("a").matmul(t.get("b")));
        OPS.put("matmul_batched", t -> t.get("a3").matmul(t.get("a")));
        OPS.put("bmm", t -> t.get("a3").bmm(t.get("a3")));
        OPS.put("addmm", t -> t.get("v").addmm(t.get("a"), t.get("b")));
        OPS.put("linear", t -> F.linear(t.get("a"), t.get("b"), t.get("v")));
        OPS.put("conv2d", t -> F.conv2d(t.get("img"), t.get("w")));
        OPS.put("conv1d", t -> F.conv1d(t.get("x1"), t.get("w1"), null));
        OPS.put("conv_transpose2d", t -> F.convTranspose2d(t.get("img"), t.get("wt"), null));
        OPS.put("einsum", t -> Torch.einsum("ij,jk->ik", t.get("a"), t.get("b")));
        OPS.put("bilinear", t -> F.bilinear(t.get("a"), t.get("a"), t.get("bw"), null));
        OPS.put("dot", t -> t.get("v").dot(t.get("v")));
        OPS.put("mv", t -> t.get("a").mv(t.get("v")));
        OPS.put("outer", t -> t.get("v").outer(t.get("v")));
        OPS.put("softmax", t -> F.softmax(t.get("a"), 1));
        OPS.put("log_softmax", t -> F.logSoftmax(t.get("a"), 1));
        OPS.put("sum", t -> t.get("a").sum());
        OPS.put("mean", t -> t.get("a").mean());
        OPS.put("prod", t -> t.get("a").prod());
        OPS.put("prod_dim", t -> t.get("a").prod(1));
        OPS.put("cumsum", t -> t.get("a").cumsum(0));
        OPS.put("norm", t -> t.get("a").norm());
        OPS.put("var", t -> t.get("a").var());
        OPS.put("logsumexp", t -> t.get("a").logsumexp(1));
        OPS.put("layer_norm", t -> F.layerNorm(t.get("a"), 4));
        OPS.put("group_norm", t -> F.groupNorm(t.get("img"), 3, t.get("gn_w"), t.get("gn_w"), 1e-5));
        OPS.put("cross_entropy", t -> F.crossEntropy(t.get("a"), TGT));
        OPS.put("nll_loss", t -> F.nllLoss(t.get("a"), TGT));
        OPS.put("mse_loss", t -> F.mseLoss(t.get("a"), t.get("b")));
        OPS.put("l1_loss", t -> F.l1Loss(t.get("a"), t.get("b")));
        OPS.put("smooth_l1_loss", t -> F.smoothL1Loss(t.get("a"), t.get("b")));
        OPS.put("huber_loss", t -> F.huberLoss(t.get("a"), t.get("b")));
        OPS.put("binary_cross_entropy", t -> F.binaryCrossEntropy(t.get("p"), t.get("q")));
        OPS.put("binary_cross_entropy_with_logits", t -> F.binaryCrossEntropyWithLogits(t.get("a"), t.get("q")));
        OPS.put("kl_div", t -> F.klDiv(t.get("a"), t.get("p"), "batchmean", false));
        OPS.put("exp", t -> t.get("a").exp());
        OPS.put("pow", t -> t.get("a").pow(2));
        OPS.put("relu", t -> t.get("a").relu());
        OPS.put("gelu", t -> F.gelu(t.get("a")));
        OPS.put("max_pool2d", t -> F.maxPool2d(t.get("img"), 2));
        OPS.put("avg_pool2d", t -> F.avgPool2d(t.get("img"), 2));
        OPS.put("adaptive_avg_pool2d", t -> F.adaptiveAvgPool2d(t.get("img"), 2));
        OPS.put("cosine_similarity", t -> F.cosineSimilarity(t.get("a"), t.get("b")));
        OPS.put("pairwise_distance", t -> F.pairwiseDistance(t.get("a"), t.get("b")));
        OPS.put("interpolate", t -> F.interpolate(t.get("img"), new long[]{7, 7}, "bilinear", null));
        OPS.put("cat", t -> Torch.cat(List.of(t.get("a"), t.get("b"))));
        OPS.put("stack", t -> Torch.stack(List.of(t.get("a"), t.get("b"))));
        OPS.put("add", t -> t.get("a").add(t.get("b")));
    }

    private static final DType[] INPUT_DTYPES = {DType.FLOAT32, DType.BFLOAT16, DType.FLOAT16};

    @TestFactory
    Stream<DynamicTest> resultDtypesMatchPyTorch() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String line : text("dtypes.txt").lines().toList()) {
            String[] f = line.split(" ");
            var op = OPS.get(f[0]);
            if (op == null) throw new IllegalStateException("no Java form of " + f[0]);
            for (int i = 0; i < INPUT_DTYPES.length; i++) {
                String expected = f[i + 1];
                DType in = INPUT_DTYPES[i];
                // PyTorch 1.13 lacks many float16 CPU kernels (jtorch computes half types in float32); only
                // autocast's own refusal (stack's prioritize) is an error both sides must agree on.
                if (expected.equals("ERR") && !f[0].equals("stack")) continue;
                tests.add(DynamicTest.dynamicTest(f[0] + " on " + in.pyName() + " -> " + expected, () -> {
                    Map<String, Tensor> t = inputs(in);
                    try (var ac = Torch.autocast(Device.Type.CPU, DType.BFLOAT16)) {
                        if (expected.equals("ERR")) {
                            assertThrows(IllegalArgumentException.class, () -> op.apply(t));
                        } else {
                            assertEquals(DType.of(expected), op.apply(t).dtype());
                        }
                    }
                }));
            }
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> mixedInputDtypesMatchPyTorch() {
        Map<String, Tensor> f = inputs(DType.FLOAT32), bf = inputs(DType.BFLOAT16);
        Map<String, Supplier<Tensor>> cases = new LinkedHashMap<>();
        cases.put("mm_bf16_f32", () -> bf.get("a").mm(f.get("b")));
        cases.put("mm_f64_f64", () -> f.get("a").to(DType.FLOAT64).mm(f.get("b").to(DType.FLOAT64)));
        cases.put("linear_bf16_input_f32_params", () -> F.linear(bf.get("a"), f.get("b"), f.get("v")));
        cases.put("add_f32_bf16", () -> f.get("a").add(bf.get("b")));
        cases.put("cat_f32_bf16", () -> Torch.cat(List.of(f.get("a"), bf.get("b"))));
        cases.put("stack_f32_bf16", () -> Torch.stack(List.of(f.get("a"), bf.get("b"))));
        cases.put("stack_bf16_bf16", () -> Torch.stack(List.of(bf.get("a"), bf.get("b"))));
        cases.put("stack_f64_bf16", () -> Torch.stack(List.of(f.get("a").to(DType.FLOAT64), bf.get("b"))));
        cases.put("mse_loss_bf16_f32", () -> F.mseLoss(bf.get("a"), f.get("b")));
        cases.put("conv2d_bf16_input_f32_weight", () -> F.conv2d(bf.get("img"), f.get("w")));
        Tensor bfImg2 = bf.get("img").narrow(1, 0, 2), seq = Torch.randn(3, 1, 5);
        cases.put("batch_norm_train_bf16_input_f32_params", () -> new BatchNorm2d(2).forward(bfImg2));
        cases.put("batch_norm_eval_bf16_input_f32_params", () -> {
            BatchNorm2d bn = new BatchNorm2d(2);
            bn.eval();
            return bn.forward(bfImg2);
        });
        cases.put("lstm_f32", () -> new LSTM(5, 4).forward(seq));
        cases.put("gru_f32", () -> new GRU(5, 4).forward(seq));
        cases.put("rnn_f32", () -> new RNN(5, 4).forward(seq));
        cases.put("lstm_cell_f32", () -> new LSTMCell(5, 4).forward(seq.select(0, 0)));
        cases.put("gru_cell_f32", () -> new GRUCell(5, 4).forward(seq.select(0, 0)));
        cases.put("rnn_cell_f32", () -> new RNNCell(5, 4).forward(seq.select(0, 0)));
        Tensor a3 = f.get("a3");
        cases.put("multihead_attention_f32", () -> new MultiheadAttention(4, 2).forward(a3, a3, a3).output());
        return text("mixed.txt").lines().map(line -> {
            String[] p = line.split(" ");
            Supplier<Tensor> c = cases.get(p[0]);
            if (c == null) throw new IllegalStateException("no Java form of " + p[0]);
            return DynamicTest.dynamicTest(p[0] + " -> " + p[1], () -> {
                try (var ac = Torch.autocast(Device.Type.CPU, DType.BFLOAT16)) {
                    assertEquals(DType.of(p[1]), c.get().dtype());
                }
            });
        });
    }

    /** Within a few bfloat16 ulps: |a − e| ≤ rtol·|e| + atol, rtol a couple of 2⁻⁸. */
    private static void assertBf16Close(Tensor expected, Tensor actual, double atol, String what) {
        Golden.assertClose(expected, actual.to(DType.FLOAT32), 1.6e-2, atol, what);
    }

    @Test
    void linearForwardAndBackwardUnderAutocast() {
        Linear lin = new Linear(16, 4);
        lin.loadStateDict(Map.of("weight", g("linear.weight"), "bias", g("linear.bias")));
        Tensor x = g("linear.x").requiresGrad_();
        Tensor out, loss;
        try (var ac = Torch.autocast(Device.Type.CPU, DType.BFLOAT16)) {
            out = lin.forward(x);
            loss = F.mseLoss(out, g("linear.y"));
        }
        assertEquals(DType.BFLOAT16, out.dtype());
        assertEquals(DType.FLOAT32, loss.dtype());
        loss.backward();
        assertBf16Close(g("linear.out"), out, 1e-2, "out");
        assertBf16Close(g("linear.loss"), loss, 1e-3, "loss");
        assertEquals(DType.FLOAT32, lin.weight.grad().dtype(), "grads of float32 parameters are float32");
        assertEquals(DType.FLOAT32, x.grad().dtype());
        assertBf16Close(g("linear.weight.grad"), lin.weight.grad(), 2e-3, "weight.grad");
        assertBf16Close(g("linear.bias.grad"), lin.bias.grad(), 2e-3, "bias.grad");
        assertBf16Close(g("linear.x.grad"), x.grad(), 2e-3, "x.grad");
    }

    @Test
    void conv2dForwardAndBackwardUnderAutocast() {
        Conv2d conv = new Conv2d(3, 4, 3, 1, 1);
        conv.loadStateDict(Map.of("weight", g("conv.weight"), "bias", g("conv.bias")));
        Tensor x = g("conv.x").requiresGrad_();
        Tensor out, loss;
        try (var ac = Torch.autocast(Device.Type.CPU, DType.BFLOAT16)) {
            out = conv.forward(x);
            loss = out.to(DType.FLOAT32).pow(2).mean();
        }
        assertEquals(DType.BFLOAT16, out.dtype());
        loss.backward();
        assertBf16Close(g("conv.out"), out, 2e-2, "out");
        assertBf16Close(g("conv.loss"), loss, 1e-3, "loss");
        assertEquals(DType.FLOAT32, conv.weight.grad().dtype());
        assertBf16Close(g("conv.weight.grad"), conv.weight.grad(), 5e-3, "weight.grad");
        assertBf16Close(g("conv.bias.grad"), conv.bias.grad(), 5e-3, "bias.grad");
        assertBf16Close(g("conv.x.grad"), x.grad(), 5e-3, "x.grad");
    }

    @Test
    void mlpWithCrossEntropyUnderAutocast() {
        Sequential mlp = new Sequential(new Linear(20, 32), new ReLU(), new Linear(32, 5));
        Map<String, Tensor> state = new LinkedHashMap<>();
        for (String k : List.of("0.weight", "0.bias", "2.weight", "2.bias")) state.put(k, g("mlp." + k));
        mlp.loadStateDict(state);
        Tensor logits, loss;
        try (var ac = Torch.autocast(Device.Type.CPU, DType.BFLOAT16)) {
            logits = mlp.forward(g("mlp.x"));
            loss = F.crossEntropy(logits, g("mlp.y"));
        }
        assertEquals(DType.BFLOAT16, logits.dtype());
        assertEquals(DType.FLOAT32, loss.dtype());
        loss.backward();
        assertBf16Close(g("mlp.logits"), logits, 2e-2, "logits");
        assertBf16Close(g("mlp.loss"), loss, 1e-3, "loss");
        for (var e : mlp.namedParameters().entrySet()) {
            assertEquals(DType.FLOAT32, e.getValue().grad().dtype(), e.getKey());
            assertBf16Close(g("mlp." + e.getKey() + ".grad"), e.getValue().grad(), 2e-3, e.getKey() + ".grad");
        }
    }

    /**
     * bfloat16 mm accumulates in float32 and rounds the result once: equal to PyTorch's float32 product rounded to
     * bfloat16 up to one ulp (summation order), and never further from the exact product than Debian's PyTorch 1.13,
     * whose generic CPU gemm rounds every partial sum to bfloat16.
     */
    @Test
    void bfloat16MatmulAccumulatesInFloat32AndRoundsOnce() {
        Tensor a = g("bf16mm.a").to(DType.BFLOAT16), b = g("bf16mm.b").to(DType.BFLOAT16);
        Tensor out = a.mm(b);
        assertEquals(DType.BFLOAT16, out.dtype());
        float[] once = g("bf16mm.round_once").toFloatArray(), o = out.to(DType.FLOAT32).toFloatArray();
        double[] exact = g("bf16mm.exact").toDoubleArray();
        float[] pytorch = g("bf16mm.out").toFloatArray();
        int equal = 0;
        double ourError = 0, pytorchError = 0;
        for (int i = 0; i < once.length; i++) {
            float ulp = Math.ulp(Math.abs(once[i])) * 65536f; // bfloat16 keeps 8 of float32's 24 significand bits
            assertTrue(Math.abs(o[i] - once[i]) <= ulp, "element " + i + ": rounded once " + once[i] + ", ours " + o[i]);
            if (o[i] == once[i]) equal++;
            ourError += Math.abs(o[i] - exact[i]);
            pytorchError += Math.abs(pytorch[i] - exact[i]);
        }
        assertTrue(equal >= once.length * 0.95, equal + " of " + once.length + " equal");
        assertTrue(ourError <= pytorchError, "mean error " + ourError / once.length + " vs PyTorch's " + pytorchError / once.length);
    }
}
