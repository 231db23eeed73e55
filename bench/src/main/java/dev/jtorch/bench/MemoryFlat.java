package dev.jtorch.bench;

import dev.jtorch.MemoryScope;
import dev.jtorch.Tensor;
import dev.jtorch.Torch;
import dev.jtorch.nn.Module;
import dev.jtorch.nn.functional.F;
import dev.jtorch.optim.Adam;
import dev.jtorch.optim.Optimizer;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether memory stays flat over many training steps: the demo's MLP or the bench CNN trained with Adam, each step
 * inside a {@link MemoryScope} (a new random batch per step, made outside the scope as a data loader's would be).
 * Every {@code every} steps it prints the live heap after a full collection (this harness asks for one; the library
 * never does), RSS, the pooled bytes and the tensor memory that had to be new since the start.
 *
 * <pre>java -XX:+UseSerialGC -Xmx1g -Xmn64m --add-modules jdk.incubator.vector \
 *     -cp bench/target/jtorch-benchmarks.jar dev.jtorch.bench.MemoryFlat mlp 10000 2000</pre>
 */
public final class MemoryFlat {
    private MemoryFlat() {}

    public static void main(String[] args) throws IOException {
        String model = args.length > 0 ? args[0] : "mlp";
        int steps = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        int every = args.length > 2 ? Integer.parseInt(args[2]) : 1_000;
        Torch.setNumThreads(1);
        Torch.manualSeed(0);
        Module m = model.equals("cnn") ? TrainingStepBenchmark.cnn() : OptimizerBenchmark.mlp();
        Optimizer opt = new Adam(m.parameters(), 1e-3);
        MemoryMXBean heap = ManagementFactory.getMemoryMXBean();
        long fresh0 = MemoryScope.freshBytes();
        for (int i = 1; i <= steps; i++) {
            Tensor x = Torch.randn(64, 1, 28, 28), y = Torch.randint(0, 10, new long[]{64});
            try (var step = MemoryScope.open()) {
                opt.zeroGrad();
                Tensor loss = F.crossEntropy(m.forward(x), y);
                loss.backward();
                opt.step();
                loss.item();
            }
            if (i % every == 0) {
                System.gc();
                System.out.printf("step %6d: live heap %6.1f MiB, RSS %6.1f MiB, pooled %6.1f MiB, new tensor memory since the start %7.1f MiB%n",
                        i, heap.getHeapMemoryUsage().getUsed() / 1048576.0, rssKiB() / 1024.0,
                        MemoryScope.pooledBytes() / 1048576.0, (MemoryScope.freshBytes() - fresh0) / 1048576.0);
            }
        }
    }

    /** Resident set size from /proc (Linux), or -1. */
    private static long rssKiB() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.exists(status)) return -1;
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("\\D", ""));
        }
        return -1;
    }
}
