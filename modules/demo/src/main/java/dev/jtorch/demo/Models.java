package dev.jtorch.demo;

import dev.jtorch.nn.Conv2d;
import dev.jtorch.nn.Flatten;
import dev.jtorch.nn.Linear;
import dev.jtorch.nn.MaxPool2d;
import dev.jtorch.nn.Module;
import dev.jtorch.nn.ReLU;
import dev.jtorch.nn.Sequential;

/** The demo's two classifiers of 28×28 grey images into 10 classes. */
final class Models {
    private Models() {}

    /** 784-256-128-10 with ReLUs: {@code nn.Sequential(nn.Flatten(), nn.Linear(784, 256), nn.ReLU(), ...)}. */
    static Module mlp() {
        return new Sequential(new Flatten(), new Linear(784, 256), new ReLU(), new Linear(256, 128), new ReLU(), new Linear(128, 10));
    }

    /** The bench's CNN: conv 1→32 3×3, relu, maxpool 2, conv 32→64 3×3, relu, maxpool 2, fc 1600→128, fc 128→10. */
    static Module cnn() {
        return new Sequential(
                new Conv2d(1, 32, 3), new ReLU(), new MaxPool2d(2),
                new Conv2d(32, 64, 3), new ReLU(), new MaxPool2d(2),
                new Flatten(), new Linear(1600, 128), new ReLU(), new Linear(128, 10));
    }

    static Module byName(String name) {
        return switch (name) {
            case "mlp" -> mlp();
            case "cnn" -> cnn();
            default -> throw new IllegalArgumentException("unknown model " + name);
        };
    }
}
