package dev.jtorch.autograd;

import dev.jtorch.RemovableHandle;
import dev.jtorch.Tensor;
import dev.jtorch.ops.Op;
import dev.jtorch.spi.AutogradHook;

import java.util.function.UnaryOperator;

/** The engine as tensor.api sees it (registered with {@link java.util.ServiceLoader}). */
public final class AutogradProvider implements AutogradHook {
    public AutogradProvider() {}

    @Override
    public void bind(Access access) { Internals.bind(access); }

    @Override
    public void record(Op op, Tensor[] inputs, Tensor[] outputs) { Recorder.record(op, inputs, outputs); }

    @Override
    public void beforeInPlace(Tensor self, Op op, Tensor[] others) { Recorder.beforeInPlace(self, op, others); }

    @Override
    public void refreshView(Tensor view) { Recorder.refreshView(view); }

    @Override
    public void backward(Tensor root, Tensor gradient, boolean retainGraph, boolean createGraph) {
        Engine.backward(new Tensor[]{root}, new Tensor[]{gradient}, retainGraph, createGraph);
    }

    @Override
    public RemovableHandle registerHook(Tensor t, UnaryOperator<Tensor> hook) { return Recorder.registerHook(t, hook); }

    @Override
    public void retainGrad(Tensor t) { Recorder.retainGrad(t); }
}
