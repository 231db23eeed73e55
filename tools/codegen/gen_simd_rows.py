#!/usr/bin/env python3
"""Generates the per-op Vector API row loops of the CPU backend:
modules/tensor-simd/src/main/java/dev/jtorch/simd/kernels/Simd{Float,Double,Long}Rows.java.

Each op gets its own loop method so that the JIT compiles every op separately: one loop with a
switch over ops slows down once several ops have run through it (the JIT stops inlining the
vector calls and boxes the vectors). Run from the repository root: python3 tools/codegen/gen_simd_rows.py
"""
import hashlib
import os

OUT = "modules/tensor-simd/src/main/java/dev/jtorch/simd/kernels"


def write_generated(name, body):
    """Writes a generated file with a second line holding the SHA-256 of this generator and of the rest of the file:
    GeneratedRowsUpToDateTest (Java, no Python needed) then catches a hand edit and a generator not run again."""
    head, rest = body.split("\n", 1)
    with open(__file__, "rb") as g:
        gen = hashlib.sha256(g.read()).hexdigest()
    stamp = f"// generator sha256 {gen}; rest of the file sha256 {hashlib.sha256(rest.encode('utf-8')).hexdigest()}"
    with open(os.path.join(OUT, name), "w") as f:
        f.write(head + "\n" + stamp + "\n" + rest)

TYPES = {
    "Float": dict(prim="float", vec="FloatVector", box="Float", species="SimdMath.F", one="1f", zero="0f", half="0.5f"),
    "Double": dict(prim="double", vec="DoubleVector", box="Double", species="SimdMath.D", one="1.0", zero="0.0", half="0.5"),
    "Long": dict(prim="long", vec="LongVector", box="Long", species="LongVector.SPECIES_PREFERRED", one="1L", zero="0L"),
}

FLOAT_UNARY = {
    "ABS": "v.abs()",
    "NEG": "v.neg()",
    "SIGN": "v.broadcast({zero}).blend({one}, v.compare(VectorOperators.GT, {zero}))"
            ".sub(v.broadcast({zero}).blend({one}, v.compare(VectorOperators.LT, {zero})))",
    "SQUARE": "v.mul(v)",
    "SQRT": "v.sqrt()",
    "RSQRT": "v.broadcast({one}).div(v.sqrt())",
    "RECIPROCAL": "v.broadcast({one}).div(v)",
    "RELU": "v.blend({zero}, v.compare(VectorOperators.LT, {zero}))",
    "FLOOR": "SimdMath.floor(v)",
    "CEIL": "SimdMath.ceil(v)",
    "ROUND": "SimdMath.rint(v)",
    "TRUNC": "SimdMath.trunc(v)",
    "EXP": "v.lanewise(VectorOperators.EXP)",
    "EXPM1": "v.lanewise(VectorOperators.EXPM1)",
    "LOG": "v.lanewise(VectorOperators.LOG)",
    "LOG1P": "v.lanewise(VectorOperators.LOG1P)",
    "SIN": "v.lanewise(VectorOperators.SIN)",
    "COS": "v.lanewise(VectorOperators.COS)",
    "TAN": "v.lanewise(VectorOperators.TAN)",
    "TANH": "v.lanewise(VectorOperators.TANH)",  # float32: tanh_block (FLOAT_UNARY below)
    "SIGMOID": "v.broadcast({one}).div(v.neg().lanewise(VectorOperators.EXP).add({one}))",
    "SILU": "v.div(v.neg().lanewise(VectorOperators.EXP).add({one}))",
}
DOUBLE_UNARY = dict(FLOAT_UNARY)  # float64 keeps the Vector API's transcendentals; ERF and GELU are float32 only
# ---------------------------------------------------------------- float32 exp, log and erf, written out inline
#
# Why our own: VectorOperators.EXP/LOG run in the JDK's vector math library once C2 has compiled a loop, but as
# Math.exp/log lane by lane before, and the two differ in the last bit, so a program's numbers depended on when the
# JIT got to a kernel (training runs with one seed drifted apart after an epoch). These use only +, *, fma, compares and bit operations, exact IEEE operations at every tier.
# Why inline: as methods they are too large for C2 to inline into the loops, and a vector passed to a method that
# is not inlined is boxed (5x slower). Range reduction after Cody and Waite, then the classic single-precision
# minimax polynomials (Moshier's Cephes coefficients); within 2 ulp (SimdFloatMathTest). Each block takes the name
# of its input vector and a prefix for its temporaries and returns (lines, name of the result).

def bc(c):
    return f"FloatVector.broadcast(S, {c})"

EXP_POLY = ["1.9875691500e-4f", "1.3981999507e-3f", "8.3334519073e-3f", "4.1665795894e-2f", "1.6666665459e-1f",
            "5.0000001201e-1f"]
LOG_POLY = ["7.0376836292e-2f", "-1.1514610310e-1f", "1.1676998740e-1f", "-1.2420140846e-1f", "1.4249322787e-1f",
            "-1.6668057665e-1f", "2.0000714765e-1f", "-2.4999993993e-1f", "3.3333331174e-1f"]


def horner(var, coeffs):
    e = f"{var}.fma({bc(coeffs[0])}, {bc(coeffs[1])})"
    for c in coeffs[2:]:
        e += f".fma({var}, {bc(c)})"
    return e


def exp_block(src, p, at_most_zero=False):
    """at_most_zero: src is known to be <= 0 or NaN (x - max in softmax), so the upper clamp can go.

    A vector whose lanes all lie within [-87, 87] (or at least -87 with at_most_zero; NaN too) takes a shorter road
    to the same bits: neither clamp can act there, and 2^n is normal, so one scaling factor gives what two give (a
    product rounded once either way). 8 of the long road's vector operations fewer for the price of a test and a
    branch that almost always goes one way: exp of 16M floats 10.2 -> 7.5 ms in a harness."""
    a = f"{p}v"
    if at_most_zero:
        check = f"{a}.compare(VectorOperators.LT, -87f).anyTrue()"
        clamp = [f"FloatVector {p}x = {a}.blend(-104f, {a}.compare(VectorOperators.LT, -104f)); // beyond: 0; NaN stays"]
    else:
        check = f"{a}.abs().compare(VectorOperators.GT, 87f).anyTrue()"
        clamp = [
            f"FloatVector {p}c = {a}.blend(-104f, {a}.compare(VectorOperators.LT, -104f)); // beyond: 0 and +inf,",
            f"FloatVector {p}x = {p}c.blend(89f, {p}c.compare(VectorOperators.GT, 89f));    // reached by the scaling; NaN stays",
        ]

    def core(x, two_factors):
        lines = [
            f"FloatVector {p}t = {x}.fma({bc('1.44269504088896341f')}, {bc('0x1.8p23f')}); // round(x log2 e) in the low bits",
            f"FloatVector {p}n = {p}t.sub(0x1.8p23f);",
            f"IntVector {p}k = {p}t.reinterpretAsInts().sub(0x4B400000);",
            f"FloatVector {p}r = {p}n.fma({bc('-0.693359375f')}, {x}).add({p}n.mul(2.12194440e-4f)); // x - n ln 2 in two parts",
            f"FloatVector {p}q = {horner(p + 'r', EXP_POLY)};",
            f"FloatVector {p}y = {p}q.mul({p}r).fma({p}r, {p}r).add(1f);",
        ]
        if two_factors:
            return lines + [
                f"IntVector {p}k1 = {p}k.lanewise(VectorOperators.ASHR, 1); // 2^n as two normal factors: subnormal results round once",
                f"{p}e = {p}y.mul({p}k1.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats())"
                f".mul({p}k.sub({p}k1).add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats());",
            ]
        return lines + [f"{p}e = {p}y.mul({p}k.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats());"]

    return ([f"FloatVector {a} = {src}, {p}e;",
             f"if ({check}) {{ // a lane near or past the ends of the range: clamped, 2^n as two factors"]
            + ["    " + l for l in clamp + core(f"{p}x", True)]
            + ["} else { // the same bits by the short road"]
            + ["    " + l for l in core(a, False)]
            + ["}"]), f"{p}e"


def log_block(src, p):
    return [
        f"VectorMask<Float> {p}s = {src}.compare(VectorOperators.LT, Float.MIN_NORMAL); // subnormals: scaled by 2^23 first",
        f"IntVector {p}b = {src}.blend({src}.mul(0x1p23f), {p}s).reinterpretAsInts();",
        f"FloatVector {p}f = {p}b.lanewise(VectorOperators.LSHR, 23).and(0xff).add(0x4B400000 - 126)"
        f".reinterpretAsFloats().sub(0x1.8p23f).sub(23f, {p}s); // x = m 2^f, m in [0.5, 1)",
        f"FloatVector {p}m = {p}b.and(0x807fffff).or(0x3f000000).reinterpretAsFloats();",
        f"VectorMask<Float> {p}l = {p}m.compare(VectorOperators.LT, 0.707106781186547524f); // then m - 1 in [sqrt(1/2) - 1, sqrt(2) - 1)",
        f"{p}f = {p}f.sub(1f, {p}l);",
        f"{p}m = {p}m.add({p}m, {p}l).sub(1f);",
        f"FloatVector {p}z = {p}m.mul({p}m);",
        f"FloatVector {p}y = {horner(p + 'm', LOG_POLY)}.mul({p}m).mul({p}z);",
        f"{p}y = {p}z.fma({bc('-0.5f')}, {p}f.fma({bc('-2.12194440e-4f')}, {p}y));",
        f"FloatVector {p}g = {p}f.fma({bc('0.693359375f')}, {p}m.add({p}y))"
        f".blend(Float.NEGATIVE_INFINITY, {src}.compare(VectorOperators.EQ, 0f))"
        f".blend(Float.NaN, {src}.compare(VectorOperators.GE, 0f).not())"
        f".blend({src}, {src}.compare(VectorOperators.EQ, Float.POSITIVE_INFINITY));",
    ], f"{p}g"


# erf(x) = x P(x^2) / Q(x^2) on [0, 3.9192059), 1 from there on (the first float whose erf rounds to 1). One branch,
# no exp and one division: the former two-branch form (a polynomial below 1, erfc through the Vector API's exp above)
# ran gelu at 0.38x PyTorch's speed. Coefficients from tools/codegen/fit_erf.py (a weighted least-squares fit of the
# relative error, 1.9e-8 before float rounding); in float32 within 6 ulp, worst where erf is just below 1 (1.7e-7
# absolute), 0.7 ulp on average. Only exact IEEE operations, so every JIT tier gives the same bits.
ERF_P = ["2.050084049187717e-06f", "0.0002848837757483125f", "0.003765653120353818f", "0.05274883657693863f",
         "0.19040727615356445f", "1.1283791065216064f"]
ERF_Q = ["3.809173358604312e-05f", "0.0011625447077676654f", "0.014969289302825928f", "0.11410944908857346f",
         "0.5020768046379089f", "1f"]
ERF_ONE_FROM = "3.9192059f"


def erf_block(src, p):
    """A vector with no lane at the saturation point or NaN (almost all of them) skips the two blends that handle
    those: the same bits, four vector operations fewer for the price of a test and a branch."""
    ratio = f"{p}a.mul({horner(p + 'y', ERF_P)}).div({horner(p + 'y', ERF_Q)})"
    return [
        f"FloatVector {p}a = {src}.abs(), {p}y = {p}a.mul({p}a), {p}e;",
        f"if ({p}a.compare(VectorOperators.LT, {ERF_ONE_FROM}).allTrue()) {{ // false for NaN",
        f"    {p}e = SimdMath.copySign({ratio}, {src});",
        "} else {",
        f"    {p}e = SimdMath.copySign({ratio}.blend(1f, {p}a.compare(VectorOperators.GE, {ERF_ONE_FROM})), {src})"
        f".blend({src}, {src}.test(VectorOperators.IS_NAN));",
        "}",
    ], f"{p}e"


TANH_P = ["-5.70498872745e-3f", "2.06390887954e-2f", "-5.37397155531e-2f", "1.33314422036e-1f", "-3.33332819422e-1f"]


def tanh_block(src, p):
    """Cephes' float tanh: below |x| = 0.625 the odd polynomial x + x z P(z) (z = x^2), from there
    1 - 2 / (exp(2|x|) + 1) with x's sign (exp overflowing to +inf gives 1). Both are computed and blended by lane."""
    lines, e = exp_block(f"{p}h.mul(2f)", p + "x")
    return [f"FloatVector {p}h = {src}.abs(), {p}z = {src}.mul({src});"] + lines + [
        f"FloatVector {p}g = SimdMath.copySign({src}.broadcast(1f).sub({src}.broadcast(2f).div({e}.add(1f))), {src});",
        f"FloatVector {p}s = {horner(p + 'z', TANH_P)}.mul({p}z).fma({src}, {src});",
        f"FloatVector {p}t = {p}s.blend({p}g, {p}h.compare(VectorOperators.GE, 0.625f))"
        f".blend({src}, {p}h.compare(VectorOperators.EQ, 0f)); // x + x z P(z) would turn -0 into +0",
    ], f"{p}t"


def sigmoid_block(src, p):
    lines, e = exp_block(f"{src}.neg()", p)
    return lines + [f"FloatVector {p}s = {src}.broadcast(1f).div({e}.add(1f));"], f"{p}s"


def silu_block(src, p):
    lines, e = exp_block(f"{src}.neg()", p)
    return lines + [f"FloatVector {p}s = {src}.div({e}.add(1f));"], f"{p}s"


def gelu_block(src, p):
    lines, e = erf_block(f"{p}h", p)
    return [f"FloatVector {p}h = {src}.mul(SQRT1_2F);"] + lines + [f"FloatVector {p}g = {src}.mul(0.5f).mul({e}.add(1f));"], f"{p}g"


FLOAT_UNARY.update({"EXP": exp_block, "LOG": log_block, "SIGMOID": sigmoid_block, "SILU": silu_block, "TANH": tanh_block,
                    "ERF": erf_block, "GELU": gelu_block})

FLOAT_BINARY = {
    "ADD": "a.add(b)", "SUB": "a.sub(b)", "MUL": "a.mul(b)", "DIV": "a.div(b)",
    "MAXIMUM": "SimdMath.maximum(a, b)", "MINIMUM": "SimdMath.minimum(a, b)",
    "DIV_TRUNC": "SimdMath.trunc(a.div(b))",
}
LONG_BINARY = {
    "ADD": "a.add(b)", "SUB": "a.sub(b)", "MUL": "a.mul(b)", "MAXIMUM": "a.max(b)", "MINIMUM": "a.min(b)",
    "BITWISE_AND": "a.and(b)", "BITWISE_OR": "a.or(b)", "BITWISE_XOR": "a.lanewise(VectorOperators.XOR, b)",
}
COMPARE = {
    "EQ": "a.compare(VectorOperators.EQ, b)", "NE": "a.compare(VectorOperators.NE, b)",
    "LT": "a.compare(VectorOperators.LT, b)", "LE": "a.compare(VectorOperators.LE, b)",
    "GT": "a.compare(VectorOperators.GT, b)", "GE": "a.compare(VectorOperators.GE, b)",
    "LOGICAL_AND": "a.compare(VectorOperators.NE, {zero}).and(b.compare(VectorOperators.NE, {zero}))",
    "LOGICAL_OR": "a.compare(VectorOperators.NE, {zero}).or(b.compare(VectorOperators.NE, {zero}))",
    "LOGICAL_XOR": "a.compare(VectorOperators.NE, {zero}).xor(b.compare(VectorOperators.NE, {zero}))",
}


def camel(name):
    parts = name.lower().split("_")
    return parts[0] + "".join(p.capitalize() for p in parts[1:])


def lane_code(expr, t, indent):
    """An expression string, or a block function (see exp_block): the statements and the result's name."""
    if callable(expr):
        lines, result = expr("v", "_")
        return "".join(indent + l + "\n" for l in lines), result
    return "", expr.format(**t)


def exp_lane_method():
    """exp_block's long road for one float in scalar Java: the same IEEE operations in the same order (Math.fma for
    each fma), so the same bits, which RowTailBitsTest checks over a sweep of every 9973rd bit pattern."""
    q = f"Math.fma(r, {EXP_POLY[0]}, {EXP_POLY[1]})"
    for c in EXP_POLY[2:]:
        q = f"Math.fma({q}, r, {c})"
    return f"""
    /**
     * {{@link #exp}} of one float, operation for operation the vector block's long road (clamps, 2^n as two factors),
     * so the same bits. A row's last, partial vector goes lane by lane through this: a masked vector costs more than
     * the few lanes (a row of one float: 17 against 7 ns in a harness).
     */
    static float expLane(float v) {{
        float c = v < -104f ? -104f : v, x = c > 89f ? 89f : c; // beyond: 0 and +inf, reached by the scaling; NaN stays
        float t = Math.fma(x, 1.44269504088896341f, 0x1.8p23f), n = t - 0x1.8p23f; // round(x log2 e) in the low bits
        int k = Float.floatToRawIntBits(t) - 0x4B400000, k1 = k >> 1;
        float r = Math.fma(n, -0.693359375f, x) + n * 2.12194440e-4f; // x - n ln 2 in two parts
        float q = {q};
        float y = Math.fma(q * r, r, r) + 1f;
        return y * Float.intBitsToFloat((k1 + 127) << 23) * Float.intBitsToFloat((k - k1 + 127) << 23);
    }}
"""


# float32 block ops whose last, partial vector runs lane by lane through a scalar twin of the block
SCALAR_LANES = {"EXP": exp_lane_method}


def unary_method(t, op, expr):
    pre, e = lane_code(expr, t, " " * 12)
    masked = f"""            VectorMask<{t['box']}> m = S.indexInRange(i, n);
            {t['vec']} v = {t['vec']}.fromArray(S, x, p + i, m);
{pre}            {e}.intoArray(y, q + i, m);
"""
    loop = f"""
    static void {camel(op)}({t['prim']}[] x, int p, {t['prim']}[] y, int q, int n) {{
        int i = 0, bound = S.loopBound(n);
        for (; i < bound; i += S.length()) {{
            {t['vec']} v = {t['vec']}.fromArray(S, x, p + i);
{pre}            {e}.intoArray(y, q + i);
        }}
"""
    if not callable(expr):
        return loop + f"""        if (i < n) {{
{masked}        }}
    }}
"""
    # A block op's masked tail is a method of its own: the block twice in one method is more than C2 inlines or
    # compiles quickly, and it takes arrays, not a vector, since a vector passed to a call that is not inlined is boxed
    # (exp of 7 floats allocated 848 bytes an op that way, 720 this way, the scalar kernel 672). Where the block has a
    # scalar twin, the last few elements go through it instead: up to LANE_BY_LANE lanes cost less than one masked
    # vector (exp, harness on AVX2: a row of 1 float 17 -> 9 ns, of 9 floats 25 -> 16 ns; but 7 lanes one by one 31 ns
    # against 17 masked)
    lanes = t["prim"] == "float" and op in SCALAR_LANES
    tail = (f"""        if (n - i > LANE_BY_LANE) {camel(op)}Tail(x, p, y, q, i, n);
        else for (; i < n; i++) y[q + i] = {camel(op)}Lane(x[p + i]);
""" if lanes else f"""        if (i < n) {camel(op)}Tail(x, p, y, q, i, n);
""")
    return loop + tail + f"""    }}
""" + (SCALAR_LANES[op]() if lanes else "") + f"""
    /** {{@link #{camel(op)}}} of the last, partial vector's elements [i, n). */
    private static void {camel(op)}Tail({t['prim']}[] x, int p, {t['prim']}[] y, int q, int i, int n) {{
{masked.replace("            ", "        ", 1).replace(chr(10) + "            ", chr(10) + "        ")}    }}
"""


def exp_shifted_sum_method():
    """softmax's middle pass: y = exp(x - c) with the exp block inline, summed in a vector register, while the next
    row's maximum is found: that row's loads from memory overlap the exp, which keeps the vector units busy, instead
    of a max pass of their own that waits on memory."""
    lines, e = exp_block("v", "_", at_most_zero=True)
    body = "".join(" " * 12 + l + "\n" for l in lines)
    tail_body = "".join(" " * 8 + l + "\n" for l in lines)
    return f"""
    /**
     * y = exp(x - c) over the row x[p..p+n), returning the sum of y (softmax's middle pass), and the maximum of the
     * next row x[pn..pn+n) into nextMax[0]: that row comes from memory while the exp keeps the vector units busy, and
     * is in L1 for its own turn (the last row passes its own offset). The maximum skips NaN (a compare and a blend,
     * cheaper than MAX, which keeps NaN): a row holding NaN sums to NaN through its exp anyway, which is what softmax
     * needs of it. x - c is at most 0 or NaN (c is the row's maximum), so the exp has no upper clamp: the same bits
     * as {{@link #exp}} for these arguments, two vector operations fewer.
     */
    static float expShiftedSum(float[] x, int p, float c, float[] y, int q, int n, int pn, float[] nextMax) {{
        FloatVector acc = FloatVector.zero(S), mx = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY);
        int i = 0, bound = S.loopBound(n);
        for (; i < bound; i += S.length()) {{
            FloatVector w = FloatVector.fromArray(S, x, pn + i);
            mx = mx.blend(w, w.compare(VectorOperators.GT, mx));
            FloatVector v = FloatVector.fromArray(S, x, p + i).sub(c);
{body}            {e}.intoArray(y, q + i);
            acc = acc.lanewise(VectorOperators.ADD, {e}); // not add(): see SimdReduceRows' class comment
        }}
        if (i < n) {{
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector w = FloatVector.fromArray(S, x, pn + i, m);
            mx = mx.blend(w, w.compare(VectorOperators.GT, mx).and(m));
            expShiftedTail(x, p, c, y, q, i, n);
            acc = acc.lanewise(VectorOperators.ADD, FloatVector.fromArray(S, y, q + i, m), m); // the tail's exp, read back: no vector is returned
        }}
        nextMax[0] = mx.reduceLanes(VectorOperators.MAX); // no NaN in mx: any order gives the same maximum
        // lane by lane in a fixed order: reduceLanes(ADD) may add in another order once C2 compiles it, and the
        // same row would then sum to different bits at different JIT tiers
        float sum = 0;
        for (int l = 0; l < S.length(); l++) sum += acc.lane(l);
        return sum;
    }}

    /**
     * y = exp(x - c) over the last, partial vector's elements [i, n) of a row: a method of its own, taking arrays, as
     * {{@link #expTail}} is.
     */
    private static void expShiftedTail(float[] x, int p, float c, float[] y, int q, int i, int n) {{
        VectorMask<Float> m = S.indexInRange(i, n);
        FloatVector v = FloatVector.fromArray(S, x, p + i, m).sub(c);
{tail_body}        {e}.intoArray(y, q + i, m);
    }}
"""


def exp_shifted_accumulate_method():
    """softmax along a dim that is not the last: one row of a block of columns, each column its own maximum and sum."""
    lines, e = exp_block("v", "_", at_most_zero=True)
    body = "".join(" " * 12 + l + "\n" for l in lines)
    tail_body = "".join(" " * 8 + l + "\n" for l in lines)
    return f"""
    /**
     * y = exp(x - c) and sum += y, element by element over n: softmax's exp pass along a dim that is not the last,
     * where each of the n columns has its own maximum c[cp + i] and running sum[sp + i]. x - c is at most 0 or NaN,
     * so the exp has no upper clamp (the same bits as {{@link #exp}} for these arguments).
     */
    static void expShiftedAccumulate(float[] x, int p, float[] c, int cp, float[] y, int q, float[] sum, int sp, int n) {{
        int i = 0, bound = S.loopBound(n);
        for (; i < bound; i += S.length()) {{
            FloatVector v = FloatVector.fromArray(S, x, p + i).sub(FloatVector.fromArray(S, c, cp + i));
{body}            {e}.intoArray(y, q + i);
            FloatVector.fromArray(S, sum, sp + i).add({e}).intoArray(sum, sp + i);
        }}
        if (i < n) expShiftedAccumulateTail(x, p, c, cp, y, q, sum, sp, i, n);
    }}

    /** {{@link #expShiftedAccumulate}} over the last, partial vector's elements [i, n), a method of its own. */
    private static void expShiftedAccumulateTail(float[] x, int p, float[] c, int cp, float[] y, int q, float[] sum, int sp,
                                                 int i, int n) {{
        VectorMask<Float> m = S.indexInRange(i, n);
        FloatVector v = FloatVector.fromArray(S, x, p + i, m).sub(FloatVector.fromArray(S, c, cp + i, m));
{tail_body}        {e}.intoArray(y, q + i, m);
        FloatVector.fromArray(S, sum, sp + i, m).add({e}).intoArray(sum, sp + i, m);
    }}
"""


def operands(t, masked):
    m = ", m" if masked else ""
    return (f"{t['vec']} a = sa == 0 ? ca : {t['vec']}.fromArray(S, x, p + i{m});\n"
            f"            {t['vec']} b = sb == 0 ? cb : {t['vec']}.fromArray(S, z, r + i{m});")


# float32 binary ops whose rows are memory-bound: long rows run as two interleaved streams (see STREAMS_FROM)
STREAMED = {"ADD", "SUB", "MUL", "DIV"}


def streams_method(t, op, e):
    P = t['prim']
    return f"""
    /**
     * Elements [0, h) of two rows side by side, as two interleaved streams: (x[p], z[r] -> y[q]) and (x[p2], z[r2] ->
     * y[q2]); h a multiple of S.length(). The two halves of one long row, or two rows of a broadcast op.
     */
    static void {camel(op)}Pair({P}[] x, int p, int p2, int sa, {P}[] z, int r, int r2, int sb, {P}[] y, int q, int q2, int h) {{
        {t['vec']} ca = {t['vec']}.broadcast(S, x[p]), cb = {t['vec']}.broadcast(S, z[r]);
        {t['vec']} ca2 = {t['vec']}.broadcast(S, x[p2]), cb2 = {t['vec']}.broadcast(S, z[r2]);
        for (int j = 0; j < h; j += S.length()) {{
            {{
                {t['vec']} a = sa == 0 ? ca : {t['vec']}.fromArray(S, x, p + j);
                {t['vec']} b = sb == 0 ? cb : {t['vec']}.fromArray(S, z, r + j);
                {e}.intoArray(y, q + j);
            }}
            {{
                {t['vec']} a = sa == 0 ? ca2 : {t['vec']}.fromArray(S, x, p2 + j);
                {t['vec']} b = sb == 0 ? cb2 : {t['vec']}.fromArray(S, z, r2 + j);
                {e}.intoArray(y, q2 + j);
            }}
        }}
    }}

    /**
     * Elements [0, k + 2h) of a long row: the k before y's first 64-byte line boundary (one masked vector), then the
     * rest as two interleaved streams, its halves side by side, whose vectors then never straddle two cache lines
     * (see SimdMath.lineLead); returns k + 2h.
     */
    private static int {camel(op)}Streams({P}[] x, int p, int sa, {P}[] z, int r, int sb, {P}[] y, int q, int n) {{
        int k = SimdMath.lineLead(q);
        if (k > 0) {{
            VectorMask<{t['box']}> m = S.indexInRange(0, k);
            {t['vec']} ca = {t['vec']}.broadcast(S, x[p]), cb = {t['vec']}.broadcast(S, z[r]);
            int i = 0;
            {operands(t, True)}
            {e}.intoArray(y, q, m);
        }}
        int h = (n - k) / 2 / S.length() * S.length();
        {camel(op)}Pair(x, p + k * sa, p + (k + h) * sa, sa, z, r + k * sb, r + (k + h) * sb, sb, y, q + k, q + k + h, h);
        return k + 2 * h;
    }}
"""


def binary_method(t, op, expr):
    e = expr.format(**t)
    P = t['prim']
    streamed = t['prim'] == "float" and op in STREAMED
    start = (f"int i = n >= STREAMS_FROM ? {camel(op)}Streams(x, p, sa, z, r, sb, y, q, n) : 0, bound = i + S.loopBound(n - i);"
             if streamed else "int i = 0, bound = S.loopBound(n);")
    return f"""
    static void {camel(op)}({P}[] x, int p, int sa, {P}[] z, int r, int sb, {P}[] y, int q, int n) {{
        {t['vec']} ca = {t['vec']}.broadcast(S, x[p]), cb = {t['vec']}.broadcast(S, z[r]);
        {start}
        for (; i < bound; i += S.length()) {{
            {operands(t, False)}
            {e}.intoArray(y, q + i);
        }}
{binary_tail(t, op, e)}    }}
"""


# float binary ops whose last, partial vector goes element by element as the Java operator: the same IEEE operation as
# the vector lane, cheaper than one masked vector step on AVX2 (a row of 7 floats in a harness: 3.2 against 4.7 ns, of
# 1 float 1.4 against 2.6 ns), and less code to compile
SCALAR_BINARY = {"ADD": "+", "SUB": "-", "MUL": "*", "DIV": "/"}


def binary_tail(t, op, e):
    masked = f"""            VectorMask<{t['box']}> m = S.indexInRange(i, n);
            {operands(t, True)}
            {e}.intoArray(y, q + i, m);
"""
    if t['prim'] == "long" or op not in SCALAR_BINARY:
        return f"""        if (i < n) {{
{masked}        }}
"""
    return f"""        for (; i < n; i++) y[q + i] = x[p + i * sa] {SCALAR_BINARY[op]} z[r + i * sb];
"""


def compare_method(t, op, expr):
    e = expr.format(**t)
    P = t['prim']
    return f"""
    static void {camel(op)}({P}[] x, int p, int sa, {P}[] z, int r, int sb, byte[] y, int q, int n) {{
        {t['vec']} ca = {t['vec']}.broadcast(S, x[p]), cb = {t['vec']}.broadcast(S, z[r]);
        int i = 0, bound = S.loopBound(n);
        for (; i < bound; i += S.length()) {{
            {operands(t, False)}
            VectorMask<{t['box']}> k = {e};
            if (B != null) ByteVector.zero(B).blend((byte) 1, k.cast(B)).intoArray(y, q + i);
            else storeBits(k.toLong(), y, q + i, S.length());
        }}
        if (i < n) {{
            VectorMask<{t['box']}> m = S.indexInRange(i, n);
            {operands(t, True)}
            storeBits(({e}).toLong(), y, q + i, n - i);
        }}
    }}
"""


def generate(tname, unary, binary):
    t = TYPES[tname]
    P = t['prim']
    cls = f"Simd{tname}Rows"
    lines = []
    lines.append("// Generated by tools/codegen/gen_simd_rows.py; edit the generator, not this file.")
    lines.append("package dev.jtorch.simd.kernels;")
    lines.append("")
    lines.append("import dev.jtorch.ops.BinaryOp;")
    if unary:
        lines.append("import dev.jtorch.ops.UnaryOp;")
    lines.append("import jdk.incubator.vector.ByteVector;")
    lines.append(f"import jdk.incubator.vector.{t['vec']};")
    if tname == "Float":
        lines.append("import jdk.incubator.vector.IntVector;")
    lines.append("import jdk.incubator.vector.VectorMask;")
    lines.append("import jdk.incubator.vector.VectorOperators;")
    lines.append("import jdk.incubator.vector.VectorShape;")
    lines.append("import jdk.incubator.vector.VectorSpecies;")
    lines.append("")
    lines.append("/**")
    lines.append(f" * The {P} row loops of the Vector API kernels, one method per op (see the generator for why).")
    lines.append(" * Binary rows take input strides 0 (a broadcast scalar) or 1 and a contiguous output; the row")
    if tname == "Long":
        lines.append(" * tail is one masked vector step, so every element goes through the same lane code.")
    else:
        twins = "+ - * / and the last few of exp" if tname == "Float" else "+ - * /"
        lines.append(" * tail is one masked vector step (or, for " + twins + ", element by element through a scalar")
        lines.append(" * twin of the lane code), so every element goes through the same operations.")
    lines.append(" */")
    lines.append(f"final class {cls} {{")
    lines.append(f"    private {cls}() {{}}")
    lines.append("")
    lines.append(f"    private static final VectorSpecies<{t['box']}> S = {t['species']};")
    lines.append("    /** Byte lanes as many as S has, to store comparison masks as bools; null when no such species exists. */")
    lines.append("    private static final VectorSpecies<Byte> B = S.length() >= 8")
    lines.append("            ? VectorSpecies.of(byte.class, VectorShape.forBitSize(S.length() * 8)) : null;")
    if tname == "Float":
        lines.append("    private static final float SQRT1_2F = (float) ScalarMath.SQRT1_2;")
        lines.append("    /**")
        lines.append("     * From this many elements (past L2) add/sub/mul/div rows run as two interleaved streams, the row's halves")
        lines.append("     * side by side in one loop: the memory system then fetches for each in parallel (16M floats: add 7.8 ->")
        lines.append("     * 7.1 ms in a standalone loop; four streams of three arrays were slower).")
        lines.append("     */")
        lines.append("    static final int STREAMS_FROM = 1 << 16;")
    if tname == "Float":
        lines.append("    /** At most this many last elements of exp go through its scalar twin (see the generator's unary_method). */")
        lines.append("    static final int LANE_BY_LANE = 3;")
    lines.append("")
    lines.append("    @FunctionalInterface")
    lines.append("    interface Binary {")
    lines.append(f"        void run({P}[] x, int p, int sa, {P}[] z, int r, int sb, {P}[] y, int q, int n);")
    lines.append("    }")
    lines.append("")
    if tname == "Float":
        lines.append("    @FunctionalInterface")
        lines.append("    interface Pair {")
        lines.append(f"        void run({P}[] x, int p, int p2, int sa, {P}[] z, int r, int r2, int sb, {P}[] y, int q, int q2, int h);")
        lines.append("    }")
        lines.append("")
    lines.append("    @FunctionalInterface")
    lines.append("    interface Compare {")
    lines.append(f"        void run({P}[] x, int p, int sa, {P}[] z, int r, int sb, byte[] y, int q, int n);")
    lines.append("    }")
    if unary:
        lines.append("")
        lines.append("    @FunctionalInterface")
        lines.append("    interface Unary {")
        lines.append(f"        void run({P}[] x, int p, {P}[] y, int q, int n);")
        lines.append("    }")
        lines.append("")
        lines.append("    /** The row loop for op, or null when it has no vector form. */")
        lines.append("    static Unary unary(UnaryOp op) {")
        lines.append("        return switch (op) {")
        for op in unary:
            lines.append(f"            case {op} -> {cls}::{camel(op)};")
        lines.append("            default -> null;")
        lines.append("        };")
        lines.append("    }")
    lines.append("")
    lines.append("    /** The row loop for an op with a " + P + " result, or null when it has no vector form. */")
    lines.append("    static Binary binary(BinaryOp op) {")
    lines.append("        return switch (op) {")
    for op in binary:
        lines.append(f"            case {op} -> {cls}::{camel(op)};")
    lines.append("            default -> null;")
    lines.append("        };")
    lines.append("    }")
    lines.append("")
    if tname == "Float":
        lines.append("    /** Two rows side by side ({@code addPair} ...) for the memory-bound ops, or null. */")
        lines.append("    static Pair pair(BinaryOp op) {")
        lines.append("        return switch (op) {")
        for op in binary:
            if op in STREAMED:
                lines.append(f"            case {op} -> {cls}::{camel(op)}Pair;")
        lines.append("            default -> null;")
        lines.append("        };")
        lines.append("    }")
        lines.append("")
    lines.append("    /** The row loop for a comparison or logical op (bool result), or null. */")
    lines.append("    static Compare compare(BinaryOp op) {")
    lines.append("        return switch (op) {")
    for op in COMPARE:
        lines.append(f"            case {op} -> {cls}::{camel(op)};")
    lines.append("            default -> null;")
    lines.append("        };")
    lines.append("    }")
    lines.append("")
    lines.append("    /** Writes the low {@code count} bits of a lane mask as bytes 0/1. */")
    lines.append("    private static void storeBits(long bits, byte[] y, int q, int count) {")
    lines.append("        for (int j = 0; j < count; j++) y[q + j] = (byte) ((bits >>> j) & 1);")
    lines.append("    }")
    body = "\n".join(lines) + "\n"
    if unary:
        body += "\n    // ---------------------------------------------------------------- unary\n"
        for op, e in unary.items():
            body += unary_method(t, op, e)
    if tname == "Float":
        body += exp_shifted_sum_method()
        body += exp_shifted_accumulate_method()
    body += "\n    // ---------------------------------------------------------------- binary\n"
    for op, e in binary.items():
        body += binary_method(t, op, e)
        if tname == "Float" and op in STREAMED:
            body += streams_method(t, op, e.format(**t))
    body += "\n    // ---------------------------------------------------------------- comparisons\n"
    for op, e in COMPARE.items():
        body += compare_method(t, op, e)
    body += "}\n"
    write_generated(cls + ".java", body)


generate("Float", FLOAT_UNARY, FLOAT_BINARY)
generate("Double", DOUBLE_UNARY, FLOAT_BINARY)
generate("Long", None, LONG_BINARY)


def generate_float_math():
    """The same blocks as methods, for the tests of their accuracy: the rows carry them inline (tails included)."""
    out = ["// Generated by tools/codegen/gen_simd_rows.py; edit the generator, not this file.",
           "package dev.jtorch.simd.kernels;", "",
           "import jdk.incubator.vector.FloatVector;", "import jdk.incubator.vector.IntVector;",
           "import jdk.incubator.vector.VectorMask;", "import jdk.incubator.vector.VectorOperators;",
           "import jdk.incubator.vector.VectorSpecies;", "",
           "/**",
           " * float32 exp, log and erf from exact IEEE lane operations only, so every JIT tier gives the same bits.",
           " * The row loops of {@link SimdFloatRows} carry the same code inline: as calls, C2 would not inline them",
           " * and would box the vectors. These methods are what the tests measure the blocks' accuracy on.",
           " */",
           "public final class SimdFloatMath {",
           "    private SimdFloatMath() {}", "",
           "    private static final VectorSpecies<Float> S = SimdMath.F;",
           "    private static final float SQRT1_2F = (float) ScalarMath.SQRT1_2;"]
    for name, block in (("exp", exp_block), ("log", log_block), ("erf", erf_block), ("sigmoid", sigmoid_block),
                        ("silu", silu_block), ("gelu", gelu_block), ("tanh", tanh_block)):
        lines, result = block("v", "_")
        out.append("")
        out.append(f"    public static FloatVector {name}(FloatVector v) {{")
        out += ["        " + l for l in lines]
        out.append(f"        return {result};")
        out.append("    }")
    out.append("}")
    write_generated("SimdFloatMath.java", "\n".join(out) + "\n")


generate_float_math()


# ---------------------------------------------------------------- reductions

REDUCE_DOUBLE = {  # combine(acc, w) on double lanes: NaN wins, ties take the later value (as the scalar kernel);
    # lanewise at our own call site, not add()/mul(): see the class comment of SimdReduceRows
    "SUM": "{a}.lanewise(VectorOperators.ADD, w)",
    "PROD": "{a}.lanewise(VectorOperators.MUL, w)",
    "MAX": "{a}.blend(w, w.compare(VectorOperators.GE, {a}).or(w.test(VectorOperators.IS_NAN)).andNot({a}.test(VectorOperators.IS_NAN)))",
    "MIN": "{a}.blend(w, w.compare(VectorOperators.LE, {a}).or(w.test(VectorOperators.IS_NAN)).andNot({a}.test(VectorOperators.IS_NAN)))",
}
REDUCE_LONG = {op: "{a}.lanewise(VectorOperators." + lanes + ", w)" for op, lanes in (("SUM", "ADD"), ("PROD", "MUL"), ("MAX", "MAX"), ("MIN", "MIN"))}  # see REDUCE_DOUBLE
LANES = {"SUM": "ADD", "PROD": "MUL", "MAX": "MAX", "MIN": "MIN"}
IDENTITY_D = {"SUM": "0.0", "PROD": "1.0", "MAX": "Double.NEGATIVE_INFINITY", "MIN": "Double.POSITIVE_INFINITY"}
IDENTITY_L = {"SUM": "0L", "PROD": "1L", "MAX": "Long.MIN_VALUE", "MIN": "Long.MAX_VALUE"}


def reduce_methods():
    out = []
    for op in ("MAX", "MIN"):
        # float rows: max and min are exact, so they stay in float lanes (8 per vector, not 4 widened doubles);
        # lanewise MAX/MIN are Math.max/min (NaN wins, as the scalar kernel); 8 accumulators hide their latency
        accs = ", ".join(f"a{k} = a0" for k in range(1, 8))
        loads = "\n".join(f"            a{k} = a{k}.lanewise(VectorOperators.{op}, FloatVector.fromArray(F, x, p + i + {k} * F.length()));" for k in range(8))
        fold = f"a0.lanewise(VectorOperators.{op}, a1).lanewise(VectorOperators.{op}, a2.lanewise(VectorOperators.{op}, a3))" \
               f".lanewise(VectorOperators.{op}, a4.lanewise(VectorOperators.{op}, a5).lanewise(VectorOperators.{op}, a6.lanewise(VectorOperators.{op}, a7)))"
        ident = "Float.NEGATIVE_INFINITY" if op == "MAX" else "Float.POSITIVE_INFINITY"
        streams = "\n".join(f"            a{k} = a{k}.lanewise(VectorOperators.{op}, FloatVector.fromArray(F, x, p + {k // 2} * q + j + {k % 2} * F.length()));" for k in range(8))
        out.append(f"""
    static double {camel(op)}Floats(float[] x, int p, int n) {{
        int q = n >= STREAMS_FROM ? n / 4 / (2 * F.length()) * (2 * F.length()) : 0;
        double head = q > 0 ? {camel(op)}FloatStreams(x, p, q) : {ident};
        FloatVector a0 = FloatVector.broadcast(F, {ident}), {accs};
        int i = 4 * q, step = 8 * F.length(), bound = i + (n - i) / step * step;
        for (; i < bound; i += step) {{
{loads}
        }}
        for (bound = i + F.loopBound(n - i); i < bound; i += F.length()) a0 = a0.lanewise(VectorOperators.{op}, FloatVector.fromArray(F, x, p + i));
        double r = ReduceKernels.combine(ReduceOp.{op}, head, {fold}.reduceLanes(VectorOperators.{op}));
        for (; i < n; i++) r = ReduceKernels.combine(ReduceOp.{op}, r, x[p + i]);
        return r;
    }}

    /** x[p, p+4q) as four streams of q elements, two accumulators each (see STREAMS_FROM); q a multiple of 2 vectors. */
    private static double {camel(op)}FloatStreams(float[] x, int p, int q) {{
        FloatVector a0 = FloatVector.broadcast(F, {ident}), {accs};
        for (int j = 0; j < q; j += 2 * F.length()) {{
{streams}
        }}
        return {fold}.reduceLanes(VectorOperators.{op});
    }}
""")
    for op in ("MAX", "MIN"):
        ident = "Float.NEGATIVE_INFINITY" if op == "MAX" else "Float.POSITIVE_INFINITY"
        row = ["p + i", "p + gap + i", "p + 2 * gap + i", "p + 3 * gap + i"]
        loads = "\n".join(f"            a{k} = a{k}.lanewise(VectorOperators.{op}, FloatVector.fromArray(F, x, {row[k]}));" for k in range(4))
        tails = "\n".join(f"            r{k} = ReduceKernels.combine(ReduceOp.{op}, r{k}, x[{row[k]}]);" for k in range(4))
        results = "\n".join(f"        acc[{['a', 'a + ag', 'a + 2 * ag', 'a + 3 * ag'][k]}] = r{k};" for k in range(4))
        out.append(f"""
    /** Four rows side by side, one accumulator each (see sumFloatRows4). */
    static void {camel(op)}FloatRows4(float[] x, int p, int gap, int n, double[] acc, int a, int ag) {{
        FloatVector a0 = FloatVector.broadcast(F, {ident}), a1 = a0, a2 = a0, a3 = a0;
        int i = 0, bound = F.loopBound(n);
        for (; i < bound; i += F.length()) {{
{loads}
        }}
        double r0 = a0.reduceLanes(VectorOperators.{op}), r1 = a1.reduceLanes(VectorOperators.{op});
        double r2 = a2.reduceLanes(VectorOperators.{op}), r3 = a3.reduceLanes(VectorOperators.{op});
        for (; i < n; i++) {{
{tails}
        }}
{results}
    }}
""")
    for op in ("PROD",):  # float rows widened to double lanes; SUM has its own four-accumulator loop below
        c0, c1 = REDUCE_DOUBLE[op].format(a="a0"), REDUCE_DOUBLE[op].format(a="a1")
        out.append(f"""
    static double {camel(op)}Floats(float[] x, int p, int n) {{
        DoubleVector a0 = DoubleVector.broadcast(W, {IDENTITY_D[op]}), a1 = a0;
        int i = 0, bound = F.loopBound(n);
        for (; i < bound; i += F.length()) {{
            DoubleVector w = (DoubleVector) {widen("p + i")};
            a0 = {c0};
            w = (DoubleVector) {widen("p + i + H.length()")};
            a1 = {c1};
        }}
        double r = ReduceKernels.combine(ReduceOp.{op}, a0.reduceLanes(VectorOperators.{LANES[op]}), a1.reduceLanes(VectorOperators.{LANES[op]}));
        for (; i < n; i++) r = ReduceKernels.combine(ReduceOp.{op}, r, x[p + i]);
        return r;
    }}
""")
    for op in ("PROD", "MAX", "MIN"):
        c0 = REDUCE_DOUBLE[op].format(a="a0")
        out.append(f"""
    static double {camel(op)}Doubles(double[] x, int p, int n) {{
        DoubleVector a0 = DoubleVector.broadcast(D, {IDENTITY_D[op]});
        int i = 0, bound = D.loopBound(n);
        for (; i < bound; i += D.length()) {{
            DoubleVector w = DoubleVector.fromArray(D, x, p + i);
            a0 = {c0};
        }}
        double r = a0.reduceLanes(VectorOperators.{LANES[op]});
        for (; i < n; i++) r = ReduceKernels.combine(ReduceOp.{op}, r, x[p + i]);
        return r;
    }}
""")
    for op in ("SUM", "PROD", "MAX", "MIN"):
        c0 = REDUCE_LONG[op].format(a="a0")
        out.append(f"""
    static long {camel(op)}Longs(long[] x, int p, int n) {{
        LongVector a0 = LongVector.broadcast(L, {IDENTITY_L[op]});
        int i = 0, bound = L.loopBound(n);
        for (; i < bound; i += L.length()) {{
            LongVector w = LongVector.fromArray(L, x, p + i);
            a0 = {c0};
        }}
        long r = a0.reduceLanes(VectorOperators.{LANES[op]});
        for (; i < n; i++) r = ReduceKernels.combine(ReduceOp.{op}, r, x[p + i]);
        return r;
    }}
""")
    for op in ("SUM", "PROD", "MAX", "MIN"):
        c = REDUCE_DOUBLE[op].format(a="a")
        out.append(f"""
    static void {camel(op)}IntoFloats(double[] acc, int pa, float[] x, int p, int n) {{
        int i = 0, bound = F.loopBound(n), h = W.length();
        for (; i < bound; i += F.length()) {{
            DoubleVector a = DoubleVector.fromArray(W, acc, pa + i);
            DoubleVector w = (DoubleVector) {widen("p + i")};
            {c}.intoArray(acc, pa + i);
            a = DoubleVector.fromArray(W, acc, pa + i + h);
            w = (DoubleVector) {widen("p + i + h")};
            {c}.intoArray(acc, pa + i + h);
        }}
        for (; i < n; i++) acc[pa + i] = ReduceKernels.combine(ReduceOp.{op}, acc[pa + i], x[p + i]);
    }}

    static void {camel(op)}IntoDoubles(double[] acc, int pa, double[] x, int p, int n) {{
        int i = 0, bound = D.loopBound(n);
        for (; i < bound; i += D.length()) {{
            DoubleVector a = DoubleVector.fromArray(D, acc, pa + i), w = DoubleVector.fromArray(D, x, p + i);
            {c}.intoArray(acc, pa + i);
        }}
        for (; i < n; i++) acc[pa + i] = ReduceKernels.combine(ReduceOp.{op}, acc[pa + i], x[p + i]);
    }}
""")
        cl = REDUCE_LONG[op].format(a="a")
        out.append(f"""
    static void {camel(op)}IntoLongs(long[] acc, int pa, long[] x, int p, int n) {{
        int i = 0, bound = L.loopBound(n);
        for (; i < bound; i += L.length()) {{
            LongVector a = LongVector.fromArray(L, acc, pa + i), w = LongVector.fromArray(L, x, p + i);
            {cl}.intoArray(acc, pa + i);
        }}
        for (; i < n; i++) acc[pa + i] = ReduceKernels.combine(ReduceOp.{op}, acc[pa + i], x[p + i]);
    }}
""")
    return "".join(out)


def widening_sums_of_four(stride, index):
    """One step of four float streams {stride} apart, F.length() floats each, widened into the double accumulators
    a0..a7: two half-width loads per stream, each converted whole into a W vector."""
    at = [f"p + {index}", f"p + {stride} + {index}", f"p + 2 * {stride} + {index}", f"p + 3 * {stride} + {index}"]
    lines = []
    for k in range(8):
        lines.append(f"            a{k} = a{k}.lanewise(VectorOperators.ADD, {widen(at[k // 2] + ('' if k % 2 == 0 else ' + H.length()'))});")
    return "\n".join(lines)


def plus(*accs):
    """The vector sum of the named double accumulators, added pairwise (a0+a1)+(a2+a3)...: lanewise(ADD) at each call
    site, not add(), which is JDK code whose one receiver profile all its callers share (see the class comment)."""
    while len(accs) > 1:
        accs = [f"{accs[k]}.lanewise(VectorOperators.ADD, {accs[k + 1]})" for k in range(0, len(accs), 2)]
    return accs[0]


def widen(index):
    """The H.length() floats at x[index] as a W vector of doubles (one load and one conversion)."""
    return f"FloatVector.fromArray(H, x, {index}).convertShape(VectorOperators.F2D, W, 0)"


def dispatch(name, iface, suffix, ops):
    cases = "\n".join(f"            case {op} -> SimdReduceRows::{camel(op)}{suffix};" for op in ops)
    return f"""
    static {iface} {name}(ReduceOp op) {{
        return switch (op) {{
{cases}
            default -> throw new IllegalArgumentException("no vector reduction for " + op);
        }};
    }}
"""


def generate_reduce():
    ops = ("SUM", "PROD", "MAX", "MIN")
    body = f"""// Generated by tools/codegen/gen_simd_rows.py; edit the generator, not this file.
package dev.jtorch.simd.kernels;

import dev.jtorch.ops.ReduceOp;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API reduction loops, one method per op and dtype (see the generator for why): a contiguous
 * row folded into one value, accumulating in vector registers and reducing the lanes at the end, and
 * a contiguous run of accumulators updated from a contiguous row (reduction over an outer dim).
 * float32 widens to double lanes, so sums keep the scalar kernel's accuracy.
 * <p>Double accumulators combine with {{@code lanewise(ADD/MUL, w)}}, not {{@code add(w)}}/{{@code mul(w)}}: an accumulator's
 * loop phi has the static type DoubleVector, so C2 inlines the virtual lanewise call inside the JDK's add only from a
 * receiver profile, and add's profile is one for all its callers, empty when they all ran C1's non-profiling tier
 * first. Then add stays a call that boxes every vector: a quarter of fresh JVMs ran the CNN step at 40 ms instead of
 * 24-30 with sumFloats in the Vector API's Java fallback. lanewise at our own call site is profiled in our method.
 */
final class SimdReduceRows {{
    private SimdReduceRows() {{}}

    private static final VectorSpecies<Float> F = SimdMath.F;
    private static final VectorSpecies<Double> D = SimdMath.D;
    private static final VectorSpecies<Long> L = LongVector.SPECIES_PREFERRED;
    /** Double lanes of the float vectors' size: widening one float vector fills two of them (parts 0 and 1). */
    private static final VectorSpecies<Double> W = VectorSpecies.of(double.class, VectorShape.forBitSize(F.vectorBitSize()));
    /**
     * Float lanes of half that size, as many as W's: the float sums load half vectors and widen each whole into a W
     * vector, one conversion with its load, where widening a full vector's upper half first extracts it (the extraction
     * bounded the sum: 16M floats 2.85 -> 2.05 ms in a harness; the same lanes meet the same accumulators, so the
     * same bits).
     */
    private static final VectorSpecies<Float> H = VectorSpecies.of(float.class, VectorShape.forBitSize(F.vectorBitSize() / 2));
    /** float64 sums add blocks of this many elements in vector lanes; block sums are added with compensation. */
    private static final int BLOCK = 2048;
    /**
     * From this many elements (256 KiB of float32, past L2's reach) a float row's first 4q elements are read as four
     * interleaved streams, its quarters side by side in one loop (a method of its own: inside the row method its
     * accumulators made C2 spill the main loop's, 3x slower): one stream reached 15-17 GB/s here, four 27-29 GB/s,
     * the memory system fetching for each stream in parallel.
     */
    private static final int STREAMS_FROM = 1 << 16;

    @FunctionalInterface
    interface FloatRow {{
        double run(float[] x, int p, int n);
    }}

    /** Four rows of n floats at p, p+gap, p+2gap, p+3gap; their results into acc[a], acc[a+ag], acc[a+2ag], acc[a+3ag]. */
    @FunctionalInterface
    interface FloatRows4 {{
        void run(float[] x, int p, int gap, int n, double[] acc, int a, int ag);
    }}

    /** The four-rows loop for SUM, MAX or MIN (see {{@link FloatRows4}}). */
    static FloatRows4 floatRows4(ReduceOp op) {{
        return switch (op) {{
            case SUM -> SimdReduceRows::sumFloatRows4;
            case MAX -> SimdReduceRows::maxFloatRows4;
            case MIN -> SimdReduceRows::minFloatRows4;
            default -> throw new IllegalArgumentException("no four-row reduction for " + op);
        }};
    }}

    @FunctionalInterface
    interface DoubleRow {{
        double run(double[] x, int p, int n);
    }}

    @FunctionalInterface
    interface LongRow {{
        long run(long[] x, int p, int n);
    }}

    @FunctionalInterface
    interface FloatInto {{
        void run(double[] acc, int pa, float[] x, int p, int n);
    }}

    @FunctionalInterface
    interface DoubleInto {{
        void run(double[] acc, int pa, double[] x, int p, int n);
    }}

    @FunctionalInterface
    interface LongInto {{
        void run(long[] acc, int pa, long[] x, int p, int n);
    }}
{dispatch("floatRow", "FloatRow", "Floats", ops)}{dispatch("doubleRow", "DoubleRow", "Doubles", ops)}{dispatch("longRow", "LongRow", "Longs", ops)}{dispatch("floatInto", "FloatInto", "IntoFloats", ops)}{dispatch("doubleInto", "DoubleInto", "IntoDoubles", ops)}{dispatch("longInto", "LongInto", "IntoLongs", ops)}
    // ---------------------------------------------------------------- sums

    /**
     * The lanes of v added one by one in lane order. reduceLanes(ADD) promises no order for floating point: on this
     * AVX2 machine C2's 4-lane double reduction happens to add in lane order (SumLaneOrderTest passes with it), but its
     * 8-float one does not (softmax's row sum changed bits once compiled), and a sum whose bits depend on the JIT tier
     * or the vector width's reduction code makes a program's numbers depend on when the JIT got to a kernel.
     */
    private static double addLanes(DoubleVector v) {{
        double r = 0;
        for (int l = 0; l < v.length(); l++) r += v.lane(l);
        return r;
    }}

    static double sumFloats(float[] x, int p, int n) {{
        int q = n >= STREAMS_FROM ? n / 4 / F.length() * F.length() : 0;
        double head = q > 0 ? sumFloatStreams(x, p, q) : 0;
        int i = 4 * q, step = 2 * F.length(), bound = i + (n - i) / step * step;
        // Fewer than one step: the scalar loop alone (the vector accumulators would add up to +0.0, so the bits are
        // the same), which spares short sums the lanes' reduction (SmallSize sum of [7], JMH, two forks: 536 -> 492 ns;
        // the scalar twin 487-489 ns).
        double r = 0;
        if (i < bound) {{
            DoubleVector a0 = DoubleVector.zero(W), a1 = a0, a2 = a0, a3 = a0;
            for (; i < bound; i += step) {{
                a0 = a0.lanewise(VectorOperators.ADD, {widen("p + i")});
                a1 = a1.lanewise(VectorOperators.ADD, {widen("p + i + H.length()")});
                a2 = a2.lanewise(VectorOperators.ADD, {widen("p + i + 2 * H.length()")});
                a3 = a3.lanewise(VectorOperators.ADD, {widen("p + i + 3 * H.length()")});
            }}
            r = addLanes({plus("a0", "a1", "a2", "a3")});
        }}
        for (; i < n; i++) r += x[p + i];
        return head + r;
    }}

    /** The sum of x[p, p+4q) as four streams of q elements (see STREAMS_FROM); q a multiple of F.length(). */
    private static double sumFloatStreams(float[] x, int p, int q) {{
        DoubleVector a0 = DoubleVector.zero(W), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0;
        for (int j = 0; j < q; j += F.length()) {{
{widening_sums_of_four("q", "j")}
        }}
        return addLanes({plus("a0", "a1", "a2", "a3", "a4", "a5", "a6", "a7")});
    }}

    /**
     * Four rows summed side by side, each into two double accumulators: four streams for the memory system instead of
     * one row after another (sum(1) of 4096x4096 floats 4.4 -> 3.4 ms on 1 thread; rows a quarter of the input apart
     * rather than adjacent, 3.25 -> 3.0 ms, as fast as the whole-array sum's four streams).
     */
    static void sumFloatRows4(float[] x, int p, int gap, int n, double[] acc, int a, int ag) {{
        DoubleVector a0 = DoubleVector.zero(W), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0;
        int i = 0, bound = F.loopBound(n);
        for (; i < bound; i += F.length()) {{
{widening_sums_of_four("gap", "i")}
        }}
        double r0 = addLanes({plus("a0", "a1")}), r1 = addLanes({plus("a2", "a3")});
        double r2 = addLanes({plus("a4", "a5")}), r3 = addLanes({plus("a6", "a7")});
        for (; i < n; i++) {{
            r0 += x[p + i];
            r1 += x[p + gap + i];
            r2 += x[p + 2 * gap + i];
            r3 += x[p + 3 * gap + i];
        }}
        acc[a] = r0;
        acc[a + ag] = r1;
        acc[a + 2 * ag] = r2;
        acc[a + 3 * ag] = r3;
    }}

    /** Blocks summed in four vector accumulators, block sums added with Kahan compensation. */
    static double sumDoubles(double[] x, int p, int n) {{
        double total = 0, comp = 0;
        for (int start = 0; start < n; start += BLOCK) {{
            int len = Math.min(BLOCK, n - start), base = p + start;
            DoubleVector a0 = DoubleVector.zero(D), a1 = a0, a2 = a0, a3 = a0;
            int i = 0, step = 4 * D.length(), bound = len - len % step;
            for (; i < bound; i += step) {{
                a0 = a0.lanewise(VectorOperators.ADD, DoubleVector.fromArray(D, x, base + i));
                a1 = a1.lanewise(VectorOperators.ADD, DoubleVector.fromArray(D, x, base + i + D.length()));
                a2 = a2.lanewise(VectorOperators.ADD, DoubleVector.fromArray(D, x, base + i + 2 * D.length()));
                a3 = a3.lanewise(VectorOperators.ADD, DoubleVector.fromArray(D, x, base + i + 3 * D.length()));
            }}
            double s = addLanes({plus("a0", "a1", "a2", "a3")});
            for (; i < len; i++) s += x[base + i];
            double y = s - comp, t = total + y;
            comp = (t - total) - y;
            total = t;
        }}
        return total;
    }}

    // ---------------------------------------------------------------- other rows and runs of accumulators
{reduce_methods()}}}
"""
    write_generated("SimdReduceRows.java", body)


generate_reduce()
