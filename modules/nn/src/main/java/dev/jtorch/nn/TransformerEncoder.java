package dev.jtorch.nn;

import dev.jtorch.Tensor;

import java.util.ArrayList;
import java.util.List;

/**
 * PyTorch's {@code nn.TransformerEncoder}: {@code numLayers} copies of an encoder layer (equal at the start, as
 * PyTorch's deep copies, trained apart), applied in turn, then an optional final norm. Parameter names
 * {@code layers.0.self_attn.in_proj_weight}, ..., {@code norm.weight} as PyTorch.
 */
public class TransformerEncoder extends Module {
    private final ModuleList layers;
    private final Module norm;
    private final int numLayers;

    public TransformerEncoder(TransformerEncoderLayer encoderLayer, int numLayers) {
        this(encoderLayer, numLayers, null);
    }

    /** @param norm applied to the output of the last layer (usually a LayerNorm); null for none */
    public TransformerEncoder(TransformerEncoderLayer encoderLayer, int numLayers, Module norm) {
        if (numLayers <= 0) throw new IllegalArgumentException("num_layers must be greater than zero, got " + numLayers);
        List<Module> clones = new ArrayList<>();
        for (int i = 0; i < numLayers; i++) clones.add(encoderLayer.copy());
        this.layers = registerModule("layers", new ModuleList(clones));
        this.norm = norm == null ? null : registerModule("norm", norm);
        this.numLayers = numLayers;
    }

    public int numLayers() { return numLayers; }

    public TransformerEncoderLayer layer(int index) { return (TransformerEncoderLayer) layers.get(index); }

    /** Null when there is no final norm. */
    public Module norm() { return norm; }

    /** Runs every layer with the same masks (see {@link TransformerEncoderLayer#forward(Tensor, Tensor, Tensor)}). */
    public Tensor forward(Tensor src, Tensor mask, Tensor srcKeyPaddingMask) {
        Tensor output = src;
        for (Module layer : layers) output = ((TransformerEncoderLayer) layer).forward(output, mask, srcKeyPaddingMask);
        return norm == null ? output : norm.forward(output);
    }

    @Override
    public Tensor forward(Tensor src) { return forward(src, null, null); }
}
