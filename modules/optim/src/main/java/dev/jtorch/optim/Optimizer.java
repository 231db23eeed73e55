package dev.jtorch.optim;

import dev.jtorch.DType;
import dev.jtorch.GradMode;
import dev.jtorch.MemoryScope;
import dev.jtorch.Tensor;
import dev.jtorch.Torch;
import dev.jtorch.optim.internal.PyRepr;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Base class of the optimizers, as PyTorch's {@code torch.optim.Optimizer}: parameter groups with their own
 * hyper-parameters, per-parameter state, {@link #zeroGrad()}, {@link #step()} and a {@link #stateDict()} with
 * PyTorch's layout so that training resumes bit-for-bit after {@link #loadStateDict}.
 * <p>Subclasses implement {@link #update(ParamGroup)}, which runs with grad mode off and changes the parameters in place.
 */
public abstract class Optimizer {
    /** Marks a default that every group must give itself (PyTorch's {@code required}, e.g. SGD's lr). */
    protected static final Object REQUIRED = new Object() {
        @Override public String toString() { return "<required parameter>"; }
    };

    private final Map<String, Object> defaults;
    private final List<ParamGroup> paramGroups = new ArrayList<>();
    /** Per-parameter state, keyed by tensor identity (a parameter's value changes, its identity does not). */
    private final Map<Tensor, Map<String, Object>> state = new IdentityHashMap<>();
    /** Insertion order of {@link #state}, so the state dict lists parameters deterministically. */
    private final List<Tensor> stateOrder = new ArrayList<>();
    private long stepCount;

    protected Optimizer(List<ParamGroup> groups, Map<String, Object> defaults) {
        this.defaults = Collections.unmodifiableMap(new LinkedHashMap<>(defaults));
        ParamGroup defaultsAsGroup = new ParamGroup(List.of());
        defaults.forEach(defaultsAsGroup::putIfAbsent);
        validateGroup(defaultsAsGroup);
        if (groups == null || groups.isEmpty()) throw new IllegalArgumentException("optimizer got an empty parameter list");
        for (ParamGroup g : groups) addParamGroup(g);
    }

    /** One group holding {@code params}; the options all come from the defaults. */
    protected static List<ParamGroup> single(List<Tensor> params) {
        if (params == null || params.isEmpty()) throw new IllegalArgumentException("optimizer got an empty parameter list");
        return List.of(new ParamGroup(params));
    }

    /** The optimizer's default options (read-only). */
    public Map<String, Object> defaults() { return defaults; }

    /** The parameter groups; their options can be changed in place (e.g. {@code paramGroups().get(0).setLr(0.01)}). */
    public List<ParamGroup> paramGroups() { return Collections.unmodifiableList(paramGroups); }

    /** How many times {@link #step} ran (schedulers use it to warn about call order, as PyTorch). */
    public long stepCount() { return stepCount; }

    /** Adds a group (as PyTorch's {@code add_param_group}): missing options come from the defaults. */
    public void addParamGroup(ParamGroup group) {
        for (Tensor p : group.params()) {
            if (!p.isLeaf() && !p.retainsGrad()) throw new IllegalArgumentException("can't optimize a non-leaf Tensor");
        }
        for (Map.Entry<String, Object> d : defaults.entrySet()) {
            if (d.getValue() == REQUIRED && !group.has(d.getKey())) {
                throw new IllegalArgumentException(
                        "parameter group didn't specify a value of required optimization parameter " + d.getKey());
            }
            if (d.getValue() != REQUIRED) group.putIfAbsent(d.getKey(), d.getValue());
        }
        Map<Tensor, Boolean> seen = new IdentityHashMap<>();
        for (ParamGroup g : paramGroups) for (Tensor p : g.params()) seen.put(p, true);
        Map<Tensor, Boolean> inGroup = new IdentityHashMap<>();
        for (Tensor p : group.params()) {
            if (seen.containsKey(p)) throw new IllegalArgumentException("some parameters appear in more than one parameter group");
            if (inGroup.put(p, true) != null) {
                throw new IllegalArgumentException("optimizer contains a parameter group with duplicate parameters");
            }
        }
        validateGroup(group);
        paramGroups.add(group);
    }

    /** Checks a group's options (the same checks as the constructor makes on the defaults). */
    protected abstract void validateGroup(ParamGroup group);

    /**
     * Sets every gradient to null (PyTorch 2's default {@code set_to_none=True}). Inside a {@link MemoryScope}, gradients
     * that an earlier scope made are released with this one ({@link MemoryScope#releaseOnClose}).
     */
    public void zeroGrad() { zeroGrad(true); }

    /** {@code setToNone=false} zeroes the existing gradients in place instead (detaching them first). */
    public void zeroGrad(boolean setToNone) {
        for (ParamGroup g : paramGroups) {
            for (Tensor p : g.params()) {
                Tensor grad = p.grad();
                if (grad == null) continue;
                if (setToNone) {
                    p.setGrad(null);
                    MemoryScope.releaseOnClose(grad); // inside a scope, the next gradients reuse its memory
                } else {
                    try (var ignored = GradMode.noGrad()) {
                        if (!grad.isLeaf()) grad.detach_();
                        else if (grad.requiresGrad()) grad.requiresGrad_(false);
                        grad.zero_();
                    }
                }
            }
        }
    }

    /** One update of every parameter that has a gradient. */
    public void step() { step(null); }

    /**
     * Re-evaluates the loss with {@code closure} (grad mode on, so it may call {@code backward}) and then updates.
     * Returns the closure's loss, or null without a closure.
     */
    public Tensor step(Supplier<Tensor> closure) {
        Tensor loss = null;
        if (closure != null) {
            try (var ignored = GradMode.enableGrad()) {
                loss = closure.get();
            }
        }
        // state made here lives across steps: it belongs to no MemoryScope
        try (var ignored = GradMode.noGrad(); var untracked = MemoryScope.untracked()) {
            for (ParamGroup g : paramGroups) update(g);
        }
        stepCount++;
        return loss;
    }

    /** Updates the parameters of one group in place; called with grad mode off. Skip params whose grad is null. */
    protected abstract void update(ParamGroup group);

    /** The state of {@code param}, created empty on first use. */
    protected Map<String, Object> stateOf(Tensor param) {
        Map<String, Object> s = state.get(param);
        if (s == null) {
            s = new LinkedHashMap<>();
            state.put(param, s);
            stateOrder.add(param);
        }
        return s;
    }

    /** Read-only view of the per-parameter state (values are the live tensors). */
    public Map<Tensor, Map<String, Object>> state() { return Collections.unmodifiableMap(state); }

    /**
     * PyTorch's layout: {@code "state"} maps a parameter's index (counting through the groups in order) to its state
     * ({@code step}, {@code exp_avg}, ...), {@code "param_groups"} lists each group's options plus {@code "params"},
     * the indices of its parameters. As in PyTorch, the tensors are the live state (clone them to keep a snapshot);
     * {@link #loadStateDict} copies.
     */
    public Map<String, Object> stateDict() {
        Map<Tensor, Integer> index = new IdentityHashMap<>();
        List<Object> groups = new ArrayList<>();
        int next = 0;
        for (ParamGroup g : paramGroups) {
            Map<String, Object> packed = new LinkedHashMap<>(g.options());
            List<Integer> ids = new ArrayList<>();
            for (Tensor p : g.params()) {
                Integer id = index.get(p);
                if (id == null) { id = next; index.put(p, id); }
                next++;
                ids.add(id);
            }
            packed.put("params", List.copyOf(ids));
            groups.add(packed);
        }
        Map<Integer, Object> packedState = new LinkedHashMap<>();
        for (Tensor p : stateOrder) {
            Integer id = index.get(p);
            if (id != null) packedState.put(id, new LinkedHashMap<>(state.get(p)));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("state", packedState);
        out.put("param_groups", groups);
        return out;
    }

    /**
     * Restores a {@link #stateDict()}: the groups must have the same sizes; state tensors are copied (and cast to the
     * parameter's floating dtype, except {@code step}), group options are replaced by the saved ones.
     */
    public void loadStateDict(Map<String, Object> stateDict) {
        if (stateDict == null || !(stateDict.get("param_groups") instanceof List<?> savedGroups)
                || !(stateDict.get("state") instanceof Map<?, ?> savedState)) {
            throw new IllegalArgumentException("optimizer state dict must have a 'state' map and a 'param_groups' list");
        }
        if (savedGroups.size() != paramGroups.size()) {
            throw new IllegalArgumentException("loaded state dict has a different number of parameter groups");
        }
        Map<Object, Tensor> idMap = new LinkedHashMap<>();
        Map<Tensor, ParamGroup> groupOf = new IdentityHashMap<>();
        List<ParamGroup> candidates = new ArrayList<>();
        for (int i = 0; i < savedGroups.size(); i++) {
            if (!(savedGroups.get(i) instanceof Map<?, ?> sg) || !(sg.get("params") instanceof List<?> ids)) {
                throw new IllegalArgumentException("param_groups[" + i + "] of the loaded state dict has no 'params' list");
            }
            List<Tensor> params = paramGroups.get(i).params();
            if (ids.size() != params.size()) {
                throw new IllegalArgumentException("loaded state dict contains a parameter group that doesn't match the size of optimizer's group");
            }
            // the group as it would be after the load, checked as a new group is (a bad option fails here, not in a step)
            ParamGroup candidate = new ParamGroup(params);
            sg.forEach((k, v) -> { if (!"params".equals(k)) candidate.set(String.valueOf(k), v); });
            checkLoadedOptions(i, candidate);
            validateGroup(candidate);
            candidates.add(candidate);
            for (int j = 0; j < ids.size(); j++) {
                idMap.put(ids.get(j), params.get(j));
                groupOf.put(params.get(j), candidate);
            }
        }
        // Build everything first, so a bad entry leaves this optimizer unchanged.
        Map<Tensor, Map<String, Object>> newState = new IdentityHashMap<>();
        List<Tensor> newOrder = new ArrayList<>();
        for (Map.Entry<?, ?> e : savedState.entrySet()) {
            Tensor p = idMap.get(e.getKey());
            if (p == null) continue;  // PyTorch keeps state of unknown keys as is; it can never be used, so drop it
            if (!(e.getValue() instanceof Map<?, ?> entries)) {
                throw new IllegalArgumentException("state of parameter " + e.getKey() + " is not a map");
            }
            Map<String, Object> copy = new LinkedHashMap<>();
            for (Map.Entry<?, ?> kv : entries.entrySet()) {
                String key = String.valueOf(kv.getKey());
                copy.put(key, loadedStateValue(e.getKey(), p, key, kv.getValue()));
            }
            if (!copy.isEmpty()) {
                for (String key : stateKeys(groupOf.get(p))) {
                    if (!(copy.get(key) instanceof Tensor) && !(key.equals("step") && copy.get(key) != null)) {
                        throw new IllegalArgumentException("state of parameter " + e.getKey() + " has no '" + key + "'; "
                                + getClass().getSimpleName() + " with these options keeps " + stateKeys(groupOf.get(p)));
                    }
                }
            }
            if (newState.put(p, copy) == null) newOrder.add(p);
        }
        state.clear();
        stateOrder.clear();
        state.putAll(newState);
        stateOrder.addAll(newOrder);
        for (int i = 0; i < candidates.size(); i++) paramGroups.get(i).replaceOptions(candidates.get(i).options());
    }

    /**
     * The state a parameter of group g holds once it has one ({@code step} included where kept), every entry but
     * {@code step} a tensor of the parameter's shape: a loaded state dict is checked against it, so that a damaged one
     * is refused by {@link #loadStateDict} rather than failing inside a later step. None by default (a subclass that
     * does not say is not checked).
     */
    protected List<String> stateKeys(ParamGroup g) { return List.of(); }

    /** Whether {@code step} is kept as a 0-dim float32 tensor (Adam's and Adagrad's, as PyTorch) or as a long. */
    protected boolean tensorStep() { return true; }

    /** A loaded option must be of its default's kind: a number, a flag, or a pair of numbers ({@code betas}). */
    private void checkLoadedOptions(int index, ParamGroup g) {
        for (Map.Entry<String, Object> d : defaults.entrySet()) {
            Object want = d.getValue(), got = g.get(d.getKey());
            String where = "param_groups[" + index + "] of the loaded state dict: option '" + d.getKey() + "'";
            if (want != null && got == null) throw new IllegalArgumentException(where + " is missing");
            boolean ok = want == null
                    || (want == REQUIRED || want instanceof Number ? got instanceof Double
                    : want instanceof Boolean ? got instanceof Boolean
                    : want instanceof List<?> l ? got instanceof List<?> gl && gl.size() == l.size()
                            && gl.stream().allMatch(x -> x instanceof Double)
                    : true);
            if (!ok) {
                String kind = want == REQUIRED || want instanceof Number ? "a number"
                        : want instanceof Boolean ? "true or false" : "numbers like " + want;
                throw new IllegalArgumentException(where + " must be " + kind + ", got " + got);
            }
        }
    }

    /** A copy of one loaded state entry: step as this optimizer keeps it, buffers as tensors of the parameter's shape and dtype. */
    private Object loadedStateValue(Object id, Tensor param, String key, Object value) {
        String where = "state '" + key + "' of parameter " + id;
        if (key.equals("step")) {
            double step;
            if (value instanceof Number n) step = n.doubleValue();
            else if (value instanceof Tensor t && t.numel() == 1) step = t.item();
            else throw new IllegalArgumentException(where + " must be a number or a one-element tensor, got " + value);
            if (!(step >= 0) || step != Math.rint(step)) throw new IllegalArgumentException(where + " must be a count, got " + step);
            return tensorStep() ? Torch.tensor(step).to(DType.FLOAT32) : (Object) (long) step;
        }
        if (value == null) return null;  // SGD keeps momentum_buffer = None when momentum is off
        if (!(value instanceof Tensor t)) throw new IllegalArgumentException(where + " must be a tensor, got " + value);
        if (!Arrays.equals(t.shape().toArray(), param.shape().toArray())) {
            throw new IllegalArgumentException(where + " has shape " + Arrays.toString(t.shape().toArray()) + ", the parameter "
                    + Arrays.toString(param.shape().toArray()));
        }
        Tensor copy = t.detach().clone();
        if (param.dtype().isFloatingPoint() && copy.dtype() != param.dtype()) copy = copy.to(param.dtype());
        return copy;
    }

    // ------------------------------------------------------------------ helpers for the update rules

    protected static double num(ParamGroup g, String key) { return g.getDouble(key); }

    /** PyTorch's {@code if not 0.0 <= value: raise ValueError("Invalid <what>: <value>")}; skips a missing value. */
    protected static void checkNonNegative(ParamGroup g, String key, String what) {
        Object v = g.get(key);
        if (v instanceof Double d) {
            if (!(d >= 0.0)) throw new IllegalArgumentException("Invalid " + what + ": " + PyRepr.of(d));
        } else if (v != null && v != REQUIRED) {
            throw new IllegalArgumentException("param group option '" + key + "' must be a number, got " + v);
        }
    }

    protected static boolean flag(ParamGroup g, String key) { return g.getBoolean(key); }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(getClass().getSimpleName()).append(" (");
        for (int i = 0; i < paramGroups.size(); i++) {
            sb.append("\nParameter Group ").append(i);
            for (Map.Entry<String, Object> e : paramGroups.get(i).options().entrySet()) {
                sb.append("\n    ").append(e.getKey()).append(": ").append(e.getValue());
            }
        }
        return sb.append("\n)").toString();
    }
}
