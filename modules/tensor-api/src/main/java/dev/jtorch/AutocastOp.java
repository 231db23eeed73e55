package dev.jtorch;

import dev.jtorch.ops.UnaryOp;

import static dev.jtorch.CastPolicy.BANNED;
import static dev.jtorch.CastPolicy.FALLTHROUGH;
import static dev.jtorch.CastPolicy.FP32;
import static dev.jtorch.CastPolicy.LOWER_PRECISION_FP;
import static dev.jtorch.CastPolicy.PROMOTE;
import static dev.jtorch.CastPolicy.UNCHANGED;

/**
 * The ops {@link Autocast} knows, each with its policy on the CPU and on CUDA: PyTorch 1.13's tables.
 * CPU column: probed from PyTorch 1.13 under {@code torch.autocast('cpu', torch.bfloat16)} with float32, bfloat16
 * and float16 inputs (tools/golden/gen_autocast_fixtures.py). CUDA column: PyTorch 1.13's CUDA lists
 * ({@code lower_precision_fp}, {@code fp32}, {@code fp32_set_opt_dtype} and {@code fp32_append_dtype} (both as
 * FP32: the result is float32 either way), {@code promote}, {@code banned}); it applies once a CUDA backend exists.
 * Ops not listed are composites (their parts are autocast) or keep their inputs' dtypes (elementwise ops promote
 * by themselves).
 */
public enum AutocastOp {
    // matrix products and convolutions
    MM(LOWER_PRECISION_FP, LOWER_PRECISION_FP),
    MATMUL(LOWER_PRECISION_FP, LOWER_PRECISION_FP),
    BMM(LOWER_PRECISION_FP, LOWER_PRECISION_FP),
    ADDMM(LOWER_PRECISION_FP, LOWER_PRECISION_FP),
    LINEAR(LOWER_PRECISION_FP, LOWER_PRECISION_FP),
    /** conv1d runs through conv2d, as in PyTorch's CPU and CUDA lists both are lower precision. */
    CONV2D(LOWER_PRECISION_FP, LOWER_PRECISION_FP),
    CONV_TRANSPOSE2D(FP32, LOWER_PRECISION_FP),
    MV(UNCHANGED, LOWER_PRECISION_FP),
    DOT(UNCHANGED, PROMOTE),
    EINSUM(FALLTHROUGH, LOWER_PRECISION_FP),
    BILINEAR(UNCHANGED, PROMOTE),
    // joining
    STACK(PROMOTE, FALLTHROUGH),
    // reductions and scans
    PROD(FP32, FP32),
    SUM(UNCHANGED, FP32),
    CUMSUM(UNCHANGED, FP32),
    CUMPROD(UNCHANGED, FP32),
    LOGSUMEXP(UNCHANGED, FP32),
    NORM(UNCHANGED, FP32),
    // pointwise math CUDA keeps in float32
    EXP(FALLTHROUGH, FP32),
    EXPM1(FALLTHROUGH, FP32),
    LOG(FALLTHROUGH, FP32),
    LOG2(FALLTHROUGH, FP32),
    LOG1P(FALLTHROUGH, FP32),
    RECIPROCAL(FALLTHROUGH, FP32),
    RSQRT(FALLTHROUGH, FP32),
    TAN(FALLTHROUGH, FP32),
    ASIN(FALLTHROUGH, FP32),
    ACOS(FALLTHROUGH, FP32),
    SINH(FALLTHROUGH, FP32),
    COSH(FALLTHROUGH, FP32),
    LOG10(FALLTHROUGH, FP32),
    ERFINV(FALLTHROUGH, FP32),
    POW(FALLTHROUGH, FP32),
    // nn: softmax, normalization, distances, resampling
    SOFTMAX(UNCHANGED, FP32),
    LOG_SOFTMAX(UNCHANGED, FP32),
    LAYER_NORM(UNCHANGED, FP32),
    GROUP_NORM(UNCHANGED, FP32),
    BATCH_NORM(UNCHANGED, UNCHANGED),
    COSINE_SIMILARITY(FALLTHROUGH, FP32),
    ADAPTIVE_AVG_POOL2D(UNCHANGED, UNCHANGED),
    INTERPOLATE(UNCHANGED, FP32),
    // nn: losses
    CROSS_ENTROPY(FP32, FP32),
    NLL_LOSS(FP32, FP32),
    MSE_LOSS(FP32, FP32),
    L1_LOSS(FP32, FP32),
    SMOOTH_L1_LOSS(FP32, FP32),
    HUBER_LOSS(FP32, FP32),
    BINARY_CROSS_ENTROPY(FP32, BANNED),
    BINARY_CROSS_ENTROPY_WITH_LOGITS(FP32, FP32),
    KL_DIV(FP32, FP32);

    private final CastPolicy cpu;
    private final CastPolicy cuda;

    AutocastOp(CastPolicy cpu, CastPolicy cuda) {
        this.cpu = cpu;
        this.cuda = cuda;
    }

    /** This op's policy under autocast on {@code deviceType}. */
    public CastPolicy policy(Device.Type deviceType) {
        return switch (deviceType) {
            case CPU -> cpu;
            case CUDA -> cuda;
        };
    }

    /** PyTorch's name of the op, for messages ({@code MSE_LOSS} is {@code mse_loss}). */
    public String pyName() { return name().toLowerCase(java.util.Locale.ROOT); }

    /** The entry of a unary elementwise op, or null when autocast never touches it. */
    static AutocastOp ofUnary(UnaryOp op) {
        return switch (op) {
            case EXP -> EXP;
            case EXPM1 -> EXPM1;
            case LOG -> LOG;
            case LOG2 -> LOG2;
            case LOG1P -> LOG1P;
            case RECIPROCAL -> RECIPROCAL;
            case RSQRT -> RSQRT;
            case TAN -> TAN;
            case ASIN -> ASIN;
            case ACOS -> ACOS;
            case SINH -> SINH;
            case COSH -> COSH;
            case LOG10 -> LOG10;
            case ERFINV -> ERFINV;
            default -> null;
        };
    }
}
