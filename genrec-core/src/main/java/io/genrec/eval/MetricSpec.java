package io.genrec.eval;

import java.util.Locale;

/**
 * One requested metric, parsed from its name: {@code ndcg@10}, {@code mrr}, {@code coverage@20}. The {@link #name}
 * is the spec as given (trimmed) and is the key of the metric in {@link EvaluationResult}; matching of the metric
 * kind is case-insensitive. {@code k} is 0 for metrics over the full ranking ({@code mrr}, {@code auc}) and for the
 * rating metrics.
 */
public record MetricSpec(String name, Kind kind, int k) {

    /** Every metric GenRec computes. Formulas are in the Javadoc of {@link RankingMetrics} and {@link Evaluator}. */
    public enum Kind {
        RECALL("recall@k", Cutoff.REQUIRED, Family.RANKING),
        TRUNCATED_RECALL("truncrecall@k", Cutoff.REQUIRED, Family.RANKING),
        PRECISION("precision@k", Cutoff.REQUIRED, Family.RANKING),
        HIT("hit@k", Cutoff.REQUIRED, Family.RANKING),
        NDCG("ndcg@k", Cutoff.REQUIRED, Family.RANKING),
        MRR("mrr, mrr@k", Cutoff.OPTIONAL, Family.RANKING),
        MAP("map@k", Cutoff.REQUIRED, Family.RANKING),
        AUC("auc", Cutoff.NONE, Family.RANKING),
        RMSE("rmse", Cutoff.NONE, Family.RATING),
        MAE("mae", Cutoff.NONE, Family.RATING),
        COVERAGE("coverage@k", Cutoff.REQUIRED, Family.CATALOG),
        GINI("gini@k", Cutoff.REQUIRED, Family.CATALOG),
        NOVELTY("novelty@k", Cutoff.REQUIRED, Family.LIST),
        ILD("ild@k", Cutoff.REQUIRED, Family.LIST),
        ARP("arp@k", Cutoff.REQUIRED, Family.LIST),
        HEAD_SHARE("headshare@k", Cutoff.REQUIRED, Family.LIST),
        MID_SHARE("midshare@k", Cutoff.REQUIRED, Family.LIST),
        TAIL_SHARE("tailshare@k", Cutoff.REQUIRED, Family.LIST),
        POPULARITY_LIFT("poplift@k", Cutoff.REQUIRED, Family.LIST),
        MISCALIBRATION("miscal@k", Cutoff.REQUIRED, Family.LIST),
        LONG_TAIL_COVERAGE("ltcoverage@k", Cutoff.REQUIRED, Family.CATALOG),
        SLATE_HIT("slatehit@k", Cutoff.REQUIRED, Family.SLATE),
        SLATE_PRECISION("slateprecision@k", Cutoff.REQUIRED, Family.SLATE),
        SLATE_DIVERSITY("slatediversity@k", Cutoff.REQUIRED, Family.SLATE),
        SLATE_DUPLICATES("slateduplicates@k", Cutoff.REQUIRED, Family.SLATE);

        final String forms;
        final Cutoff cutoff;
        final Family family;

        Kind(String forms, Cutoff cutoff, Family family) {
            this.forms = forms;
            this.cutoff = cutoff;
            this.family = family;
        }
    }

    enum Cutoff { REQUIRED, OPTIONAL, NONE }

    /**
     * RANKING: per-user accuracy of the ranking; LIST: per-user property of the top-k list (averaged over users);
     * CATALOG: one aggregate over all users' top-k lists; RATING: pooled over all target ratings; SLATE: of the slate
     * a {@link io.genrec.model.SlateGenerator} generates ({@link SlateMetrics}), not of the ranking.
     */
    enum Family { RANKING, LIST, CATALOG, RATING, SLATE }

    public MetricSpec {
        if (k < 0) throw new IllegalArgumentException("cutoff must be >= 0, got " + k);
    }

    /** True when the metric has one value per evaluated user ({@link EvaluationResult#perUser()}). */
    public boolean perUser() { return kind.family == Family.RANKING || kind.family == Family.LIST; }

    /** True when the metric is computed from the ranking (everything but rmse and mae). */
    public boolean ranked() { return kind.family != Family.RATING && kind.family != Family.SLATE; }

    /** True for the slate metrics, computed on generated slates ({@link SlateMetrics}). */
    public boolean slate() { return kind.family == Family.SLATE; }

    /** The number of ranked items the metric looks at (0 for none). */
    int listLength() { return kind.family == Family.RATING || kind.family == Family.SLATE ? 0 : k; }

    /** True for {@code auc} and {@code mrr} without a cutoff, which need target ranks among all candidates. */
    boolean needsFullRanking() { return kind == Kind.AUC || (kind == Kind.MRR && k == 0); }

    /** Parses {@code spec}; an unknown name or a bad cutoff is an error listing the valid forms. */
    public static MetricSpec parse(String spec) {
        if (spec == null) throw new IllegalArgumentException("metric must not be null; " + validForms());
        String name = spec.trim();
        String lower = name.toLowerCase(Locale.ROOT);
        int at = lower.indexOf('@');
        String base = at < 0 ? lower : lower.substring(0, at);
        Kind kind = kindOf(base);
        if (kind == null) throw new IllegalArgumentException("unknown metric '" + spec + "'; " + validForms());
        if (at < 0) {
            if (kind.cutoff == Cutoff.REQUIRED)
                throw new IllegalArgumentException("metric '" + spec + "' needs a cutoff, e.g. " + base + "@10; " + validForms());
            return new MetricSpec(name, kind, 0);
        }
        if (kind.cutoff == Cutoff.NONE)
            throw new IllegalArgumentException("metric '" + spec + "' takes no cutoff (use '" + base + "'); " + validForms());
        String digits = lower.substring(at + 1);
        int k;
        try {
            k = Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("metric '" + spec + "': cutoff '" + digits + "' is not an integer; " + validForms());
        }
        if (k < 1) throw new IllegalArgumentException("metric '" + spec + "': cutoff must be >= 1; " + validForms());
        return new MetricSpec(name, kind, k);
    }

    private static Kind kindOf(String base) {
        if (base.equals("hitrate")) return Kind.HIT;
        for (Kind kind : Kind.values()) {
            String first = kind.forms.split("[@,]")[0];
            if (first.equals(base)) return kind;
        }
        return null;
    }

    /** The list of accepted metric forms, for error messages and help. */
    public static String validForms() {
        StringBuilder sb = new StringBuilder("valid metrics (k >= 1): ");
        for (Kind kind : Kind.values()) {
            if (kind != Kind.RECALL) sb.append(", ");
            sb.append(kind.forms);
            if (kind == Kind.HIT) sb.append(" (alias hitrate@k)");
        }
        return sb.toString();
    }
}
