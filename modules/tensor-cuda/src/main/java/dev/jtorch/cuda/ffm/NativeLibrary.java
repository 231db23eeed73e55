package dev.jtorch.cuda.ffm;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One loaded shared library (kept for the life of the JVM) and downcall handles to its symbols. A symbol that the
 * library does not export gives a {@link Fn} that throws on use instead of a null handle, so nothing calls into NULL.
 */
public final class NativeLibrary {
    private final String description;
    private final SymbolLookup lookup;

    private NativeLibrary(String description, SymbolLookup lookup) {
        this.description = description;
        this.lookup = lookup;
    }

    /** Where it was loaded from: a path, or "libcuda.so.1 (from the dynamic loader's own search)". */
    public String description() { return description; }

    /**
     * Loads the first candidate of the search that loads; if none does, asks the dynamic loader for each bare file
     * name (which also sees the ld.so cache) when the search allows it. The exception says what was searched and why each candidate failed.
     */
    public static NativeLibrary load(LibrarySearch.Result search) throws LibraryNotFoundException {
        List<String> failures = new ArrayList<>();
        for (Path p : search.found()) {
            try {
                return new NativeLibrary(p.toString(), SymbolLookup.libraryLookup(p, Arena.global()));
            } catch (IllegalArgumentException | IllegalCallerException e) {
                failures.add(p + ": " + e.getMessage());
            }
        }
        for (String name : search.askLoader() ? search.library().fileNames() : List.<String>of()) {
            try {
                return new NativeLibrary(name + " (from the dynamic loader's own search)", SymbolLookup.libraryLookup(name, Arena.global()));
            } catch (IllegalArgumentException | IllegalCallerException e) {
                // not in the ld.so cache either: reported below with the folders
            }
        }
        String msg = search.library().what() + " is missing: " + search.notFoundMessage()
                + (search.askLoader() ? ", nor by the dynamic loader" : "");
        if (!failures.isEmpty()) msg += "; found but could not load: " + String.join("; ", failures);
        throw new LibraryNotFoundException(msg);
    }

    /** A downcall handle for {@code name}, or one that says the symbol is missing when called. */
    public Fn function(String name, FunctionDescriptor descriptor, Linker.Option... options) {
        Optional<MemorySegment> symbol = lookup.find(name);
        if (symbol.isEmpty()) return new Fn(name, null, description);
        return new Fn(name, Linker.nativeLinker().downcallHandle(symbol.get(), descriptor, options), description);
    }

    /**
     * {@code handle} taking its arguments as one Object[] and returning Object, for {@code invokeExact}: called per
     * kernel launch, {@code invokeWithArguments} adapted the handle on every call (17.5% of a GPU training run's
     * Java samples were in it).
     */
    private static MethodHandle spreader(MethodHandle handle) {
        if (handle == null) return null;
        MethodType type = handle.type();
        return handle.asType(type.generic()).asSpreader(Object[].class, type.parameterCount());
    }

    /** A native function; {@link #handle()} never returns null. */
    public record Fn(String name, MethodHandle maybeHandle, String library, MethodHandle spread) {
        public Fn(String name, MethodHandle maybeHandle, String library) {
            this(name, maybeHandle, library, spreader(maybeHandle));
        }

        public boolean exists() { return maybeHandle != null; }

        public MethodHandle handle() {
            if (maybeHandle == null) throw new UnsupportedOperationException(name + " is not exported by " + library);
            return maybeHandle;
        }

        /** Calls the function; native calls throw no checked exceptions, so any Throwable is a bug to rethrow. */
        public Object call(Object... args) {
            handle(); // says which symbol is missing
            try {
                return (Object) spread.invokeExact(args);
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable t) {
                throw new IllegalStateException(name + " failed", t);
            }
        }

        public int callInt(Object... args) { return (int) call(args); }
    }

    /** The library is not on this machine (the message lists where it was searched). */
    public static final class LibraryNotFoundException extends Exception {
        private static final long serialVersionUID = 1L;

        public LibraryNotFoundException(String message) { super(message); }
    }
}
