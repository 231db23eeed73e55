package dev.jtorch.nn;

import dev.jtorch.DType;
import dev.jtorch.Device;
import dev.jtorch.GradMode;
import dev.jtorch.MemoryScope;
import dev.jtorch.Tensor;
import dev.jtorch.io.SafeTensors;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Base class of every layer, as PyTorch's {@code nn.Module}. A subclass registers its parameters, buffers and
 * submodules in its constructor and overrides {@link #forward(Tensor)}:
 *
 * <pre>{@code
 * class Net extends Module {
 *     final Linear fc1, fc2;
 *     Net() {
 *         fc1 = registerModule("fc1", new Linear(784, 256));
 *         fc2 = registerModule("fc2", new Linear(256, 10));
 *     }
 *     @Override public Tensor forward(Tensor x) { return fc2.forward(F.relu(fc1.forward(x))); }
 * }
 * }</pre>
 *
 * Registration order is the order of {@link #namedParameters()}, {@link #stateDict()} and the repr. Values may be
 * null (PyTorch's {@code bias=None}); null entries are skipped by the iterators and the state dict.
 */
public abstract class Module {
    private final LinkedHashMap<String, Tensor> parameters = new LinkedHashMap<>();
    private final LinkedHashMap<String, Tensor> buffers = new LinkedHashMap<>();
    private final Set<String> nonPersistentBuffers = new HashSet<>();
    private final LinkedHashMap<String, Module> modules = new LinkedHashMap<>();
    private boolean training = true;

    // =====================================================================================
    // registration
    // =====================================================================================

    /**
     * Registers (or replaces) a parameter. Floating-point tensors are made to require gradients; null registers
     * an absent parameter, as {@code bias=None}. Returns the tensor, so a subclass can keep it in a field.
     */
    public Tensor registerParameter(String name, Tensor param) {
        checkName("parameter", name);
        if (buffers.containsKey(name) || modules.containsKey(name)) throw alreadyExists(name);
        if (param != null) {
            if (!param.isLeaf()) {
                throw new IllegalArgumentException("Cannot assign non-leaf Tensor to parameter '" + name + "'. Model "
                        + "parameters must be created explicitly. To express '" + name + "' as a function of another "
                        + "Tensor, compute the value in the forward() method.");
            }
            if (param.isFloatingPoint() && !param.requiresGrad()) param.requiresGrad_(true);
        }
        parameters.put(name, MemoryScope.keep(param));
        return param;
    }

    /** Registers (or replaces) a persistent buffer: state that is saved but not trained (e.g. running means). */
    public Tensor registerBuffer(String name, Tensor buffer) {
        return registerBuffer(name, buffer, true);
    }

    /** Registers (or replaces) a buffer; a non-persistent one is left out of {@link #stateDict()}. */
    public Tensor registerBuffer(String name, Tensor buffer, boolean persistent) {
        checkName("buffer", name);
        if (parameters.containsKey(name) || modules.containsKey(name)) throw alreadyExists(name);
        buffers.put(name, MemoryScope.keep(buffer));
        if (persistent) nonPersistentBuffers.remove(name);
        else nonPersistentBuffers.add(name);
        return buffer;
    }

    /**
     * Registers (or replaces, keeping its place) a submodule and returns it: {@code fc1 = registerModule("fc1",
     * new Linear(784, 256));}. Public, as PyTorch's {@code add_module}, so a model's last layer can be swapped
     * from outside (fine-tuning).
     */
    public <M extends Module> M registerModule(String name, M module) {
        checkModuleName(name);
        if (parameters.containsKey(name) || buffers.containsKey(name)) throw alreadyExists(name);
        modules.put(name, module);
        return module;
    }

    private static void checkName(String kind, String name) {
        Objects.requireNonNull(name, kind + " name");
        if (name.contains(".")) throw new IllegalArgumentException(kind + " name can't contain \".\"");
        if (name.isEmpty()) throw new IllegalArgumentException(kind + " name can't be empty string \"\"");
    }

    static void checkModuleName(String name) {
        Objects.requireNonNull(name, "module name");
        if (name.contains(".")) throw new IllegalArgumentException("module name can't contain \".\", got: " + name);
        if (name.isEmpty()) throw new IllegalArgumentException("module name can't be empty string \"\"");
    }

    private static IllegalArgumentException alreadyExists(String name) {
        return new IllegalArgumentException("attribute '" + name + "' already exists");
    }

    // =====================================================================================
    // forward
    // =====================================================================================

    /** The computation of a one-input layer. Layers with other signatures add methods of their own. */
    public Tensor forward(Tensor input) {
        throw new UnsupportedOperationException("Module [" + typeName() + "] is missing the required \"forward\" function");
    }

    // =====================================================================================
    // lookup
    // =====================================================================================

    /** A parameter by dotted path ({@code "fc1.weight"}); null when registered as absent (bias=None). */
    public Tensor getParameter(String target) {
        int dot = target.lastIndexOf('.');
        Module owner = dot < 0 ? this : getSubmodule(target.substring(0, dot));
        String name = target.substring(dot + 1);
        if (!owner.parameters.containsKey(name)) {
            throw new IllegalArgumentException(owner.typeName() + " has no attribute `" + name + "`");
        }
        return owner.parameters.get(name);
    }

    /** A buffer by dotted path ({@code "0.running_mean"}). */
    public Tensor getBuffer(String target) {
        int dot = target.lastIndexOf('.');
        Module owner = dot < 0 ? this : getSubmodule(target.substring(0, dot));
        String name = target.substring(dot + 1);
        if (!owner.buffers.containsKey(name)) {
            throw new IllegalArgumentException(owner.typeName() + " has no attribute `" + name + "`");
        }
        return owner.buffers.get(name);
    }

    /** A submodule by dotted path ({@code "features.0"}); the empty string is this module. */
    public Module getSubmodule(String target) {
        if (target.isEmpty()) return this;
        Module m = this;
        for (String item : target.split("\\.", -1)) {
            if (!m.modules.containsKey(item)) {
                throw new IllegalArgumentException(m.typeName() + " has no attribute `" + item + "`");
            }
            m = m.modules.get(item);
            if (m == null) throw new IllegalArgumentException("`" + item + "` is not an nn.Module");
        }
        return m;
    }

    // =====================================================================================
    // iteration (PyTorch's order: each module's own entries, then its children's, depth first;
    // a tensor or module reachable twice is listed once)
    // =====================================================================================

    public List<Tensor> parameters() { return parameters(true); }

    public List<Tensor> parameters(boolean recurse) { return new ArrayList<>(namedParameters("", recurse).values()); }

    public LinkedHashMap<String, Tensor> namedParameters() { return namedParameters("", true); }

    public LinkedHashMap<String, Tensor> namedParameters(String prefix, boolean recurse) {
        return namedMembers(prefix, recurse, m -> m.parameters);
    }

    public List<Tensor> buffers() { return buffers(true); }

    public List<Tensor> buffers(boolean recurse) { return new ArrayList<>(namedBuffers("", recurse).values()); }

    public LinkedHashMap<String, Tensor> namedBuffers() { return namedBuffers("", true); }

    public LinkedHashMap<String, Tensor> namedBuffers(String prefix, boolean recurse) {
        return namedMembers(prefix, recurse, m -> m.buffers);
    }

    private LinkedHashMap<String, Tensor> namedMembers(String prefix, boolean recurse,
                                                       java.util.function.Function<Module, Map<String, Tensor>> members) {
        LinkedHashMap<String, Tensor> out = new LinkedHashMap<>();
        Set<Tensor> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Map<String, Module> owners = recurse ? namedModules(prefix) : Map.of(prefix, this);
        for (Map.Entry<String, Module> e : owners.entrySet()) {
            String p = e.getKey().isEmpty() ? "" : e.getKey() + ".";
            for (Map.Entry<String, Tensor> m : members.apply(e.getValue()).entrySet()) {
                Tensor t = m.getValue();
                if (t == null || !seen.add(t)) continue;
                out.put(p + m.getKey(), t);
            }
        }
        return out;
    }

    /** The direct submodules, in registration order. */
    public List<Module> children() { return new ArrayList<>(namedChildren().values()); }

    public LinkedHashMap<String, Module> namedChildren() {
        LinkedHashMap<String, Module> out = new LinkedHashMap<>();
        Set<Module> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Map.Entry<String, Module> e : modules.entrySet()) {
            if (e.getValue() != null && seen.add(e.getValue())) out.put(e.getKey(), e.getValue());
        }
        return out;
    }

    /** This module and all below it, depth first, this module first. */
    public List<Module> modules() { return new ArrayList<>(namedModules().values()); }

    /** As {@link #modules()}, with dotted names; this module's name is the empty string. */
    public LinkedHashMap<String, Module> namedModules() { return namedModules(""); }

    public LinkedHashMap<String, Module> namedModules(String prefix) {
        LinkedHashMap<String, Module> out = new LinkedHashMap<>();
        collectModules(prefix, out, Collections.newSetFromMap(new IdentityHashMap<>()));
        return out;
    }

    private void collectModules(String prefix, LinkedHashMap<String, Module> out, Set<Module> seen) {
        if (!seen.add(this)) return;
        out.put(prefix, this);
        for (Map.Entry<String, Module> e : modules.entrySet()) {
            if (e.getValue() == null) continue;
            e.getValue().collectModules(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), out, seen);
        }
    }

    // =====================================================================================
    // modes and bulk operations
    // =====================================================================================

    /** Sets training mode here and in every submodule (Dropout and BatchNorm behave differently). */
    public Module train(boolean mode) {
        training = mode;
        for (Module m : modules.values()) if (m != null) m.train(mode);
        return this;
    }

    public Module train() { return train(true); }

    public Module eval() { return train(false); }

    public boolean isTraining() { return training; }

    /** Clears every parameter's gradient (sets it to null, PyTorch 2's default). */
    public void zeroGrad() { zeroGrad(true); }

    /** With {@code setToNone=false}, zeroes the existing gradients in place instead. */
    public void zeroGrad(boolean setToNone) {
        for (Tensor p : parameters()) {
            Tensor g = p.grad();
            if (g == null) continue;
            if (setToNone) {
                p.setGrad(null);
                MemoryScope.releaseOnClose(g); // inside a scope, the next gradients reuse its memory
            } else {
                if (g.gradFn() != null) g.detach_();
                else g.requiresGrad_(false);
                g.zero_();
            }
        }
    }

    /** Calls {@code fn} on every submodule (children first, as PyTorch), then on this module. */
    public Module apply(Consumer<Module> fn) {
        for (Module m : children()) m.apply(fn);
        fn.accept(this);
        return this;
    }

    /** Switches gradient tracking of every parameter on or off (freezing). */
    public Module requiresGrad_(boolean requiresGrad) {
        for (Tensor p : parameters()) p.requiresGrad_(requiresGrad);
        return this;
    }

    /**
     * Converts floating-point parameters and buffers (and gradients) to {@code dtype} in place: the tensors keep
     * their identity, so fields holding them stay valid. Integer buffers are left alone, as PyTorch.
     */
    public Module to(DType dtype) {
        if (!dtype.isFloatingPoint()) {
            throw new IllegalArgumentException("nn.Module.to only accepts floating point or complex dtypes, but got desired dtype=" + dtype);
        }
        return applyToTensors(t -> t.isFloatingPoint() ? t.to(dtype) : t);
    }

    /** Moves parameters, buffers and gradients to {@code device}, keeping the tensors' identity. */
    public Module to(Device device) {
        return applyToTensors(t -> t.to(device));
    }

    public Module float_() { return to(DType.FLOAT32); }

    public Module double_() { return to(DType.FLOAT64); }

    public Module half() { return to(DType.FLOAT16); }

    /**
     * PyTorch's {@code Module._apply}: replaces each tensor's data by {@code fn(data)}, without history. The new data
     * belongs to no {@link MemoryScope} (a scope open around {@code model.to(device)} must not take the weights back).
     */
    protected Module applyToTensors(UnaryOperator<Tensor> fn) {
        try (var ignored = GradMode.noGrad(); var untracked = MemoryScope.untracked()) {
            for (Module m : modules()) {
                for (Tensor p : m.parameters.values()) {
                    if (p == null) continue;
                    Tensor converted = fn.apply(p);
                    if (converted != p) p.setData(converted);
                    Tensor g = p.grad();
                    if (g != null) {
                        Tensor gc = fn.apply(g);
                        if (gc != g) g.setData(gc);
                    }
                }
                for (Tensor b : m.buffers.values()) {
                    if (b == null) continue;
                    Tensor converted = fn.apply(b);
                    if (converted != b) b.setData(converted);
                }
            }
        }
        return this;
    }

    // =====================================================================================
    // state dict
    // =====================================================================================

    /**
     * Parameters and persistent buffers by dotted name, in registration order, as detached tensors sharing
     * storage with the module (PyTorch's {@code state_dict()}).
     */
    public LinkedHashMap<String, Tensor> stateDict() {
        LinkedHashMap<String, Tensor> out = new LinkedHashMap<>();
        for (Map.Entry<String, Module> e : namedModules().entrySet()) {
            String p = e.getKey().isEmpty() ? "" : e.getKey() + ".";
            for (Map.Entry<String, Tensor> s : e.getValue().localState().entrySet()) {
                out.put(p + s.getKey(), s.getValue().detach());
            }
        }
        return out;
    }

    /** This module's own saved entries: non-null parameters, then non-null persistent buffers. */
    private LinkedHashMap<String, Tensor> localState() {
        LinkedHashMap<String, Tensor> local = new LinkedHashMap<>();
        parameters.forEach((k, v) -> { if (v != null) local.put(k, v); });
        buffers.forEach((k, v) -> { if (v != null && !nonPersistentBuffers.contains(k)) local.put(k, v); });
        return local;
    }

    /** Keys the loaded dict lacked and keys it had that the module has not (PyTorch's {@code _IncompatibleKeys}). */
    public record IncompatibleKeys(List<String> missingKeys, List<String> unexpectedKeys) {
        public IncompatibleKeys {
            missingKeys = List.copyOf(missingKeys);
            unexpectedKeys = List.copyOf(unexpectedKeys);
        }
    }

    /** {@link #loadStateDict(Map, boolean)} with {@code strict = true}. */
    public IncompatibleKeys loadStateDict(Map<String, Tensor> stateDict) { return loadStateDict(stateDict, true); }

    /**
     * Copies the values of {@code stateDict} into this module's parameters and buffers (converting dtype as
     * {@code copy_} does). Strict: missing or unexpected keys are errors. Shape mismatches are errors either way.
     * Everything is checked before anything is written: on error the module is unchanged.
     */
    public IncompatibleKeys loadStateDict(Map<String, Tensor> stateDict, boolean strict) {
        Objects.requireNonNull(stateDict, "stateDict");
        List<String> missing = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        LinkedHashMap<Tensor, Tensor> copies = new LinkedHashMap<>();
        Set<String> expected = new HashSet<>();
        for (Map.Entry<String, Module> e : namedModules().entrySet()) {
            String p = e.getKey().isEmpty() ? "" : e.getKey() + ".";
            for (Map.Entry<String, Tensor> s : e.getValue().localState().entrySet()) {
                String key = p + s.getKey();
                expected.add(key);
                Tensor target = s.getValue();
                if (!stateDict.containsKey(key)) {
                    missing.add(key);
                    continue;
                }
                Tensor source = stateDict.get(key);
                if (source == null) {
                    errors.add("While copying the parameter named \"" + key
                            + "\", expected torch.Tensor or Tensor-like object from checkpoint but received null");
                } else if (!Arrays.equals(source.shape().toArray(), target.shape().toArray())) {
                    errors.add("size mismatch for " + key + ": copying a param with shape " + source.shape()
                            + " from checkpoint, the shape in current model is " + target.shape() + ".");
                } else {
                    copies.put(target, source);
                }
            }
        }
        List<String> unexpected = new ArrayList<>();
        for (String key : stateDict.keySet()) if (!expected.contains(key)) unexpected.add(key);
        if (strict) {
            if (!unexpected.isEmpty()) errors.addFirst("Unexpected key(s) in state_dict: " + quoted(unexpected) + ". ");
            if (!missing.isEmpty()) errors.addFirst("Missing key(s) in state_dict: " + quoted(missing) + ". ");
        }
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException("Error(s) in loading state_dict for " + typeName() + ":\n\t"
                    + String.join("\n\t", errors));
        }
        try (var ignored = GradMode.noGrad()) {
            copies.forEach(Tensor::copy_);
        }
        return new IncompatibleKeys(missing, unexpected);
    }

    private static String quoted(List<String> keys) {
        StringBuilder sb = new StringBuilder();
        for (String k : keys) {
            if (!sb.isEmpty()) sb.append(", ");
            sb.append('"').append(k).append('"');
        }
        return sb.toString();
    }

    /** Writes {@link #stateDict()} to a safetensors file (atomically), readable by PyTorch and Hugging Face tools. */
    public void save(Path path) throws IOException {
        SafeTensors.save(path, stateDict(), Map.of("format", "pt"));
    }

    /** Loads a safetensors file strictly into this module; on any error the module is unchanged. */
    public IncompatibleKeys load(Path path) throws IOException {
        return loadStateDict(SafeTensors.load(path), true);
    }

    // =====================================================================================
    // repr
    // =====================================================================================

    /** The class name shown in the repr ({@code Linear}); anonymous classes show their superclass's. */
    protected String typeName() {
        Class<?> c = getClass();
        while (c.isAnonymousClass()) c = c.getSuperclass();
        return c.getSimpleName();
    }

    /** The layer's configuration for the repr ({@code in_features=784, out_features=256, bias=True}). */
    protected String extraRepr() { return ""; }

    /** PyTorch's module repr: the extra repr and the children, indented by two spaces per level. */
    @Override
    public String toString() {
        List<String> extraLines = new ArrayList<>();
        String extra = extraRepr();
        if (extra != null && !extra.isEmpty()) extraLines.addAll(Arrays.asList(extra.split("\n", -1)));
        List<String> childLines = new ArrayList<>();
        for (Map.Entry<String, Module> e : modules.entrySet()) {
            String child = String.valueOf(e.getValue()).replace("\n", "\n  ");
            childLines.add("(" + e.getKey() + "): " + child);
        }
        StringBuilder sb = new StringBuilder(typeName()).append('(');
        if (extraLines.size() == 1 && childLines.isEmpty()) {
            sb.append(extraLines.getFirst());
        } else if (!extraLines.isEmpty() || !childLines.isEmpty()) {
            List<String> lines = new ArrayList<>(extraLines);
            lines.addAll(childLines);
            sb.append("\n  ").append(String.join("\n  ", lines)).append('\n');
        }
        return sb.append(')').toString();
    }

    /** Python's repr of a bool, for extra reprs. */
    protected static String py(boolean b) { return b ? "True" : "False"; }

    /** Python's repr of a float ({@code 0.01}, {@code 1.0}, {@code 1e-05}), for extra reprs. */
    protected static String py(double x) { return PyRepr.pyFloat(x); }

    /** Python's repr of a tuple of integers ({@code (3, 3)}, {@code (2,)}), for extra reprs. */
    protected static String pyTuple(long... values) { return PyRepr.tuple(values); }

    /** The modules registered here by name, duplicates and nulls included (for the containers). */
    final Map<String, Module> registeredModules() { return modules; }
}
