package dev.jtorch.optim.scheduler;

import dev.jtorch.optim.Optimizer;
import dev.jtorch.optim.ParamGroup;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Lowers each group's lr by {@code factor} when a metric stops improving for more than {@code patience} epochs, as
 * PyTorch's {@code ReduceLROnPlateau} (mode min/max, threshold rel/abs, cooldown, min_lr, eps). Not an
 * {@link LRScheduler}: it steps with the metric, {@link #step(double)}.
 */
public final class ReduceLROnPlateau {
    /** Options with PyTorch's defaults: min, factor 0.1, patience 10, threshold 1e-4 rel, cooldown 0, min_lr 0, eps 1e-8. */
    public static final class Options {
        private String mode = "min", thresholdMode = "rel";
        private double factor = 0.1, threshold = 1e-4, eps = 1e-8;
        private int patience = 10, cooldown;
        private double[] minLr = {0};

        public Options mode(String v) { mode = v; return this; }
        public Options factor(double v) { factor = v; return this; }
        public Options patience(int v) { patience = v; return this; }
        public Options threshold(double v) { threshold = v; return this; }
        public Options thresholdMode(String v) { thresholdMode = v; return this; }
        public Options cooldown(int v) { cooldown = v; return this; }
        /** One floor for every group, or one per group. */
        public Options minLr(double... v) { minLr = v.clone(); return this; }
        public Options eps(double v) { eps = v; return this; }
    }

    public static Options options() { return new Options(); }

    private final Optimizer optimizer;
    private double factor, threshold, eps;
    private List<Double> minLrs;
    private int patience, cooldown, cooldownCounter, numBadEpochs, lastEpoch;
    private String mode, thresholdMode;
    private double best, modeWorse;
    private List<Double> lastLr = List.of();

    public ReduceLROnPlateau(Optimizer optimizer) { this(optimizer, options()); }

    public ReduceLROnPlateau(Optimizer optimizer, Options o) {
        if (o.factor >= 1.0) throw new IllegalArgumentException("Factor should be < 1.0.");
        this.factor = o.factor;
        this.optimizer = LRScheduler.requireOptimizer(optimizer);
        int groups = optimizer.paramGroups().size();
        if (o.minLr.length == 1 && groups != 1) {
            double[] all = new double[groups];
            Arrays.fill(all, o.minLr[0]);
            this.minLrs = toList(all);
        } else if (o.minLr.length != groups) {
            throw new IllegalArgumentException("expected " + groups + " min_lrs, got " + o.minLr.length);
        } else {
            this.minLrs = toList(o.minLr);
        }
        this.patience = o.patience;
        this.cooldown = o.cooldown;
        this.eps = o.eps;
        initIsBetter(o.mode, o.threshold, o.thresholdMode);
        reset();
    }

    private static List<Double> toList(double[] a) {
        List<Double> l = new ArrayList<>(a.length);
        for (double x : a) l.add(x);
        return List.copyOf(l);
    }

    private void initIsBetter(String mode, double threshold, String thresholdMode) {
        if (!"min".equals(mode) && !"max".equals(mode)) throw new IllegalArgumentException("mode " + mode + " is unknown!");
        if (!"rel".equals(thresholdMode) && !"abs".equals(thresholdMode)) {
            throw new IllegalArgumentException("threshold mode " + thresholdMode + " is unknown!");
        }
        this.modeWorse = mode.equals("min") ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
        this.mode = mode;
        this.threshold = threshold;
        this.thresholdMode = thresholdMode;
    }

    private void reset() {
        best = modeWorse;
        cooldownCounter = 0;
        numBadEpochs = 0;
    }

    /** One epoch's metric given as a one-element tensor (PyTorch's {@code float(metrics)}). */
    public void step(dev.jtorch.Tensor metric) {
        if (metric == null || metric.numel() != 1) {
            throw new IllegalArgumentException("ReduceLROnPlateau needs a one-element metric, got "
                    + (metric == null ? "null" : "shape " + metric.shape()));
        }
        step(metric.item());
    }

    /** One epoch's metric (e.g. the validation loss). */
    public void step(double metric) {
        int epoch = lastEpoch + 1;
        lastEpoch = epoch;
        if (isBetter(metric, best)) {
            best = metric;
            numBadEpochs = 0;
        } else {
            numBadEpochs++;
        }
        if (cooldownCounter > 0) {
            cooldownCounter--;
            numBadEpochs = 0;  // bad epochs in cooldown do not count
        }
        if (numBadEpochs > patience) {
            reduceLr();
            cooldownCounter = cooldown;
            numBadEpochs = 0;
        }
        List<Double> last = new ArrayList<>();
        for (ParamGroup g : optimizer.paramGroups()) last.add(g.lr());
        lastLr = List.copyOf(last);
    }

    private void reduceLr() {
        List<ParamGroup> groups = optimizer.paramGroups();
        for (int i = 0; i < groups.size(); i++) {
            double oldLr = groups.get(i).lr();
            double newLr = Math.max(oldLr * factor, minLrs.get(i));
            if (oldLr - newLr > eps) groups.get(i).setLr(newLr);
        }
    }

    private boolean isBetter(double a, double best) {
        if (mode.equals("min") && thresholdMode.equals("rel")) return a < best * (1. - threshold);
        if (mode.equals("min")) return a < best - threshold;
        if (thresholdMode.equals("rel")) return a > best * (threshold + 1.);
        return a > best + threshold;
    }

    public boolean inCooldown() { return cooldownCounter > 0; }

    public List<Double> getLastLr() { return lastLr; }

    public double best() { return best; }

    public int numBadEpochs() { return numBadEpochs; }

    /** The state with PyTorch's key names. */
    public Map<String, Object> stateDict() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("factor", factor);
        out.put("min_lrs", minLrs);
        out.put("patience", patience);
        out.put("cooldown", cooldown);
        out.put("cooldown_counter", cooldownCounter);
        out.put("mode", mode);
        out.put("threshold", threshold);
        out.put("threshold_mode", thresholdMode);
        out.put("best", best);
        out.put("num_bad_epochs", numBadEpochs);
        out.put("mode_worse", modeWorse);
        out.put("eps", eps);
        out.put("last_epoch", lastEpoch);
        out.put("_last_lr", lastLr);
        return out;
    }

    public void loadStateDict(Map<String, Object> s) {
        if (s == null) throw new IllegalArgumentException("scheduler state dict is null");
        String newMode = StateValues.string(s, "mode", mode);
        String newThresholdMode = StateValues.string(s, "threshold_mode", thresholdMode);
        double newThreshold = StateValues.number(s, "threshold", threshold);
        List<Double> newMinLrs = StateValues.doubles(s, "min_lrs", minLrs);
        if (newMinLrs.size() != optimizer.paramGroups().size()) {
            throw new IllegalArgumentException("expected " + optimizer.paramGroups().size() + " min_lrs, got " + newMinLrs.size());
        }
        initIsBetter(newMode, newThreshold, newThresholdMode);
        factor = StateValues.number(s, "factor", factor);
        minLrs = newMinLrs;
        patience = StateValues.integer(s, "patience", patience);
        cooldown = StateValues.integer(s, "cooldown", cooldown);
        cooldownCounter = StateValues.integer(s, "cooldown_counter", cooldownCounter);
        best = StateValues.number(s, "best", best);
        numBadEpochs = StateValues.integer(s, "num_bad_epochs", numBadEpochs);
        eps = StateValues.number(s, "eps", eps);
        lastEpoch = StateValues.integer(s, "last_epoch", lastEpoch);
        lastLr = StateValues.doubles(s, "_last_lr", lastLr);
    }
}
