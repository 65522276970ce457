package io.genrec.models.semanticid;

import io.genrec.models.training.ParameterSet;

import java.util.Random;

/**
 * Residual k-means (RQ-KMeans), the training-free alternative to RQ-VAE: level 0 clusters the embeddings, each next
 * level clusters what the previous levels' centroids left over, and an item's code at each level is its nearest
 * centroid. Parameters: {@code tok.codebooks [levels, k, dim]}.
 */
public final class RqKMeans implements ItemTokenizer {
    public static final String NAME = "rqkmeans";
    private final float[][] codebooks;
    private final int k, dim;

    RqKMeans(float[][] codebooks, int k, int dim) {
        this.codebooks = codebooks;
        this.k = k;
        this.dim = dim;
    }

    /** Fits {@code levels} codebooks of {@code k} codes on {@code embeddings} (rows of equal width). */
    public static RqKMeans fit(float[][] embeddings, int levels, int k, int iterations, long seed) {
        if (embeddings.length == 0) throw new IllegalArgumentException("no embeddings to fit a tokenizer on");
        int dim = embeddings[0].length;
        float[][] residual = new float[embeddings.length][];
        for (int i = 0; i < residual.length; i++) residual[i] = embeddings[i].clone();
        float[][] books = new float[levels][];
        Random rng = new Random(seed);
        for (int l = 0; l < levels; l++) {
            books[l] = KMeans.fit(residual, k, iterations, rng);
            for (float[] r : residual) ItemTokenizer.subtract(r, books[l], ItemTokenizer.nearest(books[l], k, r));
        }
        return new RqKMeans(books, k, dim);
    }

    @Override public String name() { return NAME; }
    @Override public int levels() { return codebooks.length; }
    @Override public int codebookSize() { return k; }
    @Override public int inputDimension() { return dim; }

    @Override
    public int[] encode(float[] embedding) {
        if (embedding.length != dim) throw new IllegalArgumentException("embedding has width " + embedding.length + ", tokenizer " + dim);
        float[] r = embedding.clone();
        int[] codes = new int[codebooks.length];
        for (int l = 0; l < codes.length; l++) {
            codes[l] = ItemTokenizer.nearest(codebooks[l], k, r);
            ItemTokenizer.subtract(r, codebooks[l], codes[l]);
        }
        return codes;
    }

    @Override
    public void writeTo(ParameterSet p, String prefix) {
        float[] flat = new float[codebooks.length * k * dim];
        for (int l = 0; l < codebooks.length; l++) System.arraycopy(codebooks[l], 0, flat, l * k * dim, k * dim);
        p.add(prefix + "codebooks", flat, codebooks.length, k, dim);
    }

    static RqKMeans readFrom(ParameterSet p, String prefix) {
        int[] s = p.shape(prefix + "codebooks");
        float[] flat = p.get(prefix + "codebooks");
        float[][] books = new float[s[0]][];
        for (int l = 0; l < s[0]; l++) books[l] = java.util.Arrays.copyOfRange(flat, l * s[1] * s[2], (l + 1) * s[1] * s[2]);
        return new RqKMeans(books, s[1], s[2]);
    }
}
