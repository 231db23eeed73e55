package dev.jtorch.it;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's promise, on the packaged jars: the demo trains on the full Fashion-MNIST (Debian's
 * dataset-fashion-mnist, which .ci/run installs) to PyTorch's accuracy: the MLP 1 epoch to >= 84%, the bench's CNN
 * on the first 10,000 training images to >= 80%. Skipped, saying why, when the data is absent. Each run prints its
 * output (epoch times included) to the failsafe report.
 */
class FashionMnistTrainingIT {
    private static final Path DATA = Path.of("/usr/share/datasets/fashion-mnist");
    private static final long TIMEOUT_SECONDS = 1800;

    private static void assumeData() {
        boolean present = Stream.of("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz",
                "t10k-labels-idx1-ubyte.gz").allMatch(f -> Files.isRegularFile(DATA.resolve(f)));
        Assumptions.assumeTrue(present, "Fashion-MNIST is not installed in " + DATA
                + ": skipping the training test (apt-get install dataset-fashion-mnist, as .ci/run does)");
    }

    private static Jdk.Run train(Path out, String... options) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Jdk.javaLauncher().toString(), "--module-path", Workspace.mods().toString(),
                "-m", DemoRun.DEMO, "--data", DATA.toString(), "--no-progress", "--out", out.toString()));
        cmd.addAll(List.of(options));
        long start = System.nanoTime();
        Jdk.Run run = Jdk.run(cmd, TIMEOUT_SECONDS);
        System.out.printf("%s: %.0f s%n%s", String.join(" ", options), (System.nanoTime() - start) / 1e9, run.output());
        return run;
    }

    @Test
    void mlpReaches84PercentInOneEpoch() throws Exception {
        assumeData();
        Path out = Workspace.scratch("train-mlp");
        Jdk.Run run = train(out, "--model", "mlp", "--epochs", "1");
        double accuracy = DemoRun.assertTrained(run, out, "fashion-mnist-mlp");
        assertTrue(run.output().contains("data: Fashion-MNIST from " + DATA + " (60,000 training, 10,000 test images)"), run::output);
        assertTrue(accuracy >= 84, () -> "MLP test accuracy " + accuracy + "% after 1 epoch, expected >= 84%:\n" + run.output());
    }

    @Test
    void cnnReaches80PercentOnA10000ImageSubset() throws Exception {
        assumeData();
        Path out = Workspace.scratch("train-cnn");
        // one epoch over 10,000 images gives PyTorch about 79.5% with this seed and setup; two give about 84%
        Jdk.Run run = train(out, "--model", "cnn", "--train-size", "10000", "--epochs", "2");
        double accuracy = DemoRun.assertTrained(run, out, "fashion-mnist-cnn");
        assertTrue(run.output().contains("training on the first 10000 images"), run::output);
        assertTrue(accuracy >= 80, () -> "CNN test accuracy " + accuracy + "% after 2 epochs on 10,000 images, expected >= 80%:\n" + run.output());
    }
}
