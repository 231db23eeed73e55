package dev.jtorch.simd.seeds;

import dev.jtorch.DType;
import dev.jtorch.Tensor;
import dev.jtorch.Torch;
import dev.jtorch.ValuesIndices;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static dev.jtorch.Torch.arange;
import static dev.jtorch.Torch.cat;
import static dev.jtorch.Torch.ones;
import static dev.jtorch.Torch.tensor;
import static dev.jtorch.Torch.zeros;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The tensor snippets of the seed tutorials, typed in Java, must print what PyTorch printed for
 * them (golden/seeds/tensor_snippets.txt, made by tools/golden/gen_seed_fixtures.py). Random inputs
 * are replaced by the values the tutorials printed.
 */
class SeedSnippetsTest {
    private static Map<String, String> expected;
    private final StringBuilder out = new StringBuilder();

    @BeforeAll
    static void load() throws IOException {
        expected = new LinkedHashMap<>();
        try (InputStream in = SeedSnippetsTest.class.getResourceAsStream("/golden/seeds/tensor_snippets.txt")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            String name = null;
            StringBuilder body = new StringBuilder();
            for (String line : text.split("\n", -1)) {
                if (line.startsWith("#")) continue;
                if (line.startsWith("=== ")) {
                    if (name != null) expected.put(name, body.toString());
                    name = line.substring(4);
                    body.setLength(0);
                } else if (name != null) {
                    body.append(line).append('\n');
                }
            }
            if (name != null) expected.put(name, body.substring(0, body.length() - 1));
        }
    }

    /** Python's print: arguments joined by a space, then a newline. */
    private void print(Object... parts) {
        out.append(Stream.of(parts).map(String::valueOf).collect(Collectors.joining(" "))).append('\n');
    }

    private void check(String snippet) {
        assertEquals(expected.get(snippet), out.toString(), snippet);
    }

    private static final double[][] K = {{0.1226, 0.2100, 0.9319}, {0.4949, 0.5176, 0.3835}};

    @Test
    void creation_with_dtypes() {
        Tensor a = tensor(1.0, DType.FLOAT32);
        Tensor b = tensor(1L, DType.INT64);
        Tensor c = tensor(1.0, DType.INT8);
        print(a, b, c);
        check("creation_with_dtypes");
    }

    @Test
    void typed_constructors() {
        Tensor e = zeros(new long[]{2}, DType.INT32);
        Tensor f = tensor(new int[]{1, 2, 3, 4}, DType.INT32);
        print(e, "\n", f);
        check("typed_constructors");
    }

    @Test
    void numpy_interop() {
        int[] g = {1, 2, 3, 4, 5, 6};
        print(tensor(new int[][]{{1, 2, 3}, {4, 5, 6}}, DType.INT32));
        print(Torch.from(g, 2, 3));
        print("\ntorch", arange(6).reshape(2, 3));
        check("numpy_interop");
    }

    @Test
    void common_constructors() {
        print(tensor(K), "\n", ones(2, 3), "\n", zeros(2, 3), "\n", arange(0, 10, 2));
        check("common_constructors");
    }

    @Test
    void shape_and_size() {
        Tensor k = tensor(K);
        print(k.shape());
        print(k.size());
        check("shape_and_size");
    }

    @Test
    void add_scalar() {
        print(Torch.add(tensor(K), Torch.scalar(1L)));
        check("add_scalar");
    }

    @Test
    void index_row_and_column() {
        Tensor o = tensor(K).add(1);
        print("column 2: " + o.get(":,1"));
        print("row 1: " + o.get("0,:"));
        check("index_row_and_column");
    }

    @Test
    void view_reshape() {
        Tensor o = tensor(K).add(1);
        print(o.view(3, 2));
        print(o.view(-1, 2));
        check("view_reshape");
    }

    @Test
    void broadcasting() {
        Tensor p = arange(1, 3).view(1, 2);
        print(p);
        Tensor q = arange(1, 4).view(3, 1);
        print(q);
        print(p.add(q));
        check("broadcasting");
    }

    @Test
    void squeeze_unsqueeze() {
        Tensor o = tensor(K).add(1);
        print(o);
        Tensor r = o.unsqueeze(1);
        print(r);
        print(r.shape());
        Tensor s = r.squeeze(0);
        print(s);
        print(s.shape());
        Tensor t = r.squeeze(1);
        print(t);
        print(t.shape());
        check("squeeze_unsqueeze");
    }

    @Test
    void abs_sin_mean_mm() {
        Tensor t = tensor(new float[]{-1, -2, 1, 2});
        print("\nabs", "\ntorch:", Torch.tensor(new float[]{-1, -2, 1, 2}).abs());
        print("\nsin", "\ntorch:", t.sin());
        print("\nmean", "\ntorch:", t.mean());
        Tensor m = tensor(new float[][]{{1, 2}, {3, 4}});
        print("\nmatmul", "\ntorch:", Torch.mm(m, m));
        print(Torch.matmul(m, m));
        check("abs_sin_mean_mm");
    }

    @Test
    void float64_from_numpy() {
        Tensor data = arange(12).reshape(3, 4).to(DType.FLOAT64);
        print(data.get(0));
        print(data.size());
        check("float64_from_numpy");
    }

    @Test
    void expand() {
        Tensor x = tensor(new float[][]{{1, 2, 3}});
        print(x.expand(3, -1));
        long batchSize = 2;
        Tensor a = tensor(new float[]{1, 2, 3});
        a = a.expand(batchSize, a.size(0));
        Tensor w1 = tensor(new float[]{1, 2, 3});
        print(a.mul(w1));
        check("expand");
    }

    @Test
    void concatenation() {
        Tensor x = tensor(new double[][]{{-1.2870, -0.7040, 0.3016, -0.2970}, {-0.8151, -0.5236, -1.7680, 0.7675}});
        Tensor y = tensor(new double[][]{{-1.4207, -0.2694, 0.2521, -0.7187}, {0.8776, -0.0352, -0.5094, 0.0602}});
        print("z=" + cat(List.of(x, y), 0));
        print("z=" + cat(List.of(x, y, x, y), 0));
        Tensor x3 = tensor(new double[][]{{-0.1966, -0.9648, 1.2787, -1.4578}, {-1.2216, 0.1663, 0.5380, -0.0376},
                {-1.7365, -0.4151, -1.0336, -0.6732}});
        Tensor y2 = tensor(new double[][]{{1.4477, 0.3616, -0.1504, 0.4662}, {-1.1334, 1.3100, 0.1624, 0.8206}});
        print("z=" + cat(List.of(x3, y2), 0));
        Tensor x1 = tensor(new double[][]{{1.1418, 0.0774, 0.2047}, {-0.0673, -1.5794, 0.0131}});
        Tensor y1 = tensor(new double[][]{{1.4149, -1.9538, 0.1660, 1.1142}, {-1.6455, 0.5595, -0.1162, 0.8628}});
        print("z_1=\n" + cat(List.of(x1, y1), 1));
        check("cat");
    }

    @Test
    void repeat() {
        Tensor x = tensor(-0.1485, 1.8445, 1.4257);
        print("x_1=" + x.repeat(2));
        Tensor x3 = tensor(new double[][][]{
                {{-0.0294, 1.2902, 0.9825}, {-0.3032, 1.6733, 0.9163}, {0.3079, -0.0159, 0.2626}, {-0.2934, -0.6076, 0.1593}},
                {{1.7661, -1.0698, 0.4074}, {-0.3660, -0.3219, 0.3732}, {-1.3314, -0.8263, -1.0793}, {1.2589, 0.1886, 0.5453}},
                {{0.2520, -0.5695, -0.6685}, {0.5554, 0.0119, -0.5650}, {0.9733, -0.3812, 0.1963}, {-1.1284, 0.2561, 0.4507}}});
        print("x_1=" + x3.repeat(1, 1, 2));
        print("x_1=" + tensor(new double[][]{{-0.2581, -0.8387}}).repeat(3, 1, 1));
        check("repeat");
    }

    @Test
    void ones_like_zeros_like() {
        Tensor x = tensor(new double[][]{{-0.8550, -1.1273}});
        print("y=" + Torch.onesLike(x));
        print("y=" + Torch.zerosLike(x));
        check("ones_like_zeros_like");
    }

    @Test
    void max_with_dim_and_indices() {
        Tensor x = tensor(new double[][]{{1.7854, -0.5585, -0.5001, 0.4208}});
        ValuesIndices m = Torch.max(x, 1);
        print("x_max=" + Torch.max(x).item());
        print("x_ans=" + m.values());
        print("max_pos=" + m.indices());
        x = tensor(new double[][]{{-0.2816, -0.4243, 0.9465, 0.1041}, {0.5618, -1.4577, -0.2811, 1.6255},
                {-0.9093, -1.6243, -0.5805, -0.3621}});
        m = Torch.max(x, 1);
        print("x_max=" + Torch.max(x).item());
        print("x_ans=" + m.values());
        print("max_pos=" + m.indices());
        Tensor a = tensor(new double[][]{{-0.0504, 1.5075, 0.7595, -0.1954}, {0.1285, -1.3820, 0.8436, 0.2701},
                {0.2804, 0.9583, -0.1772, 1.0917}});
        Tensor b = tensor(new double[][]{{-1.1441, 1.7095, 0.2986, -1.3146}, {0.8251, -0.4364, 1.0754, 0.2895},
                {0.3503, -0.7810, -1.4669, 0.9201}});
        print("x_y=" + a.max(b));
        Tensor p = tensor(new double[][][]{{{0.2531, 0.1651}, {-0.4608, -1.2071}, {0.9032, -0.8951}},
                {{0.2045, 0.5828}, {0.6315, 1.5716}, {-0.5640, -1.8911}}});
        Tensor q = tensor(new double[][][]{{{-0.1512, 1.3686}, {0.4760, -1.3106}, {0.2326, 0.4541}},
                {{0.3184, -0.6637}, {-1.3316, -1.0620}, {-0.2468, -0.2879}}});
        Tensor xy = p.max(q);
        print("x_y=" + xy);
        print("x_y_ans=" + xy.max(2).values());
        print(Torch.max(x, 1).toString("max"));
        check("max_with_dim_and_indices");
    }

    @Test
    void chunk() {
        Tensor x = tensor(new double[][]{{-1.4278, -0.3466, 1.1817}, {0.7366, 1.3741, 1.4865}, {-0.3405, -0.6658, 1.0279},
                {-0.7094, -0.1081, 1.9509}, {-0.4722, -0.6317, -1.4544}});
        List<Tensor> parts = x.chunk(2, 1);
        print("x_1=" + parts.get(0));
        print("x_2=" + parts.get(1));
        check("chunk");
    }
}
