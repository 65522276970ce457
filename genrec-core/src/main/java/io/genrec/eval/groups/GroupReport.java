package io.genrec.eval.groups;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.genrec.eval.stats.Bootstrap;
import io.genrec.eval.stats.WelchTTest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Per-group metric means of one model for one {@link UserGroups.Grouping}, from the per-user values the evaluator
 * keeps. For each group and metric: the mean over the group's users with a defined value, and a 95% percentile
 * bootstrap interval ({@link Bootstrap}, {@link Bootstrap#DEFAULT_REPS} resamples, seeded). Between groups (the
 * {@link UserGroups#UNKNOWN} group left out): the gap = highest group mean - lowest; with exactly two groups also
 * the signed difference first - second (display order); and the two-sided Welch t-test p-value between the highest
 * and the lowest group (unpaired: different users). With more than two groups that p-value is not corrected for
 * having picked the extreme pair, so it is optimistic.
 *
 * @param means    group → metric → mean (NaN when no user of the group has a value)
 * @param users    group → number of users
 * @param ci       group → metric → {low, high}
 * @param gap      metric → highest - lowest group mean
 * @param difference metric → first - second group mean (two groups only; empty otherwise)
 * @param pValue   metric → Welch p-value between the highest and lowest group
 * @param extremes metric → {highest group, lowest group}
 */
public record GroupReport(String model, String grouping, String definition, double[] cutPoints,
                          Map<String, Map<String, Double>> means, Map<String, Integer> users,
                          Map<String, Map<String, double[]>> ci, Map<String, Double> gap, Map<String, Double> difference,
                          Map<String, Double> pValue, Map<String, String[]> extremes) {

    /** @param perUser metric → per-user values aligned with the grouping's labels */
    public static GroupReport of(String model, UserGroups.Grouping g, Map<String, double[]> perUser, long seed) {
        Map<String, int[]> members = UserGroups.members(g.labels());
        Map<String, Map<String, Double>> means = new LinkedHashMap<>();
        Map<String, Integer> users = new LinkedHashMap<>();
        Map<String, Map<String, double[]>> ci = new LinkedHashMap<>();
        Map<String, Map<String, double[]>> values = new LinkedHashMap<>();
        for (var e : members.entrySet()) {
            users.put(e.getKey(), e.getValue().length);
            Map<String, Double> m = new LinkedHashMap<>();
            Map<String, double[]> c = new LinkedHashMap<>();
            Map<String, double[]> v = new LinkedHashMap<>();
            for (var metric : perUser.entrySet()) {
                double[] all = metric.getValue();
                double[] mine = java.util.Arrays.stream(e.getValue()).mapToDouble(p -> all[p]).filter(x -> !Double.isNaN(x)).toArray();
                double sum = 0;
                for (double x : mine) sum += x;
                m.put(metric.getKey(), mine.length == 0 ? Double.NaN : sum / mine.length);
                Bootstrap.Interval iv = Bootstrap.meanInterval(mine, Bootstrap.DEFAULT_REPS, 0.95, seed);
                c.put(metric.getKey(), new double[] {iv.low(), iv.high()});
                v.put(metric.getKey(), mine);
            }
            means.put(e.getKey(), m);
            ci.put(e.getKey(), c);
            values.put(e.getKey(), v);
        }
        List<String> known = new ArrayList<>(members.keySet());
        known.remove(UserGroups.UNKNOWN);
        Map<String, Double> gap = new LinkedHashMap<>(), diff = new LinkedHashMap<>(), p = new LinkedHashMap<>();
        Map<String, String[]> extremes = new LinkedHashMap<>();
        for (String metric : perUser.keySet()) {
            String hi = null, lo = null;
            for (String grp : known) {
                double v = means.get(grp).get(metric);
                if (Double.isNaN(v)) continue;
                if (hi == null || v > means.get(hi).get(metric)) hi = grp;
                if (lo == null || v < means.get(lo).get(metric)) lo = grp;
            }
            List<String> defined = new ArrayList<>();
            for (String grp : known) if (!Double.isNaN(means.get(grp).get(metric))) defined.add(grp);
            if (defined.size() < 2) {
                gap.put(metric, Double.NaN);
                p.put(metric, Double.NaN);
                continue;
            }
            if (hi.equals(lo)) lo = defined.get(defined.get(0).equals(hi) ? 1 : 0); // all means equal: gap 0
            gap.put(metric, means.get(hi).get(metric) - means.get(lo).get(metric));
            p.put(metric, WelchTTest.test(values.get(hi).get(metric), values.get(lo).get(metric)).pValue());
            extremes.put(metric, new String[] {hi, lo});
            if (known.size() == 2) diff.put(metric, means.get(known.get(0)).get(metric) - means.get(known.get(1)).get(metric));
        }
        return new GroupReport(model, g.name(), g.definition(), g.cutPoints(), means, users, ci, gap, diff, p, extremes);
    }

    /**
     * The JSON form: {@code {"M": {"ndcg@10": …, "users": n, "ci95": {"ndcg@10": [lo, hi]}}, …, "gap": {…},
     * "difference": {…}, "p_value": {…}, "gap_between": {"ndcg@10": [high, low]}, "definition": "…"}}.
     */
    public ObjectNode toJson() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode node = f.objectNode();
        for (var e : means.entrySet()) {
            ObjectNode g = node.putObject(e.getKey());
            e.getValue().forEach((m, v) -> put(g, m, v));
            g.put("users", users.get(e.getKey()));
            ObjectNode c = g.putObject("ci95");
            ci.get(e.getKey()).forEach((m, iv) -> { var a = c.putArray(m); put(a, iv[0]); put(a, iv[1]); });
        }
        ObjectNode gn = node.putObject("gap");
        gap.forEach((m, v) -> put(gn, m, v));
        if (!difference.isEmpty()) {
            ObjectNode dn = node.putObject("difference");
            difference.forEach((m, v) -> put(dn, m, v));
        }
        ObjectNode pn = node.putObject("p_value");
        pValue.forEach((m, v) -> put(pn, m, v));
        ObjectNode between = node.putObject("gap_between");
        extremes.forEach((m, hl) -> between.putArray(m).add(hl[0]).add(hl[1]));
        node.put("definition", definition);
        if (cutPoints != null) { var a = node.putArray("cut_points"); for (double c : cutPoints) a.add(c); }
        return node;
    }

    private static void put(ObjectNode n, String k, double v) { if (Double.isNaN(v)) n.putNull(k); else n.put(k, v); }

    private static void put(com.fasterxml.jackson.databind.node.ArrayNode a, double v) { if (Double.isNaN(v)) a.addNull(); else a.add(v); }

    /** A Markdown table: one row per (model, group) and a gap and p-value row per model; metrics as columns. */
    public static String table(List<GroupReport> reports, List<String> metrics) {
        if (reports.isEmpty()) return "";
        StringBuilder sb = new StringBuilder();
        GroupReport first = reports.get(0);
        sb.append("Groups by ").append(first.grouping).append(": ").append(first.definition).append("\n\n");
        sb.append("| model | group | users |");
        for (String m : metrics) sb.append(' ').append(m).append(" |");
        sb.append("\n|---|---|---:|");
        sb.append("---:|".repeat(metrics.size())).append('\n');
        for (GroupReport r : reports) {
            for (var e : r.means.entrySet()) {
                sb.append("| ").append(r.model).append(" | ").append(e.getKey()).append(" | ").append(r.users.get(e.getKey())).append(" |");
                for (String m : metrics) sb.append(' ').append(fmt(e.getValue().getOrDefault(m, Double.NaN))).append(" |");
                sb.append('\n');
            }
            sb.append("| ").append(r.model).append(" | gap (max-min) | |");
            for (String m : metrics) sb.append(' ').append(fmt(r.gap.getOrDefault(m, Double.NaN))).append(" |");
            sb.append("\n| ").append(r.model).append(" | Welch p | |");
            for (String m : metrics) {
                double pv = r.pValue.getOrDefault(m, Double.NaN);
                sb.append(' ').append(Double.isNaN(pv) ? "-" : pv < 1e-4 ? "<1e-4" : String.format(Locale.ROOT, "%.4f", pv)).append(" |");
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static String fmt(double v) { return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.4f", v); }
}
