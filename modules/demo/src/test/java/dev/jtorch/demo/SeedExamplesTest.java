package dev.jtorch.demo;

import dev.jtorch.GradMode;
import dev.jtorch.Tensor;
import dev.jtorch.Torch;
import dev.jtorch.io.Npy;
import dev.jtorch.nn.Linear;
import dev.jtorch.nn.MSELoss;
import dev.jtorch.nn.Module;
import dev.jtorch.nn.NLLLoss;
import dev.jtorch.nn.ReLU;
import dev.jtorch.nn.Sequential;
import dev.jtorch.nn.functional.F;
import dev.jtorch.optim.SGD;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The two PyTorch examples of the seed tutorial, written with jtorch, started from PyTorch's initial weights and
 * inputs, lose what PyTorch loses step by step (tools/golden/seed_examples.py ran them with PyTorch 1.13).
 */
class SeedExamplesTest {
    private static Path golden(String name) {
        try {
            return Path.of(SeedExamplesTest.class.getResource("/golden/seed/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Double> losses(String name) throws IOException {
        try (InputStream in = SeedExamplesTest.class.getResourceAsStream("/golden/seed/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).map(Double::parseDouble).toList();
        }
    }

    private static Map<String, Tensor> stateDict(String prefix, String... keys) throws IOException {
        Map<String, Tensor> state = new LinkedHashMap<>();
        for (String k : keys) state.put(k, Npy.load(golden(prefix + k + ".npy")));
        return state;
    }

    /** Each loss within {@code rtol} of PyTorch's (float32 sums in another order drift a little over the steps). */
    private static void assertLossesFollow(List<Double> expected, List<Double> actual, double rtol) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            double e = expected.get(i), a = actual.get(i);
            assertTrue(Math.abs(a - e) <= rtol * Math.abs(e) + 1e-7, "step " + i + ": PyTorch's loss " + e + ", ours " + a);
        }
    }

    @Test
    void twoLayerSequentialRegressionWithMseLoss() throws IOException {
        Tensor x = Npy.load(golden("regression_x.npy")), y = Npy.load(golden("regression_y.npy"));
        Module model = new Sequential(new Linear(1000, 100), new ReLU(), new Linear(100, 10));
        model.loadStateDict(stateDict("regression_", "0.weight", "0.bias", "2.weight", "2.bias"));
        MSELoss lossFn = new MSELoss("sum");
        double learningRate = 1e-4;
        List<Double> seen = new ArrayList<>();
        for (int t = 0; t < 500; t++) {
            Tensor loss = lossFn.forward(model.forward(x), y);
            seen.add(loss.item());
            model.zeroGrad();
            loss.backward();
            try (var ignored = GradMode.noGrad()) {
                for (Tensor param : model.parameters()) param.sub_(param.grad().mul(learningRate));
            }
        }
        List<Double> expected = losses("regression_losses.txt");
        assertLossesFollow(expected.subList(0, 200), seen.subList(0, 200), 1e-3);
        assertLossesFollow(expected, seen, 5e-2); // the tail is ~1e-5, where float32 noise is relatively larger
        assertTrue(seen.getLast() < seen.getFirst() * 1e-6, "the loss goes down: " + seen.getFirst() + " -> " + seen.getLast());
    }

    /** The tutorial's "complete network": a Module subclass with a forward, NLLLoss and SGD, one instance at a time. */
    static final class BagOfWords extends Module {
        final Linear linear;

        BagOfWords(int vocabulary, int classes) { linear = registerModule("linear", new Linear(vocabulary, classes)); }

        @Override
        public Tensor forward(Tensor bow) { return F.logSoftmax(linear.forward(bow), 1); }
    }

    private static final List<Map.Entry<String, Long>> SENTENCES = List.of(
            Map.entry("el gato come pan", 0L), Map.entry("the cat eats bread", 1L),
            Map.entry("el perro bebe agua", 0L), Map.entry("the dog drinks water", 1L),
            Map.entry("un gato y un perro", 0L), Map.entry("a cat and a dog", 1L));

    @Test
    void customModuleWithNllLossAndSgd() throws IOException {
        Map<String, Integer> vocabulary = new HashMap<>();
        for (var s : SENTENCES) for (String w : s.getKey().split(" ")) vocabulary.putIfAbsent(w, vocabulary.size());
        BagOfWords model = new BagOfWords(vocabulary.size(), 2);
        model.loadStateDict(stateDict("bow_", "linear.weight", "linear.bias"));
        NLLLoss lossFunction = new NLLLoss();
        SGD optimizer = new SGD(model.parameters(), 0.1);
        List<Double> epochLosses = new ArrayList<>();
        for (int epoch = 0; epoch < 100; epoch++) {
            double total = 0;
            for (var s : SENTENCES) {
                model.zeroGrad();
                float[] counts = new float[vocabulary.size()];
                for (String w : s.getKey().split(" ")) counts[vocabulary.get(w)]++;
                Tensor input = Torch.from(counts, 1, counts.length);
                Tensor loss = lossFunction.forward(model.forward(input), Torch.tensor(new long[]{s.getValue()}));
                loss.backward();
                optimizer.step();
                total += loss.item();
            }
            epochLosses.add(total);
        }
        assertLossesFollow(losses("bow_losses.txt"), epochLosses, 1e-4);
    }
}
