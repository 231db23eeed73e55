package dev.jtorch.nn;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Holds submodules by name in insertion order, as PyTorch's {@code nn.ModuleDict}. */
public class ModuleDict extends Module {

    public ModuleDict() {}

    public ModuleDict(Map<String, ? extends Module> modules) {
        modules.forEach(this::put);
    }

    /** Adds or replaces (keeping its place) the module under {@code key}. */
    public ModuleDict put(String key, Module module) {
        registerModule(key, module);
        return this;
    }

    public Module get(String key) {
        if (!registeredModules().containsKey(key)) throw new IllegalArgumentException("ModuleDict has no key '" + key + "'");
        return registeredModules().get(key);
    }

    public boolean containsKey(String key) { return registeredModules().containsKey(key); }

    /** Removes and returns the module under {@code key}. */
    public Module pop(String key) {
        Module m = get(key);
        registeredModules().remove(key);
        return m;
    }

    public Set<String> keys() { return java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(registeredModules().keySet())); }

    public List<Module> values() { return new ArrayList<>(registeredModules().values()); }

    public LinkedHashMap<String, Module> items() { return new LinkedHashMap<>(registeredModules()); }

    public int size() { return registeredModules().size(); }

    public void clear() { registeredModules().clear(); }
}
