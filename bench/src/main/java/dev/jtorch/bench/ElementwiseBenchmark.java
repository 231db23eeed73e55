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
 * Elementwise kernels on 16M float32 (a 4096×4096 matrix), one thread, SIMD against scalar: binary {@code add}
 * contiguous, broadcast (a row vector against the matrix) and strided (the transposed matrix plus a contiguous
 * one), and the transcendental unary ops. Every call returns a new tensor, except the {@code ...Out} rows, which
 * write into a preallocated one ({@code Torch.add(a, b, out)}), as PyTorch's column does with {@code out=}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 4, time = 1)
public class ElementwiseBenchmark {
    static final long N = 4096;

    private Tensor a;
    private Tensor b;
    private Tensor row;
    private Tensor out;

    @Setup
    public void setUp() {
        Torch.setNumThreads(1);
        Torch.manualSeed(0);
        a = Torch.randn(N, N);
        b = Torch.randn(N, N);
        row = Torch.randn(N);
        out = Torch.empty(N, N);
    }

    @Benchmark @Fork(value = 1, jvmArgsAppend = {Forks.VECTOR, Forks.HEAP, Forks.HEAP_FIXED, Forks.PRETOUCH, Forks.SIMD_ON})
    public Tensor addOutSimd() { return Torch.add(a, b, out); }

    @Benchmark @Fork(value = 1, jvmArgsAppend = {Forks.VECTOR, Forks.HEAP, Forks.HEAP_FIXED, Forks.PRETOUCH, Forks.SIMD_OFF})
    public Tensor addOutScalar() { return Torch.add(a, b, out); }

    @Benchmark @Fork(value = 1, jvmArgsAppend = {Forks.VECTOR, Forks.HEAP, Forks.HEAP_FIXED, Forks.PRETOUCH, Forks.SIMD_ON})
    public Tensor expOutSimd() { return Torch.exp(a, out); }

    @Benchmark @Fork(value = 1, jvmArgsAppend = {Forks.VECTOR, Forks.HEAP, Forks.HEAP_FIXED, Forks.PRETOUCH, Forks.SIMD_OFF})
    public Tensor expOutScalar() { return Torch.exp(a, out); }

    @Benchmark @Fork(value = 1, jvmArgsAppend = {Forks.VECTOR, Forks.HEAP, Forks.HEAP_FIXED, Forks.PRETOUCH, Forks.SIMD_ON})
    public Tensor addBroadcastOutSimd() { return Torch.add(a, row, out); }

    @Benchmark @Fork(value = 1, jvmArgsAppend = {Forks.VECTOR, Forks.HEAP, Forks.HEAP_FIXED, Forks.PRETOUCH, Forks.SIMD_OFF})
    public Tensor addBroadcastOutScalar() { return Torch.add(a, row, out); }

    @Benchmark @Fork(value = 1, jvmArgsAppend = {Forks.VECTOR, Forks.HEAP, Forks.HEAP_FIXED, Forks.PRETOUCH, Forks.SIMD_ON})
    public Tensor geluOutSimd() { return Torch.gelu(a, out); }

    @Benchmark @Fork(value = 1, jvmArgsAppend = {Forks.VECTOR, Forks.HEAP, Forks.HEAP_FIXED, Forks.PRETOUCH, Forks.SIMD_OFF})
    public Tensor geluOutScalar() { return Torch.gelu(a, out); }

    @Benchmark @Fork(value = 1, jvmArgsAppend = {Forks.VECTOR, Forks.HEAP, Forks.HEAP_FIXED, Forks.PRETOUCH, Forks.SIMD_ON})
    public Tensor sigmoidOutSimd() { return Torch.sigmoid(a, out); }

    @Benchmark @Fork(value = 1, jvmArgsAppend = {Forks.VECTOR, Forks.HEAP, Forks.HEAP_FIXED, Forks.PRETOUCH, Forks.SIMD_OFF})
    public Tensor sigmoidOutScalar() { return Torch.sigmoid(a, out); }

    @Benchmark @Fork(value = 1, jvmArgsAppend = {Forks.VECTOR, Forks.HEAP, Forks.HEAP_FIXED, Forks.PRETOUCH, Forks.SIMD_ON})
    public Tensor addSimd() { return a.add(b); }

    @Benchmark @Fork(value = 1, jvmArgsAppend = {Forks.VECTOR, Forks.HEAP, Forks.HEAP_FIXED, Forks.PRETOUCH, Forks.SIMD_OFF})
    public Tensor addScalar() { return a.add(b); }

    @Benchmark @Fork(value = 1, jvmArgsAppend = {Forks.VECTOR, Forks.HEAP, Forks.HEAP_FIXED, Forks.PRETOUCH, Forks.SIMD_ON})
    public Tensor addBroadcastSimd() { return a.add(row); }

    @Benchmark @Fork(value = 1, jvmArgsAppend = {Forks.VECTOR, Forks.HEAP, Forks.HEAP_FIXED, Forks.PRETOUCH, Forks.SIMD_OFF})
    public Tensor addBroadcastScalar() { return a.add(row); }

    @Benchmark @Fork(value = 1, jvmArgsAppend = {Forks.VECTOR, Forks.HEAP, Forks.HEAP_FIXED, Forks.PRETOUCH, Forks.SIMD_ON})
    public Tensor addStridedSimd() { return a.t().add(b); }

    @Benchmark @Fork(value = 1, jvmArgsAppend = {Forks.VECTOR, Forks.HEAP, Forks.HEAP_FIXED, Forks.PRETOUCH, Forks.SIMD_OFF})
    public Tensor addStridedScalar() { return a.t().add(b); }

    @Benchmark @Fork(value = 1, jvmArgsAppend = {Forks.VECTOR, Forks.HEAP, Forks.HEAP_FIXED, Forks.PRETOUCH, Forks.SIMD_ON})
    public Tensor expSimd() { return a.exp(); }

    @Benchmark @Fork(value = 1, jvmArgsAppend = {Forks.VECTOR, Forks.HEAP, Forks.HEAP_FIXED, Forks.PRETOUCH, Forks.SIMD_OFF})
    public Tensor expScalar() { return a.exp(); }

    @Benchmark @Fork(value = 1, jvmArgsAppend = {Forks.VECTOR, Forks.HEAP, Forks.HEAP_FIXED, Forks.PRETOUCH, Forks.SIMD_ON})
    public Tensor tanhSimd() { return a.tanh(); }

    @Benchmark @Fork(value = 1, jvmArgsAppend = {Forks.VECTOR, Forks.HEAP, Forks.HEAP_FIXED, Forks.PRETOUCH, Forks.SIMD_OFF})
    public Tensor tanhScalar() { return a.tanh(); }

    @Benchmark @Fork(value = 1, jvmArgsAppend = {Forks.VECTOR, Forks.HEAP, Forks.HEAP_FIXED, Forks.PRETOUCH, Forks.SIMD_ON})
    public Tensor sigmoidSimd() { return a.sigmoid(); }

    @Benchmark @Fork(value = 1, jvmArgsAppend = {Forks.VECTOR, Forks.HEAP, Forks.HEAP_FIXED, Forks.PRETOUCH, Forks.SIMD_OFF})
    public Tensor sigmoidScalar() { return a.sigmoid(); }

    @Benchmark @Fork(value = 1, jvmArgsAppend = {Forks.VECTOR, Forks.HEAP, Forks.HEAP_FIXED, Forks.PRETOUCH, Forks.SIMD_ON})
    public Tensor geluSimd() { return a.gelu(); }

    @Benchmark @Fork(value = 1, jvmArgsAppend = {Forks.VECTOR, Forks.HEAP, Forks.HEAP_FIXED, Forks.PRETOUCH, Forks.SIMD_OFF})
    public Tensor geluScalar() { return a.gelu(); }
}
