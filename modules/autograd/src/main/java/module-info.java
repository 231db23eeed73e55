/** The autograd engine (to come: see the autograd issue). */
module dev.jtorch.autograd {
    requires transitive dev.jtorch.tensor.api;
}
