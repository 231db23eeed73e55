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
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs backward without recursion: first counts, for every node reachable from the roots, how
 * many edges lead into it; then runs a ready queue (later nodes first), adding up each node's
 * incoming gradients until its count reaches zero. A chain of any length runs in constant stack.
 */
final class Engine {
    private Engine() {}

    /** A node's state during one backward. */
    static final class Task {
        int dependencies;
        Tensor[] buffer;
        /** False for nodes that lead to none of {@code grad()}'s inputs (they are not run). */
        boolean needed = true;
        /** {@code grad()}: pairs (input number of this node, index in the result). */
        int[] captures;
        /** Nodes with an edge into this one, only while working out which nodes are needed. */
        List<Node> parents;

        void add(int slot, Tensor g, int slots, GradHolders holders) {
            if (g == null) return;
            if (buffer == null) buffer = new Tensor[slots];
            Tensor previous = buffer[slot];
            buffer[slot] = previous == null ? g : previous.add(g);
            if (holders != null) {
                if (previous != null) holders.release(previous);
                holders.acquire(buffer[slot]);
            }
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
            if (g != null && !GradOps.hasShape(g, GradOps.shapeOf(t))) {
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

        Tasks tasks = new Tasks();
        try {
            return execute(tasks, rootEdges, seeds, keepGraph, createGraph, inputEdges, allowUnused);
        } finally {
            tasks.close();
        }
    }

    private static Tensor[] execute(Tasks tasks, Edge[] rootEdges, Tensor[] seeds, boolean keepGraph, boolean createGraph,
                                    Edge[] inputEdges, boolean allowUnused) {
        int n = rootEdges.length;
        countDependencies(tasks, rootEdges, inputEdges != null);
        Tensor[] captured = inputEdges == null ? null : new Tensor[inputEdges.length];
        if (inputEdges != null) markCaptures(tasks, inputEdges);

        PriorityQueue<Node> ready = new PriorityQueue<>((a, b) -> Long.compare(b.sequenceNr, a.sequenceNr));
        // Under create_graph every gradient is part of a graph the caller keeps: nothing is ever kept without a copy.
        GradHolders holders = createGraph ? null : new GradHolders();
        for (int i = 0; i < n; i++) {
            Node node = rootEdges[i].node();
            Task task = tasks.get(node);
            task.add(rootEdges[i].inputNr(), seeds[i], node.numOutputs, holders);
            if (holders != null) holders.pin(seeds[i]); // the caller's tensor
            if (--task.dependencies == 0) ready.add(node);
        }

        boolean previousMode = GradMode.isEnabled();
        GradMode.setEnabled(createGraph);
        try {
            while (!ready.isEmpty()) {
                Node node = ready.poll();
                Task task = tasks.get(node);
                Tensor[] in = task.buffer != null ? task.buffer : new Tensor[node.numOutputs];
                task.buffer = null;
                if (task.captures != null) {
                    for (int k = 0; k < task.captures.length; k += 2) {
                        captured[task.captures[k + 1]] = in[task.captures[k]];
                        if (holders != null) holders.pin(in[task.captures[k]]);
                    }
                }
                if (!task.needed) continue;
                Tensor[] out = call(node, in, keepGraph, holders);
                Edge[] edges = node.nextEdges;
                for (int i = 0; i < edges.length; i++) {
                    Edge e = edges[i];
                    if (e == null) continue;
                    Task child = tasks.get(e.node());
                    child.add(e.inputNr(), out[i], e.node().numOutputs, holders);
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
    private static void countDependencies(Tasks tasks, Edge[] rootEdges, boolean trackParents) {
        ArrayDeque<Node> stack = new ArrayDeque<>();
        for (Edge e : rootEdges) {
            Task t = tasks.get(e.node());
            if (t == null) {
                t = tasks.create(e.node());
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
                    t = tasks.create(e.node());
                    stack.push(e.node());
                }
                t.dependencies++;
                if (trackParents) {
                    if (t.parents == null) t.parents = new ArrayList<>(1);
                    t.parents.add(node);
                }
            }
        }
    }

    /**
     * {@code grad()}: gradients are captured where they enter the inputs' nodes, and only nodes with
     * a path to one of those are run (a leaf's accumulator never runs, so no {@code grad} changes).
     */
    private static void markCaptures(Tasks tasks, Edge[] inputEdges) {
        for (Task t : tasks.all()) t.needed = false;
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
        for (Task t : tasks.all()) t.parents = null;
    }

    /**
     * The tasks of one backward. When it is the only backward running, each task sits on its node
     * (no hashing); a backward started while another runs (from a hook, or on another thread) keeps
     * its own map, so the two never share state.
     */
    private static final class Tasks {
        private static final AtomicInteger RUNNING = new AtomicInteger();

        private final boolean onNodes = RUNNING.incrementAndGet() == 1;
        private final List<Node> claimed = new ArrayList<>();
        private final Map<Node, Task> map = onNodes ? null : new IdentityHashMap<>();

        Task get(Node n) { return onNodes ? n.engineTask : map.get(n); }

        Task create(Node n) {
            Task t = new Task();
            claimed.add(n);
            if (onNodes) n.engineTask = t;
            else map.put(n, t);
            return t;
        }

        List<Task> all() {
            List<Task> l = new ArrayList<>(claimed.size());
            for (Node n : claimed) l.add(get(n));
            return l;
        }

        void close() {
            if (onNodes) for (Node n : claimed) n.engineTask = null;
            RUNNING.decrementAndGet();
        }
    }

    /** Runs one node: tensor hooks, its backward, freeing its saved tensors, and fitting its results to its inputs. */
    private static Tensor[] call(Node node, Tensor[] in, boolean keepGraph, GradHolders holders) {
        Tensor[] grads = node.runPreHooks(in);
        boolean hooked = grads != in;
        boolean any = false;
        for (Tensor g : grads) any |= g != null;
        Tensor[] out;
        if (!any) {
            out = new Tensor[node.nextEdges.length];
        } else if (Anomaly.isEnabled()) {
            out = callReportingAnomalies(node, grads);
        } else if (node instanceof AccumulateGrad acc && holders != null && !hooked) {
            out = acc.apply(grads, holders);
        } else {
            out = node.apply(grads);
        }
        if (holders != null) {
            holders.afterCall(node, in, hooked, out);
            if (hooked) for (Tensor g : grads) holders.pin(g);
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
            if (!GradOps.hasShape(g, m.shape())) {
                long[] gs = GradOps.shapeOf(g);
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
