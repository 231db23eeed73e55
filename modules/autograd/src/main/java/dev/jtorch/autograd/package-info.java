/**
 * PyTorch's autograd for jtorch tensors.
 *
 * <p>Most code needs only the tensor methods: {@code requiresGrad_()}, {@code backward()},
 * {@code grad()}, {@code gradFn()}, {@code retainGrad()}, {@code registerHook(...)}, {@code detach()}
 * and {@link dev.jtorch.GradMode} scopes. This package adds:
 * <ul>
 *   <li>{@link dev.jtorch.autograd.Autograd#grad}: gradients returned rather than accumulated, with
 *       {@code createGraph} for higher-order derivatives;</li>
 *   <li>{@link dev.jtorch.autograd.Function}: an operation with a hand-written backward;</li>
 *   <li>{@link dev.jtorch.autograd.GradCheck}: finite-difference checks of first and second derivatives;</li>
 *   <li>{@link dev.jtorch.autograd.Anomaly}: backward errors that point at the forward call;</li>
 *   <li>{@link dev.jtorch.autograd.Node} and {@link dev.jtorch.autograd.Edge}: the graph, for inspection.</li>
 * </ul>
 *
 * <p>Inside: every primitive of {@link dev.jtorch.ops.Op} gets its node from one exhaustive switch
 * ({@code Formulas}); {@code Recorder} builds the graph as ops run (including in-place writes through
 * views); {@code Engine} runs backward with a dependency count and a ready queue, never recursing.
 */
package dev.jtorch.autograd;
