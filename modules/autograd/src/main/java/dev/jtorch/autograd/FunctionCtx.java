package dev.jtorch.autograd;

import dev.jtorch.Tensor;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a {@link Function}'s forward leaves for its backward (PyTorch's {@code ctx}): saved tensors
 * (checked for in-place changes when read back), which inputs need a gradient, and any other values.
 */
public final class FunctionCtx {
    private final boolean[] needsInputGrad;
    private List<Tensor> toSave = List.of();
    private SavedTensor[] saved;
    private final Set<Tensor> nonDifferentiable = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Set<Tensor> dirty = Collections.newSetFromMap(new IdentityHashMap<>());
    private boolean materializeGrads = true;
    private final Map<String, Object> values = new HashMap<>();

    FunctionCtx(boolean[] needsInputGrad) { this.needsInputGrad = needsInputGrad; }

    /** Keeps tensors for backward (call from forward; read back with {@link #savedTensors()}). */
    public void saveForBackward(Tensor... tensors) {
        List<Tensor> l = new ArrayList<>(tensors.length);
        Collections.addAll(l, tensors);
        toSave = l;
    }

    /** The tensors saved in forward; fails if one was modified in place since, or after the graph was freed. */
    public Tensor[] savedTensors() {
        if (saved == null) throw new IllegalStateException("savedTensors() is only available in backward");
        Tensor[] out = new Tensor[saved.length];
        for (int i = 0; i < saved.length; i++) out[i] = saved[i] == null ? null : saved[i].get();
        return out;
    }

    /** True when input {@code i} of the forward needs a gradient. */
    public boolean needsInputGrad(int i) { return needsInputGrad[i]; }

    /** Outputs that never get a gradient (indices, masks ...). */
    public void markNonDifferentiable(Tensor... outputs) { Collections.addAll(nonDifferentiable, outputs); }

    /** Inputs that forward modified in place and returns as outputs. */
    public void markDirty(Tensor... inputs) { Collections.addAll(dirty, inputs); }

    /** With true (the default) backward gets zeros, not null, for outputs that received no gradient. */
    public void setMaterializeGrads(boolean on) { materializeGrads = on; }

    /** Stores a non-tensor value for backward. */
    public void put(String key, Object value) { values.put(key, value); }

    @SuppressWarnings("unchecked")
    public <T> T get(String key) { return (T) values.get(key); }

    boolean materializeGrads() { return materializeGrads; }

    boolean isNonDifferentiable(Tensor t) { return nonDifferentiable.contains(t); }

    boolean isDirty(Tensor t) { return dirty.contains(t); }

    /** Freezes the saved tensors at their current versions (the end of forward). */
    void finishSaving(Tensor[] outputs, Node node) {
        saved = new SavedTensor[toSave.size()];
        for (int i = 0; i < saved.length; i++) {
            Tensor t = toSave.get(i);
            if (t == null) continue;
            int outputNr = -1;
            for (int k = 0; k < outputs.length; k++) if (outputs[k] == t) outputNr = k;
            saved[i] = outputNr >= 0 ? new SavedTensor(t, true, outputNr, t.version()) : SavedTensor.of(t);
            saved[i].owner = node;
        }
        toSave = List.of();
    }

    void release() {
        if (saved != null) for (SavedTensor s : saved) if (s != null) s.release();
    }
}
