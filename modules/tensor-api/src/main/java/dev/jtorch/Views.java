package dev.jtorch;

import dev.jtorch.ops.Op;
import dev.jtorch.spi.Strided;

import java.util.Arrays;

/** Ops whose result shares storage with the input: only the shape, strides and offset change. */
final class Views {
    private Views() {}

    /** Makes the view, records it for autograd, returns it. */
    private static Tensor make(Tensor x, Op op, long[] shape, long[] stride, long offset) {
        Tensor v = x.viewOf(shape, stride, offset);
        Autograd.record(op, new Tensor[]{x}, v);
        return v;
    }

    /** Resolves one -1 in {@code shape} against {@code numel}, with PyTorch's errors. */
    static long[] inferSize(long[] shape, long numel) {
        long[] res = shape.clone();
        int infer = -1;
        long prod = 1;
        for (int i = 0; i < res.length; i++) {
            if (res[i] == -1) {
                if (infer >= 0) throw new IllegalArgumentException("only one dimension can be inferred");
                infer = i;
            } else if (res[i] < 0) {
                throw new IllegalArgumentException("invalid shape dimension " + res[i]);
            } else {
                prod *= res[i];
            }
        }
        if (infer >= 0) {
            if (prod == 0) {
                throw new IllegalArgumentException("cannot reshape tensor of " + numel
                        + " elements into shape " + Shapes.str(shape) + " because the unspecified dimension size -1 can be any value and is ambiguous");
            }
            if (numel % prod != 0) throw invalidShape(shape, numel);
            res[infer] = numel / prod;
        } else if (prod != numel) {
            throw invalidShape(shape, numel);
        }
        return res;
    }

    private static IllegalArgumentException invalidShape(long[] shape, long numel) {
        return new IllegalArgumentException("shape '" + Shapes.str(shape) + "' is invalid for input of size " + numel);
    }

    /** ATen's computeStride: strides for viewing (oldShape, oldStride) as newShape, or null if impossible. */
    static long[] computeStride(long[] oldShape, long[] oldStride, long[] newShape) {
        long numel = Shapes.numel(oldShape);
        if (numel == 0 || oldShape.length == 0) {
            return java.util.Arrays.equals(oldShape, newShape) ? oldStride.clone() : Strided.contiguousStrides(newShape);
        }
        long[] newStride = new long[newShape.length];
        int viewD = newShape.length - 1;
        long chunkBaseStride = oldStride[oldStride.length - 1];
        long tensorNumel = 1, viewNumel = 1;
        for (int tensorD = oldShape.length - 1; tensorD >= 0; tensorD--) {
            tensorNumel *= oldShape[tensorD];
            if (tensorD == 0 || (oldShape[tensorD - 1] != 1 && oldStride[tensorD - 1] != tensorNumel * chunkBaseStride)) {
                while (viewD >= 0 && (viewNumel < tensorNumel || newShape[viewD] == 1)) {
                    newStride[viewD] = viewNumel * chunkBaseStride;
                    viewNumel *= newShape[viewD];
                    viewD--;
                }
                if (viewNumel != tensorNumel) return null;
                if (tensorD > 0) {
                    chunkBaseStride = oldStride[tensorD - 1];
                    tensorNumel = 1;
                    viewNumel = 1;
                }
            }
        }
        return viewD == -1 ? newStride : null;
    }

    static Tensor view(Tensor x, long[] shape) {
        long[] s = inferSize(shape, x.numel());
        long[] st = computeStride(x.shape, x.stride, s);
        if (st == null) {
            throw new IllegalStateException("view size is not compatible with input tensor's size and stride (at least one"
                    + " dimension spans across two contiguous subspaces). Use .reshape(...) instead.");
        }
        return make(x, new Op.View(x.shape.clone(), s), s, st, x.offset);
    }

    static Tensor viewAsDType(Tensor x, DType target) {
        if (target == x.dtype) return x;
        if (target.itemSize() != x.dtype.itemSize()) {
            throw new IllegalArgumentException("view(dtype) between types of different sizes is not supported: "
                    + x.dtype + " to " + target);
        }
        if (x.requiresGrad && GradMode.isEnabled()) {
            throw new IllegalStateException("view(dtype) is not differentiable");
        }
        return new Tensor(x.storage, target, x.shape.clone(), x.stride.clone(), x.offset, x.version, false);
    }

    static Tensor reshape(Tensor x, long[] shape) {
        long[] s = inferSize(shape, x.numel());
        long[] st = computeStride(x.shape, x.stride, s);
        if (st != null) return make(x, new Op.View(x.shape.clone(), s), s, st, x.offset);
        return view(x.clone(), s);
    }

    static Tensor flatten(Tensor x, int startDim, int endDim) {
        if (x.dim() == 0) return reshape(x, new long[]{1});
        int s = Shapes.wrapDim(startDim, x.dim()), e = Shapes.wrapDim(endDim, x.dim());
        if (s > e) throw new IllegalArgumentException("flatten() has invalid args: start_dim cannot come after end_dim");
        if (s == e) return x;
        long[] ns = new long[x.dim() - (e - s)];
        int k = 0;
        for (int i = 0; i < s; i++) ns[k++] = x.shape[i];
        long p = 1;
        for (int i = s; i <= e; i++) p *= x.shape[i];
        ns[k++] = p;
        for (int i = e + 1; i < x.dim(); i++) ns[k++] = x.shape[i];
        return reshape(x, ns);
    }

    static Tensor unflatten(Tensor x, int dim, long[] sizes) {
        int d = Shapes.wrapRealDim(dim, x.dim());
        if (sizes.length == 0) throw new IllegalArgumentException("unflatten: sizes must be non-empty");
        long[] inferred;
        try {
            inferred = inferSize(sizes, x.shape[d]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unflatten: Provided sizes " + Shapes.str(sizes)
                    + " don't multiply up to the size of dim " + dim + " (" + x.shape[d] + ") in the input tensor");
        }
        long[] ns = new long[x.dim() - 1 + inferred.length];
        int k = 0;
        for (int i = 0; i < d; i++) ns[k++] = x.shape[i];
        for (long v : inferred) ns[k++] = v;
        for (int i = d + 1; i < x.dim(); i++) ns[k++] = x.shape[i];
        return view(x, ns);
    }

    static Tensor permute(Tensor x, int[] dims) {
        int n = x.dim();
        if (dims.length != n) {
            throw new IllegalArgumentException("permute(sparse_coo): number of dimensions in the tensor input does not match"
                    + " the length of the desired ordering of dimensions i.e. input.dim() = " + n + " is not equal to len(dims) = "
                    + dims.length);
        }
        int[] w = new int[n];
        boolean[] seen = new boolean[n];
        long[] ns = new long[n], st = new long[n];
        for (int i = 0; i < n; i++) {
            w[i] = Shapes.wrapDim(dims[i], n);
            if (seen[w[i]]) throw new IllegalArgumentException("permute(): duplicate dims are not allowed.");
            seen[w[i]] = true;
            ns[i] = x.shape[w[i]];
            st[i] = x.stride[w[i]];
        }
        return make(x, new Op.Permute(w), ns, st, x.offset);
    }

    static Tensor transpose(Tensor x, int dim0, int dim1) {
        int n = x.dim();
        if (n == 0) {
            Shapes.wrapDim(dim0, 0);
            Shapes.wrapDim(dim1, 0);
            return make(x, new Op.Permute(new int[0]), x.shape, x.stride, x.offset);
        }
        int a = Shapes.wrapDim(dim0, n), b = Shapes.wrapDim(dim1, n);
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) perm[i] = i;
        perm[a] = b;
        perm[b] = a;
        return permute(x, perm);
    }

    /** torch.movedim: the source dims go to the destination positions, the others keep their order in the rest. */
    static Tensor movedim(Tensor x, int[] source, int[] destination) {
        if (source.length != destination.length) {
            throw new IllegalArgumentException("movedim: Invalid source or destination dims: source (" + Arrays.toString(source)
                    + " dims) should contain the same number of dims as destination (" + Arrays.toString(destination) + " dims)");
        }
        int n = x.dim();
        int[] src = wrapAll(source, n, "source"), dst = wrapAll(destination, n, "destination");
        if (n == 0) return permute(x, new int[0]);
        int[] perm = new int[n];
        Arrays.fill(perm, -1);
        boolean[] moved = new boolean[n];
        for (int i = 0; i < src.length; i++) {
            perm[dst[i]] = src[i];
            moved[src[i]] = true;
        }
        for (int d = 0, next = 0; d < n; d++) {
            if (moved[d]) continue;
            while (perm[next] != -1) next++;
            perm[next] = d;
        }
        return permute(x, perm);
    }

    private static int[] wrapAll(int[] dims, int rank, String name) {
        int[] w = new int[dims.length];
        boolean[] seen = new boolean[Math.max(rank, 1)];
        for (int i = 0; i < dims.length; i++) {
            w[i] = Shapes.wrapDim(dims[i], rank);
            if (seen[w[i]]) throw new IllegalArgumentException("movedim: repeated dim in `" + name + "` (" + Arrays.toString(dims) + ")");
            seen[w[i]] = true;
        }
        return w;
    }

    static Tensor t(Tensor x) {
        if (x.dim() > 2) throw new IllegalArgumentException("t() expects a tensor with <= 2 dimensions, but self is " + x.dim() + "D");
        return x.dim() < 2 ? transpose(x, 0, 0) : transpose(x, 0, 1);
    }

    static Tensor reverseDims(Tensor x) {
        int n = x.dim();
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) perm[i] = n - 1 - i;
        return permute(x, perm);
    }

    static Tensor squeeze(Tensor x) {
        int k = 0;
        for (long s : x.shape) if (s != 1) k++;
        long[] ns = new long[k], st = new long[k];
        k = 0;
        for (int i = 0; i < x.dim(); i++) {
            if (x.shape[i] != 1) {
                ns[k] = x.shape[i];
                st[k++] = x.stride[i];
            }
        }
        return make(x, new Op.View(x.shape.clone(), ns), ns, st, x.offset);
    }

    static Tensor squeeze(Tensor x, int dim) {
        int d = Shapes.wrapDim(dim, x.dim());
        if (x.dim() == 0 || x.shape[d] != 1) return make(x, new Op.View(x.shape.clone(), x.shape.clone()), x.shape, x.stride, x.offset);
        long[] ns = new long[x.dim() - 1], st = new long[x.dim() - 1];
        for (int i = 0, k = 0; i < x.dim(); i++) {
            if (i == d) continue;
            ns[k] = x.shape[i];
            st[k++] = x.stride[i];
        }
        return make(x, new Op.View(x.shape.clone(), ns), ns, st, x.offset);
    }

    static Tensor unsqueeze(Tensor x, int dim) {
        int d = Shapes.wrapDim(dim, x.dim() + 1);
        long[] ns = new long[x.dim() + 1], st = new long[x.dim() + 1];
        for (int i = 0, k = 0; i <= x.dim(); i++) {
            if (i == d) {
                ns[i] = 1;
                st[i] = d >= x.dim() ? 1 : x.shape[d] * x.stride[d];
            } else {
                ns[i] = x.shape[k];
                st[i] = x.stride[k++];
            }
        }
        return make(x, new Op.View(x.shape.clone(), ns), ns, st, x.offset);
    }

    static Tensor expand(Tensor x, long[] sizes) {
        if (sizes.length < x.dim()) {
            throw new IllegalArgumentException("expand(torch." + TypePromotion.shortName(x.dtype) + "Tensor{" + Shapes.str(x.shape) + "}, size=" + Shapes.str(sizes)
                    + "): the number of sizes provided (" + sizes.length + ") must be greater or equal to the number of"
                    + " dimensions in the tensor (" + x.dim() + ")");
        }
        int off = sizes.length - x.dim();
        long[] target = sizes.clone();
        for (int i = 0; i < target.length; i++) {
            if (target[i] == -1) {
                if (i < off) {
                    throw new IllegalArgumentException("The expanded size of the tensor (-1) isn't allowed in a leading,"
                            + " non-existing dimension " + i);
                }
                target[i] = x.shape[i - off];
            } else if (target[i] < 0) {
                throw new IllegalArgumentException("The expanded size of the tensor (" + target[i] + ") must be non-negative");
            }
        }
        long[] st = Broadcast.expandedStrides(x.shape, x.stride, target);
        Shapes.numel(target); // a view of more elements than a long counts is refused here, not by a later op
        return make(x, new Op.Expand(x.shape.clone(), target.clone()), target, st, x.offset);
    }

    static Tensor narrow(Tensor x, int dim, long start, long length) {
        if (x.dim() == 0) throw new IllegalArgumentException("narrow() cannot be applied to a 0-dim tensor.");
        int d = Shapes.wrapDim(dim, x.dim());
        long size = x.shape[d];
        // PyTorch wraps start like a dim of a tensor with `size` dims (start == size is allowed).
        if (start != size) start = Shapes.wrapDim(start, (int) Math.min(size, Integer.MAX_VALUE));
        if (length < 0) throw new IllegalArgumentException("narrow(): length must be non-negative.");
        if (start + length > size) {
            throw new IndexOutOfBoundsException("start (" + start + ") + length (" + length + ") exceeds dimension size ("
                    + size + ").");
        }
        return sliceChecked(x, d, start, start + length, 1);
    }

    static Tensor select(Tensor x, int dim, long index) {
        if (x.dim() == 0) throw new IllegalArgumentException("select() cannot be applied to a 0-dim tensor.");
        int d = Shapes.wrapDim(dim, x.dim());
        long size = x.shape[d];
        if (index < -size || index >= size) {
            throw new IndexOutOfBoundsException("select(): index " + index + " out of range for tensor of size "
                    + Shapes.str(x.shape) + " at dimension " + d);
        }
        long i = index < 0 ? index + size : index;
        long[] ns = new long[x.dim() - 1], st = new long[x.dim() - 1];
        for (int k = 0, j = 0; k < x.dim(); k++) {
            if (k == d) continue;
            ns[j] = x.shape[k];
            st[j++] = x.stride[k];
        }
        return make(x, new Op.Select(d, i), ns, st, x.offset + i * x.stride[d]);
    }

    /** Python slice semantics: bounds clamp to [0, size], negatives count from the end. */
    static Tensor slice(Tensor x, int dim, Long start, Long end, long step) {
        if (x.dim() == 0) throw new IllegalArgumentException("slice() cannot be applied to a 0-dim tensor.");
        if (step <= 0) throw new IllegalArgumentException("step must be greater than zero");
        int d = Shapes.wrapDim(dim, x.dim());
        long size = x.shape[d];
        long s = start == null ? 0 : start, e = end == null ? size : end;
        if (s < 0) s += size;
        if (e < 0) e += size;
        s = Math.clamp(s, 0, size);
        e = Math.clamp(e, s, size);
        return sliceChecked(x, d, s, e, step);
    }

    private static Tensor sliceChecked(Tensor x, int d, long start, long end, long step) {
        long[] ns = x.shape.clone(), st = x.stride.clone();
        ns[d] = (end - start + step - 1) / step;
        st[d] = x.stride[d] * step;
        return make(x, new Op.Slice(d, start, end, step), ns, st, x.offset + start * x.stride[d]);
    }

    static Tensor unfold(Tensor x, int dim, long size, long step) {
        int d = x.dim() == 0 ? 0 : Shapes.wrapDim(dim, x.dim());
        long maxSize = x.dim() == 0 ? 1 : x.shape[d];
        if (size > maxSize) {
            throw new IllegalArgumentException("maximum size for tensor at dimension " + d + " is " + maxSize
                    + " but size is " + size);
        }
        if (step <= 0) throw new IllegalArgumentException("step is " + step + " but must be > 0");
        if (size < 0) throw new IllegalArgumentException("size is " + size + " but must be >= 0");
        long[] ns = new long[x.dim() + 1], st = new long[x.dim() + 1];
        for (int i = 0; i < x.dim(); i++) {
            ns[i] = x.shape[i];
            st[i] = x.stride[i];
        }
        if (x.dim() > 0) {
            ns[d] = (x.shape[d] - size) / step + 1;
            st[d] = x.stride[d] * step;
            ns[x.dim()] = size;
            st[x.dim()] = x.stride[d];
        } else {
            ns[0] = size;
            st[0] = 1;
        }
        return make(x, new Op.Unfold(d, size, step), ns, st, x.offset);
    }

    static Tensor diagonal(Tensor x, long offset, int dim1, int dim2) {
        int n = x.dim();
        int a = Shapes.wrapDim(dim1, n), b = Shapes.wrapDim(dim2, n);
        if (a == b) throw new IllegalArgumentException("diagonal dimensions cannot be identical " + dim1 + ", " + dim2);
        long len, off = x.offset;
        if (offset >= 0) {
            len = Math.max(Math.min(x.shape[a], x.shape[b] - offset), 0);
            if (len > 0) off += offset * x.stride[b];
        } else {
            len = Math.max(Math.min(x.shape[a] + offset, x.shape[b]), 0);
            if (len > 0) off -= offset * x.stride[a];
        }
        long[] ns = new long[n - 1], st = new long[n - 1];
        for (int i = 0, k = 0; i < n; i++) {
            if (i == a || i == b) continue;
            ns[k] = x.shape[i];
            st[k++] = x.stride[i];
        }
        ns[n - 2] = len;
        st[n - 2] = x.stride[a] + x.stride[b];
        return make(x, new Op.Diagonal(offset, a, b), ns, st, off);
    }

    static Tensor asStrided(Tensor x, long[] size, long[] stride, long storageOffset) {
        if (size.length != stride.length) {
            throw new IllegalArgumentException("mismatch in length of strides and shape");
        }
        for (long s : size) if (s < 0) throw new IllegalArgumentException("Trying to create tensor with negative dimension " + s + ": " + Shapes.str(size));
        for (long s : stride) if (s < 0) throw new IllegalArgumentException("as_strided: Negative strides are not supported at the moment, got strides: " + Shapes.str(stride));
        if (storageOffset < 0) throw new IllegalArgumentException("Tensor: invalid storage offset " + storageOffset);
        checkInBounds(x, size, stride, storageOffset);
        return make(x, new Op.AsStrided(size.clone(), stride.clone(), storageOffset), size.clone(), stride.clone(), storageOffset);
    }

    private static void checkInBounds(Tensor x, long[] size, long[] stride, long storageOffset) {
        long needed = Shapes.numel(size) == 0 ? 0 : storageOffset + 1;
        if (needed > 0) for (int i = 0; i < size.length; i++) needed += (size[i] - 1) * stride[i];
        long item = x.dtype.itemSize();
        if (needed * item > x.storage.byteSize()) {
            throw new IllegalArgumentException("setStorage: sizes " + Shapes.str(size) + ", strides " + Shapes.str(stride)
                    + ", storage offset " + storageOffset + ", and itemsize " + item + " requiring a storage size of "
                    + needed * item + " are out of bounds for storage of size " + x.storage.byteSize());
        }
    }

    /** PyTorch's resize_: contiguous strides, same offset, storage grown (keeping its bytes) when too small. */
    static Tensor resizeInPlace(Tensor x, long[] sizes) {
        long[] s = Shapes.checkSizes(sizes);
        if (x.requiresGrad && GradMode.isEnabled()) {
            throw new IllegalStateException("cannot resize variables that require grad");
        }
        long neededBytes = (x.offset + Shapes.numel(s)) * x.dtype.itemSize();
        if (Shapes.numel(s) > 0 && neededBytes > x.storage.byteSize()) x.storage.resize(neededBytes);
        x.shape = s;
        x.stride = Strided.contiguousStrides(s);
        return x;
    }

    /** Gives {@code x} the layout and history of {@code v} (a view of x): the in-place metadata ops. */
    static Tensor setLayout(Tensor x, Tensor v) {
        Autograd.checkInPlace(x);
        Autograd.adoptHistory(x, v);
        x.shape = v.shape;
        x.stride = v.stride;
        x.offset = v.offset;
        return x;
    }
}
