package dev.jtorch.simd.kernels;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The generated row kernels are what tools/codegen/gen_simd_rows.py writes: each file's second line holds the SHA-256
 * of the generator that wrote it and of the rest of the file, so a hand edit of a generated file, or a generator
 * changed and not run again, fails here (without Python: CI has none).
 */
class GeneratedRowsUpToDateTest {
    /** Surefire runs in the module's folder; tools/ is at the repository root. */
    private static final Path GENERATOR = Path.of("").toAbsolutePath().resolve("../../tools/codegen/gen_simd_rows.py").normalize();
    private static final Path SOURCES = Path.of("src/main/java/dev/jtorch/simd/kernels");
    private static final Pattern STAMP = Pattern.compile("// generator sha256 ([0-9a-f]{64}); rest of the file sha256 ([0-9a-f]{64})");

    @TestFactory
    Stream<DynamicTest> generatedFilesMatchTheirStamp() {
        return Stream.of("SimdFloatRows", "SimdDoubleRows", "SimdLongRows", "SimdReduceRows", "SimdFloatMath")
                .map(name -> DynamicTest.dynamicTest(name, () -> {
                    String text = Files.readString(SOURCES.resolve(name + ".java"), StandardCharsets.UTF_8);
                    int first = text.indexOf('\n'), second = text.indexOf('\n', first + 1);
                    Matcher m = STAMP.matcher(text.substring(first + 1, second));
                    assertTrue(m.matches(), name + ".java has no generator stamp on its second line: run python3 tools/codegen/gen_simd_rows.py");
                    assertEquals(m.group(2), sha256(text.substring(second + 1).getBytes(StandardCharsets.UTF_8)),
                            name + ".java was edited by hand: edit tools/codegen/gen_simd_rows.py and run it");
                    assertEquals(m.group(1), sha256(Files.readAllBytes(GENERATOR)),
                            "tools/codegen/gen_simd_rows.py changed since " + name + ".java was generated: run it");
                }));
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
