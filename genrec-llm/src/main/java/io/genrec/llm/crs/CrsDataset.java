package io.genrec.llm.crs;

import java.util.List;

/**
 * A conversational benchmark: candidate catalogue, tuning samples and test samples, and per-movie mention counts
 * from the tuning dialogues only (the popularity prior; test-split counts would leak the targets). {@code tuneWorkers}
 * maps a tuning dialogue id to its recommender's worker id (ReDial's {@code respondentWorkerId}; empty when unknown):
 * tuning statistics can then leave out every dialogue of the same recommender, as no test recommender is a tuning one.
 */
public record CrsDataset(String name, CrsCatalog catalog, List<CrsSample> tune, List<CrsSample> test, int[] tuneMentions,
                         java.util.Map<String, String> tuneWorkers) {
    public CrsDataset { tune = List.copyOf(tune); test = List.copyOf(test); tuneWorkers = java.util.Map.copyOf(tuneWorkers); }

    /** Without recommender worker ids (every tuning dialogue is its own leave-out group). */
    public CrsDataset(String name, CrsCatalog catalog, List<CrsSample> tune, List<CrsSample> test, int[] tuneMentions) {
        this(name, catalog, tune, test, tuneMentions, java.util.Map.of());
    }

    public CrsDataset withCatalog(CrsCatalog c) { return new CrsDataset(name, c, tune, test, tuneMentions, tuneWorkers); }
}
