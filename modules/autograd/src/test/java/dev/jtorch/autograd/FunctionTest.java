package dev.jtorch.autograd;

import dev.jtorch.DType;
import dev.jtorch.Tensor;
import dev.jtorch.Torch;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** User-defined differentiable functions, as {@code torch.autograd.Function}. */
class FunctionTest {

    /** exp with its output saved, as PyTorch's documentation example. */
    static final class MyExp extends Function {
        @Override
        protected Tensor[] forward(FunctionCtx ctx, Tensor... in) {
            Tensor y = in[0].exp();
            ctx.saveForBackward(y);
            return new Tensor[]{y};
        }

        @Override
        protected Tensor[] backward(FunctionCtx ctx, Tensor... g) {
            return new Tensor[]{g[0].mul(ctx.savedTensors()[0])};
        }
    }

    /** a * b, recording which inputs need a gradient. */
    static final class MyMul extends Function {
        boolean[] seen;

        @Override
        protected Tensor[] forward(FunctionCtx ctx, Tensor... in) {
            ctx.saveForBackward(in[0], in[1]);
            return new Tensor[]{in[0].mul(in[1])};
        }

        @Override
        protected Tensor[] backward(FunctionCtx ctx, Tensor... g) {
            seen = new boolean[]{ctx.needsInputGrad(0), ctx.needsInputGrad(1)};
            Tensor[] s = ctx.savedTensors();
            return new Tensor[]{ctx.needsInputGrad(0) ? g[0].mul(s[1]) : null, ctx.needsInputGrad(1) ? g[0].mul(s[0]) : null};
        }
    }

    /** sort-like: values and their (non-differentiable) positions; the values' gradient is doubled. */
    static final class TwoOutputs extends Function {
        @Override
        protected Tensor[] forward(FunctionCtx ctx, Tensor... in) {
            Tensor idx = Torch.arange(in[0].numel());
            ctx.markNonDifferentiable(idx);
            return new Tensor[]{in[0].clone(), idx, in[0].mul(3.0)};
        }

        @Override
        protected Tensor[] backward(FunctionCtx ctx, Tensor... g) {
            assertEquals(0, g[1].sum().itemLong(), "missing gradients arrive as zeros (materialize_grads)");
            return new Tensor[]{g[0].add(g[2].mul(3.0))};
        }
    }

    @Test
    void aFunctionRecordsItsOwnNode() {
        Tensor x = Torch.tensor(0.0, 1.0).requiresGrad_();
        Tensor y = new MyExp().apply(x);
        assertEquals("MyExpBackward", y.gradFn().name());
        assertTrue(y.toString().endsWith("grad_fn=<MyExpBackward>)"), y.toString());
        y.sum().backward();
        assertArrayEquals(new double[]{1, Math.E}, x.grad().toDoubleArray(), 1e-6);
    }

    @Test
    void forwardRunsWithoutRecording() {
        Tensor x = Torch.tensor(1.0).requiresGrad_();
        Tensor[] inside = new Tensor[1];
        new Function() {
            @Override
            protected Tensor[] forward(FunctionCtx ctx, Tensor... in) {
                inside[0] = in[0].mul(2.0);
                return new Tensor[]{inside[0]};
            }

            @Override
            protected Tensor[] backward(FunctionCtx ctx, Tensor... g) { return g; }
        }.apply(x);
        assertTrue(inside[0].requiresGrad(), "the returned tensor gets the function's node");
        assertTrue(x.mul(2.0).gradFn() != null);
    }

    @Test
    void gradcheckPassesForACorrectFunction() {
        Tensor x = Torch.tensor(new double[]{0.1, -0.4, 0.7}, DType.FLOAT64).requiresGrad_();
        Tensor w = Torch.tensor(new double[]{0.3, 0.2, -0.5}, DType.FLOAT64).requiresGrad_();
        assertTrue(GradCheck.gradcheck(t -> new MyExp().apply(t[0]), x));
        assertTrue(GradCheck.gradcheck(t -> new MyMul().apply(t[0], t[1]), x, w));
        assertTrue(GradCheck.gradgradcheck(t -> new MyMul().apply(t[0], t[1]), x, w));
    }

    @Test
    void needsInputGradTellsWhichGradientsAreWanted() {
        Tensor a = Torch.tensor(2.0, 3.0).requiresGrad_();
        Tensor b = Torch.tensor(4.0, 5.0);
        MyMul f = new MyMul();
        f.apply(a, b).sum().backward();
        assertArrayEquals(new boolean[]{true, false}, f.seen);
        assertEquals("tensor([4., 5.])", a.grad().toString());
    }

    @Test
    void nonDifferentiableOutputsAndMissingGradients() {
        Tensor x = Torch.tensor(1.0, 2.0).requiresGrad_();
        Tensor[] out = new TwoOutputs().applyAll(x);
        assertFalse(out[1].requiresGrad());
        assertTrue(out[0].requiresGrad() && out[2].requiresGrad());
        assertEquals(1, ((Node) out[0].gradFn()).nextFunctions().size());
        out[0].sum().backward();
        assertEquals("tensor([1., 1.])", x.grad().toString(), "the unused third output's gradient is materialised as zeros");
    }

    @Test
    void savedTensorsAreCheckedForInPlaceChanges() {
        Tensor x = Torch.tensor(1.0, 2.0).requiresGrad_();
        Tensor y = new MyExp().apply(x);
        y.detach().zero_();
        var e = assertThrows(IllegalStateException.class, () -> y.sum().backward());
        assertTrue(e.getMessage().startsWith("one of the variables needed for gradient computation has been modified by an "
                + "inplace operation: [torch.FloatTensor [2]], which is output 0 of MyExpBackward, is at version 1; expected "
                + "version 0 instead."), e.getMessage());
    }

    @Test
    void savedTensorsAreFreedAfterBackward() {
        Tensor x = Torch.tensor(1.0, 2.0).requiresGrad_();
        Tensor y = new MyExp().apply(x).sum();
        y.backward();
        var e = assertThrows(IllegalStateException.class, y::backward);
        assertTrue(e.getMessage().startsWith("Trying to backward through the graph a second time"));
    }

    @Test
    void anInputReturnedAsItIsBecomesANewTensor() {
        Tensor x = Torch.tensor(1.0, 2.0).requiresGrad_();
        Tensor y = new Function() {
            @Override
            protected Tensor[] forward(FunctionCtx ctx, Tensor... in) { return new Tensor[]{in[0]}; }

            @Override
            protected Tensor[] backward(FunctionCtx ctx, Tensor... g) { return new Tensor[]{g[0].mul(5.0)}; }
        }.apply(x);
        assertNotSame(x, y);
        assertTrue(x.isLeaf());
        y.sum().backward();
        assertEquals("tensor([5., 5.])", x.grad().toString());
    }

    @Test
    void aWrongNumberOfGradientsIsReported() {
        Tensor a = Torch.tensor(1.0).requiresGrad_();
        Tensor b = Torch.tensor(2.0).requiresGrad_();
        Tensor y = new Function() {
            @Override
            protected Tensor[] forward(FunctionCtx ctx, Tensor... in) { return new Tensor[]{in[0].add(in[1])}; }

            @Override
            protected Tensor[] backward(FunctionCtx ctx, Tensor... g) { return new Tensor[]{g[0]}; }

            @Override
            protected String name() { return "MyAddBackward"; }
        }.apply(a, b);
        var e = assertThrows(IllegalStateException.class, y::backward);
        assertEquals("function MyAddBackward returned an incorrect number of gradients (expected 2, got 1)", e.getMessage());
    }

    @Test
    void withoutInputsThatRequireGradNothingIsRecorded() {
        Tensor y = new MyExp().apply(Torch.tensor(1.0));
        assertFalse(y.requiresGrad());
        assertNull(y.gradFn());
    }
}
