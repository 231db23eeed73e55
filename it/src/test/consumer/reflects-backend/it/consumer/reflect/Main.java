package it.consumer.reflect;

import java.lang.reflect.Constructor;

/** Prints one line per attempt; the test reads them. Exits 0 unless something unexpected is thrown. */
public final class Main {
    public static void main(String[] args) throws Exception {
        // The class is loadable (service binding put its module in the graph) ...
        Class<?> c = Class.forName("dev.jtorch.simd.CpuBackend");
        System.out.println("loaded " + c.getName() + " from module " + c.getModule().getName());
        Constructor<?> ctor = c.getDeclaredConstructor();
        // ... but its package is not exported, so neither a plain call nor setAccessible gets in.
        try {
            ctor.newInstance();
            System.out.println("newInstance: allowed");
        } catch (IllegalAccessException e) {
            System.out.println("newInstance: " + e.getClass().getName());
        }
        try {
            ctor.setAccessible(true);
            System.out.println("setAccessible: allowed");
        } catch (RuntimeException e) {
            System.out.println("setAccessible: " + e.getClass().getName());
        }
    }
}
