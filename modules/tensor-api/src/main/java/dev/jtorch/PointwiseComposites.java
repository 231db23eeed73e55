package dev.jtorch;

import java.util.Arrays;

/**
 * Pointwise ops PyTorch has as kernels of their own, written here in terms of the op table's primitives (so their
 * gradients and every backend come for free): lerp, addcmul, addcdiv, logit, xlogy, sinc, frac, logaddexp, nan_to_num
 * and the isinf family.
 */
final class PointwiseComposites {
    private PointwiseComposites() {}

    // ---------------------------------------------------------------- floating-point classes

    static Tensor isinf(Tensor x) {
        if (!x.isFloatingPoint()) return falses(x);
        return x.eq(Double.POSITIVE_INFINITY).logicalOr(x.eq(Double.NEGATIVE_INFINITY));
    }

    static Tensor isposinf(Tensor x) {
        return x.isFloatingPoint() ? x.eq(Double.POSITIVE_INFINITY) : falses(x);
    }

    static Tensor isneginf(Tensor x) {
        return x.isFloatingPoint() ? x.eq(Double.NEGATIVE_INFINITY) : falses(x);
    }

    static Tensor isfinite(Tensor x) {
        if (!x.isFloatingPoint()) return falses(x).logicalNot();
        return x.isnan().logicalOr(isinf(x)).logicalNot();
    }

    private static Tensor falses(Tensor x) {
        return Torch.zeros(x.shape, DType.BOOL, x.device());
    }

    /**
     * NaN, +inf and -inf replaced (by default with 0 and the dtype's largest and lowest finite values), as
     * torch.nan_to_num; integer and bool tensors come back as a copy. The gradient is zero where a value was replaced.
     */
    static Tensor nanToNum(Tensor x, double nan, Double posinf, Double neginf) {
        if (!x.isFloatingPoint()) return x.clone();
        double max = RandomOps.maxFinite(x.dtype());
        Tensor y = Torch.where(x.isnan(), nan, x);
        y = Torch.where(x.eq(Double.POSITIVE_INFINITY), posinf == null ? max : posinf, y);
        return Torch.where(x.eq(Double.NEGATIVE_INFINITY), neginf == null ? -max : neginf, y);
    }

    // ---------------------------------------------------------------- interpolation and fused multiply-adds

    /**
     * start + weight * (end - start), as torch.lerp: from the nearer end (|weight| &lt; 0.5 from start, else from end)
     * so that weight 1 gives end exactly. Floating tensors of one dtype only, as PyTorch; half types are computed in
     * float32 and rounded once, as PyTorch's kernels do.
     */
    static Tensor lerp(Tensor start, Tensor end, double weight) {
        checkLerpDtypes(start, end, null);
        if (start.dtype().isReducedFloat()) return lerp(start.to(DType.FLOAT32), end.to(DType.FLOAT32), weight).to(start.dtype());
        Tensor diff = end.sub(start);
        return Math.abs(weight) < 0.5 ? start.add(diff.mul(weight)) : end.sub(diff.mul(1 - weight));
    }

    static Tensor lerp(Tensor start, Tensor end, Tensor weight) {
        checkLerpDtypes(start, end, weight);
        if (start.dtype().isReducedFloat()) {
            return lerp(start.to(DType.FLOAT32), end.to(DType.FLOAT32), weight.to(DType.FLOAT32)).to(start.dtype());
        }
        Tensor diff = end.sub(start);
        Tensor fromStart = start.add(weight.mul(diff));
        Tensor fromEnd = end.sub(diff.mul(weight.rsub(1.0)));
        return Torch.where(weight.abs().lt(0.5), fromStart, fromEnd);
    }

    private static void checkLerpDtypes(Tensor start, Tensor end, Tensor weight) {
        if (end.dtype() != start.dtype()) throw expectedDtype(start, "end", end);
        if (weight != null && weight.dtype() != start.dtype()) throw expectedDtype(start, "weight", weight);
        if (!start.isFloatingPoint()) {
            throw Elementwise.notImplemented(weight == null ? "lerp_kernel_scalar" : "lerp_kernel_tensor", start.dtype());
        }
    }

    private static IllegalArgumentException expectedDtype(Tensor self, String name, Tensor other) {
        return new IllegalArgumentException("expected dtype " + TypePromotion.cppName(self.dtype()) + " for `" + name
                + "` but got dtype " + TypePromotion.cppName(other.dtype()));
    }

    /** self + value * t1 * t2, as torch.addcmul (value is cast to an integer for an integral result, as PyTorch). */
    static Tensor addcmul(Tensor self, Tensor t1, Tensor t2, double value) {
        return self.add(scaled(t1.mul(t2), value, self));
    }

    /** self + value * t1 / t2, as torch.addcdiv; integer t1 and t2 are refused with PyTorch's message. */
    static Tensor addcdiv(Tensor self, Tensor t1, Tensor t2, double value) {
        if (!t1.isFloatingPoint() && !t2.isFloatingPoint()) {
            throw new IllegalArgumentException("Integer division with addcdiv is no longer supported, and in a future  "
                    + "release addcdiv will perform a true division of tensor1 and tensor2. The historic addcdiv "
                    + "behavior can be implemented as (input + value * torch.trunc(tensor1 / tensor2)).to(input.dtype) "
                    + "for integer inputs and as (input + value * tensor1 / tensor2) for float inputs. The future "
                    + "addcdiv behavior is just the latter implementation: (input + value * tensor1 / tensor2), for "
                    + "all dtypes.");
        }
        return self.add(scaled(t1.div(t2), value, self));
    }

    /** The product times value; value takes the product's type, which then promotes with self as PyTorch's kernel. */
    private static Tensor scaled(Tensor product, double value, Tensor self) {
        boolean integral = !TypePromotion.resultType(self, product).isFloatingPoint();
        if (value == 1) return product;
        return integral ? product.mul((long) value) : product.mul(value);
    }

    /** The in-place forms: the result must keep self's shape, then it is copied in (recorded as a copy). */
    static Tensor inPlace(Tensor self, Tensor result) {
        if (!Arrays.equals(result.shape, self.shape)) {
            throw new IllegalArgumentException("output with shape " + Shapes.str(self.shape)
                    + " doesn't match the broadcast shape " + Shapes.str(result.shape));
        }
        if (!TypePromotion.canCast(result.dtype(), self.dtype())) throw Elementwise.cannotCast(result.dtype(), self.dtype());
        return self.copy_(result);
    }

    // ---------------------------------------------------------------- logit, xlogy, sinc, frac

    /** A floating tensor as is; an integer or bool one in the default float type (as PyTorch's float-only kernels). */
    static Tensor toFloating(Tensor x) {
        return x.isFloatingPoint() ? x : x.to(Torch.getDefaultDtype());
    }

    /** f over a half-type tensor in float32, rounded back once (as PyTorch's kernels compute half types). */
    private static Tensor inFloat32(Tensor x, java.util.function.UnaryOperator<Tensor> f) {
        return f.apply(x.to(DType.FLOAT32)).to(x.dtype());
    }

    static Tensor logit(Tensor x, Double eps) {
        if (x.dtype().isReducedFloat()) return inFloat32(x, z -> logit(z, eps));
        Tensor z = toFloating(x);
        if (eps != null) z = z.clamp(eps.doubleValue(), 1 - eps);
        return z.div(z.rsub(1.0)).log();
    }

    static Tensor xlogy(Tensor x, Tensor y) {
        DType rt = TypePromotion.resultType(x, y);
        DType ft = rt.isFloatingPoint() ? rt : Torch.getDefaultDtype();
        if (ft.isReducedFloat()) return xlogy(x.to(DType.FLOAT32), y.to(DType.FLOAT32)).to(ft);
        Tensor a = x.to(ft), b = y.to(ft);
        return Torch.where(a.eq(0.0).logicalAnd(b.isnan().logicalNot()), 0.0, a.mul(b.log()));
    }

    /** 1 at 0; elsewhere sin(πx)/(πx), computed from a denominator that is never 0 (no NaN gradient at 0). */
    static Tensor sinc(Tensor x) {
        if (x.dtype().isReducedFloat()) return inFloat32(x, PointwiseComposites::sinc);
        Tensor z = toFloating(x);
        Tensor zero = z.eq(0.0);
        Tensor pix = Torch.where(zero, 1.0, z).mul(Math.PI);
        return Torch.where(zero, 1.0, pix.sin().div(pix));
    }

    static Tensor frac(Tensor x) {
        if (!x.isFloatingPoint()) throw Elementwise.notImplemented("frac_cpu", x.dtype());
        return x.sub(x.trunc());
    }

    // ---------------------------------------------------------------- logaddexp

    /**
     * log(exp(a) + exp(b)) without overflow: max + log1p(exp(-|a - b|)); equal infinities give themselves. PyTorch
     * 1.13 has log(1 + exp(..)) there, which loses digits when a and b are far apart; later releases use log1p too.
     * Half types are computed in float32 and rounded once.
     */
    static Tensor logaddexp(Tensor a, Tensor b) {
        DType rt = TypePromotion.resultType(a, b);
        if (!rt.isFloatingPoint()) throw Elementwise.notImplemented("logaddexp_cpu", rt);
        if (rt.isReducedFloat()) return logaddexp(a.to(DType.FLOAT32), b.to(DType.FLOAT32)).to(rt);
        a = a.to(rt); // a bool or integer operand is promoted first (bool has no subtraction)
        b = b.to(rt);
        Tensor m = a.maximum(b);
        Tensor rest = a.sub(b).abs().neg().exp().log1p();
        Tensor sameInfinity = a.eq(b).logicalAnd(isinf(a));
        return Torch.where(sameInfinity, a, m.add(rest));
    }
}
