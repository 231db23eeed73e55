package dev.jtorch.bench;

import dev.jtorch.Tensor;
import dev.jtorch.Torch;

/**
 * The matmul problems of the suite: squares ("64" .. "2048", NN) and the MLP layer 256×784 @ 784×512 as
 * {@code x @ w} ("mlpNN", w stored [784,512]) and {@code x @ w.t()} ("mlpNT", w stored [512,784], as nn.Linear),
 * and any other NN problem as "MxKxN".
 */
record MatmulShape(int m, int k, int n, boolean transB) {
    static MatmulShape of(String name) {
        return switch (name) {
            case "mlpNN" -> new MatmulShape(256, 784, 512, false);
            case "mlpNT" -> new MatmulShape(256, 784, 512, true);
            default -> {
                String[] mkn = name.split("x");
                if (mkn.length == 3) {
                    yield new MatmulShape(Integer.parseInt(mkn[0]), Integer.parseInt(mkn[1]), Integer.parseInt(mkn[2]), false);
                }
                int s = Integer.parseInt(name);
                yield new MatmulShape(s, s, s, false);
            }
        };
    }

    /** A [m,k]. */
    Tensor left() { return Torch.rand(m, k); }

    /** B as stored: [k,n] for NN, [n,k] for NT. */
    Tensor rightStored() { return transB ? Torch.rand(n, k) : Torch.rand(k, n); }

    /** The right operand as matmul sees it, [k,n]. */
    Tensor right(Tensor stored) { return transB ? stored.t() : stored; }
}
