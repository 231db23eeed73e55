package dev.jtorch.simd.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * The CNN's max pooling (2x2 windows, horizontal stride 2, inside the plane) eight outputs at a time: two
 * loads per input row hold the taps of eight windows, a two-source shuffle splits them into left and right
 * taps, and compare-and-blend keeps each window's winner and its index, with the scalar loop's rules (the
 * last NaN wins, else the first largest value). Only 256-bit vectors: eight float lanes beside eight int lanes.
 */
final class SimdMaxPool {
    private SimdMaxPool() {}

    private static final VectorSpecies<Float> F = FloatVector.SPECIES_256;
    private static final VectorSpecies<Integer> I = IntVector.SPECIES_256;
    private static final VectorSpecies<Long> L = LongVector.SPECIES_256;
    static final int OUTPUTS = 8;

    static final boolean ENABLED = SimdMath.EIGHT_FLOAT_LANES;

    // Indexes 8..15 name lanes of the second operand.
    private static final VectorShuffle<Float> LEFT = VectorShuffle.fromValues(F, 0, 2, 4, 6, 8, 10, 12, 14);
    private static final VectorShuffle<Float> RIGHT = VectorShuffle.fromValues(F, 1, 3, 5, 7, 9, 11, 13, 15);
    private static final IntVector EVEN = IntVector.zero(I).addIndex(2);

    /**
     * Planes [p0, p1) of [P,h,w] into [P,oh,ow] with their flat indices, eight windows per step, whose top-left taps
     * are at plane-relative {@code i0, i0+2, ..., i0+14}. The last eight outputs of a row are computed from
     * {@code ow - 8} (overlapping the previous step) so that no load leaves the row. Rows of fewer than eight outputs
     * ([64, 64, 11, 11] pooled to 5x5 in the CNN) take one masked step ({@link #narrowRows}): taps past 2 * ow are
     * masked off on load (they only feed lanes that are not stored), the stores keep the first ow lanes (22 ns a row,
     * against 37 ns for the scalar loop). One loop per method, so that the shuffles and masks stay in registers: C2
     * did not inline the step as a method of its own ("hot method too big"), and the CNN's 26x26 planes took 2.2 ns an
     * output that way against 1.6 ns now. The wide and narrow loops are two methods, not one with both kinds of loads
     * and stores: C1 could not compile the one ("out of virtual registers in linear scan"), so it ran in the
     * interpreter until C2 took it, seconds into a run or, in some runs, not at all.
     */
    static void rows(float[] src, int sb, int h, int w, int sh, int oh, int ow, float[] dst, int db, long[] idx, int ib,
                     int p0, int p1) {
        if (ow < OUTPUTS) narrowRows(src, sb, h, w, sh, oh, ow, dst, db, idx, ib, p0, p1);
        else wideRows(src, sb, h, w, sh, oh, ow, dst, db, idx, ib, p0, p1);
    }

    private static void wideRows(float[] src, int sb, int h, int w, int sh, int oh, int ow, float[] dst, int db, long[] idx,
                                 int ib, int p0, int p1) {
        int last = ow - OUTPUTS; // x of a row's last step
        for (int p = p0; p < p1; p++) {
            int plane = sb + p * h * w;
            for (int y = 0; y < oh; y++) {
                int top = y * sh * w, out = (p * oh + y) * ow;
                for (int x = 0; ; x += OUTPUTS) {
                    if (x > last) {
                        if (x == ow) break;
                        x = last;
                    }
                    int i0 = top + 2 * x, s = plane + i0, d = out + x;
                    FloatVector a = FloatVector.fromArray(F, src, s), b = FloatVector.fromArray(F, src, s + OUTPUTS);
                    FloatVector c = FloatVector.fromArray(F, src, s + w), e = FloatVector.fromArray(F, src, s + w + OUTPUTS);
                    FloatVector v1 = a.rearrange(RIGHT, b), v2 = c.rearrange(LEFT, e), v3 = c.rearrange(RIGHT, e);
                    IntVector at = EVEN.add(i0);
                    FloatVector max = a.rearrange(LEFT, b);
                    IntVector best = at;
                    VectorMask<Float> t = v1.compare(VectorOperators.GT, max).or(v1.test(VectorOperators.IS_NAN));
                    max = max.blend(v1, t);
                    best = best.blend(at.add(1), t.cast(I));
                    t = v2.compare(VectorOperators.GT, max).or(v2.test(VectorOperators.IS_NAN));
                    max = max.blend(v2, t);
                    best = best.blend(at.add(w), t.cast(I));
                    t = v3.compare(VectorOperators.GT, max).or(v3.test(VectorOperators.IS_NAN));
                    max = max.blend(v3, t);
                    best = best.blend(at.add(w + 1), t.cast(I));
                    max.intoArray(dst, db + d);
                    ((LongVector) best.convertShape(VectorOperators.I2L, L, 0)).intoArray(idx, ib + d);
                    ((LongVector) best.convertShape(VectorOperators.I2L, L, 1)).intoArray(idx, ib + d + OUTPUTS / 2);
                    if (x == last) break;
                }
            }
        }
    }

    /** {@link #rows} for rows of fewer than eight outputs: one masked step a row. */
    private static void narrowRows(float[] src, int sb, int h, int w, int sh, int oh, int ow, float[] dst, int db, long[] idx,
                                   int ib, int p0, int p1) {
        VectorMask<Float> lo = F.indexInRange(0, 2 * ow), hi = F.indexInRange(OUTPUTS, 2 * ow), keep = F.indexInRange(0, ow);
        VectorMask<Long> keepLo = L.indexInRange(0, ow), keepHi = L.indexInRange(OUTPUTS / 2, ow);
        for (int p = p0; p < p1; p++) {
            int plane = sb + p * h * w;
            for (int y = 0; y < oh; y++) {
                int i0 = y * sh * w, s = plane + i0, d = (p * oh + y) * ow;
                FloatVector a = FloatVector.fromArray(F, src, s, lo), b = FloatVector.fromArray(F, src, s + OUTPUTS, hi);
                FloatVector c = FloatVector.fromArray(F, src, s + w, lo), e = FloatVector.fromArray(F, src, s + w + OUTPUTS, hi);
                FloatVector v1 = a.rearrange(RIGHT, b), v2 = c.rearrange(LEFT, e), v3 = c.rearrange(RIGHT, e);
                IntVector at = EVEN.add(i0);
                FloatVector max = a.rearrange(LEFT, b);
                IntVector best = at;
                VectorMask<Float> t = v1.compare(VectorOperators.GT, max).or(v1.test(VectorOperators.IS_NAN));
                max = max.blend(v1, t);
                best = best.blend(at.add(1), t.cast(I));
                t = v2.compare(VectorOperators.GT, max).or(v2.test(VectorOperators.IS_NAN));
                max = max.blend(v2, t);
                best = best.blend(at.add(w), t.cast(I));
                t = v3.compare(VectorOperators.GT, max).or(v3.test(VectorOperators.IS_NAN));
                max = max.blend(v3, t);
                best = best.blend(at.add(w + 1), t.cast(I));
                max.intoArray(dst, db + d, keep);
                ((LongVector) best.convertShape(VectorOperators.I2L, L, 0)).intoArray(idx, ib + d, keepLo);
                ((LongVector) best.convertShape(VectorOperators.I2L, L, 1)).intoArray(idx, ib + d + OUTPUTS / 2, keepHi);
            }
        }
    }
}
