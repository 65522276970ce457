package io.genrec.eval.groups;

import io.genrec.data.Dataset;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Splits users into groups for consumer-fairness audits. Each grouping gives every user a label:
 * <ul>
 *   <li>{@code gender}, {@code occupation}: the user attribute as given ({@link io.genrec.data.UserTable});</li>
 *   <li>{@code age}: the attribute binned into the MovieLens 1M age bands (its README: under 18, 18-24, 25-34, 35-44,
 *       45-49, 50-55, 56+), so ML-100K's exact ages and ML-1M's band codes give the same groups;</li>
 *   <li>{@code activity}: the number of distinct training items, in terciles (cut points c1, c2 = the 1/3 and 2/3
 *       quantiles of the grouped users' values, linear interpolation; low: n &lt;= c1, mid: c1 &lt; n &lt;= c2,
 *       high: n &gt; c2);</li>
 *   <li>{@code mainstream}: a user's mainstreaminess = the mean popularity percentile of their distinct training
 *       items, percentile(i) = share of catalogue items with fewer distinct training users than i; in terciles as
 *       above (niche, mid, mainstream). This is the simple profile-popularity definition (the idea of Abdollahpouri et
 *       al. 2019's niche/blockbuster user groups), not the distribution-based measures of Kowald et al. 2021.</li>
 * </ul>
 * A user without the attribute is in group {@link #UNKNOWN}; asking for an attribute no user has is an error naming
 * the data and the attributes it does have. Quantile cut points come from the users being grouped (the evaluated
 * users), and are reported with the groups.
 */
public final class UserGroups {
    public static final String UNKNOWN = "unknown";
    public static final List<String> BUILT_IN = List.of("activity", "mainstream");

    private UserGroups() { }

    /** One grouping: a label per grouped user (aligned with the users array) and, for quantile groupings, the cut points. */
    public record Grouping(String name, String[] labels, double[] cutPoints, String definition) { }

    /** Groups {@code users} (dense ids of {@code train}) by each of {@code names}, in order. */
    public static List<Grouping> assign(Dataset train, int[] users, List<String> names) {
        List<Grouping> out = new ArrayList<>();
        for (String raw : names) {
            String name = raw.trim().toLowerCase(Locale.ROOT);
            out.add(switch (name) {
                case "activity" -> terciles(name, activity(train, users), new String[] {"low", "mid", "high"},
                        "distinct training items per user, terciles of the evaluated users");
                case "mainstream", "mainstreaminess" -> terciles("mainstream", mainstreaminess(train, users),
                        new String[] {"niche", "mid", "mainstream"},
                        "mean popularity percentile of the user's training items, terciles of the evaluated users");
                default -> attribute(train, users, name);
            });
        }
        return out;
    }

    static double[] activity(Dataset train, int[] users) {
        double[] v = new double[users.length];
        int[] ptr = train.userPointers(), items = train.itemIndices();
        for (int p = 0; p < users.length; p++) {
            int u = users[p];
            v[p] = Arrays.stream(items, ptr[u], ptr[u + 1]).distinct().count();
        }
        return v;
    }

    static double[] mainstreaminess(Dataset train, int[] users) {
        Dataset.Transpose t = train.itemUsers();
        int[] ptr = t.itemPtr(), userIdx = t.userIdx();
        int n = train.numItems();
        int[] pop = new int[n];
        for (int i = 0; i < n; i++) pop[i] = (int) Arrays.stream(userIdx, ptr[i], ptr[i + 1]).distinct().count();
        int[] sorted = pop.clone();
        Arrays.sort(sorted);
        double[] percentile = new double[n];
        for (int i = 0; i < n; i++) percentile[i] = (double) lowerBound(sorted, pop[i]) / n;
        double[] v = new double[users.length];
        int[] uptr = train.userPointers(), items = train.itemIndices();
        for (int p = 0; p < users.length; p++) {
            int u = users[p];
            int[] distinct = Arrays.stream(items, uptr[u], uptr[u + 1]).distinct().toArray();
            double sum = 0;
            for (int i : distinct) sum += percentile[i];
            v[p] = distinct.length == 0 ? Double.NaN : sum / distinct.length;
        }
        return v;
    }

    /** Number of values in {@code sorted} strictly below {@code x}. */
    private static int lowerBound(int[] sorted, int x) {
        int lo = 0, hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < x) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    static Grouping terciles(String name, double[] values, String[] labels, String definition) {
        double[] defined = Arrays.stream(values).filter(v -> !Double.isNaN(v)).sorted().toArray();
        if (defined.length == 0) throw new IllegalArgumentException("group '" + name + "': no user has a value");
        double c1 = quantile(defined, 1.0 / 3), c2 = quantile(defined, 2.0 / 3);
        String[] out = new String[values.length];
        for (int p = 0; p < values.length; p++) {
            double v = values[p];
            out[p] = Double.isNaN(v) ? UNKNOWN : v <= c1 ? labels[0] : v <= c2 ? labels[1] : labels[2];
        }
        return new Grouping(name, out, new double[] {c1, c2}, definition + String.format(Locale.ROOT,
                "; %s <= %.4g < %s <= %.4g < %s", labels[0], c1, labels[1], c2, labels[2]));
    }

    /** The p-quantile of sorted values (linear interpolation between the order statistics at (n-1)p, "type 7"). */
    static double quantile(double[] sorted, double p) {
        double pos = (sorted.length - 1) * p;
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }

    private static Grouping attribute(Dataset train, int[] users, String name) {
        var table = train.userTable();
        TreeSet<String> available = new TreeSet<>();
        for (int u = 0; u < table.size(); u++) available.addAll(table.attributes(u).keySet());
        if (!available.contains(name)) {
            available.remove("zip");
            throw new IllegalArgumentException("--groups " + name + ": data '" + train.name() + "' has no user attribute '" + name + "'"
                    + (available.isEmpty() ? " (it has no user attributes at all)" : "; it has: " + String.join(", ", available))
                    + "; always available: " + String.join(", ", BUILT_IN));
        }
        String[] out = new String[users.length];
        for (int p = 0; p < users.length; p++) {
            String v = users[p] < table.size() ? table.attributes(users[p]).get(name) : null;
            out[p] = v == null || v.isBlank() ? UNKNOWN : name.equals("age") ? ageBand(v) : v.strip();
        }
        return new Grouping(name, out, null, name.equals("age") ? "user attribute 'age' in the MovieLens 1M age bands"
                : "user attribute '" + name + "'");
    }

    /** MovieLens 1M age bands; ML-1M stores the band's lower bound (1, 18, 25, ...), which lands in its own band. */
    static String ageBand(String value) {
        int age;
        try {
            age = Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            return UNKNOWN;
        }
        if (age < 18) return "<18";
        if (age < 25) return "18-24";
        if (age < 35) return "25-34";
        if (age < 45) return "35-44";
        if (age < 50) return "45-49";
        if (age < 56) return "50-55";
        return "56+";
    }

    /** Group labels in display order: the known ones sorted (age bands by age), {@link #UNKNOWN} last. */
    static List<String> order(String[] labels) {
        List<String> order = List.of("<18", "18-24", "25-34", "35-44", "45-49", "50-55", "56+", "low", "niche", "mid", "high", "mainstream");
        TreeSet<String> set = new TreeSet<>((a, b) -> {
            int ia = order.indexOf(a), ib = order.indexOf(b);
            if (a.equals(UNKNOWN) || b.equals(UNKNOWN)) return a.equals(b) ? 0 : a.equals(UNKNOWN) ? 1 : -1;
            if (ia >= 0 && ib >= 0) return Integer.compare(ia, ib);
            if (ia >= 0 || ib >= 0) return ia >= 0 ? -1 : 1;
            return a.compareTo(b);
        });
        set.addAll(Arrays.asList(labels));
        return new ArrayList<>(set);
    }

    static Map<String, int[]> members(String[] labels) {
        Map<String, List<Integer>> m = new LinkedHashMap<>();
        for (String l : order(labels)) m.put(l, new ArrayList<>());
        for (int p = 0; p < labels.length; p++) m.get(labels[p]).add(p);
        Map<String, int[]> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, v.stream().mapToInt(Integer::intValue).toArray()));
        return out;
    }
}
