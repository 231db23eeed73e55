package dev.jtorch;

/**
 * How tensors print, as {@code torch.set_printoptions}. Immutable: derive changed copies with the
 * {@code with...} methods and install them with {@link Torch#setPrintOptions(PrintOptions)}.
 * <pre>{@code Torch.setPrintOptions(PrintOptions.DEFAULT.withPrecision(2).withSciMode(false)); }</pre>
 *
 * @param precision digits after the decimal point (default 4)
 * @param threshold tensors with more elements than this are summarised with {@code ...}
 *                  (default 1000; {@code Double.POSITIVE_INFINITY} never summarises)
 * @param edgeitems items shown at the start and the end of each summarised dimension (default 3)
 * @param linewidth characters per line before a row wraps (default 80)
 * @param sciMode   {@code null} lets the printer choose scientific notation from the values,
 *                  {@code true}/{@code false} force it on/off
 */
public record PrintOptions(int precision, double threshold, int edgeitems, int linewidth, Boolean sciMode) {

    /** PyTorch's defaults, also {@code profile("default")}. */
    public static final PrintOptions DEFAULT = new PrintOptions(4, 1000, 3, 80, null);

    public PrintOptions {
        if (precision < 0) throw new IllegalArgumentException("precision must be non-negative, got " + precision);
        if (Double.isNaN(threshold)) throw new IllegalArgumentException("threshold must be a number, got NaN");
        if (edgeitems < 0) throw new IllegalArgumentException("edgeitems must be non-negative, got " + edgeitems);
    }

    /**
     * PyTorch's named profiles: {@code default} (precision 4, threshold 1000, edgeitems 3),
     * {@code short} (precision 2, edgeitems 2) and {@code full} (never summarise); all use linewidth 80
     * and automatic scientific notation.
     */
    public static PrintOptions profile(String name) {
        return switch (name) {
            case "default" -> DEFAULT;
            case "short" -> new PrintOptions(2, 1000, 2, 80, null);
            case "full" -> new PrintOptions(4, Double.POSITIVE_INFINITY, 3, 80, null);
            default -> throw new IllegalArgumentException("unknown print profile '" + name
                    + "'; expected one of default, short, full");
        };
    }

    public PrintOptions withPrecision(int precision) {
        return new PrintOptions(precision, threshold, edgeitems, linewidth, sciMode);
    }

    public PrintOptions withThreshold(double threshold) {
        return new PrintOptions(precision, threshold, edgeitems, linewidth, sciMode);
    }

    public PrintOptions withEdgeitems(int edgeitems) {
        return new PrintOptions(precision, threshold, edgeitems, linewidth, sciMode);
    }

    public PrintOptions withLinewidth(int linewidth) {
        return new PrintOptions(precision, threshold, edgeitems, linewidth, sciMode);
    }

    /** {@code null}: automatic; {@code true}/{@code false}: always/never scientific notation. */
    public PrintOptions withSciMode(Boolean sciMode) {
        return new PrintOptions(precision, threshold, edgeitems, linewidth, sciMode);
    }
}
