/**
 * Optimizers as PyTorch 1.13's {@code torch.optim}: {@link dev.jtorch.optim.SGD}, {@link dev.jtorch.optim.Adam},
 * {@link dev.jtorch.optim.AdamW}, {@link dev.jtorch.optim.RMSprop}, {@link dev.jtorch.optim.Adagrad}.
 * <pre>{@code
 * Optimizer opt = new Adam(model.parameters(), Adam.options().lr(1e-3).weightDecay(1e-4));
 * for (var batch : loader) {
 *     opt.zeroGrad();
 *     lossFn(model.forward(batch.x()), batch.y()).backward();
 *     opt.step();
 * }
 * // groups with their own options; what a group leaves out comes from the defaults
 * Optimizer sgd = new SGD(SGD.options().lr(0.1).momentum(0.9),
 *         List.of(new ParamGroup(backbone.parameters()).set("lr", 0.01), new ParamGroup(head.parameters())));
 * }</pre>
 * Updates follow PyTorch's single-tensor ("for-loop") implementations operation by operation, in place, with grad
 * mode off; {@link dev.jtorch.optim.Optimizer#stateDict()} has PyTorch's layout (state by parameter index,
 * {@code param_groups} with {@code params} index lists), so a run saved and loaded resumes bit-for-bit.
 */
package dev.jtorch.optim;
