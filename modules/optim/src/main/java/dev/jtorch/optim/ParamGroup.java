package dev.jtorch.optim;

import dev.jtorch.Tensor;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One parameter group, as an entry of PyTorch's {@code optimizer.param_groups}: the tensors it optimises and its
 * hyper-parameters ({@code lr}, {@code momentum}, {@code betas}, ...). Options not given here are filled from the
 * optimizer's defaults when the group is added. Options stay mutable so that schedulers (and users) can change
 * {@code lr} and friends between steps.
 * <p>Values are {@link Double} for numbers (other {@link Number}s are widened), {@link Boolean} for flags and an
 * immutable {@code List<Double>} for {@code betas}.
 */
public final class ParamGroup {
    private final List<Tensor> params;
    private final Map<String, Object> options = new LinkedHashMap<>();

    public ParamGroup(List<Tensor> params) {
        if (params == null) throw new IllegalArgumentException("param group must have a 'params' list");
        for (Tensor p : params) {
            if (p == null) throw new IllegalArgumentException("optimizer can only optimize Tensors, but one of the params is None");
        }
        this.params = List.copyOf(params);
    }

    /** The tensors of this group, in order. */
    public List<Tensor> params() { return params; }

    /** Sets an option (builder style); numbers are stored as doubles. */
    public ParamGroup set(String key, Object value) {
        if (key == null || key.equals("params")) throw new IllegalArgumentException("'params' is not an option of a param group");
        options.put(key, normalise(value));
        return this;
    }

    public boolean has(String key) { return options.containsKey(key); }

    /** The option's value, or null when absent. */
    public Object get(String key) { return options.get(key); }

    public double getDouble(String key) {
        Object v = require(key);
        if (!(v instanceof Double d)) throw new IllegalStateException("param group option '" + key + "' is not a number: " + v);
        return d;
    }

    public boolean getBoolean(String key) {
        Object v = require(key);
        if (!(v instanceof Boolean b)) throw new IllegalStateException("param group option '" + key + "' is not a boolean: " + v);
        return b;
    }

    /** {@code betas} as {@code {beta1, beta2}}. */
    public double[] getBetas() {
        Object v = require("betas");
        if (!(v instanceof List<?> l) || l.size() != 2) throw new IllegalStateException("param group option 'betas' is not a pair: " + v);
        return new double[]{((Number) l.get(0)).doubleValue(), ((Number) l.get(1)).doubleValue()};
    }

    public double lr() { return getDouble("lr"); }

    public ParamGroup setLr(double lr) { return set("lr", lr); }

    /** The options (without {@code params}) in insertion order; read-only view. */
    public Map<String, Object> options() { return Collections.unmodifiableMap(options); }

    void putIfAbsent(String key, Object value) { options.putIfAbsent(key, normalise(value)); }

    void replaceOptions(Map<String, Object> newOptions) {
        options.clear();
        newOptions.forEach((k, v) -> { if (!k.equals("params")) options.put(k, normalise(v)); });
    }

    private Object require(String key) {
        Object v = options.get(key);
        if (v == null) throw new IllegalStateException("param group has no option '" + key + "'");
        return v;
    }

    private static Object normalise(Object value) {
        if (value instanceof Number n && !(value instanceof Double)) return n.doubleValue();
        if (value instanceof double[] a) {
            List<Double> l = new ArrayList<>(a.length);
            for (double x : a) l.add(x);
            return List.copyOf(l);
        }
        if (value instanceof List<?> l) {
            List<Object> copy = new ArrayList<>(l.size());
            for (Object x : l) copy.add(normalise(x));
            return Collections.unmodifiableList(copy); // not List.copyOf: a null element is for the checks to name
        }
        return value;
    }

    @Override
    public String toString() { return "ParamGroup" + options + " (" + params.size() + " params)"; }
}
