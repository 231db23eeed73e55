package dev.jtorch.optim;

import dev.jtorch.Tensor;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every optimizer configuration of tools/golden/gen_optim_fixtures.py: same initial parameters, same gradient at each
 * of 10 steps, and the parameters after each step must equal PyTorch 1.13's to float32 rounding.
 */
class OptimizerGoldenTest {
    private static final int STEPS = 10;

    @TestFactory
    Stream<DynamicTest> matchesPyTorchOverTenSteps() {
        return Golden.manifest("optimizers.txt", 1).stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> run(c)));
    }

    static Optimizer build(Golden.Case c, List<Tensor> params) {
        String kind = c.kinds().get(0);
        double lr = c.num("lr", Double.NaN);
        Double group1Lr = c.options().containsKey("group1_lr") ? c.num("group1_lr", 0) : null;
        List<ParamGroup> groups = group1Lr == null ? null
                : List.of(new ParamGroup(List.of(params.get(0))), new ParamGroup(List.of(params.get(1))).set("lr", group1Lr));
        double[] betas = c.nums("betas");
        switch (kind) {
            case "SGD" -> {
                var o = SGD.options().lr(lr).momentum(c.num("momentum", 0)).dampening(c.num("dampening", 0))
                        .weightDecay(c.num("weight_decay", 0)).nesterov(c.flag("nesterov")).maximize(c.flag("maximize"));
                return groups == null ? new SGD(params, o) : new SGD(o, groups);
            }
            case "Adam", "AdamW" -> {
                boolean w = kind.equals("AdamW");
                if (w) {
                    var o = AdamW.options().lr(lr).eps(c.num("eps", 1e-8)).weightDecay(c.num("weight_decay", 1e-2))
                            .amsgrad(c.flag("amsgrad")).maximize(c.flag("maximize"));
                    if (betas != null) o.betas(betas[0], betas[1]);
                    return groups == null ? new AdamW(params, o) : new AdamW(o, groups);
                }
                var o = Adam.options().lr(lr).eps(c.num("eps", 1e-8)).weightDecay(c.num("weight_decay", 0))
                        .amsgrad(c.flag("amsgrad")).maximize(c.flag("maximize"));
                if (betas != null) o.betas(betas[0], betas[1]);
                return groups == null ? new Adam(params, o) : new Adam(o, groups);
            }
            case "RMSprop" -> {
                var o = RMSprop.options().lr(lr).alpha(c.num("alpha", 0.99)).eps(c.num("eps", 1e-8))
                        .weightDecay(c.num("weight_decay", 0)).momentum(c.num("momentum", 0)).centered(c.flag("centered"))
                        .maximize(c.flag("maximize"));
                return groups == null ? new RMSprop(params, o) : new RMSprop(o, groups);
            }
            case "Adagrad" -> {
                var o = Adagrad.options().lr(lr).lrDecay(c.num("lr_decay", 0)).weightDecay(c.num("weight_decay", 0))
                        .initialAccumulatorValue(c.num("initial_accumulator_value", 0)).eps(c.num("eps", 1e-10))
                        .maximize(c.flag("maximize"));
                return groups == null ? new Adagrad(params, o) : new Adagrad(o, groups);
            }
            default -> throw new IllegalArgumentException("unknown optimizer " + kind);
        }
    }

    private static void run(Golden.Case c) {
        List<Tensor> params = new ArrayList<>();
        List<Tensor> grads = new ArrayList<>(), after = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            params.add(Golden.load(c.name() + "_p" + i + "_init.npy").requiresGrad_());
            grads.add(Golden.load(c.name() + "_p" + i + "_grads.npy"));
            after.add(Golden.load(c.name() + "_p" + i + "_after.npy"));
        }
        Optimizer opt = build(c, params);
        int noGradStep = c.integer("nograd_step", -1);
        for (int step = 0; step < STEPS; step++) {
            for (int i = 0; i < params.size(); i++) {
                params.get(i).setGrad(i == 1 && step == noGradStep ? null : grads.get(i).select(0, step).clone());
            }
            opt.step();
            for (int i = 0; i < params.size(); i++) {
                assertClose(after.get(i).select(0, step).toFloatArray(), params.get(i).toFloatArray(),
                        c.name() + " param " + i + " after step " + (step + 1));
            }
        }
        for (Tensor p : params) assertTrue(p.isLeaf() && p.gradFn() == null, "updates must not record history");
    }

    /**
     * float32 rounding: a few ulps of the value, with a floor of a few ulps of 1 (the inputs are of order 1, so a
     * result that cancels down towards zero keeps the operands' absolute rounding error; PyTorch's kernels fuse
     * {@code a + alpha * b} into one FMA where ours round twice).
     */
    static void assertClose(float[] expected, float[] actual, String what) {
        if (expected.length != actual.length) fail(what + ": " + expected.length + " values expected, got " + actual.length);
        for (int k = 0; k < expected.length; k++) {
            float e = expected[k], a = actual[k];
            float tol = Math.max(8 * Math.ulp(e), 4 * Math.ulp(1.0f));
            if (!(Math.abs(e - a) <= tol)) fail(what + " [" + k + "]: expected " + e + " but was " + a + " (diff " + Math.abs(e - a) + ")");
        }
    }
}
