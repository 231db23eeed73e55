package dev.jtorch.nn;

import dev.jtorch.DType;
import dev.jtorch.Tensor;
import dev.jtorch.Torch;
import dev.jtorch.nn.functional.F;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.jtorch.nn.Golden.s;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Module bookkeeping, reprs, state dicts and their errors, checked against PyTorch's strings. */
class ModuleTest {

    /** The PyTorch twin is Net in gen_nn_fixtures.py. */
    static final class Net extends Module {
        final Linear fc1;
        final ReLU act;
        final Dropout drop;
        Linear fc2;
        final Tensor steps;

        Net() {
            fc1 = registerModule("fc1", new Linear(784, 256));
            act = registerModule("act", new ReLU());
            drop = registerModule("drop", new Dropout(0.2));
            fc2 = registerModule("fc2", new Linear(256, 10));
            steps = registerBuffer("steps", Torch.zeros(new long[]{1}, DType.INT64));
            registerBuffer("scratch", Torch.zeros(2), false);
        }

        @Override
        public Tensor forward(Tensor x) { return fc2.forward(drop.forward(act.forward(fc1.forward(x)))); }
    }

    static Sequential mlp() {
        return new Sequential(new Linear(784, 256), new ReLU(), new Linear(256, 128), new ReLU(), new Linear(128, 10));
    }

    static Sequential nested() {
        LinkedHashMap<String, Module> dict = new LinkedHashMap<>();
        dict.put("a", new SiLU());
        dict.put("b", new Sigmoid());
        return new Sequential(new Flatten(), new Sequential(new Linear(4, 3, false), new LeakyReLU(0.2)),
                new ModuleList(new ELU(), new GELU(), new GELU("tanh")), new ModuleDict(dict), new Tanh(), new Softmax(1),
                new LogSoftmax(-1), new Dropout(), new Identity(), new Unflatten(1, 2, 5), new Embedding(10, 3, 0L),
                new Embedding(7, 2), new Bilinear(2, 3, 4), new ELU(0.5), new Flatten(0, 2), new Unflatten(0, 3),
                new LeakyReLU(1e-05));
    }

    @Test
    void reprsAreExactlyPyTorchs() {
        assertEquals(s("repr.sequential"), mlp().toString());
        assertEquals(s("repr.net"), new Net().toString());
        assertEquals(s("repr.nested"), nested().toString());
        List<String> losses = new ArrayList<>();
        for (Module m : new Module[]{new CrossEntropyLoss(), new NLLLoss(), new MSELoss(), new L1Loss(), new SmoothL1Loss(),
                new HuberLoss(), new BCELoss(), new BCEWithLogitsLoss(), new KLDivLoss(), new MarginRankingLoss(),
                new HingeEmbeddingLoss(), new SoftMarginLoss(), new MultiLabelSoftMarginLoss(), new CosineEmbeddingLoss(),
                new TripletMarginLoss(), new PoissonNLLLoss(), new GaussianNLLLoss()}) losses.add(m.toString());
        assertEquals(s("repr.losses"), String.join("\n", losses));
        List<String> activations = new ArrayList<>();
        for (Module m : new Module[]{new Softplus(), new Softplus(2.0, 10.0), new Hardtanh(), new Hardtanh(-2.0, 3.5),
                new ReLU6(), new LogSigmoid(), new Mish(), new Hardswish(), new Hardsigmoid(), new SELU(), new CELU(),
                new CELU(0.5), new Softsign(), new Tanhshrink(), new Softshrink(), new Softshrink(1.0), new Hardshrink(),
                new Threshold(0.1, 20.0), new GLU(), new GLU(1), new PReLU(), new PReLU(3, 0.1)}) {
            activations.add(m.toString());
        }
        assertEquals(s("repr.activations"), String.join("\n", activations));
        assertEquals(s("keys.prelu"), String.join("\n", new PReLU(3).stateDict().keySet()));
        List<String> layers = new ArrayList<>();
        for (Module m : new Module[]{new MaxPool1d(3), new MaxPool1d(3, 2, 1, 2, true), new AvgPool1d(3), new AvgPool1d(3, 2, 1, true, false),
                new AdaptiveAvgPool1d(5), new AdaptiveMaxPool2d(3, 4), new AdaptiveMaxPool2d(1), new PixelShuffle(2), new PixelUnshuffle(3),
                new Softmin(1), new Dropout1d(), new Dropout2d(0.3), new Upsample(2.0),
                new Upsample(new long[]{4, 5}, null, "bilinear", true), new ZeroPad2d(2), new ZeroPad2d(1, 2, 3, 4),
                new ConstantPad1d(2, 3.5), new ConstantPad2d(new long[]{1, 2, 0, 1}, -1.0), new ReflectionPad1d(2),
                new ReflectionPad2d(1, 1, 2, 0), new ReplicationPad1d(3, 1), new ReplicationPad2d(1), new InstanceNorm1d(3),
                new InstanceNorm2d(4, 1e-5, 0.1, true, true), new CosineSimilarity(), new PairwiseDistance()}) {
            layers.add(m.toString());
        }
        assertEquals(s("repr.layers2"), String.join("\n", layers));
        assertEquals(s("keys.inorm"), String.join("\n", new InstanceNorm2d(4, 1e-5, 0.1, true, true).stateDict().keySet()));
    }

    /** Running stats are the mean over the batch of each sample's update, as PyTorch's; eval then uses them. */
    @Test
    void instanceNormTracksRunningStatsAsPyTorch() {
        InstanceNorm2d m = new InstanceNorm2d(8, 1e-5, 0.1, true, true);
        try (var ignored = dev.jtorch.GradMode.noGrad()) {
            m.weight.copy_(Golden.t("inorm.weight"));
            m.bias.copy_(Golden.t("inorm.bias"));
        }
        Tensor img = Golden.t("inorm.input");
        Golden.assertClose(Golden.t("inorm.train_out"), m.forward(img), "train output");
        Golden.assertClose(Golden.t("inorm.running_mean"), m.runningMean, "running mean");
        Golden.assertClose(Golden.t("inorm.running_var"), m.runningVar, "running var");
        m.eval();
        Golden.assertClose(Golden.t("inorm.eval_out"), m.forward(img.select(0, 0)), "eval output, unbatched");
    }

    @Test
    void layerRefusalsAsPyTorch() {
        assertEquals(s("err.pixel_shuffle"), assertThrows(IllegalArgumentException.class,
                () -> new PixelShuffle(2).forward(Torch.ones(1, 5, 2, 2))).getMessage());
        assertEquals(s("err.pixel_unshuffle"), assertThrows(IllegalArgumentException.class,
                () -> new PixelUnshuffle(2).forward(Torch.ones(1, 1, 5, 4))).getMessage());
        assertEquals(s("err.dropout1d"), assertThrows(IllegalArgumentException.class,
                () -> new Dropout1d().forward(Torch.ones(2, 2, 2, 2))).getMessage());
    }

    @Test
    void namesAndOrderAsPyTorch() {
        Sequential n = nested();
        assertEquals(s("keys.nested"), String.join("\n", n.stateDict().keySet()));
        assertEquals(s("keys.nested.params"), String.join("\n", n.namedParameters().keySet()));
        assertEquals(s("keys.nested.modules"), String.join("\n", n.namedModules().keySet()));
        assertEquals(s("keys.net"), String.join("\n", new Net().stateDict().keySet()));
        assertEquals(s("keys.net.buffers"), String.join("\n", new Net().namedBuffers().keySet()));
        assertEquals(s("keys.celoss"), String.join("\n", new CrossEntropyLoss(Torch.ones(3), -100, "mean", 0).stateDict().keySet()));
        Net net = new Net();
        assertEquals(List.of(net.fc1, net.act, net.drop, net.fc2), net.children());
        assertEquals(List.of(net.fc1.weight, net.fc1.bias, net.fc2.weight, net.fc2.bias), net.parameters());
        assertEquals(List.of(net.fc1.weight, net.fc1.bias), net.fc1.parameters(false));
        assertEquals(List.of(), net.parameters(false));
        assertSame(net.fc2.bias, net.getParameter("fc2.bias"));
        assertSame(net.fc1, net.getSubmodule("fc1"));
        assertEquals("Net has no attribute `fc3`", assertThrows(IllegalArgumentException.class, () -> net.getSubmodule("fc3")).getMessage());
    }

    @Test
    void sharedParametersAndModulesAreListedOnce() {
        Linear shared = new Linear(3, 3);
        Sequential s = new Sequential(shared, new ReLU(), shared);
        assertEquals(2, s.parameters().size());
        assertEquals(List.of("0.weight", "0.bias"), new ArrayList<>(s.namedParameters().keySet()));
        assertEquals(List.of("", "0", "1"), new ArrayList<>(s.namedModules().keySet()));
        Tensor x = Torch.randn(2, 3);
        assertTrue(shared.forward(Torch.relu(shared.forward(x))).equal(s.forward(x)), "the shared layer runs twice");
    }

    @Test
    void registrationErrorsAsPyTorch() {
        Module m = new Module() {};
        assertEquals("parameter name can't contain \".\"", assertThrows(IllegalArgumentException.class, () -> m.registerParameter("a.b", null)).getMessage());
        assertEquals("parameter name can't be empty string \"\"", assertThrows(IllegalArgumentException.class, () -> m.registerParameter("", null)).getMessage());
        assertEquals("buffer name can't contain \".\"", assertThrows(IllegalArgumentException.class, () -> m.registerBuffer("a.b", null)).getMessage());
        assertEquals("module name can't contain \".\", got: a.b", assertThrows(IllegalArgumentException.class, () -> m.registerModule("a.b", null)).getMessage());
        m.registerBuffer("x", null);
        assertEquals("attribute 'x' already exists", assertThrows(IllegalArgumentException.class, () -> m.registerParameter("x", null)).getMessage());
        assertEquals(s("err.forward"), assertThrows(UnsupportedOperationException.class, () -> m.forward(Torch.ones(1))).getMessage());
        Tensor leaf = Torch.ones(2).requiresGrad_();
        assertThrows(IllegalArgumentException.class, () -> m.registerParameter("w", leaf.mul(2)));
    }

    @Test
    void strictLoadingErrorsAsPyTorchAndNothingChanges() {
        Torch.manualSeed(0);
        Linear lin = new Linear(4, 3);
        Tensor before = lin.weight.detach().clone();
        Map<String, Tensor> bad = new LinkedHashMap<>();
        bad.put("weight", Torch.zeros(3, 5));
        bad.put("foo", Torch.zeros(1));
        bad.put("bar", Torch.zeros(2));
        assertEquals(s("err.strict"), assertThrows(IllegalArgumentException.class, () -> lin.loadStateDict(bad)).getMessage());
        assertTrue(before.equal(lin.weight.detach()));

        Sequential seq = mlp();
        Map<String, Tensor> sd = new LinkedHashMap<>(mlp().stateDict());
        sd.remove("2.bias");
        Tensor w0 = seq.get(0) instanceof Linear l ? l.weight.detach().clone() : null;
        assertEquals(s("err.missing"), assertThrows(IllegalArgumentException.class, () -> seq.loadStateDict(sd)).getMessage());
        assertTrue(w0.equal(((Linear) seq.get(0)).weight.detach()), "no entry copied when the load fails");

        assertEquals(s("err.shape_nonstrict"), assertThrows(IllegalArgumentException.class,
                () -> lin.loadStateDict(Map.of("weight", Torch.zeros(4, 3)), false)).getMessage());
        assertTrue(before.equal(lin.weight.detach()));

        Map<String, Tensor> partial = new LinkedHashMap<>();
        partial.put("weight", Torch.zeros(3, 4));
        partial.put("x.y", Torch.zeros(1));
        Module.IncompatibleKeys r = lin.loadStateDict(partial, false);
        assertEquals(s("nonstrict.result"), "[" + quote(r.missingKeys()) + "] [" + quote(r.unexpectedKeys()) + "]");
        assertEquals(0.0, lin.weight.detach().abs().sum().item());
        assertTrue(lin.weight.requiresGrad() && lin.weight.isLeaf(), "loading keeps the parameter a trainable leaf");
    }

    private static String quote(List<String> keys) {
        return String.join(", ", keys.stream().map(k -> "'" + k + "'").toList());
    }

    @Test
    void loadStateDictCopiesIntoTheSameTensors() {
        Sequential a = mlp(), b = mlp();
        Tensor w = ((Linear) b.get(4)).weight;
        b.loadStateDict(a.stateDict());
        assertSame(w, ((Linear) b.get(4)).weight);
        Tensor x = Torch.randn(2, 784);
        assertTrue(a.forward(x).equal(b.forward(x)));
        // state dict entries share storage with the module, without history
        Tensor entry = a.stateDict().get("0.bias");
        assertFalse(entry.requiresGrad());
    }

    @Test
    void trainEvalZeroGradAndFreezing() {
        Net net = new Net();
        assertTrue(net.isTraining() && net.drop.isTraining());
        net.eval();
        assertFalse(net.isTraining() || net.drop.isTraining() || net.fc1.isTraining());
        net.train();
        assertTrue(net.fc2.isTraining());

        F.crossEntropy(net.forward(Torch.randn(3, 784)), Torch.tensor(new long[]{1, 2, 3})).backward();
        assertTrue(net.fc1.weight.grad() != null);
        net.zeroGrad(false);
        assertEquals(0.0, net.fc1.weight.grad().abs().sum().item());
        net.zeroGrad();
        assertNull(net.fc1.weight.grad());

        // fine-tuning (the seed's example): freeze everything, replace the head, only the head trains
        net.requiresGrad_(false);
        net.fc2 = net.registerModule("fc2", new Linear(256, 4));
        assertEquals(List.of("fc1", "act", "drop", "fc2"), new ArrayList<>(net.namedChildren().keySet()));
        List<Tensor> trainable = net.parameters().stream().filter(Tensor::requiresGrad).toList();
        assertEquals(List.of(net.fc2.weight, net.fc2.bias), trainable);
        F.crossEntropy(net.forward(Torch.randn(3, 784)), Torch.tensor(new long[]{0, 1, 3})).backward();
        assertNull(net.fc1.weight.grad());
        assertTrue(net.fc2.weight.grad() != null);
    }

    @Test
    void toDtypeConvertsInPlaceKeepingIdentityAndIntegerBuffers() {
        Net net = new Net();
        Tensor w = net.fc1.weight;
        net.forward(Torch.randn(2, 784)).sum().backward();
        net.to(DType.FLOAT64);
        assertSame(w, net.fc1.weight);
        assertEquals(DType.FLOAT64, w.dtype());
        assertEquals(DType.FLOAT64, w.grad().dtype());
        assertTrue(w.requiresGrad() && w.isLeaf());
        assertEquals(DType.INT64, net.steps.dtype(), "integer buffers are left alone");
        Tensor y = net.forward(Torch.randn(new long[]{2, 784}, DType.FLOAT64));
        assertEquals(DType.FLOAT64, y.dtype());
        Tensor gradBefore = w.grad().clone();
        y.sum().backward();
        assertEquals(DType.FLOAT64, w.grad().dtype());
        assertFalse(gradBefore.equal(w.grad()), "backward accumulates into the converted gradient");
        assertEquals(s("err.to_int"), assertThrows(IllegalArgumentException.class, () -> net.to(DType.INT64)).getMessage());
    }

    @Test
    void applyVisitsChildrenFirst() {
        Sequential s = new Sequential(new Linear(2, 2), new Sequential(new ReLU()));
        List<String> seen = new ArrayList<>();
        s.apply(m -> seen.add(m.getClass().getSimpleName()));
        assertEquals(List.of("Linear", "ReLU", "Sequential", "Sequential"), seen);
    }

    @Test
    void containers() {
        Sequential s = mlp();
        assertEquals(5, s.size());
        assertTrue(s.get(-1) instanceof Linear l && l.outFeatures == 10);
        Sequential head = s.slice(2, 5);
        assertEquals(List.of("2", "3", "4"), new ArrayList<>(head.namedChildren().keySet()));
        s.remove(1);
        assertEquals(List.of("0", "1", "2", "3"), new ArrayList<>(s.namedChildren().keySet()));
        assertThrows(IndexOutOfBoundsException.class, () -> s.get(4));

        ModuleList list = new ModuleList(new ReLU(), new Tanh());
        list.insert(1, new Sigmoid());
        assertEquals("ModuleList(\n  (0): ReLU()\n  (1): Sigmoid()\n  (2): Tanh()\n)", list.toString());
        ModuleDict dict = new ModuleDict().put("x", new ReLU()).put("y", new Tanh());
        dict.put("x", new SiLU());
        assertEquals("ModuleDict(\n  (x): SiLU()\n  (y): Tanh()\n)", dict.toString());
        assertEquals("Identity()", new Identity().toString());
    }

    @Test
    void embeddingPaddingRowGetsNoGradientAndStartsAtZero() {
        Torch.manualSeed(1);
        Embedding e = new Embedding(4, 2, -1L);
        assertEquals(3L, e.paddingIdx);
        assertEquals(0.0, e.weight.detach().get("3").abs().sum().item());
        e.forward(Torch.tensor(new long[]{3, 1, 3})).sum().backward();
        assertArrayEquals(new float[]{0, 0, 1, 1, 0, 0, 0, 0}, e.weight.grad().toFloatArray());
        Embedding frozen = Embedding.fromPretrained(Torch.eye(3), true, null);
        assertFalse(frozen.weight.requiresGrad());
        assertEquals("Embedding(3, 3)", frozen.toString());
    }
}
