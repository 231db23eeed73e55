package dev.jtorch;

/** PyTorch's tensor repr. */
final class TensorPrinter {
    private TensorPrinter() {}

    static String repr(Tensor t) {
        return "tensor(" + java.util.Arrays.toString(t.shape) + ", dtype=" + t.dtype + ")";
    }
}
