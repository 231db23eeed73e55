package dev.jtorch.autograd;

import dev.jtorch.Tensor;

import java.util.Arrays;
import java.util.List;

/**
 * The functional autograd API ({@code torch.autograd.grad} / {@code torch.autograd.backward}).
 * For one output, {@code y.backward()} on the tensor does the same as {@link #backward(List)}.
 */
public final class Autograd {
    private Autograd() {}

    /**
     * The gradients of {@code outputs} with respect to {@code inputs}, returned rather than
     * accumulated into {@code grad}.
     *
     * @param gradOutputs one per output (null entries, or a null list: ones for one-element outputs)
     * @param retainGraph keep the saved tensors for another backward through the same graph
     * @param createGraph give the results history of their own (higher-order derivatives)
     * @param allowUnused return null for inputs the outputs do not depend on, instead of failing
     */
    public static List<Tensor> grad(List<Tensor> outputs, List<Tensor> inputs, List<Tensor> gradOutputs,
                                    boolean retainGraph, boolean createGraph, boolean allowUnused) {
        Tensor[] outs = outputs.toArray(Tensor[]::new);
        Tensor[] grads = grads(outs.length, gradOutputs);
        Tensor[] res = Engine.grad(outs, grads, inputs.toArray(Tensor[]::new), retainGraph, createGraph, allowUnused);
        return Arrays.asList(res);
    }

    /** As {@code torch.autograd.grad(outputs, inputs, grad_outputs, create_graph=createGraph)}: the graph is retained iff {@code createGraph}. */
    public static List<Tensor> grad(List<Tensor> outputs, List<Tensor> inputs, List<Tensor> gradOutputs, boolean createGraph) {
        return grad(outputs, inputs, gradOutputs, createGraph, createGraph, false);
    }

    /** The gradients of a one-element {@code output} with respect to {@code inputs}. */
    public static List<Tensor> grad(Tensor output, Tensor... inputs) {
        return grad(List.of(output), Arrays.asList(inputs), null, false, false, false);
    }

    /** Backward from several outputs at once, accumulating into the leaves' {@code grad}. */
    public static void backward(List<Tensor> tensors, List<Tensor> gradTensors, boolean retainGraph, boolean createGraph) {
        Tensor[] outs = tensors.toArray(Tensor[]::new);
        Engine.backward(outs, grads(outs.length, gradTensors), retainGraph, createGraph);
    }

    public static void backward(List<Tensor> tensors) { backward(tensors, null, false, false); }

    private static Tensor[] grads(int n, List<Tensor> given) {
        if (given == null) return new Tensor[n];
        if (given.size() != n) {
            throw new IllegalArgumentException("grad requires one gradient per output: got " + given.size() + " for " + n
                    + " outputs");
        }
        return given.toArray(Tensor[]::new);
    }
}
