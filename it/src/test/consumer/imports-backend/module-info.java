/** Reads the backend module but uses a package it does not export: must not compile. */
module it.consumer.backend {
    requires dev.jtorch.tensor.api;
    requires dev.jtorch.tensor.simd;
}
