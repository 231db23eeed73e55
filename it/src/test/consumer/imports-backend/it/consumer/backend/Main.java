package it.consumer.backend;

import dev.jtorch.simd.CpuBackend;

public final class Main {
    public static void main(String[] args) {
        System.out.println(new CpuBackend().name());
    }
}
