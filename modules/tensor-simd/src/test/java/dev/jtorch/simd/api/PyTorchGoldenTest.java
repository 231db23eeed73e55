package dev.jtorch.simd.api;

import dev.jtorch.DType;
import dev.jtorch.Tensor;
import dev.jtorch.Torch;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Results through the public API compared with real PyTorch. Every expected array below was printed
 * by PyTorch 1.13 (torch 1.13.0a0, CPU) for the same inputs; float64 values are PyTorch's exact doubles.
 * A tolerance of 0 means bit-exact (sign of zero included); otherwise it is relative. var differs from
 * PyTorch in the last float32 bit because the backend accumulates float32 sums in double.
 */
class PyTorchGoldenTest {
    private record Case(String name, Supplier<Tensor> actual, DType dtype, long[] shape, double[] expected, double tol) {}

    private static Tensor f32(long[] shape, float... v) { return Torch.from(v, shape); }

    private static Tensor f32(float... v) { return Torch.from(v, v.length); }

    private static Tensor f64(double... v) { return Torch.from(v, v.length); }

    private static Tensor i64(long... v) { return Torch.from(v, v.length); }

    private static final float NAN = Float.NaN;

    private static Tensor m() { return f32(new long[]{3, 3}, 3, 1, 4, 1, 5, 9, 2, 6, 5); }

    private static Tensor x() { return f32(-7f, 7f, 5.5f, -5.5f, -0.5f, 3f); }

    private static Tensor y() { return f32(2f, -2f, 2f, 2f, 3f, 0f); }

    private static Tensor xi() { return i64(-7, 7, 5, -5, 0, -1); }

    private static Tensor yi() { return i64(2, -2, 3, 3, 5, 4); }

    private static Tensor d() { return f64(-2, -0.5, 0, 0.3, 1, 2.5); }

    private static Tensor s() { return f32(3f, NAN, 1f, -2f, 1f, Float.POSITIVE_INFINITY); }

    private static final DType F = DType.FLOAT32, D = DType.FLOAT64, L = DType.INT64;

    private static long[] sh(long... s) { return s; }

    private static final List<Case> CASES = List.of(
            new Case("add broadcast row", () -> f32(new long[]{2, 3}, 1.5f, -2.25f, 3f, 4f, -5.5f, 6f).add(f32(10f, 20f, 30f)),
                    F, sh(2, 3), new double[]{11.5, 17.75, 33.0, 14.0, 14.5, 36.0}, 0),
            new Case("mul broadcast column", () -> f32(new long[]{2, 3}, 1.5f, -2.25f, 3f, 4f, -5.5f, 6f).mul(f32(new long[]{2, 1}, 2f, -1f)),
                    F, sh(2, 3), new double[]{3.0, -4.5, 6.0, -4.0, 5.5, -6.0}, 0),
            new Case("div", () -> x().div(y()), F, sh(6),
                    new double[]{-3.5, -3.5, 2.75, -2.75, -0.1666666716337204, Double.POSITIVE_INFINITY}, 0),
            new Case("div trunc", () -> x().div(y(), "trunc"), F, sh(6), new double[]{-3.0, -3.0, 2.0, -2.0, -0.0, Double.POSITIVE_INFINITY}, 0),
            new Case("div floor", () -> x().div(y(), "floor"), F, sh(6), new double[]{-4.0, -4.0, 2.0, -3.0, -1.0, Double.POSITIVE_INFINITY}, 0),
            new Case("remainder float", () -> x().remainder(y()), F, sh(6), new double[]{1.0, -1.0, 1.5, 0.5, 2.5, Double.NaN}, 0),
            new Case("int div trunc", () -> xi().div(yi(), "trunc"), L, sh(6), new double[]{-3, -3, 1, -1, 0, 0}, 0),
            new Case("int div floor", () -> xi().div(yi(), "floor"), L, sh(6), new double[]{-4, -4, 1, -2, 0, -1}, 0),
            new Case("int remainder", () -> xi().remainder(yi()), L, sh(6), new double[]{1, -1, 2, 1, 0, 3}, 0),
            new Case("int true div", () -> xi().div(yi()), F, sh(6),
                    new double[]{-3.5, -3.5, 1.6666666269302368, -1.6666666269302368, 0.0, -0.25}, 0),
            new Case("int32 + python int stays int32", () -> Torch.from(new int[]{1, 2, 3}, 3).add(5L), DType.INT32, sh(3),
                    new double[]{6, 7, 8}, 0),
            new Case("int32 + python float is float32", () -> Torch.from(new int[]{1, 2, 3}, 3).add(2.5), F, sh(3),
                    new double[]{3.5, 4.5, 5.5}, 0),
            new Case("int32 * int64 tensor is int64", () -> Torch.from(new int[]{1, 2, 3}, 3).mul(i64(2, 3, 4)), L, sh(3),
                    new double[]{2, 6, 12}, 0),
            new Case("int pow", () -> i64(2, -3, 5).pow(i64(10, 3, 0)), L, sh(3), new double[]{1024, -27, 1}, 0),
            new Case("float to int64 truncates", () -> f32(0.3f, -1.7f, 2.5f, 1e10f, -0.0f).to(L), L, sh(5),
                    new double[]{0, -1, 2, 10000000000.0, 0}, 0),
            new Case("float to uint8 wraps", () -> f32(300.7f, -1.2f, 255.5f).to(DType.UINT8), DType.UINT8, sh(3),
                    new double[]{44, 255, 255}, 0),
            new Case("float16 rounding", () -> f32(0.1f, 65519f, 1e-8f, 3.14159f).to(DType.FLOAT16).to(F), F, sh(4),
                    new double[]{0.0999755859375, 65504.0, 0.0, 3.140625}, 0),
            new Case("bfloat16 rounding", () -> f32(0.1f, 1.00390625f, 3.14159f, -1e30f).to(DType.BFLOAT16).to(F), F, sh(4),
                    new double[]{0.10009765625, 1.0, 3.140625, -1.0002555517425873e+30}, 0),
            new Case("erf float64", () -> d().erf(), D, sh(6), new double[]{-0.9953222650189527, -0.5204998778130465, 0.0,
                    0.3286267594591274, 0.8427007929497149, 0.999593047982555}, 4e-16),
            new Case("gelu float64", () -> d().gelu(), D, sh(6), new double[]{-0.04550026389635842, -0.15426876936299344, 0.0,
                    0.1853734266566858, 0.841344746068543, 2.4844758366855597}, 4e-16),
            new Case("silu float64", () -> d().silu(), D, sh(6), new double[]{-0.2384058440442351, -0.1887703343990727, 0.0,
                    0.1723327550434977, 0.7310585786300049, 2.3103545499468914}, 4e-16),
            new Case("sigmoid float64", () -> d().sigmoid(), D, sh(6), new double[]{0.11920292202211755, 0.3775406687981454, 0.5,
                    0.574442516811659, 0.7310585786300049, 0.9241418199787566}, 4e-16),
            new Case("tanh float64", () -> d().tanh(), D, sh(6), new double[]{-0.9640275800758169, -0.46211715726000974, 0.0,
                    0.2913126124515909, 0.7615941559557649, 0.9866142981514303}, 4e-16),
            new Case("log2 float64", () -> f64(0.125, 3, 1e-300, 7.5).log2(), D, sh(4),
                    new double[]{-3.0, 1.584962500721156, -996.5784284662087, 2.9068905956085187}, 4e-16),
            new Case("sum dim 0", () -> m().sum(0), F, sh(3), new double[]{6, 12, 18}, 0),
            new Case("sum dim 1", () -> m().sum(1), F, sh(3), new double[]{8, 15, 13}, 0),
            new Case("sum of transpose", () -> m().t().sum(1), F, sh(3), new double[]{6, 12, 18}, 0),
            new Case("mean of transpose", () -> m().t().mean(0), F, sh(3), new double[]{2.6666667461395264, 5.0, 4.333333492279053}, 0),
            new Case("prod dim 1", () -> m().prod(1), F, sh(3), new double[]{12, 45, 60}, 0),
            new Case("amax dim 0", () -> m().amax(0), F, sh(3), new double[]{3, 6, 9}, 0),
            new Case("max dim 1 values", () -> m().max(1).values(), F, sh(3), new double[]{4, 9, 6}, 0),
            new Case("max dim 1 indices", () -> m().max(1).indices(), L, sh(3), new double[]{2, 2, 1}, 0),
            new Case("min dim 0 values", () -> m().min(0).values(), F, sh(3), new double[]{1, 1, 4}, 0),
            new Case("min dim 0 indices", () -> m().min(0).indices(), L, sh(3), new double[]{1, 0, 0}, 0),
            new Case("cumsum dim 1", () -> m().cumsum(1), F, sh(3, 3), new double[]{3, 4, 8, 1, 6, 15, 2, 8, 13}, 0),
            new Case("cumprod dim 0", () -> m().cumprod(0), F, sh(3, 3), new double[]{3, 1, 4, 3, 5, 36, 6, 30, 180}, 0),
            new Case("clamp", () -> f32(-3f, 0.5f, 7f, NAN).clamp(-1.0, 2.0), F, sh(4), new double[]{-1, 0.5, 2, Double.NaN}, 0),
            new Case("round half to even", () -> f32(0.5f, 1.5f, 2.5f, -0.5f, -1.5f, 2.4999f).round(), F, sh(6),
                    new double[]{0.0, 2.0, 2.0, -0.0, -2.0, 2.0}, 0),
            new Case("maximum propagates NaN", () -> f32(1f, NAN, 3f).maximum(f32(2f, 0f, NAN)), F, sh(3),
                    new double[]{2, Double.NaN, Double.NaN}, 0),
            new Case("where", () -> Torch.where(i64(1, 0, 1).ne(0.0), i64(1, 2, 3), i64(10, 20, 30)), L, sh(3),
                    new double[]{1, 20, 3}, 0),
            new Case("any dim 1", () -> f32(new long[]{2, 2}, 0, 0, 0, 1).any(1), DType.BOOL, sh(2), new double[]{0, 1}, 0),
            new Case("all dim 0", () -> f32(new long[]{2, 2}, 1, 2, 0, 1).all(0), DType.BOOL, sh(2), new double[]{0, 1}, 0),
            new Case("logsumexp", () -> m().logsumexp(1), F, sh(3), new double[]{4.34901237487793, 9.018479347229004, 6.326562881469727}, 0),
            new Case("var", () -> m().var(1), F, sh(3), new double[]{2.3333332538604736, 16.0, 4.333333492279053}, 2.4e-7));

    @TestFactory
    Stream<DynamicTest> matchesPyTorch() {
        return CASES.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            Tensor t = c.actual().get();
            assertEquals(c.dtype(), t.dtype(), "dtype");
            assertArrayEquals(c.shape(), t.shape().toArray(), "shape");
            double[] got = Values.doubles(t);
            for (int i = 0; i < got.length; i++) {
                double e = c.expected()[i], g = got[i];
                if (Double.isNaN(e) || c.tol() == 0) {
                    assertEquals(e, g, 0.0, "element " + i);
                    if (e == 0) assertEquals(Double.doubleToLongBits(e), Double.doubleToLongBits(g), "sign of zero at " + i);
                } else {
                    assertEquals(e, g, c.tol() * Math.max(1, Math.abs(e)), "element " + i);
                }
            }
        }));
    }

    @Test
    void integerDivisionByZeroThrowsAndLeavesTheTensorUnchanged() {
        Tensor a = i64(1, 2, 3);
        // PyTorch 1.13: RuntimeError: ZeroDivisionError
        ArithmeticException e = assertThrows(ArithmeticException.class, () -> a.div_(i64(1, 0, 1), "floor"));
        assertEquals("ZeroDivisionError", e.getMessage());
        assertArrayEquals(new long[]{1, 2, 3}, Values.longs(a));
        assertThrows(ArithmeticException.class, () -> a.remainder(i64(0, 1, 1)));
        assertThrows(ArithmeticException.class, () -> a.div(i64(1, 1, 0), "trunc"));
    }

    @Test
    void floatSumOfManyElementsIsAccurate() {
        // PyTorch 1.13: (torch.arange(16*1024*1024, dtype=torch.float32) * 1e-3 + 0.1).sum() -> 140739166208.0;
        // the exact sum is 140739161584.11 (float64), so both are within 4e-8 relative.
        int n = 16 * 1024 * 1024;
        Tensor t = Torch.arange(n).to(DType.FLOAT32).mul(1e-3).add(0.1);
        double got = t.sum().item();
        assertEquals(140739161584.11365, got, 140739161584.11365 * 1e-7);
    }
}
