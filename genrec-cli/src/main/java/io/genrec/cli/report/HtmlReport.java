package io.genrec.cli.report;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One self-contained HTML page over one or more eval results (HELM-style holistic view): a scenarios × metrics table
 * with the metrics grouped by category (accuracy, beyond-accuracy, fairness and popularity bias, robustness,
 * efficiency, text quality; a category no scenario measured is listed as not measured instead of shown empty), the
 * plots as inline SVG ({@link Charts}), and the provenance of every number: each cell's tooltip and each row's link
 * name the scenario, whose results.json (path and SHA-256), data hash, split, seed, GenRec version and git commit
 * are listed at the end. No scripts, styles or images are loaded from anywhere.
 */
public final class HtmlReport {
    /** Metric categories in display order, by the metric's base name (before '@'). */
    static final Map<String, Set<String>> CATEGORIES = new LinkedHashMap<>();
    static {
        CATEGORIES.put("accuracy", Set.of("recall", "truncrecall", "precision", "hit", "hitrate", "ndcg", "mrr", "map", "auc",
                "rmse", "mae", "slatehit", "slateprecision"));
        CATEGORIES.put("beyond accuracy", Set.of("coverage", "novelty", "ild", "arp", "slatediversity", "slateduplicates"));
        CATEGORIES.put("fairness and popularity bias", Set.of("headshare", "midshare", "tailshare", "poplift", "miscal", "ltcoverage", "gini"));
        CATEGORIES.put("robustness", Set.of());
        CATEGORIES.put("efficiency", Set.of());
        CATEGORIES.put("text quality", Set.of());
    }
    static final List<String> EFFICIENCY = List.of("fit s", "eval s", "peak heap MB");

    private final List<Scenario> scenarios;

    private final List<Simulation> simulations;

    private final List<LlmAudit> audits;

    HtmlReport(List<Scenario> scenarios) { this(scenarios, List.of(), List.of()); }

    HtmlReport(List<Scenario> scenarios, List<Simulation> simulations, List<LlmAudit> audits) {
        this.scenarios = scenarios;
        this.simulations = simulations;
        this.audits = audits;
    }

    static String category(String metric) {
        String base = metric.toLowerCase(Locale.ROOT).split("[@ ]")[0];
        for (var e : CATEGORIES.entrySet()) if (e.getValue().contains(base)) return e.getKey();
        return "beyond accuracy";
    }

    /** Columns per category: the metrics of every scenario in first-seen order, plus the group gaps and efficiency. */
    Map<String, List<String>> columns() {
        Map<String, List<String>> cols = new LinkedHashMap<>();
        for (String c : CATEGORIES.keySet()) cols.put(c, new ArrayList<>());
        for (Scenario s : scenarios) {
            for (JsonNode r : s.doc().path("results")) {
                r.path("metrics").fieldNames().forEachRemaining(m -> { List<String> l = cols.get(category(m)); if (!l.contains(m)) l.add(m); });
            }
            for (String gap : gapColumns(s)) if (!cols.get("fairness and popularity bias").contains(gap)) cols.get("fairness and popularity bias").add(gap);
        }
        cols.get("efficiency").addAll(EFFICIENCY);
        return cols;
    }

    /** "gap ndcg@10 (gender)" for each grouping of the scenario, on its first accuracy metric. */
    private List<String> gapColumns(Scenario s) {
        List<String> out = new ArrayList<>();
        String metric = firstAccuracyMetric(s);
        JsonNode groups = s.doc().path("groups");
        if (metric == null || !groups.isObject() || !groups.fieldNames().hasNext()) return out;
        groups.elements().next().fieldNames().forEachRemaining(g -> out.add("gap " + metric + " (" + g + ")"));
        return out;
    }

    static String firstAccuracyMetric(Scenario s) {
        for (JsonNode r : s.doc().path("results"))
            for (var it = r.path("metrics").fieldNames(); it.hasNext(); ) {
                String m = it.next();
                if (category(m).equals("accuracy")) return m;
            }
        return null;
    }

    private double value(Scenario s, JsonNode result, String column) {
        switch (column) {
            case "fit s": return num(result.path("fitSeconds"));
            case "eval s": return num(result.path("evalSeconds"));
            case "peak heap MB": return num(result.path("peakHeapMb"));
            default: break;
        }
        if (column.startsWith("gap ")) {
            int open = column.lastIndexOf(" (");
            String metric = column.substring(4, open), grouping = column.substring(open + 2, column.length() - 1);
            return num(s.doc().path("groups").path(result.path("model").asText()).path(grouping).path("gap").path(metric));
        }
        return num(result.path("metrics").path(column));
    }

    private static double num(JsonNode n) { return n.isNumber() ? n.asDouble() : Double.NaN; }

    public String render() {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>GenRec report</title>\n<style>")
                .append("body{font-family:sans-serif;margin:24px;color:#222;max-width:1600px}table{border-collapse:collapse;margin:12px 0;font-size:12px}.wide{overflow-x:auto}")
                .append("th,td{border:1px solid #ccc;padding:3px 6px}td.n{text-align:right;font-variant-numeric:tabular-nums}")
                .append("th.cat{background:#e8eef7}caption{text-align:left;font-weight:bold;margin-bottom:4px}.note{color:#555;font-size:13px}")
                .append("figure{display:inline-block;margin:8px;vertical-align:top}code{font-size:12px}</style></head><body>\n");
        h.append("<h1>GenRec evaluation report</h1>\n<p class=\"note\">").append(scenarios.size()).append(" scenario")
                .append(scenarios.size() == 1 ? "" : "s").append(" (one per results.json). Hover a number for its provenance;")
                .append(" every row links to its scenario's provenance below.</p>\n");
        if (!scenarios.isEmpty()) {
            table(h);
            plots(h);
        }
        for (Simulation sim : simulations) sim.render(h);
        for (LlmAudit a : audits) a.render(h);
        provenance(h);
        h.append("</body></html>\n");
        return h.toString();
    }

    private void table(StringBuilder h) {
        Map<String, List<String>> cols = columns();
        List<String> notMeasured = new ArrayList<>();
        cols.forEach((c, l) -> { if (l.isEmpty()) notMeasured.add(c); });
        h.append("<h2>Scenarios × metrics</h2>\n");
        if (!notMeasured.isEmpty())
            h.append("<p class=\"note\">Not measured in these results: ").append(esc(String.join(", ", notMeasured))).append(".</p>\n");
        h.append("<div class=\"wide\"><table><thead><tr><th rowspan=\"2\">scenario</th><th rowspan=\"2\">model</th>");
        cols.forEach((c, l) -> { if (!l.isEmpty()) h.append("<th class=\"cat\" colspan=\"").append(l.size()).append("\">").append(esc(c)).append("</th>"); });
        h.append("</tr><tr>");
        cols.values().forEach(l -> l.forEach(m -> h.append("<th>").append(esc(m)).append("</th>")));
        h.append("</tr></thead><tbody>\n");
        for (int i = 0; i < scenarios.size(); i++) {
            Scenario s = scenarios.get(i);
            for (JsonNode r : s.doc().path("results")) {
                String model = r.path("model").asText();
                h.append("<tr><td><a href=\"#prov-").append(i).append("\">").append(esc(s.name())).append("</a></td><td>").append(esc(model));
                if (!r.path("fallback").isNull() && !r.path("fallback").isMissingNode()) h.append(" (fallback)");
                h.append("</td>");
                String prov = provenanceLine(s, r);
                for (List<String> l : cols.values())
                    for (String m : l) {
                        double v = value(s, r, m);
                        h.append("<td class=\"n\" title=\"").append(esc(m + " of " + model + " in " + s.name() + "; " + prov)).append("\">")
                                .append(Double.isNaN(v) ? "" : fmt(v)).append("</td>");
                    }
                h.append("</tr>\n");
            }
        }
        h.append("</tbody></table></div>\n");
        h.append("<p class=\"note\">Group gaps: highest minus lowest group mean (unknown group left out); the Welch p-values are in")
                .append(" results.json under <code>groups</code>. Shares and lifts are defined in the eval help (--harm).</p>\n");
    }

    private static String provenanceLine(Scenario s, JsonNode r) {
        JsonNode p = r.path("provenance");
        return "data " + shortHash(p.path("dataHash").asText(s.doc().path("dataset").path("contentHash").asText()))
                + ", split " + p.path("split").asText(s.doc().path("split").asText()) + ", seed " + p.path("seed").asText(s.doc().path("config").path("seed").asText())
                + ", commit " + shortHash(p.path("gitCommit").asText(s.doc().path("gitCommit").asText()))
                + ", results.json sha256 " + shortHash(s.sha256());
    }

    private static String shortHash(String h) { return h.length() > 12 ? h.substring(0, 12) : h; }

    private void plots(StringBuilder h) {
        h.append("<h2>Plots</h2>\n");
        for (Scenario s : scenarios) {
            String metricForGroups = firstAccuracyMetric(s);
            h.append("<h3>").append(esc(s.name())).append("</h3>\n");
            // Accuracy metrics per model with their bootstrap intervals.
            List<Charts.Bar> bars = new ArrayList<>();
            List<Charts.Interval> ivs = new ArrayList<>();
            JsonNode intervals = s.doc().path("metricIntervals");
            for (JsonNode r : s.doc().path("results")) {
                String model = r.path("model").asText();
                for (var it = r.path("metrics").fields(); it.hasNext(); ) {
                    var e = it.next();
                    if (!category(e.getKey()).equals("accuracy") || e.getKey().equals("rmse") || e.getKey().equals("mae")) continue;
                    bars.add(new Charts.Bar(model, e.getKey(), num(e.getValue())));
                    JsonNode iv = intervals.path(model).path(e.getKey());
                    if (iv.isArray() && iv.size() == 2) ivs.add(new Charts.Interval(model, e.getKey(), num(e.getValue()), iv.get(0).asDouble(), iv.get(1).asDouble()));
                }
            }
            if (!ivs.isEmpty())
                figure(h, Charts.intervals("Accuracy per model", "mean over users", ivs),
                        "Accuracy metrics per model: the mean over users and its 95% percentile bootstrap interval (1000 resamples of users).");
            else if (!bars.isEmpty())
                figure(h, Charts.bars("Accuracy per model", "mean over users", bars),
                        "Accuracy metrics per model (no intervals: this results.json has no metricIntervals).");
            // Per-group bars.
            JsonNode groups = s.doc().path("groups");
            if (metricForGroups != null && groups.isObject() && groups.fieldNames().hasNext()) {
                List<String> groupings = new ArrayList<>();
                groups.elements().next().fieldNames().forEachRemaining(groupings::add);
                for (String g : groupings) {
                    List<Charts.Interval> gi = new ArrayList<>();
                    for (var it = groups.fields(); it.hasNext(); ) {
                        var model = it.next();
                        for (var gr = model.getValue().path(g).fields(); gr.hasNext(); ) {
                            var e = gr.next();
                            if (!e.getValue().has("users")) continue;
                            JsonNode ci = e.getValue().path("ci95").path(metricForGroups);
                            if (ci.isArray() && ci.size() == 2 && ci.get(0).isNumber())
                                gi.add(new Charts.Interval(model.getKey(), e.getKey() + " (n=" + e.getValue().path("users").asInt() + ")",
                                        num(e.getValue().path(metricForGroups)), ci.get(0).asDouble(), ci.get(1).asDouble()));
                        }
                    }
                    JsonNode def = groups.elements().next().path(g).path("definition");
                    if (gi.isEmpty()) continue;
                    figure(h, Charts.intervals(metricForGroups + " by " + g, metricForGroups, gi),
                            metricForGroups + " per " + g + " group with 95% bootstrap intervals. Groups: " + def.asText() + ".");
                }
            }
            exposure(h, s);
        }
        efficiency(h);
    }

    private void exposure(StringBuilder h, Scenario s) {
        JsonNode buckets = s.doc().path("popularityBuckets");
        if (!buckets.isObject()) return;
        String[] names = {"head", "mid", "tail"};
        List<Charts.Bar> bars = new ArrayList<>();
        for (String b : names) {
            bars.add(new Charts.Bar("catalogue items", b, num(buckets.path(b).path("catalogueShare"))));
            bars.add(new Charts.Bar("training interactions", b, num(buckets.path(b).path("trainShare"))));
        }
        Set<String> used = new LinkedHashSet<>();
        for (JsonNode r : s.doc().path("results"))
            for (var it = r.path("metrics").fields(); it.hasNext(); ) {
                var e = it.next();
                for (String b : names)
                    if (e.getKey().toLowerCase(Locale.ROOT).startsWith(b + "share@")) {
                        bars.add(new Charts.Bar(r.path("model").asText() + " (" + e.getKey().substring(e.getKey().indexOf('@')) + ")", b, num(e.getValue())));
                        used.add(e.getKey());
                    }
            }
        if (used.isEmpty()) return;
        figure(h, Charts.bars("Exposure by item popularity", "share", bars),
                "Share of recommended slots on head/mid/tail items per model, against the bucket's share of catalogue items and of training"
                        + " interactions. " + buckets.path("definition").asText() + ".");
    }

    private void efficiency(StringBuilder h) {
        Map<String, double[]> points = new LinkedHashMap<>();
        String metric = null;
        for (Scenario s : scenarios) {
            String m = firstAccuracyMetric(s);
            if (metric == null) metric = m;
            if (m == null || !m.equals(metric)) continue;
            for (JsonNode r : s.doc().path("results")) {
                String name = scenarios.size() == 1 ? r.path("model").asText() : s.name() + "/" + r.path("model").asText();
                points.put(name, new double[] {num(r.path("fitSeconds")), num(r.path("metrics").path(m))});
            }
        }
        if (metric == null || points.isEmpty()) return;
        h.append("<h3>Accuracy against fit time</h3>\n");
        figure(h, Charts.scatter(metric + " vs fit time", "fit seconds (log scale)", metric, points),
                metric + " against wall-clock fit time (seconds, log scale; machine in the provenance), every scenario with this metric.");
    }

    private static void figure(StringBuilder h, String svg, String caption) {
        h.append("<figure>").append(svg).append("<figcaption class=\"note\">").append(esc(caption)).append("</figcaption></figure>\n");
    }

    private void provenance(StringBuilder h) {
        h.append("<h2>Provenance</h2>\n");
        for (int i = 0; i < scenarios.size(); i++) {
            Scenario s = scenarios.get(i);
            JsonNode d = s.doc();
            h.append("<h3 id=\"prov-").append(i).append("\">").append(esc(s.name())).append("</h3>\n<table>");
            row(h, "results.json", s.file().toString());
            row(h, "results.json SHA-256", s.sha256());
            row(h, "status", d.path("status").asText("(not recorded)"));
            row(h, "data", d.path("dataset").path("source").asText() + " — " + d.path("dataset").path("name").asText());
            row(h, "data content hash", d.path("dataset").path("contentHash").asText());
            row(h, "preprocessing", d.path("dataset").path("preprocessing").asText());
            row(h, "split", d.path("split").asText());
            row(h, "evaluation", d.path("evaluation").asText());
            row(h, "seed", d.path("config").path("seed").asText());
            row(h, "models", d.path("config").path("models").toString());
            row(h, "GenRec version", d.path("genrecVersion").asText());
            row(h, "git commit", d.path("gitCommit").asText());
            row(h, "machine", d.path("machine").asText());
            row(h, "created", d.path("createdAt").asText());
            for (JsonNode r : d.path("results"))
                row(h, "model " + r.path("model").asText(), "config " + r.path("provenance").path("config") + ", data hash "
                        + r.path("provenance").path("dataHash").asText() + ", commit " + r.path("provenance").path("gitCommit").asText());
            h.append("</table>\n");
        }
    }

    private static void row(StringBuilder h, String k, String v) {
        h.append("<tr><th style=\"text-align:left\">").append(esc(k)).append("</th><td><code>").append(esc(v)).append("</code></td></tr>\n");
    }

    static String fmt(double v) {
        double a = Math.abs(v);
        return a != 0 && (a < 1e-3 || a >= 1e5) ? String.format(Locale.ROOT, "%.3g", v) : String.format(Locale.ROOT, "%.4f", v);
    }

    static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
