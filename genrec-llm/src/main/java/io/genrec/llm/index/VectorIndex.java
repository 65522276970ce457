package io.genrec.llm.index;

import io.genrec.model.TopK;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.IntPredicate;

/**
 * A searchable set of vectors keyed by non-negative int ids (dense item ids in GenRec). Vectors are L2-normalised when
 * added, so scores are cosine similarities in [-1, 1]; zero or non-finite vectors are rejected. Adding an id that is
 * present replaces its vector. Searches may run concurrently with each other and with updates.
 *
 * <p>Implementations: {@link ExactVectorIndex} (brute force; exact, the oracle) and {@link LuceneHnswIndex}
 * (approximate HNSW graph, persistent, with metadata filters).
 */
public interface VectorIndex extends Closeable {
    int dimension();

    void add(int id, float[] vector);

    /** Adds {@code vectors[i]} under {@code ids[i]}. */
    default void addAll(int[] ids, float[][] vectors) {
        if (ids.length != vectors.length) throw new IllegalArgumentException(ids.length + " ids, " + vectors.length + " vectors");
        for (int i = 0; i < ids.length; i++) add(ids[i], vectors[i]);
    }

    /** Removes {@code id}; returns whether it was present. */
    boolean delete(int id);

    /**
     * The best {@code k} vectors by cosine with {@code query} among ids accepted by {@code filter} (null accepts all),
     * best first; {@link TopK#items()} holds the ids. Fewer than {@code k} when fewer are accepted.
     */
    TopK search(float[] query, int k, IntPredicate filter);

    default TopK search(float[] query, int k) { return search(query, k, null); }

    int size();

    /**
     * Writes the index to {@code dir} so that {@link #load} restores it, replacing an earlier GenRec index there; any
     * other non-empty directory is refused.
     */
    void save(Path dir) throws IOException;

    /** Opens an index written by {@link #save}, detecting its kind. */
    static VectorIndex load(Path dir) throws IOException {
        if (Files.exists(dir.resolve(ExactVectorIndex.FILE))) return ExactVectorIndex.load(dir);
        return LuceneHnswIndex.load(dir);
    }
}
