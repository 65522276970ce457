package io.genrec.cli;

import io.genrec.model.ProgressListener;

import java.io.PrintStream;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * A one-line progress bar on stderr: stage, bar, done/total, the one ETA, elapsed time and the model's detail (e.g.
 * loss). The ETA comes from the observed rate of the current stage only (work done since the stage began over the
 * time since; a stage interleaved with another, like training with per-epoch validation, keeps its clock), and is
 * shown only once the stage has run at least {@value #MIN_ETA_SECONDS} s and done {@value #MIN_ETA_PERCENT}% and
 * {@value #MIN_ETA_UNITS} units of its work: an estimate from the first batch (with warm-up and JIT) is noise. Redrawn at most 5 times a second; on a non-terminal stderr it prints a plain
 * line at most every 5 seconds instead.
 */
final class ProgressBar implements ProgressListener {
    static final int MIN_ETA_SECONDS = 3;
    static final int MIN_ETA_PERCENT = 3;
    /** A stage of a few uneven steps (EASE: Gram matrix, inverse, weights) gives no usable rate. */
    static final int MIN_ETA_UNITS = 5;
    private final PrintStream out;
    private final boolean terminal;
    private final LongSupplier clock;
    private String stage = "";
    /** Per stage: start time, done at start, total, last done; a stage is continued while total stays and done grows. */
    private final Map<String, long[]> stages = new HashMap<>();
    private long lastDraw;
    private boolean drawn;
    private boolean open;

    ProgressBar(PrintStream out) { this(out, System.console() != null, System::nanoTime); }

    /** @param clock nanoseconds, for tests */
    ProgressBar(PrintStream out, boolean terminal, LongSupplier clock) {
        this.out = out;
        this.terminal = terminal;
        this.clock = clock;
    }

    @Override
    public synchronized void progress(String stage, long done, long total, String detail) {
        long now = clock.getAsLong();
        if (!stage.equals(this.stage)) {
            finishLine();
            this.stage = stage;
            drawn = false;
        }
        long[] st = stages.get(stage);
        if (st == null || st[2] != total || done < st[3]) stages.put(stage, st = new long[] {now, done, total, done});
        st[3] = done;
        boolean last = total > 0 && done >= total;
        long interval = terminal ? 200_000_000L : 5_000_000_000L;
        if (!last && drawn && now - lastDraw < interval) return;
        lastDraw = now;
        drawn = true;
        double secs = (now - st[0]) / 1e9;
        long progressed = done - st[1];
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%-10s", stage));
        if (total > 0) {
            double frac = Math.min(1, (double) done / total);
            int width = 24, full = (int) Math.round(frac * width);
            sb.append(" [").append("#".repeat(full)).append(".".repeat(width - full)).append("] ");
            sb.append(String.format(Locale.ROOT, "%d/%d", done, total));
            if (!last && secs >= MIN_ETA_SECONDS && progressed >= MIN_ETA_UNITS && progressed * 100.0 / total >= MIN_ETA_PERCENT)
                sb.append(" ETA ").append(duration(secs * (total - done) / progressed));
        } else {
            sb.append(' ').append(done);
        }
        sb.append(' ').append(duration(secs));
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

    /** 42s, 3m05s, 2h07m: seconds are noise in an hour-long estimate. */
    static String duration(double seconds) {
        long s = Math.round(seconds);
        if (s < 60) return s + "s";
        if (s < 3600) return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        return String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60);
    }

    synchronized void finishLine() {
        if (open) {
            out.println();
            open = false;
        }
    }
}
