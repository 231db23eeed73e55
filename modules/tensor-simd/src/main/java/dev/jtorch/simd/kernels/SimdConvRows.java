package dev.jtorch.simd.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The short unit-stride runs that im2col and col2im move (a convolution's output rows: 26 and 11 floats in the
 * CNN), with vector loads and stores instead of a call per run: {@code System.arraycopy} on an array whose type
 * is known only at run time costs more than the copy itself at these lengths.
 */
final class SimdConvRows {
    private SimdConvRows() {}

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_256;
    private static final int LANES = S.length();

    static final boolean ENABLED = SimdMath.EIGHT_FLOAT_LANES;

    /** {@code d[dof .. dof+len) = s[so .. so+len)}; a last partial vector overlaps the one before it. */
    static void copy(float[] s, int so, float[] d, int dof, int len) {
        if (len < LANES) {
            for (int i = 0; i < len; i++) d[dof + i] = s[so + i];
            return;
        }
        int last = len - LANES;
        if (len <= 2 * LANES) { // the common short run: two vectors and no loop
            FloatVector head = FloatVector.fromArray(S, s, so);
            FloatVector.fromArray(S, s, so + last).intoArray(d, dof + last);
            head.intoArray(d, dof);
            return;
        }
        for (int i = 0; i < last; i += LANES) FloatVector.fromArray(S, s, so + i).intoArray(d, dof + i);
        FloatVector.fromArray(S, s, so + last).intoArray(d, dof + last);
    }

    /**
     * {@code d[dof + i] += s[so + i]} for i in [0, len). A last partial vector overlaps the one before it, as in
     * {@link #copy}: its sum is formed from d before the loop stores anything, so the lanes both vectors cover
     * get the same value from each store instead of being added twice.
     */
    static void add(float[] s, int so, float[] d, int dof, int len) {
        if (len < LANES) {
            for (int i = 0; i < len; i++) d[dof + i] += s[so + i];
            return;
        }
        int last = len - LANES;
        FloatVector tail = FloatVector.fromArray(S, d, dof + last).add(FloatVector.fromArray(S, s, so + last));
        if (len <= 2 * LANES) { // the common short run (11 floats in the CNN): two vectors and no loop
            FloatVector.fromArray(S, d, dof).add(FloatVector.fromArray(S, s, so)).intoArray(d, dof);
            tail.intoArray(d, dof + last);
            return;
        }
        for (int i = 0; i < last; i += LANES) {
            FloatVector.fromArray(S, d, dof + i).add(FloatVector.fromArray(S, s, so + i)).intoArray(d, dof + i);
        }
        tail.intoArray(d, dof + last);
    }
}
