package dev.jtorch.simd.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * Fused optimizer updates over contiguous float32 arrays: the scalar reference loop and the Vector API loop side by
 * side. Both round after every operation, exactly as the sequence of tensor ops they replace (no fma), so the fused
 * and unfused steps give the same bits.
 */
public final class OptimKernels {
    private OptimKernels() {}

    private static final VectorSpecies<Float> S = SimdMath.F;

    /** The constants of one Adam step, as float32 (the tensor ops convert them so too). */
    public record Adam(float beta1, float oneMinusBeta1, float beta2, float oneMinusBeta2, float negStepSize,
                       float bc2Sqrt, float eps) {
        public static Adam of(double beta1, double beta2, double stepSize, double bc2Sqrt, double eps) {
            return new Adam((float) beta1, (float) (1 - beta1), (float) beta2, (float) (1 - beta2), (float) -stepSize,
                    (float) bc2Sqrt, (float) eps);
        }
    }

    /** {@code s[sp + i] += t[tp + i] * a} for i in [0, n). */
    public static void addScaledScalar(float[] s, int sp, float[] t, int tp, int n, float a) {
        for (int i = 0; i < n; i++) s[sp + i] = s[sp + i] + t[tp + i] * a;
    }

    public static void addScaledSimd(float[] s, int sp, float[] t, int tp, int n, float a) {
        int i = 0, bound = S.loopBound(n);
        for (; i < bound; i += S.length()) {
            FloatVector.fromArray(S, s, sp + i).add(FloatVector.fromArray(S, t, tp + i).mul(a)).intoArray(s, sp + i);
        }
        if (i < n) {
            VectorMask<Float> k = S.indexInRange(i, n);
            FloatVector.fromArray(S, s, sp + i, k).add(FloatVector.fromArray(S, t, tp + i, k).mul(a)).intoArray(s, sp + i, k);
        }
    }

    /** Elements [0, n) at offsets pp, gp, mp, vp of param, grad, exp_avg, exp_avg_sq. */
    public static void adamScalar(float[] p, int pp, float[] g, int gp, float[] m, int mp, float[] v, int vp, int n, Adam c) {
        for (int i = 0; i < n; i++) {
            float gi = g[gp + i];
            float mi = m[mp + i] * c.beta1() + gi * c.oneMinusBeta1();
            float vi = v[vp + i] * c.beta2() + gi * c.oneMinusBeta2() * gi;
            float d = (float) Math.sqrt(vi) / c.bc2Sqrt() + c.eps();
            m[mp + i] = mi;
            v[vp + i] = vi;
            p[pp + i] = p[pp + i] + mi * c.negStepSize() / d;
        }
    }

    /**
     * The lanes' arithmetic is written out in the loop: as a helper called per vector it was too large for C2 to
     * inline ("callee is too large", then "already compiled into a big method"), which left a call per 8 elements
     * that re-broadcast every constant (a step over the MLP's 235,146 parameters: 526–530 us, 307–332 after a
     * recompilation, against 122 us now). The tail takes the scalar loop, which rounds the same way.
     */
    public static void adamSimd(float[] p, int pp, float[] g, int gp, float[] m, int mp, float[] v, int vp, int n, Adam c) {
        FloatVector beta1 = FloatVector.broadcast(S, c.beta1()), oneMinusBeta1 = FloatVector.broadcast(S, c.oneMinusBeta1());
        FloatVector beta2 = FloatVector.broadcast(S, c.beta2()), oneMinusBeta2 = FloatVector.broadcast(S, c.oneMinusBeta2());
        FloatVector bc2Sqrt = FloatVector.broadcast(S, c.bc2Sqrt()), eps = FloatVector.broadcast(S, c.eps());
        FloatVector negStepSize = FloatVector.broadcast(S, c.negStepSize());
        int i = 0, bound = S.loopBound(n);
        for (; i < bound; i += S.length()) {
            FloatVector gv = FloatVector.fromArray(S, g, gp + i);
            FloatVector mv = FloatVector.fromArray(S, m, mp + i).mul(beta1).add(gv.mul(oneMinusBeta1));
            FloatVector vv = FloatVector.fromArray(S, v, vp + i).mul(beta2).add(gv.mul(oneMinusBeta2).mul(gv));
            FloatVector d = vv.sqrt().div(bc2Sqrt).add(eps);
            mv.intoArray(m, mp + i);
            vv.intoArray(v, vp + i);
            FloatVector.fromArray(S, p, pp + i).add(mv.mul(negStepSize).div(d)).intoArray(p, pp + i);
        }
        adamScalar(p, pp + i, g, gp + i, m, mp + i, v, vp + i, n - i, c);
    }
}
