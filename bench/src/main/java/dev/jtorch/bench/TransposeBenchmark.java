package dev.jtorch.bench;

import dev.jtorch.MemoryScope;
import dev.jtorch.Tensor;
import dev.jtorch.Torch;
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
 * {@code t().contiguous()} of a 4096×4096 float32 matrix (the strided copy kernel), on 1 and 2 threads (the scalar
 * backend has one thread either way); {@code transposeScoped} inside a {@code MemoryScope}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 4, time = 1)
public class TransposeBenchmark {
    @Param({"1", "2"})
    public int threads;

    private Tensor m;

    @Setup
    public void setUp() {
        Torch.setNumThreads(threads);
        Torch.manualSeed(0);
        m = Torch.randn(4096, 4096);
    }

    @Benchmark @Fork(value = 1, jvmArgsAppend = {Forks.VECTOR, Forks.HEAP, Forks.HEAP_FIXED, Forks.PRETOUCH, Forks.SIMD_ON})
    public Tensor transposeSimd() { return m.t().contiguous(); }

    @Benchmark @Fork(value = 1, jvmArgsAppend = {Forks.VECTOR, Forks.HEAP, Forks.HEAP_FIXED, Forks.PRETOUCH, Forks.SIMD_OFF})
    public Tensor transposeScalar() { return m.t().contiguous(); }

    /**
     * Inside a {@code MemoryScope}: the 64 MiB result reuses the previous iteration's block instead of a fresh array
     * that the JVM zeroes first (the kernel's own cost, as PyTorch's allocator hands back memory it already has).
     */
    @Benchmark @Fork(value = 1, jvmArgsAppend = {Forks.VECTOR, Forks.HEAP, Forks.HEAP_FIXED, Forks.PRETOUCH, Forks.SIMD_ON})
    public Tensor transposeScopedSimd() {
        try (var scope = MemoryScope.open()) {
            return m.t().contiguous();
        }
    }
}
