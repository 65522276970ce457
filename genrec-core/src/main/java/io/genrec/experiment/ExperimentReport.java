package io.genrec.experiment;

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

    /** Size and content hash of a dataset. */
    public record DatasetSummary(String name, String source, int users, int items, int trainInteractions,
                                 int testUsers, String contentHash, String preprocessing) { }
}
