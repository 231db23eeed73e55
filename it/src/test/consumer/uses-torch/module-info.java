/** An ordinary user of jtorch: needs only the API module; the backend comes from the module path. */
module it.consumer.torch {
    requires dev.jtorch.tensor.api;
}
