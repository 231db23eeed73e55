package dev.jtorch.nn;

import dev.jtorch.Tensor;
import dev.jtorch.Torch;
import dev.jtorch.io.Npz;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static dev.jtorch.nn.ConvPoolNormGoldenTest.close;
import static dev.jtorch.nn.ConvPoolNormGoldenTest.golden;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The layers against PyTorch 1.13 (tools/golden/gen_conv_layer_fixtures.py): initialisation, BatchNorm state, reprs. */
class ConvPoolNormLayersTest {
    @Test
    void defaultInitialisationEqualsPyTorchAfterTheSameSeed() throws IOException {
        Map<String, Tensor> z = Npz.load(golden("conv_layers").resolve("init.npz"));
        Torch.manualSeed(0);
        List<Module> layers = List.of(new Conv2d(1, 32, 3), new Conv2d(32, 64, 3),
                new Conv1d(4, 6, 5, 1, 0, 1, 1, false),
                new ConvTranspose2d(4, 6, new int[]{3}, new int[]{1}, new int[]{0}, new int[]{0}, 2, true, new int[]{1}),
                new Conv2d(4, 8, new int[]{3, 2}, new int[]{1}, new int[]{0}, new int[]{1}, 4, true));
        int count = 0;
        for (int i = 0; i < layers.size(); i++) {
            for (var e : layers.get(i).namedParameters().entrySet()) {
                Tensor expected = z.get(i + "." + e.getKey());
                assertArrayEquals(expected.size().toArray(), e.getValue().size().toArray(), i + "." + e.getKey());
                // The generator is bit-compatible with PyTorch's: equal, not merely close.
                assertEquals(0.0, e.getValue().detach().sub(expected).abs().max().item(), i + "." + e.getKey());
                count++;
            }
        }
        assertEquals(z.size(), count);
    }

    @TestFactory
    Stream<DynamicTest> batchNormTrainsThenEvaluatesAsPyTorch() {
        return Stream.of("bn2d_momentum", "bn2d_cumulative", "bn1d_momentum", "bn1d_no_stats")
                .map(name -> DynamicTest.dynamicTest(name, () -> batchNorm(name)));
    }

    private static void batchNorm(String name) throws IOException {
        Map<String, Tensor> z = Npz.load(golden("conv_layers").resolve(name + ".npz"));
        BatchNormBase bn = switch (name) {
            case "bn2d_momentum" -> new BatchNorm2d(3);
            case "bn2d_cumulative" -> new BatchNorm2d(3, 1e-5, null, true, true);
            case "bn1d_momentum" -> new BatchNorm1d(4, 1e-3, 0.3, true, true);
            default -> new BatchNorm1d(4, 1e-5, 0.1, false, false);
        };
        if (bn.affine) {
            bn.weight.detach().copy_(z.get("weight0"));
            bn.bias.detach().copy_(z.get("bias0"));
        } else {
            assertNull(bn.weight);
        }
        for (int step = 0; step < 4; step++) {
            if (step == 3) bn.eval();
            Tensor x = z.get("x" + step).clone().requiresGrad_();
            Tensor y = bn.forward(x);
            close(name + " y" + step, z.get("y" + step), y);
            y.backward(z.get("gy" + step));
            close(name + " gx" + step, z.get("gx" + step), x.grad());
            if (bn.trackRunningStats) {
                close(name + " running_mean " + step, z.get("rm" + step), bn.runningMean);
                close(name + " running_var " + step, z.get("rv" + step), bn.runningVar);
                assertEquals(z.get("nbt" + step).toLongArray()[0], bn.numBatchesTracked.toLongArray()[0]);
            }
        }
        if (bn.affine) {
            close(name + " weight grad", z.get("gw"), bn.weight.grad());
            close(name + " bias grad", z.get("gb"), bn.bias.grad());
        }
    }

    /** A small CNN in a Sequential, built after manual_seed(0), trained three SGD steps: PyTorch's losses and weights. */
    @Test
    void smallCnnTrainsAsPyTorch() throws IOException {
        Map<String, Tensor> z = Npz.load(golden("conv_layers").resolve("cnn_sgd.npz"));
        Torch.manualSeed(0);
        Sequential cnn = new Sequential(new Conv2d(1, 8, 3), new ReLU(), new MaxPool2d(2), new Conv2d(8, 16, 3), new ReLU(),
                new MaxPool2d(2), new Flatten(), new Linear(16 * 5 * 5, 10));
        for (var e : cnn.namedParameters().entrySet()) {
            assertEquals(0.0, e.getValue().detach().sub(z.get("init." + e.getKey())).abs().max().item(), "init." + e.getKey());
        }
        Tensor x = z.get("x"), target = z.get("target");
        double[] losses = z.get("losses").toDoubleArray();
        for (int step = 0; step < 3; step++) {
            Tensor loss = dev.jtorch.nn.functional.F.crossEntropy(cnn.forward(x), target);
            cnn.zeroGrad();
            loss.backward();
            try (var ignored = dev.jtorch.GradMode.noGrad()) {
                for (Tensor p : cnn.parameters()) p.add_(p.grad(), -0.1);
            }
            assertEquals(losses[step], loss.item(), 1e-5, "loss at step " + step);
        }
        for (var e : cnn.namedParameters().entrySet()) close("final." + e.getKey(), z.get("final." + e.getKey()), e.getValue());
    }

    @Test
    void batchNormStateDictKeysAndInputRankChecks() {
        assertEquals(List.of("weight", "bias", "running_mean", "running_var", "num_batches_tracked"),
                List.copyOf(new BatchNorm2d(3).stateDict().keySet()));
        assertEquals(List.of(), List.copyOf(new BatchNorm1d(4, 1e-5, 0.1, false, false).stateDict().keySet()));
        assertEquals("expected 4D input (got 3D input)",
                assertThrows(IllegalArgumentException.class, () -> new BatchNorm2d(3).forward(Torch.randn(2, 3, 4))).getMessage());
        assertEquals("expected 2D or 3D input (got 4D input)",
                assertThrows(IllegalArgumentException.class, () -> new BatchNorm1d(3).forward(Torch.randn(2, 3, 4, 4))).getMessage());
    }

    @Test
    void reprsAsPyTorch() throws IOException {
        List<String> expected = Files.readAllLines(golden("conv_layers").resolve("reprs.txt"));
        int[] one = {1};
        List<Module> layers = List.of(
                new Conv2d(1, 32, 3),
                new Conv2d(4, 8, new int[]{3, 2}, new int[]{2, 1}, new int[]{1, 0}, new int[]{2}, 2, false),
                new Conv2d(2, 2, new int[]{3}, one, "same", one, 1, true),
                new Conv1d(4, 6, 5),
                new Conv1d(4, 6, 5, 2, 1, 2, 2, true),
                new Conv1d(2, 2, 3, 1, "valid", 1, 1, false),
                new ConvTranspose2d(4, 6, 3),
                new ConvTranspose2d(4, 6, new int[]{3, 2}, new int[]{2}, new int[]{1}, new int[]{1}, 2, false, one),
                new MaxPool2d(2),
                new MaxPool2d(new int[]{3, 2}, new int[]{2, 1}, new int[]{1}, new int[]{2}, false, true),
                new AvgPool2d(2),
                new AvgPool2d(new int[]{3}, new int[]{2}, new int[]{1}, true, false, null),
                new AdaptiveAvgPool2d(1),
                new AdaptiveAvgPool2d(5, 7),
                new AdaptiveAvgPool2d(-1, 7),
                new BatchNorm2d(3),
                new BatchNorm1d(4, 1e-3, null, false, false),
                new LayerNorm(10),
                new LayerNorm(new long[]{4, 5}, 1e-6, false),
                new GroupNorm(3, 6),
                new GroupNorm(2, 4, 0.001, false));
        assertEquals(expected.size(), layers.size());
        for (int i = 0; i < layers.size(); i++) assertEquals(expected.get(i), layers.get(i).toString());
    }
}
