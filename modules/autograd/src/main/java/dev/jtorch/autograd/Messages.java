package dev.jtorch.autograd;

import dev.jtorch.DType;
import dev.jtorch.Tensor;

/** PyTorch's error texts, in one place. */
final class Messages {
    private Messages() {}

    static final String BACKWARD_TWICE = "Trying to backward through the graph a second time (or directly access saved "
            + "tensors after they have already been freed). Saved intermediate values of the graph are freed when you call "
            + ".backward() or autograd.grad(). Specify retain_graph=True if you need to backward through the graph a second "
            + "time or if you need to access saved tensors after calling backward.";

    static final String NOT_USED = "One of the differentiated Tensors appears to not have been used in the graph. "
            + "Set allow_unused=True if this is the desired behavior.";

    static final String INPUT_NO_GRAD = "One of the differentiated Tensors does not require grad";

    static final String IMPLICIT_SCALAR = "grad can be implicitly created only for scalar outputs";

    static String noGradFn(int i) {
        return "element " + i + " of tensors does not require grad and does not have a grad_fn";
    }

    /** PyTorch's legacy type name of a tensor, e.g. {@code torch.FloatTensor}. */
    static String typeName(Tensor t) {
        String base = switch (t.dtype()) {
            case FLOAT32 -> "FloatTensor";
            case FLOAT64 -> "DoubleTensor";
            case FLOAT16 -> "HalfTensor";
            case BFLOAT16 -> "BFloat16Tensor";
            case INT8 -> "CharTensor";
            case UINT8 -> "ByteTensor";
            case INT16 -> "ShortTensor";
            case INT32 -> "IntTensor";
            case INT64 -> "LongTensor";
            case BOOL -> "BoolTensor";
        };
        return (t.device().isCpu() ? "torch." : "torch.cuda.") + base;
    }

    /** A shape as c10 prints sizes: {@code [2, 3]}. */
    static String sizes(long[] shape) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < shape.length; i++) {
            if (i > 0) sb.append(", ");
            sb.append(shape[i]);
        }
        return sb.append(']').toString();
    }

    static String modifiedInPlace(Tensor t, String producer, int outputNr, int current, int expected) {
        return "one of the variables needed for gradient computation has been modified by an inplace operation: ["
                + typeName(t) + " " + sizes(t.size().toArray()) + "]"
                + (producer != null ? ", which is output " + outputNr + " of " + producer + "," : "")
                + " is at version " + current + "; expected version " + expected + " instead. Hint: enable anomaly detection "
                + "to find the operation that failed to compute its gradient, with torch.autograd.set_detect_anomaly(True).";
    }

    static String dtypeName(DType d) { return d.toString(); }
}
