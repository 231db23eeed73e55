package dev.jtorch.nn.functional;

import dev.jtorch.Tensor;

/**
 * {@code torch.nn.functional}: stateless forms of the layers, activations and losses. Each section
 * delegates to a class of its own family; this class only gathers the names PyTorch users look for.
 */
public final class F {
    private F() {}

    // ---- activations and softmax (Activations)

    // ---- losses (Losses)

    // ---- linear, dropout, embedding, one-hot, padding, interpolation, distances (Basic)

    // ---- convolution and pooling (Convolutions, Pooling)

    // ---- normalization (Normalization)

    // ---- attention (Attention)

    /** {@code F.scaled_dot_product_attention(query, key, value)}: softmax(q·kᵀ/√E)·v over the last two dims. */
    public static Tensor scaledDotProductAttention(Tensor query, Tensor key, Tensor value) {
        return Attention.scaledDotProduct(query, key, value, null, 0.0, false, true);
    }

    /**
     * {@code F.scaled_dot_product_attention} as PyTorch 2: a bool {@code attnMask} marks with true the positions
     * that may be attended, a float one is added to the scores; {@code isCausal} masks the upper triangle.
     */
    public static Tensor scaledDotProductAttention(Tensor query, Tensor key, Tensor value, Tensor attnMask,
                                                   double dropoutP, boolean isCausal) {
        return Attention.scaledDotProduct(query, key, value, attnMask, dropoutP, isCausal, true);
    }

    /**
     * {@code F.multi_head_attention_forward} with sequence-first inputs ((L, N, E) or unbatched (L, E)).
     * Pass {@code inProjWeight} (3E, E) or, when it is null, the three separate projection weights (PyTorch's
     * {@code use_separate_proj_weight}). In {@code keyPaddingMask} and a bool {@code attnMask}, true means "do not
     * attend"; a float mask is added to the scores.
     */
    public static AttentionOutput multiHeadAttentionForward(Tensor query, Tensor key, Tensor value, int numHeads,
                                                            Tensor inProjWeight, Tensor inProjBias,
                                                            Tensor qProjWeight, Tensor kProjWeight, Tensor vProjWeight,
                                                            Tensor outProjWeight, Tensor outProjBias,
                                                            double dropoutP, boolean training,
                                                            Tensor keyPaddingMask, boolean needWeights,
                                                            Tensor attnMask, boolean averageAttnWeights) {
        return Attention.multiHead(query, key, value, numHeads, inProjWeight, inProjBias, qProjWeight, kProjWeight,
                vProjWeight, outProjWeight, outProjBias, dropoutP, training, keyPaddingMask, needWeights, attnMask,
                averageAttnWeights);
    }

    /** {@code F.multi_head_attention_forward} with packed in-projection weights and no masks. */
    public static AttentionOutput multiHeadAttentionForward(Tensor query, Tensor key, Tensor value, int numHeads,
                                                            Tensor inProjWeight, Tensor inProjBias,
                                                            Tensor outProjWeight, Tensor outProjBias) {
        return Attention.multiHead(query, key, value, numHeads, inProjWeight, inProjBias, null, null, null,
                outProjWeight, outProjBias, 0.0, false, null, true, null, true);
    }
}
