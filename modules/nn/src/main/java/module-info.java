/** Neural network layers (to come: see the nn issue). */
module dev.jtorch.nn {
    requires transitive dev.jtorch.tensor.api;
    requires dev.jtorch.autograd;
}
