/** Uses a package-private class of the exported package dev.jtorch: must not compile. */
module it.consumer.internal {
    requires dev.jtorch.tensor.api;
}
