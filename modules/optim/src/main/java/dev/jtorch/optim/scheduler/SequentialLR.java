package dev.jtorch.optim.scheduler;

import dev.jtorch.optim.Optimizer;
import dev.jtorch.optim.ParamGroup;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs schedulers one after another, switching at the milestone epochs, as PyTorch's {@code SequentialLR}: at a
 * milestone the next scheduler restarts from epoch 0 with its closed form.
 */
public final class SequentialLR extends LRScheduler {
    private final List<LRScheduler> schedulers;
    private final int[] milestones;

    public SequentialLR(Optimizer optimizer, List<LRScheduler> schedulers, List<Integer> milestones) {
        super(optimizer);
        ChainedScheduler.first(schedulers);
        for (int i = 0; i < schedulers.size(); i++) {
            if (schedulers.get(i).optimizer() != optimizer) {
                throw new IllegalArgumentException("Sequential Schedulers expects all schedulers to belong to the same optimizer, but "
                        + "got schedulers at index " + i + " to be different than the optimizer passed in.");
            }
        }
        if (milestones == null || milestones.size() != schedulers.size() - 1) {
            throw new IllegalArgumentException("Sequential Schedulers expects number of schedulers provided to be one more "
                    + "than the number of milestone points, but got number of schedulers " + schedulers.size()
                    + " and the number of milestones to be equal to " + (milestones == null ? 0 : milestones.size()));
        }
        this.schedulers = List.copyOf(schedulers);
        this.milestones = new int[milestones.size()];
        for (int i = 0; i < this.milestones.length; i++) this.milestones[i] = milestones.get(i);
        this.lastEpoch = 0;  // PyTorch: last_epoch + 1 with the default -1
        for (ParamGroup g : optimizer.paramGroups()) g.setLr(g.getDouble("initial_lr"));
        for (LRScheduler s : this.schedulers) s.lastEpoch -= 1;
        this.schedulers.get(0).initialStep();
        setLastLr(this.schedulers.get(0).getLastLr());
    }

    @Override
    public void step() {
        lastEpoch++;
        int idx = bisectRight(milestones, lastEpoch);
        LRScheduler scheduler = schedulers.get(idx);
        if (idx > 0 && milestones[idx - 1] == lastEpoch) scheduler.step(0);
        else scheduler.step();
        setLastLr(scheduler.getLastLr());
    }

    @Override
    public void step(int epoch) {
        throw new UnsupportedOperationException("SequentialLR steps one epoch at a time; use step()");
    }

    private static int bisectRight(int[] sorted, int x) {
        int i = 0;
        while (i < sorted.length && sorted[i] <= x) i++;
        return i;
    }

    @Override
    protected double[] computeLr() { throw new UnsupportedOperationException("SequentialLR has no rule of its own"); }

    public List<LRScheduler> schedulers() { return schedulers; }

    @Override
    public Map<String, Object> stateDict() {
        Map<String, Object> out = new LinkedHashMap<>();
        List<Integer> ms = new ArrayList<>();
        for (int m : milestones) ms.add(m);
        out.put("_milestones", List.copyOf(ms));
        out.put("last_epoch", lastEpoch);
        out.put("_last_lr", getLastLr());
        List<Object> parts = new ArrayList<>();
        for (LRScheduler s : schedulers) parts.add(s.stateDict());
        out.put("_schedulers", parts);
        return out;
    }

    @Override
    public void loadStateDict(Map<String, Object> state) {
        loadParts(state, schedulers);
        lastEpoch = StateValues.integer(state, "last_epoch", lastEpoch);
        setLastLr(StateValues.doubles(state, "_last_lr", getLastLr()));
    }

    @SuppressWarnings("unchecked")
    static void loadParts(Map<String, Object> state, List<LRScheduler> schedulers) {
        if (state == null) throw new IllegalArgumentException("scheduler state dict is null");
        if (!(state.get("_schedulers") instanceof List<?> parts) || parts.size() != schedulers.size()) {
            throw new IllegalArgumentException("scheduler state dict must have '_schedulers' with one state per scheduler ("
                    + schedulers.size() + ")");
        }
        for (int i = 0; i < parts.size(); i++) {
            if (!(parts.get(i) instanceof Map<?, ?> m)) throw StateValues.wrong("_schedulers", "a list of maps", parts);
            schedulers.get(i).loadStateDict((Map<String, Object>) m);
        }
    }
}
