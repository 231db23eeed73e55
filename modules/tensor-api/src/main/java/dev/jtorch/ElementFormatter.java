package dev.jtorch;

/**
 * Formats the elements of one tensor to a common width, as PyTorch's {@code _Formatter}. Floating
 * tensors print in one of three modes chosen from their non-zero finite values: integer mode when all
 * of them are whole ({@code 1.}, {@code -2.}), fixed point with {@code precision} decimals, or
 * scientific notation when the largest/smallest magnitude ratio exceeds 1000, the largest exceeds 1e8
 * or (outside integer mode) the smallest is below 1e-4. A forced {@code sciMode} overrides the choice,
 * but the width stays the one measured in the chosen mode, as in PyTorch.
 */
final class ElementFormatter {
    private final DType dtype;
    private final int precision;
    private boolean intMode = true;
    private boolean sciMode = false;
    private int maxWidth = 1;

    private ElementFormatter(DType dtype, int precision) {
        this.dtype = dtype;
        this.precision = precision;
    }

    /** Measures the first {@code count} of {@code values}: every element that will be shown. */
    static ElementFormatter forIntegral(DType dtype, long[] values, int count) {
        ElementFormatter f = new ElementFormatter(dtype, 0);
        for (int i = 0; i < count; i++) f.maxWidth = Math.max(f.maxWidth, f.plain(values[i]).length());
        return f;
    }

    /** Measures the first {@code count} of {@code values}: every element that will be shown, as doubles. */
    static ElementFormatter forFloating(DType dtype, double[] values, int count, PrintOptions options) {
        ElementFormatter f = new ElementFormatter(dtype, options.precision());
        double min = Double.POSITIVE_INFINITY, max = 0;
        boolean any = false;
        for (int i = 0; i < count; i++) {
            double v = values[i];
            if (!Double.isFinite(v) || v == 0) continue;
            any = true;
            double a = Math.abs(v);
            min = Math.min(min, a);
            max = Math.max(max, a);
            if (v != Math.ceil(v)) f.intMode = false;
        }
        // With nothing to measure PyTorch returns before applying a forced sci_mode.
        if (!any) return f;
        boolean wide = max / min > 1000.0 || max > 1.0e8;
        f.sciMode = f.intMode ? wide : wide || min < 1.0e-4;
        for (int i = 0; i < count; i++) {
            double v = values[i];
            if (!Double.isFinite(v) || v == 0) continue;
            int w;
            if (f.sciMode) w = PythonFloatFormat.scientific(v, f.precision).length();
            else if (f.intMode) w = PythonFloatFormat.fixed(v, 0).length() + 1;
            else w = PythonFloatFormat.fixed(v, f.precision).length();
            f.maxWidth = Math.max(f.maxWidth, w);
        }
        if (options.sciMode() != null) f.sciMode = options.sciMode();
        return f;
    }

    int width() { return maxWidth; }

    /** One floating element, right-aligned to the common width. */
    String format(double v) {
        String s;
        if (sciMode) s = PythonFloatFormat.scientific(v, precision);
        else if (intMode) s = Double.isFinite(v) ? PythonFloatFormat.fixed(v, 0) + "." : PythonFloatFormat.fixed(v, 0);
        else s = PythonFloatFormat.fixed(v, precision);
        return pad(s);
    }

    /** One integral or bool element, right-aligned to the common width. */
    String format(long v) { return pad(plain(v)); }

    private String plain(long v) {
        if (dtype == DType.BOOL) return v != 0 ? "True" : "False";
        return Long.toString(v);
    }

    private String pad(String s) {
        return s.length() >= maxWidth ? s : " ".repeat(maxWidth - s.length()) + s;
    }
}
