package dev.jtorch.demo;

import java.util.List;
import java.util.Locale;

/** Line charts drawn side by side on one {@link Canvas}: axes with round-number ticks, one or more series each. */
final class Chart {
    private Chart() {}

    static final int WHITE = 0xffffff, INK = 0x222222, GRID = 0xe4e4e4, BLUE = 0x1f77b4, ORANGE = 0xff7f0e, GREEN = 0x2ca02c;

    /** One line (or, with a single point, a dot) of (x, y) values. */
    record Series(String name, int color, double[] x, double[] y) {}

    /** One chart: a title, an x-axis label and its series. */
    record Panel(String title, String xLabel, List<Series> series) {}

    static Canvas render(List<Panel> panels, int panelWidth, int height) {
        Canvas canvas = new Canvas(panelWidth * panels.size(), height, WHITE);
        for (int i = 0; i < panels.size(); i++) draw(canvas, panels.get(i), i * panelWidth, panelWidth, height);
        return canvas;
    }

    private static void draw(Canvas c, Panel p, int left, int width, int height) {
        int plotLeft = left + 70, plotRight = left + width - 20, plotTop = 60, plotBottom = height - 60;
        c.text(left + (width - Canvas.textWidth(p.title(), 2)) / 2, 14, p.title(), 2, INK);
        double xMin = Double.POSITIVE_INFINITY, xMax = Double.NEGATIVE_INFINITY, yMin = Double.POSITIVE_INFINITY, yMax = Double.NEGATIVE_INFINITY;
        for (Series s : p.series()) {
            for (double v : s.x()) { xMin = Math.min(xMin, v); xMax = Math.max(xMax, v); }
            for (double v : s.y()) if (Double.isFinite(v)) { yMin = Math.min(yMin, v); yMax = Math.max(yMax, v); }
        }
        if (!(xMin <= xMax)) { xMin = 0; xMax = 1; }
        if (!(yMin <= yMax)) { yMin = 0; yMax = 1; }
        if (xMax - xMin < 1e-12) { xMin -= 0.5; xMax += 0.5; }
        if (yMax - yMin < 1e-12) { yMin -= 0.5; yMax += 0.5; }
        double[] yTicks = ticks(yMin, yMax), xTicks = ticks(xMin, xMax);
        yMin = Math.min(yMin, yTicks[0]);
        yMax = Math.max(yMax, yTicks[yTicks.length - 1]);
        Axis x = new Axis(xMin, xMax, plotLeft, plotRight), y = new Axis(yMin, yMax, plotBottom, plotTop);
        for (double t : yTicks) {
            int py = (int) Math.round(y.map(t));
            c.line(plotLeft, py, plotRight, py, 1, GRID);
            String label = format(t, yTicks);
            c.text(plotLeft - 8 - Canvas.textWidth(label, 1), py - 3, label, 1, INK);
        }
        for (double t : xTicks) {
            if (t < xMin - 1e-9 || t > xMax + 1e-9) continue;
            int px = (int) Math.round(x.map(t));
            c.line(px, plotTop, px, plotBottom, 1, GRID);
            String label = format(t, xTicks);
            c.text(px - Canvas.textWidth(label, 1) / 2, plotBottom + 8, label, 1, INK);
        }
        c.line(plotLeft, plotTop, plotLeft, plotBottom, 1, INK);
        c.line(plotLeft, plotBottom, plotRight, plotBottom, 1, INK);
        c.text((plotLeft + plotRight - Canvas.textWidth(p.xLabel(), 1)) / 2, plotBottom + 26, p.xLabel(), 1, INK);
        int legendRight = plotRight; // the legend: one row between the title and the plot, right-aligned
        for (Series s : p.series().reversed()) {
            int lx = legendRight - Canvas.textWidth(s.name(), 1) - 20;
            c.fillRect(lx, plotTop - 14, 14, 3, s.color());
            c.text(lx + 20, plotTop - 16, s.name(), 1, INK);
            legendRight = lx - 16;
        }
        for (Series s : p.series()) {
            for (int k = 1; k < s.x().length; k++) c.line(x.map(s.x()[k - 1]), y.map(s.y()[k - 1]), x.map(s.x()[k]), y.map(s.y()[k]), 2, s.color());
            if (s.x().length <= 20) for (int k = 0; k < s.x().length; k++) c.dot(x.map(s.x()[k]), y.map(s.y()[k]), 3, s.color());
        }
    }

    private record Axis(double min, double max, double from, double to) {
        double map(double v) { return from + (v - min) / (max - min) * (to - from); }
    }

    /** About five round-number ticks (1, 2 or 5 times a power of ten) covering [min, max]. */
    static double[] ticks(double min, double max) {
        double raw = (max - min) / 5, power = Math.pow(10, Math.floor(Math.log10(raw))), step;
        double m = raw / power;
        step = (m < 1.5 ? 1 : m < 3 ? 2 : m < 7 ? 5 : 10) * power;
        double first = Math.floor(min / step) * step, last = Math.ceil(max / step) * step;
        int n = (int) Math.round((last - first) / step) + 1;
        double[] t = new double[n];
        for (int i = 0; i < n; i++) t[i] = first + i * step;
        return t;
    }

    private static String format(double v, double[] ticks) {
        double step = ticks.length > 1 ? ticks[1] - ticks[0] : 1;
        int decimals = Math.max(0, (int) Math.ceil(-Math.log10(step) - 1e-9));
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }
}
