package io.genrec.experiment;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.genrec.util.SafeWrites;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Renders an {@link ExperimentReport} as one JSON document or a Markdown leaderboard, and writes both to a folder. */
public final class ReportWriter {
    private static final ObjectMapper JSON = io.genrec.util.Json.MAPPER;

    private ReportWriter() { }

    /** The mapper reports are written with. */
    static ObjectMapper mapper() { return JSON; }

    public static String json(ExperimentReport report) {
        try {
            return JSON.writeValueAsString(report);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A leaderboard table (models in run order), the comparisons, and the reproduction facts. */
    public static String markdown(ExperimentReport report) {
        List<String> metrics = report.metricNames();
        StringBuilder sb = new StringBuilder();
        var d = report.dataset();
        sb.append("Data: ").append(d.name()).append(" (").append(d.users()).append(" users, ").append(d.items())
                .append(" items, ").append(d.trainInteractions()).append(" training interactions, ")
                .append(d.testUsers()).append(" test users; ").append(d.preprocessing()).append(")\n");
        sb.append("Split: ").append(report.split()).append("; ").append(report.evaluation()).append("\n");
        // only when the models moved the protocol away from the usual default (random holdout; given for pre-split data)
        if (report.protocolChosenBecause() != null && !report.protocolChosenBecause().equals("requested")
                && !report.protocol().equals(ProtocolCheck.DEFAULT) && !report.protocol().equals(io.genrec.split.GivenSplit.NAME))
            sb.append("Protocol: ").append(report.protocol()).append(", chosen because ").append(report.protocolChosenBecause()).append("\n");
        String excluded = report.excludedTargets() == null ? null : report.excludedTargets().describe();
        if (excluded != null) sb.append("Seen items: ").append(excluded).append("\n");
        String weights = report.weights() == null ? null : report.weights().describe();
        if (weights != null) sb.append("Weights: ").append(weights).append("\n");
        sb.append('\n');
        sb.append("| model |");
        for (String m : metrics) sb.append(' ').append(m).append(" |");
        sb.append(" fit s | eval s | peak heap MB |\n|---|");
        sb.append("---:|".repeat(metrics.size() + 3)).append('\n');
        for (ModelResult r : report.results()) {
            sb.append("| ").append(r.model()).append(r.fallback() == null ? "" : " ⚠ " + r.fallback().label()).append(" |");
            for (String m : metrics) {
                Double v = r.metrics().get(m);
                sb.append(' ').append(v == null ? "–" : String.format(Locale.ROOT, "%.4f", v)).append(" |");
            }
            sb.append(String.format(Locale.ROOT, " %.2f | %.2f | %.0f |%n", r.fitSeconds(), r.evalSeconds(), r.peakHeapMb()));
        }
        for (ModelResult r : report.results()) {
            if (r.tuning().isEmpty()) continue;
            sb.append("\nValidation-set search for ").append(r.model()).append(" (the test set was not used to choose):\n\n");
            sb.append("| parameters | validation ").append(r.tuning().get(0).metric()).append(" | fit s |\n|---|---:|---:|\n");
            for (TuningTrial t : r.tuning())
                sb.append(String.format(Locale.ROOT, "| %s | %.4f | %.2f |%n", t.params(), t.validationScore(), t.fitSeconds()));
        }
        for (ModelResult r : report.results()) {
            if (r.fallback() == null) continue;
            sb.append(String.format(Locale.ROOT, "%n⚠ %s: %d of %d users (%.1f%%) got a substitute ranking, not the model's own: %s%n",
                    r.model(), r.fallback().users(), r.evaluatedUsers(), 100 * r.fallback().fraction(), r.fallback().reason()));
        }
        if (!report.comparisons().isEmpty()) {
            sb.append("\nPaired comparison with the best model (per-user values, bootstrap 95% CI, paired t-test):\n\n");
            sb.append("| model | vs | metric | mean diff | 95% CI | p |\n|---|---|---|---:|---|---:|\n");
            for (Comparison c : report.comparisons()) {
                sb.append(String.format(Locale.ROOT, "| %s | %s | %s | %+.4f | [%+.4f, %+.4f] | %.3g |%n", c.model(),
                        c.against(), c.metric(), c.meanDifference(), c.ciLow(), c.ciHigh(), c.pValue()));
            }
        }
        sb.append(String.format(Locale.ROOT, "%nGenRec %s (%s), %s, seed %d, %d threads, total %.1f s, %s%n",
                report.genrecVersion(), report.gitCommit(), report.machine(), report.config().seed(),
                report.config().threads(), report.totalSeconds(), report.createdAt()));
        return sb.toString();
    }

    /** Writes {@code results.json} and {@code results.md} into {@code dir}, each atomically; returns the paths. */
    public static List<Path> write(ExperimentReport report, Path dir) throws IOException {
        List<Path> out = new ArrayList<>();
        out.add(SafeWrites.writeString(dir.resolve("results.json"), json(report)));
        out.add(SafeWrites.writeString(dir.resolve("results.md"), markdown(report)));
        return out;
    }
}
