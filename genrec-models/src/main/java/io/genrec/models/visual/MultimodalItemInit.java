package io.genrec.models.visual;

import io.genrec.models.training.TextItemInit;

/**
 * Fused text + image item initialisation for the sequence models, the multimodal form of {@code item_init=text}: each
 * item's text row (from the {@link io.genrec.model.ItemTextEmbedder} port) and image row (from an
 * {@link io.genrec.image.ImageEncoder}, via {@link io.genrec.image.ItemImages#features}) are L2-normalised and
 * concatenated, each half weighted {@code 1/sqrt(2)} so both modalities count equally whatever their widths; an item
 * with only one of the two keeps that half (the other is zero). The fused rows are then reduced and applied exactly
 * as text rows are ({@link TextItemInit#reduce}, {@link TextItemInit#applyTo}).
 */
public final class MultimodalItemInit {
    private MultimodalItemInit() { }

    /** One fused row per item; zero where the item has neither text nor picture. */
    public static float[][] fuse(float[][] text, float[][] image) {
        if (text.length != image.length) throw new IllegalArgumentException(text.length + " text rows, " + image.length + " image rows");
        int dt = text.length == 0 ? 0 : text[0].length, di = image.length == 0 ? 0 : image[0].length;
        float[][] out = new float[text.length][dt + di];
        double half = Math.sqrt(0.5);
        for (int i = 0; i < text.length; i++) {
            put(text[i], out[i], 0, half);
            put(image[i], out[i], dt, half);
        }
        return out;
    }

    /** The fused rows reduced to {@code width} for {@link TextItemInit#applyTo}. */
    public static TextItemInit of(float[][] text, float[][] image, int width, long seed) {
        return TextItemInit.reduce(fuse(text, image), width, seed);
    }

    private static void put(float[] v, float[] out, int at, double weight) {
        double s = 0;
        for (float x : v) s += (double) x * x;
        if (s == 0) return;
        double f = weight / Math.sqrt(s);
        for (int j = 0; j < v.length; j++) out[at + j] = (float) (v[j] * f);
    }
}
