package dev.jtorch.bench;

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
 * The kernel families on small tensors, SIMD against scalar, one thread: where the fixed cost of an op and the
 * vector kernels' set-up and tails weigh most. {@code add}, {@code exp} and {@code sum} on [n], softmax over the rows
 * of [16, n], and {@code t().contiguous()} of [16, n]. Each variant in its own JVM, one op per fork, so that no
 * other op's JIT profile weighs on the shared dispatch code.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
public class SmallSizeBenchmark {
    /**
     * Forks per variant. These calls take 0.1-0.6 µs, and one JVM's compilation of the shared dispatch code differs
     * from the next one's by more than the kernels do: on 2026-11-24 (AVX2 VM) softmax of [16, 1], which runs the same
     * reference loop with SIMD on or off, took 613, 520 and 557 ns in three SIMD forks against 479, 509 and 538 in
     * three scalar ones, and a one-fork report had shown it as 0.76x. Three forks put a mean over JVMs in the table.
     */
    static final int FORKS = 3;

    @Param({"1", "7", "100", "10000"})
    public int n;

    private Tensor x, y, rows;

    @Setup
    public void setUp() {
        Torch.setNumThreads(1);
        Torch.manualSeed(0);
        x = Torch.randn(n);
        y = Torch.randn(n);
        rows = Torch.randn(16, n);
    }

    @Benchmark @Fork(value = FORKS, jvmArgsAppend = {Forks.VECTOR, Forks.SIMD_ON})
    public Tensor addSimd() { return x.add(y); }

    @Benchmark @Fork(value = FORKS, jvmArgsAppend = {Forks.VECTOR, Forks.SIMD_OFF})
    public Tensor addScalar() { return x.add(y); }

    @Benchmark @Fork(value = FORKS, jvmArgsAppend = {Forks.VECTOR, Forks.SIMD_ON})
    public Tensor expSimd() { return x.exp(); }

    @Benchmark @Fork(value = FORKS, jvmArgsAppend = {Forks.VECTOR, Forks.SIMD_OFF})
    public Tensor expScalar() { return x.exp(); }

    @Benchmark @Fork(value = FORKS, jvmArgsAppend = {Forks.VECTOR, Forks.SIMD_ON})
    public Tensor sumSimd() { return x.sum(); }

    @Benchmark @Fork(value = FORKS, jvmArgsAppend = {Forks.VECTOR, Forks.SIMD_OFF})
    public Tensor sumScalar() { return x.sum(); }

    @Benchmark @Fork(value = FORKS, jvmArgsAppend = {Forks.VECTOR, Forks.SIMD_ON})
    public Tensor softmaxSimd() { return rows.softmax(1); }

    @Benchmark @Fork(value = FORKS, jvmArgsAppend = {Forks.VECTOR, Forks.SIMD_OFF})
    public Tensor softmaxScalar() { return rows.softmax(1); }

    @Benchmark @Fork(value = FORKS, jvmArgsAppend = {Forks.VECTOR, Forks.SIMD_ON})
    public Tensor transposeSimd() { return rows.t().contiguous(); }

    @Benchmark @Fork(value = FORKS, jvmArgsAppend = {Forks.VECTOR, Forks.SIMD_OFF})
    public Tensor transposeScalar() { return rows.t().contiguous(); }
}
