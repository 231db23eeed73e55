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

/** {@code a @ b} for two 512x512 float32 matrices (a new output tensor each call). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class MatmulBenchmark {
    static final long N = 512;

    private Tensor a;
    private Tensor b;

    @Setup
    public void setUp() {
        Torch.manualSeed(0);
        a = Torch.rand(N, N);
        b = Torch.rand(N, N);
    }

    @Benchmark
    @Fork(value = 1, jvmArgsAppend = {Forks.VECTOR, Forks.SIMD_ON})
    public Tensor matmulSimd() { return a.matmul(b); }

    @Benchmark
    @Fork(value = 1, jvmArgsAppend = {Forks.VECTOR, Forks.SIMD_OFF})
    public Tensor matmulScalar() { return a.matmul(b); }
}
