package dev.jtorch.it;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A user's own module against the packaged jars: what it may use compiles and runs; what the library keeps
 * to itself (the backend's packages, package-private classes) is refused by javac and by reflection.
 */
class ConsumerModuleIT {
    /** torch.arange(1, 3).view(1, 2) + torch.arange(1, 4).view(3, 1), as PyTorch 1.13 prints it. */
    private static final String BROADCAST_SUM = """
            tensor([[2, 3],
                    [3, 4],
                    [4, 5]])""";

    @Test
    void consumerOfTheApiCompilesAndRunsWithTheBackendFoundOnTheModulePath() throws Exception {
        Path out = Workspace.scratch("uses-torch");
        Jdk.Compilation c = Jdk.compileModule(Workspace.consumer("uses-torch"), Workspace.mods(), out);
        assertTrue(c.success(), () -> "javac failed:\n" + c.diagnostics());

        Jdk.Run run = Jdk.runModule(Workspace.mods() + java.io.File.pathSeparator + out, "it.consumer.torch/it.consumer.torch.Main");
        assertEquals(0, run.exitCode(), run::output);
        assertTrue(run.output().contains("backend simd"), () -> "backend not named:\n" + run.output());
        assertTrue(run.output().contains(BROADCAST_SUM), () -> "unexpected output:\n" + run.output());
    }

    @Test
    void backendPackageIsNotExported() throws Exception {
        Jdk.Compilation c = Jdk.compileModule(Workspace.consumer("imports-backend"), Workspace.mods(), Workspace.scratch("imports-backend"));
        assertFalse(c.success(), "a module must not compile against dev.jtorch.simd");
        assertTrue(c.diagnostics().contains("package dev.jtorch.simd is not visible"), c::diagnostics);
        assertTrue(c.diagnostics().contains("does not export it"), c::diagnostics);
    }

    @Test
    void packagePrivateApiClassesAreNotReachable() throws Exception {
        Jdk.Compilation c = Jdk.compileModule(Workspace.consumer("uses-api-internal"), Workspace.mods(), Workspace.scratch("uses-api-internal"));
        assertFalse(c.success(), "a module must not compile against dev.jtorch.Backends");
        assertTrue(c.diagnostics().contains("dev.jtorch.Backends is not public in dev.jtorch; cannot be accessed from outside package"),
                c::diagnostics);
    }

    @Test
    void reflectionCannotOpenTheBackend() throws Exception {
        Path out = Workspace.scratch("reflects-backend");
        Jdk.Compilation c = Jdk.compileModule(Workspace.consumer("reflects-backend"), Workspace.mods(), out);
        assertTrue(c.success(), () -> "javac failed:\n" + c.diagnostics());

        Jdk.Run run = Jdk.runModule(Workspace.mods() + java.io.File.pathSeparator + out, "it.consumer.reflect/it.consumer.reflect.Main");
        assertEquals(0, run.exitCode(), run::output);
        String o = run.output();
        assertTrue(o.contains("loaded dev.jtorch.simd.CpuBackend from module dev.jtorch.tensor.simd"), o);
        assertTrue(o.contains("newInstance: java.lang.IllegalAccessException"), o);
        assertTrue(o.contains("setAccessible: java.lang.reflect.InaccessibleObjectException"), o);
    }
}
