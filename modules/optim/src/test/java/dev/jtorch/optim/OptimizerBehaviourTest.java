package dev.jtorch.optim;

import dev.jtorch.GradMode;
import dev.jtorch.Tensor;
import dev.jtorch.Torch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * zeroGrad, step with a closure, skipped parameters, in-place updates, groups, and PyTorch 1.13's validation messages
 * (each checked with /usr/bin/python3, e.g. {@code torch.optim.Adam([w], eps=-1e-5)} -> "Invalid epsilon value: -1e-05").
 */
class OptimizerBehaviourTest {
    private static Tensor leaf(double... v) { return Torch.tensor(v).requiresGrad_(); }

    @Test
    void zeroGradSetsGradientsToNoneByDefaultAndZeroesInPlaceOnRequest() {
        Tensor w = leaf(1, 2);
        Optimizer opt = new SGD(List.of(w), 0.1);
        w.mul(w).sum().backward();
        opt.zeroGrad();
        assertNull(w.grad());

        w.mul(w).sum().backward();
        Tensor g = w.grad();
        opt.zeroGrad(false);
        assertSame(g, w.grad());
        assertArrayEquals(new float[]{0, 0}, g.toFloatArray());
    }

    /* w = torch.tensor([1., 2.], requires_grad=True); opt = torch.optim.SGD([w], lr=0.1)
       loss = opt.step(lambda: (opt.zero_grad(), (w * w).sum().backward(), ...)) -> w = [0.8, 1.6] */
    @Test
    void stepWithAClosureReevaluatesTheLossAndReturnsIt() {
        Tensor w = leaf(1, 2);
        Optimizer opt = new SGD(List.of(w), 0.1);
        Tensor loss;
        try (var ignored = GradMode.noGrad()) {  // the closure still records: step turns grad mode on for it
            loss = opt.step(() -> {
                opt.zeroGrad();
                Tensor l = w.mul(w).sum();
                l.backward();
                return l;
            });
        }
        assertEquals(5.0, loss.item(), 1e-6);
        assertArrayEquals(new float[]{0.8f, 1.6f}, w.toFloatArray());
    }

    @Test
    void parametersWithoutGradientAreSkippedAndGetNoState() {
        Tensor a = leaf(1, 2), b = leaf(3, 4);
        Optimizer opt = new Adam(List.of(a, b), 0.1);
        a.setGrad(Torch.tensor(1.0, 1.0));
        opt.step();
        assertArrayEquals(new float[]{3, 4}, b.toFloatArray());
        assertFalse(opt.state().containsKey(b));
        assertTrue(opt.state().containsKey(a));
    }

    @Test
    void updatesAreInPlaceAndRecordNoHistory() {
        Tensor w = leaf(1, 2);
        Optimizer opt = new RMSprop(RMSprop.options().momentum(0.9).centered(true), List.of(new ParamGroup(List.of(w))));
        w.setGrad(Torch.tensor(0.5, -0.5));
        int version = w.version();
        opt.step();
        assertTrue(w.version() > version, "the parameter's own storage changes");
        assertTrue(w.isLeaf() && w.requiresGrad() && w.gradFn() == null);
        for (Object v : opt.state().get(w).values()) {
            if (v instanceof Tensor t) assertFalse(t.requiresGrad(), "state must not require grad");
        }
    }

    /* SGD p -= lr * g with the group's current lr: changing lr between steps takes effect at once */
    @Test
    void groupOptionsAreMutableAndPerGroup() {
        Tensor a = leaf(1), b = leaf(1);
        Optimizer opt = new SGD(SGD.options().lr(0.5), List.of(new ParamGroup(List.of(a)), new ParamGroup(List.of(b)).set("lr", 0.25)));
        assertEquals(0.5, opt.paramGroups().get(0).lr());
        assertEquals(0.0, opt.paramGroups().get(1).getDouble("momentum"), "defaults fill what a group leaves out");
        a.setGrad(Torch.ones(1));
        b.setGrad(Torch.ones(1));
        opt.step();
        assertEquals(0.5f, a.toFloatArray()[0]);
        assertEquals(0.75f, b.toFloatArray()[0]);
        opt.paramGroups().get(0).setLr(0.125);
        opt.step();
        assertEquals(0.375f, a.toFloatArray()[0]);
    }

    private static void fails(String message, Executable e) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, e).getMessage());
    }

    @Test
    void invalidHyperParametersGivePyTorchsMessages() {
        List<Tensor> w = List.of(leaf(1, 2));
        fails("Invalid learning rate: -0.1", () -> new SGD(w, -0.1));
        fails("Invalid momentum value: -0.5", () -> new SGD(w, SGD.options().lr(0.1).momentum(-0.5)));
        fails("Invalid weight_decay value: -1.0", () -> new SGD(w, SGD.options().lr(0.1).weightDecay(-1)));
        fails("Nesterov momentum requires a momentum and zero dampening", () -> new SGD(w, SGD.options().lr(0.1).nesterov(true)));
        fails("Nesterov momentum requires a momentum and zero dampening",
                () -> new SGD(w, SGD.options().lr(0.1).momentum(0.9).dampening(0.1).nesterov(true)));
        fails("parameter group didn't specify a value of required optimization parameter lr", () -> new SGD(w, SGD.options()));
        fails("Invalid learning rate: -0.001", () -> new Adam(w, -1e-3));
        fails("Invalid epsilon value: -1e-05", () -> new Adam(w, Adam.options().eps(-1e-5)));
        fails("Invalid beta parameter at index 0: 1.0", () -> new Adam(w, Adam.options().betas(1.0, 0.999)));
        fails("Invalid beta parameter at index 1: -0.1", () -> new AdamW(w, AdamW.options().betas(0.9, -0.1)));
        fails("Invalid weight_decay value: -0.01", () -> new AdamW(w, AdamW.options().weightDecay(-0.01)));
        fails("Invalid alpha value: -0.5", () -> new RMSprop(w, RMSprop.options().alpha(-0.5)));
        fails("Invalid momentum value: -1.0", () -> new RMSprop(w, RMSprop.options().momentum(-1)));
        fails("Invalid lr_decay value: -0.1", () -> new Adagrad(w, Adagrad.options().lrDecay(-0.1)));
        fails("Invalid initial_accumulator_value value: -1.0", () -> new Adagrad(w, Adagrad.options().initialAccumulatorValue(-1)));
        fails("Invalid epsilon value: -1e-10", () -> new Adagrad(w, Adagrad.options().eps(-1e-10)));
        fails("param group option 'momentum' must be a number, got fast",
                () -> new SGD(SGD.options().lr(0.1), List.of(new ParamGroup(w).set("momentum", "fast"))));
        // a group's own option is checked too (PyTorch checks only the defaults)
        fails("Invalid learning rate: -2.0", () -> new Adam(Adam.options(), List.of(new ParamGroup(w).set("lr", -2.0))));
    }

    @Test
    void badParameterListsAreRejected() {
        Tensor w = leaf(1, 2);
        fails("optimizer got an empty parameter list", () -> new SGD(List.of(), 0.1));
        fails("optimizer got an empty parameter list", () -> new Adam(Adam.options(), List.of()));
        fails("can't optimize a non-leaf Tensor", () -> new SGD(List.of(w.mul(2.0)), 0.1));
        fails("some parameters appear in more than one parameter group",
                () -> new SGD(SGD.options().lr(0.1), List.of(new ParamGroup(List.of(w)), new ParamGroup(List.of(w)))));
        Optimizer opt = new SGD(List.of(w), 0.1);
        fails("some parameters appear in more than one parameter group", () -> opt.addParamGroup(new ParamGroup(List.of(w))));
        assertEquals(1, opt.paramGroups().size());
        Tensor extra = leaf(5);
        opt.addParamGroup(new ParamGroup(List.of(extra)).set("lr", 1.0));
        extra.setGrad(Torch.ones(1));
        opt.step();
        assertEquals(4.0f, extra.toFloatArray()[0]);
    }

    /** Least squares with autograd: every optimizer brings the loss far below its start in 200 steps. */
    @Test
    void everyOptimizerTrainsALinearModel() {
        List<java.util.function.Function<List<Tensor>, Optimizer>> makers = List.of(
                p -> new SGD(p, 0.1, 0.9), p -> new Adam(p, 0.05), p -> new AdamW(p, 0.05),
                p -> new RMSprop(p, 0.01), p -> new Adagrad(p, 0.5));
        dev.jtorch.Generator gen = new dev.jtorch.Generator(11);
        Tensor x = Torch.randn(new long[]{64, 3}, dev.jtorch.DType.FLOAT32, gen);
        Tensor y = x.matmul(Torch.tensor(1.5, -2.0, 0.5).view(3, 1)).add(0.25);
        for (var make : makers) {
            Tensor w = Torch.zeros(3, 1).requiresGrad_(), b = Torch.zeros(1).requiresGrad_();
            Optimizer opt = make.apply(List.of(w, b));
            java.util.function.Supplier<Tensor> closure = () -> {
                opt.zeroGrad();
                Tensor loss = x.matmul(w).add(b).sub(y).pow(2.0).mean();
                loss.backward();
                return loss;
            };
            double first = opt.step(closure).item(), last = first;
            for (int i = 0; i < 200; i++) last = opt.step(closure).item();
            assertTrue(last < first * 1e-2, opt.getClass().getSimpleName() + ": loss " + first + " -> " + last);
        }
    }

    @Test
    void toStringListsTheGroups() {
        String s = new SGD(List.of(leaf(1)), 0.1).toString();
        assertTrue(s.startsWith("SGD (\nParameter Group 0\n    lr: 0.1\n    momentum: 0.0"), s);
    }
}
