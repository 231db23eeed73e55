/**
 * Learning-rate schedulers as PyTorch 1.13's {@code torch.optim.lr_scheduler}: {@link dev.jtorch.optim.scheduler.StepLR},
 * {@link dev.jtorch.optim.scheduler.MultiStepLR}, {@link dev.jtorch.optim.scheduler.ExponentialLR},
 * {@link dev.jtorch.optim.scheduler.CosineAnnealingLR}, {@link dev.jtorch.optim.scheduler.LinearLR},
 * {@link dev.jtorch.optim.scheduler.OneCycleLR}, {@link dev.jtorch.optim.scheduler.ReduceLROnPlateau},
 * {@link dev.jtorch.optim.scheduler.ChainedScheduler} and {@link dev.jtorch.optim.scheduler.SequentialLR}.
 * Call {@code step()} after {@code optimizer.step()} (once per epoch, or per batch for OneCycleLR;
 * {@code ReduceLROnPlateau.step(metric)} with the validation metric). The rates follow PyTorch's recursive forms, so
 * the sequences equal PyTorch's exactly.
 */
package dev.jtorch.optim.scheduler;
