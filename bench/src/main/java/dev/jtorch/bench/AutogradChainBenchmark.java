package dev.jtorch.bench;

import dev.jtorch.Tensor;
import dev.jtorch.Torch;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * Autograd overhead: forward and backward through a chain of {@value #OPS} one-element ops
 * (alternating {@code mul} and {@code add} by a scalar), reported per op. PyTorch 1.13 costs 7-10 µs
 * per op here; the bar is under 1 µs. {@code forwardOnly} is the same chain without recording.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {Forks.VECTOR, Forks.SIMD_ON})
public class AutogradChainBenchmark {
    static final int OPS = 100;

    private static Tensor chain(Tensor x) {
        Tensor y = x;
        for (int i = 0; i < OPS; i++) y = (i & 1) == 0 ? y.mul(1.0001) : y.add(0.5);
        return y;
    }

    @Benchmark
    @OperationsPerInvocation(OPS)
    public Tensor forwardBackward() {
        Tensor x = Torch.tensor(1.5f).requiresGrad_();
        chain(x).backward();
        return x.grad();
    }

    @Benchmark
    @OperationsPerInvocation(OPS)
    public Tensor forwardOnly() { return chain(Torch.tensor(1.5f)); }
}
