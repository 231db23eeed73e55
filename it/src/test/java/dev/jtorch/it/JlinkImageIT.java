package dev.jtorch.it;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * jlink builds a self-contained runtime from the packaged jars (JDK 25 links from its own run-time image, no
 * jmods needed); the demo trains from it with no extra flags, on the Fashion-MNIST sample shipped in the data module.
 */
class JlinkImageIT {
    static final String MODULES = "dev.jtorch.demo,dev.jtorch.tensor.simd,dev.jtorch.autograd,dev.jtorch.nn,dev.jtorch.optim,dev.jtorch.data";

    @Test
    void demoTrainsFromAJlinkedRuntime() throws Exception {
        Path work = Workspace.scratch("jlink-image");
        Path image = work.resolve("jtorch");
        // The backend and the autograd engine are services, and jlink does not bind services unless told, so they
        // are named. jdk.incubator.vector comes with the backend (it requires it).
        Jdk.Run link = Jdk.jlink(List.of(
                "--module-path", Workspace.mods().toString(),
                "--add-modules", MODULES,
                "--launcher", "jtorch-demo=" + DemoRun.DEMO,
                "--strip-debug", "--no-header-files", "--no-man-pages", "--compress=zip-6",
                "--output", image.toString()));
        assertEquals(0, link.exitCode(), () -> "jlink failed:\n" + link.output());

        Path java = image.resolve("bin").resolve("java");
        Jdk.Run modules = Jdk.run(List.of(java.toString(), "--list-modules"));
        assertEquals(0, modules.exitCode(), modules::output);
        assertTrue(modules.output().contains("jdk.incubator.vector"), modules::output);
        assertTrue(modules.output().lines().noneMatch(l -> l.startsWith("java.desktop")), "the demo's PNG needs no java.desktop:\n" + modules.output());
        recordSize(image, modules.output());

        // One short epoch on the embedded sample: it must run end to end and learn something.
        Path out1 = work.resolve("run-java");
        Jdk.Run viaJava = Jdk.run(List.of(java.toString(), "-m", DemoRun.DEMO, "--embedded", "--epochs", "1", "--no-progress", "--out", out1.toString()));
        assertTrainedOnTheSample(viaJava, out1);
        Path out2 = work.resolve("run-launcher");
        Jdk.Run viaLauncher = Jdk.run(List.of(image.resolve("bin").resolve("jtorch-demo").toString(),
                "--embedded", "--epochs", "1", "--out", out2.toString()));
        assertTrainedOnTheSample(viaLauncher, out2);
        assertTrue(viaLauncher.output().contains("epoch 1/1 ") && viaLauncher.output().contains(" it/s "),
                () -> "progress lines (not a terminal) expected:\n" + viaLauncher.output());
    }

    private static void assertTrainedOnTheSample(Jdk.Run run, Path out) throws Exception {
        double accuracy = DemoRun.assertTrained(run, out, "fashion-mnist-mlp");
        assertTrue(run.output().contains("data: the Fashion-MNIST sample shipped with jtorch (2,000 training, 500 test images)"), run::output);
        // ten classes: chance is 10%; one epoch over 2,000 images reaches far more
        assertTrue(accuracy >= 60, () -> "test accuracy " + accuracy + "% after one epoch on the sample:\n" + run.output());
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
        String report = String.format("jlink image (%s, --strip-debug --compress=zip-6): "
                        + "%.1f MiB (%d bytes)%nmeasured %s on %s %s, JDK %s%nmodules: %s%n",
                MODULES, bytes / (1024.0 * 1024.0), bytes, LocalDate.now(), System.getProperty("os.name"), System.getProperty("os.arch"),
                System.getProperty("java.version"),
                moduleList.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("WARNING: ")).collect(Collectors.joining(", ")));
        Path target = Path.of(System.getProperty("jtorch.it.work", "target/it-work")).getParent();
        Files.writeString(target.resolve("jlink-image-size.txt"), report);
        System.out.print(report);
    }
}
