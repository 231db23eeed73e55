package dev.jtorch.nn.functional;

import dev.jtorch.DType;
import dev.jtorch.Tensor;
import dev.jtorch.Torch;

import java.util.Arrays;
import java.util.List;

/**
 * Scaled dot-product and multi-head attention, written with public Tensor ops only so that autograd
 * differentiates them; follows {@code torch.nn.functional.multi_head_attention_forward} of PyTorch 1.13
 * step by step (same mask merging, same scaling of q before the product) so results agree to rounding.
 */
final class Attention {
    private Attention() {}

    /** softmax(q·kᵀ/√E + mask)·v over the last two dims; a bool mask marks the positions that may attend. */
    static Tensor scaledDotProduct(Tensor query, Tensor key, Tensor value, Tensor attnMask, double dropoutP,
                                   boolean isCausal, boolean training) {
        if (query.dim() < 2 || key.dim() < 2 || value.dim() < 2) {
            throw new IllegalArgumentException("scaled_dot_product_attention: expected query, key and value to have at least 2 dims, got "
                    + query.shape() + ", " + key.shape() + ", " + value.shape());
        }
        if (query.size(-1) != key.size(-1)) {
            throw new IllegalArgumentException("scaled_dot_product_attention: query's last dim " + query.size(-1)
                    + " does not match key's " + key.size(-1));
        }
        if (key.size(-2) != value.size(-2)) {
            throw new IllegalArgumentException("scaled_dot_product_attention: key has " + key.size(-2)
                    + " positions but value has " + value.size(-2));
        }
        if (isCausal && attnMask != null) {
            throw new IllegalArgumentException("scaled_dot_product_attention: explicit attn_mask should not be set when is_causal=True");
        }
        long targetLen = query.size(-2);
        long sourceLen = key.size(-2);
        Tensor scores = query.div(Math.sqrt(query.size(-1))).matmul(key.transpose(-2, -1));
        if (isCausal) {
            Tensor allowed = Torch.ones(new long[]{targetLen, sourceLen}, DType.BOOL).tril();
            scores = scores.maskedFill(allowed.logicalNot(), Double.NEGATIVE_INFINITY);
        } else if (attnMask != null) {
            // PyTorch 2's convention for this function: true = may attend (the opposite of MHA's masks).
            scores = attnMask.dtype() == DType.BOOL
                    ? scores.maskedFill(attnMask.logicalNot(), Double.NEGATIVE_INFINITY)
                    : scores.add(attnMask);
        }
        Tensor weights = softmaxLastDim(scores);
        weights = dropout(weights, dropoutP, training);
        return weights.matmul(value);
    }

    /** The whole of PyTorch's {@code multi_head_attention_forward}, sequence-first ((L, N, E) or unbatched (L, E)). */
    static AttentionOutput multiHead(Tensor query, Tensor key, Tensor value, int numHeads,
                                     Tensor inProjWeight, Tensor inProjBias,
                                     Tensor qProjWeight, Tensor kProjWeight, Tensor vProjWeight,
                                     Tensor outProjWeight, Tensor outProjBias,
                                     double dropoutP, boolean training,
                                     Tensor keyPaddingMask, boolean needWeights, Tensor attnMask,
                                     boolean averageAttnWeights) {
        boolean batched = checkShapes(query, key, value, keyPaddingMask, attnMask, numHeads);
        if (!batched) {
            query = query.unsqueeze(1);
            key = key.unsqueeze(1);
            value = value.unsqueeze(1);
            if (keyPaddingMask != null) keyPaddingMask = keyPaddingMask.unsqueeze(0);
        }
        long targetLen = query.size(0);
        long batch = query.size(1);
        long embedDim = query.size(2);
        long sourceLen = key.size(0);
        if (keyPaddingMask != null && keyPaddingMask.dtype() != DType.BOOL && !keyPaddingMask.isFloatingPoint()) {
            throw new IllegalArgumentException("only bool and floating types of key_padding_mask are supported");
        }
        if (numHeads <= 0 || embedDim % numHeads != 0) {
            throw new IllegalArgumentException("embed_dim " + embedDim + " not divisible by num_heads " + numHeads);
        }
        long headDim = embedDim / numHeads;
        boolean separate = inProjWeight == null;
        if (separate) {
            if (qProjWeight == null || kProjWeight == null || vProjWeight == null) {
                throw new IllegalArgumentException("use_separate_proj_weight is True but q_proj_weight, k_proj_weight or v_proj_weight is None");
            }
            if (key.size(0) != value.size(0) || key.size(1) != value.size(1)) {
                throw new IllegalArgumentException("key's sequence and batch dims " + Arrays.toString(new long[]{key.size(0), key.size(1)})
                        + " do not match value's " + Arrays.toString(new long[]{value.size(0), value.size(1)}));
            }
        } else if (!Arrays.equals(key.shape().toArray(), value.shape().toArray())) {
            throw new IllegalArgumentException("key shape " + key.shape() + " does not match value shape " + value.shape());
        }

        Tensor q;
        Tensor k;
        Tensor v;
        Tensor biasQ = null;
        Tensor biasK = null;
        Tensor biasV = null;
        if (inProjBias != null) {
            List<Tensor> b = inProjBias.chunk(3);
            biasQ = b.get(0);
            biasK = b.get(1);
            biasV = b.get(2);
        }
        if (!separate) {
            List<Tensor> w = inProjWeight.chunk(3);
            q = linear(query, w.get(0), biasQ);
            k = linear(key, w.get(1), biasK);
            v = linear(value, w.get(2), biasV);
        } else {
            q = linear(query, qProjWeight, biasQ);
            k = linear(key, kProjWeight, biasK);
            v = linear(value, vProjWeight, biasV);
        }

        if (attnMask != null) {
            if (attnMask.dtype() == DType.UINT8) {
                attnMask = attnMask.to(DType.BOOL);
            } else if (!attnMask.isFloatingPoint() && attnMask.dtype() != DType.BOOL) {
                throw new IllegalArgumentException("Only float, byte, and bool types are supported for attn_mask, not " + attnMask.dtype());
            }
            if (attnMask.dim() == 2) {
                if (attnMask.size(0) != targetLen || attnMask.size(1) != sourceLen) {
                    throw new IllegalArgumentException("The shape of the 2D attn_mask is " + attnMask.shape()
                            + ", but should be (" + targetLen + ", " + sourceLen + ").");
                }
                attnMask = attnMask.unsqueeze(0);
            } else if (attnMask.dim() == 3) {
                if (attnMask.size(0) != batch * numHeads || attnMask.size(1) != targetLen || attnMask.size(2) != sourceLen) {
                    throw new IllegalArgumentException("The shape of the 3D attn_mask is " + attnMask.shape()
                            + ", but should be (" + batch * numHeads + ", " + targetLen + ", " + sourceLen + ").");
                }
            } else {
                throw new IllegalArgumentException("attn_mask's dimension " + attnMask.dim() + " is not supported");
            }
        }

        // heads become part of the batch: (N*H, L, head_dim)
        q = q.contiguous().view(targetLen, batch * numHeads, headDim).transpose(0, 1);
        k = k.contiguous().view(sourceLen, batch * numHeads, headDim).transpose(0, 1);
        v = v.contiguous().view(sourceLen, batch * numHeads, headDim).transpose(0, 1);

        if (keyPaddingMask != null) {
            if (keyPaddingMask.dim() != 2 || keyPaddingMask.size(0) != batch || keyPaddingMask.size(1) != sourceLen) {
                throw new IllegalArgumentException("expecting key_padding_mask shape of (" + batch + ", " + sourceLen
                        + "), but got " + keyPaddingMask.shape());
            }
            Tensor padding = keyPaddingMask.view(batch, 1, 1, sourceLen).expand(-1, numHeads, -1, -1)
                    .reshape(batch * numHeads, 1, sourceLen);
            if (attnMask == null) {
                attnMask = padding;
            } else if (attnMask.dtype() == DType.BOOL) {
                attnMask = attnMask.logicalOr(padding.to(DType.BOOL));
            } else if (padding.dtype() == DType.BOOL) {
                attnMask = attnMask.maskedFill(padding, Double.NEGATIVE_INFINITY);
            } else {
                attnMask = attnMask.add(padding);
            }
        }
        if (attnMask != null && attnMask.dtype() == DType.BOOL) {
            attnMask = Torch.zeros(attnMask.shape().toArray(), q.dtype()).maskedFill(attnMask, Double.NEGATIVE_INFINITY);
        }
        if (!training) dropoutP = 0.0;

        Tensor scores = q.div(Math.sqrt(headDim)).bmm(k.transpose(-2, -1));
        if (attnMask != null) scores = scores.add(attnMask);
        Tensor weights = softmaxLastDim(scores);
        weights = dropout(weights, dropoutP, true);
        Tensor output = weights.bmm(v);
        output = output.transpose(0, 1).contiguous().view(targetLen * batch, embedDim);
        output = linear(output, outProjWeight, outProjBias);
        output = output.view(targetLen, batch, output.size(1));

        Tensor returnedWeights = null;
        if (needWeights) {
            returnedWeights = weights.view(batch, numHeads, targetLen, sourceLen);
            if (averageAttnWeights) returnedWeights = returnedWeights.sum(1).div(numHeads);
            if (!batched) returnedWeights = returnedWeights.squeeze(0);
        }
        if (!batched) output = output.squeeze(1);
        return new AttentionOutput(output, returnedWeights);
    }

    /** PyTorch's {@code _mha_shape_check}: validates the ranks and says whether the input is batched. */
    private static boolean checkShapes(Tensor query, Tensor key, Tensor value, Tensor keyPaddingMask, Tensor attnMask,
                                       int numHeads) {
        if (query.dim() == 3) {
            if (key.dim() != 3 || value.dim() != 3) {
                throw new IllegalArgumentException("For batched (3-D) `query`, expected `key` and `value` to be 3-D but found "
                        + key.dim() + "-D and " + value.dim() + "-D tensors respectively");
            }
            if (keyPaddingMask != null && keyPaddingMask.dim() != 2) {
                throw new IllegalArgumentException("For batched (3-D) `query`, expected `key_padding_mask` to be `None` or 2-D but found "
                        + keyPaddingMask.dim() + "-D tensor instead");
            }
            if (attnMask != null && attnMask.dim() != 2 && attnMask.dim() != 3) {
                throw new IllegalArgumentException("For batched (3-D) `query`, expected `attn_mask` to be `None`, 2-D or 3-D but found "
                        + attnMask.dim() + "-D tensor instead");
            }
            return true;
        }
        if (query.dim() == 2) {
            if (key.dim() != 2 || value.dim() != 2) {
                throw new IllegalArgumentException("For unbatched (2-D) `query`, expected `key` and `value` to be 2-D but found "
                        + key.dim() + "-D and " + value.dim() + "-D tensors respectively");
            }
            if (keyPaddingMask != null && keyPaddingMask.dim() != 1) {
                throw new IllegalArgumentException("For unbatched (2-D) `query`, expected `key_padding_mask` to be `None` or 1-D but found "
                        + keyPaddingMask.dim() + "-D tensor instead");
            }
            if (attnMask != null) {
                if (attnMask.dim() != 2 && attnMask.dim() != 3) {
                    throw new IllegalArgumentException("For unbatched (2-D) `query`, expected `attn_mask` to be `None`, 2-D or 3-D but found "
                            + attnMask.dim() + "-D tensor instead");
                }
                if (attnMask.dim() == 3 && (attnMask.size(0) != numHeads || attnMask.size(1) != query.size(0)
                        || attnMask.size(2) != key.size(0))) {
                    throw new IllegalArgumentException("Expected `attn_mask` shape to be (" + numHeads + ", " + query.size(0)
                            + ", " + key.size(0) + ") but got " + attnMask.shape());
                }
            }
            return false;
        }
        throw new IllegalArgumentException("query should be unbatched 2D or batched 3D tensor but received "
                + query.dim() + "-D query tensor");
    }

    private static Tensor softmaxLastDim(Tensor x) { return Activations.softmax(x, -1); }

    private static Tensor linear(Tensor x, Tensor weight, Tensor bias) { return Basic.linear(x, weight, bias); }

    private static Tensor dropout(Tensor x, double p, boolean training) { return Basic.dropout(x, p, training); }
}
