package dev.jtorch.demo;

import java.io.PrintStream;
import java.util.Locale;

/**
 * One epoch's progress: batches done of total, it/s, running loss and ETA. On a terminal one line is redrawn in
 * place with {@code \r} (at most ten times a second); otherwise (a pipe, a log file, CI) a plain line is printed at
 * each tenth of the epoch; {@link Mode#OFF} prints nothing.
 */
final class Progress {
    enum Mode { TERMINAL, LINES, OFF }

    private static final int BAR = 30;
    private static final long REDRAW_NANOS = 100_000_000L;

    private final PrintStream out;
    private final Mode mode;
    private final String label;
    private final long total;
    private final long start = System.nanoTime();
    private long lastDraw;
    private int lastTenth;
    private int lastWidth;

    Progress(PrintStream out, Mode mode, String label, long total) {
        this.out = out;
        this.mode = mode;
        this.label = label;
        this.total = total;
    }

    /** After batch {@code done} (1-based), with the running mean of the loss so far. */
    void update(long done, double runningLoss) {
        long now = System.nanoTime();
        switch (mode) {
            case OFF -> { }
            case TERMINAL -> {
                if (done < total && now - lastDraw < REDRAW_NANOS) return;
                lastDraw = now;
                String line = line(done, runningLoss, now);
                out.print("\r" + line + " ".repeat(Math.max(0, lastWidth - line.length())));
                lastWidth = line.length();
                if (done == total) out.println();
                out.flush();
            }
            case LINES -> {
                int tenth = (int) (done * 10 / total);
                if (tenth == lastTenth && done < total) return;
                lastTenth = tenth;
                out.println(line(done, runningLoss, now));
                out.flush();
            }
        }
    }

    String line(long done, double runningLoss, long now) {
        double seconds = (now - start) / 1e9;
        double rate = seconds > 0 ? done / seconds : 0;
        int filled = (int) (BAR * done / Math.max(1, total));
        String bar = mode == Mode.TERMINAL ? " [" + "#".repeat(filled) + ".".repeat(BAR - filled) + "]" : "";
        String eta = done < total && rate > 0 ? "ETA " + clock((total - done) / rate) : "in " + clock(seconds);
        return String.format(Locale.ROOT, "%s%s %d/%d %3d%% %6.1f it/s loss %.4f %s",
                label, bar, done, total, done * 100 / Math.max(1, total), rate, runningLoss, eta);
    }

    static String clock(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60) : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
