package dev.jtorch.autograd;

/**
 * Where a gradient goes: input {@code inputNr} of {@code node} (PyTorch's {@code next_functions}
 * entries). A null {@code node} marks a forward input that needs no gradient.
 */
public record Edge(Node node, int inputNr) {
    @Override
    public String toString() { return "(" + (node == null ? "None" : node.toString()) + ", " + inputNr + ")"; }
}
