/**
 * Mixed-precision training helpers: {@link dev.jtorch.optim.amp.GradScaler} (loss scaling with skipped steps on
 * inf/NaN). It lives with the optimizers because it drives them ({@code unscale_}, {@code step} per optimizer);
 * the autocast scope itself is {@link dev.jtorch.Autocast} in the tensor API, where the ops are.
 */
package dev.jtorch.optim.amp;
