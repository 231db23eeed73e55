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

/**
 * One op per kernel family besides binary and GEMM, SIMD against scalar: a transcendental unary op
 * ({@code exp}), a full reduction ({@code sum}) on 2^20 float32, and a strided copy
 * ({@code t().contiguous()} of a 1024×1024 float32 matrix).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class KernelFamilyBenchmark {
    private Tensor v;
    private Tensor m;

    @Setup
    public void setUp() {
        Torch.manualSeed(0);
        v = Torch.randn(1L << 20);
        m = Torch.randn(1024, 1024);
    }

    @Benchmark
    @Fork(value = 1, jvmArgsAppend = {Forks.VECTOR, Forks.SIMD_ON})
    public Tensor expSimd() { return v.exp(); }

    @Benchmark
    @Fork(value = 1, jvmArgsAppend = {Forks.VECTOR, Forks.SIMD_OFF})
    public Tensor expScalar() { return v.exp(); }

    @Benchmark
    @Fork(value = 1, jvmArgsAppend = {Forks.VECTOR, Forks.SIMD_ON})
    public Tensor sumSimd() { return v.sum(); }

    @Benchmark
    @Fork(value = 1, jvmArgsAppend = {Forks.VECTOR, Forks.SIMD_OFF})
    public Tensor sumScalar() { return v.sum(); }

    @Benchmark
    @Fork(value = 1, jvmArgsAppend = {Forks.VECTOR, Forks.SIMD_ON})
    public Tensor transposeCopySimd() { return m.t().contiguous(); }

    @Benchmark
    @Fork(value = 1, jvmArgsAppend = {Forks.VECTOR, Forks.SIMD_OFF})
    public Tensor transposeCopyScalar() { return m.t().contiguous(); }
}
