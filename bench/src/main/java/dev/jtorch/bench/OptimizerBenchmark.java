package dev.jtorch.bench;

import dev.jtorch.Tensor;
import dev.jtorch.Torch;
import dev.jtorch.nn.Flatten;
import dev.jtorch.nn.Linear;
import dev.jtorch.nn.Module;
import dev.jtorch.nn.ReLU;
import dev.jtorch.nn.Sequential;
import dev.jtorch.optim.Adam;
import dev.jtorch.optim.Optimizer;
import dev.jtorch.optim.SGD;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * One optimizer step over the demo MLP's parameters (784-256-128-10: 235,146 floats) with fixed gradients, one
 * thread, SIMD against scalar: SGD with momentum 0.9 and Adam, as {@code bench/pytorch/suite.py} runs them.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class OptimizerBenchmark {
    private Optimizer sgd, adam;

    static Module mlp() {
        return new Sequential(new Flatten(), new Linear(784, 256), new ReLU(), new Linear(256, 128), new ReLU(), new Linear(128, 10));
    }

    private static Module withGradients() {
        Module m = mlp();
        for (Tensor p : m.parameters()) p.setGrad(Torch.randn(p.shape().toArray()).mul(0.01));
        return m;
    }

    @Setup
    public void setUp() {
        Torch.setNumThreads(1);
        Torch.manualSeed(0);
        sgd = new SGD(withGradients().parameters(), 0.01, 0.9);
        adam = new Adam(withGradients().parameters(), 1e-3);
    }

    @Benchmark @Fork(value = 1, jvmArgsAppend = {Forks.VECTOR, Forks.SIMD_ON})
    public void sgdSimd() { sgd.step(); }

    @Benchmark @Fork(value = 1, jvmArgsAppend = {Forks.VECTOR, Forks.SIMD_OFF})
    public void sgdScalar() { sgd.step(); }

    @Benchmark @Fork(value = 1, jvmArgsAppend = {Forks.VECTOR, Forks.SIMD_ON})
    public void adamSimd() { adam.step(); }

    @Benchmark @Fork(value = 1, jvmArgsAppend = {Forks.VECTOR, Forks.SIMD_OFF})
    public void adamScalar() { adam.step(); }
}
