package io.genrec.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.genrec.data.Dataset;
import io.genrec.eval.Evaluator;
import io.genrec.eval.PopularityBuckets;
import io.genrec.eval.groups.GroupReport;
import io.genrec.eval.stats.Bootstrap;
import io.genrec.eval.groups.UserGroups;
import io.genrec.experiment.ExperimentReport;
import io.genrec.experiment.ExperimentRunner;
import io.genrec.experiment.ModelResult;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What {@code eval --groups} and the popularity metrics add after the models ran: per-group metrics of every model
 * ({@link GroupReport}) and the head/mid/tail reference shares of the training data ({@link PopularityBuckets}), as
 * results.json sections and as Markdown tables.
 */
final class HarmAnalysis {
    /** What --harm adds (k = 10). */
    static final List<String> HARM_METRICS = List.of("headshare@10", "midshare@10", "tailshare@10", "poplift@10",
            "miscal@10", "ltcoverage@10", "gini@10");
    private static final List<String> BUCKET_METRICS = List.of("headshare", "midshare", "tailshare", "ltcoverage", "poplift");

    private final List<String> groupNames;
    private final long seed;
    private Dataset train;
    private int[] evaluated;
    private List<UserGroups.Grouping> groupings = List.of();

    HarmAnalysis(List<String> groupNames, long seed) {
        this.groupNames = groupNames;
        this.seed = seed;
    }

    /** Before any fit: assigns the groups, so a missing attribute fails before training time is spent. */
    void check(ExperimentRunner.Prepared prepared) {
        train = prepared.split().train();
        evaluated = prepared.split().test().evaluatedUsers();
        if (!groupNames.isEmpty()) groupings = UserGroups.assign(train, evaluated, groupNames);
    }

    /** The results.json sections: {@code groups} (model → grouping → groups) and {@code popularityBuckets}. */
    Map<String, Object> sections(ExperimentReport report, Consumer<String> log) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("metricIntervals", intervals(report));
        if (!groupings.isEmpty()) {
            ObjectNode groups = new ObjectMapper().createObjectNode();
            for (ModelResult r : report.results()) {
                ObjectNode byModel = groups.putObject(r.model());
                for (GroupReport g : reports(r)) byModel.set(g.grouping(), g.toJson());
            }
            out.put("groups", groups);
        }
        if (train != null && usesBuckets(report)) {
            PopularityBuckets b = Evaluator.popularityBuckets(train);
            double[] cat = b.catalogueShare(), tr = b.trainShare();
            ObjectNode node = new ObjectMapper().createObjectNode();
            node.put("definition", "head: most popular items holding the first 20% of training interactions; tail: least popular items"
                    + " holding at most the last 20%; mid: the rest (Abdollahpouri et al. 2020/2021); popularity = distinct training users");
            StringBuilder line = new StringBuilder("popularity buckets of the training data (catalogue share / training-interaction share):");
            for (int k = 0; k < 3; k++) {
                ObjectNode n = node.putObject(PopularityBuckets.NAMES[k]);
                n.put("catalogueShare", cat[k]);
                n.put("trainShare", tr[k]);
                line.append(String.format(Locale.ROOT, " %s %.3f / %.3f", PopularityBuckets.NAMES[k], cat[k], tr[k]));
            }
            log.accept(line.toString());
            out.put("popularityBuckets", node);
        }
        return out;
    }

    /**
     * 95% percentile bootstrap interval of every per-user metric's mean, per model ({@code {model: {metric: [low,
     * high]}}}; users with an undefined value left out), for the report's error bars.
     */
    private ObjectNode intervals(ExperimentReport report) {
        ObjectNode node = new ObjectMapper().createObjectNode();
        for (ModelResult r : report.results()) {
            ObjectNode m = node.putObject(r.model());
            for (var e : r.perUser().entrySet()) {
                double[] defined = java.util.Arrays.stream(e.getValue()).filter(v -> !Double.isNaN(v)).toArray();
                if (defined.length == 0) continue;
                Bootstrap.Interval iv = Bootstrap.meanInterval(defined, Bootstrap.DEFAULT_REPS, 0.95, seed);
                m.putArray(e.getKey()).add(iv.low()).add(iv.high());
            }
        }
        return node;
    }

    private static boolean usesBuckets(ExperimentReport report) {
        for (String m : report.config().metrics()) {
            String base = m.toLowerCase(Locale.ROOT).split("@")[0].trim();
            if (BUCKET_METRICS.contains(base)) return true;
        }
        return false;
    }

    /** The per-group reports of one model, with its per-user values re-aligned to the grouped users. */
    List<GroupReport> reports(ModelResult r) {
        Map<Integer, Integer> position = new java.util.HashMap<>();
        int[] users = r.users();
        for (int p = 0; p < users.length; p++) position.put(users[p], p);
        List<GroupReport> out = new ArrayList<>();
        for (UserGroups.Grouping g : groupings) {
            Map<String, double[]> aligned = new LinkedHashMap<>();
            for (var e : r.perUser().entrySet()) {
                double[] v = new double[evaluated.length];
                for (int p = 0; p < evaluated.length; p++) {
                    Integer at = position.get(evaluated[p]);
                    v[p] = at == null ? Double.NaN : e.getValue()[at];
                }
                aligned.put(e.getKey(), v);
            }
            out.add(GroupReport.of(r.model(), g, aligned, seed));
        }
        return out;
    }

    /** One Markdown table per grouping (empty without --groups). */
    String tables(ExperimentReport report) {
        if (groupings.isEmpty()) return "";
        StringBuilder sb = new StringBuilder();
        List<String> metrics = new ArrayList<>();
        if (!report.results().isEmpty()) metrics.addAll(report.results().get(0).perUser().keySet());
        for (int g = 0; g < groupings.size(); g++) {
            List<GroupReport> rows = new ArrayList<>();
            for (ModelResult r : report.results()) rows.add(reports(r).get(g));
            sb.append('\n').append(GroupReport.table(rows, metrics));
        }
        return sb.toString();
    }

    /** The report JSON with the sections added at the top level. */
    String json(String reportJson, Map<String, Object> sections) throws java.io.IOException {
        if (sections.isEmpty()) return reportJson;
        ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode doc = (ObjectNode) m.readTree(reportJson);
        sections.forEach(doc::putPOJO);
        return m.writeValueAsString(doc);
    }
}
