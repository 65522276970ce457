package io.genrec.models.semanticid;

import io.genrec.models.training.ParameterSet;

/**
 * Maps an item's content embedding to a short tuple of discrete codes (a semantic ID before disambiguation): level
 * {@code l} picks one of {@link #codebookSize()} codes, coarse to fine, so items with similar content share
 * prefixes. A tokenizer is fitted once on the catalogue ({@link RqKMeans#fit}) and kept with the
 * model that uses its IDs, so an item added later is encoded with the same codebooks (cold start).
 */
public interface ItemTokenizer {
    /** The tokenizer's name, e.g. {@code rqkmeans}. */
    String name();

    /** Codes per item (before the disambiguation token {@link SemanticIds} adds). */
    int levels();

    /** Codes per level. */
    int codebookSize();

    /** Width of the embeddings it encodes. */
    int inputDimension();

    /** The {@link #levels()} codes of one embedding. */
    int[] encode(float[] embedding);

    /** Writes the tokenizer's arrays into {@code p} under names starting with {@code prefix}. */
    void writeTo(ParameterSet p, String prefix);

    /** Reads a tokenizer written by {@link #writeTo}. */
    static ItemTokenizer readFrom(String name, ParameterSet p, String prefix) {
        return switch (name) {
            case RqKMeans.NAME -> RqKMeans.readFrom(p, prefix);
            case RqVae.NAME -> RqVae.readFrom(p, prefix);
            default -> throw new IllegalArgumentException("unknown tokenizer '" + name + "' (known: rqkmeans, rqvae)");
        };
    }

    /** The index of the row of {@code codebook} ({@code [k, dim]} row-major) nearest to {@code x} (squared L2). */
    static int nearest(float[] codebook, int k, float[] x) {
        int dim = x.length, best = 0;
        double bestD = Double.POSITIVE_INFINITY;
        for (int c = 0; c < k; c++) {
            double d = 0;
            int base = c * dim;
            for (int j = 0; j < dim; j++) {
                double t = x[j] - codebook[base + j];
                d += t * t;
            }
            if (d < bestD) { bestD = d; best = c; }
        }
        return best;
    }

    /** Subtracts row {@code c} of {@code codebook} from {@code r} in place. */
    static void subtract(float[] r, float[] codebook, int c) {
        int dim = r.length;
        for (int j = 0; j < dim; j++) r[j] -= codebook[c * dim + j];
    }
}
