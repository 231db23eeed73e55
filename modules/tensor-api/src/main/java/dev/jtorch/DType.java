package dev.jtorch;

/**
 * Element types, named as PyTorch names them. {@code FLOAT32} is the default floating type.
 * Half types (float16, bfloat16) are stored as 16-bit values and computed in float32.
 */
public enum DType {
    FLOAT32("float32", 4, Kind.FLOAT),
    FLOAT64("float64", 8, Kind.FLOAT),
    FLOAT16("float16", 2, Kind.FLOAT),
    BFLOAT16("bfloat16", 2, Kind.FLOAT),
    INT8("int8", 1, Kind.INT),
    UINT8("uint8", 1, Kind.INT),
    INT16("int16", 2, Kind.INT),
    INT32("int32", 4, Kind.INT),
    INT64("int64", 8, Kind.INT),
    BOOL("bool", 1, Kind.BOOL);

    /** Category used by type promotion: bool &lt; integral &lt; floating. */
    public enum Kind { BOOL, INT, FLOAT }

    private final String pyName;
    private final int itemSize;
    private final Kind kind;

    DType(String pyName, int itemSize, Kind kind) {
        this.pyName = pyName;
        this.itemSize = itemSize;
        this.kind = kind;
    }

    /** PyTorch's name without the module prefix, e.g. {@code float32}. */
    public String pyName() { return pyName; }

    /** Bytes per element. */
    public int itemSize() { return itemSize; }

    public Kind kind() { return kind; }

    public boolean isFloatingPoint() { return kind == Kind.FLOAT; }

    /** True for integer types, excluding bool (as {@code torch.is_floating_point}'s complement minus bool). */
    public boolean isIntegral() { return kind == Kind.INT; }

    public boolean isBool() { return kind == Kind.BOOL; }

    /** True for the half types that are computed in float32. */
    public boolean isReducedFloat() { return this == FLOAT16 || this == BFLOAT16; }

    /** The Java-side type that kernels compute in: FLOAT64, FLOAT32 or INT64. */
    public DType computeType() {
        return switch (kind) {
            case FLOAT -> this == FLOAT64 ? FLOAT64 : FLOAT32;
            case INT, BOOL -> INT64;
        };
    }

    /** As PyTorch prints it: {@code torch.float32}. */
    @Override
    public String toString() { return "torch." + pyName; }

    /** Parses {@code float32}, {@code torch.float}, {@code long}, {@code half} ... as PyTorch's aliases do. */
    public static DType of(String name) {
        String n = name.startsWith("torch.") ? name.substring(6) : name;
        return switch (n) {
            case "float32", "float" -> FLOAT32;
            case "float64", "double" -> FLOAT64;
            case "float16", "half" -> FLOAT16;
            case "bfloat16" -> BFLOAT16;
            case "int8" -> INT8;
            case "uint8" -> UINT8;
            case "int16", "short" -> INT16;
            case "int32", "int" -> INT32;
            case "int64", "long" -> INT64;
            case "bool" -> BOOL;
            default -> throw new IllegalArgumentException("unknown dtype '" + name + "'");
        };
    }
}
