package dev.jtorch.simd;

import dev.jtorch.DType;
import dev.jtorch.Device;
import dev.jtorch.ops.BinaryOp;
import dev.jtorch.ops.ReduceOp;
import dev.jtorch.ops.ScanOp;
import dev.jtorch.ops.UnaryOp;
import dev.jtorch.spi.Backend;
import dev.jtorch.spi.HostStorage;
import dev.jtorch.spi.Storage;
import dev.jtorch.spi.Strided;

/** The CPU backend. Skeleton: kernels to come. */
public final class CpuBackend implements Backend {
    private static UnsupportedOperationException todo() { return new UnsupportedOperationException("cpu kernel not implemented yet"); }

    @Override public String name() { return "simd"; }
    @Override public Device.Type deviceType() { return Device.Type.CPU; }
    @Override public int priority() { return 100; }
    @Override public String description() { return "CPU"; }
    @Override public Storage allocate(DType dtype, long numel, Device device) { return HostStorage.allocate(dtype, numel); }
    @Override public void setNumThreads(int threads) { }
    @Override public int numThreads() { return 1; }
    @Override public void copy(Strided src, Strided dst) { throw todo(); }
    @Override public void fill(Strided dst, double value) { throw todo(); }
    @Override public void fill(Strided dst, long value) { throw todo(); }
    @Override public void unary(UnaryOp op, Strided in, Strided out) { throw todo(); }
    @Override public void binary(BinaryOp op, Strided a, Strided b, Strided out) { throw todo(); }
    @Override public void clamp(Strided in, Double min, Double max, Strided out) { throw todo(); }
    @Override public void where(Strided cond, Strided a, Strided b, Strided out) { throw todo(); }
    @Override public void reduce(ReduceOp op, Strided in, int[] dims, Strided out) { throw todo(); }
    @Override public void reduceWithIndex(ReduceOp op, Strided in, int dim, Strided values, Strided indices) { throw todo(); }
    @Override public void scan(ScanOp op, Strided in, int dim, Strided out) { throw todo(); }
    @Override public void sort(Strided in, int dim, boolean descending, boolean stable, Strided values, Strided indices) { throw todo(); }
    @Override public void matmul(Strided a, Strided bm, Strided out) { dev.jtorch.simd.gemm.Gemm.matmul(a, bm, out, numThreads(), true); }
    @Override public void indexSelect(Strided in, int dim, Strided index, Strided out) { throw todo(); }
    @Override public void gather(Strided in, int dim, Strided index, Strided out) { throw todo(); }
    @Override public void scatter(Strided self, int dim, Strided index, Strided src, boolean add) { throw todo(); }
    @Override public long countNonzero(Strided in) { throw todo(); }
    @Override public void nonzero(Strided in, Strided out) { throw todo(); }
}
