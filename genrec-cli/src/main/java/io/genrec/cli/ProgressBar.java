package io.genrec.cli;

import io.genrec.model.ProgressListener;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A one-line progress bar on stderr: stage, bar, done/total, rate, ETA and the model's detail (e.g. loss). Redrawn at
 * most 5 times a second; on a non-terminal stderr it prints a plain line at most every 5 seconds instead.
 */
final class ProgressBar implements ProgressListener {
    private final PrintStream out;
    private final boolean terminal;
    private String stage = "";
    private long stageStart;
    private long lastDraw;
    private boolean open;

    ProgressBar(PrintStream out) {
        this.out = out;
        this.terminal = System.console() != null;
    }

    @Override
    public synchronized void progress(String stage, long done, long total, String detail) {
        long now = System.nanoTime();
        if (!stage.equals(this.stage)) {
            finishLine();
            this.stage = stage;
            stageStart = now;
            lastDraw = 0;
        }
        boolean last = total > 0 && done >= total;
        long interval = terminal ? 200_000_000L : 5_000_000_000L;
        if (!last && now - lastDraw < interval) return;
        lastDraw = now;
        double secs = (now - stageStart) / 1e9;
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%-10s", stage));
        if (total > 0) {
            double frac = Math.min(1, (double) done / total);
            int width = 24, full = (int) Math.round(frac * width);
            sb.append(" [").append("#".repeat(full)).append(".".repeat(width - full)).append("] ");
            sb.append(String.format(Locale.ROOT, "%d/%d", done, total));
            if (done > 0 && !last) sb.append(String.format(Locale.ROOT, " ETA %.0fs", secs * (total - done) / done));
        } else {
            sb.append(' ').append(done);
        }
        sb.append(String.format(Locale.ROOT, " %.1fs", secs));
        if (detail != null && !detail.isEmpty()) sb.append(' ').append(detail);
        if (terminal) {
            out.print("\r" + sb + "\u001b[K");
            open = true;
            if (last) finishLine();
        } else {
            out.println(sb);
        }
        out.flush();
    }

    synchronized void finishLine() {
        if (open) {
            out.println();
            open = false;
        }
    }
}
