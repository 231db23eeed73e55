package dev.jtorch.optim.amp;

import dev.jtorch.DType;
import dev.jtorch.GradMode;
import dev.jtorch.MemoryScope;
import dev.jtorch.Tensor;
import dev.jtorch.Torch;
import dev.jtorch.optim.Optimizer;
import dev.jtorch.optim.ParamGroup;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Loss scaling for mixed precision, as PyTorch's {@code GradScaler} ({@code torch.cuda.amp} in 1.13, and
 * {@code torch.amp.GradScaler("cpu")} in 2.x, whose arithmetic is the same): the loss is multiplied by a large
 * scale so that small low-precision gradients do not flush to zero, the gradients are divided by it again before the
 * optimizer uses them, and a step whose gradients hold inf or NaN is skipped while the scale backs off.
 * <pre>{@code
 * GradScaler scaler = new GradScaler();
 * for (...) {
 *     optimizer.zeroGrad();
 *     Tensor loss;
 *     try (var ac = Torch.autocast(Device.Type.CPU, DType.BFLOAT16)) {
 *         loss = lossFn.forward(model.forward(x), y);
 *     }
 *     scaler.scale(loss).backward();
 *     scaler.step(optimizer);   // unscales, and steps only when every gradient is finite
 *     scaler.update();          // backs off after an inf/NaN, grows after growthInterval clean steps
 * }
 * }</pre>
 * The scale is a one-element float32 tensor on the device of the first scaled output, updated in float32 as
 * PyTorch's {@code _amp_update_scale_}. Use from one thread at a time.
 */
public final class GradScaler {
    private enum Stage { READY, UNSCALED, STEPPED }

    /** Per optimizer, between two {@link #update()}s. */
    private static final class OptimizerState {
        Stage stage = Stage.READY;
        Boolean foundInf; // null until unscale_ ran
    }

    private final boolean enabled;
    private double initScale;
    private double growthFactor;
    private double backoffFactor;
    private int growthInterval;
    private int initGrowthTracker;
    private Tensor scale; // float32 [1], created by the first scale()
    private int growthTracker;
    private Map<Optimizer, OptimizerState> perOptimizer = new IdentityHashMap<>();

    /** PyTorch's defaults: initial scale 2¹⁶, growth ×2 after 2000 clean steps, backoff ×0.5, enabled. */
    public GradScaler() { this(65536.0, 2.0, 0.5, 2000, true); }

    /** A scaler that is a no-op when {@code enabled} is false (scale returns its input, step just steps). */
    public GradScaler(boolean enabled) { this(65536.0, 2.0, 0.5, 2000, enabled); }

    public GradScaler(double initScale, double growthFactor, double backoffFactor, int growthInterval, boolean enabled) {
        this.enabled = enabled;
        if (enabled) {
            if (!(growthFactor > 1.0)) throw new IllegalArgumentException("The growth factor must be > 1.0.");
            if (!(backoffFactor < 1.0)) throw new IllegalArgumentException("The backoff factor must be < 1.0.");
        }
        this.initScale = initScale;
        this.growthFactor = growthFactor;
        this.backoffFactor = backoffFactor;
        this.growthInterval = growthInterval;
    }

    public boolean isEnabled() { return enabled; }

    // ---------------------------------------------------------------- scale

    /** {@code outputs * scale} (a one-element result for a scalar loss, as PyTorch's). Returns {@code outputs} when disabled. */
    public Tensor scale(Tensor outputs) {
        if (!enabled) return outputs;
        if (scale == null) {
            scale = MemoryScope.keep(Torch.full(new long[]{1}, initScale, DType.FLOAT32, outputs.device()));
            growthTracker = initGrowthTracker;
        }
        return outputs.mul(scale.to(outputs.device()));
    }

    /** Each of {@code outputs} scaled (PyTorch accepts iterables of outputs too). */
    public List<Tensor> scale(List<Tensor> outputs) {
        List<Tensor> out = new ArrayList<>(outputs.size());
        for (Tensor t : outputs) out.add(scale(t));
        return out;
    }

    private void checkScale(String funcName) {
        if (scale == null) {
            throw new IllegalStateException("Attempted " + funcName + " but _scale is None.  This may indicate your script did "
                    + "not use scaler.scale(loss or outputs) earlier in the iteration.");
        }
    }

    // ---------------------------------------------------------------- unscale_ and step

    /**
     * Divides the gradients of {@code optimizer}'s parameters by the scale, in place, and notes whether any is
     * inf or NaN. At most once per optimizer between {@link #update()}s, and before {@link #step}; call it
     * explicitly to clip or inspect true gradients before stepping.
     */
    public void unscale_(Optimizer optimizer) {
        if (!enabled) return;
        checkScale("unscale_");
        OptimizerState st = perOptimizer.computeIfAbsent(optimizer, o -> new OptimizerState());
        if (st.stage == Stage.UNSCALED) {
            throw new IllegalStateException("unscale_() has already been called on this optimizer since the last update().");
        }
        if (st.stage == Stage.STEPPED) throw new IllegalStateException("unscale_() is being called after step().");
        // the reciprocal in float64 and then float32, as PyTorch (float32 division may be imprecise)
        Tensor invScale = scale.to(DType.FLOAT64).reciprocal().to(DType.FLOAT32);
        boolean found = false;
        try (var ignored = GradMode.noGrad()) {
            for (Tensor grad : grads(optimizer)) {
                if (grad.dtype() == DType.FLOAT16) throw new IllegalArgumentException("Attempting to unscale FP16 gradients.");
            }
            for (Tensor grad : grads(optimizer)) {
                found |= anyNonFinite(grad);
                grad.mul_(invScale.to(grad.device()));
            }
        }
        st.foundInf = found;
        st.stage = Stage.UNSCALED;
    }

    private static List<Tensor> grads(Optimizer optimizer) {
        List<Tensor> grads = new ArrayList<>();
        for (ParamGroup g : optimizer.paramGroups()) {
            for (Tensor p : g.params()) if (p.grad() != null) grads.add(p.grad());
        }
        return grads;
    }

    /** Any inf or NaN: x − x is 0 for finite x and NaN otherwise. */
    private static boolean anyNonFinite(Tensor t) {
        if (!t.isFloatingPoint() || t.numel() == 0) return false;
        return t.sub(t).ne(0.0).any().itemBoolean();
    }

    /**
     * Unscales the gradients (unless {@link #unscale_} already did) and runs {@code optimizer.step()} only if they
     * are all finite. Returns whether the optimizer stepped (PyTorch returns the step's result, or None when skipped).
     * Once per optimizer between {@link #update()}s.
     */
    public boolean step(Optimizer optimizer) {
        if (!enabled) {
            optimizer.step();
            return true;
        }
        checkScale("step");
        OptimizerState st = perOptimizer.computeIfAbsent(optimizer, o -> new OptimizerState());
        if (st.stage == Stage.STEPPED) throw new IllegalStateException("step() has already been called since the last update().");
        if (st.stage == Stage.READY) unscale_(optimizer);
        boolean stepped = !st.foundInf;
        if (stepped) optimizer.step();
        st.stage = Stage.STEPPED;
        return stepped;
    }

    // ---------------------------------------------------------------- update

    /**
     * The scale for the next iteration: times the backoff factor if any optimizer's gradients held inf/NaN this
     * iteration (and the run of clean steps restarts), times the growth factor after {@code growthInterval}
     * clean steps in a row (kept only if finite). Then every optimizer may be unscaled and stepped again.
     */
    public void update() {
        if (!enabled) return;
        checkScale("update");
        boolean anyChecked = false, foundInf = false;
        for (OptimizerState st : perOptimizer.values()) {
            if (st.foundInf == null) continue;
            anyChecked = true;
            foundInf |= st.foundInf;
        }
        if (!anyChecked) throw new IllegalStateException("No inf checks were recorded prior to update.");
        float current = scale.toFloatArray()[0];
        if (foundInf) {
            setScale((float) (current * backoffFactor));
            growthTracker = 0;
        } else if (growthTracker + 1 == growthInterval) {
            float grown = (float) (current * growthFactor);
            if (Float.isFinite(grown)) setScale(grown);
            growthTracker = 0;
        } else {
            growthTracker++;
        }
        perOptimizer = new IdentityHashMap<>();
    }

    /** Sets the scale to {@code newScale} instead of growing or backing off. */
    public void update(double newScale) {
        if (!enabled) return;
        checkScale("update");
        setScale((float) newScale);
        perOptimizer = new IdentityHashMap<>();
    }

    /** Sets the scale from a one-element float32 tensor that does not require grad. */
    public void update(Tensor newScale) {
        if (!enabled) return;
        checkScale("update");
        if (newScale.dtype() != DType.FLOAT32 || newScale.numel() != 1 || newScale.requiresGrad()) {
            throw new IllegalArgumentException("new_scale should be a float or a 1-element torch.FloatTensor with requires_grad=False.");
        }
        update(newScale.item());
    }

    private void setScale(float value) {
        try (var ignored = GradMode.noGrad()) {
            scale.fill_(value);
        }
    }

    // ---------------------------------------------------------------- settings and state

    /** The current scale; 1.0 when disabled; the initial scale before the first {@link #scale}. */
    public double getScale() {
        if (!enabled) return 1.0;
        return scale == null ? initScale : scale.toFloatArray()[0];
    }

    public double getGrowthFactor() { return growthFactor; }

    public void setGrowthFactor(double growthFactor) { this.growthFactor = growthFactor; }

    public double getBackoffFactor() { return backoffFactor; }

    public void setBackoffFactor(double backoffFactor) { this.backoffFactor = backoffFactor; }

    public int getGrowthInterval() { return growthInterval; }

    public void setGrowthInterval(int growthInterval) { this.growthInterval = growthInterval; }

    /** Clean steps in a row since the scale last changed (PyTorch's {@code _growth_tracker}). */
    public int getGrowthTracker() {
        if (!enabled) return 0;
        return scale == null ? initGrowthTracker : growthTracker;
    }

    /** PyTorch's keys: scale, growth_factor, backoff_factor, growth_interval, _growth_tracker; empty when disabled. */
    public Map<String, Object> stateDict() {
        Map<String, Object> s = new LinkedHashMap<>();
        if (!enabled) return s;
        s.put("scale", getScale());
        s.put("growth_factor", growthFactor);
        s.put("backoff_factor", backoffFactor);
        s.put("growth_interval", growthInterval);
        s.put("_growth_tracker", getGrowthTracker());
        return s;
    }

    public void loadStateDict(Map<String, Object> stateDict) {
        if (!enabled) return;
        if (stateDict.isEmpty()) {
            throw new IllegalArgumentException("The source state dict is empty, possibly because it was saved from a disabled "
                    + "instance of GradScaler.");
        }
        initScale = number(stateDict, "scale").doubleValue();
        growthFactor = number(stateDict, "growth_factor").doubleValue();
        backoffFactor = number(stateDict, "backoff_factor").doubleValue();
        growthInterval = number(stateDict, "growth_interval").intValue();
        initGrowthTracker = number(stateDict, "_growth_tracker").intValue();
        if (scale != null) {
            setScale((float) initScale);
            growthTracker = initGrowthTracker;
        }
    }

    private static Number number(Map<String, Object> stateDict, String key) {
        if (!(stateDict.get(key) instanceof Number n)) {
            throw new IllegalArgumentException("GradScaler state dict: expected a number under '" + key + "', got "
                    + stateDict.get(key));
        }
        return n;
    }
}
