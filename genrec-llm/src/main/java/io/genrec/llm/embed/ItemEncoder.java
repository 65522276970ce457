package io.genrec.llm.embed;

import io.genrec.model.ProgressListener;

import java.util.List;

/**
 * Turns texts into dense vectors: the narrow port the dense retrieval, search and RAG code depend on, so an in-process
 * model, a remote embedding endpoint or a cache in front of either can be swapped without touching them.
 *
 * <p>Contract: {@link #embed(List, ProgressListener)} returns one row per text, in input order, each of length
 * {@link #dimension()} and L2-normalised (so a dot product is the cosine similarity); a blank text gets the zero
 * vector (it carries no information, and remote endpoints reject empty input). The same model id and text always
 * give the same vector. Implementations are thread safe.
 */
public interface ItemEncoder {
    /** Identifies the model and its version, e.g. {@code all-minilm-l6-v2}; cache entries are keyed by it. */
    String modelId();

    int dimension();

    float[][] embed(List<String> texts, ProgressListener listener);

    default float[][] embed(List<String> texts) { return embed(texts, ProgressListener.NONE); }

    default float[] embed(String text) { return embed(List.of(text))[0]; }
}
