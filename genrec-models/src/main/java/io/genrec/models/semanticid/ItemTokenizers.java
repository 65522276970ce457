package io.genrec.models.semanticid;

/** Fits an {@link ItemTokenizer} by name: the one place a model's {@code tokenizer=} key is resolved. */
public final class ItemTokenizers {
    /** Lloyd steps per level of RQ-KMeans (as in {@code genrec bench semantic-ids}'s default). */
    public static final int KMEANS_ITERATIONS = 20;

    private ItemTokenizers() { }

    /** A tokenizer named {@code name} fitted on {@code emb} (one row per item): {@code levels} codebooks of {@code codes}. */
    public static ItemTokenizer fit(String name, float[][] emb, int levels, int codes, long seed) {
        return switch (name) {
            case RqKMeans.NAME -> RqKMeans.fit(emb, levels, codes, KMEANS_ITERATIONS, seed);
            case RqVae.NAME -> RqVae.fit(emb, levels, codes, seed);
            default -> throw new IllegalArgumentException("unknown tokenizer '" + name + "' (known: rqkmeans, rqvae)");
        };
    }
}
