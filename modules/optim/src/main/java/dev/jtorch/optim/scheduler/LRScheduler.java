package dev.jtorch.optim.scheduler;

import dev.jtorch.optim.Optimizer;
import dev.jtorch.optim.ParamGroup;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Base class of the epoch-based learning-rate schedulers, as PyTorch 1.13's {@code _LRScheduler}: it records each
 * group's {@code initial_lr}, and every {@link #step()} advances {@code last_epoch} and writes the new rates into the
 * optimizer's groups. Subclasses give PyTorch's recursive ("chainable") form in {@link #computeLr()} (so several
 * schedulers can act on the same optimizer) and, where PyTorch has one, the closed form in {@link #closedFormLr()}.
 * Subclass constructors end with {@link #initialStep()}, as PyTorch's {@code __init__} does.
 */
public abstract class LRScheduler {
    protected final Optimizer optimizer;
    protected List<Double> baseLrs;
    protected int lastEpoch;
    /** PyTorch's {@code _step_count}: steps taken, counting the initial one. */
    protected int stepCount;
    private List<Double> lastLr = List.of();

    /** Records {@code initial_lr} on each group ({@code lastEpoch == -1}) or requires it to be there (resuming). */
    protected LRScheduler(Optimizer optimizer, int lastEpoch) {
        this.optimizer = requireOptimizer(optimizer);
        List<ParamGroup> groups = optimizer.paramGroups();
        if (lastEpoch == -1) {
            for (ParamGroup g : groups) if (!g.has("initial_lr")) g.set("initial_lr", g.lr());
        } else {
            for (int i = 0; i < groups.size(); i++) {
                if (!groups.get(i).has("initial_lr")) {
                    throw new IllegalArgumentException("param 'initial_lr' is not specified in param_groups[" + i
                            + "] when resuming an optimizer");
                }
            }
        }
        List<Double> base = new ArrayList<>();
        for (ParamGroup g : groups) base.add(g.getDouble("initial_lr"));
        this.baseLrs = List.copyOf(base);
        this.lastEpoch = lastEpoch;
    }

    /** For schedulers made of other schedulers: no {@code initial_lr} bookkeeping of their own. */
    protected LRScheduler(Optimizer optimizer) {
        this.optimizer = requireOptimizer(optimizer);
        this.baseLrs = List.of();
        this.lastEpoch = -1;
    }

    static Optimizer requireOptimizer(Optimizer optimizer) {
        if (optimizer == null) throw new IllegalArgumentException("a scheduler needs an Optimizer, got null");
        return optimizer;
    }

    /** PyTorch's {@code _initial_step}: resets the step count and takes the first step (epoch 0). */
    protected final void initialStep() {
        stepCount = 0;
        step();
    }

    public Optimizer optimizer() { return optimizer; }

    /** Advances one epoch and sets each group's lr. */
    public void step() {
        stepCount++;
        lastEpoch++;
        apply(computeLr());
    }

    /**
     * Jumps to {@code epoch} with the closed form where there is one (PyTorch's deprecated {@code step(epoch)}, which
     * {@link SequentialLR} uses at its milestones), else the recursive form.
     */
    public void step(int epoch) {
        stepCount++;
        lastEpoch = epoch;
        double[] closed = closedFormLr();
        apply(closed != null ? closed : computeLr());
    }

    private void apply(double[] lrs) {
        List<ParamGroup> groups = optimizer.paramGroups();
        for (int i = 0; i < groups.size() && i < lrs.length; i++) groups.get(i).setLr(lrs[i]);
        List<Double> last = new ArrayList<>(groups.size());
        for (ParamGroup g : groups) last.add(g.lr());
        lastLr = List.copyOf(last);
    }

    /** The rates the last step set, one per group (PyTorch's {@code get_last_lr()}). */
    public List<Double> getLastLr() { return lastLr; }

    protected void setLastLr(List<Double> lrs) { lastLr = List.copyOf(lrs); }

    public int lastEpoch() { return lastEpoch; }

    public List<Double> baseLrs() { return baseLrs; }

    /** PyTorch's {@code get_lr()} inside a step: the new rate of each group from {@link #lastEpoch} and the current rates. */
    protected abstract double[] computeLr();

    /** PyTorch's {@code _get_closed_form_lr()}, or null when the scheduler has none. */
    protected double[] closedFormLr() { return null; }

    /** The current lr of each group. */
    protected final double[] currentLrs() {
        List<ParamGroup> groups = optimizer.paramGroups();
        double[] out = new double[groups.size()];
        for (int i = 0; i < out.length; i++) out[i] = groups.get(i).lr();
        return out;
    }

    /** {@code f(base_lr)} for each group. */
    protected final double[] fromBase(java.util.function.DoubleUnaryOperator f) {
        double[] out = new double[baseLrs.size()];
        for (int i = 0; i < out.length; i++) out[i] = f.applyAsDouble(baseLrs.get(i));
        return out;
    }

    /** The scheduler's state with PyTorch's key names ({@code base_lrs}, {@code last_epoch}, {@code _step_count}, ...). */
    public Map<String, Object> stateDict() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("base_lrs", baseLrs);
        out.put("last_epoch", lastEpoch);
        out.put("_step_count", stepCount);
        out.put("_last_lr", lastLr);
        saveExtra(out);
        return out;
    }

    /** Restores a {@link #stateDict()}; keys it lacks keep their current value. */
    public void loadStateDict(Map<String, Object> state) {
        if (state == null) throw new IllegalArgumentException("scheduler state dict is null");
        // the base fields are read and checked (and the subclass's loaded) before any is set: a bad entry among them
        // leaves them as they were
        List<Double> newBaseLrs = StateValues.doubles(state, "base_lrs", baseLrs);
        int newLastEpoch = StateValues.integer(state, "last_epoch", lastEpoch);
        int newStepCount = StateValues.integer(state, "_step_count", stepCount);
        List<Double> newLastLr = StateValues.doubles(state, "_last_lr", lastLr);
        int groups = optimizer.paramGroups().size();
        checkPerGroup("base_lrs", newBaseLrs, groups);
        checkPerGroup("_last_lr", newLastLr, groups);
        loadExtra(state);
        baseLrs = newBaseLrs;
        lastEpoch = newLastEpoch;
        stepCount = newStepCount;
        lastLr = newLastLr;
    }

    private static void checkPerGroup(String key, List<Double> values, int groups) {
        if (values.size() != groups) {
            throw new IllegalArgumentException("scheduler state '" + key + "' has " + values.size() + " values for an optimizer of "
                    + groups + " param groups");
        }
    }

    /** Adds the subclass's own fields to a state dict. */
    protected void saveExtra(Map<String, Object> out) {}

    /** Reads back what {@link #saveExtra} wrote. */
    protected void loadExtra(Map<String, Object> state) {}
}
