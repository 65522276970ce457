package io.genrec.models.training;

import io.genrec.data.ItemCatalog;
import io.genrec.model.ItemTextEmbedder;
import io.genrec.model.ProgressListener;

/**
 * Initial item-embedding rows from item text, for models whose {@code item_init=text}: the catalogue is embedded by
 * an {@link ItemTextEmbedder} (MiniLM in genrec-llm), the rows of items that have text are reduced to the model's
 * width by {@link PrincipalComponents} (seeded), and {@link #applyTo} writes them over a randomly initialised table,
 * rescaled so that their standard deviation equals the random rows'. Items without text keep their random rows, so
 * the network sees the same scale everywhere and only the direction of texted rows changes.
 *
 * <p>This is the "LLM features for recommenders" use of a language model in the Gen-RecSys survey (Deldjoo et al.,
 * KDD 2024): text embeddings as side information for an ID model. UniSRec (Hou et al., KDD 2022) learns an adaptor
 * from text embeddings instead; here the text only chooses the starting point and training then moves the rows
 * freely, which costs nothing at scoring time.
 */
public final class TextItemInit {
    private final float[][] rows;
    private final int width;
    private final int texted;

    /** @param rows one row of length {@code width} per item, null for items without text */
    TextItemInit(float[][] rows, int width) {
        this.rows = rows;
        this.width = width;
        int n = 0;
        for (float[] r : rows) if (r != null) n++;
        this.texted = n;
    }

    /** Embeds {@code catalog} with {@code embedder} and reduces the texted rows to {@code width} coordinates. */
    public static TextItemInit of(ItemCatalog catalog, ItemTextEmbedder embedder, int width, long seed, ProgressListener listener) {
        return reduce(embedder.embed(catalog, listener), width, seed);
    }

    /** Reduces {@code embeddings} (zero rows = no text) by PCA to at most {@code width} coordinates; the rest stay zero. */
    public static TextItemInit reduce(float[][] embeddings, int width, long seed) {
        int count = 0;
        for (float[] e : embeddings) if (nonZero(e)) count++;
        float[][] out = new float[embeddings.length][];
        if (count == 0) return new TextItemInit(out, width);
        float[][] texted = new float[count][];
        int k = 0;
        for (float[] e : embeddings) if (nonZero(e)) texted[k++] = e;
        PrincipalComponents pca = PrincipalComponents.fit(texted, width, seed);
        for (int i = 0; i < embeddings.length; i++) {
            if (!nonZero(embeddings[i])) continue;
            out[i] = new float[width];
            System.arraycopy(pca.project(embeddings[i]), 0, out[i], 0, pca.size());
        }
        return new TextItemInit(out, width);
    }

    /** Items that have a text row. */
    public int textedItems() { return texted; }

    /** A copy of item {@code item}'s reduced (not yet rescaled) row, or null when it has no text. */
    public float[] row(int item) { return rows[item] == null ? null : rows[item].clone(); }

    /**
     * Overwrites the rows of texted items in {@code table} (row-major, {@code width} columns, at least as many rows as
     * items; extra rows such as padding are left alone) with their reduced vectors times one factor chosen so that the
     * texted rows' standard deviation equals that of the random rows they replace.
     */
    public void applyTo(float[] table, int width) {
        if (width != this.width) throw new IllegalArgumentException("table has width " + width + ", text rows " + this.width);
        if (table.length < (long) rows.length * width)
            throw new IllegalArgumentException("table has " + table.length / width + " rows, need " + rows.length);
        if (texted == 0) return;
        double randomSq = 0, textSq = 0;
        for (int i = 0; i < rows.length; i++) {
            if (rows[i] == null) continue;
            for (int j = 0; j < width; j++) {
                double r = table[i * width + j], t = rows[i][j];
                randomSq += r * r;
                textSq += t * t;
            }
        }
        double scale = textSq == 0 ? 0 : Math.sqrt(randomSq / textSq);
        for (int i = 0; i < rows.length; i++) {
            if (rows[i] == null) continue;
            for (int j = 0; j < width; j++) table[i * width + j] = (float) (rows[i][j] * scale);
        }
    }

    private static boolean nonZero(float[] v) {
        for (float x : v) if (x != 0f) return true;
        return false;
    }
}
