/**
 * jtorch's tensor API: {@link dev.jtorch.Tensor}, {@link dev.jtorch.Torch}, dtypes and devices,
 * the op table ({@code dev.jtorch.ops}) and the backend SPI ({@code dev.jtorch.spi}).
 */
module dev.jtorch.tensor.api {
    exports dev.jtorch;
    exports dev.jtorch.ops;
    exports dev.jtorch.spi;
    exports dev.jtorch.io;

    uses dev.jtorch.spi.Backend;
    uses dev.jtorch.spi.AutogradHook;
}
