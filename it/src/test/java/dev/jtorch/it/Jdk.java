package dev.jtorch.it;

import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The JDK's own tools, used the way a user would: javac, java and jlink on a module path. */
final class Jdk {
    private Jdk() {}

    private static final long PROCESS_TIMEOUT_SECONDS = 180;

    /** What javac said: whether it succeeded, and every diagnostic as text. */
    record Compilation(boolean success, String diagnostics) {}

    /** What a child process did: its exit code and stdout + stderr together. */
    record Run(int exitCode, String output) {}

    /** Compiles one module (its module-info.java and all other sources under {@code sources}) into {@code out}. */
    static Compilation compileModule(Path sources, Path modulePath, Path out) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) throw new IllegalStateException("no system Java compiler: the tests need a JDK, not a JRE");
        List<Path> files;
        try (Stream<Path> s = Files.walk(sources)) {
            files = s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        StringWriter otherOutput = new StringWriter();
        try (StandardJavaFileManager fm = javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
            // In-process javac would otherwise default to this JVM's class path: only the module path counts.
            fm.setLocationFromPaths(StandardLocation.CLASS_PATH, List.of());
            List<String> options = List.of("--module-path", modulePath.toString(), "-d", out.toString(), "-Xlint:all");
            boolean ok = javac.getTask(new PrintWriter(otherOutput), fm, diagnostics, options, null,
                    fm.getJavaFileObjectsFromPaths(files)).call();
            String text = diagnostics.getDiagnostics().stream()
                    .map(d -> d.getKind() + ": " + d.getMessage(Locale.ROOT))
                    .collect(Collectors.joining("\n"));
            return new Compilation(ok, text + otherOutput);
        }
    }

    /** The {@code java} launcher of the JDK running these tests. */
    static Path javaLauncher() { return Path.of(System.getProperty("java.home"), "bin", "java"); }

    /** Runs a command, waits for it (with a timeout) and returns its exit code and merged output. */
    static Run run(List<String> command) throws IOException, InterruptedException {
        return run(command, PROCESS_TIMEOUT_SECONDS);
    }

    /** {@link #run(List)} with its own timeout, for long runs (training). */
    static Run run(List<String> command, long timeoutSeconds) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().close();  // no input: a child that reads stdin sees end-of-file, not a hang
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("timed out after " + timeoutSeconds + " s: " + command);
        }
        return new Run(p.exitValue(), output.join());
    }

    /** {@code java --module-path <path> -m <module>/<mainClass>} with the running JDK. */
    static Run runModule(String modulePath, String moduleAndMain) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(javaLauncher().toString(), "--module-path", modulePath, "-m", moduleAndMain));
        return run(cmd);
    }

    /** Runs jlink in-process through its {@link java.util.spi.ToolProvider}; returns its exit code and output. */
    static Run jlink(List<String> args) {
        java.util.spi.ToolProvider jlink = java.util.spi.ToolProvider.findFirst("jlink")
                .orElseThrow(() -> new IllegalStateException("no jlink tool in this JDK (module jdk.jlink)"));
        StringWriter out = new StringWriter();
        PrintWriter pw = new PrintWriter(out, true);
        int rc = jlink.run(pw, pw, args.toArray(String[]::new));
        return new Run(rc, out.toString());
    }

    private static String readAll(InputStream in) {
        try (in) {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            in.transferTo(buf);
            return buf.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
