package dev.jtorch;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds a tensor from Java data as {@code torch.tensor} does from Python lists: boxed scalars and
 * nested arrays of any rank (primitive arrays, or Object[] holding arrays or boxed numbers). The
 * shape follows the first element at each level; every other sequence must match it. Values are
 * copied, never aliased.
 */
final class NestedArrayReader {
    private NestedArrayReader() {}

    static Tensor read(Object data, DType dtype) {
        if (data == null) throw new IllegalArgumentException("tensor data must not be null");
        long[] shape = shapeOf(data);
        DType.Kind kind = visit(data, shape, 0, null);
        boolean inferred = dtype == null;
        DType target = inferred ? dtypeOf(kind == null ? DType.Kind.FLOAT : kind) : dtype;
        Object flat = HostArrays.allocate(target, HostArrays.checkedLength(Shapes.numel(shape)));
        new Flattener(flat, target, !inferred).store(data, shape.length == 0);
        return HostArrays.tensor(flat, target, shape);
    }

    /** Python's rules for Java values: floating -> default dtype, integral -> int64, boolean -> bool. */
    private static DType dtypeOf(DType.Kind kind) {
        return switch (kind) {
            case FLOAT -> Torch.getDefaultDtype();
            case INT -> DType.INT64;
            case BOOL -> DType.BOOL;
        };
    }

    private static long[] shapeOf(Object data) {
        List<Long> dims = new ArrayList<>();
        Object cur = data;
        while (cur != null && cur.getClass().isArray()) {
            int len = Array.getLength(cur);
            dims.add((long) len);
            if (len == 0 || cur.getClass().getComponentType().isPrimitive()) break;
            cur = ((Object[]) cur)[0];
        }
        long[] shape = new long[dims.size()];
        for (int i = 0; i < shape.length; i++) shape[i] = dims.get(i);
        return shape;
    }

    /** Checks that {@code o} at {@code dim} has the expected structure; returns the widest kind seen. */
    private static DType.Kind visit(Object o, long[] shape, int dim, DType.Kind kind) {
        if (o == null) throw new IllegalArgumentException("null element at dim " + dim);
        boolean isArray = o.getClass().isArray();
        if (dim == shape.length) {
            if (isArray) {
                throw new IllegalArgumentException("expected a number at dim " + dim + " but found a sequence ("
                        + o.getClass().getSimpleName() + ")");
            }
            return widest(kind, scalarKind(o));
        }
        if (!isArray) throw new IllegalArgumentException("not a sequence");
        int len = Array.getLength(o);
        if (len != shape[dim]) {
            throw new IllegalArgumentException("expected sequence of length " + shape[dim] + " at dim " + dim + " (got " + len + ")");
        }
        Class<?> component = o.getClass().getComponentType();
        if (component.isPrimitive()) {
            if (dim != shape.length - 1 && len > 0) throw new IllegalArgumentException("not a sequence");
            return widest(kind, primitiveKind(component));
        }
        for (Object e : (Object[]) o) kind = visit(e, shape, dim + 1, kind);
        if (len == 0) kind = widest(kind, leafKindOfType(component));
        return kind;
    }

    /** The kind an empty array's element type implies (double[][] -> FLOAT), or null when unknown (Object[]). */
    private static DType.Kind leafKindOfType(Class<?> c) {
        while (c.isArray()) c = c.getComponentType();
        return c.isPrimitive() ? primitiveKind(c) : null;
    }

    private static DType.Kind widest(DType.Kind a, DType.Kind b) {
        if (a == null) return b;
        if (b == null) return a;
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static DType.Kind primitiveKind(Class<?> c) {
        if (c == double.class || c == float.class) return DType.Kind.FLOAT;
        if (c == long.class || c == int.class || c == short.class || c == byte.class) return DType.Kind.INT;
        if (c == boolean.class) return DType.Kind.BOOL;
        throw new IllegalArgumentException("invalid data type '" + c.getName() + "'");
    }

    private static DType.Kind scalarKind(Object o) {
        return switch (o) {
            case Double d -> DType.Kind.FLOAT;
            case Float f -> DType.Kind.FLOAT;
            case Long l -> DType.Kind.INT;
            case Integer i -> DType.Kind.INT;
            case Short s -> DType.Kind.INT;
            case Byte b -> DType.Kind.INT;
            case Boolean b -> DType.Kind.BOOL;
            default -> throw new IllegalArgumentException("invalid data type '" + o.getClass().getSimpleName() + "'");
        };
    }

    /** Writes the (already validated) values in row-major order, converting as PyTorch's tensor() does. */
    private static final class Flattener {
        private final Object flat;
        private final DType target;
        private final boolean checked; // an explicit dtype: integer targets reject values that overflow
        private int pos;

        Flattener(Object flat, DType target, boolean checked) {
            this.flat = flat;
            this.target = target;
            this.checked = checked && target.isIntegral();
        }

        void store(Object o, boolean scalar) {
            if (scalar) storeScalar(o);
            else storeSequence(o);
        }

        private void storeSequence(Object o) {
            switch (o) {
                case float[] a -> storeFloats(a);
                case double[] a -> storeDoubles(a);
                case long[] a -> storeLongs(a);
                case int[] a -> { for (int v : a) putLong(v); }
                case short[] a -> { for (short v : a) putLong(v); }
                case byte[] a -> { for (byte v : a) putLong(v); }
                case boolean[] a -> { for (boolean v : a) putLong(v ? 1 : 0); }
                case Object[] a -> {
                    for (Object e : a) {
                        if (e.getClass().isArray()) storeSequence(e);
                        else storeScalar(e);
                    }
                }
                default -> throw new IllegalStateException("unexpected " + o.getClass());
            }
        }

        private void storeScalar(Object o) {
            switch (o) {
                case Double d -> putDouble(d);
                case Float f -> putDouble(f);
                case Boolean b -> putLong(b ? 1 : 0);
                case Number n -> putLong(n.longValue());
                default -> throw new IllegalStateException("unexpected " + o.getClass());
            }
        }

        private void storeFloats(float[] a) {
            if (target == DType.FLOAT32) {
                System.arraycopy(a, 0, flat, pos, a.length);
                pos += a.length;
            } else {
                for (float v : a) putDouble(v);
            }
        }

        private void storeDoubles(double[] a) {
            if (target == DType.FLOAT64) {
                System.arraycopy(a, 0, flat, pos, a.length);
                pos += a.length;
            } else if (target == DType.FLOAT32) {
                float[] f = (float[]) flat;
                for (double v : a) f[pos++] = (float) v;
            } else {
                for (double v : a) putDouble(v);
            }
        }

        private void storeLongs(long[] a) {
            if (target == DType.INT64) {
                System.arraycopy(a, 0, flat, pos, a.length);
                pos += a.length;
            } else {
                for (long v : a) putLong(v);
            }
        }

        private void putDouble(double v) {
            if (checked && overflows(v)) throw overflow();
            HostArrays.setDouble(flat, target, pos++, v);
        }

        private void putLong(long v) {
            if (checked && overflows(v)) throw overflow();
            HostArrays.setLong(flat, target, pos++, v);
        }

        private boolean overflows(double v) {
            if (Double.isNaN(v)) return true;
            return v < IntRange.min(target) || v > IntRange.max(target);
        }

        /** As c10's checked_convert: unsigned targets accept negatives that wrap (-1 -> 255). */
        private boolean overflows(long v) {
            if (target == DType.UINT8) return v > 255 || v < -255;
            return v < IntRange.min(target) || v > IntRange.max(target);
        }

        private IllegalArgumentException overflow() {
            return new IllegalArgumentException("value cannot be converted to type " + target.pyName() + " without overflow");
        }
    }
}
