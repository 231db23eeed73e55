package dev.jtorch.demo;

import dev.jtorch.Device;

import java.nio.file.Path;
import java.util.Locale;

/** The demo's command-line options (see {@link #USAGE}). */
record TrainOptions(int epochs, int batchSize, double lr, String optimizer, String model, boolean progress, Path data,
                    boolean embedded, Path out, int threads, int workers, long seed, int trainSize, Device device) {

    static final String USAGE = """
            usage: ./jt demo [options]        (or: java -m dev.jtorch.demo [options])
            Trains a classifier on Fashion-MNIST: the full set when it is installed (Debian: apt-get install
            dataset-fashion-mnist), else the small sample shipped with jtorch.
              --epochs N           passes over the training set (default 3)
              --batch-size N       samples per step (default 64)
              --lr X               learning rate (default 0.001 for adam, 0.1 for sgd)
              --optimizer NAME     adam (default) or sgd
              --model NAME         mlp (784-256-128-10, default) or cnn (the bench's conv net)
              --data DIR           read the IDX files from DIR (default /usr/share/datasets/fashion-mnist)
              --embedded           use the shipped sample even when the full set is installed
              --train-size N       train on the first N training images only
              --out DIR            where the checkpoint and the curve go (default target/jtorch-demo)
              --threads N          CPU threads for the tensor kernels (default: the backend's choice)
              --device NAME        where the model trains: cpu (default), cuda or cuda:N
              --workers N          DataLoader threads reading batches ahead (default 1; 0 reads inline)
              --seed N             seed of the initial weights and the shuffling (default 0)
              --no-progress        no progress bar
              --help               this text
            """;

    static TrainOptions parse(String[] args) {
        int epochs = 3, batchSize = 64, threads = 0, workers = 1, trainSize = 0;
        double lr = Double.NaN;
        String optimizer = "adam", model = "mlp";
        boolean progress = true, embedded = false;
        Path data = null, out = Path.of("target", "jtorch-demo");
        long seed = 0;
        Device device = Device.CPU;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--epochs" -> epochs = positive(a, value(args, ++i, a));
                case "--batch-size" -> batchSize = positive(a, value(args, ++i, a));
                case "--lr" -> lr = Double.parseDouble(value(args, ++i, a));
                case "--optimizer" -> optimizer = oneOf(a, value(args, ++i, a), "adam", "sgd");
                case "--model" -> model = oneOf(a, value(args, ++i, a), "mlp", "cnn");
                case "--data" -> data = Path.of(value(args, ++i, a));
                case "--embedded" -> embedded = true;
                case "--train-size" -> trainSize = positive(a, value(args, ++i, a));
                case "--out" -> out = Path.of(value(args, ++i, a));
                case "--threads" -> threads = positive(a, value(args, ++i, a));
                case "--workers" -> workers = Integer.parseInt(value(args, ++i, a));
                case "--device" -> device = Device.of(value(args, ++i, a));
                case "--seed" -> seed = Long.parseLong(value(args, ++i, a));
                case "--no-progress" -> progress = false;
                default -> throw new IllegalArgumentException("unknown option " + a);
            }
        }
        if (Double.isNaN(lr)) lr = optimizer.equals("adam") ? 1e-3 : 0.1;
        if (!(lr > 0)) throw new IllegalArgumentException("--lr must be positive, got " + lr);
        if (workers < 0) throw new IllegalArgumentException("--workers must be 0 or more, got " + workers);
        return new TrainOptions(epochs, batchSize, lr, optimizer, model, progress, data, embedded, out, threads, workers, seed, trainSize, device);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) throw new IllegalArgumentException(option + " needs a value");
        return args[i];
    }

    private static int positive(String option, String v) {
        int n = Integer.parseInt(v);
        if (n <= 0) throw new IllegalArgumentException(option + " must be positive, got " + n);
        return n;
    }

    private static String oneOf(String option, String v, String... allowed) {
        String lower = v.toLowerCase(Locale.ROOT);
        for (String a : allowed) if (a.equals(lower)) return a;
        throw new IllegalArgumentException(option + " must be one of " + String.join(", ", allowed) + ", got " + v);
    }
}
