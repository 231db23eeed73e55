package dev.jtorch.nn;

import dev.jtorch.Tensor;
import dev.jtorch.Torch;
import dev.jtorch.io.Npz;
import dev.jtorch.io.SafeTensors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

import static dev.jtorch.nn.Golden.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Saving and loading models as safetensors, with a file written from a real torch nn.Sequential. */
class CheckpointTest {
    @TempDir
    Path dir;

    static Sequential model() { return new Sequential(new Linear(4, 8), new ReLU(), new Linear(8, 3)); }

    @Test
    void aPyTorchStateDictLoadsAndGivesPyTorchsOutput() throws IOException {
        Sequential m = model();
        m.load(Golden.resource("model.safetensors"));
        Map<String, Tensor> io = Npz.load(Golden.resource("model_io.npz"));
        assertClose(io.get("output"), m.forward(io.get("input")), 1e-6, 1e-6, "output of the loaded model");
        assertTrue(((Linear) m.get(0)).weight.requiresGrad(), "loaded parameters stay trainable");
        // the same seed gives the same weights in Java too: the file holds exactly our defaults
        Torch.manualSeed(0);
        Sequential fresh = model();
        fresh.stateDict().forEach((k, v) -> assertTrue(v.equal(m.stateDict().get(k)), k));
    }

    @Test
    void saveThenLoadRoundTrips() throws IOException {
        Sequential a = model(), b = model();
        Path p = dir.resolve("ckpt.safetensors");
        a.save(p);
        assertEquals(Map.of("format", "pt"), SafeTensors.read(p).metadata());
        b.load(p);
        Tensor x = Torch.randn(5, 4);
        assertTrue(a.forward(x).equal(b.forward(x)));
    }

    /**
     * Leaves a Java-written checkpoint, an input and the Java output under target/safetensors-from-java/ for
     * tools/golden/check_java_safetensors.py, which loads them into real PyTorch (run by hand; CI has no Python).
     */
    @Test
    void writesACheckpointForThePythonCheck() throws IOException {
        Path out = Path.of("target", "safetensors-from-java");
        Files.createDirectories(out);
        Torch.manualSeed(42);
        Sequential m = model();
        m.save(out.resolve("model.safetensors"));
        Tensor x = Torch.randn(3, 4);
        dev.jtorch.io.Npy.save(out.resolve("input.npy"), x);
        dev.jtorch.io.Npy.save(out.resolve("output.npy"), m.forward(x).detach());
        Sequential back = model();
        back.load(out.resolve("model.safetensors"));
        assertTrue(back.forward(x).equal(m.forward(x)));
    }

    @Test
    void aCorruptOrMismatchedCheckpointLeavesTheModelUnchanged() throws IOException {
        Sequential a = model();
        Path p = dir.resolve("ckpt.safetensors");
        a.save(p);
        byte[] bytes = Files.readAllBytes(p);
        Path cut = dir.resolve("cut.safetensors");
        Files.write(cut, Arrays.copyOf(bytes, bytes.length - 5));
        Sequential b = model();
        Map<String, Tensor> before = b.stateDict();
        Map<String, Tensor> snapshot = new java.util.LinkedHashMap<>();
        before.forEach((k, v) -> snapshot.put(k, v.clone()));
        IOException e = assertThrows(IOException.class, () -> b.load(cut));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        Sequential wider = new Sequential(new Linear(4, 9), new ReLU(), new Linear(9, 3));
        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class, () -> wider.load(p));
        assertTrue(shape.getMessage().startsWith("Error(s) in loading state_dict for Sequential:\n\tsize mismatch for 0.weight"), shape.getMessage());
        snapshot.forEach((k, v) -> assertTrue(v.equal(b.stateDict().get(k)), k));
    }
}
