/** CUDA backend through Panama FFM (to come: see the CUDA issue). Exports nothing. */
module dev.jtorch.tensor.cuda {
    requires dev.jtorch.tensor.api;
}
