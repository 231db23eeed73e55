package dev.jtorch;

import dev.jtorch.ops.BinaryOp;
import dev.jtorch.ops.Op;
import dev.jtorch.ops.UnaryOp;
import dev.jtorch.spi.Backend;
import dev.jtorch.spi.Strided;

import java.util.Arrays;

/**
 * Elementwise dispatch: validate (devices, dtypes, broadcast shapes) → compute in the kernel's
 * compute type → cast to PyTorch's result type → record for autograd.
 */
final class Elementwise {
    private Elementwise() {}

    // ---------------------------------------------------------------- plumbing

    /** The backend for a set of operands, which must share a device (0-dim CPU tensors may join any device). */
    static Backend backend(Tensor... ts) { return Backends.forDevice(commonDevice(ts)); }

    static Device commonDevice(Tensor... ts) {
        Device dev = null;
        for (Tensor t : ts) {
            if (t == null) continue;
            Device d = t.device();
            if (d.isCpu() && t.dim() == 0) continue; // CPU scalars join any device, as in PyTorch
            if (dev == null) dev = d;
            else if (!dev.equals(d)) {
                throw new IllegalArgumentException("Expected all tensors to be on the same device, but found at least two devices, "
                        + dev + " and " + d + "!");
            }
        }
        return dev == null ? Device.CPU : dev;
    }

    /** Casts (if needed) and broadcasts an operand to {@code shape} in dtype {@code type}. */
    static Strided operand(Tensor t, DType type, long[] shape) {
        Tensor c = t.dtype == type ? t : castRaw(t, type);
        return new Strided(c.storage, type, shape, Broadcast.expandedStrides(c.shape, c.stride, shape), c.offset);
    }

    /**
     * As {@link #operand(Tensor, DType, long[])} for an op that runs on {@code device}: a CPU scalar among the
     * operands of a device op (as {@code x.cuda() > 0}) is copied there first, since a device kernel cannot read
     * host memory.
     */
    static Strided operand(Tensor t, DType type, long[] shape, Device device) {
        if (t.device().equals(device)) return operand(t, type, shape);
        Tensor moved = Tensor.allocateForWrite(t.shape, type, device);
        Backends.forDevice(device).copy(t.strided(), moved.strided());
        return operand(moved, type, shape);
    }

    /** A contiguous copy of {@code t} as {@code dtype}, not recorded. */
    static Tensor castRaw(Tensor t, DType dtype) {
        Tensor out = Tensor.allocateForWrite(t.shape, dtype, t.device());
        Backends.forDevice(t.device()).copy(t.strided(), out.strided());
        return out;
    }

    static Tensor fillRaw(Tensor t, double value) {
        Backends.forDevice(t.device()).fill(t.strided(), value);
        return t;
    }

    static Tensor fillRaw(Tensor t, long value) {
        Backends.forDevice(t.device()).fill(t.strided(), value);
        return t;
    }

    static IllegalArgumentException cannotCast(DType result, DType target) {
        return new IllegalArgumentException("result type " + TypePromotion.shortName(result)
                + " can't be cast to the desired output type " + TypePromotion.shortName(target));
    }

    /** Writes a computed result into {@code self} for an in-place op (shapes must already match). */
    private static Tensor writeBack(Tensor self, Tensor result, Op op, Tensor... inputs) {
        if (!Arrays.equals(result.shape, self.shape)) {
            throw new IllegalArgumentException("output with shape " + Shapes.str(self.shape)
                    + " doesn't match the broadcast shape " + Shapes.str(result.shape));
        }
        Backends.forDevice(self.device()).copy(result.strided(), self.strided());
        return written(self, op, inputs);
    }

    /** Ends an in-place op: bumps the version counter shared with views, then records the op. */
    private static Tensor written(Tensor self, Op op, Tensor... inputs) {
        self.version.bump();
        Autograd.record(op, inputs, self);
        return self;
    }

    // ---------------------------------------------------------------- conversions

    static Tensor cast(Tensor t, DType target) {
        if (t.dtype == target) return t;
        Tensor out = castRaw(t, target);
        Autograd.record(new Op.ToDType(t.dtype, target), new Tensor[]{t}, out);
        return out;
    }

    static Tensor toDevice(Tensor t, Device target) {
        if (t.device().equals(target)) return t;
        Backend dst = Backends.forDevice(target);
        Backend src = Backends.forDevice(t.device());
        Tensor out = Tensor.allocateForWrite(t.shape, t.dtype, target);
        // The non-CPU backend owns host<->device transfers.
        (target.isCpu() ? src : dst).copy(t.contiguous().strided(), out.strided());
        Autograd.record(new Op.Clone(), new Tensor[]{t}, out);
        return out;
    }

    static Tensor cloneOf(Tensor t) {
        Tensor out = castRaw(t, t.dtype);
        Autograd.record(new Op.Clone(), new Tensor[]{t}, out);
        return out;
    }

    private static Tensor hostScalar(Tensor t) {
        if (t.numel() != 1) {
            throw new IllegalArgumentException("a Tensor with " + t.numel() + " elements cannot be converted to Scalar");
        }
        return t.device().isCpu() ? t : t.to(Device.CPU);
    }

    static double itemDouble(Tensor t) {
        Tensor h = hostScalar(t);
        return Creation.readDouble(h.strided(), h.offset);
    }

    static long itemLong(Tensor t) {
        Tensor h = hostScalar(t);
        return Creation.readLong(h.strided(), h.offset);
    }

    // ---------------------------------------------------------------- unary

    private static DType unaryResultType(UnaryOp op, DType in) {
        if (op == UnaryOp.LOGICAL_NOT) return DType.BOOL;
        if (in == DType.BOOL) {
            switch (op) {
                case NEG -> throw new IllegalArgumentException("Negation, the `-` operator, on a bool tensor is not supported. "
                        + "If you are trying to invert a mask, use the `~` or `logical_not()` operator instead.");
                case RELU -> throw new IllegalArgumentException("Boolean inputs not supported for relu");
                case ABS -> throw notImplemented("abs_cpu", in);
                case FLOOR, CEIL, ROUND, TRUNC -> throw notImplemented(op.name().toLowerCase() + "_vml_cpu", in);
                case SQUARE -> { return DType.INT64; }
                default -> { }
            }
        }
        if (!in.isFloatingPoint()) {
            // PyTorch implements these activations for floating types only, without promotion.
            if (op == UnaryOp.GELU) throw notImplemented("GeluKernelImpl", in);
            if (op == UnaryOp.SILU) throw notImplemented("silu_cpu", in);
            if (op.floatOnly()) return Torch.getDefaultDtype();
        }
        if (op == UnaryOp.BITWISE_NOT && in.isFloatingPoint()) throw notImplemented("bitwise_not_cpu", in);
        return in;
    }

    /** PyTorch's message for a kernel without an implementation for a dtype. */
    static IllegalArgumentException notImplemented(String kernel, DType dtype) {
        return new IllegalArgumentException("\"" + kernel + "\" not implemented for '" + TypePromotion.shortName(dtype) + "'");
    }

    private static Tensor unaryRaw(UnaryOp op, Tensor x, DType outType) {
        Backend be = backend(x);
        if (op == UnaryOp.BITWISE_NOT && x.dtype == DType.BOOL) op = UnaryOp.LOGICAL_NOT;
        DType compute = op == UnaryOp.LOGICAL_NOT ? x.dtype.computeType() : outType.computeType();
        Strided in = operand(x, compute, x.shape);
        Tensor out = Tensor.allocateForWrite(x.shape, op == UnaryOp.LOGICAL_NOT ? DType.BOOL : compute, x.device());
        be.unary(op, in, out.strided());
        return out.dtype == outType ? out : castRaw(out, outType);
    }

    static Tensor unary(UnaryOp op, Tensor x) {
        if (Autocast.maybeActive() && Autocast.redo(AutocastOp.ofUnary(op),
                t -> unary(op, t[0]), x) instanceof Tensor r) return r;
        Tensor out = unaryRaw(op, x, unaryResultType(op, x.dtype));
        Autograd.record(new Op.Unary(op), new Tensor[]{x}, out);
        return out;
    }

    static Tensor unaryInPlace(UnaryOp op, Tensor x) {
        Autograd.checkInPlace(x, new Op.Unary(op));
        DType rt = unaryResultType(op, x.dtype);
        if (!TypePromotion.canCast(rt, x.dtype)) throw cannotCast(rt, x.dtype);
        if (x.dtype == x.dtype.computeType() && x.dtype.isFloatingPoint() && noInternalOverlap(x)) {
            backend(x).unary(op, x.strided(), x.strided());
            return written(x, new Op.Unary(op), x);
        }
        return writeBack(x, unaryRaw(op, x, rt), new Op.Unary(op), x);
    }

    static Tensor logicalNot(Tensor x) {
        return unaryRaw(UnaryOp.LOGICAL_NOT, x, DType.BOOL);
    }

    // ---------------------------------------------------------------- binary

    private static DType binaryResultType(BinaryOp op, Tensor a, Tensor b) {
        DType rt = TypePromotion.resultType(a, b);
        boolean aBool = a.dtype == DType.BOOL, bBool = b.dtype == DType.BOOL;
        switch (op) {
            case DIV, ATAN2, COPYSIGN -> { if (!rt.isFloatingPoint()) return Torch.getDefaultDtype(); }
            case HYPOT -> { if (!rt.isFloatingPoint()) throw notImplemented("hypot_cpu", rt); }
            case SUB -> {
                if (aBool && bBool) {
                    throw new IllegalArgumentException("Subtraction, the `-` operator, with two bool tensors is not supported. "
                            + "Use the `^` or `logical_xor()` operator instead.");
                }
                if (aBool || bBool) {
                    throw new IllegalArgumentException("Subtraction, the `-` operator, with a bool tensor is not supported. "
                            + "If you are trying to invert a mask, use the `~` or `logical_not()` operator instead.");
                }
            }
            case REMAINDER, FMOD -> { if (rt == DType.BOOL) throw notImplemented(op.name().toLowerCase() + "_cpu", rt); }
            case POW -> {
                if (rt == DType.BOOL) throw notImplemented("pow", rt);
                // As PyTorch: a negative Python-integer exponent of an integer tensor is an error (a tensor exponent is not).
                if (!rt.isFloatingPoint() && b.isWrappedNumber() && !b.dtype.isFloatingPoint() && itemLong(b) < 0) {
                    throw new IllegalArgumentException("Integers to negative integer powers are not allowed.");
                }
            }
            case BITWISE_AND, BITWISE_OR, BITWISE_XOR -> {
                if (rt.isFloatingPoint()) throw notImplemented(op.name().toLowerCase() + "_cpu", rt);
            }
            default -> { }
        }
        return rt;
    }

    /** Computes op(a, b) into a fresh tensor of {@code outType}, unrecorded. */
    private static Tensor binaryRaw(BinaryOp op, Tensor a, Tensor b, DType outType, DType computeFrom) {
        Backend be = backend(a, b);
        long[] shape = Broadcast.shapes(a.shape, b.shape);
        DType compute = computeFrom.computeType();
        Device dev = commonDevice(a, b);
        if (computeFrom != compute) {
            // As PyTorch, each operand is first cast to the common dtype, then computed on: against a uint8 tensor a
            // 0-dim -2 is 254 (so x < -2 is true and minimum(x, -2) is x), against float16 a float64 scalar rounds to half
            if (a.dtype != computeFrom) a = castRaw(a, computeFrom);
            if (b.dtype != computeFrom) b = castRaw(b, computeFrom);
        }
        Tensor out = Tensor.allocateForWrite(shape, op.producesBool() ? DType.BOOL : compute, dev);
        be.binary(op, operand(a, compute, shape, dev), operand(b, compute, shape, dev), out.strided());
        return out.dtype == outType ? out : castRaw(out, outType);
    }

    static Tensor binary(BinaryOp op, Tensor a, Tensor b) {
        if (Autocast.maybeActive()
                && op == BinaryOp.POW && Autocast.redo(AutocastOp.POW,
                t -> binary(op, t[0], t[1]), a, b) instanceof Tensor r) return r;
        DType rt = binaryResultType(op, a, b);
        Tensor out = binaryRaw(op, a, b, rt, rt);
        Autograd.record(new Op.Binary(op), new Tensor[]{a, b}, out);
        return out;
    }

    /**
     * {@code op(a, b)} written into {@code out}, PyTorch's {@code out=}: out takes the broadcast shape (resized when it
     * differs), keeps its dtype (the result must cast to it) and records no history. Straight into out when it is
     * the result's compute type, else through a temporary; an out that aliases part of an input is refused.
     */
    static Tensor binaryOut(BinaryOp op, Tensor a, Tensor b, Tensor out) {
        checkOut(op.name().toLowerCase(java.util.Locale.ROOT), out, a, b);
        DType rt = binaryResultType(op, a, b);
        DType produced = op.producesBool() ? DType.BOOL : rt;
        if (!TypePromotion.canCast(produced, out.dtype)) throw cannotCast(produced, out.dtype);
        long[] shape = Broadcast.shapes(a.shape, b.shape);
        checkOverlap(out, a, b); // before the resize: a refused call leaves out as it was
        if (!Arrays.equals(shape, out.shape)) out.resize_(shape);
        if (!op.producesBool() && out.dtype == rt && rt == rt.computeType()) {
            backend(a, b).binary(op, operand(a, rt, shape, out.device()), operand(b, rt, shape, out.device()), out.strided());
        } else {
            Tensor r = binaryRaw(op, a, b, rt, rt);
            Backends.forDevice(out.device()).copy(r.strided(), out.strided());
        }
        out.version.bump();
        return out;
    }

    /** {@code op(x)} written into {@code out} (PyTorch's {@code out=}), as {@link #binaryOut}. */
    static Tensor unaryOut(UnaryOp op, Tensor x, Tensor out) {
        checkOut(op.name().toLowerCase(java.util.Locale.ROOT), out, x);
        DType rt = unaryResultType(op, x.dtype);
        if (!TypePromotion.canCast(rt, out.dtype)) throw cannotCast(rt, out.dtype);
        checkOverlap(out, x);
        if (!Arrays.equals(x.shape, out.shape)) out.resize_(x.shape);
        if (out.dtype == rt && rt == rt.computeType() && op != UnaryOp.LOGICAL_NOT && op != UnaryOp.BITWISE_NOT) {
            backend(x).unary(op, operand(x, rt, x.shape), out.strided());
        } else {
            Backends.forDevice(out.device()).copy(unaryRaw(op, x, rt).strided(), out.strided());
        }
        out.version.bump();
        return out;
    }

    /** PyTorch's refusals for out=: history, and another device. */
    static void checkOut(String name, Tensor out, Tensor... inputs) {
        boolean grads = out.requiresGrad();
        for (Tensor t : inputs) grads |= t.requiresGrad();
        if (grads && GradMode.isEnabled()) {
            throw new IllegalStateException(name + "(): functions with out=... arguments don't support automatic "
                    + "differentiation, but one of the arguments requires grad.");
        }
        for (Tensor t : inputs) {
            if (!t.isWrappedNumber() && !t.device().equals(out.device())) {
                throw new IllegalArgumentException("Expected all tensors to be on the same device, but found at least two "
                        + "devices, " + out.device() + " and " + t.device() + "!");
            }
        }
    }

    /** PyTorch's refusals of an out= whose elements alias each other or part of an input. */
    static void checkOverlap(Tensor out, Tensor... inputs) {
        if (!noInternalOverlap(out)) {
            throw new IllegalArgumentException("unsupported operation: more than one element of the written-to tensor refers "
                    + "to a single memory location. Please clone() the tensor before performing the operation.");
        }
        for (Tensor in : inputs) {
            if (in.storage == out.storage && !sameLayout(out, in) && in.numel() > 0 && out.numel() > 0
                    && lastElement(in) >= out.offset && lastElement(out) >= in.offset) {
                throw new IllegalArgumentException("unsupported operation: some elements of the input tensor and the "
                        + "written-to tensor refer to a single memory location. Please clone() the tensor before "
                        + "performing the operation.");
            }
        }
    }

    /** Storage index of the view's last element (strides are never negative). */
    private static long lastElement(Tensor t) {
        long last = t.offset;
        for (int i = 0; i < t.shape.length; i++) last += (t.shape[i] - 1) * t.stride[i];
        return last;
    }

    static Tensor binaryInPlace(BinaryOp op, Tensor self, Tensor other) {
        Autograd.checkInPlace(self, new Op.Binary(op), other);
        DType rt = binaryResultType(op, self, other);
        if (!TypePromotion.canCast(rt, self.dtype)) throw cannotCast(rt, self.dtype);
        long[] shape = Broadcast.shapes(self.shape, other.shape);
        if (!Arrays.equals(shape, self.shape)) {
            throw new IllegalArgumentException("output with shape " + Shapes.str(self.shape)
                    + " doesn't match the broadcast shape " + Shapes.str(shape));
        }
        // Fast path: write straight into self when it is already the compute type and nothing aliases it partially.
        if (self.dtype.isFloatingPoint() && self.dtype == self.dtype.computeType() && rt == self.dtype
                && noInternalOverlap(self) && (other.storage != self.storage || sameLayout(self, other))) {
            Backend be = backend(self, other);
            be.binary(op, self.strided(), operand(other, self.dtype, shape, self.device()), self.strided());
            return written(self, new Op.Binary(op), self, other);
        }
        return writeBack(self, binaryRaw(op, self, other, rt, rt), new Op.Binary(op), self, other);
    }

    private static boolean noInternalOverlap(Tensor t) {
        for (int i = 0; i < t.shape.length; i++) if (t.stride[i] == 0 && t.shape[i] > 1) return false;
        return true;
    }

    private static boolean sameLayout(Tensor a, Tensor b) {
        return a.offset == b.offset && Arrays.equals(a.shape, b.shape) && Arrays.equals(a.stride, b.stride);
    }

    static Tensor addScaled(Tensor a, Tensor b, double alpha, boolean inPlace) {
        if (alpha != Math.rint(alpha) && !a.dtype.isFloatingPoint() && !b.dtype.isFloatingPoint()) {
            throw new IllegalArgumentException("For integral input tensors, argument alpha must not be a floating point number.");
        }
        Tensor scaled = alpha == 1 ? b : b.mul(alpha == Math.rint(alpha) && !b.dtype.isFloatingPoint()
                ? Torch.scalar((long) alpha) : Torch.scalar(alpha));
        return inPlace ? binaryInPlace(BinaryOp.ADD, a, scaled) : binary(BinaryOp.ADD, a, scaled);
    }

    static Tensor div(Tensor a, Tensor b, String roundingMode, boolean inPlace) {
        BinaryOp op;
        if (roundingMode == null) op = BinaryOp.DIV;
        else if (roundingMode.equals("trunc")) op = BinaryOp.DIV_TRUNC;
        else if (roundingMode.equals("floor")) op = BinaryOp.DIV_FLOOR;
        else {
            throw new IllegalArgumentException("div expected rounding_mode to be one of None, 'trunc', or 'floor' but found '"
                    + roundingMode + "'");
        }
        return inPlace ? binaryInPlace(op, a, b) : binary(op, a, b);
    }

    static Tensor compare(BinaryOp op, Tensor a, Tensor b) {
        DType rt = TypePromotion.resultType(a, b);
        Tensor out = binaryRaw(op, a, b, DType.BOOL, rt);
        Autograd.record(new Op.Compare(op), new Tensor[]{a, b}, out);
        return out;
    }

    static Tensor bitwise(BinaryOp op, Tensor a, Tensor b) { return binary(op, a, b); }

    // ---------------------------------------------------------------- clamp, where, fill, copy

    static Tensor clamp(Tensor x, Double min, Double max, boolean inPlace) {
        if (min == null && max == null) {
            throw new IllegalArgumentException("torch.clamp: At least one of 'min' or 'max' must not be None");
        }
        DType rt = TypePromotion.resultType(x, min == null ? Torch.scalar(0L) : scalarLike(min),
                max == null ? Torch.scalar(0L) : scalarLike(max));
        if (inPlace) {
            Autograd.checkInPlace(x, new Op.Clamp(min, max));
            if (!TypePromotion.canCast(rt, x.dtype)) throw cannotCast(rt, x.dtype);
        }
        DType compute = rt.computeType();
        Tensor out = Tensor.allocateForWrite(x.shape, compute, x.device());
        backend(x).clamp(operand(x, compute, x.shape), min, max, out.strided());
        Op op = new Op.Clamp(min, max);
        if (inPlace) return writeBack(x, out, op, x);
        Tensor res = out.dtype == rt ? out : castRaw(out, rt);
        Autograd.record(op, new Tensor[]{x}, res);
        return res;
    }

    private static Tensor scalarLike(double v) {
        return v == Math.rint(v) && Math.abs(v) < 0x1p53 ? Torch.scalar((long) v) : Torch.scalar(v);
    }

    static Tensor where(Tensor cond, Tensor a, Tensor b) {
        if (cond.dtype != DType.BOOL && cond.dtype != DType.UINT8) {
            throw new IllegalArgumentException("where expected condition to be a boolean tensor, but got a tensor with dtype "
                    + TypePromotion.shortName(cond.dtype));
        }
        Backend be = backend(cond, a, b);
        DType rt = TypePromotion.resultType(a, b);
        long[] shape = Broadcast.shapes(cond.shape, a.shape, b.shape);
        Device dev = commonDevice(cond, a, b);
        Tensor out = Tensor.allocateForWrite(shape, rt, dev);
        be.where(operand(cond, DType.BOOL, shape, dev), operand(a, rt, shape, dev), operand(b, rt, shape, dev), out.strided());
        Autograd.record(new Op.Where(), new Tensor[]{cond, a, b}, out);
        return out;
    }

    /** aten's threshold_backward: {@code self <= threshold ? 0 : grad}, broadcast, in the promoted floating dtype. */
    static Tensor thresholdBackward(Tensor grad, Tensor self, double threshold) {
        DType rt = TypePromotion.resultType(grad, self);
        if (!rt.isFloatingPoint()) throw notImplemented("threshold_backward", rt);
        Backend be = backend(grad, self);
        long[] shape = Broadcast.shapes(grad.shape, self.shape);
        Device dev = commonDevice(grad, self);
        DType compute = rt.computeType();
        Tensor out = Tensor.allocateForWrite(shape, compute, dev);
        if (out.numel() > 0) {
            be.thresholdBackward(operand(grad, compute, shape, dev), operand(self, compute, shape, dev), threshold, out.strided());
        }
        Tensor res = out.dtype == rt ? out : castRaw(out, rt);
        Autograd.record(new Op.ThresholdBackward(threshold), new Tensor[]{grad, self}, res);
        return res;
    }

    static Tensor fill(Tensor t, double value) {
        Autograd.checkInPlace(t);
        fillRaw(t, value);
        return written(t, new Op.Fill(value), t);
    }

    static Tensor fill(Tensor t, long value) {
        Autograd.checkInPlace(t);
        fillRaw(t, value);
        return written(t, new Op.Fill(value), t);
    }

    static Tensor copyInto(Tensor dst, Tensor src) {
        Autograd.checkInPlace(dst);
        long[] st = Broadcast.expandedStrides(src.shape, src.stride, dst.shape);
        Tensor s = src.storage == dst.storage ? castRaw(src, src.dtype) : src; // overlapping copies go through a temporary
        if (s != src) st = Broadcast.expandedStrides(s.shape, s.stride, dst.shape);
        Strided from = new Strided(s.storage, s.dtype, dst.shape, st, s.offset);
        Backend be = dst.device().isCpu() ? Backends.forDevice(s.device()) : Backends.forDevice(dst.device());
        be.copy(from, dst.strided());
        return written(dst, new Op.CopyInto(), dst, src);
    }

    // ---------------------------------------------------------------- whole-tensor predicates

    static boolean equal(Tensor a, Tensor b) {
        if (!Arrays.equals(a.shape, b.shape)) return false;
        try (var g = GradMode.noGrad()) {
            return a.numel() == 0 || compare(BinaryOp.EQ, a, b).all().itemBoolean();
        }
    }

    static Tensor isclose(Tensor a, Tensor b, double rtol, double atol, boolean equalNan) {
        try (var g = GradMode.noGrad()) {
            Tensor x = a.to(DType.FLOAT64), y = b.to(DType.FLOAT64);
            Broadcast.shapes(x.shape, y.shape);
            Tensor diff = x.sub(y).abs();
            Tensor tol = y.abs().mul(rtol).add(atol);
            Tensor close = diff.le(tol).logicalOr(x.eq(y));
            return equalNan ? close.logicalOr(x.isnan().logicalAnd(y.isnan())) : close;
        }
    }
}
