package dev.jtorch.simd.conv;

import dev.jtorch.DType;
import dev.jtorch.simd.gemm.Gemm;
import dev.jtorch.simd.kernels.Parallel;
import dev.jtorch.simd.kernels.SimdTranspose;
import dev.jtorch.spi.HostStorage;
import dev.jtorch.spi.Strided;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

import java.util.Arrays;

/**
 * float32 3x3 stride-1 convolutions by Winograd's minimal filtering F(2x2, 3x3): each 2x2 block of outputs (a
 * tile) comes from a 4x4 input patch with 16 multiplications per channel pair instead of 36. Patches and filters
 * are transformed (B^T d B, G g G^T) into 16 matrices each, the products are 16 GEMMs [tiles x C] @ [C x O] on the
 * blocked GEMM, and A^T m A turns each tile's 16 sums back into 2x2 outputs. The weight gradient uses the same
 * input transform with F(3x3, 2x2): G^T [(A dy A^T) (.) (B^T d B)] G summed over tiles, again 16 GEMMs; the input
 * gradient runs the forward's steps backwards, B [(A dy A^T) U^T] B^T added up over overlapping patches.
 * Channels are the vector lanes (images go through a zero-padded channels-last copy), padded to whole vectors
 * with zeros. Large batches go a few images at a time so that the transformed buffers stay bounded.
 */
final class Winograd3x3 {
    private Winograd3x3() {}

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /**
     * Each transformed buffer holds at most about this many floats (1 MiB, the L2 of this machine), images go in
     * chunks: the products are read back while still in cache. conv 32->64 on 13x13, batch 64 (forward, input
     * gradient, weight gradient): 8 MiB buffers 3.8/4.3/4.3 ms, 1 MiB 3.2/4.1/3.6 ms, 256 KiB 3.3/4.5/4.5 ms.
     */
    static final int CHUNK_FLOATS = 1 << 18;

    /** Buffers larger than this (4 MiB; one big image per chunk) are dropped after the call instead of kept. */
    private static final int KEEP_FLOATS = 1 << 20;

    /**
     * Buffers of one thread, grown on demand and reused, so that a training step leaves no garbage the size of its
     * tensors: 0 the padded images, 1 the transformed inputs, 2 the products (or transformed gradients), 3 the
     * outputs, 4 the transformed filters, 5 the weight gradient's per-chunk sums (both filled on the calling thread or
     * in disjoint parts), 6 one image channels-last, 7 the filters' taps made lane-contiguous. The input gradient
     * uses 3 and 2 for the output gradient channels-last and transformed, 1 for the products and 0 for the padded
     * input gradients.
     */
    private static final class Workspace {
        private final float[][] kept = new float[8][0];

        float[] get(int which, int size) {
            if (kept[which].length >= size) return kept[which];
            float[] a = new float[size];
            if (size <= KEEP_FLOATS) kept[which] = a;
            return a;
        }
    }

    private static final ThreadLocal<Workspace> WORKSPACE = ThreadLocal.withInitial(Workspace::new);

    /**
     * The tiling of one call: images [n,c,h,w], output [n,o,oh,ow], padding before the first row/column (negative:
     * that many leading rows/columns of the input are not read).
     */
    record Geometry(int n, int c, int h, int w, int o, int padH, int padW, int oh, int ow) {
        int cp() { return roundUp(c, L); }
        int op() { return roundUp(o, L); }
        int tilesH() { return (oh + 1) / 2; }
        int tilesW() { return (ow + 1) / 2; }
        int tilesPerImage() { return tilesH() * tilesW(); }
        /** Rows and columns of a padded image: every tile's 4x4 patch lies inside. */
        int hp() { return 2 * tilesH() + 2; }
        int wp() { return 2 * tilesW() + 2; }
        /** Floats of the largest transformed buffer for one image. */
        long imageFloats() { return 16L * tilesPerImage() * Math.max(cp(), op()); }
        int imagesPerChunk() { return (int) Math.max(1, Math.min(n, CHUNK_FLOATS / imageFloats())); }
        /** Whether one image's buffers fit Java arrays (else the caller takes the direct sums). */
        boolean fits() { return imageFloats() <= Integer.MAX_VALUE / 2 && (long) hp() * wp() * cp() <= Integer.MAX_VALUE / 2; }
    }

    // ---------------------------------------------------------------- forward

    /**
     * out [n,o,oh,ow] (contiguous at ob) = conv(x [n,c,h,w] at xb, w [o,c,3,3] at wb) + bias [o] at bb (bias may be
     * null).
     */
    static void forward(Geometry g, float[] x, int xb, float[] wt, int wb, float[] bias, int bb,
                        float[] out, int ob, int threads) {
        float[] u = weightTransform(g, wt, wb, false, WORKSPACE.get());
        float[] b = new float[g.op()];
        if (bias != null) System.arraycopy(bias, bb, b, 0, g.o());
        int per = g.imagesPerChunk(), chunks = (g.n() + per - 1) / per;
        // Whole chunks per thread: each runs its own pipeline in its own buffers (finer splits of each step
        // measured slower on 2 threads, the steps' hand-overs crossing cores); one chunk: every step split.
        int parts = Math.min(threads, chunks), inner = parts == 1 ? threads : 1;
        Parallel.run(parts, p -> {
            Workspace ws = WORKSPACE.get();
            for (int k = chunks * p / parts; k < chunks * (p + 1) / parts; k++) {
                forwardChunk(g, k * per, Math.min(per, g.n() - k * per), x, xb, u, b, out, ob, ws, inner);
            }
        });
    }

    /** Images n0 .. n0+nb of {@link #forward}. */
    private static void forwardChunk(Geometry g, int n0, int nb, float[] x, int xb, float[] u, float[] b, float[] out, int ob,
                                     Workspace ws, int threads) {
        int cp = g.cp(), op = g.op(), tiles = nb * g.tilesPerImage();
        float[] v = transformInputs(g, x, xb + n0 * g.c() * g.h() * g.w(), nb, ws, threads);
        int ev = stride(tiles, cp), em = stride(tiles, op);
        float[] m = ws.get(2, 16 * em);
        Gemm.matmul(view(v, 16, tiles, cp, ev), view(u, 16, cp, op, cp * op), view(m, 16, tiles, op, em), threads, true);
        float[] y = ws.get(3, nb * g.oh() * g.ow() * op);
        int tileParts = parts(tiles, 16 * op, threads);
        Parallel.run(tileParts, p -> {
            for (int t = tiles * p / tileParts; t < tiles * (p + 1) / tileParts; t++) outputTile(g, m, tiles, t, b, y);
        });
        // channels-last [nb, oh*ow, op] to the caller's [nb, o, oh*ow], image by image
        int ohw = g.oh() * g.ow(), first = n0, imgParts = parts(nb, ohw * op, threads);
        Parallel.run(imgParts, p -> {
            for (int i = nb * p / imgParts; i < nb * (p + 1) / imgParts; i++) {
                SimdTranspose.transpose(y, i * ohw * op, op, out, ob + (first + i) * g.o() * ohw, ohw, g.o(), ohw);
            }
        });
    }

    /**
     * G g G^T of every filter: u[e][c][o] for e = 4i+j (u[e][o][c] when {@code outputMajor}), zero for the padding
     * channels.
     */
    private static float[] weightTransform(Geometry g, float[] wt, int wb, boolean outputMajor, Workspace ws) {
        int cp = g.cp(), op = g.op(), plane = cp * op;
        float[] u = ws.get(4, 16 * plane);
        // rows and lanes: (c, o) for u[e][c][o], (o, c) for u[e][o][c]; the taps first go lane-contiguous,
        // t[row][k][lane] = tap k of the filter, zero in the padding lanes (one filter at a time in scalar code took
        // 0.1 ms for conv2's 64 x 32 filters, each of its 16 stores in another plane)
        int rows = outputMajor ? g.o() : g.c(), lanes = outputMajor ? g.c() : g.o(), width = outputMajor ? cp : op;
        float[] t = ws.get(7, rows * 9 * width);
        if (lanes != width) Arrays.fill(t, 0, rows * 9 * width, 0f);
        if (outputMajor) {
            for (int o = 0; o < g.o(); o++) SimdTranspose.transpose(wt, wb + o * g.c() * 9, 9, t, o * 9 * cp, cp, 9, g.c());
        } else {
            SimdTranspose.transpose(wt, wb, g.c() * 9, t, 0, op, g.c() * 9, g.o());
        }
        for (int e = 0; e < 16 && rows * width < plane; e++) Arrays.fill(u, e * plane + rows * width, (e + 1) * plane, 0f);
        for (int r = 0; r < rows; r++) {
            for (int l = 0; l < width; l += L) filterTile(t, r * 9 * width + l, width, u, r * width + l, plane);
        }
        return u;
    }

    /**
     * G g G^T for one vector of filters, taps at t[s + k * width]: G g has the rows g0, (g0+g1+g2)/2, (g0-g1+g2)/2,
     * g2 (rows of g), then each row (a, b, d) times G^T is a, (a+b+d)/2, (a-b+d)/2, d into u[e * plane + at]. Each row
     * loads its own taps: with all nine loaded here, C2 stopped inlining at NodeCountInliningCutoff and the helpers
     * left out of line boxed the vectors passed to them.
     */
    private static void filterTile(float[] t, int s, int width, float[] u, int at, int plane) {
        filterRow(t, s, width, 0, u, at, plane);
        filterRow(t, s, width, 1, u, at + 4 * plane, plane);
        filterRow(t, s, width, 2, u, at + 8 * plane, plane);
        filterRow(t, s, width, 3, u, at + 12 * plane, plane);
    }

    /** Row i of G g G^T (see {@link #filterTile}). */
    private static void filterRow(float[] t, int s, int width, int i, float[] u, int at, int plane) {
        FloatVector a, b, d;
        if (i == 0 || i == 3) { // g0 or g2
            int r = s + (i == 0 ? 0 : 6 * width);
            a = FloatVector.fromArray(S, t, r);
            b = FloatVector.fromArray(S, t, r + width);
            d = FloatVector.fromArray(S, t, r + 2 * width);
        } else { // (g0 + g1 + g2) / 2 or (g0 - g1 + g2) / 2, per column
            FloatVector w0 = FloatVector.fromArray(S, t, s), w1 = FloatVector.fromArray(S, t, s + width);
            FloatVector w2 = FloatVector.fromArray(S, t, s + 2 * width), w3 = FloatVector.fromArray(S, t, s + 3 * width);
            FloatVector w4 = FloatVector.fromArray(S, t, s + 4 * width), w5 = FloatVector.fromArray(S, t, s + 5 * width);
            FloatVector w6 = FloatVector.fromArray(S, t, s + 6 * width), w7 = FloatVector.fromArray(S, t, s + 7 * width);
            FloatVector w8 = FloatVector.fromArray(S, t, s + 8 * width);
            if (i == 1) {
                a = w0.add(w3).add(w6).mul(0.5f); b = w1.add(w4).add(w7).mul(0.5f); d = w2.add(w5).add(w8).mul(0.5f);
            } else {
                a = w0.sub(w3).add(w6).mul(0.5f); b = w1.sub(w4).add(w7).mul(0.5f); d = w2.sub(w5).add(w8).mul(0.5f);
            }
        }
        a.intoArray(u, at);
        a.add(b).add(d).mul(0.5f).intoArray(u, at + plane);
        a.sub(b).add(d).mul(0.5f).intoArray(u, at + 2 * plane);
        d.intoArray(u, at + 3 * plane);
    }

    /** A^T m A of tile t for every vector of output channels, plus the bias, into the channels-last outputs. */
    private static void outputTile(Geometry g, float[] m, int tiles, int t, float[] bias, float[] y) {
        int op = g.op(), tw = g.tilesW(), tpi = g.tilesPerImage();
        int img = t / tpi, ty = (t % tpi) / tw, tx = t % tw;
        int r0 = 2 * ty, c0 = 2 * tx;
        boolean secondRow = r0 + 1 < g.oh(), secondCol = c0 + 1 < g.ow();
        int e = stride(tiles, op);       // distance between the 16 product matrices
        int row = g.ow() * op;
        int base = ((img * g.oh() + r0) * g.ow() + c0) * op;
        for (int o0 = 0; o0 < op; o0 += L) {
            int p = t * op + o0;
            FloatVector bv = FloatVector.fromArray(S, bias, o0);
            // A^T m: s0j = m0j + m1j + m2j, s1j = m1j - m2j - m3j, for columns j = 0..3
            FloatVector m00 = FloatVector.fromArray(S, m, p), m01 = FloatVector.fromArray(S, m, p + e);
            FloatVector m02 = FloatVector.fromArray(S, m, p + 2 * e), m03 = FloatVector.fromArray(S, m, p + 3 * e);
            FloatVector m10 = FloatVector.fromArray(S, m, p + 4 * e), m11 = FloatVector.fromArray(S, m, p + 5 * e);
            FloatVector m12 = FloatVector.fromArray(S, m, p + 6 * e), m13 = FloatVector.fromArray(S, m, p + 7 * e);
            FloatVector m20 = FloatVector.fromArray(S, m, p + 8 * e), m21 = FloatVector.fromArray(S, m, p + 9 * e);
            FloatVector m22 = FloatVector.fromArray(S, m, p + 10 * e), m23 = FloatVector.fromArray(S, m, p + 11 * e);
            FloatVector s00 = m00.add(m10).add(m20), s01 = m01.add(m11).add(m21);
            FloatVector s02 = m02.add(m12).add(m22), s03 = m03.add(m13).add(m23);
            // then (.) A: y0 = s0 + s1 + s2, y1 = s1 - s2 - s3
            s00.add(s01).add(s02).add(bv).intoArray(y, base + o0);
            if (secondCol) s01.sub(s02).sub(s03).add(bv).intoArray(y, base + op + o0);
            if (secondRow) {
                FloatVector m30 = FloatVector.fromArray(S, m, p + 12 * e), m31 = FloatVector.fromArray(S, m, p + 13 * e);
                FloatVector m32 = FloatVector.fromArray(S, m, p + 14 * e), m33 = FloatVector.fromArray(S, m, p + 15 * e);
                FloatVector s10 = m10.sub(m20).sub(m30), s11 = m11.sub(m21).sub(m31);
                FloatVector s12 = m12.sub(m22).sub(m32), s13 = m13.sub(m23).sub(m33);
                s10.add(s11).add(s12).add(bv).intoArray(y, base + row + o0);
                if (secondCol) s11.sub(s12).sub(s13).add(bv).intoArray(y, base + row + op + o0);
            }
        }
    }

    // ---------------------------------------------------------------- input gradient

    /**
     * out [n,c,h,w] (contiguous at ob) = the input gradient for dy [n,o,oh,ow] at db and w [o,c,3,3] at wb, where g is
     * the forward's geometry (padding at least 0): the forward's steps run backwards. Each tile's output gradients
     * become A dy A^T (as for the weight gradient), 16 GEMMs [tiles x O] @ [O x C] multiply them by the transformed
     * filters, and B m B^T turns each tile's 16 products into the gradient of its 4x4 input patch; neighbouring
     * patches overlap by two rows or columns and add up. Convolving dy, padded by 2, with the filters turned by 180
     * degrees (as {@link Direct3x3} does) gives the same values but has more tiles (a 13x13 input: 49 tiles
     * from an 11x11 dy padded to 15x15, against the forward's 36) and transforms the padding too. conv 32->64 on
     * 13x13, batch 64, 1 thread, in one JVM on the AVX-512 VM (2026-11-24): the input gradient 2.80 -> 2.28 ms.
     */
    static void inputGrad(Geometry g, float[] dy, int db, float[] wt, int wb, float[] out, int ob, int threads) {
        backward(g, null, 0, dy, db, wt, wb, out, ob, null, 0, threads);
    }

    /**
     * {@link #inputGrad} into dx at dxb unless dx is null and {@link #weightGrad} into dw at dwb unless dw is null, for
     * x [n,c,h,w] at xb (read for dw), dy [n,o,oh,ow] at db and w [o,c,3,3] at wb (read for dx): each chunk's
     * transformed output gradients serve both, and its dy is read once (conv2 of the bench CNN: the transform and
     * the channels-last copy of dy took 0.4-0.6 ms of each gradient).
     */
    static void backward(Geometry g, float[] x, int xb, float[] dy, int db, float[] wt, int wb, float[] dx, int dxb,
                         float[] dw, int dwb, int threads) {
        if (dx != null && (g.padH() < 0 || g.padW() < 0)) {
            throw new IllegalArgumentException("conv3x3 input gradient: negative padding " + g);
        }
        float[] u = dx == null ? null : weightTransform(g, wt, wb, true, WORKSPACE.get());
        int per = g.imagesPerChunk(), chunks = (g.n() + per - 1) / per;
        // The weight gradient's chunk sums apart, added in chunk order afterwards: the same bits on any number of threads.
        int size = 16 * g.op() * g.cp();
        float[] sums = dw == null ? null : WORKSPACE.get().get(5, chunks * size);
        int parts = Math.min(threads, chunks), inner = parts == 1 ? threads : 1;
        Parallel.run(parts, p -> {
            Workspace ws = WORKSPACE.get();
            for (int k = chunks * p / parts; k < chunks * (p + 1) / parts; k++) {
                int n0 = k * per, nb = Math.min(per, g.n() - n0);
                float[] gt = transformGrads(g, dy, db, n0, nb, ws, inner);
                if (dx != null) inputGradChunk(g, n0, nb, gt, u, dx, dxb, ws, inner);
                if (dw != null) weightGradChunk(g, n0, nb, x, xb, gt, sums, k * size, ws, inner);
            }
        });
        if (dw != null) {
            for (int k = 1; k < chunks; k++) addChunkSum(sums, k * size, size);
            transformWeightGrad(g, sums, dw, dwb);
        }
    }

    /**
     * sums[0 .. size) += sums[from .. from+size), size a multiple of the vector length: lane by lane, so the same bits as
     * the scalar loop it replaced (that loop took 1.5% of conv2's forward and backward).
     */
    private static void addChunkSum(float[] sums, int from, int size) {
        for (int i = 0; i < size; i += L) {
            FloatVector.fromArray(S, sums, i).add(FloatVector.fromArray(S, sums, from + i)).intoArray(sums, i);
        }
    }

    /** Images n0 .. n0+nb of {@link #inputGrad} from their transformed output gradients gt (workspace 2). */
    private static void inputGradChunk(Geometry g, int n0, int nb, float[] gt, float[] u, float[] out, int ob,
                                       Workspace ws, int threads) {
        int cp = g.cp(), op = g.op(), tpi = g.tilesPerImage(), tiles = nb * tpi;
        int em = stride(tiles, cp);
        float[] m = ws.get(1, 16 * em);
        Gemm.matmul(view(gt, 16, tiles, op, stride(tiles, op)), view(u, 16, op, cp, op * cp), view(m, 16, tiles, cp, em), threads, true);
        // whole images per thread: the patches of neighbouring tiles overlap
        int image = g.hp() * g.wp() * cp, chw = g.c() * g.h() * g.w();
        float[] acc = ws.get(0, nb * image);
        int imgParts = parts(nb, 16 * tpi * cp, threads);
        Parallel.run(imgParts, p -> {
            float[] tmp = WORKSPACE.get().get(6, g.h() * g.w() * cp);
            for (int i = nb * p / imgParts; i < nb * (p + 1) / imgParts; i++) {
                Arrays.fill(acc, i * image, (i + 1) * image, 0f);
                for (int t = i * tpi; t < (i + 1) * tpi; t++) patchGrad(g, m, t, tiles, acc, i * image);
                unpad(g, acc, i * image, tmp, out, ob + (n0 + i) * chw);
            }
        });
    }

    /**
     * B m B^T of tile t (the adjoint of {@link #inputTile}'s B^T d B), B^T = [1 0 -1 0; 0 1 1 0; 0 -1 1 0; 0 1 0 -1],
     * for every vector of channels, added into its 4x4 patch of the padded channels-last image at d. The rows of B m
     * are m0, m1 - m2 + m3, m1 + m2 - m0 and -m3 (row i of m is the products e = 4i..4i+3), each then times B^T over
     * the columns. The rows go through helpers that load their own operands: one method with all 16 loads ran into
     * C2's NodeCountInliningCutoff, and helpers left out of line then boxed the vectors they were passed.
     */
    private static void patchGrad(Geometry g, float[] m, int t, int tiles, float[] acc, int d) {
        int cp = g.cp(), wp = g.wp(), tw = g.tilesW(), tpi = g.tilesPerImage();
        int ty = (t % tpi) / tw, tx = t % tw;
        int row = wp * cp, base = d + (2 * ty * wp + 2 * tx) * cp;
        int e = stride(tiles, cp);
        for (int c0 = 0; c0 < cp; c0 += L) {
            int p = t * cp + c0, q = base + c0;
            addPatchRow(m, p, e, false, acc, q, cp);
            addPatchRow(m, p + 4 * e, p + 8 * e, p + 12 * e, false, e, acc, q + row, cp);
            addPatchRow(m, p + 4 * e, p + 8 * e, p, true, e, acc, q + 2 * row, cp);
            addPatchRow(m, p + 12 * e, e, true, acc, q + 3 * row, cp);
        }
    }

    /** Row m_a (negated when asked) of B m, times B^T, into acc: the rows 0 and 3. */
    private static void addPatchRow(float[] m, int a, int e, boolean negate, float[] acc, int q, int cp) {
        FloatVector r0 = FloatVector.fromArray(S, m, a), r1 = FloatVector.fromArray(S, m, a + e);
        FloatVector r2 = FloatVector.fromArray(S, m, a + 2 * e), r3 = FloatVector.fromArray(S, m, a + 3 * e);
        if (negate) {
            r0 = r0.neg(); r1 = r1.neg(); r2 = r2.neg(); r3 = r3.neg();
        }
        addColumns(r0, r1, r2, r3, acc, q, cp);
    }

    /** Row m_a - m_b + m_c (or, {@code swapped}, m_a + m_b - m_c) of B m, times B^T, into acc: the rows 1 and 2. */
    private static void addPatchRow(float[] m, int a, int b, int c, boolean swapped, int e, float[] acc, int q, int cp) {
        FloatVector r0, r1, r2, r3;
        FloatVector a0 = FloatVector.fromArray(S, m, a), b0 = FloatVector.fromArray(S, m, b), c0 = FloatVector.fromArray(S, m, c);
        FloatVector a1 = FloatVector.fromArray(S, m, a + e), b1 = FloatVector.fromArray(S, m, b + e), c1 = FloatVector.fromArray(S, m, c + e);
        FloatVector a2 = FloatVector.fromArray(S, m, a + 2 * e), b2 = FloatVector.fromArray(S, m, b + 2 * e), c2 = FloatVector.fromArray(S, m, c + 2 * e);
        FloatVector a3 = FloatVector.fromArray(S, m, a + 3 * e), b3 = FloatVector.fromArray(S, m, b + 3 * e), c3 = FloatVector.fromArray(S, m, c + 3 * e);
        if (swapped) {
            r0 = a0.add(b0).sub(c0); r1 = a1.add(b1).sub(c1); r2 = a2.add(b2).sub(c2); r3 = a3.add(b3).sub(c3);
        } else {
            r0 = a0.sub(b0).add(c0); r1 = a1.sub(b1).add(c1); r2 = a2.sub(b2).add(c2); r3 = a3.sub(b3).add(c3);
        }
        addColumns(r0, r1, r2, r3, acc, q, cp);
    }

    /** One row r of B m times B^T, (r0, r1 - r2 + r3, r1 + r2 - r0, -r3), added into acc at q, q+cp, q+2cp, q+3cp. */
    private static void addColumns(FloatVector r0, FloatVector r1, FloatVector r2, FloatVector r3, float[] acc, int q, int cp) {
        FloatVector.fromArray(S, acc, q).add(r0).intoArray(acc, q);
        FloatVector.fromArray(S, acc, q + cp).add(r1.sub(r2).add(r3)).intoArray(acc, q + cp);
        FloatVector.fromArray(S, acc, q + 2 * cp).add(r1.add(r2).sub(r0)).intoArray(acc, q + 2 * cp);
        FloatVector.fromArray(S, acc, q + 3 * cp).sub(r3).intoArray(acc, q + 3 * cp);
    }

    /**
     * The inverse of {@link #pad}: the image's rows and columns of the padded channels-last gradient at d, row by row
     * into {@code tmp} [h*w, cp], then transposed into out [c,h,w] at ob.
     */
    private static void unpad(Geometry g, float[] acc, int d, float[] tmp, float[] out, int ob) {
        int cp = g.cp(), wp = g.wp(), hw = g.h() * g.w();
        for (int r = 0; r < g.h(); r++) {
            System.arraycopy(acc, d + ((r + g.padH()) * wp + g.padW()) * cp, tmp, r * g.w() * cp, g.w() * cp);
        }
        SimdTranspose.transpose(tmp, 0, cp, out, ob, hw, g.c(), hw);
    }

    // ---------------------------------------------------------------- weight gradient

    /** out [o,c,3,3] (contiguous at ob) = the gradient of the weight given x [n,c,h,w] and dy [n,o,oh,ow]. */
    static void weightGrad(Geometry g, float[] x, int xb, float[] dy, int db, float[] out, int ob, int threads) {
        backward(g, x, xb, dy, db, null, 0, null, 0, out, ob, threads);
    }

    /**
     * The products of images n0 .. n0+nb of {@link #weightGrad} from their transformed output gradients gt
     * (workspace 2), before G^T . G: z[e][c][o] or z[e][o][c].
     */
    private static void weightGradChunk(Geometry g, int n0, int nb, float[] x, int xb, float[] gt, float[] z, int zb,
                                        Workspace ws, int threads) {
        int cp = g.cp(), op = g.op(), tiles = nb * g.tilesPerImage();
        float[] v = transformInputs(g, x, xb + n0 * g.c() * g.h() * g.w(), nb, ws, threads);
        // z[e] = v[e]^T [cp x tiles] @ gt[e] [tiles x op], or gt[e]^T @ v[e] into [op x cp]: the GEMM packs its
        // transposed A, so the operand with fewer channels goes first (conv2's weight gradient 3.5 -> 3.4 ms)
        boolean byInput = byInputChannels(g);
        float[] left = byInput ? v : gt, right = byInput ? gt : v;
        int rows = byInput ? cp : op, cols = byInput ? op : cp;
        Strided a = new Strided(HostStorage.wrapArray(left, DType.FLOAT32), DType.FLOAT32, new long[]{16, rows, tiles},
                new long[]{stride(tiles, rows), 1, rows}, 0);
        long[] zs = {16, rows, cols};
        Gemm.matmul(a, view(right, 16, tiles, cols, stride(tiles, cols)),
                new Strided(HostStorage.wrapArray(z, DType.FLOAT32), DType.FLOAT32, zs, Strided.contiguousStrides(zs), zb), threads, true);
    }

    /** A dy A^T of every tile of images n0 .. n0+nb of dy [n,o,oh,ow] at db: gt[e][t][o] (the returned workspace array). */
    private static float[] transformGrads(Geometry g, float[] dy, int db, int n0, int nb, Workspace ws, int threads) {
        int op = g.op(), tiles = nb * g.tilesPerImage();
        // dy channels-last [nb, oh, ow, op], zero in the padding channels
        float[] gl = ws.get(3, nb * g.oh() * g.ow() * op);
        if (op != g.o()) Arrays.fill(gl, 0, nb * g.oh() * g.ow() * op, 0f);
        int ohw = g.oh() * g.ow(), imgParts = parts(nb, ohw * op, threads);
        Parallel.run(imgParts, p -> {
            for (int i = nb * p / imgParts; i < nb * (p + 1) / imgParts; i++) {
                SimdTranspose.transpose(dy, db + (n0 + i) * g.o() * ohw, ohw, gl, i * ohw * op, op, ohw, g.o());
            }
        });
        float[] gt = ws.get(2, 16 * stride(tiles, op));
        int tileParts = parts(tiles, 16 * op, threads);
        Parallel.run(tileParts, p -> {
            for (int t = tiles * p / tileParts; t < tiles * (p + 1) / tileParts; t++) gradTile(g, gl, t, tiles, gt);
        });
        return gt;
    }

    /** Whether {@link #weightGradChunk} leaves z[e][c][o] (else z[e][o][c]). */
    private static boolean byInputChannels(Geometry g) { return g.cp() <= g.op(); }

    /** out [o,c,3,3] = G^T z G for every (o, c). */
    private static void transformWeightGrad(Geometry g, float[] z, float[] out, int ob) {
        int cp = g.cp(), op = g.op();
        boolean byInput = byInputChannels(g);
        // G^T z G per (o, c): rows z0 + (z1+z2)/2, (z1-z2)/2, (z1+z2)/2 + z3, then the same over columns
        int planeZ = op * cp;
        float[] r = new float[12];
        for (int o = 0; o < g.o(); o++) {
            for (int c = 0; c < g.c(); c++) {
                int at = byInput ? c * op + o : o * cp + c;
                for (int j = 0; j < 4; j++) {
                    float z0 = z[j * planeZ + at], z1 = z[(4 + j) * planeZ + at], z2 = z[(8 + j) * planeZ + at], z3 = z[(12 + j) * planeZ + at];
                    r[j] = z0 + 0.5f * (z1 + z2);
                    r[4 + j] = 0.5f * (z1 - z2);
                    r[8 + j] = 0.5f * (z1 + z2) + z3;
                }
                int f = ob + (o * g.c() + c) * 9;
                for (int i = 0; i < 3; i++) {
                    float a0 = r[4 * i], a1 = r[4 * i + 1], a2 = r[4 * i + 2], a3 = r[4 * i + 3];
                    out[f + 3 * i] = a0 + 0.5f * (a1 + a2);
                    out[f + 3 * i + 1] = 0.5f * (a1 - a2);
                    out[f + 3 * i + 2] = 0.5f * (a1 + a2) + a3;
                }
            }
        }
    }

    /** A dy A^T of tile t (its 2x2 output gradients, zero past the edge) into gt[e][t][o], A = [1 0; 1 1; 1 -1; 0 -1]. */
    private static void gradTile(Geometry g, float[] gl, int t, int tiles, float[] gt) {
        int op = g.op(), tw = g.tilesW(), tpi = g.tilesPerImage();
        int img = t / tpi, ty = (t % tpi) / tw, tx = t % tw;
        int r0 = 2 * ty, c0 = 2 * tx;
        boolean secondRow = r0 + 1 < g.oh(), secondCol = c0 + 1 < g.ow();
        int row = g.ow() * op, base = ((img * g.oh() + r0) * g.ow() + c0) * op;
        int e = stride(tiles, op);
        FloatVector zero = FloatVector.zero(S);
        for (int o0 = 0; o0 < op; o0 += L) {
            int p = base + o0;
            FloatVector g00 = FloatVector.fromArray(S, gl, p);
            FloatVector g01 = secondCol ? FloatVector.fromArray(S, gl, p + op) : zero;
            FloatVector g10 = secondRow ? FloatVector.fromArray(S, gl, p + row) : zero;
            FloatVector g11 = secondRow && secondCol ? FloatVector.fromArray(S, gl, p + row + op) : zero;
            // rows: q0 = g0, q1 = g0 + g1, q2 = g0 - g1, q3 = -g1 (per column), then the same over columns
            FloatVector q00 = g00, q01 = g01;
            FloatVector q10 = g00.add(g10), q11 = g01.add(g11);
            FloatVector q20 = g00.sub(g10), q21 = g01.sub(g11);
            FloatVector q30 = g10.neg(), q31 = g11.neg();
            int d = t * op + o0;
            store4(q00, q01, gt, d, e);
            store4(q10, q11, gt, d + 4 * e, e);
            store4(q20, q21, gt, d + 8 * e, e);
            store4(q30, q31, gt, d + 12 * e, e);
        }
    }

    private static void store4(FloatVector a, FloatVector b, float[] gt, int d, int e) {
        a.intoArray(gt, d);
        a.add(b).intoArray(gt, d + e);
        a.sub(b).intoArray(gt, d + 2 * e);
        b.neg().intoArray(gt, d + 3 * e);
    }

    // ---------------------------------------------------------------- shared: the input transform

    /** B^T d B of every tile of nb images from x at xb: v[e][t][c] (the returned workspace array). */
    private static float[] transformInputs(Geometry g, float[] x, int xb, int nb, Workspace ws, int threads) {
        int cp = g.cp(), hp = g.hp(), wp = g.wp(), tiles = nb * g.tilesPerImage();
        int image = hp * wp * cp;
        float[] xp = ws.get(0, nb * image);
        float[] v = ws.get(1, 16 * stride(tiles, cp));
        int imgParts = parts(nb, image, threads);
        Parallel.run(imgParts, p -> {
            float[] tmp = WORKSPACE.get().get(6, g.h() * g.w() * cp);
            if (cp != g.c()) Arrays.fill(tmp, 0, g.h() * g.w() * cp, 0f); // the padding channels stay zero
            for (int i = nb * p / imgParts; i < nb * (p + 1) / imgParts; i++) pad(g, x, xb + i * g.c() * g.h() * g.w(), xp, i * image, tmp);
        });
        int tileParts = parts(tiles, 16 * cp, threads);
        Parallel.run(tileParts, p -> {
            for (int t = tiles * p / tileParts; t < tiles * (p + 1) / tileParts; t++) inputTile(g, xp, t, tiles, v);
        });
        return v;
    }

    /**
     * One image [c,h,w] into the zero-padded channels-last [hp, wp, cp] at d: transposed whole into {@code tmp}
     * [h*w, cp] (whose padding channels stay zero), then row by row into place.
     */
    private static void pad(Geometry g, float[] x, int xb, float[] xp, int d, float[] tmp) {
        int cp = g.cp(), wp = g.wp(), hp = g.hp(), hw = g.h() * g.w();
        SimdTranspose.transpose(x, xb, hw, tmp, 0, cp, hw, g.c());
        Arrays.fill(xp, d, d + hp * wp * cp, 0f);
        // source rows r and columns col land at r + padH, col + padW; those outside [0, hp) x [0, wp) are not needed
        int r0 = Math.max(0, -g.padH()), r1 = Math.min(g.h(), hp - g.padH());
        int c0 = Math.max(0, -g.padW()), c1 = Math.min(g.w(), wp - g.padW());
        for (int r = r0; r < r1 && c0 < c1; r++) {
            System.arraycopy(tmp, (r * g.w() + c0) * cp, xp, d + ((r + g.padH()) * wp + c0 + g.padW()) * cp, (c1 - c0) * cp);
        }
    }

    /** B^T d B of tile t's 4x4 patch for every vector of channels, B^T = [1 0 -1 0; 0 1 1 0; 0 -1 1 0; 0 1 0 -1]. */
    private static void inputTile(Geometry g, float[] xp, int t, int tiles, float[] v) {
        int cp = g.cp(), wp = g.wp(), tw = g.tilesW(), tpi = g.tilesPerImage();
        int img = t / tpi, ty = (t % tpi) / tw, tx = t % tw;
        int row = wp * cp, base = ((img * g.hp() + 2 * ty) * wp + 2 * tx) * cp;
        int e = stride(tiles, cp);
        for (int c0 = 0; c0 < cp; c0 += L) {
            int p0 = base + c0, p1 = p0 + row, p2 = p1 + row, p3 = p2 + row;
            int d = t * cp + c0;
            // the rows of B^T d: d0 - d2, d1 + d2, d2 - d1, d1 - d3
            patchRow(xp, p0, p2, false, cp, v, d, e);
            patchRow(xp, p1, p2, true, cp, v, d + 4 * e, e);
            patchRow(xp, p2, p1, false, cp, v, d + 8 * e, e);
            patchRow(xp, p1, p3, false, cp, v, d + 12 * e, e);
        }
    }

    /**
     * One row r of B^T d over the patch's four columns, r = a + b or a - b of the patch rows at pa and pb, then r B
     * (r0 - r2, r1 + r2, r2 - r1, r1 - r3) into v at d, d+e, d+2e, d+3e.
     */
    private static void patchRow(float[] xp, int pa, int pb, boolean add, int cp, float[] v, int d, int e) {
        FloatVector a0 = FloatVector.fromArray(S, xp, pa), a1 = FloatVector.fromArray(S, xp, pa + cp);
        FloatVector a2 = FloatVector.fromArray(S, xp, pa + 2 * cp), a3 = FloatVector.fromArray(S, xp, pa + 3 * cp);
        FloatVector b0 = FloatVector.fromArray(S, xp, pb), b1 = FloatVector.fromArray(S, xp, pb + cp);
        FloatVector b2 = FloatVector.fromArray(S, xp, pb + 2 * cp), b3 = FloatVector.fromArray(S, xp, pb + 3 * cp);
        FloatVector r0, r1, r2, r3;
        if (add) {
            r0 = a0.add(b0); r1 = a1.add(b1); r2 = a2.add(b2); r3 = a3.add(b3);
        } else {
            r0 = a0.sub(b0); r1 = a1.sub(b1); r2 = a2.sub(b2); r3 = a3.sub(b3);
        }
        r0.sub(r2).intoArray(v, d);
        r1.add(r2).intoArray(v, d + e);
        r2.sub(r1).intoArray(v, d + 2 * e);
        r1.sub(r3).intoArray(v, d + 3 * e);
    }

    // ---------------------------------------------------------------- helpers

    /** [batches, rows, cols] in a, row-major matrices batchStride floats apart. */
    private static Strided view(float[] a, int batches, int rows, int cols, int batchStride) {
        return new Strided(HostStorage.wrapArray(a, DType.FLOAT32), DType.FLOAT32, new long[]{batches, rows, cols},
                new long[]{batchStride, cols, 1}, 0);
    }

    /**
     * Floats between the transformed matrices of consecutive positions ([tiles x channels] each): one cache line more
     * than they hold. A tile's transform writes (and the output transform reads) one vector in each of the 16
     * matrices; packed tightly, they are a multiple of 4 KiB apart whenever tiles x channels is a multiple of 1024,
     * and then all 16 map to the same L1 set. Measured 2026-11-24 on the AVX-512 VM, conv 64->64 on 10x10, batch 64
     * (16 images, 256 tiles a chunk), 1 thread, two fresh JVMs each: forward 2.08-2.32 -> 1.96-2.07 ms, weight
     * gradient 2.27-2.55 -> 2.04-2.21 ms. (The bench CNN's chunks are not such multiples.)
     */
    private static int stride(int tiles, int channels) { return tiles * channels + L; }

    /** Threads for items of about floatsEach floats written each. */
    private static int parts(int items, int floatsEach, int threads) {
        return Math.max(1, Math.min(items, Parallel.parts((long) items * floatsEach, threads)));
    }

    static int roundUp(int x, int m) { return (x + m - 1) / m * m; }
}
