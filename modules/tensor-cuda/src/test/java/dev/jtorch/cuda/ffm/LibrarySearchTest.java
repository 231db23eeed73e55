package dev.jtorch.cuda.ffm;

import dev.jtorch.cuda.ffm.LibrarySearch.Library;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The search order over fake trees: empty files named like the libraries under a temporary root. */
class LibrarySearchTest {
    @TempDir
    Path tmp;

    private Path touch(String relative) throws IOException {
        Path p = tmp.resolve(relative);
        Files.createDirectories(p.getParent());
        Files.createFile(p);
        return p;
    }

    private LibrarySearch search(Map<String, String> env) {
        return new LibrarySearch(env, tmp.resolve("root"), Files::isRegularFile);
    }

    @Test
    void cudaHomeComesFirstThenTheLoaderPathThenToolkitsNewestFirst() throws IOException {
        Path old = touch("root/usr/local/cuda-12.4/lib64/libcudart.so.12");
        Path newer = touch("root/usr/local/cuda-13.0/targets/x86_64-linux/lib/libcudart.so.13");
        Path tenth = touch("root/usr/local/cuda-12.10/lib/libcudart.so.12");
        Path home = touch("opt/cuda/lib64/libcudart.so");
        Path ld = touch("ld/libcudart.so.12");
        Map<String, String> env = Map.of("CUDA_HOME", tmp.resolve("opt/cuda").toString(),
                "LD_LIBRARY_PATH", ":relative/ignored:" + tmp.resolve("ld"));
        LibrarySearch.Result r = search(env).find(Library.CUDART);
        assertEquals(List.of(home, ld, newer, tenth, old), r.found());
        assertEquals(home, r.first().orElseThrow());
    }

    @Test
    void withinAFolderTheUnversionedNameWinsThenTheNewestVersion() throws IOException {
        Path v12 = touch("root/usr/lib/x86_64-linux-gnu/libcublas.so.12");
        Path v13 = touch("root/usr/lib/x86_64-linux-gnu/libcublas.so.13");
        Path plain = touch("root/usr/lib/x86_64-linux-gnu/libcublas.so");
        assertEquals(List.of(plain, v13, v12), search(Map.of()).find(Library.CUBLAS).found());
    }

    @Test
    void cudaPathAndItsThreeLibraryFolders() throws IOException {
        Path targets = touch("win/targets/x86_64-linux/lib/libcudart.so.13");
        Path lib = touch("win/lib/libcudart.so.13");
        LibrarySearch.Result r = search(Map.of("CUDA_PATH", tmp.resolve("win").toString())).find(Library.CUDART);
        assertEquals(List.of(lib, targets), r.found());
        assertEquals(List.of(tmp.resolve("win/lib64"), tmp.resolve("win/lib"), tmp.resolve("win/targets/x86_64-linux/lib")),
                r.searched().subList(0, 3));
    }

    @Test
    void pythonWheelsOfTheVirtualEnvTheUserAndTheSystem() throws IOException {
        Path venv = touch("venv/lib/python3.12/site-packages/nvidia/cublas/lib/libcublas.so.12");
        Path user = touch("home/.local/lib/python3.11/site-packages/nvidia/cublas/lib/libcublas.so.12");
        Path local = touch("root/usr/local/lib/python3.10/dist-packages/nvidia/cu13/lib/libcublas.so.13");
        Path sys = touch("root/usr/lib/python3.9/site-packages/nvidia/cublas/lib/libcublas.so.12");
        Map<String, String> env = Map.of("VIRTUAL_ENV", tmp.resolve("venv").toString(), "HOME", tmp.resolve("home").toString());
        assertEquals(List.of(venv, user, local, sys), search(env).find(Library.CUBLAS).found());
    }

    @Test
    void foldersRegisteredWithTheLoaderAreSearchedBeforeTheFixedOnes() throws IOException {
        Path registered = touch("root/opt/nv/lib/libcudart.so.13");
        Path fixed = touch("root/usr/lib/libcudart.so.13");
        Files.writeString(touch("root/etc/ld.so.conf.d/zz-cuda.conf"), "# comment\ninclude other.conf\n/opt/nv/lib\n");
        touch("root/etc/ld.so.conf.d/README");
        assertEquals(List.of(registered, fixed), search(Map.of()).find(Library.CUDART).found());
    }

    @Test
    void theDriverIsNeverTakenFromTheToolkitStubs() throws IOException {
        touch("root/usr/local/cuda/lib64/stubs/libcuda.so");
        touch("root/usr/local/cuda/lib64/libcuda.so");
        LibrarySearch.Result r = search(Map.of()).find(Library.DRIVER);
        assertTrue(r.found().isEmpty(), r.found()::toString);
        Path real = touch("root/usr/lib/wsl/lib/libcuda.so.1");
        assertEquals(List.of(real), search(Map.of()).find(Library.DRIVER).found());
    }

    @Test
    void theNotFoundMessageNamesTheFilesAndEveryFolderSearched() {
        Map<String, String> env = new HashMap<>();
        env.put("CUDA_HOME", tmp.resolve("nowhere").toString());
        LibrarySearch s = search(env);
        LibrarySearch.Result r = s.find(Library.CUDART);
        assertTrue(r.first().isEmpty());
        String m = r.notFoundMessage();
        assertTrue(m.startsWith("libcudart.so, libcudart.so.13 or libcudart.so.12 not found in: "
                + tmp.resolve("nowhere/lib64") + ", " + tmp.resolve("nowhere/lib")), m);
        for (String d : List.of("usr/lib/x86_64-linux-gnu", "usr/local/cuda/lib64", "usr/local/cuda/targets/x86_64-linux/lib")) {
            assertTrue(m.contains(tmp.resolve("root").resolve(d).toString()), () -> d + " missing from " + m);
        }
        assertEquals(s.directories(), r.searched());
    }

    @Test
    void noFolderIsSearchedTwice() throws IOException {
        touch("root/usr/local/cuda/lib64/libcudart.so");
        Path dir = tmp.resolve("root/usr/local/cuda");
        LibrarySearch s = search(Map.of("CUDA_HOME", dir.toString(), "CUDA_PATH", dir.toString(),
                "LD_LIBRARY_PATH", dir.resolve("lib64") + ":" + dir.resolve("lib64")));
        List<Path> dirs = s.directories();
        assertEquals(dirs.size(), dirs.stream().distinct().count(), dirs::toString);
        assertEquals(1, s.find(Library.CUDART).found().size());
    }

    @Test
    void versionsCompareByTheirNumbers() {
        assertTrue(LibrarySearch.compareVersions("cuda-12.10", "cuda-12.9") > 0);
        assertTrue(LibrarySearch.compareVersions("python3.12", "python3.9") > 0);
        assertTrue(LibrarySearch.compareVersions("cuda-13.0", "cuda-12.4") > 0);
        assertEquals(0, LibrarySearch.compareVersions("cuda-12.4", "cuda-12.4"));
        assertFalse(LibrarySearch.compareVersions("cuda-12", "cuda-12.1") > 0);
    }
}
