package dev.jtorch.autograd;

import dev.jtorch.DType;
import dev.jtorch.GradMode;
import dev.jtorch.RemovableHandle;
import dev.jtorch.Tensor;
import dev.jtorch.Torch;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The engine's behaviour and PyTorch's error messages. Expected strings come from PyTorch 1.13
 * (/usr/bin/python3) running the snippet quoted above each test.
 */
class EngineTest {
    private static final String BACKWARD_TWICE = "Trying to backward through the graph a second time (or directly access "
            + "saved tensors after they have already been freed). Saved intermediate values of the graph are freed when you "
            + "call .backward() or autograd.grad(). Specify retain_graph=True if you need to backward through the graph a "
            + "second time or if you need to access saved tensors after calling backward.";

    private static Tensor leaf(double... v) { return Torch.tensor(v).requiresGrad_(); }

    // ---------------------------------------------------------------- backward

    /* x = torch.tensor([1., 2.], requires_grad=True); y = (x * x).sum(); y.backward(retain_graph=True); y.backward(); print(x.grad) */
    @Test
    void retainGraphAllowsASecondBackwardAndGradientsAccumulate() {
        Tensor x = leaf(1, 2);
        Tensor y = x.mul(x).sum();
        y.backward(null, true);
        y.backward();
        assertEquals("tensor([4., 8.])", x.grad().toString());
    }

    /* y = (b*2).sigmoid().sum(); y.backward(); y.backward() */
    @Test
    void secondBackwardThroughAFreedGraphFails() {
        Tensor b = leaf(1, 2, 3);
        Tensor y = b.mul(2).sigmoid().sum();
        y.backward();
        var e = assertThrows(IllegalStateException.class, y::backward);
        assertEquals(BACKWARD_TWICE, e.getMessage());
    }

    /*
     * b = torch.tensor([1.,2,3], requires_grad=True); y = (b+b).sum(); y.backward(); y.backward(); print(b.grad)
     * -> no error: no node on the way saved a tensor (while (b*2).sum() fails: MulBackward0 saves the 2)
     */
    @Test
    void nodesWithoutSavedTensorsCanRunAgain() {
        Tensor b = leaf(1, 2, 3);
        Tensor y = b.add(b).sum();
        y.backward();
        y.backward();
        assertEquals("tensor([4., 4., 4.])", b.grad().toString());
        Tensor z = b.mul(2).sum();
        z.backward();
        assertThrows(IllegalStateException.class, z::backward);
    }

    /* (b*2).backward() ; (b*2).backward(torch.ones(2)) */
    @Test
    void nonScalarOutputsNeedAGradientOfTheirShape() {
        Tensor b = leaf(1, 2, 3);
        var e = assertThrows(IllegalStateException.class, () -> b.mul(2).backward());
        assertEquals("grad can be implicitly created only for scalar outputs", e.getMessage());
        var e2 = assertThrows(IllegalArgumentException.class, () -> b.mul(2).backward(Torch.ones(2)));
        assertEquals("Mismatch in shape: grad_output[0] has a shape of torch.Size([2]) and output[0] has a shape of "
                + "torch.Size([3]).", e2.getMessage());
    }

    /* x = torch.tensor([1., 2.], requires_grad=True); y = (x * 3).sum(); y.backward(torch.tensor(2., dtype=torch.float64)); print(x.grad) */
    @Test
    void aGradientOfAnotherDtypeIsCast() {
        Tensor x = leaf(1, 2);
        x.mul(3).sum().backward(Torch.tensor(2.0, DType.FLOAT64));
        assertEquals("tensor([6., 6.])", x.grad().toString());
        assertEquals(DType.FLOAT32, x.grad().dtype());
    }

    /* a = torch.tensor([[1., 2.], [3., 4.]], requires_grad=True); b = torch.tensor([10., 20.], requires_grad=True); (a * b).sum().backward() */
    @Test
    void broadcastGradientsAreSummedBackToTheInputShape() {
        Tensor a = Torch.tensor(new double[][]{{1, 2}, {3, 4}}).requiresGrad_();
        Tensor b = leaf(10, 20);
        a.mul(b).sum().backward();
        assertEquals("tensor([[10., 20.],\n        [10., 20.]])", a.grad().toString());
        assertEquals("tensor([4., 6.])", b.grad().toString());
    }

    @Test
    void backwardOnALeafGivesOnes() {
        Tensor x = Torch.tensor(3.0).requiresGrad_();
        x.backward();
        assertEquals("tensor(1.)", x.grad().toString());
    }

    @Test
    void theGradientIsACopyNotTheSeed() {
        Tensor x = leaf(1, 2);
        Tensor seed = Torch.ones(2);
        x.clone().backward(seed);
        seed.mul_(5);
        assertEquals("tensor([1., 1.])", x.grad().toString());
    }

    @Test
    void aChainOf100000OpsRunsWithoutRecursion() {
        Tensor x = Torch.tensor(1.0).requiresGrad_();
        Tensor y = x;
        for (int i = 0; i < 100_000; i++) y = y.mul(1.0);
        y.backward();
        assertEquals("tensor(1.)", x.grad().toString());
    }

    // ---------------------------------------------------------------- grad()

    /*
     * x = torch.tensor([0.5, 1.5], requires_grad=True)
     * g, = torch.autograd.grad((x**3).sum(), x, create_graph=True); print(g)
     * g2, = torch.autograd.grad(g.sum(), x); print(g2)
     */
    @Test
    void createGraphGivesHigherOrderDerivatives() {
        Tensor x = leaf(0.5, 1.5);
        Tensor g = Autograd.grad(List.of(x.pow(3).sum()), List.of(x), null, true).get(0);
        assertEquals("tensor([0.7500, 6.7500], grad_fn=<MulBackward0>)", g.toString());
        Tensor g2 = Autograd.grad(g.sum(), x).get(0);
        assertEquals("tensor([3., 9.])", g2.toString());
        assertNull(x.grad(), "grad() returns gradients, it does not accumulate them");
    }

    /*
     * x = torch.tensor([1., 2.], requires_grad=True)
     * g, = torch.autograd.grad((x**3).sum(), x, create_graph=True) ... x.grad = None
     * (x**3).sum().backward(create_graph=True); print(x.grad)   -> tensor([ 3., 12.], grad_fn=<CopyBackwards>)
     * (x**3).sum().backward(create_graph=True); print(x.grad)   -> tensor([ 6., 24.], grad_fn=<AddBackward0>)
     */
    @Test
    void createGraphBackwardGivesLeavesGradientsWithHistory() {
        Tensor x = leaf(1, 2);
        x.pow(3).sum().backward(null, true, true);
        assertEquals("tensor([ 3., 12.], grad_fn=<CopyBackwards>)", x.grad().toString());
        x.pow(3).sum().backward(null, true, true);
        assertEquals("tensor([ 6., 24.], grad_fn=<AddBackward0>)", x.grad().toString());
    }

    /* print(torch.autograd.grad([(x*2).sum(), (x*x).sum()], [x])) */
    @Test
    void gradOfSeveralOutputsAddsTheirContributions() {
        Tensor x = leaf(1, 2);
        List<Tensor> g = Autograd.grad(List.of(x.mul(2).sum(), x.mul(x).sum()), List.of(x), null, false, false, false);
        assertEquals("tensor([4., 6.])", g.get(0).toString());
    }

    /*
     * torch.autograd.grad((b*2).sum(), c)                     c = torch.ones(3)
     * torch.autograd.grad((b*2).sum(), [b, torch.ones(3, requires_grad=True)])
     * torch.autograd.grad((b*2).sum(), [b, torch.ones(3, requires_grad=True)], allow_unused=True) -> (tensor([2., 2., 2.]), None)
     */
    @Test
    void gradChecksItsInputs() {
        Tensor b = leaf(1, 2, 3);
        var e = assertThrows(IllegalStateException.class, () -> Autograd.grad(b.mul(2).sum(), Torch.ones(3)));
        assertEquals("One of the differentiated Tensors does not require grad", e.getMessage());
        Tensor unused = Torch.ones(3).requiresGrad_();
        var e2 = assertThrows(IllegalStateException.class, () -> Autograd.grad(b.mul(2).sum(), b, unused));
        assertEquals("One of the differentiated Tensors appears to not have been used in the graph. "
                + "Set allow_unused=True if this is the desired behavior.", e2.getMessage());
        List<Tensor> g = Autograd.grad(List.of(b.mul(2).sum()), List.of(b, unused), null, false, false, true);
        assertEquals("tensor([2., 2., 2.])", g.get(0).toString());
        assertNull(g.get(1));
    }

    @Test
    void gradWithRespectToAnIntermediateLeavesLeavesAlone() {
        Tensor x = leaf(1, 2);
        Tensor h = x.mul(2);
        Tensor g = Autograd.grad(h.mul(h).sum(), h).get(0);
        assertEquals("tensor([4., 8.])", g.toString());
        assertNull(x.grad());
    }

    // ---------------------------------------------------------------- hooks and retain_grad

    /* x = torch.tensor([1., 2.], requires_grad=True); h = x*2; h.retain_grad(); (h*h).sum().backward(); print(h.grad, h.is_leaf, h.retains_grad) */
    @Test
    void retainGradKeepsANonLeafsGradient() {
        Tensor x = leaf(1, 2);
        Tensor h = x.mul(2);
        h.retainGrad();
        h.mul(h).sum().backward();
        assertEquals("tensor([4., 8.])", h.grad().toString());
        assertFalse(h.isLeaf());
        assertTrue(h.retainsGrad());
    }

    @Test
    void withoutRetainGradANonLeafHasNoGradient() {
        Tensor x = leaf(1, 2);
        Tensor h = x.mul(2);
        h.mul(h).sum().backward();
        assertNull(h.grad());
    }

    /*
     * x = torch.tensor([1., 2.], requires_grad=True)
     * h = x*2; h.register_hook(lambda g: g*10); x.register_hook(lambda g: print('leafhook', g)); (h*h).sum().backward(); print(x.grad)
     * -> leafhook tensor([ 80., 160.]); tensor([ 80., 160.])
     */
    @Test
    void hooksSeeAndReplaceGradients() {
        Tensor x = leaf(1, 2);
        Tensor h = x.mul(2);
        h.registerHook(g -> g.mul(10));
        List<String> seen = new ArrayList<>();
        x.registerHook(g -> { seen.add(g.toString()); return null; });
        h.mul(h).sum().backward();
        assertEquals(List.of("tensor([ 80., 160.])"), seen);
        assertEquals("tensor([ 80., 160.])", x.grad().toString());
    }

    /* ... h.register_hook(lambda g: g*10); x.register_hook(lambda g: g*100); print(torch.autograd.grad((h*h).sum(), [h, x])) */
    @Test
    void gradReturnsTheGradientBeforeTheTensorsOwnHooks() {
        Tensor x = leaf(1, 2);
        Tensor h = x.mul(2);
        h.registerHook(g -> g.mul(10));
        x.registerHook(g -> g.mul(100));
        List<Tensor> g = Autograd.grad(List.of(h.mul(h).sum()), List.of(h, x), null, false, false, false);
        assertEquals("tensor([4., 8.])", g.get(0).toString());
        assertEquals("tensor([ 80., 160.])", g.get(1).toString());
    }

    @Test
    void aRemovedHookIsNotCalled() {
        Tensor x = leaf(1, 2);
        RemovableHandle handle = x.registerHook(g -> g.mul(100));
        handle.remove();
        x.mul(2).sum().backward();
        assertEquals("tensor([2., 2.])", x.grad().toString());
    }

    @Test
    void hooksAndRetainGradNeedATensorThatRequiresGrad() {
        var e = assertThrows(IllegalStateException.class, () -> Torch.ones(3).registerHook(g -> g));
        assertEquals("cannot register a hook on a tensor that doesn't require gradient", e.getMessage());
        var e2 = assertThrows(IllegalStateException.class, () -> Torch.ones(3).retainGrad());
        assertEquals("can't retain_grad on Tensor that has requires_grad=False", e2.getMessage());
    }

    // ---------------------------------------------------------------- grad mode

    /* with torch.no_grad(): y = x*2  -> y.requires_grad False, y.grad_fn None */
    @Test
    void noGradScopesNestAndRestore() {
        Tensor x = leaf(1, 2);
        try (var _ = GradMode.noGrad()) {
            Tensor y = x.mul(2);
            assertFalse(y.requiresGrad());
            assertNull(y.gradFn());
            try (var _ = GradMode.enableGrad()) {
                assertTrue(x.mul(2).requiresGrad());
            }
            assertFalse(x.mul(2).requiresGrad());
        }
        assertTrue(x.mul(2).requiresGrad());
    }

    @Test
    void inferenceModeRecordsNothing() {
        Tensor x = leaf(1, 2);
        try (var _ = GradMode.inferenceMode()) {
            assertTrue(GradMode.isInferenceMode());
            assertFalse(x.mul(2).requiresGrad());
        }
        assertFalse(GradMode.isInferenceMode());
    }

    // ---------------------------------------------------------------- in-place rules

    /* b.add_(1); b[0].mul_(2); b.detach().requires_grad_(True)[0].mul_(2) */
    @Test
    void inPlaceOnALeafThatRequiresGradIsRefused() {
        Tensor b = leaf(1, 2, 3);
        var e = assertThrows(IllegalStateException.class, () -> b.add_(1));
        assertEquals("a leaf Variable that requires grad is being used in an in-place operation.", e.getMessage());
        var e2 = assertThrows(IllegalStateException.class, () -> b.select(0, 0).mul_(2));
        assertEquals("a view of a leaf Variable that requires grad is being used in an in-place operation.", e2.getMessage());
        assertEquals("tensor([1., 2., 3.], requires_grad=True)", b.toString());
        try (var _ = GradMode.noGrad()) {
            b.add_(1);
        }
        assertEquals("tensor([2., 3., 4.], requires_grad=True)", b.toString());
    }

    /*
     * x = torch.ones(3, requires_grad=True); y2 = x.clone()
     * with torch.no_grad(): v = y2[0:2]
     * v.mul_(2)                                  (and the same with torch.inference_mode())
     */
    @Test
    void aViewMadeWithoutGradCannotBeModifiedWithGrad() {
        Tensor y2 = Torch.ones(3).requiresGrad_().clone();
        Tensor v;
        try (var _ = GradMode.noGrad()) {
            v = y2.slice(0, 0, 2);
        }
        var e = assertThrows(IllegalStateException.class, () -> v.mul_(2));
        assertEquals("A view was created in no_grad mode and is being modified inplace with grad mode enabled. Given that this "
                + "use case is ambiguous and error-prone, it is forbidden. You can clarify your code by moving both the view "
                + "and the inplace either both inside the no_grad block (if you don't want the inplace to be tracked) or both "
                + "outside (if you want the inplace to be tracked).", e.getMessage());
        Tensor w;
        try (var _ = GradMode.inferenceMode()) {
            w = y2.slice(0, 0, 2);
        }
        var e2 = assertThrows(IllegalStateException.class, () -> w.mul_(2));
        assertTrue(e2.getMessage().startsWith("A view was created in inference mode and is being modified inplace in normal "
                + "mode."), e2.getMessage());
        try (var _ = GradMode.noGrad()) {
            v.mul_(2); // both inside no_grad: allowed, and not tracked
        }
        assertEquals("tensor([2., 2., 1.], grad_fn=<CloneBackward0>)", y2.toString());
    }

    /*
     * p = torch.tensor([1.,2,3], requires_grad=True); view = p.narrow(0,1,2)
     * with torch.no_grad(): p.sub_(torch.tensor([1.,1,1]))
     * print(view.grad_fn); view.sum().backward(); print(p.grad)   -> <AsStridedBackward0 ...>, tensor([0., 1., 1.])
     */
    @Test
    void viewsOfAParameterSeeItsUpdates() {
        Tensor p = leaf(1, 2, 3);
        Tensor view = p.narrow(0, 1, 2);
        try (var _ = GradMode.noGrad()) {
            p.sub_(Torch.tensor(1f, 1f, 1f)); // an optimizer step
        }
        assertEquals("AsStridedBackward0", view.gradFn().name(), "the view reads its value out of p again");
        view.sum().backward();
        assertEquals("tensor([0., 1., 1.])", p.grad().toString());
    }

    /* b = torch.tensor([1.,2.,3.], requires_grad=True); y = b * b; b2 = b.detach(); b2.add_(1); y.sum().backward() */
    @Test
    void aSavedLeafModifiedThroughDetachFailsWithoutProducerName() {
        Tensor b = leaf(1, 2, 3);
        Tensor y = b.mul(b);
        b.detach().add_(1);
        var e = assertThrows(IllegalStateException.class, () -> y.sum().backward());
        assertEquals("one of the variables needed for gradient computation has been modified by an inplace operation: "
                + "[torch.FloatTensor [3]] is at version 1; expected version 0 instead. Hint: enable anomaly detection to find "
                + "the operation that failed to compute its gradient, with torch.autograd.set_detect_anomaly(True).",
                e.getMessage());
    }

    /* z = b.double()*2; s = z.exp(); s.add_(1); s.sum().backward() */
    @Test
    void aSavedOutputModifiedInPlaceNamesItsNode() {
        Tensor b = leaf(1, 2, 3);
        Tensor s = b.double_().mul(2).exp();
        s.add_(1);
        var e = assertThrows(IllegalStateException.class, () -> s.sum().backward());
        assertEquals("one of the variables needed for gradient computation has been modified by an inplace operation: "
                + "[torch.DoubleTensor [3]], which is output 0 of ExpBackward0, is at version 1; expected version 0 instead. "
                + "Hint: enable anomaly detection to find the operation that failed to compute its gradient, with "
                + "torch.autograd.set_detect_anomaly(True).", e.getMessage());
    }

    /* data updates are not tracked: the seed's manual SGD step param.data -= lr * param.grad.data */
    @Test
    void updatesThroughDataAreNotTracked() {
        Tensor w = leaf(1, 2);
        Tensor y = w.mul(w).sum();
        w.data().sub_(Torch.tensor(0.5f, 0.5f));
        assertEquals(0, w.version());
        y.backward();
        assertEquals("tensor([1., 3.])", w.grad().toString(), "backward used the values saved at their version: the updated ones");
    }

    /*
     * l = torch.tensor([1., 2.], requires_grad=True); w = torch.tensor([3., 4.], requires_grad=True)
     * x = l.clone(); x.mul_(w); x.sum().backward(); print(l.grad, w.grad)  -> tensor([3., 4.]) tensor([1., 2.])
     */
    @Test
    void anInPlaceOpKeepsTheOldValueItsGradientNeeds() {
        Tensor l = leaf(1, 2);
        Tensor w = leaf(3, 4);
        Tensor x = l.clone();
        x.mul_(w);
        assertEquals("MulBackward0", x.gradFn().name());
        x.sum().backward();
        assertEquals("tensor([3., 4.])", l.grad().toString());
        assertEquals("tensor([1., 2.])", w.grad().toString());
    }

    /* x = torch.tensor([1., 2., 3.], requires_grad=True); y = x * 2; v = y[1:]; v.mul_(x[:2]); y.sum().backward(); print(x.grad) */
    @Test
    void inPlaceOnAViewRoutesTheGradientThroughTheBase() {
        Tensor x = leaf(1, 2, 3);
        Tensor y = x.mul(2);
        Tensor v = y.slice(0, 1L, null, 1);
        v.mul_(x.narrow(0, 0, 2));
        y.sum().backward();
        assertEquals("tensor([6., 8., 4.])", x.grad().toString());
    }

    /* (b*2).requires_grad_(False); (b*2)[0].detach_(); torch.ones(3, dtype=torch.long).requires_grad_();
       torch.ones(3, dtype=torch.long, requires_grad=True) */
    @Test
    void flagErrors() {
        Tensor b = leaf(1, 2, 3);
        var e = assertThrows(IllegalStateException.class, () -> b.mul(2).requiresGrad_(false));
        assertEquals("you can only change requires_grad flags of leaf variables. If you want to use a computed variable in a "
                + "subgraph that doesn't require differentiation use var_no_grad = var.detach().", e.getMessage());
        var e2 = assertThrows(IllegalStateException.class, () -> b.mul(2).select(0, 0).detach_());
        assertTrue(e2.getMessage().startsWith("Can't detach views in-place. Use detach() instead."), e2.getMessage());
        var e3 = assertThrows(IllegalArgumentException.class, () -> Torch.ones(new long[]{3}, DType.INT64).requiresGrad_());
        assertEquals("only Tensors of floating point dtype can require gradients", e3.getMessage());
        var e4 = assertThrows(IllegalArgumentException.class, () -> Torch.ones(new long[]{3}, DType.INT64, true));
        assertEquals("Only Tensors of floating point and complex dtype can require gradients", e4.getMessage());
    }

    // ---------------------------------------------------------------- anomaly mode

    /*
     * with torch.autograd.detect_anomaly():
     *     x = torch.tensor([0., 1.], requires_grad=True); y = x.sqrt() * 0; y.sum().backward()
     * -> RuntimeError: Function 'SqrtBackward0' returned nan values in its 0th output.
     */
    @Test
    void anomalyModeNamesTheNodeThatProducedNaN() {
        try (var _ = Anomaly.detect()) {
            Tensor x = leaf(0, 1);
            Tensor y = x.sqrt().mul(0);
            var e = assertThrows(IllegalStateException.class, () -> y.sum().backward());
            assertEquals("Function 'SqrtBackward0' returned nan values in its 0th output.", e.getMessage());
            assertTrue(e.getCause().getMessage().startsWith("Error detected in SqrtBackward0."), e.getCause().getMessage());
            assertTrue(Arrays.stream(e.getCause().getStackTrace()).anyMatch(f -> f.getMethodName().contains("anomalyMode")),
                    "the cause carries the forward call's stack");
        }
        assertFalse(Anomaly.isEnabled());
        Tensor x = leaf(0, 1);
        x.sqrt().mul(0).sum().backward();
        assertEquals("tensor([nan, 0.])", x.grad().toString());
    }
}
