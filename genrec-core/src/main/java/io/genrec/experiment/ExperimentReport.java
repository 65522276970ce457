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
 */
public record ExperimentReport(List<ModelResult> results, List<Comparison> comparisons, DatasetSummary dataset,
                               String split, ExperimentConfig config, double totalSeconds, String genrecVersion,
                               String gitCommit, String createdAt, String machine) {

    /** How the metrics were computed: full ranking, or the sampled-metrics warning of {@link SampledCandidates}. */
    @JsonProperty("evaluation")
    public String evaluation() {
        SampledCandidates sampled = config.sampled();
        return sampled == null ? "full ranking over all items, training items excluded" : sampled.description();
    }

    /** The names the metrics are reported under, in config order: labelled in sampled mode. */
    public List<String> metricNames() {
        SampledCandidates sampled = config.sampled();
        List<String> names = new ArrayList<>();
        for (String m : config.metrics()) names.add(sampled == null ? m : sampled.labelled(MetricSpec.parse(m)));
        return names;
    }

    /** Size and content hash of a dataset. */
    public record DatasetSummary(String name, String source, int users, int items, int trainInteractions,
                                 int testUsers, String contentHash, String preprocessing) { }
}
