package dev.jtorch;

import static dev.jtorch.DType.*;

/**
 * PyTorch's type promotion: {@code promote_types} for two dtypes, and {@code result_type} over
 * operands in three categories (tensors with dims, zero-dim tensors, wrapped Java scalars), where a
 * lower category only wins when it is of a higher kind (bool &lt; integral &lt; floating).
 */
final class TypePromotion {
    private TypePromotion() {}

    static DType promote(DType a, DType b) {
        if (a == b) return a;
        if (a == BOOL) return b;
        if (b == BOOL) return a;
        if (a.isFloatingPoint() || b.isFloatingPoint()) {
            if (!a.isFloatingPoint()) return b;
            if (!b.isFloatingPoint()) return a;
            if (a == FLOAT64 || b == FLOAT64) return FLOAT64;
            return FLOAT32; // f16 + bf16, or either with f32
        }
        // both integral
        if (a == UINT8 || b == UINT8) {
            DType other = a == UINT8 ? b : a;
            return other == INT8 ? INT16 : other;
        }
        return rank(a) >= rank(b) ? a : b;
    }

    private static int rank(DType t) {
        return switch (t) {
            case INT8 -> 1;
            case INT16 -> 2;
            case INT32 -> 3;
            case INT64 -> 4;
            default -> 0;
        };
    }

    /** The dtype of {@code op(a, b)} for an elementwise op. */
    static DType resultType(Tensor... operands) {
        DType dimResult = null, zeroResult = null, wrappedResult = null;
        for (Tensor t : operands) {
            if (t.isWrappedNumber()) {
                DType cur = t.dtype().isFloatingPoint() ? Torch.getDefaultDtype() : t.dtype();
                wrappedResult = wrappedResult == null ? cur : promote(wrappedResult, cur);
            } else if (t.dim() == 0) {
                zeroResult = zeroResult == null ? t.dtype() : promote(zeroResult, t.dtype());
            } else {
                dimResult = dimResult == null ? t.dtype() : promote(dimResult, t.dtype());
            }
        }
        return combine(dimResult, combine(zeroResult, wrappedResult));
    }

    private static DType combine(DType higher, DType lower) {
        if (higher == null) return lower;
        if (lower == null) return higher;
        if (higher.isFloatingPoint()) return higher;
        if (higher == BOOL || lower.isFloatingPoint()) return promote(higher, lower);
        return higher;
    }

    /** PyTorch's {@code canCast}: no float to integral, no non-bool to bool. */
    static boolean canCast(DType from, DType to) {
        if (from.isFloatingPoint() && !to.isFloatingPoint()) return false;
        return from == BOOL || to != BOOL;
    }

    /** PyTorch's short type names used in messages: Float, Long, Bool ... */
    static String shortName(DType t) {
        return switch (t) {
            case FLOAT32 -> "Float";
            case FLOAT64 -> "Double";
            case FLOAT16 -> "Half";
            case BFLOAT16 -> "BFloat16";
            case INT8 -> "Char";
            case UINT8 -> "Byte";
            case INT16 -> "Short";
            case INT32 -> "Int";
            case INT64 -> "Long";
            case BOOL -> "Bool";
        };
    }

    /** The C++ type names PyTorch prints in some messages (caffe2::TypeMeta): float, long int ... */
    static String cppName(DType t) {
        return switch (t) {
            case FLOAT32 -> "float";
            case FLOAT64 -> "double";
            case FLOAT16 -> "c10::Half";
            case BFLOAT16 -> "c10::BFloat16";
            case INT8 -> "signed char";
            case UINT8 -> "unsigned char";
            case INT16 -> "short int";
            case INT32 -> "int";
            case INT64 -> "long int";
            case BOOL -> "bool";
        };
    }
}
