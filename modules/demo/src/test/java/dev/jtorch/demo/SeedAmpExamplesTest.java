package dev.jtorch.demo;

import dev.jtorch.DType;
import dev.jtorch.Device;
import dev.jtorch.Tensor;
import dev.jtorch.Torch;
import dev.jtorch.io.Npz;
import dev.jtorch.nn.Linear;
import dev.jtorch.nn.Module;
import dev.jtorch.nn.ReLU;
import dev.jtorch.nn.Sequential;
import dev.jtorch.nn.functional.F;
import dev.jtorch.optim.Optimizer;
import dev.jtorch.optim.SGD;
import dev.jtorch.optim.amp.GradScaler;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The seed's two mixed-precision training loops, on the CPU with bfloat16 autocast: autocast alone, then autocast
 * with a GradScaler. Started from the weights and data of tools/golden/gen_autocast_fixtures.py, they lose what
 * PyTorch 1.13 loses step by step (its GradScaler arithmetic written out there, 1.13's class being CUDA-only).
 */
class SeedAmpExamplesTest {
    private static final int STEPS = 30;

    private static Map<String, Tensor> fixture() throws IOException {
        try {
            return Npz.load(Path.of(SeedAmpExamplesTest.class.getResource("/golden/seed/amp_init.npz").toURI()));
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Double> pytorchLosses(String loop) throws IOException {
        try (InputStream in = SeedAmpExamplesTest.class.getResourceAsStream("/golden/seed/amp_losses.txt")) {
            String line = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> l.startsWith(loop + " ")).findFirst().orElseThrow();
            return Arrays.stream(line.substring(loop.length() + 1).split(" ")).map(Double::parseDouble).toList();
        }
    }

    private static Module model(Map<String, Tensor> f) {
        Module model = new Sequential(new Linear(10, 32), new ReLU(), new Linear(32, 3));
        Map<String, Tensor> state = new LinkedHashMap<>();
        for (String k : List.of("0.weight", "0.bias", "2.weight", "2.bias")) state.put(k, f.get("init." + k));
        model.loadStateDict(state);
        return model;
    }

    private static Tensor computeLoss(Tensor output, Tensor gt) { return F.crossEntropy(output, gt); }

    /**
     * Within 0.3%: Debian's PyTorch rounds the partial sums of its bfloat16 matrix products where jtorch rounds once
     * (AutocastGoldenTest), so the runs drift apart a little (about 0.1% after 30 steps).
     */
    private static void assertLossesFollow(List<Double> expected, List<Double> actual) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            double e = expected.get(i), a = actual.get(i);
            assertTrue(Math.abs(a - e) <= 3e-3 * Math.abs(e), "step " + i + ": PyTorch's loss " + e + ", ours " + a);
        }
        assertTrue(actual.getLast() < 0.7 * actual.getFirst(), "the loss goes down: " + actual.getFirst() + " -> " + actual.getLast());
    }

    /* with amp.autocast():
           output = model(data)
           total_loss = compute_loss(output, GT)
       total_loss.backward(); optimizer.step() */
    private static List<Double> autocastLoop(Map<String, Tensor> f) {
        Module model = model(f);
        Tensor data = f.get("data"), gt = f.get("gt");
        Optimizer optimizer = new SGD(model.parameters(), 0.1);
        List<Double> losses = new ArrayList<>();
        for (int step = 0; step < STEPS; step++) {
            optimizer.zeroGrad();
            Tensor output, totalLoss;
            try (var ac = Torch.autocast(Device.Type.CPU, DType.BFLOAT16)) {
                output = model.forward(data);
                totalLoss = computeLoss(output, gt);
            }
            assertEquals(DType.BFLOAT16, output.dtype());
            assertEquals(DType.FLOAT32, totalLoss.dtype());
            totalLoss.backward();
            optimizer.step();
            losses.add(totalLoss.item());
        }
        return losses;
    }

    /* scaler = amp.GradScaler()
       with amp.autocast():
           output = model(data); total_loss = compute_loss(output, GT)
       scaler.scale(total_loss).backward(); scaler.step(optimizer); scaler.update() */
    private static List<Double> gradScalerLoop(Map<String, Tensor> f) {
        Module model = model(f);
        Tensor data = f.get("data"), gt = f.get("gt");
        Optimizer optimizer = new SGD(model.parameters(), 0.1);
        GradScaler scaler = new GradScaler();
        List<Double> losses = new ArrayList<>();
        for (int step = 0; step < STEPS; step++) {
            optimizer.zeroGrad();
            Tensor output, totalLoss;
            try (var ac = Torch.autocast(Device.Type.CPU, DType.BFLOAT16)) {
                output = model.forward(data);
                totalLoss = computeLoss(output, gt);
            }
            scaler.scale(totalLoss).backward();
            assertTrue(scaler.step(optimizer), "bfloat16 has float32's range: no inf at scale 65536");
            scaler.update();
            losses.add(totalLoss.item());
        }
        assertEquals(65536.0, scaler.getScale());
        assertEquals(STEPS, scaler.getGrowthTracker());
        return losses;
    }

    @Test
    void autocastTrainingLoop() throws IOException {
        assertLossesFollow(pytorchLosses("autocast"), autocastLoop(fixture()));
    }

    @Test
    void gradScalerTrainingLoop() throws IOException {
        Map<String, Tensor> f = fixture();
        List<Double> scaled = gradScalerLoop(f);
        assertLossesFollow(pytorchLosses("grad_scaler"), scaled);
        // scaling by 2¹⁶ and back is exact, in bfloat16 as in float32: the same run as autocast alone
        assertEquals(autocastLoop(f), scaled);
    }
}
