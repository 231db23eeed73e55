package dev.jtorch;

import dev.jtorch.ops.Op;
import dev.jtorch.spi.Backend;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/** cat/stack and the splitting, repeating, flipping and triangle ops. */
final class Joining {
    private Joining() {}

    // ---------------------------------------------------------------- cat and stack

    /** Legacy PyTorch skips 1-D empty tensors in cat, whatever the other tensors' shapes. */
    private static boolean skipped(Tensor t) { return t.dim() == 1 && t.shape[0] == 0; }

    static Tensor cat(List<Tensor> tensors, int dim) {
        if (tensors == null || tensors.isEmpty()) {
            throw new IllegalArgumentException("torch.cat(): expected a non-empty list of Tensors");
        }
        DType dtype = null;
        Tensor ref = null;
        for (int i = 0; i < tensors.size(); i++) {
            Tensor t = tensors.get(i);
            if (t == null) throw new IllegalArgumentException("torch.cat(): tensor at position " + i + " is null");
            if (t.dim() == 0) {
                throw new IllegalArgumentException("zero-dimensional tensor (at position " + i + ") cannot be concatenated");
            }
            dtype = dtype == null ? t.dtype : TypePromotion.promote(dtype, t.dtype);
            if (ref == null && !skipped(t)) ref = t;
        }
        Device device = tensors.get(0).device();
        for (Tensor t : tensors) {
            if (!t.device().equals(device)) {
                throw new IllegalArgumentException("Expected all tensors to be on the same device, but found at least two devices, "
                        + device + " and " + t.device() + "!");
            }
        }
        if (ref == null) { // only empty 1-D tensors
            Shapes.wrapDim(dim, 1);
            Tensor out = Tensor.allocate(new long[]{0}, dtype, device);
            Autograd.record(new Op.Cat(0), tensors.toArray(Tensor[]::new), out);
            return out;
        }
        int d = Shapes.wrapDim(dim, ref.dim());
        List<Tensor> parts = new ArrayList<>();
        long total = 0;
        for (int i = 0; i < tensors.size(); i++) {
            Tensor t = tensors.get(i);
            if (skipped(t)) continue;
            if (t.dim() != ref.dim()) {
                throw new IllegalArgumentException("Tensors must have same number of dimensions: got " + ref.dim() + " and " + t.dim());
            }
            for (int k = 0; k < t.dim(); k++) {
                if (k != d && t.shape[k] != ref.shape[k]) {
                    throw new IllegalArgumentException("Sizes of tensors must match except in dimension " + d + ". Expected size "
                            + ref.shape[k] + " but got size " + t.shape[k] + " for tensor number " + i + " in the list.");
                }
            }
            parts.add(t);
            total += t.shape[d];
        }
        long[] shape = ref.shape.clone();
        shape[d] = total;
        Tensor out = Tensor.allocate(shape, dtype, device);
        Backend be = Backends.forDevice(device);
        long offset = 0;
        for (Tensor t : parts) {
            long[] st = out.stride.clone();
            if (t.numel() > 0) {
                // A raw narrow of out: same strides, shifted start; the backend copy also converts the dtype.
                be.copy(t.strided(), out.strided().withLayout(t.shape.clone(), st, out.offset + offset * out.stride[d]));
            }
            offset += t.shape[d];
        }
        Autograd.record(new Op.Cat(d), parts.toArray(Tensor[]::new), out);
        return out;
    }

    static Tensor stack(List<Tensor> tensors, int dim) {
        if (Autocast.maybeActive()
                && tensors != null && Autocast.redo(AutocastOp.STACK,
                t -> stack(java.util.Arrays.asList(t), dim),
                tensors.toArray(new Tensor[0])) instanceof Tensor r) return r;
        if (tensors == null || tensors.isEmpty()) throw new IllegalArgumentException("stack expects a non-empty TensorList");
        Tensor first = tensors.get(0);
        for (int i = 1; i < tensors.size(); i++) {
            if (!Arrays.equals(tensors.get(i).shape, first.shape)) {
                throw new IllegalArgumentException("stack expects each tensor to be equal size, but got " + Shapes.str(first.shape)
                        + " at entry 0 and " + Shapes.str(tensors.get(i).shape) + " at entry " + i);
            }
        }
        int d = Shapes.wrapDim(dim, first.dim() + 1);
        List<Tensor> expanded = new ArrayList<>(tensors.size());
        for (Tensor t : tensors) expanded.add(t.unsqueeze(d));
        return cat(expanded, d);
    }

    // ---------------------------------------------------------------- splitting

    static List<Tensor> chunk(Tensor x, int chunks, int dim) {
        if (x.dim() == 0) throw new IllegalArgumentException("chunk expects at least a 1-dimensional tensor");
        if (chunks <= 0) throw new IllegalArgumentException("chunk expects `chunks` to be greater than 0, got: " + chunks);
        int d = Shapes.wrapDim(dim, x.dim());
        long size = x.shape[d];
        long each = (size + chunks - 1) / chunks;
        if (each == 0 && size == 0) {
            // chunks empty pieces rather than one (PyTorch's special case for an empty dim)
            long[] sections = new long[chunks];
            return split(x, sections, d);
        }
        return split(x, each, d);
    }

    static List<Tensor> split(Tensor x, long splitSize, int dim) {
        if (x.dim() == 0) throw new IllegalArgumentException("split expects at least a 1-dimensional tensor");
        if (splitSize < 0) {
            throw new IllegalArgumentException("split expects split_size be non-negative, but got split_size=" + splitSize);
        }
        int d = Shapes.wrapDim(dim, x.dim());
        long size = x.shape[d];
        if (splitSize == 0 && size != 0) {
            throw new IllegalArgumentException("split_size can only be 0 if dimension size is 0, but got dimension size of " + size);
        }
        long n = splitSize == 0 ? 1 : Math.max((size + splitSize - 1) / splitSize, 1);
        List<Tensor> out = new ArrayList<>();
        for (long i = 0; i < n; i++) {
            long start = i * splitSize;
            out.add(x.narrow(d, start, Math.min(splitSize, size - start)));
        }
        return List.copyOf(out);
    }

    static List<Tensor> split(Tensor x, long[] sections, int dim) {
        if (x.dim() == 0) throw new IllegalArgumentException("split expects at least a 1-dimensional tensor");
        int d = Shapes.wrapDim(dim, x.dim());
        long sum = 0;
        for (long s : sections) {
            if (s < 0) {
                throw new IllegalArgumentException("split_with_sizes expects split_sizes have only non-negative entries, but got"
                        + " split_sizes=" + Shapes.str(sections));
            }
            sum += s;
        }
        if (sum != x.shape[d]) {
            throw new IllegalArgumentException("split_with_sizes expects split_sizes to sum exactly to " + x.shape[d]
                    + " (input tensor's size at dimension " + d + "), but got split_sizes=" + Shapes.str(sections));
        }
        List<Tensor> out = new ArrayList<>(sections.length);
        long start = 0;
        for (long s : sections) {
            out.add(x.narrow(d, start, s));
            start += s;
        }
        return List.copyOf(out);
    }

    static List<Tensor> unbind(Tensor x, int dim) {
        int d = Shapes.wrapRealDim(dim, x.dim());
        List<Tensor> out = new ArrayList<>((int) x.shape[d]);
        for (long i = 0; i < x.shape[d]; i++) out.add(x.select(d, i));
        return List.copyOf(out);
    }

    // ---------------------------------------------------------------- repeating

    static Tensor repeat(Tensor x, long[] repeats) {
        if (repeats.length < x.dim()) {
            throw new IllegalArgumentException("Number of dimensions of repeat dims can not be smaller than number of dimensions"
                    + " of tensor");
        }
        int n = repeats.length, pad = n - x.dim();
        long[] target = new long[n];
        for (int i = 0; i < n; i++) target[i] = repeats[i] * (i < pad ? 1 : x.shape[i - pad]);
        Shapes.checkSizes(target);
        // x viewed as [1, s0, 1, s1, ...], expanded to [r0, s0, r1, s1, ...] and merged pairwise.
        long[] interleaved = new long[2 * n], expandTo = new long[2 * n];
        for (int i = 0; i < n; i++) {
            long s = i < pad ? 1 : x.shape[i - pad];
            interleaved[2 * i] = 1;
            interleaved[2 * i + 1] = s;
            expandTo[2 * i] = repeats[i];
            expandTo[2 * i + 1] = s;
        }
        Tensor out = x.reshape(interleaved).expand(expandTo).reshape(target);
        // A copy even when nothing repeats, as PyTorch's repeat always allocates.
        return out.storage == x.storage ? out.clone() : out;
    }

    static Tensor tile(Tensor x, long[] reps) {
        if (reps.length >= x.dim()) return repeat(x, reps);
        long[] full = new long[x.dim()];
        Arrays.fill(full, 1);
        System.arraycopy(reps, 0, full, x.dim() - reps.length, reps.length);
        return repeat(x, full);
    }

    // ---------------------------------------------------------------- reordering

    static Tensor flip(Tensor x, int[] dims) {
        if (x.dim() == 0) {
            for (int d : dims) Shapes.wrapDim(d, 0);
            return x.clone();
        }
        boolean[] mask = Shapes.dimMask(dims, x.dim());
        Tensor out = x;
        for (int d = 0; d < x.dim(); d++) {
            if (!mask[d]) continue;
            long n = x.shape[d];
            long[] rev = new long[Math.toIntExact(n)];
            for (int i = 0; i < rev.length; i++) rev[i] = n - 1 - i;
            out = Indexing.selectUnchecked(out, d, HostIndex.tensor(rev, x.device()));
        }
        return out == x ? x.clone() : out;
    }

    static Tensor roll(Tensor x, long[] shifts, int[] dims) {
        if (dims.length == 0 && shifts.length == 1) {
            if (x.numel() == 0) return x.clone();
            return roll(x.flatten(), shifts, new int[]{0}).view(x.shape);
        }
        if (shifts.length != dims.length) {
            throw new IllegalArgumentException("shifts and dimensions must align. shifts: " + shifts.length + ", dims:" + dims.length);
        }
        int[] wrapped = new int[dims.length];
        for (int i = 0; i < dims.length; i++) wrapped[i] = Shapes.wrapRealDim(dims[i], x.dim());
        Tensor out = x;
        for (int i = 0; i < dims.length; i++) {
            int d = wrapped[i];
            long n = x.shape[d];
            if (n == 0) continue;
            long s = Math.floorMod(shifts[i], n);
            long[] src = new long[Math.toIntExact(n)];
            for (int j = 0; j < src.length; j++) src[j] = Math.floorMod(j - s, n);
            out = Indexing.selectUnchecked(out, d, HostIndex.tensor(src, x.device()));
        }
        return out == x ? x.clone() : out;
    }

    static Tensor flipud(Tensor x) {
        if (x.dim() < 1) throw new IllegalArgumentException("Input must be >= 1-d.");
        return flip(x, new int[]{0});
    }

    static Tensor fliplr(Tensor x) {
        if (x.dim() < 2) throw new IllegalArgumentException("Input must be >= 2-d.");
        return flip(x, new int[]{1});
    }

    /** k quarter turns in the plane of dims, from dims[0] towards dims[1], as torch.rot90. */
    static Tensor rot90(Tensor x, long k, int[] dims) {
        if (dims.length != 2) throw new IllegalArgumentException("expected total rotation dims == 2, but got dims = " + dims.length);
        if (x.dim() < 2) throw new IllegalArgumentException("expected total dims >= 2, but got total dims = " + x.dim());
        int a = Shapes.wrapDim(dims[0], x.dim()), b = Shapes.wrapDim(dims[1], x.dim());
        if (a == b) {
            throw new IllegalArgumentException("expected rotation dims to be different, but got dim0 = " + a + " and dim1 = " + b);
        }
        return switch ((int) Math.floorMod(k, 4L)) {
            case 1 -> flip(x, new int[]{b}).transpose(a, b);
            case 2 -> flip(x, new int[]{a, b});
            case 3 -> flip(x, new int[]{a}).transpose(a, b);
            default -> x.clone();
        };
    }

    /**
     * torch.meshgrid: 0-d or 1-d inputs spread over a grid of their sizes (views); "ij" indexing, or "xy", whose grid
     * has the first two inputs' dims swapped (the "ij" grid of the inputs with the first two swapped, outputs swapped back).
     */
    static List<Tensor> meshgrid(List<Tensor> tensors, String indexing) {
        if (!indexing.equals("ij") && !indexing.equals("xy")) {
            throw new IllegalArgumentException("torch.meshgrid: indexing must be one of \"xy\" or \"ij\", but received: " + indexing);
        }
        int n = tensors.size();
        if (n == 0) throw new IllegalArgumentException("meshgrid expects a non-empty TensorList");
        for (Tensor t : tensors) {
            if (t.dim() > 1) {
                throw new IllegalArgumentException("torch.meshgrid: Expected 0D or 1D tensor in the tensor list but got: " + t);
            }
            if (t.dtype() != tensors.get(0).dtype()) throw new IllegalArgumentException("meshgrid expects all tensors to have the same dtype");
            if (!t.device().equals(tensors.get(0).device())) {
                throw new IllegalArgumentException("meshgrid expects all tensors to have the same device");
            }
        }
        boolean swap = indexing.equals("xy") && n >= 2;
        List<Tensor> in = new ArrayList<>(tensors);
        if (swap) Collections.swap(in, 0, 1);
        long[] shape = new long[n];
        for (int i = 0; i < n; i++) shape[i] = in.get(i).numel();
        List<Tensor> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            long[] view = new long[n];
            Arrays.fill(view, 1);
            view[i] = shape[i];
            Tensor grid = in.get(i).reshape(view).expand(shape);
            out.add(grid);
        }
        if (swap) Collections.swap(out, 0, 1);
        return out;
    }

    /**
     * The n-th forward difference along dim (logical xor for bool), prepend and append joined first, as torch.diff
     * (n &lt;= 0 gives the joined input, as PyTorch).
     */
    static Tensor diff(Tensor x, int n, int dim, Tensor prepend, Tensor append) {
        if (x.dim() == 0) throw new IllegalArgumentException("diff expects input to be at least one-dimensional");
        int d = Shapes.wrapDim(dim, x.dim());
        Tensor y = x;
        if (prepend != null || append != null) {
            List<Tensor> parts = new ArrayList<>();
            if (prepend != null) parts.add(prepend);
            parts.add(x);
            if (append != null) parts.add(append);
            y = cat(parts, d);
        }
        for (int i = 0; i < n && y.shape[d] > 0; i++) {
            long len = y.shape[d] - 1;
            Tensor hi = y.narrow(d, 1, len), lo = y.narrow(d, 0, len);
            y = y.dtype == DType.BOOL ? hi.logicalXor(lo) : hi.sub(lo);
        }
        return y == x ? x.clone() : y;
    }

    // ---------------------------------------------------------------- triangles

    static Tensor tril(Tensor x, long diagonal) { return triangle(x, diagonal, true); }

    static Tensor triu(Tensor x, long diagonal) { return triangle(x, diagonal, false); }

    /** Keeps the elements with {@code col - row <= diagonal} (tril) or {@code >= diagonal} (triu) of the last two dims. */
    private static Tensor triangle(Tensor x, long diagonal, boolean lower) {
        String name = lower ? "tril" : "triu";
        if (x.dim() < 2) throw new IllegalArgumentException(name + ": input tensor must have at least 2 dimensions");
        long rows = x.shape[x.dim() - 2], cols = x.shape[x.dim() - 1];
        Tensor offset;
        try (var g = GradMode.noGrad()) {
            Tensor r = Views.view(Creation.arange(0, rows, 1), new long[]{rows, 1});
            Tensor c = Views.view(Creation.arange(0, cols, 1), new long[]{1, cols});
            offset = c.sub(r);
        }
        Tensor keep = lower ? offset.le(Torch.scalar(diagonal)) : offset.ge(Torch.scalar(diagonal));
        if (!x.device().isCpu()) keep = keep.to(x.device());
        Tensor zero = Tensor.allocate(new long[0], x.dtype, x.device());
        return Elementwise.where(keep, x, zero);
    }
}
