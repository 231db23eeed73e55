package dev.jtorch.autograd;

import dev.jtorch.Tensor;

/**
 * The base's node after an in-place op wrote through one of its views (PyTorch's CopySlices): the
 * base's gradient passes through unchanged except on the view's elements, which go through the
 * in-place op's own backward.
 */
final class CopySlices extends Node {
    private final long[] baseStride;
    private final long[] viewShape;
    private final long[] viewStride;
    /** The view's first element, counted from the base's first element. */
    private final long viewOffset;
    private final Node fn;

    /** Edges: the base's previous history, then the in-place op's other inputs. */
    CopySlices(Tensor base, Tensor view, Node fn, Edge baseEdge) {
        super(edges(fn, baseEdge), meta(fn, base), 1);
        this.baseStride = base.stride();
        this.viewShape = view.size().toArray();
        this.viewStride = view.stride();
        this.viewOffset = view.storageOffset() - base.storageOffset();
        this.fn = fn;
    }

    private static Edge[] edges(Node fn, Edge baseEdge) {
        Edge[] e = fn.nextEdges.clone();
        e[0] = baseEdge;
        return e;
    }

    private static InputMeta[] meta(Node fn, Tensor base) {
        InputMeta[] m = fn.inputMeta.clone();
        m[0] = InputMeta.of(base);
        return m;
    }

    @Override
    public String name() { return "CopySlices"; }

    @Override
    Tensor[] apply(Tensor[] gradOutputs) {
        Tensor result = GradOps.cloneWithStrides(gradOutputs[0], baseStride);
        Tensor slice = result.asStrided(viewShape, viewStride, result.storageOffset() + viewOffset);
        Tensor[] res = fn.apply(new Tensor[]{slice.clone()});
        Tensor[] out = new Tensor[nextEdges.length];
        if (needsInputGrad(0)) {
            if (res[0] != null) slice.copy_(res[0]);
            else slice.zero_();
            out[0] = result;
        }
        for (int i = 1; i < out.length; i++) out[i] = res[i];
        return out;
    }

    @Override
    void release() { fn.release(); }
}
