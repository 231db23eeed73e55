package dev.jtorch.cuda.ffm;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Where the CUDA libraries may be, in order, for any toolkit version: {@code CUDA_HOME}/{@code CUDA_PATH}, the loader
 * path ({@code LD_LIBRARY_PATH}, {@code /etc/ld.so.conf.d}, the usual system folders), {@code /usr/local/cuda*} and the
 * {@code nvidia/*}{@code /lib} folders of Python environments (pip's CUDA wheels). The environment, the file-system root
 * and the file test are parameters so that tests can feed fake trees.
 */
public final class LibrarySearch {

    /** One library: a human name and its file names, most wanted first. */
    public record Library(String what, List<String> fileNames) {
        public static final Library CUDART = new Library("the CUDA runtime",
                List.of("libcudart.so", "libcudart.so.13", "libcudart.so.12"));
        public static final Library CUBLAS = new Library("cuBLAS",
                List.of("libcublas.so", "libcublas.so.13", "libcublas.so.12"));
        /** The driver ships with the NVIDIA kernel driver, never with the toolkit (whose stubs/libcuda.so must not load). */
        public static final Library DRIVER = new Library("the CUDA driver", List.of("libcuda.so.1"));

        public String fileNameList() {
            if (fileNames.size() == 1) return fileNames.getFirst();
            return String.join(", ", fileNames.subList(0, fileNames.size() - 1)) + " or " + fileNames.getLast();
        }
    }

    /**
     * The outcome: every existing candidate in order, the folders searched, and whether the dynamic loader's own
     * search (the ld.so cache) may be asked by bare file name after the candidates.
     */
    public record Result(Library library, List<Path> found, List<Path> searched, boolean askLoader) {
        public Optional<Path> first() { return found.stream().findFirst(); }

        /** "libcudart.so, libcudart.so.13 or libcudart.so.12 not found in: /a, /b". */
        public String notFoundMessage() {
            return library.fileNameList() + " not found in: "
                    + (searched.isEmpty() ? "(no folders)" : searched.stream().map(Path::toString).collect(Collectors.joining(", ")));
        }
    }

    private static final List<String> SYSTEM_DIRS = List.of(
            "usr/local/lib", "usr/local/lib64", "usr/lib/x86_64-linux-gnu", "lib/x86_64-linux-gnu",
            "usr/lib64", "lib64", "usr/lib", "lib", "usr/lib/wsl/lib");
    private static final List<String> TOOLKIT_SUBDIRS = List.of("lib64", "lib", "targets/x86_64-linux/lib");

    private final Map<String, String> env;
    private final Path root;
    private final Predicate<Path> isFile;
    private final boolean askLoader;

    /**
     * @param env    the environment variables (System.getenv() in production)
     * @param root   the file-system root under which the fixed system folders are looked up ("/" in production);
     *               folders named by the environment are used as they are
     * @param isFile whether a path is a loadable file
     */
    public LibrarySearch(Map<String, String> env, Path root, Predicate<Path> isFile) {
        this(env, root, isFile, false);
    }

    private LibrarySearch(Map<String, String> env, Path root, Predicate<Path> isFile, boolean askLoader) {
        this.env = Map.copyOf(env);
        this.root = root;
        this.isFile = isFile;
        this.askLoader = askLoader;
    }

    /** The search of this machine; it ends with the dynamic loader's own search (a fake tree's never does). */
    public static LibrarySearch ofSystem() {
        return new LibrarySearch(System.getenv(), Path.of("/"), Files::isRegularFile, true);
    }

    public Result find(Library library) {
        List<Path> dirs = directories();
        List<Path> found = new ArrayList<>();
        for (Path dir : dirs) {
            for (String name : library.fileNames()) {
                Path p = dir.resolve(name);
                if (isFile.test(p)) found.add(p);
            }
        }
        return new Result(library, List.copyOf(found), dirs, askLoader);
    }

    /** The folders, in search order, without repeats. */
    public List<Path> directories() {
        LinkedHashSet<Path> dirs = new LinkedHashSet<>();
        for (String var : List.of("CUDA_HOME", "CUDA_PATH")) {
            Path home = envPath(var);
            if (home != null) for (String sub : TOOLKIT_SUBDIRS) dirs.add(home.resolve(sub));
        }
        String ld = env.get("LD_LIBRARY_PATH");
        if (ld != null) {
            for (String part : ld.split(":")) {
                Path p = pathOrNull(part);
                if (p != null && p.isAbsolute()) dirs.add(p);
            }
        }
        Path venv = envPath("VIRTUAL_ENV");
        if (venv != null) dirs.addAll(nvidiaWheelDirs(venv.resolve("lib"), List.of("site-packages")));
        dirs.addAll(ldSoConfDirs());
        for (String d : SYSTEM_DIRS) dirs.add(root.resolve(d));
        for (Path toolkit : toolkits()) for (String sub : TOOLKIT_SUBDIRS) dirs.add(toolkit.resolve(sub));
        Path home = envPath("HOME");
        if (home != null) dirs.addAll(nvidiaWheelDirs(home.resolve(".local/lib"), List.of("site-packages")));
        dirs.addAll(nvidiaWheelDirs(root.resolve("usr/local/lib"), List.of("dist-packages", "site-packages")));
        dirs.addAll(nvidiaWheelDirs(root.resolve("usr/lib"), List.of("dist-packages", "site-packages")));
        return List.copyOf(dirs);
    }

    /** /usr/local/cuda first (the symlink to the default toolkit), then /usr/local/cuda-X.Y, newest first. */
    private List<Path> toolkits() {
        List<Path> out = new ArrayList<>();
        out.add(root.resolve("usr/local/cuda"));
        out.addAll(children(root.resolve("usr/local"), "cuda-"));
        return out;
    }

    /** {@code <libDir>/python3*}{@code /<packages>/nvidia/*}{@code /lib}, newest Python first. */
    private List<Path> nvidiaWheelDirs(Path libDir, List<String> packageDirs) {
        List<Path> out = new ArrayList<>();
        for (Path python : children(libDir, "python3")) {
            for (String pkg : packageDirs) {
                for (Path wheel : children(python.resolve(pkg).resolve("nvidia"), "")) out.add(wheel.resolve("lib"));
            }
        }
        return out;
    }

    /** The absolute folders listed in /etc/ld.so.conf.d/*.conf (where the toolkit's packages register themselves). */
    private List<Path> ldSoConfDirs() {
        List<Path> out = new ArrayList<>();
        Path confDir = root.resolve("etc/ld.so.conf.d");
        for (Path conf : children(confDir, "")) {
            if (!conf.getFileName().toString().endsWith(".conf") || !Files.isRegularFile(conf)) continue;
            try {
                for (String line : Files.readAllLines(conf)) {
                    String s = line.strip();
                    if (s.startsWith("/")) {
                        Path p = pathOrNull(s.substring(1));
                        if (p != null) out.add(root.resolve(p));
                    }
                }
            } catch (IOException | RuntimeException e) {
                // an unreadable file only narrows the search
            }
        }
        return out;
    }

    /** Sub-folders (or files) of {@code dir} whose name starts with {@code prefix}, highest version first. */
    private static List<Path> children(Path dir, String prefix) {
        if (!Files.isDirectory(dir)) return List.of();
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) if (p.getFileName().toString().startsWith(prefix)) out.add(p);
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
        out.sort(Comparator.comparing((Path p) -> p.getFileName().toString(), LibrarySearch::compareVersions).reversed());
        return out;
    }

    /** Compares names by their numbers ("cuda-12.10" after "cuda-12.9"), then as text. */
    static int compareVersions(String a, String b) {
        String[] na = a.split("\\D+"), nb = b.split("\\D+");
        int ia = 0, ib = 0;
        while (ia < na.length && ib < nb.length) {
            if (na[ia].isEmpty()) { ia++; continue; }
            if (nb[ib].isEmpty()) { ib++; continue; }
            int c = Long.compare(parse(na[ia]), parse(nb[ib]));
            if (c != 0) return c;
            ia++;
            ib++;
        }
        int c = Integer.compare(na.length - ia, nb.length - ib);
        return c != 0 ? c : a.compareTo(b);
    }

    private static long parse(String digits) {
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    private Path envPath(String var) {
        String v = env.get(var);
        if (v == null || v.isBlank()) return null;
        Path p = pathOrNull(v.strip());
        return p != null && p.isAbsolute() ? p : null;
    }

    private static Path pathOrNull(String s) {
        if (s.isBlank()) return null;
        try {
            return Path.of(s);
        } catch (InvalidPathException e) {
            return null;
        }
    }
}
