package dev.jtorch.autograd;

import dev.jtorch.GradMode;
import dev.jtorch.Tensor;
import dev.jtorch.Torch;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Runs backward without recursion: first counts, for every node reachable from the roots, how
 * many edges lead into it; then runs a ready queue (later nodes first), adding up each node's
 * incoming gradients until its count reaches zero. A chain of any length runs in constant stack.
 */
final class Engine {
    private Engine() {}

    /** A node's state during one backward. */
    private static final class Task {
        int dependencies;
        Tensor[] buffer;
        /** False for nodes that lead to none of {@code grad()}'s inputs (they are not run). */
        boolean needed = true;
        /** {@code grad()}: pairs (input number of this node, index in the result). */
        int[] captures;
        /** Nodes with an edge into this one, only while working out which nodes are needed. */
        List<Node> parents;

        void add(int slot, Tensor g, int slots) {
            if (g == null) return;
            if (buffer == null) buffer = new Tensor[slots];
            buffer[slot] = buffer[slot] == null ? g : buffer[slot].add(g);
        }
    }

    /** {@code tensor.backward(...)} and {@code Autograd.backward(...)}: gradients accumulate into leaves. */
    static void backward(Tensor[] roots, Tensor[] grads, boolean keepGraph, boolean createGraph) {
        run(roots, grads, keepGraph, createGraph, null, false);
    }

    /** {@code Autograd.grad(...)}: gradients of {@code roots} with respect to {@code inputs}, returned, not accumulated. */
    static Tensor[] grad(Tensor[] roots, Tensor[] grads, Tensor[] inputs, boolean keepGraph, boolean createGraph,
                         boolean allowUnused) {
        return run(roots, grads, keepGraph, createGraph, inputs, allowUnused);
    }

    private static Tensor[] run(Tensor[] roots, Tensor[] grads, boolean keepGraph, boolean createGraph, Tensor[] inputs,
                                boolean allowUnused) {
        int n = roots.length;
        Edge[] rootEdges = new Edge[n];
        Tensor[] seeds = new Tensor[n];
        for (int i = 0; i < n; i++) {
            Tensor t = roots[i];
            Tensor g = grads == null ? null : grads[i];
            if (g != null && !Arrays.equals(g.size().toArray(), t.size().toArray())) {
                throw new IllegalArgumentException("Mismatch in shape: grad_output[" + i + "] has a shape of " + g.size()
                        + " and output[" + i + "] has a shape of " + t.size() + ".");
            }
            rootEdges[i] = Recorder.gradientEdge(t);
            if (rootEdges[i] == null) throw new IllegalStateException(Messages.noGradFn(i));
            if (g == null) {
                if (t.numel() != 1) throw new IllegalStateException(Messages.IMPLICIT_SCALAR);
                g = Torch.onesLike(t);
            } else if (g.dtype() != t.dtype()) {
                g = g.to(t.dtype());
            }
            seeds[i] = g;
        }
        Edge[] inputEdges = null;
        if (inputs != null) {
            inputEdges = new Edge[inputs.length];
            for (int j = 0; j < inputs.length; j++) {
                inputEdges[j] = Recorder.gradientEdge(inputs[j]);
                if (inputEdges[j] == null) throw new IllegalStateException(Messages.INPUT_NO_GRAD);
            }
        }

        Map<Node, Task> tasks = countDependencies(rootEdges, inputs != null);
        Tensor[] captured = inputs == null ? null : new Tensor[inputs.length];
        if (inputs != null) markCaptures(tasks, inputEdges);

        PriorityQueue<Node> ready = new PriorityQueue<>((a, b) -> Long.compare(b.sequenceNr, a.sequenceNr));
        for (int i = 0; i < n; i++) {
            Node node = rootEdges[i].node();
            Task task = tasks.get(node);
            task.add(rootEdges[i].inputNr(), seeds[i], node.numOutputs);
            if (--task.dependencies == 0) ready.add(node);
        }

        boolean previousMode = GradMode.isEnabled();
        GradMode.setEnabled(createGraph);
        try {
            while (!ready.isEmpty()) {
                Node node = ready.poll();
                Task task = tasks.remove(node);
                Tensor[] in = task.buffer != null ? task.buffer : new Tensor[node.numOutputs];
                task.buffer = null;
                if (task.captures != null) {
                    for (int k = 0; k < task.captures.length; k += 2) captured[task.captures[k + 1]] = in[task.captures[k]];
                }
                if (!task.needed) continue;
                Tensor[] out = call(node, in, keepGraph);
                Edge[] edges = node.nextEdges;
                for (int i = 0; i < edges.length; i++) {
                    Edge e = edges[i];
                    if (e == null) continue;
                    Task child = tasks.get(e.node());
                    if (child == null) continue; // not reachable from this backward's roots (cannot happen) or done
                    child.add(e.inputNr(), out[i], e.node().numOutputs);
                    if (--child.dependencies == 0) ready.add(e.node());
                }
            }
        } finally {
            GradMode.setEnabled(previousMode);
        }

        if (captured != null && !allowUnused) {
            for (Tensor c : captured) if (c == null) throw new IllegalStateException(Messages.NOT_USED);
        }
        return captured;
    }

    /** Counts the edges into every node reachable from the roots (the roots' seeds count as one each). */
    private static Map<Node, Task> countDependencies(Edge[] rootEdges, boolean trackParents) {
        Map<Node, Task> tasks = new IdentityHashMap<>();
        ArrayDeque<Node> stack = new ArrayDeque<>();
        for (Edge e : rootEdges) {
            Task t = tasks.get(e.node());
            if (t == null) {
                tasks.put(e.node(), t = new Task());
                stack.push(e.node());
            }
            t.dependencies++;
        }
        while (!stack.isEmpty()) {
            Node node = stack.pop();
            for (Edge e : node.nextEdges) {
                if (e == null) continue;
                Task t = tasks.get(e.node());
                if (t == null) {
                    tasks.put(e.node(), t = new Task());
                    stack.push(e.node());
                }
                t.dependencies++;
                if (trackParents) {
                    if (t.parents == null) t.parents = new ArrayList<>(1);
                    t.parents.add(node);
                }
            }
        }
        return tasks;
    }

    /**
     * {@code grad()}: gradients are captured where they enter the inputs' nodes, and only nodes with
     * a path to one of those are run (a leaf's accumulator never runs, so no {@code grad} changes).
     */
    private static void markCaptures(Map<Node, Task> tasks, Edge[] inputEdges) {
        for (Task t : tasks.values()) t.needed = false;
        ArrayDeque<Node> work = new ArrayDeque<>();
        for (int j = 0; j < inputEdges.length; j++) {
            Edge e = inputEdges[j];
            Task t = tasks.get(e.node());
            if (t == null) continue; // not part of this graph: its gradient stays null
            int[] c = t.captures == null ? new int[2] : Arrays.copyOf(t.captures, t.captures.length + 2);
            c[c.length - 2] = e.inputNr();
            c[c.length - 1] = j;
            t.captures = c;
            work.add(e.node());
        }
        // Everything upstream of a captured node is needed.
        while (!work.isEmpty()) {
            Task t = tasks.get(work.poll());
            if (t.parents == null) continue;
            for (Node p : t.parents) {
                Task pt = tasks.get(p);
                if (!pt.needed) {
                    pt.needed = true;
                    work.add(p);
                }
            }
        }
        for (Task t : tasks.values()) t.parents = null;
    }

    /** Runs one node: tensor hooks, its backward, freeing its saved tensors, and fitting its results to its inputs. */
    private static Tensor[] call(Node node, Tensor[] in, boolean keepGraph) {
        Tensor[] grads = node.runPreHooks(in);
        boolean any = false;
        for (Tensor g : grads) any |= g != null;
        Tensor[] out;
        if (!any) {
            out = new Tensor[node.nextEdges.length];
        } else if (Anomaly.isEnabled()) {
            out = callReportingAnomalies(node, grads);
        } else {
            out = node.apply(grads);
        }
        if (!keepGraph) node.release();
        return fit(node, out);
    }

    private static Tensor[] callReportingAnomalies(Node node, Tensor[] grads) {
        Tensor[] out;
        try {
            out = node.apply(grads);
        } catch (RuntimeException e) {
            if (node.forwardTrace != null) e.addSuppressed(node.forwardTrace);
            throw e;
        }
        for (int i = 0; i < out.length; i++) {
            if (out[i] != null && node.needsInputGrad(i) && GradOps.hasNaN(out[i])) {
                throw new IllegalStateException("Function '" + node.name() + "' returned nan values in its " + i
                        + "th output.", node.forwardTrace);
            }
        }
        return out;
    }

    /** Checks a node's results against its forward inputs: broadcast gradients are summed back, dtypes cast. */
    private static Tensor[] fit(Node node, Tensor[] out) {
        Edge[] edges = node.nextEdges;
        if (out.length != edges.length) {
            throw new IllegalStateException("function " + node.name() + " returned an incorrect number of gradients (expected "
                    + edges.length + ", got " + out.length + ")");
        }
        for (int i = 0; i < out.length; i++) {
            Tensor g = out[i];
            if (g == null) continue;
            if (edges[i] == null) {
                out[i] = null;
                continue;
            }
            Node.InputMeta m = node.inputMeta[i];
            long[] gs = g.size().toArray();
            if (!Arrays.equals(gs, m.shape())) {
                if (!GradOps.expandable(m.shape(), gs)) {
                    throw new IllegalStateException("Function " + node.name() + " returned an invalid gradient at index " + i
                            + " - got " + Messages.sizes(gs) + " but expected shape compatible with " + Messages.sizes(m.shape()));
                }
                g = GradOps.sumTo(g, m.shape());
            }
            if (g.dtype() != m.dtype()) g = g.to(m.dtype());
            if (!g.device().equals(m.device())) g = g.to(m.device());
            out[i] = g;
        }
        return out;
    }
}
