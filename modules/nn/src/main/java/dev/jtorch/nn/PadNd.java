package dev.jtorch.nn;

import dev.jtorch.Tensor;
import dev.jtorch.nn.functional.F;

import java.util.Arrays;

/**
 * What the padding modules share (PyTorch's {@code _ConstantPadNd}, {@code _ReflectionPadNd} and
 * {@code _ReplicationPadNd}): the padding of each side and F.pad's mode.
 */
public abstract class PadNd extends Module {
    /** (left, right) for 1-d, (left, right, top, bottom) for 2-d; one value given pads every side by it. */
    public final long[] padding;
    public final String mode;
    /** The fill value of constant padding. */
    public final double value;

    protected PadNd(long[] padding, int spatialDims, String mode, double value) {
        int sides = 2 * spatialDims;
        if (padding.length != 1 && padding.length != sides) {
            throw new IllegalArgumentException("padding must be an int or a " + sides + "-tuple, got " + padding.length + " values");
        }
        if (padding.length == 1) {
            this.padding = new long[sides];
            Arrays.fill(this.padding, padding[0]);
        } else {
            this.padding = padding.clone();
        }
        this.mode = mode;
        this.value = value;
    }

    @Override
    public Tensor forward(Tensor input) { return F.pad(input, padding, mode, value); }

    /** The padding tuple, as the reflection, replication and zero pads print it. */
    @Override
    protected String extraRepr() { return pyTuple(padding); }
}
