"""PyTorch's side of GemmBench.java on the same GPU: the same sizes, dtypes and timing (300 warm-up products, then
the mean of 100 between two synchronisations); float32 without TF32, PyTorch's default, as jtorch's."""
import time

import torch

WARMUP, REPS = 300, 100
print("PyTorch %s on %s, allow_tf32=%s" % (torch.__version__, torch.cuda.get_device_name(0), torch.backends.cuda.matmul.allow_tf32))
for dtype in [torch.float32, torch.bfloat16, torch.float16]:
    for n in [1024, 4096, 8192]:
        torch.manual_seed(0)
        a = torch.randn(n, n).to(dtype).cuda()
        b = torch.randn(n, n).to(dtype).cuda()
        for _ in range(WARMUP):
            a @ b
        torch.cuda.synchronize()
        start = time.perf_counter()
        for _ in range(REPS):
            a @ b
        torch.cuda.synchronize()
        seconds = (time.perf_counter() - start) / REPS
        print("%-9s %5d: %8.3f ms  %7.1f TFLOP/s" % (str(dtype).replace("torch.", ""), n, seconds * 1e3, 2.0 * n ** 3 / seconds / 1e12))
