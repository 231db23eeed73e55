package dev.jtorch.simd.print;

import dev.jtorch.DType;
import dev.jtorch.PrintOptions;
import dev.jtorch.Tensor;
import dev.jtorch.Torch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The settings side of printing; expected strings come from the PyTorch-generated fixture. */
class PrintOptionsTest {

    @AfterEach
    void restore() {
        Torch.resetPrintOptions();
    }

    private static PrintFixture fixture(String name) {
        return PrintFixture.load().stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no fixture " + name));
    }

    @Test
    void setGetAndReset() {
        PrintOptions custom = PrintOptions.DEFAULT.withPrecision(7).withLinewidth(100).withSciMode(true);
        Torch.setPrintOptions(custom);
        assertEquals(custom, Torch.getPrintOptions());
        Torch.resetPrintOptions();
        assertEquals(PrintOptions.DEFAULT, Torch.getPrintOptions());
    }

    @Test
    void profileByNameMatchesPyTorch() {
        PrintFixture c = fixture("opt_profile_short");
        Tensor t = FixtureTensors.build(c);
        Torch.setPrintOptions("short");
        assertEquals(c.expected(), t.toString());
        Torch.setPrintOptions("default");
        assertTrue(t.toString().contains("."), t.toString());
        assertEquals(PrintOptions.DEFAULT, Torch.getPrintOptions());
    }

    @Test
    void fullProfileNeverSummarises() {
        PrintFixture c = fixture("opt_profile_full");
        Tensor t = FixtureTensors.build(c);
        Torch.setPrintOptions("full");
        assertEquals(c.expected(), t.toString());
    }

    @Test
    void rejectsBadOptions() {
        assertThrows(IllegalArgumentException.class, () -> PrintOptions.DEFAULT.withPrecision(-1));
        assertThrows(IllegalArgumentException.class, () -> PrintOptions.DEFAULT.withEdgeitems(-2));
        assertThrows(IllegalArgumentException.class, () -> PrintOptions.DEFAULT.withThreshold(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> PrintOptions.profile("long"));
        assertThrows(IllegalArgumentException.class, () -> Torch.setPrintOptions("long"));
        assertThrows(NullPointerException.class, () -> Torch.setPrintOptions((PrintOptions) null));
        assertEquals(PrintOptions.DEFAULT, Torch.getPrintOptions());
    }

    @Test
    void printsNativeMemoryAndLeavesTheTensorUnchanged() {
        PrintFixture c = fixture("vec_fixed");
        Tensor heap = FixtureTensors.build(c);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment seg = arena.allocate(ValueLayout.JAVA_FLOAT, heap.numel());
            for (int i = 0; i < heap.numel(); i++) {
                seg.setAtIndex(ValueLayout.JAVA_FLOAT, i, (float) heap.select(0, i).item());
            }
            Tensor off = Torch.from(seg, DType.FLOAT32, heap.numel());
            int version = off.version();
            assertEquals(c.expected(), off.toString());
            assertEquals(version, off.version());
        }
    }
}
