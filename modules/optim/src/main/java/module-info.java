/** Optimizers (to come: see the nn/optim issue). */
module dev.jtorch.optim {
    requires transitive dev.jtorch.tensor.api;
    requires dev.jtorch.autograd;
}
