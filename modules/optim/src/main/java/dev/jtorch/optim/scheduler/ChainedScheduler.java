package dev.jtorch.optim.scheduler;

import dev.jtorch.optim.ParamGroup;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Steps several schedulers of the same optimizer together, each applying its recursive form to the rate the previous
 * one left, as PyTorch's {@code ChainedScheduler}.
 */
public final class ChainedScheduler extends LRScheduler {
    private final List<LRScheduler> schedulers;

    public ChainedScheduler(List<LRScheduler> schedulers) {
        super(first(schedulers).optimizer());
        for (int i = 1; i < schedulers.size(); i++) {
            if (schedulers.get(i).optimizer() != schedulers.get(0).optimizer()) {
                throw new IllegalArgumentException("ChainedScheduler expects all schedulers to belong to the same optimizer, but "
                        + "got schedulers at index 0 and " + i + " to be different");
            }
        }
        this.schedulers = List.copyOf(schedulers);
        setLastLr(currentLrList());
    }

    static LRScheduler first(List<LRScheduler> schedulers) {
        if (schedulers == null || schedulers.isEmpty()) throw new IllegalArgumentException("expected at least one scheduler");
        for (LRScheduler s : schedulers) if (s == null) throw new IllegalArgumentException("schedulers must not contain null");
        return schedulers.get(0);
    }

    private List<Double> currentLrList() {
        List<Double> out = new ArrayList<>();
        for (ParamGroup g : optimizer.paramGroups()) out.add(g.lr());
        return out;
    }

    @Override
    public void step() {
        for (LRScheduler s : schedulers) s.step();
        setLastLr(currentLrList());
    }

    @Override
    public void step(int epoch) {
        throw new UnsupportedOperationException("ChainedScheduler steps one epoch at a time; use step()");
    }

    @Override
    protected double[] computeLr() { throw new UnsupportedOperationException("ChainedScheduler has no rule of its own"); }

    public List<LRScheduler> schedulers() { return schedulers; }

    @Override
    public Map<String, Object> stateDict() {
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        out.put("_last_lr", getLastLr());
        List<Object> parts = new ArrayList<>();
        for (LRScheduler s : schedulers) parts.add(s.stateDict());
        out.put("_schedulers", parts);
        return out;
    }

    @Override
    public void loadStateDict(Map<String, Object> state) {
        SequentialLR.loadParts(state, schedulers);
        setLastLr(StateValues.doubles(state, "_last_lr", getLastLr()));
    }
}
