package dev.jtorch.cuda.kernels;

import dev.jtorch.DType;
import dev.jtorch.ops.BinaryOp;
import dev.jtorch.ops.ReduceOp;
import dev.jtorch.ops.UnaryOp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The committed PTX matches native/*.cu, and the kernels' enums match the Java ones they are indexed by. */
class KernelsUpToDateTest {
    /** Surefire runs in the module's folder; native/ is at the repository root. */
    private static final Path NATIVE = Path.of("").toAbsolutePath().resolve("../../native").normalize();
    private static final Path SOURCE = NATIVE.resolve("jtorch_kernels.cu");

    private static Properties stamp() throws IOException {
        Properties p = new Properties();
        try (InputStream in = Kernels.class.getResourceAsStream("jtorch_kernels.properties")) {
            assertTrue(in != null, "jtorch_kernels.properties missing: run native/build.sh");
            p.load(in);
        }
        return p;
    }

    @Test
    void thePtxWasBuiltFromTheCurrentSource() throws Exception {
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(SOURCE)));
        assertEquals(sha, stamp().getProperty("source.sha256"), SOURCE + " changed since the PTX was built: run native/build.sh");
    }

    /** Where nvcc of the version that built the PTX is installed, compiling again must give the same bytes. */
    @Test
    void recompilingGivesTheCommittedPtx(@TempDir Path tmp) throws Exception {
        Path nvcc = Stream.of(System.getenv("CUDA_HOME") == null ? null : Path.of(System.getenv("CUDA_HOME"), "bin/nvcc"),
                        Path.of("/usr/local/cuda/bin/nvcc"))
                .filter(p -> p != null && Files.isExecutable(p)).findFirst().orElse(null);
        assumeTrue(nvcc != null, "nvcc not found (CUDA_HOME, /usr/local/cuda): the PTX is checked only by its source hash");
        Properties stamp = stamp();
        String version = run(List.of(nvcc.toString(), "--version"), tmp);
        assumeTrue(version.contains("V" + stamp.getProperty("nvcc") + "\n") || version.endsWith("V" + stamp.getProperty("nvcc")),
                () -> "the PTX was built by nvcc " + stamp.getProperty("nvcc") + ", this is:\n" + version);
        Path out = tmp.resolve("k.ptx");
        List<String> cmd = new java.util.ArrayList<>(List.of(nvcc.toString()));
        cmd.addAll(List.of(stamp.getProperty("flags").split(" ")));
        cmd.addAll(List.of("-o", out.toString(), SOURCE.toString()));
        run(cmd, tmp);
        assertArrayEquals(Kernels.ptxBytes(), Files.readAllBytes(out), "the committed PTX differs from nvcc's: run native/build.sh");
    }

    private static String run(List<String> cmd, Path dir) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), () -> cmd + " failed:\n" + out);
        return out.strip();
    }

    @Test
    void theKernelsEnumsFollowTheJavaEnums() throws IOException {
        String cu = Files.readString(SOURCE);
        assertEquals(names(DType.values()), cEnum(cu, "DType"));
        assertEquals(names(UnaryOp.values()), cEnum(cu, "UnaryOp"));
        assertEquals(names(BinaryOp.values()), cEnum(cu, "BinaryOp"));
        assertEquals(names(ReduceOp.values()), cEnum(cu, "ReduceOp"));
    }

    @Test
    void thePtxHasEveryKernelTheBackendLaunches() {
        String ptx = new String(Kernels.ptxBytes(), StandardCharsets.US_ASCII);
        for (String k : List.of("jt_copy", "jt_fill", "jt_unary", "jt_binary", "jt_clamp", "jt_where", "jt_reduce",
                "jt_reduce_index", "jt_softmax", "jt_threshold_backward", "jt_index_select", "jt_gather", "jt_scatter",
                "jt_im2col_f32", "jt_im2col_f64", "jt_col2im_f32", "jt_col2im_f64", "jt_max_pool_f32", "jt_max_pool_f64",
                "jt_max_pool_backward_f32", "jt_max_pool_backward_f64")) {
            assertTrue(ptx.contains(".entry " + k + "("), k);
        }
    }

    @Test
    void launchesAreCheckedAgainstThePtxParameters() {
        String ptx = new String(Kernels.ptxBytes(), StandardCharsets.US_ASCII);
        Map<String, long[]> sizes = Kernels.parameterSizes(ptx);
        Matcher entry = Pattern.compile("\\.entry\\s+(\\w+)\\s*\\(([^)]*)\\)").matcher(ptx);
        int entries = 0;
        while (entry.find()) { // every parameter of every kernel was understood (none has a form the parser skips)
            entries++;
            assertEquals(entry.group(2).split("\\.param\\b", -1).length - 1, sizes.get(entry.group(1)).length, entry.group(1));
        }
        assertEquals(entries, sizes.size());
        long[] gather = sizes.get("jt_gather");
        assertArrayEquals(new long[]{144, 144, 144, 4, 8}, gather); // in, index, out (TensorArgs), int dim, long n
        long[] pool = sizes.get("jt_max_pool_f32");
        assertArrayEquals(new long[]{8, 8, 8, 8, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4}, pool);
        MemorySegment t = Arena.ofAuto().allocate(TensorArgs.LAYOUT);
        Kernels.checkArguments("jt_gather", gather, t, t, t, 1, 5L);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Kernels.checkArguments("jt_gather", gather, t, t, t, 1, 5)); // an int where the kernel takes a long
        assertEquals("kernel jt_gather takes parameters of [144, 144, 144, 4, 8] bytes, launched with [144, 144, 144, 4, 4]",
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Kernels.checkArguments("jt_gather", gather, t, t, t, 1));
    }

    @Test
    void theTensorArgLayoutIsTheKernelsStruct() {
        // the .cu static_asserts the same size and the offset of ndim, so nvcc checks its side when build.sh runs
        assertEquals(144, TensorArgs.LAYOUT.byteSize());
        assertEquals(136, TensorArgs.LAYOUT.byteOffset(java.lang.foreign.MemoryLayout.PathElement.groupElement("ndim")));
    }

    private static List<String> names(Enum<?>[] values) { return Stream.of(values).map(Enum::name).toList(); }

    private static List<String> cEnum(String source, String name) {
        Matcher m = Pattern.compile("enum " + name + "\\s*\\{([^}]*)\\}").matcher(source);
        assertTrue(m.find(), "enum " + name + " not in " + SOURCE);
        return Stream.of(m.group(1).split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
