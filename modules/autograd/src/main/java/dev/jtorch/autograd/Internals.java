package dev.jtorch.autograd;

import dev.jtorch.Tensor;
import dev.jtorch.spi.AutogradHook;

/** Holds tensor.api's access to tensors' autograd state, handed to the engine once at startup. */
final class Internals {
    private static volatile AutogradHook.Access access;

    private Internals() {}

    static void bind(AutogradHook.Access a) {
        if (access == null) access = a;
    }

    static AutogradHook.Access access() {
        AutogradHook.Access a = access;
        if (a != null) return a;
        try {
            // tensor.api binds the engine when its autograd glue class initialises.
            Class.forName("dev.jtorch.Autograd", true, Tensor.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("tensor.api without its autograd glue", e);
        }
        a = access;
        if (a == null) {
            throw new IllegalStateException("the autograd engine is not registered with tensor.api: on the class path, "
                    + "keep META-INF/services/dev.jtorch.spi.AutogradHook in jtorch-autograd's jar");
        }
        return a;
    }
}
