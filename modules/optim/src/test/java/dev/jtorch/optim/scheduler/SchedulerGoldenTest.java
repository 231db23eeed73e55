package dev.jtorch.optim.scheduler;

import dev.jtorch.Tensor;
import dev.jtorch.Torch;
import dev.jtorch.optim.Adam;
import dev.jtorch.optim.Golden;
import dev.jtorch.optim.Optimizer;
import dev.jtorch.optim.ParamGroup;
import dev.jtorch.optim.SGD;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every scheduler configuration of tools/golden/gen_optim_fixtures.py: the lr of both groups (and for OneCycleLR the
 * momentum or beta1) after construction and after each of 30 steps, against PyTorch 1.13.
 */
class SchedulerGoldenTest {
    private static final int STEPS = 30;

    @TestFactory
    Stream<DynamicTest> lrSequencesMatchPyTorch() {
        return Golden.manifest("schedulers.txt", 2).stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> run(c)));
    }

    /** Two groups with lr 0.1 and 0.01, on SGD (momentum 0.9) or Adam, as the generator builds them. */
    static Optimizer optimizer(String kind) {
        Tensor w0 = Torch.zeros(2).requiresGrad_(), w1 = Torch.zeros(3).requiresGrad_();
        List<ParamGroup> groups = List.of(new ParamGroup(List.of(w0)).set("lr", 0.1), new ParamGroup(List.of(w1)).set("lr", 0.01));
        return kind.equals("SGD") ? new SGD(SGD.options().lr(0.1).momentum(0.9), groups) : new Adam(Adam.options(), groups);
    }

    static LRScheduler simple(String kind, Optimizer opt, Map<String, String> o) {
        return switch (kind) {
            case "StepLR" -> new StepLR(opt, Integer.parseInt(o.get("step_size")), num(o, "gamma", 0.1));
            case "MultiStepLR" -> new MultiStepLR(opt, ints(o.get("milestones")), num(o, "gamma", 0.1));
            case "ExponentialLR" -> new ExponentialLR(opt, num(o, "gamma", Double.NaN));
            case "CosineAnnealingLR" -> new CosineAnnealingLR(opt, Integer.parseInt(o.get("T_max")), num(o, "eta_min", 0));
            case "LinearLR" -> new LinearLR(opt, num(o, "start_factor", 1.0 / 3), num(o, "end_factor", 1.0),
                    (int) num(o, "total_iters", 5));
            default -> throw new IllegalArgumentException(kind);
        };
    }

    private static double num(Map<String, String> o, String key, double fallback) {
        return o.containsKey(key) ? Double.parseDouble(o.get(key)) : fallback;
    }

    private static List<Integer> ints(String v) {
        List<Integer> out = new ArrayList<>();
        for (String s : v.substring(1, v.length() - 1).split("/")) out.add(Integer.parseInt(s));
        return out;
    }

    /** "ExponentialLR:gamma=0.9;StepLR:step_size=4,gamma=0.5" */
    private static List<LRScheduler> parts(String spec, Optimizer opt) {
        List<LRScheduler> out = new ArrayList<>();
        for (String part : spec.replace("'", "").split(";")) {
            String[] kindArgs = part.split(":");
            Map<String, String> o = new HashMap<>();
            for (String a : kindArgs[1].split(",")) o.put(a.split("=")[0], a.split("=")[1]);
            out.add(simple(kindArgs[0], opt, o));
        }
        return out;
    }

    private static void run(Golden.Case c) {
        String kind = c.kinds().get(0);
        Optimizer opt = optimizer(c.kinds().get(1));
        double[] lrs = Golden.load(c.name() + "_lrs.npy").toDoubleArray();
        double[] momenta = kind.equals("OneCycleLR") ? Golden.load(c.name() + "_momenta.npy").toDoubleArray() : null;
        double[] metrics = kind.equals("ReduceLROnPlateau") ? Golden.load(c.name() + "_metrics.npy").toDoubleArray() : null;
        LRScheduler sched = null;
        ReduceLROnPlateau plateau = null;
        switch (kind) {
            case "ChainedScheduler" -> sched = new ChainedScheduler(parts(c.options().get("parts"), opt));
            case "SequentialLR" -> sched = new SequentialLR(opt, parts(c.options().get("parts"), opt), c.ints("milestones"));
            case "OneCycleLR" -> {
                var o = OneCycleLR.options().maxLr(c.num("max_lr", 0)).pctStart(c.num("pct_start", 0.3))
                        .annealStrategy(c.str("anneal_strategy", "cos")).cycleMomentum(!"False".equals(c.options().get("cycle_momentum")))
                        .baseMomentum(c.num("base_momentum", 0.85)).maxMomentum(c.num("max_momentum", 0.95))
                        .divFactor(c.num("div_factor", 25)).finalDivFactor(c.num("final_div_factor", 1e4))
                        .threePhase(c.flag("three_phase"));
                if (c.options().containsKey("total_steps")) o.totalSteps(c.integer("total_steps", 0));
                else o.epochs(c.integer("epochs", 0)).stepsPerEpoch(c.integer("steps_per_epoch", 0));
                sched = new OneCycleLR(opt, o);
            }
            case "ReduceLROnPlateau" -> plateau = new ReduceLROnPlateau(opt, ReduceLROnPlateau.options()
                    .mode(c.str("mode", "min")).factor(c.num("factor", 0.1)).patience(c.integer("patience", 10))
                    .threshold(c.num("threshold", 1e-4)).thresholdMode(c.str("threshold_mode", "rel"))
                    .cooldown(c.integer("cooldown", 0)).minLr(c.num("min_lr", 0)).eps(c.num("eps", 1e-8)));
            default -> sched = simple(kind, opt, c.options());
        }
        check(c.name() + " after construction", lrs, momenta, 0, opt);
        for (int step = 0; step < STEPS; step++) {
            if (plateau != null) plateau.step(metrics[step]);
            else sched.step();
            check(c.name() + " step " + (step + 1), lrs, momenta, step + 1, opt);
            List<Double> last = plateau != null ? plateau.getLastLr() : sched.getLastLr();
            assertEquals(List.of(lrs[2 * (step + 1)], lrs[2 * (step + 1) + 1]), last, c.name() + " getLastLr at step " + (step + 1));
        }
    }

    private static void check(String what, double[] lrs, double[] momenta, int row, Optimizer opt) {
        for (int g = 0; g < 2; g++) {
            ParamGroup group = opt.paramGroups().get(g);
            same(lrs[2 * row + g], group.lr(), what + " group " + g + " lr");
            if (momenta != null) {
                double m = group.has("betas") ? group.getBetas()[0] : group.getDouble("momentum");
                same(momenta[2 * row + g], m, what + " group " + g + " momentum");
            }
        }
    }

    private static void same(double expected, double actual, String what) {
        if (expected != actual) fail(what + ": expected " + expected + " but was " + actual);
    }
}
