package dev.jtorch.bench;

import dev.jtorch.MemoryScope;
import dev.jtorch.Tensor;
import dev.jtorch.Torch;
import dev.jtorch.nn.Conv2d;
import dev.jtorch.nn.Flatten;
import dev.jtorch.nn.Linear;
import dev.jtorch.nn.MaxPool2d;
import dev.jtorch.nn.Module;
import dev.jtorch.nn.ReLU;
import dev.jtorch.nn.Sequential;
import dev.jtorch.nn.functional.F;
import dev.jtorch.optim.Optimizer;
import dev.jtorch.optim.SGD;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * One training step (zeroGrad, forward, cross-entropy, backward, SGD step) of the demo's MLP and of the bench CNN
 * (conv 1→32 3×3, relu, maxpool 2, conv 32→64 3×3, relu, maxpool 2, fc 1600→128, relu, fc 128→10) on a batch of 64
 * random 28×28 images, on 1 and 2 threads: the steady state of an epoch, without data loading; {@code scopedStep}
 * runs it inside a {@link MemoryScope}, as the demo does. SIMD only (the kernels' scalar twins are in the other
 * benchmarks).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 15, time = 1) // the CNN runs ~30 steps a second, and C2 needs a few hundred to compile them all
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {Forks.VECTOR, Forks.SIMD_ON})
public class TrainingStepBenchmark {
    @Param({"mlp", "cnn"})
    public String shape;

    @Param({"1", "2"})
    public int threads;

    private Module model;
    private Optimizer optimizer;
    private Tensor x, y;

    static Module cnn() {
        return new Sequential(new Conv2d(1, 32, 3), new ReLU(), new MaxPool2d(2), new Conv2d(32, 64, 3), new ReLU(),
                new MaxPool2d(2), new Flatten(), new Linear(1600, 128), new ReLU(), new Linear(128, 10));
    }

    @Setup
    public void setUp() {
        Torch.setNumThreads(threads);
        Torch.manualSeed(0);
        model = shape.equals("cnn") ? cnn() : OptimizerBenchmark.mlp();
        optimizer = new SGD(model.parameters(), 0.01);
        x = Torch.randn(64, 1, 28, 28);
        y = Torch.randint(0, 10, new long[]{64});
    }

    @Benchmark
    public Tensor step() {
        optimizer.zeroGrad();
        Tensor loss = F.crossEntropy(model.forward(x), y);
        loss.backward();
        optimizer.step();
        return loss;
    }

    /** The same step inside a {@link MemoryScope}, as the demo trains: activations and buffers reuse pooled memory. */
    @Benchmark
    public double scopedStep() {
        try (var scope = MemoryScope.open()) {
            optimizer.zeroGrad();
            Tensor loss = F.crossEntropy(model.forward(x), y);
            loss.backward();
            optimizer.step();
            return loss.item();
        }
    }
}
