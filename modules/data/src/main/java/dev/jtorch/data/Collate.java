package dev.jtorch.data;

import dev.jtorch.Tensor;
import dev.jtorch.Torch;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Collate functions: how a list of samples becomes one batch ({@code collate_fn}). */
public final class Collate {
    private Collate() {}

    private static final Function<List<Object>, Object> STACK = Collate::stackAny;

    /**
     * PyTorch's {@code default_collate} for tensors: samples that are tensors are stacked along a new dim 0; samples
     * that are {@code Tensor[]} or {@code List<Tensor>} give the same structure with each position stacked. Other
     * samples (numbers, strings, records) need a collate of their own, since the batch's type differs from theirs.
     */
    @SuppressWarnings("unchecked")
    public static <T> Function<List<T>, T> stack() {
        return (Function<List<T>, T>) (Function<?, ?>) STACK;
    }

    private static Object stackAny(List<Object> samples) {
        if (samples.isEmpty()) throw new IllegalArgumentException("collate: no samples");
        Object first = samples.getFirst();
        switch (first) {
            case Tensor t -> {
                List<Tensor> ts = new ArrayList<>(samples.size());
                for (Object s : samples) ts.add(cast(s, Tensor.class, first));
                return Torch.stack(ts, 0);
            }
            case Tensor[] arr -> {
                Tensor[] out = new Tensor[arr.length];
                for (int k = 0; k < arr.length; k++) out[k] = Torch.stack(position(samples, k, arr.length), 0);
                return out;
            }
            case List<?> list -> {
                List<Tensor> out = new ArrayList<>(list.size());
                for (int k = 0; k < list.size(); k++) out.add(Torch.stack(position(samples, k, list.size()), 0));
                return out;
            }
            default -> throw new IllegalArgumentException("default collate: samples of type " + first.getClass().getName()
                    + " are not supported (it stacks Tensor, Tensor[] and List<Tensor>); give the DataLoader a collate");
        }
    }

    private static List<Tensor> position(List<Object> samples, int k, int width) {
        List<Tensor> ts = new ArrayList<>(samples.size());
        for (Object s : samples) {
            Object element = switch (s) {
                case Tensor[] a when a.length == width -> a[k];
                case List<?> l when l.size() == width -> l.get(k);
                default -> throw new IllegalArgumentException("default collate: each element in list of batch should be of equal size");
            };
            ts.add(cast(element, Tensor.class, element));
        }
        return ts;
    }

    private static <X> X cast(Object o, Class<X> type, Object first) {
        if (!type.isInstance(o)) {
            throw new IllegalArgumentException("default collate: mixed sample types " + first.getClass().getName()
                    + " and " + (o == null ? "null" : o.getClass().getName()));
        }
        return type.cast(o);
    }
}
