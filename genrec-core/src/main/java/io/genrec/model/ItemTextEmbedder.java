package io.genrec.model;

import io.genrec.data.ItemCatalog;

/**
 * Embeds the text of every item in a catalogue: the service-provider port through which ID-based models (in
 * genrec-models) use a text encoder (in genrec-llm) without depending on it. Found with {@link java.util.ServiceLoader}
 * by {@link ItemTextEmbedders#find()}; register an implementation in
 * {@code META-INF/services/io.genrec.model.ItemTextEmbedder}.
 *
 * <p>Contract: {@link #embed} returns one row per dense item id, each of length {@link #dimension()}, L2-normalised,
 * or all zeros for an item without text. The same catalogue always gives the same rows. Thread safe.
 */
public interface ItemTextEmbedder {
    /** Identifies the encoder and its version, e.g. {@code all-minilm-l6-v2}. */
    String modelId();

    int dimension();

    float[][] embed(ItemCatalog catalog, ProgressListener listener);
}
