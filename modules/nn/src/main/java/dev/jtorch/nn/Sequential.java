package dev.jtorch.nn;

import dev.jtorch.Tensor;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A chain of modules applied in order, as PyTorch's {@code nn.Sequential}: children are named {@code "0"},
 * {@code "1"}, ... (or by the names of a map), and {@link #forward(Tensor)} feeds each one's output to the next.
 */
public class Sequential extends Module implements Iterable<Module> {

    public Sequential(Module... modules) {
        for (Module m : modules) append(m);
    }

    /** Children under the given names, in the map's order. */
    public Sequential(Map<String, ? extends Module> modules) {
        modules.forEach(this::registerModule);
    }

    @Override
    public Tensor forward(Tensor input) {
        Tensor x = input;
        for (Module m : registeredModules().values()) x = m.forward(x);
        return x;
    }

    /** Adds a module at the end, named by its position. */
    public Sequential append(Module module) {
        registerModule(Integer.toString(registeredModules().size()), module);
        return this;
    }

    /** The module at {@code index} (negative counts from the end). */
    public Module get(int index) {
        return entries().get(Containers.checkIndex(index, size(), "index")).getValue();
    }

    /** Replaces the module at {@code index}, keeping its name and place. */
    public void set(int index, Module module) {
        String key = entries().get(Containers.checkIndex(index, size(), "index")).getKey();
        registerModule(key, module);
    }

    /** The modules {@code [from, to)} as a new Sequential keeping their names (PyTorch's slice). */
    public Sequential slice(int from, int to) {
        List<Map.Entry<String, Module>> all = entries();
        LinkedHashMap<String, Module> part = new LinkedHashMap<>();
        for (int i = Math.max(0, from); i < Math.min(to, all.size()); i++) part.put(all.get(i).getKey(), all.get(i).getValue());
        return new Sequential(part);
    }

    /** Removes the module at {@code index}; the others are renumbered as PyTorch does. */
    public Module remove(int index) {
        List<Map.Entry<String, Module>> all = entries();
        Module removed = all.remove(Containers.checkIndex(index, all.size(), "index")).getValue();
        Map<String, Module> reg = registeredModules();
        reg.clear();
        for (int i = 0; i < all.size(); i++) reg.put(Integer.toString(i), all.get(i).getValue());
        return removed;
    }

    public int size() { return registeredModules().size(); }

    @Override
    public Iterator<Module> iterator() { return List.copyOf(registeredModules().values()).iterator(); }

    private List<Map.Entry<String, Module>> entries() { return new ArrayList<>(registeredModules().entrySet()); }
}
