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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * Reductions on 16M float32 (a 4096×4096 matrix), one thread, SIMD against scalar: full {@code sum} and
 * {@code amax}, a row-wise {@code sum(1)}, and softmax over the rows of a 4096×1024 matrix: as the max/exp/sum/div
 * composite ({@code softmax}, against PyTorch's same composite) and as the primitive {@code x.softmax(1)} /
 * {@code x.logSoftmax(1)} that {@code F.softmax}/{@code F.logSoftmax} call ({@code softmaxFused},
 * {@code logSoftmaxFused}, against {@code torch.softmax}/{@code torch.log_softmax}); {@code softmaxColumns} is
 * {@code x.softmax(0)} of the same matrix (a dim that is not the last: vectors across the columns).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 4, time = 1)
public class ReductionBenchmark {
    static final long N = 4096;

    private Tensor a;
    private Tensor logits;

    @Setup
    public void setUp() {
        Torch.setNumThreads(1);
        Torch.manualSeed(0);
        a = Torch.randn(N, N);
        logits = Torch.randn(4096, 1024);
    }

    static Tensor softmaxRows(Tensor x) {
        Tensor e = x.sub(x.amax(new int[] {1}, true)).exp();
        return e.div(e.sum(1, true));
    }

    @Benchmark @Fork(value = 1, jvmArgsAppend = {Forks.VECTOR, Forks.HEAP, Forks.HEAP_FIXED, Forks.PRETOUCH, Forks.SIMD_ON})
    public Tensor sumSimd() { return a.sum(); }

    @Benchmark @Fork(value = 1, jvmArgsAppend = {Forks.VECTOR, Forks.HEAP, Forks.HEAP_FIXED, Forks.PRETOUCH, Forks.SIMD_OFF})
    public Tensor sumScalar() { return a.sum(); }

    @Benchmark @Fork(value = 1, jvmArgsAppend = {Forks.VECTOR, Forks.HEAP, Forks.HEAP_FIXED, Forks.PRETOUCH, Forks.SIMD_ON})
    public Tensor amaxSimd() { return a.amax(); }

    @Benchmark @Fork(value = 1, jvmArgsAppend = {Forks.VECTOR, Forks.HEAP, Forks.HEAP_FIXED, Forks.PRETOUCH, Forks.SIMD_OFF})
    public Tensor amaxScalar() { return a.amax(); }

    @Benchmark @Fork(value = 1, jvmArgsAppend = {Forks.VECTOR, Forks.HEAP, Forks.HEAP_FIXED, Forks.PRETOUCH, Forks.SIMD_ON})
    public Tensor sumRowsSimd() { return a.sum(1); }

    @Benchmark @Fork(value = 1, jvmArgsAppend = {Forks.VECTOR, Forks.HEAP, Forks.HEAP_FIXED, Forks.PRETOUCH, Forks.SIMD_OFF})
    public Tensor sumRowsScalar() { return a.sum(1); }

    @Benchmark @Fork(value = 1, jvmArgsAppend = {Forks.VECTOR, Forks.HEAP, Forks.HEAP_FIXED, Forks.PRETOUCH, Forks.SIMD_ON})
    public Tensor softmaxSimd() { return softmaxRows(logits); }

    @Benchmark @Fork(value = 1, jvmArgsAppend = {Forks.VECTOR, Forks.HEAP, Forks.HEAP_FIXED, Forks.PRETOUCH, Forks.SIMD_OFF})
    public Tensor softmaxScalar() { return softmaxRows(logits); }

    @Benchmark @Fork(value = 1, jvmArgsAppend = {Forks.VECTOR, Forks.HEAP, Forks.HEAP_FIXED, Forks.PRETOUCH, Forks.SIMD_ON})
    public Tensor softmaxFusedSimd() { return logits.softmax(1); }

    @Benchmark @Fork(value = 1, jvmArgsAppend = {Forks.VECTOR, Forks.HEAP, Forks.HEAP_FIXED, Forks.PRETOUCH, Forks.SIMD_OFF})
    public Tensor softmaxFusedScalar() { return logits.softmax(1); }

    /** The same inside a {@link MemoryScope}, as a training step: the result reuses a pooled array the JVM need not zero. */
    @Benchmark @Fork(value = 1, jvmArgsAppend = {Forks.VECTOR, Forks.HEAP, Forks.HEAP_FIXED, Forks.PRETOUCH, Forks.SIMD_ON})
    public Tensor softmaxFusedScoped() {
        try (var scope = MemoryScope.open()) {
            return logits.softmax(1);
        }
    }

    @Benchmark @Fork(value = 1, jvmArgsAppend = {Forks.VECTOR, Forks.HEAP, Forks.HEAP_FIXED, Forks.PRETOUCH, Forks.SIMD_ON})
    public Tensor softmaxColumnsSimd() { return logits.softmax(0); }

    @Benchmark @Fork(value = 1, jvmArgsAppend = {Forks.VECTOR, Forks.HEAP, Forks.HEAP_FIXED, Forks.PRETOUCH, Forks.SIMD_OFF})
    public Tensor softmaxColumnsScalar() { return logits.softmax(0); }

    @Benchmark @Fork(value = 1, jvmArgsAppend = {Forks.VECTOR, Forks.HEAP, Forks.HEAP_FIXED, Forks.PRETOUCH, Forks.SIMD_ON})
    public Tensor logSoftmaxFusedSimd() { return logits.logSoftmax(1); }

    @Benchmark @Fork(value = 1, jvmArgsAppend = {Forks.VECTOR, Forks.HEAP, Forks.HEAP_FIXED, Forks.PRETOUCH, Forks.SIMD_ON})
    public Tensor logSoftmaxFusedScoped() {
        try (var scope = MemoryScope.open()) {
            return logits.logSoftmax(1);
        }
    }

    @Benchmark @Fork(value = 1, jvmArgsAppend = {Forks.VECTOR, Forks.HEAP, Forks.HEAP_FIXED, Forks.PRETOUCH, Forks.SIMD_OFF})
    public Tensor logSoftmaxFusedScalar() { return logits.logSoftmax(1); }
}
