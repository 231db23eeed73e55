package dev.jtorch.optim.scheduler;

import dev.jtorch.Tensor;
import dev.jtorch.Torch;
import dev.jtorch.optim.Adagrad;
import dev.jtorch.optim.Optimizer;
import dev.jtorch.optim.SGD;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Scheduler state dicts, and PyTorch 1.13's messages for bad arguments (checked with /usr/bin/python3). */
class SchedulerBehaviourTest {
    private static Optimizer sgd() { return SchedulerGoldenTest.optimizer("SGD"); }

    private static List<List<Double>> run(LRScheduler s, int steps) {
        List<List<Double>> out = new ArrayList<>();
        for (int i = 0; i < steps; i++) {
            s.step();
            out.add(s.getLastLr());
        }
        return out;
    }

    /** Ten steps, save optimizer and scheduler, rebuild both, load, ten more == twenty straight. */
    private static void resumes(Function<Optimizer, LRScheduler> make) {
        Optimizer straightOpt = sgd();
        List<List<Double>> straight = run(make.apply(straightOpt), 20);

        Optimizer opt = sgd();
        LRScheduler s = make.apply(opt);
        run(s, 10);
        Map<String, Object> optState = opt.stateDict(), schedState = s.stateDict();
        Optimizer opt2 = sgd();
        LRScheduler s2 = make.apply(opt2);
        opt2.loadStateDict(optState);
        s2.loadStateDict(schedState);
        assertEquals(straight.subList(10, 20), run(s2, 10));
    }

    @Test
    void schedulersResumeFromTheirStateDicts() {
        resumes(o -> new CosineAnnealingLR(o, 7, 0.001));
        resumes(o -> new MultiStepLR(o, List.of(4, 12, 12, 15), 0.5));
        resumes(o -> new LinearLR(o, 0.2, 1.0, 14));
        resumes(o -> new OneCycleLR(o, OneCycleLR.options().maxLr(1.0, 0.5).totalSteps(25).threePhase(true)));
        resumes(o -> new ChainedScheduler(List.of(new ExponentialLR(o, 0.9), new StepLR(o, 3, 0.5))));
        resumes(o -> new SequentialLR(o, List.of(new LinearLR(o, 0.1, 1.0, 4), new CosineAnnealingLR(o, 20)), List.of(12)));
    }

    @Test
    void reduceLrOnPlateauResumes() {
        double[] metrics = {1, 0.9, 0.95, 0.97, 0.96, 0.99, 0.9, 0.91, 0.92, 0.93, 0.94, 0.95, 0.96, 0.97, 0.98};
        Optimizer a = sgd();
        ReduceLROnPlateau straight = new ReduceLROnPlateau(a, ReduceLROnPlateau.options().patience(1).cooldown(1));
        List<List<Double>> expected = new ArrayList<>();
        for (double m : metrics) { straight.step(m); expected.add(straight.getLastLr()); }

        Optimizer b = sgd();
        ReduceLROnPlateau first = new ReduceLROnPlateau(b, ReduceLROnPlateau.options().patience(1).cooldown(1));
        for (int i = 0; i < 6; i++) first.step(metrics[i]);
        Optimizer c = sgd();
        ReduceLROnPlateau second = new ReduceLROnPlateau(c, ReduceLROnPlateau.options().patience(1).cooldown(1));
        c.loadStateDict(b.stateDict());
        second.loadStateDict(first.stateDict());
        List<List<Double>> rest = new ArrayList<>();
        for (int i = 6; i < metrics.length; i++) { second.step(metrics[i]); rest.add(second.getLastLr()); }
        assertEquals(expected.subList(6, metrics.length), rest);
        assertEquals(first.stateDict().keySet(), second.stateDict().keySet());
    }

    @Test
    void reduceLrOnPlateauTakesATensorMetric() {
        Optimizer opt = sgd();
        ReduceLROnPlateau s = new ReduceLROnPlateau(opt, ReduceLROnPlateau.options().patience(0));
        s.step(Torch.tensor(1.0));
        s.step(Torch.tensor(2.0));
        assertEquals(List.of(0.01, 0.001), s.getLastLr().stream().map(v -> Math.round(v * 1e6) / 1e6).toList());
        fails("ReduceLROnPlateau needs a one-element metric, got shape torch.Size([2])", () -> s.step(Torch.zeros(2)));
    }

    private static void fails(String message, Executable e) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, e).getMessage());
    }

    @Test
    void badArgumentsGivePyTorchsMessages() {
        fails("Starting multiplicative factor expected to be between 0 and 1.", () -> new LinearLR(sgd(), 1.5, 1.0, 5));
        fails("Ending multiplicative factor expected to be between 0 and 1.", () -> new LinearLR(sgd(), 0.5, -1, 5));
        fails("Factor should be < 1.0.", () -> new ReduceLROnPlateau(sgd(), ReduceLROnPlateau.options().factor(1.0)));
        fails("mode foo is unknown!", () -> new ReduceLROnPlateau(sgd(), ReduceLROnPlateau.options().mode("foo")));
        fails("threshold mode bar is unknown!", () -> new ReduceLROnPlateau(sgd(), ReduceLROnPlateau.options().thresholdMode("bar")));
        fails("expected 2 min_lrs, got 3", () -> new ReduceLROnPlateau(sgd(), ReduceLROnPlateau.options().minLr(0, 0, 0)));
        fails("Expected positive integer total_steps, but got 0", () -> new OneCycleLR(sgd(), 1.0, 0));
        fails("You must define either total_steps OR (epochs AND steps_per_epoch)",
                () -> new OneCycleLR(sgd(), OneCycleLR.options().maxLr(1.0)));
        fails("anneal_strategy must by one of 'cos' or 'linear', instead got exp",
                () -> new OneCycleLR(sgd(), OneCycleLR.options().maxLr(1.0).totalSteps(10).annealStrategy("exp")));
        fails("Expected float between 0 and 1 pct_start, but got 1.5",
                () -> new OneCycleLR(sgd(), OneCycleLR.options().maxLr(1.0).totalSteps(10).pctStart(1.5)));
        fails("expected 2 values for max_lr, got 3",
                () -> new OneCycleLR(sgd(), OneCycleLR.options().maxLr(1.0, 2.0, 3.0).totalSteps(10)));
        Tensor w = Torch.zeros(2).requiresGrad_();
        fails("optimizer must support momentum with `cycle_momentum` option enabled",
                () -> new OneCycleLR(new Adagrad(List.of(w)), 1.0, 10));
        Optimizer o1 = sgd(), o2 = sgd();
        fails("ChainedScheduler expects all schedulers to belong to the same optimizer, but got schedulers at index 0 and 1 to be different",
                () -> new ChainedScheduler(List.of(new StepLR(o1, 2), new StepLR(o2, 2))));
        fails("Sequential Schedulers expects all schedulers to belong to the same optimizer, but got schedulers at index 1 to be "
                + "different than the optimizer passed in.", () -> new SequentialLR(o1, List.of(new StepLR(o1, 2), new StepLR(o2, 2)), List.of(3)));
        fails("Sequential Schedulers expects number of schedulers provided to be one more than the number of milestone points, "
                + "but got number of schedulers 2 and the number of milestones to be equal to 2",
                () -> new SequentialLR(o1, List.of(new StepLR(o1, 2), new StepLR(o1, 2)), List.of(3, 4)));
        fails("StepLR step_size must be a positive integer, got 0", () -> new StepLR(sgd(), 0));
    }

    /* OneCycleLR(opt, max_lr=1.0, total_steps=30): the 31st step raises
       "Tried to step 32 times. The specified number of total steps is 30" */
    /** A state dict with lrs for another number of groups, or a bad entry among good ones, changes nothing. */
    @Test
    void badStateDictsAreRefusedAndChangeNothing() {
        Optimizer opt = sgd();
        LRScheduler s = new StepLR(opt, 2);
        run(s, 3);
        Map<String, Object> before = Map.copyOf(s.stateDict());
        var e = assertThrows(IllegalArgumentException.class, () -> s.loadStateDict(Map.of("base_lrs", List.of(0.5))));
        assertEquals("scheduler state 'base_lrs' has 1 values for an optimizer of 2 param groups", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> s.loadStateDict(Map.of("last_epoch", 7, "_last_lr", List.of(1.0, 2.0, 3.0))));
        assertThrows(IllegalArgumentException.class, () -> s.loadStateDict(Map.of("last_epoch", 7, "step_size", "two")));
        assertEquals(before, Map.copyOf(s.stateDict()));
    }

    @Test
    void oneCycleRefusesToStepPastTotalSteps() {
        OneCycleLR s = new OneCycleLR(sgd(), 1.0, 30);
        for (int i = 0; i < 30; i++) s.step();
        var e = assertThrows(IllegalStateException.class, s::step);
        assertEquals("Tried to step 32 times. The specified number of total steps is 30", e.getMessage());
    }

    /* PyTorch: group.setdefault("initial_lr", group["lr"]), so a second scheduler keeps the first one's base lrs */
    @Test
    void schedulersRecordInitialLrOnce() {
        Optimizer opt = sgd();
        new ExponentialLR(opt, 0.5).step();
        assertEquals(0.1, opt.paramGroups().get(0).getDouble("initial_lr"));
        LRScheduler second = new StepLR(opt, 1, 0.5);
        assertEquals(List.of(0.1, 0.01), second.baseLrs());
    }
}
