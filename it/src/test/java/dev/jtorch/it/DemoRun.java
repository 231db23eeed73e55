package dev.jtorch.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a training run of the demo printed and wrote: checked the same way by every test that trains. */
final class DemoRun {
    private DemoRun() {}

    static final String DEMO = "dev.jtorch.demo/dev.jtorch.demo.Demo";
    private static final Pattern ACCURACY = Pattern.compile("(?m)^test accuracy: (\\d+\\.\\d+)%");
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    /**
     * Asserts the run ended well (exit 0, the backend named, a test accuracy line, the checkpoint and the PNG written
     * into {@code out} under {@code stem}) and returns the test accuracy in percent.
     */
    static double assertTrained(Jdk.Run run, Path out, String stem) throws Exception {
        assertEquals(0, run.exitCode(), run::output);
        assertTrue(run.output().lines().anyMatch(l -> l.startsWith("backend: simd")), () -> "no backend line:\n" + run.output());
        Matcher m = ACCURACY.matcher(run.output());
        assertTrue(m.find(), () -> "no test accuracy line:\n" + run.output());
        Path checkpoint = out.resolve(stem + ".safetensors"), curves = out.resolve(stem + ".png");
        assertTrue(Files.size(checkpoint) > 1000, () -> checkpoint + " is missing or too small:\n" + run.output());
        byte[] png = Files.readAllBytes(curves);
        assertArrayEquals(PNG_SIGNATURE, Arrays.copyOf(png, 8), curves + " is not a PNG");
        return Double.parseDouble(m.group(1));
    }
}
