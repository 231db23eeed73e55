package dev.jtorch.it;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * jlink builds a self-contained runtime from the packaged jars (JDK 25 links from its own run-time image, no
 * jmods needed); the demo runs from it with no extra flags and prints what PyTorch prints.
 */
class JlinkImageIT {
    private static final String DEMO = "dev.jtorch.demo/dev.jtorch.demo.Demo";

    @Test
    void demoRunsFromAJlinkedRuntime() throws Exception {
        Path image = Workspace.scratch("jlink-image").resolve("jtorch");
        // The demo needs only the API; the backend is a service, and jlink does not bind services
        // unless told, so it is named. jdk.incubator.vector comes with it (the backend requires it).
        Jdk.Run link = Jdk.jlink(List.of(
                "--module-path", Workspace.mods().toString(),
                "--add-modules", "dev.jtorch.demo,dev.jtorch.tensor.simd",
                "--launcher", "jtorch-demo=" + DEMO,
                "--strip-debug", "--no-header-files", "--no-man-pages", "--compress=zip-6",
                "--output", image.toString()));
        assertEquals(0, link.exitCode(), () -> "jlink failed:\n" + link.output());

        Path java = image.resolve("bin").resolve("java");
        Jdk.Run modules = Jdk.run(List.of(java.toString(), "--list-modules"));
        assertEquals(0, modules.exitCode(), modules::output);
        assertTrue(modules.output().contains("jdk.incubator.vector"), modules::output);
        recordSize(image, modules.output());

        List<String> expected = expectedTensors();
        Jdk.Run viaJava = Jdk.run(List.of(java.toString(), "-m", DEMO));
        assertDemoOutput(viaJava, expected);
        Jdk.Run viaLauncher = Jdk.run(List.of(image.resolve("bin").resolve("jtorch-demo").toString()));
        assertDemoOutput(viaLauncher, expected);
    }

    private static void assertDemoOutput(Jdk.Run run, List<String> expectedTensors) {
        assertEquals(0, run.exitCode(), run::output);
        assertTrue(run.output().lines().anyMatch(l -> l.startsWith("backend: simd")), () -> "no backend line:\n" + run.output());
        assertEquals(String.join("\n", expectedTensors), String.join("\n", tensorLines(run.output())), run::output);
    }

    /** The printed tensors only: the demo's own lines (code, headings, backend) and the JVM's warnings dropped. */
    private static List<String> tensorLines(String output) {
        return output.lines()
                .filter(l -> !l.isBlank() && !l.startsWith(">>> ") && !l.startsWith("== ")
                        && !l.startsWith("backend: ") && !l.startsWith("WARNING: "))
                .toList();
    }

    /** The same steps printed by PyTorch: src/test/python/demo_expected.py wrote demo-tensors.txt. */
    private static List<String> expectedTensors() throws IOException {
        try (InputStream in = Objects.requireNonNull(JlinkImageIT.class.getResourceAsStream("/demo-tensors.txt"))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
        }
    }

    /** Writes the image size to it/target/jlink-image-size.txt (the README quotes it) and prints it. */
    private static void recordSize(Path image, String moduleList) throws IOException {
        long bytes;
        try (Stream<Path> files = Files.walk(image)) {
            bytes = files.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).sum();
        }
        String report = String.format("jlink image (dev.jtorch.demo + dev.jtorch.tensor.simd, --strip-debug --compress=zip-6): "
                        + "%.1f MiB (%d bytes)%nmeasured %s on %s %s, JDK %s%nmodules: %s%n",
                bytes / (1024.0 * 1024.0), bytes, LocalDate.now(), System.getProperty("os.name"), System.getProperty("os.arch"),
                System.getProperty("java.version"),
                moduleList.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("WARNING: ")).collect(Collectors.joining(", ")));
        Path target = Path.of(System.getProperty("jtorch.it.work", "target/it-work")).getParent();
        Files.writeString(target.resolve("jlink-image-size.txt"), report);
        System.out.print(report);
    }
}
