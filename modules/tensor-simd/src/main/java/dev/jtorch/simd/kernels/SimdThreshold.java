package dev.jtorch.simd.kernels;

import dev.jtorch.DType;
import dev.jtorch.spi.Strided;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API threshold_backward (ReLU's gradient) for float32 and float64 rows: {@code self <= threshold ? 0 : grad}
 * in one pass, a compare and a blend per vector, where a comparison into a bool tensor and a {@code where} took two.
 * The output has stride 1, grad and self stride 1 or 0 (broadcast); anything else goes to the scalar kernel.
 */
final class SimdThreshold {
    private SimdThreshold() {}

    private static final VectorSpecies<Float> F = SimdMath.F;
    private static final VectorSpecies<Double> D = SimdMath.D;

    static boolean backward(Strided grad, Strided self, double threshold, Strided out, int threads) {
        DType t = out.dtype();
        if (t != DType.FLOAT32 && t != DType.FLOAT64) return false;
        Loop loop = Loop.over(out.shape(), out, grad, self);
        int so = loop.innerStride(0), sg = loop.innerStride(1), ss = loop.innerStride(2);
        if (so != 1 || sg < 0 || sg > 1 || ss < 0 || ss > 1) return false;
        Object oa = Host.array(out), ga = Host.array(grad), sa = Host.array(self);
        Loop.Row row = t == DType.FLOAT32
                ? (off, n) -> floats((float[]) ga, off[1], sg, (float[]) sa, off[2], ss, (float) threshold, (float[]) oa, off[0], n)
                : (off, n) -> doubles((double[]) ga, off[1], sg, (double[]) sa, off[2], ss, threshold, (double[]) oa, off[0], n);
        Parallel.forEach(loop, threads, row);
        return true;
    }

    private static void floats(float[] g, int pg, int sg, float[] s, int ps, int ss, float t, float[] y, int q, int n) {
        FloatVector zero = FloatVector.zero(F), gb = FloatVector.broadcast(F, g[pg]), sb = FloatVector.broadcast(F, s[ps]);
        int i = 0, bound = F.loopBound(n);
        for (; i < bound; i += F.length()) {
            FloatVector gv = sg == 0 ? gb : FloatVector.fromArray(F, g, pg + i);
            FloatVector sv = ss == 0 ? sb : FloatVector.fromArray(F, s, ps + i);
            gv.blend(zero, sv.compare(VectorOperators.LE, t)).intoArray(y, q + i);
        }
        for (; i < n; i++) y[q + i] = s[ps + i * ss] <= t ? 0f : g[pg + i * sg];
    }

    private static void doubles(double[] g, int pg, int sg, double[] s, int ps, int ss, double t, double[] y, int q, int n) {
        DoubleVector zero = DoubleVector.zero(D), gb = DoubleVector.broadcast(D, g[pg]), sb = DoubleVector.broadcast(D, s[ps]);
        int i = 0, bound = D.loopBound(n);
        for (; i < bound; i += D.length()) {
            DoubleVector gv = sg == 0 ? gb : DoubleVector.fromArray(D, g, pg + i);
            DoubleVector sv = ss == 0 ? sb : DoubleVector.fromArray(D, s, ps + i);
            gv.blend(zero, sv.compare(VectorOperators.LE, t)).intoArray(y, q + i);
        }
        for (; i < n; i++) y[q + i] = s[ps + i * ss] <= t ? 0d : g[pg + i * sg];
    }
}
