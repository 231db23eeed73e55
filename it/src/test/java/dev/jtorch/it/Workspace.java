package dev.jtorch.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Where the packaged modules are, where the consumer sources are, and scratch space; set by failsafe (it/pom.xml). */
final class Workspace {
    private Workspace() {}

    /** The library's jars as a user gets them: tensor-api, tensor-simd, autograd, nn, optim, data and demo. */
    static Path mods() {
        Path mods = dir("jtorch.it.mods");
        try (Stream<Path> jars = Files.list(mods)) {
            if (jars.noneMatch(p -> p.toString().endsWith(".jar")))
                throw new IllegalStateException("no jars in " + mods + ": run the `package` phase first (./jt test)");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return mods;
    }

    /** Sources of one consumer module under it/src/test/consumer. */
    static Path consumer(String name) { return dir("jtorch.it.consumers").resolve(name); }

    /** A fresh, empty directory under it/target/it-work. */
    static Path scratch(String name) {
        Path p = Path.of(System.getProperty("jtorch.it.work", "target/it-work")).resolve(name);
        deleteTree(p);
        try {
            return Files.createDirectories(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) return;
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path dir(String property) {
        String v = System.getProperty(property);
        if (v == null) throw new IllegalStateException("system property " + property + " is not set: run through failsafe (./jt test)");
        Path p = Path.of(v);
        if (!Files.isDirectory(p)) throw new IllegalStateException(property + "=" + p + " is not a directory");
        return p;
    }
}
