package dev.jtorch.nn;

import dev.jtorch.DType;
import dev.jtorch.Tensor;
import dev.jtorch.Torch;
import dev.jtorch.autograd.GradCheck;
import dev.jtorch.nn.functional.F;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The composite activations of F: first and second derivatives by finite differences in float64 (inputs kept off
 * the kinks), gradients at extreme inputs (finite, as PyTorch's), PReLU's weight gradient, and PyTorch's refusals.
 */
class ActivationGradCheckTest {
    private static final Map<String, UnaryOperator<Tensor>> SMOOTH = new LinkedHashMap<>();
    private static final Map<String, UnaryOperator<Tensor>> PIECEWISE = new LinkedHashMap<>();

    static {
        SMOOTH.put("softplus", F::softplus);
        SMOOTH.put("softplus beta 2 threshold 3", x -> F.softplus(x, 2, 3));
        SMOOTH.put("logsigmoid", F::logsigmoid);
        SMOOTH.put("mish", F::mish);
        SMOOTH.put("softsign", F::softsign);
        SMOOTH.put("tanhshrink", F::tanhshrink);
        SMOOTH.put("glu", x -> F.glu(x, 1));
        PIECEWISE.put("hardtanh", x -> F.hardtanh(x, -0.5, 0.7));
        PIECEWISE.put("relu6", x -> F.relu6(x.mul(4.0)));
        PIECEWISE.put("hardswish", x -> F.hardswish(x.mul(4.0)));
        PIECEWISE.put("hardsigmoid", x -> F.hardsigmoid(x.mul(4.0)));
        PIECEWISE.put("selu", F::selu);
        PIECEWISE.put("celu", x -> F.celu(x, 0.6));
        PIECEWISE.put("softshrink", x -> F.softshrink(x, 0.4));
        PIECEWISE.put("hardshrink", x -> F.hardshrink(x, 0.4));
        PIECEWISE.put("threshold", x -> F.threshold(x, 0.1, -3.0));
    }

    /** Values spread over [-2, 2] (and [-8, 8] once scaled by 4) but at least 0.05 from every kink used above. */
    private static Tensor offKinks(long... shape) {
        Tensor r = Torch.rand(shape, DType.FLOAT64).mul(4.0).sub(2.0);
        double[] v = r.toDoubleArray();
        double[] kinks = {0, -0.5, 0.7, 0.75, 1.5, -0.75, 0.4, -0.4, 0.1};
        for (int i = 0; i < v.length; i++) {
            for (double k : kinks) if (Math.abs(v[i] - k) < 0.05) v[i] = k + 0.05 * Math.signum(v[i] - k + 1e-9) * 2;
        }
        return Torch.from(v, shape).requiresGrad_();
    }

    @TestFactory
    List<DynamicTest> firstAndSecondDerivatives() {
        Torch.manualSeed(12);
        List<DynamicTest> tests = new java.util.ArrayList<>();
        SMOOTH.forEach((name, f) -> tests.add(DynamicTest.dynamicTest(name, () -> {
            assertTrue(GradCheck.gradcheck(in -> f.apply(in[0]), offKinks(3, 4)));
            assertTrue(GradCheck.gradgradcheck(in -> f.apply(in[0]), offKinks(2, 4)));
        })));
        PIECEWISE.forEach((name, f) -> tests.add(DynamicTest.dynamicTest(name, () ->
                assertTrue(GradCheck.gradcheck(in -> f.apply(in[0]), offKinks(3, 4))))));
        return tests;
    }

    @Test
    void preluWeightGradientPerChannelAndShared() {
        Torch.manualSeed(13);
        assertTrue(GradCheck.gradcheck(in -> F.prelu(in[0], in[1]), offKinks(2, 3, 2), offKinks(3)));
        assertTrue(GradCheck.gradcheck(in -> F.prelu(in[0], in[1]), offKinks(4, 3), offKinks(1)));
        assertTrue(GradCheck.gradcheck(in -> F.prelu(in[0], in[1]), offKinks(5), offKinks(5)));
        PReLU m = new PReLU(3);
        m.forward(Torch.tensor(new double[][]{{-1, 2, -3}, {4, -5, -6}}).to(DType.FLOAT32)).sum().backward();
        assertArrayEquals(new float[]{-1, -5, -9}, m.weight.grad().toFloatArray());
    }

    /** A branch that where() does not select must not turn an overflow into a NaN gradient (values: PyTorch 1.13's). */
    @Test
    void gradientsAtExtremeInputsAreFiniteAsPyTorchs() {
        Tensor x = Torch.tensor(-1000.0, -100.0, 100.0, 1000.0).requiresGrad_();
        check(x, F::softplus, 0, 0, 1, 1);
        check(x, F::mish, 0, 0, 1, 1);
        check(x, F::logsigmoid, 1, 1, 0, 0);
        check(x, F::selu, 0, 0, 1.0507009873554805, 1.0507009873554805);
        check(x, xx -> F.celu(xx, 0.5), 0, 0, 1, 1);
        check(x, xx -> F.softplus(xx, 0.001, 0.5), 0.2689414322376251, 0.4750208258628845, 0.5249791741371155, 1);
    }

    private static void check(Tensor x, UnaryOperator<Tensor> f, double... grad) {
        x.setGrad(null);
        f.apply(x).sum().backward();
        double[] g = x.grad().to(DType.FLOAT64).toDoubleArray();
        for (int i = 0; i < grad.length; i++) assertEquals(grad[i], g[i], 1e-6, "element " + i);
    }

    @Test
    void pyTorchsRefusals() {
        assertEquals("Halving dimension must be even, but dimension 1 is size 3",
                assertThrows(IllegalArgumentException.class, () -> F.glu(Torch.ones(2, 3))).getMessage());
        assertEquals("glu does not support scalars because halving size must be even",
                assertThrows(IllegalArgumentException.class, () -> F.glu(Torch.scalar(1.0))).getMessage());
        assertEquals("Mismatch of parameter numbers and input channel size. Found parameter numbers = 3 and channel size = 4.",
                assertThrows(IllegalArgumentException.class, () -> F.prelu(Torch.ones(2, 4), Torch.ones(3))).getMessage());
        assertEquals("lambda must be greater or equal to 0, but found to be -1.",
                assertThrows(IllegalArgumentException.class, () -> F.softshrink(Torch.ones(2), -1)).getMessage());
        assertEquals("\"softplus_cpu\" not implemented for 'Long'",
                assertThrows(IllegalArgumentException.class, () -> F.softplus(Torch.tensor(1L, 2L))).getMessage());
        assertEquals("ZeroDivisionError: alpha cannot be 0 for CELU",
                assertThrows(ArithmeticException.class, () -> F.celu(Torch.ones(2), 0)).getMessage());
        // integer inputs that PyTorch accepts keep their dtype
        assertArrayEquals(new long[]{1, 6, 0}, F.relu6(Torch.tensor(1L, 7L, -3L)).toLongArray());
        assertArrayEquals(new long[]{20, 7, 20}, F.threshold(Torch.tensor(1L, 7L, -3L), 2, 20).toLongArray());
    }
}
