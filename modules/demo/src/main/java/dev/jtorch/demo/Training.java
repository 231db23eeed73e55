package dev.jtorch.demo;

import dev.jtorch.Cuda;
import dev.jtorch.DType;
import dev.jtorch.Device;
import dev.jtorch.GradMode;
import dev.jtorch.MemoryScope;
import dev.jtorch.Tensor;
import dev.jtorch.Torch;
import dev.jtorch.data.DataLoader;
import dev.jtorch.data.Dataset;
import dev.jtorch.data.FashionMnist;
import dev.jtorch.data.Normalize;
import dev.jtorch.data.Subset;
import dev.jtorch.data.TensorDataset;
import dev.jtorch.nn.Module;
import dev.jtorch.nn.functional.F;
import dev.jtorch.optim.Adam;
import dev.jtorch.optim.Optimizer;
import dev.jtorch.optim.SGD;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.LongStream;

/** Trains a classifier on Fashion-MNIST as a PyTorch tutorial would, printing what it does. */
final class Training {
    private Training() {}

    /** Points of the loss curve per epoch. */
    private static final int LOSS_POINTS_PER_EPOCH = 20;
    /** Test images per evaluation batch: the training batch size, so that evaluation reuses the arrays the training
     *  steps left in the MemoryScope pool instead of pooling a second set of sizes (peak RSS, README). */
    private static final int TEST_BATCH = 64;

    /** The result: the final test accuracy (in [0, 1]) and where the checkpoint and the curve went. */
    record Result(double testAccuracy, Path checkpoint, Path curves) {}

    static Result run(TrainOptions o, PrintStream out) throws IOException {
        if (o.threads() > 0) Torch.setNumThreads(o.threads());
        requireDevice(o.device());
        out.println("backend: " + Torch.backendInfo() + (o.device().isCpu() ? "" : "; training on " + o.device()));

        TensorDataset[] splits = loadData(o, out);
        Dataset<Tensor[]> train = splits[0], test = splits[1];
        if (o.trainSize() > 0 && o.trainSize() < train.size()) {
            train = new Subset<>(train, LongStream.range(0, o.trainSize()).toArray());
            out.println("training on the first " + o.trainSize() + " images");
        }

        Torch.manualSeed(o.seed());
        Module model = Models.byName(o.model()).to(o.device()); // as a tutorial does, before the optimizer is built
        Optimizer optimizer = o.optimizer().equals("adam")
                ? new Adam(model.parameters(), Adam.options().lr(o.lr()))
                : new SGD(model.parameters(), o.lr());
        long parameters = model.parameters().stream().mapToLong(Tensor::numel).sum();
        out.printf(Locale.ROOT, "model: %s (%,d parameters), %s lr=%s, batch size %d, %d epoch(s)%n",
                o.model(), parameters, o.optimizer(), o.lr(), o.batchSize(), o.epochs());

        var trainLoader = DataLoader.builder(train).batchSize(o.batchSize()).shuffle(true).seed(o.seed())
                .numWorkers(o.workers()).build();
        var testLoader = DataLoader.builder(test).batchSize(TEST_BATCH).build();
        Progress.Mode mode = !o.progress() ? Progress.Mode.OFF
                : System.console() != null && System.console().isTerminal() ? Progress.Mode.TERMINAL : Progress.Mode.LINES;

        List<double[]> lossCurve = new ArrayList<>(); // (epoch position, mean loss over the stretch)
        double[] trainAccuracy = new double[o.epochs()], testAccuracy = new double[o.epochs()];
        long batches = trainLoader.size();
        long stretch = Math.max(1, batches / LOSS_POINTS_PER_EPOCH);
        for (int epoch = 0; epoch < o.epochs(); epoch++) {
            model.train();
            Progress progress = new Progress(out, mode, String.format(Locale.ROOT, "epoch %d/%d", epoch + 1, o.epochs()), batches);
            long start = System.nanoTime(), done = 0, correct = 0, seen = 0;
            double lossSum = 0, stretchSum = 0;
            for (Tensor[] batch : trainLoader) {
                double l;
                // the step's activations and backward buffers go back to a pool for the next step (no garbage)
                try (var step = MemoryScope.open()) {
                    Tensor labels = batch[1].to(o.device());
                    Tensor logits = model.forward(images(batch[0].to(o.device())));
                    Tensor loss = F.crossEntropy(logits, labels);
                    optimizer.zeroGrad();
                    loss.backward();
                    optimizer.step();
                    l = loss.item();
                    try (var ignored = GradMode.noGrad()) {
                        correct += logits.argmax(1).eq(labels).sum().itemLong();
                    }
                }
                lossSum += l;
                stretchSum += l;
                done++;
                seen += batch[1].numel();
                if (done % stretch == 0 || done == batches) {
                    long n = done % stretch == 0 ? stretch : done % stretch;
                    lossCurve.add(new double[]{epoch + (double) done / batches, stretchSum / n});
                    stretchSum = 0;
                }
                progress.update(done, lossSum / done);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            trainAccuracy[epoch] = (double) correct / seen;
            testAccuracy[epoch] = accuracy(model, testLoader, o.device());
            out.printf(Locale.ROOT, "epoch %d/%d: train loss %.4f, train accuracy %.2f%%, test accuracy %.2f%% (%.1f s, %.0f samples/s)%n",
                    epoch + 1, o.epochs(), lossSum / done, 100 * trainAccuracy[epoch], 100 * testAccuracy[epoch], seconds, seen / seconds);
        }
        double finalAccuracy = testAccuracy[o.epochs() - 1];
        out.printf(Locale.ROOT, "test accuracy: %.2f%% (%d test images)%n", 100 * finalAccuracy, test.size());
        if (o.device().isCuda()) {
            int gpu = o.device().index();
            out.printf(Locale.ROOT, "GPU memory: %.1f MiB peak allocated, %.1f MiB reserved by the caching allocator%n",
                    Cuda.maxMemoryAllocated(gpu) / 1048576.0, Cuda.memoryReserved(gpu) / 1048576.0);
        }

        Files.createDirectories(o.out());
        String stem = "fashion-mnist-" + o.model();
        Path checkpoint = o.out().resolve(stem + ".safetensors");
        model.save(checkpoint);
        out.println("checkpoint: " + checkpoint + " (safetensors: Module.load reads it back, as do PyTorch's and Hugging Face's safetensors tools)");
        Path curves = o.out().resolve(stem + ".png");
        Curves.write(curves, lossCurve, trainAccuracy, testAccuracy);
        out.println("curves: " + curves);
        return new Result(finalAccuracy, checkpoint, curves);
    }

    /** Fails, saying why, before any data is read when {@code device} is a CUDA device this machine does not have. */
    static void requireDevice(Device device) {
        if (device.isCuda() && !Cuda.isAvailable()) {
            throw new IllegalStateException("--device " + device + ": " + Cuda.unavailableReason());
        }
        if (device.isCuda() && device.index() >= Cuda.deviceCount()) {
            throw new IllegalStateException("--device " + device + ": this machine has " + Cuda.deviceCount() + " CUDA device(s)");
        }
    }

    /** The share of test images whose largest logit is the label's; the batches go to {@code device}, where the model is. */
    static double accuracy(Module model, DataLoader<Tensor[], Tensor[]> loader, Device device) {
        model.eval();
        long correct = 0, total = 0;
        try (var ignored = GradMode.noGrad()) {
            for (Tensor[] batch : loader) {
                try (var scope = MemoryScope.open()) {
                    correct += model.forward(images(batch[0].to(device))).argmax(1).eq(batch[1].to(device)).sum().itemLong();
                }
                total += batch[1].numel();
            }
        }
        model.train();
        return (double) correct / total;
    }

    /** The full Fashion-MNIST when it is there (or asked for), else the embedded sample; says which. Normalised. */
    private static TensorDataset[] loadData(TrainOptions o, PrintStream out) throws IOException {
        TensorDataset train, test;
        if (!o.embedded() && (o.data() != null || FashionMnist.isPresent(FashionMnist.DEFAULT_DIR, true) && FashionMnist.isPresent(FashionMnist.DEFAULT_DIR, false))) {
            Path dir = o.data() != null ? o.data() : FashionMnist.DEFAULT_DIR;
            train = FashionMnist.loadUint8(dir, true); // uint8, as torchvision holds it: a quarter of the memory
            test = FashionMnist.loadUint8(dir, false);
            out.printf("data: Fashion-MNIST from %s (%,d training, %,d test images)%n", dir, train.size(), test.size());
        } else {
            train = FashionMnist.embedded(true);
            test = FashionMnist.embedded(false);
            out.printf("data: the Fashion-MNIST sample shipped with jtorch (%,d training, %,d test images)%s%n", train.size(), test.size(),
                    o.embedded() ? "" : "; the full set is not in " + FashionMnist.DEBIAN_DIR + " (Debian: apt-get install dataset-fashion-mnist)");
        }
        return new TensorDataset[]{train, test};
    }

    /** Normalises in place the float copy that {@link #images} has just made of a uint8 batch. */
    private static final Normalize NORMALIZE_OWN_COPY = Normalize.FASHION_MNIST.inplace(true);

    /** A batch of images as the model takes them: ToTensor (uint8 to [0, 1]) where needed, then Normalize(0.2860, 0.3530). */
    static Tensor images(Tensor batch) {
        if (batch.dtype() != DType.UINT8) return Normalize.FASHION_MNIST.apply(batch);
        return NORMALIZE_OWN_COPY.apply(batch.to(DType.FLOAT32).div_(255));
    }
}
