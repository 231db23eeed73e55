package dev.jtorch.demo;

import dev.jtorch.Device;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OptionsAndProgressTest {
    @Test
    void optionsHaveTutorialDefaultsAndTheLearningRateFollowsTheOptimizer() {
        TrainOptions d = TrainOptions.parse(new String[0]);
        assertEquals(3, d.epochs());
        assertEquals(64, d.batchSize());
        assertEquals("adam", d.optimizer());
        assertEquals(1e-3, d.lr());
        assertEquals("mlp", d.model());
        assertTrue(d.progress());
        TrainOptions sgd = TrainOptions.parse(new String[]{"--optimizer", "SGD", "--epochs", "1", "--no-progress", "--data", "/x", "--model", "cnn"});
        assertEquals(0.1, sgd.lr());
        assertEquals("cnn", sgd.model());
        assertFalse(sgd.progress());
        assertEquals(Path.of("/x"), sgd.data());
        assertEquals(0.5, TrainOptions.parse(new String[]{"--lr", "0.5"}).lr());
        assertEquals(Device.CPU, d.device());
        assertEquals(Device.cuda(1), TrainOptions.parse(new String[]{"--device", "cuda:1"}).device());
        assertEquals(Device.cuda(0), TrainOptions.parse(new String[]{"--device", "cuda"}).device());
    }

    @Test
    void badOptionsSayWhatIsWrong() {
        assertEquals("unknown option --epoch", assertThrows(IllegalArgumentException.class, () -> TrainOptions.parse(new String[]{"--epoch", "1"})).getMessage());
        assertEquals("--epochs needs a value", assertThrows(IllegalArgumentException.class, () -> TrainOptions.parse(new String[]{"--epochs"})).getMessage());
        assertEquals("--optimizer must be one of adam, sgd, got rmsprop",
                assertThrows(IllegalArgumentException.class, () -> TrainOptions.parse(new String[]{"--optimizer", "rmsprop"})).getMessage());
        assertThrows(IllegalArgumentException.class, () -> TrainOptions.parse(new String[]{"--batch-size", "0"}));
        assertEquals("Expected one of cpu, cuda device type at start of device string: gpu",
                assertThrows(IllegalArgumentException.class, () -> TrainOptions.parse(new String[]{"--device", "gpu"})).getMessage());
    }

    @Test
    void aCudaDeviceThatIsNotThereIsRefusedWithPyTorchsReason() {
        // the demo's tests run without dev.jtorch.tensor.cuda on the module path: CUDA is never there
        var e = assertThrows(IllegalStateException.class, () -> Training.requireDevice(Device.cuda(0)));
        assertTrue(e.getMessage().startsWith("--device cuda:0: Torch not compiled with CUDA enabled"), e.getMessage());
        Training.requireDevice(Device.CPU);
    }

    private static String progress(Progress.Mode mode, long total) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Progress p = new Progress(out, mode, "epoch 1/1", total);
        for (long i = 1; i <= total; i++) p.update(i, 1.0 / i);
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void withoutATerminalOneLineIsPrintedPerTenthOfTheEpoch() {
        String lines = progress(Progress.Mode.LINES, 200);
        assertEquals(10, lines.lines().count(), lines);
        assertFalse(lines.contains("\r"));
        assertTrue(lines.lines().toList().getLast().startsWith("epoch 1/1 200/200 100% "), lines);
        assertTrue(lines.contains(" it/s loss 0.0050 in "), lines);
        assertEquals("", progress(Progress.Mode.OFF, 200));
    }

    @Test
    void onATerminalTheLineIsRedrawnInPlaceAndEndsWithANewline() {
        String drawn = progress(Progress.Mode.TERMINAL, 5);
        assertTrue(drawn.startsWith("\repoch 1/1 ["), drawn);
        assertTrue(drawn.endsWith("\n") && drawn.contains("5/5 100%"), drawn);
        assertEquals(1, drawn.chars().filter(c -> c == '\n').count(), "one newline, at the end");
    }
}
