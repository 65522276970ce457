package io.genrec.llm.index;

import io.genrec.image.FusedVectors;
import io.genrec.model.TopK;

import java.util.function.IntPredicate;

/**
 * One item set searchable by text, by picture or by both: three exact indexes over the same item ids, holding each
 * item's text vector, its picture vector and its fused vector ({@link FusedVectors}: normalised halves, equally
 * weighted). An item without text (a zero row) is absent from the text index, one without a picture from the picture
 * index; the fused index holds every item with either, its missing half zero, so a fused query scores an item that
 * matches in one modality only by that modality's half.
 */
public final class MultimodalIndex {
    /** Which vectors a query is compared with. */
    public enum Modality { TEXT, IMAGE, FUSED }

    private final ExactVectorIndex text, image, fused;
    private final int textDim, imageDim;

    private MultimodalIndex(ExactVectorIndex text, ExactVectorIndex image, ExactVectorIndex fused, int textDim, int imageDim) {
        this.text = text;
        this.image = image;
        this.fused = fused;
        this.textDim = textDim;
        this.imageDim = imageDim;
    }

    /** Indexes item {@code i}'s {@code textRows[i]} and {@code imageRows[i]} (zero rows: that modality is missing). */
    public static MultimodalIndex build(float[][] textRows, float[][] imageRows) {
        if (textRows.length != imageRows.length)
            throw new IllegalArgumentException(textRows.length + " text rows, " + imageRows.length + " image rows");
        if (textRows.length == 0) throw new IllegalArgumentException("no items to index");
        int dt = textRows[0].length, di = imageRows[0].length;
        ExactVectorIndex t = new ExactVectorIndex(dt), im = new ExactVectorIndex(di), f = new ExactVectorIndex(dt + di);
        for (int i = 0; i < textRows.length; i++) {
            boolean hasText = nonZero(textRows[i]), hasImage = nonZero(imageRows[i]);
            if (hasText) t.add(i, textRows[i]);
            if (hasImage) im.add(i, imageRows[i]);
            if (hasText || hasImage) f.add(i, FusedVectors.fuse(textRows[i], imageRows[i]));
        }
        return new MultimodalIndex(t, im, f, dt, di);
    }

    /**
     * The best {@code k} items for {@code query} in {@code modality}'s vectors; a {@link Modality#FUSED} query is
     * {@link #fusedQuery}.
     */
    public TopK search(Modality modality, float[] query, int k, IntPredicate filter) {
        return index(modality).search(query, k, filter);
    }

    /** The fused query of a text vector and a picture vector (either may be zero: then only the other half counts). */
    public float[] fusedQuery(float[] textQuery, float[] imageQuery) {
        if (textQuery.length != textDim || imageQuery.length != imageDim)
            throw new IllegalArgumentException("query widths " + textQuery.length + "/" + imageQuery.length + ", index " + textDim + "/" + imageDim);
        return FusedVectors.fuse(textQuery, imageQuery);
    }

    /** How many items {@code modality}'s index holds. */
    public int size(Modality modality) { return index(modality).size(); }

    private ExactVectorIndex index(Modality m) {
        return switch (m) {
            case TEXT -> text;
            case IMAGE -> image;
            case FUSED -> fused;
        };
    }

    private static boolean nonZero(float[] v) {
        for (float x : v) if (x != 0f) return true;
        return false;
    }
}
