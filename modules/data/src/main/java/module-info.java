/** Datasets, data loaders and transforms, as PyTorch's {@code torch.utils.data} and torchvision's datasets. */
module dev.jtorch.data {
    requires transitive dev.jtorch.tensor.api;

    exports dev.jtorch.data;
}
