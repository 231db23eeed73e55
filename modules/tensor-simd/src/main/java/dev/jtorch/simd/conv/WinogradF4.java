package dev.jtorch.simd.conv;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The transforms of Winograd's F(4x4, 3x3) (Lavin and Gray's points 0, 1, -1, 2, -2, infinity): each 4x4 block of
 * outputs from a 6x6 input patch with 36 multiplications per channel pair instead of 144, against 16 for 4 outputs
 * with F(2x2, 3x3). {@link Winograd3x3} runs the pipeline (padding, the 36 GEMMs, the layout back); this class holds
 * the three transforms: filters G g G^T, patches B^T d B and products A^T m A. Channels are the vector lanes.
 * <p>
 * The larger points cost accuracy: on random data the error of an output stays near 1e-6 of the sum of the absolute
 * values of its terms (F(2x2, 3x3): ~1e-7), so only the forward pass and the input gradient use it; the weight
 * gradient keeps F(3x3, 2x2).
 */
final class WinogradF4 {
    private WinogradF4() {}

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** Patch side and transformed positions per tile. */
    static final int N = 6, POSITIONS = N * N;
    private static final float SIXTH = 1f / 6;

    /** G g G^T of every filter: u[e][c][o] for e = 6i+j (the padding channels are left alone). */
    static void filters(Winograd3x3.Geometry g, float[] wt, int wb, boolean flipped, float[] u) {
        int cp = g.cp(), op = g.op(), plane = cp * op;
        float[] gg = new float[N * 3], row = new float[N];
        for (int c = 0; c < g.c(); c++) {
            for (int o = 0; o < g.o(); o++) {
                // filter (o, c) is w[o][c] or, flipped, w[c][o] read backwards
                int f = flipped ? wb + (c * g.o() + o) * 9 + 8 : wb + (o * g.c() + c) * 9, step = flipped ? -1 : 1;
                for (int j = 0; j < 3; j++) { // G g, column by column
                    transform(wt[f + step * j], wt[f + step * (3 + j)], wt[f + step * (6 + j)], gg, j, 3);
                }
                for (int i = 0; i < N; i++) { // (G g) G^T, row by row
                    transform(gg[3 * i], gg[3 * i + 1], gg[3 * i + 2], row, 0, 1);
                    int at = c * op + o;
                    for (int j = 0; j < N; j++) u[(N * i + j) * plane + at] = row[j];
                }
            }
        }
    }

    /** G (a, b, d)^T into out[at + k*stride], G's rows (1/4, 0, 0), -(1, 1, 1)/6, -(1, -1, 1)/6, (1/24, 1/12, 1/6), (1/24, -1/12, 1/6), (0, 0, 1). */
    private static void transform(float a, float b, float d, float[] out, int at, int stride) {
        // products by the reciprocals, not divisions (a divide takes several times a multiply's throughput)
        float ad = a + d;
        out[at] = a * 0.25f;
        out[at + stride] = (ad + b) * -SIXTH;
        out[at + 2 * stride] = (ad - b) * -SIXTH;
        float q = a * (1f / 24) + d * SIXTH, h = b * (1f / 12);
        out[at + 3 * stride] = q + h;
        out[at + 4 * stride] = q - h;
        out[at + 5 * stride] = d;
    }

    /**
     * B^T d B of a tile's 6x6 patch (top left at {@code base} in the padded channels-last image, rows {@code row}
     * floats apart) for every vector of channels, into v at {@code at} (its first channel at the first position) and
     * {@code e} floats further for each next position; {@code tmp} holds the 36 vectors of B^T d.
     */
    static void inputTile(float[] xp, int base, int row, int cp, float[] v, int at, int e, float[] tmp) {
        for (int c0 = 0; c0 < cp; c0 += L) {
            for (int j = 0; j < N; j++) inputColumn(xp, base + j * cp + c0, row, tmp, j * L, N * L);
            for (int i = 0; i < N; i++) inputColumn(tmp, i * N * L, L, v, N * i * e + at + c0, e);
        }
    }

    /**
     * B^T of six vectors at s, s+ss, .., s+5ss into d, d+ds, .., d+5ds. B^T's rows: (4, 0, -5, 0, 1, 0),
     * (0, -4, -4, 1, 1, 0), (0, 4, -4, -1, 1, 0), (0, -2, -1, 2, 1, 0), (0, 2, -1, -2, 1, 0), (0, 4, 0, -5, 0, 1).
     */
    private static void inputColumn(float[] src, int s, int ss, float[] dst, int d, int ds) {
        FloatVector d0 = FloatVector.fromArray(S, src, s), d1 = FloatVector.fromArray(S, src, s + ss);
        FloatVector d2 = FloatVector.fromArray(S, src, s + 2 * ss), d3 = FloatVector.fromArray(S, src, s + 3 * ss);
        FloatVector d4 = FloatVector.fromArray(S, src, s + 4 * ss), d5 = FloatVector.fromArray(S, src, s + 5 * ss);
        FloatVector a = d2.mul(-4f).add(d4), b = d1.mul(-4f).add(d3); // rows 1 and 2: a + b, a - b
        FloatVector p = d4.sub(d2), q = d3.sub(d1).mul(2f);            // rows 3 and 4: p + q, p - q
        d0.mul(4f).add(d2.mul(-5f)).add(d4).intoArray(dst, d);
        a.add(b).intoArray(dst, d + ds);
        a.sub(b).intoArray(dst, d + 2 * ds);
        p.add(q).intoArray(dst, d + 3 * ds);
        p.sub(q).intoArray(dst, d + 4 * ds);
        d1.mul(4f).add(d3.mul(-5f)).add(d5).intoArray(dst, d + 5 * ds);
    }

    /**
     * A^T m A of tile t (its 36 products m[e][t][o], positions {@code e} floats apart, at {@code p} for the first
     * vector of channels) plus the bias, into the channels-last outputs y at {@code base} (rows {@code row} floats
     * apart): {@code rows} x {@code cols} of the 4x4 outputs lie inside the image. {@code tmp} holds A^T m.
     */
    static void outputTile(float[] m, int p, int e, int op, float[] bias, float[] y, int base, int row, int rows, int cols,
                           float[] tmp) {
        for (int o0 = 0; o0 < op; o0 += L) {
            FloatVector bv = FloatVector.fromArray(S, bias, o0);
            for (int j = 0; j < N; j++) outputColumn(m, p + o0 + j * e, N * e, tmp, j * L, N * L, 4, null);
            for (int i = 0; i < rows; i++) outputColumn(tmp, i * N * L, L, y, base + i * row + o0, op, cols, bv);
        }
    }

    /**
     * A^T of six vectors at s, s+ss, .., s+5ss, plus {@code bias} when not null, into the first {@code count} of d,
     * d+ds, d+2ds, d+3ds. A^T's rows: (1, 1, 1, 1, 1, 0), (0, 1, -1, 2, -2, 0), (0, 1, 1, 4, 4, 0), (0, 1, -1, 8, -8, 1).
     */
    private static void outputColumn(float[] src, int s, int ss, float[] dst, int d, int ds, int count, FloatVector bias) {
        FloatVector m0 = FloatVector.fromArray(S, src, s), m1 = FloatVector.fromArray(S, src, s + ss);
        FloatVector m2 = FloatVector.fromArray(S, src, s + 2 * ss), m3 = FloatVector.fromArray(S, src, s + 3 * ss);
        FloatVector m4 = FloatVector.fromArray(S, src, s + 4 * ss), m5 = FloatVector.fromArray(S, src, s + 5 * ss);
        FloatVector sum12 = m1.add(m2), dif12 = m1.sub(m2), sum34 = m3.add(m4), dif34 = m3.sub(m4);
        FloatVector y0 = m0.add(sum12).add(sum34);
        FloatVector y1 = dif12.add(dif34.mul(2f));
        FloatVector y2 = sum12.add(sum34.mul(4f));
        FloatVector y3 = dif12.add(dif34.mul(8f)).add(m5);
        if (bias != null) {
            y0 = y0.add(bias); y1 = y1.add(bias); y2 = y2.add(bias); y3 = y3.add(bias);
        }
        y0.intoArray(dst, d);
        if (count > 1) y1.intoArray(dst, d + ds);
        if (count > 2) y2.intoArray(dst, d + 2 * ds);
        if (count > 3) y3.intoArray(dst, d + 3 * ds);
    }
}
