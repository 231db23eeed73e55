package dev.jtorch.optim.scheduler;

import dev.jtorch.optim.Optimizer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Multiplies each group's lr by {@code gamma} at each milestone epoch, as PyTorch's {@code MultiStepLR}; a milestone
 * listed twice multiplies by {@code gamma²} (PyTorch keeps them in a {@code Counter}).
 */
public final class MultiStepLR extends LRScheduler {
    private TreeMap<Integer, Integer> milestones;
    private double gamma;

    public MultiStepLR(Optimizer optimizer, List<Integer> milestones) { this(optimizer, milestones, 0.1); }

    public MultiStepLR(Optimizer optimizer, List<Integer> milestones, double gamma) {
        super(optimizer, -1);
        if (milestones == null) throw new IllegalArgumentException("MultiStepLR needs a list of milestones, got null");
        this.milestones = count(milestones);
        this.gamma = gamma;
        initialStep();
    }

    private static TreeMap<Integer, Integer> count(List<?> milestones) {
        TreeMap<Integer, Integer> counts = new TreeMap<>();
        for (Object m : milestones) {
            if (!(m instanceof Number n)) throw new IllegalArgumentException("MultiStepLR milestones must be integers, got " + m);
            counts.merge(n.intValue(), 1, Integer::sum);
        }
        return counts;
    }

    @Override
    protected double[] computeLr() {
        double[] lrs = currentLrs();
        Integer times = milestones.get(lastEpoch);
        if (times == null) return lrs;
        for (int i = 0; i < lrs.length; i++) lrs[i] = lrs[i] * Math.pow(gamma, times);
        return lrs;
    }

    @Override
    protected double[] closedFormLr() {
        // bisect_right over the sorted milestones, with repetitions: how many are <= last_epoch
        int passed = 0;
        for (Map.Entry<Integer, Integer> e : milestones.headMap(lastEpoch, true).entrySet()) passed += e.getValue();
        int exponent = passed;
        return fromBase(base -> base * Math.pow(gamma, exponent));
    }

    /** The milestones in order, each repeated as often as it was given. */
    public List<Integer> milestones() {
        List<Integer> out = new ArrayList<>();
        milestones.forEach((m, c) -> out.addAll(Collections.nCopies(c, m)));
        return out;
    }

    @Override
    protected void saveExtra(Map<String, Object> out) {
        out.put("milestones", milestones());
        out.put("gamma", gamma);
    }

    @Override
    protected void loadExtra(Map<String, Object> state) {
        if (state.get("milestones") instanceof List<?> l) milestones = count(l);
        else if (state.get("milestones") != null) throw StateValues.wrong("milestones", "a list of integers", state.get("milestones"));
        gamma = StateValues.number(state, "gamma", gamma);
    }
}
