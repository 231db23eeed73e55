package dev.jtorch.optim.scheduler;

import dev.jtorch.optim.Optimizer;
import dev.jtorch.optim.ParamGroup;
import dev.jtorch.optim.internal.PyRepr;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The 1cycle policy, as PyTorch's {@code OneCycleLR}: the lr rises from {@code max_lr / div_factor} to {@code max_lr}
 * over {@code pct_start} of the steps, then anneals to {@code initial_lr / final_div_factor} (cosine or linear); with
 * {@code three_phase} it first comes back down to the initial lr. With {@code cycle_momentum} the momentum (SGD,
 * RMSprop) or beta1 (Adam, AdamW) moves the opposite way between {@code base_momentum} and {@code max_momentum}.
 * Steps once per batch; stepping past {@code total_steps} is an error.
 */
public final class OneCycleLR extends LRScheduler {
    /** OneCycleLR's options with PyTorch's defaults; {@code maxLr} and {@code totalSteps} (or epochs and steps per epoch) are required. */
    public static final class Options {
        private double[] maxLr;
        private Integer totalSteps, epochs, stepsPerEpoch;
        private double pctStart = 0.3, divFactor = 25., finalDivFactor = 1e4;
        private String annealStrategy = "cos";
        private boolean cycleMomentum = true, threePhase;
        private double[] baseMomentum = {0.85}, maxMomentum = {0.95};

        /** One max lr for every group, or one per group. */
        public Options maxLr(double... v) { maxLr = v.clone(); return this; }
        public Options totalSteps(int v) { totalSteps = v; return this; }
        public Options epochs(int v) { epochs = v; return this; }
        public Options stepsPerEpoch(int v) { stepsPerEpoch = v; return this; }
        public Options pctStart(double v) { pctStart = v; return this; }
        /** "cos" or "linear". */
        public Options annealStrategy(String v) { annealStrategy = v; return this; }
        public Options cycleMomentum(boolean v) { cycleMomentum = v; return this; }
        public Options baseMomentum(double... v) { baseMomentum = v.clone(); return this; }
        public Options maxMomentum(double... v) { maxMomentum = v.clone(); return this; }
        public Options divFactor(double v) { divFactor = v; return this; }
        public Options finalDivFactor(double v) { finalDivFactor = v; return this; }
        public Options threePhase(boolean v) { threePhase = v; return this; }
    }

    public static Options options() { return new Options(); }

    /** One phase of the schedule: it ends at {@code endStep} and moves between the named group options. */
    private record Phase(double endStep, String startLr, String endLr, String startMomentum, String endMomentum) {}

    private int totalSteps;
    private List<Phase> phases;
    private String annealStrategy;
    private boolean cycleMomentum, useBeta1;

    public OneCycleLR(Optimizer optimizer, double maxLr, int totalSteps) {
        this(optimizer, options().maxLr(maxLr).totalSteps(totalSteps));
    }

    public OneCycleLR(Optimizer optimizer, Options o) {
        super(prepare(optimizer, o), -1);
        this.totalSteps = totalSteps(o);
        this.phases = phases(o.threePhase, o.pctStart, totalSteps);
        this.annealStrategy = o.annealStrategy;
        this.cycleMomentum = o.cycleMomentum;
        this.useBeta1 = o.cycleMomentum && optimizer.defaults().containsKey("betas");
        initialStep();
    }

    /** PyTorch's checks and group set-up, which happen before the base class records initial_lr. */
    private static Optimizer prepare(Optimizer optimizer, Options o) {
        requireOptimizer(optimizer);
        totalSteps(o);
        if (!(o.pctStart >= 0 && o.pctStart <= 1)) {
            throw new IllegalArgumentException("Expected float between 0 and 1 pct_start, but got " + PyRepr.of(o.pctStart));
        }
        if (!"cos".equals(o.annealStrategy) && !"linear".equals(o.annealStrategy)) {
            throw new IllegalArgumentException("anneal_strategy must by one of 'cos' or 'linear', instead got " + o.annealStrategy);
        }
        List<ParamGroup> groups = optimizer.paramGroups();
        if (o.maxLr == null) throw new IllegalArgumentException("OneCycleLR needs max_lr");
        double[] maxLrs = perGroup("max_lr", groups.size(), o.maxLr);
        for (int i = 0; i < groups.size(); i++) {
            ParamGroup g = groups.get(i);
            g.set("initial_lr", maxLrs[i] / o.divFactor);
            g.set("max_lr", maxLrs[i]);
            g.set("min_lr", g.getDouble("initial_lr") / o.finalDivFactor);
        }
        if (o.cycleMomentum) {
            Map<String, Object> defaults = optimizer.defaults();
            if (!defaults.containsKey("momentum") && !defaults.containsKey("betas")) {
                throw new IllegalArgumentException("optimizer must support momentum with `cycle_momentum` option enabled");
            }
            boolean useBeta1 = defaults.containsKey("betas");
            double[] maxMomenta = perGroup("max_momentum", groups.size(), o.maxMomentum);
            double[] baseMomenta = perGroup("base_momentum", groups.size(), o.baseMomentum);
            for (int i = 0; i < groups.size(); i++) {
                ParamGroup g = groups.get(i);
                setMomentum(g, useBeta1, maxMomenta[i]);
                g.set("max_momentum", maxMomenta[i]);
                g.set("base_momentum", baseMomenta[i]);
            }
        }
        return optimizer;
    }

    private static int totalSteps(Options o) {
        if (o.totalSteps == null && o.epochs == null && o.stepsPerEpoch == null) {
            throw new IllegalArgumentException("You must define either total_steps OR (epochs AND steps_per_epoch)");
        }
        if (o.totalSteps != null) {
            if (o.totalSteps <= 0) throw new IllegalArgumentException("Expected positive integer total_steps, but got " + o.totalSteps);
            return o.totalSteps;
        }
        if (o.epochs == null || o.epochs <= 0) throw new IllegalArgumentException("Expected positive integer epochs, but got " + pyInt(o.epochs));
        if (o.stepsPerEpoch == null || o.stepsPerEpoch <= 0) {
            throw new IllegalArgumentException("Expected positive integer steps_per_epoch, but got " + pyInt(o.stepsPerEpoch));
        }
        return o.epochs * o.stepsPerEpoch;
    }

    private static String pyInt(Integer v) { return v == null ? "None" : v.toString(); }

    private static List<Phase> phases(boolean threePhase, double pctStart, int totalSteps) {
        if (threePhase) {
            return List.of(
                    new Phase(pctStart * totalSteps - 1, "initial_lr", "max_lr", "max_momentum", "base_momentum"),
                    new Phase(2 * pctStart * totalSteps - 2, "max_lr", "initial_lr", "base_momentum", "max_momentum"),
                    new Phase(totalSteps - 1, "initial_lr", "min_lr", "max_momentum", "max_momentum"));
        }
        return List.of(
                new Phase(pctStart * totalSteps - 1, "initial_lr", "max_lr", "max_momentum", "base_momentum"),
                new Phase(totalSteps - 1, "max_lr", "min_lr", "base_momentum", "max_momentum"));
    }

    private static double[] perGroup(String name, int groups, double[] values) {
        if (values.length == 1) {
            double[] out = new double[groups];
            java.util.Arrays.fill(out, values[0]);
            return out;
        }
        if (values.length != groups) {
            throw new IllegalArgumentException("expected " + groups + " values for " + name + ", got " + values.length);
        }
        return values.clone();
    }

    private static void setMomentum(ParamGroup g, boolean useBeta1, double momentum) {
        if (useBeta1) g.set("betas", List.of(momentum, g.getBetas()[1]));
        else g.set("momentum", momentum);
    }

    private double anneal(double start, double end, double pct) {
        if (annealStrategy.equals("cos")) {
            double cosOut = Math.cos(Math.PI * pct) + 1;
            return end + (start - end) / 2.0 * cosOut;
        }
        return (end - start) * pct + start;
    }

    @Override
    protected double[] computeLr() {
        int stepNum = lastEpoch;
        if (stepNum > totalSteps) {
            throw new IllegalStateException("Tried to step " + (stepNum + 1) + " times. The specified number of total steps is " + totalSteps);
        }
        List<ParamGroup> groups = optimizer.paramGroups();
        double[] lrs = new double[groups.size()];
        for (int gi = 0; gi < groups.size(); gi++) {
            ParamGroup g = groups.get(gi);
            double startStep = 0;
            double lr = 0, momentum = 0;
            for (int i = 0; i < phases.size(); i++) {
                Phase phase = phases.get(i);
                double endStep = phase.endStep();
                if (stepNum <= endStep || i == phases.size() - 1) {
                    double pct = (stepNum - startStep) / (endStep - startStep);
                    lr = anneal(g.getDouble(phase.startLr()), g.getDouble(phase.endLr()), pct);
                    if (cycleMomentum) momentum = anneal(g.getDouble(phase.startMomentum()), g.getDouble(phase.endMomentum()), pct);
                    break;
                }
                startStep = phase.endStep();
            }
            lrs[gi] = lr;
            if (cycleMomentum) setMomentum(g, useBeta1, momentum);
        }
        return lrs;
    }

    public int totalSteps() { return totalSteps; }

    @Override
    protected void saveExtra(Map<String, Object> out) {
        out.put("total_steps", totalSteps);
        List<Object> ph = new ArrayList<>();
        for (Phase p : phases) {
            ph.add(Map.of("end_step", p.endStep(), "start_lr", p.startLr(), "end_lr", p.endLr(),
                    "start_momentum", p.startMomentum(), "end_momentum", p.endMomentum()));
        }
        out.put("_schedule_phases", List.copyOf(ph));
        out.put("anneal_strategy", annealStrategy);
        out.put("cycle_momentum", cycleMomentum);
        out.put("use_beta1", useBeta1);
    }

    @Override
    protected void loadExtra(Map<String, Object> state) {
        totalSteps = StateValues.integer(state, "total_steps", totalSteps);
        if (state.get("_schedule_phases") instanceof List<?> l) {
            List<Phase> ph = new ArrayList<>();
            for (Object o : l) {
                if (!(o instanceof Map<?, ?> m) || !(m.get("end_step") instanceof Number end)) {
                    throw StateValues.wrong("_schedule_phases", "a list of phase maps", l);
                }
                ph.add(new Phase(end.doubleValue(), String.valueOf(m.get("start_lr")), String.valueOf(m.get("end_lr")),
                        String.valueOf(m.get("start_momentum")), String.valueOf(m.get("end_momentum"))));
            }
            phases = List.copyOf(ph);
        }
        annealStrategy = StateValues.string(state, "anneal_strategy", annealStrategy);
        if (!annealStrategy.equals("cos") && !annealStrategy.equals("linear")) {
            throw StateValues.wrong("anneal_strategy", "'cos' or 'linear'", annealStrategy);
        }
        cycleMomentum = StateValues.bool(state, "cycle_momentum", cycleMomentum);
        useBeta1 = StateValues.bool(state, "use_beta1", useBeta1);
    }
}
