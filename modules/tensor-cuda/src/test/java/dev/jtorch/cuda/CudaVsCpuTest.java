package dev.jtorch.cuda;

import dev.jtorch.Convolution;
import dev.jtorch.Cuda;
import dev.jtorch.CudaOutOfMemoryException;
import dev.jtorch.DType;
import dev.jtorch.Device;
import dev.jtorch.Fused;
import dev.jtorch.MemoryScope;
import dev.jtorch.Tensor;
import dev.jtorch.Torch;
import dev.jtorch.ops.Window2d;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * What a GPU machine runs: every op the CUDA backend wires, against the CPU backend on the same inputs.
 * Skips (with the reason) where CUDA is not available.
 */
class CudaVsCpuTest {
    private static final Device GPU = Device.cuda(0);

    @BeforeEach
    void needsAGpu() { CudaTestSupport.assumeCuda(); }

    private static Tensor sample(long... shape) {
        Torch.manualSeed(7);
        return Torch.randn(shape);
    }

    private static void assertSame(Tensor cpu, Tensor fromGpu, double tol) {
        assertEquals(Device.CPU, fromGpu.device());
        assertEquals(cpu.shape(), fromGpu.shape());
        assertEquals(cpu.dtype(), fromGpu.dtype());
        assertTrue(cpu.allclose(fromGpu, tol, tol, true), () -> "CPU " + cpu + "\nGPU " + fromGpu); // sqrt gives NaN on both
    }

    @Test
    void devicesHaveANameAndMemory() {
        assertTrue(Cuda.deviceCount() >= 1);
        assertFalse(Cuda.getDeviceName(0).isBlank());
        Cuda.MemInfo m = Cuda.memGetInfo(0);
        assertTrue(m.total() > 0 && m.free() > 0 && m.free() <= m.total(), m::toString);
        Cuda.synchronize();
        assertEquals("", Cuda.unavailableReason());
        assertThrows(IllegalArgumentException.class, () -> Cuda.getDeviceName(Cuda.deviceCount()));
    }

    @TestFactory
    Stream<DynamicTest> everyDtypeMakesTheRoundTrip() {
        return Stream.of(DType.values()).map(dt -> dynamicTest(dt.toString(), () -> {
            Tensor x = Torch.arange(-6, 6).reshape(3, 4).to(dt);
            Tensor back = x.to(GPU).cpu();
            assertEquals(GPU, x.to(GPU).device());
            assertTrue(x.equal(back), () -> x + " came back as " + back);
        }));
    }

    @Test
    void creationOnTheDevice() {
        assertSame(Torch.zeros(2, 3), Torch.zeros(new long[]{2, 3}, DType.FLOAT32, GPU).cpu(), 0);
        assertSame(Torch.full(new long[]{4}, 2.5), Torch.full(new long[]{4}, 2.5, DType.FLOAT32, GPU).cpu(), 0);
        assertSame(Torch.full(new long[]{3}, 7L), Torch.full(new long[]{3}, 7L, DType.INT64, GPU).cpu(), 0);
    }

    @TestFactory
    Stream<DynamicTest> unaryOpsMatchTheCpu() {
        List<UnaryOperator<Tensor>> ops = List.of(Tensor::abs, Tensor::neg, Tensor::exp, Tensor::tanh, Tensor::sigmoid,
                Tensor::relu, Tensor::sqrt, Tensor::floor);
        Tensor x = sample(5, 7);
        return ops.stream().map(op -> dynamicTest(op.toString(), () -> assertSame(op.apply(x), op.apply(x.to(GPU)).cpu(), 1e-5)));
    }

    /** The math primitives added on 2026-11-23 (the kernels compute in double, the CPU rounds once too). */
    @TestFactory
    Stream<DynamicTest> moreMathMatchesTheCpu() {
        Tensor unit = sample(5, 7).tanh().mul(0.9); // inside the domains of asin, acos and atanh
        Map<String, UnaryOperator<Tensor>> ops = new LinkedHashMap<>();
        ops.put("exp2", Tensor::exp2);
        ops.put("log10", t -> t.abs().log10());
        ops.put("asin", Tensor::asin);
        ops.put("acos", Tensor::acos);
        ops.put("atan", Tensor::atan);
        ops.put("sinh", Tensor::sinh);
        ops.put("cosh", Tensor::cosh);
        ops.put("asinh", Tensor::asinh);
        ops.put("acosh", t -> t.abs().add(1.0).acosh());  // acosh's domain starts at 1
        ops.put("atanh", Tensor::atanh);
        ops.put("erfc", Tensor::erfc);
        ops.put("erfinv", Tensor::erfinv);
        return ops.entrySet().stream().map(e -> dynamicTest(e.getKey(), () ->
                assertSame(e.getValue().apply(unit), e.getValue().apply(unit.to(GPU)).cpu(), 1e-6)));
    }

    @Test
    void fmodAndAtan2() {
        Tensor a = sample(4, 1, 3).mul(5.0), b = sample(5, 3).add(0.5);
        assertSame(a.fmod(b), a.to(GPU).fmod(b.to(GPU)).cpu(), 1e-6);
        assertSame(a.atan2(b), a.to(GPU).atan2(b.to(GPU)).cpu(), 1e-6);
        assertSame(a.hypot(b), a.to(GPU).hypot(b.to(GPU)).cpu(), 1e-6);
        assertSame(a.copysign(b), a.to(GPU).copysign(b.to(GPU)).cpu(), 0);
        Tensor i = Torch.arange(-7, 7), j = Torch.full(new long[]{14}, -3L);
        assertSame(i.fmod(j), i.to(GPU).fmod(j.to(GPU)).cpu(), 0);
    }

    @Test
    void binaryOpsBroadcastAndCompare() {
        Tensor a = sample(4, 1, 3), b = sample(5, 3).mul(2.0);
        Tensor ga = a.to(GPU), gb = b.to(GPU);
        assertSame(a.add(b), ga.add(gb).cpu(), 1e-6);
        assertSame(a.mul(b), ga.mul(gb).cpu(), 1e-6);
        assertSame(a.div(b), ga.div(gb).cpu(), 1e-5);
        assertSame(a.lt(b), ga.lt(gb).cpu(), 0);
        Tensor i = Torch.arange(-5, 5), j = Torch.full(new long[]{10}, 3L);
        assertSame(i.remainder(j), i.to(GPU).remainder(j.to(GPU)).cpu(), 0);
    }

    @Test
    void stridedViewsCastsClampAndWhere() {
        Tensor x = sample(6, 4);
        Tensor gx = x.to(GPU);
        assertSame(x.t().contiguous(), gx.t().contiguous().cpu(), 0);
        assertSame(x.to(DType.FLOAT64), gx.to(DType.FLOAT64).cpu(), 1e-7);
        assertSame(x.to(DType.INT32), gx.to(DType.INT32).cpu(), 0);
        assertSame(x.clamp(-0.5, 0.5), gx.clamp(-0.5, 0.5).cpu(), 0);
        assertSame(Torch.where(x.gt(0.0), x, x.neg()), Torch.where(gx.gt(0.0), gx, gx.neg()).cpu(), 0);
    }

    @Test
    void javaScalarsAreCpuScalarsThatJoinADeviceOp() {
        Tensor x = sample(4, 5);
        Tensor gx = x.to(GPU);
        assertSame(x.gt(0.0), gx.gt(0.0).cpu(), 0);
        assertSame(x.mul(2.5).add(1.0), gx.mul(2.5).add(1.0).cpu(), 1e-6);
        assertSame(Torch.where(x.gt(0.0), x, 0.0), Torch.where(gx.gt(0.0), gx, 0.0).cpu(), 0);
        assertSame(x.mean(), gx.mean().cpu(), 1e-6);
        assertSame(x.mean(1), gx.mean(1).cpu(), 1e-6);
        Tensor y = gx.clone();
        y.mul_(3.0);
        assertSame(x.mul(3.0), y.cpu(), 1e-6);
        assertSame(x.add(Torch.tensor(2.0)), gx.add(Torch.tensor(2.0)).cpu(), 1e-6);
    }

    @Test
    void reductions() {
        Tensor x = sample(3, 4, 5);
        Tensor gx = x.to(GPU);
        assertSame(x.sum(), gx.sum().cpu(), 1e-4);
        assertSame(x.sum(1), gx.sum(1).cpu(), 1e-5);
        assertSame(x.amax(2), gx.amax(2).cpu(), 0);
    }

    @Test
    void fewLongReductionsAsTheCpu() {
        // 8 outputs of 43,264 elements (as a conv bias gradient) and one of 346,112: a block of threads per output
        Tensor x = sample(64, 8, 26, 26);
        Tensor gx = x.to(GPU);
        int[] nhw = {0, 2, 3};
        assertSame(x.sum(nhw, false), gx.sum(nhw, false).cpu(), 1e-4);
        assertSame(x.sum(), gx.sum().cpu(), 1e-4);
        assertSame(x.amax(nhw), gx.amax(nhw).cpu(), 0);
        assertSame(x.amin(nhw), gx.amin(nhw).cpu(), 0);
        assertSame(x.transpose(0, 1).sum(new int[]{1, 2, 3}, false), gx.transpose(0, 1).sum(new int[]{1, 2, 3}, false).cpu(), 1e-4);
        Tensor scaled = x.mul(1e-3).add(1).reshape(8, -1); // a product of 43,264 factors near 1
        assertSame(scaled.prod(1), scaled.to(GPU).prod(1).cpu(), 1e-3);
        Tensor ints = x.mul(1000).to(DType.INT64);
        assertSame(ints.sum(nhw, false), ints.to(GPU).sum(nhw, false).cpu(), 0);
        assertSame(ints.amax(nhw), ints.to(GPU).amax(nhw).cpu(), 0);
        Tensor positive = x.gt(-10);
        Tensor rows = positive.reshape(8, -1), gRows = positive.to(GPU).reshape(8, -1);
        assertSame(rows.all(1), gRows.all(1).cpu(), 0);
        assertSame(rows.logicalNot().any(1), gRows.logicalNot().any(1).cpu(), 0);
        Tensor withNan = x.clone();
        withNan.select(1, 3).select(0, 40).fill_(Double.NaN); // a NaN deep in channel 3 wins its max and its sum
        assertSame(withNan.amax(nhw), withNan.to(GPU).amax(nhw).cpu(), 0);
        assertSame(withNan.sum(nhw, false), withNan.to(GPU).sum(nhw, false).cpu(), 1e-4);
    }

    @Test
    void fusedOptimizerUpdatesGiveTheCpusBits() {
        Torch.manualSeed(11);
        int n = 1_000_003; // many grid strides and a ragged end
        Tensor p = Torch.randn(n), g = Torch.randn(n).mul(1e-2), m = Torch.randn(n).mul(1e-3), v = Torch.rand(n).mul(1e-5);
        Tensor gp = p.to(GPU), gg = g.to(GPU), gm = m.to(GPU), gv = v.to(GPU);
        double stepSize = 1e-3 / (1 - 0.9 * 0.9), bc2Sqrt = Math.sqrt(1 - 0.999 * 0.999);
        assertTrue(Fused.adamStep_(p, g, m, v, 0.9, 0.999, stepSize, bc2Sqrt, 1e-8));
        assertTrue(Fused.adamStep_(gp, gg, gm, gv, 0.9, 0.999, stepSize, bc2Sqrt, 1e-8), "the CUDA backend has the fused Adam step");
        assertSame(p, gp.cpu(), 0);
        assertSame(m, gm.cpu(), 0);
        assertSame(v, gv.cpu(), 0);
        assertTrue(Fused.addScaled_(p, g, -0.1));
        assertTrue(Fused.addScaled_(gp, gg, -0.1), "the CUDA backend has the fused add");
        assertSame(p, gp.cpu(), 0);
        // not for it: float64, or a strided view, take the tensor ops
        assertFalse(Fused.addScaled_(gp.to(DType.FLOAT64), gg.to(DType.FLOAT64), -0.1));
        assertFalse(Fused.addScaled_(gp.narrow(0, 0, 1000).view(10, 100).t(), gg.narrow(0, 0, 1000).view(10, 100), -0.1));
    }

    @Test
    void softmaxAlongEveryDimAndStrided() {
        Tensor x = sample(6, 9);
        Tensor gx = x.to(GPU);
        assertSame(x.softmax(1), gx.softmax(1).cpu(), 1e-6);
        assertSame(x.softmax(0), gx.softmax(0).cpu(), 1e-6);
        assertSame(x.logSoftmax(1), gx.logSoftmax(1).cpu(), 1e-5);
        assertSame(x.t().logSoftmax(1), gx.t().logSoftmax(1).cpu(), 1e-5);
        assertSame(x.to(DType.FLOAT64).softmax(1), gx.to(DType.FLOAT64).softmax(1).cpu(), 1e-12);
        Tensor special = Torch.tensor(new double[][]{{0, Double.NEGATIVE_INFINITY}, {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY}});
        assertSame(special.softmax(1), special.to(GPU).softmax(1).cpu(), 0); // an all -inf row is NaN on both
    }

    @Test
    void maxMinAndArgmaxWithTheFirstIndex() {
        Tensor x = Torch.tensor(new double[][]{{1, 3, 3, 0}, {2, Double.NaN, 5, 5}, {-1, -1, -2, -2}}).to(DType.FLOAT32);
        Tensor gx = x.to(GPU);
        for (int dim = 0; dim < 2; dim++) {
            var cpu = x.max(dim);
            var gpu = gx.max(dim);
            assertSame(cpu.values(), gpu.values().cpu(), 0);
            assertSame(cpu.indices(), gpu.indices().cpu(), 0);
            assertSame(x.min(dim).indices(), gx.min(dim).indices().cpu(), 0);
            assertSame(x.argmax(dim), gx.argmax(dim).cpu(), 0);
        }
        Tensor l = Torch.tensor(new long[][]{{4, 9, 9}, {-3, -7, -7}});
        assertSame(l.argmax(1), l.to(GPU).argmax(1).cpu(), 0);
        assertSame(l.argmin(1), l.to(GPU).argmin(1).cpu(), 0);
    }

    @Test
    void indexSelectGatherAndScatter() {
        Tensor x = sample(5, 4);
        Tensor gx = x.to(GPU);
        Tensor rows = Torch.tensor(new long[]{4, 0, 2, 0});
        assertSame(x.indexSelect(0, rows), gx.indexSelect(0, rows.to(GPU)).cpu(), 0);
        assertSame(x.indexSelect(1, Torch.tensor(new long[]{3, 1})), gx.indexSelect(1, Torch.tensor(new long[]{3, 1}).to(GPU)).cpu(), 0);
        assertSame(x.t().indexSelect(0, Torch.tensor(new long[]{2})), gx.t().indexSelect(0, Torch.tensor(new long[]{2}).to(GPU)).cpu(), 0);
        Tensor idx = Torch.tensor(new long[][]{{3, 0}, {1, 1}, {0, 2}, {2, 2}, {3, 3}});
        assertSame(x.gather(1, idx), gx.gather(1, idx.to(GPU)).cpu(), 0);
        Tensor src = sample(5, 2).add(10.0);
        Tensor distinct = Torch.tensor(new long[][]{{3, 0}, {1, 2}, {0, 2}, {2, 1}, {3, 0}});
        assertSame(x.scatter(1, distinct, src), gx.scatter(1, distinct.to(GPU), src.to(GPU)).cpu(), 0);
        // repeated positions: scatter_add sums them (atomically on the GPU)
        assertSame(x.scatterAdd(1, idx, src), gx.scatterAdd(1, idx.to(GPU), src.to(GPU)).cpu(), 1e-5);
        Tensor counts = Torch.zeros(new long[]{3}, DType.INT64, Device.CPU);
        Tensor at = Torch.tensor(new long[]{2, 0, 2, 2});
        Tensor ones = Torch.full(new long[]{4}, 1L);
        assertSame(counts.scatterAdd(0, at, ones), counts.to(GPU).scatterAdd(0, at.to(GPU), ones.to(GPU)).cpu(), 0);
        for (DType dt : List.of(DType.INT8, DType.UINT8, DType.INT16, DType.BOOL, DType.BFLOAT16, DType.FLOAT16)) {
            // 1- and 2-byte elements: compare-and-swap on the word that holds them, neighbours left alone
            Tensor base = Torch.arange(0, 6).to(dt), pos = Torch.tensor(new long[]{1, 4, 1, 1, 2}), add = Torch.full(new long[]{5}, 3L).to(dt);
            assertSame(base.scatterAdd(0, pos, add), base.to(GPU).scatterAdd(0, pos.to(GPU), add.to(GPU)).cpu(), 0);
        }
    }

    @Test
    void reluBackwardAndAGradientThroughLogSoftmaxAndGather() {
        Torch.manualSeed(3);
        Tensor x = Torch.randn(8, 6), w1 = Torch.randn(6, 5), w2 = Torch.randn(5, 3);
        Tensor y = Torch.tensor(new long[]{0, 2, 1, 1, 0, 2, 2, 1});
        Tensor[] cpu = step(x, w1, w2, y), gpu = step(x.to(GPU), w1.to(GPU), w2.to(GPU), y.to(GPU));
        for (int i = 0; i < cpu.length; i++) assertSame(cpu[i], gpu[i].cpu(), 1e-4);
    }

    /** A two-layer net's negative log-likelihood (as nll_loss: log-softmax, gather, mean) and its weight gradients. */
    private static Tensor[] step(Tensor x, Tensor w1, Tensor w2, Tensor y) {
        Tensor a = w1.clone().requiresGrad_(), b = w2.clone().requiresGrad_();
        Tensor logits = x.matmul(a).relu().matmul(b);
        Tensor loss = logits.logSoftmax(1).gather(1, y.unsqueeze(1)).mean().neg();
        loss.backward();
        return new Tensor[]{loss.detach(), a.grad(), b.grad()};
    }

    @Test
    void convolutionThroughIm2colAndItsGradients() {
        Torch.manualSeed(5);
        Tensor x = Torch.randn(2, 3, 7, 6), w = Torch.randn(4, 3, 3, 3), b = Torch.randn(4), r = Torch.randn(2, 4, 4, 3);
        Tensor[] cpu = convStep(x, w, b, r), gpu = convStep(x.to(GPU), w.to(GPU), b.to(GPU), r.to(GPU));
        for (int i = 0; i < cpu.length; i++) assertSame(cpu[i], gpu[i].cpu(), 1e-4);
        Tensor xd = x.to(DType.FLOAT64);
        Window2d win = new Window2d(3, 3, 2, 2, 1, 1, 1, 1, 4, 3);
        assertSame(Convolution.im2col(xd, win), Convolution.im2col(xd.to(GPU), win).cpu(), 0);
        Tensor cols = Convolution.im2col(xd, win);
        assertSame(Convolution.col2im(cols, win, 3, 7, 6), Convolution.col2im(cols.to(GPU), win, 3, 7, 6).cpu(), 1e-12);
    }

    /** conv2d with stride 2, padding 1 and dilation 1 weighted by r and summed: the output and the three gradients. */
    private static Tensor[] convStep(Tensor x, Tensor w, Tensor b, Tensor r) {
        Tensor xi = x.clone().requiresGrad_(), wi = w.clone().requiresGrad_(), bi = b.clone().requiresGrad_();
        Tensor y = Convolution.conv2d(xi, wi, bi, new int[]{2, 2}, new int[]{1, 1, 1, 1}, new int[]{1, 1}, 1);
        y.mul(r).sum().backward();
        return new Tensor[]{y.detach(), xi.grad(), wi.grad(), bi.grad()};
    }

    @Test
    void maxPoolingWithOverlappingWindowsAndItsGradient() {
        Tensor planes = sample(3, 7, 6);
        planes.view(-1).narrow(0, 4, 1).fill_(Double.NaN); // a NaN wins its windows, as on the CPU
        Window2d win = new Window2d(3, 3, 2, 2, 1, 1, 1, 1, 4, 3);
        for (DType dt : List.of(DType.FLOAT32, DType.FLOAT64)) {
            Tensor p = planes.to(dt);
            var cpu = Convolution.maxPool2d(p, win);
            var gpu = Convolution.maxPool2d(p.to(GPU), win);
            assertSame(cpu.values(), gpu.values().cpu(), 0);
            assertSame(cpu.indices(), gpu.indices().cpu(), 0);
            Tensor g = sample(3, 4, 3).to(dt);
            assertSame(Convolution.maxPool2dBackward(g, cpu.indices(), win, 7, 6),
                    Convolution.maxPool2dBackward(g.to(GPU), gpu.indices(), win, 7, 6).cpu(), 1e-6);
        }
        Tensor wrong = Torch.full(new long[]{3, 4, 3}, 42L).to(GPU);
        assertThrows(IndexOutOfBoundsException.class,
                () -> Convolution.maxPool2dBackward(sample(3, 4, 3).to(GPU), wrong, win, 7, 6));
    }

    @Test
    void halfMatmulOnTensorCoresAsTheCpusRoundedProduct() {
        for (DType t : List.of(DType.FLOAT16, DType.BFLOAT16)) {
            // the CPU multiplies in float32 and rounds once; cuBLAS accumulates in float32 and rounds once: they may
            // differ by the order of the sums, an ulp of the result at most here
            double tol = t == DType.FLOAT16 ? 4e-3 : 1.6e-2;
            Tensor a = sample(3, 64, 96).to(t), b = sample(3, 96, 80).add(0.5).to(t);
            Tensor product = a.to(GPU).matmul(b.to(GPU));
            assertEquals(t, product.dtype());
            assertSame(a.matmul(b), product.cpu(), tol);
            Tensor m = sample(40, 72).to(t);
            assertSame(m.matmul(m.t()), m.to(GPU).matmul(m.to(GPU).t()).cpu(), tol); // a transposed operand
            assertSame(a.matmul(b.select(0, 1)), a.to(GPU).matmul(b.to(GPU).select(0, 1)).cpu(), tol); // broadcast over the batch
        }
    }

    @Test
    void float32MatmulOnCublas() {
        Tensor e = Torch.ones(3, 0).to(GPU).matmul(Torch.ones(0, 4).to(GPU)); // an empty sum, into unfilled memory
        assertSame(Torch.zeros(3, 4), e.cpu(), 0);
        Tensor a = sample(2, 3, 5), b = sample(2, 5, 4).add(1.0);
        assertSame(a.matmul(b), a.to(GPU).matmul(b.to(GPU)).cpu(), 1e-4);
        Tensor m = sample(8, 8);
        assertSame(m.matmul(m.t()), m.to(GPU).matmul(m.to(GPU).t()).cpu(), 1e-4);
    }

    @Test
    void autocastRunsMatmulInFloat16AndExpInFloat32() {
        Tensor a = sample(8, 16), b = sample(16, 4);
        try (var ac = Torch.autocast(Device.Type.CUDA)) {
            Tensor c = a.to(GPU).matmul(b.to(GPU));
            assertEquals(DType.FLOAT16, c.dtype());
            assertTrue(a.matmul(b).allclose(c.cpu().to(DType.FLOAT32), 1e-2, 1e-2), c::toString);
            assertEquals(DType.FLOAT32, c.exp().dtype()); // exp is on PyTorch's float32 list
            assertEquals(DType.FLOAT32, a.matmul(b).dtype()); // CPU tensors are left alone
        }
    }

    @Test
    void theCachingAllocatorCountsTensors() {
        Cuda.emptyCache();
        Tensor t = null;
        long grew = 0;
        // the Cleaner may give back an earlier test's block between the two readings: such a try is measured again
        for (int attempt = 0; attempt < 5 && grew != 4L * 1024 * 1024; attempt++) {
            long before = Cuda.memoryAllocated(0);
            t = Torch.zeros(new long[]{1024, 1024}, DType.FLOAT32, GPU);
            grew = Cuda.memoryAllocated(0) - before;
        }
        assertEquals(4L * 1024 * 1024, grew);
        assertTrue(Cuda.memoryReserved(0) >= Cuda.memoryAllocated(0));
        assertTrue(Cuda.maxMemoryAllocated(0) >= Cuda.memoryAllocated(0));
        assertEquals(0.0, t.sum().item(), 0.0);
    }

    @Test
    void aMemoryScopeGivesItsCudaTensorsBackWhenItCloses() {
        Tensor x = sample(256, 256), gx = x.to(GPU);
        Tensor kept = null, dropped = null;
        long grew = -1;
        for (int attempt = 0; attempt < 5 && grew != 4L * 256 * 256; attempt++) { // as theCachingAllocatorCountsTensors
            long before = Cuda.memoryAllocated(0);
            try (var step = MemoryScope.open()) {
                dropped = gx.mul(2);
                kept = MemoryScope.keep(gx.add(1));
            }
            grew = Cuda.memoryAllocated(0) - before;
        }
        assertEquals(4L * 256 * 256, grew, "only the kept tensor still holds memory");
        Tensor gone = dropped;
        var e = assertThrows(IllegalStateException.class, gone::cpu);
        assertTrue(e.getMessage().startsWith("this CUDA tensor was made inside a MemoryScope that has closed"), e::getMessage);
        assertSame(x.add(1), kept.cpu(), 1e-6);
        assertSame(x.mul(3), gx.mul(3).cpu(), 1e-6); // made before the scope: untouched
    }

    @Test
    void scopedBackwardStepsOnTheGpuNeedNoNewMemory() {
        Tensor w = sample(64, 32).to(GPU).requiresGrad_(), x = sample(128, 64).to(GPU);
        long[] after = new long[4];
        for (int step = 0; step < after.length; step++) {
            try (var s = MemoryScope.open()) {
                x.matmul(w).relu().logSoftmax(1).sum().backward(); // w.grad accumulates and is kept
            }
            after[step] = Cuda.memoryAllocated(0);
        }
        // from the second step on only w.grad lives on (the Cleaner may lower a reading, never raise it)
        assertTrue(after[3] <= after[1] && after[2] <= after[1], java.util.Arrays.toString(after));
        assertTrue(w.grad().cpu().abs().sum().item() > 0);
    }

    @Test
    void outOfMemoryIsACudaOutOfMemoryException() {
        long total = Cuda.memGetInfo(0).total();
        CudaOutOfMemoryException e = assertThrows(CudaOutOfMemoryException.class,
                () -> Torch.zeros(new long[]{total}, DType.FLOAT64, GPU));
        assertTrue(e.getMessage().startsWith("CUDA out of memory. Tried to allocate "), e::getMessage);
    }
}
