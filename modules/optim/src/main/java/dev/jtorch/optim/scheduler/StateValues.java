package dev.jtorch.optim.scheduler;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Typed reads from a scheduler state dict, with a clear error for a value of the wrong type. */
final class StateValues {
    private StateValues() {}

    static double number(Map<String, Object> state, String key, double current) {
        Object v = state.get(key);
        if (v == null) return current;
        if (v instanceof Number n) return n.doubleValue();
        throw wrong(key, "a number", v);
    }

    static int integer(Map<String, Object> state, String key, int current) {
        Object v = state.get(key);
        if (v == null) return current;
        if (v instanceof Integer || v instanceof Long) return ((Number) v).intValue();
        throw wrong(key, "an integer", v);
    }

    static boolean bool(Map<String, Object> state, String key, boolean current) {
        Object v = state.get(key);
        if (v == null) return current;
        if (v instanceof Boolean b) return b;
        throw wrong(key, "a boolean", v);
    }

    static String string(Map<String, Object> state, String key, String current) {
        Object v = state.get(key);
        if (v == null) return current;
        if (v instanceof String s) return s;
        throw wrong(key, "a string", v);
    }

    static List<Double> doubles(Map<String, Object> state, String key, List<Double> current) {
        Object v = state.get(key);
        if (v == null) return current;
        if (!(v instanceof List<?> l)) throw wrong(key, "a list of numbers", v);
        List<Double> out = new ArrayList<>(l.size());
        for (Object x : l) {
            if (!(x instanceof Number n)) throw wrong(key, "a list of numbers", v);
            out.add(n.doubleValue());
        }
        return List.copyOf(out);
    }

    static IllegalArgumentException wrong(String key, String expected, Object got) {
        return new IllegalArgumentException("scheduler state '" + key + "' must be " + expected + ", got " + got);
    }
}
