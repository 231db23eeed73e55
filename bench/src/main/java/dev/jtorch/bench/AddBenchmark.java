package dev.jtorch.bench;

import dev.jtorch.Tensor;
import dev.jtorch.Torch;
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

/** {@code a + b} on two contiguous float32 vectors of 2^20 elements (a new output tensor each call). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class AddBenchmark {
    static final long N = 1L << 20;

    private Tensor a;
    private Tensor b;

    @Setup
    public void setUp() {
        Torch.manualSeed(0);
        a = Torch.rand(N);
        b = Torch.rand(N);
    }

    @Benchmark
    @Fork(value = 1, jvmArgsAppend = {Forks.VECTOR, Forks.SIMD_ON})
    public Tensor addSimd() { return a.add(b); }

    @Benchmark
    @Fork(value = 1, jvmArgsAppend = {Forks.VECTOR, Forks.SIMD_OFF})
    public Tensor addScalar() { return a.add(b); }
}
