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

/** The scalar twin of {@link MatmulBenchmark} (reference triple loop, {@code -Djtorch.simd=false}) on the shapes it finishes in time. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class MatmulScalarBenchmark {
    @Param({"64", "128", "256", "512", "mlpNN", "mlpNT"})
    public String shape;

    @Param({"1"})
    public int threads;

    private Tensor a;
    private Tensor b;

    @Setup
    public void setUp() {
        Torch.setNumThreads(threads);
        Torch.manualSeed(0);
        MatmulShape s = MatmulShape.of(shape);
        a = s.left();
        b = s.right(s.rightStored());
    }

    @Benchmark @Fork(value = 1, jvmArgsAppend = {Forks.VECTOR, Forks.HEAP, Forks.HEAP_FIXED, Forks.PRETOUCH, Forks.SIMD_OFF})
    public Tensor matmulScalar() { return a.matmul(b); }
}
