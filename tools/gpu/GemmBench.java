import dev.jtorch.Cuda;
import dev.jtorch.DType;
import dev.jtorch.Device;
import dev.jtorch.Tensor;
import dev.jtorch.Torch;

import java.util.List;
import java.util.Locale;

/**
 * TFLOP/s of jtorch's matmul on the GPU (cuBLAS through FFM), square products in float32, bfloat16 and float16, for
 * comparison with PyTorch's on the same GPU (gemm_bench.py beside this file). Each size: 3 products to warm up, then
 * the mean of {@code REPS} products between two synchronisations. Run by make-kit.sh's run-gemm-bench.sh.
 */
public final class GemmBench {
    private static final int REPS = 20;

    public static void main(String[] args) {
        Device gpu = Device.cuda(0);
        System.out.println("jtorch on " + Cuda.getDeviceName(0));
        for (DType t : List.of(DType.FLOAT32, DType.BFLOAT16, DType.FLOAT16)) {
            for (int n : new int[]{1024, 4096, 8192}) {
                Torch.manualSeed(0);
                Tensor a = Torch.randn(n, n).to(t).to(gpu), b = Torch.randn(n, n).to(t).to(gpu);
                for (int i = 0; i < 3; i++) a.matmul(b);
                Cuda.synchronize();
                long start = System.nanoTime();
                for (int i = 0; i < REPS; i++) a.matmul(b);
                Cuda.synchronize();
                double seconds = (System.nanoTime() - start) / 1e9 / REPS;
                System.out.printf(Locale.ROOT, "%-9s %5d: %8.3f ms  %7.1f TFLOP/s%n", t.pyName(), n, seconds * 1e3, 2.0 * n * n * n / seconds / 1e12);
            }
        }
    }
}
