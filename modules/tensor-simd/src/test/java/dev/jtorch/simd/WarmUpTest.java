package dev.jtorch.simd;

import dev.jtorch.simd.kernels.SimdKernels;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WarmUpTest {
    @Test
    void roundsRunEveryKernelWithoutError() {
        // The thread swallows failures (it must never print), so the rounds are run here where they would surface.
        new WarmUp(new SimdKernels()).rounds(3);
    }

    @Test
    void threadIsANamedDaemonThatEnds() throws InterruptedException {
        Thread t = WarmUp.start(new SimdKernels());
        if (!WarmUp.ENABLED) return; // -Djtorch.warmup=false: nothing to check
        assertNotNull(t);
        assertTrue(t.isDaemon(), "a warm-up thread must not keep the JVM alive");
        assertEquals("jtorch-warmup", t.getName());
        t.join(300_000); // a bound on liveness, not a speed check
        assertFalse(t.isAlive(), "the warm-up is a bounded number of rounds");
    }
}
