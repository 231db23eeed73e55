package dev.jtorch.bench;

import dev.jtorch.Tensor;
import dev.jtorch.Torch;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * float32 {@code a @ b} (a new output tensor each call) against OpenBLAS's {@code cblas_sgemm} on the same
 * operands, in the same run, on 1 and 2 threads. The scalar twin is {@link MatmulScalarBenchmark} (small shapes
 * only: the reference loop needs seconds at 2048).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 4, time = 1)
public class MatmulBenchmark {
    @Param({"64", "128", "256", "512", "1024", "2048", "mlpNN", "mlpNT"})
    public String shape;

    @Param({"1", "2"})
    public int threads;

    private Tensor a;
    private Tensor b;
    private Tensor out;
    private OpenBlas.Operands blas;

    @Setup(Level.Trial)
    public void setUp() {
        Torch.setNumThreads(threads);
        Torch.manualSeed(0);
        MatmulShape s = MatmulShape.of(shape);
        a = s.left();
        Tensor stored = s.rightStored();
        b = s.right(stored);
        out = a.matmul(b);
        if (OpenBlas.available()) {
            OpenBlas.setThreads(threads);
            blas = OpenBlas.operands(s, a.toFloatArray(), stored.toFloatArray());
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (blas != null) blas.close();
    }

    @Benchmark @Fork(value = 1, jvmArgsAppend = {Forks.VECTOR, Forks.HEAP, Forks.HEAP_FIXED, Forks.PRETOUCH, Forks.NATIVE, Forks.SIMD_ON})
    public Tensor matmulSimd() { return a.matmul(b); }

    /**
     * {@code torch.matmul(a, b, out=c)} into a tensor made once: the same work as OpenBLAS's row, whose C is
     * preallocated too (the report puts that row's OpenBLAS time beside this one).
     */
    @Benchmark @Fork(value = 1, jvmArgsAppend = {Forks.VECTOR, Forks.HEAP, Forks.HEAP_FIXED, Forks.PRETOUCH, Forks.NATIVE, Forks.SIMD_ON})
    public Tensor matmulOutSimd() { return Torch.matmul(a, b, out); }

    /** OpenBLAS sgemm into a preallocated native C; without libopenblas it measures an empty call (see the report). */
    @Benchmark @Fork(value = 1, jvmArgsAppend = {Forks.VECTOR, Forks.HEAP, Forks.HEAP_FIXED, Forks.PRETOUCH, Forks.NATIVE, Forks.SIMD_ON})
    public void matmulOpenBlas() {
        if (blas != null) blas.sgemm();
    }
}
