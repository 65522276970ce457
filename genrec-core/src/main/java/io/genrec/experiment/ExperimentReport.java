package io.genrec.experiment;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.genrec.eval.MetricSpec;
import io.genrec.eval.SampledCandidates;

import java.util.ArrayList;
import java.util.List;

/**
 * Everything an experiment produced, as written to JSON ({@code results} first: the CLI contract) and Markdown.
 *
 * @param dataset  the data as evaluated (after preprocessing)
 * @param split    the split protocol description with its seed
 * @param excludedTargets test targets the ranking could not contain because the user had already seen them
 * @param protocol the protocol the split was made with ({@code config.protocol()} may be {@code auto})
 * @param protocolChosenBecause "requested", or why {@code auto} chose it ({@link ProtocolCheck})
 */
public record ExperimentReport(List<ModelResult> results, List<Comparison> comparisons, DatasetSummary dataset,
                               String split, ExperimentConfig config, double totalSeconds, String genrecVersion,
                               String gitCommit, String createdAt, String machine, ExcludedTargets excludedTargets,
                               Weights weights, String protocol, String protocolChosenBecause) {

    /** A report whose protocol is the config's, as requested. */
    public ExperimentReport(List<ModelResult> results, List<Comparison> comparisons, DatasetSummary dataset,
                            String split, ExperimentConfig config, double totalSeconds, String genrecVersion,
                            String gitCommit, String createdAt, String machine, ExcludedTargets excludedTargets,
                            Weights weights) {
        this(results, comparisons, dataset, split, config, totalSeconds, genrecVersion, gitCommit, createdAt, machine,
                excludedTargets, weights, config.protocol(), "requested");
    }

    /** The report without an excluded-target count (none known). */
    public ExperimentReport(List<ModelResult> results, List<Comparison> comparisons, DatasetSummary dataset,
                            String split, ExperimentConfig config, double totalSeconds, String genrecVersion,
                            String gitCommit, String createdAt, String machine) {
        this(results, comparisons, dataset, split, config, totalSeconds, genrecVersion, gitCommit, createdAt, machine,
                new ExcludedTargets(config.excludeSeen(), 0, 0, 0, 0), new Weights(0, 0, 1f, List.of(), List.of()));
    }

    /**
     * The interaction values of the training data and which models used them: {@code nonBinaryInteractions} of
     * {@code interactions} have a value other than 1 (largest {@code maxValue}); {@code ignoredBy} lists the models
     * that treated every interaction as 1 anyway (only when some value is not 1), {@code usedBy} those that declare
     * {@link io.genrec.model.Capability#INTERACTION_VALUES} or rating prediction.
     */
    public record Weights(long nonBinaryInteractions, long interactions, float maxValue, List<String> ignoredBy, List<String> usedBy) {
        public Weights {
            ignoredBy = List.copyOf(ignoredBy);
            usedBy = List.copyOf(usedBy);
        }

        /** One sentence for the Markdown header; null when every value is 1. */
        public String describe() {
            if (nonBinaryInteractions == 0) return null;
            return String.format(java.util.Locale.ROOT, "%d of %d training interactions have a value other than 1 (largest %s);"
                    + " used by %s, ignored (every interaction counted as 1) by %s", nonBinaryInteractions, interactions,
                    WeightsCheck.format(maxValue), usedBy.isEmpty() ? "none" : String.join(", ", usedBy),
                    ignoredBy.isEmpty() ? "none" : String.join(", ", ignoredBy));
        }
    }

    /**
     * Re-consumption under {@code excludeSeen}: of {@code targets} distinct test targets (of {@code evaluatedUsers}
     * users), {@code excluded} were already in the user's history and so were removed from every model's ranking
     * ({@code users} users had at least one). Both 0 when seen items are not excluded.
     */
    public record ExcludedTargets(boolean excludeSeen, long targets, long excluded, int evaluatedUsers, int users) {
        /** One sentence for logs and the Markdown header; null when nothing was excluded and seen items are excluded. */
        public String describe() {
            if (!excludeSeen) return "seen items are not excluded from the ranking (--exclude-seen false): a user's history items are ranked too";
            if (excluded == 0) return null;
            return String.format(java.util.Locale.ROOT, "%d of %d test targets (%.1f%%; %d of %d users) are items already in the user's history;"
                    + " they are excluded from the ranking, so no model can hit them. For data with re-consumption (re-listens,"
                    + " re-purchases) use --exclude-seen false", excluded, targets, 100.0 * excluded / Math.max(1, targets), users, evaluatedUsers);
        }
    }

    /** How the metrics were computed: full ranking, or the sampled-metrics warning of {@link SampledCandidates}. */
    @JsonProperty("evaluation")
    public String evaluation() {
        SampledCandidates sampled = config.sampled();
        String seen = config.excludeSeen() ? "training items excluded" : "training items not excluded";
        return sampled == null ? "full ranking over all items, " + seen : sampled.description();
    }

    /** The names the metrics are reported under, in config order: labelled in sampled mode. */
    public List<String> metricNames() {
        SampledCandidates sampled = config.sampled();
        List<String> names = new ArrayList<>();
        for (String m : config.metrics()) names.add(sampled == null ? m : sampled.labelled(MetricSpec.parse(m)));
        return names;
    }

    /**
     * Size and content hash of a dataset.
     *
     * @param implicitDetection what {@code --implicit} decided and why (e.g. the share of values that look like ratings)
     */
    public record DatasetSummary(String name, String source, int users, int items, int trainInteractions,
                                 int testUsers, String contentHash, String preprocessing, String implicitDetection) {
        public DatasetSummary(String name, String source, int users, int items, int trainInteractions, int testUsers,
                              String contentHash, String preprocessing) {
            this(name, source, users, items, trainInteractions, testUsers, contentHash, preprocessing, null);
        }
    }
}
