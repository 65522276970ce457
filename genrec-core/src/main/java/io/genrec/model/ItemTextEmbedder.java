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

    /**
     * As {@link #embed(ItemCatalog, ProgressListener)}, but each item's text is rendered with {@code template} (the
     * syntax of genrec-llm's {@code ItemTextTemplate}, e.g. {@code {title}}), so a model can choose which item fields
     * its vectors see. A null or blank template means the encoder's default. Encoders that cannot take a template
     * refuse one rather than silently ignoring it.
     */
    default float[][] embed(ItemCatalog catalog, String template, ProgressListener listener) {
        if (template == null || template.isBlank()) return embed(catalog, listener);
        throw new UnsupportedOperationException("item text encoder " + modelId() + " does not take an item text template, got '" + template + "'");
    }
}
