package dev.jtorch;

import dev.jtorch.spi.Strided;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.LongConsumer;

/**
 * PyTorch's tensor repr ({@code torch/_tensor_str.py}): nested brackets, a common element width,
 * {@code ...} summaries of large tensors, rows wrapped at the line width, and the suffixes
 * ({@code device=}, {@code size=}, {@code dtype=}, {@code grad_fn=}/{@code requires_grad=}).
 * Elements are read straight from host storage through the strides, so any view prints without
 * running a kernel; tensors on other devices are copied to the CPU first.
 */
final class TensorPrinter {
    private static final String PREFIX = "tensor(";

    private static volatile PrintOptions options = PrintOptions.DEFAULT;

    private TensorPrinter() {}

    static PrintOptions options() { return options; }

    static void setOptions(PrintOptions o) {
        options = Objects.requireNonNull(o, "print options");
    }

    static String repr(Tensor t) {
        PrintOptions opts = options;
        int indent = PREFIX.length();
        List<String> suffixes = new ArrayList<>();
        if (!t.device().isCpu()) suffixes.add("device='" + t.device() + "'");
        String body;
        if (t.numel() == 0) {
            // NumPy-style: the shape is shown unless it is (0,); the dtype whenever it is not the default.
            if (t.dim() != 1) suffixes.add("size=" + tuple(t.shape));
            if (t.dtype != Torch.getDefaultDtype()) suffixes.add("dtype=" + t.dtype);
            body = "[]";
        } else {
            if (!hasDefaultDtype(t.dtype)) suffixes.add("dtype=" + t.dtype);
            Tensor host = t.device().isCpu() ? t : t.detach().to(Device.CPU);
            body = new Layout(host.strided(), opts).render(indent);
        }
        if (t.gradFn() != null) suffixes.add("grad_fn=<" + t.gradFn().name() + ">");
        else if (t.requiresGrad()) suffixes.add("requires_grad=True");
        return addSuffixes(PREFIX + body, suffixes, indent, opts.linewidth());
    }

    /** int64 and bool are implied by the printed values; floats by the default dtype. */
    private static boolean hasDefaultDtype(DType d) {
        return d == Torch.getDefaultDtype() || d == DType.INT64 || d == DType.BOOL;
    }

    /** Python's {@code str(tuple(shape))}: {@code (2, 0)}, {@code (0,)}. */
    private static String tuple(long[] shape) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            if (i > 0) sb.append(", ");
            sb.append(shape[i]);
        }
        if (shape.length == 1) sb.append(',');
        return sb.append(')').toString();
    }

    /** Each suffix goes on the last line when it fits in the line width, else on a new indented line. */
    private static String addSuffixes(String tensorStr, List<String> suffixes, int indent, int linewidth) {
        StringBuilder sb = new StringBuilder(tensorStr);
        // Same arithmetic as PyTorch, including its +1 (and +2 when there is no newline at all).
        int lastLineLen = tensorStr.length() - tensorStr.lastIndexOf('\n') + 1;
        for (String suffix : suffixes) {
            if (lastLineLen + suffix.length() + 2 > linewidth) {
                sb.append(",\n").append(" ".repeat(indent)).append(suffix);
                lastLineLen = indent + suffix.length();
            } else {
                sb.append(", ").append(suffix);
                lastLineLen += suffix.length() + 2;
            }
        }
        return sb.append(')').toString();
    }

    /** The bracketed body of one non-empty host tensor. */
    private static final class Layout {
        private final Strided s;
        private final PrintOptions opts;
        private final boolean floating;
        private final boolean summarize;
        private final int edge;
        private ElementFormatter formatter;

        Layout(Strided s, PrintOptions opts) {
            this.s = s;
            this.opts = opts;
            this.floating = s.dtype().isFloatingPoint();
            this.summarize = s.numel() > opts.threshold();
            this.edge = opts.edgeitems();
        }

        String render(int indent) {
            formatter = measure();
            StringBuilder sb = new StringBuilder();
            if (s.dim() == 0) sb.append(element(s.offset()));
            else appendBlock(sb, 0, s.offset(), indent);
            return sb.toString();
        }

        /** True when dimension {@code d} of the given size shows only its edges. */
        private boolean summarised(long size) {
            return summarize && size > 2L * edge;
        }

        /**
         * Index where the shown tail of a summarised dimension starts. PyTorch slices the innermost
         * dimension with {@code [-edgeitems:]}, which for 0 edge items means the whole dimension.
         */
        private long tailStart(int d) {
            long size = s.shape()[d];
            return d == s.dim() - 1 && edge == 0 ? 0 : size - edge;
        }

        /** The formatter sees exactly the elements that will be shown (PyTorch's get_summarized_data). */
        private ElementFormatter measure() {
            long shown = 1;
            for (int d = 0; d < s.dim(); d++) {
                long size = s.shape()[d];
                shown *= summarised(size) ? edge + (size - tailStart(d)) : size;
            }
            int n = Math.toIntExact(shown);
            if (floating) {
                double[] values = new double[n];
                int[] count = {0};
                visit(0, s.offset(), off -> values[count[0]++] = Creation.readDouble(s, off));
                return ElementFormatter.forFloating(s.dtype(), values, count[0], opts);
            }
            long[] values = new long[n];
            int[] count = {0};
            visit(0, s.offset(), off -> values[count[0]++] = Creation.readLong(s, off));
            return ElementFormatter.forIntegral(s.dtype(), values, count[0]);
        }

        private void visit(int d, long offset, LongConsumer action) {
            if (d == s.dim()) {
                action.accept(offset);
                return;
            }
            long size = s.shape()[d], stride = s.stride()[d];
            if (summarised(size)) {
                for (long i = 0; i < edge; i++) visit(d + 1, offset + i * stride, action);
                for (long i = tailStart(d); i < size; i++) visit(d + 1, offset + i * stride, action);
            } else {
                for (long i = 0; i < size; i++) visit(d + 1, offset + i * stride, action);
            }
        }

        /** Dimension {@code d} and below; sub-blocks are separated by one newline per remaining dimension. */
        private void appendBlock(StringBuilder sb, int d, long offset, int indent) {
            if (d == s.dim() - 1) {
                appendRow(sb, offset, indent);
                return;
            }
            long size = s.shape()[d], stride = s.stride()[d];
            String separator = "," + "\n".repeat(s.dim() - d - 1) + " ".repeat(indent + 1);
            sb.append('[');
            boolean first = true;
            for (long i = 0; i < size; i++) {
                if (summarised(size) && i == edge) {
                    if (!first) sb.append(separator);
                    sb.append("...");
                    first = false;
                    i = tailStart(d);
                    if (i >= size) break;
                }
                if (!first) sb.append(separator);
                appendBlock(sb, d + 1, offset + i * stride, indent + 1);
                first = false;
            }
            sb.append(']');
        }

        /** The innermost dimension: as many elements per line as fit in the line width. */
        private void appendRow(StringBuilder sb, long offset, int indent) {
            int d = s.dim() - 1;
            long size = s.shape()[d], stride = s.stride()[d];
            List<String> items = new ArrayList<>();
            if (summarised(size)) {
                for (long i = 0; i < edge; i++) items.add(element(offset + i * stride));
                items.add(" ...");
                for (long i = tailStart(d); i < size; i++) items.add(element(offset + i * stride));
            } else {
                for (long i = 0; i < size; i++) items.add(element(offset + i * stride));
            }
            int elementLength = formatter.width() + 2;
            int perLine = Math.max(1, Math.floorDiv(opts.linewidth() - indent, elementLength));
            String lineBreak = ",\n" + " ".repeat(indent + 1);
            sb.append('[');
            for (int i = 0; i < items.size(); i++) {
                if (i > 0) sb.append(i % perLine == 0 ? lineBreak : ", ");
                sb.append(items.get(i));
            }
            sb.append(']');
        }

        private String element(long off) {
            return floating ? formatter.format(Creation.readDouble(s, off)) : formatter.format(Creation.readLong(s, off));
        }
    }
}
