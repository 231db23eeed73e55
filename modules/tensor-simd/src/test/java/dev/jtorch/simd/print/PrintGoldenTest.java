package dev.jtorch.simd.print;

import dev.jtorch.DType;
import dev.jtorch.Tensor;
import dev.jtorch.Torch;
import dev.jtorch.ValuesIndices;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.Arrays;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@code Tensor.toString()} against PyTorch 1.13's {@code repr} of the same values (see PrintFixture). */
class PrintGoldenTest {

    /**
     * Every case but the two {@code grad_fn=} ones: they need the autograd engine, which this module's tests do not
     * load; autograd's PrintGradFnTest checks the same two PyTorch strings.
     */
    @TestFactory
    Stream<DynamicTest> matchesPyTorchRepr() {
        return PrintFixture.load().stream().filter(c -> !needsGradFn(c))
                .map(c -> DynamicTest.dynamicTest(c.name(), () -> check(c)));
    }

    private static boolean needsGradFn(PrintFixture c) {
        String grad = c.field("grad");
        return "add".equals(grad) || "sum".equals(grad);
    }

    private static void check(PrintFixture c) {
        Tensor t = FixtureTensors.build(c);
        try {
            Torch.setPrintOptions(FixtureTensors.options(c));
            if (c.field("default") != null) Torch.setDefaultDtype(DType.of(c.field("default")));
            assertEquals(c.expected(), printed(c, t), c.name());
        } finally {
            Torch.resetPrintOptions();
            Torch.setDefaultDtype(DType.FLOAT32);
        }
    }

    /** The tensor's repr, or that of a (values, indices) pair when the case is a torch.return_types one. */
    private static String printed(PrintFixture c, Tensor t) {
        String op = c.field("returns");
        if (op == null) return t.toString();
        long[] idx = Arrays.stream(c.words("indices")).mapToLong(Long::parseLong).toArray();
        Tensor indices = Torch.from(idx, idx.length).view(t.shape().toArray());
        return new ValuesIndices(t, indices).toString(op);
    }
}
