package dev.jtorch.nn;

import dev.jtorch.Tensor;
import dev.jtorch.Torch;
import dev.jtorch.nn.functional.AttentionOutput;
import dev.jtorch.nn.functional.F;
import dev.jtorch.nn.init.Init;

/**
 * PyTorch's {@code nn.MultiheadAttention}. Parameters as PyTorch: {@code in_proj_weight} (3E, E) and
 * {@code in_proj_bias} (3E), or, when {@code kdim}/{@code vdim} differ from E, {@code q_proj_weight} (E, E),
 * {@code k_proj_weight} (E, kdim), {@code v_proj_weight} (E, vdim); then {@code out_proj.weight} and
 * {@code out_proj.bias}. Projection weights start xavier-uniform, the in-projection bias and the output bias at
 * zero. Inputs are (L, N, E), (N, L, E) when batch-first, or unbatched (L, E). In {@code keyPaddingMask} and in a
 * bool {@code attnMask}, true means "may not attend"; a float mask is added to the attention scores.
 */
public class MultiheadAttention extends Module {
    private final long embedDim;
    private final long kdim;
    private final long vdim;
    private final int numHeads;
    private final double dropout;
    private final boolean batchFirst;
    private final boolean sameEmbedDim;
    private final NonDynamicallyQuantizableLinear outProj;

    public MultiheadAttention(long embedDim, int numHeads) {
        this(embedDim, numHeads, 0.0, true, embedDim, embedDim, false);
    }

    public MultiheadAttention(long embedDim, int numHeads, double dropout, boolean bias, boolean batchFirst) {
        this(embedDim, numHeads, dropout, bias, embedDim, embedDim, batchFirst);
    }

    /** @param kdim features of the keys (pass {@code embedDim} for PyTorch's {@code kdim=None}); same for vdim */
    public MultiheadAttention(long embedDim, int numHeads, double dropout, boolean bias, long kdim, long vdim,
                              boolean batchFirst) {
        if (embedDim <= 0 || numHeads <= 0) {
            throw new IllegalArgumentException("embed_dim and num_heads must be greater than 0, got embed_dim="
                    + embedDim + " and num_heads=" + numHeads + " instead");
        }
        if (embedDim % numHeads != 0) throw new IllegalArgumentException("embed_dim must be divisible by num_heads");
        if (!(dropout >= 0 && dropout <= 1)) {
            throw new IllegalArgumentException("dropout probability has to be between 0 and 1, but got " + dropout);
        }
        if (kdim <= 0 || vdim <= 0) throw new IllegalArgumentException("kdim and vdim must be positive, got " + kdim + " and " + vdim);
        this.embedDim = embedDim;
        this.kdim = kdim;
        this.vdim = vdim;
        this.numHeads = numHeads;
        this.dropout = dropout;
        this.batchFirst = batchFirst;
        this.sameEmbedDim = kdim == embedDim && vdim == embedDim;
        if (!sameEmbedDim) {
            registerParameter("q_proj_weight", xavierUniform(embedDim, embedDim));
            registerParameter("k_proj_weight", xavierUniform(embedDim, kdim));
            registerParameter("v_proj_weight", xavierUniform(embedDim, vdim));
            registerParameter("in_proj_weight", null);
        } else {
            registerParameter("in_proj_weight", xavierUniform(3 * embedDim, embedDim));
            registerParameter("q_proj_weight", null);
            registerParameter("k_proj_weight", null);
            registerParameter("v_proj_weight", null);
        }
        registerParameter("in_proj_bias", bias ? Torch.zeros(3 * embedDim) : null);
        outProj = registerModule("out_proj", new NonDynamicallyQuantizableLinear(embedDim, embedDim, bias));
        if (bias) Init.constant_(outProj.bias, 0.0);
    }

    /** xavier_uniform_ with gain 1: U(-a, a), a = √(6 / (fan_in + fan_out)). */
    private static Tensor xavierUniform(long fanOut, long fanIn) {
        return Init.xavierUniform_(Torch.empty(fanOut, fanIn));
    }

    public long embedDim() { return embedDim; }

    public int numHeads() { return numHeads; }

    public long headDim() { return embedDim / numHeads; }

    public boolean batchFirst() { return batchFirst; }

    public NonDynamicallyQuantizableLinear outProj() { return outProj; }

    /** Attention with PyTorch's defaults: no masks, weights averaged over heads. */
    public AttentionOutput forward(Tensor query, Tensor key, Tensor value) {
        return forward(query, key, value, null, true, null, true);
    }

    /**
     * @param keyPaddingMask (N, S) or (S) unbatched; true (or -inf) marks keys to ignore; may be null
     * @param attnMask       (L, S) or (N·num_heads, L, S); true marks pairs that may not attend; may be null
     */
    public AttentionOutput forward(Tensor query, Tensor key, Tensor value, Tensor keyPaddingMask, boolean needWeights,
                                   Tensor attnMask, boolean averageAttnWeights) {
        boolean batched = query.dim() == 3;
        if (batchFirst && batched) {
            query = query.transpose(1, 0);
            key = key.transpose(1, 0);
            value = value.transpose(1, 0);
        }
        AttentionOutput out = F.multiHeadAttentionForward(query, key, value, numHeads,
                getParameter("in_proj_weight"), getParameter("in_proj_bias"),
                getParameter("q_proj_weight"), getParameter("k_proj_weight"), getParameter("v_proj_weight"),
                outProj.weight, outProj.bias, dropout, isTraining(), keyPaddingMask, needWeights, attnMask,
                averageAttnWeights);
        if (batchFirst && batched) return new AttentionOutput(out.output().transpose(1, 0), out.weights());
        return out;
    }

    /** Self-attention of {@code x}; returns the output only. */
    @Override
    public Tensor forward(Tensor x) { return forward(x, x, x, null, false, null, true).output(); }
}
