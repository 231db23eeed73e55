package dev.jtorch.demo;

import java.io.IOException;
import java.util.Arrays;

/**
 * {@code ./jt demo}: trains a classifier on Fashion-MNIST with jtorch's nn, optim and data modules, as a PyTorch
 * tutorial does, and reports the test accuracy, a safetensors checkpoint and a PNG of the curves.
 */
public final class Demo {
    private Demo() {}

    public static void main(String[] args) {
        if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
            System.out.print(TrainOptions.USAGE);
            return;
        }
        TrainOptions options;
        try {
            options = TrainOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("demo: " + e.getMessage());
            System.err.print(TrainOptions.USAGE);
            System.exit(2);
            return;
        }
        try {
            Training.requireDevice(options.device());
        } catch (IllegalStateException e) {
            System.err.println("demo: " + e.getMessage());
            System.exit(1);
            return;
        }
        try {
            Training.run(options, System.out);
        } catch (IOException e) {
            System.err.println("demo: " + e.getMessage());
            System.exit(1);
        }
    }
}
