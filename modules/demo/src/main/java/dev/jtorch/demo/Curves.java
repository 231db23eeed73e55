package dev.jtorch.demo;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** The training curves as a PNG: the loss over the epochs on the left, train and test accuracy per epoch on the right. */
final class Curves {
    private Curves() {}

    static void write(Path path, List<double[]> loss, double[] trainAccuracy, double[] testAccuracy) throws IOException {
        double[] lx = new double[loss.size()], ly = new double[loss.size()];
        for (int i = 0; i < lx.length; i++) {
            lx[i] = loss.get(i)[0];
            ly[i] = loss.get(i)[1];
        }
        double[] epochs = new double[testAccuracy.length], train = new double[epochs.length], test = new double[epochs.length];
        for (int e = 0; e < epochs.length; e++) {
            epochs[e] = e + 1;
            train[e] = 100 * trainAccuracy[e];
            test[e] = 100 * testAccuracy[e];
        }
        Canvas canvas = Chart.render(List.of(
                new Chart.Panel("training loss", "epoch", List.of(new Chart.Series("cross entropy", Chart.BLUE, lx, ly))),
                new Chart.Panel("accuracy (%)", "epoch", List.of(
                        new Chart.Series("train", Chart.ORANGE, epochs, train),
                        new Chart.Series("test", Chart.GREEN, epochs, test)))), 480, 360);
        Png.write(path, canvas.width, canvas.height, canvas.pixels);
    }
}
