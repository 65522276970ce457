package io.genrec.eval;

import java.util.Locale;

/**
 * Sampled-metric evaluation, for comparing with papers that report it; full ranking ({@link Evaluator} without this)
 * stays the default. Each evaluated user's distinct targets are ranked among {@code negatives} items sampled, without
 * replacement, from the items the user never interacted with (not in the user's history, not excluded for the user,
 * not a target): uniformly, as SASRec (Kang &amp; McAuley, ICDM 2018) does with 100 negatives, or in proportion to
 * their popularity, as BERT4Rec (Sun et al., CIKM 2019) does with 100 negatives. Popularity is an item's interaction
 * count in the eval set's history (all users), so items nobody interacted with are never sampled by popularity.
 *
 * <p>Sampled metrics are not comparable with full-ranking metrics, and can even order models differently from them
 * (Krichene &amp; Rendle, "On Sampled Metrics for Item Recommendation", KDD 2020; Dallmann et al., "A Case Study on
 * Sampling Strategies for Evaluating Neural Sequential Item Recommendation Models", RecSys 2021), so every metric they
 * produce is reported under a {@link #labelled} name, e.g. {@code recall@10 (sampled: 100 popularity negatives)}.
 * Each user's negatives depend only on ({@code seed}, user), never on the thread count.
 *
 * @param negatives number of sampled negatives per user, at least 1 and below the catalogue size
 * @param sampling  how negatives are drawn
 * @param seed      seed of the per-user samples
 */
public record SampledCandidates(int negatives, Sampling sampling, long seed) {
    /** How negatives are drawn. */
    public enum Sampling {
        UNIFORM, POPULARITY;

        /** The command-line and config spelling. */
        public String key() { return name().toLowerCase(Locale.ROOT); }

        /** Parses {@code uniform} or {@code popularity} (case-insensitive); anything else is an error naming it. */
        public static Sampling parse(String s) {
            for (Sampling v : values()) if (s != null && v.key().equalsIgnoreCase(s.trim())) return v;
            throw new IllegalArgumentException("sampling must be 'uniform' or 'popularity', got '" + s + "'");
        }
    }

    public SampledCandidates {
        if (negatives < 1) throw new IllegalArgumentException("sampled candidates must be >= 1 negatives, got " + negatives);
        if (sampling == null) throw new IllegalArgumentException("sampling must be 'uniform' or 'popularity', got null");
    }

    /** E.g. {@code sampled: 100 popularity negatives}. */
    public String label() { return "sampled: " + negatives + " " + sampling.key() + " negatives"; }

    /** The name a metric is reported under: labelled when it depends on the ranking (everything but rmse/mae). */
    public String labelled(MetricSpec spec) { return spec.ranked() ? spec.name() + " (" + label() + ")" : spec.name(); }

    /** The warning reports print instead of "full ranking". */
    public String description() {
        return "SAMPLED METRICS, not comparable to full-ranking metrics: each user's targets ranked among " + negatives
                + " negatives sampled " + (sampling == Sampling.UNIFORM ? "uniformly" : "by popularity")
                + " from the items the user never interacted with (seed " + seed + ")";
    }
}
