package dev.jtorch;

/** The value range of each integral dtype (bool is 0..1). */
final class IntRange {
    private IntRange() {}

    static long min(DType dtype) {
        return switch (dtype) {
            case INT8 -> Byte.MIN_VALUE;
            case INT16 -> Short.MIN_VALUE;
            case INT32 -> Integer.MIN_VALUE;
            case INT64 -> Long.MIN_VALUE;
            case UINT8, BOOL -> 0;
            default -> throw new IllegalArgumentException(dtype + " is not an integral type");
        };
    }

    static long max(DType dtype) {
        return switch (dtype) {
            case INT8 -> Byte.MAX_VALUE;
            case INT16 -> Short.MAX_VALUE;
            case INT32 -> Integer.MAX_VALUE;
            case INT64 -> Long.MAX_VALUE;
            case UINT8 -> 255;
            case BOOL -> 1;
            default -> throw new IllegalArgumentException(dtype + " is not an integral type");
        };
    }
}
