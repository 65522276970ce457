package io.genrec.image;

/**
 * Text and picture vectors of one item in one vector: each half L2-normalised and weighted {@code 1/sqrt(2)}, then
 * concatenated, so both modalities count equally whatever their widths, and the cosine of two fused vectors whose
 * halves are all present is the mean of the text cosine and the picture cosine. A missing modality (a zero vector)
 * leaves its half zero. Used for fused item rows (SASRec's {@code item_init=fused}) and fused search.
 */
public final class FusedVectors {
    private FusedVectors() { }

    /** One fused row per item; zero where the item has neither. */
    public static float[][] fuse(float[][] text, float[][] image) {
        if (text.length != image.length) throw new IllegalArgumentException(text.length + " text rows, " + image.length + " image rows");
        float[][] out = new float[text.length][];
        for (int i = 0; i < text.length; i++) out[i] = fuse(text[i], image[i]);
        return out;
    }

    /** {@code text} and {@code image}, each normalised and weighted {@code 1/sqrt(2)}, end to end. */
    public static float[] fuse(float[] text, float[] image) {
        float[] out = new float[text.length + image.length];
        double half = Math.sqrt(0.5);
        put(text, out, 0, half);
        put(image, out, text.length, half);
        return out;
    }

    private static void put(float[] v, float[] out, int at, double weight) {
        double s = 0;
        for (float x : v) s += (double) x * x;
        if (s == 0) return;
        double f = weight / Math.sqrt(s);
        for (int j = 0; j < v.length; j++) out[at + j] = (float) (v[j] * f);
    }
}
