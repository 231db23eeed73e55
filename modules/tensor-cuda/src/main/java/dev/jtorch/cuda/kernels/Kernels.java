package dev.jtorch.cuda.kernels;

import dev.jtorch.cuda.ffm.CudaDriver;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * Our kernels (the PTX that native/build.sh writes) loaded into one device's primary context through the driver API,
 * and launched with one thread per element in 256-thread blocks (the kernels loop when the grid is capped). Every launch
 * is checked against the kernel's parameter list in the PTX first.
 */
public final class Kernels {
    /** The PTX resource next to this class. */
    public static final String PTX = "jtorch_kernels.ptx";
    private static final int BLOCK = 256;
    private static final long MAX_GRID = 65_536;

    private final CudaDriver driver;
    private final long context;
    private final long module;
    private final Map<String, Long> functions = new ConcurrentHashMap<>();
    private final Map<String, long[]> parameters;

    private Kernels(CudaDriver driver, long context, long module, Map<String, long[]> parameters) {
        this.driver = driver;
        this.context = context;
        this.module = module;
        this.parameters = parameters;
    }

    /** Loads the PTX into device {@code ordinal}'s primary context (the driver compiles it for the GPU). */
    public static Kernels load(CudaDriver driver, int ordinal) {
        driver.init();
        long ctx = driver.primaryContext(ordinal);
        driver.setCurrent(ctx);
        byte[] ptx = ptxBytes();
        MemorySegment image = Arena.global().allocate(ptx.length + 1L);  // NUL-terminated text, kept with the module
        MemorySegment.copy(MemorySegment.ofArray(ptx), 0, image, 0, ptx.length);
        return new Kernels(driver, ctx, driver.loadModule(image), parameterSizes(new String(ptx, StandardCharsets.US_ASCII)));
    }

    /** The committed PTX text. */
    public static byte[] ptxBytes() {
        try (InputStream in = Kernels.class.getResourceAsStream(PTX)) {
            if (in == null) throw new IllegalStateException(PTX + " is missing from dev.jtorch.tensor.cuda (run native/build.sh)");
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Launches kernel {@code name} over {@code n} elements. Arguments are MemorySegment (a struct such as a TensorArg,
     * passed by value), Integer, Long, Float or Double, in the kernel's parameter order.
     */
    public void launch(String name, long n, Object... args) {
        launch(name, n, Math.ceilDiv(Math.max(n, 1), BLOCK), BLOCK, args);
    }

    /**
     * Launches kernel {@code name} with a block of {@code threads} threads per item, over {@code items} items (a grid
     * of at most {@value #MAX_GRID} blocks: such kernels loop over their items by blockIdx). Arguments as
     * {@link #launch(String, long, Object...)}.
     */
    public void launchBlocks(String name, long items, int threads, Object... args) {
        launch(name, items, items, threads, args);
    }

    private void launch(String name, long n, long blocks, int threads, Object[] args) {
        long[] sizes = parameters.get(name);
        if (sizes == null) throw new IllegalArgumentException("no kernel " + name + " in " + PTX);
        checkArguments(name, sizes, args);
        if (n <= 0) return;
        long function = functions.computeIfAbsent(name, k -> driver.function(module, k));
        int grid = (int) Math.min(blocks, MAX_GRID);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment params = arena.allocate(ADDRESS, args.length);
            for (int i = 0; i < args.length; i++) params.setAtIndex(ADDRESS, i, box(arena, args[i]));
            driver.setCurrent(context);  // the context is current per thread; this thread may be new
            driver.launch(name, function, grid, 1, 1, threads, 1, 1, 0, 0L, params);
        }
    }

    private static final Pattern ENTRY = Pattern.compile("\\.entry\\s+(\\w+)\\s*\\(([^)]*)\\)");
    private static final Pattern PARAM = Pattern.compile("\\.param\\s+(?:\\.align\\s+\\d+\\s+)?\\.[a-z](\\d+)\\s+\\w+(?:\\[(\\d+)])?");

    /** Each kernel's parameter sizes in bytes, as the PTX's {@code .entry} declarations give them. */
    public static Map<String, long[]> parameterSizes(String ptx) {
        Map<String, long[]> sizes = new HashMap<>();
        Matcher entry = ENTRY.matcher(ptx);
        while (entry.find()) {
            Matcher param = PARAM.matcher(entry.group(2));
            List<Long> list = new ArrayList<>();
            while (param.find()) {
                long bytes = Long.parseLong(param.group(1)) / 8;
                list.add(param.group(2) == null ? bytes : bytes * Long.parseLong(param.group(2)));
            }
            sizes.put(entry.group(1), list.stream().mapToLong(Long::longValue).toArray());
        }
        return sizes;
    }

    /**
     * Throws unless {@code args} match the kernel's parameters one by one in size: a long where the kernel takes an int
     * (or a missing argument) would shift every later parameter and let the kernel read or write the wrong memory.
     */
    public static void checkArguments(String name, long[] sizes, Object... args) {
        long[] given = new long[args.length];
        for (int i = 0; i < args.length; i++) given[i] = sizeOf(args[i]);
        if (!Arrays.equals(sizes, given)) {
            throw new IllegalArgumentException("kernel " + name + " takes parameters of " + Arrays.toString(sizes)
                    + " bytes, launched with " + Arrays.toString(given));
        }
    }

    private static long sizeOf(Object arg) {
        return switch (arg) {
            case MemorySegment struct -> struct.byteSize();
            case Integer i -> Integer.BYTES;
            case Long l -> Long.BYTES;
            case Float f -> Float.BYTES;
            case Double d -> Double.BYTES;
            default -> throw new IllegalArgumentException("unsupported kernel argument " + arg.getClass());
        };
    }

    private static MemorySegment box(Arena arena, Object arg) {
        return switch (arg) {
            case MemorySegment struct -> struct;
            case Integer i -> arena.allocateFrom(JAVA_INT, i);
            case Long l -> arena.allocateFrom(JAVA_LONG, l);
            case Float f -> arena.allocateFrom(JAVA_FLOAT, f);
            case Double d -> arena.allocateFrom(JAVA_DOUBLE, d);
            default -> throw new IllegalArgumentException("unsupported kernel argument " + arg.getClass());
        };
    }
}
