package io.genrec.llm.crs;

import java.util.List;

/**
 * A conversational benchmark: candidate catalogue, tuning samples and test samples, and per-movie mention counts
 * from the tuning dialogues only (the popularity prior; test-split counts would leak the targets).
 */
public record CrsDataset(String name, CrsCatalog catalog, List<CrsSample> tune, List<CrsSample> test, int[] tuneMentions) {
    public CrsDataset { tune = List.copyOf(tune); test = List.copyOf(test); }

    public CrsDataset withCatalog(CrsCatalog c) { return new CrsDataset(name, c, tune, test, tuneMentions); }
}
