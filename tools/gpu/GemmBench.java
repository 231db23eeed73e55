import dev.jtorch.Cuda;
import dev.jtorch.DType;
import dev.jtorch.Device;
import dev.jtorch.MemoryScope;
import dev.jtorch.Tensor;
import dev.jtorch.Torch;

import java.util.List;
import java.util.Locale;

/**
 * TFLOP/s of jtorch's matmul on the GPU (cuBLAS through FFM), square products in float32, bfloat16 and float16, for
 * comparison with PyTorch's on the same GPU (gemm_bench.py beside this file). Each size: {@code WARMUP} products to
 * warm up (the JIT compiles the Java side of a product after some hundred calls), then the mean of {@code REPS}
 * products between two synchronisations; each product plain (its result left to the
 * collector, which returns the block to the caching allocator whenever it runs) and inside a {@link MemoryScope} of its
 * own (the block back in the cache as the scope closes, as PyTorch frees a dropped result). Run by make-kit.sh's
 * run-gemm-bench.sh.
 */
public final class GemmBench {
    private static final int WARMUP = 300, REPS = 100;

    private static void product(Tensor a, Tensor b, boolean scoped) {
        if (!scoped) {
            a.matmul(b);
            return;
        }
        try (var step = MemoryScope.open()) {
            a.matmul(b);
        }
    }

    public static void main(String[] args) {
        Device gpu = Device.cuda(0);
        System.out.println("jtorch on " + Cuda.getDeviceName(0));
        for (DType t : List.of(DType.FLOAT32, DType.BFLOAT16, DType.FLOAT16)) {
            for (int n : new int[]{1024, 4096, 8192}) {
                Torch.manualSeed(0);
                Tensor a = Torch.randn(n, n).to(t).to(gpu), b = Torch.randn(n, n).to(t).to(gpu);
                for (boolean scoped : new boolean[]{false, true}) {
                    for (int i = 0; i < WARMUP; i++) product(a, b, scoped);
                    Cuda.synchronize();
                    long start = System.nanoTime();
                    for (int i = 0; i < REPS; i++) product(a, b, scoped);
                    Cuda.synchronize();
                    double seconds = (System.nanoTime() - start) / 1e9 / REPS;
                    System.out.printf(Locale.ROOT, "%-9s %5d %-6s: %8.3f ms  %7.1f TFLOP/s%n", t.pyName(), n,
                            scoped ? "scoped" : "plain", seconds * 1e3, 2.0 * n * n * n / seconds / 1e12);
                }
            }
        }
    }
}
