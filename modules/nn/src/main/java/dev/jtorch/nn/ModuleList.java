package dev.jtorch.nn;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Holds submodules in a list, as PyTorch's {@code nn.ModuleList}: they are registered as {@code "0"}, {@code "1"}, ... */
public class ModuleList extends Module implements Iterable<Module> {

    public ModuleList(Module... modules) {
        for (Module m : modules) append(m);
    }

    public ModuleList(Iterable<? extends Module> modules) {
        for (Module m : modules) append(m);
    }

    public ModuleList append(Module module) {
        registerModule(Integer.toString(size()), module);
        return this;
    }

    public ModuleList extend(Iterable<? extends Module> modules) {
        for (Module m : modules) append(m);
        return this;
    }

    /** Inserts before {@code index}; later modules move up by one, as PyTorch's {@code insert}. */
    public void insert(int index, Module module) {
        List<Module> all = values();
        int n = all.size();
        int at = index < 0 ? Math.max(0, index + n) : Math.min(index, n);
        all.add(at, module);
        renumber(all);
    }

    public Module get(int index) { return values().get(Containers.checkIndex(index, size(), "index")); }

    public void set(int index, Module module) {
        registerModule(Integer.toString(Containers.checkIndex(index, size(), "index")), module);
    }

    /** Removes the module at {@code index}; the others are renumbered. */
    public Module remove(int index) {
        List<Module> all = values();
        Module removed = all.remove(Containers.checkIndex(index, all.size(), "index"));
        renumber(all);
        return removed;
    }

    public int size() { return registeredModules().size(); }

    @Override
    public Iterator<Module> iterator() { return values().iterator(); }

    private List<Module> values() { return new ArrayList<>(registeredModules().values()); }

    private void renumber(List<Module> all) {
        Map<String, Module> reg = registeredModules();
        reg.clear();
        for (int i = 0; i < all.size(); i++) reg.put(Integer.toString(i), all.get(i));
    }
}
