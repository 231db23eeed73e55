package dev.jtorch.ops;

/**
 * The sliding window of a 2-D convolution or pooling: kernel, stride, the padding before the first
 * row/column (padding after follows from the output size, so asymmetric 'same' padding needs no
 * copy), dilation, and the output size it produces.
 */
public record Window2d(int kernelH, int kernelW, int strideH, int strideW, int padH, int padW,
                       int dilationH, int dilationW, int outH, int outW) {
    /** Number of kernel taps (kernelH * kernelW). */
    public int taps() { return kernelH * kernelW; }
}
