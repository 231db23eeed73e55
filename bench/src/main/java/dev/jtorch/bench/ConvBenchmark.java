package dev.jtorch.bench;

import dev.jtorch.MemoryScope;
import dev.jtorch.Tensor;
import dev.jtorch.Torch;
import dev.jtorch.nn.functional.F;
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
 * conv2d forward and backward on the bench CNN's two layers, batch 64, one thread, SIMD against scalar:
 * {@code conv1} is 1→32 channels 3×3 on 28×28 (no input gradient: it is the image), {@code conv2} 32→64 channels
 * 3×3 on 13×13 (input gradient too). Each call runs the layer forward, sums the output and back-propagates
 * (weight, bias and, for conv2, input gradients), as {@code bench/pytorch/suite.py} does.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ConvBenchmark {
    @Param({"conv1", "conv2"})
    public String shape;

    private Tensor x, w, b;

    @Setup
    public void setUp() {
        Torch.setNumThreads(1);
        Torch.manualSeed(0);
        boolean first = shape.equals("conv1");
        x = first ? Torch.randn(64, 1, 28, 28) : Torch.randn(64, 32, 13, 13).requiresGrad_();
        w = (first ? Torch.randn(32, 1, 3, 3) : Torch.randn(64, 32, 3, 3)).mul(0.1).requiresGrad_();
        b = Torch.zeros(first ? 32 : 64).requiresGrad_();
    }

    private Tensor forwardBackward() {
        x.setGrad(null); // set to none, as zero_grad: each call makes fresh gradients
        w.setGrad(null);
        b.setGrad(null);
        F.conv2d(x, w, b).sum().backward();
        return w.grad();
    }

    @Benchmark @Fork(value = 1, jvmArgsAppend = {Forks.VECTOR, Forks.SIMD_ON})
    public Tensor conv2dSimd() { return forwardBackward(); }

    /**
     * The same inside a {@link MemoryScope}, as the demo trains: the columns, their gradient and the outputs reuse
     * pooled arrays instead of fresh ones the JVM must zero (PyTorch's allocator hands out memory without clearing it).
     * The gradients escape the scope ({@code .grad} is kept), so they are fresh each call, as in the other rows.
     */
    @Benchmark @Fork(value = 1, jvmArgsAppend = {Forks.VECTOR, Forks.SIMD_ON})
    public Tensor conv2dScoped() {
        try (var scope = MemoryScope.open()) {
            return forwardBackward();
        }
    }

    @Benchmark @Fork(value = 1, jvmArgsAppend = {Forks.VECTOR, Forks.SIMD_OFF})
    @Warmup(iterations = 1, time = 1)
    @Measurement(iterations = 3, time = 1)
    public Tensor conv2dScalar() { return forwardBackward(); }
}
